#include "rules/columnarevaluator.h"
#include "rules/purchasemix.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace segmenta;
using namespace segmenta::rules;
using store::Database;
using store::Statement;

namespace {

const QDate kAsOf(2026, 7, 1);

// The hand-worked shop (analysis date 2026-07-01):
//
// order | customer | date        | amount | valid | lines: product / category / amount
// 1     | 1        | 2026-06-01  | 300    | yes   | 红茶/茶/100; 茶杯/茶具/200
// 2     | 1        | 2026-05-01  | 50     | yes   | 红茶/茶/50
// 3     | 2        | 2026-04-01  | 120    | yes   | 绿茶/茶/120
// 4     | 2        | 2026-03-01  | 500    | no    | 茶壶/茶具/500          (cancelled)
// 5     | 3        | 2026-02-01  | 90     | yes   | Python 入门/书/60; 红茶/茶/30
// 6     | 3        | 2026-08-01  | 400    | yes   | 茶壶/茶具/400          (after the analysis date)
// 7     | 4        | 2026-01-01  | 0      | yes   | 绿茶/茶/0              (zero amount)
// 8     | 5        | 2026-06-15  | 100    | yes   | 茶杯/茶具/80; 礼品卡/(none)/20
// 9     | 7        | 2026-06-20  | 20     | yes   | 书签/文具/20
// Customer 6 has no order.
//
// Purchase lines: 1: 红茶 100, 茶杯 200, 红茶 50; 2: 绿茶 120; 3: Python 入门 60, 红茶 30; 5: 茶杯 80,
// 礼品卡 20; 7: 书签 20. All customers: revenue 680, buyers 1 2 3 5 7 (5).
//   categories: 茶 300 (1 2 3), 茶具 280 (1 5), 书 60 (3), 文具 20 (7); 茶壶 and customer 4 never count.
//   products:   茶杯 280 (1 5), 红茶 180 (1 3), 绿茶 120 (2), Python 入门 60 (3), 书签 20 (7), 礼品卡 20 (5).
// Customers 1, 5 and 6: revenue 450, buyers 1 5 (2).
//   categories: 茶具 280 (1 5), 茶 150 (1).  products: 茶杯 280 (1 5), 红茶 150 (1), 礼品卡 20 (5).
void fillShop(Database &db)
{
    db.exec("INSERT INTO customers(id, customer_key) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e'), (6, 'f'), "
            "(7, 'g')");
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, status) VALUES "
            "(1, 'o1', 1, '2026-06-01', 300, 1, 'paid'), (2, 'o2', 1, '2026-05-01', 50, 1, 'paid'), "
            "(3, 'o3', 2, '2026-04-01', 120, 1, 'paid'), (4, 'o4', 2, '2026-03-01', 500, 0, 'cancelled'), "
            "(5, 'o5', 3, '2026-02-01', 90, 1, 'paid'), (6, 'o6', 3, '2026-08-01', 400, 1, 'paid'), "
            "(7, 'o7', 4, '2026-01-01', 0, 1, 'paid'), (8, 'o8', 5, '2026-06-15', 100, 1, 'paid'), "
            "(9, 'o9', 7, '2026-06-20', 20, 1, 'paid')");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, amount) VALUES "
            "(1, 1, '红茶', '茶', 100), (1, 2, '茶杯', '茶具', 200), (2, 1, '红茶', '茶', 50), (3, 1, '绿茶', '茶', 120), "
            "(4, 1, '茶壶', '茶具', 500), (5, 1, 'Python 入门', '书', 60), (5, 2, '红茶', '茶', 30), "
            "(6, 1, '茶壶', '茶具', 400), (7, 1, '绿茶', '茶', 0), (8, 1, '茶杯', '茶具', 80), (8, 2, '礼品卡', NULL, 20), "
            "(9, 1, '书签', '文具', 20)");
}

Bitset rowsOf(const ColumnCache &cache, std::initializer_list<qint64> ids)
{
    Bitset bits(cache.rows());
    for (size_t row = 0; row < cache.rows(); ++row) {
        if (std::find(ids.begin(), ids.end(), cache.ids()[row]) != ids.end())
            bits.set(row);
    }
    return bits;
}

QString itemsText(const std::vector<PurchaseMix::Item> &items)
{
    QStringList parts;
    for (const PurchaseMix::Item &item : items)
        parts << QStringLiteral("%1 %2/%3").arg(item.name).arg(item.revenue).arg(item.buyers);
    return parts.join(QStringLiteral(", "));
}

