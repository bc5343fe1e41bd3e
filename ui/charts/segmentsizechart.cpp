#include "segmentsizechart.h"

#include <QLocale>
#include <QMouseEvent>
#include <QPainter>

#include <algorithm>

namespace segmenta::ui {

SegmentSizeChart::SegmentSizeChart(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("Saved segment sizes"));
}

void SegmentSizeChart::setBars(const QList<Bar> &bars)
{
    m_bars = bars;
    update();
}

QRectF SegmentSizeChart::rowRect(int index) const
{
    const double rowHeight = std::min(28.0, (height() - 12.0) / std::max<qsizetype>(1, m_bars.size()));
    return {6, 6 + index * rowHeight, width() - 12.0, rowHeight};
}

int SegmentSizeChart::barAt(const QPoint &point) const
{
    for (int i = 0; i < m_bars.size(); ++i) {
        if (rowRect(i).contains(point))
            return i;
    }
    return -1;
}

void SegmentSizeChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QLocale locale;
    const QFontMetrics metrics(font());
    qint64 largest = 1;
    int nameWidth = 0;
    for (const Bar &bar : m_bars) {
        largest = std::max(largest, bar.size);
        nameWidth = std::max(nameWidth, metrics.horizontalAdvance(bar.name));
    }
    nameWidth = std::min(nameWidth, width() * 2 / 5);
    const int countWidth = metrics.horizontalAdvance(locale.toString(largest)) + 8;
    const QColor text = palette().color(QPalette::WindowText);
    for (int i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars[i];
        const QRectF row = rowRect(i);
        const QRectF nameRect(row.left(), row.top(), nameWidth, row.height());
        painter.setPen(text);
        painter.drawText(nameRect, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(bar.name, Qt::ElideRight, nameWidth));
        const double left = row.left() + nameWidth + 8;
        const double span = std::max(1.0, row.right() - countWidth - left);
        const double full = span * double(bar.size) / double(largest);
        const double shared = span * double(std::min(bar.overlap, bar.size)) / double(largest);
        const QRectF barRect(left, row.top() + row.height() * 0.2, std::max(1.0, full), row.height() * 0.6);
        QColor light = bar.color;
        light.setAlphaF(0.3);
        painter.setPen(QPen(bar.color, 1));
        painter.setBrush(light);
        painter.drawRect(barRect);
        painter.setPen(Qt::NoPen);
        painter.setBrush(bar.color);
        painter.drawRect(QRectF(barRect.left(), barRect.top(), shared, barRect.height()));
        painter.setPen(text);
        painter.drawText(QRectF(barRect.right() + 4, row.top(), countWidth, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                         locale.toString(bar.size));
    }
}

void SegmentSizeChart::mousePressEvent(QMouseEvent *event)
{
    const int index = barAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        Q_EMIT segmentClicked(m_bars[index].segmentId);
    QWidget::mousePressEvent(event);
}

} // namespace segmenta::ui
