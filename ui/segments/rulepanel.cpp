#include "rulepanel.h"

#include "builder/rulebuilder.h"
#include "rules/ruletext.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTextBlock>
#include <QVBoxLayout>

namespace segmenta::ui {

RulePanel::RulePanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_builder(new RuleBuilder(this)), m_editor(new QPlainTextEdit(this)),
      m_status(new QLabel(this)), m_save(new QPushButton(this))
{
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

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_builder->templatesButton());
    header->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(header);
    layout->addWidget(m_builder, 1);
    layout->addWidget(m_editor);
    layout->addWidget(m_status);
    retranslate();
}

void RulePanel::setRuleText(const QString &text, const QString &segmentName)
{
    m_segmentName = segmentName;
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
    // A segment opened: a new history, and the builder follows the text as it was saved.
    m_keepText = true;
    m_builder->resetRule(rule.value());
    m_keepText = false;
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
    m_status->setStyleSheet(QStringLiteral("color: #c0392b;"));
    m_status->setText(message);
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
                                             : tr("Rule of segment “%1”").arg(m_segmentName));
    m_save->setText(tr("Save as Segment…"));
    m_editor->setPlaceholderText(tr("For example: total_spend >= 1000 and city in (\"上海\", \"北京\")"));
}

} // namespace segmenta::ui
