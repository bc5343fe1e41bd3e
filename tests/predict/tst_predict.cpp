// The purchase (BG/NBD) and spend (Gamma-Gamma) models against published fits, a second implementation by
// numerical integration, hand-worked values and data simulated from known parameters.
#include "predict/bgnbd.h"
#include "predict/gammagamma.h"
#include "predict/hypergeometric.h"
#include "simulation.h"

#include <boost/math/special_functions/gamma.hpp> // hypergeometric_pFq needs its definitions
#include <boost/math/special_functions/hypergeometric_pFq.hpp>

#include <QFile>
#include <QTest>

#include <cmath>

using namespace segmenta;
using namespace segmenta::predict;
using namespace segmenta::predict::test;

namespace {

struct CdnowCustomer
{
    PurchaseHistory history;
    double meanRepeatSpend = 0;
};

// tests/data/predict/cdnow_summary.csv: ID, x, t_x, T (weeks), zbar (mean repeat purchase value); see the
// README there for its source.
std::vector<CdnowCustomer> readCdnow()
{
    QFile file(QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/predict/cdnow_summary.csv"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    std::vector<CdnowCustomer> customers;
    file.readLine(); // header
    while (!file.atEnd()) {
        const QList<QByteArray> cells = file.readLine().trimmed().split(',');
        if (cells.size() != 5)
            continue;
        customers.push_back({{cells[1].toDouble(), cells[2].toDouble(), cells[3].toDouble()}, cells[4].toDouble()});
    }
    return customers;
}

// A second implementation of P(alive) and E[Y(t) | x, tx, T]: the posterior over (lambda, p) integrated
// numerically (midpoint rule) instead of the closed forms. The alive part of the individual likelihood is
// (1 - p)^x lambda^x e^(-lambda T); an alive customer's expected purchases in t are (1 - e^(-lambda p t)) / p.
struct Posterior
{
    double alive = 0;
    double expected = 0;
};

Posterior integrate(const BgNbdParameters &m, const PurchaseHistory &h, double t)
{
    constexpr int kLambdaSteps = 3000, kPSteps = 1500;
    // Past lambdaMax the posterior (a Gamma(r + x, alpha + tx or T) mixture) is below 1e-12 of its mode.
    const double shape = m.r + h.x;
    const double lambdaMax = (shape + 12 * std::sqrt(shape) + 12) / (m.alpha + (h.x > 0 ? h.tx : h.T));
    double total = 0, alive = 0, expected = 0;
    const double logBeta = std::lgamma(m.a) + std::lgamma(m.b) - std::lgamma(m.a + m.b);
    for (int i = 0; i < kLambdaSteps; ++i) {
        const double lambda = (i + 0.5) * lambdaMax / kLambdaSteps;
        const double logGamma = m.r * std::log(m.alpha) + (m.r - 1) * std::log(lambda) - m.alpha * lambda - std::lgamma(m.r);
        for (int j = 0; j < kPSteps; ++j) {
            const double p = (j + 0.5) / kPSteps;
            const double prior = std::exp(logGamma + (m.a - 1) * std::log(p) + (m.b - 1) * std::log1p(-p) - logBeta);
            const double aliveTerm = std::pow(1 - p, h.x) * std::pow(lambda, h.x) * std::exp(-lambda * h.T);
            const double deadTerm =
                h.x > 0 ? p * std::pow(1 - p, h.x - 1) * std::pow(lambda, h.x) * std::exp(-lambda * h.tx) : 0.0;
            total += prior * (aliveTerm + deadTerm);
            alive += prior * aliveTerm;
            expected += prior * aliveTerm * -std::expm1(-lambda * p * t) / p;
        }
    }
    return {alive / total, expected / total};
}

} // namespace

class TestPredict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cdnowBgNbdMatchesPublishedFit();
    void cdnowGammaGammaMatchesPublishedFit();
    void cdnowZeroClassExpectationMatchesPaper();
    void closedFormsMatchHandWorkedValues();
    void closedFormsMatchNumericalIntegration_data();
    void closedFormsMatchNumericalIntegration();
    void edgeCases();
    void largeHistoriesStayFinite();
    void bgnbdRecoversSimulatedParameters();
    void gammaGammaRecoversSimulatedParameters();
    void fitRefusesDataWithoutInformation();
    void hypergeometricSeriesMatchesBoost();
    void expectationMatchesTheUntransformedFormula();
    void groupedLikelihoodsMatchTheSumOverCustomers();
    void gradientsMatchFiniteDifferences();
};

