#pragma once

#include "rules/columncache.h"
#include "rules/rulecontext.h"

#include <QObject>

#include <memory>
#include <optional>

namespace segmenta::ui {

class PurchaseMixView;

// Fills the "What this segment buys" card off the GUI thread. After setSource(), the first setMembers() has a
// worker group the purchases by customer and tally all customers once (this reads the orders and lines,
// seconds at a million customers: it starts only once the dashboard's first figures are shown, and never
// delays them); each setMembers() then tallies that segment on a worker. Results of members that newer ones
// replaced, or of an older source, are dropped. Lives on the GUI thread.
class PurchaseMixController : public QObject
{
    Q_OBJECT

public:
    explicit PurchaseMixController(PurchaseMixView *view, QObject *parent = nullptr);
    ~PurchaseMixController() override;

    // A new workspace state (null: none), whose money is shown with `currencySymbol`. Members of the previous
    // one are forgotten.
    void setSource(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context,
                   const QString &currencySymbol = QString());
    void setMembers(const rules::Bitset &members);
    bool isReady() const { return m_base != nullptr; }
    // Whether the card's figures are being worked out (the orders read, or the newest members tallied); not
    // when the orders could not be read (the card says why).
    bool isBusy() const { return m_building || m_running || (m_pending && m_base); }

    struct Base;

Q_SIGNALS:
    // The card shows the figures of the newest members (for tests and screenshots).
    void figuresShown();

private:
    void buildBase();
    void tallyPending();

    PurchaseMixView *m_view;
    std::shared_ptr<const rules::ColumnCache> m_cache;
    rules::RuleContext m_context;
    QString m_currencySymbol;
    bool m_building = false;
    std::shared_ptr<const Base> m_base;
    std::optional<rules::Bitset> m_pending;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace segmenta::ui
