#pragma once

#include "rules/rule.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace segmenta::ui {

// The rule in its text form, editable: each pause in typing parses it, and a rule that reads correctly is
// passed on (ruleChanged); a rule that does not shows the parser's message (line, column, what was expected)
// and the last good rule stays in effect. GUI thread.
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

Q_SIGNALS:
    void ruleChanged(const segmenta::rules::Rule &rule);
    void saveRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void parse();
    void retranslate();

    QLabel *m_title;
    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QPushButton *m_save;
    QTimer m_debounce;
    QString m_segmentName;
    QString m_summary;
};

} // namespace segmenta::ui
