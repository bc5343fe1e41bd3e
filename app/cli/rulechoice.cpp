#include "rulechoice.h"

#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

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
        auto rule = rules::RuleText::parse(line.value(QStringLiteral("rule")));
        if (!rule) {
            *exitCode = fail(CommandLine::tr("bad rule: %1").arg(rule.errorMessage()));
            return std::nullopt;
        }
        return ChosenRule{std::move(rule).value(), QString()};
    }
    if (line.isSet(QStringLiteral("rule-file"))) {
        const QString path = line.value(QStringLiteral("rule-file"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *exitCode = fail(CommandLine::tr("cannot read “%1”: %2").arg(path, file.errorString()));
            return std::nullopt;
        }
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &parseError);
        if (!document.isObject()) {
            *exitCode = fail(CommandLine::tr("“%1” is not a segment file: %2").arg(path, parseError.errorString()));
            return std::nullopt;
        }
        auto rule = rules::ruleFromJson(document.object());
        if (!rule) {
            *exitCode = fail(CommandLine::tr("“%1”: %2").arg(path, rule.errorMessage()));
            return std::nullopt;
        }
        return ChosenRule{std::move(rule).value(), QString()};
    }
    const QString name = line.value(QStringLiteral("segment"));
    segments::SegmentStore store(workspace.db());
    auto found = store.find(name);
    if (!found || !found.value()) {
        *exitCode = fail(found ? CommandLine::tr("there is no saved segment named “%1”").arg(name) : found.errorMessage());
        return std::nullopt;
    }
    return ChosenRule{found.value()->rule, name};
}

} // namespace segmenta::cli
