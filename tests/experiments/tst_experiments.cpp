// Experiments: recording a split, measuring it over a window, and the statistics. Expected figures are worked
// out independently of the code under test: counted by hand from tests/data/experiments/*.csv, computed with
// Python's math.erfc and statistics.NormalDist (values quoted in the comments), a published Welch example,
// and, for the simulated experiment, the counts the simulation itself generated and std::erfc.
#include "experiments/abstatistics.h"
#include "experiments/experimentresult.h"
#include "experiments/experimentstore.h"
#include "export/memberexporter.h"
#include "import/importer.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <random>
#include <set>

using namespace segmenta;
using namespace segmenta::experiments;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/experiments/") + QString::fromLatin1(name);
}

bool near(double actual, double expected, double tolerance = 1e-9)
{
    return std::abs(actual - expected) <= tolerance * std::max(1.0, std::abs(expected));
}

#define VERIFY_NEAR(actual, expected, tolerance)                                                                     \
    QVERIFY2(near((actual), (expected), (tolerance)),                                                              \
             qPrintable(QStringLiteral("%1 = %2, expected %3").arg(QStringLiteral(#actual)).arg((actual), 0, 'g', 17).arg((expected), 0, 'g', 17)))

std::unique_ptr<store::Workspace> createWorkspace(const QTemporaryDir &dir)
{
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("shop.segmenta")));
    if (!ws)
        qFatal("cannot create workspace: %s", qPrintable(ws.errorMessage()));
    return std::move(ws).value();
}

void importFile(store::Workspace &ws, const char *name)
{
    const auto summary = import::Importer::run(ws, dataFile(name));
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QCOMPARE(summary->rejected, 0);
}

qint64 idOf(store::Workspace &ws, const QString &key)
{
    store::Statement query(ws.db(), "SELECT id FROM customers WHERE customer_key = ?1");
    query.bind(1, key);
    return query.step() ? query.int64(0) : -1;
}

// A and B of the hand-made shop: c01..c06 in A (the control), c07..c12 in B, started 2024-03-01.
Experiment handMade(store::Workspace &ws, const QString &name = QStringLiteral("Spring mail"))
{
    Experiment e;
    e.name = name;
    e.start = QDate(2024, 3, 1);
    e.ruleText = QStringLiteral("city = \"杭州\"");
    for (int g = 0; g < 2; ++g) {
        ExperimentGroup group;
        group.name = g == 0 ? QStringLiteral("A") : QStringLiteral("B");
        group.percent = 50;
        group.control = g == 0;
        for (int i = 1; i <= 6; ++i)
            group.members.push_back({idOf(ws, QStringLiteral("c%1").arg(g * 6 + i, 2, 10, QLatin1Char('0'))), QString()});
        e.groups.push_back(group);
    }
    return e;
}

// Every member of each group by customer key, as plain SQL reads the tables.
std::vector<std::set<QString>> groupKeys(store::Workspace &ws, const QString &experiment)
{
    std::vector<std::set<QString>> groups;
    store::Statement query(ws.db(), "SELECT m.group_position, m.customer_key FROM experiment_members m "
                                    "JOIN experiments e ON e.id = m.experiment_id WHERE e.name = ?1");
    query.bind(1, experiment);
    while (query.step()) {
        const auto g = size_t(query.int64(0));
        if (groups.size() <= g)
            groups.resize(g + 1);
        groups[g].insert(query.text(1));
    }
    return groups;
}

// A uniform number in [0, 1) from the engine's raw output (std::mt19937_64's sequence is fixed by the
// standard; its distributions are not).
double uniform(std::mt19937_64 &engine)
{
    return double(engine() >> 11) * (1.0 / 9007199254740992.0);
}

} // namespace

class TestExperiments : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }
    void twoProportionTextbook_data();
    void twoProportionTextbook();
    void twoProportionWithoutVariation();
    void welchPublishedExample();
    void welchNeedsTwoMembersAndVariation();
    void wilsonInterval_data();
    void wilsonInterval();
    void sampleSize_data();
    void sampleSize();
    void falsePositiveRateUnderNoDifference();
    void recordListFindRemoveRestore();
    void recordRefusesBadExperiments();
    void measuresTheWindowOnly();
    void windowAndMinimumDifferenceChecked();
    void membersFixedAfterReimport();
    void emptyGroup();
    void everyoneAndNoOneConverted();
    void simulatedExperiment();
};

