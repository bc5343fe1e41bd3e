#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QString>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::import {

// One cell or row an import could not use, as the rejects table records it.
struct RejectedRow
{
    qint64 row = 0;     // the row the user sees in the file
    QString column;     // empty when the whole row is meant
    QString value;
    QString reason;
};

// The rows and cells one import could not use, for the import summary: listing them and saving them as a
// CSV file the user can fix and import again. Any thread, with that thread's workspace connection.
class RejectList
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::RejectList)

public:
    // How many there are for the import `sourceId`.
    static Result<qint64> count(store::Workspace &workspace, qint64 sourceId);
    // The first `limit` of them, in file order.
    static Result<std::vector<RejectedRow>> list(store::Workspace &workspace, qint64 sourceId, qint64 limit);
    // Writes all of them to `path` as UTF-8 CSV with a BOM (so Excel shows Chinese correctly): Row, Column,
    // Value, Reason. Cells that a spreadsheet would run as a formula are prefixed with an apostrophe. The
    // file is replaced only once complete. Returns the number of rows written.
    static Result<qint64> saveCsv(store::Workspace &workspace, qint64 sourceId, const QString &path);
};

} // namespace segmenta::import
