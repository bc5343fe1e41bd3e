#include "command.h"
#include "commands.h"

#include "metrics/customermetrics.h"
#include "metrics/distribution.h"
#include "store/field.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace segmenta::cli {

namespace {

// Opens the workspace of --db and brings its metrics up to date for --as-of (or the stored date).
std::unique_ptr<store::Workspace> openWithMetrics(CommandLine &line, int *exitCode)
{
    const auto db = line.requireDb();
    if (!db) {
        *exitCode = UsageError;
        return nullptr;
    }
    bool bad = false;
    const auto asOf = line.asOf(&bad);
    if (bad) {
        *exitCode = UsageError;
        return nullptr;
    }
    auto workspace = openWorkspace(*db);
    if (!workspace) {
        *exitCode = Failure;
        return nullptr;
    }
    const auto current = metrics::CustomerMetrics::ensureCurrent(*workspace, asOf.value_or(QDate()));
    if (!current) {
        *exitCode = fail(current.errorMessage());
        return nullptr;
    }
    return workspace;
}

// RFC 4180: quote fields holding the delimiter, quotes or line breaks; double the quotes.
QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    QString quoted = value;
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

// A value as the CSV shows it: money with two decimals (104.73, not 104.72999999999999), other fractions
// with the digits that mean something.
QString printed(const QVariant &value, store::FieldType type)
{
    if (value.typeId() != QMetaType::Double)
        return value.toString();
    if (type == store::FieldType::Money)
        return QString::number(value.toDouble(), 'f', 2);
    return QString::number(value.toDouble(), 'g', 15);
}

} // namespace

int runMetrics(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("metrics"),
                     CommandLine::tr("Prints how customers split by lifecycle stage, value tier and RFM segment, "
                                     "and the lifecycle funnel (recomputing the metrics when needed)."));
    line.addDbOption();
    line.addAsOfOption();
    line.addJsonOption();
    if (auto exit = line.parse(arguments))
        return *exit;
    int exitCode = Success;
    auto workspace = openWithMetrics(line, &exitCode);
    if (!workspace)
        return exitCode;
    const auto settings = metrics::AnalysisSettings::load(*workspace);
    const auto distribution = metrics::distributionOf(workspace->db(), settings);
    if (!distribution)
        return fail(distribution.errorMessage());
    bool bad = false;
    QJsonObject json = distribution->toJson();
    json.insert(QStringLiteral("as_of"), line.asOf(&bad).value_or(workspace->analysisDate()).toString(Qt::ISODate));
    const auto moves = metrics::CustomerMetrics::latestMoves(*workspace);
    if (!moves)
        return fail(moves.errorMessage());
    if (!moves->moves.empty()) {
        QJsonArray list;
        for (const auto &move : moves->moves) {
            list.append(QJsonObject{{QStringLiteral("from"), move.from}, {QStringLiteral("to"), move.to},
                                    {QStringLiteral("customers"), move.customers}});
        }
        json.insert(QStringLiteral("lifecycle_moves"),
                    QJsonObject{{QStringLiteral("previous"), moves->previous.toString(Qt::ISODate)},
                                {QStringLiteral("as_of"), moves->asOf.toString(Qt::ISODate)},
                                {QStringLiteral("moves"), list}});
    }
    if (line.isSet(QStringLiteral("json"))) {
        out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << Qt::endl;
        return Success;
    }
    out() << CommandLine::tr("Customers: %1, revenue %2, as of %3")
                 .arg(distribution->customers)
                 .arg(distribution->revenue, 0, 'f', 2)
                 .arg(json.value(u"as_of").toString())
          << '\n';
    out() << CommandLine::tr("Lifecycle:") << '\n';
    for (const QString &id : metrics::stageIds()) {
        if (id == QLatin1StringView(metrics::stage::kRecencyUnknown) && distribution->lifecycle.at(id) == 0)
            continue; // (customer lists without dates only)
        out() << "  " << metrics::stageDisplayName(id).leftJustified(15) << ' ' << distribution->lifecycle.at(id) << '\n';
    }
    out() << CommandLine::tr("Value tiers:") << '\n';
    for (const QString &id : metrics::tierIds()) {
        const auto &tier = distribution->tiers.at(id);
        out() << "  " << metrics::tierDisplayName(id).leftJustified(15) << ' ' << tier.customers << "  "
              << QString::number(tier.revenue, 'f', 2) << '\n';
    }
    if (!moves->moves.empty()) {
        out() << CommandLine::tr("Moved between stages from %1 to %2: %3 customers")
                     .arg(moves->previous.toString(Qt::ISODate), moves->asOf.toString(Qt::ISODate))
                     .arg(moves->moved())
              << '\n';
        for (const auto &move : moves->moves) {
            if (move.from != move.to)
                out() << "  " << (move.from.isEmpty() ? CommandLine::tr("(new)") : move.from).leftJustified(10) << " -> "
                      << move.to.leftJustified(10) << move.customers << '\n';
        }
    }
    // Funnel steps by order counts (the lifecycle's stages also weigh recency: "mature" here and there differ).
    out() << CommandLine::tr("Funnel:") << '\n';
    const int matureFrom = settings.lifecycle.growingMaxOrders + 1;
    const QString stepNames[] = {CommandLine::tr("customers"), CommandLine::tr("1+ orders"), CommandLine::tr("2+ orders"),
                                 CommandLine::tr("%1+ orders").arg(matureFrom)};
    for (size_t i = 0; i < distribution->funnel.size(); ++i) {
        const auto &step = distribution->funnel[i];
        out() << "  " << (i < std::size(stepNames) ? stepNames[i] : step.id).leftJustified(15) << ' ' << step.customers << "  "
              << QString::number(step.conversion * 100, 'f', 1) << "%\n";
    }
    out().flush();
    return Success;
}

