#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// Which columns the Customers view shows, remembered per workspace in its settings table (key
// customer_columns, beside the export's remembered columns), so the choice travels with the file. Only what
// the user changed is kept: a column shows unless hidden by the user, or, when no customer holds a value in
// it, unless shown by the user; a column that fills later then shows by itself. A read-only workspace keeps
// the choice until it is closed. The workspace's own thread; database errors leave the choice unremembered.
struct CustomerColumnChoice
{
    QSet<QString> shown;  // shown although empty
    QSet<QString> hidden; // hidden although it holds values

    bool isShown(const QString &fieldName, bool empty) const;
    // The choice that shows exactly `shownFields` of `allFields`, given which of them are empty.
    static CustomerColumnChoice forShown(const QStringList &allFields, const QSet<QString> &shownFields,
                                         const QSet<QString> &emptyFields);

    static CustomerColumnChoice remembered(store::Workspace &workspace);
    void remember(store::Workspace &workspace) const;

    static constexpr const char *kKey = "customer_columns";
};

} // namespace segmenta::ui
