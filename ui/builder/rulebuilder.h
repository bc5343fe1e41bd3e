#pragma once

#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"
#include "rules/ruleedit.h"
#include "rules/stepcounts.h"

#include <QHash>
#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QLabel;
class QScrollArea;
class QPushButton;
class QUndoStack;

namespace segmenta::ui {

class ConditionCounter;
class GroupFrame;

// The visual rule builder: the rule as nested group frames (all / any / none) holding condition rows (field,
// operator, value), with a Templates menu of the playbook's segments. It owns the rule being edited and a
// QUndoStack: every edit (edit()) is a RuleEditCommand, so the window's Edit > Undo/Redo reach all of them.
// After each change it emits ruleEdited; the widgets are brought up to date in place (a row keeps its focus
// while its own value is typed). Once setData() gave it the workspace's columns it offers the fields, their
// distinct values with counts, and shows on each condition what it keeps and what the rule loses because of
// it (computed off the GUI thread by ConditionCounter; old figures stay until new ones arrive).
// GUI thread only. A rule that names unknown fields is still shown (the field button says so).
class RuleBuilder : public QWidget
{
    Q_OBJECT

public:
    explicit RuleBuilder(QWidget *parent = nullptr);
    ~RuleBuilder() override;

    const rules::Rule &rule() const { return m_rule; }
    QUndoStack *undoStack() const { return m_undo; }
    // Edits go to `stack` from now on (the window's one history) instead of the builder's own.
    void setUndoStack(QUndoStack *stack);

    // Starts over with `rule` (a segment was opened): clears the undo history.
    void resetRule(const rules::Rule &rule);
    // A rule typed in the text form: an undoable edit that leaves the typed text as it is.
    void setRuleFromText(const rules::Rule &rule);
    // The workspace's customer columns and rule context (fields, analysis date, saved segments).
    void setData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context);
    // Replaces the rule with playbook template `index` (Playbook::templates()) as one undoable edit.
    void applyTemplate(size_t index);
    // Adds the conditions to the rule (to the top group when it matches all, else around it), as one undo step.
    void narrow(const std::vector<rules::Condition> &conditions, const QString &commandText);
    QString recommendedAction() const;
    // The warnings shown above the conditions: values no customer holds, with the closest ones (issue 18).
    QString warningText() const;

    // For the builder's own widgets: applies `change` to a copy of the rule and pushes it as one command
    // named `name`; nothing happens when `change` returns false or leaves the rule as it was. Edits with the
    // same non-empty mergeKey in a row merge into one undo step.
    void edit(const QString &name, const std::function<bool(rules::Rule &)> &change, const QString &mergeKey = QString());
    // Called by RuleEditCommand.
    void showRule(const rules::Rule &rule, bool fromText);
    // True while showRule() brings the widgets up to date (their signals then are not edits).
    bool isShowing() const { return m_showing; }

    // The fields a condition may name: the customer fields, or with `where` (a condition of a purchase's
    // where-group) the order and line fields. The same `where` flag for the other look-ups below.
    const std::vector<store::FieldInfo> &fields(bool where = false) const
    {
        return where ? m_context.orderFields : m_context.fields;
    }
    // The customer fields no customer has a value in (the field picker lists them apart).
    const QStringList &fieldsWithoutValues() const { return m_withoutValues; }
    const store::FieldInfo *field(const QString &name, bool where = false) const
    {
        return where ? m_context.orderField(name) : m_context.field(name);
    }
    // Whether the node at `path` is a condition (or group) of a purchase condition's where-group.
    bool inWhere(const rules::NodePath &path) const;
    // Whether a purchase condition may have a period (some order has a date).
    bool ordersHaveDates() const { return m_context.ordersHaveDates; }
    QDate analysisDate() const;
    // Whether `condition` alone would pass the rule context's validation (field, operator, values); with
    // `where`, as the one condition of a purchase condition's where-group.
    bool fits(const rules::Condition &condition, bool where = false) const;
    // The field's distinct values with their counts: customers holding each, or with `where`, customers who
    // made a purchase holding it (rules::purchaseValues, read once a rule has a purchase condition).
    const std::vector<rules::ValueCount> &valuesOf(const QString &field, bool where = false) const;
    // Whether `value` can be a value of `field`: one of a fixed field's values (lifecycle stages, value tiers,
    // RFM names) or one the workspace holds. True when that cannot be told (the values not loaded yet, or
    // too many to list).
    bool holdsValue(const QString &field, const QString &value, bool where = false) const;
    // For the builder's rows: their height changed without an edit (the language switched, a where-group
    // appeared), so the owner fits the rule's area again (contentHeightChanged).
    void conditionsResized() { heightChanged(); }
    // A condition to add to the group at `groupPath`: a copy of its last condition on a known field (another
    // city after a city), else "total spend >= 0"; in a purchase's where-group "category is one of" the most
    // bought category (else the first order field's default).
    rules::Condition newCondition(const rules::NodePath &groupPath) const;
    std::optional<rules::ConditionImpact> impactAt(const rules::NodePath &path) const;
    // The count left after the root group's child at `path` (a condition directly in the root), while the
    // step counts are shown; nullopt otherwise.
    std::optional<qint64> stepAt(const rules::NodePath &path) const;
    // Whether each condition of the root group also shows how many customers are left after it, reading the
    // rule from the top (the "Counts after each step" box under the rule; remembered in AppSettings).
    bool showsStepCounts() const;
    void setShowsStepCounts(bool show);
    QCheckBox *stepCountsBox() const { return m_stepsBox; }
    GroupFrame *rootFrame() const { return m_root; }
    // The Templates menu button, for the owner to place in its header (it is laid out nowhere else).
    QPushButton *templatesButton() const { return m_templates; }
    // As tall as the conditions (QScrollArea keeps the first size hint of its content: this asks the content).
    QSize sizeHint() const override;

Q_SIGNALS:
    // After every change of the rule; `fromText` when it came from the text form.
    void ruleEdited(const segmenta::rules::Rule &rule, bool fromText);
    void impactsShown();
    // The conditions' height may have changed without an edit (a where-group shown, value editors rebuilt, rows shown by their layout):
    // the owner fits the rule's area again.
    void contentHeightChanged();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;


private:
    void retranslate();
    void heightChanged();
    void fillTemplatesMenu();
    void showImpacts(const std::vector<rules::ConditionImpact> &impacts, const std::vector<rules::StepCount> &steps,
                     const QStringList &warnings);
    void showRowImpacts();
    void refreshRows();
    bool hasPurchase(const rules::Group &group) const;

    rules::Rule m_rule;
    rules::RuleContext m_context;
    QStringList m_withoutValues;
    QHash<QString, std::vector<rules::ValueCount>> m_values;
    QHash<QString, std::vector<rules::ValueCount>> m_purchaseValues;
    std::vector<rules::ConditionImpact> m_impacts;
    std::vector<rules::StepCount> m_steps;
    QUndoStack *m_undo;
    ConditionCounter *m_counter;
    QPushButton *m_templates;
    QLabel *m_action;
    QLabel *m_warnings;
    QScrollArea *m_scroll;
    GroupFrame *m_root;
    QCheckBox *m_stepsBox;
    bool m_showing = false; // inside showRule()
    int m_template = -1; // the last template applied, and its rule
    rules::Rule m_templateRule;
    int m_contentHeight = -1; // the conditions' height last told
};

} // namespace segmenta::ui
