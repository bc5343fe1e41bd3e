#include "demo/demoshop.h"
#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"
#include "rules/ruleedit.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace segmenta;
using namespace segmenta::rules;

Q_DECLARE_METATYPE(segmenta::rules::NodePath)

// Tree edits by path as the rule builder makes them, checked against rules written out by hand; the field
// values the builder offers, checked against plain SQL over the demo shop.
class TestRuleEdit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void edit_data();
    void edit();
    void badPathsChangeNothing();
    void conditionPathsInReadingOrder();
    void distinctValuesMatchSql();
    void pathsGoThroughPurchases();
    void purchaseValuesMatchSql();
    void fieldGroups();
    void defaultValuesAreValid();
};

namespace {

Rule parsed(const char *text)
{
    auto rule = RuleText::parse(QString::fromUtf8(text));
    if (!rule)
        qFatal("bad test rule %s: %s", text, qPrintable(rule.errorMessage()));
    return std::move(rule).value();
}

} // namespace

void TestRuleEdit::edit_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<NodePath>("path");
    QTest::addColumn<NodePath>("target");
    QTest::addColumn<int>("index");
    QTest::addColumn<QString>("expected");

    const auto row = [](const char *name, const char *start, const char *operation, NodePath path, NodePath target,
                        int index, const char *expected) {
        QTest::newRow(name) << QString::fromUtf8(start) << QString::fromLatin1(operation) << path << target << index
                            << QString::fromUtf8(expected);
    };
    row("remove first", "a = 1 and b = 2 and c = 3", "remove", {0}, {}, 0, "all(b = 2, c = 3)");
    row("remove last", "a = 1 and b = 2 and c = 3", "remove", {2}, {}, 0, "all(a = 1, b = 2)");
    row("remove nested", "a = 1 and (b = 2 or c = 3)", "remove", {1, 0}, {}, 0, "all(a = 1, any(c = 3))");
    row("remove group", "a = 1 and (b = 2 or c = 3)", "remove", {1}, {}, 0, "all(a = 1)");
    row("duplicate", "a = 1 and b = 2", "duplicate", {0}, {}, 0, "all(a = 1, a = 1, b = 2)");
    row("duplicate group", "a = 1 and (b = 2 or c = 3)", "duplicate", {1}, {}, 0,
        "all(a = 1, any(b = 2, c = 3), any(b = 2, c = 3))");
    row("move down", "a = 1 and b = 2 and c = 3", "move", {0}, {}, 3, "all(b = 2, c = 3, a = 1)");
    row("move after next", "a = 1 and b = 2 and c = 3", "move", {0}, {}, 2, "all(b = 2, a = 1, c = 3)");
    row("move up", "a = 1 and b = 2 and c = 3", "move", {2}, {}, 0, "all(c = 3, a = 1, b = 2)");
    row("move to end by -1", "a = 1 and b = 2 and c = 3", "move", {1}, {}, -1, "all(a = 1, c = 3, b = 2)");
    row("move into later group", "a = 1 and (b = 2 or c = 3)", "move", {0}, {1}, 1, "all(any(b = 2, a = 1, c = 3))");
    row("move out of group", "a = 1 and (b = 2 or c = 3)", "move", {1, 1}, {}, 0, "all(c = 3, a = 1, any(b = 2))");
    row("move into earlier group", "(b = 2 or c = 3) and a = 1", "move", {1}, {0}, 0, "all(any(a = 1, b = 2, c = 3))");
    row("move between groups", "(a = 1 or b = 2) and (c = 3 or d = 4)", "move", {0, 0}, {1}, -1,
        "all(any(b = 2), any(c = 3, d = 4, a = 1))");
}

void TestRuleEdit::edit()
{
    QFETCH(QString, start);
    QFETCH(QString, operation);
    QFETCH(NodePath, path);
    QFETCH(NodePath, target);
    QFETCH(int, index);
    QFETCH(QString, expected);
    Rule rule = RuleText::parse(start).value();
    if (operation == u"remove")
        QVERIFY(removeNode(rule, path).has_value());
    else if (operation == u"duplicate")
        QVERIFY(duplicateNode(rule, path));
    else
        QVERIFY(moveNode(rule, path, target, index));
    const Rule want = RuleText::parse(expected).value();
    QCOMPARE(RuleText::print(rule), RuleText::print(want));
    QVERIFY(rule == want);
}

