#include "conditionrow.h"

#include "common/datetext.h"

#include "builder/draghandle.h"
#include "builder/fieldpicker.h"
#include "builder/groupframe.h"
#include "builder/purchaseeditor.h"
#include "builder/rulebuilder.h"
#include "builder/valuelistpicker.h"
#include "metrics/analysissettings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QStringListModel>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <cstdlib>

namespace segmenta::ui {

using rules::Op;

namespace {

bool sameValues(const QVariantList &a, const QVariantList &b)
{
    rules::Condition x, y;
    x.values = a;
    y.values = b;
    return x == y;
}

// Whether two purchases differ in more than their where-group (which the where frame shows).
bool sameCountAndPeriod(const rules::Condition &a, const rules::Condition &b)
{
    if (!a.purchase || !b.purchase)
        return !a.purchase == !b.purchase;
    return a.purchase->compare == b.purchase->compare && sameValues(a.purchase->amounts, b.purchase->amounts) &&
           a.purchase->period == b.purchase->period;
}

} // namespace

ConditionRow::ConditionRow(RuleBuilder *builder, QWidget *parent)
    : QWidget(parent), m_builder(builder), m_enabled(new QCheckBox(this)), m_field(new QToolButton(this)),
      m_operator(new QComboBox(this)), m_valueBox(new QWidget(this)), m_valueLayout(new QHBoxLayout(m_valueBox)),
      m_impact(new QLabel(this)), m_duplicate(new QToolButton(this)), m_remove(new QToolButton(this))
{
    setObjectName(QStringLiteral("conditionRow"));
    m_enabled->setObjectName(QStringLiteral("enabledCheck"));
    m_field->setObjectName(QStringLiteral("fieldButton"));
    m_field->setMinimumWidth(150);
    m_field->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_field->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_operator->setObjectName(QStringLiteral("operatorCombo"));
    m_operator->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_valueLayout->setContentsMargins(0, 0, 0, 0);
    m_valueLayout->setSpacing(4);
    m_impact->setObjectName(QStringLiteral("impactLabel"));
    m_impact->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_impact->setTextFormat(Qt::RichText);
    m_impact->setMinimumWidth(170);
    QPalette muted = m_impact->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_impact->setPalette(muted);
    m_duplicate->setObjectName(QStringLiteral("duplicateButton"));
    m_duplicate->setText(QStringLiteral("❐"));
    m_remove->setObjectName(QStringLiteral("removeButton"));
    m_remove->setText(QStringLiteral("✕"));
    m_note = new QLabel(this);
    m_note->setObjectName(QStringLiteral("rowNote"));
    m_note->setWordWrap(true);
    m_note->setStyleSheet(QStringLiteral("color: #b9770e;"));
    m_note->hide();
    m_typing.setSingleShot(true);
    m_typing.setInterval(300);
    connect(&m_typing, &QTimer::timeout, this, &ConditionRow::commitTyped);

    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 1, 0, 1);
    layout->setSpacing(6);
    layout->addWidget(new DragHandle([this] { return m_path; }, this));
    layout->addWidget(m_enabled);
    layout->addWidget(m_field);
    layout->addWidget(m_operator);
    layout->addWidget(m_valueBox, 1);
    layout->addWidget(m_impact);
    layout->addWidget(m_duplicate);
    layout->addWidget(m_remove);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);
    outer->addLayout(layout);
    m_whereLayout = new QHBoxLayout;
    m_whereLayout->setContentsMargins(36, 0, 0, 2); // under the purchase's field and operator
    outer->addLayout(m_whereLayout);
    outer->addWidget(m_note);

    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        m_builder->edit(on ? tr("Enable condition") : tr("Disable condition"), [this, on](rules::Rule &rule) {
            rules::Node *node = rules::nodeAt(rule, m_path);
            if (!node || !node->condition)
                return false;
            node->condition->enabled = on;
            return true;
        });
    });
    connect(m_field, &QToolButton::clicked, this, [this] {
        fieldPicker()->setFields(m_builder->fields(m_inWhere), !m_inWhere,
                                 m_inWhere ? QStringList() : m_builder->fieldsWithoutValues());
        fieldPicker()->popup(m_field->mapToGlobal(QPoint(0, m_field->height())));
    });
    connect(m_operator, &QComboBox::currentIndexChanged, this, &ConditionRow::chooseOperator);
    connect(m_duplicate, &QToolButton::clicked, this, [this] {
        const rules::NodePath path = m_path;
        m_builder->edit(tr("Duplicate condition"), [path](rules::Rule &rule) { return rules::duplicateNode(rule, path); });
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const rules::NodePath path = m_path;
        m_builder->edit(tr("Delete condition"), [path](rules::Rule &rule) { return rules::removeNode(rule, path).has_value(); });
    });
    retranslate();
}

