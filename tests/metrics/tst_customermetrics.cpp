#include "demo/demoshop.h"
#include "metrics/customermetrics.h"
#include "metrics/distribution.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::metrics;
using store::Database;
using store::Statement;
using store::Workspace;

namespace {

const QDate kAsOf(2025, 6, 30);

QString daysBefore(int days)
{
    return kAsOf.addDays(-days).toString(Qt::ISODate) + QStringLiteral("T10:00:00");
}

void addCustomer(Database &db, qint64 id, const char *key)
{
    Statement insert(db, "INSERT INTO customers(id, customer_key) VALUES (?1, ?2)");
    insert.bind(1, id).bindUtf8(2, key);
    insert.run();
}

void addOrder(Database &db, qint64 customer, int daysAgo, double amount, bool valid = true, bool refund = false)
{
    static int number = 0;
    Statement insert(db, "INSERT INTO orders(order_key, customer_id, order_date, amount, is_valid, is_refund) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    insert.bind(1, QStringLiteral("o%1").arg(++number))
        .bind(2, customer)
        .bind(3, daysBefore(daysAgo))
        .bind(4, amount)
        .bind(5, valid ? 1 : 0)
        .bind(6, refund ? 1 : 0);
    insert.run();
}

QVariant metric(Database &db, qint64 customer, const char *column)
{
    Statement query(db, std::string("SELECT ") + column + " FROM customer_metrics WHERE customer_id = ?1");
    query.bind(1, customer);
    return query.step() ? query.value(0) : QVariant();
}

qint64 count(Database &db, const std::string &sql)
{
    return db.scalar(sql).toLongLong();
}

// The reason stored under `key` for no R (M) score, read with plain SQL; null when the scores were given.
QVariant reason(Database &db, const char *key)
{
    return db.scalar("SELECT value FROM settings WHERE key = '" + std::string(key) + "'");
}

} // namespace

class TestCustomerMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handCheckedCustomers_data();
    void handCheckedCustomers();
    void tierMethodsOnAHandTable_data();
    void tierMethodsOnAHandTable();
    void tiedBuyersShareTheMiddleOfTheirBlock();
    void oneValueForAllBuyersIsNotScored();
    void agreesWithPlainSqlOnTheDemoShop();
    void distributionAgreesWithSql();
    void ensureCurrentRecomputesOnlyWhenStale();
    void cancelLeavesMetricsUnchanged();
    void recomputeOverEarlierRowsLeavesNoneBehind();
    void settingsRoundTripAndValidate();
    void lifecycleMovesWhenTheDateAdvances();

private:
    QTemporaryDir m_dir;
};

