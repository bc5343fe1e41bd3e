#pragma once

#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"
#include "store/field.h"

#include <QString>

#include <optional>
#include <vector>

namespace segmenta::rules {

// Edits of a rule's tree addressed by path, as the visual rule builder makes them, and what the builder
// offers for a field (its group in the field picker, its distinct values with their counts).
//
// A path lists child indexes from the root group: {} is the root, {1} its second child, {1, 0} the first child
// of that (a group). Every function checks its paths and returns false / nullptr / nullopt on a path that
// does not lead where it must, leaving the rule unchanged. Plain functions; any thread.
// A path goes on through a purchase condition into its `where`: with a purchase condition at {2}, groupAt({2})
// is its where-group and {2, 0} the first condition of it. An edit there copies the purchase (it is shared
// and immutable, Condition::purchase), so the rule it was copied from keeps its own.
using NodePath = std::vector<int>;

// The node at `path` (nullptr for the root path or a path that leads nowhere).
const Node *nodeAt(const Rule &rule, const NodePath &path);
Node *nodeAt(Rule &rule, const NodePath &path);
// The group at `path`: the root for {}, nullptr when the path leads to a condition or nowhere.
Group *groupAt(Rule &rule, const NodePath &path);
const Group *groupAt(const Rule &rule, const NodePath &path);

// Inserts `node` into the group at `groupPath` before child `index` (-1 or past the end: appends).
bool insertNode(Rule &rule, const NodePath &groupPath, int index, Node node);
// Removes the node at `path` and gives it back.
std::optional<Node> removeNode(Rule &rule, const NodePath &path);
// Inserts a copy of the node at `path` right after it.
bool duplicateNode(Rule &rule, const NodePath &path);
// Moves the node at `from` into the group at `toGroup`, before the child that is at `toIndex` before the move
// (-1: at the end). Refuses to move a group into itself or its own descendants, and to move a node into or out
// of a purchase's where-group (customer conditions and order conditions do not mix).
bool moveNode(Rule &rule, const NodePath &from, const NodePath &toGroup, int toIndex);
// The paths of every condition, enabled or not, in reading order. A purchase condition is one condition:
// the conditions of its where-group are not listed (the evaluators' figures are per purchase condition).
std::vector<NodePath> conditionPaths(const Rule &rule);
// The path of the purchase condition whose where-group the group at `groupPath` is or lies in; nullopt for a
// group of customer conditions (and for a path that leads nowhere).
std::optional<NodePath> purchaseScope(const Rule &rule, const NodePath &groupPath);

// A purchase condition as the builder adds it: ordered at least once, at any time, any product.
Condition newPurchaseCondition();

// Values that make a condition on a field of `type` with operator `op` valid (RuleContext::validate accepts
// them), for a condition the user has just added or switched: 0 for numbers, `asOf` for dates, 30 days for
// periods, `sampleText` (say the field's most frequent value) for text.
QVariantList defaultValues(store::FieldType type, Op op, const QDate &asOf, const QString &sampleText = QString());

// The sections of the builder's field picker.
// Order and OrderLine hold the fields of a purchase condition's where (purchaseFields(): entity "order", "line").
enum class FieldGroup { Customer, Purchases, LifecycleValue, Rfm, OrderLine, Order };
FieldGroup fieldGroupOf(const store::FieldInfo &field);

struct ValueCount
{
    QString value;
    qint64 count = 0;
};

// The distinct non-empty values of a text-like field with how many customers hold each, most frequent first
// (ties by value); at most `limit` of them. Empty for an unknown field or one held as numbers.
std::vector<ValueCount> distinctValues(const ColumnCache &cache, const QString &field, size_t limit = 1000);

// The distinct non-empty values of a text-like order or line field (product, category, channel, an imported
// order column) among the purchases a purchase condition counts (RuleContext: valid, dated on or before the
// analysis date, an amount above zero unless a zero amount counts), each with how many customers made such a
// purchase: what `ordered where FIELD is "VALUE"` keeps. Most frequent first (ties by value); at most `limit`.
// Empty for an unknown field, one held as numbers, or when the orders cannot be read. Reads the cache's
// purchases (loading them on first use).
std::vector<ValueCount> purchaseValues(const ColumnCache &cache, const RuleContext &context, const QString &field,
                                       size_t limit = 1000);

} // namespace segmenta::rules
