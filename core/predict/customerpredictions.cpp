#include "predict/customerpredictions.h"

#include "common/threads.h"
#include "store/database.h"
#include "store/workspace.h"

#include <sqlite3.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <utility>
#include <cmath>
#include <limits>

namespace segmenta::predict {

namespace {

using store::Statement;

constexpr int kPeriodDays = 30; // CLV is discounted per 30-day month

// Julian day of an ISO date or date-time text, or -1 when QDate would call the date invalid. Done by
// arithmetic (Fliegel & Van Flandern's formula for the proleptic Gregorian calendar QDate uses) because it
// runs once per order, and constructing a QDate for each of millions of orders was a noticeable part of the
// read.
qint64 julianDay(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return -1;
    int value[3] = {0, 0, 0};
    const int from[3] = {0, 5, 8}, count[3] = {4, 2, 2};
    for (int part = 0; part < 3; ++part) {
        for (int i = from[part]; i < from[part] + count[part]; ++i) {
            if (text[size_t(i)] < '0' || text[size_t(i)] > '9')
                return -1;
            value[part] = value[part] * 10 + (text[size_t(i)] - '0');
        }
    }
    const int year = value[0], month = value[1], day = value[2];
    static constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > kDaysInMonth[month - 1] + (month == 2 && leap ? 1 : 0))
        return -1;
    const qint64 a = (14 - month) / 12, y = year + 4800 - a, m = month + 12 * a - 3;
    return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045;
}

// One valid order, 16 bytes, so 5 million orders fit in 80 MB while they are sorted.
struct Order
{
    quint32 customer;
    qint32 day;
    double amount;
};

// A customer with a purchase by the calibration end, in the models' terms (days, not yet weeks).
struct Buyer
{
    qint64 id = 0;
    qint32 firstDay = 0;
    qint32 lastDay = 0;   // last purchase day by the calibration end
    qint32 repeatDays = 0; // x
    double repeatSpend = 0; // sum over repeat days
    qint32 holdoutDays = 0; // purchase days after the calibration end, up to the analysis date
};

std::vector<Order> readOrders(store::Database &db, qint64 lastDay, Progress *progress)
{
    std::vector<Order> orders;
    orders.reserve(size_t(std::max<qint64>(0, db.scalar("SELECT max(rowid) FROM orders").toLongLong()))); // one allocation
    Statement query(db, "SELECT customer_id, order_date, amount FROM orders WHERE is_valid = 1");
    qint64 seen = 0;
    while (query.step()) {
        if (++seen % 65536 == 0 && progress)
            progress->checkCanceled();
        const qint64 customer = query.int64(0);
        const qint64 day = julianDay(query.utf8(1));
        if (day < 0 || day > lastDay || customer < 0 || customer > std::numeric_limits<quint32>::max())
            continue;
        orders.push_back({quint32(customer), qint32(day), query.isNull(2) ? 0.0 : query.real(2)});
    }
    const auto byCustomerAndDay = [](const Order &l, const Order &r) {
        return l.customer != r.customer ? l.customer < r.customer : l.day < r.day;
    };
    if (!std::is_sorted(orders.begin(), orders.end(), byCustomerAndDay)) // often already so: imported per customer
        std::sort(orders.begin(), orders.end(), byCustomerAndDay);
    return orders;
}

std::vector<Buyer> summarise(const std::vector<Order> &orders, qint64 calibrationEnd)
{
    std::vector<Buyer> buyers;
    size_t i = 0;
    while (i < orders.size()) {
        const quint32 customer = orders[i].customer;
        Buyer buyer;
        buyer.id = customer;
        bool bought = false;
        while (i < orders.size() && orders[i].customer == customer) {
            const qint32 day = orders[i].day;
            double dayAmount = 0;
            for (; i < orders.size() && orders[i].customer == customer && orders[i].day == day; ++i)
                dayAmount += orders[i].amount;
            if (day > calibrationEnd) {
                buyer.holdoutDays += bought ? 1 : 0;
            } else if (!bought) {
                bought = true;
                buyer.firstDay = buyer.lastDay = day;
            } else {
                buyer.lastDay = day;
                ++buyer.repeatDays;
                buyer.repeatSpend += dayAmount;
            }
        }
        if (bought)
            buyers.push_back(buyer);
    }
    return buyers;
}

PurchaseHistory historyOf(const Buyer &buyer, qint64 calibrationEnd)
{
    return {double(buyer.repeatDays), (buyer.lastDay - buyer.firstDay) / 7.0, double(calibrationEnd - buyer.firstDay) / 7.0};
}

// What the purchase model expects of a customer still alive with a given x and T (t_x only enters through
// P(alive)): expected orders, and the discounted sum of expected orders over the CLV horizon. A buyer's
// figures are these times their P(alive).
struct AliveOutlook
{
    double expected30 = 0, expected90 = 0, expected365 = 0, discountedOrders = 0, holdout = 0;
};

AliveOutlook aliveOutlookOf(const BgNbdParameters &m, double x, double T, const PredictionSettings &settings,
                            double holdoutWeeks)
{
    AliveOutlook o;
    const auto expected = [&](double days) { return bgnbd::expectedPurchasesIfAlive(m, x, T, days / 7.0); };
    double previous = 0;
    bool have30 = false, have90 = false, have365 = false;
    for (int end = kPeriodDays; end - kPeriodDays < settings.horizonDays; end += kPeriodDays) {
        const int day = std::min(end, settings.horizonDays);
        const double cumulative = expected(day);
        o.discountedOrders += (cumulative - previous) / std::pow(1 + settings.monthlyDiscount, double(day) / kPeriodDays);
        previous = cumulative;
        if (day == 30)
            o.expected30 = cumulative, have30 = true;
        if (day == 90)
            o.expected90 = cumulative, have90 = true;
        if (day == 365)
            o.expected365 = cumulative, have365 = true;
    }
    if (!have30)
        o.expected30 = expected(30);
    if (!have90)
        o.expected90 = expected(90);
    if (!have365)
        o.expected365 = expected(365);
    if (holdoutWeeks > 0)
        o.holdout = bgnbd::expectedPurchasesIfAlive(m, x, T, holdoutWeeks);
    return o;
}

// Ranks by CLV, best first. The values are sorted beside their indexes (not through pointers into the
// predictions) so the sort of a million stays in cache-friendly memory.
void assignClvTiers(std::vector<CustomerPrediction> &predictions)
{
    std::vector<std::pair<double, quint32>> ranked;
    for (size_t i = 0; i < predictions.size(); ++i) {
        if (predictions[i].clv)
            ranked.emplace_back(*predictions[i].clv, quint32(i));
    }
    std::sort(ranked.begin(), ranked.end(), [](const auto &l, const auto &r) { return l.first > r.first; });
    const double n = double(ranked.size());
    size_t better = 0; // customers with a strictly higher CLV
    for (size_t i = 0; i < ranked.size(); ++i) {
        if (i > 0 && ranked[i].first != ranked[i - 1].first)
            better = i;
        predictions[ranked[i].second].clvTier =
            double(better) < kHighClvShare * n ? "high" : double(better) < (kHighClvShare + kMidClvShare) * n ? "mid" : "low";
    }
}

} // namespace

