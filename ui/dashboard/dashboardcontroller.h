#pragma once

#include "segments/overlapmatrix.h"

#include "dashboard/dashboardfigures.h"
#include "rules/bitset.h"
#include "rules/columncache.h"
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <QObject>

#include <memory>
#include <optional>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class DashboardPanel;
class PurchaseMixController;

// Answers every rule edit with the dashboard's figures, off the GUI thread.
//
// setWorkspace() loads the workspace's customers into a ColumnCache on a worker thread (its own SQLite
// connection) together with what every evaluation needs (saved segments, funnel and activity sets). setRule()
// evaluates on a worker; each request carries a generation number, and results of requests that a newer
// edit replaced are dropped, so the panel shows the latest rule's figures and never a stale or empty state.
// setWorkspace() again (segments saved or deleted, settings changed) keeps the rule: its figures follow.
// The members of each shown evaluation go on to the PurchaseMixController, whose figures follow separately.
// Lives on the GUI thread.
class DashboardController : public QObject
{
    Q_OBJECT

public:
    DashboardController(DashboardPanel *panel, QObject *parent = nullptr);
    ~DashboardController() override;

    void setWorkspace(store::Workspace *workspace);
    void setRule(const rules::Rule &rule);
    bool isReady() const { return m_snapshot != nullptr; }
    // The loaded customer columns and rule context (null / empty before ready()), for other evaluators.
    std::shared_ptr<const rules::ColumnCache> columnCache() const;
    rules::RuleContext ruleContext() const;
    // How the saved segments overlap, from the members already evaluated (empty before ready()).
    segments::OverlapMatrix savedOverlap() const;
    PurchaseMixController *purchaseMix() const { return m_mix; }
    // The first members (by customer id, at most kFirstMembers) of the rule whose figures were shown last.
    static constexpr size_t kFirstMembers = 20;
    const std::vector<qint64> &firstMembers() const { return m_firstMembers; }

    // Everything an evaluation reads; immutable once built, shared with the workers.
    struct Snapshot;

Q_SIGNALS:
    void ready();
    void figuresShown(qint64 members);
    void failed(const QString &message);

private:
    void evaluatePending();

    DashboardPanel *m_panel;
    PurchaseMixController *m_mix; // the "What this segment buys" card, fed with each evaluation's members
    std::shared_ptr<const Snapshot> m_snapshot;
    std::optional<rules::Rule> m_pending;
    std::vector<qint64> m_firstMembers;
    rules::Rule m_rule; // the rule last asked for: evaluated again when the workspace is read again
    quint64 m_generation = 0;
    std::shared_ptr<Progress> m_loading; // the running load's; cancelled when another starts or this ends
    bool m_running = false;
};

} // namespace segmenta::ui
