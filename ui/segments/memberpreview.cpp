#include "segments/memberpreview.h"
#include "busywork.h"

#include "futurewatch.h"

#include "store/database.h"

#include <QEvent>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

namespace {

struct Read
{
    KeyCustomerTable::Rows rows;
    QString error;
};

} // namespace

MemberPreview::MemberPreview(QWidget *parent)
    : QWidget(parent), m_title(new QLabel), m_table(new KeyCustomerTable), m_note(new QLabel)
{
    setObjectName(QStringLiteral("memberPreview"));
    m_table->setObjectName(QStringLiteral("memberPreviewTable"));
    m_title->setObjectName(QStringLiteral("memberPreviewTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_title->setWordWrap(true);
    m_note->setWordWrap(true);
    m_note->setEnabled(false); // greyed: an explanation, not a figure
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 8, 8, 4);
    layout->addWidget(m_title);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_note);
    retranslate();
}

void MemberPreview::setWorkspace(const QString &path, const rules::RuleContext &context)
{
    m_path = path;
    m_context = context;
    m_ids.clear();
    m_total = 0;
    ++m_generation; // a read of the workspace before is dropped
    m_table->showRows({});
    retranslate();
}

void MemberPreview::showMembers(const std::vector<qint64> &ids, qint64 total)
{
    m_ids.assign(ids.begin(), ids.begin() + qsizetype(std::min(ids.size(), kCount)));
    m_total = total;
    m_stale = true;
    if (isVisible())
        load();
}

void MemberPreview::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        load();
}

void MemberPreview::load()
{
    if (m_path.isEmpty())
        return;
    m_stale = false;
    m_loading = true;
    const quint64 generation = ++m_generation;
    whenFinished(this, QtConcurrent::run(workers(), [path = m_path, context = m_context, ids = m_ids]() {
        Read read;
        try {
            store::Database db = store::Database::open(path, store::Database::Access::ReadOnly);
            read.rows = KeyCustomerTable::read(db, context, ids, kCount);
        } catch (const store::DatabaseError &error) {
            read.error = error.message();
        }
        return read;
    }), [this, generation](const Read &read) {
        if (generation != m_generation)
            return; // newer ids came meanwhile: their read shows
        m_loading = false;
        m_table->showRows(read.rows);
        retranslate();
        if (!read.error.isEmpty())
            m_note->setText(tr("The members could not be read: %1").arg(read.error));
        Q_EMIT rowsShown();
    });
}

void MemberPreview::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void MemberPreview::retranslate()
{
    const QLocale locale;
    const auto shown = qint64(m_table->rowCount());
    if (m_path.isEmpty() || m_total == 0)
        m_title->setText(m_path.isEmpty() ? tr("Members") : tr("No customer matches the rule"));
    else if (shown >= m_total)
        m_title->setText(tr("All %1 members").arg(locale.toString(m_total)));
    else
        m_title->setText(tr("The first %1 of %2 members").arg(locale.toString(shown), locale.toString(m_total)));
    m_note->setText(tr("In the Customers view's order: by when each customer was added."));
}

} // namespace segmenta::ui