FieldPicker *ConditionRow::fieldPicker()
{
    if (!m_picker) {
        m_picker = new FieldPicker(this);
        connect(m_picker, &FieldPicker::fieldChosen, this, &ConditionRow::chooseField);
        connect(m_picker, &FieldPicker::purchaseChosen, this, &ConditionRow::choosePurchase);
    }
    return m_picker;
}

ValueListPicker *ConditionRow::valuePicker()
{
    if (!m_valuePicker) {
        m_valuePicker = new ValueListPicker(this);
        connect(m_valuePicker, &ValueListPicker::valuesChanged, this, [this](const QStringList &values) {
            QVariantList list;
            for (const QString &value : values)
                list.append(value);
            commitValues(list);
        });
    }
    return m_valuePicker;
}

QString ConditionRow::operatorLabel(Op op)
{
    switch (op) {
    case Op::Is: return tr("is");
    case Op::IsNot: return tr("is not");
    case Op::In: return tr("is one of");
    case Op::NotIn: return tr("is none of");
    case Op::Contains: return tr("contains");
    case Op::NotContains: return tr("does not contain");
    case Op::StartsWith: return tr("starts with");
    case Op::EndsWith: return tr("ends with");
    case Op::IsEmpty: return tr("is empty");
    case Op::IsNotEmpty: return tr("is not empty");
    case Op::Eq: return tr("=");
    case Op::Ne: return tr("≠");
    case Op::Lt: return tr("<");
    case Op::Le: return tr("≤");
    case Op::Gt: return tr(">");
    case Op::Ge: return tr("≥");
    case Op::Between: return tr("between");
    case Op::TopPercent: return tr("in the top");
    case Op::BottomPercent: return tr("in the bottom");
    case Op::On: return tr("on");
    case Op::Before: return tr("before");
    case Op::After: return tr("after");
    case Op::InLast: return tr("in the last");
    case Op::NotInLast: return tr("not in the last");
    case Op::MoreThanDaysAgo: return tr("more than … ago");
    case Op::InNextDays: return tr("in the next");
    case Op::AnniversaryWithin: return tr("anniversary within");
    case Op::IsTrue: return tr("is yes");
    case Op::IsFalse: return tr("is no");
    case Op::InSegment: return tr("in segment");
    case Op::NotInSegment: return tr("not in segment");
    case Op::Ordered: return tr("ordered");
    case Op::Spent: return tr("spent");
    }
    return {};
}

