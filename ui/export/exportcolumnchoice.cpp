#include "export/exportcolumnchoice.h"

#include "store/database.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace segmenta::ui {

namespace {

QStringList fromJson(const QString &json)
{
    QStringList columns;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const auto &value : array) {
        if (value.isString() && !value.toString().isEmpty())
            columns << value.toString();
    }
    return columns;
}

QString toJson(const QStringList &columns)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(columns)).toJson(QJsonDocument::Compact));
}

} // namespace

QStringList ExportColumnChoice::remembered(store::Workspace &workspace, const QString &segmentName)
{
    try {
        if (!segmentName.isEmpty()) {
            store::Statement query(workspace.db(), "SELECT export_columns_json FROM segments WHERE name = ?1");
            query.bind(1, segmentName);
            if (query.step())
                return query.isNull(0) ? QStringList() : fromJson(query.text(0));
        }
        return fromJson(workspace.setting(QString::fromLatin1(kUnsavedRuleKey)));
    } catch (const store::DatabaseError &) {
        return {};
    }
}

void ExportColumnChoice::remember(store::Workspace &workspace, const QString &segmentName, const QStringList &columns)
{
    if (workspace.isReadOnly())
        return;
    try {
        if (!segmentName.isEmpty()) {
            store::Statement update(workspace.db(), "UPDATE segments SET export_columns_json = ?1 WHERE name = ?2");
            update.bind(1, toJson(columns)).bind(2, segmentName);
            update.run();
            if (workspace.db().changes() > 0)
                return;
        }
        workspace.setSetting(QString::fromLatin1(kUnsavedRuleKey), toJson(columns));
    } catch (const store::DatabaseError &) {
        // Not remembered; the export itself goes ahead.
    }
}

} // namespace segmenta::ui