void TestCustomerMetrics::handCheckedCustomers_data()
{
    QTest::addColumn<qint64>("customer");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QVariant>("expected");
    // 1: 100 today (on the analysis date), 50 ten days ago, a refund of 30 five days ago.
    QTest::newRow("today: orders") << qint64(1) << QStringLiteral("orders_count") << QVariant(2);
    QTest::newRow("today: spend") << qint64(1) << QStringLiteral("total_spend") << QVariant(150.0);
    QTest::newRow("today: days since") << qint64(1) << QStringLiteral("days_since_last_order") << QVariant(0);
    QTest::newRow("today: largest") << qint64(1) << QStringLiteral("largest_order") << QVariant(100.0);
    QTest::newRow("today: average") << qint64(1) << QStringLiteral("avg_order_value") << QVariant(75.0);
    QTest::newRow("today: gap") << qint64(1) << QStringLiteral("avg_days_between_orders") << QVariant(10.0);
    QTest::newRow("today: spend 30") << qint64(1) << QStringLiteral("spend_30") << QVariant(150.0);
    QTest::newRow("today: refunded") << qint64(1) << QStringLiteral("refunded_count") << QVariant(1);
    QTest::newRow("today: repeat") << qint64(1) << QStringLiteral("repeat_buyer") << QVariant(1);
    QTest::newRow("today: stage") << qint64(1) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("growing"));
    QTest::newRow("today: first") << qint64(1) << QStringLiteral("first_order_date") << QVariant(kAsOf.addDays(-10).toString(Qt::ISODate));
    // 2: only a refunded order: not a buyer.
    QTest::newRow("refund only: orders") << qint64(2) << QStringLiteral("orders_count") << QVariant(0);
    QTest::newRow("refund only: refunded") << qint64(2) << QStringLiteral("refunded_count") << QVariant(1);
    QTest::newRow("refund only: stage") << qint64(2) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("prospect"));
    QTest::newRow("refund only: tier") << qint64(2) << QStringLiteral("value_tier") << QVariant(QStringLiteral("cancelled"));
    QTest::newRow("refund only: no R") << qint64(2) << QStringLiteral("r_score") << QVariant();
    // 3: nothing at all.
    QTest::newRow("no orders: stage") << qint64(3) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("prospect"));
    QTest::newRow("no orders: days") << qint64(3) << QStringLiteral("days_since_last_order") << QVariant();
    // 4: exactly 90 days ago is still active (new); 5: 91 days is at risk.
    QTest::newRow("90 days: new") << qint64(4) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("new"));
    QTest::newRow("91 days: at risk") << qint64(5) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("at_risk"));
    QTest::newRow("90 days: in spend_90") << qint64(4) << QStringLiteral("spend_90") << QVariant(20.0);
    QTest::newRow("91 days: not in spend_90") << qint64(5) << QStringLiteral("spend_90") << QVariant(0.0);
    // 6: 180 days at risk; 7: 181 dormant.
    QTest::newRow("180 days: at risk") << qint64(6) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("at_risk"));
    QTest::newRow("181 days: dormant") << qint64(7) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("dormant"));
    // 8: an order after the analysis date does not exist yet.
    QTest::newRow("future: orders") << qint64(8) << QStringLiteral("orders_count") << QVariant(0);
    QTest::newRow("future: stage") << qint64(8) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("prospect"));
    // 9: customer-list aggregates, no orders: 3 orders, 900 spent, last 200 days ago.
    QTest::newRow("list: orders") << qint64(9) << QStringLiteral("orders_count") << QVariant(3);
    QTest::newRow("list: spend") << qint64(9) << QStringLiteral("total_spend") << QVariant(900.0);
    QTest::newRow("list: stage") << qint64(9) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("dormant"));
    QTest::newRow("list: days") << qint64(9) << QStringLiteral("days_since_last_order") << QVariant(200);
    // 10: six orders within the last 60 days: mature.
    QTest::newRow("six orders: mature") << qint64(10) << QStringLiteral("lifecycle_stage") << QVariant(QStringLiteral("mature"));
    QTest::newRow("six orders: F") << qint64(10) << QStringLiteral("f_score") << QVariant(5);
    // F by order-count bins (1, 2, 3, 4-5, 6+ orders score 1 to 5): 1 has two orders: 2; 9's list says 3: 3.
    QTest::newRow("F of two orders") << qint64(1) << QStringLiteral("f_score") << QVariant(2);
    QTest::newRow("F of three orders") << qint64(9) << QStringLiteral("f_score") << QVariant(3);
    QTest::newRow("F of one order") << qint64(4) << QStringLiteral("f_score") << QVariant(1);
    // R: 1 was 0 days ago, the most recent: 6 buyers less recent, no tie -> 1 + floor(5 x (6 + 1/2) / 7) = 5.
    QTest::newRow("R most recent") << qint64(1) << QStringLiteral("r_score") << QVariant(5);
    QTest::newRow("R least recent") << qint64(9) << QStringLiteral("r_score") << QVariant(1);
    QTest::newRow("RFM segment of R5 F2") << qint64(1) << QStringLiteral("rfm_segment") << QVariant(QStringLiteral("Potential Loyalists"));
    // Tenure: 1's first order 10 days ago, no signup date.
    QTest::newRow("tenure") << qint64(1) << QStringLiteral("tenure_days") << QVariant(10);
}

// Scores of tied buyers, worked out by hand. Ten buyers as of kAsOf: five bought 0 days ago, one each 10, 20,
// 30, 40 and 50 days ago; spends 100 (the five recent ones), then 50, 40, 30, 20, 10. A buyer's score is
// 1 + floor(5 x position / 10), position = strictly worse + ties / 2:
//   R: 50 days: 0.5 -> 1 + floor(0.25) = 1; 40: 1.5 -> 1 + floor(0.75) = 1; 30: 2.5 -> 1 + floor(1.25) = 2;
//      20: 3.5 -> 2; 10: 4.5 -> 3; the five at 0 days: 5 + 2.5 = 7.5 -> 1 + floor(3.75) = 4 (R4 F1: Promising).
//   M: the same (spend orders them as recency does).
// Then with only four buyers, none is scored R or M (F is by order counts and stays), and no segment is named.
void TestCustomerMetrics::tiedBuyersShareTheMiddleOfTheirBlock()
{
    QTemporaryDir dir;
    auto created = Workspace::create(dir.filePath(QStringLiteral("ties.segmenta")));
    QVERIFY(created.ok());
    Database &db = created.value()->db();
    const int days[] = {0, 0, 0, 0, 0, 10, 20, 30, 40, 50};
    const double spends[] = {100, 100, 100, 100, 100, 50, 40, 30, 20, 10};
    for (int i = 0; i < 10; ++i) {
        addCustomer(db, i + 1, QByteArray::number(i + 1).constData());
        addOrder(db, i + 1, days[i], spends[i]);
    }
    QVERIFY(CustomerMetrics::recompute(*created.value(), AnalysisSettings{}, kAsOf).ok());
    const int expected[] = {4, 4, 4, 4, 4, 3, 2, 2, 1, 1};
    for (int i = 0; i < 10; ++i) {
        QCOMPARE(metric(db, i + 1, "r_score"), QVariant(expected[i]));
        QCOMPARE(metric(db, i + 1, "m_score"), QVariant(expected[i]));
    }
    QCOMPARE(metric(db, 1, "rfm_segment"), QVariant(QStringLiteral("Promising")));

    QVERIFY(reason(db, "rfm_r_unscored").isNull());
    QVERIFY(reason(db, "rfm_m_unscored").isNull());

    db.exec("DELETE FROM orders WHERE customer_id > 4");
    QVERIFY(CustomerMetrics::recompute(*created.value(), AnalysisSettings{}, kAsOf).ok());
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count > 0"), qint64(4));
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count > 0 AND r_score IS NULL AND "
                       "m_score IS NULL AND rfm_segment IS NULL AND f_score = 1"),
             qint64(4));
    QCOMPARE(reason(db, "rfm_r_unscored").toString(), QStringLiteral("few_buyers"));
    QCOMPARE(reason(db, "rfm_m_unscored").toString(), QStringLiteral("few_buyers"));
}

