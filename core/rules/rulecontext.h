#pragma once

#include "common/result.h"
#include "rules/rule.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QDate>

#include <functional>
#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::rules {

// What a rule is evaluated against: the customer fields, the analysis date, and the saved segments that
// "in segment" conditions name.
struct RuleContext
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::RuleContext)

public:
    std::vector<store::FieldInfo> fields; // customer fields (fields table, entity "customer")
    QDate asOf;
    std::function<std::optional<Rule>(const QString &segmentName)> segmentRule; // may be empty

    const store::FieldInfo *field(const QString &name) const;

    // The context of a workspace: its customer fields, the given analysis date, and its saved segments
    // (read from the segments table when asked). Throws store::DatabaseError.
    static RuleContext forDatabase(store::Database &db, const QDate &asOf);

    // Checks every enabled condition: the field exists, the operator fits its type, the values fit the
    // operator, named segments exist and do not refer back to themselves. The message names the condition.
    Result<void> validate(const Rule &rule) const;

private:
    Result<void> validateGroup(const Group &group, std::vector<QString> &segmentStack) const;
};

// The operators that fit a field type, in the order the builder offers them.
std::vector<Op> operatorsFor(store::FieldType type);

} // namespace segmenta::rules
