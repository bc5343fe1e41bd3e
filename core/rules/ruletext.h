#pragma once

#include "common/result.h"
#include "rules/rule.h"

#include <QCoreApplication>
#include <QString>

namespace segmenta::rules {

// The readable text form of a rule, which power users type and the app shows under the builder:
//
//   total_spend >= 1000 and (city in ("上海", "北京") or last_order_date in last 90 days)
//     and not email is empty
//   `订单付款时间` after 2024-01-01
//
// Grammar (keywords are lower case; `and` binds tighter than `or`; `not` and `disabled` tighter still):
//   rule      := (empty) | expr
//   expr      := term ("or" term)*
//   term      := unary ("and" unary)*
//   unary     := "not" unary | "disabled" unary | "not" "in" "segment" STRING | primary
//   primary   := "(" expr ")" | ("all" | "any" | "none") "(" [expr ("," expr)*] ")"
//              | "in" "segment" STRING | field predicate
//   field     := NAME | `any name, with `` for a backtick`
//   predicate := ("=" | "!=" | "<" | "<=" | ">" | ">=") value | "is" ["not"] value
//              | "is" ["not"] "empty" | "is" ("true" | "false")
//              | ["not"] "in" "(" value ("," value)* ")" | ["not"] "contains" STRING
//              | "starts" "with" STRING | "ends" "with" STRING | "between" value "and" value
//              | "in" ("top" | "bottom") NUMBER "%" | ["not"] "in" "last" NUMBER ("days" | "weeks" | "months")
//              | "in" "next" NUMBER "days" | "more" "than" NUMBER "days" "ago"
//              | "anniversary" "within" NUMBER "days" | ("on" | "before" | "after") DATE
//   value     := STRING ("..." with \" and \\) | NUMBER | DATE (YYYY-MM-DD)
//
// Parentheses group; a chain of `and` is an "all" group, of `or` an "any" group, `not X` a "none" group.
// printRule() writes every rule so that parseRule() gives back exactly the same rule (groups with one or
// no children and "none" groups with several children use the all(...)/any(...)/none(...) form).
class RuleText
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::RuleText)

public:
    // Errors read "line L, column C: expected …, found …".
    static Result<Rule> parse(const QString &text);
    static QString print(const Rule &rule);
    // Quotes a field name for the text form when it is not a plain name.
    static QString fieldToken(const QString &name);
};

} // namespace segmenta::rules