namespace {

// Fits both models on the buyers; fills the report's fits and warning.
void fitModels(const std::vector<Buyer> &buyers, qint64 calibrationEnd, PredictionReport &report)
{
    std::vector<PurchaseHistory> histories;
    std::vector<RepeatSpend> spends;
    histories.reserve(buyers.size());
    for (const Buyer &b : buyers) {
        histories.push_back(historyOf(b, calibrationEnd));
        if (b.repeatDays > 0)
            spends.push_back({double(b.repeatDays), b.repeatSpend / b.repeatDays});
    }
    auto purchases = BgNbdFitter::fit(histories);
    if (!purchases) {
        report.warning = purchases.errorMessage();
        return;
    }
    report.purchases = *purchases;
    auto spend = GammaGammaFitter::fit(spends);
    if (!spend) {
        report.warning = CustomerPredictions::tr("No predicted CLV: %1").arg(spend.errorMessage());
    } else if (!(spend->parameters.q > 1)) {
        report.warning = CustomerPredictions::tr("No predicted CLV: the spend per purchase varies so much between "
                                                 "customers that its average is not finite (q = %1 is not above 1)")
                             .arg(spend->parameters.q, 0, 'f', 2);
    } else {
        report.spend = *spend;
    }
}

QString dataWarning(const PredictionReport &r)
{
    if (r.customers < kMinimumBuyers)
        return CustomerPredictions::tr("Too few customers to predict: %1 bought by %2; predictions need at least %3")
            .arg(r.customers).arg(r.calibrationEnd.toString(Qt::ISODate)).arg(kMinimumBuyers);
    if (r.repeatBuyers < kMinimumRepeatBuyers)
        return CustomerPredictions::tr("Too few repeat buyers to predict: %1 customers bought on two days or more; "
                                       "predictions need at least %2")
            .arg(r.repeatBuyers).arg(kMinimumRepeatBuyers);
    if (r.historyDays < kMinimumHistoryDays)
        return CustomerPredictions::tr("Too short a history to predict: %1 days from the first purchase to %2; "
                                       "predictions need at least %3")
            .arg(r.historyDays).arg(r.calibrationEnd.toString(Qt::ISODate)).arg(kMinimumHistoryDays);
    return {};
}

// Predictions for every buyer. The expectations of an alive customer depend on x and T alone, so they are
// evaluated once per distinct (x, T in whole days), in chunks on the thread pool (the calling thread takes
// part); each buyer's figures are then those times the buyer's P(alive), in buyer order.
void predictBuyers(const std::vector<Buyer> &buyers, qint64 calibrationEnd, const PredictionSettings &settings,
                   double holdoutWeeks, PredictionReport &report, std::vector<CustomerPrediction> &out, Progress *progress)
{
    const BgNbdParameters &m = report.purchases->parameters;
    const auto key = [&](const Buyer &b) { return quint64(quint32(b.repeatDays)) << 32 | quint32(calibrationEnd - b.firstDay); };
    std::vector<quint64> keys;
    keys.reserve(buyers.size());
    for (const Buyer &b : buyers)
        keys.push_back(key(b));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());