void ConditionRow::showCondition(const rules::Condition &condition, const rules::NodePath &path)
{
    m_path = path;
    const bool inWhere = m_builder->inWhere(path);
    const bool fieldChanged = !m_everShown || condition.field != m_shown.field || inWhere != m_inWhere ||
                              condition.isPurchase() != m_shown.isPurchase();
    const bool opChanged = fieldChanged || condition.op != m_shown.op;
    const bool valuesChanged = opChanged || !sameValues(condition.values, m_shown.values);
    const bool purchaseChanged = !sameCountAndPeriod(condition, m_shown);
    m_inWhere = inWhere;
    m_shown = condition;
    m_everShown = true;
    {
        const QSignalBlocker blocker(m_enabled);
        m_enabled->setChecked(condition.enabled);
    }
    if (fieldChanged)
        retranslate();
    if (fieldChanged) {
        rebuildOperators();
    } else if (opChanged) {
        const QSignalBlocker blocker(m_operator);
        const int index = m_operator->findData(int(condition.op));
        if (index >= 0)
            m_operator->setCurrentIndex(index);
        else
            rebuildOperators();
    }
    if (fieldChanged || valuesChanged) {
        // The note stays for the change of field that cleared values, and goes with the row's next edit.
        if (!m_noteForNextShow)
            m_cleared.clear();
        m_noteForNextShow = false;
        showNote();
    }
    if (valuesChanged || (purchaseChanged && !m_purchaseEditor))
        rebuildValueEditor();
    else if (purchaseChanged)
        m_purchaseEditor->showPurchase(condition.op, *condition.purchase, m_builder->ordersHaveDates(), m_builder->analysisDate());
    showWhere();
    m_field->setEnabled(condition.enabled);
    m_operator->setEnabled(condition.enabled);
    m_valueBox->setEnabled(condition.enabled);
}

void ConditionRow::refreshChoices()
{
    retranslate();
    rebuildOperators();
    // Only editors offering the field's values change with them: a number, date or period being typed keeps
    // its editor (the value lists arrive while the user may be typing).
    switch (m_shown.op) {
    case Op::Eq: case Op::Ne: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::Between:
    case Op::TopPercent: case Op::BottomPercent: case Op::On: case Op::Before: case Op::After:
    case Op::InLast: case Op::NotInLast: case Op::MoreThanDaysAgo: case Op::InNextDays: case Op::AnniversaryWithin:
    case Op::IsEmpty: case Op::IsNotEmpty: case Op::IsTrue: case Op::IsFalse: case Op::Ordered: case Op::Spent:
        return;
    default:
        rebuildValueEditor();
    }
}

void ConditionRow::showImpact(const std::optional<rules::ConditionImpact> &impact, std::optional<qint64> step)
{
    m_impactShown = impact;
    m_stepShown = step;
    if (!m_shown.enabled) {
        m_impact->setText(tr("off"));
        m_impact->setToolTip(QString());
        return;
    }
    if (!impact)
        return; // keep what was shown until new figures arrive
    const QLocale locale;
    // The words say what the numbers are: how many meet the condition, and what the rule would keep without
    // it (in an "any" group a condition lets customers in, so without it the rule keeps fewer). A purchase
    // condition's row is full of editors: its figures take two lines, so they are read whole at 1280 px.
    const QString meet = tr("%1 meet this").arg(locale.toString(impact->alone));
    const QString without = impact->loses < 0 ? tr("%1 fewer without it").arg(locale.toString(-impact->loses))
                                              : tr("%1 more without it").arg(locale.toString(impact->loses));
    const QString first = step ? QStringLiteral("<b>%1</b> · %2").arg(tr("%1 left").arg(locale.toString(*step)).toHtmlEscaped(),
                                                                    meet.toHtmlEscaped())
                               : meet.toHtmlEscaped();
    m_impact->setText(first + (m_shown.isPurchase() ? QStringLiteral("<br>") : QStringLiteral(" · ")) + without.toHtmlEscaped());
    const QString alone = locale.toString(impact->alone);
    const QString change = locale.toString(std::abs(impact->loses));
    if (m_inWhere) // the purchase's count and period kept, with this as its only line or order condition
        m_impact->setToolTip(impact->loses < 0
                                 ? tr("%1 customers have such purchases when this is the only condition on their lines; without it "
                                      "the rule would keep %2 fewer").arg(alone, change)
                                 : tr("%1 customers have such purchases when this is the only condition on their lines; without it "
                                      "the rule would keep %2 more").arg(alone, change));
    else
        m_impact->setToolTip(impact->loses < 0
                                 ? tr("%1 customers meet this condition on their own; without it the rule would keep %2 fewer").arg(alone, change)
                                 : tr("%1 customers meet this condition on their own; without it the rule would keep %2 more").arg(alone, change));
}