int runCustomers(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("customers"),
                     CommandLine::tr("Prints every customer with the chosen fields (imported and derived) as CSV."));
    line.addDbOption();
    line.addAsOfOption();
    line.addOption({QStringLiteral("columns"),
                    CommandLine::tr("Comma-separated field names (default: every customer field)."),
                    CommandLine::tr("a,b,...")});
    line.addOption({QStringLiteral("csv"), CommandLine::tr("Print CSV (the only format; accepted for clarity).")});
    if (auto exit = line.parse(arguments))
        return *exit;
    int exitCode = Success;
    auto workspace = openWithMetrics(line, &exitCode);
    if (!workspace)
        return exitCode;
    try {
        const auto fields = store::loadFields(workspace->db(), QStringLiteral("customer"));
        std::vector<const store::FieldInfo *> chosen;
        if (line.isSet(QStringLiteral("columns"))) {
            const QStringList names = line.value(QStringLiteral("columns")).split(u',', Qt::SkipEmptyParts);
            for (const QString &name : names) {
                const auto it = std::find_if(fields.begin(), fields.end(),
                                             [&](const store::FieldInfo &f) { return f.name == name.trimmed(); });
                if (it == fields.end())
                    return line.usageError(CommandLine::tr("unknown field “%1”; `segmenta-cli fields` lists them").arg(name));
                chosen.push_back(&*it);
            }
        } else {
            for (const auto &field : fields)
                chosen.push_back(&field);
        }
        QStringList select;
        QStringList header;
        for (const store::FieldInfo *field : chosen) {
            const QString alias = field->table == u"customer_metrics" ? QStringLiteral("m") : QStringLiteral("c");
            select << alias + u'.' + store::quoteIdentifier(field->column);
            header << csvField(field->name);
        }
        const QString sql = QStringLiteral("SELECT %1 FROM customers c LEFT JOIN customer_metrics m "
                                           "ON m.customer_id = c.id ORDER BY c.id")
                                .arg(select.join(QStringLiteral(", ")));
        store::Statement query(workspace->db(), sql.toStdString());
        out() << header.join(u',') << '\n';
        while (query.step()) {
            QStringList row;
            for (int i = 0; i < query.columnCount(); ++i)
                row << csvField(query.isNull(i) ? QString() : printed(query.value(i), chosen[size_t(i)]->type));
            out() << row.join(u',') << '\n';
        }
        out().flush();
    } catch (const store::DatabaseError &error) {
        return fail(CommandLine::tr("cannot read customers: %1").arg(error.message()));
    }
    return Success;
}

} // namespace segmenta::cli
