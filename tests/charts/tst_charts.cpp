#include "charts/chartexport.h"
#include "charts/funnelwidget.h"
#include "charts/predictedchart.h"
#include "charts/purchasemixchart.h"
#include "charts/rfmheatmap.h"
#include "charts/segmentsizechart.h"
#include "charts/sizehistorychart.h"
#include "charts/tierchart.h"
#include "dashboard/dashboardpanel.h"
#include "dashboard/purchasemixview.h"

#include <QLabel>
#include <QPushButton>
#include <QLocale>

#include <QApplication>
#include <QFile>
#include <QFileInfo>
#include <QFontMetrics>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta::ui;

// The chart widgets, driven with hand-made figures: what they show and what clicking them reports.
// Set SEGMENTA_CHART_SHOTS=DIR to keep PNGs of each chart for a look.
class TestCharts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void funnelReportsTheClickedStep();
    void heatmapReportsTheClickedCell();
    void tierChartShowsShares();
    void chartsSaveAsPngAndSvg();
    void dashboardShowsEveryFigure();
    void savedChartCarriesItsCaption();
    void predictedCardShowsNumbersOrTheReason();
    void purchaseMixShowsWholeNamesAndNarrows();

private:
    static void keepShot(QWidget *widget, const char *name);
};

namespace {

segmenta::rules::PurchaseMix::Item mixItem(const QString &name, double revenue, qint64 buyers, double share, double allShare)
{
    segmenta::rules::PurchaseMix::Item item;
    item.name = name;
    item.revenue = revenue;
    item.buyers = buyers;
    item.share = share;
    item.allShare = allShare;
    return item;
}

} // namespace

void TestCharts::keepShot(QWidget *widget, const char *name)
{
    const QByteArray dir = qgetenv("SEGMENTA_CHART_SHOTS");
    if (!dir.isEmpty())
        widget->grab().save(QString::fromLocal8Bit(dir) + u'/' + QLatin1StringView(name) + QStringLiteral(".png"));
}

void TestCharts::funnelReportsTheClickedStep()
{
    FunnelWidget funnel;
    funnel.resize(480, 320);
    funnel.setSteps({{QStringLiteral("Customers"), 1000, 20000},
                     {QStringLiteral("First purchase"), 800, 17000},
                     {QStringLiteral("Repeat"), 300, 8000},
                     {QStringLiteral("Mature"), 90, 2500}});
    funnel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&funnel));
    keepShot(&funnel, "funnel");
    QSignalSpy clicked(&funnel, &FunnelWidget::stepClicked);
    // Four bands share the height: the third band's middle is at 5/8 of it (allowing for the margins).
    QTest::mouseClick(&funnel, Qt::LeftButton, {}, QPoint(240, 8 + (320 - 16) * 5 / 8));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 2);
    QCOMPARE(funnel.stepAt(QPoint(240, 2)), -1);
}

void TestCharts::heatmapReportsTheClickedCell()
{
    RfmHeatmap heatmap;
    heatmap.resize(400, 320);
    RfmHeatmap::Grid segment{}, all{};
    for (int r = 0; r < 5; ++r) {
        for (int f = 0; f < 5; ++f) {
            segment[r][f] = (r + 1) * 10 + f;
            all[r][f] = (r + 1) * 100 + f;
        }
    }
    // No customer scored anywhere (fewer than 5 buyers): the grid says why; one scored customer: no note.
    heatmap.setGrids({}, {});
    QVERIFY(heatmap.emptyNote().contains(QStringLiteral("at least 5 buyers")));
    RfmHeatmap::Grid one{};
    one[0][0] = 1;
    heatmap.setGrids({}, one);
    QCOMPARE(heatmap.emptyNote(), QString());
    heatmap.setGrids(segment, all);
    QCOMPARE(heatmap.emptyNote(), QString());
    RfmHeatmap::Names names;
    names[4][4] = QStringLiteral("Champions");
    heatmap.setSegmentNames(names);
    heatmap.show();
    QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
    keepShot(&heatmap, "rfm");
    QSignalSpy clicked(&heatmap, &RfmHeatmap::cellClicked);
    // Find the top-right cell by scanning: it must be R5 F5, and the bottom-left R1 F1.
    const auto topRight = heatmap.cellAt(QPoint(heatmap.width() - 10, 12));
    QCOMPARE(topRight, std::make_pair(5, 5));
    QTest::mouseClick(&heatmap, Qt::LeftButton, {}, QPoint(heatmap.width() - 10, 12));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 5);
    QCOMPARE(clicked.at(0).at(1).toInt(), 5);
}

