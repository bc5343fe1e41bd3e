#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QJsonObject>
#include <QString>
#include <QVariant>

#include <memory>
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
};

// The positive twin of a negative operator (IsNot -> Is ...), or the operator itself.
Op positiveTwin(Op op);
bool isNegative(Op op);
QString opName(Op op); // stable ASCII name used in JSON ("is_not", "in_last" ...)
std::optional<Op> opFromName(const QString &name);

struct Condition
{
    QString field;          // a field name (fields.name); empty for segment membership
    Op op = Op::Is;
    QVariantList values;    // QString, double or QDate, as the operator needs
    bool enabled = true;

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

// A segment rule: its root group.
struct Rule
{
    Group root;
    bool operator==(const Rule &other) const { return root == other.root; }
};

// JSON form (stored in segments.rule_json and in shareable .segment.json files):
//   {"version": 1, "root": GROUP}
//   GROUP     = {"match": "all"|"any"|"none", "enabled": true, "children": [NODE, ...]}
//   CONDITION = {"field": "city", "op": "in", "values": ["上海", {"number": 5}, {"date": "2024-01-01"}],
//                "enabled": true}
// Strings are JSON strings; numbers are {"number": N} and dates {"date": "YYYY-MM-DD"} so that no value
// changes type on the way through.
QJsonObject toJson(const Rule &rule);
Result<Rule> ruleFromJson(const QJsonObject &json);

} // namespace segmenta::rules