// Fader, Hardie & Lee (2005), section 6: r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4 on the
// 2,357 customers of the CDNOW sample (weeks 1-39).
void TestPredict::cdnowBgNbdMatchesPublishedFit()
{
    const std::vector<CdnowCustomer> cdnow = readCdnow();
    QCOMPARE(cdnow.size(), size_t(2357));
    std::vector<PurchaseHistory> histories;
    for (const CdnowCustomer &c : cdnow)
        histories.push_back(c.history);

    // The published parameters are rounded to 3 decimals; at the optimum the likelihood is flat, so the
    // log-likelihood there agrees with the published -9582.4 to its one decimal.
    const double atPublished = BgNbdFitter::totalLogLikelihood({0.243, 4.414, 0.793, 2.426}, histories);
    QVERIFY2(std::fabs(atPublished - -9582.4) < 0.05, qPrintable(QString::number(atPublished, 'f', 3)));

    const auto fit = BgNbdFitter::fit(histories);
    QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
    const BgNbdParameters &p = fit->parameters;
    qInfo("CDNOW BG/NBD: r %.4f alpha %.4f a %.4f b %.4f LL %.3f (%d evaluations); SE %.4f %.4f %.4f %.4f", p.r,
          p.alpha, p.a, p.b, fit->logLikelihood, fit->evaluations, fit->standardErrors.at(0),
          fit->standardErrors.at(1), fit->standardErrors.at(2), fit->standardErrors.at(3));
    // Agreement with the published values to their last printed digit (half a unit of it, plus the rounding
    // of t_x and T to 2 decimals in the data).
    QVERIFY(std::fabs(p.r - 0.243) < 0.001);
    QVERIFY(std::fabs(p.alpha - 4.414) < 0.001);
    QVERIFY(std::fabs(p.a - 0.793) < 0.001);
    QVERIFY(std::fabs(p.b - 2.426) < 0.001);
    QVERIFY(std::fabs(fit->logLikelihood - -9582.4) < 0.05);
    QVERIFY(fit->logLikelihood >= atPublished);
    QCOMPARE(fit->customers, qint64(2357));
}

// Fader & Hardie, "The Gamma-Gamma Model of Monetary Value" (2013): p = 6.25, q = 3.74, gamma = 15.44 on the
// 946 repeat buyers; CLVTools' correctness test puts the log-likelihood there at -4055.9177.
void TestPredict::cdnowGammaGammaMatchesPublishedFit()
{
    const std::vector<CdnowCustomer> cdnow = readCdnow();
    std::vector<RepeatSpend> spends;
    for (const CdnowCustomer &c : cdnow) {
        if (c.history.x > 0)
            spends.push_back({c.history.x, c.meanRepeatSpend});
    }
    QCOMPARE(spends.size(), size_t(946));
    const double atPublished = GammaGammaFitter::totalLogLikelihood({6.25, 3.74, 15.44}, spends);
    QVERIFY2(std::fabs(atPublished - -4055.9177) < 0.05, qPrintable(QString::number(atPublished, 'f', 4)));

    const auto fit = GammaGammaFitter::fit(spends);
    QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
    const GammaGammaParameters &g = fit->parameters;
    qInfo("CDNOW Gamma-Gamma: p %.4f q %.4f gamma %.4f LL %.4f; SE %.4f %.4f %.4f", g.p, g.q, g.gamma,
          fit->logLikelihood, fit->standardErrors.at(0), fit->standardErrors.at(1), fit->standardErrors.at(2));
    // Published to 2 decimals; the data's mean spends are rounded to cents, which moves gamma by < 0.01.
    QVERIFY(std::fabs(g.p - 6.25) < 0.01);
    QVERIFY(std::fabs(g.q - 3.74) < 0.01);
    QVERIFY(std::fabs(g.gamma - 15.44) < 0.015);
    QCOMPARE(fit->customers, qint64(946));
}

