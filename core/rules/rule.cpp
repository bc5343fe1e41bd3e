#include "rules/rule.h"

#include <QJsonArray>

#include <array>
#include <utility>

namespace segmenta::rules {

namespace {

constexpr std::array<std::pair<Op, const char *>, 33> kOpNames = {{
    {Op::Is, "is"},
    {Op::IsNot, "is_not"},
    {Op::In, "in"},
    {Op::NotIn, "not_in"},
    {Op::Contains, "contains"},
    {Op::NotContains, "not_contains"},
    {Op::StartsWith, "starts_with"},
    {Op::EndsWith, "ends_with"},
    {Op::IsEmpty, "is_empty"},
    {Op::IsNotEmpty, "is_not_empty"},
    {Op::Eq, "eq"},
    {Op::Ne, "ne"},
    {Op::Lt, "lt"},
    {Op::Le, "le"},
    {Op::Gt, "gt"},
    {Op::Ge, "ge"},
    {Op::Between, "between"},
    {Op::TopPercent, "top_percent"},
    {Op::BottomPercent, "bottom_percent"},
    {Op::On, "on"},
    {Op::Before, "before"},
    {Op::After, "after"},
    {Op::InLast, "in_last"},
    {Op::NotInLast, "not_in_last"},
    {Op::MoreThanDaysAgo, "more_than_days_ago"},
    {Op::InNextDays, "in_next_days"},
    {Op::AnniversaryWithin, "anniversary_within"},
    {Op::IsTrue, "is_true"},
    {Op::IsFalse, "is_false"},
    {Op::InSegment, "in_segment"},
    {Op::NotInSegment, "not_in_segment"},
    {Op::Ordered, "ordered"},
    {Op::Spent, "spent"},
}};

bool sameValue(const QVariant &a, const QVariant &b)
{
    if (a.typeId() != b.typeId())
        return false;
    if (a.typeId() == QMetaType::Double)
        return a.toDouble() == b.toDouble();
    if (a.typeId() == QMetaType::QDate)
        return a.toDate() == b.toDate();
    return a.toString() == b.toString();
}

bool sameValues(const QVariantList &a, const QVariantList &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!sameValue(a[i], b[i]))
            return false;
    }
    return true;
}

QJsonValue valueToJson(const QVariant &value)
{
    if (value.typeId() == QMetaType::Double)
        return QJsonObject{{QStringLiteral("number"), value.toDouble()}};
    if (value.typeId() == QMetaType::QDate)
        return QJsonObject{{QStringLiteral("date"), value.toDate().toString(Qt::ISODate)}};
    return value.toString();
}

QString matchName(GroupMatch match)
{
    switch (match) {
    case GroupMatch::Any:
        return QStringLiteral("any");
    case GroupMatch::None:
        return QStringLiteral("none");
    case GroupMatch::All:
        break;
    }
    return QStringLiteral("all");
}

QJsonObject nodeToJson(const Node &node);
QJsonObject groupToJson(const Group &group);

QJsonArray valuesToJson(const QVariantList &values)
{
    QJsonArray array;
    for (const QVariant &value : values)
        array.append(valueToJson(value));
    return array;
}

QJsonObject conditionToJson(const Condition &c)
{
    if (c.isPurchase()) {
        const Purchase purchase = c.purchase ? *c.purchase : Purchase{};
        QJsonObject json{{QStringLiteral("op"), opName(c.op)},
                         {QStringLiteral("compare"), opName(purchase.compare)},
                         {QStringLiteral("values"), valuesToJson(purchase.amounts)},
                         {QStringLiteral("enabled"), c.enabled}};
        if (purchase.period)
            json.insert(QStringLiteral("period"), conditionToJson(*purchase.period));
        if (!purchase.where.children.empty() || purchase.where.match != GroupMatch::All || !purchase.where.enabled)
            json.insert(QStringLiteral("where"), groupToJson(purchase.where));
        return json;
    }
    return {{QStringLiteral("field"), c.field},
            {QStringLiteral("op"), opName(c.op)},
            {QStringLiteral("values"), valuesToJson(c.values)},
            {QStringLiteral("enabled"), c.enabled}};
}

