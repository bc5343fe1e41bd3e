#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "read/tablereader.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::import {

enum class ImportKind { Auto, Customers, Orders };

struct ImportOptions
{
    read::ReadOptions read;
    ImportKind kind = ImportKind::Auto;
};

struct ImportedField
{
    QString name;  // the header, trimmed and made unique
    store::FieldType type = store::FieldType::Text;
    QString role;  // empty when the column has no built-in role
    QString column; // where it was stored: a built-in column or an added c_<n> / o_<n>
    QString note;  // e.g. "3 values could not be read as dates", "01/07/2024 read as day/month"
};

struct ImportSummary
{
    qint64 sourceId = 0;
    QString fileName;
    QString encoding;
    char delimiter = 0;
    QString sheet;
    ImportKind kind = ImportKind::Customers;
    int headerRow = 0; // 1-based line of the header
    qint64 rowsRead = 0;
    qint64 inserted = 0;
    qint64 updated = 0;
    qint64 unchanged = 0;
    qint64 rejected = 0;
    std::vector<ImportedField> fields;

    QJsonObject toJson() const;
};

// Imports a customer list or an order list into a workspace.
//
// Understands the sheet: finds the header row (also below title rows), trims and de-duplicates header names,
// infers each column's type from all its values, suggests roles from English and Chinese headers, and decides
// whether the file lists customers or orders. Merges: customers are updated by key (empty cells never erase
// what the workspace knows), orders are added by order id (or by a hash of the whole row when there is none;
// rows of one order id are line items and add up), cancelled, closed and refunded orders are kept but flagged,
// orders of unknown customers create them. Importing the same file twice changes nothing.
//
// Every row is accounted for: rows that cannot be used (no customer key, an order without a readable date or
// amount) go to the rejects table with their line, column, value and reason; unreadable values in other
// columns are left empty and recorded there too. The import is one transaction: an error or a cancel leaves
// the workspace exactly as before. Runs on the calling thread with the workspace's connection.
//
// Not done yet: XLSX/XLS/ODS (openTable refuses them with a message), remembered mappings per layout, and
// editing the mapping before the run.
class Importer
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::Importer)

public:
    static Result<ImportSummary> run(store::Workspace &workspace, const QString &path, const ImportOptions &options = {},
                                     Progress *progress = nullptr);
    // Removes an import as a unit: its orders, the customers it created (when no other import's orders
    // refer to them), its fields and rejects; customers it updated get their previous values back.
    static Result<void> undo(store::Workspace &workspace, qint64 sourceId);
};

} // namespace segmenta::import
