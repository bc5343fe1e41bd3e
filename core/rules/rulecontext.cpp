#include "rules/rulecontext.h"

#include "metrics/analysissettings.h"
#include "rules/columncache.h"
#include "rules/ruleedit.h"
#include "rules/ruletext.h"
#include "store/database.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <functional>
#include <cmath>
#include <limits>

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

const store::FieldInfo *RuleContext::orderField(const QString &name) const
{
    const auto it = std::find_if(orderFields.begin(), orderFields.end(), [&](const store::FieldInfo &f) { return f.name == name; });
    return it == orderFields.end() ? nullptr : &*it;
}

namespace {

using FixedValues = std::map<FieldType, std::vector<RuleContext::FixedValue>>;

// The value `text` stands for among `values` (itself, or one of its aliases, in any case), or a null string.
QString storedValue(const std::vector<RuleContext::FixedValue> &values, const QString &text)
{
    const QString wanted = text.trimmed();
    for (const RuleContext::FixedValue &v : values) {
        if (v.value == wanted)
            return v.value;
    }
    for (const RuleContext::FixedValue &v : values) {
        if (v.value.compare(wanted, Qt::CaseInsensitive) == 0)
            return v.value;
        for (const QString &alias : v.aliases) {
            if (alias.compare(wanted, Qt::CaseInsensitive) == 0)
                return v.value;
        }
    }
    return {};
}

void storeValues(Group &group, const RuleContext &context, const FixedValues &fixed)
{
    for (Node &node : group.children) {
        if (node.group) {
            storeValues(*node.group, context, fixed);
            continue;
        }
        Condition &c = *node.condition;
        const store::FieldInfo *f = context.field(c.field);
        const auto values = f ? fixed.find(f->type) : fixed.end();
        if (values == fixed.end())
            continue;
        for (QVariant &v : c.values) {
            if (v.typeId() != QMetaType::QString)
                continue;
            if (const QString stored = storedValue(values->second, v.toString()); !stored.isNull())
                v = stored;
        }
    }
}

// Edit distance, for "did you mean".
int distance(const QString &a, const QString &b)
{
    std::vector<int> row(size_t(b.size()) + 1);
    for (size_t j = 0; j < row.size(); ++j)
        row[j] = int(j);
    int last = int(b.size()); // the distance from the part of `a` read so far to all of `b`
    for (qsizetype i = 1; i <= a.size(); ++i) {
        int diagonal = row[0];
        row[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int up = row[size_t(j)];
            row[size_t(j)] = std::min({up + 1, row[size_t(j - 1)] + 1, diagonal + (a[i - 1].toLower() == b[j - 1].toLower() ? 0 : 1)});
            diagonal = up;
        }
        last = row[size_t(b.size())];
    }
    return last;
}

} // namespace

