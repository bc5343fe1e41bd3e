#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "export/exportoptions.h"

#include <QCoreApplication>

namespace segmenta::store {
class Workspace;
}
namespace segmenta::rules {
struct Rule;
}

namespace segmenta::exporting {

// Exports the members of a rule (a saved segment's, or the one being edited) as an Excel workbook or a CSV
// file the way marketers need them: chosen columns, numbers as numbers, dates as dates, identifiers as text,
// optional masking of personal data and an optional reproducible A/B split. See ExportOptions.
//
// The members are those the rule's SQL (rules::SqlCompiler) selects, in ascending customer order, with the
// customer metrics brought up to date for the analysis date first. Formula injection is impossible: XLSX
// text is always a string cell; CSV text starting with = + - @ tab or CR gets a leading quote.
//
// Safety: an existing target is refused unless `force`; the output is written to a temporary file in the
// target's folder and renamed into place at the end, so an error or a cancel (Progress::cancel, checked
// every few thousand rows) never leaves a half-written file and never touches an existing one.
//
// Runs on the calling thread with the workspace's connection (a GUI runs it on a worker with a workspace
// of its own). Bad options (unknown extension or column, a split not adding up to 100, an invalid
// delimiter) and bad rules come back as an Error that says what is wrong; nothing is written then. With
// ExportOptions::experimentName the split is also recorded as an A/B experiment (a name already taken is
// refused before anything is written).
class MemberExporter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::exporting::MemberExporter)

public:
    static Result<ExportSummary> run(store::Workspace &workspace, const rules::Rule &rule, const ExportOptions &options,
                                     Progress *progress = nullptr);

    // The files an export with these options writes: outPath, or NAME-A.csv, NAME-B.csv ... for a CSV split
    // into files. For checking beforehand whether they exist.
    static QStringList targetPaths(const ExportOptions &options);

private:
    // An experiment asked for (ExportOptions::experimentName) is checked before anything is written and
    // recorded after the file is in place.
    static Result<void> checkExperiment(store::Workspace &workspace, const ExportOptions &options);
    static Result<ExportSummary> recordExperiment(store::Workspace &workspace, const ExportOptions &options,
                                                  const QString &ruleText, ExportSummary summary);
};

} // namespace segmenta::exporting
