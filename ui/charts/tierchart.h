#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QChartView;
class QLabel;
class QBarSet;
class QBarCategoryAxis;
class QLineSeries;
class QValueAxis;

namespace segmenta::ui {

// Value tiers of a segment: for each tier (high, mid, low, non-buyers) the share of the segment's customers
// and the share of its revenue side by side, and next to it the Pareto curve (cumulative share of revenue
// against cumulative share of customers, biggest spenders first) for the segment and, dashed, for all
// customers. Clicking a tier's bar emits tierClicked(index).
class TierChart : public QWidget
{
    Q_OBJECT

public:
    struct Tier
    {
        QString label;
        qint64 customers = 0;
        double revenue = 0;
    };
    // Points of a Pareto curve: x = cumulative customer share 0..1, y = cumulative revenue share 0..1.
    using Curve = QList<QPointF>;

    explicit TierChart(QWidget *parent = nullptr);

    void setTiers(const QList<Tier> &tiers);
    void setParetoCurves(const Curve &segment, const Curve &all);
    // Percent values shown, for tests: [tier] -> {customers %, revenue %}.
    QList<QPair<double, double>> shownShares() const;

Q_SIGNALS:
    void tierClicked(int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    void restyle();
    void retranslate();

    QChartView *m_barsView;
    QChartView *m_paretoView;
    QBarSet *m_customers;
    QBarSet *m_revenue;
    QBarCategoryAxis *m_categories;
    QValueAxis *m_shareAxis;
    QLineSeries *m_segmentCurve;
    QLineSeries *m_allCurve;
    QLabel *m_barsLegend;
    QLabel *m_paretoLegend;
};

} // namespace segmenta::ui
