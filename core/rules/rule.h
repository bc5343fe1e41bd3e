#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <memory>
#include <optional>
#include <vector>

namespace segmenta::rules {

// The operators of a condition. Which ones fit which field type is told by operatorsFor() (ruletypes.h).
//
// Empty values (stated once, held by both evaluators): a value is empty when it is NULL, or for text the
// empty string. A positive operator never matches an empty value; each negative operator is the exact
// complement of its positive twin (so it matches empty values), and a "none" group is the complement of
// "any". Every condition is therefore true or false for every customer, and for every rule R,
// count(R) + count(not R) = all customers.
enum class Op {
    // text, category, identifier; also lifecycle / tier / RFM segment (In, NotIn)
    Is,
    IsNot,
    In,
    NotIn,
    Contains,
    NotContains,
    StartsWith,
    EndsWith,
    // any type
    IsEmpty,
    IsNotEmpty,
    // numbers and money
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Between, // inclusive; also for dates
    TopPercent,
    BottomPercent,
    // dates (relative ones to the analysis date)
    On,
    Before,
    After,
    InLast,    // values: N, unit ("days", "weeks", "months"): 0 to N units before the analysis date
    NotInLast, // complement of InLast
    MoreThanDaysAgo,
    InNextDays,
    AnniversaryWithin, // the date's next anniversary (on or after the analysis date) within N days
    // booleans
    IsTrue,
    IsFalse,
    // segment membership (no field)
    InSegment,
    NotInSegment,
    // purchase conditions (no field; see Purchase)
    Ordered, // how many purchases have a line matching `where`
    Spent,   // the summed amount of the matching lines of those purchases
};

// The positive twin of a negative operator (IsNot -> Is ...), or the operator itself.
Op positiveTwin(Op op);
bool isNegative(Op op);
QString opName(Op op); // stable ASCII name used in JSON ("is_not", "in_last" ...)
std::optional<Op> opFromName(const QString &name);

struct Purchase;

struct Condition
{
    QString field;          // a field name (fields.name); empty for segment membership and purchases
    Op op = Op::Is;
    QVariantList values;    // QString, double or QDate, as the operator needs
    bool enabled = true;
    // Set exactly when op is Ordered or Spent. Shared and immutable: an edit replaces it.
    std::shared_ptr<const Purchase> purchase = nullptr;

    bool isPurchase() const { return op == Op::Ordered || op == Op::Spent; }
    bool operator==(const Condition &other) const;
};

enum class GroupMatch { All, Any, None };

struct Node;
struct Group
{
    GroupMatch match = GroupMatch::All;
    std::vector<Node> children;
    bool enabled = true;

    bool operator==(const Group &other) const;
};

// A node is a condition or a group. A group without enabled children does not restrict (matches everyone).
struct Node
{
    std::unique_ptr<Condition> condition; // exactly one of the two is set
    std::unique_ptr<Group> group;

    Node() = default;
    explicit Node(Condition c) : condition(std::make_unique<Condition>(std::move(c))) {}
    explicit Node(Group g) : group(std::make_unique<Group>(std::move(g))) {}
    Node(const Node &other);
    Node &operator=(const Node &other);
    Node(Node &&) noexcept = default;
    Node &operator=(Node &&) noexcept = default;
    bool operator==(const Node &other) const;
    bool isGroup() const { return group != nullptr; }
    bool enabled() const { return group ? group->enabled : condition->enabled; }
};

// What a purchase condition (Op::Ordered / Op::Spent) asks of a customer's purchases. A purchase is an order
// the metrics count as one (metrics/analysissettings.h, PurchaseDefinition: valid, dated on or before the
// analysis date, an amount above zero unless a zero amount counts); a purchase matches when at least one of
// its lines matches `where` (an empty `where` matches every line) and its order date satisfies `period`.
//   ordered: the number of matching purchases compared with `amounts` (compare Ge / Le / Eq, a whole number);
//   spent:   the sum of the amounts of the matching lines of the matching purchases, compared with `amounts`
//            (Ge, Gt, Le, Lt, Eq: one number; Between: two, inclusive).
// A customer without a matching purchase has ordered 0 times and spent 0, so "at most" and "spent < X" keep
// customers who never ordered.
struct Purchase
{
    Op compare = Op::Ge;
    QVariantList amounts{1.0};
    std::optional<Condition> period; // a date condition on order_date (in last, before, after, between, more than)
    Group where;                     // conditions on order and line fields

    bool operator==(const Purchase &other) const;
};

// A segment rule: its root group.
struct Rule
{
    Group root;
    bool operator==(const Rule &other) const { return root == other.root; }
};

// Where each condition of a rule read from text starts (1-based line and column), in reading order: the order
// of a depth-first walk of the rule in which a purchase condition comes before the conditions of its `where`.
// Lets a message about a condition point at it in the text.
struct TextPosition
{
    int line = 0;
    int column = 0;
};
using ConditionPositions = std::vector<TextPosition>;

// JSON form (stored in segments.rule_json and in shareable .segment.json files):
//   {"version": 1, "root": GROUP}
//   GROUP     = {"match": "all"|"any"|"none", "enabled": true, "children": [NODE, ...]}
//   CONDITION = {"field": "city", "op": "in", "values": ["上海", {"number": 5}, {"date": "2024-01-01"}],
//                "enabled": true}
//   PURCHASE  = {"op": "ordered"|"spent", "compare": "ge"|"gt"|"le"|"lt"|"eq"|"between",
//                "values": [{"number": 2}], "period": CONDITION on order_date (optional),
//                "where": GROUP of conditions on order and line fields (optional), "enabled": true}
//               (`ordered at least 2 times in last 180 days where product contains "Python"` is
//               {"op": "ordered", "compare": "ge", "values": [{"number": 2}],
//                "period": {"field": "order_date", "op": "in_last", "values": [{"number": 180}, "days"]},
//                "where": {"match": "all", "children": [{"field": "product", "op": "contains", "values": ["Python"]}]}})
// Strings are JSON strings; numbers are {"number": N} and dates {"date": "YYYY-MM-DD"} so that no value
// changes type on the way through.
QJsonObject toJson(const Rule &rule);
Result<Rule> ruleFromJson(const QJsonObject &json);

} // namespace segmenta::rules
