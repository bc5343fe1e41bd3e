#include "metrics/purchaseprofile.h"

#include "store/database.h"

namespace segmenta::metrics {

namespace {

// Seconds into the day of an ISO date-time text ("2024-07-03T09:41:00", "2024-07-03 09:41"); 0 for a date.
qint64 secondsOfDay(std::string_view text)
{
    if (text.size() < 16 || (text[10] != 'T' && text[10] != ' '))
        return 0;
    const auto two = [text](size_t at) {
        const char a = text[at], b = text[at + 1];
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : 0;
    };
    const qint64 seconds = text.size() >= 19 && text[16] == ':' ? two(17) : 0;
    return two(11) * 3600 + two(14) * 60 + seconds;
}

} // namespace

PurchaseProfile::PurchaseProfile(size_t customers) : m_buyers(customers), m_baskets(customers)
{
    m_unpublishedPurchases.reserve(kBatch);
}

std::uint32_t PurchaseProfile::Dictionary::code(std::string_view text)
{
    if (text.empty())
        return 0;
    if (const auto known = codes.find(text); known != codes.end())
        return known->second;
    const auto added = std::uint32_t(words.size());
    words.emplace_back(text);
    codes.emplace(words.back(), added);
    return added;
}

void PurchaseProfile::addPurchase(qint64 orderId, size_t customer, qint64 day, std::string_view orderDate,
                                  std::string_view channel)
{
    Buyer &c = m_buyers[customer];
    const qint64 moment = day * 86400 + secondsOfDay(orderDate);
    const qint64 purchase = m_purchases++;
    m_unpublishedPurchases.push_back({orderId, std::uint32_t(customer)});
    if (moment < c.firstMoment || (moment == c.firstMoment && orderId < c.firstOrder)) {
        c.firstMoment = moment;
        c.firstOrder = orderId;
        c.firstPurchase = purchase;
        c.firstChannel = m_channels.code(channel);
    }
    if (moment > c.lastMoment || (moment == c.lastMoment && orderId > c.lastOrder)) {
        c.lastMoment = moment;
        c.lastOrder = orderId;
        c.lastPurchase = purchase;
    }
}

void PurchaseProfile::publish(qint64 scannedThrough)
{
    {
        const std::lock_guard lock(m_feedMutex);
        m_batches.push_back(std::exchange(m_unpublishedPurchases, {}));
        m_scannedThrough = scannedThrough;
    }
    m_fed.notify_all();
    m_unpublishedPurchases.reserve(kBatch);
    m_unpublished = 0;
}

void PurchaseProfile::purchasesDone()
{
    {
        const std::lock_guard lock(m_feedMutex);
        m_batches.push_back(std::exchange(m_unpublishedPurchases, {}));
        m_scannedThrough = std::numeric_limits<qint64>::max();
        m_done = true;
    }
    m_fed.notify_all();
}

void PurchaseProfile::stop()
{
    {
        const std::lock_guard lock(m_feedMutex);
        m_stopped = true;
    }
    m_fed.notify_all();
}

// Walks the published purchases by ascending order id for readLines(), waiting for the pass over the orders
// where it has not got far enough yet.
class PurchaseProfile::PurchaseCursor
{
public:
    explicit PurchaseCursor(PurchaseProfile &profile) : m_profile(profile) {}

    // The purchase of order `orderId` (ids asked for ascend), or null when it is none; `number` is its number.
    // Sets `exhausted` once no purchase is left at all.
    const Purchase *seek(qint64 orderId, size_t &number, bool &exhausted)
    {
        for (;;) {
            while (m_at < m_size && m_data[m_at].orderId < orderId) {
                ++m_at;
                ++m_number;
            }
            if (m_at < m_size) {
                number = m_number;
                return m_data[m_at].orderId == orderId ? &m_data[m_at] : nullptr;
            }
            switch (nextBatch(orderId)) {
            case Next::Batch:
                break;
            case Next::Passed:
                return nullptr;
            case Next::Exhausted:
                exhausted = true;
                return nullptr;
            }
        }
    }

private:
    enum class Next { Batch, Passed, Exhausted };