// A one-day export: six buyers, all of whom bought on the same day (0 days ago), spending 10, 20, ..., 60.
// Every buyer would share R = 1 + floor(5 x (0 + 6/2) / 6) = 3 and be named by R3 (About to Sleep, Need
// Attention) though the file says nothing of recency: no one is scored R, no segment is named. M differs
// (1 + floor(5 x (worse + 1/2) / 6): 10 -> 1, 20 -> 2, 30 -> 3, 40 -> 3 (5 x 3.5 / 6 = 2.92), 50 -> 4, 60 -> 5).
// Then the six spend the same (a day later for one): R is scored again (five at 0 days share 1 + floor(5 x
// (1 + 5/2) / 6) = 3, the one at 1 day gets 1 + floor(5 x 0.5 / 6) = 1) and M is not.
void TestCustomerMetrics::oneValueForAllBuyersIsNotScored()
{
    QTemporaryDir dir;
    auto created = Workspace::create(dir.filePath(QStringLiteral("oneday.segmenta")));
    QVERIFY(created.ok());
    Database &db = created.value()->db();
    for (int i = 0; i < 6; ++i) {
        addCustomer(db, i + 1, QByteArray::number(i + 1).constData());
        addOrder(db, i + 1, 0, 10.0 * (i + 1));
    }
    QVERIFY(CustomerMetrics::recompute(*created.value(), AnalysisSettings{}, kAsOf).ok());
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE r_score IS NULL AND rfm_segment IS NULL AND f_score = 1"), qint64(6));
    const int m[] = {1, 2, 3, 3, 4, 5};
    for (int i = 0; i < 6; ++i)
        QCOMPARE(metric(db, i + 1, "m_score"), QVariant(m[i]));
    QCOMPARE(reason(db, "rfm_r_unscored").toString(), QStringLiteral("one_value"));
    QVERIFY(reason(db, "rfm_m_unscored").isNull());

    db.exec("UPDATE orders SET amount = 25");
    db.exec("UPDATE orders SET order_date = date(order_date, '-1 day') WHERE customer_id = 6");
    QVERIFY(CustomerMetrics::recompute(*created.value(), AnalysisSettings{}, kAsOf).ok());
    const int r[] = {3, 3, 3, 3, 3, 1};
    for (int i = 0; i < 6; ++i)
        QCOMPARE(metric(db, i + 1, "r_score"), QVariant(r[i]));
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE m_score IS NULL AND total_spend = 25"), qint64(6));
    QVERIFY(reason(db, "rfm_r_unscored").isNull());
    QCOMPARE(reason(db, "rfm_m_unscored").toString(), QStringLiteral("one_value"));
}

