#include "export/memberexportjob.h"
#include "busywork.h"
#include "futurewatch.h"

#include "export/memberexporter.h"
#include "store/workspace.h"

#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

MemberExportJob *MemberExportJob::start(QWidget *parent, const QString &workspacePath, const rules::Rule &rule,
                                        const exporting::ExportOptions &options, std::shared_ptr<Progress> progress)
{
    auto *job = new MemberExportJob(parent, std::move(progress));
    job->run(workspacePath, rule, options);
    return job;
}

MemberExportJob::MemberExportJob(QWidget *parent, std::shared_ptr<Progress> progress)
    : QObject(parent), m_parent(parent), m_dialog(new QProgressDialog(parent))
{
    m_dialog->setObjectName(QStringLiteral("exportProgress"));
    m_dialog->setWindowTitle(tr("Export Members"));
    m_dialog->setLabelText(tr("Exporting members…"));
    m_dialog->setCancelButtonText(tr("Cancel"));
    m_dialog->setRange(0, 100);
    m_dialog->setWindowModality(Qt::WindowModal);
    m_dialog->setMinimumDuration(300);
    m_dialog->setAutoReset(false);
    m_dialog->setAutoClose(false);
    QPointer<QProgressDialog> dialog = m_dialog;
    auto report = [dialog](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 0;
        QMetaObject::invokeMethod(
            dialog, [dialog, percent] {
                if (dialog)
                    dialog->setValue(percent);
            },
            Qt::QueuedConnection);
    };
    if (progress) {
        m_progress = std::move(progress);
    } else {
        m_progress = std::make_shared<Progress>(report);
    }
    connect(m_dialog, &QProgressDialog::canceled, this, &MemberExportJob::cancel);
}

void MemberExportJob::cancel()
{
    m_progress->cancel();
    m_dialog->setLabelText(tr("Cancelling…"));
}

void MemberExportJob::run(const QString &workspacePath, const rules::Rule &rule, const exporting::ExportOptions &options)
{
    const auto progress = m_progress;
    whenFinished(this, QtConcurrent::run(workers(), [workspacePath, rule, options, progress]() -> std::pair<QString, exporting::ExportSummary> {
        // Read-write: the exporter brings the metrics up to date for the analysis date first.
        auto workspace = store::Workspace::open(workspacePath);
        if (!workspace)
            return {workspace.errorMessage(), {}};
        auto summary = exporting::MemberExporter::run(*workspace.value(), rule, options, progress.get());
        if (!summary)
            return {summary.errorMessage(), {}};
        return {QString(), std::move(summary).value()};
    }), [this](const std::pair<QString, exporting::ExportSummary> &result) {
        m_dialog->hide();
        m_dialog->deleteLater();
        // A cancel that came after the last row was written does not undo a finished export: say it finished.
        if (!result.first.isEmpty() && m_progress->isCanceled()) {
            Q_EMIT canceled();
        } else if (!result.first.isEmpty()) {
            auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot Export"), result.first, QMessageBox::Ok, m_parent);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT failed(result.first);
        } else {
            auto *box = new QMessageBox(QMessageBox::Information, tr("Export Finished"), result.second.message,
                                        QMessageBox::Ok, m_parent);
            box->setObjectName(QStringLiteral("exportFinishedMessage"));
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
            Q_EMIT succeeded(result.second);
        }
        deleteLater();
    });
}

} // namespace segmenta::ui