// FHL 2005, section 7: for the 1,411 customers without a repeat purchase in weeks 1-39, the model expects
// 0.23 purchases each in the 39-week holdout (Table 2's "zero class").
void TestPredict::cdnowZeroClassExpectationMatchesPaper()
{
    const BgNbdParameters published{0.243, 4.414, 0.793, 2.426};
    double sum = 0;
    int zeroes = 0;
    for (const CdnowCustomer &c : readCdnow()) {
        if (c.history.x == 0) {
            sum += bgnbd::conditionalExpectedPurchases(published, c.history, 39);
            ++zeroes;
        }
    }
    QCOMPARE(zeroes, 1411);
    QVERIFY2(std::fabs(sum / zeroes - 0.23) < 0.005, qPrintable(QString::number(sum / zeroes)));
}

void TestPredict::closedFormsMatchHandWorkedValues()
{
    const BgNbdParameters m{2, 3, 1.5, 2.5};
    // x = 0: alive for certain, and ln L = r ln(alpha / (alpha + T)) = 2 ln(3 / 9).
    QCOMPARE(bgnbd::probabilityAlive(m, {0, 0, 6}), 1.0);
    QVERIFY(std::fabs(bgnbd::logLikelihood(m, {0, 0, 6}) - 2 * std::log(1.0 / 3.0)) < 1e-12);
    // x = 2, tx = 4, T = 6: 1 / (1 + 1.5 / 3.5 (9 / 7)^4) = 0.460591943.
    QVERIFY(std::fabs(bgnbd::probabilityAlive(m, {2, 4, 6}) - 0.46059194299808) < 1e-12);
    // x = 1, tx = T: the last purchase was just now, so P(alive) = 1 / (1 + a / b) = b / (a + b).
    QVERIFY(std::fabs(bgnbd::probabilityAlive(m, {1, 6, 6}) - 2.5 / 4.0) < 1e-12);
    // ln L for x = 1, tx = 2, T = 6 by hand: A1 = Gamma(3) 3^2 / Gamma(2) = 18; A2 = B(a, b + 1) / B(a, b) =
    // b / (a + b) = 0.625; A3 = 9^-3; A4 = a / b 5^-3 = 0.6 / 125.
    const double byHand = std::log(18 * 0.625 * (1.0 / 729 + 0.6 / 125));
    QVERIFY(std::fabs(bgnbd::logLikelihood(m, {1, 2, 6}) - byHand) < 1e-12);
    // Gamma-Gamma: E[M] for x = 0 is the population mean p gamma / (q - 1); for x -> large it tends to m.
    const GammaGammaParameters g{6.25, 3.74, 15.44};
    QVERIFY(std::fabs(gammagamma::conditionalExpectedSpend(g, 0, 0) - 6.25 * 15.44 / 2.74) < 1e-12);
    QVERIFY(std::fabs(gammagamma::conditionalExpectedSpend(g, 2, 30) - 6.25 * (15.44 + 60) / (12.5 + 2.74)) < 1e-12);
    QVERIFY(std::fabs(gammagamma::conditionalExpectedSpend(g, 1e7, 30) - 30) < 1e-3);
    QVERIFY(std::isnan(gammagamma::conditionalExpectedSpend({6, 0.9, 15}, 2, 30)));
}

void TestPredict::closedFormsMatchNumericalIntegration_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("tx");
    QTest::addColumn<double>("T");
    QTest::addColumn<double>("t");
    QTest::newRow("new customer, 10 weeks") << 0.0 << 0.0 << 0.0 << 10.0;
    QTest::newRow("no repeat, T 20") << 0.0 << 0.0 << 20.0 << 13.0;
    QTest::newRow("x 1, recent") << 1.0 << 15.0 << 16.0 << 26.0;
    QTest::newRow("x 3, lapsed") << 3.0 << 5.0 << 30.0 << 52.0;
    QTest::newRow("x 6, regular") << 6.0 << 28.0 << 30.0 << 4.0;
}

void TestPredict::closedFormsMatchNumericalIntegration()
{
    QFETCH(double, x);
    QFETCH(double, tx);
    QFETCH(double, T);
    QFETCH(double, t);
    for (const BgNbdParameters &m : {BgNbdParameters{2, 3, 2.5, 3.5}, BgNbdParameters{1.5, 4, 1.2, 2.8}}) {
        const PurchaseHistory h{x, tx, T};
        const Posterior numeric = integrate(m, h, t);
        const double alive = bgnbd::probabilityAlive(m, h);
        const double expected = bgnbd::conditionalExpectedPurchases(m, h, t);
        QVERIFY2(std::fabs(alive - numeric.alive) < 1e-4, qPrintable(QStringLiteral("P(alive) %1 vs %2").arg(alive).arg(numeric.alive)));
        QVERIFY2(std::fabs(expected - numeric.expected) < 1e-4 * std::max(1.0, numeric.expected),
                 qPrintable(QStringLiteral("E %1 vs %2").arg(expected).arg(numeric.expected)));
    }
}

