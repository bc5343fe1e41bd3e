#include "customers/customercolumnchoice.h"

#include "store/database.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace segmenta::ui {

namespace {

QSet<QString> namesOf(const QJsonValue &value)
{
    QSet<QString> names;
    for (const auto &name : value.toArray()) {
        if (name.isString() && !name.toString().isEmpty())
            names.insert(name.toString());
    }
    return names;
}

QJsonArray sortedArray(const QSet<QString> &names)
{
    QStringList list(names.cbegin(), names.cend());
    std::sort(list.begin(), list.end());
    return QJsonArray::fromStringList(list);
}

} // namespace

bool CustomerColumnChoice::isShown(const QString &fieldName, bool empty) const
{
    if (empty)
        return shown.contains(fieldName);
    return !hidden.contains(fieldName);
}

CustomerColumnChoice CustomerColumnChoice::forShown(const QStringList &allFields, const QSet<QString> &shownFields,
                                                    const QSet<QString> &emptyFields)
{
    CustomerColumnChoice choice;
    for (const QString &name : allFields) {
        const bool empty = emptyFields.contains(name);
        const bool wanted = shownFields.contains(name);
        if (empty && wanted)
            choice.shown.insert(name);
        else if (!empty && !wanted)
            choice.hidden.insert(name);
    }
    return choice;
}

CustomerColumnChoice CustomerColumnChoice::remembered(store::Workspace &workspace)
{
    try {
        const QJsonObject json = QJsonDocument::fromJson(workspace.setting(QString::fromLatin1(kKey)).toUtf8()).object();
        return {namesOf(json.value(QLatin1StringView("shown"))), namesOf(json.value(QLatin1StringView("hidden")))};
    } catch (const store::DatabaseError &) {
        return {};
    }
}

void CustomerColumnChoice::remember(store::Workspace &workspace) const
{
    if (workspace.isReadOnly())
        return;
    const QJsonObject json{{QStringLiteral("shown"), sortedArray(shown)}, {QStringLiteral("hidden"), sortedArray(hidden)}};
    try {
        workspace.setSetting(QString::fromLatin1(kKey), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
    } catch (const store::DatabaseError &) {
        // Not remembered; the view shows the choice until the workspace is closed.
    }
}

} // namespace segmenta::ui
