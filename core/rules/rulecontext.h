#pragma once

#include "common/result.h"
#include "rules/rule.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::rules {

class ColumnCache;

// What a rule is evaluated against: the customer fields, the analysis date, and the saved segments that
// "in segment" conditions name.
struct RuleContext
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::RuleContext)

public:
    std::vector<store::FieldInfo> fields; // customer fields (fields table, entity "customer")
    QDate asOf;
    std::function<std::optional<Rule>(const QString &segmentName)> segmentRule; // may be empty
    // The values a fixed field (lifecycle stage, value tier, RFM segment) can hold, by type, each with the
    // names it may also be written as (its display names in English and Chinese, in any case). Empty for a
    // type: its values are not checked.
    struct FixedValue
    {
        QString value;
        QStringList aliases;
    };
    std::map<store::FieldType, std::vector<FixedValue>> fixedValues;

    const store::FieldInfo *field(const QString &name) const;

    // The context of a workspace: its customer fields, the given analysis date, and its saved segments
    // (read from the segments table when asked). Throws store::DatabaseError.
    static RuleContext forDatabase(store::Database &db, const QDate &asOf);
    // The fixed values of every workspace (stages, tiers) and those of `rfmNames` (its RFM map's names).
    static std::map<store::FieldType, std::vector<FixedValue>> fixedValuesFor(const QStringList &rfmNames);

    // `rule` with the values of fixed fields written as their display names (or in another case) replaced
    // by the values stored: "At risk", "流失预警" and "AT_RISK" all become at_risk. Others are left as they are.
    Rule withStoredValues(const Rule &rule) const;

    // Checks every enabled condition: the field exists, the operator fits its type, the values fit the
    // operator, named segments exist and do not refer back to themselves, values of fixed fields are among
    // their values (or display names): "did you mean at_risk?". The message names the condition.
    Result<void> validate(const Rule &rule) const;

    // Warnings, not errors: each value of an enabled is / is not / in / not in condition on a category field that
    // no customer in `cache` holds (compared as the evaluator compares: exactly), so the condition finds no one
    // by it - "gender in ("Male")" where the customers hold 男 and 女. Each names the condition, the value and the
    // closest values the field holds (by edit distance, at most three). Empty when every value is held.
    QStringList unseenValueWarnings(const Rule &rule, const ColumnCache &cache) const;

private:
    Result<void> validateGroup(const Group &group, std::vector<QString> &segmentStack) const;
    static Result<void> checkFixedValues(const Condition &condition, const std::vector<FixedValue> &values);
};

// The operators that fit a field type, in the order the builder offers them.
std::vector<Op> operatorsFor(store::FieldType type);

} // namespace segmenta::rules