    std::vector<AliveOutlook> outlooks(keys.size());
    constexpr size_t kChunk = 256;
    std::vector<size_t> chunks;
    for (size_t start = 0; start < keys.size(); start += kChunk)
        chunks.push_back(start);
    QtConcurrent::blockingMap(computeThreads(), chunks, [&](size_t start) {
        if (progress && progress->isCanceled())
            return; // exceptions must not cross the pool; checked below
        for (size_t i = start; i < std::min(start + kChunk, keys.size()); ++i)
            outlooks[i] = aliveOutlookOf(m, double(keys[i] >> 32), double(keys[i] & 0xffffffffu) / 7.0, settings, holdoutWeeks);
    });
    if (progress)
        progress->checkCanceled();

    out.assign(buyers.size(), CustomerPrediction{});
    report.holdout.assign(holdoutWeeks > 0 ? kHoldoutGroups : 0, HoldoutGroup{});
    for (int g = 0; g < int(report.holdout.size()); ++g)
        report.holdout[size_t(g)].repeatPurchases = g;
    for (size_t i = 0; i < buyers.size(); ++i) {
        const Buyer &b = buyers[i];
        const AliveOutlook &outlook = outlooks[size_t(std::lower_bound(keys.begin(), keys.end(), key(b)) - keys.begin())];
        CustomerPrediction &p = out[i];
        p.customerId = b.id;
        p.pAlive = bgnbd::probabilityAlive(m, historyOf(b, calibrationEnd));
        p.expected30 = outlook.expected30 * p.pAlive;
        p.expected90 = outlook.expected90 * p.pAlive;
        p.expected365 = outlook.expected365 * p.pAlive;
        if (report.spend) {
            const double spend = gammagamma::conditionalExpectedSpend(report.spend->parameters, b.repeatDays,
                                                                      b.repeatDays > 0 ? b.repeatSpend / b.repeatDays : 0.0);
            p.clv = outlook.discountedOrders * p.pAlive * spend;
            report.predictedClvTotal += *p.clv;
        }
        report.expectedOrders90Total += p.expected90;
        if (holdoutWeeks > 0) {
            HoldoutGroup &group = report.holdout[size_t(std::min(b.repeatDays, kHoldoutGroups - 1))];
            ++group.customers;
            group.actual += b.holdoutDays;
            group.predicted += outlook.holdout * p.pAlive;
        }
    }
    assignClvTiers(out);
}

} // namespace

Result<PredictionReport> CustomerPredictions::compute(store::Workspace &workspace, const QDate &calibrationEnd,
                                                      const QDate &asOf, const PredictionSettings &settings,
                                                      Progress *progress, std::vector<CustomerPrediction> *perCustomer)
{
    return compute(workspace.db(), workspace.displayName(), calibrationEnd, asOf, settings, progress, perCustomer);
}

