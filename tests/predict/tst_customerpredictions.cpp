// Predictions on a workspace: the models' inputs derived from orders as the literature defines them, the
// stored per-customer fields, the holdout comparison, and the refusals.
#include "metrics/customermetrics.h"
#include "predict/customerpredictions.h"
#include "simulation.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace segmenta;
using namespace segmenta::predict;
using namespace segmenta::predict::test;
using store::Database;
using store::Statement;
using store::Workspace;

namespace {

const QDate kAsOf(2025, 6, 30);

void addCustomer(Database &db, qint64 id)
{
    Statement insert(db, "INSERT INTO customers(id, customer_key) VALUES (?1, ?2)");
    insert.bind(1, id).bind(2, QStringLiteral("c%1").arg(id));
    insert.run();
}

void addOrder(Database &db, qint64 customer, int daysAgo, double amount, bool valid = true)
{
    static int number = 0;
    Statement insert(db, "INSERT INTO orders(order_key, customer_id, order_date, amount, is_valid) VALUES (?1, ?2, ?3, ?4, ?5)");
    insert.bind(1, QStringLiteral("o%1").arg(++number))
        .bind(2, customer)
        .bind(3, kAsOf.addDays(-daysAgo).toString(Qt::ISODate) + QStringLiteral("T09:30:00"))
        .bind(4, amount)
        .bind(5, valid ? 1 : 0);
    insert.run();
}

// `count` customers drawn from BG/NBD (r 0.5, alpha 5 per week, a 0.8, b 2.5) whose first purchase is 100 to
// 500 days before the analysis date, ids from `firstId`; purchases on whole days, amounts 20 to 40.
void addSimulatedCustomers(Database &db, qint64 firstId, int count)
{
    demo::Random random(7);
    const BgNbdParameters model{0.5, 5, 0.8, 2.5};
    for (int i = 0; i < count; ++i) {
        const qint64 id = firstId + i;
        addCustomer(db, id);
        const int firstAgo = int(random.between(100, 500));
        addOrder(db, id, firstAgo, 20 + 20 * random.uniform());
        const double lambda = gammaVariate(random, model.r, model.alpha);
        const double g1 = gammaVariate(random, model.a, 1), g2 = gammaVariate(random, model.b, 1);
        double t = 0;
        while (true) {
            t += random.exponential(1 / lambda);
            const int ago = firstAgo - int(std::lround(t * 7));
            if (ago < 0)
                break;
            addOrder(db, id, ago, 20 + 20 * random.uniform());
            if (random.chance(g1 / (g1 + g2)))
                break;
        }
    }
}

QVariant metric(Database &db, qint64 customer, const char *column)
{
    Statement query(db, std::string("SELECT ") + column + " FROM customer_metrics WHERE customer_id = ?1");
    query.bind(1, customer);
    return query.step() ? query.value(0) : QVariant();
}

} // namespace

class TestCustomerPredictions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void storedFieldsFollowTheDefinitions();
    void holdoutAgreesWithPlainSql();
    void storedReportCarriesTheHoldout();
    void tooLittleDataGivesAWarningAndNoNumbers();
    void turnedOffLeavesTheFieldsEmpty();

private:
    std::unique_ptr<Workspace> makeShop(const QString &name, int simulated);
    QTemporaryDir m_dir;
};

// Customers 1-3 are hand-made; the rest give the models something to fit.
std::unique_ptr<Workspace> TestCustomerPredictions::makeShop(const QString &name, int simulated)
{
    auto ws = Workspace::create(m_dir.filePath(name));
    if (!ws)
        return nullptr;
    Database &db = ws.value()->db();
    store::Transaction transaction(db);
    // 1: purchase days 100, 60 and 30 days ago; two orders on day 100 (one purchase of 15), an invalid order
    // on day 60 and one after the analysis date, which do not count. x = 2, t_x = 70 days, T = 100 days,
    // mean repeat spend (20 + 40) / 2 = 30.
    addCustomer(db, 1);
    addOrder(db, 1, 100, 10);
    addOrder(db, 1, 100, 5);
    addOrder(db, 1, 60, 20);
    addOrder(db, 1, 60, 1000, false);
    addOrder(db, 1, 30, 40);
    addOrder(db, 1, -5, 500);
    // 2: three orders on one day, 50 days ago: a single purchase, x = 0.
    addCustomer(db, 2);
    for (int i = 0; i < 3; ++i)
        addOrder(db, 2, 50, 12);
    // 3: only an invalid order: no purchase, no prediction.
    addCustomer(db, 3);
    addOrder(db, 3, 20, 99, false);
    addSimulatedCustomers(db, 10, simulated);
    transaction.commit();
    return std::move(ws.value());
}

