#include "dashboardcontroller.h"
#include "busywork.h"

#include "common/datetext.h"
#include "common/money.h"
#include "futurewatch.h"

#include "dashboard/dashboardpanel.h"
#include "dashboard/purchasemixcontroller.h"
#include "metrics/analysissettings.h"
#include "metrics/concentration.h"
#include "predict/customerpredictions.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QColor>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <map>

namespace segmenta::ui {

struct DashboardController::Snapshot
{
    std::shared_ptr<const rules::ColumnCache> cache;
    rules::RuleContext context;
    metrics::AnalysisSettings settings;
    QString currencySymbol; // the workspace's
    struct Saved
    {
        qint64 id = 0;
        QString name;
        QColor color;
        rules::Bitset members;
    };
    std::vector<Saved> saved;
    rules::Bitset all, buyers, repeat, mature, active, atRisk, dormant;
    int matureFrom = 5; // the funnel's last step: customers with at least this many orders
    rules::Bitset recencyUnknown; // buyers from a customer list without a last order date
    rules::SegmentFigures allFigures;
    TierChart::Curve allPareto;
    QList<SizeHistoryChart::Series> history;
    std::optional<predict::PredictionReport> prediction;
    PredictedChart::Figures allPredicted; // the all-customers half of the Predicted card
};

namespace {

using Snapshot = DashboardController::Snapshot;

rules::Bitset evaluateText(const Snapshot &s, const QString &text)
{
    const auto rule = rules::RuleText::parse(text);
    if (!rule)
        return rules::Bitset(s.cache->rows());
    auto bits = rules::ColumnarEvaluator::evaluate(rule.value(), s.context, *s.cache);
    return bits ? std::move(bits).value() : rules::Bitset(s.cache->rows());
}

size_t countBoth(const rules::Bitset &a, const rules::Bitset &b)
{
    rules::Bitset both = a;
    both &= b;
    return both.count();
}

TierChart::Curve paretoCurve(const rules::Bitset &members, const rules::ColumnCache &cache)
{
    const rules::ColumnCache::Column *spend = cache.column(QStringLiteral("total_spend"));
    std::vector<double> values;
    if (spend) {
        members.forEach([&](size_t row) {
            if (spend->valid.test(row) && spend->number(row) > 0)
                values.push_back(spend->number(row));
        });
    }
    TierChart::Curve curve;
    for (const auto &[buyers, share] : metrics::spendConcentration(values))
        curve.append({buyers, share});
    return curve;
}

// P(alive) bands and CLV of `members` (customers without a prediction are left out).
void predictedFigures(const rules::Bitset &members, const rules::ColumnCache &cache, std::array<double, 10> &bands,
                      qint64 &predicted, double &clv)
{
    bands.fill(0);
    predicted = 0;
    clv = 0;
    const rules::ColumnCache::Column *alive = cache.column(QStringLiteral("p_alive"));
    const rules::ColumnCache::Column *value = cache.column(QStringLiteral("predicted_clv"));
    if (!alive)
        return;
    members.forEach([&](size_t row) {
        if (!alive->valid.test(row))
            return;
        ++predicted;
        bands[size_t(std::clamp(int(alive->number(row) * 10), 0, 9))] += 1;
        if (value && value->valid.test(row))
            clv += value->number(row);
    });
    for (double &band : bands)
        band = predicted > 0 ? band / double(predicted) : 0.0;
}

PredictedChart::Figures allPredictedFigures(const Snapshot &s)
{
    PredictedChart::Figures f;
    if (!s.prediction)
        return f;
    const predict::PredictionReport &report = *s.prediction;
    f.available = report.hasPredictions();
    f.warning = report.warning;
    f.hasClv = report.hasClv();
    f.horizonDays = report.horizonDays;
    predictedFigures(s.all, *s.cache, f.aliveAll, f.allPredicted, f.clvAll);
    for (const predict::HoldoutGroup &g : report.holdout) {
        if (g.customers == 0)
            continue;
        f.holdoutActual.append({double(g.repeatPurchases), g.actual / double(g.customers)});
        f.holdoutPredicted.append({double(g.repeatPurchases), g.predicted / double(g.customers)});
    }
    if (!report.holdout.empty()) {
        f.holdoutPeriod = QCoreApplication::translate("Dashboard", "from %1 to %2 (all customers)")
                              .arg(dateText(report.holdoutCalibrationEnd.addDays(1)), dateText(report.asOf));
    }
    return f;
}

// Null with `error` set when the workspace cannot be read, and null when `loading` is cancelled (the
// controller has moved on to another workspace, or is gone): then nothing more is read.
std::shared_ptr<const Snapshot> buildSnapshot(const QString &path, const QDate &asOf, const std::vector<segments::SavedSegment> &saved,
                                              const metrics::AnalysisSettings &settings,
                                              QList<SizeHistoryChart::Series> history,
                                              std::optional<predict::PredictionReport> prediction, Progress &loading,
                                              QString *error)
{
    if (loading.isCanceled())
        return nullptr;
    auto workspace = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
    if (!workspace) {
        *error = workspace.errorMessage();
        return nullptr;
    }
    auto snapshot = std::make_shared<Snapshot>();
    try {
        snapshot->context = rules::RuleContext::forDatabase(workspace.value()->db(), asOf);
    } catch (const store::DatabaseError &e) {
        *error = e.message();
        return nullptr;
    }
    // Saved segments are read now, so that evaluations never touch this thread's connection.
    std::map<QString, rules::Rule> rulesByName;
    for (const auto &segment : saved)
        rulesByName.emplace(segment.name, segment.rule);
    snapshot->context.segmentRule = [rulesByName](const QString &name) -> std::optional<rules::Rule> {
        const auto it = rulesByName.find(name);
        return it == rulesByName.end() ? std::nullopt : std::optional<rules::Rule>(it->second);
    };
    auto cache = rules::ColumnCache::load(workspace.value()->db(), snapshot->context.fields, &loading);
    if (loading.isCanceled())
        return nullptr;
    if (!cache) {
        *error = cache.errorMessage();
        return nullptr;
    }
    snapshot->cache = std::move(cache).value();
    snapshot->settings = settings;
    try {
        snapshot->currencySymbol = workspace.value()->currencySymbol();
    } catch (const store::DatabaseError &) {
        snapshot->currencySymbol = defaultCurrencySymbol();
    }
    const auto &lifecycle = settings.lifecycle;
    snapshot->all = rules::Bitset(snapshot->cache->rows(), true);
    snapshot->buyers = evaluateText(*snapshot, QStringLiteral("orders_count >= 1"));
    snapshot->repeat = evaluateText(*snapshot, QStringLiteral("orders_count >= 2"));
    snapshot->mature = evaluateText(*snapshot, QStringLiteral("orders_count > %1").arg(lifecycle.growingMaxOrders));
    snapshot->matureFrom = lifecycle.growingMaxOrders + 1;
    snapshot->active = evaluateText(*snapshot, QStringLiteral("orders_count >= 1 and days_since_last_order <= %1").arg(lifecycle.activeDays));
    snapshot->atRisk = evaluateText(*snapshot, QStringLiteral("orders_count >= 1 and days_since_last_order > %1 and "
                                                              "days_since_last_order <= %2")
                                                   .arg(lifecycle.activeDays)
                                                   .arg(lifecycle.atRiskDays));
    snapshot->recencyUnknown = evaluateText(*snapshot, QStringLiteral("orders_count >= 1 and days_since_last_order is empty"));
    snapshot->dormant = snapshot->buyers;
    {
        rules::Bitset notActive = snapshot->active;
        notActive |= snapshot->atRisk;
        notActive |= snapshot->recencyUnknown;
        notActive.flip();
        snapshot->dormant &= notActive;
    }
    for (const auto &segment : saved) {
        if (loading.isCanceled())
            return nullptr;
        auto bits = rules::ColumnarEvaluator::evaluate(segment.rule, snapshot->context, *snapshot->cache);
        snapshot->saved.push_back({segment.id, segment.name, QColor(segment.color),
                                   bits ? std::move(bits).value() : rules::Bitset(snapshot->cache->rows())});
    }
    snapshot->allFigures = rules::ColumnarEvaluator::figures(snapshot->all, *snapshot->cache);
    snapshot->allPareto = paretoCurve(snapshot->all, *snapshot->cache);
    snapshot->history = std::move(history);
    snapshot->prediction = std::move(prediction);
    snapshot->allPredicted = allPredictedFigures(*snapshot);
    return snapshot;
}

struct Evaluation
{
    DashboardFigures figures;
    rules::Bitset members;
    QString error;
};

DashboardFigures computeFigures(const Snapshot &s, const rules::Bitset &members)
{
    DashboardFigures f;
    const rules::SegmentFigures figures = rules::ColumnarEvaluator::figures(members, *s.cache);
    f.members = figures.count;
    f.firstMembers = rules::ColumnarEvaluator::firstMemberIds(members, *s.cache, DashboardController::kFirstMembers);
    f.currencySymbol = s.currencySymbol;
    f.customers = figures.total;
    f.revenue = figures.revenue;
    f.totalRevenue = s.allFigures.revenue;
    f.funnel = {
        {QCoreApplication::translate("Dashboard", "Customers"), qint64(members.count()), qint64(s.all.count())},
        // Named by order counts: the lifecycle's stages also weigh recency, and "Mature" here beside a
        // lifecycle "Mature" of another size read as a contradiction.
        {QCoreApplication::translate("Dashboard", "1+ orders"), qint64(countBoth(members, s.buyers)), qint64(s.buyers.count())},
        {QCoreApplication::translate("Dashboard", "2+ orders"), qint64(countBoth(members, s.repeat)), qint64(s.repeat.count())},
        {QCoreApplication::translate("Dashboard", "%1+ orders").arg(s.matureFrom), qint64(countBoth(members, s.mature)), qint64(s.mature.count())},
    };
    f.activity = {
        {QCoreApplication::translate("Dashboard", "Active"), qint64(countBoth(members, s.active)), qint64(s.active.count())},
        {metrics::stageDisplayName(QStringLiteral("at_risk")), qint64(countBoth(members, s.atRisk)), qint64(s.atRisk.count())},
        {metrics::stageDisplayName(QStringLiteral("dormant")), qint64(countBoth(members, s.dormant)), qint64(s.dormant.count())},
    };
    if (s.recencyUnknown.count() > 0) { // (customer lists without dates only: not shown otherwise)
        f.activity.append({metrics::stageDisplayName(QString::fromLatin1(metrics::stage::kRecencyUnknown)),
                           qint64(countBoth(members, s.recencyUnknown)), qint64(s.recencyUnknown.count())});
    }
    for (const QString &tier : metrics::tierIds()) {
        const auto count = figures.tiers.find(tier);
        const auto revenue = figures.tierRevenue.find(tier);
        f.tiers.append({metrics::tierShortName(tier), count == figures.tiers.end() ? 0 : count->second,
                        revenue == figures.tierRevenue.end() ? 0.0 : revenue->second});
    }
    f.pareto = paretoCurve(members, *s.cache);
    f.allPareto = s.allPareto;
    f.rfm = figures.rfGrid;
    f.allRfm = s.allFigures.rfGrid;
    for (int r = 1; r <= 5; ++r) {
        for (int fr = 1; fr <= 5; ++fr)
            f.rfmNames[size_t(r - 1)][size_t(fr - 1)] =
                metrics::rfmDisplayName(s.settings.rfm.name(r, fr));
    }
    for (const auto &saved : s.saved)
        f.savedSegments.append({saved.id, saved.name, saved.color, qint64(saved.members.count()),
                                qint64(countBoth(saved.members, members))});
    f.history = s.history;
    f.predicted = s.allPredicted;
    f.predicted.currencySymbol = s.currencySymbol;
    if (f.predicted.available)
        predictedFigures(members, *s.cache, f.predicted.aliveMembers, f.predicted.membersPredicted, f.predicted.clvMembers);
    return f;
}

Evaluation evaluate(const Snapshot &s, const rules::Rule &rule)
{
    Evaluation e;
    auto evaluated = rules::ColumnarEvaluator::evaluate(rule, s.context, *s.cache);
    if (!evaluated) {
        e.error = evaluated.errorMessage();
        return e;
    }
    e.members = std::move(evaluated).value();
    e.figures = computeFigures(s, e.members);
    return e;
}

QList<SizeHistoryChart::Series> readHistory(store::Database &db, const std::vector<segments::SavedSegment> &saved)
{
    QList<SizeHistoryChart::Series> series;
    for (const auto &segment : saved) {
        store::Statement query(db, "SELECT analysis_date, customers FROM segment_history WHERE segment_id = ?1 "
                                   "ORDER BY analysis_date");
        query.bind(1, segment.id);
        SizeHistoryChart::Series line{segment.name, QColor(segment.color), {}};
        while (query.step())
            line.points.append({QDate::fromString(query.text(0), Qt::ISODate), query.int64(1)});
        if (!line.points.isEmpty())
            series.append(line);
    }
    return series;
}

} // namespace

DashboardController::DashboardController(DashboardPanel *panel, QObject *parent)
    : QObject(parent), m_panel(panel), m_mix(new PurchaseMixController(panel->purchaseMix(), this))
{
}

// Quitting while the figures load, or while the orders are read for "What this segment buys", stops that
// work within a fraction of a second (as a new load does: setWorkspace). The program waits for its workers
// before it ends (waitForBackgroundWork), which at a million customers took seconds after the window closed.
DashboardController::~DashboardController()
{
    if (m_loading)
        m_loading->cancel();
    if (m_snapshot)
        m_snapshot->cache->abandon();
}

void DashboardController::setWorkspace(store::Workspace *workspace)
{
    if (m_loading)
        m_loading->cancel(); // the load of the state shown before, if still running, is not wanted any more
    m_loading.reset();
    // Nor is a read of that state's orders ("What this segment buys"): left running, it took a core for seconds
    // beside the new load's own read, and quitting waited for it.
    if (m_snapshot)
        m_snapshot->cache->abandon();
    m_snapshot.reset();
    m_mix->setSource(nullptr, {});
    ++m_generation;
    if (!workspace)
        return;
    // What the worker needs from the GUI thread's connection is read here; the worker opens its own.
    std::vector<segments::SavedSegment> saved;
    QList<SizeHistoryChart::Series> history;
    metrics::AnalysisSettings settings;
    std::optional<predict::PredictionReport> prediction;
    try {
        auto listed = segments::SegmentStore(workspace->db()).list();
        if (listed)
            saved = std::move(listed).value();
        history = readHistory(workspace->db(), saved);
        settings = metrics::AnalysisSettings::load(*workspace);
        prediction = predict::CustomerPredictions::storedReport(*workspace);
    } catch (const store::DatabaseError &error) {
        Q_EMIT failed(error.message());
        return;
    }
    const QString path = workspace->path();
    const QDate asOf = workspace->analysisDate();
    const quint64 generation = m_generation;
    m_loading = std::make_shared<Progress>();
    m_panel->setBusy(true);
    whenFinished(this, QtConcurrent::run(workers(), [path, asOf, saved, settings, history, prediction, loading = m_loading]() {
        QString error;
        auto snapshot = buildSnapshot(path, asOf, saved, settings, history, prediction, *loading, &error);
        return std::make_pair(snapshot, error);
    }), [this, generation](const std::pair<std::shared_ptr<const Snapshot>, QString> &result) {
        if (generation != m_generation)
            return; // another workspace was opened meanwhile
        if (!result.first) {
            m_panel->setBusy(false);
            Q_EMIT failed(result.second);
            return;
        }
        m_snapshot = result.first;
        m_mix->setSource(m_snapshot->cache, m_snapshot->context, m_snapshot->currencySymbol);
        Q_EMIT ready();
        if (!m_pending)
            m_pending = m_rule; // not the empty rule: the count line and the header describe this one
        evaluatePending();
    });
}

std::shared_ptr<const rules::ColumnCache> DashboardController::columnCache() const
{
    return m_snapshot ? m_snapshot->cache : nullptr;
}

segments::OverlapMatrix DashboardController::savedOverlap() const
{
    if (!m_snapshot)
        return {};
    std::vector<qint64> ids;
    std::vector<QString> names;
    std::vector<const rules::Bitset *> members;
    for (const Snapshot::Saved &saved : m_snapshot->saved) {
        ids.push_back(saved.id);
        names.push_back(saved.name);
        members.push_back(&saved.members);
    }
    return segments::OverlapMatrix::fromMembers(ids, names, members);
}

rules::RuleContext DashboardController::ruleContext() const
{
    return m_snapshot ? m_snapshot->context : rules::RuleContext{};
}

void DashboardController::setRule(const rules::Rule &rule)
{
    m_rule = rule;
    m_pending = rule;
    evaluatePending();
}

void DashboardController::evaluatePending()
{
    if (!m_snapshot || !m_pending || m_running)
        return;
    const rules::Rule rule = *m_pending;
    m_pending.reset();
    m_running = true;
    m_panel->setBusy(true);
    const auto snapshot = m_snapshot;
    const quint64 generation = m_generation;
    whenFinished(this, QtConcurrent::run(workers(), [snapshot, rule]() { return evaluate(*snapshot, rule); }),
                 [this, generation](const Evaluation &result) {
        m_running = false;
        if (generation == m_generation && !m_pending) {
            m_panel->setBusy(false);
            if (result.error.isEmpty()) {
                m_panel->showFigures(result.figures);
                m_mix->setMembers(result.members);
                m_firstMembers = result.figures.firstMembers;
                Q_EMIT figuresShown(result.figures.members);
            } else {
                Q_EMIT failed(result.error);
            }
        }
        // A newer edit arrived while this one ran: its result is stale; evaluate the newest instead.
        evaluatePending();
    });
}

} // namespace segmenta::ui
