#include "randomrules.h"

#include "rules/ruletext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace segmenta;
using namespace segmenta::rules;

namespace {

store::FieldInfo field(const char *name, store::FieldType type)
{
    store::FieldInfo f;
    f.name = QString::fromUtf8(name);
    f.type = type;
    f.table = QStringLiteral("customers");
    f.column = f.name;
    return f;
}

Condition cond(const char *fieldName, Op op, QVariantList values = {})
{
    Condition c;
    c.field = QString::fromUtf8(fieldName);
    c.op = op;
    c.values = std::move(values);
    return c;
}

} // namespace

class TestRuleText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesTheDocumentedExample();
    void parsesEachOperator_data();
    void parsesEachOperator();
    void reportsErrorsWithPosition_data();
    void reportsErrorsWithPosition();
    void roundTripsThousandsOfRandomRules();
    void jsonRejectsBadInput();
    void parsesPurchaseConditions();
    void purchaseJsonHasTheDocumentedShape();
    void recordsConditionPositions();
};

void TestRuleText::parsesTheDocumentedExample()
{
    const auto parsed = RuleText::parse(QStringLiteral(
        "total_spend >= 1000 and (city in (\"上海\", \"北京\") or last_order_date in last 90 days) and not email is empty"));
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    Rule expected;
    expected.root.match = GroupMatch::All;
    expected.root.children.emplace_back(cond("total_spend", Op::Ge, {1000.0}));
    Group any;
    any.match = GroupMatch::Any;
    any.children.emplace_back(cond("city", Op::In, {QStringLiteral("上海"), QStringLiteral("北京")}));
    any.children.emplace_back(cond("last_order_date", Op::InLast, {90.0, QStringLiteral("days")}));
    expected.root.children.emplace_back(std::move(any));
    Group none;
    none.match = GroupMatch::None;
    none.children.emplace_back(cond("email", Op::IsEmpty));
    expected.root.children.emplace_back(std::move(none));
    QVERIFY(parsed.value() == expected);
    QCOMPARE(RuleText::print(parsed.value()),
             QStringLiteral("total_spend >= 1000 and (city in (\"上海\", \"北京\") or last_order_date in last 90 days) "
                            "and not email is empty"));

    const auto quoted = RuleText::parse(QStringLiteral("`订单付款时间` after 2024-01-01"));
    QVERIFY2(quoted.ok(), qPrintable(quoted.errorMessage()));
    QCOMPARE(quoted->root.children.size(), size_t(1));
    QVERIFY(*quoted->root.children.front().condition == cond("订单付款时间", Op::After, {QDate(2024, 1, 1)}));
}

