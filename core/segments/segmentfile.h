#pragma once

#include "common/result.h"
#include "segments/segmentstore.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

#include <vector>

namespace segmenta::rules {
struct RuleContext;
}

namespace segmenta::segments {

// A saved segment as a shareable `.segment.json` file: the rule's JSON form (rules::toJson: "version" and
// "root") with the segment's "name", "description" and "color" beside it, so that `segmenta-cli count
// --rule-file` reads the same file. The schema is documented in the in-app help (resources/help).
//
// Stateless; any thread. Bad input (not JSON, not an object, a newer format, a malformed rule, a field or
// segment this workspace does not have, a file over 16 MB) gives an Error naming the file and the reason.
class SegmentFile
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::segments::SegmentFile)

public:
    static constexpr const char *suffix = ".segment.json";

    static QJsonObject toJson(const SavedSegment &segment);
    // Writes the file in one step (a half-written file never replaces an existing one).
    // Refuses to write over the workspace or any other database (see store::FileCheck::checkOutput).
    static Result<void> write(const QString &path, const SavedSegment &segment, const QString &workspacePath = QString());
    // Reads the file. With a context, the rule must also fit that workspace (fields, operators, segments).
    // A file without a name is named after the file.
    static Result<SavedSegment> read(const QString &path, const rules::RuleContext *context = nullptr);
    // `name` when no segment has it, otherwise the first free "name (2)", "name (3)"...
    static QString freeName(const QString &name, const std::vector<SavedSegment> &existing);
};

} // namespace segmenta::segments
