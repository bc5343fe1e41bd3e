#include "rulepanel.h"

#include "builder/rulebuilder.h"
#include "rules/ruletext.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QUndoCommand>
#include <QUndoStack>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

// Opening a rule (a saved segment, a new rule, an imported segment) as a step of the window's history: undo
// shows what was being edited before, segment and all.
class OpenRuleCommand : public QUndoCommand
{
public:
    OpenRuleCommand(RulePanel *panel, const QString &name, RulePanel::Shown before, RulePanel::Shown after)
        : QUndoCommand(name), m_panel(panel), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void undo() override { m_panel->showState(m_before); }
    void redo() override { m_panel->showState(m_after); }

private:
    RulePanel *m_panel;
    RulePanel::Shown m_before;
    RulePanel::Shown m_after;
};

} // namespace

RulePanel::RulePanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_header(new QHBoxLayout), m_builder(new RuleBuilder(this)), m_editor(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_save(new QPushButton(this))
{
    m_title->setObjectName(QStringLiteral("ruleTitle"));
    m_save->setObjectName(QStringLiteral("saveSegmentButton"));
    m_status->setObjectName(QStringLiteral("ruleSummary"));
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_editor->setObjectName(QStringLiteral("ruleEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setFixedHeight(m_editor->fontMetrics().lineSpacing() * 2 + 14); // the builder above shows the structure
    m_editor->setTabChangesFocus(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &RulePanel::parse);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_keepText)
            m_debounce.start();
    });
    connect(m_save, &QPushButton::clicked, this, &RulePanel::saveRequested);
    connect(m_builder, &RuleBuilder::ruleEdited, this, &RulePanel::showBuilderRule);
    connect(m_builder, &RuleBuilder::contentHeightChanged, this, &RulePanel::contentHeightChanged);

    m_header->addWidget(m_title, 1);
    m_header->addWidget(m_builder->stepCountsBox());
    m_header->addWidget(m_builder->templatesButton());
    m_header->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(m_header);
    layout->addWidget(m_builder, 1);
    layout->addWidget(m_editor);
    layout->addWidget(m_status);
    retranslate();
}

void RulePanel::addHeaderWidget(QWidget *widget)
{
    m_header->insertWidget(m_header->indexOf(m_save), widget);
}

void RulePanel::setHistory(QUndoStack *history)
{
    m_history = history;
    m_builder->setUndoStack(history);
}

RulePanel::Shown RulePanel::shown() const
{
    return {m_builder->rule(), m_editor->toPlainText(), m_segmentName, m_segmentId, m_savedRule};
}

void RulePanel::showState(const Shown &state)
{
    m_segmentName = state.segmentName;
    m_segmentId = state.segmentId;
    m_savedRule = state.savedRule;
    m_keepText = true;
    m_editor->setPlainText(state.text);
    m_debounce.stop();
    m_editor->setExtraSelections({});
    m_status->setStyleSheet(QString());
    m_status->setText(m_summary);
    m_builder->showRule(state.rule, false); // passed on through showBuilderRule, the text left as it is
    m_keepText = false;
    retranslate();
}

void RulePanel::setRuleText(const QString &text, const QString &segmentName, qint64 segmentId, bool quietly)
{
    if (m_history && !quietly) {
        const auto rule = rules::RuleText::parse(text);
        if (rule && rule.value() == m_builder->rule() && segmentName == m_segmentName && segmentId == m_segmentId)
            return; // opened again: nothing changes
        if (rule) {
            const Shown after{rule.value(), text, segmentName, segmentId,
                              segmentName.isEmpty() ? std::nullopt : std::optional<rules::Rule>(rule.value())};
            m_history->push(new OpenRuleCommand(this, segmentName.isEmpty() ? tr("New rule") : tr("Open segment “%1”").arg(segmentName),
                                                shown(), after));
            return;
        }
    }
    m_segmentName = segmentName;
    m_segmentId = segmentId;
    m_savedRule.reset();
    retranslate();
    m_keepText = true;
    m_editor->setPlainText(text);
    m_keepText = false;
    m_debounce.stop();
    const auto rule = rules::RuleText::parse(text);
    if (!rule) {
        underlineError(rule.errorMessage());
        showProblem(rule.errorMessage());
        return;
    }
    m_editor->setExtraSelections({});
    m_status->setStyleSheet(QString());
    m_status->setText(m_summary);
    if (!segmentName.isEmpty())
        m_savedRule = rule.value();
    // A segment opened: the builder follows the text as it was saved; without the window's history, a new one.
    m_keepText = true;
    if (m_history)
        m_builder->showRule(rule.value(), false);
    else
        m_builder->resetRule(rule.value());
    m_keepText = false;
}

