#include "randomrules.h"

#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::rules;
using store::Database;
using store::Statement;

namespace {

const QDate kAsOf(2026, 7, 1);

// The hand-worked shop (analysis date 2026-07-01). A purchase is a valid order dated on or before the analysis
// date with an amount above zero.
//
// order | customer | date        | amount | valid | channel | 备注  | lines: product / category / qty / price / amount
// 1     | 1        | 2026-06-20  | 300    | yes   | WeChat  | gift | Python 入门/书/1/100/100; 茶杯/茶具/2/100/200
// 2     | 1        | 2026-01-10  | 50     | yes   | Web     |      | Python 进阶/书/1/50/50
// 3     | 1        | 2026-07-05  | 80     | yes   | Web     |      | Python 入门/书/1/80/80     (after the analysis date)
// 4     | 2        | 2026-04-02  | 500    | yes   | WeChat  | gift | 红茶/红茶/5/60/300; 绿茶/绿茶/2/100/200
// 5     | 2        | 2026-03-01  | 120    | no    | WeChat  |      | 红茶/红茶/2/60/120         (cancelled)
// 6     | 3        | 2025-07-01  | 0      | yes   | Web     |      | Python 入门/书/1/0/0       (zero amount)
// 7     | 3        | 2025-12-31  | 210    | yes   | Store   |      | 茶壶/茶具/1/210/210
// 8     | 4        | garbage     | 90     | yes   | Web     |      | 红茶/红茶/1/90/90          (no date)
// 9     | 5        | 2026-07-01  | 40     | yes   | WeChat  |      | 绿茶/绿茶/1/40/40
// 10    | 5        | 2026-04-01  | 60     | yes   | WeChat  |      | 绿茶/绿茶/1/30/30; 茶杯/茶具/1/30/30
// 11    | 7        | 2026-06-01  | 70     | yes   | Web     |      | (no lines)
// Customer 6 has no order. Cities: 1 上海, 2 北京, 3 上海, 4 上海, 5 none, 6 上海, 7 北京.
//
// Purchases: 1: orders 1, 2; 2: order 4; 3: order 7; 5: orders 9, 10; 7: order 11; 4 and 6: none.
// Spent (all lines of purchases): 1: 350, 2: 500, 3: 210, 5: 100, 7: 0 (no lines), 4 and 6: 0.
void fillHandShop(Database &db)
{
    db.exec("ALTER TABLE orders ADD COLUMN o_1 TEXT");
    db.exec("INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
            "VALUES ('order', '备注', '备注', 'orders', 'o_1', 'text', 'imported', 100)");
    db.exec("INSERT INTO customers(id, customer_key, city) VALUES (1, 'a', '上海'), (2, 'b', '北京'), (3, 'c', '上海'), "
            "(4, 'd', '上海'), (5, 'e', NULL), (6, 'f', '上海'), (7, 'g', '北京')");
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, status, channel, o_1) VALUES "
            "(1, 'o1', 1, '2026-06-20', 300, 1, 'paid', 'WeChat', 'gift'), (2, 'o2', 1, '2026-01-10', 50, 1, 'paid', 'Web', NULL), "
            "(3, 'o3', 1, '2026-07-05', 80, 1, 'paid', 'Web', NULL), (4, 'o4', 2, '2026-04-02', 500, 1, 'paid', 'WeChat', 'gift'), "
            "(5, 'o5', 2, '2026-03-01', 120, 0, 'cancelled', 'WeChat', NULL), (6, 'o6', 3, '2025-07-01', 0, 1, 'paid', 'Web', NULL), "
            "(7, 'o7', 3, '2025-12-31', 210, 1, 'paid', 'Store', NULL), (8, 'o8', 4, 'garbage', 90, 1, 'paid', 'Web', NULL), "
            "(9, 'o9', 5, '2026-07-01', 40, 1, 'paid', 'WeChat', NULL), (10, 'o10', 5, '2026-04-01', 60, 1, 'paid', 'WeChat', NULL), "
            "(11, 'o11', 7, '2026-06-01', 70, 1, 'paid', 'Web', NULL)");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) VALUES "
            "(1, 1, 'Python 入门', '书', 1, 100, 100), (1, 2, '茶杯', '茶具', 2, 100, 200), (2, 1, 'Python 进阶', '书', 1, 50, 50), "
            "(3, 1, 'Python 入门', '书', 1, 80, 80), (4, 1, '红茶', '红茶', 5, 60, 300), (4, 2, '绿茶', '绿茶', 2, 100, 200), "
            "(5, 1, '红茶', '红茶', 2, 60, 120), (6, 1, 'Python 入门', '书', 1, 0, 0), (7, 1, '茶壶', '茶具', 1, 210, 210), "
            "(8, 1, '红茶', '红茶', 1, 90, 90), (9, 1, '绿茶', '绿茶', 1, 40, 40), (10, 1, '绿茶', '绿茶', 1, 30, 30), "
            "(10, 2, '茶杯', '茶具', 1, 30, 30)");
}

