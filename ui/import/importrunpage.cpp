#include "import/importrunpage.h"
#include "busywork.h"

#include "common/datetext.h"
#include "common/money.h"
#include "futurewatch.h"

#include "import/importoutcome.h"
#include "import/importwizard.h"
#include "import/rejectlist.h"
#include "metrics/customermetrics.h"
#include "store/workspace.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QPointer>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <climits>

namespace segmenta::ui {

namespace {

// Rejected rows shown in the summary; all of them go into the saved CSV.
constexpr qint64 kShownRejects = 1000;

struct RunResult
{
    std::optional<import::ImportSummary> summary;
    std::optional<import::ImportOutcome> outcome;
    QString currencySymbol; // the workspace's
    QString error;
    bool canceled = false;
    QDate followsData; // the analysis date, when it follows old data rather than today
};

// Removes a workspace file the import created and did not fill (cancelled or failed), with SQLite's side files.
void removeCreated(const QString &path)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")})
        QFile::remove(path + suffix);
}

RunResult runImport(const QString &workspacePath, bool creates, const QString &filePath, const import::ImportOptions &options,
                    Progress *progress)
{
    RunResult result;
    auto workspace = store::Workspace::open(workspacePath, creates ? store::Workspace::Mode::CreateIfMissing
                                                                   : store::Workspace::Mode::ReadWrite);
    if (!workspace) {
        result.error = workspace.errorMessage();
        return result;
    }
    auto summary = import::Importer::run(*workspace.value(), filePath, options, progress);
    if (!summary) {
        result.error = summary.errorMessage();
        result.canceled = progress->isCanceled();
        if (creates) {
            workspace.value().reset();
            removeCreated(workspacePath);
        }
        return result;
    }
    result.summary = std::move(summary).value();
    if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace.value()); !metrics)
        result.error = metrics.errorMessage(); // the import stands; the figures are recomputed on opening
    if (workspace.value()->analysisDateFollowsData())
        result.followsData = workspace.value()->analysisDate();
    if (auto outcome = import::ImportOutcome::of(*workspace.value(), result.summary->sourceId))
        result.outcome = std::move(outcome).value();
    result.currencySymbol = workspace.value()->currencySymbol();
    return result;
}

} // namespace

