#include "metrics/customermetrics.h"

#include "common/datetext.h"
#include "metrics/purchaseprofile.h"
#include "predict/customerpredictions.h"
#include "rules/columncache.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <map>
#include <limits>
#include <cmath>
#include <iterator>
#include <numeric>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace segmenta::metrics {

namespace {

using store::Statement;

// Julian day of an ISO date or date-time text, or nullopt. Hand-parsed: this runs once per order.
std::optional<qint64> julianDay(const char *text, int length)
{
    if (!text || length < 10 || text[4] != '-' || text[7] != '-')
        return std::nullopt;
    const auto digits = [text](int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; ++i) {
            if (text[i] < '0' || text[i] > '9')
                return -1;
            value = value * 10 + (text[i] - '0');
        }
        return value;
    };
    const int y = digits(0, 4), m = digits(5, 2), d = digits(8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31)
        return std::nullopt;
    const QDate date(y, m, d);
    if (!date.isValid())
        return std::nullopt;
    return date.toJulianDay();
}

std::optional<qint64> julianDay(std::string_view text)
{
    return julianDay(text.data(), int(text.size()));
}

struct Customer
{
    qint64 id = 0;
    std::optional<qint64> signupDay;
    qint64 orders = 0;
    double spend = 0;
    double largest = 0;
    std::optional<qint64> firstDay;
    std::optional<qint64> lastDay;
    qint64 refunded = 0;
    qint64 cancelled = 0; // cancelled or refunded orders (not purchases)
    double spend30 = 0, spend90 = 0, spend365 = 0;
    qint64 orders30 = 0, orders90 = 0, orders365 = 0;
    const char *tier = tier::kNone;
    int r = 0, f = 0, m = 0;
};

// The buyers paired with the value they are ranked by, sorted by it (ascending, or descending). The values sit
// beside the pointers, so a comparison does not go to the customers (a cache miss each at a million buyers).
// Buyers with equal values are in no particular order: everything ranked from this treats them alike.
template <typename Key, typename Value>
std::vector<std::pair<Key, Customer *>> sortedBy(const std::vector<Customer *> &buyers, Value value, bool descending)
{
    std::vector<std::pair<Key, Customer *>> sorted;
    sorted.reserve(buyers.size());
    for (Customer *c : buyers)
        sorted.emplace_back(value(*c), c);
    std::sort(sorted.begin(), sorted.end(), [descending](const auto &a, const auto &b) {
        return descending ? a.first > b.first : a.first < b.first;
    });
    return sorted;
}

// Each buyer gets the fifth its position falls in, 1 + floor(5 x position / n), [begin, end) running from the
// worst value to the best. Buyers with the same value share the middle of their block, position = strictly worse
// + ties / 2, so no row order decides and a block of ties is scored where it lies: the five buyers of a
// ten-buyer shop who bought on its latest day get R 4 (counting only the strictly less recent gave them 3, and
// with every buyer on that day every buyer got 1, the least recent; now 3). In integers:
// 1 + (5 x (2 x worse + ties)) / (2 x n).
template <typename Iterator>
void scoreQuintiles(Iterator begin, Iterator end, int Customer::*score)
{
    const auto n = qint64(end - begin);
    for (Iterator block = begin; block != end;) {
        Iterator next = block;
        while (next != end && next->first == block->first)
            ++next;
        const auto worse = qint64(block - begin);
        const auto ties = qint64(next - block);
        const int value = int(1 + (5 * (2 * worse + ties)) / (2 * n));
        for (; block != next; ++block)
            block->second->*score = value;
    }
}

// Fewer buyers than this are not scored R or M: fifths of fewer than five customers say nothing (a shop's
// only buyer, who bought yesterday, was scored the least recent and named Hibernating).
constexpr size_t kFewestScored = 5;

// `bySpend`: the buyers by descending spend.
void assignTiers(const std::vector<std::pair<double, Customer *>> &bySpend, const TierDefinition &tiers)
{
    const auto n = double(bySpend.size());
    const double revenue = std::accumulate(bySpend.begin(), bySpend.end(), 0.0,
                                           [](double sum, const auto &buyer) { return sum + buyer.first; });
    qint64 rankBefore = 0;       // buyers with strictly greater spend
    double revenueBefore = 0;    // their revenue
    double runningRevenue = 0;
    for (size_t i = 0; i < bySpend.size(); ++i) {
        Customer &c = *bySpend[i].second;
        if (i > 0 && c.spend != bySpend[i - 1].first) {
            rankBefore = qint64(i);
            revenueBefore = runningRevenue;
        }
        runningRevenue += c.spend;
        switch (tiers.method) {
        case TierMethod::CustomerShare:
            c.tier = double(rankBefore) < tiers.highCustomerShare * n                              ? tier::kHigh
                     : double(rankBefore) < (tiers.highCustomerShare + tiers.midCustomerShare) * n ? tier::kMid
                                                                                                    : tier::kLow;
            break;
        case TierMethod::RevenueShare:
            c.tier = revenueBefore < tiers.highRevenueShare * revenue                             ? tier::kHigh
                     : revenueBefore < (tiers.highRevenueShare + tiers.midRevenueShare) * revenue ? tier::kMid
                                                                                                   : tier::kLow;
            break;
        case TierMethod::SpendThresholds:
            c.tier = c.spend >= tiers.highMinSpend ? tier::kHigh : c.spend >= tiers.midMinSpend ? tier::kMid : tier::kLow;
            break;
        }
    }
}