QStringList idsText(const std::vector<qint64> &ids)
{
    QStringList text;
    for (qint64 id : ids)
        text << QString::number(id);
    return text;
}

std::vector<qint64> sqlMembers(Database &db, const Rule &rule, const RuleContext &context)
{
    const auto compiled = SqlCompiler::compile(rule, context);
    if (!compiled)
        return {-1};
    return SqlCompiler::members(db, compiled.value());
}

Rule negation(const Rule &rule)
{
    Rule negated;
    negated.root.match = GroupMatch::None;
    negated.root.children.emplace_back(rule.root);
    return negated;
}

} // namespace

class TestPurchaseConditions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void handWorkedCases_data();
    void handWorkedCases();
    void zeroAmountCountsWhenTheSettingSaysSo();
    void orderedWithoutWhereIsTheMetricsOrderCount();
    void conditionsInAWhereHaveFigures();
    void badInputPointsAtTheCondition_data();
    void badInputPointsAtTheCondition();
    void warnsOfProductsNoOrderHolds();
    void evaluatorsAgreeOnTenThousandRandomRules();
    void ordersAreReadWhenARuleFirstNeedsThem();
    void ordersChangedSinceTheCustomersWereReadAreRefused();
    void ordersOfAnOpenTransactionAreReadAtOnce();
    void keptResultsFollowTheAnalysisDateAndSetting_data();
    void keptResultsFollowTheAnalysisDateAndSetting();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_hand;
    std::unique_ptr<store::Workspace> m_random;
};