void TestRuleText::parsesEachOperator_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("op");
    QTest::addColumn<QVariantList>("values");
    QTest::newRow("is") << QStringLiteral("city is \"上海\"") << int(Op::Is) << QVariantList{QStringLiteral("上海")};
    QTest::newRow("= text") << QStringLiteral("city = \"上海\"") << int(Op::Is) << QVariantList{QStringLiteral("上海")};
    QTest::newRow("is not") << QStringLiteral("city is not \"x\"") << int(Op::IsNot) << QVariantList{QStringLiteral("x")};
    QTest::newRow("not in") << QStringLiteral("city not in (\"a\", \"b\")") << int(Op::NotIn)
                            << QVariantList{QStringLiteral("a"), QStringLiteral("b")};
    QTest::newRow("contains") << QStringLiteral("name contains \"王\"") << int(Op::Contains) << QVariantList{QStringLiteral("王")};
    QTest::newRow("not contains") << QStringLiteral("name not contains \"a\\\"b\"") << int(Op::NotContains)
                                  << QVariantList{QStringLiteral("a\"b")};
    QTest::newRow("starts") << QStringLiteral("phone starts with \"138\"") << int(Op::StartsWith) << QVariantList{QStringLiteral("138")};
    QTest::newRow("ends") << QStringLiteral("email ends with \"@qq.com\"") << int(Op::EndsWith) << QVariantList{QStringLiteral("@qq.com")};
    QTest::newRow("empty") << QStringLiteral("email is empty") << int(Op::IsEmpty) << QVariantList{};
    QTest::newRow("not empty") << QStringLiteral("email is not empty") << int(Op::IsNotEmpty) << QVariantList{};
    QTest::newRow("=") << QStringLiteral("orders_count = 3") << int(Op::Eq) << QVariantList{3.0};
    QTest::newRow("!=") << QStringLiteral("orders_count != -2.5") << int(Op::Ne) << QVariantList{-2.5};
    QTest::newRow("<") << QStringLiteral("age < 30") << int(Op::Lt) << QVariantList{30.0};
    QTest::newRow("<=") << QStringLiteral("age <= 30") << int(Op::Le) << QVariantList{30.0};
    QTest::newRow(">") << QStringLiteral("age > 30") << int(Op::Gt) << QVariantList{30.0};
    QTest::newRow("between numbers") << QStringLiteral("age between 20 and 30") << int(Op::Between) << QVariantList{20.0, 30.0};
    QTest::newRow("between dates") << QStringLiteral("signup_date between 2024-01-01 and 2024-12-31") << int(Op::Between)
                                   << QVariantList{QDate(2024, 1, 1), QDate(2024, 12, 31)};
    QTest::newRow("top") << QStringLiteral("total_spend in top 20%") << int(Op::TopPercent) << QVariantList{20.0};
    QTest::newRow("bottom") << QStringLiteral("total_spend in bottom 5 %") << int(Op::BottomPercent) << QVariantList{5.0};
    QTest::newRow("on") << QStringLiteral("birth_date on 1990-02-28") << int(Op::On) << QVariantList{QDate(1990, 2, 28)};
    QTest::newRow("before") << QStringLiteral("signup_date before 2020-01-01") << int(Op::Before) << QVariantList{QDate(2020, 1, 1)};
    QTest::newRow("in last months") << QStringLiteral("last_order_date in last 6 months") << int(Op::InLast)
                                    << QVariantList{6.0, QStringLiteral("months")};
    QTest::newRow("not in last weeks") << QStringLiteral("last_order_date not in last 2 weeks") << int(Op::NotInLast)
                                       << QVariantList{2.0, QStringLiteral("weeks")};
    QTest::newRow("more than") << QStringLiteral("last_order_date more than 180 days ago") << int(Op::MoreThanDaysAgo)
                               << QVariantList{180.0};
    QTest::newRow("next") << QStringLiteral("birth_date in next 7 days") << int(Op::InNextDays) << QVariantList{7.0};
    QTest::newRow("anniversary") << QStringLiteral("birth_date anniversary within 30 days") << int(Op::AnniversaryWithin)
                                 << QVariantList{30.0};
    QTest::newRow("true") << QStringLiteral("repeat_buyer is true") << int(Op::IsTrue) << QVariantList{};
    QTest::newRow("false") << QStringLiteral("repeat_buyer is false") << int(Op::IsFalse) << QVariantList{};
    QTest::newRow("segment") << QStringLiteral("in segment \"VIP\"") << int(Op::InSegment) << QVariantList{QStringLiteral("VIP")};
    QTest::newRow("not segment") << QStringLiteral("not in segment \"VIP\"") << int(Op::NotInSegment)
                                 << QVariantList{QStringLiteral("VIP")};
}

void TestRuleText::parsesEachOperator()
{
    QFETCH(QString, text);
    QFETCH(int, op);
    QFETCH(QVariantList, values);
    const auto parsed = RuleText::parse(text);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    QCOMPARE(parsed->root.children.size(), size_t(1));
    const Condition &c = *parsed->root.children.front().condition;
    QCOMPARE(int(c.op), op);
    Condition expected = c;
    expected.values = values;
    QVERIFY2(c == expected, qPrintable(RuleText::print(parsed.value())));
}

