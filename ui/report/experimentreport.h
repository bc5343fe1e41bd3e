#pragma once

#include "experiments/experimentresult.h"

#include <QCoreApplication>
#include <QString>

class QPainter;
class QRect;
class QWidget;

namespace segmenta::ui {

// One page of an experiment's result: what the Experiments dialog shows.
struct ExperimentPage
{
    experiments::ExperimentResult result;
    QString ruleText;
    QWidget *chart = nullptr; // the conversion chart as shown; drawn as vectors
    QString currencySymbol;   // the workspace's, for the revenue figures (common/money.h)
};

// Writes an experiment's result page: its own one-page A4 PDF, or a page of the segment report
// (SegmentReport::experiments). In the UI language. GUI thread only (it paints the chart widget).
class ExperimentReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::ui::ExperimentReportWriter)

public:
    // Draws the page into `area` of a painter whose device has `dpi` dots per inch.
    static void drawPage(QPainter &painter, const QRect &area, int dpi, const ExperimentPage &page);
    // Writes `page` as a PDF; returns an empty string or the message to show. The file is replaced only when
    // complete.
    static QString write(const ExperimentPage &page, const QString &path);
};

} // namespace segmenta::ui
