#include "command.h"
#include "commands.h"

#include "predict/customerpredictions.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace segmenta::cli {

namespace {

// The JSON the issue specifies: the two fits, the counts, and the holdout comparison when there is one.
QJsonObject predictionJson(const predict::PredictionReport &report)
{
    const QJsonObject full = report.toJson();
    QJsonObject json{{QStringLiteral("customers"), report.customers},
                     {QStringLiteral("repeat_buyers"), report.repeatBuyers},
                     {QStringLiteral("calibration_end"), report.calibrationEnd.toString(Qt::ISODate)},
                     {QStringLiteral("as_of"), report.asOf.toString(Qt::ISODate)},
                     {QStringLiteral("horizon_days"), report.horizonDays},
                     {QStringLiteral("monthly_discount"), report.monthlyDiscount},
                     {QStringLiteral("bgnbd"), full.value(u"bgnbd")},
                     {QStringLiteral("gamma_gamma"), full.value(u"gamma_gamma")}};
    if (report.hasPredictions())
        json.insert(QStringLiteral("expected_orders_90_total"), report.expectedOrders90Total);
    if (report.hasClv())
        json.insert(QStringLiteral("predicted_clv_total"), report.predictedClvTotal);
    if (!report.warning.isEmpty())
        json.insert(QStringLiteral("warning"), report.warning);
    if (!report.holdout.empty()) {
        QJsonArray groups;
        qint64 customers = 0;
        double actual = 0, predicted = 0;
        for (const predict::HoldoutGroup &g : report.holdout) {
            customers += g.customers;
            actual += g.actual;
            predicted += g.predicted;
            groups.append(QJsonObject{
                {QStringLiteral("repeat_purchases"), g.repeatPurchases},
                {QStringLiteral("customers"), g.customers},
                {QStringLiteral("actual_per_customer"), g.customers ? g.actual / double(g.customers) : 0.0},
                {QStringLiteral("predicted_per_customer"), g.customers ? g.predicted / double(g.customers) : 0.0}});
        }
        json.insert(QStringLiteral("holdout"),
                    QJsonObject{{QStringLiteral("from"), report.calibrationEnd.addDays(1).toString(Qt::ISODate)},
                                {QStringLiteral("to"), report.asOf.toString(Qt::ISODate)},
                                {QStringLiteral("weeks"), double(report.calibrationEnd.daysTo(report.asOf)) / 7.0},
                                {QStringLiteral("customers"), customers},
                                {QStringLiteral("actual_purchases"), actual},
                                {QStringLiteral("predicted_purchases"), predicted},
                                {QStringLiteral("by_repeat_purchases"), groups}});
    }
    return json;
}

void printReport(const predict::PredictionReport &r)
{
    out() << CommandLine::tr("Customers with a purchase by %1: %2, of them repeat buyers: %3")
                 .arg(r.calibrationEnd.toString(Qt::ISODate))
                 .arg(r.customers)
                 .arg(r.repeatBuyers)
          << '\n';
    if (r.purchases) {
        const auto &p = r.purchases->parameters;
        out() << CommandLine::tr("BG/NBD (weeks): r %1, alpha %2, a %3, b %4, log-likelihood %5")
                     .arg(p.r, 0, 'f', 4).arg(p.alpha, 0, 'f', 4).arg(p.a, 0, 'f', 4).arg(p.b, 0, 'f', 4)
                     .arg(r.purchases->logLikelihood, 0, 'f', 2)
              << '\n';
        out() << CommandLine::tr("Expected orders in the next 90 days: %1").arg(r.expectedOrders90Total, 0, 'f', 1) << '\n';
    }
    if (r.spend) {
        const auto &g = r.spend->parameters;
        out() << CommandLine::tr("Gamma-Gamma: p %1, q %2, gamma %3, log-likelihood %4")
                     .arg(g.p, 0, 'f', 4).arg(g.q, 0, 'f', 4).arg(g.gamma, 0, 'f', 4)
                     .arg(r.spend->logLikelihood, 0, 'f', 2)
              << '\n';
        out() << CommandLine::tr("Predicted CLV over %1 days: %2").arg(r.horizonDays).arg(r.predictedClvTotal, 0, 'f', 2) << '\n';
    }
    if (!r.warning.isEmpty())
        out() << CommandLine::tr("Warning: %1").arg(r.warning) << '\n';
    if (!r.holdout.empty()) {
        out() << CommandLine::tr("Holdout %1 to %2, purchases per customer by repeat purchases before it:")
                     .arg(r.calibrationEnd.addDays(1).toString(Qt::ISODate), r.asOf.toString(Qt::ISODate))
              << '\n';
        for (const predict::HoldoutGroup &g : r.holdout) {
            if (g.customers == 0)
                continue;
            out() << "  " << QString::number(g.repeatPurchases).rightJustified(2)
                  << (g.repeatPurchases == predict::kHoldoutGroups - 1 ? "+" : " ") << "  "
                  << CommandLine::tr("%1 customers, actual %2, predicted %3")
                         .arg(g.customers)
                         .arg(g.actual / double(g.customers), 0, 'f', 3)
                         .arg(g.predicted / double(g.customers), 0, 'f', 3)
                  << '\n';
        }
    }
    out().flush();
}

} // namespace

int runPredict(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("predict"),
                     CommandLine::tr("Fits the BG/NBD purchase model and the Gamma-Gamma spend model and prints their "
                                     "parameters, the predicted totals and, with --calibration-end before the "
                                     "analysis date, predicted against actual purchases after it."));
    line.addDbOption();
    line.addAsOfOption();
    line.addJsonOption();
    line.addOption({QStringLiteral("calibration-end"),
                    CommandLine::tr("Fit on purchases up to this date (default: the analysis date)."),
                    CommandLine::tr("YYYY-MM-DD")});
    line.addOption({QStringLiteral("horizon-days"),
                    CommandLine::tr("Predicted CLV covers this many days (default: the workspace's setting, 365)."),
                    CommandLine::tr("N")});
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    bool bad = false;
    const auto asOfOption = line.asOf(&bad);
    if (bad)
        return UsageError;
    auto workspace = openWorkspace(*db);
    if (!workspace)
        return Failure;
    const QDate asOf = asOfOption.value_or(workspace->analysisDate());
    QDate calibrationEnd = asOf;
    if (line.isSet(QStringLiteral("calibration-end"))) {
        calibrationEnd = QDate::fromString(line.value(QStringLiteral("calibration-end")), Qt::ISODate);
        if (!calibrationEnd.isValid())
            return line.usageError(CommandLine::tr("--calibration-end needs a date as YYYY-MM-DD, not “%1”")
                                       .arg(line.value(QStringLiteral("calibration-end"))));
    }
    predict::PredictionSettings settings = predict::PredictionSettings::load(*workspace);
    if (line.isSet(QStringLiteral("horizon-days"))) {
        bool ok = false;
        settings.horizonDays = line.value(QStringLiteral("horizon-days")).toInt(&ok);
        if (!ok)
            return line.usageError(CommandLine::tr("--horizon-days needs a whole number of days, not “%1”")
                                       .arg(line.value(QStringLiteral("horizon-days"))));
    }
    const auto report = predict::CustomerPredictions::compute(*workspace, calibrationEnd, asOf, settings);
    if (!report)
        return fail(report.errorMessage());
    if (line.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(QJsonDocument(predictionJson(*report)).toJson(QJsonDocument::Compact)) << Qt::endl;
    else
        printReport(*report);
    return Success;
}

} // namespace segmenta::cli