void TestCustomerMetrics::handCheckedCustomers()
{
    QFETCH(qint64, customer);
    QFETCH(QString, column);
    QFETCH(QVariant, expected);
    const QString path = m_dir.filePath(QStringLiteral("hand.segmenta"));
    if (!QFile::exists(path)) {
        auto created = Workspace::create(path);
        QVERIFY(created.ok());
        Database &db = created.value()->db();
        for (int i = 1; i <= 10; ++i)
            addCustomer(db, i, QStringLiteral("c%1").arg(i).toUtf8().constData());
        addOrder(db, 1, 0, 100);
        addOrder(db, 1, 10, 50);
        addOrder(db, 1, 5, 30, false, true);
        addOrder(db, 2, 20, 80, false, true);
        addOrder(db, 4, 90, 20);
        addOrder(db, 5, 91, 20);
        addOrder(db, 6, 180, 20);
        addOrder(db, 7, 181, 20);
        addOrder(db, 8, -5, 500);
        db.exec(QStringLiteral("UPDATE customers SET list_orders_count = 3, list_total_spend = 900, "
                               "list_last_order_date = '%1' WHERE id = 9").arg(kAsOf.addDays(-200).toString(Qt::ISODate)).toStdString());
        for (int i = 0; i < 6; ++i)
            addOrder(db, 10, i * 10 + 1, 40);
        const auto result = CustomerMetrics::recompute(*created.value(), AnalysisSettings{}, kAsOf);
        QVERIFY2(result.ok(), qPrintable(result.errorMessage()));
        QCOMPARE(result->buyers, qint64(7));
    }
    auto ws = Workspace::open(path);
    QVERIFY(ws.ok());
    const QVariant actual = metric(ws.value()->db(), customer, column.toUtf8().constData());
    if (!expected.isValid()) {
        QVERIFY2(actual.isNull() || !actual.isValid(), qPrintable(actual.toString()));
    } else if (expected.typeId() == QMetaType::Double) {
        QCOMPARE(actual.toDouble(), expected.toDouble());
    } else {
        QCOMPARE(actual.toString(), expected.toString());
    }
}

void TestCustomerMetrics::tierMethodsOnAHandTable_data()
{
    QTest::addColumn<int>("method");
    QTest::addColumn<QString>("expected"); // tiers of the ten buyers, by id
    // Spends: 1000, 500, 500, 300, 200, 100, 100, 100, 100, 100 (total 3000).
    // Customer share: ranks before: 0,1,1,3,4,5,5,5,5,5; high < 2, mid < 5.
    QTest::newRow("customer share") << int(TierMethod::CustomerShare) << QStringLiteral("high high high mid mid low low low low low");
    // Revenue share: revenue of strictly bigger spenders: 0, 1000, 1000, 2000, 2300, 2500 ... ; high < 2400,
    // mid < 2850.
    QTest::newRow("revenue share") << int(TierMethod::RevenueShare) << QStringLiteral("high high high high high mid mid mid mid mid");
    // Thresholds: high >= 500, mid >= 150.
    QTest::newRow("thresholds") << int(TierMethod::SpendThresholds) << QStringLiteral("high high high mid mid low low low low low");
}

void TestCustomerMetrics::tierMethodsOnAHandTable()
{
    QFETCH(int, method);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("tiers.segmenta")));
    QVERIFY(ws.ok());
    Database &db = ws.value()->db();
    const double spends[] = {1000, 500, 500, 300, 200, 100, 100, 100, 100, 100};
    for (int i = 0; i < 10; ++i) {
        addCustomer(db, i + 1, QStringLiteral("t%1").arg(i).toUtf8().constData());
        addOrder(db, i + 1, 3, spends[i]);
    }
    addCustomer(db, 11, "prospect");
    AnalysisSettings settings;
    settings.tiers.method = TierMethod(method);
    settings.tiers.highMinSpend = 500;
    settings.tiers.midMinSpend = 150;
    QVERIFY(CustomerMetrics::recompute(*ws.value(), settings, kAsOf).ok());
    QStringList tiers;
    for (int i = 1; i <= 10; ++i)
        tiers << metric(db, i, "value_tier").toString();
    QCOMPARE(tiers.join(u' '), expected);
    QCOMPARE(metric(db, 11, "value_tier").toString(), QStringLiteral("none"));
}

