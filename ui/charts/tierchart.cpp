#include "tierchart.h"

#include "charttheme.h"

#include <QEvent>
#include <QCursor>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QToolTip>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

namespace segmenta::ui {

TierChart::TierChart(QWidget *parent)
    : QWidget(parent), m_barsView(new QChartView(new QChart, this)), m_paretoView(new QChartView(new QChart, this)),
      m_customers(new QBarSet(QString())), m_revenue(new QBarSet(QString())), m_categories(new QBarCategoryAxis),
      m_shareAxis(new QValueAxis), m_segmentCurve(new QLineSeries), m_allCurve(new QLineSeries), m_barsLegend(new QLabel(this)),
      m_paretoLegend(new QLabel(this))
{
    setAccessibleName(tr("Value tiers"));
    // QChartView(QWidget *) would create a default chart that setChart() then orphans; start with ours.
    QChart *bars = m_barsView->chart();
    auto *series = new QBarSeries;
    series->append(m_customers);
    series->append(m_revenue);
    // Bar labels do not fit narrow bars; the exact shares show in the tooltip.
    connect(series, &QBarSeries::hovered, this, [this](bool status, int index, QBarSet *) {
        if (!status || index < 0 || index >= m_customers->count()) {
            QToolTip::hideText();
            return;
        }
        const QLocale locale;
        QToolTip::showText(QCursor::pos(), tr("%1: %2 of customers, %3 of revenue")
                                               .arg(m_categories->at(index),
                                                    locale.toString(m_customers->at(index), 'f', 1) + locale.percent(),
                                                    locale.toString(m_revenue->at(index), 'f', 1) + locale.percent()));
    });
    bars->addSeries(series);
    m_categories->setTruncateLabels(false); // "High" and "None" fit; Qt Charts cut them to "Hi..." at this width
    bars->addAxis(m_categories, Qt::AlignBottom);
    bars->addAxis(m_shareAxis, Qt::AlignLeft);
    series->attachAxis(m_categories);
    series->attachAxis(m_shareAxis);
    m_shareAxis->setRange(0, 100);
    m_shareAxis->setTickCount(5);
    m_shareAxis->setLabelFormat(QStringLiteral("%d%%"));
    bars->legend()->hide(); // Qt Charts drops the second marker of a narrow chart; our label wraps instead
    m_barsView->setRenderHint(QPainter::Antialiasing);
    connect(m_customers, &QBarSet::clicked, this, &TierChart::tierClicked);
    connect(m_revenue, &QBarSet::clicked, this, &TierChart::tierClicked);

    QChart *pareto = m_paretoView->chart();
    pareto->addSeries(m_segmentCurve);
    pareto->addSeries(m_allCurve);
    auto *x = new QValueAxis;
    auto *y = new QValueAxis;
    for (QValueAxis *axis : {x, y}) {
        axis->setRange(0, 100);
        axis->setLabelFormat(QStringLiteral("%d%%"));
        axis->setTickCount(3);
    }
    pareto->addAxis(x, Qt::AlignBottom);
    pareto->addAxis(y, Qt::AlignLeft);
    for (QLineSeries *curve : {m_segmentCurve, m_allCurve}) {
        curve->attachAxis(x);
        curve->attachAxis(y);
    }
    pareto->legend()->hide();
    m_paretoView->setRenderHint(QPainter::Antialiasing);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setVerticalSpacing(2);
    layout->addWidget(m_barsView, 0, 0);
    layout->addWidget(m_paretoView, 0, 1);
    for (QLabel *legend : {m_barsLegend, m_paretoLegend}) {
        legend->setWordWrap(true);
        legend->setAlignment(Qt::AlignHCenter);
        legend->setTextFormat(Qt::RichText);
    }
    m_barsLegend->setObjectName(QStringLiteral("tierLegend"));
    m_paretoLegend->setObjectName(QStringLiteral("paretoLegend"));
    layout->addWidget(m_barsLegend, 1, 0);
    layout->addWidget(m_paretoLegend, 1, 1);
    layout->setRowStretch(0, 1);
    layout->setColumnStretch(0, 1);
    layout->setColumnStretch(1, 1);
    retranslate();
    restyle();
}

void TierChart::setTiers(const QList<Tier> &tiers)
{
    qint64 customers = 0;
    double revenue = 0;
    for (const Tier &tier : tiers) {
        customers += tier.customers;
        revenue += tier.revenue;
    }
    QStringList labels;
    for (qsizetype i = 0; i < tiers.size(); ++i) {
        const double customerShare = customers > 0 ? 100.0 * double(tiers[i].customers) / double(customers) : 0;
        const double revenueShare = revenue > 0 ? 100.0 * tiers[i].revenue / revenue : 0;
        labels << tiers[i].label;
        // Replace values in place, so the chart never flashes empty between two evaluations.
        if (i < m_customers->count()) {
            m_customers->replace(i, customerShare);
            m_revenue->replace(i, revenueShare);
        } else {
            m_customers->append(customerShare);
            m_revenue->append(revenueShare);
        }
    }
    if (m_customers->count() > tiers.size()) {
        m_customers->remove(int(tiers.size()), int(m_customers->count() - tiers.size()));
        m_revenue->remove(int(tiers.size()), int(m_revenue->count() - tiers.size()));
    }
    if (m_categories->categories() != labels) {
        m_categories->clear();
        m_categories->append(labels);
    }
}

void TierChart::setParetoCurves(const Curve &segment, const Curve &all)
{
    const auto percent = [](const Curve &curve) {
        QList<QPointF> points;
        points.reserve(curve.size());
        for (const QPointF &p : curve)
            points.append({p.x() * 100, p.y() * 100});
        return points;
    };
    m_segmentCurve->replace(percent(segment));
    m_allCurve->replace(percent(all));
}

QList<QPair<double, double>> TierChart::shownShares() const
{
    QList<QPair<double, double>> shares;
    for (int i = 0; i < m_customers->count(); ++i)
        shares.append({m_customers->at(i), m_revenue->at(i)});
    return shares;
}

void TierChart::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange)
        restyle();
    else if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TierChart::restyle()
{
    applyChartStyle(m_barsView->chart(), this);
    applyChartStyle(m_paretoView->chart(), this);
    m_paretoView->chart()->setMargins(QMargins(4, 4, 18, 4)); // room for the last axis label, "100%"
    m_customers->setColor(QColor(0x3b, 0x7d, 0xd8));
    m_revenue->setColor(QColor(0xf0, 0xa2, 0x02));
    m_segmentCurve->setPen(QPen(QColor(0x3b, 0x7d, 0xd8), 2.5));
    m_allCurve->setPen(QPen(palette().color(QPalette::Text), 1.5, Qt::DashLine));
    retranslate(); // the legends carry the colours
}

