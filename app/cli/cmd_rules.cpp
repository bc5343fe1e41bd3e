#include "command.h"
#include "commands.h"
#include "rulechoice.h"

#include "metrics/customermetrics.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "segments/overlapmatrix.h"
#include "segments/segmentfile.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::cli {

namespace {

QJsonObject countsObject(const std::map<QString, qint64> &counts)
{
    QJsonObject object;
    for (const auto &[key, count] : counts)
        object.insert(key, count);
    return object;
}

// Customers in both of every pair of saved segments (the diagonal: each segment's size).
int printOverlap(store::Workspace &workspace, bool json)
{
    if (const auto current = metrics::CustomerMetrics::ensureCurrent(workspace); !current)
        return fail(current.errorMessage());
    const auto matrix = segments::OverlapMatrix::forWorkspace(workspace, workspace.analysisDate());
    if (!matrix)
        return fail(matrix.errorMessage());
    if (json) {
        QJsonArray names, rows;
        for (size_t i = 0; i < matrix->size(); ++i) {
            names.append(matrix->names[i]);
            QJsonArray row;
            for (qint64 count : matrix->both[i])
                row.append(count);
            rows.append(row);
        }
        out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("segments"), names}, {QStringLiteral("both"), rows}})
                                       .toJson(QJsonDocument::Compact))
              << Qt::endl;
        return Success;
    }
    for (size_t i = 0; i < matrix->size(); ++i) {
        out() << matrix->names[i];
        for (qint64 count : matrix->both[i])
            out() << '\t' << count;
        out() << '\n';
    }
    out().flush();
    return Success;
}

} // namespace

int runCount(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("count"), CommandLine::tr("Counts the customers a rule or saved segment selects."));
    line.addDbOption();
    line.addAsOfOption();
    line.addJsonOption();
    addRuleOptions(line);
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    bool bad = false;
    const auto asOf = line.asOf(&bad);
    if (bad)
        return UsageError;
    auto workspace = openWorkspace(*db);
    if (!workspace)
        return Failure;
    int exitCode = Success;
    const auto chosen = chosenRule(line, *workspace, &exitCode);
    const std::optional<rules::Rule> rule = chosen ? std::optional(chosen->rule) : std::nullopt;
    if (!rule)
        return exitCode;
    const rules::ConditionPositions *positions = chosen->positions.empty() ? nullptr : &chosen->positions;
    const QDate date = asOf.value_or(workspace->analysisDate());
    if (const auto current = metrics::CustomerMetrics::ensureCurrent(*workspace, date); !current)
        return fail(current.errorMessage());
    try {
        const auto context = rules::RuleContext::forDatabase(workspace->db(), date);
        if (auto valid = context.validate(*rule, positions); !valid)
            return fail(CommandLine::tr("bad rule: %1").arg(valid.errorMessage()));
        const auto cache = rules::ColumnCache::load(workspace->db(), context.fields);
        if (!cache)
            return fail(cache.errorMessage());
        // A category value (or a product) nothing holds finds no one: said, and the count still given.
        const QStringList warnings = context.unseenValueWarnings(*rule, *cache.value(), positions);
        for (const QString &warning : warnings)
            err() << CommandLine::tr("segmenta-cli: warning: %1").arg(warning) << Qt::endl;
        const auto members = rules::ColumnarEvaluator::evaluate(*rule, context, *cache.value());
        if (!members)
            return fail(members.errorMessage());
        const auto figures = rules::ColumnarEvaluator::figures(members.value(), *cache.value());
        if (!line.isSet(QStringLiteral("json"))) {
            out() << figures.count << Qt::endl;
            return Success;
        }
        QJsonObject tierRevenue;
        for (const auto &[tier, revenue] : figures.tierRevenue)
            tierRevenue.insert(tier, revenue);
        const QJsonObject json{{QStringLiteral("count"), figures.count},
                               {QStringLiteral("total"), figures.total},
                               {QStringLiteral("revenue"), figures.revenue},
                               {QStringLiteral("as_of"), date.toString(Qt::ISODate)},
                               {QStringLiteral("rule"), rules::RuleText::print(*rule)},
                               {QStringLiteral("lifecycle"), countsObject(figures.lifecycle)},
                               {QStringLiteral("tiers"), countsObject(figures.tiers)},
                               {QStringLiteral("tier_revenue"), tierRevenue},
                               {QStringLiteral("rfm"), countsObject(figures.rfmSegments)},
                               {QStringLiteral("warnings"), QJsonArray::fromStringList(warnings)}};
        out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << Qt::endl;
    } catch (const store::DatabaseError &error) {
        return fail(error.message());
    }
    return Success;
}