void TestRuleEdit::badPathsChangeNothing()
{
    const Rule start = parsed("a = 1 and (b = 2 or c = 3)");
    Rule rule = start;
    QVERIFY(!removeNode(rule, {}).has_value());
    QVERIFY(!removeNode(rule, {5}).has_value());
    QVERIFY(!removeNode(rule, {0, 0}).has_value()); // a condition has no children
    QVERIFY(!duplicateNode(rule, {1, 7}));
    QVERIFY(!moveNode(rule, {1}, {1}, 0));          // a group into itself
    QVERIFY(!moveNode(rule, {0}, {0}, 0));          // into a condition
    QVERIFY(!insertNode(rule, {0}, 0, Node(Condition{})));
    QVERIFY(!insertNode(rule, {}, 0, Node()));      // an empty node
    QVERIFY(nodeAt(rule, {}) == nullptr);
    QVERIFY(nodeAt(rule, {-1}) == nullptr);
    QVERIFY(groupAt(rule, {0}) == nullptr);
    QVERIFY(rule == start);

    QVERIFY(insertNode(rule, {1}, 0, Node(Condition{QStringLiteral("d"), Op::Eq, {4.0}, true})));
    QCOMPARE(RuleText::print(rule), RuleText::print(parsed("a = 1 and (d = 4 or b = 2 or c = 3)")));
}

void TestRuleEdit::conditionPathsInReadingOrder()
{
    const Rule rule = parsed("a = 1 and (b = 2 or disabled c = 3 or (d = 4 and e = 5)) and f = 6");
    const std::vector<NodePath> want = {{0}, {1, 0}, {1, 1}, {1, 2, 0}, {1, 2, 1}, {2}};
    QCOMPARE(conditionPaths(rule), want);
    QCOMPARE(nodeAt(rule, {1, 2, 1})->condition->field, QStringLiteral("e"));
    QVERIFY(!nodeAt(rule, {1, 1})->condition->enabled);
}

void TestRuleEdit::distinctValuesMatchSql()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = store::Workspace::create(path);
    QVERIFY(ws.ok());
    demo::DemoSetupOptions options;
    options.shop.customers = 800;
    options.history = false;
    QVERIFY(demo::DemoShop::setUp(*ws.value(), options).ok());
    store::Database &db = ws.value()->db();
    const auto context = RuleContext::forDatabase(db, ws.value()->analysisDate());
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());

    for (const char *field : {"city", "channel", "lifecycle_stage", "value_tier"}) {
        const store::FieldInfo *info = context.field(QString::fromLatin1(field));
        QVERIFY(info);
        std::map<QString, qint64> want;
        store::Statement query(db, QStringLiteral("SELECT %1, COUNT(*) FROM %2 WHERE %1 IS NOT NULL AND %1 <> '' GROUP BY %1")
                                       .arg(info->column, info->table)
                                       .toStdString());
        while (query.step())
            want[query.text(0)] = query.int64(1);
        QVERIFY2(want.size() > 1, field);
        const auto values = distinctValues(*cache.value(), info->name);
        std::map<QString, qint64> got;
        for (const auto &v : values)
            got[v.value] = v.count;
        QCOMPARE(got, want);
        for (size_t i = 1; i < values.size(); ++i)
            QVERIFY(values[i - 1].count >= values[i].count);
    }
    QCOMPARE(distinctValues(*cache.value(), QStringLiteral("city"), 2).size(), size_t(2));
    QVERIFY(distinctValues(*cache.value(), QStringLiteral("total_spend")).empty());
    QVERIFY(distinctValues(*cache.value(), QStringLiteral("no_such_field")).empty());
}

