#pragma once

#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <array>

namespace segmenta::ui {

// The dashboard's "Predicted" card: how P(alive) is distributed in the segment against all customers (ten
// bands 0-10 % ... 90-100 %, as shares of the customers with a prediction), the segment's predicted CLV (sum
// and per customer), and, when a calibration date is set, the standard validation plot: purchases per
// customer after the calibration date, actual against predicted, by repeat purchases before it. When the
// data cannot support a fit it shows the reason instead of numbers. Painted by hand (no Qt Charts) so the
// warning and the numbers share one layout. GUI thread only.
class PredictedChart : public QWidget
{
    Q_OBJECT

public:
    struct Figures
    {
        bool available = false;
        QString warning; // why there are no (or only some) numbers
        std::array<double, 10> aliveMembers{}; // shares 0..1 of the members with a prediction
        std::array<double, 10> aliveAll{};
        qint64 membersPredicted = 0;
        qint64 allPredicted = 0;
        bool hasClv = false;
        double clvMembers = 0; // sum over the members
        double clvAll = 0;
        QString currencySymbol; // the workspace's, for the CLV amounts
        int horizonDays = 365;
        QList<QPointF> holdoutActual;    // x = repeat purchases before the calibration date (last = that many or more)
        QList<QPointF> holdoutPredicted; // y = purchases per customer after it
        QString holdoutPeriod;           // e.g. "after 2026-01-01"
    };

    explicit PredictedChart(QWidget *parent = nullptr);

    void setFigures(const Figures &figures);
    const Figures &figures() const { return m_figures; }
    // The text lines shown above the plots (or the warning), for tests.
    QStringList summaryLines() const;

    QSize sizeHint() const override { return {520, 260}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintAlive(QPainter &painter, const QRectF &area) const;
    void paintHoldout(QPainter &painter, const QRectF &area) const;

    Figures m_figures;
};

} // namespace segmenta::ui
