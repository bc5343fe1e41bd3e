#include "command.h"
#include "commands.h"

#include "export/memberexporter.h"
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::cli {

namespace {

struct ChosenRule
{
    rules::Rule rule;
    QString segmentName; // set for --segment
};

// The rule named by --rule, --rule-file or --segment (as `count` reads them); prints the problem and returns
// nullopt otherwise.
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

} // namespace

int runExport(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("export"),
                     CommandLine::tr("Exports the members of a rule or saved segment to .xlsx or .csv (the format "
                                     "follows the extension)."));
    line.addDbOption();
    line.addAsOfOption();
    line.addOption({QStringLiteral("rule"), CommandLine::tr("The rule in text form."), CommandLine::tr("TEXT")});
    line.addOption({QStringLiteral("rule-file"), CommandLine::tr("A .segment.json file."), CommandLine::tr("FILE")});
    line.addOption({QStringLiteral("segment"), CommandLine::tr("A saved segment's name."), CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("out"), CommandLine::tr("The file to write: NAME.xlsx or NAME.csv."), CommandLine::tr("FILE")});
    line.addOption({QStringLiteral("columns"),
                    CommandLine::tr("Comma-separated field names (default: id, name, phone, email, city, stage, tier, "
                                    "RFM segment, orders, spend, last order)."),
                    CommandLine::tr("a,b,...")});
    line.addOption({QStringLiteral("encoding"), CommandLine::tr("CSV encoding: utf-8-bom (default), utf-8 or gb18030."),
                    CommandLine::tr("ENCODING")});
    line.addOption({QStringLiteral("delimiter"), CommandLine::tr("CSV field separator: one character, or “tab” (default ,)."),
                    CommandLine::tr("C")});
    line.addOption({QStringLiteral("mask"), CommandLine::tr("Mask phone numbers, e-mail addresses and names.")});
    line.addOption({QStringLiteral("split"), CommandLine::tr("A/B split by percentages adding up to 100, e.g. 10,90."),
                    CommandLine::tr("P,P,...")});
    line.addOption({QStringLiteral("seed"), CommandLine::tr("Seed of the split (default 0): the same seed, the same groups."),
                    CommandLine::tr("N")});
    line.addOption({QStringLiteral("split-files"),
                    CommandLine::tr("One sheet (xlsx) or file NAME-A.csv, NAME-B.csv... (csv) per group instead of a Group column.")});
    line.addOption({QStringLiteral("force"), CommandLine::tr("Replace existing files.")});
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    bool bad = false;
    const auto asOf = line.asOf(&bad);
    if (bad)
        return UsageError;

    exporting::ExportOptions options;
    options.outPath = line.value(QStringLiteral("out"));
    if (options.outPath.isEmpty())
        return line.usageError(CommandLine::tr("missing --out FILE.xlsx or FILE.csv"));
    if (line.isSet(QStringLiteral("columns")))
        options.columns = line.value(QStringLiteral("columns")).split(u',', Qt::SkipEmptyParts);
    if (line.isSet(QStringLiteral("encoding"))) {
        const QString encoding = line.value(QStringLiteral("encoding")).toLower();
        if (encoding == u"utf-8-bom" || encoding == u"utf8-bom")
            options.encoding = exporting::ExportOptions::Utf8Bom;
        else if (encoding == u"utf-8" || encoding == u"utf8")
            options.encoding = exporting::ExportOptions::Utf8;
        else if (encoding == u"gb18030")
            options.encoding = exporting::ExportOptions::Gb18030;
        else
            return line.usageError(CommandLine::tr("--encoding must be utf-8-bom, utf-8 or gb18030, not “%1”").arg(encoding));
    }
    if (line.isSet(QStringLiteral("delimiter"))) {
        const QString delimiter = line.value(QStringLiteral("delimiter"));
        if (delimiter == u"tab" || delimiter == u"\\t" || delimiter == u"\t")
            options.delimiter = '\t';
        else if (delimiter.size() == 1 && delimiter.at(0).unicode() < 0x80)
            options.delimiter = char(delimiter.at(0).unicode());
        else
            return line.usageError(CommandLine::tr("--delimiter needs one ASCII character or “tab”, not “%1”").arg(delimiter));
    }
    options.mask = line.isSet(QStringLiteral("mask"));
    if (line.isSet(QStringLiteral("split"))) {
        for (const QString &part : line.value(QStringLiteral("split")).split(u',')) {
            bool ok = false;
            const int percent = part.trimmed().toInt(&ok);
            if (!ok)
                return line.usageError(CommandLine::tr("--split needs whole percentages such as 10,90, not “%1”")
                                           .arg(line.value(QStringLiteral("split"))));
            options.splitPercents << percent;
        }
    }
    if (line.isSet(QStringLiteral("seed"))) {
        bool ok = false;
        options.seed = line.value(QStringLiteral("seed")).toULongLong(&ok);
        if (!ok)
            return line.usageError(CommandLine::tr("--seed needs a whole number, not “%1”").arg(line.value(QStringLiteral("seed"))));
    }
    options.splitSheets = line.isSet(QStringLiteral("split-files"));
    if (options.splitSheets && options.splitPercents.isEmpty())
        return line.usageError(CommandLine::tr("--split-files needs --split"));
    options.force = line.isSet(QStringLiteral("force"));
    options.asOf = asOf.value_or(QDate());

    auto workspace = openWorkspace(*db);
    if (!workspace)
        return Failure;
    int exitCode = Success;
    const auto chosen = chosenRule(line, *workspace, &exitCode);
    if (!chosen)
        return exitCode;
    options.segmentName = chosen->segmentName;
    const auto summary = exporting::MemberExporter::run(*workspace, chosen->rule, options);
    if (!summary)
        return fail(summary.errorMessage());
    out() << summary->message << Qt::endl;
    return Success;
}

} // namespace segmenta::cli