void TestCustomerMetrics::agreesWithPlainSqlOnTheDemoShop()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("demo.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoOptions options;
    options.customers = 3000;
    QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
    // An analysis date in the middle of the data: later orders must be ignored.
    const QDate asOf(2025, 12, 31);
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, asOf).ok());
    Database &db = ws.value()->db();
    db.exec("CREATE TEMP TABLE expected AS "
            // A purchase: valid, and an amount above zero (PurchaseDefinition's default).
            "WITH o AS (SELECT customer_id, substr(order_date, 1, 10) AS day, amount, "
            "  is_valid AND coalesce(amount, 0) > 0 AS is_valid, is_refund, "
            "  julianday('2025-12-31') - julianday(substr(order_date, 1, 10)) AS ago FROM orders "
            "  WHERE substr(order_date, 1, 10) <= '2025-12-31') "
            "SELECT c.id AS customer_id, "
            "  (SELECT count(*) FROM o WHERE o.customer_id = c.id AND is_valid) AS orders_count, "
            "  (SELECT total(amount) FROM o WHERE o.customer_id = c.id AND is_valid) AS total_spend, "
            "  (SELECT max(amount) FROM o WHERE o.customer_id = c.id AND is_valid) AS largest_order, "
            "  (SELECT min(day) FROM o WHERE o.customer_id = c.id AND is_valid) AS first_order_date, "
            "  (SELECT max(day) FROM o WHERE o.customer_id = c.id AND is_valid) AS last_order_date, "
            "  (SELECT min(ago) FROM o WHERE o.customer_id = c.id AND is_valid) AS days_since, "
            "  (SELECT total(amount) FROM o WHERE o.customer_id = c.id AND is_valid AND ago <= 30) AS spend_30, "
            "  (SELECT total(amount) FROM o WHERE o.customer_id = c.id AND is_valid AND ago <= 365) AS spend_365, "
            "  (SELECT count(*) FROM o WHERE o.customer_id = c.id AND is_valid AND ago <= 90) AS orders_90, "
            "  (SELECT count(*) FROM o WHERE o.customer_id = c.id AND is_refund) AS refunded_count "
            "FROM customers c");
    const auto mismatches = [&db](const char *condition) {
        return count(db, std::string("SELECT count(*) FROM expected e JOIN customer_metrics m USING (customer_id) WHERE ") +
                             condition);
    };
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics"), qint64(3000));
    QCOMPARE(mismatches("e.orders_count != m.orders_count"), qint64(0));
    QCOMPARE(mismatches("abs(e.total_spend - m.total_spend) > 1e-6"), qint64(0));
    QCOMPARE(mismatches("e.orders_count > 0 AND abs(e.largest_order - m.largest_order) > 1e-9"), qint64(0));
    QCOMPARE(mismatches("e.first_order_date IS NOT m.first_order_date OR e.last_order_date IS NOT m.last_order_date"), qint64(0));
    QCOMPARE(mismatches("CAST(e.days_since AS INTEGER) IS NOT m.days_since_last_order"), qint64(0));
    QCOMPARE(mismatches("abs(e.spend_30 - m.spend_30) > 1e-6 OR abs(e.spend_365 - m.spend_365) > 1e-6"), qint64(0));
    QCOMPARE(mismatches("e.orders_90 != m.orders_90 OR e.refunded_count != m.refunded_count"), qint64(0));
    QCOMPARE(mismatches("(e.orders_count >= 2) != m.repeat_buyer"), qint64(0));
    // Lifecycle by the default definitions, written as a CASE.
    QCOMPARE(mismatches("m.lifecycle_stage != CASE WHEN e.orders_count = 0 THEN 'prospect' "
                        "WHEN e.days_since > 180 THEN 'dormant' WHEN e.days_since > 90 THEN 'at_risk' "
                        "WHEN e.orders_count = 1 THEN 'new' WHEN e.orders_count <= 4 THEN 'growing' ELSE 'mature' END"),
             qint64(0));
    // Scores and tiers with window functions: strictly-worse counts are RANK() - 1 in the right order, ties
    // the rows sharing the value.
    db.exec("CREATE TEMP TABLE ranks AS SELECT customer_id, count(*) OVER () AS n, "
            " RANK() OVER (ORDER BY days_since DESC) - 1 AS r_worse, count(*) OVER (PARTITION BY days_since) AS r_ties, "
            " RANK() OVER (ORDER BY orders_count) - 1 AS f_worse, "
            " RANK() OVER (ORDER BY total_spend) - 1 AS m_worse, count(*) OVER (PARTITION BY total_spend) AS m_ties, "
            " RANK() OVER (ORDER BY total_spend DESC) - 1 AS spend_before "
            "FROM expected WHERE orders_count > 0");
    const qint64 buyers = count(db, "SELECT count(*) FROM ranks");
    QVERIFY(buyers > 2000);
    const auto rankMismatches = [&db](const char *condition) {
        return count(db, std::string("SELECT count(*) FROM ranks x JOIN customer_metrics m USING (customer_id) WHERE ") +
                             condition);
    };
    QCOMPARE(rankMismatches("m.r_score != 1 + (5 * (2 * x.r_worse + x.r_ties)) / (2 * x.n)"), qint64(0));
    QCOMPARE(rankMismatches("m.f_score != CASE WHEN m.orders_count >= 6 THEN 5 WHEN m.orders_count >= 4 THEN 4 "
                            "WHEN m.orders_count >= 3 THEN 3 WHEN m.orders_count >= 2 THEN 2 ELSE 1 END"),
             qint64(0));
    QCOMPARE(rankMismatches("m.m_score != 1 + (5 * (2 * x.m_worse + x.m_ties)) / (2 * x.n)"), qint64(0));
    QCOMPARE(rankMismatches("m.value_tier != CASE WHEN x.spend_before < 0.2 * x.n THEN 'high' "
                            "WHEN x.spend_before < 0.5 * x.n THEN 'mid' ELSE 'low' END"),
             qint64(0));
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count = 0 AND "
                       "value_tier IN ('none', 'cancelled') AND r_score IS NULL AND rfm_segment IS NULL"),
             3000 - buyers);
    // Customers without a purchase are "cancelled" exactly when they have a cancelled or refunded order
    // dated by the analysis date.
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics m WHERE orders_count = 0 AND (value_tier = 'cancelled') != "
                       "EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = m.customer_id AND NOT o.is_valid "
                       "AND substr(o.order_date, 1, 10) <= '2025-12-31')"),
             qint64(0));
    // Every score 1 to 5 is used for M (spend has few ties).
    QCOMPARE(count(db, "SELECT count(DISTINCT m_score) FROM customer_metrics WHERE m_score IS NOT NULL"), qint64(5));
}

