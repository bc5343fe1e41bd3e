#pragma once

#include <QStringList>
#include <QVariantList>

#include <map>

#include "common/result.h"
#include "rules/rule.h"

#include <QCoreApplication>
#include <QString>

#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::segments {

struct SavedSegment
{
    qint64 id = 0;
    QString name;
    QString description;
    QString color = QStringLiteral("#4e79a7");
    int position = 0;
    rules::Rule rule;
};

// Everything a workspace holds about one segment, its row and its size history, column by column: what
// SegmentStore::restore needs to put a deleted segment back exactly (for undo).
struct SegmentSnapshot
{
    QString name;
    QStringList segmentColumns;
    QVariantList segmentRow;
    QStringList historyColumns;
    std::vector<QVariantList> historyRows;
};

struct Overlap
{
    qint64 onlyA = 0;
    qint64 both = 0;
    qint64 onlyB = 0;
};

// The saved segments of a workspace (table segments) and their size history (segment_history). Names are
// unique and not empty. Thread: the connection's. Database errors come back as Errors.
class SegmentStore
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::segments::SegmentStore)

public:
    explicit SegmentStore(store::Database &db) : m_db(db) {}

    Result<std::vector<SavedSegment>> list();
    Result<std::optional<SavedSegment>> find(const QString &name);
    // Creates the segment, or replaces the rule (and description, colour) of the one with that name.
    Result<qint64> save(const SavedSegment &segment);
    Result<void> rename(qint64 id, const QString &newName);
    Result<qint64> duplicate(qint64 id, const QString &newName);
    Result<void> remove(qint64 id);
    Result<SegmentSnapshot> snapshot(qint64 id);
    // Puts a snapshot back under its old id and position with its history, in one transaction; refused when
    // a segment of that name or id exists meanwhile.
    Result<void> restore(const SegmentSnapshot &snapshot);
    Result<void> setColor(qint64 id, const QString &color);
    Result<void> setDescription(qint64 id, const QString &description);
    Result<void> move(qint64 id, int newPosition); // renumbers the others
    // Records a segment's size on an analysis date (one row per segment and date: a later record replaces it).
    Result<void> recordSize(qint64 id, const QDate &analysisDate, qint64 customers, double revenue,
                            const QString &lifecycleJson);

    // Each segment's size as last recorded for an analysis date before `date` (segments without one left
    // out): what the segment list compares today's size with to show its trend.
    Result<std::map<qint64, qint64>> sizesBefore(const QDate &date);

    // A colour none of `existing` has (compared without case): the first free one of the Tableau 10 palette
    // the charts use, then hues spread around the colour wheel by the golden angle until one is free.
    static QString unusedColor(const std::vector<SavedSegment> &existing);

    // Counts of A only, both and B only, from two ascending member lists.
    static Overlap overlap(const std::vector<qint64> &a, const std::vector<qint64> &b);

private:
    Result<void> checkName(const QString &name, qint64 exceptId);

    store::Database &m_db;
};

} // namespace segmenta::segments
