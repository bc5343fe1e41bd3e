#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::store;
using segmenta::demo::DemoOptions;

namespace {

// A digest of every customer and order, computed in SQL, to compare two generated shops.
QString contentDigest(Database &db)
{
    return db
        .scalar("SELECT group_concat(h, '') FROM ("
                " SELECT count(*) || ':' || total(length(name)) || ':' || total(unicode(name)) || ':' ||"
                "   group_concat(customer_key || city || coalesce(phone, '') || signup_date, ',') AS h FROM customers"
                " UNION ALL SELECT count(*) || ':' || total(amount) || ':' ||"
                "   group_concat(order_key || customer_id || order_date || status, ',') FROM orders"
                " UNION ALL SELECT count(*) || ':' || total(amount) || ':' ||"
                "   group_concat(order_id || '.' || line_no || sku || quantity, ',') FROM order_lines)")
        .toString();
}

} // namespace

class TestDemoShop : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void isDeterministic();
    void looksLikeAShop();
    void refusesANonEmptyWorkspace();
    void cancelLeavesTheWorkspaceEmpty();
    void setUpAddsPlaybookSegmentsAndHistory();
};

void TestDemoShop::isDeterministic()
{
    QTemporaryDir dir;
    DemoOptions options;
    options.customers = 1500;
    options.seed = 7;
    QString digests[3];
    for (int i = 0; i < 3; ++i) {
        if (i == 2)
            options.seed = 8;
        auto ws = Workspace::create(dir.filePath(QStringLiteral("d%1.segmenta").arg(i)));
        QVERIFY(ws.ok());
        QVERIFY(demo::DemoShop::generate(*ws.value(), options).ok());
        digests[i] = contentDigest(ws.value()->db());
    }
    QCOMPARE(digests[0], digests[1]);
    QVERIFY(digests[0] != digests[2]);
}

void TestDemoShop::looksLikeAShop()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("shop.segmenta")));
    QVERIFY(ws.ok());
    DemoOptions options;
    options.customers = 5000;
    const auto summary = demo::DemoShop::generate(*ws.value(), options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    Database &db = ws.value()->db();
    const auto count = [&db](const char *sql) { return db.scalar(sql).toLongLong(); };

    QCOMPARE(count("SELECT count(*) FROM customers"), qint64(5000));
    QCOMPARE(count("SELECT count(*) FROM orders"), summary->orders);
    QCOMPARE(ws.value()->analysisDate(), options.lastDay.addDays(1));
    QCOMPARE(summary->lastOrderDay <= options.lastDay, true);
    // Orders belong to customers and never precede the signup.
    QCOMPARE(count("SELECT count(*) FROM orders WHERE customer_id NOT IN (SELECT id FROM customers)"), qint64(0));
    QCOMPARE(count("SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id "
                   "WHERE substr(o.order_date, 1, 10) < c.signup_date"), qint64(0));
    QCOMPARE(count("SELECT count(*) FROM orders WHERE amount <= 0 OR quantity < 1"), qint64(0));
    // Orders have 1 to 4 lines, about 1.6 on average (55% one line, 32% two, 10% three, 3% four: 1.61), with a
    // product, SKU and category each; the order's amount and quantity are its lines' sums, its product and
    // category its first line's.
    QCOMPARE(count("SELECT count(*) FROM order_lines"), summary->lines);
    const double linesPerOrder = double(summary->lines) / double(summary->orders);
    QVERIFY2(linesPerOrder > 1.5 && linesPerOrder < 1.72, qPrintable(QString::number(linesPerOrder)));
    QCOMPARE(count("SELECT max(line_no) FROM order_lines"), qint64(4));
    QCOMPARE(count("SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = o.id AND line_no = 1 "
                   "AND product = o.product AND category = o.category)"), qint64(0));
    QCOMPARE(count("SELECT count(*) FROM orders o WHERE abs(o.amount - (SELECT sum(amount) FROM order_lines WHERE order_id = o.id)) > 0.005 "
                   "OR o.quantity <> (SELECT sum(quantity) FROM order_lines WHERE order_id = o.id)"), qint64(0));
    QCOMPARE(count("SELECT count(*) FROM order_lines WHERE amount <= 0 OR quantity < 1 OR product IS NULL OR sku IS NULL "
                   "OR category IS NULL OR order_id NOT IN (SELECT id FROM orders)"), qint64(0));
    QVERIFY(count("SELECT count(DISTINCT category) FROM order_lines") >= 10);
    QVERIFY(count("SELECT count(DISTINCT sku) FROM order_lines") >= 25);

    // Shape: some prospects, one-time buyers the largest group of buyers, a loyal tail, Pareto-like spend.
    const qint64 prospects = count("SELECT count(*) FROM customers WHERE id NOT IN (SELECT customer_id FROM orders)");
    const qint64 oneTime = count("SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) = 1)");
    const qint64 loyal = count("SELECT count(*) FROM (SELECT customer_id FROM orders GROUP BY customer_id HAVING count(*) >= 10)");
    const qint64 buyers = 5000 - prospects;
    QVERIFY2(prospects > 5000 * 0.05 && prospects < 5000 * 0.25, qPrintable(QString::number(prospects)));
    QVERIFY2(oneTime > buyers * 0.35, qPrintable(QString::number(oneTime)));
    QVERIFY2(loyal > buyers * 0.05, qPrintable(QString::number(loyal)));
    const double top20Share = db.scalar(
        "WITH s AS (SELECT customer_id, sum(amount) AS spend FROM orders WHERE is_valid = 1 GROUP BY customer_id),"
        " r AS (SELECT spend, row_number() OVER (ORDER BY spend DESC) AS n, count(*) OVER () AS total FROM s)"
        " SELECT sum(CASE WHEN n <= total / 5 THEN spend END) / sum(spend) FROM r").toDouble();
    QVERIFY2(top20Share > 0.5 && top20Share < 0.9, qPrintable(QString::number(top20Share)));
    // Many lapsed: a good part of buyers have not bought in the last 180 days.
    const qint64 lapsed = count("SELECT count(*) FROM (SELECT customer_id, max(order_date) AS last FROM orders "
                                "GROUP BY customer_id) WHERE last < '2026-01-01'");
    QVERIFY2(lapsed > buyers / 3, qPrintable(QString::number(lapsed)));
    // Refunds and cancellations exist and are flagged as not purchases.
    QVERIFY(count("SELECT count(*) FROM orders WHERE status = 'refunded' AND is_valid = 0 AND is_refund = 1") > 0);
    QVERIFY(count("SELECT count(*) FROM orders WHERE status = 'cancelled' AND is_valid = 0 AND is_refund = 0") > 0);
    QCOMPARE(count("SELECT count(*) FROM orders WHERE status = 'completed' AND is_valid = 0"), qint64(0));
    // Both Chinese and English names; cities such as 上海 and 北京; empty values where people did not say.
    QVERIFY(count("SELECT count(*) FROM customers WHERE unicode(name) > 0x4E00") > 2500);
    QVERIFY(count("SELECT count(*) FROM customers WHERE name GLOB '[A-Z]* [A-Z]*'") > 50);
    QVERIFY(count("SELECT count(*) FROM customers WHERE city = '上海'") > 300);
    QVERIFY(count("SELECT count(*) FROM customers WHERE birth_date IS NULL") > 200);
    QCOMPARE(count("SELECT count(DISTINCT customer_key) FROM customers"), qint64(5000));
    QCOMPARE(ws.value()->integrityCheck(), QStringLiteral("ok"));
}