void TestRuleText::reportsErrorsWithPosition_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing value") << QStringLiteral("total_spend >=") << QStringLiteral("line 1, column 15: expected a number, found the end of the rule");
    QTest::newRow("second line") << QStringLiteral("city is \"x\"\n  and age >") << QStringLiteral("line 2, column 12: expected a number");
    QTest::newRow("no operator") << QStringLiteral("city \"x\"") << QStringLiteral("line 1, column 6: expected an operator after “city”");
    QTest::newRow("unclosed paren") << QStringLiteral("(city is \"x\"") << QStringLiteral("line 1, column 13: expected “)”");
    QTest::newRow("unclosed quote") << QStringLiteral("city is \"x") << QStringLiteral("line 1, column 9: this text has no closing quote");
    QTest::newRow("unclosed backtick") << QStringLiteral("`城市 is \"x\"") << QStringLiteral("line 1, column 1: this field name has no closing backtick");
    QTest::newRow("bad unit") << QStringLiteral("d in last 3 years") << QStringLiteral("line 1, column 13: expected “days”, “weeks” or “months”");
    QTest::newRow("dangling and") << QStringLiteral("a = 1 and") << QStringLiteral("line 1, column 10: expected a field name");
    QTest::newRow("junk") << QStringLiteral("a = 1 ; drop") << QStringLiteral("line 1, column 7: unexpected character “;”");
    QTest::newRow("trailing") << QStringLiteral("a = 1 b = 2") << QStringLiteral("line 1, column 7: expected “and”, “or” or the end of the rule");
    QTest::newRow("negative count") << QStringLiteral("ordered at least -1 times")
                                    << QStringLiteral("line 1, column 18: expected a whole number of times (0 or more), found “-1”");
    QTest::newRow("fractional count") << QStringLiteral("ordered exactly 1.5 times")
                                      << QStringLiteral("line 1, column 17: expected a whole number of times");
    QTest::newRow("no times") << QStringLiteral("ordered at most 2 in last 3 days")
                              << QStringLiteral("line 1, column 19: expected “times”, found “in”");
    QTest::newRow("at what") << QStringLiteral("ordered at 2 times") << QStringLiteral("line 1, column 12: expected “least” or “most”");
    QTest::newRow("spent without comparison") << QStringLiteral("spent 500")
                                              << QStringLiteral("line 1, column 7: expected >=, >, <=, <, = or “between”");
    QTest::newRow("spent !=") << QStringLiteral("spent != 5") << QStringLiteral("line 1, column 7: expected >=, >, <=, <, = or “between”");
    QTest::newRow("period unit") << QStringLiteral("ordered in last 3 years")
                                 << QStringLiteral("line 1, column 19: expected “days”, “weeks” or “months”");
    QTest::newRow("period not a date") << QStringLiteral("spent > 1 before 5")
                                       << QStringLiteral("line 1, column 18: expected a date (YYYY-MM-DD)");
    QTest::newRow("where nothing") << QStringLiteral("ordered where")
                                   << QStringLiteral("line 1, column 14: expected an order or line field");
    QTest::newRow("where unclosed") << QStringLiteral("ordered where (product is \"a\" and amount > 2")
                                    << QStringLiteral("line 1, column 45: expected “)”");
    QTest::newRow("where dangling and") << QStringLiteral("ordered where (product is \"a\" and)")
                                        << QStringLiteral("line 1, column 34: expected an order or line field");
    QTest::newRow("where segment") << QStringLiteral("ordered where in segment \"VIP\"")
                                   << QStringLiteral("line 1, column 15: expected a condition on an order or line field");
    QTest::newRow("where nested purchase") << QStringLiteral("ordered where (ordered)")
                                           << QStringLiteral("line 1, column 16: expected a condition on an order or line field (a purchase condition cannot be nested)");
    QTest::newRow("where no operator") << QStringLiteral("ordered where product")
                                       << QStringLiteral("line 1, column 22: expected an operator after “product”");
}

