#pragma once

#include "rules/rule.h"

#include <QDate>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace segmenta::ui {

// The value part of a purchase condition's row in the rule builder: for "ordered" how many times (at least,
// at most, exactly N, or never: exactly 0), for "spent" the comparison and the amount (two for between), then
// the period of the orders (any time, in the last N days / weeks / months, before, after, between two dates,
// more than N days ago), offered only when some order has a date. Its widgets are made once and shown or
// hidden, so showPurchase() can bring them up to date while one is being typed in. It never changes the
// rule: each edit is reported by purchaseEdited with the purchase it makes (its `where` as shown) and the
// name of the undo step. Owned by its ConditionRow; GUI thread.
class PurchaseEditor : public QWidget
{
    Q_OBJECT

public:
    explicit PurchaseEditor(QWidget *parent = nullptr);

    // `op` is Op::Ordered or Op::Spent.
    void showPurchase(rules::Op op, const rules::Purchase &purchase, bool periodAllowed, const QDate &asOf);
    // The words of the choices, again in the current language.
    void retranslate();

Q_SIGNALS:
    // `typing`: a number or date typed (successive ones merge into one undo step), not a choice from a list.
    void purchaseEdited(const segmenta::rules::Purchase &purchase, const QString &editName, bool typing);

private:
    void fillCompare();
    void showCompare();
    void showPeriod();
    void chooseCompare();
    void choosePeriod();
    void editCount();
    void editPeriodValues();
    void emitEdit(const rules::Purchase &purchase, const QString &editName, bool typing);

    rules::Op m_op = rules::Op::Ordered;
    rules::Purchase m_shown;
    QDate m_asOf;
    bool m_showing = false;
    QComboBox *m_compare;
    QSpinBox *m_count;
    QLabel *m_times;
    QDoubleSpinBox *m_amount;
    QLabel *m_amountAnd;
    QDoubleSpinBox *m_amount2;
    QComboBox *m_period;
    QSpinBox *m_periodCount;
    QComboBox *m_periodUnit;
    QDateEdit *m_from;
    QLabel *m_periodAnd;
    QDateEdit *m_to;
};

} // namespace segmenta::ui