// A customer list's totals as the purchase history of a customer without order rows (columns 2 to 5 of
// `query`: list_total_spend, list_orders_count, list_first_order_date, list_last_order_date). Any of them
// makes a buyer: spend above zero, or a date, without a count means one order; with one order and one of the
// dates, the other is the same day. A last order date after the analysis date counts as on it.
void applyListTotals(const Statement &query, qint64 today, Customer &c)
{
    const double spend = query.isNull(2) ? 0.0 : query.real(2);
    const qint64 count = query.isNull(3) ? 0 : query.int64(3);
    std::optional<qint64> first = julianDay(query.utf8(4));
    std::optional<qint64> last = julianDay(query.utf8(5));
    if (spend <= 0 && count <= 0 && !first && !last)
        return;
    c.orders = std::max<qint64>(count, 1);
    c.spend = std::max(spend, 0.0);
    if (c.orders == 1) {
        first = first ? first : last;
        last = last ? last : first;
    }
    c.firstDay = first;
    c.lastDay = last;
    if (c.lastDay && *c.lastDay > today)
        c.lastDay = today;
}

// Customers by id, for the pass over the orders: a dense table when the ids are mostly contiguous (they are
// row ids), a hash map when they are sparse.
class CustomerIndex
{
public:
    explicit CustomerIndex(const std::vector<Customer> &customers)
        : m_maxId(customers.empty() ? 0 : customers.back().id), m_dense(m_maxId <= qint64(customers.size()) * 4 + 1024)
    {
        if (m_dense) {
            m_denseIndex.assign(size_t(m_maxId + 1), -1);
            for (size_t i = 0; i < customers.size(); ++i)
                m_denseIndex[size_t(customers[i].id)] = qint32(i);
        } else {
            for (size_t i = 0; i < customers.size(); ++i)
                m_sparseIndex.emplace(customers[i].id, qint32(i));
        }
    }

    // The customer's index, or -1 for an id not in the list.
    qint32 find(qint64 id) const
    {
        if (m_dense)
            return id >= 0 && id <= m_maxId ? m_denseIndex[size_t(id)] : -1;
        const auto it = m_sparseIndex.find(id);
        return it != m_sparseIndex.end() ? it->second : -1;
    }

private:
    qint64 m_maxId;
    bool m_dense;
    std::vector<qint32> m_denseIndex;
    std::unordered_map<qint64, qint32> m_sparseIndex;
};

// Every customer by ascending id, with the customer list's totals as their history until orders replace them.
std::vector<Customer> readCustomers(store::Workspace &workspace, qint64 today)
{
    std::vector<Customer> customers;
    customers.reserve(size_t(workspace.customerCount()));
    Statement query(workspace.db(), "SELECT id, signup_date, list_total_spend, list_orders_count, list_first_order_date, "
                                    "list_last_order_date FROM customers ORDER BY id");
    while (query.step()) {
        Customer c;
        c.id = query.int64(0);
        c.signupDay = julianDay(query.utf8(1));
        applyListTotals(query, today, c); // replaced in scanOrders() if the customer has orders
        customers.push_back(c);
    }
    return customers;
}

// Adds one purchase (a valid order on or before the analysis date) to the customer's aggregates.
void addPurchase(Customer &c, qint64 day, double amount, qint64 today)
{
    const qint64 ago = today - day;
    ++c.orders;
    c.spend += amount;
    c.largest = c.orders == 1 ? amount : std::max(c.largest, amount);
    if (!c.firstDay || day < *c.firstDay)
        c.firstDay = day;
    if (!c.lastDay || day > *c.lastDay)
        c.lastDay = day;
    if (ago <= 30) {
        c.spend30 += amount;
        ++c.orders30;
    }
    if (ago <= 90) {
        c.spend90 += amount;
        ++c.orders90;
    }
    if (ago <= 365) {
        c.spend365 += amount;
        ++c.orders365;
    }
}