Result<PredictionReport> CustomerPredictions::compute(store::Database &db, const QString &name, const QDate &calibrationEnd,
                                                      const QDate &asOf, const PredictionSettings &settings,
                                                      Progress *progress, std::vector<CustomerPrediction> *perCustomer)
{
    if (!asOf.isValid() || !calibrationEnd.isValid())
        return Error{tr("The calibration end and the analysis date must be valid dates")};
    if (calibrationEnd > asOf)
        return Error{tr("The calibration end (%1) is after the analysis date (%2)")
                         .arg(calibrationEnd.toString(Qt::ISODate), asOf.toString(Qt::ISODate))};
    if (auto valid = settings.validate(); !valid)
        return valid.error();
    PredictionReport report;
    report.calibrationEnd = calibrationEnd;
    report.asOf = asOf;
    report.horizonDays = settings.horizonDays;
    report.monthlyDiscount = settings.monthlyDiscount;
    const qint64 end = calibrationEnd.toJulianDay();
    std::vector<Buyer> buyers;
    try {
        buyers = summarise(readOrders(db, asOf.toJulianDay(), progress), end);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not read the orders of “%1”: %2").arg(name, error.message())};
    }
    report.customers = qint64(buyers.size());
    qint64 earliest = end;
    for (const Buyer &b : buyers) {
        report.repeatBuyers += b.repeatDays > 0 ? 1 : 0;
        earliest = std::min<qint64>(earliest, b.firstDay);
    }
    report.historyDays = end - earliest;
    report.warning = dataWarning(report);
    if (report.warning.isEmpty())
        fitModels(buyers, end, report);
    if (progress)
        progress->checkCanceled();
    std::vector<CustomerPrediction> predictions;
    if (report.purchases)
        predictBuyers(buyers, end, settings, double(asOf.toJulianDay() - end) / 7.0, report, predictions, progress);
    if (perCustomer)
        *perCustomer = std::move(predictions);
    return report;
}

} // namespace segmenta::predict

