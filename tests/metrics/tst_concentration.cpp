// The Pareto curve of spend (metrics::spendConcentration): a hand-worked list, ties, fewer buyers than points,
// and random lists against a plain sort from the largest spend down.
#include "metrics/concentration.h"

#include <QRandomGenerator>
#include <QTest>

#include <algorithm>
#include <functional>

using namespace segmenta;
using Curve = std::vector<std::pair<double, double>>;

namespace {

// The curve as the dashboard drew it before: sort from the largest, add up, a point after every step-th buyer.
Curve bySorting(std::vector<double> spend, size_t points)
{
    Curve curve{{0.0, 0.0}};
    if (spend.empty())
        return curve;
    std::sort(spend.begin(), spend.end(), std::greater<>());
    double total = 0;
    for (double v : spend)
        total += v;
    const size_t step = std::max<size_t>(1, spend.size() / points);
    double running = 0;
    for (size_t i = 0; i < spend.size(); ++i) {
        running += spend[i];
        if ((i + 1) % step == 0 || i + 1 == spend.size())
            curve.emplace_back(double(i + 1) / double(spend.size()), running / total);
    }
    return curve;
}

bool near(const Curve &a, const Curve &b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].first != b[i].first || std::abs(a[i].second - b[i].second) > 1e-12)
            return false;
    }
    return true;
}

} // namespace

class TestConcentration : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handWorked();
    void tiesAndFewBuyers();
    void randomListsAgreeWithASort();
};

// Spend 10, 40, 20, 30 (total 100) at 2 points: the top half (40, 30) holds 70 %, everyone 100 %.
void TestConcentration::handWorked()
{
    std::vector<double> spend{10, 40, 20, 30};
    const Curve curve = metrics::spendConcentration(spend, 2);
    QCOMPARE(curve.size(), size_t(3));
    QCOMPARE(curve[0], std::make_pair(0.0, 0.0));
    QCOMPARE(curve[1].first, 0.5);
    QCOMPARE(curve[1].second, 0.7);
    QCOMPARE(curve[2], std::make_pair(1.0, 1.0));
    std::vector<double> none;
    QCOMPARE(metrics::spendConcentration(none, 50), Curve({{0.0, 0.0}}));
}

// Five buyers and 50 points: a point after each. Equal spends split across a point count once each.
void TestConcentration::tiesAndFewBuyers()
{
    std::vector<double> spend{5, 5, 5, 5, 80};
    const Curve curve = metrics::spendConcentration(spend, 50);
    QCOMPARE(curve.size(), size_t(6));
    const double expected[] = {0.0, 0.8, 0.85, 0.9, 0.95, 1.0};
    for (size_t i = 0; i < curve.size(); ++i) {
        QCOMPARE(curve[i].first, double(i) / 5.0);
        QVERIFY2(std::abs(curve[i].second - expected[i]) < 1e-12, qPrintable(QString::number(curve[i].second)));
    }
}

void TestConcentration::randomListsAgreeWithASort()
{
    QRandomGenerator random(24);
    for (int round = 0; round < 200; ++round) {
        const size_t n = round < 100 ? size_t(random.bounded(1, 300)) : size_t(random.bounded(1, 20000));
        const size_t points = size_t(random.bounded(1, 80));
        std::vector<double> spend(n);
        for (double &v : spend) // many ties: whole amounts from a small range, now and then a large one
            v = random.bounded(10) == 0 ? random.bounded(1, 100000) / 100.0 : double(random.bounded(1, 20));
        std::vector<double> copy = spend;
        QVERIFY2(near(metrics::spendConcentration(copy, points), bySorting(spend, points)),
                 qPrintable(QStringLiteral("round %1: %2 buyers, %3 points").arg(round).arg(n).arg(points)));
    }
}

QTEST_GUILESS_MAIN(TestConcentration)
#include "tst_concentration.moc"
