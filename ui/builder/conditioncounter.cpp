#include "conditioncounter.h"
#include "busywork.h"
#include "futurewatch.h"

#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

namespace {

// Dictionaries larger than this (names, e-mails, phones) are not offered as value lists.
constexpr size_t kMaxDistinct = 20000;

} // namespace

ConditionCounter::ConditionCounter(QObject *parent) : QObject(parent) {}

ConditionCounter::~ConditionCounter()
{
    // A run that has not started is run here by waitForFinished(), and its continuation with it: it must
    // neither report to the builder being destroyed nor start another run.
    blockSignals(true);
    ++m_generation;
    m_pending.reset();
    m_cache.reset();
    m_valuesRun.waitForFinished();
    m_purchaseValuesRun.waitForFinished();
    m_impactsRun.waitForFinished();
}

void ConditionCounter::setData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context)
{
    m_cache = std::move(cache);
    m_context = std::make_shared<const rules::RuleContext>(context);
    ++m_generation;
    m_running = false; // a result of the old data is dropped by its generation
    if (!m_cache)
        return;
    const auto data = m_cache;
    const auto fields = m_context->fields;
    const quint64 generation = m_generation;
    m_valuesRun.waitForFinished(); // the previous cache's values: quick, and dropped by generation
    m_valuesRun = QtConcurrent::run(workers(), [data, fields]() {
        QHash<QString, std::vector<rules::ValueCount>> values;
        for (const store::FieldInfo &field : fields) {
            const rules::ColumnCache::Column *column = data->column(field.name);
            if (column && column->dictionary && column->wordCount() <= kMaxDistinct)
                values.insert(field.name, rules::distinctValues(*data, field.name));
        }
        return values;
    });
    whenFinished(this, m_valuesRun, [this, generation](const QHash<QString, std::vector<rules::ValueCount>> &values) {
        if (generation == m_generation)
            Q_EMIT valuesReady(values);
    });
    countPending();
}

void ConditionCounter::requestPurchaseValues()
{
    if (!m_cache || m_purchaseValuesAsked == m_generation)
        return;
    m_purchaseValuesAsked = m_generation;
    const auto data = m_cache;
    const auto context = m_context;
    const quint64 generation = m_generation;
    m_purchaseValuesRun.waitForFinished(); // the previous cache's: dropped by generation
    m_purchaseValuesRun = QtConcurrent::run(workers(), [data, context]() {
        QHash<QString, std::vector<rules::ValueCount>> values;
        for (const store::FieldInfo &field : context->orderFields) {
            if (!store::isNumeric(field.type) && !store::isTemporal(field.type) && field.type != store::FieldType::Boolean)
                values.insert(field.name, rules::purchaseValues(*data, *context, field.name));
        }
        return values;
    });
    whenFinished(this, m_purchaseValuesRun, [this, generation](const QHash<QString, std::vector<rules::ValueCount>> &values) {
        if (generation == m_generation)
            Q_EMIT purchaseValuesReady(values);
    });
}

void ConditionCounter::setRule(const rules::Rule &rule)
{
    m_pending = rule;
    countPending();
}

void ConditionCounter::countPending()
{
    if (!m_cache || !m_pending || m_running)
        return;
    const rules::Rule rule = *m_pending;
    m_pending.reset();
    m_running = true;
    const auto cache = m_cache;
    const auto context = m_context;
    const quint64 generation = m_generation;
    m_impactsRun.waitForFinished(); // a run of older data that has not reported yet
    m_impactsRun = QtConcurrent::run(workers(), [cache, context, rule]() -> std::optional<Counts> {
        auto impacts = rules::ColumnarEvaluator::impacts(rule, *context, *cache);
        auto steps = rules::stepCounts(rule, *context, *cache);
        if (!impacts || !steps)
            return std::nullopt;
        return Counts{std::move(impacts).value(), std::move(steps).value(), context->unseenValueWarnings(rule, *cache)};
    });
    whenFinished(this, m_impactsRun, [this, generation](const std::optional<Counts> &counts) {
        if (generation != m_generation)
            return; // new data came meanwhile; its own run follows
        m_running = false;
        if (counts && !m_pending)
            Q_EMIT impactsReady(counts->impacts, counts->steps, counts->warnings);
        countPending(); // the newest edit, when one arrived while this ran
    });
}

} // namespace segmenta::ui
