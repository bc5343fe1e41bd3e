#include "funnelwidget.h"

#include <QHelpEvent>
#include <QFontMetricsF>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <array>

namespace segmenta::ui {

namespace {

constexpr std::array<QRgb, 6> kBandColors = {0xff3b7dd8, 0xff2f9e8f, 0xfff0a202, 0xffe4572e, 0xff8e6cbf, 0xff5c6f7e};

double share(qint64 part, qint64 whole)
{
    return whole > 0 ? double(part) / double(whole) : 0.0;
}

} // namespace

FunnelWidget::FunnelWidget(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("Lifecycle funnel"));
}

void FunnelWidget::setSteps(const QList<Step> &steps)
{
    m_steps = steps;
    update();
}

QStringList FunnelWidget::legend() const
{
    return {tr("This segment"), tr("All customers (dashed outline)")};
}

QRectF FunnelWidget::legendRect() const
{
    return {8.0, 4.0, double(width() - 16), double(fontMetrics().height() + 4)};
}

void FunnelWidget::paintLegend(QPainter &painter) const
{
    const QRectF area = legendRect();
    const QStringList words = legend();
    const QFontMetricsF metrics(font());
    const double swatch = metrics.height() * 0.8;
    const double gap = metrics.horizontalAdvance(QLatin1Char(' ')) * 3;
    double x = area.right() - (swatch + 4 + metrics.horizontalAdvance(words[0]) + gap + swatch + 4 + metrics.horizontalAdvance(words[1]));
    x = std::max(x, area.left());
    const double y = area.center().y() - swatch / 2;
    const QColor text = palette().color(QPalette::WindowText);
    for (int i = 0; i < 2; ++i) {
        const QRectF box(x, y, swatch, swatch);
        painter.setPen(i == 0 ? QPen(Qt::NoPen) : QPen(text, 1, Qt::DashLine));
        painter.setBrush(i == 0 ? QBrush(QColor::fromRgba(kBandColors[0])) : QBrush(Qt::NoBrush));
        painter.drawRect(box);
        painter.setPen(text);
        const QRectF label(x + swatch + 4, area.top(), metrics.horizontalAdvance(words[i]) + 2, area.height());
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, words[i]);
        x = label.right() + gap;
    }
}

QRectF FunnelWidget::bandRect(int index) const
{
    const int n = int(m_steps.size());
    const QRectF area = QRectF(rect()).adjusted(8, legendRect().bottom() + 4, -8, -8);
    const double bandHeight = n > 0 ? area.height() / n : 0;
    return {area.left(), area.top() + index * bandHeight, area.width(), bandHeight};
}

int FunnelWidget::stepAt(const QPoint &point) const
{
    for (int i = 0; i < m_steps.size(); ++i) {
        if (bandRect(i).contains(point))
            return i;
    }
    return -1;
}

void FunnelWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    if (m_steps.isEmpty())
        return;
    paintLegend(painter);
    const QLocale locale;
    const qint64 top = std::max<qint64>(1, m_steps.constFirst().count);
    const qint64 allTop = std::max<qint64>(1, m_steps.constFirst().allCount);
    const int n = int(m_steps.size());
    // Width of band i's top edge as a fraction of the full width; a band's bottom edge is the next band's top.
    const auto widthOf = [&](int i, bool all) {
        if (i >= n)
            i = n - 1;
        const double fraction = all ? share(m_steps[i].allCount, allTop) : share(m_steps[i].count, top);
        return 0.12 + 0.88 * fraction; // never thinner than a sliver, so empty steps stay visible
    };
    const QColor text = palette().color(QPalette::WindowText);
    QFont bold = font();
    bold.setBold(true);
    for (int i = 0; i < n; ++i) {
        const QRectF band = bandRect(i).adjusted(0, 1, 0, -1);
        const double cx = band.center().x();
        const auto trapezoid = [&](bool all) {
            const double topHalf = band.width() * widthOf(i, all) / 2;
            const double bottomHalf = band.width() * (i + 1 < n ? widthOf(i + 1, all) : widthOf(i, all) * 0.8) / 2;
            QPainterPath path;
            path.moveTo(cx - topHalf, band.top());
            path.lineTo(cx + topHalf, band.top());
            path.lineTo(cx + bottomHalf, band.bottom());
            path.lineTo(cx - bottomHalf, band.bottom());
            path.closeSubpath();
            return path;
        };
        const QColor color = QColor::fromRgba(kBandColors[size_t(i) % kBandColors.size()]);
        painter.setPen(Qt::NoPen);
        painter.setBrush(color);
        painter.drawPath(trapezoid(false));
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(text, 1, Qt::DashLine));
        painter.drawPath(trapezoid(true));

        const Step &step = m_steps[i];
        QString line = step.label + QStringLiteral("  ") + locale.toString(step.count);
        if (i > 0) {
            line += QStringLiteral("  ·  ") +
                    tr("%1 of previous").arg(locale.toString(100.0 * share(step.count, m_steps[i - 1].count), 'f', 1) +
                                             locale.percent());
        }
        const QString allLine = tr("all customers: %1").arg(locale.toString(step.allCount));
        // The labels sit on a patch of the band's colour, so the dashed outline of all customers never
        // crosses their letters.
        // Dark letters on light bands, light on dark ones, whatever the palette (a dark theme's light text on
        // the orange band could hardly be read).
        const double luminance = 0.2126 * color.redF() + 0.7152 * color.greenF() + 0.0722 * color.blueF();
        const QColor ink = luminance > 0.5 ? QColor(0x1a, 0x1a, 0x1a) : QColor(Qt::white);
        const auto label = [&](const QRectF &rect, int alignment, const QString &words, const QFont &labelFont) {
            painter.setFont(labelFont);
            const QRectF used = painter.boundingRect(rect, alignment, words).adjusted(-3, 0, 3, 0);
            painter.setPen(Qt::NoPen);
            painter.setBrush(color);
            painter.drawRect(used);
            painter.setPen(ink);
            painter.drawText(rect, alignment, words);
        };
        label(band.adjusted(4, 0, -4, -band.height() / 2), Qt::AlignHCenter | Qt::AlignBottom, line, bold);
        label(band.adjusted(4, band.height() / 2, -4, 0), Qt::AlignHCenter | Qt::AlignTop, allLine, font());
    }
}

void FunnelWidget::mousePressEvent(QMouseEvent *event)
{
    const int index = stepAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        Q_EMIT stepClicked(index);
    QWidget::mousePressEvent(event);
}

bool FunnelWidget::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int index = stepAt(help->pos());
        if (index >= 0) {
            const QLocale locale;
            const Step &step = m_steps[index];
            QToolTip::showText(help->globalPos(),
                               tr("%1: %2 in this segment, %3 among all customers. Click to list them.")
                                   .arg(step.label, locale.toString(step.count), locale.toString(step.allCount)),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace segmenta::ui
