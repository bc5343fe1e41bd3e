#pragma once

// A shop small enough to work out by hand who joined and who left a saved segment between two analysis
// dates. Shared by tst_membershipchange (core) and tst_membershipdialog (the window).
//
// Segment "Recent buyers": days_since_last_order <= 60. Its size was recorded on kPrevious (31 Mar 2025);
// the analysis date is kCurrent (30 Jun 2025). Last orders, with their days before each date:
//   Ann  21 Mar 2025          10 | 101   left
//   Bob  21 Dec 2024, 10 Jun  100 | 20   joined
//   Cai  26 Mar, 25 Jun         5 | 5    stayed
//   Dee  no orders              - | -    never
//   Eve  21 Apr 2025           (future) | 70  never
//   Fay  31 May 2025           (future) | 30  joined
//   Gus  1 Feb 2025            58 | 149  left
//   Hal  29 Jun 2025           (future) | 1   joined
// So 3 members then (Ann, Cai, Gus), 4 now (Bob, Cai, Fay, Hal): ▲1, with 3 joined and 2 left.

#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/ruletext.h"
#include "segments/playbook.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace handshop {

inline const QDate kPrevious(2025, 3, 31);
inline const QDate kCurrent(2025, 6, 30);
inline const QString kSegment = QStringLiteral("Recent buyers");
inline const QStringList kJoined{QStringLiteral("Bob"), QStringLiteral("Fay"), QStringLiteral("Hal")};
inline const QStringList kLeft{QStringLiteral("Ann"), QStringLiteral("Gus")};

inline void addOrder(segmenta::store::Database &db, qint64 customer, const char *date, double amount)
{
    static int number = 0;
    segmenta::store::Statement insert(db, "INSERT INTO orders(order_key, customer_id, order_date, amount, is_valid, "
                                          "is_refund) VALUES (?1, ?2, ?3, ?4, 1, 0)");
    insert.bind(1, QStringLiteral("h%1").arg(++number)).bind(2, customer).bindUtf8(3, date).bind(4, amount);
    insert.run();
}

inline void addCustomers(segmenta::store::Database &db)
{
    const char *names[] = {"Ann", "Bob", "Cai", "Dee", "Eve", "Fay", "Gus", "Hal"};
    for (qint64 id = 1; id <= 8; ++id) {
        segmenta::store::Statement insert(db, "INSERT INTO customers(id, customer_key, name) VALUES (?1, ?2, ?3)");
        insert.bind(1, id).bind(2, QStringLiteral("c%1").arg(id)).bindUtf8(3, names[id - 1]);
        insert.run();
    }
    addOrder(db, 1, "2025-03-21T10:00:00", 40);
    addOrder(db, 2, "2024-12-21T10:00:00", 30);
    addOrder(db, 2, "2025-06-10T10:00:00", 50);
    addOrder(db, 3, "2025-03-26T10:00:00", 70);
    addOrder(db, 3, "2025-06-25T10:00:00", 80);
    addOrder(db, 5, "2025-04-21T10:00:00", 20);
    addOrder(db, 6, "2025-05-31T10:00:00", 90);
    addOrder(db, 7, "2025-02-01T10:00:00", 60);
    addOrder(db, 8, "2025-06-29T10:00:00", 25);
}

// Writes the shop to `path`: customers, orders, the segment with its size recorded at kPrevious, and the
// metrics computed for kCurrent. Returns the segment's id, or 0 (with `error`) when something failed.
inline qint64 create(const QString &path, QString *error)
{
    using namespace segmenta;
    auto ws = store::Workspace::create(path);
    if (!ws) {
        *error = ws.errorMessage();
        return 0;
    }
    store::Workspace &workspace = *ws.value();
    addCustomers(workspace.db());
    segments::SavedSegment segment;
    segment.name = kSegment;
    segment.rule = rules::RuleText::parse(QStringLiteral("days_since_last_order <= 60")).value();
    const auto id = segments::SegmentStore(workspace.db()).save(segment);
    const auto settings = metrics::AnalysisSettings::load(workspace);
    const auto then = metrics::CustomerMetrics::recompute(workspace, settings, kPrevious);
    const auto recorded = segments::Playbook::recordSizes(workspace, kPrevious);
    workspace.setAnalysisDate(kCurrent);
    const auto now = metrics::CustomerMetrics::recompute(workspace, settings, kCurrent);
    for (const QString &problem : {id.errorMessage(), then.errorMessage(), recorded.errorMessage(), now.errorMessage()}) {
        if (!problem.isEmpty()) {
            *error = problem;
            return 0;
        }
    }
    return id.value();
}

} // namespace handshop