void TestCustomerPredictions::storedFieldsFollowTheDefinitions()
{
    auto ws = makeShop(QStringLiteral("fields.segmenta"), 600);
    QVERIFY(ws);
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, kAsOf).ok());
    const auto report = CustomerPredictions::storedReport(*ws);
    QVERIFY(report);
    QVERIFY2(report->hasClv(), qPrintable(report->warning));
    Database &db = ws->db();
    // Customers with a valid purchase by the analysis date, counted in SQL.
    QCOMPARE(report->customers, db.scalar("SELECT count(DISTINCT customer_id) FROM orders WHERE is_valid = 1 AND "
                                          "order_date <= '2025-06-30T99'").toLongLong());
    const BgNbdParameters &m = report->purchases->parameters;
    const GammaGammaParameters &g = report->spend->parameters;

    const PurchaseHistory one{2, 70 / 7.0, 100 / 7.0};
    QVERIFY(std::fabs(metric(db, 1, "p_alive").toDouble() - bgnbd::probabilityAlive(m, one)) < 1e-12);
    QVERIFY(std::fabs(metric(db, 1, "churn_risk").toDouble() - (1 - bgnbd::probabilityAlive(m, one))) < 1e-12);
    QVERIFY(std::fabs(metric(db, 1, "expected_orders_90").toDouble() - bgnbd::conditionalExpectedPurchases(m, one, 90 / 7.0)) < 1e-12);
    // CLV by its definition: 30-day periods up to 365 days, each period's expected orders discounted by
    // 1.01^(days / 30), times the expected spend p (gamma + x m) / (p x + q - 1).
    double discounted = 0, previous = 0;
    for (int day : {30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 360, 365}) {
        const double cumulative = bgnbd::conditionalExpectedPurchases(m, one, day / 7.0);
        discounted += (cumulative - previous) / std::pow(1.01, day / 30.0);
        previous = cumulative;
    }
    const double spend = g.p * (g.gamma + 2 * 30) / (g.p * 2 + g.q - 1);
    QVERIFY2(std::fabs(metric(db, 1, "predicted_clv").toDouble() - discounted * spend) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(metric(db, 1, "predicted_clv").toDouble()).arg(discounted * spend)));

    // All on one day: one purchase; P(alive) = 1 and the expectation of x = 0, T = 50 days.
    QCOMPARE(metric(db, 2, "p_alive").toDouble(), 1.0);
    QCOMPARE(metric(db, 2, "churn_risk").toDouble(), 0.0);
    QVERIFY(std::fabs(metric(db, 2, "expected_orders_90").toDouble() -
                      bgnbd::conditionalExpectedPurchases(m, {0, 0, 50 / 7.0}, 90 / 7.0)) < 1e-12);
    // No purchase: nothing predicted.
    QVERIFY(metric(db, 3, "p_alive").isNull());
    QVERIFY(metric(db, 3, "predicted_clv").isNull());
    QCOMPARE(metric(db, 3, "clv_tier").toString(), QStringLiteral("none"));

    // Tiers: of the customers with a CLV, fewer than 20 % have a strictly higher CLV than any high one, and
    // every low one has at least 50 % above it.
    const qint64 ranked = db.scalar("SELECT count(*) FROM customer_metrics WHERE predicted_clv IS NOT NULL").toLongLong();
    QCOMPARE(ranked, report->customers);
    const qint64 badHigh = db.scalar("SELECT count(*) FROM customer_metrics m WHERE clv_tier = 'high' AND (SELECT "
                                     "count(*) FROM customer_metrics o WHERE o.predicted_clv > m.predicted_clv) >= 0.2 * "
                                     + std::to_string(ranked)).toLongLong();
    const qint64 badLow = db.scalar("SELECT count(*) FROM customer_metrics m WHERE clv_tier = 'low' AND (SELECT "
                                    "count(*) FROM customer_metrics o WHERE o.predicted_clv > m.predicted_clv) < 0.5 * "
                                    + std::to_string(ranked)).toLongLong();
    QCOMPARE(badHigh, qint64(0));
    QCOMPARE(badLow, qint64(0));
    QVERIFY(db.scalar("SELECT count(*) FROM customer_metrics WHERE clv_tier = 'high'").toLongLong() > 0);
    // The report's total is the stored total.
    QVERIFY(std::fabs(db.scalar("SELECT sum(predicted_clv) FROM customer_metrics").toDouble() - report->predictedClvTotal) <
            1e-6 * report->predictedClvTotal);
}