// One pass over the orders in storage order, which is by id (sequential reads, no index lookups, no sort);
// every metric is an order-independent aggregate. Each purchase counted is told to `profile` too, which wants
// them by ascending id.
void scanOrders(store::Database &db, const AnalysisSettings &settings, qint64 today, std::vector<Customer> &customers,
                PurchaseProfile &profile, Progress *progress)
{
    const CustomerIndex index(customers);
    std::vector<bool> hasOrders(customers.size(), false);
    Statement orders(db, "SELECT customer_id, order_date, amount, is_valid, is_refund, id, channel FROM orders ORDER BY id");
    qint64 seen = 0;
    while (orders.step()) {
        if (++seen % 65536 == 0 && progress)
            progress->checkCanceled();
        profile.reached(orders.int64(5));
        const qint32 at = index.find(orders.int64(0));
        if (at < 0)
            continue;
        Customer &current = customers[size_t(at)];
        if (!hasOrders[size_t(at)]) {
            // Orders replace the customer list's aggregates.
            hasOrders[size_t(at)] = true;
            current.orders = 0;
            current.spend = 0;
            current.firstDay.reset();
            current.lastDay.reset();
        }
        const std::string_view dateText = orders.utf8(1);
        const auto day = julianDay(dateText.data(), int(dateText.size()));
        if (!day || *day > today)
            continue;
        if (orders.int64(4) != 0)
            ++current.refunded;
        if (orders.int64(3) == 0) {
            ++current.cancelled;
            continue;
        }
        const double amount = orders.isNull(2) ? 0.0 : orders.real(2);
        if (amount <= 0 && !settings.purchase.zeroAmountIsPurchase)
            continue; // no purchase: see PurchaseDefinition
        profile.addPurchase(orders.int64(5), size_t(at), *day, dateText, orders.utf8(6));
        addPurchase(current, *day, amount, today);
    }
}

// Reads the purchases' order lines into `profile` on a thread of its own, through a second connection to the
// workspace, while the calling thread scans the orders (readLines() follows the purchases as they are added):
// on two cores the lines cost about nothing beside the orders. Only when a second connection sees what `db`
// sees: a file (not held exclusively, as DirectWrites does), and no transaction of the caller's open on `db`,
// whose uncommitted changes another connection could not see (the settings dialog recomputes inside one). Both
// then read in a transaction, and the second checks that the orders and lines are those of the first
// (ColumnCache::purchaseStamp, which changes with every import, undo and demo shop); when they are not, or the
// second connection cannot read, finish() says so and the caller reads the lines itself, as it does otherwise.
class LinesBeside
{
public:
    LinesBeside(store::Database &db, PurchaseProfile &profile, Progress *progress) : m_profile(profile)
    {
        if (sqlite3_get_autocommit(db.handle()) == 0 || db.path().isEmpty() || db.path() == u":memory:" ||
            db.scalar("PRAGMA locking_mode").toString() != u"normal")
            return;
        m_reading.emplace(db); // the orders are scanned in this transaction, so they are what the stamp says
        const QString stamp = rules::ColumnCache::purchaseStamp(db);
        const auto access = db.access() == store::Database::Access::Immutable ? store::Database::Access::Immutable
                                                                              : store::Database::Access::ReadOnly;
        m_thread = std::thread([this, path = db.path(), access, stamp, progress] {
            try {
                store::Database other = store::Database::open(path, access);
                store::Transaction reading(other);
                if (rules::ColumnCache::purchaseStamp(other) != stamp)
                    return; // changed in between: read on the calling thread
                m_profile.readLines(other, progress);
                m_read = true;
            } catch (const store::DatabaseError &) {
                // Busy, or not readable from a second connection: read on the calling thread.
            } catch (...) {
                m_error = std::current_exception(); // cancelled, or out of memory
            }
        });
    }
    ~LinesBeside()
    {
        if (m_thread.joinable()) {
            m_profile.stop(); // the scan failed: the thread may be waiting for purchases
            m_thread.join();
        }
    }
    LinesBeside(const LinesBeside &) = delete;
    LinesBeside &operator=(const LinesBeside &) = delete;

    // After the scan (profile.purchasesDone()): waits for the lines and says whether they were read.
    bool finish()
    {
        if (m_reading)
            m_reading->commit();
        if (!m_thread.joinable())
            return false;
        m_thread.join();
        if (m_error)
            std::rethrow_exception(m_error);
        return m_read;
    }

private:
    PurchaseProfile &m_profile;
    std::optional<store::Transaction> m_reading;
    std::thread m_thread;
    std::exception_ptr m_error;
    bool m_read = false;
};

// Scans the orders and reads the purchases' lines, beside each other when LinesBeside can, else one after the
// other on the calling thread (the same figures). Returns whether beside.
bool readPurchases(store::Database &db, const AnalysisSettings &settings, qint64 today, std::vector<Customer> &customers,
                   PurchaseProfile &profile, Progress *progress)
{
    LinesBeside beside(db, profile, progress);
    scanOrders(db, settings, today, customers, profile, progress);
    profile.purchasesDone();
    if (beside.finish())
        return true;
    profile.forgetLines(); // what a second connection read before it failed
    profile.readLines(db, progress);
    return false;
}