void TestRuleEdit::pathsGoThroughPurchases()
{
    const Rule start = parsed("a = 1 and ordered at least 2 times in last 30 days where (category is \"x\" or product contains \"y\")");
    QCOMPARE(nodeAt(start, {1, 0})->condition->field, QStringLiteral("category"));
    QCOMPARE(nodeAt(start, {1, 1})->condition->op, Op::Contains);
    QVERIFY(nodeAt(start, {1, 2}) == nullptr);
    QCOMPARE(groupAt(start, {1})->match, GroupMatch::Any);
    QCOMPARE(purchaseScope(start, {1}), std::optional<NodePath>(NodePath{1}));
    QCOMPARE(purchaseScope(start, {}), std::nullopt);
    QCOMPARE(purchaseScope(start, {0}), std::nullopt); // a condition is no group
    // the purchase is one condition
    QCOMPARE(conditionPaths(start), (std::vector<NodePath>{{0}, {1}}));

    Rule rule = start;
    QVERIFY(removeNode(rule, {1, 0}).has_value());
    QVERIFY(rule == parsed("a = 1 and ordered at least 2 times in last 30 days where any(product contains \"y\")"));
    QVERIFY(start == parsed("a = 1 and ordered at least 2 times in last 30 days where (category is \"x\" or product contains \"y\")"));

    rule = start;
    QVERIFY(insertNode(rule, {1}, 0, Node(Condition{QStringLiteral("channel"), Op::Is, {QStringLiteral("JD")}, true})));
    QVERIFY(rule == parsed("a = 1 and ordered at least 2 times in last 30 days where "
                           "(channel is \"JD\" or category is \"x\" or product contains \"y\")"));
    QVERIFY(duplicateNode(rule, {1, 2}));
    QVERIFY(moveNode(rule, {1, 3}, {1}, 0));
    QVERIFY(rule == parsed("a = 1 and ordered at least 2 times in last 30 days where "
                           "(product contains \"y\" or channel is \"JD\" or category is \"x\" or product contains \"y\")"));

    // customer conditions and order conditions do not mix
    rule = start;
    QVERIFY(!moveNode(rule, {0}, {1}, 0));
    QVERIFY(!moveNode(rule, {1, 0}, {}, 0));
    QVERIFY(!moveNode(rule, {1}, {1}, 0)); // into its own where
    QVERIFY(rule == start);
    // the whole purchase moves like any condition
    QVERIFY(moveNode(rule, {1}, {}, 0));
    QVERIFY(rule == parsed("ordered at least 2 times in last 30 days where (category is \"x\" or product contains \"y\") and a = 1"));

    const Condition added = newPurchaseCondition();
    QVERIFY(added.isPurchase());
    QCOMPARE(added.op, Op::Ordered);
    Rule one;
    one.root.children.emplace_back(added);
    QCOMPARE(RuleText::print(one), QStringLiteral("ordered"));
}

