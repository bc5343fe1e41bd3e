#include "metrics/purchaseprofile.h"

#include "store/database.h"

#include <algorithm>

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

PurchaseProfile::PurchaseProfile(size_t customers) : m_customers(customers) {}

std::uint32_t PurchaseProfile::code(std::string_view text)
{
    if (text.empty())
        return 0;
    if (const auto known = m_codes.find(text); known != m_codes.end())
        return known->second;
    const auto added = std::uint32_t(m_words.size());
    m_words.emplace_back(text);
    m_codes.emplace(m_words.back(), added);
    return added;
}

QString PurchaseProfile::word(std::uint32_t code) const
{
    const std::string &text = m_words[code];
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

void PurchaseProfile::addPurchase(qint64 orderId, size_t customer, qint64 day, std::string_view orderDate,
                                  std::string_view channel)
{
    Customer &c = m_customers[customer];
    const qint64 moment = day * 86400 + secondsOfDay(orderDate);
    m_purchases.emplace_back(orderId, std::uint32_t(customer));
    if (moment < c.firstMoment || (moment == c.firstMoment && orderId < c.firstOrder)) {
        c.firstMoment = moment;
        c.firstOrder = orderId;
        c.firstChannel = code(channel);
    }
    if (moment > c.lastMoment || (moment == c.lastMoment && orderId > c.lastOrder)) {
        c.lastMoment = moment;
        c.lastOrder = orderId;
    }
}

void PurchaseProfile::readLines(store::Database &db, Progress *progress)
{
    std::sort(m_purchases.begin(), m_purchases.end());
    store::Statement lines(db, "SELECT order_id, product, category, amount FROM order_lines ORDER BY order_id, line_no");
    size_t at = 0;
    qint64 seen = 0;
    while (lines.step()) {
        if (++seen % 65536 == 0 && progress)
            progress->checkCanceled();
        const qint64 orderId = lines.int64(0);
        while (at < m_purchases.size() && m_purchases[at].first < orderId)
            ++at;
        if (at == m_purchases.size())
            break; // no purchase left: the remaining lines are of other orders
        if (m_purchases[at].first != orderId)
            continue;
        addLine(m_purchases[at].second, orderId, lines.utf8(1), lines.utf8(2), lines.isNull(3) ? 0.0 : lines.real(3));
    }
}

void PurchaseProfile::addLine(size_t customer, qint64 orderId, std::string_view product, std::string_view category,
                              double amount)
{
    Customer &c = m_customers[customer];
    if (!product.empty()) {
        const std::uint32_t p = code(product);
        if (orderId == c.firstOrder && c.firstProduct == 0)
            c.firstProduct = p;
        if (orderId == c.lastOrder && c.lastProduct == 0)
            c.lastProduct = p;
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
        const std::uint32_t k = code(category);
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

std::uint32_t PurchaseProfile::favouriteCategoryCode(size_t customer) const
{
    std::uint32_t best = kEnd;
    for (std::uint32_t node = m_customers[customer].categories; node != kEnd; node = m_spends[node].next) {
        const Spend &s = m_spends[node];
        if (best == kEnd || s.amount > m_spends[best].amount ||
            (s.amount == m_spends[best].amount && m_words[s.category] < m_words[m_spends[best].category]))
            best = node;
    }
    return best == kEnd ? 0 : m_spends[best].category;
}

} // namespace segmenta::metrics
