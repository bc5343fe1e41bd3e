#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

namespace segmenta::ui {

// Sizes of all saved segments as horizontal bars in their own colours, each split into the part that
// overlaps the segment being edited (solid) and the rest (lighter), with the name on the left and the size
// at the end of the bar. Clicking a bar emits segmentClicked. Hand-painted: Qt Charts elides Chinese
// category labels and cannot colour bars of one series individually.
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
    int barAt(const QPoint &point) const;

    QSize sizeHint() const override { return {420, 260}; }
    QSize minimumSizeHint() const override { return {240, 120}; }

Q_SIGNALS:
    void segmentClicked(qint64 segmentId);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    QRectF rowRect(int index) const;

    QList<Bar> m_bars;
};

} // namespace segmenta::ui
