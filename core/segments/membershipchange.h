#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "rules/rule.h"

#include <QCoreApplication>
#include <QDate>

#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
class Workspace;
} // namespace segmenta::store

namespace segmenta::segments {

// Who joined and who left one saved segment between the previous analysis date and the current one.
//
// The previous date is the one the segment list's ▲/▼ compares with: the latest analysis date before the
// workspace's at which the segment's size was recorded (segment_history, SegmentStore::sizesBefore). Members
// are not stored with the sizes, so the members then are worked out as the size was: the customer metrics
// recomputed as of that date (in a copy of the workspace, made through SQLite's backup API and thrown away
// after) and the rule evaluated in memory at that date. The members now are evaluated as the dashboard does.
// When the data or the settings changed since the size was recorded, the members then may number other than
// the size recorded: `before` and `recordedBefore` then differ, and a window says so.
struct MembershipChange
{
    QDate previousDate;
    QDate currentDate;
    qint64 recordedBefore = 0; // the size recorded at previousDate: what ▲/▼ compares today's size with
    qint64 before = 0;         // the members at previousDate, evaluated now
    qint64 now = 0;            // the members at currentDate
    std::vector<qint64> joined; // customer ids (customers.id), ascending: members now, not then
    std::vector<qint64> left;   // members then, not now

    // Fills joined and left from two ascending id lists (and before, now).
    void compare(const std::vector<qint64> &then, const std::vector<qint64> &current);
};

// Works out MembershipChange for a saved segment. Runs on the calling thread with the workspace's
// connection (a window runs it on a worker with a workspace of its own): at a million customers the
// recompute as of the previous date takes seconds. Progress::cancel stops it (an Error then). A segment with
// no size recorded before the analysis date, or whose rule no longer fits the workspace, is an Error saying so.
class MembershipChanges
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::segments::MembershipChanges)

public:
    static Result<MembershipChange> since(store::Workspace &workspace, qint64 segmentId, Progress *progress = nullptr);

private:
    struct Recorded
    {
        QDate date;
        qint64 customers = 0;
    };
    // The size recorded at the latest analysis date before `date`; nullopt when none is.
    static std::optional<Recorded> recordedBefore(store::Database &db, qint64 segmentId, const QDate &date);
    // The rule's members in `workspace` as of `asOf`, its metrics taken as they are, ascending.
    static Result<std::vector<qint64>> membersAt(store::Workspace &workspace, const rules::Rule &rule, const QDate &asOf);
    // The rule's members as of `date` with the metrics recomputed for it, in a throw-away copy.
    static Result<std::vector<qint64>> membersThen(store::Workspace &workspace, const rules::Rule &rule,
                                                   const QDate &date, Progress *progress);
};

} // namespace segmenta::segments
