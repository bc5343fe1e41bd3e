#pragma once

#include "customers/customercolumnchoice.h"
#include "rules/rule.h"
#include "store/field.h"

#include <QTimer>
#include <QWidget>

#include <vector>

class QDialog;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class CustomersModel;

// The Customers tab: a quick search box, the number of customers listed, and the table of customers (all,
// or the members of the rule being edited). Fixed row heights and column widths set by field type (dates as
// wide as the longest date of the locale), so a million rows scroll without measuring any of them.
// Double-clicking a row opens the customer's card. Columns... chooses the columns shown; columns no customer
// holds a value in are hidden until chosen (CustomerColumnChoice, remembered per workspace).
//
// Follows the rule only while shown: a rule edited while the tab is hidden is applied when it is shown.
// GUI thread; the workspace must outlive the view or be replaced first.
class CustomersView : public QWidget
{
    Q_OBJECT

public:
    explicit CustomersView(QWidget *parent = nullptr);

    void setWorkspace(store::Workspace *workspace);
    void setRule(const rules::Rule &rule);
    CustomersModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }

    // Opens the card of the customer in `row` (what a double-click does); returns the card.
    QWidget *openCard(int row);
    // The ids of the customers in the selected rows, in row order.
    std::vector<qint64> selectedCustomerIds() const;
    // Opens the Columns dialog (what the Columns… button does); returns it. Accepting it shows the ticked
    // columns and remembers the choice in the workspace.
    QDialog *chooseColumns();
    // Whether the column of a field is shown (false when there is no such field).
    bool isColumnShown(const QString &fieldName) const;

Q_SIGNALS:
    // The export button with no rows selected: the rule's members.
    void exportRequested();
    // The export button (or the table's context menu) with rows selected: those customers.
    void exportSelectedRequested(const std::vector<qint64> &customerIds);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void applyRule();
    void showCount();
    void setColumnWidths();
    int dateColumnWidth(store::FieldType type) const;
    void applyColumnChoice();
    void retranslate();
    void exportClicked();

    CustomersModel *m_model;
    QLineEdit *m_search;
    QLabel *m_count;
    QPushButton *m_export;
    QPushButton *m_columns;
    QTableView *m_table;
    QTimer m_searchDelay;
    store::Workspace *m_workspace = nullptr;
    rules::Rule m_rule;
    bool m_ruleApplied = true;
    CustomerColumnChoice m_columnChoice;
};

} // namespace segmenta::ui