void TestCustomerPredictions::holdoutAgreesWithPlainSql()
{
    auto ws = makeShop(QStringLiteral("holdout.segmenta"), 600);
    QVERIFY(ws);
    const QDate calibrationEnd = kAsOf.addDays(-120);
    std::vector<CustomerPrediction> perCustomer;
    const auto report = CustomerPredictions::compute(*ws, calibrationEnd, kAsOf, PredictionSettings{}, nullptr, &perCustomer);
    QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
    QVERIFY2(report->hasPredictions(), qPrintable(report->warning));
    QCOMPARE(report->holdout.size(), size_t(kHoldoutGroups));
    qint64 customers = 0;
    double actual = 0, predicted = 0;
    for (const HoldoutGroup &group : report->holdout) {
        customers += group.customers;
        actual += group.actual;
        predicted += group.predicted;
    }
    Database &db = ws->db();
    const std::string calibrated = "SELECT customer_id FROM orders WHERE is_valid = 1 AND substr(order_date, 1, 10) <= '" +
                                   calibrationEnd.toString(Qt::ISODate).toStdString() + "'";
    QCOMPARE(customers, db.scalar("SELECT count(DISTINCT customer_id) FROM (" + calibrated + ")").toLongLong());
    QCOMPARE(qint64(actual), db.scalar("SELECT count(DISTINCT customer_id || '/' || substr(order_date, 1, 10)) FROM "
                                       "orders WHERE is_valid = 1 AND substr(order_date, 1, 10) > '" +
                                       calibrationEnd.toString(Qt::ISODate).toStdString() +
                                       "' AND substr(order_date, 1, 10) <= '2025-06-30' AND customer_id IN (" + calibrated + ")")
                                 .toLongLong());
    // The model fitted on simulated BG/NBD customers forecasts their holdout purchases within 25 %.
    qInfo("holdout: %lld customers, actual %.0f, predicted %.1f", customers, actual, predicted);
    QVERIFY(std::fabs(predicted - actual) < 0.25 * actual);
    QCOMPARE(qint64(perCustomer.size()), customers);
}

// With a calibration end in the settings, the recompute stores the holdout comparison beside the fit at the
// analysis date: the same groups a direct compute() gives, with the round trip through JSON.
void TestCustomerPredictions::storedReportCarriesTheHoldout()
{
    auto ws = makeShop(QStringLiteral("stored-holdout.segmenta"), 400);
    QVERIFY(ws);
    PredictionSettings settings;
    settings.calibrationEnd = kAsOf.addDays(-90);
    settings.save(*ws);
    QCOMPARE(PredictionSettings::load(*ws).calibrationEnd, settings.calibrationEnd);
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, kAsOf).ok());
    const auto stored = CustomerPredictions::storedReport(*ws);
    QVERIFY(stored && stored->hasPredictions());
    QCOMPARE(stored->calibrationEnd, kAsOf);
    QCOMPARE(stored->holdoutCalibrationEnd, settings.calibrationEnd);
    const auto direct = CustomerPredictions::compute(*ws, settings.calibrationEnd, kAsOf, settings);
    QVERIFY(direct.ok());
    QCOMPARE(stored->holdout.size(), direct->holdout.size());
    for (size_t i = 0; i < stored->holdout.size(); ++i) {
        QCOMPARE(stored->holdout[i].customers, direct->holdout[i].customers);
        QCOMPARE(stored->holdout[i].actual, direct->holdout[i].actual);
        QVERIFY(std::fabs(stored->holdout[i].predicted - direct->holdout[i].predicted) < 1e-9);
    }
    // The fit's figures survive the JSON round trip: the same as a fresh fit at the analysis date.
    const auto fresh = CustomerPredictions::compute(*ws, kAsOf, kAsOf, settings);
    QVERIFY(fresh.ok() && fresh->purchases && fresh->spend && stored->spend);
    QCOMPARE(stored->purchases->parameters.r, fresh->purchases->parameters.r);
    QCOMPARE(stored->purchases->parameters.b, fresh->purchases->parameters.b);
    QCOMPARE(stored->purchases->logLikelihood, fresh->purchases->logLikelihood);
    QCOMPARE(stored->spend->parameters.gamma, fresh->spend->parameters.gamma);
    QCOMPARE(stored->purchases->standardErrors.size(), size_t(4));
}

void TestCustomerPredictions::tooLittleDataGivesAWarningAndNoNumbers()
{
    auto ws = makeShop(QStringLiteral("small.segmenta"), 40);
    QVERIFY(ws);
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, kAsOf).ok());
    const auto report = CustomerPredictions::storedReport(*ws);
    QVERIFY(report);
    QVERIFY(!report->hasPredictions());
    QVERIFY(report->warning.contains(QString::number(kMinimumBuyers)));
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM customer_metrics WHERE p_alive IS NOT NULL OR predicted_clv IS NOT "
                             "NULL OR clv_tier <> 'none'").toLongLong(), qint64(0));
}

void TestCustomerPredictions::turnedOffLeavesTheFieldsEmpty()
{
    auto ws = makeShop(QStringLiteral("off.segmenta"), 300);
    QVERIFY(ws);
    PredictionSettings settings;
    settings.enabled = false;
    settings.save(*ws);
    QCOMPARE(PredictionSettings::load(*ws).enabled, false);
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, kAsOf).ok());
    QVERIFY(!CustomerPredictions::storedReport(*ws));
    QCOMPARE(ws->db().scalar("SELECT count(*) FROM customer_metrics WHERE p_alive IS NOT NULL").toLongLong(), qint64(0));
    settings.horizonDays = 0;
    QVERIFY(!settings.validate().ok());
    settings.horizonDays = 90;
    settings.monthlyDiscount = 1.5;
    QVERIFY(!settings.validate().ok());
}

QTEST_GUILESS_MAIN(TestCustomerPredictions)
#include "tst_customerpredictions.moc"