void TestDemoShop::refusesANonEmptyWorkspace()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("full.segmenta")));
    QVERIFY(ws.ok());
    ws.value()->db().exec("INSERT INTO customers(customer_key) VALUES ('mine')");
    const auto result = demo::DemoShop::generate(*ws.value(), DemoOptions{});
    QVERIFY(!result.ok());
    QVERIFY(result.errorMessage().contains(u"empty workspace"));
    QCOMPARE(ws.value()->customerCount(), qint64(1));
}

void TestDemoShop::cancelLeavesTheWorkspaceEmpty()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("cancel.segmenta")));
    QVERIFY(ws.ok());
    Progress progress;
    progress.cancel();
    DemoOptions options;
    options.customers = 10000;
    const auto result = demo::DemoShop::generate(*ws.value(), options, &progress);
    QVERIFY(!result.ok());
    QVERIFY(result.errorMessage().contains(u"cancelled"));
    QCOMPARE(ws.value()->customerCount(), qint64(0));
    QCOMPARE(ws.value()->orderCount(), qint64(0));
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM sources").toLongLong(), qint64(0));
    QCOMPARE(ws.value()->setting(QStringLiteral("analysis_date")), QString());
}

void TestDemoShop::setUpAddsPlaybookSegmentsAndHistory()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("setup.segmenta")));
    QVERIFY(ws.ok());
    demo::DemoSetupOptions options;
    options.shop.customers = 2000;
    QVERIFY(demo::DemoShop::setUp(*ws.value(), options).ok());
    Database &db = ws.value()->db();
    QCOMPARE(db.scalar("SELECT count(*) FROM segments").toLongLong(), qint64(8));
    // Four dates a quarter apart, one row per segment and date.
    QCOMPARE(db.scalar("SELECT count(DISTINCT analysis_date) FROM segment_history").toLongLong(), qint64(4));
    QCOMPARE(db.scalar("SELECT count(*) FROM segment_history").toLongLong(), qint64(32));
    QCOMPARE(db.scalar("SELECT max(analysis_date) FROM segment_history").toString(), QStringLiteral("2026-07-01"));
    // The latest sizes agree with plain SQL over the metrics, which are current for the analysis date again.
    QCOMPARE(db.scalar("SELECT h.customers FROM segment_history h JOIN segments s ON s.id = h.segment_id "
                       "WHERE s.name = 'Repeat buyers' AND h.analysis_date = '2026-07-01'").toLongLong(),
             db.scalar("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2").toLongLong());
    QCOMPARE(db.scalar("SELECT h.customers FROM segment_history h JOIN segments s ON s.id = h.segment_id "
                       "WHERE s.name = 'Dormant over 180 days' AND h.analysis_date = '2026-07-01'").toLongLong(),
             db.scalar("SELECT count(*) FROM customer_metrics WHERE lifecycle_stage = 'dormant'").toLongLong());
    // Earlier dates saw fewer repeat buyers (fewer orders had happened).
    QVERIFY(db.scalar("SELECT h.customers FROM segment_history h JOIN segments s ON s.id = h.segment_id "
                      "WHERE s.name = 'Repeat buyers' ORDER BY analysis_date LIMIT 1").toLongLong() <
            db.scalar("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2").toLongLong());
}

QTEST_GUILESS_MAIN(TestDemoShop)
#include "tst_demoshop.moc"
