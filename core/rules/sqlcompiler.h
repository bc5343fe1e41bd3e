#pragma once

#include "common/result.h"
#include "rules/rulecontext.h"

#include <QCoreApplication>
#include <QVariantList>

#include <string>

namespace segmenta::rules {

// A rule as parameterised SQL over the workspace: `sql` selects the members' customer ids
// (SELECT c.id FROM customers c LEFT JOIN customer_metrics m ... WHERE ... ORDER BY c.id); every value is a
// bound parameter (in `bindings`, in order), and every identifier comes from the fields table, quoted.
struct CompiledSql
{
    std::string sql;
    QVariantList bindings;
};

// Turns rules into SQL: used for exports and to check the in-memory evaluator. The empty-value semantics
// are those of rule.h: every predicate is wrapped so that it is true or false, never NULL.
class SqlCompiler
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::SqlCompiler)

public:
    // Validates the rule against the context first.
    static Result<CompiledSql> compile(const Rule &rule, const RuleContext &context);
    // Runs the compiled SQL and returns the members' ids, ascending. Throws store::DatabaseError.
    static std::vector<qint64> members(store::Database &db, const CompiledSql &compiled);
};

} // namespace segmenta::rules
