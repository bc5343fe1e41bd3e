#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

class QChartView;
class QHorizontalStackedBarSeries;
class QBarCategoryAxis;
class QValueAxis;

namespace segmenta::ui {

// Sizes of all saved segments as horizontal bars in their own colours, each split into the part that
// overlaps the segment being edited (solid) and the rest (lighter). Clicking a bar emits segmentClicked.
class SegmentSizeChart : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        qint64 segmentId = 0;
        QString name;
        QColor color;
        qint64 size = 0;
        qint64 overlap = 0; // members shared with the edited segment
    };

    explicit SegmentSizeChart(QWidget *parent = nullptr);

    void setBars(const QList<Bar> &bars);
    const QList<Bar> &bars() const { return m_bars; }

Q_SIGNALS:
    void segmentClicked(qint64 segmentId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QChartView *m_view;
    QList<Bar> m_bars;
};

} // namespace segmenta::ui