void TestRuleText::reportsErrorsWithPosition()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    const auto parsed = RuleText::parse(text);
    QVERIFY(!parsed.ok());
    QVERIFY2(parsed.errorMessage().startsWith(expected), qPrintable(parsed.errorMessage()));
}

void TestRuleText::roundTripsThousandsOfRandomRules()
{
    using store::FieldType;
    const std::vector<store::FieldInfo> fields = {
        field("city", FieldType::Category), field("name", FieldType::Text), field("phone", FieldType::Identifier),
        field("total_spend", FieldType::Money), field("age", FieldType::Integer), field("ratio", FieldType::Percent),
        field("signup_date", FieldType::Date), field("last_seen", FieldType::DateTime),
        field("repeat_buyer", FieldType::Boolean), field("lifecycle_stage", FieldType::Lifecycle),
        field("value_tier", FieldType::ValueTier), field("rfm_segment", FieldType::RfmSegment),
        field("订单付款时间", FieldType::DateTime), field("a b", FieldType::Text), field("on", FieldType::Text),
        field("x`y", FieldType::Integer), field("城市 (省)", FieldType::Category)};
    std::map<QString, QVariantList> pools = {
        {QStringLiteral("city"), {QStringLiteral("上海"), QStringLiteral("北京"), QStringLiteral("a\"b\\c"), QStringLiteral("")}},
        {QStringLiteral("name"), {QStringLiteral("王伟"), QStringLiteral("O'Brien"), QStringLiteral("line\nbreak")}},
        {QStringLiteral("total_spend"), {0.0, -0.5, 1e300, 123.456, 0.1, 1e-9, 99999999999999.0}},
        {QStringLiteral("signup_date"), {QDate(2024, 2, 29), QDate(1999, 12, 31)}},
    };
    testing::RandomRules random(12345, fields, pools, {QStringLiteral("VIP"), QStringLiteral("新客户")});
    std::vector<store::FieldInfo> orderFields = builtinPurchaseFields();
    orderFields.push_back(field("订单 备注", FieldType::Text));
    orderFields.push_back(field("ordered", FieldType::Integer)); // a keyword as an imported column's name
    random.setOrderFields(orderFields, {{QStringLiteral("product"), {QStringLiteral("Python 入门"), QStringLiteral("a\"b")}},
                                        {QStringLiteral("amount"), {0.0, 12.5, -3.0}}});
    for (int i = 0; i < 5000; ++i) {
        const Rule rule = random.rule();
        const QString text = RuleText::print(rule);
        const auto reparsed = RuleText::parse(text);
        QVERIFY2(reparsed.ok(), qPrintable(text + QStringLiteral(" → ") + reparsed.errorMessage()));
        QVERIFY2(reparsed.value() == rule, qPrintable(QStringLiteral("#%1: %2 → %3").arg(i).arg(text, RuleText::print(reparsed.value()))));
        const QByteArray json = QJsonDocument(toJson(rule)).toJson(QJsonDocument::Compact);
        const auto fromJson = ruleFromJson(QJsonDocument::fromJson(json).object());
        QVERIFY2(fromJson.ok() && fromJson.value() == rule, json.constData());
    }
}

void TestRuleText::jsonRejectsBadInput()
{
    const auto badOp = ruleFromJson(QJsonDocument::fromJson(
        R"({"version":1,"root":{"match":"all","children":[{"field":"a","op":"explode","values":[]}]}})").object());
    QVERIFY(!badOp.ok());
    QVERIFY(badOp.errorMessage().contains(u"explode"));
    const auto newer = ruleFromJson(QJsonDocument::fromJson(R"({"version":7,"root":{"match":"all"}})").object());
    QVERIFY(!newer.ok());
    QVERIFY(newer.errorMessage().contains(u"newer"));
    const auto badDate = ruleFromJson(QJsonDocument::fromJson(
        R"({"root":{"match":"all","children":[{"field":"d","op":"on","values":[{"date":"2024-02-30"}]}]}})").object());
    QVERIFY(!badDate.ok());
}

