#pragma once

#include <QDate>
#include <QDateTime>
#include <QString>

#include <vector>

namespace segmenta::experiments {

// One member of an experiment group, fixed at the start: the customer's id then, and their key (what the
// measurement follows, since an id can change when an import is undone and done again).
struct ExperimentMember
{
    qint64 customerId = 0;
    QString customerKey; // filled by ExperimentStore::record
};

struct ExperimentGroup
{
    QString name;     // "A", "B", ... as in the export
    int percent = 0;  // its share of the split
    bool control = false;
    qint64 size = 0;  // members; ExperimentStore::list fills this without loading the members
    std::vector<ExperimentMember> members; // ascending customer ids
};

// An A/B test as recorded when a split was exported: who is in which group from the start date (the export's
// analysis date) on. Exactly one group is the control, which every other group is compared with.
struct Experiment
{
    qint64 id = 0;
    QString name;
    QDate start;
    QString segmentName; // empty when the rule was not a saved segment
    QString ruleText;
    quint64 seed = 0;
    QDateTime createdAt;
    std::vector<ExperimentGroup> groups;

    int controlIndex() const
    {
        for (size_t i = 0; i < groups.size(); ++i) {
            if (groups[i].control)
                return int(i);
        }
        return 0;
    }
};

} // namespace segmenta::experiments
