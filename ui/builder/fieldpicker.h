#pragma once

#include "store/field.h"

#include <QFrame>

#include <vector>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTreeView;

namespace segmenta::ui {

// The field picker of a condition row: a popup with a search box over the customer fields, grouped
// (customer fields, purchase metrics, lifecycle and value, RFM), each shown with its label, name and type.
// Typing filters by label or name; Enter or a click picks (fieldChosen) and closes. Owned by its row.
// GUI thread.
class FieldPicker : public QFrame
{
    Q_OBJECT

public:
    explicit FieldPicker(QWidget *parent = nullptr);

    void setFields(const std::vector<store::FieldInfo> &fields);
    void popup(const QPoint &at);
    QStandardItemModel *model() const { return m_model; }

    static QString typeLabel(store::FieldType type);
    static QString fieldLabel(const store::FieldInfo &field);

Q_SIGNALS:
    void fieldChosen(const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void pick(const QModelIndex &index);
    void pickFirst();

    QLineEdit *m_search;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
};

} // namespace segmenta::ui
