#pragma once

#include "rules/ruleedit.h"

#include <QFrame>
#include <QStringList>

#include <functional>

class QLineEdit;
class QListWidget;

namespace segmenta::ui {

// The multi-select of a category condition ("city is one of …"): a popup listing the field's distinct values
// with how many customers hold each, a search box that filters them, and a check box per value. Each check
// or uncheck emits valuesChanged with the checked values in list order (values already in the rule that no
// customer holds are listed first, so they can be unchecked). Owned by its row; GUI thread.
class ValueListPicker : public QFrame
{
    Q_OBJECT

public:
    explicit ValueListPicker(QWidget *parent = nullptr);

    // `display` turns a stored value into what the user reads (lifecycle stage names, for example).
    void setValues(const std::vector<rules::ValueCount> &values, const QStringList &checked,
                   const std::function<QString(const QString &)> &display);
    void popup(const QPoint &at);
    QStringList checkedValues() const;

Q_SIGNALS:
    void valuesChanged(const QStringList &values);

private:
    QLineEdit *m_search;
    QListWidget *m_list;
};

} // namespace segmenta::ui