void TestCustomerMetrics::distributionAgreesWithSql()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("dist.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoOptions options;
    options.customers = 2000;
    QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
    QVERIFY(CustomerMetrics::ensureCurrent(*ws.value()).ok());
    Database &db = ws.value()->db();
    const AnalysisSettings settings;
    const auto all = distributionOf(db, settings);
    QVERIFY2(all.ok(), qPrintable(all.errorMessage()));
    QCOMPARE(all->customers, qint64(2000));
    for (const QString &stage : stageIds()) {
        QCOMPARE(all->lifecycle.at(stage),
                 count(db, "SELECT count(*) FROM customer_metrics WHERE lifecycle_stage = '" + stage.toStdString() + "'"));
    }
    QCOMPARE(all->funnel.at(1).customers, count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count >= 1"));
    QCOMPARE(all->funnel.at(2).customers, count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count >= 2"));
    QCOMPARE(all->funnel.at(3).customers, count(db, "SELECT count(*) FROM customer_metrics WHERE orders_count >= 5"));
    QCOMPARE(all->funnel.at(2).conversion, double(all->funnel.at(2).customers) / double(all->funnel.at(1).customers));
    QCOMPARE(all->active + all->atRisk + all->dormant, all->funnel.at(1).customers);
    qint64 gridTotal = 0;
    for (const auto &row : all->rfGrid)
        for (qint64 cell : row)
            gridTotal += cell;
    QCOMPARE(gridTotal, all->funnel.at(1).customers);
    QCOMPARE(all->rfmSegments.at(QStringLiteral("Champions")),
             count(db, "SELECT count(*) FROM customer_metrics WHERE rfm_segment = 'Champions'"));
    QCOMPARE(qRound64(all->tiers.at(QStringLiteral("high")).revenue),
             qRound64(db.scalar("SELECT total(total_spend) FROM customer_metrics WHERE value_tier = 'high'").toDouble()));

    // A subset: the customers of Shanghai.
    std::vector<qint64> members;
    Statement shanghai(db, "SELECT id FROM customers WHERE city = '上海'");
    while (shanghai.step())
        members.push_back(shanghai.int64(0));
    const auto subset = distributionOf(db, settings, &members);
    QVERIFY(subset.ok());
    QCOMPARE(subset->customers, qint64(members.size()));
    QCOMPARE(subset->lifecycle.at(QStringLiteral("dormant")),
             count(db, "SELECT count(*) FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                       "WHERE c.city = '上海' AND lifecycle_stage = 'dormant'"));
}

void TestCustomerMetrics::cancelLeavesMetricsUnchanged()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("cancel.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoOptions options;
    options.customers = 500;
    QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate(2026, 7, 1)).ok());
    Database &db = ws.value()->db();
    const QString before = db.scalar("SELECT group_concat(customer_id || lifecycle_stage || days_since_last_order, ',') "
                                     "FROM customer_metrics").toString();
    Progress progress;
    progress.cancel();
    const auto result = CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate(2024, 1, 1), &progress);
    QVERIFY(!result.ok());
    QVERIFY(result.errorMessage().contains(u"cancelled"));
    QCOMPARE(db.scalar("SELECT group_concat(customer_id || lifecycle_stage || days_since_last_order, ',') "
                       "FROM customer_metrics").toString(),
             before);
}

// A recompute updates the rows of the one before in place: every column of a customer whose history changed
// is replaced (down to NULLs for one who no longer has a purchase), new customers get a row, and the row of a
// customer gone (left behind by a delete with foreign-key checks off) is removed. The figures are those worked
// out by hand, and every row equals what a recompute into an emptied table writes.
void TestCustomerMetrics::recomputeOverEarlierRowsLeavesNoneBehind()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("again.segmenta"));
    auto ws = Workspace::create(path);
    QVERIFY(ws.ok());
    Database &db = ws.value()->db();
    for (int i = 1; i <= 4; ++i)
        addCustomer(db, i, QStringLiteral("c%1").arg(i).toUtf8().constData());
    addOrder(db, 1, 10, 100);
    addOrder(db, 2, 20, 50);
    addOrder(db, 2, 40, 70);
    addOrder(db, 4, 30, 30);
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, kAsOf).ok());
    QCOMPARE(metric(db, 2, "total_spend").toDouble(), 120.0);

    db.exec("PRAGMA foreign_keys = OFF");
    db.exec("DELETE FROM customers WHERE id = 4");
    db.exec("PRAGMA foreign_keys = ON");
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE customer_id = 4"), qint64(1));
    addCustomer(db, 5, "c5");
    addOrder(db, 5, 5, 60);
    addOrder(db, 1, 3, 25);
    db.exec("DELETE FROM orders WHERE customer_id = 2");
    const QDate later = kAsOf.addDays(1);
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, later).ok());

    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics"), qint64(4));
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics WHERE customer_id NOT IN (SELECT id FROM customers)"), qint64(0));
    QCOMPARE(metric(db, 1, "orders_count").toLongLong(), qint64(2));
    QCOMPARE(metric(db, 1, "total_spend").toDouble(), 125.0);
    QCOMPARE(metric(db, 1, "last_order_date").toString(), kAsOf.addDays(-3).toString(Qt::ISODate));
    QCOMPARE(metric(db, 1, "days_since_last_order").toLongLong(), qint64(4));
    QCOMPARE(metric(db, 2, "orders_count").toLongLong(), qint64(0));
    QCOMPARE(metric(db, 2, "total_spend").toDouble(), 0.0);
    for (const char *column : {"first_order_date", "last_order_date", "days_since_last_order", "avg_order_value",
                               "largest_order", "r_score", "f_score", "m_score", "rfm_segment"})
        QVERIFY2(metric(db, 2, column).isNull(), column);
    QCOMPARE(metric(db, 5, "total_spend").toDouble(), 60.0);
    QCOMPARE(metric(db, 5, "days_since_last_order").toLongLong(), qint64(6));

    const std::string everyRow = "SELECT group_concat(r, char(10)) FROM (SELECT quote(customer_id) || ',' || "
                                 "quote(first_order_date) || ',' || quote(last_order_date) || ',' || "
                                 "quote(days_since_last_order) || ',' || quote(orders_count) || ',' || quote(total_spend) "
                                 "|| ',' || quote(avg_order_value) || ',' || quote(largest_order) || ',' || "
                                 "quote(tenure_days) || ',' || quote(spend_30) || ',' || quote(orders_365) || ',' || "
                                 "quote(lifecycle_stage) || ',' || quote(value_tier) || ',' || quote(r_score) || ',' || "
                                 "quote(f_score) || ',' || quote(m_score) || ',' || quote(rfm_segment) || ',' || "
                                 "quote(clv_tier) AS r FROM customer_metrics ORDER BY customer_id)";
    const QString updated = db.scalar(everyRow).toString();
    db.exec("DELETE FROM customer_metrics");
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, later).ok());
    QCOMPARE(updated, db.scalar(everyRow).toString());
}

