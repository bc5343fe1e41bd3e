#include "export/memberexporter.h"
#include "metrics/customermetrics.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "store/database.h"
#include "store/field.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using store::Database;
using store::Statement;

namespace {

const QDate kAsOf(2026, 7, 1);

// The hand-worked shop (analysis date 2026-07-01):
//
// order | customer | date                | amount | valid | channel | lines: product / category / amount
// 1     | 1        | 2026-03-01T10:00:00 | 100    | yes   | Web     | A/茶/60; B/茶具/40
// 2     | 1        | 2026-03-01T09:00:00 | 50     | yes   | WeChat  | C/书/50           (same day, an hour earlier)
// 3     | 1        | 2026-05-01          | 80     | yes   | Store   | B/茶具/80
// 4     | 2        | 2026-02-01          | 300    | no    | Web     | D/茶/300          (cancelled)
// 5     | 2        | 2026-04-01          | 100    | yes   | JD      | E/书/50; F/茶/50
// 6     | 3        | 2026-06-01          | 70     | yes   | Web     | (no product)/茶/10; G/茶/60
// 7     | 3        | 2026-06-01          | 20     | yes   | Douyin  | H/书/20           (same date as 6, higher id)
// 8     | 4        | 2026-08-01          | 90     | yes   | Web     | I/茶/90           (after the analysis date)
// 9     | 5        | 2026-01-01          | 0      | yes   | Web     | J/茶/0            (zero amount)
// 10    | 7        | 2026-06-10          | 30     | yes   | (none)  | K/(none)/30
// Customer 6 has no order.
//
// 1: 茶 60, 茶具 120, 书 50: favourite 茶具; products A B C; first purchase order 2 (09:00 before 10:00): C,
//    WeChat; last order 3: B.
// 2: the cancelled order 4 does not count; 书 50 and 茶 50 tie, 书 (U+4E66) sorts before 茶 (U+8336); E and F;
//    one purchase, whose first line is E.
// 3: 茶 70, 书 20; G and H; orders 6 and 7 on the same date: 6 (lower id) is first, 7 last; order 6's first
//    line has no product, so its first product is G.
// 4, 5, 6: no purchase. 7: no category; one product K; no channel.
void fillShop(Database &db)
{
    db.exec("INSERT INTO customers(id, customer_key) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), "
            "(7, 'g')");
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, channel) VALUES "
            "(1, 'o1', 1, '2026-03-01T10:00:00', 100, 1, 'Web'), (2, 'o2', 1, '2026-03-01T09:00:00', 50, 1, 'WeChat'), "
            "(3, 'o3', 1, '2026-05-01', 80, 1, 'Store'), (4, 'o4', 2, '2026-02-01', 300, 0, 'Web'), "
            "(5, 'o5', 2, '2026-04-01', 100, 1, 'JD'), (6, 'o6', 3, '2026-06-01', 70, 1, 'Web'), "
            "(7, 'o7', 3, '2026-06-01', 20, 1, 'Douyin'), (8, 'o8', 4, '2026-08-01', 90, 1, 'Web'), "
            "(9, 'o9', 5, '2026-01-01', 0, 1, 'Web'), (10, 'o10', 7, '2026-06-10', 30, 1, NULL)");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, amount) VALUES "
            "(1, 1, 'A', '茶', 60), (1, 2, 'B', '茶具', 40), (2, 1, 'C', '书', 50), (3, 1, 'B', '茶具', 80), "
            "(4, 1, 'D', '茶', 300), (5, 1, 'E', '书', 50), (5, 2, 'F', '茶', 50), (6, 1, NULL, '茶', 10), "
            "(6, 2, 'G', '茶', 60), (7, 1, 'H', '书', 20), (8, 1, 'I', '茶', 90), (9, 1, 'J', '茶', 0), "
            "(10, 1, 'K', NULL, 30)");
}

QStringList ids(const std::vector<qint64> &members)
{
    QStringList text;
    for (qint64 id : members)
        text << QString::number(id);
    return text;
}

} // namespace

class TestPurchaseProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fieldsOfEachCustomer_data();
    void fieldsOfEachCustomer();
    void fieldsAreRegisteredForRules();
    void rulesSelectByThem_data();
    void rulesSelectByThem();
    void cancellingAnOrderMovesTheFavourite();
    void exportsCarryThem();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_shop;
};

void TestPurchaseProfile::initTestCase()
{
    auto shop = store::Workspace::create(m_dir.filePath(QStringLiteral("shop.segmenta")));
    QVERIFY(shop.ok());
    m_shop = std::move(shop).value();
    try {
        fillShop(m_shop->db());
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    const auto summary = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
}

void TestPurchaseProfile::fieldsOfEachCustomer_data()
{
    QTest::addColumn<qint64>("customer");
    QTest::addColumn<QString>("favourite");
    QTest::addColumn<qint64>("products");
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("last");
    QTest::addColumn<QString>("channel");
    // Worked out in fillShop's comment.
    QTest::newRow("three categories, an earlier hour") << qint64(1) << QStringLiteral("茶具") << qint64(3) << QStringLiteral("C")
                                                       << QStringLiteral("B") << QStringLiteral("WeChat");
    QTest::newRow("tie, cancelled order left out") << qint64(2) << QStringLiteral("书") << qint64(2) << QStringLiteral("E")
                                                   << QStringLiteral("E") << QStringLiteral("JD");
    QTest::newRow("same date, line without product") << qint64(3) << QStringLiteral("茶") << qint64(2) << QStringLiteral("G")
                                                     << QStringLiteral("H") << QStringLiteral("Web");
    QTest::newRow("only a later order") << qint64(4) << QString() << qint64(0) << QString() << QString() << QString();
    QTest::newRow("only a zero amount") << qint64(5) << QString() << qint64(0) << QString() << QString() << QString();
    QTest::newRow("no order") << qint64(6) << QString() << qint64(0) << QString() << QString() << QString();
    QTest::newRow("no category, no channel") << qint64(7) << QString() << qint64(1) << QStringLiteral("K")
                                             << QStringLiteral("K") << QString();
}

void TestPurchaseProfile::fieldsOfEachCustomer()
{
    QFETCH(qint64, customer);
    QFETCH(QString, favourite);
    QFETCH(qint64, products);
    QFETCH(QString, first);
    QFETCH(QString, last);
    QFETCH(QString, channel);
    Statement query(m_shop->db(), "SELECT ifnull(favourite_category, ''), distinct_products, ifnull(first_product, ''), "
                                  "ifnull(last_product, ''), ifnull(first_channel, ''), favourite_category IS NULL "
                                  "FROM customer_metrics WHERE customer_id = ?1");
    query.bind(1, customer);
    QVERIFY(query.step());
    QCOMPARE(query.text(0), favourite);
    QCOMPARE(query.int64(1), products);
    QCOMPARE(query.text(2), first);
    QCOMPARE(query.text(3), last);
    QCOMPARE(query.text(4), channel);
    QCOMPARE(query.int64(5) != 0, favourite.isEmpty()); // empty is stored as empty (NULL), never as ''
}

void TestPurchaseProfile::fieldsAreRegisteredForRules()
{
    const auto fields = store::loadFields(m_shop->db(), QStringLiteral("customer"));
    QStringList names;
    for (const store::FieldInfo &field : fields) {
        if (field.name.contains(QStringLiteral("product")) || field.name.endsWith(QStringLiteral("_category")) ||
            field.name == QStringLiteral("first_channel"))
            names << field.name + u':' + store::fieldTypeName(field.type);
    }
    QCOMPARE(names, QStringList({QStringLiteral("favourite_category:category"), QStringLiteral("distinct_products:integer"),
                                 QStringLiteral("first_product:text"), QStringLiteral("last_product:text"),
                                 QStringLiteral("first_channel:category")}));
}

void TestPurchaseProfile::rulesSelectByThem_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("members");
    QTest::newRow("favourite") << QStringLiteral("favourite_category is \"茶\"") << QStringLiteral("3");
    QTest::newRow("favourite empty") << QStringLiteral("favourite_category is empty") << QStringLiteral("4 5 6 7");
    QTest::newRow("products") << QStringLiteral("distinct_products >= 2") << QStringLiteral("1 2 3");
    QTest::newRow("no products") << QStringLiteral("distinct_products = 0") << QStringLiteral("4 5 6");
    QTest::newRow("first product") << QStringLiteral("first_product in (\"C\", \"K\")") << QStringLiteral("1 7");
    QTest::newRow("last product") << QStringLiteral("last_product is \"H\"") << QStringLiteral("3");
    QTest::newRow("first channel") << QStringLiteral("first_channel is \"WeChat\" or first_channel is \"JD\"")
                                   << QStringLiteral("1 2");
}