void TestCharts::tierChartShowsShares()
{
    TierChart chart;
    chart.resize(700, 300);
    // 10 high customers with 8,000 of revenue, 15 mid with 1,500, 25 low with 500: 20/30/50 % of customers,
    // 80/15/5 % of revenue.
    chart.setTiers({{QStringLiteral("High"), 10, 8000}, {QStringLiteral("Mid"), 15, 1500}, {QStringLiteral("Low"), 25, 500}});
    chart.setParetoCurves({{0, 0}, {0.2, 0.8}, {0.5, 0.95}, {1, 1}}, {{0, 0}, {0.2, 0.6}, {1, 1}});
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    keepShot(&chart, "tiers");
    const auto shares = chart.shownShares();
    QCOMPARE(shares.size(), 3);
    QCOMPARE(shares[0].first, 20.0);
    QCOMPARE(shares[0].second, 80.0);
    QCOMPARE(shares[1].first, 30.0);
    QCOMPARE(shares[1].second, 15.0);
    QCOMPARE(shares[2].first, 50.0);
    QCOMPARE(shares[2].second, 5.0);
    // Both legends name both series, whole, however narrow the card (the PDF report draws it as it is).
    chart.resize(330, 260);
    QTRY_COMPARE(chart.width(), 330);
    for (const char *name : {"tierLegend", "paretoLegend"}) {
        const auto *legend = chart.findChild<QLabel *>(QString::fromLatin1(name));
        QVERIFY(legend);
        QVERIFY(legend->isVisible());
        QTRY_VERIFY2(legend->height() >= legend->heightForWidth(legend->width()), name);
    }
    const QString bars = chart.findChild<QLabel *>(QStringLiteral("tierLegend"))->text();
    QVERIFY2(bars.contains(u"Customers") && bars.contains(u"Revenue"), qPrintable(bars));
    const QString pareto = chart.findChild<QLabel *>(QStringLiteral("paretoLegend"))->text();
    QVERIFY2(pareto.contains(u"Segment") && pareto.contains(u"All"), qPrintable(pareto));
    // Updating to fewer tiers drops the extra bars rather than keeping stale ones.
    chart.setTiers({{QStringLiteral("High"), 1, 1}, {QStringLiteral("Low"), 3, 1}});
    QCOMPARE(chart.shownShares().size(), 2);
    QCOMPARE(chart.shownShares()[1].first, 75.0);
}

void TestCharts::chartsSaveAsPngAndSvg()
{
    SegmentSizeChart sizes;
    sizes.resize(500, 260);
    sizes.setBars({{1, QStringLiteral("VIP"), QColor(0xe4, 0x57, 0x2e), 1200, 300},
                   {2, QStringLiteral("新客户"), QColor(0x3b, 0x7d, 0xd8), 3400, 0}});
    SizeHistoryChart history;
    history.resize(500, 260);
    history.setSeries({{QStringLiteral("VIP"), QColor(0xe4, 0x57, 0x2e),
                        {{QDate(2026, 1, 1), 1000}, {QDate(2026, 4, 1), 1100}, {QDate(2026, 7, 1), 1200}}}});
    sizes.show();
    history.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sizes));
    QVERIFY(QTest::qWaitForWindowExposed(&history));
    keepShot(&sizes, "sizes");
    keepShot(&history, "history");

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("sizes.png"));
    const QString svg = dir.filePath(QStringLiteral("sizes.svg"));
    QCOMPARE(chartexport::saveToFile(&sizes, png), QString());
    QCOMPARE(chartexport::saveToFile(&sizes, svg), QString());
    const QImage image(png);
    QCOMPARE(image.size(), sizes.size() * sizes.devicePixelRatio());
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray content = file.readAll();
    QVERIFY(content.contains("<svg"));
    QVERIFY(content.size() > 1000);
    QVERIFY(!chartexport::saveToFile(&sizes, dir.filePath(QStringLiteral("missing/x.png"))).isEmpty());
}

