#pragma once

#include "common/result.h"
#include "rules/purchasefields.h"
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

// What a rule is evaluated against: the customer fields, the order and line fields of purchase conditions,
// the analysis date, what counts as a purchase, and the saved segments that "in segment" conditions name.
struct RuleContext
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::RuleContext)

public:
    std::vector<store::FieldInfo> fields; // customer fields (fields table, entity "customer")
    std::vector<store::FieldInfo> orderFields = builtinPurchaseFields(); // what a purchase's `where` names
    QDate asOf;
    bool zeroAmountIsPurchase = false; // metrics::PurchaseDefinition
    bool ordersHaveDates = true;       // false: no order has a date, so a purchase condition's period is refused
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
    const store::FieldInfo *orderField(const QString &name) const;

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
    // With `positions` (RuleText::parse's, for the same rule) the message starts "line L, column C: ".
    // A purchase condition's count must be a whole number, 0 or more; its period a date period; its `where`
    // names order and line fields ("did you mean product?"), and no segment or purchase inside.
    Result<void> validate(const Rule &rule, const ConditionPositions *positions = nullptr) const;

    // Warnings, not errors: each value of an enabled is / is not / in / not in condition on a category field that
    // no customer in `cache` holds (compared as the evaluator compares: exactly), so the condition finds no one
    // by it - "gender in ("Male")" where the customers hold 男 and 女. Each names the condition, the value and the
    // closest values the field holds (by edit distance, at most three). Empty when every value is held.
    // The same for product and category values in a purchase condition's `where` that no order line holds
    // ("no order line has “Pyton”; the closest values are “Python” ..."). With `positions`, each warning
    // starts "line L, column C: ".
    QStringList unseenValueWarnings(const Rule &rule, const ColumnCache &cache,
                                    const ConditionPositions *positions = nullptr) const;

private:
    friend class RuleValidator;
    static Result<void> checkFixedValues(const Condition &condition, const std::vector<FixedValue> &values);
};

// The operators that fit a field type, in the order the builder offers them.
std::vector<Op> operatorsFor(store::FieldType type);

} // namespace segmenta::rules
