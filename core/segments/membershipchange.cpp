#include "segments/membershipchange.h"

#include "common/datetext.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/columncache.h"
#include "rules/columnarevaluator.h"
#include "rules/rulecontext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>

#include <algorithm>
#include <iterator>

namespace segmenta::segments {

void MembershipChange::compare(const std::vector<qint64> &then, const std::vector<qint64> &current)
{
    before = qint64(then.size());
    now = qint64(current.size());
    joined.clear();
    left.clear();
    std::set_difference(current.begin(), current.end(), then.begin(), then.end(), std::back_inserter(joined));
    std::set_difference(then.begin(), then.end(), current.begin(), current.end(), std::back_inserter(left));
}

std::optional<MembershipChanges::Recorded> MembershipChanges::recordedBefore(store::Database &db, qint64 segmentId,
                                                                             const QDate &date)
{
    // The same row SegmentStore::sizesBefore gives the segment list for its ▲/▼.
    store::Statement query(db, "SELECT analysis_date, customers FROM segment_history WHERE segment_id = ?1 "
                               "AND analysis_date < ?2 ORDER BY analysis_date DESC LIMIT 1");
    query.bind(1, segmentId).bind(2, date.toString(Qt::ISODate));
    if (!query.step())
        return std::nullopt;
    return Recorded{QDate::fromString(query.text(0), Qt::ISODate), query.int64(1)};
}

Result<std::vector<qint64>> MembershipChanges::membersAt(store::Workspace &workspace, const rules::Rule &rule,
                                                         const QDate &asOf)
{
    const auto context = rules::RuleContext::forDatabase(workspace.db(), asOf);
    const auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
    if (!cache)
        return cache.error();
    const auto members = rules::ColumnarEvaluator::evaluate(rule, context, *cache.value());
    if (!members)
        return members.error();
    std::vector<qint64> ids = rules::ColumnarEvaluator::memberIds(members.value(), *cache.value());
    std::sort(ids.begin(), ids.end());
    return ids;
}

Result<std::vector<qint64>> MembershipChanges::membersThen(store::Workspace &workspace, const rules::Rule &rule,
                                                           const QDate &date, Progress *progress)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return Error{tr("Cannot work out the members at %1: there is no room for a temporary copy of the workspace")
                         .arg(dateText(date))};
    const QString path = dir.filePath(QStringLiteral("previous.segmenta"));
    if (auto copied = workspace.saveCopy(path, false, progress); !copied)
        return copied.error();
    auto copy = store::Workspace::open(path);
    if (!copy)
        return copy.error();
    const auto settings = metrics::AnalysisSettings::load(*copy.value());
    if (auto computed = metrics::CustomerMetrics::recompute(*copy.value(), settings, date, progress); !computed)
        return computed.error();
    return membersAt(*copy.value(), rule, date);
}

Result<MembershipChange> MembershipChanges::since(store::Workspace &workspace, qint64 segmentId, Progress *progress)
{
    try {
        const auto current = metrics::CustomerMetrics::ensureCurrent(workspace);
        if (!current)
            return current.error();
        const auto saved = SegmentStore(workspace.db()).list();
        if (!saved)
            return saved.error();
        const auto segment = std::find_if(saved->begin(), saved->end(),
                                          [segmentId](const SavedSegment &s) { return s.id == segmentId; });
        if (segment == saved->end())
            return Error{tr("The segment was deleted meanwhile")};
        const auto recorded = recordedBefore(workspace.db(), segmentId, current->asOf);
        if (!recorded)
            return Error{tr("No size of “%1” was recorded before the analysis date %2, so there is nothing to compare with")
                             .arg(segment->name, dateText(current->asOf))};
        const auto now = membersAt(workspace, segment->rule, current->asOf);
        if (!now)
            return Error{tr("“%1” cannot be evaluated: %2").arg(segment->name, now.errorMessage())};
        const auto then = membersThen(workspace, segment->rule, recorded->date, progress);
        if (!then)
            return then.error();
        MembershipChange change;
        change.previousDate = recorded->date;
        change.currentDate = current->asOf;
        change.recordedBefore = recorded->customers;
        change.compare(then.value(), now.value());
        return change;
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not work out who joined and left: %1").arg(error.message())};
    }
}

} // namespace segmenta::segments