// Conversion differences checked against Python (math.erfc for p = erfc(|z|/√2), statistics.NormalDist for
// z(0.975) = 1.9599639845400536):
//   304/1000 vs 221/1000: d = -0.083, z = -4.218105408412766, p = 2.4636364965962646e-05,
//                         CI = [-0.12139443881904805, -0.04460556118095193], lift = -0.2730263157894737
//   10/100 vs 18/110:     d = 0.06363636363636363, z = 1.3548669069928365, p = 0.17545996492203603,
//                         CI = [-0.02712028263131913, 0.1543930099040464], lift = 0.6363636363636362
//   0/50 vs 3/40:         d = 0.075, z = 1.9695964928958383, p = 0.04888463391618117,
//                         CI = [-0.006624323226237974, 0.15662432322623798], no lift (control 0 %)
//   40/40 vs 30/40:       d = -0.25, z = -3.3806170189140663, p = 0.0007232327164301939,
//                         CI = [-0.38418956077878674, -0.11581043922121326], lift = -0.25
void TestExperiments::twoProportionTextbook_data()
{
    QTest::addColumn<qint64>("x1");
    QTest::addColumn<qint64>("n1");
    QTest::addColumn<qint64>("x2");
    QTest::addColumn<qint64>("n2");
    QTest::addColumn<double>("difference");
    QTest::addColumn<double>("z");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::addColumn<double>("lift"); // NaN: none
    QTest::newRow("30.4% vs 22.1%") << qint64(304) << qint64(1000) << qint64(221) << qint64(1000) << -0.083
                                    << -4.218105408412766 << 2.4636364965962646e-05 << -0.12139443881904805
                                    << -0.04460556118095193 << -0.2730263157894737;
    QTest::newRow("unequal groups") << qint64(10) << qint64(100) << qint64(18) << qint64(110) << 0.06363636363636363
                                    << 1.3548669069928365 << 0.17545996492203603 << -0.02712028263131913
                                    << 0.1543930099040464 << 0.6363636363636362;
    QTest::newRow("control none") << qint64(0) << qint64(50) << qint64(3) << qint64(40) << 0.075 << 1.9695964928958383
                                  << 0.04888463391618117 << -0.006624323226237974 << 0.15662432322623798 << qQNaN();
    QTest::newRow("control all") << qint64(40) << qint64(40) << qint64(30) << qint64(40) << -0.25 << -3.3806170189140663
                                 << 0.0007232327164301939 << -0.38418956077878674 << -0.11581043922121326 << -0.25;
}

void TestExperiments::twoProportionTextbook()
{
    QFETCH(qint64, x1);
    QFETCH(qint64, n1);
    QFETCH(qint64, x2);
    QFETCH(qint64, n2);
    QFETCH(double, difference);
    QFETCH(double, z);
    QFETCH(double, p);
    QFETCH(double, low);
    QFETCH(double, high);
    QFETCH(double, lift);
    const auto c = stats::compareProportions(x1, n1, x2, n2);
    QVERIFY(c);
    VERIFY_NEAR(c->difference, difference, 1e-12);
    QVERIFY(c->z && c->pValue);
    VERIFY_NEAR(*c->z, z, 1e-12);
    VERIFY_NEAR(*c->pValue, p, 1e-9);
    VERIFY_NEAR(c->ciLow, low, 1e-12);
    VERIFY_NEAR(c->ciHigh, high, 1e-12);
    QCOMPARE(c->lift.has_value(), !std::isnan(lift));
    if (c->lift)
        VERIFY_NEAR(*c->lift, lift, 1e-12);
}

void TestExperiments::twoProportionWithoutVariation()
{
    QVERIFY(!stats::compareProportions(0, 0, 3, 10));
    QVERIFY(!stats::compareProportions(3, 10, 0, 0));
    for (const auto &[x1, x2] : {std::pair<qint64, qint64>{0, 0}, std::pair<qint64, qint64>{20, 30}}) {
        const auto c = stats::compareProportions(x1, x1 ? 20 : 25, x2, x2 ? 30 : 35);
        QVERIFY(c);
        QCOMPARE(c->difference, 0.0);
        QCOMPARE(c->ciLow, 0.0);
        QCOMPARE(c->ciHigh, 0.0);
        QVERIFY(!c->z);
        QVERIFY(!c->pValue);
    }
}

