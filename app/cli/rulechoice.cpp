#include "rulechoice.h"

#include "rules/ruletext.h"
#include "segments/segmentfile.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

namespace segmenta::cli {

void addRuleOptions(CommandLine &line)
{
    line.addOption({QStringLiteral("rule"), CommandLine::tr("The rule in text form."), CommandLine::tr("TEXT")});
    line.addOption({QStringLiteral("rule-file"), CommandLine::tr("A .segment.json file."), CommandLine::tr("FILE")});
    line.addOption({QStringLiteral("segment"), CommandLine::tr("A saved segment's name."), CommandLine::tr("NAME")});
}

std::optional<ChosenRule> chosenRule(CommandLine &line, store::Workspace &workspace, int *exitCode)
{
    const int given = int(line.isSet(QStringLiteral("rule"))) + int(line.isSet(QStringLiteral("rule-file"))) +
                      int(line.isSet(QStringLiteral("segment")));
    if (given != 1) {
        *exitCode = line.usageError(CommandLine::tr("give exactly one of --rule, --rule-file and --segment"));
        return std::nullopt;
    }
    if (line.isSet(QStringLiteral("rule"))) {
        rules::ConditionPositions positions;
        auto rule = rules::RuleText::parse(line.value(QStringLiteral("rule")), &positions);
        if (!rule) {
            *exitCode = fail(CommandLine::tr("bad rule: %1").arg(rule.errorMessage()));
            return std::nullopt;
        }
        return ChosenRule{std::move(rule).value(), QString(), std::move(positions)};
    }
    if (line.isSet(QStringLiteral("rule-file"))) {
        auto segment = segments::SegmentFile::read(line.value(QStringLiteral("rule-file")));
        if (!segment) {
            *exitCode = fail(segment.errorMessage());
            return std::nullopt;
        }
        return ChosenRule{std::move(segment).value().rule, QString(), {}};
    }
    const QString name = line.value(QStringLiteral("segment"));
    segments::SegmentStore store(workspace.db());
    auto found = store.find(name);
    if (!found || !found.value()) {
        *exitCode = fail(found ? CommandLine::tr("there is no saved segment named “%1”").arg(name) : found.errorMessage());
        return std::nullopt;
    }
    return ChosenRule{found.value()->rule, name, {}};
}

} // namespace segmenta::cli
