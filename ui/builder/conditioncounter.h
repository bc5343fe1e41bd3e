#pragma once

#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"
#include "rules/ruleedit.h"
#include "rules/stepcounts.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QStringList>

#include <memory>
#include <optional>

namespace segmenta::ui {

// Counts for the rule builder, off the GUI thread over a shared ColumnCache: each condition's impact (how
// many customers it keeps alone, how many the rule loses because of it) and the count left after each of
// the root group's children (rules::stepCounts) after every rule change, with the rule's warnings about
// category values no customer holds (RuleContext::unseenValueWarnings), and once
// per cache the distinct values of the text-like fields with their counts (and, once asked, of the order and line
// fields). Requests carry a generation
// number; a result that a newer request replaced is dropped, and only the newest pending rule is evaluated.
// A rule that does not validate yields no impacts (the builder keeps the figures it had). GUI thread.
class ConditionCounter : public QObject
{
    Q_OBJECT

public:
    explicit ConditionCounter(QObject *parent = nullptr);
    // Waits for the counts under way (milliseconds), whose results would otherwise reach a deleted object.
    ~ConditionCounter() override;

    void setData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context);
    void setRule(const rules::Rule &rule);
    // Reads the distinct values of the text-like order and line fields with their buyers
    // (rules::purchaseValues) once per data: asked for when a rule has a purchase condition, since it reads
    // the orders into memory. Reported by purchaseValuesReady.
    void requestPurchaseValues();

Q_SIGNALS:
    void impactsReady(const std::vector<segmenta::rules::ConditionImpact> &impacts,
                      const std::vector<segmenta::rules::StepCount> &steps, const QStringList &warnings);
    void valuesReady(const QHash<QString, std::vector<segmenta::rules::ValueCount>> &values);
    void purchaseValuesReady(const QHash<QString, std::vector<segmenta::rules::ValueCount>> &values);

private:
    void countPending();

    std::shared_ptr<const rules::ColumnCache> m_cache;
    std::shared_ptr<const rules::RuleContext> m_context;
    std::optional<rules::Rule> m_pending;
    quint64 m_generation = 0;
    bool m_running = false;
    QFuture<QHash<QString, std::vector<rules::ValueCount>>> m_valuesRun;
    QFuture<QHash<QString, std::vector<rules::ValueCount>>> m_purchaseValuesRun;
    quint64 m_purchaseValuesAsked = 0; // the generation whose purchase values were asked for (0: none)
    struct Counts
    {
        std::vector<rules::ConditionImpact> impacts;
        std::vector<rules::StepCount> steps;
        QStringList warnings;
    };
    QFuture<std::optional<Counts>> m_impactsRun;
};

} // namespace segmenta::ui