void TestPredict::edgeCases()
{
    const BgNbdParameters m{0.243, 4.414, 0.793, 2.426};
    // T = 0 (first purchase on the last day): the likelihood of "nothing yet" is 1, and what we expect is what
    // we expect of any new customer.
    QCOMPARE(bgnbd::logLikelihood(m, {0, 0, 0}), 0.0);
    QCOMPARE(bgnbd::probabilityAlive(m, {0, 0, 0}), 1.0);
    QCOMPARE(bgnbd::conditionalExpectedPurchases(m, {0, 0, 0}, 52), bgnbd::expectedPurchases(m, 52));
    // A single purchase long ago expects less than one just made; nothing is expected in no time.
    QVERIFY(bgnbd::conditionalExpectedPurchases(m, {0, 0, 39}, 52) < bgnbd::expectedPurchases(m, 52));
    QCOMPARE(bgnbd::conditionalExpectedPurchases(m, {0, 0, 39}, 0), 0.0);
    // All purchases on one day are one purchase (x = 0): the same as a single purchase.
    QCOMPARE(bgnbd::probabilityAlive(m, {0, 0, 10}), 1.0);
    // Expectations grow with the horizon.
    double previous = 0;
    for (double t : {4.0, 13.0, 26.0, 52.0, 104.0}) {
        const double e = bgnbd::conditionalExpectedPurchases(m, {2, 30.43, 38.86}, t);
        QVERIFY(e > previous);
        previous = e;
    }
}

void TestPredict::largeHistoriesStayFinite()
{
    const BgNbdParameters m{0.243, 4.414, 0.793, 2.426};
    for (double x : {100.0, 1000.0, 20000.0}) {
        const PurchaseHistory recent{x, 500, 500}, lapsed{x, 100, 500};
        QVERIFY(std::isfinite(bgnbd::logLikelihood(m, recent)));
        const double alive = bgnbd::probabilityAlive(m, recent);
        QVERIFY2(alive > 0.5 && alive <= 1, qPrintable(QString::number(alive)));
        QVERIFY(bgnbd::probabilityAlive(m, lapsed) < 1e-10);
        // A very frequent, recent buyer is expected to keep roughly their rate x / tx in the next 4 weeks.
        const double expected = bgnbd::conditionalExpectedPurchases(m, recent, 4);
        QVERIFY2(std::isfinite(expected) && expected > 0.5 * 4 * x / 500 && expected < 1.5 * 4 * x / 500,
                 qPrintable(QString::number(expected)));
    }
}

// Data simulated from known parameters, fitted back. The fit is asymptotically normal around the true
// values with the standard errors it reports (inverse observed information), so each estimate must lie
// within 4 standard errors (a false alarm probability of 6e-5 per parameter under normality; the seed is
// fixed, so the test is deterministic).
void TestPredict::bgnbdRecoversSimulatedParameters()
{
    const BgNbdParameters truth{0.5, 5.0, 0.8, 2.5};
    demo::Random random(20050101);
    std::vector<PurchaseHistory> histories;
    for (int i = 0; i < 6000; ++i)
        histories.push_back(simulateCustomer(random, truth, 26 + 52 * random.uniform()));
    const auto fit = BgNbdFitter::fit(histories);
    QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
    const BgNbdParameters &p = fit->parameters;
    const std::vector<double> &se = fit->standardErrors;
    QCOMPARE(se.size(), size_t(4));
    qInfo("simulated BG/NBD: r %.4f (%.4f) alpha %.4f (%.4f) a %.4f (%.4f) b %.4f (%.4f)", p.r, se[0], p.alpha,
          se[1], p.a, se[2], p.b, se[3]);
    QVERIFY(std::fabs(p.r - truth.r) < 4 * se[0]);
    QVERIFY(std::fabs(p.alpha - truth.alpha) < 4 * se[1]);
    QVERIFY(std::fabs(p.a - truth.a) < 4 * se[2]);
    QVERIFY(std::fabs(p.b - truth.b) < 4 * se[3]);
    // The standard errors are informative: each well under its parameter.
    QVERIFY(se[0] < 0.2 * truth.r && se[1] < 0.3 * truth.alpha && se[2] < 0.5 * truth.a && se[3] < 0.5 * truth.b);
}

