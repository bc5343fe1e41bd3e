#include "segmentsizechart.h"

#include "charttheme.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSet>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalStackedBarSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace segmenta::ui {

SegmentSizeChart::SegmentSizeChart(QWidget *parent) : QWidget(parent), m_view(new QChartView(new QChart, this))
{
    setAccessibleName(tr("Saved segment sizes"));
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rebuild();
}

void SegmentSizeChart::setBars(const QList<Bar> &bars)
{
    m_bars = bars;
    rebuild();
}

void SegmentSizeChart::rebuild()
{
    // Per-bar colours need one bar set per segment in a stacked series (each set non-zero at its own row).
    // The series is rebuilt whole: there are tens of segments at most, and it happens once per evaluation.
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // gives the axis back to us
        delete axis;
    }
    applyChartStyle(chart, this);
    chart->legend()->hide();

    const QLocale locale;
    auto *series = new QHorizontalStackedBarSeries;
    QStringList labels;
    qint64 largest = 1;
    const auto count = int(m_bars.size());
    // Categories run bottom-up: list the segments in reverse so the first one is on top, as in the list.
    for (int i = 0; i < count; ++i) {
        const Bar &bar = m_bars[count - 1 - i];
        labels << QStringLiteral("%1 (%2)").arg(bar.name, locale.toString(bar.size));
        largest = std::max(largest, bar.size);
        auto *shared = new QBarSet(bar.name);
        auto *rest = new QBarSet(bar.name);
        for (int j = 0; j < count; ++j) {
            *shared << (j == i ? double(std::min(bar.overlap, bar.size)) : 0.0);
            *rest << (j == i ? double(bar.size - std::min(bar.overlap, bar.size)) : 0.0);
        }
        shared->setColor(bar.color);
        shared->setBorderColor(bar.color);
        QColor light = bar.color;
        light.setAlphaF(0.35);
        rest->setColor(light);
        rest->setBorderColor(bar.color);
        const qint64 id = bar.segmentId;
        connect(shared, &QBarSet::clicked, this, [this, id] { Q_EMIT segmentClicked(id); });
        connect(rest, &QBarSet::clicked, this, [this, id] { Q_EMIT segmentClicked(id); });
        series->append(shared);
        series->append(rest);
    }
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    auto *values = new QValueAxis;
    values->setRange(0, double(largest) * 1.05);
    values->setLabelFormat(QStringLiteral("%.0f"));
    values->applyNiceNumbers();
    chart->addAxis(categories, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(categories);
    series->attachAxis(values);
    chart->setTitle(tr("Saved segments: size, and overlap with this segment (solid)"));
}

void SegmentSizeChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace segmenta::ui