// Why R or M is given to no buyer (CustomerMetrics::kRUnscoredKey): too few buyers, or a score every buyer
// would share (all bought last on the same day, as in a one-day export; all spent the same), which names a
// segment ("About to Sleep") the data does not show. Empty: scored.
struct Unscored
{
    const char *r = nullptr;
    const char *m = nullptr;
};

// `sorted` by the value scored: whether fifths of it would tell any buyer from another, and if not, why.
template <typename Value>
const char *whyNotScored(const std::vector<std::pair<Value, Customer *>> &sorted)
{
    if (sorted.size() < kFewestScored)
        return CustomerMetrics::kFewBuyers;
    return sorted.front().first == sorted.back().first ? CustomerMetrics::kOneValue : nullptr;
}

// Value tiers and R, F, M scores of the buyers; "cancelled" for customers whose every order was cancelled or
// refunded. Returns how many buyers there are.
qint64 rankBuyers(std::vector<Customer> &customers, const AnalysisSettings &settings, qint64 today, Unscored &unscored)
{
    std::vector<Customer *> buyers;
    for (Customer &c : customers) {
        if (c.orders > 0)
            buyers.push_back(&c);
        else if (c.cancelled > 0)
            c.tier = tier::kCancelled; // shown as such, not as "no purchase"
    }
    // One sort by spend for the tiers (descending) and M (read backwards: the worst spend first).
    const auto bySpend = sortedBy<double>(buyers, [](const Customer &c) { return c.spend; }, true);
    assignTiers(bySpend, settings.tiers);
    unscored.m = whyNotScored(bySpend);
    if (!unscored.m)
        scoreQuintiles(bySpend.rbegin(), bySpend.rend(), &Customer::m);
    // Buyers without a known last order date (customer-list totals only) get no recency score and no RFM
    // segment: their stage says "recency unknown". The others are ranked among themselves, the most days
    // since the last order first.
    std::vector<Customer *> dated;
    std::copy_if(buyers.begin(), buyers.end(), std::back_inserter(dated), [](const Customer *c) { return c->lastDay.has_value(); });
    const auto byDays = sortedBy<qint64>(dated, [today](const Customer &c) { return today - *c.lastDay; }, true);
    unscored.r = whyNotScored(byDays);
    if (!unscored.r)
        scoreQuintiles(byDays.begin(), byDays.end(), &Customer::r);
    for (Customer *c : buyers) // F by order-count bins: see RfmMap
        c->f = settings.rfm.frequencyScore(c->orders);
    return qint64(buyers.size());
}

// How many customers went from each lifecycle stage to each other one, when the analysis date moves forward
// (lifecycle_moves): the stages stored before are read before the rows are replaced, then each new stage is
// counted as its row is written (both by ascending customer id).
class StageMoves
{
public:
    StageMoves(store::Workspace &workspace, const QDate &asOf)
        : m_previousDate(QDate::fromString(workspace.setting(QString::fromLatin1(CustomerMetrics::kStagesAsOfKey)), Qt::ISODate)),
          m_asOf(asOf), m_recording(m_previousDate.isValid() && asOf > m_previousDate)
    {
        if (!m_recording)
            return;
        Statement old(workspace.db(), "SELECT customer_id, lifecycle_stage FROM customer_metrics ORDER BY customer_id");
        while (old.step())
            m_previous.emplace_back(old.int64(0), old.text(1));
    }

    void count(qint64 customerId, const char *stage)
    {
        if (!m_recording)
            return;
        while (m_at < m_previous.size() && m_previous[m_at].first < customerId)
            ++m_at;
        const bool known = m_at < m_previous.size() && m_previous[m_at].first == customerId;
        ++m_moves[{known ? m_previous[m_at].second : QString(), QString::fromLatin1(stage)}];
    }

    void record(store::Database &db) const
    {
        if (!m_recording)
            return;
        Statement forget(db, "DELETE FROM lifecycle_moves WHERE analysis_date = ?1");
        forget.bind(1, m_asOf.toString(Qt::ISODate)).run();
        Statement record(db, "INSERT INTO lifecycle_moves(analysis_date, previous_date, from_stage, to_stage, "
                             "customers) VALUES (?1, ?2, ?3, ?4, ?5)");
        for (const auto &[fromTo, count] : m_moves) {
            record.bind(1, m_asOf.toString(Qt::ISODate))
                .bind(2, m_previousDate.toString(Qt::ISODate))
                .bind(3, fromTo.first.isNull() ? QStringLiteral("") : fromTo.first)
                .bind(4, fromTo.second)
                .bind(5, count);
            record.run();
        }
    }

private:
    QDate m_previousDate;
    QDate m_asOf;
    bool m_recording;
    std::vector<std::pair<qint64, QString>> m_previous;
    size_t m_at = 0;
    std::map<std::pair<QString, QString>, qint64> m_moves;
};