// The examples of issue 20, each as the tree it stands for.
void TestRuleText::parsesPurchaseConditions()
{
    const auto purchaseOf = [](const Rule &rule, size_t child = 0) -> const Condition & {
        const Node &node = rule.root.children.at(child);
        return node.group ? *node.group->children.front().condition : *node.condition;
    };
    {
        const auto r = RuleText::parse(QStringLiteral("ordered at least 2 times in last 180 days where product contains \"Python\""));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const Condition &c = purchaseOf(r.value());
        QCOMPARE(c.op, Op::Ordered);
        QVERIFY(c.purchase);
        QCOMPARE(c.purchase->compare, Op::Ge);
        QCOMPARE(c.purchase->amounts, QVariantList{2.0});
        QVERIFY(c.purchase->period == cond("order_date", Op::InLast, {180.0, QStringLiteral("days")}));
        QCOMPARE(c.purchase->where.children.size(), size_t(1));
        QVERIFY(*c.purchase->where.children.front().condition == cond("product", Op::Contains, {QStringLiteral("Python")}));
    }
    {
        const auto r = RuleText::parse(QStringLiteral("spent >= 500 in last 365 days where category in (\"红茶\", \"绿茶\")"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        const Condition &c = purchaseOf(r.value());
        QCOMPARE(c.op, Op::Spent);
        QCOMPARE(c.purchase->compare, Op::Ge);
        QCOMPARE(c.purchase->amounts, QVariantList{500.0});
        QVERIFY(*c.purchase->where.children.front().condition ==
                cond("category", Op::In, {QStringLiteral("红茶"), QStringLiteral("绿茶")}));
    }
    {
        const auto r = RuleText::parse(QStringLiteral("not ordered in last 90 days where channel is \"WeChat\""));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->root.match, GroupMatch::None); // the rule's root is the "not"
        QCOMPARE(r->root.children.size(), size_t(1));
        const Condition &c = purchaseOf(r.value());
        QCOMPARE(c.op, Op::Ordered);
        QCOMPARE(c.purchase->amounts, QVariantList{1.0}); // without a count: at least once
        QVERIFY(*c.purchase->where.children.front().condition == cond("channel", Op::Is, {QStringLiteral("WeChat")}));
    }
    {
        const auto r = RuleText::parse(QStringLiteral("city is \"上海\" and ordered where (category is \"茶具\" and amount >= 200)"));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->root.match, GroupMatch::All);
        QCOMPARE(r->root.children.size(), size_t(2)); // the where's "and" stays inside the purchase
        const Condition &c = *r->root.children.at(1).condition;
        QCOMPARE(c.purchase->where.match, GroupMatch::All);
        QCOMPARE(c.purchase->where.children.size(), size_t(2));
        QVERIFY(*c.purchase->where.children.at(1).condition == cond("amount", Op::Ge, {200.0}));
        QCOMPARE(RuleText::print(r.value()),
                 QStringLiteral("city is \"上海\" and ordered where (category is \"茶具\" and amount >= 200)"));
    }
    {
        // A one-condition where ends at the next "and": the rest belongs to the rule.
        const auto r = RuleText::parse(QStringLiteral("ordered where product is \"A\" and city is \"B\""));
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r->root.children.size(), size_t(2));
        QCOMPARE(r->root.children.at(0).condition->purchase->where.children.size(), size_t(1));
        QCOMPARE(r->root.children.at(1).condition->field, QStringLiteral("city"));
    }
    const struct
    {
        const char *text;
        Op compare;
        QVariantList amounts;
    } counts[] = {
        {"ordered", Op::Ge, {1.0}},
        {"ordered at most 0 times", Op::Le, {0.0}},
        {"ordered exactly 3 times", Op::Eq, {3.0}},
        {"spent < 10.5", Op::Lt, {10.5}},
        {"spent > 0", Op::Gt, {0.0}},
        {"spent <= 7", Op::Le, {7.0}},
        {"spent = 12", Op::Eq, {12.0}},
        {"spent between 100 and 200 between 2024-01-01 and 2024-12-31", Op::Between, {100.0, 200.0}},
    };
    for (const auto &k : counts) {
        const auto r = RuleText::parse(QString::fromUtf8(k.text));
        QVERIFY2(r.ok(), k.text);
        const Condition &c = purchaseOf(r.value());
        QCOMPARE(c.purchase->compare, k.compare);
        QCOMPARE(c.purchase->amounts, k.amounts);
        QCOMPARE(RuleText::print(r.value()), QString::fromUtf8(k.text));
    }
    const char *periods[] = {"ordered before 2024-01-01", "ordered after 2024-01-01", "ordered more than 30 days ago",
                             "ordered in last 2 weeks", "ordered in last 6 months"};
    for (const char *text : periods) {
        const auto r = RuleText::parse(QString::fromUtf8(text));
        QVERIFY2(r.ok(), text);
        QVERIFY(purchaseOf(r.value()).purchase->period.has_value());
        QCOMPARE(RuleText::print(r.value()), QString::fromUtf8(text));
    }
    // "ordered" and "spent" are keywords: a field of that name is quoted.
    QCOMPARE(RuleText::fieldToken(QStringLiteral("ordered")), QStringLiteral("`ordered`"));
}

