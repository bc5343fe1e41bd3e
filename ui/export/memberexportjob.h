#pragma once

#include "common/progress.h"
#include "export/exportoptions.h"
#include "rules/rule.h"

#include <QObject>

#include <memory>

class QProgressDialog;
class QWidget;

namespace segmenta::ui {

// One export of members run on a worker thread (with a workspace connection of its own), with a progress
// dialog over `parent` whose Cancel stops it; a cancelled or failed export leaves no file (MemberExporter
// writes a temporary file and renames it at the end). When done it shows the exporter's summary (or the
// error) in a non-blocking message box, emits exactly one of succeeded / failed / canceled, and deletes
// itself. Created and used on the GUI thread.
class MemberExportJob : public QObject
{
    Q_OBJECT

public:
    // Starts the export. `progress`, when given, is the job's Progress (a test may pass one already
    // cancelled); otherwise the job makes its own.
    static MemberExportJob *start(QWidget *parent, const QString &workspacePath, const rules::Rule &rule,
                                  const exporting::ExportOptions &options, std::shared_ptr<Progress> progress = {});

    void cancel();

Q_SIGNALS:
    void succeeded(const segmenta::exporting::ExportSummary &summary);
    void failed(const QString &message);
    void canceled();

private:
    MemberExportJob(QWidget *parent, std::shared_ptr<Progress> progress);
    void run(const QString &workspacePath, const rules::Rule &rule, const exporting::ExportOptions &options);

    QWidget *m_parent;
    QProgressDialog *m_dialog;
    std::shared_ptr<Progress> m_progress;
};

} // namespace segmenta::ui