// The customer_metrics rows, one prepared INSERT. Texts are bound from buffers and tables made once (dates
// through writeIsoDate, stage, tier and RFM segment names as UTF-8, the purchase profile's own strings), not
// through a QString made, converted to UTF-8 and copied for each of the ten texts of a million rows. With the
// foreign-key change below, the insert of the bench's million rows went from 3.8 s to about 2 s.
//
// A customer's row that exists is updated in place (ON CONFLICT DO UPDATE), not deleted with the whole table
// first: SQLite then writes only the pages whose rows changed (a row rewritten with the same bytes leaves its
// page clean), and reuses each row's place instead of freeing every page and taking them back one by one from
// the free list. Measured with the sqlite3 shell on the bench workspace (a million rows, WAL): emptying the
// table and inserting took 3.1-3.6 s until the commit plus 0.9-1.1 s of checkpoint; updating in place 2.3 s
// and the same checkpoint when every row changed (a new analysis date), and 1.2 s with nothing to commit or
// checkpoint when none did (a setting that moves a few customers, the same recompute again). Rows of customers
// gone since are removed after (removeRowsOfOthers).
class MetricsRows
{
public:
    MetricsRows(store::Database &db, const AnalysisSettings &settings, qint64 today)
        : m_insert(db, "INSERT INTO customer_metrics(customer_id, first_order_date, last_order_date, "
                       "days_since_last_order, orders_count, total_spend, avg_order_value, largest_order, "
                       "avg_days_between_orders, tenure_days, spend_30, spend_90, spend_365, orders_30, "
                       "orders_90, orders_365, repeat_buyer, refunded_count, lifecycle_stage, value_tier, "
                       "r_score, f_score, m_score, rfm_segment, favourite_category, distinct_products, first_product, "
                       "last_product, first_channel, p_alive, churn_risk, expected_orders_90, predicted_clv, clv_tier) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                       "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34) "
                       "ON CONFLICT(customer_id) DO UPDATE SET first_order_date = ?2, last_order_date = ?3, "
                       "days_since_last_order = ?4, orders_count = ?5, total_spend = ?6, avg_order_value = ?7, "
                       "largest_order = ?8, avg_days_between_orders = ?9, tenure_days = ?10, spend_30 = ?11, "
                       "spend_90 = ?12, spend_365 = ?13, orders_30 = ?14, orders_90 = ?15, orders_365 = ?16, "
                       "repeat_buyer = ?17, refunded_count = ?18, lifecycle_stage = ?19, value_tier = ?20, "
                       "r_score = ?21, f_score = ?22, m_score = ?23, rfm_segment = ?24, favourite_category = ?25, "
                       "distinct_products = ?26, first_product = ?27, last_product = ?28, first_channel = ?29, "
                       "p_alive = ?30, churn_risk = ?31, expected_orders_90 = ?32, predicted_clv = ?33, clv_tier = ?34"),
          m_settings(settings), m_today(today)
    {
        for (int r = 1; r <= 5; ++r) {
            for (int f = 1; f <= 5; ++f) {
                const QString &name = settings.rfm.name(r, f);
                if (!name.isNull())
                    m_rfmNames[size_t(r - 1)][size_t(f - 1)] = name.toUtf8();
            }
        }
    }

    // Writes the customer's row and returns their lifecycle stage.
    const char *write(const Customer &c, const PurchaseProfile &profile, size_t index,
                      const predict::CustomerPrediction *prediction);

private:
    void bindDate(int column, std::optional<qint64> day, char *buffer);
    void bindScores(const Customer &c);
    void bindProfile(const PurchaseProfile &profile, size_t customer);
    void bindPrediction(const predict::CustomerPrediction *prediction);

    Statement m_insert;
    const AnalysisSettings &m_settings;
    qint64 m_today;
    std::array<std::array<std::optional<QByteArray>, 5>, 5> m_rfmNames; // [r - 1][f - 1]; none binds NULL
    char m_firstDate[10] = {};
    char m_lastDate[10] = {};
};

const char *MetricsRows::write(const Customer &c, const PurchaseProfile &profile, size_t index,
                               const predict::CustomerPrediction *prediction)
{
    const bool buyer = c.orders > 0;
    const std::optional<qint64> daysSince = c.lastDay ? std::optional<qint64>(m_today - *c.lastDay) : std::nullopt;
    std::optional<qint64> tenureStart = c.firstDay;
    if (c.signupDay && *c.signupDay <= m_today && (!tenureStart || *c.signupDay < *tenureStart))
        tenureStart = c.signupDay;
    const char *stage = m_settings.lifecycle.stageFor(c.orders, daysSince);
    m_insert.bind(1, c.id);
    bindDate(2, c.firstDay, m_firstDate);
    bindDate(3, c.lastDay, m_lastDate);
    m_insert.bind(4, daysSince)
        .bind(5, c.orders)
        .bind(6, c.spend)
        .bind(7, buyer ? std::optional<double>(c.spend / double(c.orders)) : std::nullopt)
        .bind(8, buyer && c.largest > 0 ? std::optional<double>(c.largest) : std::nullopt)
        .bind(9, c.orders >= 2 && c.firstDay && c.lastDay
                     ? std::optional<double>(double(*c.lastDay - *c.firstDay) / double(c.orders - 1))
                     : std::nullopt)
        .bind(10, tenureStart ? std::optional<qint64>(m_today - *tenureStart) : std::nullopt)
        .bind(11, c.spend30)
        .bind(12, c.spend90)
        .bind(13, c.spend365)
        .bind(14, c.orders30)
        .bind(15, c.orders90)
        .bind(16, c.orders365)
        .bind(17, c.orders >= 2 ? 1 : 0)
        .bind(18, c.refunded)
        .bindUtf8Unowned(19, stage)
        .bindUtf8Unowned(20, c.tier);
    bindScores(c);
    bindProfile(profile, index);
    bindPrediction(prediction);
    m_insert.run();
    return stage;
}