void TestPurchaseConditions::initTestCase()
{
    auto hand = store::Workspace::create(m_dir.filePath(QStringLiteral("hand.segmenta")));
    QVERIFY(hand.ok());
    m_hand = std::move(hand).value();
    try {
        fillHandShop(m_hand->db());
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    segments::SavedSegment tea;
    tea.name = QStringLiteral("Tea");
    tea.rule = RuleText::parse(QStringLiteral("ordered where category in (\"红茶\", \"绿茶\")")).value();
    QVERIFY(segments::SegmentStore(m_hand->db()).save(tea).ok());
}

void TestPurchaseConditions::handWorkedCases_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("members");
    // See fillHandShop for the table these are worked from.
    QTest::newRow("ordered") << QStringLiteral("ordered") << QStringLiteral("1 2 3 5 7");
    QTest::newRow("not ordered") << QStringLiteral("not ordered") << QStringLiteral("4 6");
    QTest::newRow("at least 2") << QStringLiteral("ordered at least 2 times") << QStringLiteral("1 5");
    QTest::newRow("at most 1 (no order included)") << QStringLiteral("ordered at most 1 times") << QStringLiteral("2 3 4 6 7");
    QTest::newRow("exactly 0") << QStringLiteral("ordered exactly 0 times") << QStringLiteral("4 6");
    QTest::newRow("exactly 1") << QStringLiteral("ordered exactly 1 times") << QStringLiteral("2 3 7");
    // Orders 3 (future) and 6 (zero amount) are no purchases.
    QTest::newRow("product contains") << QStringLiteral("ordered where product contains \"Python\"") << QStringLiteral("1");
    QTest::newRow("twice Python") << QStringLiteral("ordered at least 2 times where product contains \"Python\"") << QStringLiteral("1");
    // 90 days: 2026-04-02 to 2026-07-01, both included (order 4 on the first day, 9 on the last, 10 a day early).
    QTest::newRow("in last 90 days") << QStringLiteral("ordered in last 90 days") << QStringLiteral("1 2 5 7");
    QTest::newRow("twice in last 90 days") << QStringLiteral("ordered at least 2 times in last 90 days") << QString();
    QTest::newRow("twice in last 91 days") << QStringLiteral("ordered at least 2 times in last 91 days") << QStringLiteral("5");
    QTest::newRow("in last 3 months") << QStringLiteral("ordered at least 2 times in last 3 months") << QStringLiteral("5");
    QTest::newRow("before") << QStringLiteral("ordered before 2026-01-10") << QStringLiteral("3");
    QTest::newRow("after") << QStringLiteral("ordered after 2026-06-20") << QStringLiteral("5");
    QTest::newRow("between dates") << QStringLiteral("ordered between 2026-04-01 and 2026-04-02") << QStringLiteral("2 5");
    // 180 days before 2026-07-01 is 2026-01-02: only order 7 (2025-12-31) is older.
    QTest::newRow("more than 180 days ago") << QStringLiteral("ordered more than 180 days ago") << QStringLiteral("3");
    QTest::newRow("spent >= 300") << QStringLiteral("spent >= 300") << QStringLiteral("1 2");
    QTest::newRow("spent > 350") << QStringLiteral("spent > 350") << QStringLiteral("2");
    QTest::newRow("spent < 100 (no order included)") << QStringLiteral("spent < 100") << QStringLiteral("4 6 7");
    QTest::newRow("spent <= 100") << QStringLiteral("spent <= 100") << QStringLiteral("4 5 6 7");
    QTest::newRow("spent = 0") << QStringLiteral("spent = 0") << QStringLiteral("4 6 7");
    QTest::newRow("spent between") << QStringLiteral("spent between 100 and 210") << QStringLiteral("3 5");
    // Tea things: 1 spent 200, 3 spent 210, 5 spent 30.
    QTest::newRow("spent on a category") << QStringLiteral("spent >= 200 where category is \"茶具\"") << QStringLiteral("1 3");
    QTest::newRow("spent in a period on categories")
        << QStringLiteral("spent >= 300 in last 365 days where category in (\"红茶\", \"绿茶\")") << QStringLiteral("2");
    QTest::newRow("spent in last 90 days") << QStringLiteral("spent >= 100 in last 90 days") << QStringLiteral("1 2");
    QTest::newRow("channel") << QStringLiteral("ordered where channel is \"WeChat\"") << QStringLiteral("1 2 5");
    QTest::newRow("not ordered in a period on a channel")
        << QStringLiteral("not ordered in last 90 days where channel is \"WeChat\"") << QStringLiteral("3 4 6 7");
    // Both on the same line: order 1's 茶杯 (200), order 7's 茶壶 (210); order 10's 茶杯 is 30.
    QTest::newRow("same line") << QStringLiteral("ordered where (category is \"茶具\" and amount >= 200)") << QStringLiteral("1 3");
    QTest::newRow("no line is both") << QStringLiteral("ordered where (category is \"书\" and category is \"茶具\")") << QString();
    QTest::newRow("either product") << QStringLiteral("ordered where (product is \"红茶\" or product is \"绿茶\")") << QStringLiteral("2 5");
    QTest::newRow("imported order column") << QStringLiteral("ordered where 备注 is \"gift\"") << QStringLiteral("1 2");
    QTest::newRow("cancelled orders are no purchases") << QStringLiteral("ordered where status is \"cancelled\"") << QString();
    QTest::newRow("order date in where") << QStringLiteral("ordered where order_date before 2026-02-01") << QStringLiteral("1 3");
    QTest::newRow("quantity") << QStringLiteral("ordered where quantity >= 5") << QStringLiteral("2");
    QTest::newRow("unit price") << QStringLiteral("ordered where unit_price = 100") << QStringLiteral("1 2");
    // Every line's sku is empty; order 11 has no line at all.
    QTest::newRow("sku is empty") << QStringLiteral("ordered where sku is empty") << QStringLiteral("1 2 3 5");
    QTest::newRow("not in where") << QStringLiteral("ordered where not product contains \"茶\"") << QStringLiteral("1");
    QTest::newRow("with a customer field") << QStringLiteral("city is \"上海\" and ordered") << QStringLiteral("1 3");
    QTest::newRow("never tea things") << QStringLiteral("ordered at most 0 times where category is \"茶具\"") << QStringLiteral("2 4 6 7");
    QTest::newRow("in a segment of purchases") << QStringLiteral("in segment \"Tea\" and spent >= 300") << QStringLiteral("2");
    QTest::newRow("or") << QStringLiteral("spent >= 400 or ordered where channel is \"Store\"") << QStringLiteral("2 3");
}

void TestPurchaseConditions::handWorkedCases()
{
    QFETCH(QString, rule);
    QFETCH(QString, members);
    const auto parsed = RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    const auto bits = ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value());
    QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
    const QStringList expected = members.split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(bits.value(), *cache.value())), expected);
    QCOMPARE(idsText(sqlMembers(m_hand->db(), parsed.value(), context)), expected);
    // "not" is the exact complement, in both evaluators.
    const Rule negated = negation(parsed.value());
    const auto opposite = ColumnarEvaluator::evaluate(negated, context, *cache.value());
    QVERIFY(opposite.ok());
    QCOMPARE(opposite->count() + size_t(expected.size()), size_t(7));
    QCOMPARE(sqlMembers(m_hand->db(), negated, context).size() + size_t(expected.size()), size_t(7));
}