QString ConditionRow::impactText() const
{
    QTextDocument document;
    document.setHtml(m_impact->text());
    QString text = document.toPlainText(); // a purchase's two lines read as one
    text.replace(QChar::LineSeparator, QStringLiteral(" · "));
    text.replace(u'\n', QStringLiteral(" · "));
    return text;
}

QString ConditionRow::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

void ConditionRow::showNote()
{
    if (m_cleared.isEmpty()) {
        m_note->hide();
        m_note->clear();
        return;
    }
    const store::FieldInfo *from = m_builder->field(m_clearedFrom, m_inWhere);
    const store::FieldInfo *to = m_builder->field(m_clearedTo, m_inWhere);
    QStringList names;
    for (const QString &value : std::as_const(m_cleared))
        names.append(QStringLiteral("“%1”").arg(from ? displayValueOf(*from, value) : value));
    m_note->setText(tr("Cleared %1: not a value of %2", nullptr, int(m_cleared.size()))
                        .arg(names.join(QStringLiteral(", ")), to ? FieldPicker::fieldLabel(*to) : m_clearedTo));
    m_note->show();
}

void ConditionRow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange && m_everShown) {
        refreshChoices();
        rebuildValueEditor(); // its labels and suffixes too
        showNote();
        m_builder->conditionsResized();
    }
    QWidget::changeEvent(event);
}

void ConditionRow::retranslate()
{
    m_enabled->setToolTip(tr("Use this condition"));
    m_duplicate->setToolTip(tr("Duplicate condition"));
    m_remove->setToolTip(tr("Delete condition"));
    const store::FieldInfo *field = m_builder->field(m_shown.field, m_inWhere);
    if (field) {
        m_field->setText(FieldPicker::fieldLabel(*field));
        m_field->setToolTip(tr("%1 (%2): click to choose another field").arg(field->name, FieldPicker::typeLabel(field->type)));
    } else if (m_shown.isPurchase()) {
        m_field->setText(tr("Purchases"));
        m_field->setToolTip(tr("What the customer bought, how often or how much, and when: click to choose a field instead"));
    } else if (m_shown.op == Op::InSegment || m_shown.op == Op::NotInSegment) {
        m_field->setText(tr("Saved segment"));
        m_field->setToolTip(tr("Click to choose a field instead"));
    } else {
        m_field->setText(m_builder->fields(m_inWhere).empty() ? m_shown.field : tr("%1 (unknown field)").arg(m_shown.field));
        m_field->setToolTip(tr("Choose a field"));
    }
}

void ConditionRow::rebuildOperators()
{
    const QSignalBlocker blocker(m_operator);
    m_operator->clear();
    const store::FieldInfo *field = m_builder->field(m_shown.field, m_inWhere);
    const bool segment = m_shown.op == Op::InSegment || m_shown.op == Op::NotInSegment;
    std::vector<Op> ops = field                 ? rules::operatorsFor(field->type)
                          : segment             ? std::vector<Op>{Op::InSegment, Op::NotInSegment}
                          : m_shown.isPurchase() ? std::vector<Op>{Op::Ordered, Op::Spent}
                                                : std::vector<Op>{m_shown.op};
    // The operator shown comes first when the field's type does not list it (a rule typed by hand).
    if (std::find(ops.begin(), ops.end(), m_shown.op) == ops.end())
        m_operator->addItem(operatorLabel(m_shown.op), int(m_shown.op));
    for (Op op : ops)
        m_operator->addItem(operatorLabel(op), int(op));
    m_operator->setCurrentIndex(m_operator->findData(int(m_shown.op)));
}