// The ISO date of a Julian day, written into `buffer` (which lives as long as the statement, so SQLite need not
// copy it); the odd year outside 1 to 9999 goes through QDate as before.
void MetricsRows::bindDate(int column, std::optional<qint64> day, char *buffer)
{
    if (!day)
        m_insert.bindNull(column);
    else if (writeIsoDate(*day, buffer))
        m_insert.bindUtf8Unowned(column, std::string_view(buffer, 10));
    else
        m_insert.bind(column, QDate::fromJulianDay(*day).toString(Qt::ISODate));
}

// Columns 21 to 24: R, F, M and the RFM segment; a buyer without a last order date has no R and no segment,
// and when R (M) is given to no buyer (fewer than kFewestScored buyers, or one value for all: whyNotScored) none has it.
void MetricsRows::bindScores(const Customer &c)
{
    if (c.orders == 0) {
        m_insert.bindNull(21).bindNull(22).bindNull(23).bindNull(24);
        return;
    }
    m_insert.bind(22, c.f);
    if (c.m > 0)
        m_insert.bind(23, c.m);
    else
        m_insert.bindNull(23);
    if (c.r == 0) {
        m_insert.bindNull(21).bindNull(24);
        return;
    }
    m_insert.bind(21, c.r);
    if (const auto &name = m_rfmNames[size_t(c.r - 1)][size_t(c.f - 1)])
        m_insert.bindUtf8Unowned(24, std::string_view(name->constData(), size_t(name->size())));
    else
        m_insert.bindNull(24);
}

// Columns 25 to 29: what the customer buys (empty texts are NULL; 0 products for no purchase).
void MetricsRows::bindProfile(const PurchaseProfile &profile, size_t customer)
{
    const auto text = [this](int column, std::string_view value) {
        if (value.empty())
            m_insert.bindNull(column);
        else
            m_insert.bindUtf8Unowned(column, value);
    };
    text(25, profile.favouriteCategoryUtf8(customer));
    m_insert.bind(26, profile.distinctProducts(customer));
    text(27, profile.firstProductUtf8(customer));
    text(28, profile.lastProductUtf8(customer));
    text(29, profile.firstChannelUtf8(customer));
}

// Columns 30 to 34: the customer's predictions, or none (clv_tier "none").
void MetricsRows::bindPrediction(const predict::CustomerPrediction *p)
{
    if (!p)
        m_insert.bindNull(30).bindNull(31).bindNull(32).bindNull(33).bindUtf8Unowned(34, "none");
    else
        m_insert.bind(30, p->pAlive).bind(31, 1 - p->pAlive).bind(32, p->expected90).bind(33, p->clv).bindUtf8Unowned(34, p->clvTier);
}

// The prediction of the customer, or none. `cursor` walks `predictions`, which ascend by customer id as the
// rows are written.
const predict::CustomerPrediction *predictionOf(const std::vector<predict::CustomerPrediction> &predictions,
                                                size_t &cursor, qint64 customerId)
{
    while (cursor < predictions.size() && predictions[cursor].customerId < customerId)
        ++cursor;
    return cursor < predictions.size() && predictions[cursor].customerId == customerId ? &predictions[cursor] : nullptr;
}

// After every customer read has had their row written (in place where it existed: MetricsRows): removes the
// rows of anyone else, customers gone since the last recompute. Counting the rows costs a pass over the table
// (130-200 ms at a million customers); the delete runs only when there are more rows than were written.
void removeRowsOfOthers(store::Database &db, size_t written)
{
    if (db.scalar("SELECT count(*) FROM customer_metrics").toLongLong() > qint64(written))
        db.exec("DELETE FROM customer_metrics WHERE customer_id NOT IN (SELECT id FROM customers)");
}

