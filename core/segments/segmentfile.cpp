#include "segments/segmentfile.h"

#include "rules/rulecontext.h"
#include "store/filecheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>

namespace segmenta::segments {

namespace {

constexpr qint64 kMaxFileBytes = 16 * 1024 * 1024;

QString displayName(const QString &path)
{
    return QFileInfo(path).fileName();
}

} // namespace

QJsonObject SegmentFile::toJson(const SavedSegment &segment)
{
    QJsonObject json = rules::toJson(segment.rule);
    json.insert(QStringLiteral("name"), segment.name);
    if (!segment.description.isEmpty())
        json.insert(QStringLiteral("description"), segment.description);
    json.insert(QStringLiteral("color"), segment.color);
    return json;
}

Result<void> SegmentFile::write(const QString &path, const SavedSegment &segment, const QString &workspacePath)
{
    if (auto safe = store::FileCheck::checkOutput(path, workspacePath); !safe)
        return safe.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("Cannot write “%1”: %2").arg(path, file.errorString())};
    file.write(QJsonDocument(toJson(segment)).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return Error{tr("Cannot write “%1”: %2").arg(path, file.errorString())};
    return {};
}

Result<SavedSegment> SegmentFile::read(const QString &path, const rules::RuleContext *context)
{
    if (const auto usable = store::FileCheck::checkInput(path); !usable)
        return usable.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read “%1”: %2").arg(path, file.errorString())};
    if (file.size() > kMaxFileBytes)
        return Error{tr("“%1” is not a segment file: it is larger than 16 MB").arg(displayName(path))};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{tr("“%1” is not a segment file: %2 at character %3")
                         .arg(displayName(path), parseError.errorString())
                         .arg(parseError.offset)};
    }
    const QJsonObject json = document.object();
    if (!document.isObject() || !json.contains(u"root"))
        return Error{tr("“%1” is not a segment file: it has no rule (“root”)").arg(displayName(path))};
    auto rule = rules::ruleFromJson(json);
    if (!rule)
        return Error{tr("“%1”: %2").arg(displayName(path), rule.errorMessage())};
    if (context) {
        if (auto valid = context->validate(rule.value()); !valid)
            return Error{tr("“%1” does not fit this workspace: %2").arg(displayName(path), valid.errorMessage())};
    }
    SavedSegment segment;
    segment.rule = std::move(rule).value();
    segment.name = json.value(u"name").toString().trimmed();
    if (segment.name.isEmpty()) {
        segment.name = QFileInfo(path).fileName();
        if (segment.name.endsWith(QLatin1StringView(suffix), Qt::CaseInsensitive))
            segment.name.chop(qsizetype(qstrlen(suffix)));
        else
            segment.name = QFileInfo(path).completeBaseName();
    }
    segment.description = json.value(u"description").toString();
    const QString color = json.value(u"color").toString();
    static const QRegularExpression hexColour(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    if (hexColour.match(color).hasMatch()) // anything else keeps the default colour
        segment.color = color;
    return segment;
}

QString SegmentFile::freeName(const QString &name, const std::vector<SavedSegment> &existing)
{
    const auto taken = [&existing](const QString &candidate) {
        return std::any_of(existing.begin(), existing.end(),
                           [&candidate](const SavedSegment &s) { return s.name == candidate; });
    };
    if (!taken(name))
        return name;
    for (int n = 2;; ++n) {
        const QString candidate = QStringLiteral("%1 (%2)").arg(name).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

} // namespace segmenta::segments
