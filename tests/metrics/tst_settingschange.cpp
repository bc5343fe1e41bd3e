#include "stagesql.h"

#include "demo/demoshop.h"
#include "metrics/settingschange.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::metrics;
using store::Workspace;

// Changing the analysis date and the definitions through AnalysisChanges::apply: stages follow the new
// thresholds exactly as plain SQL over the orders predicts; a cancelled or refused change leaves the
// settings and every metric as before.
class TestSettingsChange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stagesFollowTheThresholds_data();
    void stagesFollowTheThresholds();
    void tiersFollowTheMethod();
    void cancelChangesNothing();
    void invalidSettingsChangeNothing();
    void noFixedDateMeansToday();

private:
    std::unique_ptr<Workspace> open();
    QTemporaryDir m_dir;
    QString m_path;
};

void TestSettingsChange::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = Workspace::create(m_path);
    QVERIFY(ws.ok());
    demo::DemoSetupOptions options;
    options.shop.customers = 1200;
    options.history = false;
    QVERIFY(demo::DemoShop::setUp(*ws.value(), options).ok());
    // The SQL prediction reads orders only: the demo shop has no customer-list aggregates.
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM customers WHERE list_orders_count > 0").toLongLong(), 0);
}

std::unique_ptr<Workspace> TestSettingsChange::open()
{
    auto ws = Workspace::open(m_path);
    return ws ? std::move(ws).value() : nullptr;
}

void TestSettingsChange::stagesFollowTheThresholds_data()
{
    QTest::addColumn<int>("newMax");
    QTest::addColumn<int>("growingMax");
    QTest::addColumn<int>("activeDays");
    QTest::addColumn<int>("atRiskDays");
    QTest::addColumn<QDate>("asOf");
    QTest::newRow("defaults") << 1 << 4 << 90 << 180 << QDate(2026, 7, 1);
    QTest::newRow("at risk until 120 days") << 1 << 4 << 90 << 120 << QDate(2026, 7, 1);
    QTest::newRow("short active period") << 1 << 4 << 30 << 60 << QDate(2026, 7, 1);
    QTest::newRow("more orders per stage") << 2 << 6 << 90 << 180 << QDate(2026, 7, 1);
    QTest::newRow("earlier analysis date") << 1 << 4 << 90 << 180 << QDate(2026, 1, 15);
}

void TestSettingsChange::stagesFollowTheThresholds()
{
    QFETCH(int, newMax);
    QFETCH(int, growingMax);
    QFETCH(int, activeDays);
    QFETCH(int, atRiskDays);
    QFETCH(QDate, asOf);
    auto ws = open();
    QVERIFY(ws);
    AnalysisChange change = AnalysisChange::current(*ws);
    change.analysisDate = asOf;
    change.settings.lifecycle.newMaxOrders = newMax;
    change.settings.lifecycle.growingMaxOrders = growingMax;
    change.settings.lifecycle.activeDays = activeDays;
    change.settings.lifecycle.atRiskDays = atRiskDays;
    const auto applied = AnalysisChanges::apply(*ws, change);
    QVERIFY2(applied.ok(), qPrintable(applied.errorMessage()));
    QCOMPARE(applied->asOf, asOf);

    // A fresh connection sees the committed change.
    auto reread = open();
    QVERIFY(reread);
    QCOMPARE(testing::stagesDifferingFromSql(reread->db(), change.settings.lifecycle, asOf), 0);
    QCOMPARE(reread->analysisDate(), asOf);
    const AnalysisChange stored = AnalysisChange::current(*reread);
    QCOMPARE(stored.settings.lifecycle.atRiskDays, atRiskDays);
    QCOMPARE(stored.settings.lifecycle.newMaxOrders, newMax);
    QVERIFY(stored == change);
    // The stored metrics are current: opening does not recompute them.
    QCOMPARE(reread->setting(QString::fromLatin1(CustomerMetrics::kComputedForKey)),
             ws->setting(QString::fromLatin1(CustomerMetrics::kComputedForKey)));
}

