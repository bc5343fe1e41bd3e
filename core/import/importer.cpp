#include "import/importer.h"

#include "import/currencyguess.h"

#include "import/listcolumns.h"
#include "import/roles.h"
#include "import/rowpreparer.h"
#include "import/rowstore.h"
#include "import/storedvalue.h"
#include "import/tableanalysis.h"
#include "import/valueparser.h"
#include "rules/appendedpurchases.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>

#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>

namespace segmenta::import {

namespace {

using store::Database;
using store::FieldType;
using detail::Column;
using detail::cellText;

using store::Statement;

// The value to store for a cell, or an invalid QVariant when the cell does not read as the column's type.
QVariant typedValue(const QString &raw, const Column &column)
{
    return detail::storedValue(raw, std::nullopt, column).toVariant();
}

QString kindName(ImportKind kind)
{
    return kind == ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers");
}

} // namespace

QJsonObject ImportSummary::toJson() const
{
    QJsonArray fieldArray;
    for (const ImportedField &f : fields) {
        QJsonObject o{{QStringLiteral("name"), f.name},
                      {QStringLiteral("type"), store::fieldTypeName(f.type)},
                      {QStringLiteral("role"), f.role},
                      {QStringLiteral("column"), f.column}};
        if (!f.note.isEmpty())
            o.insert(QStringLiteral("note"), f.note);
        if (!f.storedName.isEmpty())
            o.insert(QStringLiteral("stored_as"), f.storedName);
        fieldArray.append(o);
    }
    QJsonObject json{{QStringLiteral("source_id"), sourceId},
                     {QStringLiteral("file"), fileName},
                     {QStringLiteral("kind"), kindName(kind)},
                     {QStringLiteral("header_row"), headerRow},
                     {QStringLiteral("rows_read"), rowsRead},
                     {QStringLiteral("inserted"), inserted},
                     {QStringLiteral("updated"), updated},
                     {QStringLiteral("unchanged"), unchanged},
                     {QStringLiteral("rejected"), rejected},
                     {QStringLiteral("fields"), fieldArray}};
    if (kind == ImportKind::Customers)
        json.insert(QStringLiteral("list_purchase_history"), listHistory);
    if (kind == ImportKind::Orders) {
        const auto lines = [](const std::vector<qint64> &rows) {
            QJsonArray array;
            for (const qint64 line : rows)
                array.append(line);
            return array;
        };
        json.insert(QStringLiteral("repeated"), repeated);
        json.insert(QStringLiteral("repeated_rows"), lines(repeatedRows));
        json.insert(QStringLiteral("already_present"), alreadyPresent);
        json.insert(QStringLiteral("already_present_rows"), lines(alreadyPresentRows));
        json.insert(QStringLiteral("without_date"), withoutDate);
    }
    if (!encoding.isEmpty())
        json.insert(QStringLiteral("encoding"), encoding);
    if (fallbackLines > 0) {
        QJsonArray lines;
        for (const qint64 line : firstFallbackLines)
            lines.append(line);
        json.insert(QStringLiteral("fallback_encoding"), fallbackEncoding);
        json.insert(QStringLiteral("fallback_lines"), fallbackLines);
        json.insert(QStringLiteral("first_fallback_lines"), lines);
    }
    if (undecodable > 0)
        json.insert(QStringLiteral("undecodable_rows"), undecodable);
    if (delimiter)
        json.insert(QStringLiteral("delimiter"), delimiter == '\t'  ? QStringLiteral("\\t")
                                                 : delimiter == ' ' ? QStringLiteral("whitespace")
                                                                    : QString(QChar::fromLatin1(delimiter)));
    if (!sheet.isEmpty())
        json.insert(QStringLiteral("sheet"), sheet);
    if (!currencySymbol.isEmpty()) {
        json.insert(QStringLiteral("currency_symbol"), currencySymbol);
        json.insert(QStringLiteral("currency_reason"), currencyReason);
    }
    return json;
}

QString ImportSummary::currencyNote() const
{
    if (currencySymbol.isEmpty())
        return {};
    return Importer::tr("Amounts are shown with %1, as %2; the workspace's settings can change it").arg(currencySymbol, currencyReason);
}

QStringList ImportSummary::decodingNotes() const
{
    QStringList notes;
    const QLocale locale;
    if (fallbackLines > 0) {
        QStringList lines;
        for (const qint64 line : firstFallbackLines)
            lines << locale.toString(line);
        if (fallbackLines > qint64(firstFallbackLines.size()))
            lines << QStringLiteral("…");
        notes << Importer::tr("Lines read as %3 because they were not %2: %1 (line numbers %4); check the names on them")
                     .arg(locale.toString(fallbackLines), encoding, fallbackEncoding, lines.join(QStringLiteral(", ")));
    }
    if (undecodable > 0) {
        notes << Importer::tr("Rows left out because they could be read neither as %2 nor as %3: %1 (see the rejected rows)")
                     .arg(locale.toString(undecodable), encoding, fallbackEncoding);
    }
    return notes;
}

namespace {

// A workspace without a currency takes the one the file shows (currencyguess.h), remembering which import
// gave it so that undoing that import takes it back.
void takeCurrencyFromFile(store::Workspace &workspace, const std::vector<Column> &columns, ImportSummary &summary)
{
    const QString currencyKey = QString::fromLatin1(store::Workspace::kCurrencySymbolKey);
    if (!workspace.setting(currencyKey).isEmpty())
        return;
    const std::optional<detail::CurrencyGuess> guess = detail::guessCurrency(columns);
    if (!guess)
        return;
    workspace.setSetting(currencyKey, guess->symbol);
    workspace.setSetting(QString::fromLatin1(store::Workspace::kCurrencyFromImportKey), QString::number(summary.sourceId));
    summary.currencySymbol = guess->symbol;
    summary.currencyReason = guess->reason;
}

// The second pass: the rows below the header stored as `analysis` says, in one transaction. With `verify`
// the analysis came from the first rows only: every row is profiled as it is stored, and when the whole
// columns would be imported otherwise, nothing is kept and `*disagreed` is set.
Result<ImportSummary> storeRows(store::Workspace &workspace, const QString &path, const ImportOptions &options,
                                std::unique_ptr<read::TableReader> reader, detail::TableAnalysis &analysis,
                                detail::BackgroundFileHash &hash, Progress *progress, bool verify, bool *disagreed)
{
    const QString fileName = QFileInfo(path).fileName();
    const size_t headerIndex = analysis.headerIndex;
    const qint64 progressFrom = verify ? qint64(analysis.shareRead * 400) : 400;
    ImportSummary summary;
    summary.fileName = fileName;
    summary.encoding = analysis.encoding;
    summary.delimiter = analysis.delimiter;
    summary.sheet = analysis.sheet;
    summary.headerRow = int(analysis.headLines[headerIndex]);
    summary.rowsRead = analysis.dataRows;
    summary.kind = analysis.kind;

    Database &db = workspace.db();
    try {
        // Two settings of the connection while the rows go in, both restored however the import ends (they
        // cannot change inside a transaction: set before it begins, restored after it ends):
        // - a larger page cache for a large file: the tables' indexes grow in scattered places, and with the
        //   default 2 MB cache SQLite writes and reads their pages again and again. Half the file's size, from
        //   2 MB up to 64 MB (memory only: a cancelled or killed import still leaves nothing behind);
        // - foreign keys unchecked (checking them was a third of SQLite's work): every id the import writes is
        //   one it has just inserted or looked up in this transaction. Tests run PRAGMA foreign_key_check after
        //   imports.
        const std::string restore = "PRAGMA cache_size = " + db.scalar("PRAGMA cache_size").toString().toStdString() +
                                    "; PRAGMA foreign_keys = " + db.scalar("PRAGMA foreign_keys").toString().toStdString();
        const qint64 cacheKiB = std::clamp<qint64>(QFileInfo(path).size() / 2048, 2048, 65536);
        db.exec("PRAGMA cache_size = -" + std::to_string(cacheKiB) + "; PRAGMA foreign_keys = OFF");
        const auto restoreSettings = qScopeGuard([&db, &restore] {
            try {
                db.exec(restore);
            } catch (const store::DatabaseError &) {
                // The connection is going away; the settings go with it.
            }
        });
        // Straight into the file when nothing else has the workspace open (see DirectWrites).
        const store::DirectWrites directWrites(db);
        store::Transaction transaction(db);
        // What this import adds to, before it writes anything: the next read of the purchases extends a kept
        // copy of that state with the rows added (rules::AppendedPurchases).
        rules::AppendedPurchases appended = rules::AppendedPurchases::startingImport(db);
        Statement insertSource(db, "INSERT INTO sources(file_name, file_path, file_hash, file_size, imported_at, kind, "
                                   "encoding, delimiter, header_row, mapping_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        QJsonObject mapping;
        for (const Column &c : analysis.columns) {
            QJsonObject o{{QStringLiteral("role"), c.field.role}, {QStringLiteral("type"), store::fieldTypeName(c.field.type)}};
            if (c.skip)
                o.insert(QStringLiteral("skip"), true);
            mapping.insert(c.field.name, o);
        }
        insertSource.bind(1, fileName)
            .bind(2, QFileInfo(path).absoluteFilePath())
            .bind(3, hash.result())
            .bind(4, QFileInfo(path).size())
            .bind(5, QDateTime::currentDateTimeUtc().toString(Qt::ISODate))
            .bind(6, kindName(summary.kind))
            .bind(7, summary.encoding)
            .bind(8, summary.delimiter ? QString(QChar::fromLatin1(summary.delimiter)) : QString())
            .bind(9, summary.headerRow)
            .bind(10, QString::fromUtf8(QJsonDocument(mapping).toJson(QJsonDocument::Compact)));
        insertSource.run();
        const qint64 sourceId = db.lastInsertRowId();
        summary.sourceId = sourceId;

        // The second pass: the same rows again, stored. A text file's reader holds the whole file, decoded:
        // it starts again from its first row. Workbooks are opened again.
        const qint64 expectedRows = verify ? qint64(double(analysis.dataRows) / std::max(analysis.shareRead, 0.001) * 1.1) : analysis.dataRows;
        if (auto fits = detail::checkWidth(db, analysis.columns, analysis.keyColumn(), summary.kind == ImportKind::Orders, fileName); !fits)
            return fits.error();
        // Customer IDs taken from a personal-data column (a phone or e-mail list) are personal data too: the
        // export's masking masks them (see MemberExporter).
        if (const Column *key = analysis.keyColumn(); key && key->field.role != QLatin1StringView(role::kCustomerId)) {
            Statement personal(db, "INSERT INTO settings(key, value) VALUES ('customer_key_role', ?1) "
                                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
            personal.bind(1, key->field.role);
            personal.run();
        }
        detail::RowStore store(db, analysis, summary, sourceId, expectedRows);
        if (reader->encoding().isEmpty() || !reader->selectSheet(0)) {
            reader.reset(); // (first: never two copies of a file in memory)
            auto again = read::openTable(path, options.read);
            if (!again)
                return again.error();
            reader = std::move(again).value();
        }
        if (const read::DecodingReport decoding = reader->decodingReport(); !decoding.fallback.isEmpty()) {
            summary.fallbackEncoding = decoding.fallback;
            summary.fallbackLines = decoding.fallbackLines;
            summary.firstFallbackLines = decoding.firstFallbackLines;
        }
        // Text files are read and typed on a second thread while this one stores the rows.
        const bool textFile = !reader->encoding().isEmpty();
        detail::RowPreparer rows(std::move(reader), store.preparerSetup(verify, workspace.analysisDate()), textFile);
        qint64 done = 0;
        while (const detail::PreparedRow *incoming = rows.next()) {
            ++done;
            if (progress && done % 4096 == 0) {
                progress->checkCanceled();
                progress->setDone(progressFrom + qint64(rows.progress() * double(1000 - progressFrom)));
            }
            store.store(*incoming);
        }
        store.finish();
        if (rows.error())
            return *rows.error();
        if (verify) {
            if (!detail::wholeFileAgrees(analysis, rows.wholeProfiles())) {
                *disagreed = true;
                return Error{QString()}; // (the transaction is rolled back)
            }
            summary.rowsRead = done;
        } else if (done != summary.rowsRead) {
            return Error{Importer::tr("“%1” changed while it was being imported; nothing was imported, try again").arg(fileName)};
        }
        summary.fields = store.importedFields();
        summary.listHistory = detail::customersWithoutOrders(db, store.listCustomers());
        detail::describeListFields(summary.fields, workspace.analysisDate());
        if (!options.columns.empty())
            detail::rememberLayout(db, analysis);
        takeCurrencyFromFile(workspace, analysis.columns, summary);
        if (summary.kind == ImportKind::Orders) {
            store::Workspace::recordNewestOrderDate(db);
            store::Workspace::recordPurchasesChanged(db);
        }
        Statement counts(db, "UPDATE sources SET rows_read = ?1, inserted = ?2, updated = ?3, unchanged = ?4, rejected = ?5 WHERE id = ?6");
        counts.bind(1, summary.rowsRead).bind(2, summary.inserted).bind(3, summary.updated).bind(4, summary.unchanged)
            .bind(5, summary.rejected).bind(6, sourceId);
        counts.run();
        appended.finishImport(db);
        if (progress)
            progress->checkCanceled();
        transaction.commit();
    } catch (const store::DatabaseError &error) {
        return Error{Importer::tr("Could not import “%1”: %2").arg(fileName, error.message())};
    } catch (const Canceled &) {
        return Error{Importer::tr("The import was cancelled; the workspace is unchanged")};
    }
    return summary;
}

} // namespace

Result<ImportSummary> Importer::run(store::Workspace &workspace, const QString &path, const ImportOptions &options,
                                   Progress *progress)
{
    const QString fileName = QFileInfo(path).fileName();
    if (workspace.isReadOnly())
        return Error{tr("“%1” is read-only; nothing can be imported into it").arg(workspace.displayName())};
    auto opened = read::openTable(path, options.read);
    if (!opened)
        return opened.error();
    std::unique_ptr<read::TableReader> reader = std::move(opened).value();
    detail::BackgroundFileHash hash(path); // recorded with the import, while the rows are read

    // Two passes over the file, so memory does not grow with its length. The first finds the header and
    // profiles the first rows' columns; the second stores the rows. Types are inferred from whole columns:
    // the second pass profiles every row too, and when the whole columns tell otherwise than the first rows
    // (a column of numbers with text far down, say), the import starts again with a first pass over the
    // whole file.
    if (progress)
        progress->setTotal(1000);
    for (qint64 sampleRows = options.sampleRows;; sampleRows = -1) {
        auto analysed = detail::analyseTable(*reader, fileName, options, &workspace.db(), sampleRows, progress, 400);
        if (!analysed)
            return analysed.error();
        detail::TableAnalysis &analysis = analysed.value();
        if (const QString problem = analysis.problem(fileName); !problem.isEmpty())
            return Error{problem};
        bool disagreed = false;
        auto stored = storeRows(workspace, path, options, std::move(reader), analysis, hash, progress, !analysis.wholeFile, &disagreed);
        if (!disagreed)
            return stored;
        auto again = read::openTable(path, options.read);
        if (!again)
            return again.error();
        reader = std::move(again).value();
    }
}

Result<ImportPreview> Importer::preview(const QString &path, const ImportOptions &options, store::Workspace *workspace,
                                       qint64 rowLimit, Progress *progress)
{
    const QString fileName = QFileInfo(path).fileName();
    auto opened = read::openTable(path, options.read);
    if (!opened)
        return opened.error();
    std::unique_ptr<read::TableReader> reader = std::move(opened).value();
    if (progress)
        progress->setTotal(1000);
    auto analysed = detail::analyseTable(*reader, fileName, options, workspace ? &workspace->db() : nullptr, rowLimit, progress, 1000);
    if (!analysed)
        return analysed.error();
    detail::TableAnalysis &analysis = analysed.value();

    ImportPreview preview;
    preview.fileName = fileName;
    preview.sheets = reader->sheets();
    preview.sheet = analysis.sheet;
    preview.encoding = analysis.encoding;
    preview.delimiter = analysis.delimiter;
    preview.topRows = analysis.head;
    preview.topRowNumbers = analysis.headLines;
    preview.headerRow = int(analysis.headLines[analysis.headerIndex]);
    preview.kind = analysis.kind;
    preview.rowsExamined = analysis.dataRows;
    preview.wholeFile = analysis.wholeFile;
    preview.rememberedMapping = analysis.rememberedMapping;
    preview.problem = analysis.problem(fileName);
    for (size_t c = 0; c < analysis.columns.size(); ++c) {
        const Column &column = analysis.columns[c];
        ImportedField f = column.field;
        if (column.field.type == column.profile.type) {
            if (column.profile.unreadable > 0)
                f.note = tr("%1 values could not be read as %2").arg(column.profile.unreadable).arg(detail::typeNoun(f.type));
        } else {
            // The type was chosen or fixed by the role: check it against the rows at hand.
            qint64 bad = 0, checked = 0;
            for (size_t r = analysis.headerIndex + 1; r < analysis.head.size(); ++r) {
                const QString raw = analysis.head[r].value(qsizetype(c));
                if (raw.trimmed().isEmpty())
                    continue;
                ++checked;
                bad += typedValue(raw, column).isValid() ? 0 : 1;
            }
            if (bad > 0)
                f.note = tr("%1 of the first %2 values could not be read as %3").arg(bad).arg(checked).arg(detail::typeNoun(f.type));
        }
        f.dayOrderAmbiguous = column.profile.dayOrderAmbiguous && store::isTemporal(f.type);
        f.monthFirst = column.profile.dayOrder == values::DayOrder::MonthFirst;
        if (f.note.isEmpty() && f.dayOrderAmbiguous)
            f.note = detail::ambiguousDatesNote(column.profile.dayOrder);
        preview.fields.push_back(f);
        preview.fieldSamples.push_back(column.profile.samples);
        preview.skipped.push_back(column.skip);
    }
    detail::describeListFields(preview.fields, workspace ? workspace->analysisDate() : QDate::currentDate(),
                               preview.kind == ImportKind::Customers);
    return preview;
}

Result<void> Importer::undo(store::Workspace &workspace, qint64 sourceId)
{
    Database &db = workspace.db();
    try {
        if (db.scalar(QStringLiteral("SELECT count(*) FROM sources WHERE id = %1").arg(sourceId).toStdString()).toLongLong() == 0)
            return Error{tr("There is no import number %1").arg(sourceId)};
        store::Transaction transaction(db);
        // The lines go first, by name: they would follow their orders only while foreign keys are on.
        Statement lines(db, "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE source_id = ?1)");
        lines.bind(1, sourceId);
        lines.run();
        Statement orders(db, "DELETE FROM orders WHERE source_id = ?1");
        orders.bind(1, sourceId);
        orders.run();
        Statement undo(db, "SELECT row_id, old_json FROM import_undo WHERE source_id = ?1 AND table_name = 'customers' ORDER BY id DESC");
        undo.bind(1, sourceId);
        while (undo.step()) {
            const QJsonObject old = QJsonDocument::fromJson(undo.text(1).toUtf8()).object();
            QStringList assignments;
            for (auto it = old.constBegin(); it != old.constEnd(); ++it)
                assignments << store::quoteIdentifier(it.key()) + QStringLiteral(" = ?");
            if (assignments.isEmpty())
                continue;
            Statement restore(db, QStringLiteral("UPDATE customers SET %1 WHERE id = ?").arg(assignments.join(u',')).toStdString());
            int b = 1;
            for (auto it = old.constBegin(); it != old.constEnd(); ++it)
                restore.bind(b++, it.value().toVariant());
            restore.bind(b, undo.int64(0));
            restore.run();
        }
        Statement customers(db, "DELETE FROM customers WHERE source_id = ?1 AND id NOT IN (SELECT customer_id FROM orders)");
        customers.bind(1, sourceId);
        customers.run();
        db.exec("DELETE FROM customer_metrics WHERE customer_id NOT IN (SELECT id FROM customers)");
        store::Workspace::recordNewestOrderDate(db);
        store::Workspace::recordPurchasesChanged(db);
        Statement fields(db, "SELECT table_name, column_name FROM fields WHERE source_id = ?1 AND origin = 'imported'");
        fields.bind(1, sourceId);
        std::vector<std::pair<QString, QString>> drop;
        while (fields.step())
            drop.emplace_back(fields.text(0), fields.text(1));
        for (const auto &[table, column] : drop)
            db.exec(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2").arg(store::quoteIdentifier(table), store::quoteIdentifier(column)).toStdString());
        Statement forget(db, "DELETE FROM fields WHERE source_id = ?1 AND origin = 'imported'");
        forget.bind(1, sourceId);
        forget.run();
        const QString fromImportKey = QString::fromLatin1(store::Workspace::kCurrencyFromImportKey);
        if (workspace.setting(fromImportKey) == QString::number(sourceId)) {
            workspace.removeSetting(QString::fromLatin1(store::Workspace::kCurrencySymbolKey));
            workspace.removeSetting(fromImportKey);
        }
        Statement source(db, "DELETE FROM sources WHERE id = ?1");
        source.bind(1, sourceId);
        source.run();
        transaction.commit();
        return {};
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not undo import %1: %2").arg(sourceId).arg(error.message())};
    }
}

} // namespace segmenta::import