void TestCharts::savedChartCarriesItsCaption()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    SegmentSizeChart sizes;
    sizes.resize(500, 260);
    sizes.setBars({{1, QStringLiteral("VIP"), QColor(0xe4, 0x57, 0x2e), 1200, 300}});
    sizes.show();
    QVERIFY(QTest::qWaitForWindowExposed(&sizes));
    const chartexport::Caption caption{QStringLiteral("Saved segments"), QStringLiteral("VIP customers"), QDate(2026, 7, 1)};
    QCOMPARE(chartexport::captionLines(caption),
             QStringList({QStringLiteral("Saved segments"), QStringLiteral("Segment: VIP customers · analysis date 7/1/2026")}));

    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("captioned.png"));
    QCOMPARE(chartexport::saveToFile(&sizes, png, caption), QString());
    const QImage image(png);
    const qreal ratio = sizes.devicePixelRatioF();
    QCOMPARE(image.width(), qRound(500 * ratio));
    const int band = image.height() - qRound(260 * ratio);
    QVERIFY2(band >= qRound(2 * QFontMetrics(sizes.font()).height() * ratio), qPrintable(QString::number(band)));
    // The band holds text: pixels of another colour than its background, on both lines.
    const QRgb background = image.pixel(0, 0);
    int inked = 0;
    for (int y = 0; y < band; ++y) {
        for (int x = 0; x < image.width(); ++x)
            inked += image.pixel(x, y) != background ? 1 : 0;
    }
    QVERIFY2(inked > 200, qPrintable(QString::number(inked)));
    // Below the band, the chart as it is saved without a caption.
    const QString plain = dir.filePath(QStringLiteral("plain.png"));
    QCOMPARE(chartexport::saveToFile(&sizes, plain), QString());
    QCOMPARE(QImage(plain), image.copy(0, band, image.width(), image.height() - band));

    const QString svg = dir.filePath(QStringLiteral("captioned.svg"));
    QCOMPARE(chartexport::saveToFile(&sizes, svg, caption), QString());
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString content = QString::fromUtf8(file.readAll());
    QVERIFY(content.contains(u"Saved segments"));
    QVERIFY(content.contains(u"Segment: VIP customers · analysis date 7/1/2026"));
    QCOMPARE(chartexport::saveToFile(&sizes, dir.filePath(QStringLiteral("captioned.pdf")), caption), QString());
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("captioned.pdf"))).size() > 1000);
}

void TestCharts::dashboardShowsEveryFigure()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    DashboardPanel panel;
    panel.resize(1100, 1300);
    DashboardFigures figures;
    figures.members = 1234;
    figures.customers = 20000;
    figures.revenue = 98765.5;
    figures.totalRevenue = 987655;
    figures.funnel = {{QStringLiteral("Customers"), 1234, 20000}, {QStringLiteral("First purchase"), 1234, 17600},
                      {QStringLiteral("Repeat"), 700, 9000}, {QStringLiteral("Mature"), 260, 3100}};
    figures.activity = {{QStringLiteral("Active"), 500, 6000}, {QStringLiteral("At risk"), 300, 3000},
                        {QStringLiteral("Dormant"), 434, 8600}};
    figures.tiers = {{QStringLiteral("High"), 600, 70000}, {QStringLiteral("Mid"), 400, 20000},
                     {QStringLiteral("Low"), 234, 8765.5}};
    figures.pareto = {{0, 0}, {0.2, 0.55}, {0.5, 0.85}, {1, 1}};
    figures.allPareto = {{0, 0}, {0.2, 0.7}, {0.5, 0.93}, {1, 1}};
    for (int r = 0; r < 5; ++r) {
        for (int f = 0; f < 5; ++f) {
            figures.rfm[r][f] = (r + 1) * (f + 1) * 8;
            figures.allRfm[r][f] = (r + 1) * (f + 2) * 100;
        }
    }
    figures.savedSegments = {{1, QStringLiteral("VIP"), QColor(0xe4, 0x57, 0x2e), 1800, 900},
                             {2, QStringLiteral("One-time buyers"), QColor(0x3b, 0x7d, 0xd8), 8800, 0}};
    figures.history = {{QStringLiteral("VIP"), QColor(0xe4, 0x57, 0x2e), {{QDate(2026, 1, 1), 1600}, {QDate(2026, 7, 1), 1800}}}};
    panel.showFigures(figures);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    keepShot(&panel, "dashboard");
    const QString headline = panel.headlineText();
    QVERIFY2(headline.contains(QStringLiteral("1,234 customers")), qPrintable(headline));
    QVERIFY2(headline.contains(QStringLiteral("6.2%")), qPrintable(headline)); // 1,234 of 20,000
    QVERIFY2(headline.contains(QStringLiteral("98,765.50")), qPrintable(headline));
    QVERIFY2(headline.contains(QStringLiteral("10.0%")), qPrintable(headline)); // of all revenue
    QCOMPARE(panel.funnel()->steps().size(), 4);
    QCOMPARE(panel.rfm()->segmentGrid()[4][4], qint64(200));
    QCOMPARE(panel.segmentSizes()->bars().size(), 2);
    // Busy keeps the figures: no empty flash while a new evaluation runs.
    panel.setBusy(true);
    QCOMPARE(panel.headlineText(), headline);
    QSignalSpy clicked(&panel, &DashboardPanel::funnelStepClicked);
    Q_EMIT panel.funnel()->stepClicked(1);
    QCOMPARE(clicked.count(), 1);
}