void TestSettingsChange::tiersFollowTheMethod()
{
    auto ws = open();
    QVERIFY(ws);
    AnalysisChange change = AnalysisChange::current(*ws);
    change.settings.tiers.method = TierMethod::SpendThresholds;
    change.settings.tiers.highMinSpend = 1500;
    change.settings.tiers.midMinSpend = 400;
    QVERIFY(AnalysisChanges::apply(*ws, change).ok());
    auto &db = ws->db();
    // Hand-written SQL over the orders: purchases (valid, above zero) up to the analysis date, summed per
    // customer; customers without one but with a cancelled or refunded order are "cancelled".
    const QString asOf = ws->analysisDate().toString(Qt::ISODate);
    store::Statement query(db, R"(
        WITH s AS (SELECT c.id AS id, count(x.id) AS n, coalesce(sum(x.amount), 0) AS spend
                   FROM customers c LEFT JOIN orders x ON x.customer_id = c.id AND x.is_valid = 1 AND x.amount > 0
                        AND substr(x.order_date, 1, 10) <= ?1 GROUP BY c.id)
        SELECT count(*) FROM s JOIN customer_metrics m ON m.customer_id = s.id
        WHERE m.value_tier IS NOT CASE WHEN n = 0 AND EXISTS (SELECT 1 FROM orders y WHERE y.customer_id = s.id
                                                   AND y.is_valid = 0 AND substr(y.order_date, 1, 10) <= ?1) THEN 'cancelled'
                                       WHEN n = 0 THEN 'none' WHEN spend >= 1500 THEN 'high'
                                       WHEN spend >= 400 THEN 'mid' ELSE 'low' END)");
    query.bind(1, asOf);
    QVERIFY(query.step());
    QCOMPARE(query.int64(0), 0);
    QVERIFY(db.scalar("SELECT count(*) FROM customer_metrics WHERE value_tier = 'high'").toLongLong() > 0);
}

void TestSettingsChange::cancelChangesNothing()
{
    auto ws = open();
    QVERIFY(ws);
    const QString before = testing::settingsAndMetricsDump(ws->db());
    AnalysisChange change = AnalysisChange::current(*ws);
    change.analysisDate = QDate(2025, 12, 1);
    change.settings.lifecycle.atRiskDays = 365;
    change.settings.tiers.method = TierMethod::RevenueShare;
    change.settings.rfm.names[4][4] = QStringLiteral("Stars");
    // Cancelled before it starts.
    Progress early;
    early.cancel();
    QVERIFY(!AnalysisChanges::apply(*ws, change, &early).ok());
    QCOMPARE(testing::settingsAndMetricsDump(open()->db()), before);
    // Cancelled half-way, after the old metrics were deleted inside the transaction.
    Progress *self = nullptr;
    Progress midway([&self](qint64 done, qint64 total) {
        if (self && total > 0 && done >= total / 2)
            self->cancel();
    });
    self = &midway;
    const auto applied = AnalysisChanges::apply(*ws, change, &midway);
    QVERIFY(!applied.ok());
    QVERIFY(midway.isCanceled());
    QVERIFY2(applied.errorMessage().contains(QStringLiteral("cancelled")), qPrintable(applied.errorMessage()));
    QCOMPARE(testing::settingsAndMetricsDump(ws->db()), before);
    QCOMPARE(testing::settingsAndMetricsDump(open()->db()), before);
}

void TestSettingsChange::invalidSettingsChangeNothing()
{
    auto ws = open();
    QVERIFY(ws);
    const QString before = testing::settingsAndMetricsDump(ws->db());
    AnalysisChange change = AnalysisChange::current(*ws);
    change.settings.lifecycle.atRiskDays = change.settings.lifecycle.activeDays; // must be later
    const auto applied = AnalysisChanges::apply(*ws, change);
    QVERIFY(!applied.ok());
    QVERIFY2(applied.errorMessage().contains(QStringLiteral("at-risk")), qPrintable(applied.errorMessage()));
    QCOMPARE(testing::settingsAndMetricsDump(ws->db()), before);
}

void TestSettingsChange::noFixedDateMeansToday()
{
    auto ws = open();
    QVERIFY(ws);
    AnalysisChange change = AnalysisChange::current(*ws);
    change.analysisDate = QDate();
    const auto applied = AnalysisChanges::apply(*ws, change);
    QVERIFY(applied.ok());
    QCOMPARE(applied->asOf, QDate::currentDate());
    QVERIFY(ws->setting(QString::fromLatin1(Workspace::kAnalysisDateKey)).isEmpty());
    QVERIFY(!AnalysisChange::current(*ws).analysisDate.isValid());
    QCOMPARE(testing::stagesDifferingFromSql(ws->db(), change.settings.lifecycle, QDate::currentDate()), 0);
}

QTEST_GUILESS_MAIN(TestSettingsChange)
#include "tst_settingschange.moc"