    // Takes the next batch, waiting until there is one or the pass got past `orderId` (then the order is no
    // purchase: the batches hold every purchase up to where the pass got).
    Next nextBatch(qint64 orderId)
    {
        std::unique_lock lock(m_profile.m_feedMutex);
        m_profile.m_fed.wait(lock, [&] {
            return m_profile.m_stopped || m_taken < m_profile.m_batches.size() || m_profile.m_scannedThrough >= orderId;
        });
        if (m_profile.m_stopped)
            throw Canceled();
        if (m_taken < m_profile.m_batches.size()) {
            // The batch's elements stay where they are while more batches are added (a deque's elements do
            // not move, nor does a moved vector's buffer).
            const std::vector<Purchase> &batch = m_profile.m_batches[m_taken++];
            m_data = batch.data();
            m_size = batch.size();
            m_at = 0;
            return Next::Batch;
        }
        return m_profile.m_done ? Next::Exhausted : Next::Passed;
    }

    PurchaseProfile &m_profile;
    const Purchase *m_data = nullptr;
    size_t m_size = 0;
    size_t m_at = 0;
    size_t m_number = 0; // of the purchase at m_at
    size_t m_taken = 0;  // batches taken
};

void PurchaseProfile::readLines(store::Database &db, Progress *progress)
{
    store::Statement lines(db, "SELECT order_id, product, category, amount FROM order_lines ORDER BY order_id, line_no");
    PurchaseCursor purchases(*this);
    qint64 seen = 0;
    bool exhausted = false;
    while (lines.step()) {
        if (++seen % 65536 == 0 && progress)
            progress->checkCanceled();
        const qint64 orderId = lines.int64(0);
        size_t number = 0;
        const Purchase *purchase = purchases.seek(orderId, number, exhausted);
        if (exhausted)
            break; // no purchase left: the remaining lines are of other orders
        if (purchase)
            addLine(number, purchase->customer, lines.utf8(1), lines.utf8(2), lines.isNull(3) ? 0.0 : lines.real(3));
    }
}

void PurchaseProfile::forgetLines()
{
    m_baskets.assign(m_baskets.size(), Basket());
    m_lineWords = Dictionary();
    m_spends.clear();
    m_seen.clear();
    m_firstProductOf.clear();
}

void PurchaseProfile::addLine(size_t purchase, size_t customer, std::string_view product, std::string_view category,
                              double amount)
{
    Basket &c = m_baskets[customer];
    if (!product.empty()) {
        const std::uint32_t p = m_lineWords.code(product);
        if (m_firstProductOf.size() <= purchase)
            m_firstProductOf.resize(purchase + 1, 0);
        if (m_firstProductOf[purchase] == 0)
            m_firstProductOf[purchase] = p;
        std::uint32_t node = c.products;
        while (node != kEnd && m_seen[node].product != p)
            node = m_seen[node].next;
        if (node == kEnd) {
            m_seen.push_back({p, c.products});
            c.products = std::uint32_t(m_seen.size() - 1);
            ++c.distinctProducts;
        }
    }
    if (!category.empty()) {
        const std::uint32_t k = m_lineWords.code(category);
        std::uint32_t node = c.categories;
        while (node != kEnd && m_spends[node].category != k)
            node = m_spends[node].next;
        if (node == kEnd) {
            m_spends.push_back({k, c.categories, 0.0});
            node = c.categories = std::uint32_t(m_spends.size() - 1);
        }
        m_spends[node].amount += amount;
    }
}

std::string_view PurchaseProfile::productOf(qint64 purchase) const
{
    if (purchase < 0 || size_t(purchase) >= m_firstProductOf.size())
        return {};
    return m_lineWords.words[m_firstProductOf[size_t(purchase)]];
}

std::string_view PurchaseProfile::favouriteCategoryUtf8(size_t customer) const
{
    std::uint32_t best = kEnd;
    for (std::uint32_t node = m_baskets[customer].categories; node != kEnd; node = m_spends[node].next) {
        const Spend &s = m_spends[node];
        if (best == kEnd || s.amount > m_spends[best].amount ||
            (s.amount == m_spends[best].amount &&
             m_lineWords.words[s.category] < m_lineWords.words[m_spends[best].category]))
            best = node;
    }
    return best == kEnd ? std::string_view() : std::string_view(m_lineWords.words[m_spends[best].category]);
}

} // namespace segmenta::metrics