void ConditionRow::chooseField(const QString &name)
{
    const store::FieldInfo *field = m_builder->field(name, m_inWhere);
    if (!field || name == m_shown.field)
        return;
    rules::Condition next = m_shown;
    next.field = name;
    next.purchase.reset();
    const auto ops = rules::operatorsFor(field->type);
    const bool opFits = std::find(ops.begin(), ops.end(), next.op) != ops.end();
    // Values picked from the old field's list that the new field does not hold are cleared ("at_risk" is no
    // value tier), and the row says so; those it holds stay (one city field for another).
    QStringList cleared;
    if (opFits && (next.op == Op::Is || next.op == Op::IsNot || next.op == Op::In || next.op == Op::NotIn)) {
        QVariantList kept;
        for (const QVariant &value : std::as_const(next.values)) {
            if (value.typeId() == QMetaType::QString && !m_builder->holdsValue(name, value.toString(), m_inWhere))
                cleared.append(value.toString());
            else
                kept.append(value);
        }
        next.values = kept;
    }
    if (!opFits || !m_builder->fits(next, m_inWhere)) {
        if (!opFits)
            next.op = store::isNumeric(field->type) ? Op::Ge : ops.front();
        const auto &values = m_builder->valuesOf(name, m_inWhere);
        next.values = rules::defaultValues(field->type, next.op, m_builder->analysisDate(),
                                           values.empty() ? QString() : values.front().value);
    }
    m_cleared = cleared;
    m_clearedFrom = m_shown.field;
    m_clearedTo = name;
    m_noteForNextShow = !cleared.isEmpty();
    const rules::NodePath path = m_path;
    m_builder->edit(tr("Change field"), [path, next](rules::Rule &rule) {
        rules::Node *node = rules::nodeAt(rule, path);
        if (!node || !node->condition)
            return false;
        *node->condition = next;
        return true;
    });
    m_noteForNextShow = false;
}

void ConditionRow::choosePurchase()
{
    if (m_shown.isPurchase() || m_inWhere)
        return;
    rules::Condition next = rules::newPurchaseCondition();
    next.enabled = m_shown.enabled;
    const rules::NodePath path = m_path;
    m_builder->edit(tr("Change field"), [path, next](rules::Rule &rule) {
        rules::Node *node = rules::nodeAt(rule, path);
        if (!node || !node->condition)
            return false;
        *node->condition = next;
        return true;
    });
}

void ConditionRow::editPurchase(const rules::Purchase &purchase, const QString &editName, bool typing)
{
    const rules::NodePath path = m_path;
    QString key;
    if (typing) {
        key = QStringLiteral("purchase/") + editName;
        for (int index : path)
            key += u'/' + QString::number(index);
    }
    m_builder->edit(editName, [path, purchase](rules::Rule &rule) {
        rules::Node *node = rules::nodeAt(rule, path);
        if (!node || !node->condition || !node->condition->purchase)
            return false;
        auto next = std::make_shared<rules::Purchase>(*node->condition->purchase); // its where as the rule has it
        next->compare = purchase.compare;
        next->amounts = purchase.amounts;
        next->period = purchase.period;
        node->condition->purchase = std::move(next);
        return true;
    }, key);
}

void ConditionRow::showWhere()
{
    if (!m_shown.purchase) {
        if (m_where) {
            m_where->hide();
            m_where->setParent(nullptr);
            m_where->deleteLater(); // it may hold the sender of the edit being handled
            m_where = nullptr;
        }
        return;
    }
    if (!m_where) {
        m_where = new GroupFrame(m_builder, GroupFrame::Kind::Where, this);
        m_whereLayout->addWidget(m_where);
        if (isVisible())
            m_where->show(); // now, not on the layout's queued call
    }
    m_where->showGroup(m_shown.purchase->where, m_path);
    m_where->setEnabled(m_shown.enabled);
}

void ConditionRow::chooseOperator(int index)
{
    if (index < 0)
        return;
    const Op op = Op(m_operator->itemData(index).toInt());
    if (op == m_shown.op)
        return;
    rules::Condition next = m_shown;
    next.op = op;
    if (next.purchase) { // ordered <-> spent: the count or amount starts again, the period and where stay
        auto purchase = std::make_shared<rules::Purchase>(*next.purchase);
        purchase->compare = Op::Ge;
        purchase->amounts = {op == Op::Ordered ? 1.0 : 100.0};
        next.purchase = std::move(purchase);
    } else if (!m_builder->fits(next, m_inWhere)) {
        const store::FieldInfo *field = m_builder->field(m_shown.field, m_inWhere);
        const auto &values = m_builder->valuesOf(m_shown.field, m_inWhere);
        QString sample = values.empty() ? QString() : values.front().value;
        if (!m_shown.values.isEmpty() && m_shown.values.front().typeId() == QMetaType::QString &&
            !m_shown.values.front().toString().isEmpty())
            sample = m_shown.values.front().toString(); // "is 上海" becomes "is one of 上海"
        next.values = rules::defaultValues(field ? field->type : store::FieldType::Text, op, m_builder->analysisDate(), sample);
    }
    const rules::NodePath path = m_path;
    m_builder->edit(tr("Change operator"), [path, next](rules::Rule &rule) {
        rules::Node *node = rules::nodeAt(rule, path);
        if (!node || !node->condition)
            return false;
        *node->condition = next;
        return true;
    });
}