// The example of Wikipedia's "Welch's t-test" article (A1, A2; published t = 2.46, ν ≈ 24.99, p = 0.021).
// Worked here with Python: means 20.82 and 22.986666..., variances 7.867428571428574 and 3.812666666666668,
// t = 2.45535639828601, ν = 24.98852929023142 (Welch–Satterthwaite), two-sided p = 0.02137800146286588
// (Simpson's rule over the t density written from math.lgamma, not a library's t distribution).
void TestExperiments::welchPublishedExample()
{
    const std::vector<double> a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
    const std::vector<double> a2 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
    const auto sample = [](const std::vector<double> &values) {
        stats::Sample s;
        for (const double v : values) {
            ++s.n;
            s.sum += v;
            s.sumOfSquares += v * v;
        }
        return s;
    };
    const auto test = stats::welchTest(sample(a1), sample(a2));
    QVERIFY(test);
    VERIFY_NEAR(test->difference, 22.986666666666668 - 20.82, 1e-12);
    VERIFY_NEAR(test->t, 2.45535639828601, 1e-9);
    VERIFY_NEAR(test->degreesOfFreedom, 24.98852929023142, 1e-9);
    VERIFY_NEAR(test->pValue, 0.02137800146286588, 1e-7);
}

void TestExperiments::welchNeedsTwoMembersAndVariation()
{
    stats::Sample one{1, 10, 100};
    stats::Sample many{3, 30, 350};
    QVERIFY(!stats::welchTest(one, many));
    QVERIFY(!stats::welchTest(many, one));
    stats::Sample flatA{4, 0, 0};
    stats::Sample flatB{5, 50, 500}; // everyone 10
    QVERIFY(!stats::welchTest(flatA, flatB));
    QVERIFY(stats::welchTest(flatA, many)); // one group varies: a test exists
}

// Wilson score intervals from Python ((p + z²/2n) / (1 + z²/n) ± z / (1 + z²/n) · √(p(1-p)/n + z²/4n²)):
void TestExperiments::wilsonInterval_data()
{
    QTest::addColumn<qint64>("x");
    QTest::addColumn<qint64>("n");
    QTest::addColumn<double>("low");
    QTest::addColumn<double>("high");
    QTest::newRow("2 of 6") << qint64(2) << qint64(6) << 0.09677141110578041 << 0.700006684861608;
    QTest::newRow("0 of 10") << qint64(0) << qint64(10) << 0.0 << 0.2775327998628892;
    QTest::newRow("10 of 10") << qint64(10) << qint64(10) << 0.7224672001371107 << 1.0;
    QTest::newRow("304 of 1000") << qint64(304) << qint64(1000) << 0.27628526933638214 << 0.33321481998995545;
}

void TestExperiments::wilsonInterval()
{
    QFETCH(qint64, x);
    QFETCH(qint64, n);
    QFETCH(double, low);
    QFETCH(double, high);
    const auto interval = stats::wilsonInterval(x, n);
    QVERIFY(interval);
    VERIFY_NEAR(interval->low, low, 1e-12);
    VERIFY_NEAR(interval->high, high, 1e-12);
    QVERIFY(!stats::wilsonInterval(0, 0));
}

// Fleiss' formula without continuity correction, computed with Python's statistics.NormalDist:
// 10 % -> 15 %: 685.5968583253606 -> 686 (the figure in textbooks' tables); 30 % -> 35 %: 1376.2988682907185;
// 0 % -> 5 %: 151.86886211727602; 98 % -> 93 % (98 + 5 passes 100): 268.6625277164694; 50 % -> 60 %: 387.3385...
void TestExperiments::sampleSize_data()
{
    QTest::addColumn<double>("baseline");
    QTest::addColumn<double>("difference");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("10% +5") << 0.10 << 0.05 << qint64(686);
    QTest::newRow("30% +5") << 0.30 << 0.05 << qint64(1377);
    QTest::newRow("0% +5") << 0.0 << 0.05 << qint64(152);
    QTest::newRow("98% -5") << 0.98 << 0.05 << qint64(269);
    QTest::newRow("50% +10") << 0.5 << 0.10 << qint64(388);
}

void TestExperiments::sampleSize()
{
    QFETCH(double, baseline);
    QFETCH(double, difference);
    QFETCH(qint64, expected);
    QCOMPARE(stats::sampleSizePerGroup(baseline, difference), std::optional<qint64>(expected));
    QVERIFY(!stats::sampleSizePerGroup(0.1, 0));
    QVERIFY(!stats::sampleSizePerGroup(0.1, 1));
}

