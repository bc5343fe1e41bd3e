#include "command.h"
#include "commands.h"

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
        const QString result = workspace.value()->integrityCheck();
        if (result != u"ok")
            return fail(CommandLine::tr("“%1” is damaged: %2").arg(*db, result));
        out() << "ok" << Qt::endl;
    } catch (const store::DatabaseError &error) {
        return fail(CommandLine::tr("“%1” is damaged: %2").arg(*db, error.message()));
    }
    return Success;
}

} // namespace segmenta::cli