void ConditionRow::commitValues(const QVariantList &values)
{
    if (m_builder->isShowing() || sameValues(values, m_shown.values))
        return;
    m_shown.values = values; // the editor already shows them: it stays as it is (a value list's button says them)
    showValuesOnButton();
    if (!m_cleared.isEmpty()) {
        m_cleared.clear();
        showNote();
    }
    const rules::NodePath path = m_path;
    QString key = QStringLiteral("value");
    for (int index : path)
        key += u'/' + QString::number(index);
    m_builder->edit(tr("Change value"), [path, values](rules::Rule &rule) {
        rules::Node *node = rules::nodeAt(rule, path);
        if (!node || !node->condition)
            return false;
        node->condition->values = values;
        return true;
    }, key);
}

QString ConditionRow::displayValue(const QString &value) const
{
    const store::FieldInfo *field = m_builder->field(m_shown.field, m_inWhere);
    return field ? displayValueOf(*field, value) : value;
}

QString ConditionRow::displayValueOf(const store::FieldInfo &field, const QString &value)
{
    switch (field.type) {
    case store::FieldType::Lifecycle:
        return metrics::stageDisplayName(value);
    case store::FieldType::ValueTier:
        return metrics::tierDisplayName(value);
    case store::FieldType::RfmSegment:
        return metrics::rfmDisplayName(value);
    default:
        return value;
    }
}

QWidget *ConditionRow::numberEditor(int index, store::FieldType type)
{
    auto *spin = new QDoubleSpinBox(m_valueBox);
    spin->setObjectName(index == 0 ? QStringLiteral("numberValue") : QStringLiteral("numberValue2"));
    spin->setRange(-1e13, 1e13);
    spin->setDecimals(type == store::FieldType::Integer ? 0 : 2);
    spin->setGroupSeparatorShown(true);
    spin->setMinimumWidth(110);
    if (m_shown.op == Op::TopPercent || m_shown.op == Op::BottomPercent) {
        spin->setRange(0, 100);
        spin->setSuffix(tr(" %"));
    }
    spin->setValue(index < m_shown.values.size() ? m_shown.values[index].toDouble() : 0);
    connect(spin, &QDoubleSpinBox::valueChanged, this, [this, index](double value) {
        QVariantList values = m_typing.isActive() ? m_typed : m_shown.values;
        while (values.size() <= index)
            values.append(0.0);
        values[index] = value;
        typedValues(values);
    });
    connect(spin, &QDoubleSpinBox::editingFinished, this, &ConditionRow::commitTyped);
    return spin;
}

QWidget *ConditionRow::dateEditor(int index)
{
    auto *edit = new QDateEdit(m_valueBox);
    edit->setObjectName(index == 0 ? QStringLiteral("dateValue") : QStringLiteral("dateValue2"));
    edit->setCalendarPopup(true);
    edit->setDisplayFormat(datePattern());
    edit->setKeyboardTracking(false);
    edit->setDate(index < m_shown.values.size() ? m_shown.values[index].toDate() : m_builder->analysisDate());
    connect(edit, &QDateEdit::dateChanged, this, [this, index](const QDate &date) {
        QVariantList values = m_shown.values;
        while (values.size() <= index)
            values.append(date);
        values[index] = date;
        commitValues(values);
    });
    return edit;
}

