#pragma once

#include "store/field.h"

#include <QDate>
#include <QString>
#include <QStringView>

#include <optional>
#include <vector>

// What a customer list needs beyond the columns an order list has: its totals (spend, orders, first and last
// order date, or days since the last order) as the purchase history of customers without order rows, names
// split into first and last, ids written with a leading apostrophe, and column names that are already the
// names of fields Segmenta builds in or derives. Internal to core/import; any thread.
namespace segmenta::store {
class Database;
}

namespace segmenta::import {
struct ImportedField;
}

namespace segmenta::import::detail {

struct Column;
struct PreparedRow;

// The type a customer-list role fixes whatever the values look like (days since the last order: a number;
// a postal code: an identifier, so leading zeros stay; consent: yes/no; a last name: text), or nullopt.
std::optional<store::FieldType> listRoleType(const QString &role);

// An identifier without the apostrophe spreadsheets and Shopify put before digits or "+" so that Excel keeps
// them as text ('7283912745030 -> 7283912745030); other text as it is.
QStringView withoutLeadingApostrophe(QStringView text);

// Whether `header` is the name or the label (English, or as the running translation shows it) of a field
// every workspace has for `entity` ("customer" or "order"): lifecycle_stage, "Lifecycle stage", orders_30...
// Compared case-, space- and underscore-insensitively.
bool namesBuiltinField(const QString &entity, const QString &header);

// The name under which a column without a built-in place is registered as a field of `entity`: its header,
// or "header (list)" when the header names a built-in or derived field (namesBuiltinField), so that a list's
// own "lifecycle_stage" never takes the place of the stage Segmenta derives.
QString importedFieldName(const QString &entity, const QString &header);
// The same in a workspace: a header an earlier import already registered under its own name keeps it.
QString importedFieldName(store::Database &db, const QString &entity, const QString &header);

// The columns of a customer list that RowPreparer treats specially, by index into the columns (-1: none).
struct ListColumns
{
    int name = -1;          // role name (or first name), when it is not the customer key
    int lastName = -1;      // joined to the name: "Ann" + "Lee" -> "Ann Lee"; 王 + 小明 -> 王小明
    int recencyDays = -1;   // days since the last order...
    int lastOrderDate = -1; // ...unless the row has a last order date
    std::vector<int> totals; // total spend, orders count, first and last order date, recency days
    int totalSpend = -1;
    int ordersCount = -1;
    QDate analysisDate;     // what days since the last order count back from
};
ListColumns listColumnsOf(const std::vector<Column> &columns, const Column *keyColumn, const QDate &analysisDate);

// Applies `list` to a row typed by RowPreparer: joins the name, turns days since the last order into the
// last order date, and says whether the row carries a purchase history (ListColumns::totals).
void applyListColumns(const ListColumns &list, PreparedRow &row);

// How many of `customerIds` (duplicates allowed) have no order rows in the workspace: the customers a list
// gives their purchase history.
qint64 customersWithoutOrders(store::Database &db, std::vector<qint64> customerIds);

// Notes on `fields` for the import's summary and the wizard: a column imported under another name than its
// header (ImportedField::storedName, worked out here when `preview` is set), and days since the last order
// counted back from `analysisDate`.
void describeListFields(std::vector<ImportedField> &fields, const QDate &analysisDate, bool preview = false);

// The last order date `days` days before `analysisDate`, as ISO text (fractions of a day rounded).
QString lastOrderDateFromDays(double days, const QDate &analysisDate);

} // namespace segmenta::import::detail
