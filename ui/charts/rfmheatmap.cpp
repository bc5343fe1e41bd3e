#include "rfmheatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace segmenta::ui {

RfmHeatmap::RfmHeatmap(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("RFM grid"));
}

void RfmHeatmap::setGrids(const Grid &segment, const Grid &all)
{
    m_segment = segment;
    m_all = all;
    update();
}

void RfmHeatmap::setSegmentNames(const Names &names)
{
    m_names = names;
    update();
}

QRectF RfmHeatmap::gridArea() const
{
    const QFontMetrics metrics(font());
    const double left = metrics.height() * 2.6;
    const double bottom = metrics.height() * 2.6;
    return QRectF(rect()).adjusted(left, 6, -6, -bottom);
}

QRectF RfmHeatmap::cellRect(int r, int f) const
{
    const QRectF area = gridArea();
    const double w = area.width() / 5;
    const double h = area.height() / 5;
    return {area.left() + (f - 1) * w, area.top() + (5 - r) * h, w, h};
}

std::pair<int, int> RfmHeatmap::cellAt(const QPoint &point) const
{
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            if (cellRect(r, f).contains(point))
                return {r, f};
        }
    }
    return {0, 0};
}

void RfmHeatmap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QLocale locale;
    qint64 max = 1;
    for (const auto &row : m_segment)
        max = std::max(max, *std::max_element(row.begin(), row.end()));
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    const QColor hot(0x3b, 0x7d, 0xd8);
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);

    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            const QRectF cell = cellRect(r, f).adjusted(1, 1, -1, -1);
            const qint64 count = m_segment[size_t(r - 1)][size_t(f - 1)];
            const double t = double(count) / double(max);
            QColor fill = QColor::fromRgbF(base.redF() + (hot.redF() - base.redF()) * t,
                                           base.greenF() + (hot.greenF() - base.greenF()) * t,
                                           base.blueF() + (hot.blueF() - base.blueF()) * t);
            painter.setPen(Qt::NoPen);
            painter.setBrush(fill);
            painter.drawRoundedRect(cell, 3, 3);
            const QColor ink = t > 0.55 ? QColor(Qt::white) : text;
            painter.setPen(ink);
            // The cell's name on the grid itself (not only in the tooltip), then the counts.
            const double third = cell.height() / 3;
            painter.setFont(small);
            const QString name = QFontMetrics(small).elidedText(m_names[size_t(r - 1)][size_t(f - 1)], Qt::ElideRight,
                                                                 int(cell.width()) - 4);
            painter.drawText(cell.adjusted(2, 1, -2, -2 * third), Qt::AlignHCenter | Qt::AlignVCenter, name);
            painter.setFont(bold);
            painter.drawText(cell.adjusted(2, third, -2, -third), Qt::AlignHCenter | Qt::AlignVCenter, locale.toString(count));
            painter.setFont(small);
            painter.drawText(cell.adjusted(2, 2 * third, -2, -1), Qt::AlignHCenter | Qt::AlignVCenter,
                             locale.toString(m_all[size_t(r - 1)][size_t(f - 1)]));
        }
    }
    // Borders between cells of different named segments.
    painter.setPen(QPen(text, 2));
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            const QRectF cell = cellRect(r, f);
            const QString &name = m_names[size_t(r - 1)][size_t(f - 1)];
            if (f < 5 && m_names[size_t(r - 1)][size_t(f)] != name)
                painter.drawLine(cell.topRight(), cell.bottomRight());
            if (r > 1 && m_names[size_t(r - 2)][size_t(f - 1)] != name)
                painter.drawLine(cell.bottomLeft(), cell.bottomRight());
        }
    }
    // Axes.
    painter.setPen(text);
    painter.setFont(font());
    const QRectF area = gridArea();
    for (int i = 1; i <= 5; ++i) {
        const QRectF column = cellRect(1, i);
        painter.drawText(QRectF(column.left(), area.bottom() + 2, column.width(), fontMetrics().height()),
                         Qt::AlignCenter, QString::number(i));
        const QRectF row = cellRect(i, 1);
        painter.drawText(QRectF(area.left() - fontMetrics().height() * 1.2, row.top(), fontMetrics().height(), row.height()),
                         Qt::AlignCenter, QString::number(i));
    }
    painter.drawText(QRectF(area.left(), area.bottom() + fontMetrics().height() * 1.2, area.width(), fontMetrics().height() * 1.3),
                     Qt::AlignCenter, tr("Frequency score (F) →"));
    painter.save();
    painter.translate(fontMetrics().height() * 0.2, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, 0, area.height(), fontMetrics().height() * 1.3), Qt::AlignCenter,
                     tr("Recency score (R) →"));
    painter.restore();
}

void RfmHeatmap::mousePressEvent(QMouseEvent *event)
{
    const auto [r, f] = cellAt(event->position().toPoint());
    if (r > 0 && event->button() == Qt::LeftButton)
        Q_EMIT cellClicked(r, f);
    QWidget::mousePressEvent(event);
}

bool RfmHeatmap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const auto [r, f] = cellAt(help->pos());
        if (r > 0) {
            const QLocale locale;
            const QString &name = m_names[size_t(r - 1)][size_t(f - 1)];
            QToolTip::showText(help->globalPos(),
                               tr("R%1 F%2%3: %4 in this segment, %5 among all customers")
                                   .arg(r)
                                   .arg(f)
                                   .arg(name.isEmpty() ? QString() : QStringLiteral(" (") + name + u')')
                                   .arg(locale.toString(m_segment[size_t(r - 1)][size_t(f - 1)]),
                                        locale.toString(m_all[size_t(r - 1)][size_t(f - 1)])),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace segmenta::ui