// The Predicted card: the segment's CLV sum and per customer against all customers, or, when the data cannot
// support a fit, the reason and no numbers.
void TestCharts::predictedCardShowsNumbersOrTheReason()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PredictedChart chart;
    chart.resize(700, 280);
    PredictedChart::Figures f;
    f.available = true;
    f.hasClv = true;
    f.membersPredicted = 400;
    f.allPredicted = 10000;
    f.clvMembers = 50000; // 125 per customer
    f.clvAll = 800000;    // 80 per customer
    f.aliveMembers = {0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.2, 0.3};
    f.aliveAll = {0.3, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1};
    f.holdoutActual = {{0, 0.1}, {1, 0.5}, {2, 0.9}};
    f.holdoutPredicted = {{0, 0.12}, {1, 0.45}, {2, 1.0}};
    f.holdoutPeriod = QStringLiteral("from 2026-01-02 to 2026-07-01");
    chart.setFigures(f);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    keepShot(&chart, "predicted");
    const QString shown = chart.summaryLines().join(u'\n');
    QVERIFY2(shown.contains(QStringLiteral("50,000")) && shown.contains(QStringLiteral("125.00")) &&
                 shown.contains(QStringLiteral("80.00")) && shown.contains(QStringLiteral("365 days")),
             qPrintable(shown));

    PredictedChart::Figures none;
    none.warning = QStringLiteral("Too few repeat buyers to predict: 12 customers bought on two days or more; "
                                  "predictions need at least 30");
    chart.setFigures(none);
    const QString warning = chart.summaryLines().join(u'\n');
    QVERIFY2(warning.contains(none.warning) && !warning.contains(QStringLiteral("CLV")), qPrintable(warning));
    keepShot(&chart, "predicted-warning");
}

// "What this segment buys": each list as wide as its longest name needs, side by side when both fit and one
// below the other when not; the measure switch shows the other lists; a click names the line field and value.
void TestCharts::purchaseMixShowsWholeNamesAndNarrows()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    PurchaseMixView view;
    PurchaseMixFigures figures;
    figures.categories[0] = {mixItem(QStringLiteral("Green tea"), 500, 4, 0.5, 0.25), mixItem(QStringLiteral("茶具"), 100, 9, 0.1, 0.2)};
    figures.categories[1] = {mixItem(QStringLiteral("茶具"), 100, 9, 0.9, 0.3)};
    figures.products[0] = {mixItem(QStringLiteral("明前龙井 Pre-Qingming Longjing 100g"), 300, 3, 0.3, 0.1)};
    figures.products[1] = figures.products[0];
    figures.revenue = 1000;
    figures.buyers = 10;
    view.showFigures(figures);
    view.resize(1200, 320);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    keepShot(&view, "purchasemix");
    PurchaseMixChart *categories = view.categories();
    PurchaseMixChart *products = view.products();
    QCOMPARE(categories->rows().size(), 2);
    QCOMPARE(categories->rows().at(0).index, 2.0);
    const QFontMetrics metrics(products->font());
    QVERIFY(products->width() >= metrics.horizontalAdvance(products->rows().at(0).name) + 60);
    QVERIFY2(products->y() == categories->y(), "side by side at 1200 pixels");
    // Too narrow for both: the products go below, still whole.
    view.resize(categories->minimumSizeHint().width() + 40, 600);
    QTRY_VERIFY(products->y() > categories->y() + categories->height() - 1);
    QVERIFY(products->width() >= products->minimumSizeHint().width());

    QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("purchaseMixByBuyers")), Qt::LeftButton);
    QCOMPARE(view.measure(), segmenta::rules::PurchaseMix::Measure::Buyers);
    QCOMPARE(categories->rows().size(), 1);
    QSignalSpy narrowed(&view, &PurchaseMixView::narrowRequested);
    QTest::mouseClick(categories, Qt::LeftButton, {}, categories->rowRectangle(0).center());
    QTest::mouseClick(products, Qt::LeftButton, {}, products->rowRectangle(0).center());
    QCOMPARE(narrowed.size(), 2);
    QCOMPARE(narrowed.at(0), QVariantList({QStringLiteral("category"), QStringLiteral("茶具")}));
    QCOMPARE(narrowed.at(1), QVariantList({QStringLiteral("product"), QStringLiteral("明前龙井 Pre-Qingming Longjing 100g")}));
    // Below the rows nothing is clicked.
    QTest::mouseClick(categories, Qt::LeftButton, {}, QPoint(10, categories->height() - 2));
    QCOMPARE(narrowed.size(), 2);
}

QTEST_MAIN(TestCharts)
#include "tst_charts.moc"
