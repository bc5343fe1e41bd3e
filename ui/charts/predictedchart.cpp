#include "charts/predictedchart.h"

#include "common/money.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace segmenta::ui {

namespace {

const QColor kSegment(0x4e, 0x79, 0xa7);
const QColor kAll(0xb0, 0xb0, 0xb0);
const QColor kPredicted(0xe1, 0x57, 0x59);

} // namespace

PredictedChart::PredictedChart(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("predictedChart"));
    setMinimumHeight(240);
}

void PredictedChart::setFigures(const Figures &figures)
{
    m_figures = figures;
    update();
}

QStringList PredictedChart::summaryLines() const
{
    const Figures &f = m_figures;
    const QLocale locale;
    QStringList lines;
    if (!f.available) {
        lines << tr("No predictions: %1").arg(f.warning.isEmpty() ? tr("they are turned off in Settings") : f.warning);
        return lines;
    }
    if (f.hasClv) {
        const double perMember = f.membersPredicted > 0 ? f.clvMembers / double(f.membersPredicted) : 0.0;
        const double perAll = f.allPredicted > 0 ? f.clvAll / double(f.allPredicted) : 0.0;
        lines << tr("Predicted CLV, next %1 days: %2 · %3 per customer (all customers: %4 per customer)")
                     .arg(f.horizonDays)
                     .arg(moneyText(f.clvMembers, f.currencySymbol, locale, 0),
                          moneyText(perMember, f.currencySymbol, locale), moneyText(perAll, f.currencySymbol, locale));
    } else if (!f.warning.isEmpty()) {
        lines << f.warning;
    }
    lines << tr("%1 of the segment's customers have a prediction").arg(locale.toString(f.membersPredicted));
    return lines;
}

void PredictedChart::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF all = QRectF(rect()).adjusted(8, 4, -8, -4);
    painter.setPen(palette().color(QPalette::WindowText));
    const QStringList lines = summaryLines();
    const int lineHeight = fontMetrics().height();
    if (!m_figures.available) {
        painter.drawText(all, Qt::AlignCenter | Qt::TextWordWrap, lines.join(u'\n'));
        return;
    }
    QRectF text = all;
    text.setHeight(lineHeight * 2 + 4);
    painter.drawText(text, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, lines.join(u'\n'));
    QRectF plots = all.adjusted(0, text.height() + 6, 0, 0);
    const bool holdout = !m_figures.holdoutActual.isEmpty();
    QRectF left = plots, right;
    if (holdout) {
        left.setWidth(plots.width() * 0.55);
        right = plots.adjusted(left.width() + 16, 0, 0, 0);
    }
    paintAlive(painter, left);
    if (holdout)
        paintHoldout(painter, right);
}

void PredictedChart::paintAlive(QPainter &painter, const QRectF &area) const
{
    const int lineHeight = fontMetrics().height();
    const QColor text = palette().color(QPalette::WindowText);
    painter.setPen(text);
    painter.drawText(QRectF(area.left(), area.top(), area.width(), lineHeight), Qt::AlignLeft,
                     tr("P(alive): segment (blue) against all customers (grey)"));
    const QRectF plot = area.adjusted(0, lineHeight + 4, 0, -lineHeight - 2);
    double highest = 0.01;
    for (size_t i = 0; i < 10; ++i)
        highest = std::max({highest, m_figures.aliveMembers[i], m_figures.aliveAll[i]});
    const double band = plot.width() / 10;
    for (size_t i = 0; i < 10; ++i) {
        const double x = plot.left() + double(i) * band;
        const double hm = plot.height() * m_figures.aliveMembers[i] / highest;
        const double ha = plot.height() * m_figures.aliveAll[i] / highest;
        painter.fillRect(QRectF(x + band * 0.1, plot.bottom() - hm, band * 0.4, hm), kSegment);
        painter.fillRect(QRectF(x + band * 0.5, plot.bottom() - ha, band * 0.4, ha), kAll);
    }
    painter.setPen(text);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    const QLocale locale;
    for (int tick : {0, 50, 100}) {
        const double x = plot.left() + plot.width() * tick / 100.0;
        const Qt::Alignment align = tick == 0 ? Qt::AlignLeft : tick == 100 ? Qt::AlignRight : Qt::AlignHCenter;
        const double left = tick == 0 ? x : tick == 100 ? x - 60 : x - 30;
        painter.drawText(QRectF(left, plot.bottom() + 2, 60, lineHeight), align, locale.toString(tick) + locale.percent());
    }
}

void PredictedChart::paintHoldout(QPainter &painter, const QRectF &area) const
{
    const int lineHeight = fontMetrics().height();
    const QColor text = palette().color(QPalette::WindowText);
    painter.setPen(text);
    const QRectF title(area.left(), area.top(), area.width(), lineHeight * 3);
    painter.drawText(title, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap,
                     tr("Purchases per customer %1: actual (blue), predicted (red)").arg(m_figures.holdoutPeriod));
    const QRectF plot = area.adjusted(0, lineHeight * 3 + 4, 0, -lineHeight - 2);
    double highest = 0.1;
    for (const QPointF &p : m_figures.holdoutActual)
        highest = std::max(highest, p.y());
    for (const QPointF &p : m_figures.holdoutPredicted)
        highest = std::max(highest, p.y());
    const double groups = std::max<double>(1, double(m_figures.holdoutActual.size() - 1));
    const auto at = [&](const QPointF &p) {
        return QPointF(plot.left() + plot.width() * p.x() / groups, plot.bottom() - plot.height() * p.y() / highest);
    };
    for (const auto &[points, color] : {std::pair{&m_figures.holdoutActual, kSegment}, std::pair{&m_figures.holdoutPredicted, kPredicted}}) {
        QPainterPath path;
        for (qsizetype i = 0; i < points->size(); ++i) {
            if (i == 0)
                path.moveTo(at(points->at(i)));
            else
                path.lineTo(at(points->at(i)));
        }
        painter.setPen(QPen(color, 2));
        painter.drawPath(path);
    }
    painter.setPen(text);
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    const QLocale locale;
    for (const QPointF &p : m_figures.holdoutActual) {
        const QString label = p.x() + 1 >= double(m_figures.holdoutActual.size()) ? locale.toString(int(p.x())) + u'+'
                                                                                  : locale.toString(int(p.x()));
        painter.drawText(QRectF(at({p.x(), 0}).x() - 15, plot.bottom() + 2, 30, lineHeight), Qt::AlignHCenter, label);
    }
    painter.drawText(QRectF(plot.left() + 4, plot.top(), plot.width(), lineHeight), Qt::AlignLeft,
                     tr("top: %1").arg(locale.toString(highest, 'f', 1)));
}

} // namespace segmenta::ui
