#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::segments {

// Ready-made segments from the marketing playbook this product follows, each with a one-line recommended
// action: high value (VIP care), new in the last 30 days (onboarding), repeat buyers, one-time buyers
// (second-purchase offer), at-risk high spenders ("can't lose": win back now), dormant (reactivation), and
// examples by channel and by city.
struct PlaybookTemplate
{
    const char *name;   // translatable, context "Playbook"
    const char *action; // translatable, context "Playbook"
    const char *rule;   // rule text over the derived fields
    const char *color;
};

class Playbook
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::segments::Playbook)

public:
    static const std::vector<PlaybookTemplate> &templates();
    // Saves every template whose (translated) name is not taken yet; returns how many were added.
    static Result<int> addAll(store::Workspace &workspace);
    // Records the size of every saved segment on `asOf` in segment_history; the customer metrics must be
    // current for that date.
    static Result<void> recordSizes(store::Workspace &workspace, const QDate &asOf);
};

} // namespace segmenta::segments
