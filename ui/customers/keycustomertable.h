#pragma once

#include "store/field.h"

#include <QTableWidget>
#include <QVariantList>

#include <vector>

namespace segmenta::store {
class Database;
}
namespace segmenta::rules {
struct RuleContext;
}

namespace segmenta::ui {

// A compact read-only table of customers by their key fields: who they are (the name, else the customer ID),
// total spend, orders, last order date and lifecycle stage, each shown as the Customers view shows it. Used
// where a few customers are listed beside something else (who joined or left a segment, the first members of
// the rule being edited). read() runs on any thread with that thread's connection; the table is GUI-thread.
class KeyCustomerTable : public QTableWidget
{
    Q_OBJECT

public:
    // The key fields' values of some customers, in the order of their ids.
    struct Rows
    {
        std::vector<store::FieldInfo> fields; // those of the key fields the workspace has
        std::vector<qint64> ids;
        std::vector<QVariantList> values;     // one list per id, in the order of `fields`
        QString currencySymbol;               // the workspace's (store::Workspace::currencySymbol())
    };
    // The first `most` of `ids`. Throws store::DatabaseError.
    static Rows read(store::Database &db, const rules::RuleContext &context, const std::vector<qint64> &ids, size_t most);

    explicit KeyCustomerTable(QWidget *parent = nullptr);

    void showRows(const Rows &rows);
    // The customer column's text in `row` (the name, else the customer ID).
    QString customerAt(int row) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    Rows m_rows;
};

} // namespace segmenta::ui