void TestPredict::gammaGammaRecoversSimulatedParameters()
{
    const GammaGammaParameters truth{6, 4, 15};
    demo::Random random(20130101);
    std::vector<RepeatSpend> spends;
    for (int i = 0; i < 3000; ++i) {
        const double nu = gammaVariate(random, truth.q, truth.gamma);
        const int x = int(random.between(1, 8));
        double sum = 0;
        for (int k = 0; k < x; ++k)
            sum += gammaVariate(random, truth.p, nu);
        spends.push_back({double(x), sum / x});
    }
    const auto fit = GammaGammaFitter::fit(spends);
    QVERIFY2(fit.ok(), qPrintable(fit.errorMessage()));
    const GammaGammaParameters &g = fit->parameters;
    const std::vector<double> &se = fit->standardErrors;
    QCOMPARE(se.size(), size_t(3));
    qInfo("simulated Gamma-Gamma: p %.4f (%.4f) q %.4f (%.4f) gamma %.4f (%.4f)", g.p, se[0], g.q, se[1], g.gamma, se[2]);
    QVERIFY(std::fabs(g.p - truth.p) < 4 * se[0]);
    QVERIFY(std::fabs(g.q - truth.q) < 4 * se[1]);
    QVERIFY(std::fabs(g.gamma - truth.gamma) < 4 * se[2]);
}

void TestPredict::fitRefusesDataWithoutInformation()
{
    // Nobody ever came back: the dropout process is not identified (a and b run off), and the fit says so
    // instead of printing numbers.
    std::vector<PurchaseHistory> histories(500, PurchaseHistory{0, 0, 30});
    QVERIFY(!BgNbdFitter::fit(histories).ok());
    QVERIFY(!BgNbdFitter::fit({}).ok());
    QVERIFY(!GammaGammaFitter::fit({{0, 10}, {2, -5}}).ok());
}

// The dedicated 2F1 series against Boost's general hypergeometric_pFq on the arguments BG/NBD gives it:
// 2F1(a + b - 1 - r, a - 1; a + b + x - 1; t / (alpha + T + t)) for random parameters and histories (mixed
// signs of the first two arguments, z up to 0.98), plus series that end (a non-positive integer argument).
void TestPredict::hypergeometricSeriesMatchesBoost()
{
    demo::Random random(1512);
    double worst = 0;
    for (int i = 0; i < 3000; ++i) {
        const double r = 0.05 + 4 * random.uniform(), alpha = 0.5 + 30 * random.uniform();
        const double a = 0.05 + 4 * random.uniform(), b = 0.05 + 15 * random.uniform();
        const double x = double(random.between(0, 60)), T = 300 * random.uniform() * random.uniform();
        const double t = 104 * random.uniform();
        const double z = t / (alpha + T + t);
        const double A = a + b - 1 - r, B = a - 1, C = a + b + x - 1;
        if (z > 0.98 || std::fabs(C) < 1e-3)
            continue;
        const double expected = boost::math::hypergeometric_pFq({A, B}, {C}, z);
        const double mine = hypergeometric2F1(A, B, C, z);
        const double error = std::fabs(mine - expected) / std::max(1.0, std::fabs(expected));
        worst = std::max(worst, error);
        QVERIFY2(error < 1e-12, qPrintable(QStringLiteral("2F1(%1, %2; %3; %4) = %5, Boost %6")
                                               .arg(A, 0, 'g', 17).arg(B, 0, 'g', 17).arg(C, 0, 'g', 17).arg(z, 0, 'g', 17)
                                               .arg(mine, 0, 'g', 17).arg(expected, 0, 'g', 17)));
    }
    qInfo("2F1 series against Boost: largest relative difference %.3g", worst);
    // Terminating series: 2F1(-2, b; c; z) = 1 - 2bz/c + b(b + 1)z^2 / (c(c + 1)).
    const double b = 1.5, c = 2.5, z = 0.7;
    QVERIFY(std::fabs(hypergeometric2F1(-2, b, c, z) - (1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)))) < 1e-15);
    // Closed form: 2F1(1, 1; 2; z) = -ln(1 - z) / z, near the top of the range.
    QVERIFY(std::fabs(hypergeometric2F1(1, 1, 2, 0.99) - -std::log(0.01) / 0.99) < 1e-13);
    // Outside the range it gives up with NaN rather than a wrong number.
    QVERIFY(std::isnan(hypergeometric2F1(1, 1, 2, 1.0)));
    QVERIFY(std::isnan(hypergeometric2F1(1, 1, -3, 0.5)));
}

