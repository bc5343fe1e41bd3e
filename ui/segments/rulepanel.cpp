#include "rulepanel.h"

#include "rules/ruletext.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace segmenta::ui {

RulePanel::RulePanel(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_editor(new QPlainTextEdit(this)), m_status(new QLabel(this)),
      m_save(new QPushButton(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_editor->setObjectName(QStringLiteral("ruleEditor"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setFixedHeight(m_editor->fontMetrics().lineSpacing() * 3 + 14);
    m_editor->setTabChangesFocus(true);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &RulePanel::parse);
    connect(m_editor, &QPlainTextEdit::textChanged, &m_debounce, qOverload<>(&QTimer::start));
    connect(m_save, &QPushButton::clicked, this, &RulePanel::saveRequested);

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_save);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 4);
    layout->addLayout(header);
    layout->addWidget(m_editor);
    layout->addWidget(m_status);
    retranslate();
}

void RulePanel::setRuleText(const QString &text, const QString &segmentName)
{
    m_segmentName = segmentName;
    retranslate();
    m_editor->setPlainText(text);
    m_debounce.stop();
    parse();
}

QString RulePanel::ruleText() const
{
    return m_editor->toPlainText();
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
        showProblem(rule.errorMessage());
        return;
    }
    m_status->setStyleSheet(QString());
    m_status->setText(m_summary);
    Q_EMIT ruleChanged(rule.value());
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