void TestPurchaseConditions::zeroAmountCountsWhenTheSettingSaysSo()
{
    // Order 6 (customer 3, ¥0) becomes a purchase.
    RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    context.zeroAmountIsPurchase = true;
    const auto rule = RuleText::parse(QStringLiteral("ordered where product is \"Python 入门\"")).value();
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    const auto bits = ColumnarEvaluator::evaluate(rule, context, *cache.value());
    QVERIFY(bits.ok());
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(bits.value(), *cache.value())), QStringList({QStringLiteral("1"), QStringLiteral("3")}));
    QCOMPARE(idsText(sqlMembers(m_hand->db(), rule, context)), QStringList({QStringLiteral("1"), QStringLiteral("3")}));
}

void TestPurchaseConditions::orderedWithoutWhereIsTheMetricsOrderCount()
{
    // The metrics count purchases on their own: "ordered at least N times" must select exactly the customers
    // whose orders_count is at least N, and "ordered in last 90 days" those with orders_90 > 0.
    const auto summary = metrics::CustomerMetrics::recompute(*m_hand, metrics::AnalysisSettings{}, kAsOf);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    const auto members = [&](const QString &text) {
        const auto bits = ColumnarEvaluator::evaluate(RuleText::parse(text).value(), context, *cache.value());
        return bits.ok() ? idsText(ColumnarEvaluator::memberIds(bits.value(), *cache.value())) : QStringList{bits.errorMessage()};
    };
    for (int n = 0; n <= 3; ++n) {
        QCOMPARE(members(QStringLiteral("ordered at least %1 times").arg(n)), members(QStringLiteral("orders_count >= %1").arg(n)));
        QCOMPARE(members(QStringLiteral("ordered exactly %1 times").arg(n)), members(QStringLiteral("orders_count = %1").arg(n)));
    }
    QCOMPARE(members(QStringLiteral("ordered in last 90 days")), members(QStringLiteral("orders_90 > 0")));
    QCOMPARE(members(QStringLiteral("ordered in last 365 days")), members(QStringLiteral("orders_365 > 0")));
}

// The builder's figures for the conditions inside a where, worked out from the table above for
// `ordered where (category is "书" and amount >= 60)`: only customer 1 has such a line (order 1, Python 入门, 100).
// - category is "书" alone (ordered where category is "书"): customer 1 (orders 1 and 2): 1. Without it
//   (ordered where amount >= 60): 1 (100, 200), 2 (300, 200), 3 (210); 5's lines are 40, 30, 30: 3, so 2 more.
// - amount >= 60 alone: the same 3. Without it: customer 1 only: 0 more.
// - the purchase condition itself: alone the whole rule, 1; without it no condition is left: all 7, 6 more.
void TestPurchaseConditions::conditionsInAWhereHaveFigures()
{
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    const Rule rule = RuleText::parse(QStringLiteral("ordered where (category is \"书\" and amount >= 60)")).value();
    const auto impacts = ColumnarEvaluator::impacts(rule, context, *cache.value());
    QVERIFY2(impacts.ok(), qPrintable(impacts.errorMessage()));
    QCOMPARE(impacts->size(), size_t(3));
    QCOMPARE(impacts->at(0).path, std::vector<int>({0}));
    QCOMPARE(impacts->at(0).alone, qint64(1));
    QCOMPARE(impacts->at(0).loses, qint64(6));
    QCOMPARE(impacts->at(1).path, std::vector<int>({0, 0}));
    QCOMPARE(impacts->at(1).alone, qint64(1));
    QCOMPARE(impacts->at(1).loses, qint64(2));
    QCOMPARE(impacts->at(2).path, std::vector<int>({0, 1}));
    QCOMPARE(impacts->at(2).alone, qint64(3));
    QCOMPARE(impacts->at(2).loses, qint64(0));
    // A disabled condition of the where has no figures, and the rule is not changed by asking.
    const Rule off = RuleText::parse(QStringLiteral("ordered where (category is \"书\" and disabled amount >= 60)")).value();
    const auto fewer = ColumnarEvaluator::impacts(off, context, *cache.value());
    QVERIFY(fewer.ok());
    QCOMPARE(fewer->size(), size_t(2));
    // Without 书 no line condition is left and every purchase counts: 1 2 3 5 7 (4 and 6 have none) instead of 1.
    QCOMPARE(fewer->at(1).loses, qint64(4));
}

