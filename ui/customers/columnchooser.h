#pragma once

#include "store/field.h"

#include <QDialog>
#include <QSet>

#include <vector>

class QLineEdit;
class QTreeWidget;
class QTreeWidgetItem;

namespace segmenta::ui {

// The Customers view's "Columns…" dialog: every customer field (built-in, imported and derived, grouped as
// the rule builder's field picker groups them), each with a box ticked when its column shows. Fields no
// customer holds a value in say so. A search box filters by label or name; Show All ticks every box and
// Default ticks the fields that hold values. The caller reads shownFields() once accepted. GUI thread.
class ColumnChooser : public QDialog
{
    Q_OBJECT

public:
    ColumnChooser(const std::vector<store::FieldInfo> &fields, const QSet<QString> &shown,
                  const QSet<QString> &emptyFields, QWidget *parent = nullptr);

    QSet<QString> shownFields() const;
    // The item of a field, for tests (nullptr when there is none).
    QTreeWidgetItem *itemOf(const QString &fieldName) const;

private:
    void fill(const std::vector<store::FieldInfo> &fields, const QSet<QString> &shown);
    void filter(const QString &text);
    void tickAll(bool onlyHeld);
    std::vector<QTreeWidgetItem *> fieldItems() const;

    QLineEdit *m_search;
    QTreeWidget *m_tree;
    QSet<QString> m_empty;
};

} // namespace segmenta::ui
