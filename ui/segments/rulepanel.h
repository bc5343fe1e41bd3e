#pragma once

#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <QTimer>
#include <QWidget>

#include <memory>

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
// rewrites the text and is passed on too. GUI thread.
class RulePanel : public QWidget
{
    Q_OBJECT

public:
    explicit RulePanel(QWidget *parent = nullptr);

    void setRuleText(const QString &text, const QString &segmentName = QString());
    QString ruleText() const;
    QString segmentName() const { return m_segmentName; }
    void setSummary(const QString &summary);
    // Shows a problem the evaluation found (unknown field, wrong operator for the type).
    void showProblem(const QString &message);

    RuleBuilder *builder() const { return m_builder; }
    // The builder's undo history, for the window's Edit > Undo / Redo.
    QUndoStack *undoStack() const;
    // The workspace's customer columns and rule context, for the builder's fields, value lists and counts.
    void setEvaluationData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context);

Q_SIGNALS:
    void ruleChanged(const segmenta::rules::Rule &rule);
    void saveRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void parse();
    void showBuilderRule(const rules::Rule &rule, bool fromText);
    void underlineError(const QString &message);
    void retranslate();

    QLabel *m_title;
    RuleBuilder *m_builder;
    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QPushButton *m_save;
    QTimer m_debounce;
    QString m_segmentName;
    QString m_summary;
    bool m_keepText = false; // the builder is following the text: leave the text as typed
};

} // namespace segmenta::ui