ImportRunPage::ImportRunPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_status(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel Import"), this)), m_summary(new QLabel(this)), m_rejects(new QTableWidget(0, 4, this)),
      m_saveRejects(new QPushButton(tr("Save Rejected Rows…"), this))
{
    setTitle(tr("Import"));
    m_status->setWordWrap(true);
    m_summary->setWordWrap(true);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_rejects->setObjectName(QStringLiteral("importRejects"));
    m_bar->setRange(0, 1000);
    m_rejects->setHorizontalHeaderLabels({tr("Row"), tr("Column"), tr("Value"), tr("Reason")});
    m_rejects->verticalHeader()->setVisible(false);
    m_rejects->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rejects->horizontalHeader()->setStretchLastSection(true);
    m_rejects->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *progressRow = new QHBoxLayout;
    progressRow->addWidget(m_bar, 1);
    progressRow->addWidget(m_cancel);
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch();
    saveRow->addWidget(m_saveRejects);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(progressRow);
    layout->addWidget(m_summary);
    layout->addWidget(m_rejects, 1);
    layout->addLayout(saveRow);
    layout->addStretch(); // (takes the room only while the rejected rows are hidden: the summary stays at the top)

    connect(m_cancel, &QPushButton::clicked, this, &ImportRunPage::cancel);
    connect(m_saveRejects, &QPushButton::clicked, this, &ImportRunPage::saveRejects);
}

void ImportRunPage::initializePage()
{
    start();
}

void ImportRunPage::cleanupPage()
{
    cancel(); // Back while running: the import stops and the workspace stays as it was
}

bool ImportRunPage::isComplete() const
{
    return m_done && m_wizard->summary().has_value();
}

void ImportRunPage::cancel()
{
    if (m_running && m_progress) {
        m_progress->cancel();
        m_status->setText(tr("Cancelling…"));
        m_cancel->setEnabled(false);
    }
}

void ImportRunPage::start()
{
    m_done = false;
    m_running = true;
    m_wizard->m_summary.reset();
    m_status->setText(tr("Importing %1…").arg(QFileInfo(m_wizard->filePath()).fileName()));
    m_bar->setValue(0);
    m_bar->show();
    m_cancel->show();
    m_cancel->setEnabled(true);
    m_summary->clear();
    m_rejects->hide();
    m_saveRejects->hide();
    Q_EMIT completeChanged();

    // The wizard may be closed while the worker still reports: the bar is reached through a guard, on the GUI thread.
    const QPointer<QProgressBar> bar = m_bar;
    m_progress = std::make_shared<Progress>([bar](qint64 done, qint64 total) {
        const int value = total > 0 ? int(done * 1000 / total) : 0;
        QMetaObject::invokeMethod(qApp, [bar, value] {
            if (bar)
                bar->setValue(value);
        }, Qt::QueuedConnection);
    });
    // The import writes through its own connection on a worker thread; the window stays responsive.
    whenFinished(this, QtConcurrent::run(workers(), [workspacePath = m_wizard->workspacePath(), creates = m_wizard->createsWorkspace(),
                                          filePath = m_wizard->filePath(), options = m_wizard->options(), progress = m_progress]() {
        return runImport(workspacePath, creates, filePath, options, progress.get());
    }), [this](const RunResult &result) {
        m_running = false;
        m_done = true;
        m_cancel->hide();
        if (!result.summary) {
            m_bar->hide();
            m_status->setText(result.canceled ? tr("The import was cancelled; the workspace is unchanged.")
                                              : QStringLiteral("<span style=\"color:#c0392b\">%1</span>").arg(result.error.toHtmlEscaped()));
            Q_EMIT completeChanged();
            return;
        }
        const import::ImportSummary &summary = *result.summary;
        m_bar->setValue(1000);
        m_status->setText(result.error.isEmpty() ? tr("%1 was imported.").arg(summary.fileName)
                                                 : tr("%1 was imported, but the figures could not be updated: %2").arg(summary.fileName, result.error));
        const QLocale locale;
        QString text = result.outcome ? outcomeText(*result.outcome, result.currencySymbol) + QStringLiteral("<br>") : QString();
        text += tr("%1 rows read: <b>%2</b> added, <b>%3</b> updated, <b>%4</b> unchanged, <b>%5</b> could not be used.")
                    .arg(locale.toString(summary.rowsRead), locale.toString(summary.inserted),
                         locale.toString(summary.updated), locale.toString(summary.unchanged),
                         locale.toString(summary.rejected));
        if (summary.kind == import::ImportKind::Customers && summary.listHistory > 0) {
            text += QStringLiteral("<br>") + tr("<b>%1</b> customers got their purchase history (spend, orders, order dates) from this list; "
                                                "customers with orders keep the orders' figures.")
                                                 .arg(locale.toString(summary.listHistory));
        }
        QStringList renamed;
        for (const import::ImportedField &field : summary.fields) {
            if (!field.storedName.isEmpty())
                renamed << tr("“%1” as “%2”").arg(field.name.toHtmlEscaped(), field.storedName.toHtmlEscaped());
        }
        if (!renamed.isEmpty()) {
            text += QStringLiteral("<br>") + tr("Columns named like fields Segmenta derives were imported under their own names: %1.")
                                                 .arg(renamed.join(QStringLiteral(", ")));
        }
        for (const QString &note : summary.decodingNotes())
            text += QStringLiteral("<br>") + tr("%1.", "a sentence and the language's full stop").arg(note.toHtmlEscaped());
        if (const QString currency = summary.currencyNote(); !currency.isEmpty())
            text += QStringLiteral("<br>") + tr("%1.", "a sentence and the language's full stop").arg(currency.toHtmlEscaped());
        text += orderLines(summary);
        if (result.followsData.isValid())
            text += QStringLiteral("<br>") +
                               tr("The newest order is more than %1 days old: the figures are as of %2, the day after it. "
                                  "The dashboard can switch them to today.")
                                   .arg(store::Workspace::kStaleDataDays)
                                   .arg(dateText(result.followsData));
        m_summary->setText(text);
        m_wizard->setSummary(summary);
        loadRejects(summary.sourceId);
        Q_EMIT completeChanged();
    });
}

// What the import added (customers, orders, their dates and revenue) and, as a list, what it left out and why.
QString ImportRunPage::outcomeText(const import::ImportOutcome &outcome, const QString &currencySymbol)
{
    const QLocale locale;
    const QString customers = tr("<b>%Ln</b> customers", nullptr, int(std::min<qint64>(outcome.customersAdded, INT_MAX)));
    const QString orders = tr("<b>%Ln</b> orders", nullptr, int(std::min<qint64>(outcome.ordersAdded, INT_MAX)));
    QString text = outcome.ordersAdded > 0 || outcome.customersAdded == 0 ? tr("Added: %1 and %2.").arg(customers, orders)
                                                                          : tr("Added: %1.").arg(customers);
    if (outcome.firstOrderDate.isValid()) {
        text += u' ' + tr("The orders are dated %1 to %2; revenue %3 (valid orders with a date).")
                           .arg(dateText(outcome.firstOrderDate, locale), dateText(outcome.lastOrderDate, locale),
                                moneyText(outcome.revenue, currencySymbol, locale));
    }
    if (outcome.leftOut.empty())
        return text + u' ' + tr("Nothing was left out.");
    qint64 rows = 0;
    for (const auto &leftOut : outcome.leftOut)
        rows += leftOut.rows;
    text += QStringLiteral("<br>") + tr("Left out: %Ln rows, because:", nullptr, int(std::min<qint64>(rows, INT_MAX))) +
            QStringLiteral("<ul style=\"margin-top:0; margin-bottom:0\">");
    constexpr size_t kShownReasons = 8;
    for (size_t i = 0; i < std::min(kShownReasons, outcome.leftOut.size()); ++i) {
        const auto &leftOut = outcome.leftOut[i];
        text += QStringLiteral("<li>") +
                tr("%1 (%Ln rows)", nullptr, int(std::min<qint64>(leftOut.rows, INT_MAX))).arg(leftOut.reason.toHtmlEscaped()) +
                QStringLiteral("</li>");
    }
    if (outcome.leftOut.size() > kShownReasons)
        text += QStringLiteral("<li>") + tr("%Ln other reasons (see the rows below)", nullptr, int(outcome.leftOut.size() - kShownReasons)) +
                QStringLiteral("</li>");
    return text + QStringLiteral("</ul>");
}

// What an order list's import decided beyond the counts, each with the definition it followed.
QString ImportRunPage::orderLines(const import::ImportSummary &summary)
{
    if (summary.kind != import::ImportKind::Orders)
        return {};
    const QLocale locale;
    QString lines;
    if (summary.repeated > 0)
        lines += QStringLiteral("<br>") +
                 tr("%1 rows repeated an earlier row in every column and were counted once (listed below).")
                     .arg(locale.toString(summary.repeated));
    if (summary.alreadyPresent > 0)
        lines += QStringLiteral("<br>") +
                 tr("%1 rows are orders an earlier import already holds (the same customer at the same date and time) "
                    "and were not added again (listed below).")
                     .arg(locale.toString(summary.alreadyPresent));
    if (summary.withoutDate > 0)
        lines += QStringLiteral("<br>") +
                 tr("%1 orders have no order date (unpaid?): they are kept, but are not purchases.")
                     .arg(locale.toString(summary.withoutDate));
    return lines;
}

void ImportRunPage::loadRejects(qint64 sourceId)
{
    auto workspace = store::Workspace::open(m_wizard->workspacePath(), store::Workspace::Mode::ReadOnly);
    if (!workspace)
        return;
    const auto count = import::RejectList::count(*workspace.value(), sourceId);
    const auto rows = import::RejectList::list(*workspace.value(), sourceId, kShownRejects);
    if (!count || !rows || *count == 0)
        return;
    m_rejects->setRowCount(int(rows->size()));
    const QLocale locale;
    for (int r = 0; r < int(rows->size()); ++r) {
        const import::RejectedRow &row = (*rows)[size_t(r)];
        auto *number = new QTableWidgetItem(locale.toString(row.row));
        number->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_rejects->setItem(r, 0, number);
        m_rejects->setItem(r, 1, new QTableWidgetItem(row.column));
        m_rejects->setItem(r, 2, new QTableWidgetItem(row.value));
        m_rejects->setItem(r, 3, new QTableWidgetItem(row.reason));
    }
    m_rejects->resizeColumnToContents(0);
    m_rejects->setColumnWidth(1, 160);
    m_rejects->setColumnWidth(2, 180);
    m_rejects->show();
    m_saveRejects->show();
    if (*count > qint64(rows->size())) {
        m_summary->setText(m_summary->text() + QStringLiteral("<br>") +
                           tr("The first %1 of the %2 rows that could not be used are shown; save them to see all.")
                               .arg(locale.toString(qint64(rows->size())), locale.toString(*count)));
    }
}

void ImportRunPage::saveRejects()
{
    const auto &summary = m_wizard->summary();
    if (!summary)
        return;
    const QFileInfo source(m_wizard->filePath());
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Rejected Rows"), source.absoluteDir().filePath(tr("%1 - rejected rows.csv").arg(source.completeBaseName())),
        tr("CSV file (*.csv)"));
    if (path.isEmpty())
        return;
    auto workspace = store::Workspace::open(m_wizard->workspacePath(), store::Workspace::Mode::ReadOnly);
    if (!workspace) {
        QMessageBox::warning(this, tr("Cannot Save"), workspace.errorMessage());
        return;
    }
    if (const auto saved = import::RejectList::saveCsv(*workspace.value(), summary->sourceId, path); !saved)
        QMessageBox::warning(this, tr("Cannot Save"), saved.errorMessage());
}

} // namespace segmenta::ui