void TestRuleEdit::purchaseValuesMatchSql()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = store::Workspace::create(path);
    QVERIFY(ws.ok());
    demo::DemoSetupOptions options;
    options.shop.customers = 800;
    options.history = false;
    QVERIFY(demo::DemoShop::setUp(*ws.value(), options).ok());
    store::Database &db = ws.value()->db();
    const auto context = RuleContext::forDatabase(db, ws.value()->analysisDate());
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());
    const QString asOf = context.asOf.toString(Qt::ISODate);

    // How many customers made a valid purchase (an amount above zero, dated by the analysis date) holding each value.
    const QString sql = QStringLiteral(
        "SELECT %1, COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "WHERE o.is_valid <> 0 AND o.amount > 0 AND substr(o.order_date, 1, 10) <= '%2' AND %1 IS NOT NULL AND %1 <> '' "
        "GROUP BY %1");
    for (const char *column : {"l.product", "l.category", "o.channel", "o.status", "l.sku"}) {
        std::map<QString, qint64> want;
        store::Statement query(db, sql.arg(QString::fromLatin1(column), asOf).toStdString());
        while (query.step())
            want[query.text(0)] = query.int64(1);
        QVERIFY2(!want.empty(), column);
        const QString field = QString::fromLatin1(column).mid(2);
        const auto values = purchaseValues(*cache.value(), context, field);
        std::map<QString, qint64> got;
        for (const auto &v : values)
            got[v.value] = v.count;
        QCOMPARE(got, want);
        for (size_t i = 1; i < values.size(); ++i)
            QVERIFY(values[i - 1].count >= values[i].count);
        // the count is what `ordered where FIELD is VALUE` keeps
        Rule rule;
        Purchase purchase;
        purchase.where.children.emplace_back(Condition{field, Op::Is, {values.front().value}, true});
        Condition ordered = newPurchaseCondition();
        ordered.purchase = std::make_shared<const Purchase>(purchase);
        rule.root.children.emplace_back(ordered);
        const auto members = ColumnarEvaluator::evaluate(rule, context, *cache.value());
        QVERIFY2(members.ok(), qPrintable(members.ok() ? QString() : members.errorMessage()));
        QCOMPARE(qint64(members->count()), values.front().count);
    }
    QCOMPARE(purchaseValues(*cache.value(), context, QStringLiteral("category"), 3).size(), size_t(3));
    QVERIFY(purchaseValues(*cache.value(), context, QStringLiteral("amount")).empty());
    QVERIFY(purchaseValues(*cache.value(), context, QStringLiteral("city")).empty());
}

void TestRuleEdit::fieldGroups()
{
    const auto group = [](const char *name, const char *table, store::FieldType type) {
        store::FieldInfo f;
        f.name = QString::fromLatin1(name);
        f.table = QString::fromLatin1(table);
        f.type = type;
        return fieldGroupOf(f);
    };
    QCOMPARE(group("city", "customers", store::FieldType::Category), FieldGroup::Customer);
    QCOMPARE(group("total_spend", "customer_metrics", store::FieldType::Money), FieldGroup::Purchases);
    QCOMPARE(group("lifecycle_stage", "customer_metrics", store::FieldType::Lifecycle), FieldGroup::LifecycleValue);
    QCOMPARE(group("value_tier", "customer_metrics", store::FieldType::ValueTier), FieldGroup::LifecycleValue);
    QCOMPARE(group("r_score", "customer_metrics", store::FieldType::Integer), FieldGroup::Rfm);
    QCOMPARE(group("rfm_segment", "customer_metrics", store::FieldType::RfmSegment), FieldGroup::Rfm);
    for (const store::FieldInfo &f : builtinPurchaseFields())
        QCOMPARE(fieldGroupOf(f), f.table == u"order_lines" ? FieldGroup::OrderLine : FieldGroup::Order);
}

void TestRuleEdit::defaultValuesAreValid()
{
    RuleContext context;
    context.asOf = QDate(2026, 7, 1);
    const std::vector<store::FieldType> types = {
        store::FieldType::Integer,  store::FieldType::Decimal,   store::FieldType::Money,      store::FieldType::Percent,
        store::FieldType::Date,     store::FieldType::DateTime,  store::FieldType::Boolean,    store::FieldType::Category,
        store::FieldType::Text,     store::FieldType::Identifier, store::FieldType::Lifecycle, store::FieldType::ValueTier,
        store::FieldType::RfmSegment};
    int checked = 0;
    for (store::FieldType type : types) {
        store::FieldInfo f;
        f.name = QStringLiteral("f_") + store::fieldTypeName(type);
        f.type = type;
        context.fields = {f};
        for (Op op : operatorsFor(type)) {
            Rule rule;
            rule.root.children.emplace_back(Condition{f.name, op, defaultValues(type, op, context.asOf, QStringLiteral("x")), true});
            const auto valid = context.validate(rule);
            QVERIFY2(valid.ok(), qPrintable(valid.ok() ? QString() : valid.errorMessage()));
            // and the text form reads it back unchanged
            QVERIFY(RuleText::parse(RuleText::print(rule)).value() == rule);
            ++checked;
        }
    }
    QVERIFY(checked > 80);
}

QTEST_GUILESS_MAIN(TestRuleEdit)
#include "tst_ruleedit.moc"
