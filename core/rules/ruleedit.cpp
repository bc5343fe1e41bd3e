#include "rules/ruleedit.h"

#include <algorithm>
#include <memory>

namespace segmenta::rules {

namespace {

bool validIndex(const Group &group, int index)
{
    return index >= 0 && size_t(index) < group.children.size();
}

void collectPaths(const Group &group, NodePath &path, std::vector<NodePath> &out)
{
    for (size_t i = 0; i < group.children.size(); ++i) {
        path.push_back(int(i));
        if (group.children[i].group)
            collectPaths(*group.children[i].group, path, out);
        else
            out.push_back(path);
        path.pop_back();
    }
}

// The group a node's children are addressed in: a group's own, or a purchase condition's where-group.
const Group *childrenOf(const Node &node)
{
    if (node.group)
        return node.group.get();
    if (node.condition && node.condition->purchase)
        return &node.condition->purchase->where;
    return nullptr;
}

// The same for an edit: the purchase is shared with the rule this one was copied from, so it is copied first.
Group *childrenOf(Node &node)
{
    if (node.group)
        return node.group.get();
    if (!node.condition || !node.condition->purchase)
        return nullptr;
    auto own = std::make_shared<Purchase>(*node.condition->purchase);
    node.condition->purchase = own;
    return &own->where;
}

// The node at `path`, or null. One walk for both kinds of rule: for a rule that may be edited, childrenOf()
// copies a shared purchase before handing out its where-group.
template<typename RuleType>
auto walkTo(RuleType &rule, const NodePath &path) -> decltype(&rule.root.children[0])
{
    auto *group = &rule.root;
    decltype(&rule.root.children[0]) node = nullptr;
    for (int index : path) {
        if (node)
            group = childrenOf(*node);
        if (!group || !validIndex(*group, index))
            return nullptr;
        node = &group->children[size_t(index)];
    }
    return node;
}

} // namespace

const Node *nodeAt(const Rule &rule, const NodePath &path)
{
    return walkTo(rule, path);
}

Node *nodeAt(Rule &rule, const NodePath &path)
{
    return walkTo(rule, path);
}

const Group *groupAt(const Rule &rule, const NodePath &path)
{
    if (path.empty())
        return &rule.root;
    const Node *node = nodeAt(rule, path);
    return node ? childrenOf(*node) : nullptr;
}

Group *groupAt(Rule &rule, const NodePath &path)
{
    if (path.empty())
        return &rule.root;
    Node *node = nodeAt(rule, path);
    return node ? childrenOf(*node) : nullptr;
}

bool insertNode(Rule &rule, const NodePath &groupPath, int index, Node node)
{
    Group *group = groupAt(rule, groupPath);
    if (!group || (!node.condition && !node.group))
        return false;
    const auto at = index < 0 || size_t(index) > group->children.size() ? group->children.end()
                                                                         : group->children.begin() + index;
    group->children.insert(at, std::move(node));
    return true;
}

std::optional<Node> removeNode(Rule &rule, const NodePath &path)
{
    if (path.empty())
        return std::nullopt;
    Group *parent = groupAt(rule, NodePath(path.begin(), path.end() - 1));
    if (!parent || !validIndex(*parent, path.back()))
        return std::nullopt;
    Node node = std::move(parent->children[size_t(path.back())]);
    parent->children.erase(parent->children.begin() + path.back());
    return node;
}

bool duplicateNode(Rule &rule, const NodePath &path)
{
    const Node *node = nodeAt(rule, path);
    if (!node)
        return false;
    Node copy = *node;
    return insertNode(rule, NodePath(path.begin(), path.end() - 1), path.back() + 1, std::move(copy));
}

bool moveNode(Rule &rule, const NodePath &from, const NodePath &toGroup, int toIndex)
{
    if (!nodeAt(rule, from) || !groupAt(rule, toGroup))
        return false;
    // A group cannot go inside itself.
    if (toGroup.size() >= from.size() && std::equal(from.begin(), from.end(), toGroup.begin()))
        return false;
    const NodePath fromParent(from.begin(), from.end() - 1);
    if (purchaseScope(rule, fromParent) != purchaseScope(rule, toGroup))
        return false;
    // Removing `from` shifts the later siblings on its way to the target group.
    NodePath target = toGroup;
    if (target.size() > fromParent.size() && std::equal(fromParent.begin(), fromParent.end(), target.begin()) &&
        target[fromParent.size()] > from.back())
        --target[fromParent.size()];
    if (target == fromParent && toIndex > from.back())
        --toIndex;
    auto node = removeNode(rule, from);
    return insertNode(rule, target, toIndex, std::move(*node));
}

std::vector<NodePath> conditionPaths(const Rule &rule)
{
    std::vector<NodePath> out;
    NodePath path;
    collectPaths(rule.root, path, out);
    return out;
}

std::optional<NodePath> purchaseScope(const Rule &rule, const NodePath &groupPath)
{
    if (!groupAt(rule, groupPath))
        return std::nullopt;
    for (size_t length = 1; length <= groupPath.size(); ++length) {
        const NodePath prefix(groupPath.begin(), groupPath.begin() + std::ptrdiff_t(length));
        const Node *node = nodeAt(rule, prefix);
        if (node && node->condition && node->condition->isPurchase())
            return prefix;
    }
    return std::nullopt;
}

Condition newPurchaseCondition()
{
    Condition condition;
    condition.op = Op::Ordered;
    condition.purchase = std::make_shared<const Purchase>();
    return condition;
}

QVariantList defaultValues(store::FieldType type, Op op, const QDate &asOf, const QString &sampleText)
{
    const bool numeric = store::isNumeric(type);
    switch (op) {
    case Op::IsEmpty:
    case Op::IsNotEmpty:
    case Op::IsTrue:
    case Op::IsFalse:
        return {};
    case Op::In:
    case Op::NotIn:
        return {numeric ? QVariant(0.0) : QVariant(sampleText)};
    case Op::Between:
        if (numeric)
            return {0.0, 100.0};
        return {asOf.addDays(-30), asOf};
    case Op::On:
    case Op::Before:
    case Op::After:
        return {asOf};
    case Op::InLast:
    case Op::NotInLast:
        return {30.0, QStringLiteral("days")};
    case Op::MoreThanDaysAgo:
    case Op::InNextDays:
    case Op::AnniversaryWithin:
        return {30.0};
    case Op::TopPercent:
    case Op::BottomPercent:
        return {10.0};
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
        return {0.0};
    case Op::InSegment:
    case Op::NotInSegment:
    default:
        return {sampleText};
    }
}

FieldGroup fieldGroupOf(const store::FieldInfo &field)
{
    switch (field.type) {
    case store::FieldType::Lifecycle:
    case store::FieldType::ValueTier:
        return FieldGroup::LifecycleValue;
    case store::FieldType::RfmSegment:
        return FieldGroup::Rfm;
    default:
        break;
    }
    if (field.entity == u"line")
        return FieldGroup::OrderLine;
    if (field.entity == u"order")
        return FieldGroup::Order;
    if (field.name == u"r_score" || field.name == u"f_score" || field.name == u"m_score")
        return FieldGroup::Rfm;
    if (field.table == u"customer_metrics")
        return FieldGroup::Purchases;
    return FieldGroup::Customer;
}

std::vector<ValueCount> distinctValues(const ColumnCache &cache, const QString &field, size_t limit)
{
    const ColumnCache::Column *column = cache.column(field);
    if (!column || !column->dictionary)
        return {};
    std::vector<qint64> counts(column->wordCount(), 0);
    column->visitCodes([&](const auto *codes) {
        for (size_t row = 0; row < cache.rows(); ++row)
            ++counts[codes[row]];
    });
    std::vector<ValueCount> values;
    for (size_t code = 1; code < counts.size(); ++code) {
        if (counts[code] > 0)
            values.push_back({column->wordText(code), counts[code]});
    }
    std::sort(values.begin(), values.end(), [](const ValueCount &a, const ValueCount &b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > limit)
        values.resize(limit);
    return values;
}

namespace {

// The orders a purchase condition counts: valid, dated on or before the analysis date, an amount above zero
// unless a zero amount counts (as ColumnarEvaluator reads them).
Bitset countedOrders(const ColumnCache::Purchases &p, const RuleContext &context)
{
    Bitset orders(p.orders());
    const ColumnCache::Column *date = p.orderColumn(QStringLiteral("order_date"));
    if (!date)
        return orders;
    const double asOf = double(context.asOf.toJulianDay());
    for (size_t row = 0; row < p.orders(); ++row) {
        if (p.validOrder.test(row) && (context.zeroAmountIsPurchase || p.positiveAmount.test(row)) &&
            date->valid.test(row) && date->number(row) <= asOf)
            orders.set(row);
    }
    return orders;
}

// How many distinct customers each code has among (code << 32 | customer row) pairs, most first.
std::vector<ValueCount> countPairs(std::vector<std::uint64_t> &pairs, const ColumnCache::Column &column, size_t limit)
{
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    std::vector<ValueCount> values;
    for (size_t i = 0; i < pairs.size();) {
        const std::uint64_t code = pairs[i] >> 32;
        size_t end = i;
        while (end < pairs.size() && pairs[end] >> 32 == code)
            ++end;
        values.push_back({column.wordText(size_t(code)), qint64(end - i)});
        i = end;
    }
    std::sort(values.begin(), values.end(), [](const ValueCount &a, const ValueCount &b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > limit)
        values.resize(limit);
    return values;
}

} // namespace

std::vector<ValueCount> purchaseValues(const ColumnCache &cache, const RuleContext &context, const QString &field, size_t limit)
{
    try {
        const ColumnCache::Purchases &p = cache.purchases();
        const ColumnCache::Column *line = p.lineColumn(field);
        const ColumnCache::Column *column = line ? line : p.orderColumn(field);
        if (!column || !column->dictionary)
            return {};
        const Bitset orders = countedOrders(p, context);
        std::vector<std::uint64_t> pairs; // (code, customer row) of every counted purchase holding a value
        const auto add = [&](size_t order, std::uint32_t code) {
            if (code != 0 && orders.test(order) && p.orderCustomer[order] != ColumnCache::Purchases::kNoCustomer)
                pairs.push_back(std::uint64_t(code) << 32 | p.orderCustomer[order]);
        };
        if (line) {
            for (size_t row = 0; row < p.lines(); ++row)
                add(p.lineOrder[row], line->code(row));
        } else {
            for (size_t row = 0; row < p.orders(); ++row)
                add(row, column->code(row));
        }
        return countPairs(pairs, *column, limit);
    } catch (const ColumnCache::PurchasesUnavailable &) {
        return {};
    }
}

} // namespace segmenta::rules
