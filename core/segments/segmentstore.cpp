#include "segments/segmentstore.h"

#include "store/database.h"

#include <QDateTime>
#include <QJsonDocument>

#include <cmath>

namespace segmenta::segments {

namespace {

using store::DatabaseError;
using store::Statement;

QString now()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

// The store's text columns are NOT NULL; a null QString would bind NULL.
QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

QString ruleJson(const rules::Rule &rule)
{
    return QString::fromUtf8(QJsonDocument(rules::toJson(rule)).toJson(QJsonDocument::Compact));
}

Error databaseError(const DatabaseError &error)
{
    return Error{SegmentStore::tr("Could not update the saved segments: %1").arg(error.message())};
}

} // namespace

Result<std::vector<SavedSegment>> SegmentStore::list()
{
    try {
        std::vector<SavedSegment> segments;
        Statement query(m_db, "SELECT id, name, description, color, position, rule_json FROM segments "
                              "ORDER BY position, id");
        while (query.step()) {
            SavedSegment s;
            s.id = query.int64(0);
            s.name = query.text(1);
            s.description = query.text(2);
            s.color = query.text(3);
            s.position = int(query.int64(4));
            auto rule = rules::ruleFromJson(QJsonDocument::fromJson(query.text(5).toUtf8()).object());
            if (!rule)
                return Error{tr("The saved segment “%1” cannot be read: %2").arg(s.name, rule.errorMessage())};
            s.rule = std::move(rule).value();
            segments.push_back(std::move(s));
        }
        return segments;
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<std::optional<SavedSegment>> SegmentStore::find(const QString &name)
{
    auto all = list();
    if (!all)
        return all.error();
    for (SavedSegment &s : all.value()) {
        if (s.name == name)
            return std::optional<SavedSegment>(std::move(s));
    }
    return std::optional<SavedSegment>();
}

Result<void> SegmentStore::checkName(const QString &name, qint64 exceptId)
{
    if (name.trimmed().isEmpty())
        return Error{tr("A segment needs a name")};
    Statement query(m_db, "SELECT count(*) FROM segments WHERE name = ?1 AND id != ?2");
    query.bind(1, name).bind(2, exceptId);
    query.step();
    if (query.int64(0) > 0)
        return Error{tr("There is already a segment named “%1”").arg(name)};
    return {};
}

QString SegmentStore::unusedColor(const std::vector<SavedSegment> &existing)
{
    const auto taken = [&existing](const QString &color) {
        return std::any_of(existing.begin(), existing.end(),
                           [&color](const SavedSegment &s) { return s.color.compare(color, Qt::CaseInsensitive) == 0; });
    };
    static const char *const tableau10[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
                                             "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
    for (const char *color : tableau10) {
        if (!taken(QLatin1StringView(color)))
            return QString::fromLatin1(color);
    }
    // Beyond the palette: hues a golden angle (137.5°) apart, at two saturations and brightnesses. HSV to RGB
    // by hand: core links Qt Core only (QColor is Qt Gui).
    for (int n = 0;; ++n) {
        const double hue = std::fmod(15.0 + n * 137.5, 360.0) / 60.0;
        const double value = n % 2 ? 0.62 : 0.80;
        const double chroma = value * ((n / 2) % 2 ? 0.45 : 0.60);
        const double x = chroma * (1 - std::fabs(std::fmod(hue, 2.0) - 1));
        const int sector = int(hue);
        const double r = sector == 0 || sector == 5 ? chroma : sector == 1 || sector == 4 ? x : 0;
        const double g = sector == 1 || sector == 2 ? chroma : sector == 0 || sector == 3 ? x : 0;
        const double b = sector == 3 || sector == 4 ? chroma : sector == 2 || sector == 5 ? x : 0;
        const double m = value - chroma;
        const auto hex = [m](double c) { return QStringLiteral("%1").arg(int(std::lround((c + m) * 255)), 2, 16, QLatin1Char('0')); };
        const QString color = u'#' + hex(r) + hex(g) + hex(b);
        if (!taken(color))
            return color;
    }
}

Result<qint64> SegmentStore::save(const SavedSegment &segment)
{
    try {
        if (segment.name.trimmed().isEmpty())
            return Error{tr("A segment needs a name")};
        Statement existing(m_db, "SELECT id FROM segments WHERE name = ?1");
        existing.bind(1, segment.name);
        if (existing.step()) {
            const qint64 id = existing.int64(0);
            Statement update(m_db, "UPDATE segments SET rule_json = ?1, description = ?2, color = ?3, updated_at = ?4 "
                                   "WHERE id = ?5");
            update.bind(1, ruleJson(segment.rule)).bind(2, text(segment.description)).bind(3, text(segment.color)).bind(4, now()).bind(5, id);
            update.run();
            return id;
        }
        const qint64 position = m_db.scalar("SELECT coalesce(max(position) + 1, 0) FROM segments").toLongLong();
        Statement insert(m_db, "INSERT INTO segments(name, description, color, position, rule_json, created_at, "
                               "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
        insert.bind(1, segment.name).bind(2, text(segment.description)).bind(3, text(segment.color)).bind(4, position)
            .bind(5, ruleJson(segment.rule)).bind(6, now());
        insert.run();
        return m_db.lastInsertRowId();
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::rename(qint64 id, const QString &newName)
{
    try {
        if (auto ok = checkName(newName, id); !ok)
            return ok;
        Statement update(m_db, "UPDATE segments SET name = ?1, updated_at = ?2 WHERE id = ?3");
        update.bind(1, newName).bind(2, now()).bind(3, id);
        update.run();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<qint64> SegmentStore::duplicate(qint64 id, const QString &newName)
{
    try {
        if (auto ok = checkName(newName, -1); !ok)
            return ok.error();
        Statement insert(m_db, "INSERT INTO segments(name, description, color, position, rule_json, created_at, updated_at) "
                               "SELECT ?1, description, color, (SELECT max(position) + 1 FROM segments), rule_json, ?2, ?2 "
                               "FROM segments WHERE id = ?3");
        insert.bind(1, newName).bind(2, now()).bind(3, id);
        insert.run();
        if (m_db.changes() == 0)
            return Error{tr("The segment to duplicate no longer exists")};
        return m_db.lastInsertRowId();
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::remove(qint64 id)
{
    try {
        Statement del(m_db, "DELETE FROM segments WHERE id = ?1");
        del.bind(1, id);
        del.run();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

namespace {

QStringList columnsOf(store::Database &db, const char *table)
{
    QStringList columns;
    Statement info(db, "SELECT name FROM pragma_table_info(?1) ORDER BY cid");
    info.bind(1, QString::fromLatin1(table));
    while (info.step())
        columns << info.text(0);
    return columns;
}

QString columnList(const QStringList &columns)
{
    QStringList quoted;
    for (const QString &column : columns)
        quoted << store::quoteIdentifier(column);
    return quoted.join(u',');
}

} // namespace

Result<std::map<qint64, qint64>> SegmentStore::sizesBefore(const QDate &date)
{
    try {
        std::map<qint64, qint64> sizes;
        Statement query(m_db, "SELECT h.segment_id, h.customers FROM segment_history h "
                              "WHERE h.analysis_date = (SELECT max(analysis_date) FROM segment_history "
                              "WHERE segment_id = h.segment_id AND analysis_date < ?1)");
        query.bind(1, date.toString(Qt::ISODate));
        while (query.step())
            sizes[query.int64(0)] = query.int64(1);
        return sizes;
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<SegmentSnapshot> SegmentStore::snapshot(qint64 id)
{
    try {
        SegmentSnapshot snapshot;
        snapshot.segmentColumns = columnsOf(m_db, "segments");
        Statement row(m_db, QStringLiteral("SELECT %1 FROM segments WHERE id = ?1").arg(columnList(snapshot.segmentColumns)).toStdString());
        row.bind(1, id);
        if (!row.step())
            return Error{tr("There is no segment number %1").arg(id)};
        for (int i = 0; i < row.columnCount(); ++i)
            snapshot.segmentRow << row.value(i);
        snapshot.name = snapshot.segmentRow.value(int(snapshot.segmentColumns.indexOf(QStringLiteral("name")))).toString();
        snapshot.historyColumns = columnsOf(m_db, "segment_history");
        Statement history(m_db, QStringLiteral("SELECT %1 FROM segment_history WHERE segment_id = ?1 ORDER BY id")
                                    .arg(columnList(snapshot.historyColumns)).toStdString());
        history.bind(1, id);
        while (history.step()) {
            QVariantList values;
            for (int i = 0; i < history.columnCount(); ++i)
                values << history.value(i);
            snapshot.historyRows.push_back(values);
        }
        return snapshot;
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::restore(const SegmentSnapshot &snapshot)
{
    try {
        store::Transaction transaction(m_db);
        const auto insert = [this](const char *table, const QStringList &columns, const QVariantList &values) {
            Statement statement(m_db, QStringLiteral("INSERT INTO %1(%2) VALUES (%3)")
                                          .arg(QString::fromLatin1(table), columnList(columns),
                                               QStringLiteral("?,").repeated(columns.size()).chopped(1))
                                          .toStdString());
            for (qsizetype i = 0; i < values.size(); ++i)
                statement.bind(int(i + 1), values[i]);
            statement.run();
        };
        insert("segments", snapshot.segmentColumns, snapshot.segmentRow);
        for (const QVariantList &row : snapshot.historyRows)
            insert("segment_history", snapshot.historyColumns, row);
        transaction.commit();
        return {};
    } catch (const DatabaseError &error) {
        return Error{tr("Cannot put the segment “%1” back: %2").arg(snapshot.name, error.message())};
    }
}

Result<void> SegmentStore::setColor(qint64 id, const QString &color)
{
    try {
        Statement update(m_db, "UPDATE segments SET color = ?1, updated_at = ?2 WHERE id = ?3");
        update.bind(1, text(color)).bind(2, now()).bind(3, id);
        update.run();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::setDescription(qint64 id, const QString &description)
{
    try {
        Statement update(m_db, "UPDATE segments SET description = ?1, updated_at = ?2 WHERE id = ?3");
        update.bind(1, text(description)).bind(2, now()).bind(3, id);
        update.run();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::move(qint64 id, int newPosition)
{
    auto all = list();
    if (!all)
        return all.error();
    std::vector<qint64> order;
    for (const SavedSegment &s : all.value()) {
        if (s.id != id)
            order.push_back(s.id);
    }
    order.insert(order.begin() + std::clamp<qsizetype>(newPosition, 0, qsizetype(order.size())), id);
    try {
        store::Transaction transaction(m_db);
        Statement update(m_db, "UPDATE segments SET position = ?1 WHERE id = ?2");
        for (size_t i = 0; i < order.size(); ++i) {
            update.bind(1, qint64(i)).bind(2, order[i]);
            update.run();
        }
        transaction.commit();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> SegmentStore::recordSize(qint64 id, const QDate &analysisDate, qint64 customers, double revenue,
                                      const QString &lifecycleJson)
{
    try {
        store::Transaction transaction(m_db);
        Statement del(m_db, "DELETE FROM segment_history WHERE segment_id = ?1 AND analysis_date = ?2");
        del.bind(1, id).bind(2, analysisDate.toString(Qt::ISODate));
        del.run();
        Statement insert(m_db, "INSERT INTO segment_history(segment_id, analysis_date, recorded_at, source_id, "
                               "customers, revenue, lifecycle_json) VALUES (?1, ?2, ?3, "
                               "(SELECT max(id) FROM sources), ?4, ?5, ?6)");
        insert.bind(1, id).bind(2, analysisDate.toString(Qt::ISODate)).bind(3, now()).bind(4, customers).bind(5, revenue)
            .bind(6, lifecycleJson);
        insert.run();
        transaction.commit();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Overlap SegmentStore::overlap(const std::vector<qint64> &a, const std::vector<qint64> &b)
{
    Overlap o;
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i] == b[j]) {
            ++o.both;
            ++i;
            ++j;
        } else if (a[i] < b[j]) {
            ++o.onlyA;
            ++i;
        } else {
            ++o.onlyB;
            ++j;
        }
    }
    o.onlyA += qint64(a.size() - i);
    o.onlyB += qint64(b.size() - j);
    return o;
}

} // namespace segmenta::segments