std::map<FieldType, std::vector<RuleContext::FixedValue>> RuleContext::fixedValuesFor(const QStringList &rfmNames)
{
    // Display names in both languages whichever the interface shows (the Chinese ones as in
    // translations/segmenta_zh_CN.ts).
    static const struct
    {
        FieldType type;
        const char *value;
        const char *english;
        const char *chinese;
    } known[] = {
        {FieldType::Lifecycle, metrics::stage::kProspect, "Prospect", "潜在客户"},
        {FieldType::Lifecycle, metrics::stage::kNew, "New", "新客户"},
        {FieldType::Lifecycle, metrics::stage::kGrowing, "Growing", "成长客户"},
        {FieldType::Lifecycle, metrics::stage::kMature, "Mature", "成熟客户"},
        {FieldType::Lifecycle, metrics::stage::kAtRisk, "At risk", "流失预警"},
        {FieldType::Lifecycle, metrics::stage::kDormant, "Dormant", "沉睡客户"},
        {FieldType::Lifecycle, metrics::stage::kRecencyUnknown, "Recency unknown", "最近购买未知"},
        {FieldType::ValueTier, metrics::tier::kHigh, "High value", "高价值客户"},
        {FieldType::ValueTier, metrics::tier::kMid, "Mid value", "中价值客户"},
        {FieldType::ValueTier, metrics::tier::kLow, "Low value", "低价值客户"},
        {FieldType::ValueTier, metrics::tier::kNone, "No purchase", "未购买"},
        {FieldType::ValueTier, metrics::tier::kCancelled, "Only cancelled orders", "仅有取消/退款订单"},
        {FieldType::RfmSegment, "Champions", "Champions", "重要价值客户"},
        {FieldType::RfmSegment, "Loyal", "Loyal", "忠诚客户"},
        {FieldType::RfmSegment, "Potential Loyalists", "Potential Loyalists", "潜力客户"},
        {FieldType::RfmSegment, "First-time Buyers", "First-time Buyers", "首购客户"},
        {FieldType::RfmSegment, "Promising", "Promising", "有潜力的新客"},
        {FieldType::RfmSegment, "Need Attention", "Need Attention", "需要关注"},
        {FieldType::RfmSegment, "About to Sleep", "About to Sleep", "即将沉睡"},
        {FieldType::RfmSegment, "Slipping Away", "Slipping Away", "逐渐流失"},
        {FieldType::RfmSegment, "Can't Lose", "Can't Lose", "不可流失"},
        {FieldType::RfmSegment, "Hibernating", "Hibernating", "休眠客户"},
    };
    std::map<FieldType, std::vector<FixedValue>> fixed;
    for (const auto &k : known) {
        if (k.type == FieldType::RfmSegment)
            continue;
        fixed[k.type].push_back({QString::fromLatin1(k.value), {QString::fromUtf8(k.english), QString::fromUtf8(k.chinese)}});
    }
    std::vector<FixedValue> &rfm = fixed[FieldType::RfmSegment];
    for (const QString &name : rfmNames) {
        if (name.isEmpty() || std::any_of(rfm.begin(), rfm.end(), [&](const FixedValue &v) { return v.value == name; }))
            continue;
        FixedValue value{name, {metrics::rfmDisplayName(name)}};
        for (const auto &k : known) {
            if (k.type == FieldType::RfmSegment && name == QLatin1StringView(k.value))
                value.aliases << QString::fromUtf8(k.chinese);
        }
        rfm.push_back(value);
    }
    return fixed;
}

Rule RuleContext::withStoredValues(const Rule &rule) const
{
    Rule stored = rule;
    if (!fixedValues.empty())
        storeValues(stored.root, *this, fixedValues);
    return stored;
}

RuleContext RuleContext::forDatabase(store::Database &db, const QDate &asOf)
{
    RuleContext context;
    context.fields = store::loadFields(db, QStringLiteral("customer"));
    context.orderFields = purchaseFields(db);
    context.asOf = asOf;
    store::Statement purchase(db, "SELECT value FROM settings WHERE key = 'purchase_json'");
    context.zeroAmountIsPurchase =
        metrics::PurchaseDefinition::fromJson(purchase.step() ? QJsonDocument::fromJson(purchase.text(0).toUtf8()).object() : QJsonObject())
            .zeroAmountIsPurchase;
    // Stops at the first dated order; reads every order only when none has a date.
    context.ordersHaveDates = db.scalar("SELECT EXISTS (SELECT 1 FROM orders WHERE length(order_date) >= 10)").toLongLong() != 0 ||
                              db.scalar("SELECT NOT EXISTS (SELECT 1 FROM orders)").toLongLong() != 0;
    store::Statement map(db, "SELECT value FROM settings WHERE key = 'rfm_map_json'");
    const metrics::RfmMap rfm =
        metrics::RfmMap::fromJson(map.step() ? QJsonDocument::fromJson(map.text(0).toUtf8()).object() : QJsonObject());
    QStringList rfmNames;
    for (const auto &row : rfm.names) {
        for (const QString &name : row)
            rfmNames << name;
    }
    context.fixedValues = fixedValuesFor(rfmNames);
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

// Walks a rule in reading order (the order of ConditionPositions), checking each enabled condition.
class RuleValidator
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::RuleContext)

public:
    RuleValidator(const RuleContext &context, const ConditionPositions *positions)
        : m_context(context), m_positions(positions)
    {
    }

    Result<void> group(const Group &group, bool orderFields)
    {
        for (const Node &node : group.children) {
            if (node.group) {
                if (!node.group->enabled) {
                    m_index += conditionCount(*node.group);
                    continue;
                }
                if (auto ok = this->group(*node.group, orderFields); !ok)
                    return ok;
                continue;
            }
            const Condition &c = *node.condition;
            const int index = m_index++;
            if (!c.enabled) {
                m_index += c.purchase ? conditionCount(c.purchase->where) : 0;
                continue;
            }
            if (auto ok = condition(c, orderFields, index); !ok)
                return ok;
        }
        return {};
    }

    // The conditions of a group, enabled or not, as the text has them (a purchase and its where's).
    static int conditionCount(const Group &group)
    {
        int count = 0;
        for (const Node &node : group.children) {
            if (node.group)
                count += conditionCount(*node.group);
            else
                count += 1 + (node.condition->purchase ? conditionCount(node.condition->purchase->where) : 0);
        }
        return count;
    }