QJsonObject groupToJson(const Group &group)
{
    QJsonArray children;
    for (const Node &child : group.children)
        children.append(nodeToJson(child));
    return {{QStringLiteral("match"), matchName(group.match)},
            {QStringLiteral("enabled"), group.enabled},
            {QStringLiteral("children"), children}};
}

QJsonObject nodeToJson(const Node &node)
{
    if (node.group)
        return groupToJson(*node.group);
    return conditionToJson(*node.condition);
}

Result<Node> nodeFromJson(const QJsonObject &json, int depth);
Result<Condition> conditionFromJson(const QJsonObject &json, int depth);

Result<Group> groupFromJson(const QJsonObject &json, int depth)
{
    if (depth > 64)
        return Error{QCoreApplication::translate("Rule", "The rule is nested too deeply (more than 64 levels)")};
    Group group;
    const QString match = json.value(u"match").toString();
    if (match == u"all")
        group.match = GroupMatch::All;
    else if (match == u"any")
        group.match = GroupMatch::Any;
    else if (match == u"none")
        group.match = GroupMatch::None;
    else
        return Error{QCoreApplication::translate("Rule", "A group's “match” must be all, any or none, not “%1”").arg(match)};
    group.enabled = json.value(u"enabled").toBool(true);
    const QJsonArray children = json.value(u"children").toArray();
    for (const QJsonValue &child : children) {
        auto node = nodeFromJson(child.toObject(), depth + 1);
        if (!node)
            return node.error();
        group.children.push_back(std::move(node).value());
    }
    return group;
}

Result<Node> nodeFromJson(const QJsonObject &json, int depth)
{
    if (json.contains(u"match")) {
        auto group = groupFromJson(json, depth);
        if (!group)
            return group.error();
        return Node(std::move(group).value());
    }
    auto c = conditionFromJson(json, depth);
    if (!c)
        return c.error();
    return Node(std::move(c).value());
}

Result<QVariantList> valuesFromJson(const QJsonArray &values)
{
    QVariantList list;
    for (const QJsonValue &value : values) {
        if (value.isString()) {
            list.append(value.toString());
        } else if (value.isObject() && value.toObject().contains(u"number")) {
            list.append(value.toObject().value(u"number").toDouble());
        } else if (value.isObject() && value.toObject().contains(u"date")) {
            const QDate date = QDate::fromString(value.toObject().value(u"date").toString(), Qt::ISODate);
            if (!date.isValid())
                return Error{QCoreApplication::translate("Rule", "“%1” is not a date (YYYY-MM-DD)")
                                 .arg(value.toObject().value(u"date").toString())};
            list.append(date);
        } else {
            return Error{QCoreApplication::translate("Rule", "A condition value must be a string, {\"number\": N} or {\"date\": \"YYYY-MM-DD\"}")};
        }
    }
    return list;
}

// The purchase part of an "ordered" / "spent" condition: compare, values (the count or amounts), period, where.
Result<void> purchaseFromJson(const QJsonObject &json, Condition &c, int depth)
{
    Purchase purchase;
    const auto compare = opFromName(json.value(u"compare").toString(QStringLiteral("ge")));
    if (!compare)
        return Error{QCoreApplication::translate("Rule", "Unknown comparison “%1”").arg(json.value(u"compare").toString())};
    purchase.compare = *compare;
    auto amounts = valuesFromJson(json.value(u"values").toArray());
    if (!amounts)
        return amounts.error();
    purchase.amounts = std::move(amounts).value();
    if (json.contains(u"period")) {
        auto period = conditionFromJson(json.value(u"period").toObject(), depth + 1);
        if (!period)
            return period.error();
        purchase.period = std::move(period).value();
    }
    if (json.contains(u"where")) {
        auto where = groupFromJson(json.value(u"where").toObject(), depth + 1);
        if (!where)
            return where.error();
        purchase.where = std::move(where).value();
    }
    c.purchase = std::make_shared<const Purchase>(std::move(purchase));
    return {};
}

