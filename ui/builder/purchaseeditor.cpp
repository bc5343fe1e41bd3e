#include "purchaseeditor.h"

#include "common/datetext.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSpinBox>

#include <algorithm>
#include <initializer_list>

namespace segmenta::ui {

using rules::Op;

namespace {

constexpr int kNever = -1;   // "never ordered": exactly 0 times
constexpr int kAnyTime = -1; // no period

bool isNever(Op op, const rules::Purchase &purchase)
{
    return op == Op::Ordered && purchase.compare == Op::Eq && purchase.amounts.value(0).toDouble() == 0;
}

QDoubleSpinBox *amountBox(QWidget *parent, const char *name)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(0, 1e10);
    box->setDecimals(2);
    box->setGroupSeparatorShown(true);
    box->setKeyboardTracking(false); // a value is passed on at Enter, an arrow, or leaving the box
    box->setMinimumWidth(100);
    return box;
}

QDateEdit *dateBox(QWidget *parent, const char *name)
{
    auto *box = new QDateEdit(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setCalendarPopup(true);
    box->setDisplayFormat(datePattern());
    box->setKeyboardTracking(false);
    return box;
}

} // namespace

PurchaseEditor::PurchaseEditor(QWidget *parent)
    : QWidget(parent), m_compare(new QComboBox(this)), m_count(new QSpinBox(this)), m_times(new QLabel(this)),
      m_amount(amountBox(this, "purchaseAmount")), m_amountAnd(new QLabel(this)), m_amount2(amountBox(this, "purchaseAmount2")),
      m_period(new QComboBox(this)), m_periodCount(new QSpinBox(this)), m_periodUnit(new QComboBox(this)),
      m_from(dateBox(this, "periodFrom")), m_periodAnd(new QLabel(this)), m_to(dateBox(this, "periodTo"))
{
    setObjectName(QStringLiteral("purchaseEditor"));
    m_compare->setObjectName(QStringLiteral("purchaseCompare"));
    m_compare->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_count->setObjectName(QStringLiteral("purchaseCount"));
    m_count->setRange(0, 9999);
    m_count->setKeyboardTracking(false);
    m_period->setObjectName(QStringLiteral("purchasePeriod"));
    m_period->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_periodCount->setObjectName(QStringLiteral("purchasePeriodCount"));
    m_periodCount->setRange(0, 9999);
    m_periodCount->setKeyboardTracking(false);
    m_periodUnit->setObjectName(QStringLiteral("purchasePeriodUnit"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    for (QWidget *widget : std::initializer_list<QWidget *>{m_compare, m_count, m_times, m_amount, m_amountAnd, m_amount2,
                                                            m_period, m_periodCount, m_periodUnit, m_from, m_periodAnd, m_to})
        layout->addWidget(widget);
    layout->addStretch(1);

    connect(m_compare, &QComboBox::currentIndexChanged, this, &PurchaseEditor::chooseCompare);
    connect(m_count, &QSpinBox::valueChanged, this, &PurchaseEditor::editCount);
    connect(m_amount, &QDoubleSpinBox::valueChanged, this, &PurchaseEditor::editCount);
    connect(m_amount2, &QDoubleSpinBox::valueChanged, this, &PurchaseEditor::editCount);
    connect(m_period, &QComboBox::currentIndexChanged, this, &PurchaseEditor::choosePeriod);
    connect(m_periodCount, &QSpinBox::valueChanged, this, &PurchaseEditor::editPeriodValues);
    connect(m_periodUnit, &QComboBox::currentIndexChanged, this, &PurchaseEditor::editPeriodValues);
    connect(m_from, &QDateEdit::dateChanged, this, &PurchaseEditor::editPeriodValues);
    connect(m_to, &QDateEdit::dateChanged, this, &PurchaseEditor::editPeriodValues);
    retranslate();
}

void PurchaseEditor::retranslate()
{
    const bool showing = m_showing;
    m_showing = true; // refilling the lists is no edit
    fillCompare();
    {
        const QSignalBlocker blocker(m_period);
        m_period->clear();
        m_period->addItem(tr("at any time"), kAnyTime);
        m_period->addItem(tr("in the last"), int(Op::InLast));
        m_period->addItem(tr("before"), int(Op::Before));
        m_period->addItem(tr("after"), int(Op::After));
        m_period->addItem(tr("between"), int(Op::Between));
        m_period->addItem(tr("more than … ago"), int(Op::MoreThanDaysAgo));
        const QSignalBlocker unitBlocker(m_periodUnit);
        m_periodUnit->clear();
        m_periodUnit->addItem(tr("days"), QStringLiteral("days"));
        m_periodUnit->addItem(tr("weeks"), QStringLiteral("weeks"));
        m_periodUnit->addItem(tr("months"), QStringLiteral("months"));
    }
    m_times->setText(tr("times"));
    m_amountAnd->setText(tr("and"));
    m_periodAnd->setText(tr("and"));
    showCompare();
    showPeriod();
    m_showing = showing;
}

void PurchaseEditor::fillCompare()
{
    const QSignalBlocker blocker(m_compare);
    m_compare->clear();
    if (m_op == Op::Ordered) {
        m_compare->addItem(tr("at least"), int(Op::Ge));
        m_compare->addItem(tr("at most"), int(Op::Le));
        m_compare->addItem(tr("exactly"), int(Op::Eq));
        m_compare->addItem(tr("never"), kNever);
        return;
    }
    m_compare->addItem(tr("≥"), int(Op::Ge));
    m_compare->addItem(tr(">"), int(Op::Gt));
    m_compare->addItem(tr("≤"), int(Op::Le));
    m_compare->addItem(tr("<"), int(Op::Lt));
    m_compare->addItem(tr("="), int(Op::Eq));
    m_compare->addItem(tr("between"), int(Op::Between));
}

void PurchaseEditor::showPurchase(Op op, const rules::Purchase &purchase, bool periodAllowed, const QDate &asOf)
{
    m_showing = true;
    m_asOf = asOf;
    m_shown = purchase;
    if (op != m_op) {
        m_op = op;
        fillCompare();
    }
    // A period typed on a workspace without dates stays editable, so it can be taken away.
    m_period->setEnabled(periodAllowed || purchase.period.has_value());
    showCompare();
    showPeriod();
    m_showing = false;
}

void PurchaseEditor::showCompare()
{
    const QSignalBlocker compareBlocker(m_compare);
    const QSignalBlocker countBlocker(m_count);
    const QSignalBlocker amountBlocker(m_amount);
    const QSignalBlocker amount2Blocker(m_amount2);
    m_compare->setToolTip(m_op == Op::Ordered ? tr("How many orders with a matching line") : tr("The amount of the matching lines"));
    const bool never = isNever(m_op, m_shown);
    m_compare->setCurrentIndex(std::max(0, m_compare->findData(never ? kNever : int(m_shown.compare))));
    const bool ordered = m_op == Op::Ordered;
    const bool between = !ordered && m_shown.compare == Op::Between;
    m_count->setVisible(ordered && !never);
    m_times->setVisible(ordered && !never);
    m_amount->setVisible(!ordered);
    m_amountAnd->setVisible(between);
    m_amount2->setVisible(between);
    m_count->setValue(int(m_shown.amounts.value(0).toDouble()));
    m_amount->setValue(m_shown.amounts.value(0).toDouble());
    m_amount2->setValue(m_shown.amounts.value(1).toDouble());
}

void PurchaseEditor::showPeriod()
{
    const QSignalBlocker periodBlocker(m_period);
    const QSignalBlocker countBlocker(m_periodCount);
    const QSignalBlocker unitBlocker(m_periodUnit);
    const QSignalBlocker fromBlocker(m_from);
    const QSignalBlocker toBlocker(m_to);
    m_period->setToolTip(m_period->isEnabled() ? tr("When the orders were placed")
                                               : tr("No order has a date, so purchases cannot be limited to a period"));
    const Op op = m_shown.period ? m_shown.period->op : Op::Is;
    const QVariantList values = m_shown.period ? m_shown.period->values : QVariantList();
    m_period->setCurrentIndex(std::max(0, m_shown.period ? m_period->findData(int(op)) : 0));
    const bool counted = m_shown.period && (op == Op::InLast || op == Op::MoreThanDaysAgo);
    const bool dated = m_shown.period && (op == Op::Before || op == Op::After || op == Op::Between);
    m_periodCount->setVisible(counted);
    m_periodCount->setSuffix(op == Op::MoreThanDaysAgo ? tr(" days") : QString());
    m_periodUnit->setVisible(counted && op == Op::InLast);
    m_from->setVisible(dated);
    m_periodAnd->setVisible(dated && op == Op::Between);
    m_to->setVisible(dated && op == Op::Between);
    if (counted)
        m_periodCount->setValue(int(values.value(0).toDouble()));
    if (op == Op::InLast)
        m_periodUnit->setCurrentIndex(std::max(0, m_periodUnit->findData(values.value(1).toString())));
    if (dated)
        m_from->setDate(values.value(0).toDate());
    if (op == Op::Between)
        m_to->setDate(values.value(1).toDate());
}

void PurchaseEditor::chooseCompare()
{
    const int chosen = m_compare->currentData().toInt();
    rules::Purchase next = m_shown;
    const double first = m_shown.amounts.value(0).toDouble();
    if (m_op == Op::Ordered) {
        next.compare = chosen == kNever ? Op::Eq : Op(chosen);
        next.amounts = {chosen == kNever ? 0.0 : isNever(m_op, m_shown) ? 1.0 : first};
    } else {
        next.compare = Op(chosen);
        next.amounts = {first};
        if (next.compare == Op::Between)
            next.amounts.append(std::max(first, m_shown.amounts.value(1).toDouble()) + (m_shown.amounts.size() > 1 ? 0 : 100));
    }
    emitEdit(next, m_op == Op::Ordered ? tr("Change how often") : tr("Change comparison"), false);
}

void PurchaseEditor::editCount()
{
    rules::Purchase next = m_shown;
    if (m_op == Op::Ordered)
        next.amounts = {double(m_count->value())};
    else if (next.compare == Op::Between)
        next.amounts = {m_amount->value(), m_amount2->value()};
    else
        next.amounts = {m_amount->value()};
    emitEdit(next, m_op == Op::Ordered ? tr("Change count") : tr("Change amount"), true);
}

void PurchaseEditor::choosePeriod()
{
    const int chosen = m_period->currentData().toInt();
    rules::Purchase next = m_shown;
    if (chosen == kAnyTime) {
        next.period.reset();
    } else {
        rules::Condition period{QStringLiteral("order_date"), Op(chosen), {}, true};
        switch (period.op) {
        case Op::InLast: period.values = {30.0, QStringLiteral("days")}; break;
        case Op::Between: period.values = {m_asOf.addDays(-30), m_asOf}; break;
        case Op::MoreThanDaysAgo: period.values = {30.0}; break;
        default: period.values = {m_asOf}; break;
        }
        next.period = period;
    }
    emitEdit(next, tr("Change period"), false);
}

void PurchaseEditor::editPeriodValues()
{
    if (!m_shown.period)
        return;
    rules::Purchase next = m_shown;
    switch (next.period->op) {
    case Op::InLast: next.period->values = {double(m_periodCount->value()), m_periodUnit->currentData().toString()}; break;
    case Op::MoreThanDaysAgo: next.period->values = {double(m_periodCount->value())}; break;
    case Op::Between: next.period->values = {m_from->date(), m_to->date()}; break;
    default: next.period->values = {m_from->date()}; break;
    }
    emitEdit(next, tr("Change period"), true);
}

void PurchaseEditor::emitEdit(const rules::Purchase &purchase, const QString &editName, bool typing)
{
    if (m_showing || purchase == m_shown)
        return;
    Q_EMIT purchaseEdited(purchase, editName, typing);
}

} // namespace segmenta::ui