private:
    Error failAt(int index, const Condition &c, const QString &message) const
    {
        Rule one;
        one.root.children.emplace_back(c);
        const QString text = tr("In “%1”: %2").arg(RuleText::print(one), message);
        return Error{prefix(index) + text};
    }

    QString prefix(int index) const
    {
        if (!m_positions || index < 0 || size_t(index) >= m_positions->size())
            return {};
        const TextPosition &p = (*m_positions)[size_t(index)];
        return tr("line %1, column %2: ").arg(p.line).arg(p.column);
    }

    Result<void> condition(const Condition &c, bool orderFields, int index)
    {
        if (c.op == Op::InSegment || c.op == Op::NotInSegment) {
            if (orderFields)
                return failAt(index, c, tr("a purchase's “where” names order and line fields, not segments"));
            return segment(c, index);
        }
        if (c.isPurchase()) {
            if (orderFields)
                return failAt(index, c, tr("a purchase condition cannot be inside another one's “where”"));
            return purchase(c, index);
        }
        const store::FieldInfo *f = orderFields ? m_context.orderField(c.field) : m_context.field(c.field);
        if (!f && orderFields)
            return failAt(index, c, tr("there is no order or line field named “%1”; the closest are %2").arg(c.field, closestOrderFields(c.field)));
        if (!f)
            return failAt(index, c, tr("there is no field named “%1”").arg(c.field));
        if (orderFields && (c.op == Op::TopPercent || c.op == Op::BottomPercent || c.op == Op::AnniversaryWithin))
            return failAt(index, c, tr("this operator does not apply inside a purchase's “where”"));
        if (auto ok = RuleValidator::values(c, *f, m_context); !ok)
            return failAt(index, c, ok.errorMessage());
        return {};
    }

    Result<void> segment(const Condition &c, int index)
    {
        if (c.values.size() != 1)
            return failAt(index, c, tr("name one segment"));
        const QString name = c.values.front().toString();
        if (std::find(m_segmentStack.begin(), m_segmentStack.end(), name) != m_segmentStack.end())
            return failAt(index, c, tr("the segment “%1” refers to itself through “in segment”").arg(name));
        const auto inner = m_context.segmentRule ? m_context.segmentRule(name) : std::nullopt;
        if (!inner)
            return failAt(index, c, tr("there is no saved segment named “%1”").arg(name));
        // The saved rule's own conditions are not in the text: its problems point at "in segment".
        RuleValidator nested(m_context, nullptr);
        nested.m_segmentStack = m_segmentStack;
        nested.m_segmentStack.push_back(name);
        if (auto ok = nested.group(inner->root, false); !ok)
            return Error{prefix(index) + ok.errorMessage()};
        return {};
    }

    Result<void> purchase(const Condition &c, int index)
    {
        if (!c.purchase)
            return failAt(index, c, tr("the purchase condition is incomplete"));
        const Purchase &p = *c.purchase;
        const auto isNumber = [](const QVariant &v) { return v.typeId() == QMetaType::Double && std::isfinite(v.toDouble()); };
        if (c.op == Op::Ordered) {
            const bool count = p.amounts.size() == 1 && isNumber(p.amounts.front()) && p.amounts.front().toDouble() >= 0 &&
                               p.amounts.front().toDouble() == std::floor(p.amounts.front().toDouble()) &&
                               p.amounts.front().toDouble() <= 1e9;
            if (!(p.compare == Op::Ge || p.compare == Op::Le || p.compare == Op::Eq) || !count)
                return failAt(index, c, tr("give “at least”, “at most” or “exactly” and a whole number of times, 0 or more"));
        } else {
            const bool compare = p.compare == Op::Ge || p.compare == Op::Gt || p.compare == Op::Le || p.compare == Op::Lt ||
                                 p.compare == Op::Eq || p.compare == Op::Between;
            const qsizetype wanted = p.compare == Op::Between ? 2 : 1;
            if (!compare || p.amounts.size() != wanted || !std::all_of(p.amounts.begin(), p.amounts.end(), isNumber))
                return failAt(index, c, tr("give >=, >, <=, <, = and one amount, or “between” and two amounts"));
        }
        if (p.period) {
            const Condition &period = *p.period;
            const bool dateOp = period.op == Op::InLast || period.op == Op::Before || period.op == Op::After ||
                                period.op == Op::Between || period.op == Op::MoreThanDaysAgo;
            if (period.field != u"order_date" || !dateOp || !period.enabled)
                return failAt(index, c, tr("the period must be in last N days/weeks/months, before, after, between two dates or more than N days ago"));
            if (!m_context.ordersHaveDates)
                return failAt(index, c, tr("no order has a date, so a period finds no purchase"));
            const store::FieldInfo *orderDate = m_context.orderField(QStringLiteral("order_date"));
            if (!orderDate)
                return failAt(index, c, tr("no order has a date, so a period finds no purchase"));
            if (auto ok = RuleValidator::values(period, *orderDate, m_context); !ok)
                return failAt(index, c, ok.errorMessage());
        }
        if (!p.where.enabled)
            return failAt(index, c, tr("a purchase's “where” cannot be disabled; remove it instead"));
        return group(p.where, true);
    }

    QString closestOrderFields(const QString &name) const;
    static Result<void> values(const Condition &c, const store::FieldInfo &f, const RuleContext &context);

    const RuleContext &m_context;
    const ConditionPositions *m_positions;
    int m_index = 0;
    std::vector<QString> m_segmentStack;
};