void ConditionRow::rebuildValueEditor()
{
    m_typing.stop(); // what was being typed belonged to the editor replaced (an undo, another operator)
    m_typed.clear();
    m_purchaseEditor = nullptr; // deleted below with the other editors
    while (QLayoutItem *item = m_valueLayout->takeAt(0)) {
        if (QWidget *widget = item->widget()) {
            widget->hide();
            widget->setParent(nullptr);
            widget->deleteLater(); // it may be the sender of the edit being handled
        }
        delete item;
    }
    const store::FieldInfo *field = m_builder->field(m_shown.field, m_inWhere);
    const store::FieldType type = field ? field->type : store::FieldType::Text;
    const bool numeric = store::isNumeric(type);
    const auto addLabel = [this](const QString &text) { m_valueLayout->addWidget(new QLabel(text, m_valueBox)); };
    switch (m_shown.op) {
    case Op::IsEmpty:
    case Op::IsNotEmpty:
    case Op::IsTrue:
    case Op::IsFalse:
        break;
    case Op::Eq:
    case Op::Ne:
    case Op::Lt:
    case Op::Le:
    case Op::Gt:
    case Op::Ge:
        m_valueLayout->addWidget(numberEditor(0, type));
        break;
    case Op::TopPercent:
    case Op::BottomPercent:
        m_valueLayout->addWidget(numberEditor(0, store::FieldType::Decimal));
        break;
    case Op::Between:
        if (numeric) {
            m_valueLayout->addWidget(numberEditor(0, type));
            addLabel(tr("and"));
            m_valueLayout->addWidget(numberEditor(1, type));
        } else {
            m_valueLayout->addWidget(dateEditor(0));
            addLabel(tr("and"));
            m_valueLayout->addWidget(dateEditor(1));
        }
        break;
    case Op::On:
    case Op::Before:
    case Op::After:
        m_valueLayout->addWidget(dateEditor(0));
        break;
    case Op::InLast:
    case Op::NotInLast: {
        auto *count = new QSpinBox(m_valueBox);
        count->setObjectName(QStringLiteral("periodCount"));
        count->setRange(0, 100000);
        count->setValue(m_shown.values.isEmpty() ? 30 : int(m_shown.values.front().toDouble()));
        auto *unit = new QComboBox(m_valueBox);
        unit->setObjectName(QStringLiteral("periodUnit"));
        unit->addItem(tr("days"), QStringLiteral("days"));
        unit->addItem(tr("weeks"), QStringLiteral("weeks"));
        unit->addItem(tr("months"), QStringLiteral("months"));
        unit->setCurrentIndex(std::max(0, unit->findData(m_shown.values.value(1).toString())));
        connect(count, &QSpinBox::valueChanged, this,
                [this, unit](int value) { typedValues({double(value), unit->currentData().toString()}); });
        connect(count, &QSpinBox::editingFinished, this, &ConditionRow::commitTyped);
        connect(unit, &QComboBox::currentIndexChanged, this, [this, count, unit] {
            m_typing.stop();
            m_typed.clear();
            commitValues({double(count->value()), unit->currentData().toString()});
        });
        m_valueLayout->addWidget(count);
        m_valueLayout->addWidget(unit);
        break;
    }
    case Op::MoreThanDaysAgo:
    case Op::InNextDays:
    case Op::AnniversaryWithin: {
        auto *days = new QSpinBox(m_valueBox);
        days->setObjectName(QStringLiteral("dayCount"));
        days->setRange(0, 100000);
        days->setSuffix(tr(" days"));
        days->setValue(m_shown.values.isEmpty() ? 30 : int(m_shown.values.front().toDouble()));
        connect(days, &QSpinBox::valueChanged, this, [this](int value) { typedValues({double(value)}); });
        connect(days, &QSpinBox::editingFinished, this, &ConditionRow::commitTyped);
        m_valueLayout->addWidget(days);
        break;
    }
    case Op::In:
    case Op::NotIn:
        if (numeric) {
            auto *list = new QLineEdit(m_valueBox);
            list->setObjectName(QStringLiteral("numberList"));
            list->setPlaceholderText(tr("numbers separated by commas"));
            QStringList texts;
            for (const QVariant &v : std::as_const(m_shown.values))
                texts.append(QLocale::c().toString(v.toDouble(), 'g', 15));
            list->setText(texts.join(QStringLiteral(", ")));
            connect(list, &QLineEdit::editingFinished, this, [this, list] {
                QVariantList values;
                const QStringList parts = list->text().split(u',', Qt::SkipEmptyParts);
                for (const QString &part : parts) {
                    bool ok = false;
                    const double value = QLocale::c().toDouble(part.trimmed(), &ok);
                    if (ok)
                        values.append(value);
                }
                commitValues(values);
            });
            m_valueLayout->addWidget(list);
        } else {
            auto *button = new QToolButton(m_valueBox);
            button->setObjectName(QStringLiteral("valuesButton"));
            button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
            connect(button, &QToolButton::clicked, this, [this, button] {
                QStringList checked;
                for (const QVariant &v : std::as_const(m_shown.values))
                    checked.append(v.toString());
                valuePicker()->setValues(m_builder->valuesOf(m_shown.field, m_inWhere), checked,
                                         [this](const QString &value) { return displayValue(value); });
                valuePicker()->popup(button->mapToGlobal(QPoint(0, button->height())));
            });
            m_valueLayout->addWidget(button);
            showValuesOnButton();
        }
        break;
    case Op::Ordered:
    case Op::Spent:
        if (m_shown.purchase) {
            m_purchaseEditor = new PurchaseEditor(m_valueBox);
            m_purchaseEditor->showPurchase(m_shown.op, *m_shown.purchase, m_builder->ordersHaveDates(), m_builder->analysisDate());
            connect(m_purchaseEditor, &PurchaseEditor::purchaseEdited, this, &ConditionRow::editPurchase);
            m_valueLayout->addWidget(m_purchaseEditor);
        }
        break;
    default: { // text operators and "in segment"
        auto *edit = new QLineEdit(m_valueBox);
        edit->setObjectName(QStringLiteral("textValue"));
        edit->setText(m_shown.values.value(0).toString());
        QStringList words;
        for (const rules::ValueCount &v : m_builder->valuesOf(m_shown.field, m_inWhere))
            words.append(v.value);
        if (!words.isEmpty()) {
            auto *completer = new QCompleter(words, edit);
            completer->setCaseSensitivity(Qt::CaseInsensitive);
            completer->setFilterMode(Qt::MatchContains);
            edit->setCompleter(completer);
        }
        connect(edit, &QLineEdit::editingFinished, this, [this, edit] { commitValues({edit->text()}); });
        m_valueLayout->addWidget(edit);
        break;
    }
    }
    m_valueLayout->addStretch(1);
    // Shown now, not on the layout's queued call: a picture taken meanwhile (or a test) would miss them.
    if (m_valueBox->isVisible()) {
        for (QWidget *editor : m_valueBox->findChildren<QWidget *>(Qt::FindDirectChildrenOnly))
            editor->show();
    }
}

void ConditionRow::typedValues(const QVariantList &values)
{
    m_typed = values;
    m_typing.start(); // restarted by each key: the figures follow once typing pauses
}

void ConditionRow::commitTyped()
{
    if (!m_typing.isActive() && m_typed.isEmpty())
        return;
    m_typing.stop();
    const QVariantList values = m_typed;
    m_typed.clear();
    commitValues(values);
}

void ConditionRow::showValuesOnButton()
{
    auto *button = m_valueBox->findChild<QToolButton *>(QStringLiteral("valuesButton"), Qt::FindDirectChildrenOnly);
    if (!button)
        return;
    QStringList shown;
    for (const QVariant &v : std::as_const(m_shown.values))
        shown.append(displayValue(v.toString()));
    const QString text = shown.isEmpty() ? tr("Choose values…") : shown.join(QStringLiteral(", "));
    button->setText(button->fontMetrics().elidedText(text, Qt::ElideRight, 320));
    button->setToolTip(text);
}

} // namespace segmenta::ui