// Two groups with the same true rate: the test calls about 5 % of experiments significant. 400 seeded
// experiments of 2 × 500 at 20 %: the count of p < 0.05 lies within 20 ± 3 standard deviations
// (√(400 · 0.05 · 0.95) = 4.36), i.e. 7 to 33.
void TestExperiments::falsePositiveRateUnderNoDifference()
{
    std::mt19937_64 engine(20240301);
    int significant = 0;
    for (int run = 0; run < 400; ++run) {
        qint64 x[2] = {0, 0};
        for (qint64 &count : x) {
            for (int i = 0; i < 500; ++i)
                count += uniform(engine) < 0.2 ? 1 : 0;
        }
        const auto c = stats::compareProportions(x[0], 500, x[1], 500);
        QVERIFY(c && c->pValue);
        significant += *c->pValue < 0.05 ? 1 : 0;
    }
    QVERIFY2(significant >= 7 && significant <= 33, qPrintable(QString::number(significant)));
}

void TestExperiments::recordListFindRemoveRestore()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    ExperimentStore store(ws->db());
    const Experiment e = handMade(*ws);
    const auto id = store.record(e);
    QVERIFY2(id, qPrintable(id.errorMessage()));
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiment_members").toInt(), 12);
    QCOMPARE(ws->db().scalar("SELECT group_concat(name || is_control, ',') FROM experiment_groups").toString(),
             QStringLiteral("A1,B0"));

    const auto all = store.list();
    QVERIFY(all);
    QCOMPARE(all->size(), size_t(1));
    QCOMPARE(all->front().name, QStringLiteral("Spring mail"));
    QCOMPARE(all->front().start, QDate(2024, 3, 1));
    QCOMPARE(all->front().groups.size(), size_t(2));
    QCOMPARE(all->front().groups[1].size, qint64(6));
    QVERIFY(all->front().groups[0].members.empty()); // list() leaves the members out

    auto found = store.find(QStringLiteral("Spring mail"));
    QVERIFY(found && found.value());
    const Experiment before = *found.value();
    QCOMPARE(before.groups[0].members.size(), size_t(6));
    QCOMPARE(before.groups[1].members.front().customerKey, QStringLiteral("c07"));
    QVERIFY(!store.find(QStringLiteral("nothing")).value());

    QVERIFY(store.remove(before.id));
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiment_members").toInt(), 0);
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiment_groups").toInt(), 0);
    QVERIFY(store.list()->empty());

    QVERIFY(store.restore(before));
    QCOMPARE(groupKeys(*ws, QStringLiteral("Spring mail")),
             (std::vector<std::set<QString>>{{QStringLiteral("c01"), QStringLiteral("c02"), QStringLiteral("c03"), QStringLiteral("c04"), QStringLiteral("c05"), QStringLiteral("c06")},
                                             {QStringLiteral("c07"), QStringLiteral("c08"), QStringLiteral("c09"), QStringLiteral("c10"), QStringLiteral("c11"), QStringLiteral("c12")}}));
    QCOMPARE(store.find(QStringLiteral("Spring mail")).value()->id, before.id);
    // Restoring over one of the same name is refused and changes nothing.
    const auto again = store.restore(before);
    QVERIFY(!again);
    QVERIFY2(again.errorMessage().contains(u"Spring mail"), qPrintable(again.errorMessage()));
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiment_members").toInt(), 12);
}

void TestExperiments::recordRefusesBadExperiments()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    ExperimentStore store(ws->db());
    QVERIFY(store.record(handMade(*ws)));

    const auto refused = [&](Experiment e, const QString &words) {
        const auto result = store.record(e);
        QVERIFY(!result);
        QVERIFY2(result.errorMessage().contains(words), qPrintable(result.errorMessage()));
    };
    refused(handMade(*ws), QStringLiteral("already an experiment named “Spring mail”"));
    refused(handMade(*ws, QStringLiteral("  ")), QStringLiteral("needs a name"));
    Experiment noControl = handMade(*ws, QStringLiteral("x"));
    noControl.groups[0].control = false;
    refused(noControl, QStringLiteral("exactly one control"));
    Experiment oneGroup = handMade(*ws, QStringLiteral("y"));
    oneGroup.groups.pop_back();
    refused(oneGroup, QStringLiteral("at least two groups"));
    Experiment twice = handMade(*ws, QStringLiteral("z"));
    twice.groups[1].members.push_back(twice.groups[0].members.front());
    refused(twice, QStringLiteral("two groups"));
    Experiment gone = handMade(*ws, QStringLiteral("w"));
    gone.groups[1].members.push_back({999999, QString()});
    refused(gone, QStringLiteral("customer 999999 is no longer in the workspace"));
    // Nothing of the refused ones was stored.
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiments").toInt(), 1);
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM experiment_members").toInt(), 12);
}