QString RuleValidator::closestOrderFields(const QString &name) const
{
    std::vector<std::pair<int, QString>> near;
    for (const store::FieldInfo &f : m_context.orderFields)
        near.emplace_back(distance(name, f.name), f.name);
    std::stable_sort(near.begin(), near.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList closest;
    for (size_t i = 0; i < near.size() && i < 3; ++i)
        closest << near[i].second;
    return closest.join(QStringLiteral(", "));
}

// Whether the operator fits the field's type and the values fit the operator.
Result<void> RuleValidator::values(const Condition &c, const store::FieldInfo &field, const RuleContext &context)
{
    const store::FieldInfo *f = &field;
    const auto where = [](const QString &message) { return Error{message}; };
    const auto isNumber = [](const QVariant &v) { return v.typeId() == QMetaType::Double && std::isfinite(v.toDouble()); };
    const auto isCount = [&](const QVariant &v) {
        return isNumber(v) && v.toDouble() >= 0 && v.toDouble() == std::floor(v.toDouble()) && v.toDouble() <= 100000;
    };
    const auto ops = operatorsFor(f->type);
    if (std::find(ops.begin(), ops.end(), c.op) == ops.end())
        return where(tr("this operator does not apply to a %1 field").arg(store::fieldTypeName(f->type)));
    if (const auto fixed = context.fixedValues.find(f->type); fixed != context.fixedValues.end() && !fixed->second.empty()) {
        if (auto ok = RuleContext::checkFixedValues(c, fixed->second); !ok)
            return where(ok.errorMessage());
    }
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
    return {};
}

Result<void> RuleContext::validate(const Rule &rule, const ConditionPositions *positions) const
{
    return RuleValidator(*this, positions).group(rule.root, false);
}

Result<void> RuleContext::checkFixedValues(const Condition &c, const std::vector<FixedValue> &values)
{
    for (const QVariant &v : c.values) {
        if (v.typeId() != QMetaType::QString || !storedValue(values, v.toString()).isNull())
            continue;
        const QString text = v.toString();
        QStringList accepted;
        QString closest;
        int best = std::numeric_limits<int>::max();
        for (const FixedValue &value : values) {
            accepted << value.value;
            QStringList names = value.aliases;
            names << value.value;
            for (const QString &name : std::as_const(names)) {
                if (const int d = distance(text, name); d < best) {
                    best = d;
                    closest = value.value;
                }
            }
        }
        return Error{tr("“%1” is not one of its values; did you mean %2? (%3)").arg(text, closest, accepted.join(QStringLiteral(", ")))};
    }
    return {};
}

namespace {

// The values of a text-like column that no row holds, with the closest it does hold.
struct UnseenValue
{
    QString value;
    QStringList closest;
};

std::vector<UnseenValue> unseenValues(const Condition &c, const std::vector<ValueCount> &held)
{
    std::vector<UnseenValue> unseen;
    for (const QVariant &v : c.values) {
        const QString text = v.toString();
        if (v.typeId() != QMetaType::QString ||
            std::any_of(held.begin(), held.end(), [&text](const ValueCount &x) { return x.value == text; }))
            continue;
        std::vector<std::pair<int, QString>> near;
        for (const ValueCount &x : held)
            near.emplace_back(distance(text, x.value), x.value);
        std::stable_sort(near.begin(), near.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
        UnseenValue u{text, {}};
        for (size_t i = 0; i < near.size() && i < 3; ++i)
            u.closest << QStringLiteral("“%1”").arg(near[i].second);
        unseen.push_back(std::move(u));
    }
    return unseen;
}

bool namesValues(Op op)
{
    return op == Op::Is || op == Op::IsNot || op == Op::In || op == Op::NotIn;
}

// The distinct values of a purchase column (every dictionary word is held by some row).
std::vector<ValueCount> purchaseValues(const ColumnCache::Column &column)
{
    std::vector<ValueCount> values;
    for (size_t i = 1; i < column.wordCount(); ++i)
        values.push_back({column.wordText(i), 1});
    return values;
}

} // namespace

QStringList RuleContext::unseenValueWarnings(const Rule &rule, const ColumnCache &cache, const ConditionPositions *positions) const
{
    QStringList warnings;
    std::map<QString, std::vector<ValueCount>> held; // by field, read once each
    int index = 0;
    const auto prefix = [positions](int at) {
        if (!positions || at < 0 || size_t(at) >= positions->size())
            return QString();
        return tr("line %1, column %2: ").arg((*positions)[size_t(at)].line).arg((*positions)[size_t(at)].column);
    };
    const auto named = [](const Condition &c) {
        Rule one;
        one.root.children.emplace_back(c);
        return RuleText::print(one);
    };
    std::function<void(const Group &, bool, bool)> visit = [&](const Group &group, bool inWhere, bool enabled) {
        for (const Node &node : group.children) {
            if (node.group) {
                visit(*node.group, inWhere, enabled && node.group->enabled);
                continue;
            }
            const Condition &c = *node.condition;
            const int at = index++;
            const bool on = enabled && c.enabled;
            if (c.purchase) {
                visit(c.purchase->where, true, on);
                continue;
            }
            if (!on || !namesValues(c.op))
                continue;
            const store::FieldInfo *info = inWhere ? orderField(c.field) : field(c.field);
            if (!info || !(info->type == FieldType::Category || (inWhere && info->name == u"product")))
                continue;
            const QString key = (inWhere ? QStringLiteral("order:") : QStringLiteral("customer:")) + c.field;
            auto it = held.find(key);
            if (it == held.end()) {
                const ColumnCache::Column *column = nullptr;
                if (inWhere) {
                    try {
                        const ColumnCache::Purchases &p = cache.purchases();
                        column = info->table == u"order_lines" ? p.lineColumn(c.field) : p.orderColumn(c.field);
                    } catch (const ColumnCache::PurchasesUnavailable &) {
                        continue; // the evaluation says why; no warning can be given without the orders
                    }
                }
                it = held.emplace(key, inWhere ? (column ? purchaseValues(*column) : std::vector<ValueCount>())
                                               : distinctValues(cache, c.field, std::numeric_limits<size_t>::max()))
                         .first;
            }
            for (const UnseenValue &u : unseenValues(c, it->second)) {
                if (inWhere)
                    warnings << prefix(at) + (u.closest.isEmpty()
                                                  ? tr("In “%1”: no order holds “%2” (the field %3 holds no values)").arg(named(c), u.value, c.field)
                                                  : tr("In “%1”: no order holds “%2”; the closest values are %3")
                                                        .arg(named(c), u.value, u.closest.join(QStringLiteral(", "))));
                else
                    warnings << prefix(at) + (u.closest.isEmpty()
                                                  ? tr("In “%1”: no customer has “%2” (the field %3 holds no values)").arg(named(c), u.value, c.field)
                                                  : tr("In “%1”: no customer has “%2”; the closest values are %3")
                                                        .arg(named(c), u.value, u.closest.join(QStringLiteral(", "))));
            }
        }
    };
    visit(rule.root, false, true);
    return warnings;
}

} // namespace segmenta::rules
