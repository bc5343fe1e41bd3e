#include "rules/rulecontext.h"

#include "rules/ruletext.h"
#include "store/database.h"

#include <QJsonDocument>

#include <algorithm>
#include <cmath>

namespace segmenta::rules {

using store::FieldType;

std::vector<Op> operatorsFor(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
    case FieldType::Decimal:
    case FieldType::Money:
    case FieldType::Percent:
        return {Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Between, Op::In, Op::NotIn,
                Op::TopPercent, Op::BottomPercent, Op::IsEmpty, Op::IsNotEmpty};
    case FieldType::Date:
    case FieldType::DateTime:
        return {Op::On, Op::Before, Op::After, Op::Between, Op::InLast, Op::NotInLast, Op::MoreThanDaysAgo,
                Op::InNextDays, Op::AnniversaryWithin, Op::IsEmpty, Op::IsNotEmpty};
    case FieldType::Boolean:
        return {Op::IsTrue, Op::IsFalse, Op::IsEmpty, Op::IsNotEmpty};
    case FieldType::Lifecycle:
    case FieldType::ValueTier:
    case FieldType::RfmSegment:
        return {Op::In, Op::NotIn, Op::Is, Op::IsNot, Op::IsEmpty, Op::IsNotEmpty};
    case FieldType::Category:
    case FieldType::Text:
    case FieldType::Identifier:
        break;
    }
    return {Op::Is, Op::IsNot, Op::In, Op::NotIn, Op::Contains, Op::NotContains, Op::StartsWith, Op::EndsWith,
            Op::IsEmpty, Op::IsNotEmpty};
}

const store::FieldInfo *RuleContext::field(const QString &name) const
{
    const auto it = std::find_if(fields.begin(), fields.end(), [&](const store::FieldInfo &f) { return f.name == name; });
    return it == fields.end() ? nullptr : &*it;
}

RuleContext RuleContext::forDatabase(store::Database &db, const QDate &asOf)
{
    RuleContext context;
    context.fields = store::loadFields(db, QStringLiteral("customer"));
    context.asOf = asOf;
    store::Database *database = &db;
    context.segmentRule = [database](const QString &name) -> std::optional<Rule> {
        store::Statement query(*database, "SELECT rule_json FROM segments WHERE name = ?1");
        query.bind(1, name);
        if (!query.step())
            return std::nullopt;
        auto rule = ruleFromJson(QJsonDocument::fromJson(query.text(0).toUtf8()).object());
        if (!rule)
            return std::nullopt;
        return std::move(rule).value();
    };
    return context;
}

Result<void> RuleContext::validate(const Rule &rule) const
{
    std::vector<QString> stack;
    return validateGroup(rule.root, stack);
}

Result<void> RuleContext::validateGroup(const Group &group, std::vector<QString> &segmentStack) const
{
    for (const Node &node : group.children) {
        if (!node.enabled())
            continue;
        if (node.group) {
            if (auto ok = validateGroup(*node.group, segmentStack); !ok)
                return ok;
            continue;
        }
        const Condition &c = *node.condition;
        const auto where = [&c](const QString &message) {
            Rule one;
            one.root.children.emplace_back(c);
            return Error{tr("In “%1”: %2").arg(RuleText::print(one), message)};
        };
        const auto isNumber = [](const QVariant &v) { return v.typeId() == QMetaType::Double && std::isfinite(v.toDouble()); };
        const auto isCount = [&](const QVariant &v) {
            return isNumber(v) && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() <= 100000;
        };
        if (c.op == Op::InSegment || c.op == Op::NotInSegment) {
            if (c.values.size() != 1)
                return where(tr("name one segment"));
            const QString name = c.values.front().toString();
            if (std::find(segmentStack.begin(), segmentStack.end(), name) != segmentStack.end())
                return where(tr("the segment “%1” refers to itself through “in segment”").arg(name));
            const auto inner = segmentRule ? segmentRule(name) : std::nullopt;
            if (!inner)
                return where(tr("there is no saved segment named “%1”").arg(name));
            segmentStack.push_back(name);
            auto ok = validateGroup(inner->root, segmentStack);
            segmentStack.pop_back();
            if (!ok)
                return ok;
            continue;
        }
        const store::FieldInfo *f = field(c.field);
        if (!f)
            return where(tr("there is no field named “%1”").arg(c.field));
        const auto ops = operatorsFor(f->type);
        if (std::find(ops.begin(), ops.end(), c.op) == ops.end())
            return where(tr("this operator does not apply to a %1 field").arg(store::fieldTypeName(f->type)));
        const bool numeric = store::isNumeric(f->type);
        switch (c.op) {
        case Op::IsEmpty:
        case Op::IsNotEmpty:
        case Op::IsTrue:
        case Op::IsFalse:
            if (!c.values.isEmpty())
                return where(tr("this operator takes no value"));
            break;
        case Op::In:
        case Op::NotIn:
            if (c.values.isEmpty())
                return where(tr("list at least one value"));
            for (const QVariant &v : c.values) {
                if (numeric ? !isNumber(v) : v.typeId() != QMetaType::QString)
                    return where(numeric ? tr("every value must be a number") : tr("every value must be text in quotes"));
            }
            break;
        case Op::Between:
            if (c.values.size() != 2)
                return where(tr("give two values"));
            for (const QVariant &v : c.values) {
                if (numeric ? !isNumber(v) : v.typeId() != QMetaType::QDate)
                    return where(numeric ? tr("both values must be numbers") : tr("both values must be dates"));
            }
            break;
        case Op::On:
        case Op::Before:
        case Op::After:
            if (c.values.size() != 1 || c.values.front().typeId() != QMetaType::QDate)
                return where(tr("give one date (YYYY-MM-DD)"));
            break;
        case Op::InLast:
        case Op::NotInLast:
            if (c.values.size() != 2 || !isCount(c.values[0]) ||
                !QStringList{QStringLiteral("days"), QStringLiteral("weeks"), QStringLiteral("months")}.contains(c.values[1].toString()))
                return where(tr("give a whole number and days, weeks or months"));
            break;
        case Op::MoreThanDaysAgo:
        case Op::InNextDays:
        case Op::AnniversaryWithin:
            if (c.values.size() != 1 || !isCount(c.values.front()))
                return where(tr("give a whole number of days"));
            break;
        case Op::TopPercent:
        case Op::BottomPercent:
            if (c.values.size() != 1 || !isNumber(c.values.front()) || c.values.front().toDouble() < 0 ||
                c.values.front().toDouble() > 100)
                return where(tr("give a percentage between 0 and 100"));
            break;
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
            if (c.values.size() != 1 || !isNumber(c.values.front()))
                return where(tr("give one number"));
            break;
        default: // text operators
            if (c.values.size() != 1 || c.values.front().typeId() != QMetaType::QString)
                return where(tr("give one text value in quotes"));
            break;
        }
    }
    return {};
}

} // namespace segmenta::rules
