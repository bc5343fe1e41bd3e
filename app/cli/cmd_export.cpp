#include "command.h"
#include "commands.h"
#include "rulechoice.h"

#include "export/memberexporter.h"
#include "rules/rulecontext.h"
#include "store/database.h"
#include "store/workspace.h"


namespace segmenta::cli {

int runExport(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("export"),
                     CommandLine::tr("Exports the members of a rule or saved segment to .xlsx or .csv (the format "
                                     "follows the extension)."));
    line.addDbOption();
    line.addAsOfOption();
    addRuleOptions(line);
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
    line.addOption({QStringLiteral("experiment"),
                    CommandLine::tr("Record the split as an A/B experiment of this name, to measure later with "
                                    "“experiment show”."),
                    CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("control"),
                    CommandLine::tr("The experiment's control group, the one the others are compared with (default A)."),
                    CommandLine::tr("GROUP")});
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
    const QString experimentName = line.value(QStringLiteral("experiment")).trimmed();
    int control = 0;
    if (line.isSet(QStringLiteral("experiment")) && options.splitPercents.isEmpty())
        return line.usageError(CommandLine::tr("--experiment needs --split"));
    if (line.isSet(QStringLiteral("experiment")) && experimentName.isEmpty())
        return line.usageError(CommandLine::tr("--experiment needs a name"));
    if (line.isSet(QStringLiteral("control"))) {
        if (!line.isSet(QStringLiteral("experiment")))
            return line.usageError(CommandLine::tr("--control needs --experiment"));
        const QString group = line.value(QStringLiteral("control")).trimmed().toUpper();
        control = group.size() == 1 ? group.at(0).unicode() - u'A' : -1;
        if (control < 0 || control >= options.splitPercents.size())
            return line.usageError(CommandLine::tr("--control must name one of the split's groups (A to %1), not “%2”")
                                       .arg(QChar(char16_t(u'A' + int(options.splitPercents.size()) - 1)))
                                       .arg(line.value(QStringLiteral("control"))));
    }

    // A damaged workspace opens read-only: what can still be read can still be exported.
    auto opened = store::Workspace::open(*db);
    if (!opened)
        return fail(opened.errorMessage());
    const auto workspace = std::move(opened).value();
    if (!workspace->damage().isEmpty())
        err() << workspace->damage() << Qt::endl;
    int exitCode = Success;
    const auto chosen = chosenRule(line, *workspace, &exitCode);
    if (!chosen)
        return exitCode;
    if (!chosen->positions.empty()) { // a rule typed: its problems point into the text, before anything runs
        try {
            const auto context = rules::RuleContext::forDatabase(workspace->db(), options.asOf.isValid() ? options.asOf
                                                                                                          : workspace->analysisDate());
            if (auto valid = context.validate(chosen->rule, &chosen->positions); !valid)
                return fail(CommandLine::tr("bad rule: %1").arg(valid.errorMessage()));
        } catch (const store::DatabaseError &error) {
            return fail(error.message());
        }
    }
    options.segmentName = chosen->segmentName;
    options.experimentName = experimentName;
    options.experimentControl = control;
    const auto summary = exporting::MemberExporter::run(*workspace, chosen->rule, options);
    if (!summary)
        return fail(summary.errorMessage());
    out() << summary->message << Qt::endl;
    return Success;
}

} // namespace segmenta::cli