void TestCustomerMetrics::lifecycleMovesWhenTheDateAdvances()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("moves.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoOptions options;
    options.customers = 600;
    QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
    Database &db = ws.value()->db();
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate(2026, 3, 1)).ok());
    // The stages at the first date, kept aside in a table of the test's own.
    db.exec("CREATE TABLE before_stages AS SELECT customer_id, lifecycle_stage FROM customer_metrics");
    // A customer who arrives between the two dates.
    db.exec("INSERT INTO customers(id, customer_key) VALUES (900001, 'newcomer')");
    QVERIFY(CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate(2026, 7, 1)).ok());
    const auto moves = CustomerMetrics::latestMoves(*ws.value());
    QVERIFY2(moves.ok(), qPrintable(moves.errorMessage()));
    QCOMPARE(moves->previous, QDate(2026, 3, 1));
    QCOMPARE(moves->asOf, QDate(2026, 7, 1));
    // The same counts from plain SQL: old stage joined to new stage per customer.
    QString expected, actual;
    Statement query(db, "SELECT coalesce(b.lifecycle_stage, ''), m.lifecycle_stage, count(*) FROM customer_metrics m "
                        "LEFT JOIN before_stages b ON b.customer_id = m.customer_id GROUP BY 1, 2 ORDER BY 1, 2");
    qint64 moved = 0;
    while (query.step()) {
        expected += query.text(0) + u'>' + query.text(1) + u'=' + QString::number(query.int64(2)) + u';';
        if (!query.text(0).isEmpty() && query.text(0) != query.text(1))
            moved += query.int64(2);
    }
    for (const auto &move : moves->moves)
        actual += move.from + u'>' + move.to + u'=' + QString::number(move.customers) + u';';
    QCOMPARE(actual, expected);
    QVERIFY(expected.contains(QStringLiteral(">prospect=1;"))); // the newcomer
    QCOMPARE(moves->moved(), moved);
    QVERIFY(moved > 0); // four months on, some customers went at risk or dormant

    // New settings at the same date, an earlier date, and a cancelled recompute record nothing new.
    const QString recorded = db.scalar("SELECT group_concat(analysis_date || from_stage || to_stage || customers) "
                                       "FROM lifecycle_moves").toString();
    AnalysisSettings other;
    other.lifecycle.activeDays = 30;
    QVERIFY(CustomerMetrics::recompute(*ws.value(), other, QDate(2026, 7, 1)).ok());
    Progress progress;
    progress.cancel();
    QVERIFY(!CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate(2026, 12, 1), &progress).ok());
    QCOMPARE(db.scalar("SELECT group_concat(analysis_date || from_stage || to_stage || customers) FROM lifecycle_moves").toString(),
             recorded);
}