// The window (2024-03-01, 2024-03-31], counted by hand from orders-followup.csv:
//   A: c01 (f02 50; f01 on the start day is outside), c02 (f03 80 on day 30) -> 2 of 6, 2 orders, 130;
//      c03's f04 on day 31 is outside, c04's f05 is cancelled.
//   B: c07 (f06 30 + f07 20), c08 (200), c09 (10), c10 (60, with a time of day) -> 4 of 6, 5 orders, 320.
//   c13 and c14 bought but are no members.
// Python: 2/6 vs 4/6: z = 1.1547005383792515, p = 0.24821307898992367,
//         CI = [-0.20010129737281218, 0.8667679640394788];
//   revenue per member A = {50, 80, 0, 0, 0, 0}, B = {50, 200, 10, 60, 0, 0}: t = 0.924248713205384,
//   ν = 7.000859903742212, p = 0.3861053113633713.
// With a window of 31 days c03's 70 counts too: A 3 of 6, 3 orders, 200.
void TestExperiments::measuresTheWindowOnly()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    importFile(*ws, "orders-before.csv");
    ExperimentStore store(ws->db());
    QVERIFY(store.record(handMade(*ws)));
    importFile(*ws, "orders-followup.csv");
    QCOMPARE(ws->db().scalar("SELECT is_valid FROM orders WHERE order_key = 'f05'").toInt(), 0);

    const Experiment e = store.list()->front();
    const auto result = ExperimentMeasure::measure(ws->db(), e);
    QVERIFY2(result, qPrintable(result.errorMessage()));
    QCOMPARE(result->end, QDate(2024, 3, 31));
    const GroupOutcome &a = result->groups[0];
    const GroupOutcome &b = result->groups[1];
    QCOMPARE(a.members, 6);
    QCOMPARE(a.converted, 2);
    QCOMPARE(a.orders, 2);
    QCOMPARE(a.revenue, 130.0);
    QCOMPARE(b.members, 6);
    QCOMPARE(b.converted, 4);
    QCOMPARE(b.orders, 5);
    QCOMPARE(b.revenue, 320.0);
    VERIFY_NEAR(*b.revenuePerMember(), 320.0 / 6, 1e-12);
    VERIFY_NEAR(*b.ordersPerMember(), 5.0 / 6, 1e-12);

    QCOMPARE(result->comparisons.size(), size_t(1));
    const GroupComparison &c = result->comparisons.front();
    QVERIFY(c.conversion && c.conversion->pValue && c.revenue);
    VERIFY_NEAR(*c.conversion->pValue, 0.24821307898992367, 1e-9);
    VERIFY_NEAR(c.conversion->ciLow, -0.20010129737281218, 1e-12);
    VERIFY_NEAR(c.conversion->ciHigh, 0.8667679640394788, 1e-12);
    VERIFY_NEAR(*c.conversion->lift, 1.0, 1e-12);
    VERIFY_NEAR(c.revenue->t, 0.924248713205384, 1e-9);
    VERIFY_NEAR(c.revenue->degreesOfFreedom, 7.000859903742212, 1e-9);
    VERIFY_NEAR(c.revenue->pValue, 0.3861053113633713, 1e-7);
    QCOMPARE(result->sentence(c), QStringLiteral("Group B converted 66.7% against 33.3% for A: 33.3 points more; a "
                                                 "difference this large could easily be chance (p = 0.248)"));
    // 6 members per group cannot show 5 points from 33.3 %: Python gives 1442.578 -> 1443 per group.
    QCOMPARE(result->neededPerGroup, std::optional<qint64>(1443));
    QVERIFY2(result->powerWarning().contains(u"about 1,443 members per group"), qPrintable(result->powerWarning()));
    QVERIFY(result->windowNote().isEmpty()); // orders are known until 2024-04-01

    const QJsonObject json = result->toJson();
    QCOMPARE(json.value(u"window_days").toInt(), 30);
    QCOMPARE(json.value(u"start").toString(), QStringLiteral("2024-03-01"));
    const QJsonObject jb = json.value(u"groups").toArray().at(1).toObject();
    QCOMPARE(jb.value(u"name").toString(), QStringLiteral("B"));
    QCOMPARE(jb.value(u"converted").toInteger(), 4);
    VERIFY_NEAR(jb.value(u"conversion_rate").toDouble(), 4.0 / 6, 1e-12);
    const QJsonObject jc = json.value(u"comparisons").toArray().at(0).toObject();
    QCOMPARE(jc.value(u"vs").toString(), QStringLiteral("A"));
    VERIFY_NEAR(jc.value(u"revenue_p_value").toDouble(), 0.3861053113633713, 1e-7);

    const auto longer = ExperimentMeasure::measure(ws->db(), e, 31);
    QVERIFY(longer);
    QCOMPARE(longer->groups[0].converted, 3);
    QCOMPARE(longer->groups[0].orders, 3);
    QCOMPARE(longer->groups[0].revenue, 200.0);
    QCOMPARE(longer->groups[1].revenue, 320.0);
    const auto future = ExperimentMeasure::measure(ws->db(), e, 60);
    QVERIFY(future);
    QVERIFY2(future->windowNote().contains(u"2024-04-30") && future->windowNote().contains(u"2024-04-01"),
             qPrintable(future->windowNote()));
}