namespace segmenta::predict {

PredictionSettings PredictionSettings::load(store::Workspace &workspace)
{
    PredictionSettings s;
    const QJsonObject json = QJsonDocument::fromJson(workspace.setting(QString::fromLatin1(kKey)).toUtf8()).object();
    s.enabled = json.value(QStringLiteral("enabled")).toBool(s.enabled);
    s.horizonDays = json.value(QStringLiteral("horizon_days")).toInt(s.horizonDays);
    s.monthlyDiscount = json.value(QStringLiteral("monthly_discount")).toDouble(s.monthlyDiscount);
    s.calibrationEnd = QDate::fromString(json.value(QStringLiteral("calibration_end")).toString(), Qt::ISODate);
    if (!s.validate())
        return PredictionSettings{};
    return s;
}

void PredictionSettings::save(store::Workspace &workspace) const
{
    const QJsonObject json{{QStringLiteral("enabled"), enabled},
                           {QStringLiteral("horizon_days"), horizonDays},
                           {QStringLiteral("monthly_discount"), monthlyDiscount},
                           {QStringLiteral("calibration_end"), calibrationEnd.toString(Qt::ISODate)}};
    workspace.setSetting(QString::fromLatin1(kKey), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
}

Result<void> PredictionSettings::validate() const
{
    if (horizonDays < 1 || horizonDays > 3650)
        return Error{CustomerPredictions::tr("The prediction horizon must be 1 to 3650 days, not %1").arg(horizonDays)};
    if (!(monthlyDiscount >= 0 && monthlyDiscount < 1))
        return Error{CustomerPredictions::tr("The monthly discount rate must be at least 0 % and below 100 %")};
    return {};
}

namespace {

QJsonArray toArray(const std::vector<double> &values)
{
    QJsonArray array;
    for (double v : values)
        array.append(v);
    return array;
}

std::vector<double> fromArray(const QJsonArray &array)
{
    std::vector<double> values;
    for (const QJsonValue &v : array)
        values.push_back(v.toDouble());
    return values;
}

} // namespace

QJsonObject PredictionReport::toJson() const
{
    QJsonObject json{{QStringLiteral("calibration_end"), calibrationEnd.toString(Qt::ISODate)},
                     {QStringLiteral("as_of"), asOf.toString(Qt::ISODate)},
                     {QStringLiteral("horizon_days"), horizonDays},
                     {QStringLiteral("monthly_discount"), monthlyDiscount},
                     {QStringLiteral("customers"), customers},
                     {QStringLiteral("repeat_buyers"), repeatBuyers},
                     {QStringLiteral("history_days"), historyDays},
                     {QStringLiteral("warning"), warning},
                     {QStringLiteral("predicted_clv_total"), predictedClvTotal},
                     {QStringLiteral("expected_orders_90_total"), expectedOrders90Total},
                     {QStringLiteral("holdout_calibration_end"), holdoutCalibrationEnd.toString(Qt::ISODate)}};
    if (purchases) {
        const BgNbdParameters &p = purchases->parameters;
        json.insert(QStringLiteral("bgnbd"), QJsonObject{{QStringLiteral("r"), p.r},
                                                         {QStringLiteral("alpha"), p.alpha},
                                                         {QStringLiteral("a"), p.a},
                                                         {QStringLiteral("b"), p.b},
                                                         {QStringLiteral("log_likelihood"), purchases->logLikelihood},
                                                         {QStringLiteral("standard_errors"), toArray(purchases->standardErrors)},
                                                         {QStringLiteral("customers"), purchases->customers}});
    }
    if (spend) {
        const GammaGammaParameters &g = spend->parameters;
        json.insert(QStringLiteral("gamma_gamma"), QJsonObject{{QStringLiteral("p"), g.p},
                                                               {QStringLiteral("q"), g.q},
                                                               {QStringLiteral("gamma"), g.gamma},
                                                               {QStringLiteral("log_likelihood"), spend->logLikelihood},
                                                               {QStringLiteral("standard_errors"), toArray(spend->standardErrors)},
                                                               {QStringLiteral("customers"), spend->customers}});
    }
    if (!holdout.empty()) {
        QJsonArray groups;
        for (const HoldoutGroup &g : holdout) {
            groups.append(QJsonObject{{QStringLiteral("repeat_purchases"), g.repeatPurchases},
                                      {QStringLiteral("customers"), g.customers},
                                      {QStringLiteral("actual"), g.actual},
                                      {QStringLiteral("predicted"), g.predicted}});
        }
        json.insert(QStringLiteral("holdout"), groups);
    }
    return json;
}

PredictionReport PredictionReport::fromJson(const QJsonObject &json)
{
    PredictionReport r;
    r.calibrationEnd = QDate::fromString(json.value(QStringLiteral("calibration_end")).toString(), Qt::ISODate);
    r.asOf = QDate::fromString(json.value(QStringLiteral("as_of")).toString(), Qt::ISODate);
    r.horizonDays = json.value(QStringLiteral("horizon_days")).toInt(365);
    r.monthlyDiscount = json.value(QStringLiteral("monthly_discount")).toDouble(0.01);
    r.customers = json.value(QStringLiteral("customers")).toInteger();
    r.repeatBuyers = json.value(QStringLiteral("repeat_buyers")).toInteger();
    r.historyDays = json.value(QStringLiteral("history_days")).toInteger();
    r.warning = json.value(QStringLiteral("warning")).toString();
    r.predictedClvTotal = json.value(QStringLiteral("predicted_clv_total")).toDouble();
    r.expectedOrders90Total = json.value(QStringLiteral("expected_orders_90_total")).toDouble();
    r.holdoutCalibrationEnd = QDate::fromString(json.value(QStringLiteral("holdout_calibration_end")).toString(), Qt::ISODate);
    if (const QJsonObject b = json.value(QStringLiteral("bgnbd")).toObject(); !b.isEmpty()) {
        BgNbdFit fit;
        fit.parameters = {b.value(QStringLiteral("r")).toDouble(), b.value(QStringLiteral("alpha")).toDouble(),
                          b.value(QStringLiteral("a")).toDouble(), b.value(QStringLiteral("b")).toDouble()};
        fit.logLikelihood = b.value(QStringLiteral("log_likelihood")).toDouble();
        fit.standardErrors = fromArray(b.value(QStringLiteral("standard_errors")).toArray());
        fit.customers = b.value(QStringLiteral("customers")).toInteger();
        r.purchases = fit;
    }
    if (const QJsonObject g = json.value(QStringLiteral("gamma_gamma")).toObject(); !g.isEmpty()) {
        GammaGammaFit fit;
        fit.parameters = {g.value(QStringLiteral("p")).toDouble(), g.value(QStringLiteral("q")).toDouble(),
                          g.value(QStringLiteral("gamma")).toDouble()};
        fit.logLikelihood = g.value(QStringLiteral("log_likelihood")).toDouble();
        fit.standardErrors = fromArray(g.value(QStringLiteral("standard_errors")).toArray());
        fit.customers = g.value(QStringLiteral("customers")).toInteger();
        r.spend = fit;
    }
    for (const QJsonValue &v : json.value(QStringLiteral("holdout")).toArray()) {
        const QJsonObject g = v.toObject();
        r.holdout.push_back({g.value(QStringLiteral("repeat_purchases")).toInt(), g.value(QStringLiteral("customers")).toInteger(),
                             g.value(QStringLiteral("actual")).toDouble(), g.value(QStringLiteral("predicted")).toDouble()});
    }
    return r;
}

MetricsPredictions CustomerPredictions::computeForMetrics(store::Database &db, const QString &name, const QDate &asOf,
                                                          const PredictionSettings &settings, Progress *progress)
{
    MetricsPredictions out;
    out.enabled = settings.enabled;
    if (!settings.enabled)
        return out;
    auto report = compute(db, name, asOf, asOf, settings, progress, &out.perCustomer);
    if (!report) // only a database error gets here; rethrown as one for the recompute's message
        throw store::DatabaseError(1, report.errorMessage());
    if (settings.calibrationEnd.isValid() && settings.calibrationEnd < asOf && report->hasPredictions()) {
        const auto validation = compute(db, name, settings.calibrationEnd, asOf, settings, progress);
        if (!validation)
            throw store::DatabaseError(1, validation.errorMessage());
        report->holdout = validation->holdout;
        report->holdoutCalibrationEnd = settings.calibrationEnd;
    }
    out.report = std::move(report).value();
    return out;
}

PendingPredictions::PendingPredictions(store::Workspace &workspace, const QDate &asOf, Progress *progress)
    : m_workspace(workspace), m_asOf(asOf), m_progress(progress), m_settings(PredictionSettings::load(workspace))
{
    store::Database &db = workspace.db();
    // Another connection sees the same rows only when this one is not inside a transaction of its own and the
    // workspace is a file (not held exclusively: then the second open fails and the work is done when taken).
    const bool beside = m_settings.enabled && !db.path().isEmpty() && db.path() != u":memory:" &&
                        sqlite3_get_autocommit(db.handle()) != 0;
    if (!beside)
        return;
    const auto access = db.access() == store::Database::Access::Immutable ? store::Database::Access::Immutable
                                                                          : store::Database::Access::ReadOnly;
    m_thread = std::thread([this, path = db.path(), name = workspace.displayName(), access] {
        try {
            store::Database own = store::Database::open(path, access);
            m_result = CustomerPredictions::computeForMetrics(own, name, m_asOf, m_settings, m_progress);
        } catch (const Canceled &) {
            m_error = std::current_exception();
        } catch (const store::DatabaseError &) {
            // Busy, or held exclusively by the connection that recomputes: take() does it on that connection.
        }
    });
}

PendingPredictions::~PendingPredictions()
{
    if (m_thread.joinable())
        m_thread.join();
}

MetricsPredictions PendingPredictions::take()
{
    if (m_thread.joinable())
        m_thread.join();
    if (m_error)
        std::rethrow_exception(std::exchange(m_error, nullptr));
    if (m_result)
        return *std::exchange(m_result, std::nullopt);
    return CustomerPredictions::computeForMetrics(m_workspace.db(), m_workspace.displayName(), m_asOf, m_settings, m_progress);
}

void CustomerPredictions::storeReport(store::Workspace &workspace, const MetricsPredictions &predictions)
{
    workspace.setSetting(QString::fromLatin1(kReportKey),
                         predictions.report ? QString::fromUtf8(QJsonDocument(predictions.report->toJson()).toJson(QJsonDocument::Compact))
                                            : QString());
}

std::optional<PredictionReport> CustomerPredictions::storedReport(store::Workspace &workspace)
{
    const QString text = workspace.setting(QString::fromLatin1(kReportKey));
    if (text.isEmpty())
        return std::nullopt;
    return PredictionReport::fromJson(QJsonDocument::fromJson(text.toUtf8()).object());
}

} // namespace segmenta::predict