// Foreign-key checks off while the recompute writes, when it runs in a transaction of its own (the pragma does
// nothing inside a caller's) and they were on; on again when this is destroyed, after the transaction ends.
// Why: customer_metrics is a child of customers, and with the checks on SQLite looks up the customer of every
// row written (and deleted the old rows one by one when the table was still emptied first): 1.7 of 5 seconds
// at a million customers then (measured with the sqlite3 shell on the bench workspace). The rows written are those of
// the customers read at the start, so a check can only fail if another connection changed the customers in
// between: PRAGMA data_version says whether any did, and then verify() checks the rows once, as the
// constraint would have (same error, nothing written).
class ForeignKeyChecksOff
{
public:
    explicit ForeignKeyChecksOff(store::Database &db) : m_db(db)
    {
        if (sqlite3_get_autocommit(db.handle()) == 0 || db.scalar("PRAGMA foreign_keys").toLongLong() == 0)
            return;
        m_dataVersion = db.scalar("PRAGMA data_version").toLongLong();
        db.exec("PRAGMA foreign_keys = OFF");
        m_off = true;
    }
    ~ForeignKeyChecksOff()
    {
        if (!m_off)
            return;
        try {
            m_db.exec("PRAGMA foreign_keys = ON");
        } catch (const store::DatabaseError &) {
            // Only fails on a connection that is gone; a new one starts with the checks on (store::Workspace).
        }
    }
    ForeignKeyChecksOff(const ForeignKeyChecksOff &) = delete;
    ForeignKeyChecksOff &operator=(const ForeignKeyChecksOff &) = delete;

    // Inside the write transaction, after the rows are written.
    void verify()
    {
        if (!m_off || m_db.scalar("PRAGMA data_version").toLongLong() == m_dataVersion)
            return;
        if (m_db.scalar("SELECT 1 FROM customer_metrics m WHERE NOT EXISTS "
                        "(SELECT 1 FROM customers c WHERE c.id = m.customer_id) LIMIT 1").isValid())
            throw store::DatabaseError(SQLITE_CONSTRAINT_FOREIGNKEY, QStringLiteral("FOREIGN KEY constraint failed"),
                                       m_db.path());
    }

private:
    store::Database &m_db;
    bool m_off = false;
    qint64 m_dataVersion = 0;
};

// Raised whenever a definition changes what a recompute writes for the same settings and data, so that every
// workspace computed before is recomputed once when next opened. 2: tied buyers share the middle place of their
// group for R and M, and fewer than 5 buyers get no R or M. 3: nor when every buyer has the same value (R:
// the same last order day; M: the same spend).
constexpr int kDefinitionsVersion = 3;

QString settingsFingerprint(const AnalysisSettings &settings, const QDate &asOf, qint64 latestSource)
{
    const QJsonObject json{{QStringLiteral("definitions"), kDefinitionsVersion},
                           {QStringLiteral("lifecycle"), settings.lifecycle.toJson()},
                           {QStringLiteral("tiers"), settings.tiers.toJson()},
                           {QStringLiteral("rfm"), settings.rfm.toJson()},
                           {QStringLiteral("purchase"), settings.purchase.toJson()},
                           {QStringLiteral("as_of"), asOf.toString(Qt::ISODate)},
                           {QStringLiteral("latest_source"), latestSource}};
    return QString::fromLatin1(
        QCryptographicHash::hash(QJsonDocument(json).toJson(QJsonDocument::Compact), QCryptographicHash::Sha1).toHex());
}

} // namespace

