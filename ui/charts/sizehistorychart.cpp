#include "sizehistorychart.h"

#include "common/datetext.h"

#include "charttheme.h"

#include <QEvent>
#include <QVBoxLayout>
#include <QtCharts/QChartView>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace segmenta::ui {

SizeHistoryChart::SizeHistoryChart(QWidget *parent) : QWidget(parent), m_view(new QChartView(new QChart, this))
{
    setAccessibleName(tr("Segment size history"));
    m_view->setRenderHint(QPainter::Antialiasing);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view);
    rebuild();
}

void SizeHistoryChart::setSeries(const QList<Series> &series)
{
    m_series = series;
    rebuild();
}

void SizeHistoryChart::rebuild()
{
    QChart *chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // gives the axis back to us
        delete axis;
    }
    applyChartStyle(chart, this);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setTitle(tr("Segment size by analysis date"));

    auto *dates = new QDateTimeAxis;
    dates->setFormat(datePattern());
    auto *sizes = new QValueAxis;
    sizes->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(dates, Qt::AlignBottom);
    chart->addAxis(sizes, Qt::AlignLeft);
    qint64 largest = 1;
    QDate first, last;
    for (const Series &line : m_series) {
        auto *series = new QLineSeries;
        series->setName(line.name);
        series->setPen(QPen(line.color, 2));
        series->setPointsVisible(true);
        for (const auto &[date, size] : line.points) {
            series->append(double(date.startOfDay().toMSecsSinceEpoch()), double(size));
            largest = std::max(largest, size);
            first = first.isValid() ? std::min(first, date) : date;
            last = last.isValid() ? std::max(last, date) : date;
        }
        chart->addSeries(series);
        series->attachAxis(dates);
        series->attachAxis(sizes);
    }
    if (first.isValid()) {
        dates->setRange(first.addDays(-1).startOfDay(), last.addDays(1).startOfDay());
    }
    sizes->setRange(0, double(largest) * 1.1);
    sizes->applyNiceNumbers();
}

void SizeHistoryChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

} // namespace segmenta::ui