void TestExperiments::windowAndMinimumDifferenceChecked()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    ExperimentStore store(ws->db());
    QVERIFY(store.record(handMade(*ws)));
    const Experiment e = store.list()->front();
    QVERIFY(!ExperimentMeasure::measure(ws->db(), e, 0));
    QVERIFY(ExperimentMeasure::measure(ws->db(), e, 0).errorMessage().contains(u"1 to 3650 days"));
    QVERIFY(!ExperimentMeasure::measure(ws->db(), e, 30, 0.0));
    QVERIFY(!ExperimentMeasure::measure(ws->db(), e, 30, 1.0));
    // No orders at all: nobody converted; said so, no figure divides by zero.
    const auto none = ExperimentMeasure::measure(ws->db(), e);
    QVERIFY(none);
    QVERIFY2(none->windowNote().contains(u"none"), qPrintable(none->windowNote()));
}

// Recorded through a real split export of "city = 杭州" (c01..c12), then customers move: c01, c02, c07 leave
// 杭州 and c13, c14 arrive. The groups stay exactly as drawn (compared by key with the export's own file and
// with the member set plain SQL gave before the move).
void TestExperiments::membersFixedAfterReimport()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    importFile(*ws, "orders-before.csv");
    exporting::ExportOptions options;
    options.outPath = dir.filePath(QStringLiteral("split.csv"));
    options.splitPercents = {50, 50};
    options.seed = 7;
    options.asOf = QDate(2024, 3, 1);
    options.columns = {QStringLiteral("customer_id")};
    const auto rule = rules::RuleText::parse(QStringLiteral("city = \"杭州\""));
    QVERIFY(rule);
    options.experimentName = QStringLiteral("Moved");
    options.experimentControl = 1;
    const auto summary = exporting::MemberExporter::run(*ws, rule.value(), options);
    QVERIFY2(summary, qPrintable(summary.errorMessage()));
    QVERIFY2(summary->message.contains(u"recorded as experiment “Moved” starting 2024-03-01, group B the control"),
             qPrintable(summary->message));
    ExperimentStore store(ws->db());
    const Experiment e = *store.find(QStringLiteral("Moved")).value();
    QCOMPARE(e.start, QDate(2024, 3, 1));
    QCOMPARE(e.ruleText, QStringLiteral("city is \"杭州\"")); // as the rule prints
    QCOMPARE(e.seed, quint64(7));
    QVERIFY(e.groups[1].control && !e.groups[0].control);
    QCOMPARE(e.groups[0].members.size() + e.groups[1].members.size(), size_t(12));

    // The name is taken now: a second export asking for it is refused before it writes anything.
    exporting::ExportOptions again = options;
    again.outPath = dir.filePath(QStringLiteral("again.csv"));
    const auto refused = exporting::MemberExporter::run(*ws, rule.value(), again);
    QVERIFY(!refused);
    QVERIFY2(refused.errorMessage().contains(u"already an experiment named “Moved”"), qPrintable(refused.errorMessage()));
    QVERIFY(!QFileInfo::exists(again.outPath));

    // The export's CSV says who is in which group: the recorded groups are those.
    std::vector<std::set<QString>> exported(2);
    {
        QFile file(options.outPath);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).remove(QChar(0xfeff)).split(u'\n', Qt::SkipEmptyParts);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].trimmed().split(u',');
            QCOMPARE(cells.size(), 2);
            exported[cells[0] == u"A" ? 0 : 1].insert(cells[1]);
        }
    }
    QCOMPARE(exported[0].size() + exported[1].size(), size_t(12));
    QCOMPARE(groupKeys(*ws, QStringLiteral("Moved")), exported);

    importFile(*ws, "customers-moved.csv");
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM customers WHERE city = '杭州'").toInt(), 11);
    QCOMPARE(groupKeys(*ws, QStringLiteral("Moved")), exported);
    importFile(*ws, "orders-followup.csv");
    const auto result = ExperimentMeasure::measure(ws->db(), store.list()->front());
    QVERIFY(result);
    QCOMPARE(result->groups[0].members + result->groups[1].members, 12);
    // Converted by hand: c01, c02, c07, c08, c09, c10 bought in the window; count those in each exported group.
    const std::set<QString> buyers = {QStringLiteral("c01"), QStringLiteral("c02"), QStringLiteral("c07"), QStringLiteral("c08"), QStringLiteral("c09"), QStringLiteral("c10")};
    for (size_t g = 0; g < 2; ++g) {
        qint64 expected = 0;
        for (const QString &key : exported[g])
            expected += buyers.count(key) ? 1 : 0;
        QCOMPARE(result->groups[g].converted, expected);
    }
    // The comparison is against the control, B.
    QCOMPARE(result->comparisons.front().group, 0);
    QCOMPARE(result->comparisons.front().control, 1);
}

