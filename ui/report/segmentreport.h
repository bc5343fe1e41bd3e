#pragma once

#include "report/experimentreport.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

class QWidget;

namespace segmenta::ui {

// What a one-page segment report shows: the definition, the size, and the charts as the dashboard draws
// them (so the report always matches what the user saw).
struct SegmentReport
{
    QString title;        // the segment's name, or empty for the rule being edited
    QString description;  // the saved segment's description (what it is for), empty when none
    QString ruleText;     // empty: all customers
    QString workspaceName;
    QDate analysisDate;
    QStringList headline; // size, share, revenue: one line each
    struct Chart
    {
        QString title;
        QWidget *widget = nullptr;
        bool fullWidth = false;
    };
    QList<Chart> charts; // laid out in order: full-width ones alone, the others two by two
    QList<ExperimentPage> experiments; // each an extra page after the first
};

// Writes `report` as an A4 PDF (one page, and one more per experiment) in the UI language, charts as vector drawings. Returns an empty string,
// or the message to show when the file cannot be written. The file is replaced only when complete. GUI
// thread only (it paints widgets).
class SegmentReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::ui::SegmentReportWriter)

public:
    static QString write(const SegmentReport &report, const QString &path);
};

} // namespace segmenta::ui