void TestPurchaseConditions::badInputPointsAtTheCondition_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<bool>("orderDates");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown order field") << QStringLiteral("city is \"x\" and ordered where prodcut is \"a\"") << true
                                         << QStringLiteral("line 1, column 31: In “prodcut is \"a\"”: there is no order or line field named "
                                                           "“prodcut”; the closest are product");
    QTest::newRow("customer field in where") << QStringLiteral("ordered where\n  city is \"上海\"") << true
                                             << QStringLiteral("line 2, column 3: In “city is \"上海\"”: there is no order or line field named “city”");
    QTest::newRow("date period on text") << QStringLiteral("ordered where product in last 3 days") << true
                                         << QStringLiteral("line 1, column 15: In “product in last 3 days”: this operator does not apply to a text field");
    QTest::newRow("top percent in where") << QStringLiteral("ordered where amount in top 10%") << true
                                          << QStringLiteral("line 1, column 15: In “amount in top 10%”: this operator does not apply inside");
    QTest::newRow("period without dates") << QStringLiteral("city is \"x\" or\nspent > 5 in last 30 days") << false
                                          << QStringLiteral("line 2, column 1: In “spent > 5 in last 30 days”: no order has a date");
    QTest::newRow("no period, no dates: fine") << QStringLiteral("spent > 5") << false << QString();
    QTest::newRow("unknown customer field too") << QStringLiteral("ordered and\n cty is \"x\"") << true
                                                << QStringLiteral("line 2, column 2: In “cty is \"x\"”: there is no field named “cty”");
    QTest::newRow("unknown segment") << QStringLiteral("ordered or in segment \"Nope\"") << true
                                     << QStringLiteral("line 1, column 12: In “in segment \"Nope\"”: there is no saved segment named “Nope”");
}

void TestPurchaseConditions::badInputPointsAtTheCondition()
{
    QFETCH(QString, rule);
    QFETCH(bool, orderDates);
    QFETCH(QString, expected);
    ConditionPositions positions;
    const auto parsed = RuleText::parse(rule, &positions);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    context.ordersHaveDates = orderDates;
    const auto valid = context.validate(parsed.value(), &positions);
    if (expected.isEmpty()) {
        QVERIFY2(valid.ok(), qPrintable(valid.errorMessage()));
        return;
    }
    QVERIFY(!valid.ok());
    QVERIFY2(valid.errorMessage().startsWith(expected), qPrintable(valid.errorMessage()));
    // Nothing runs: both evaluators refuse the rule with the same message (without the position).
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    QVERIFY(!ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value()).ok());
    QVERIFY(!SqlCompiler::compile(parsed.value(), context).ok());
}

void TestPurchaseConditions::warnsOfProductsNoOrderHolds()
{
    ConditionPositions positions;
    const auto parsed = RuleText::parse(QStringLiteral("city is \"上海\" and\n  ordered where product in (\"Pyton 入门\", \"红茶\") and "
                                                       "ordered where category is \"绿茶\""),
                                        &positions);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    QVERIFY(context.validate(parsed.value()).ok()); // a warning, not an error
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    const QStringList warnings = context.unseenValueWarnings(parsed.value(), *cache.value(), &positions);
    QCOMPARE(warnings.size(), 1);
    QVERIFY2(warnings.front().startsWith(QStringLiteral("line 2, column 17: In “product in (\"Pyton 入门\", \"红茶\")”: no order holds "
                                                        "“Pyton 入门”; the closest values are “Python 入门”")),
             qPrintable(warnings.front()));
    const auto category = RuleText::parse(QStringLiteral("ordered where category is \"Tea\"")).value();
    const QStringList categoryWarnings = context.unseenValueWarnings(category, *cache.value());
    QCOMPARE(categoryWarnings.size(), 1);
    QVERIFY(categoryWarnings.front().contains(u"no order holds “Tea”"));
}

