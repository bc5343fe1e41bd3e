#pragma once

#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QHBoxLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QUndoStack;

namespace segmenta::ui {

class RuleBuilder;

// The rule being edited, in two forms kept in sync: the visual RuleBuilder above, and the text form below.
// Each pause in typing parses the text; a rule that reads correctly rebuilds the builder (an undoable edit)
// and is passed on (ruleChanged); one that does not shows the parser's message (line, column, what was
// expected), underlines where it went wrong, and the last good rule stays in effect. Every builder edit
// rewrites the text and is passed on too. The header names the saved segment being edited (by id, so that a
// rename or an undone save is followed) and says when the rule differs from the one saved. GUI thread.
class RulePanel : public QWidget
{
    Q_OBJECT

public:
    explicit RulePanel(QWidget *parent = nullptr);

    // Opens a rule (of saved segment `segmentId` named `segmentName`, when given). With a history (setHistory)
    // that is a step of it ("Open segment “VIP”"), unless `quietly` (the workspace read again); without one,
    // the builder's own history starts anew.
    void setRuleText(const QString &text, const QString &segmentName = QString(), qint64 segmentId = 0, bool quietly = false);
    // The window's one history: opening rules and every builder edit become steps of `history`.
    void setHistory(QUndoStack *history);
    QString ruleText() const;
    QString segmentName() const { return m_segmentName; }
    qint64 segmentId() const { return m_segmentId; }
    // The saved segment being edited changed (saved, renamed, deleted or put back): the header follows; the
    // rule and its undo history stay. Id 0: no saved segment is being edited any more.
    void setSegment(qint64 id, const QString &name, const std::optional<rules::Rule> &saved);
    // Whether the rule differs from the saved segment's (false when no saved segment is edited).
    bool isModified() const;
    QString title() const;
    void setSummary(const QString &summary);
    // Puts `widget` in the header line, before the Save button (the window's Member Preview toggle).
    void addHeaderWidget(QWidget *widget);
    // Shows a problem the evaluation found (unknown field, wrong operator for the type). When the text shown
    // is the rule and the rule context refuses it, the context's message is shown instead, which names the
    // line and column of the condition (and that place is underlined).
    void showProblem(const QString &message);

    RuleBuilder *builder() const { return m_builder; }
    // The builder's undo history, for the window's Edit > Undo / Redo.
    QUndoStack *undoStack() const;
    // The workspace's customer columns and rule context, for the builder's fields, value lists and counts.
    void setEvaluationData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context);

Q_SIGNALS:
    void ruleChanged(const segmenta::rules::Rule &rule);
    // The builder's conditions changed height without a change of rule (RuleBuilder::contentHeightChanged).
    void contentHeightChanged();
    void saveRequested();

protected:
    void changeEvent(QEvent *event) override;

public:
    // What the panel shows: an opened rule's step keeps the one before and the one after (for its undo command).
    struct Shown
    {
        rules::Rule rule;
        QString text;
        QString segmentName;
        qint64 segmentId = 0;
        std::optional<rules::Rule> savedRule;
    };
    Shown shown() const;
    void showState(const Shown &state);

private:
    void parse();
    void showBuilderRule(const rules::Rule &rule, bool fromText);
    void underlineError(const QString &message);
    // The rule context's message, with line and column, about the text as a rule; empty when it is fine.
    QString textProblem();
    void retranslate();

    QLabel *m_title;
    QHBoxLayout *m_header;
    RuleBuilder *m_builder;
    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QPushButton *m_save;
    QTimer m_debounce;
    QString m_segmentName;
    qint64 m_segmentId = 0;
    std::optional<rules::Rule> m_savedRule;
    QUndoStack *m_history = nullptr;
    QString m_summary;
    std::optional<rules::RuleContext> m_context; // setEvaluationData()'s
    bool m_keepText = false; // the builder is following the text: leave the text as typed
};

} // namespace segmenta::ui