void TierChart::retranslate()
{
    m_customers->setLabel(tr("Customers"));
    m_revenue->setLabel(tr("Revenue"));
    m_segmentCurve->setName(tr("Segment"));
    m_allCurve->setName(tr("All"));
    // Each entry keeps its mark and name together; entries wrap onto a second line when the chart is narrow.
    const auto entry = [](const QString &mark, const QColor &colour, const QString &name) {
        return QStringLiteral("<span style=\"white-space:nowrap\"><span style=\"color:%1\">%2</span>&nbsp;%3</span>")
            .arg(colour.name(), mark, name.toHtmlEscaped());
    };
    const QString square = QStringLiteral("&#9632;"), line = QStringLiteral("&#9473;&#9473;"), dashes = QStringLiteral("&#9476;&#9476;");
    m_barsLegend->setText(entry(square, m_customers->color(), m_customers->label()) + QStringLiteral(" &nbsp; ") +
                          entry(square, m_revenue->color(), m_revenue->label()));
    m_paretoLegend->setText(entry(line, m_segmentCurve->pen().color(), m_segmentCurve->name()) + QStringLiteral(" &nbsp; ") +
                            entry(dashes, m_allCurve->pen().color(), m_allCurve->name()));
    m_paretoView->chart()->setTitle(tr("Pareto curve"));
    m_paretoView->setToolTip(tr("Share of revenue (up) made by the biggest spenders (across)"));
}

} // namespace segmenta::ui