void TestExperiments::emptyGroup()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    importFile(*ws, "orders-followup.csv");
    Experiment e = handMade(*ws);
    e.groups[1].members.clear();
    ExperimentStore store(ws->db());
    QVERIFY(store.record(e));
    const auto result = ExperimentMeasure::measure(ws->db(), store.list()->front());
    QVERIFY(result);
    QCOMPARE(result->groups[1].members, 0);
    QVERIFY(!result->groups[1].conversionRate());
    QVERIFY(!result->groups[1].revenuePerMember());
    const GroupComparison &c = result->comparisons.front();
    QVERIFY(!c.conversion);
    QVERIFY(!c.revenue);
    QCOMPARE(result->sentence(c), QStringLiteral("Group B has no members, so there is nothing to compare with group A"));
    const QJsonObject json = result->toJson();
    QVERIFY(json.value(u"groups").toArray().at(1).toObject().value(u"conversion_rate").isNull());
    QVERIFY(json.value(u"comparisons").toArray().at(0).toObject().value(u"p_value").isNull());
}

// Hand-made workspaces in plain SQL: everyone in both groups bought, then no one did, then only B.
void TestExperiments::everyoneAndNoOneConverted()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    importFile(*ws, "customers.csv");
    ExperimentStore store(ws->db());
    QVERIFY(store.record(handMade(*ws)));
    const Experiment e = store.list()->front();

    const auto none = ExperimentMeasure::measure(ws->db(), e);
    QVERIFY(none);
    QCOMPARE(none->groups[0].conversionRate(), std::optional<double>(0.0));
    QVERIFY(!none->comparisons.front().conversion->pValue);
    QVERIFY(!none->comparisons.front().conversion->lift);
    QVERIFY(!none->comparisons.front().revenue); // everyone's revenue is 0
    QCOMPARE(none->sentence(none->comparisons.front()),
             QStringLiteral("No one in group B or group A bought in the window, so there is no difference to test"));
    QVERIFY(none->toJson().value(u"comparisons").toArray().at(0).toObject().value(u"lift").isNull());

    // Everyone buys 100 on 2024-03-10 (c01..c12).
    ws->db().exec("INSERT INTO orders(order_key, customer_id, order_date, amount) "
                  "SELECT 'x' || customer_key, id, '2024-03-10', 100 FROM customers WHERE customer_key <= 'c12'");
    const auto all = ExperimentMeasure::measure(ws->db(), e);
    QVERIFY(all);
    QCOMPARE(all->groups[1].conversionRate(), std::optional<double>(1.0));
    QVERIFY(!all->comparisons.front().conversion->pValue);
    QCOMPARE(all->comparisons.front().conversion->lift, std::optional<double>(0.0));
    QCOMPARE(all->sentence(all->comparisons.front()),
             QStringLiteral("Everyone in group B and group A bought in the window, so there is no difference to test"));
    // 100 % baseline: 5 points fewer is what can be detected (95 %).
    QVERIFY(all->neededPerGroup);

    // Only B's purchases stay: A 0 of 6, B 6 of 6. Python: z = 3.4641016151377544, p = 0.0005320055051392492.
    ws->db().exec("DELETE FROM orders WHERE order_key <= 'xc06'");
    const auto onlyB = ExperimentMeasure::measure(ws->db(), e);
    QVERIFY(onlyB);
    const auto &c = *onlyB->comparisons.front().conversion;
    QVERIFY(c.pValue && !c.lift);
    VERIFY_NEAR(*c.z, 3.4641016151377544, 1e-12);
    VERIFY_NEAR(*c.pValue, 0.0005320055051392492, 1e-9);
    QCOMPARE(onlyB->sentence(onlyB->comparisons.front()),
             QStringLiteral("Group B converted 100.0% against 0.0% for A: 100.0 points more; a difference this large "
                            "would be rare by chance (p = 0.0005)"));
}

