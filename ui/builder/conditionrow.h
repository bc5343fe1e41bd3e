#pragma once

#include "rules/columnarevaluator.h"
#include "rules/rule.h"
#include "rules/ruleedit.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace segmenta::ui {

class FieldPicker;
class GroupFrame;
class PurchaseEditor;
class RuleBuilder;
class ValueListPicker;

// One condition of the rule builder: an enable check box, the field (a button opening the FieldPicker), an
// operator fitting the field's type, a value editor fitting the type and operator (number or money spin box,
// date picker, "in the last N days/weeks/months", a multi-select of the field's values with counts, a line
// edit completing the field's values), what the condition keeps and what the rule loses because of it, and
// duplicate / delete buttons. Choosing another field keeps the values that fit it and clears the others (the
// row says which, until its next edit). Number fields pass on what is typed after a pause of about 300 ms
// (and at once on Enter or leaving the field), so the figures follow the typing. It never changes the rule itself: each edit goes to RuleBuilder::edit() as an
// undoable command, and showCondition() brings the row up to date afterwards, rebuilding only the parts whose
// field, operator or values changed (so a spin box being typed in keeps its focus).
// A purchase condition ("Purchased…" in the field picker) shows "ordered" or "spent", a PurchaseEditor (how
// often or how much, and when), and below the row its where-group as a GroupFrame whose rows name order and
// line fields and offer the values bought, with how many customers bought each; each of those rows has its
// own figures (the purchase with that condition as its only line condition; what the rule keeps more
// without it). Owned by its GroupFrame; GUI thread.
class ConditionRow : public QWidget
{
    Q_OBJECT

public:
    ConditionRow(RuleBuilder *builder, QWidget *parent = nullptr);

    void showCondition(const rules::Condition &condition, const rules::NodePath &path);
    // What the condition does to the rule ("5,497 meet this · 1,200 more without it"), and with `step` how many
    // customers are left after it, reading the rule from the top ("783 left"); nullopt keeps what was shown
    // until new figures arrive.
    void showImpact(const std::optional<rules::ConditionImpact> &impact, std::optional<qint64> step = std::nullopt);
    // Shown again with the builder's current fields and values (after setData()); a number, date or period
    // editor stays as it is (it may be being typed in).
    void refreshChoices();
    const rules::NodePath &path() const { return m_path; }
    // A purchase condition's where-group, nullptr for other conditions.
    GroupFrame *whereFrame() const { return m_where; }
    // The impact label's words as one line (without the emphasis of the step count; a purchase's two lines
    // joined by " · ").
    QString impactText() const;
    // The note under the row (values cleared by a change of field), empty when none is shown.
    QString noteText() const;
    // The popups, made on first use.
    FieldPicker *fieldPicker();
    ValueListPicker *valuePicker();

    static QString operatorLabel(rules::Op op);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rebuildOperators();
    void rebuildValueEditor();
    void chooseField(const QString &name);
    void choosePurchase();
    void editPurchase(const rules::Purchase &purchase, const QString &editName, bool typing);
    void showWhere();
    void chooseOperator(int index);
    void commitValues(const QVariantList &values);
    // A number being typed: committed once typing pauses (m_typing), or at once by commitTyped().
    void typedValues(const QVariantList &values);
    void commitTyped();
    void showValuesOnButton();
    void showNote();
    QString displayValue(const QString &value) const;
    static QString displayValueOf(const store::FieldInfo &field, const QString &value);
    QWidget *numberEditor(int index, store::FieldType type);
    QWidget *dateEditor(int index);

    RuleBuilder *m_builder;
    rules::NodePath m_path;
    rules::Condition m_shown;
    bool m_everShown = false;
    bool m_inWhere = false; // a condition of a purchase's where-group: order and line fields
    GroupFrame *m_where = nullptr;
    QHBoxLayout *m_whereLayout = nullptr; // holds m_where, indented
    QPointer<PurchaseEditor> m_purchaseEditor;
    QCheckBox *m_enabled;
    QToolButton *m_field;
    QComboBox *m_operator;
    QWidget *m_valueBox;
    QHBoxLayout *m_valueLayout;
    QLabel *m_impact;
    QToolButton *m_duplicate;
    QToolButton *m_remove;
    FieldPicker *m_picker = nullptr;
    ValueListPicker *m_valuePicker = nullptr;
    std::optional<rules::ConditionImpact> m_impactShown;
    std::optional<qint64> m_stepShown;
    QLabel *m_note;
    QTimer m_typing;
    QVariantList m_typed;
    // Values a change of field cleared, as stored, and that field (for their display names): the note says so.
    QStringList m_cleared;
    QString m_clearedFrom;
    QString m_clearedTo;
    bool m_noteForNextShow = false; // the edit being pushed is the change of field that cleared them
};

} // namespace segmenta::ui