void RulePanel::setSegment(qint64 id, const QString &name, const std::optional<rules::Rule> &saved)
{
    m_segmentId = id;
    m_segmentName = id ? name : QString();
    m_savedRule = id ? saved : std::nullopt;
    retranslate();
}

bool RulePanel::isModified() const
{
    return !m_segmentName.isEmpty() && m_savedRule && !(*m_savedRule == m_builder->rule());
}

QString RulePanel::title() const
{
    return m_title->text();
}

QString RulePanel::ruleText() const
{
    return m_editor->toPlainText();
}

QUndoStack *RulePanel::undoStack() const
{
    return m_builder->undoStack();
}

void RulePanel::setEvaluationData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context)
{
    m_context = context;
    m_builder->setData(std::move(cache), context);
}

void RulePanel::setSummary(const QString &summary)
{
    m_summary = summary;
    m_status->setStyleSheet(QString());
    m_status->setText(summary);
}

void RulePanel::showProblem(const QString &message)
{
    const QString positioned = textProblem();
    m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_status->setText(positioned.isEmpty() ? message : positioned);
}

QString RulePanel::textProblem()
{
    if (!m_context)
        return {};
    rules::ConditionPositions positions;
    const auto rule = rules::RuleText::parse(m_editor->toPlainText(), &positions);
    if (!rule || !(rule.value() == m_builder->rule()))
        return {}; // a parse error says where itself; a text being typed is not the rule evaluated
    const auto valid = m_context->validate(m_context->withStoredValues(rule.value()), &positions);
    if (valid)
        return {};
    underlineError(valid.errorMessage());
    return valid.errorMessage();
}

void RulePanel::parse()
{
    const auto rule = rules::RuleText::parse(m_editor->toPlainText());
    if (!rule) {
        underlineError(rule.errorMessage());
        showProblem(rule.errorMessage());
        return;
    }
    m_editor->setExtraSelections({});
    m_status->setStyleSheet(QString());
    m_status->setText(m_summary);
    if (rule.value() == m_builder->rule()) {
        Q_EMIT ruleChanged(rule.value()); // the same rule, typed differently
        return;
    }
    m_builder->setRuleFromText(rule.value()); // passes it on through showBuilderRule
}

void RulePanel::showBuilderRule(const rules::Rule &rule, bool fromText)
{
    if (!fromText && !m_keepText) {
        m_keepText = true;
        m_editor->setPlainText(rules::RuleText::print(rule));
        m_keepText = false;
        m_debounce.stop();
        m_editor->setExtraSelections({});
        m_status->setStyleSheet(QString());
        m_status->setText(m_summary);
    }
    retranslate(); // the header says whether the rule still is the saved segment's
    Q_EMIT ruleChanged(rule);
}

void RulePanel::underlineError(const QString &message)
{
    // The parser's messages start "line L, column C: …" (translated, so the numbers are what is read).
    static const QRegularExpression position(QStringLiteral("(\\d+)\\D+(\\d+)"));
    const auto match = position.match(message);
    if (!match.hasMatch()) {
        m_editor->setExtraSelections({});
        return;
    }
    const QTextBlock block = m_editor->document()->findBlockByNumber(match.captured(1).toInt() - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    const int column = std::clamp(match.captured(2).toInt() - 1, 0, std::max(0, block.length() - 1));
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, column);
    if (!cursor.movePosition(QTextCursor::EndOfWord, QTextCursor::KeepAnchor) || !cursor.hasSelection())
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    if (!cursor.hasSelection()) {
        cursor.movePosition(QTextCursor::StartOfBlock);
        cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
    }
    QTextEdit::ExtraSelection selection;
    selection.cursor = cursor;
    selection.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    selection.format.setUnderlineColor(QColor(0xc0, 0x39, 0x2b));
    selection.format.setToolTip(message);
    m_editor->setExtraSelections({selection});
}

void RulePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RulePanel::retranslate()
{
    m_title->setText(m_segmentName.isEmpty() ? tr("Rule (all customers when empty)")
                     : isModified()          ? tr("Rule of segment “%1” (modified)").arg(m_segmentName)
                                             : tr("Rule of segment “%1”").arg(m_segmentName));
    m_title->setToolTip(isModified() ? tr("The rule differs from the saved segment: Segment > Update Segment saves it") : QString());
    m_save->setText(tr("Save as Segment…"));
    m_editor->setPlaceholderText(tr("For example: total_spend >= 1000 and city in (\"上海\", \"北京\")"));
}

} // namespace segmenta::ui