void TestPurchaseConditions::evaluatorsAgreeOnTenThousandRandomRules()
{
    // A small random shop: multi-line orders, every kind of awkward order (cancelled, zero, negative, undated,
    // in the future, without lines), amounts that are exact binary fractions so that sums do
    // not depend on the order of adding.
    auto created = store::Workspace::create(m_dir.filePath(QStringLiteral("random.segmenta")));
    QVERIFY(created.ok());
    m_random = std::move(created).value();
    Database &db = m_random->db();
    QRandomGenerator random(20261202);
    const auto pick = [&random](const QVariantList &values) { return values.at(int(random.bounded(qsizetype(values.size())))); };
    const QVariantList cities = {QVariant(), QStringLiteral("上海"), QStringLiteral("北京"), QStringLiteral("")};
    const QVariantList products = {QVariant(), QStringLiteral(""), QStringLiteral("Python 入门"), QStringLiteral("Python 进阶"),
                                   QStringLiteral("红茶"), QStringLiteral("绿茶"), QStringLiteral("茶杯"), QStringLiteral("a\"b")};
    const QVariantList categories = {QVariant(), QStringLiteral("书"), QStringLiteral("茶"), QStringLiteral("茶具")};
    const QVariantList channels = {QVariant(), QStringLiteral("WeChat"), QStringLiteral("Web"), QStringLiteral("Store")};
    const QVariantList statuses = {QStringLiteral("paid"), QStringLiteral("cancelled"), QVariant()};
    QVariantList dates = {QVariant(), QStringLiteral("garbage"), QStringLiteral("2026-02-30"), QStringLiteral("2026-07-01T23:59:00")};
    for (int d = -420; d <= 10; d += 7)
        dates << kAsOf.addDays(d).toString(Qt::ISODate);
    for (int d = -95; d <= -85; ++d)
        dates << kAsOf.addDays(d).toString(Qt::ISODate);
    const QVariantList amounts = {QVariant(), 0.0, -5.0, 10.0, 12.5, 100.0, 250.25, 99.75};
    try {
        db.exec("ALTER TABLE orders ADD COLUMN o_1 TEXT");
        db.exec("INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
                "VALUES ('order', '备注', '备注', 'orders', 'o_1', 'category', 'imported', 100)");
        store::Transaction transaction(db);
        Statement customer(db, "INSERT INTO customers(id, customer_key, city) VALUES (?1, ?2, ?3)");
        for (int i = 1; i <= 300; ++i)
            customer.bind(1, qint64(i * 2)).bind(2, QStringLiteral("K%1").arg(i)).bind(3, pick(cities)).run();
        Statement order(db, "INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, status, channel, o_1) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        Statement line(db, "INSERT INTO order_lines(order_id, line_no, product, sku, category, quantity, unit_price, amount) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        for (int o = 1; o <= 900; ++o) {
            order.bind(1, qint64(o)).bind(2, QStringLiteral("O%1").arg(o)).bind(3, qint64(random.bounded(1, 301)) * 2)
                .bind(4, pick(dates)).bind(5, pick(amounts)).bind(6, qint64(random.bounded(6) != 0)).bind(7, pick(statuses))
                .bind(8, pick(channels)).bind(9, pick(QVariantList{QVariant(), QStringLiteral("gift"), QStringLiteral("vip")}));
            order.run();
            const int lines = int(random.bounded(0, 5));
            for (int l = 1; l <= lines; ++l) {
                line.bind(1, qint64(o)).bind(2, qint64(l)).bind(3, pick(products))
                    .bind(4, pick(QVariantList{QVariant(), QStringLiteral("SKU-1"), QStringLiteral("SKU-2")})).bind(5, pick(categories))
                    .bind(6, double(random.bounded(0, 6))).bind(7, pick(amounts)).bind(8, pick(amounts));
                line.run();
            }
        }
        transaction.commit();
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    segments::SavedSegment buyers;
    buyers.name = QStringLiteral("Buyers");
    buyers.rule = RuleText::parse(QStringLiteral("ordered at least 2 times where category is \"茶\" or city is \"上海\"")).value();
    QVERIFY(segments::SegmentStore(db).save(buyers).ok());

    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    QCOMPARE(cache.value()->purchases().orders(), size_t(900));
    std::vector<store::FieldInfo> fields;
    for (const store::FieldInfo &f : context.fields) {
        if (f.name == u"city" || f.name == u"customer_id")
            fields.push_back(f);
    }
    // Values a rule can hold (no NULL: a rule's text value is at most empty).
    const auto held = [](QVariantList values) {
        values.removeAll(QVariant());
        return values;
    };
    testing::RandomRules rules(4242, fields, {{QStringLiteral("city"), held(cities)}}, {QStringLiteral("Buyers")});
    std::map<QString, QVariantList> orderPools = {{QStringLiteral("product"), held(products)},
                                                  {QStringLiteral("category"), held(categories)},
                                                  {QStringLiteral("channel"), held(channels)},
                                                  {QStringLiteral("status"), held(statuses)},
                                                  {QStringLiteral("amount"), held(amounts)},
                                                  {QStringLiteral("unit_price"), held(amounts)},
                                                  {QStringLiteral("quantity"), {0.0, 1.0, 3.0, 5.0}},
                                                  {QStringLiteral("备注"), {QStringLiteral("gift"), QStringLiteral("vip")}}};
    rules.setOrderFields(context.orderFields, orderPools);
    int nonTrivial = 0, purchases = 0;
    for (int i = 0; i < 10000; ++i) {
        const Rule rule = rules.rule();
        const auto bits = ColumnarEvaluator::evaluate(rule, context, *cache.value());
        QVERIFY2(bits.ok(), qPrintable(RuleText::print(rule) + QStringLiteral(": ") + bits.errorMessage()));
        const auto columnar = ColumnarEvaluator::memberIds(bits.value(), *cache.value());
        const auto sql = sqlMembers(db, rule, context);
        if (columnar != sql)
            QFAIL(qPrintable(QStringLiteral("#%1 %2: columnar %3 members, SQL %4").arg(i).arg(RuleText::print(rule)).arg(columnar.size()).arg(sql.size())));
        if (!columnar.empty() && columnar.size() < 300)
            ++nonTrivial;
        if (RuleText::print(rule).contains(u"ordered") || RuleText::print(rule).contains(u"spent"))
            ++purchases;
        const auto opposite = ColumnarEvaluator::evaluate(negation(rule), context, *cache.value());
        QVERIFY(opposite.ok());
        QCOMPARE(bits->count() + opposite->count(), size_t(300));
    }
    // Most rules select some but not all customers (3,319 of 10,000 with this seed), and many are purchases.
    QVERIFY2(nonTrivial > 3000, qPrintable(QString::number(nonTrivial)));
    QVERIFY2(purchases > 3000, qPrintable(QString::number(purchases)));
}


// The customers are loaded without the orders; the first purchase condition reads them, and the members are
// those worked out by hand: the valid purchases with a 茶具 line are orders 1 (customer 1), 7 (3) and 10 (5).
void TestPurchaseConditions::ordersAreReadWhenARuleFirstNeedsThem()
{
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    QVERIFY(!cache.value()->purchasesLoaded());
    const size_t customersOnly = cache.value()->memoryBytes();
    const auto city = ColumnarEvaluator::evaluate(RuleText::parse(QStringLiteral("city is \"上海\"")).value(), context, *cache.value());
    QVERIFY(city.ok());
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(city.value(), *cache.value())), QStringLiteral("1 3 4 6").split(u' '));
    QVERIFY(!cache.value()->purchasesLoaded());
    const auto teaware = ColumnarEvaluator::evaluate(RuleText::parse(QStringLiteral("ordered where category is \"茶具\"")).value(),
                                                     context, *cache.value());
    QVERIFY2(teaware.ok(), qPrintable(teaware.errorMessage()));
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(teaware.value(), *cache.value())), QStringLiteral("1 3 5").split(u' '));
    QVERIFY(cache.value()->purchasesLoaded());
    QCOMPARE(cache.value()->purchases().orders(), size_t(11));
    QCOMPARE(cache.value()->purchases().lines(), size_t(13));
    QVERIFY(cache.value()->memoryBytes() > customersOnly);
}