Result<RecomputeSummary> CustomerMetrics::recompute(store::Workspace &workspace, const AnalysisSettings &settings,
                                                    const QDate &asOf, Progress *progress)
{
    if (!asOf.isValid())
        return Error{tr("The analysis date is not a valid date")};
    if (auto valid = settings.validate(); !valid)
        return valid.error();
    store::Database &db = workspace.db();
    const qint64 today = asOf.toJulianDay();
    RecomputeSummary summary;
    summary.asOf = asOf;
    try {
        ForeignKeyChecksOff uncheckedWrites(db); // before any read: see verify()
        // Predicted P(alive), expected orders and CLV (issue 22), worked out beside the reads below.
        predict::PendingPredictions pendingPredictions(workspace, asOf, progress);
        QElapsedTimer step;
        step.start();
        std::vector<Customer> customers = readCustomers(workspace, today);
        summary.steps.customers = step.restart();
        if (progress) {
            progress->setTotal(qint64(customers.size()) * 2);
            progress->checkCanceled();
        }
        PurchaseProfile profile(customers.size()); // what each customer buys, from the purchases counted
        summary.linesReadBeside = readPurchases(db, settings, today, customers, profile, progress);
        summary.steps.purchases = step.restart();
        if (progress) {
            progress->checkCanceled();
            progress->setDone(qint64(customers.size()));
        }
        summary.customers = qint64(customers.size());
        Unscored unscored;
        summary.buyers = rankBuyers(customers, settings, today, unscored);
        StageMoves moves(workspace, asOf); // the stages stored, before they are replaced
        summary.steps.ranking = step.restart();
        const predict::MetricsPredictions predictions = pendingPredictions.take();
        summary.steps.predictionsWait = step.restart();

        store::Transaction transaction(db);
        MetricsRows rows(db, settings, today);
        size_t predictionAt = 0;
        for (size_t index = 0; index < customers.size(); ++index) {
            const Customer &c = customers[index];
            moves.count(c.id, rows.write(c, profile, index, predictionOf(predictions.perCustomer, predictionAt, c.id)));
            if ((index + 1) % 65536 == 0 && progress) {
                progress->checkCanceled();
                progress->setDone(qint64(customers.size() + index + 1));
            }
        }
        removeRowsOfOthers(db, customers.size());
        uncheckedWrites.verify();
        moves.record(db);
        predict::CustomerPredictions::storeReport(workspace, predictions);
        workspace.setSetting(QString::fromLatin1(kStagesAsOfKey), asOf.toString(Qt::ISODate));
        for (const auto &[key, why] : {std::pair{kRUnscoredKey, unscored.r}, std::pair{kMUnscoredKey, unscored.m}}) {
            if (why)
                workspace.setSetting(QString::fromLatin1(key), QString::fromLatin1(why));
            else
                workspace.removeSetting(QString::fromLatin1(key));
        }
        const qint64 latestSource = db.scalar("SELECT coalesce(max(id), 0) FROM sources").toLongLong();
        workspace.setSetting(QString::fromLatin1(kComputedForKey), settingsFingerprint(settings, asOf, latestSource));
        store::Workspace::recordMetricsChanged(db);
        if (progress)
            progress->checkCanceled();
        transaction.commit();
        summary.steps.writing = step.elapsed();
        if (progress)
            progress->setDone(progress->total());
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not compute customer metrics in “%1”: %2").arg(workspace.displayName(), error.message())};
    } catch (const Canceled &) {
        return Error{tr("Computing customer metrics was cancelled; nothing was changed")};
    }
    return summary;
}

qint64 LifecycleMoves::moved() const
{
    qint64 count = 0;
    for (const Move &move : moves) {
        if (!move.from.isEmpty() && move.from != move.to)
            count += move.customers;
    }
    return count;
}

Result<LifecycleMoves> CustomerMetrics::latestMoves(store::Workspace &workspace)
{
    LifecycleMoves result;
    try {
        Statement query(workspace.db(), "SELECT analysis_date, previous_date, from_stage, to_stage, customers FROM "
                                        "lifecycle_moves WHERE analysis_date = (SELECT max(analysis_date) FROM "
                                        "lifecycle_moves) ORDER BY from_stage, to_stage");
        while (query.step()) {
            result.asOf = QDate::fromString(query.text(0), Qt::ISODate);
            result.previous = QDate::fromString(query.text(1), Qt::ISODate);
            result.moves.push_back({query.text(2), query.text(3), query.int64(4)});
        }
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not read the lifecycle moves in “%1”: %2").arg(workspace.displayName(), error.message())};
    }
    return result;
}

CustomerMetrics::UnscoredReasons CustomerMetrics::unscoredReasons(store::Database &db)
{
    UnscoredReasons reasons;
    Statement query(db, "SELECT key, value FROM settings WHERE key IN (?1, ?2)");
    query.bind(1, QString::fromLatin1(kRUnscoredKey));
    query.bind(2, QString::fromLatin1(kMUnscoredKey));
    while (query.step())
        (query.utf8(0) == kRUnscoredKey ? reasons.r : reasons.m) = QString::fromUtf8(query.utf8(1));
    return reasons;
}

Result<RecomputeSummary> CustomerMetrics::ensureCurrent(store::Workspace &workspace, const QDate &asOf,
                                                        Progress *progress)
{
    try {
        const AnalysisSettings settings = AnalysisSettings::load(workspace);
        const QDate date = asOf.isValid() ? asOf : workspace.analysisDate();
        const qint64 latestSource = workspace.db().scalar("SELECT coalesce(max(id), 0) FROM sources").toLongLong();
        // Computed for these settings and this date after the latest import, with a row for the newest customer.
        // Index lookups only: counting customer_metrics reads the whole table (130 ms at a million customers, on
        // every open), and nothing adds or removes its rows but a recompute and an undo, which removes the
        // customers' rows with them.
        const bool newestHasRow = workspace.db().scalar("SELECT (SELECT max(id) FROM customers) IS "
                                                        "(SELECT max(customer_id) FROM customer_metrics)").toBool();
        if (newestHasRow && workspace.setting(QString::fromLatin1(kComputedForKey)) == settingsFingerprint(settings, date, latestSource))
            return RecomputeSummary{workspace.customerCount(), -1, date, false, {}};
        if (workspace.isReadOnly())
            return Error{tr("The customer metrics of “%1” are out of date, and the workspace is read-only")
                             .arg(workspace.displayName())};
        return recompute(workspace, settings, date, progress);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not read “%1”: %2").arg(workspace.displayName(), error.message())};
    }
}

} // namespace segmenta::metrics
