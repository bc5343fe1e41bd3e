#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"

#include <QCoreApplication>
#include <QDate>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::metrics {

// What the user edits in the settings: the analysis date and the definitions the metrics derive from.
struct AnalysisChange
{
    // The analysis date to store; an invalid date means "no fixed date: always today".
    QDate analysisDate;
    AnalysisSettings settings;
    // The currency symbol money is shown with; empty: none stored, the user's locale's (Workspace::currencySymbol).
    QString currencySymbol;

    bool operator==(const AnalysisChange &other) const;

    // What the workspace holds now (the stored date, invalid when none is stored).
    static AnalysisChange current(store::Workspace &workspace);
};

// Applies an AnalysisChange as one unit: the settings and the analysis date are written and every
// customer's metrics recomputed inside one transaction, so on an error or a cancel (through `progress`)
// the workspace is exactly as before, and on success no reader ever sees new settings with old metrics.
// Invalid settings are refused with the reason before anything is written. Runs on the calling thread, on
// the workspace's own connection (a worker opens its own Workspace).
class AnalysisChanges
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::metrics::AnalysisChanges)

public:
    static Result<RecomputeSummary> apply(store::Workspace &workspace, const AnalysisChange &change,
                                          Progress *progress = nullptr);
};

} // namespace segmenta::metrics
