#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "store/database.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <memory>

namespace segmenta::store {

// A Segmenta workspace: one SQLite file (extension .segmenta) holding the imported sources, fields,
// customers, orders, rejected rows, saved segments, analysis settings and segment history. Any SQLite tool
// can open it.
//
// open() checks a file before writing anything to it: a file that is not SQLite, an SQLite file that is not
// a workspace, a workspace from a newer build, a damaged or truncated file each get a clear message and are
// left exactly as they were. A read-only file opens read-only (and is refused if it would need migrating).
// Before the first write SQLite's quick check runs over the whole file; a damaged workspace opens read-only
// and damage() says what to do. The file itself is only ever opened through SQLite (see FileCheck).
//
// A Workspace owns one connection and belongs to the thread that opened it. Work on other threads opens its
// own connection with openConnection(); the file is in WAL mode, so readers never wait for a writer.
class Workspace
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::store::Workspace)

public:
    static constexpr const char *kFileSuffix = "segmenta";

    enum class Mode {
        ReadWrite,       // open an existing workspace; read-only files open read-only
        ReadOnly,        // never write, even when the file is writable (SQLite may roll back a journal left by a
                         // program that stopped mid-write: that restores the last complete state)
        CreateIfMissing, // like ReadWrite, creating a new workspace when there is no file
    };

    static Result<std::unique_ptr<Workspace>> open(const QString &path, Mode mode = Mode::ReadWrite);
    // Creates a new, empty workspace; refuses to replace an existing file.
    static Result<std::unique_ptr<Workspace>> create(const QString &path);

    // Whether the first writable open of `path` in this process would have to run SQLite's quick check (the file
    // changed since it was last known intact: seconds at a million customers) while the file can meanwhile be
    // read without writing anything: it is writable, at the current version, and no log or journal lies beside
    // it. The window then opens it read-only, shows it at once, and runs checkIntact() on a worker; changes wait
    // until the check has passed. False when anything is unclear: the writable open then checks as always.
    static bool checkPending(const QString &path);
    // Runs the quick check through a read-only connection of its own and remembers the outcome for this process,
    // so that the writable open that follows does not check again (and opens a damaged file read-only). Any
    // thread. Cancelled through `progress` (throws Canceled; nothing is remembered). An error when the file
    // cannot be read at all.
    static Result<bool> checkIntact(const QString &path, Progress *progress = nullptr);
    // How many quick checks this process has run (tests use it to see that a check was not repeated).
    static int quickChecksRun();

    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    QString path() const { return m_path; }
    QString displayName() const;
    bool isReadOnly() const { return m_db.isReadOnly(); }
    // Why a writable file was opened read-only: SQLite's quick check, run before the first write, found it
    // damaged. The sentence says what the user can do. Empty when the workspace opened normally.
    QString damage() const { return m_damage; }

    // Writes a consistent copy of the whole workspace to `target` through SQLite's online backup API, safe while
    // this or another program reads and writes it (a plain file copy beside a journal or log can be damaged).
    // Refuses an existing target unless `replace`, and never writes over the workspace or another database
    // (see FileCheck::checkOutput). The copy is written beside the target and renamed into place when whole.
    Result<void> saveCopy(const QString &target, bool replace = false, Progress *progress = nullptr);
    Database &db() { return m_db; }

    // A further connection to the same file, for another thread.
    Result<Database> openConnection(Database::Access access) const;

    // Analysis settings, stored in the settings table.
    QString setting(const QString &key, const QString &defaultValue = QString());
    void setSetting(const QString &key, const QString &value);
    void removeSetting(const QString &key);

    // The date all "days since" and "in the last N days" figures are relative to: the stored setting; when
    // none is stored, today, unless the newest order is more than kStaleDataDays before today: then the day
    // after the newest order (a shop whose data ends in 2019 is not shown as all dormant).
    QDate analysisDate();
    void setAnalysisDate(const QDate &date); // an invalid date: automatic, as above
    void setAnalysisDateToday();             // today, however old the data (stored as "today")
    // Whether analysisDate() follows the data: no date is stored and the newest order is old.
    bool analysisDateFollowsData();
    // Records the newest order date (imports and their undo call it in their transaction; analysisDate()
    // reads it without scanning the orders).
    static void recordNewestOrderDate(Database &db);
    // Records that the orders or lines changed (imports of orders, their undo and the demo shop call it in
    // their transaction): a new random token under kPurchasesChangedKey, which tells a kept copy of the
    // purchases (rules::PurchaseSnapshot) that it no longer matches, even when the counts and ids came back.
    static void recordPurchasesChanged(Database &db);
    static constexpr const char *kPurchasesChangedKey = "purchases_changed";
    // What the imports since the last undo added to (JSON: the purchase stamp after the last, and the stamps and
    // largest order and customer ids of the states they started from), written by each import in its
    // transaction; see rules::AppendedPurchases.
    static constexpr const char *kPurchasesAppendedKey = "purchases_appended";
    // The same for the customers' metrics (the metrics recompute calls it in its transaction): with the
    // purchases' token, the imports' sources and the fields, it names the state a kept copy of the customers'
    // columns (rules::CustomerSnapshot) copies.
    static void recordMetricsChanged(Database &db);
    static constexpr const char *kMetricsChangedKey = "metrics_changed";
    static constexpr int kStaleDataDays = 30;
    static constexpr const char *kNewestOrderDateKey = "newest_order_date";
    // The day after the latest order, the natural analysis date for historical data (invalid if no orders).
    QDate suggestedAnalysisDate();

    // The currency symbol amounts are shown with (common/money.h): the stored setting, else the symbol of the
    // user's locale. Set through metrics::AnalysisChange, so that a change is undone with the other settings.
    QString currencySymbol();
    static constexpr const char *kCurrencySymbolKey = "currency_symbol";
    // The import (sources.id) whose file gave the currency symbol, while the user has not set one since.
    static constexpr const char *kCurrencyFromImportKey = "currency_symbol_from_import";

    qint64 customerCount();
    qint64 orderCount();

    // Full integrity check (slow on large files; used by tests and `segmenta-cli check`).
    QString integrityCheck();

    static constexpr const char *kAnalysisDateKey = "analysis_date";

private:
    Workspace(QString path, Database db);

    QString m_path;
    Database m_db;
    QString m_damage;
};

} // namespace segmenta::store