void TestCustomerMetrics::settingsRoundTripAndValidate()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("settings.segmenta")));
    QVERIFY(ws.ok());
    AnalysisSettings settings;
    settings.lifecycle.activeDays = 60;
    settings.tiers.method = TierMethod::RevenueShare;
    settings.rfm.names[0][0] = QStringLiteral("Lost");
    settings.save(*ws.value());
    const AnalysisSettings loaded = AnalysisSettings::load(*ws.value());
    QCOMPARE(loaded.lifecycle.activeDays, 60);
    QCOMPARE(loaded.tiers.method, TierMethod::RevenueShare);
    QCOMPARE(loaded.rfm.name(1, 1), QStringLiteral("Lost"));
    QCOMPARE(loaded.rfm.name(5, 5), QStringLiteral("Champions"));
    QCOMPARE(loaded.lifecycle.rules().at(2).ruleText, QStringLiteral("days_since_last_order > 60"));

    LifecycleDefinition bad;
    bad.atRiskDays = 30;
    QVERIFY(!bad.validate().ok());
    TierDefinition badTiers;
    badTiers.highCustomerShare = 0.8;
    badTiers.midCustomerShare = 0.3;
    QVERIFY(!badTiers.validate().ok());
    QVERIFY(!CustomerMetrics::recompute(*ws.value(), AnalysisSettings{}, QDate()).ok());
}

// ensureCurrent() leaves current metrics alone (no recompute: the token each recompute records stays) and
// recomputes when a customer has no row, or for another analysis date; after each, every customer has a row.
void TestCustomerMetrics::ensureCurrentRecomputesOnlyWhenStale()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("current.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoOptions options;
    options.customers = 300;
    QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
    Database &db = ws.value()->db();
    const auto token = [&db] {
        return db.scalar("SELECT value FROM settings WHERE key = 'metrics_changed'").toString();
    };
    const auto rowless = [&db] {
        return count(db, "SELECT count(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM customer_metrics m "
                         "WHERE m.customer_id = c.id)");
    };
    QVERIFY(CustomerMetrics::ensureCurrent(*ws.value()).ok());
    const QString first = token();
    QVERIFY(!first.isEmpty());
    QCOMPARE(rowless(), qint64(0));
    const auto again = CustomerMetrics::ensureCurrent(*ws.value());
    QVERIFY(again.ok());
    QCOMPARE(token(), first);
    QCOMPARE(again->customers, count(db, "SELECT count(*) FROM customers"));

    db.exec("INSERT INTO customers(id, customer_key) VALUES ((SELECT max(id) + 1 FROM customers), 'added by hand')");
    QCOMPARE(rowless(), qint64(1));
    QVERIFY(CustomerMetrics::ensureCurrent(*ws.value()).ok());
    QVERIFY(token() != first);
    QCOMPARE(rowless(), qint64(0));
    QCOMPARE(count(db, "SELECT count(*) FROM customer_metrics"), qint64(301));

    const QString second = token();
    QVERIFY(CustomerMetrics::ensureCurrent(*ws.value(), ws.value()->analysisDate().addDays(-30)).ok());
    QVERIFY(token() != second);

    // Metrics computed by a build with other definitions (another fingerprint stored) are computed again.
    const QString third = token();
    db.exec("UPDATE settings SET value = 'computed under other definitions' WHERE key = 'metrics_computed_for'");
    QVERIFY(CustomerMetrics::ensureCurrent(*ws.value(), ws.value()->analysisDate()).ok());
    QVERIFY(token() != third);
}

QTEST_GUILESS_MAIN(TestCustomerMetrics)
#include "tst_customermetrics.moc"
