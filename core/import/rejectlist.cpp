#include "import/rejectlist.h"

#include "store/database.h"
#include "store/filecheck.h"
#include "store/workspace.h"

#include <QSaveFile>

namespace segmenta::import {

namespace {

QByteArray csvField(QString text)
{
    // A value starting like a formula would be run by Excel or WPS on opening: keep it as text.
    if (!text.isEmpty() && QStringView(u"=+-@\t\r").contains(text.at(0)))
        text.prepend(u'\'');
    if (text.contains(u',') || text.contains(u'"') || text.contains(u'\n') || text.contains(u'\r'))
        text = u'"' + QString(text).replace(u'"', QStringLiteral("\"\"")) + u'"';
    return text.toUtf8();
}

} // namespace

Result<qint64> RejectList::count(store::Workspace &workspace, qint64 sourceId)
{
    try {
        store::Statement query(workspace.db(), "SELECT count(*) FROM rejects WHERE source_id = ?1");
        query.bind(1, sourceId);
        query.step();
        return query.int64(0);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Cannot read the rows the import could not use: %1").arg(error.message())};
    }
}

Result<std::vector<RejectedRow>> RejectList::list(store::Workspace &workspace, qint64 sourceId, qint64 limit)
{
    try {
        store::Statement query(workspace.db(), "SELECT row_number, column_name, raw_value, reason FROM rejects "
                                               "WHERE source_id = ?1 ORDER BY row_number, id LIMIT ?2");
        query.bind(1, sourceId).bind(2, limit);
        std::vector<RejectedRow> rows;
        while (query.step())
            rows.push_back({query.int64(0), query.text(1), query.text(2), query.text(3)});
        return rows;
    } catch (const store::DatabaseError &error) {
        return Error{tr("Cannot read the rows the import could not use: %1").arg(error.message())};
    }
}

Result<qint64> RejectList::saveCsv(store::Workspace &workspace, qint64 sourceId, const QString &path)
{
    if (auto safe = store::FileCheck::checkOutput(path, workspace.path()); !safe)
        return safe.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error{tr("Cannot write “%1”: %2").arg(path, file.errorString())};
    file.write("\xEF\xBB\xBF");
    file.write(csvField(tr("Row")) + ',' + csvField(tr("Column")) + ',' + csvField(tr("Value")) + ',' + csvField(tr("Reason")) + "\r\n");
    qint64 written = 0;
    try {
        store::Statement query(workspace.db(), "SELECT row_number, column_name, raw_value, reason FROM rejects "
                                               "WHERE source_id = ?1 ORDER BY row_number, id");
        query.bind(1, sourceId);
        while (query.step()) {
            file.write(QByteArray::number(query.int64(0)) + ',' + csvField(query.text(1)) + ',' + csvField(query.text(2)) + ',' +
                       csvField(query.text(3)) + "\r\n");
            ++written;
        }
    } catch (const store::DatabaseError &error) {
        file.cancelWriting();
        return Error{tr("Cannot read the rows the import could not use: %1").arg(error.message())};
    }
    if (!file.commit())
        return Error{tr("Cannot write “%1”: %2").arg(path, file.errorString())};
    return written;
}

} // namespace segmenta::import
