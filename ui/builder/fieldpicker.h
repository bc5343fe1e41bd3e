#pragma once

#include "store/field.h"

#include <QFrame>
#include <QList>
#include <QStringList>

#include <vector>

class QLineEdit;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace segmenta::ui {

// The field picker of a condition row: a popup with a search box over the customer fields, grouped
// (customer fields, purchase metrics, lifecycle and value, RFM), each shown with its label, name and type,
// and first among the purchase metrics "Purchased…" (a purchase condition: purchaseChosen). For a condition
// of a purchase's where-group it lists the order line and order fields instead. Typing filters by label or
// name; Enter or a click picks (fieldChosen) and closes. Owned by its row. GUI thread.
class FieldPicker : public QFrame
{
    Q_OBJECT

public:
    explicit FieldPicker(QWidget *parent = nullptr);

    // With `offerPurchase`, the "Purchased…" entry is listed too. The fields named in `withoutValues` (no
    // customer has a value in them) come last in their group, greyed, saying so; they can still be picked.
    void setFields(const std::vector<store::FieldInfo> &fields, bool offerPurchase = false,
                   const QStringList &withoutValues = {});
    void popup(const QPoint &at);
    QStandardItemModel *model() const { return m_model; }

    static QString typeLabel(store::FieldType type);
    static QString fieldLabel(const store::FieldInfo &field);

Q_SIGNALS:
    void fieldChosen(const QString &name);
    void purchaseChosen();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    static QList<QStandardItem *> fieldRow(const store::FieldInfo &field, bool withoutValues);
    void pick(const QModelIndex &index);
    void pickFirst();

    QLineEdit *m_search;
    QTreeView *m_tree;
    QStandardItemModel *m_model;
    QSortFilterProxyModel *m_filter;
};

} // namespace segmenta::ui
