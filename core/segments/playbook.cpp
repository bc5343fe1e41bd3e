#include "segments/playbook.h"
#include "segments/savedmembers.h"

#include "metrics/analysissettings.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::segments {

const std::vector<PlaybookTemplate> &Playbook::templates()
{
    static const std::vector<PlaybookTemplate> list = {
        {QT_TRANSLATE_NOOP("Playbook", "High value"), QT_TRANSLATE_NOOP("Playbook", "VIP care: thank them, early access, a personal contact"),
         "value_tier in (\"high\")", "#e15759"},
        {QT_TRANSLATE_NOOP("Playbook", "New in the last 30 days"), QT_TRANSLATE_NOOP("Playbook", "Onboarding: welcome series and a guide to the range"),
         "first_order_date in last 30 days", "#59a14f"},
        {QT_TRANSLATE_NOOP("Playbook", "Repeat buyers"), QT_TRANSLATE_NOOP("Playbook", "Reward loyalty: points, bundles, referrals"),
         "orders_count >= 2", "#4e79a7"},
        {QT_TRANSLATE_NOOP("Playbook", "One-time buyers"), QT_TRANSLATE_NOOP("Playbook", "Second-purchase offer within 30 days of the first"),
         "orders_count = 1", "#f28e2b"},
        {QT_TRANSLATE_NOOP("Playbook", "Can't lose: at-risk high spenders"), QT_TRANSLATE_NOOP("Playbook", "Win back now: a personal call or a strong offer"),
         "value_tier in (\"high\", \"mid\") and lifecycle_stage in (\"at_risk\")", "#b07aa1"},
        {QT_TRANSLATE_NOOP("Playbook", "Dormant over 180 days"), QT_TRANSLATE_NOOP("Playbook", "Reactivation: what is new, a time-limited coupon"),
         "lifecycle_stage in (\"dormant\")", "#9c755f"},
        {QT_TRANSLATE_NOOP("Playbook", "WeChat customers"), QT_TRANSLATE_NOOP("Playbook", "Channel campaign: Moments posts and mini-program coupons"),
         "channel is \"WeChat\"", "#76b7b2"},
        {QT_TRANSLATE_NOOP("Playbook", "Shanghai and Beijing"), QT_TRANSLATE_NOOP("Playbook", "City campaign: local delivery and tasting events"),
         "city in (\"上海\", \"北京\")", "#edc948"},
    };
    return list;
}

Result<int> Playbook::addAll(store::Workspace &workspace)
{
    SegmentStore store(workspace.db());
    int added = 0;
    for (const PlaybookTemplate &t : templates()) {
        const QString name = QCoreApplication::translate("Playbook", t.name);
        const auto existing = store.find(name);
        if (!existing)
            return existing.error();
        if (existing.value())
            continue;
        SavedSegment segment;
        segment.name = name;
        segment.description = QCoreApplication::translate("Playbook", t.action);
        segment.color = QString::fromLatin1(t.color);
        segment.rule = rules::RuleText::parse(QString::fromUtf8(t.rule)).value();
        if (const auto saved = store.save(segment); !saved)
            return saved.error();
        ++added;
    }
    return added;
}

Result<void> Playbook::recordSizes(store::Workspace &workspace, const QDate &asOf)
{
    try {
        const auto evaluated = SavedMembers::evaluate(workspace, asOf);
        if (!evaluated)
            return evaluated.error();
        SegmentStore store(workspace.db());
        store::Transaction transaction(workspace.db());
        for (const SavedMembers::Evaluated &segment : evaluated->segments) {
            if (!segment.members)
                continue; // a segment that no longer applies (a field was removed) has no size
            const auto figures = rules::ColumnarEvaluator::figures(*segment.members, *evaluated->cache);
            QJsonObject lifecycle;
            for (const auto &[stage, count] : figures.lifecycle)
                lifecycle.insert(stage, count);
            const auto recorded = store.recordSize(segment.segment.id, asOf, figures.count, figures.revenue,
                                                   QString::fromUtf8(QJsonDocument(lifecycle).toJson(QJsonDocument::Compact)));
            if (!recorded)
                return recorded;
        }
        transaction.commit();
        return {};
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not record segment sizes: %1").arg(error.message())};
    }
}

} // namespace segmenta::segments