// An order imported after the customers were read would be counted against customers and metrics read
// before it: the evaluation says so instead, in words, and a cache loaded again counts it (order 12 gives
// customer 4 a 茶具 purchase).
void TestPurchaseConditions::ordersChangedSinceTheCustomersWereReadAreRefused()
{
    auto created = store::Workspace::create(m_dir.filePath(QStringLiteral("changed.segmenta")));
    QVERIFY(created.ok());
    Database &db = created.value()->db();
    fillHandShop(db);
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto before = ColumnCache::load(db, context.fields);
    QVERIFY2(before.ok(), qPrintable(before.errorMessage()));
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, status, channel) "
            "VALUES (12, 'o12', 4, '2026-06-30', 25, 1, 'paid', 'Web')");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) "
            "VALUES (12, 1, '茶杯', '茶具', 1, 25, 25)");
    const Rule teaware = RuleText::parse(QStringLiteral("ordered where category is \"茶具\"")).value();
    const auto refused = ColumnarEvaluator::evaluate(teaware, context, *before.value());
    QVERIFY(!refused.ok());
    QCOMPARE(refused.errorMessage(), QStringLiteral("The orders changed since the customers were read; open the workspace again"));
    QVERIFY(!before.value()->purchasesLoaded());
    const auto again = ColumnCache::load(db, context.fields);
    QVERIFY(again.ok());
    const auto members = ColumnarEvaluator::evaluate(teaware, context, *again.value());
    QVERIFY2(members.ok(), qPrintable(members.errorMessage()));
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(members.value(), *again.value())), QStringLiteral("1 3 4 5").split(u' '));
}

