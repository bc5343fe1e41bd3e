#pragma once

#include "charts/funnelwidget.h"
#include "charts/predictedchart.h"
#include "charts/rfmheatmap.h"
#include "charts/segmentsizechart.h"
#include "charts/sizehistorychart.h"
#include "charts/tierchart.h"

#include <QList>
#include <QString>

#include <vector>

namespace segmenta::ui {

// Everything the dashboard shows for one evaluation of the edited segment, already in display terms
// (translated labels, colours). Built by the controller from the rule engine's and the metrics' answers.
struct DashboardFigures
{
    qint64 members = 0;
    std::vector<qint64> firstMembers; // the first members by customer id, for the preview beside the rule
    qint64 customers = 0; // all customers in the workspace
    double revenue = 0;   // the members' total spend
    double totalRevenue = 0;
    QString currencySymbol; // the workspace's (common/money.h)
    QList<FunnelWidget::Step> funnel;
    // Active / at risk / dormant among members and among all customers.
    struct Activity
    {
        QString label;
        qint64 members = 0;
        qint64 all = 0;
    };
    QList<Activity> activity;
    QList<TierChart::Tier> tiers;
    TierChart::Curve pareto;
    TierChart::Curve allPareto;
    RfmHeatmap::Grid rfm{};
    RfmHeatmap::Grid allRfm{};
    RfmHeatmap::Names rfmNames;
    QList<SegmentSizeChart::Bar> savedSegments;
    QList<SizeHistoryChart::Series> history;
    PredictedChart::Figures predicted;
};

} // namespace segmenta::ui
