#include "charts/conversionchart.h"

#include <QLocale>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace segmenta::ui {

namespace {

// A round top for the axis above `value` (a fraction): 1, 2, 2.5 or 5 times a power of ten, in percent, and
// how many grid steps divide it into round numbers.
std::pair<double, int> axisTop(double value)
{
    const double percent = std::max(1.0, value * 100 * 1.1);
    const double power = std::pow(10.0, std::floor(std::log10(percent)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (step * power >= percent)
            return {std::min(1.0, step * power / 100), step == 2.0 ? 4 : 5};
    }
    return {1.0, 5};
}

} // namespace

ConversionChart::ConversionChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("conversionChart"));
    setMinimumSize(320, 200);
}

void ConversionChart::setBars(std::vector<Bar> bars)
{
    m_bars = std::move(bars);
    update();
}

void ConversionChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    painter.fillRect(rect(), pal.base());
    if (m_bars.empty())
        return;
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    const QLocale locale;
    double highest = 0;
    for (const Bar &bar : m_bars) {
        if (!bar.empty)
            highest = std::max(highest, bar.high);
    }
    const auto [top, steps] = axisTop(highest);
    const int left = metrics.horizontalAdvance(locale.toString(top * 100, 'f', 0) + u'%') + 12;
    const QRect plot(left, line, width() - left - 8, height() - 3 * line - 4);
    const auto yOf = [&, top = top](double fraction) { return plot.bottom() - int(std::lround(fraction / top * plot.height())); };

    // Axis and grid, at round numbers.
    QColor grid = pal.color(QPalette::Text);
    grid.setAlpha(40);
    const double stepPercent = top * 100 / steps;
    const int decimals = std::abs(stepPercent - std::round(stepPercent)) > 1e-9 ? 1 : 0;
    for (int i = 0; i <= steps; ++i) {
        const double value = top * i / steps;
        const int y = yOf(value);
        painter.setPen(grid);
        painter.drawLine(plot.left(), y, plot.right(), y);
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRect(0, y - line / 2, left - 6, line), Qt::AlignRight | Qt::AlignVCenter,
                         locale.toString(value * 100, 'f', decimals) + u'%');
    }

    const int slot = plot.width() / int(m_bars.size());
    const int barWidth = std::min(70, slot * 3 / 5);
    for (size_t i = 0; i < m_bars.size(); ++i) {
        const Bar &bar = m_bars[i];
        const int centre = plot.left() + slot * int(i) + slot / 2;
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRect(centre - slot / 2, plot.bottom() + 4, slot, line), Qt::AlignCenter, bar.label);
        if (bar.empty) {
            painter.drawText(QRect(centre - slot / 2, plot.bottom() - 2 * line, slot, line), Qt::AlignCenter, tr("no members"));
            continue;
        }
        const QColor fill = bar.control ? QColor(0x9a, 0x9a, 0x9a) : QColor(0x4e, 0x79, 0xa7);
        const int y = yOf(bar.rate);
        painter.fillRect(QRect(centre - barWidth / 2, y, barWidth, plot.bottom() - y), fill);
        // The interval: a vertical line with caps.
        QPen whisker(pal.color(QPalette::Text), 2);
        painter.setPen(whisker);
        const int yLow = yOf(bar.low);
        const int yHigh = yOf(bar.high);
        painter.drawLine(centre, yLow, centre, yHigh);
        painter.drawLine(centre - barWidth / 5, yLow, centre + barWidth / 5, yLow);
        painter.drawLine(centre - barWidth / 5, yHigh, centre + barWidth / 5, yHigh);
        painter.drawText(QRect(centre + barWidth / 5 + 2, yHigh - line, slot / 2, line), Qt::AlignLeft | Qt::AlignBottom,
                         locale.toString(bar.rate * 100, 'f', 1) + u'%');
    }
    painter.setPen(pal.color(QPalette::PlaceholderText));
    painter.drawText(QRect(0, height() - line - 2, width(), line), Qt::AlignCenter,
                     tr("Conversion in the window; lines show the 95% interval"));
}

} // namespace segmenta::ui
