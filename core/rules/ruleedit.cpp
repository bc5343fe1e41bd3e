#include "rules/ruleedit.h"

#include <algorithm>

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

} // namespace

const Node *nodeAt(const Rule &rule, const NodePath &path)
{
    const Group *group = &rule.root;
    const Node *node = nullptr;
    for (int index : path) {
        if (!group || !validIndex(*group, index))
            return nullptr;
        node = &group->children[size_t(index)];
        group = node->group.get();
    }
    return node;
}

Node *nodeAt(Rule &rule, const NodePath &path)
{
    return const_cast<Node *>(nodeAt(std::as_const(rule), path));
}

const Group *groupAt(const Rule &rule, const NodePath &path)
{
    if (path.empty())
        return &rule.root;
    const Node *node = nodeAt(rule, path);
    return node ? node->group.get() : nullptr;
}

Group *groupAt(Rule &rule, const NodePath &path)
{
    return const_cast<Group *>(groupAt(std::as_const(rule), path));
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
    // Removing `from` shifts the later siblings on its way to the target group.
    NodePath target = toGroup;
    const NodePath fromParent(from.begin(), from.end() - 1);
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

} // namespace segmenta::rules
