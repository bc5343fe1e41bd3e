#pragma once

#include <QList>
#include <QString>
#include <QWidget>

class QPainter;

namespace segmenta::ui {

// The lifecycle funnel drawn as a funnel: one band per step, narrowing with the step's count, with the
// count and the conversion from the step before written on it. The segment's funnel is filled; the same
// steps for all customers are drawn as an outline behind it, so the two shapes compare at a glance (each is
// scaled to its own first step); a legend line above the bands names the two. Clicking a band emits
// stepClicked. Hand-painted because Qt Charts has no funnel series.
class FunnelWidget : public QWidget
{
    Q_OBJECT

public:
    struct Step
    {
        QString label;
        qint64 count = 0;    // in the segment
        qint64 allCount = 0; // among all customers
    };

    explicit FunnelWidget(QWidget *parent = nullptr);

    void setSteps(const QList<Step> &steps);
    const QList<Step> &steps() const { return m_steps; }
    // The band under a point, or -1.
    int stepAt(const QPoint &point) const;
    // The legend's two entries, as painted: the filled shape (this segment), the dashed outline (all customers).
    QStringList legend() const;
    // Where the legend is painted: above the first band.
    QRectF legendRect() const;
    // Where band `index` is painted.
    QRectF bandRect(int index) const;

    QSize sizeHint() const override { return {420, 260}; }
    QSize minimumSizeHint() const override { return {260, 160}; }

Q_SIGNALS:
    void stepClicked(int index);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    void paintLegend(QPainter &painter) const;

    QList<Step> m_steps;
};

} // namespace segmenta::ui