// Revenue and buyers of each value of `field` in plain SQL, with the purchase written out as the metrics
// state it (valid, an amount above zero, dated on or before the analysis date), for the customers `ids`.
std::map<QString, std::pair<double, qint64>> sqlTally(Database &db, const QString &field, const QString &ids)
{
    const QString sql = QStringLiteral("SELECT l.%1, sum(l.amount), count(DISTINCT o.customer_id) FROM order_lines l "
                                       "JOIN orders o ON o.id = l.order_id WHERE o.is_valid != 0 AND o.amount > 0 "
                                       "AND o.order_date <= '2026-07-01' AND o.customer_id IN (%2) AND l.%1 IS NOT NULL "
                                       "GROUP BY l.%1")
                            .arg(field, ids);
    Statement query(db, sql.toStdString());
    std::map<QString, std::pair<double, qint64>> out;
    while (query.step())
        out[query.text(0)] = {query.real(1), query.int64(2)};
    return out;
}

} // namespace

class TestPurchaseMix : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void allCustomersByRevenueAndBuyers();
    void segmentSharesAndIndex();
    void tiesGoToTheOtherMeasureThenTheName();
    void agreesWithPlainSql_data();
    void agreesWithPlainSql();
    void zeroAmountOrdersCountWhenTheSettingSaysSo();
    void customersWithoutPurchasesGiveEmptyFigures();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_shop;
    RuleContext m_context;
    std::shared_ptr<const ColumnCache> m_cache;
    std::unique_ptr<PurchaseMix> m_mix;
};