// Inside a transaction another connection would not see the rows written in it, so the cache reads the
// orders with the customers, through the same connection.
void TestPurchaseConditions::ordersOfAnOpenTransactionAreReadAtOnce()
{
    auto created = store::Workspace::create(m_dir.filePath(QStringLiteral("transaction.segmenta")));
    QVERIFY(created.ok());
    Database &db = created.value()->db();
    fillHandShop(db);
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    store::Transaction transaction(db);
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, status, channel) "
            "VALUES (12, 'o12', 4, '2026-06-30', 25, 1, 'paid', 'Web')");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) "
            "VALUES (12, 1, '茶杯', '茶具', 1, 25, 25)");
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    QVERIFY(cache.value()->purchasesLoaded());
    const auto members = ColumnarEvaluator::evaluate(RuleText::parse(QStringLiteral("ordered where category is \"茶具\"")).value(),
                                                     context, *cache.value());
    QVERIFY2(members.ok(), qPrintable(members.errorMessage()));
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(members.value(), *cache.value())), QStringLiteral("1 3 4 5").split(u' '));
}


void TestPurchaseConditions::keptResultsFollowTheAnalysisDateAndSetting_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QDate>("asOf");
    QTest::addColumn<bool>("zeroCounts");
    QTest::addColumn<QString>("members");
    // Worked out by hand from the table at the top; the rows run in this order on one cache, so a result kept
    // for one analysis date or purchase definition must not answer for another.
    const QString books = QStringLiteral("ordered in last 30 days where category is \"书\"");
    QTest::newRow("books, 2026-07-01") << books << kAsOf << false << QStringLiteral("1"); // order 1 (06-20)
    QTest::newRow("books, 2025-07-15") << books << QDate(2025, 7, 15) << false << QString(); // order 6 is ¥0
    QTest::newRow("books, 2025-07-15, zero counts") << books << QDate(2025, 7, 15) << true << QStringLiteral("3");
    QTest::newRow("books, 2026-02-01") << books << QDate(2026, 2, 1) << false << QStringLiteral("1"); // order 2 (01-10)
    QTest::newRow("books, 2026-07-01 again") << books << kAsOf << false << QStringLiteral("1");
    // A `where` on order fields only: every line of the order matches, and an order without lines none.
    const QString weChat = QStringLiteral("spent >= 300 where channel is \"WeChat\"");
    QTest::newRow("WeChat, 2026-07-01") << weChat << kAsOf << false << QStringLiteral("1 2"); // 300; 500 (order 5 cancelled)
    QTest::newRow("WeChat, 2026-04-01") << weChat << QDate(2026, 4, 1) << false << QString(); // customer 5: 60
    QTest::newRow("Web") << QStringLiteral("ordered where channel is \"Web\"") << kAsOf << false << QStringLiteral("1"); // not 7
    QTest::newRow("Web, at least 1 line") << QStringLiteral("ordered exactly 0 times where channel is \"Web\"") << kAsOf << false
                                          << QStringLiteral("2 3 4 5 6 7");
}

void TestPurchaseConditions::keptResultsFollowTheAnalysisDateAndSetting()
{
    QFETCH(QString, rule);
    QFETCH(QDate, asOf);
    QFETCH(bool, zeroCounts);
    QFETCH(QString, members);
    static std::shared_ptr<const ColumnCache> cache; // one cache for every row, as the window keeps one
    RuleContext context = RuleContext::forDatabase(m_hand->db(), asOf);
    context.zeroAmountIsPurchase = zeroCounts;
    if (!cache) {
        auto loaded = ColumnCache::load(m_hand->db(), context.fields);
        QVERIFY(loaded.ok());
        cache = loaded.value();
    }
    const Rule parsed = RuleText::parse(rule).value();
    const auto bits = ColumnarEvaluator::evaluate(parsed, context, *cache);
    QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
    const QStringList expected = members.split(u' ', Qt::SkipEmptyParts);
    QCOMPARE(idsText(ColumnarEvaluator::memberIds(bits.value(), *cache)), expected);
    QCOMPARE(idsText(sqlMembers(m_hand->db(), parsed, context)), expected);
}

QTEST_GUILESS_MAIN(TestPurchaseConditions)
#include "tst_purchaseconditions.moc"