Result<Condition> conditionFromJson(const QJsonObject &json, int depth)
{
    if (depth > 64)
        return Error{QCoreApplication::translate("Rule", "The rule is nested too deeply (more than 64 levels)")};
    Condition c;
    c.field = json.value(u"field").toString();
    const auto op = opFromName(json.value(u"op").toString());
    if (!op)
        return Error{QCoreApplication::translate("Rule", "Unknown operator “%1”").arg(json.value(u"op").toString())};
    c.op = *op;
    c.enabled = json.value(u"enabled").toBool(true);
    if (c.isPurchase()) {
        if (auto ok = purchaseFromJson(json, c, depth); !ok)
            return ok.error();
        return c;
    }
    auto values = valuesFromJson(json.value(u"values").toArray());
    if (!values)
        return values.error();
    c.values = std::move(values).value();
    return c;
}

} // namespace

Op positiveTwin(Op op)
{
    switch (op) {
    case Op::IsNot:
        return Op::Is;
    case Op::NotIn:
        return Op::In;
    case Op::NotContains:
        return Op::Contains;
    case Op::IsNotEmpty:
        return Op::IsEmpty;
    case Op::Ne:
        return Op::Eq;
    case Op::NotInLast:
        return Op::InLast;
    case Op::NotInSegment:
        return Op::InSegment;
    default:
        return op;
    }
}

bool isNegative(Op op)
{
    return positiveTwin(op) != op;
}

QString opName(Op op)
{
    for (const auto &[value, name] : kOpNames) {
        if (value == op)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<Op> opFromName(const QString &name)
{
    for (const auto &[value, opName] : kOpNames) {
        if (name == QLatin1StringView(opName))
            return value;
    }
    return std::nullopt;
}

bool Condition::operator==(const Condition &other) const
{
    if (field != other.field || op != other.op || enabled != other.enabled || !sameValues(values, other.values))
        return false;
    if (!purchase || !other.purchase)
        return !purchase == !other.purchase;
    return *purchase == *other.purchase;
}

bool Purchase::operator==(const Purchase &other) const
{
    return compare == other.compare && sameValues(amounts, other.amounts) && period == other.period && where == other.where;
}

bool Group::operator==(const Group &other) const
{
    return match == other.match && enabled == other.enabled && children == other.children;
}

Node::Node(const Node &other)
    : condition(other.condition ? std::make_unique<Condition>(*other.condition) : nullptr),
      group(other.group ? std::make_unique<Group>(*other.group) : nullptr)
{
}

Node &Node::operator=(const Node &other)
{
    if (this != &other) {
        condition = other.condition ? std::make_unique<Condition>(*other.condition) : nullptr;
        group = other.group ? std::make_unique<Group>(*other.group) : nullptr;
    }
    return *this;
}

bool Node::operator==(const Node &other) const
{
    if (isGroup() != other.isGroup())
        return false;
    return group ? *group == *other.group : *condition == *other.condition;
}

QJsonObject toJson(const Rule &rule)
{
    return {{QStringLiteral("version"), 1}, {QStringLiteral("root"), groupToJson(rule.root)}};
}

Result<Rule> ruleFromJson(const QJsonObject &json)
{
    if (json.value(u"version").toInt(1) != 1)
        return Error{QCoreApplication::translate("Rule", "This segment was saved by a newer version of Segmenta (rule format %1)")
                         .arg(json.value(u"version").toInt())};
    auto root = groupFromJson(json.value(u"root").toObject(), 0);
    if (!root)
        return root.error();
    return Rule{std::move(root).value()};
}

} // namespace segmenta::rules