// E[Y(t) | x, tx, T] against FHL 2005 eq. (10) exactly as printed, without Euler's transformation and with
// Boost's pFq: (a + b + x - 1) / (a - 1) [1 - ((alpha + T) / (alpha + T + t))^(r + x) 2F1(r + x, b + x;
// a + b + x - 1; t / (alpha + T + t))] / (1 + [x > 0] a / (b + x - 1) ((alpha + T) / (alpha + tx))^(r + x)),
// on random points where the printed form does not overflow.
void TestPredict::expectationMatchesTheUntransformedFormula()
{
    demo::Random random(2005);
    for (int i = 0; i < 1500; ++i) {
        const BgNbdParameters m{0.1 + 2 * random.uniform(), 1 + 10 * random.uniform(), 0.2 + 2 * random.uniform(),
                                0.5 + 8 * random.uniform()};
        const double x = double(random.between(0, 12)), T = 1 + 100 * random.uniform();
        const double tx = x > 0 ? T * random.uniform() : 0.0, t = 1 + 60 * random.uniform();
        if (std::fabs(m.a - 1) < 1e-2)
            continue;
        const double z = t / (m.alpha + T + t);
        const double f = boost::math::hypergeometric_pFq({m.r + x, m.b + x}, {m.a + m.b + x - 1}, z);
        const double alive = 1 / (1 + (x > 0 ? m.a / (m.b + x - 1) * std::pow((m.alpha + T) / (m.alpha + tx), m.r + x) : 0.0));
        const double printed = (m.a + m.b + x - 1) / (m.a - 1) * (1 - std::pow((m.alpha + T) / (m.alpha + T + t), m.r + x) * f) * alive;
        const double mine = bgnbd::conditionalExpectedPurchases(m, {x, tx, T}, t);
        QVERIFY2(std::fabs(mine - printed) < 1e-9 * std::max(1.0, std::fabs(printed)),
                 qPrintable(QStringLiteral("x %1 tx %2 T %3 t %4: %5 vs %6").arg(x).arg(tx).arg(T).arg(t).arg(mine, 0, 'g', 15).arg(printed, 0, 'g', 15)));
        QVERIFY(std::fabs(bgnbd::expectedPurchasesIfAlive(m, x, T, t) * bgnbd::probabilityAlive(m, {x, tx, T}) - mine) <= 1e-15 * mine);
    }
}

