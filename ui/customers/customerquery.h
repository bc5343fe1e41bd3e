#pragma once

#include "common/result.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"
#include "rules/sqlcompiler.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>
#include <QVariantList>

#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::ui {

// Which customers the Customers view lists, and in which order.
struct CustomerFilter
{
    rules::Rule rule;                  // the members of this rule (an empty rule: everyone)
    QString search;                    // name, phone, e-mail or customer ID containing this (any case); empty: all
    QString sortField;                 // a customer field name; empty: by internal id
    Qt::SortOrder order = Qt::AscendingOrder;
};

// The SQL behind the Customers view and the customer card, over customers joined with customer_metrics.
//
// ids() lists the matching customers' internal ids (customers.id) in the view's order: by the sort field
// (SQLite's order: empty values first when ascending), ties by id ascending. rows() reads the fields of given
// ids by primary key, which is how pages of the view are filled wherever they are in a million rows. No
// state: each call uses the connection it is given, on the calling thread. A rule that does not fit the
// fields comes back as an Error; database failures throw store::DatabaseError.
class CustomerQuery
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::ui::CustomerQuery)

public:
    static Result<std::vector<qint64>> ids(store::Database &db, const rules::RuleContext &context,
                                           const CustomerFilter &filter);
    // One list of values per id (in the order of `fields`), in the order of the ids; an id that no longer
    // exists gives an empty list.
    static std::vector<QVariantList> rows(store::Database &db, const std::vector<store::FieldInfo> &fields,
                                          const qint64 *ids, size_t count);
    // Whether customer `id` is a member of a rule (evaluated for that customer only where the SQL allows).
    static bool isMember(store::Database &db, const rules::CompiledSql &compiled, qint64 id);

    // The SQL expression of a customer field (c."col" or m."col").
    static QString columnSql(const store::FieldInfo &field);
    // The field's label as shown: built-in labels translated (context "Field"), imported ones as they are.
    static QString label(const store::FieldInfo &field);
    // A stored value as the user reads it: numbers per locale, money with `currencySymbol` (common/money.h),
    // dates in the locale's short form, stage, tier and RFM ids by their display names, booleans as Yes / No.
    static QString display(const store::FieldInfo &field, const QVariant &value, const QString &currencySymbol,
                           const QLocale &locale = QLocale());
    static bool isRightAligned(store::FieldType type);
};

} // namespace segmenta::ui
