#include "command.h"
#include "commands.h"

#include "common/interruptcancels.h"
#include "common/progress.h"
#include "store/workspace.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::cli {

int runInfo(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("info"), CommandLine::tr("Summarises a workspace."));
    line.addDbOption();
    line.addJsonOption();
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    auto workspace = store::Workspace::open(*db, store::Workspace::Mode::ReadOnly);
    if (!workspace)
        return fail(workspace.errorMessage());
    try {
        store::Workspace &ws = *workspace.value();
        QJsonObject info{
            {QStringLiteral("customers"), ws.customerCount()},
            {QStringLiteral("orders"), ws.orderCount()},
            {QStringLiteral("sources"), ws.db().scalar("SELECT count(*) FROM sources").toLongLong()},
            {QStringLiteral("segments"), ws.db().scalar("SELECT count(*) FROM segments").toLongLong()},
            {QStringLiteral("analysis_date"), ws.analysisDate().toString(Qt::ISODate)},
            {QStringLiteral("schema_version"), ws.db().scalar("PRAGMA user_version").toLongLong()},
        };
        if (line.isSet(QStringLiteral("json"))) {
            out() << QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)) << Qt::endl;
        } else {
            for (auto it = info.constBegin(); it != info.constEnd(); ++it)
                out() << it.key() << ": " << it.value().toVariant().toString() << '\n';
            out().flush();
        }
    } catch (const store::DatabaseError &error) {
        return fail(CommandLine::tr("cannot read “%1”: %2").arg(*db, error.message()));
    }
    return Success;
}

int runCheck(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("check"), CommandLine::tr("Checks a workspace file's integrity."));
    line.addDbOption();
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    auto workspace = store::Workspace::open(*db, store::Workspace::Mode::ReadOnly);
    if (!workspace)
        return fail(workspace.errorMessage());
    try {
        // SQLite's own findings, one a line, are the details this command exists to show; the verdict is ours.
        const QStringList problems = workspace.value()->integrityCheck().split(u'\n', Qt::SkipEmptyParts);
        if (problems != QStringList{QStringLiteral("ok")}) {
            for (const QString &problem : problems)
                out() << "  " << problem << '\n';
            return fail(CommandLine::tr("“%1” is damaged (%n problem(s) listed above); export what can still be read, "
                                        "or restore a copy", nullptr, int(problems.size()))
                            .arg(*db));
        }
        out() << "ok" << Qt::endl;
    } catch (const store::DatabaseError &error) {
        return fail(CommandLine::tr("cannot check “%1”: %2").arg(*db, error.message()));
    }
    return Success;
}

int runBackup(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("backup"),
                     CommandLine::tr("Saves a consistent copy of a workspace through SQLite's backup interface, safe "
                                     "while the app or an import uses it."));
    line.addDbOption();
    line.addOption({QStringLiteral("out"), CommandLine::tr("The copy to write (.segmenta)."), CommandLine::tr("FILE")});
    line.addOption({QStringLiteral("force"), CommandLine::tr("Replace the file if it exists.")});
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    const QString target = line.value(QStringLiteral("out"));
    if (target.isEmpty())
        return line.usageError(CommandLine::tr("missing --out FILE"));
    auto workspace = store::Workspace::open(*db, store::Workspace::Mode::ReadOnly);
    if (!workspace)
        return fail(workspace.errorMessage());
    Progress progress; // Ctrl+C stops the copy and removes what was written of it
    const InterruptCancels interrupts(progress);
    if (const auto saved = workspace.value()->saveCopy(target, line.isSet(QStringLiteral("force")), &progress); !saved)
        return fail(saved.errorMessage());
    out() << CommandLine::tr("Saved a copy of “%1” as “%2”").arg(*db, target) << Qt::endl;
    return Success;
}

} // namespace segmenta::cli
