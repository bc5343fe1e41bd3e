#include "command.h"
#include "commands.h"

#include "demo/demoshop.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>

namespace segmenta::cli {

int runDemo(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("demo"),
                     CommandLine::tr("Creates a new workspace filled with a generated demo tea shop."));
    line.addDbOption();
    line.addOption({QStringLiteral("customers"), CommandLine::tr("Number of customers (default 20000)."),
                    CommandLine::tr("N"), QStringLiteral("20000")});
    line.addOption({QStringLiteral("seed"), CommandLine::tr("Random seed (default 20240601)."), CommandLine::tr("S"),
                    QStringLiteral("20240601")});
    line.addOption({QStringLiteral("force"), CommandLine::tr("Replace the file if it exists.")});
    line.addOption({QStringLiteral("history"),
                    CommandLine::tr("Also record the playbook segments' sizes at the last four quarter ends "
                                    "(recomputes the metrics for each date).")});
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    if (!line.positional().isEmpty())
        return line.usageError(CommandLine::tr("unexpected argument “%1”").arg(line.positional().constFirst()));

    demo::DemoSetupOptions setup;
    setup.history = line.isSet(QStringLiteral("history"));
    demo::DemoOptions &options = setup.shop;
    bool ok = false;
    options.customers = line.value(QStringLiteral("customers")).toLongLong(&ok);
    if (!ok || options.customers < 1)
        return line.usageError(CommandLine::tr("--customers needs a positive whole number"));
    options.seed = line.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok)
        return line.usageError(CommandLine::tr("--seed needs a non-negative whole number"));

    if (QFileInfo::exists(*db)) {
        if (!line.isSet(QStringLiteral("force")))
            return fail(CommandLine::tr("“%1” already exists; use --force to replace it").arg(*db));
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(*db + suffix);
    }
    auto workspace = store::Workspace::create(*db);
    if (!workspace)
        return fail(workspace.errorMessage());
    const auto summary = demo::DemoShop::setUp(*workspace.value(), setup);
    if (!summary) {
        workspace.value().reset();
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(*db + suffix);
        return fail(summary.errorMessage());
    }
    out() << CommandLine::tr("Created %1: %2 customers, %3 orders from %4 to %5")
                 .arg(*db)
                 .arg(summary->customers)
                 .arg(summary->orders)
                 .arg(summary->firstOrderDay.toString(Qt::ISODate), summary->lastOrderDay.toString(Qt::ISODate))
          << Qt::endl;
    return Success;
}

} // namespace segmenta::cli
