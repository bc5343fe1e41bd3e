#include "metrics/customermetrics.h"

#include "metrics/purchaseprofile.h"
#include "predict/customerpredictions.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>
#include <limits>
#include <cmath>
#include <numeric>
#include <optional>
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

std::optional<qint64> julianDay(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    return julianDay(utf8.constData(), int(utf8.size()));
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

// 1 + floor(5 x strictly-worse / n) for every buyer; `better(a, b)` says a's value is strictly better.
template <typename Value>
void scoreQuintiles(std::vector<Customer *> &buyers, Value value, bool higherIsBetter, int Customer::*score)
{
    std::sort(buyers.begin(), buyers.end(), [&](const Customer *a, const Customer *b) {
        return higherIsBetter ? value(*a) < value(*b) : value(*a) > value(*b);
    });
    const auto n = qint64(buyers.size());
    qint64 groupStart = 0;
    for (qint64 i = 0; i < n; ++i) {
        if (i > 0 && value(*buyers[size_t(i)]) != value(*buyers[size_t(i - 1)]))
            groupStart = i;
        buyers[size_t(i)]->*score = int(1 + (5 * groupStart) / n);
    }
}

void assignTiers(std::vector<Customer *> &buyers, const TierDefinition &tiers)
{
    std::sort(buyers.begin(), buyers.end(), [](const Customer *a, const Customer *b) { return a->spend > b->spend; });
    const auto n = double(buyers.size());
    const double revenue = std::accumulate(buyers.begin(), buyers.end(), 0.0,
                                           [](double sum, const Customer *c) { return sum + c->spend; });
    qint64 rankBefore = 0;       // buyers with strictly greater spend
    double revenueBefore = 0;    // their revenue
    double runningRevenue = 0;
    for (size_t i = 0; i < buyers.size(); ++i) {
        Customer &c = *buyers[i];
        if (i > 0 && c.spend != buyers[i - 1]->spend) {
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
    std::optional<qint64> first = julianDay(query.text(4));
    std::optional<qint64> last = julianDay(query.text(5));
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

// Columns 25 to 29 of the customer_metrics insert: what the customer buys (empty for no purchase).
void bindProfile(Statement &insert, const PurchaseProfile &profile, size_t customer)
{
    const auto text = [](const QString &value) { return value.isEmpty() ? std::nullopt : std::optional<QString>(value); };
    insert.bind(25, text(profile.favouriteCategory(customer)))
        .bind(26, profile.distinctProducts(customer))
        .bind(27, text(profile.firstProduct(customer)))
        .bind(28, text(profile.lastProduct(customer)))
        .bind(29, text(profile.firstChannel(customer)));
}

// Columns 30 to 34 of the customer_metrics insert: the customer's predictions, or none (clv_tier "none").
// `cursor` walks `predictions`, which ascend by customer id as the rows are written.
void bindPrediction(Statement &insert, const std::vector<predict::CustomerPrediction> &predictions, size_t &cursor,
                    qint64 customerId)
{
    while (cursor < predictions.size() && predictions[cursor].customerId < customerId)
        ++cursor;
    if (cursor == predictions.size() || predictions[cursor].customerId != customerId) {
        insert.bindNull(30).bindNull(31).bindNull(32).bindNull(33).bindUtf8Unowned(34, "none");
        return;
    }
    const predict::CustomerPrediction &p = predictions[cursor];
    insert.bind(30, p.pAlive).bind(31, 1 - p.pAlive).bind(32, p.expected90).bind(33, p.clv).bindUtf8Unowned(34, p.clvTier);
}

QString settingsFingerprint(const AnalysisSettings &settings, const QDate &asOf, qint64 latestSource)
{
    const QJsonObject json{{QStringLiteral("lifecycle"), settings.lifecycle.toJson()},
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
        // Predicted P(alive), expected orders and CLV (issue 22), worked out beside the reads below.
        predict::PendingPredictions pendingPredictions(workspace, asOf, progress);
        std::vector<Customer> customers;
        customers.reserve(size_t(workspace.customerCount()));
        {
            Statement query(db, "SELECT id, signup_date, list_total_spend, list_orders_count, list_first_order_date, "
                                "list_last_order_date FROM customers ORDER BY id");
            while (query.step()) {
                Customer c;
                c.id = query.int64(0);
                c.signupDay = julianDay(query.text(1));
                applyListTotals(query, today, c); // replaced below if the customer has orders
                customers.push_back(c);
            }
        }
        if (progress) {
            progress->setTotal(qint64(customers.size()) * 2);
            progress->checkCanceled();
        }

        // One pass over the orders in storage order (sequential reads, no index lookups); every metric is an
        // order-independent aggregate, so no sorting is needed. Customers are found by id through a dense
        // table (ids are row ids, mostly contiguous) or a hash map when they are sparse.
        PurchaseProfile profile(customers.size()); // what each customer buys, from the purchases counted here
        {
            const qint64 maxId = customers.empty() ? 0 : customers.back().id;
            const bool dense = maxId <= qint64(customers.size()) * 4 + 1024;
            std::vector<qint32> denseIndex;
            std::unordered_map<qint64, qint32> sparseIndex;
            if (dense) {
                denseIndex.assign(size_t(maxId + 1), -1);
                for (size_t i = 0; i < customers.size(); ++i)
                    denseIndex[size_t(customers[i].id)] = qint32(i);
            } else {
                for (size_t i = 0; i < customers.size(); ++i)
                    sparseIndex.emplace(customers[i].id, qint32(i));
            }
            const auto find = [&](qint64 id) -> Customer * {
                qint32 index = -1;
                if (dense) {
                    if (id >= 0 && id <= maxId)
                        index = denseIndex[size_t(id)];
                } else if (const auto it = sparseIndex.find(id); it != sparseIndex.end()) {
                    index = it->second;
                }
                return index >= 0 ? &customers[size_t(index)] : nullptr;
            };
            std::vector<bool> hasOrders(customers.size(), false);
            Statement orders(db, "SELECT customer_id, order_date, amount, is_valid, is_refund, id, channel FROM orders");
            qint64 seen = 0;
            while (orders.step()) {
                if (++seen % 65536 == 0 && progress)
                    progress->checkCanceled();
                Customer *current = find(orders.int64(0));
                if (!current)
                    continue;
                const size_t index = size_t(current - customers.data());
                if (!hasOrders[index]) {
                    // Orders replace the customer list's aggregates.
                    hasOrders[index] = true;
                    current->orders = 0;
                    current->spend = 0;
                    current->firstDay.reset();
                    current->lastDay.reset();
                }
                const std::string_view dateText = orders.utf8(1);
                const auto day = julianDay(dateText.data(), int(dateText.size()));
                if (!day || *day > today)
                    continue;
                if (orders.int64(4) != 0)
                    ++current->refunded;
                if (orders.int64(3) == 0) {
                    ++current->cancelled;
                    continue;
                }
                const double amount = orders.isNull(2) ? 0.0 : orders.real(2);
                if (amount <= 0 && !settings.purchase.zeroAmountIsPurchase)
                    continue; // no purchase: see PurchaseDefinition
                const qint64 ago = today - *day;
                profile.addPurchase(orders.int64(5), index, *day, dateText, orders.utf8(6));
                ++current->orders;
                current->spend += amount;
                current->largest = current->orders == 1 ? amount : std::max(current->largest, amount);
                if (!current->firstDay || *day < *current->firstDay)
                    current->firstDay = day;
                if (!current->lastDay || *day > *current->lastDay)
                    current->lastDay = day;
                if (ago <= 30) {
                    current->spend30 += amount;
                    ++current->orders30;
                }
                if (ago <= 90) {
                    current->spend90 += amount;
                    ++current->orders90;
                }
                if (ago <= 365) {
                    current->spend365 += amount;
                    ++current->orders365;
                }
            }
        }
        profile.readLines(db, progress);
        if (progress) {
            progress->checkCanceled();
            progress->setDone(qint64(customers.size()));
        }

        std::vector<Customer *> buyers;
        for (Customer &c : customers) {
            if (c.orders > 0)
                buyers.push_back(&c);
        }
        summary.customers = qint64(customers.size());
        summary.buyers = qint64(buyers.size());
        for (Customer &c : customers) {
            if (c.orders == 0 && c.cancelled > 0)
                c.tier = tier::kCancelled; // shown as such, not as "no purchase"
        }
        assignTiers(buyers, settings.tiers);
        // Buyers without a known last order date (customer-list totals only) get no recency score and no RFM
        // segment: their stage says "recency unknown". The others are ranked among themselves.
        std::vector<Customer *> dated;
        std::copy_if(buyers.begin(), buyers.end(), std::back_inserter(dated), [](const Customer *c) { return c->lastDay.has_value(); });
        scoreQuintiles(dated, [today](const Customer &c) { return today - *c.lastDay; }, false, &Customer::r);
        for (Customer *c : buyers) // F by order-count bins: see RfmMap
            c->f = settings.rfm.frequencyScore(c->orders);
        scoreQuintiles(buyers, [](const Customer &c) { return c.spend; }, true, &Customer::m);

        // The stages before this recompute, when the analysis date moves forward: what lifecycle_moves counts.
        const QDate stagesAsOf = QDate::fromString(workspace.setting(QString::fromLatin1(kStagesAsOfKey)), Qt::ISODate);
        const bool recordMoves = stagesAsOf.isValid() && asOf > stagesAsOf;
        std::vector<std::pair<qint64, QString>> previousStages;
        if (recordMoves) {
            Statement old(db, "SELECT customer_id, lifecycle_stage FROM customer_metrics ORDER BY customer_id");
            while (old.step())
                previousStages.emplace_back(old.int64(0), old.text(1));
        }
        std::map<std::pair<QString, QString>, qint64> moves;
        size_t previousAt = 0;

        const predict::MetricsPredictions predictions = pendingPredictions.take();
        size_t predictionAt = 0;
        store::Transaction transaction(db);
        db.exec("DELETE FROM customer_metrics");
        Statement insert(db, "INSERT INTO customer_metrics(customer_id, first_order_date, last_order_date, "
                             "days_since_last_order, orders_count, total_spend, avg_order_value, largest_order, "
                             "avg_days_between_orders, tenure_days, spend_30, spend_90, spend_365, orders_30, "
                             "orders_90, orders_365, repeat_buyer, refunded_count, lifecycle_stage, value_tier, "
                             "r_score, f_score, m_score, rfm_segment, favourite_category, distinct_products, first_product, "
                             "last_product, first_channel, p_alive, churn_risk, expected_orders_90, predicted_clv, clv_tier) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
                             "?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34)");
        qint64 written = 0;
        for (size_t index = 0; index < customers.size(); ++index) {
            const Customer &c = customers[index];
            const bool buyer = c.orders > 0;
            const std::optional<qint64> daysSince = c.lastDay ? std::optional<qint64>(today - *c.lastDay) : std::nullopt;
            std::optional<qint64> tenureStart = c.firstDay;
            if (c.signupDay && *c.signupDay <= today && (!tenureStart || *c.signupDay < *tenureStart))
                tenureStart = c.signupDay;
            insert.bind(1, c.id)
                .bind(2, c.firstDay ? QDate::fromJulianDay(*c.firstDay).toString(Qt::ISODate) : QString())
                .bind(3, c.lastDay ? QDate::fromJulianDay(*c.lastDay).toString(Qt::ISODate) : QString())
                .bind(4, daysSince)
                .bind(5, c.orders)
                .bind(6, c.spend)
                .bind(7, buyer ? std::optional<double>(c.spend / double(c.orders)) : std::nullopt)
                .bind(8, buyer && c.largest > 0 ? std::optional<double>(c.largest) : std::nullopt)
                .bind(9, c.orders >= 2 && c.firstDay && c.lastDay
                             ? std::optional<double>(double(*c.lastDay - *c.firstDay) / double(c.orders - 1))
                             : std::nullopt)
                .bind(10, tenureStart ? std::optional<qint64>(today - *tenureStart) : std::nullopt)
                .bind(11, c.spend30)
                .bind(12, c.spend90)
                .bind(13, c.spend365)
                .bind(14, c.orders30)
                .bind(15, c.orders90)
                .bind(16, c.orders365)
                .bind(17, c.orders >= 2 ? 1 : 0)
                .bind(18, c.refunded)
                .bind(19, QString::fromLatin1(settings.lifecycle.stageFor(c.orders, daysSince)))
                .bind(20, QString::fromLatin1(c.tier));
            if (buyer && c.r > 0) {
                insert.bind(21, c.r).bind(22, c.f).bind(23, c.m).bind(24, settings.rfm.name(c.r, c.f));
            } else if (buyer) {
                insert.bindNull(21).bind(22, c.f).bind(23, c.m).bindNull(24);
            } else {
                insert.bindNull(21).bindNull(22).bindNull(23).bindNull(24);
            }
            bindProfile(insert, profile, index);
            bindPrediction(insert, predictions.perCustomer, predictionAt, c.id);
            insert.run();
            if (recordMoves) { // both lists ascend by customer id
                while (previousAt < previousStages.size() && previousStages[previousAt].first < c.id)
                    ++previousAt;
                const bool known = previousAt < previousStages.size() && previousStages[previousAt].first == c.id;
                ++moves[{known ? previousStages[previousAt].second : QString(),
                         QString::fromLatin1(settings.lifecycle.stageFor(c.orders, daysSince))}];
            }
            if (++written % 65536 == 0 && progress) {
                progress->checkCanceled();
                progress->setDone(qint64(customers.size()) + written);
            }
        }
        if (recordMoves) {
            Statement forget(db, "DELETE FROM lifecycle_moves WHERE analysis_date = ?1");
            forget.bind(1, asOf.toString(Qt::ISODate)).run();
            Statement record(db, "INSERT INTO lifecycle_moves(analysis_date, previous_date, from_stage, to_stage, "
                                 "customers) VALUES (?1, ?2, ?3, ?4, ?5)");
            for (const auto &[fromTo, count] : moves) {
                record.bind(1, asOf.toString(Qt::ISODate))
                    .bind(2, stagesAsOf.toString(Qt::ISODate))
                    .bind(3, fromTo.first.isNull() ? QStringLiteral("") : fromTo.first)
                    .bind(4, fromTo.second)
                    .bind(5, count);
                record.run();
            }
        }
        predict::CustomerPredictions::storeReport(workspace, predictions);
        workspace.setSetting(QString::fromLatin1(kStagesAsOfKey), asOf.toString(Qt::ISODate));
        const qint64 latestSource = db.scalar("SELECT coalesce(max(id), 0) FROM sources").toLongLong();
        workspace.setSetting(QString::fromLatin1(kComputedForKey), settingsFingerprint(settings, asOf, latestSource));
        store::Workspace::recordMetricsChanged(db);
        if (progress)
            progress->checkCanceled();
        transaction.commit();
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
            return RecomputeSummary{workspace.customerCount(), -1, date};
        if (workspace.isReadOnly())
            return Error{tr("The customer metrics of “%1” are out of date, and the workspace is read-only")
                             .arg(workspace.displayName())};
        return recompute(workspace, settings, date, progress);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not read “%1”: %2").arg(workspace.displayName(), error.message())};
    }
}

} // namespace segmenta::metrics
