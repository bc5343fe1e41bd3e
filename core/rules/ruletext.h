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
//   purchase  := "ordered" [("at" ("least" | "most") | "exactly") COUNT "times"] [period] ["where" where]
//              | "spent" (("=" | "<" | "<=" | ">" | ">=") NUMBER | "between" NUMBER "and" NUMBER) [period]
//                ["where" where]
//   period    := "in" "last" NUMBER ("days" | "weeks" | "months") | ("before" | "after") DATE
//              | "between" DATE "and" DATE | "more" "than" NUMBER "days" "ago"
//   where     := unary over order and line fields (one condition, or a parenthesised and/or group; no
//                segments and no purchase conditions inside)
// A purchase is a primary: `city is "上海" and ordered where (category is "茶具" and amount >= 200)`,
// `not ordered in last 90 days where channel is "WeChat"`. COUNT is a whole number, 0 or more.
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
    // Also tells where each condition starts (see ConditionPositions), for messages that point into the text.
    static Result<Rule> parse(const QString &text, ConditionPositions *positions);
    static QString print(const Rule &rule);
    // Quotes a field name for the text form when it is not a plain name.
    static QString fieldToken(const QString &name);
};

} // namespace segmenta::rules
