#include "command.h"
#include "commands.h"

#include "experiments/experimentresult.h"
#include "experiments/experimentstore.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

namespace segmenta::cli {

namespace {

using experiments::Experiment;
using experiments::ExperimentMeasure;
using experiments::ExperimentResult;
using experiments::ExperimentStore;

QJsonObject listEntry(const Experiment &e)
{
    QJsonArray groups;
    for (const auto &group : e.groups) {
        groups.append(QJsonObject{{QStringLiteral("name"), group.name},
                                  {QStringLiteral("percent"), group.percent},
                                  {QStringLiteral("control"), group.control},
                                  {QStringLiteral("members"), group.size}});
    }
    return QJsonObject{{QStringLiteral("name"), e.name},
                       {QStringLiteral("start"), e.start.toString(Qt::ISODate)},
                       {QStringLiteral("segment"), e.segmentName},
                       {QStringLiteral("rule"), e.ruleText},
                       {QStringLiteral("seed"), QString::number(e.seed)},
                       {QStringLiteral("groups"), groups}};
}

int printList(ExperimentStore &store, bool json)
{
    const auto all = store.list();
    if (!all)
        return fail(all.errorMessage());
    if (json) {
        QJsonArray array;
        for (const Experiment &e : all.value())
            array.append(listEntry(e));
        out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("experiments"), array}}).toJson(QJsonDocument::Compact))
              << Qt::endl;
        return Success;
    }
    for (const Experiment &e : all.value()) {
        QStringList groups;
        for (const auto &group : e.groups) {
            groups << (group.control ? CommandLine::tr("%1 %2% (control, %3 members)")
                                     : CommandLine::tr("%1 %2% (%3 members)"))
                          .arg(group.name)
                          .arg(group.percent)
                          .arg(group.size);
        }
        out() << e.name << '\t' << e.start.toString(Qt::ISODate) << '\t' << groups.join(QStringLiteral(", ")) << '\t'
              << e.ruleText << '\n';
    }
    out().flush();
    return Success;
}

QString fixed(const std::optional<double> &value, int decimals, double scale = 1)
{
    return value ? QString::number(*value * scale, 'f', decimals) : QStringLiteral("–");
}

QString signedPoints(double fraction)
{
    return (fraction >= 0 ? QStringLiteral("+") : QString()) + QString::number(fraction * 100, 'f', 1);
}

void printResult(const ExperimentResult &result)
{
    out() << CommandLine::tr("Experiment “%1”: started %2, window %3 days (orders dated %4 to %5)")
                 .arg(result.name, result.start.toString(Qt::ISODate))
                 .arg(result.windowDays)
                 .arg(result.start.addDays(1).toString(Qt::ISODate), result.end.toString(Qt::ISODate))
          << "\n\n";
    out() << CommandLine::tr("Group\tMembers\tConverted\tRate %\tRevenue\tRevenue/member\tOrders/member") << '\n';
    for (const auto &group : result.groups) {
        out() << group.name << (group.control ? QStringLiteral("*") : QString()) << '\t' << group.members << '\t'
              << group.converted << '\t' << fixed(group.conversionRate(), 1, 100) << '\t'
              << QString::number(group.revenue, 'f', 2) << '\t' << fixed(group.revenuePerMember(), 2) << '\t'
              << fixed(group.ordersPerMember(), 3) << '\n';
    }
    out() << CommandLine::tr("* control group") << "\n\n";
    for (const auto &comparison : result.comparisons) {
        const QString group = result.groups[size_t(comparison.group)].name;
        const QString control = result.groups[size_t(comparison.control)].name;
        if (const auto &c = comparison.conversion) {
            out() << CommandLine::tr("%1 vs %2: difference %3 points (95% CI %4 to %5), lift %6, %7")
                         .arg(group, control, signedPoints(c->difference), signedPoints(c->ciLow), signedPoints(c->ciHigh),
                              c->lift ? signedPoints(*c->lift) + u'%' : QStringLiteral("–"),
                              c->pValue ? ExperimentResult::pStatement(*c->pValue) : QStringLiteral("p –"))
                  << '\n';
        }
        if (const auto &r = comparison.revenue) {
            out() << CommandLine::tr("%1 vs %2: revenue per member %3 (Welch t = %4, df = %5, %6)")
                         .arg(group, control, QString::number(r->difference, 'f', 2), QString::number(r->t, 'f', 3),
                              QString::number(r->degreesOfFreedom, 'f', 1), ExperimentResult::pStatement(r->pValue))
                  << '\n';
        }
        out() << result.sentence(comparison) << ".\n";
    }
    for (const QString &note : {result.powerWarning(), result.windowNote()}) {
        if (!note.isEmpty())
            out() << note << ".\n";
    }
    out().flush();
}

} // namespace