// A seeded simulation: 3 × 3000 customers with true conversion 10 % (A, control), 15 % (B), 10 % (C); buyers
// spend 50 + 100·u. The measurement must find exactly the buyers and revenue the simulation made, and its
// p-values must equal those computed here from those counts with std::erfc (an independent normal CDF).
// Orders before the start, after the window and cancelled ones are simulated too and must not count.
void TestExperiments::simulatedExperiment()
{
    QTemporaryDir dir;
    auto ws = createWorkspace(dir);
    constexpr int kPerGroup = 3000;
    const double rates[3] = {0.10, 0.15, 0.10};
    std::mt19937_64 engine(42);
    qint64 converted[3] = {0, 0, 0};
    double revenue[3] = {0, 0, 0};
    Experiment e;
    e.name = QStringLiteral("Simulated");
    e.start = QDate(2025, 6, 1);
    for (int g = 0; g < 3; ++g)
        e.groups.push_back({QString(QChar(u'A' + g)), 33, g == 0, 0, {}});
    store::Transaction transaction(ws->db());
    store::Statement customer(ws->db(), "INSERT INTO customers(customer_key) VALUES (?1)");
    store::Statement order(ws->db(), "INSERT INTO orders(order_key, customer_id, order_date, amount, is_valid) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5)");
    qint64 orderNumber = 0;
    const auto addOrder = [&](qint64 id, const QDate &day, double amount, bool valid) {
        order.bind(1, QStringLiteral("o%1").arg(++orderNumber)).bind(2, id).bind(3, day.toString(Qt::ISODate))
            .bind(4, amount).bind(5, valid ? 1 : 0);
        order.run();
    };
    for (int i = 0; i < 3 * kPerGroup; ++i) {
        const int g = i % 3;
        customer.bind(1, QStringLiteral("s%1").arg(i));
        customer.run();
        const qint64 id = ws->db().lastInsertRowId();
        e.groups[size_t(g)].members.push_back({id, QString()});
        if (uniform(engine) < rates[g]) {
            const double amount = 50 + 100 * uniform(engine);
            addOrder(id, e.start.addDays(1 + qint64(uniform(engine) * 30)), amount, true);
            ++converted[g];
            revenue[g] += amount;
        }
        if (uniform(engine) < 0.05)
            addOrder(id, e.start, 77, true); // on the start day
        if (uniform(engine) < 0.05)
            addOrder(id, e.start.addDays(31), 77, true); // after the window
        if (uniform(engine) < 0.05)
            addOrder(id, e.start.addDays(5), 77, false); // cancelled
    }
    transaction.commit();
    ExperimentStore store(ws->db());
    QVERIFY(store.record(e));
    const auto result = ExperimentMeasure::measure(ws->db(), store.list()->front());
    QVERIFY(result);
    for (int g = 0; g < 3; ++g) {
        QCOMPARE(result->groups[size_t(g)].members, kPerGroup);
        QCOMPARE(result->groups[size_t(g)].converted, converted[g]);
        VERIFY_NEAR(result->groups[size_t(g)].revenue, revenue[g], 1e-9);
        // The observed rate is within 4 standard errors of the true one.
        const double se = std::sqrt(rates[g] * (1 - rates[g]) / kPerGroup);
        QVERIFY(std::abs(*result->groups[size_t(g)].conversionRate() - rates[g]) < 4 * se);
    }
    for (const GroupComparison &c : result->comparisons) {
        const double x1 = double(converted[0]), x2 = double(converted[c.group]), n = kPerGroup;
        const double pooled = (x1 + x2) / (2 * n);
        const double z = (x2 / n - x1 / n) / std::sqrt(pooled * (1 - pooled) * 2 / n);
        VERIFY_NEAR(*c.conversion->pValue, std::erfc(std::abs(z) / std::sqrt(2.0)), 1e-9);
    }
    // B's 5 points over 10 % with 3000 a group: clearly found; C's none: not.
    QVERIFY(*result->comparisons[0].conversion->pValue < 0.001);
    QVERIFY(result->comparisons[0].conversion->ciLow > 0);
    QVERIFY(*result->comparisons[1].conversion->pValue > 0.001);
    QVERIFY(result->comparisons[1].conversion->ciLow < 0 && result->comparisons[1].conversion->ciHigh > 0);
    // 3000 per group is enough for 5 points at about 10 % (686 needed at exactly 10 %).
    QVERIFY(result->powerWarning().isEmpty());
}

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