// The fitters' likelihoods group identical histories and spends, precompute per distinct x and time, and
// add chunks up on the thread pool; their totals must equal the plain sum over customers: BG/NBD eq. (6)
// written out here (ln A1 + ln A2 + ln(A3 + [x > 0] A4), std::lgamma), Gamma-Gamma's per-customer formula.
// 90,000 customers with many repeats, so there are several chunks and many shared histories.
void TestPredict::groupedLikelihoodsMatchTheSumOverCustomers()
{
    demo::Random random(42);
    std::vector<PurchaseHistory> histories;
    std::vector<RepeatSpend> spends;
    for (int i = 0; i < 90000; ++i) {
        const qint64 days = random.between(0, 700); // whole days, as the workspace gives them
        const double x = double(random.between(0, 1) ? random.between(0, 30) : 0);
        const double tx = x > 0 ? double(random.between(0, days)) / 7 : 0.0;
        histories.push_back({x, tx, double(days) / 7});
        if (x > 0)
            spends.push_back({x, double(random.between(500, 8000)) / 100});
    }
    for (const BgNbdParameters &m : {BgNbdParameters{0.243, 4.414, 0.793, 2.426}, BgNbdParameters{2.5, 0.7, 3.1, 0.4}}) {
        double plain = 0;
        for (const PurchaseHistory &h : histories) {
            const double lnA1A2 = std::lgamma(m.r + h.x) + m.r * std::log(m.alpha) - std::lgamma(m.r) + std::lgamma(m.a + m.b) +
                                  std::lgamma(m.b + h.x) - std::lgamma(m.b) - std::lgamma(m.a + m.b + h.x);
            const double lnA3 = -(m.r + h.x) * std::log(m.alpha + h.T);
            const double lnA4 = h.x > 0 ? std::log(m.a) - std::log(m.b + h.x - 1) - (m.r + h.x) * std::log(m.alpha + h.tx) : -HUGE_VAL;
            const double high = std::max(lnA3, lnA4);
            plain += lnA1A2 + high + std::log(std::exp(lnA3 - high) + std::exp(lnA4 - high));
        }
        const double grouped = BgNbdFitter::totalLogLikelihood(m, histories);
        QVERIFY2(std::fabs(grouped - plain) < 1e-11 * std::fabs(plain),
                 qPrintable(QStringLiteral("%1 vs %2").arg(grouped, 0, 'g', 17).arg(plain, 0, 'g', 17)));
    }
    for (const GammaGammaParameters &g : {GammaGammaParameters{6.25, 3.74, 15.44}, GammaGammaParameters{0.8, 12, 300}}) {
        double plain = 0;
        for (const RepeatSpend &s : spends)
            plain += gammagamma::logLikelihood(g, s);
        const double grouped = GammaGammaFitter::totalLogLikelihood(g, spends);
        QVERIFY2(std::fabs(grouped - plain) < 1e-11 * std::fabs(plain),
                 qPrintable(QStringLiteral("%1 vs %2").arg(grouped, 0, 'g', 17).arg(plain, 0, 'g', 17)));
    }
}

// The analytic gradients the L-BFGS fits follow, against central differences (step 1e-5 of each parameter)
// of the plain per-customer sums, on CDNOW and away from its optimum.
void TestPredict::gradientsMatchFiniteDifferences()
{
    const std::vector<CdnowCustomer> cdnow = readCdnow();
    std::vector<PurchaseHistory> histories;
    std::vector<RepeatSpend> spends;
    for (const CdnowCustomer &c : cdnow) {
        histories.push_back(c.history);
        if (c.history.x > 0)
            spends.push_back({c.history.x, c.meanRepeatSpend});
    }
    const auto plainBgNbd = [&](const std::vector<double> &v) {
        double sum = 0;
        for (const PurchaseHistory &h : histories)
            sum += bgnbd::logLikelihood({v[0], v[1], v[2], v[3]}, h);
        return sum;
    };
    const auto plainGammaGamma = [&](const std::vector<double> &v) {
        double sum = 0;
        for (const RepeatSpend &s : spends)
            sum += gammagamma::logLikelihood({v[0], v[1], v[2]}, s);
        return sum;
    };
    const auto check = [](const auto &plain, const std::vector<double> &at, const std::vector<double> &analytic) {
        QCOMPARE(analytic.size(), at.size());
        for (size_t i = 0; i < at.size(); ++i) {
            std::vector<double> up = at, down = at;
            up[i] *= 1 + 1e-5;
            down[i] *= 1 - 1e-5;
            const double numeric = (plain(up) - plain(down)) / (up[i] - down[i]);
            QVERIFY2(std::fabs(analytic[i] - numeric) < 1e-4 * std::max(1.0, std::fabs(numeric)),
                     qPrintable(QStringLiteral("parameter %1: %2 vs %3").arg(i).arg(analytic[i], 0, 'g', 12).arg(numeric, 0, 'g', 12)));
        }
    };
    for (const std::vector<double> &v : {std::vector<double>{0.243, 4.414, 0.793, 2.426}, std::vector<double>{1.2, 0.8, 2.5, 0.6}}) {
        std::vector<double> gradient;
        BgNbdFitter::totalLogLikelihood({v[0], v[1], v[2], v[3]}, histories, &gradient);
        check(plainBgNbd, v, gradient);
        if (QTest::currentTestFailed())
            return;
    }
    for (const std::vector<double> &v : {std::vector<double>{6.25, 3.74, 15.44}, std::vector<double>{1.5, 9, 120}}) {
        std::vector<double> gradient;
        GammaGammaFitter::totalLogLikelihood({v[0], v[1], v[2]}, spends, &gradient);
        check(plainGammaGamma, v, gradient);
        if (QTest::currentTestFailed())
            return;
    }
}

QTEST_GUILESS_MAIN(TestPredict)
#include "tst_predict.moc"