int runSegment(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("segment"),
                     CommandLine::tr("Lists, saves, shows, deletes, exports or imports saved segments: segment list | "
                                     "save NAME --rule TEXT | show NAME | delete NAME | export NAME --out "
                                     "FILE.segment.json | import FILE.segment.json [--name NAME] | overlap [--json]"));
    line.addJsonOption();
    line.addDbOption();
    line.addOption({QStringLiteral("rule"), CommandLine::tr("The rule in text form (save)."), CommandLine::tr("TEXT")});
    line.addOption({QStringLiteral("description"), CommandLine::tr("A description (save)."), CommandLine::tr("TEXT")});
    line.addOption({QStringLiteral("color"), CommandLine::tr("A colour such as #e15759 (save)."), CommandLine::tr("COLOR")});
    line.addOption({QStringLiteral("out"), CommandLine::tr("The .segment.json file to write (export)."), CommandLine::tr("FILE")});
    line.addOption({QStringLiteral("name"), CommandLine::tr("The name to save under (import; default: the file's)."),
                    CommandLine::tr("NAME")});
    line.parser().addPositionalArgument(QStringLiteral("action"),
                                        CommandLine::tr("list, save, show, delete, export, import or overlap"));
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    const QStringList positional = line.positional();
    if (positional.isEmpty())
        return line.usageError(CommandLine::tr("missing action: list, save, show, delete, export, import or overlap"));
    const QString action = positional.front();
    auto workspace = openWorkspace(*db);
    if (!workspace)
        return Failure;
    segments::SegmentStore store(workspace->db());
    if (action == u"list") {
        const auto all = store.list();
        if (!all)
            return fail(all.errorMessage());
        for (const auto &segment : all.value())
            out() << segment.name << '\t' << rules::RuleText::print(segment.rule) << '\n';
        out().flush();
        return Success;
    }
    if (action == u"overlap")
        return printOverlap(*workspace, line.isSet(QStringLiteral("json")));
    if (positional.size() != 2) {
        return line.usageError(action == u"import" ? CommandLine::tr("import needs a .segment.json file")
                                                   : CommandLine::tr("“%1” needs a segment name").arg(action));
    }
    if (action == u"import") {
        const auto context = rules::RuleContext::forDatabase(workspace->db(), workspace->analysisDate());
        auto segment = segments::SegmentFile::read(positional.at(1), &context);
        if (!segment)
            return fail(segment.errorMessage());
        if (line.isSet(QStringLiteral("name")))
            segment->name = line.value(QStringLiteral("name")).trimmed();
        else if (const auto all = store.list(); all)
            segment->name = segments::SegmentFile::freeName(segment->name, all.value());
        const auto saved = store.save(segment.value());
        if (!saved)
            return fail(saved.errorMessage());
        out() << CommandLine::tr("Saved segment “%1”").arg(segment->name) << Qt::endl;
        return Success;
    }
    const QString name = positional.at(1);
    if (action == u"save") {
        if (!line.isSet(QStringLiteral("rule")))
            return line.usageError(CommandLine::tr("save needs --rule TEXT"));
        rules::ConditionPositions positions;
        auto rule = rules::RuleText::parse(line.value(QStringLiteral("rule")), &positions);
        if (!rule)
            return fail(CommandLine::tr("bad rule: %1").arg(rule.errorMessage()));
        const auto context = rules::RuleContext::forDatabase(workspace->db(), workspace->analysisDate());
        if (auto valid = context.validate(rule.value(), &positions); !valid)
            return fail(CommandLine::tr("bad rule: %1").arg(valid.errorMessage()));
        segments::SavedSegment segment;
        segment.name = name;
        segment.rule = std::move(rule).value();
        if (line.isSet(QStringLiteral("description")))
            segment.description = line.value(QStringLiteral("description"));
        if (line.isSet(QStringLiteral("color")))
            segment.color = line.value(QStringLiteral("color"));
        const auto saved = store.save(segment);
        if (!saved)
            return fail(saved.errorMessage());
        out() << CommandLine::tr("Saved segment “%1”").arg(name) << Qt::endl;
        return Success;
    }
    const auto found = store.find(name);
    if (!found)
        return fail(found.errorMessage());
    if (!found.value())
        return fail(CommandLine::tr("there is no saved segment named “%1”").arg(name));
    if (action == u"show") {
        out() << QString::fromUtf8(QJsonDocument(rules::toJson(found.value()->rule)).toJson(QJsonDocument::Indented));
        out().flush();
        return Success;
    }
    if (action == u"export") {
        if (!line.isSet(QStringLiteral("out")))
            return line.usageError(CommandLine::tr("export needs --out FILE.segment.json"));
        const QString path = line.value(QStringLiteral("out"));
        if (const auto written = segments::SegmentFile::write(path, *found.value(), *db); !written)
            return fail(written.errorMessage());
        out() << CommandLine::tr("Wrote segment “%1” to %2").arg(name, path) << Qt::endl;
        return Success;
    }
    if (action == u"delete") {
        if (const auto removed = store.remove(found.value()->id); !removed)
            return fail(removed.errorMessage());
        out() << CommandLine::tr("Deleted segment “%1”").arg(name) << Qt::endl;
        return Success;
    }
    return line.usageError(
        CommandLine::tr("unknown action “%1”: use list, save, show, delete, export, import or overlap").arg(action));
}

} // namespace segmenta::cli