void TestRuleText::purchaseJsonHasTheDocumentedShape()
{
    // The example of rule.h's comment, written by hand.
    const QByteArray documented = R"({"version": 1, "root": {"match": "all", "children": [
        {"op": "ordered", "compare": "ge", "values": [{"number": 2}],
         "period": {"field": "order_date", "op": "in_last", "values": [{"number": 180}, "days"]},
         "where": {"match": "all", "children": [{"field": "product", "op": "contains", "values": ["Python"]}]}}]}})";
    const auto fromJson = ruleFromJson(QJsonDocument::fromJson(documented).object());
    QVERIFY2(fromJson.ok(), qPrintable(fromJson.errorMessage()));
    const auto fromText = RuleText::parse(QStringLiteral("ordered at least 2 times in last 180 days where product contains \"Python\""));
    QVERIFY(fromText.ok());
    QVERIFY(fromJson.value() == fromText.value());
    const QJsonObject written = toJson(fromText.value()).value(u"root").toObject().value(u"children").toArray().at(0).toObject();
    QCOMPARE(written.value(u"op").toString(), QStringLiteral("ordered"));
    QCOMPARE(written.value(u"compare").toString(), QStringLiteral("ge"));
    QCOMPARE(written.value(u"period").toObject().value(u"op").toString(), QStringLiteral("in_last"));
    QVERIFY(!written.contains(u"field"));

    const auto badCompare = ruleFromJson(QJsonDocument::fromJson(
        R"({"root":{"match":"all","children":[{"op":"spent","compare":"sideways","values":[{"number":1}]}]}})").object());
    QVERIFY(!badCompare.ok());
    QVERIFY(badCompare.errorMessage().contains(u"sideways"));
}

void TestRuleText::recordsConditionPositions()
{
    ConditionPositions positions;
    const auto r = RuleText::parse(QStringLiteral("city is \"x\" and\n  ordered where (product is \"a\" or sku is \"b\")\n  or in segment \"V\""),
                                   &positions);
    QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
    // In reading order: city, ordered, product, sku, in segment.
    QCOMPARE(positions.size(), size_t(5));
    const int expected[5][2] = {{1, 1}, {2, 3}, {2, 18}, {2, 36}, {3, 6}};
    for (size_t i = 0; i < 5; ++i) {
        QCOMPARE(positions[i].line, expected[i][0]);
        QCOMPARE(positions[i].column, expected[i][1]);
    }
}

QTEST_GUILESS_MAIN(TestRuleText)
#include "tst_ruletext.moc"
