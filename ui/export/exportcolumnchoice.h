#pragma once

#include <QString>
#include <QStringList>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// The columns a user last chose to export, remembered per segment in the workspace: a saved segment's in
// its segments.export_columns_json, the unsaved rule's in the settings table (key export_columns). Field
// names, in the chosen order. The workspace's own thread; remembering is a convenience, so database
// errors leave the choice unremembered (and an empty list read back) rather than fail the export.
class ExportColumnChoice
{
public:
    static QStringList remembered(store::Workspace &workspace, const QString &segmentName);
    static void remember(store::Workspace &workspace, const QString &segmentName, const QStringList &columns);

    static constexpr const char *kUnsavedRuleKey = "export_columns";
};

} // namespace segmenta::ui