void TestPurchaseProfile::rulesSelectByThem()
{
    QFETCH(QString, rule);
    QFETCH(QString, members);
    const auto parsed = rules::RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const rules::RuleContext context = rules::RuleContext::forDatabase(m_shop->db(), kAsOf);
    const auto cache = rules::ColumnCache::load(m_shop->db(), context.fields);
    QVERIFY(cache.ok());
    const auto bits = rules::ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value());
    QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
    const QStringList expected = members.split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(ids(rules::ColumnarEvaluator::memberIds(bits.value(), *cache.value())), expected);
    const auto compiled = rules::SqlCompiler::compile(parsed.value(), context);
    QVERIFY(compiled.ok());
    QCOMPARE(ids(rules::SqlCompiler::members(m_shop->db(), compiled.value())), expected);
}

void TestPurchaseProfile::cancellingAnOrderMovesTheFavourite()
{
    // Order 3 cancelled: customer 1 has 茶 60, 茶具 40, 书 50, so 茶 is the favourite; B is still a product
    // (order 1), and the last purchase is order 1 (10:00), whose first line is A.
    QTemporaryDir dir;
    auto shop = store::Workspace::create(dir.filePath(QStringLiteral("cancelled.segmenta")));
    QVERIFY(shop.ok());
    fillShop(shop.value()->db());
    shop.value()->db().exec("UPDATE orders SET is_valid = 0, status = 'cancelled' WHERE id = 3");
    QVERIFY(metrics::CustomerMetrics::recompute(*shop.value(), metrics::AnalysisSettings{}, kAsOf).ok());
    Statement query(shop.value()->db(), "SELECT favourite_category, distinct_products, first_product, last_product "
                                        "FROM customer_metrics WHERE customer_id = 1");
    QVERIFY(query.step());
    QCOMPARE(query.text(0), QStringLiteral("茶"));
    QCOMPARE(query.int64(1), qint64(3));
    QCOMPARE(query.text(2), QStringLiteral("C"));
    QCOMPARE(query.text(3), QStringLiteral("A"));
}

void TestPurchaseProfile::exportsCarryThem()
{
    exporting::ExportOptions options;
    options.outPath = m_dir.filePath(QStringLiteral("members.csv"));
    options.encoding = exporting::ExportOptions::Utf8;
    options.asOf = kAsOf;
    options.columns = {QStringLiteral("customer_id"), QStringLiteral("favourite_category"), QStringLiteral("distinct_products"),
                       QStringLiteral("first_product"), QStringLiteral("last_product"), QStringLiteral("first_channel")};
    const auto summary = exporting::MemberExporter::run(*m_shop, rules::RuleText::parse(QStringLiteral("customer_id in (\"a\", \"f\")")).value(), options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QFile file(options.outPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).remove(u'\r').split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines.at(1), QStringLiteral("a,茶具,3,C,B,WeChat"));
    QCOMPARE(lines.at(2), QStringLiteral("f,,0,,,"));
}

QTEST_GUILESS_MAIN(TestPurchaseProfile)
#include "tst_purchaseprofile.moc"