void TestPurchaseMix::initTestCase()
{
    auto shop = store::Workspace::create(m_dir.filePath(QStringLiteral("shop.segmenta")));
    QVERIFY(shop.ok());
    m_shop = std::move(shop).value();
    try {
        fillShop(m_shop->db());
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    m_context = RuleContext::forDatabase(m_shop->db(), kAsOf);
    auto cache = ColumnCache::load(m_shop->db(), m_context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    m_cache = std::move(cache).value();
    m_mix = std::make_unique<PurchaseMix>(m_context, m_cache);
    QCOMPARE(m_mix->purchaseLines(), size_t(9)); // lines of orders 1, 2, 3, 5, 8, 9
}

void TestPurchaseMix::allCustomersByRevenueAndBuyers()
{
    const Bitset all(m_cache->rows(), true);
    const auto categories = m_mix->tally(all, QStringLiteral("category"));
    QCOMPARE(categories.totalRevenue, 680.0);
    QCOMPARE(categories.totalBuyers, qint64(5));
    const auto byRevenue = m_mix->top(categories, categories, QStringLiteral("category"), PurchaseMix::Measure::Revenue, 8);
    QCOMPARE(itemsText(byRevenue), QStringLiteral("茶 300/3, 茶具 280/2, 书 60/1, 文具 20/1"));
    QCOMPARE(byRevenue[0].share, 300.0 / 680.0);
    QCOMPARE(byRevenue[0].allShare, 300.0 / 680.0);
    QCOMPARE(byRevenue[0].index(), 1.0);
    const auto products = m_mix->tally(all, QStringLiteral("product"));
    const auto byBuyers = m_mix->top(products, products, QStringLiteral("product"), PurchaseMix::Measure::Buyers, 3);
    QCOMPARE(itemsText(byBuyers), QStringLiteral("茶杯 280/2, 红茶 180/2, 绿茶 120/1"));
    QCOMPARE(byBuyers[1].share, 2.0 / 5.0);
}

void TestPurchaseMix::segmentSharesAndIndex()
{
    const Bitset all(m_cache->rows(), true);
    const Bitset members = rowsOf(*m_cache, {1, 5, 6});
    const auto allCategories = m_mix->tally(all, QStringLiteral("category"));
    const auto categories = m_mix->tally(members, QStringLiteral("category"));
    QCOMPARE(categories.totalRevenue, 450.0);
    QCOMPARE(categories.totalBuyers, qint64(2));
    const auto byRevenue = m_mix->top(categories, allCategories, QStringLiteral("category"), PurchaseMix::Measure::Revenue, 8);
    QCOMPARE(itemsText(byRevenue), QStringLiteral("茶具 280/2, 茶 150/1"));
    QCOMPARE(byRevenue[0].share, 280.0 / 450.0);
    QCOMPARE(byRevenue[0].allShare, 280.0 / 680.0);
    QCOMPARE(byRevenue[0].allRevenue, 280.0);
    QVERIFY(qFuzzyCompare(byRevenue[0].index(), 680.0 / 450.0)); // over-indexed: 1.51
    QVERIFY(qFuzzyCompare(byRevenue[1].index(), (150.0 / 450.0) / (300.0 / 680.0))); // under: 0.76
    const auto byBuyers = m_mix->top(categories, allCategories, QStringLiteral("category"), PurchaseMix::Measure::Buyers, 8);
    QCOMPARE(itemsText(byBuyers), QStringLiteral("茶具 280/2, 茶 150/1"));
    QCOMPARE(byBuyers[0].share, 1.0);
    QCOMPARE(byBuyers[0].allShare, 2.0 / 5.0);
    QVERIFY(qFuzzyCompare(byBuyers[0].index(), 2.5));
    QCOMPARE(byBuyers[1].share, 0.5);
    QCOMPARE(byBuyers[1].allShare, 3.0 / 5.0);
    QCOMPARE(byBuyers[1].allBuyers, qint64(3));
}

void TestPurchaseMix::tiesGoToTheOtherMeasureThenTheName()
{
    const Bitset all(m_cache->rows(), true);
    const auto products = m_mix->tally(all, QStringLiteral("product"));
    // One buyer each: 绿茶 120, Python 入门 60, then 书签 and 礼品卡 at 20 each, by name (书 U+4E66 < 礼 U+793C).
    const auto byBuyers = m_mix->top(products, products, QStringLiteral("product"), PurchaseMix::Measure::Buyers, 8);
    QCOMPARE(itemsText(byBuyers), QStringLiteral("茶杯 280/2, 红茶 180/2, 绿茶 120/1, Python 入门 60/1, 书签 20/1, 礼品卡 20/1"));
    const Bitset members = rowsOf(*m_cache, {1, 5, 6});
    const auto mine = m_mix->tally(members, QStringLiteral("product"));
    // 红茶 and 礼品卡 have one buyer each: the revenue decides.
    QCOMPARE(itemsText(m_mix->top(mine, products, QStringLiteral("product"), PurchaseMix::Measure::Buyers, 8)),
             QStringLiteral("茶杯 280/2, 红茶 150/1, 礼品卡 20/1"));
}

void TestPurchaseMix::agreesWithPlainSql_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("ids");
    QTest::newRow("categories, all") << QStringLiteral("category") << QString() << QStringLiteral("1,2,3,4,5,6,7");
    QTest::newRow("products, all") << QStringLiteral("product") << QString() << QStringLiteral("1,2,3,4,5,6,7");
    QTest::newRow("categories, tea buyers") << QStringLiteral("category") << QStringLiteral("ordered where category is \"茶\"")
                                            << QStringLiteral("1,2,3");
    QTest::newRow("products, not 1 or 3") << QStringLiteral("product") << QStringLiteral("customer_id not in (\"a\", \"c\")")
                                          << QStringLiteral("2,4,5,6,7");
}

void TestPurchaseMix::agreesWithPlainSql()
{
    QFETCH(QString, field);
    QFETCH(QString, rule);
    QFETCH(QString, ids);
    Bitset members(m_cache->rows(), true);
    if (!rule.isEmpty()) {
        auto bits = ColumnarEvaluator::evaluate(RuleText::parse(rule).value(), m_context, *m_cache);
        QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
        members = bits.value();
    }
    const auto expected = sqlTally(m_shop->db(), field, ids);
    const auto tally = m_mix->tally(members, field);
    const auto items = m_mix->top(tally, tally, field, PurchaseMix::Measure::Revenue, 100);
    QCOMPARE(items.size(), expected.size());
    for (const PurchaseMix::Item &item : items) {
        QVERIFY2(expected.count(item.name), qPrintable(item.name));
        QCOMPARE(item.revenue, expected.at(item.name).first);
        QCOMPARE(item.buyers, expected.at(item.name).second);
    }
}

void TestPurchaseMix::zeroAmountOrdersCountWhenTheSettingSaysSo()
{
    // Order 7 (customer 4, ¥0 of 绿茶) becomes a purchase: one more buyer of 绿茶 and of 茶, no more revenue.
    RuleContext context = m_context;
    context.zeroAmountIsPurchase = true;
    const PurchaseMix mix(context, m_cache);
    const Bitset all(m_cache->rows(), true);
    const auto products = mix.tally(all, QStringLiteral("product"));
    QCOMPARE(products.totalBuyers, qint64(6));
    QCOMPARE(products.totalRevenue, 680.0);
    QCOMPARE(itemsText(mix.top(products, products, QStringLiteral("product"), PurchaseMix::Measure::Buyers, 3)),
             QStringLiteral("茶杯 280/2, 红茶 180/2, 绿茶 120/2"));
}

void TestPurchaseMix::customersWithoutPurchasesGiveEmptyFigures()
{
    // Customer 4 (a zero-amount order) and 6 (none) bought nothing; neither did an empty set.
    const Bitset all(m_cache->rows(), true);
    const auto allCategories = m_mix->tally(all, QStringLiteral("category"));
    for (const Bitset &members : {rowsOf(*m_cache, {4, 6}), Bitset(m_cache->rows())}) {
        const auto tally = m_mix->tally(members, QStringLiteral("category"));
        QCOMPARE(tally.totalBuyers, qint64(0));
        QCOMPARE(tally.totalRevenue, 0.0);
        QVERIFY(m_mix->top(tally, allCategories, QStringLiteral("category"), PurchaseMix::Measure::Revenue, 8).empty());
    }
    // A field no line has gives nothing, not a crash.
    QVERIFY(m_mix->tally(all, QStringLiteral("colour")).buyers.empty());
    QVERIFY(m_mix->top(allCategories, allCategories, QStringLiteral("colour"), PurchaseMix::Measure::Revenue, 8).empty());
}

QTEST_GUILESS_MAIN(TestPurchaseMix)
#include "tst_purchasemix.moc"