int runExperiment(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("experiment"),
                     CommandLine::tr("Lists, measures or deletes the A/B experiments recorded by export --experiment: "
                                     "experiment list | show NAME [--window DAYS] [--difference POINTS] | delete NAME"));
    line.addJsonOption();
    line.addDbOption();
    line.addOption({QStringLiteral("window"),
                    CommandLine::tr("Days after the start whose orders count (default %1).").arg(ExperimentMeasure::kDefaultWindowDays),
                    CommandLine::tr("DAYS")});
    line.addOption({QStringLiteral("difference"),
                    CommandLine::tr("The smallest difference in conversion worth detecting, in percentage points "
                                    "(default %1), for the sample size warning.")
                        .arg(ExperimentMeasure::kDefaultMinimumDifference * 100),
                    CommandLine::tr("POINTS")});
    line.parser().addPositionalArgument(QStringLiteral("action"), CommandLine::tr("list, show or delete"));
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    const QStringList positional = line.positional();
    if (positional.isEmpty())
        return line.usageError(CommandLine::tr("missing action: list, show or delete"));
    const QString action = positional.front();
    if (action != u"list" && action != u"show" && action != u"delete")
        return line.usageError(CommandLine::tr("unknown action “%1”: use list, show or delete").arg(action));
    if (action != u"list" && positional.size() != 2)
        return line.usageError(CommandLine::tr("“%1” needs an experiment name").arg(action));
    int window = ExperimentMeasure::kDefaultWindowDays;
    if (line.isSet(QStringLiteral("window"))) {
        bool ok = false;
        window = line.value(QStringLiteral("window")).toInt(&ok);
        if (!ok || window < 1 || window > 3650)
            return line.usageError(CommandLine::tr("--window needs a number of days from 1 to 3650, not “%1”")
                                       .arg(line.value(QStringLiteral("window"))));
    }
    double difference = ExperimentMeasure::kDefaultMinimumDifference;
    if (line.isSet(QStringLiteral("difference"))) {
        bool ok = false;
        const double points = line.value(QStringLiteral("difference")).toDouble(&ok);
        if (!ok || !(points > 0 && points < 100))
            return line.usageError(CommandLine::tr("--difference needs percentage points between 0 and 100, not “%1”")
                                       .arg(line.value(QStringLiteral("difference"))));
        difference = points / 100;
    }

    auto workspace = openWorkspace(*db);
    if (!workspace)
        return Failure;
    ExperimentStore store(workspace->db());
    if (action == u"list")
        return printList(store, line.isSet(QStringLiteral("json")));
    const QString name = positional.at(1);
    const auto found = store.find(name);
    if (!found)
        return fail(found.errorMessage());
    if (!found.value())
        return fail(CommandLine::tr("There is no experiment named “%1” in %2").arg(name, workspace->displayName()));
    const Experiment &experiment = *found.value();
    if (action == u"delete") {
        if (const auto removed = store.remove(experiment.id); !removed)
            return fail(removed.errorMessage());
        out() << CommandLine::tr("Deleted experiment “%1”").arg(experiment.name) << Qt::endl;
        return Success;
    }
    const auto result = ExperimentMeasure::measure(workspace->db(), experiment, window, difference);
    if (!result)
        return fail(result.errorMessage());
    if (line.isSet(QStringLiteral("json")))
        out() << QString::fromUtf8(QJsonDocument(result->toJson()).toJson(QJsonDocument::Compact)) << Qt::endl;
    else
        printResult(result.value());
    return Success;
}

} // namespace segmenta::cli
