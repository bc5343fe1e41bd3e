#include "store/workspace.h"

#include "common/money.h"

#include "store/checkedfiles.h"
#include "store/filecheck.h"
#include "store/schema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QTemporaryFile>
#include <QtEndian>

#include <sqlite3.h>

#include <atomic>
#include <cstdio>
#include <optional>

namespace segmenta::store {

namespace {

constexpr int kSqliteHeaderSize = 100;

// What the 100-byte SQLite header says about a file, read through an immutable connection that can neither
// lock nor write it.
struct HeaderFacts
{
    bool isSqlite = false;
    quint32 pageSize = 0;
    quint32 pageCount = 0;
    bool pageCountValid = false;
    quint32 userVersion = 0;
    quint32 applicationId = 0;
};

HeaderFacts readHeader(const QByteArray &header)
{
    HeaderFacts facts;
    if (header.size() < kSqliteHeaderSize || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return facts;
    facts.isSqlite = true;
    const auto *bytes = reinterpret_cast<const uchar *>(header.constData());
    facts.pageSize = qFromBigEndian<quint16>(bytes + 16);
    if (facts.pageSize == 1)
        facts.pageSize = 65536;
    facts.pageCount = qFromBigEndian<quint32>(bytes + 28);
    // The in-header size is valid only when "version-valid-for" matches the change counter.
    facts.pageCountValid = qFromBigEndian<quint32>(bytes + 92) == qFromBigEndian<quint32>(bytes + 24);
    facts.userVersion = qFromBigEndian<quint32>(bytes + 60);
    facts.applicationId = qFromBigEndian<quint32>(bytes + 68);
    return facts;
}

QString looksLike(const QByteArray &header)
{
    if (header.startsWith("PK\x03\x04"))
        return Workspace::tr("it looks like a spreadsheet or other zip archive; use Import to read spreadsheets");
    if (header.startsWith("\xD0\xCF\x11\xE0"))
        return Workspace::tr("it looks like an old Office document; use Import to read .xls spreadsheets");
    return Workspace::tr("it is not an SQLite database");
}

bool isBusy(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

// What to say when another program holds the workspace locked for longer than a connection waits.
QString busyMessage(const QString &name)
{
    return Workspace::tr("“%1” is busy: another program is writing to it, such as an import from the command line. "
                         "Try again when it is done")
        .arg(name);
}

QString nativeName(const QString &path)
{
    return QFileInfo(path).fileName();
}

// Checks that a database opened read-only has every table a workspace needs.
Result<void> verifySchema(Database &db, const QString &path)
{
    for (const char *table : schema::requiredTables()) {
        if (!db.tableExists(table)) {
            return Error{Workspace::tr("“%1” is damaged or not a Segmenta workspace: the table “%2” is missing")
                             .arg(nativeName(path), QString::fromLatin1(table))};
        }
    }
    // Touch every table once so that a damaged page in a root page shows now rather than later.
    for (const char *table : schema::requiredTables())
        db.scalar(std::string("SELECT count(*) FROM (SELECT 1 FROM ") + table + " LIMIT 1)");
    return {};
}

// The outcome of SQLite's quick check on a file, remembered per process for as long as the file (and its log)
// keep their size and time: the window and its worker open the same workspace one after the other, and the
// second open then costs nothing.
class QuickCheckMemo
{
public:
    static QString stamp(const QString &path)
    {
        const QFileInfo file(path);
        const QFileInfo wal(path + QStringLiteral("-wal"));
        return file.canonicalFilePath() + u'|' + QString::number(file.size()) + u'|' +
               QString::number(file.lastModified().toMSecsSinceEpoch()) + u'|' + QString::number(wal.size()) + u'|' +
               QString::number(wal.lastModified().toMSecsSinceEpoch());
    }
    static std::optional<bool> find(const QString &stamp)
    {
        const QMutexLocker lock(&s_mutex);
        const auto it = s_results.constFind(stamp);
        return it == s_results.cend() ? std::nullopt : std::optional<bool>(*it);
    }
    static void remember(const QString &stamp, bool intact)
    {
        const QMutexLocker lock(&s_mutex);
        if (s_results.size() > 64)
            s_results.clear();
        s_results.insert(stamp, intact);
    }

private:
    static inline QMutex s_mutex;
    static inline QHash<QString, bool> s_results;
};

// Whether SQLite's quick check finds the file intact (every page readable, every b-tree well formed; indexes
// are not compared with their tables). Run before the first write, so that a damaged workspace is never
// written to. Measured in README ("The workspace file").
std::atomic<int> s_quickChecksRun{0};

bool quickCheckPasses(Database &db, const QString &path, const Progress *progress = nullptr)
{
    const QString stamp = QuickCheckMemo::stamp(path);
    if (const auto known = QuickCheckMemo::find(stamp))
        return *known;
    if (CheckedFiles::knownIntact(path)) { // checked by an earlier process, and not changed since
        QuickCheckMemo::remember(stamp, true);
        return true;
    }
    bool intact = false;
    try {
        ++s_quickChecksRun;
        intact = db.scalar("PRAGMA quick_check(1)").toString() == u"ok";
    } catch (const DatabaseError &error) {
        if (isBusy(error.code()) || (error.code() & 0xff) == SQLITE_INTERRUPT)
            throw; // not an answer about the file
        intact = false;
    }
    if (progress)
        progress->checkCanceled(); // an interrupted check says nothing about the file
    QuickCheckMemo::remember(stamp, intact);
    if (!intact)
        CheckedFiles::forget(path);
    return intact;
}

void configureWritable(Database &db)
{
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
}

} // namespace

Workspace::Workspace(QString path, Database db) : m_path(std::move(path)), m_db(std::move(db)) {}

Workspace::~Workspace()
{
    // A writable workspace passed the quick check when it was opened (or was created here), and this process's
    // own writes went through SQLite: the next open (the window's, after its worker's) need not check it again.
    // Remembered across processes too when this was the last connection (CheckedFiles).
    if (m_db.isOpen() && !m_db.isReadOnly()) {
        m_db.close();
        QuickCheckMemo::remember(QuickCheckMemo::stamp(m_path), true);
        CheckedFiles::rememberIntact(m_path);
    }
}

QString Workspace::displayName() const
{
    return QFileInfo(m_path).completeBaseName();
}

Result<std::unique_ptr<Workspace>> Workspace::create(const QString &path)
{
    const QFileInfo info(path);
    if (info.exists())
        return Error{tr("Cannot create “%1”: a file with that name already exists").arg(info.fileName())};
    if (!QFileInfo(info.absolutePath()).isDir())
        return Error{tr("Cannot create “%1”: the folder “%2” does not exist").arg(info.fileName(), info.absolutePath())};
    try {
        Database db = Database::open(path, Database::Access::ReadWriteCreate);
        // Migrate before switching to WAL, so the header in the main file carries the application id and
        // version from the start (open() reads them from there).
        db.exec("BEGIN IMMEDIATE");
        try {
            schema::migrate(db, 0);
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
        configureWritable(db);
        return std::unique_ptr<Workspace>(new Workspace(path, std::move(db)));
    } catch (const DatabaseError &error) {
        QFile::remove(path);
        return Error{tr("Cannot create “%1”: %2").arg(info.fileName(), error.message())};
    }
}

Result<std::unique_ptr<Workspace>> Workspace::open(const QString &path, Mode mode)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    if (!info.exists()) {
        if (const auto usable = FileCheck::checkInput(path); !usable && info.isSymLink())
            return usable.error(); // a link loop, or a link to nothing: said as such
        if (mode == Mode::CreateIfMissing)
            return create(path);
        return Error{tr("“%1” does not exist").arg(path)};
    }
    if (info.isDir())
        return Error{tr("“%1” is a folder, not a Segmenta workspace").arg(path)};
    if (!info.isFile())
        return Error{tr("“%1” is not a regular file (a device, a pipe or a socket), so it cannot be a Segmenta workspace").arg(path)};

    // A journal left by a program that stopped mid-write (a killed import) can only be rolled back by a
    // connection that may write; a read-only one fails on every read, and the header read below may show the
    // unfinished change. SQLite rolls it back on this brief open, restoring the last complete state; nothing
    // else is written. Any error shows again, and is reported, below.
    if (QFileInfo(path + QStringLiteral("-journal")).size() > 0 && info.isWritable() &&
        QFileInfo(info.absolutePath()).isWritable()) {
        try {
            Database recover = Database::open(path, Database::Access::ReadWrite);
            recover.scalar("SELECT count(*) FROM sqlite_master");
        } catch (const DatabaseError &) {
        }
    }
    // Read through SQLite, never a QFile: closing a QFile's descriptor would drop the locks this process's
    // other connections hold on the file (a window's, when a worker opens the workspace again).
    if (!info.isReadable())
        return Error{tr("Cannot read “%1”: you do not have permission to read it").arg(name)};
    const auto start = FileCheck::readFileStart(path, kSqliteHeaderSize);
    if (!start)
        return start.error();
    const QByteArray header = start->bytes;
    const qint64 fileSize = start->size;

    if (header.isEmpty())
        return Error{tr("“%1” is not a Segmenta workspace: the file is empty").arg(name)};
    HeaderFacts facts = readHeader(header);
    // With a write-ahead log beside the file, the newest header may still be in the log: ask SQLite.
    const bool walPresent = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    if (facts.isSqlite && walPresent) {
        try {
            Database db = Database::open(path, Database::Access::ReadWrite);
            facts.applicationId = static_cast<quint32>(db.scalar("PRAGMA application_id").toLongLong());
            facts.userVersion = static_cast<quint32>(db.scalar("PRAGMA user_version").toLongLong());
        } catch (const DatabaseError &error) {
            if (isBusy(error.code()))
                return Error{busyMessage(name)};
            return Error{tr("Cannot open “%1”: %2").arg(name, error.message())};
        }
    }
    if (!facts.isSqlite)
        return Error{tr("“%1” is not a Segmenta workspace: %2").arg(name, looksLike(header))};
    if (facts.applicationId != static_cast<quint32>(schema::kApplicationId))
        return Error{tr("“%1” is an SQLite database but not a Segmenta workspace").arg(name)};
    if (facts.userVersion > static_cast<quint32>(schema::kCurrentVersion)) {
        return Error{tr("“%1” was saved by a newer version of Segmenta (workspace format %2; this version "
                        "reads up to %3). Update Segmenta to open it")
                         .arg(name)
                         .arg(facts.userVersion)
                         .arg(schema::kCurrentVersion)};
    }
    if (facts.pageCountValid && !walPresent && facts.pageSize > 0 &&
        fileSize < qint64(facts.pageSize) * facts.pageCount) {
        return Error{tr("“%1” is damaged: the file is shorter than its header says (%2 of %3 bytes); it may "
                        "have been cut off while copying")
                         .arg(name)
                         .arg(fileSize)
                         .arg(qint64(facts.pageSize) * facts.pageCount)};
    }

    // The owner's write bit counts even for root, who may write anything: a file the user marked read-only
    // is treated as read-only.
    const bool writable = info.isWritable() && info.permission(QFileDevice::WriteOwner) &&
                          QFileInfo(info.absolutePath()).isWritable();
    const bool readOnly = mode == Mode::ReadOnly || !writable;
    const bool needsMigration = facts.userVersion < static_cast<quint32>(schema::kCurrentVersion);

    try {
        // First look through a connection that cannot write: the schema must be intact before anything else.
        // A pending WAL is only applied by a writable connection, so a writable file is checked that way.
        if (readOnly) {
            if (needsMigration) {
                return Error{tr("“%1” is read-only and was saved by an older version of Segmenta; copy it to a "
                                "folder you can write to so that it can be upgraded")
                                 .arg(name)};
            }
            Database db = Database::open(path, writable ? Database::Access::ReadOnly : Database::Access::Immutable);
            if (auto verified = verifySchema(db, path); !verified)
                return verified.error();
            return std::unique_ptr<Workspace>(new Workspace(path, std::move(db)));
        }
        if (!walPresent) {
            Database probe = Database::open(path, Database::Access::Immutable);
            if (facts.userVersion >= 1) {
                if (auto verified = verifySchema(probe, path); !verified)
                    return verified.error();
            }
        }
        Database db = Database::open(path, Database::Access::ReadWrite);
        if (facts.userVersion >= 1) {
            if (auto verified = verifySchema(db, path); !verified)
                return verified.error();
            if (!quickCheckPasses(db, path)) {
                // Damaged: never written to. Opened read-only, so that what can still be read can be exported.
                db.close();
                Database readOnlyDb = Database::open(path, Database::Access::ReadOnly);
                auto workspace = std::unique_ptr<Workspace>(new Workspace(path, std::move(readOnlyDb)));
                workspace->m_damage = tr("“%1” is damaged, so it was opened read-only and nothing will be written to "
                                         "it; run “segmenta-cli check --db %2” for the details, export what can still "
                                         "be read, or restore a copy")
                                          .arg(name, QDir::toNativeSeparators(path));
                return workspace;
            }
        }
        configureWritable(db);
        if (needsMigration) {
            db.exec("BEGIN IMMEDIATE");
            try {
                const int current = static_cast<int>(db.scalar("PRAGMA user_version").toLongLong());
                schema::migrate(db, current);
                db.exec("COMMIT");
            } catch (...) {
                db.exec("ROLLBACK");
                throw;
            }
        }
        return std::unique_ptr<Workspace>(new Workspace(path, std::move(db)));
    } catch (const DatabaseError &error) {
        if (isBusy(error.code()))
            return Error{busyMessage(name)};
        return Error{tr("Cannot open “%1”: %2").arg(name, error.message())}; // the reason says whether it is damaged
    }
}

bool Workspace::checkPending(const QString &path)
{
    const QFileInfo info(path);
    if (!info.isFile() || !info.isWritable() || !info.permission(QFileDevice::WriteOwner) ||
        QFileInfo(path + QStringLiteral("-wal")).size() > 0 || QFileInfo(path + QStringLiteral("-journal")).size() > 0)
        return false;
    if (QuickCheckMemo::find(QuickCheckMemo::stamp(path)) || CheckedFiles::knownIntact(path))
        return false;
    try {
        Database db = Database::open(path, Database::Access::ReadOnly);
        return db.scalar("PRAGMA application_id").toLongLong() == schema::kApplicationId &&
               db.scalar("PRAGMA user_version").toLongLong() == schema::kCurrentVersion &&
               verifySchema(db, path).ok();
    } catch (const DatabaseError &) {
        return false;
    }
}

Result<bool> Workspace::checkIntact(const QString &path, Progress *progress)
{
    try {
        Database db = Database::open(path, Database::Access::ReadOnly);
        // SQLite's check is one long step that only sqlite3_interrupt stops (not the progress handler).
        struct HookGuard
        {
            Progress *progress;
            ~HookGuard()
            {
                if (progress)
                    progress->setCancelHook({});
            }
        } guard{progress};
        if (progress)
            progress->setCancelHook([&db] { db.interrupt(); });
        return quickCheckPasses(db, path, progress);
    } catch (const DatabaseError &error) {
        if (progress && progress->isCanceled())
            throw Canceled();
        if (isBusy(error.code()))
            return Error{busyMessage(nativeName(path))};
        return Error{tr("Cannot open “%1”: %2").arg(nativeName(path), error.message())};
    }
}

int Workspace::quickChecksRun()
{
    return s_quickChecksRun.load();
}

Result<Database> Workspace::openConnection(Database::Access access) const
{
    try {
        const bool fileWritable = QFileInfo(m_path).permission(QFileDevice::WriteOwner);
        if (isReadOnly() || access == Database::Access::ReadOnly || access == Database::Access::Immutable)
            access = fileWritable ? Database::Access::ReadOnly : Database::Access::Immutable;
        Database db = Database::open(m_path, access);
        if (!db.isReadOnly())
            db.exec("PRAGMA foreign_keys = ON");
        return db;
    } catch (const DatabaseError &error) {
        return Error{tr("Cannot open “%1”: %2").arg(nativeName(m_path), error.message())};
    }
}

Result<void> Workspace::saveCopy(const QString &target, bool replace, Progress *progress)
{
    const QFileInfo info(target);
    if (auto safe = FileCheck::checkOutput(target, m_path); !safe)
        return safe.error();
    if (!QFileInfo(info.absolutePath()).isDir())
        return Error{tr("Cannot save a copy as “%1”: the folder “%2” does not exist").arg(target, info.absolutePath())};
    if (info.exists() && !replace)
        return Error{tr("“%1” already exists; choose another name or allow replacing it").arg(target)};
    // Written under a temporary name beside the target and renamed when whole: a failure or a cancel leaves
    // nothing, and an existing file is replaced only by a complete copy.
    QTemporaryFile partial(info.absolutePath() + QStringLiteral("/.segmenta-copy-XXXXXX"));
    if (!partial.open())
        return Error{tr("Cannot save a copy in “%1”: %2").arg(info.absolutePath(), partial.errorString())};
    partial.close();
    try {
        {
            Database copy = Database::open(partial.fileName(), Database::Access::ReadWrite);
            sqlite3_backup *backup = sqlite3_backup_init(copy.handle(), "main", m_db.handle(), "main");
            if (!backup)
                throw DatabaseError(sqlite3_extended_errcode(copy.handle()), QString::fromUtf8(sqlite3_errmsg(copy.handle())), target);
            int rc = SQLITE_OK;
            do {
                rc = sqlite3_backup_step(backup, 1024); // 1,024 pages a step: others may write between steps
                if (progress) {
                    progress->setTotal(sqlite3_backup_pagecount(backup));
                    progress->setDone(sqlite3_backup_pagecount(backup) - sqlite3_backup_remaining(backup));
                    if (progress->isCanceled()) {
                        sqlite3_backup_finish(backup);
                        return Error{tr("Saving a copy of “%1” was cancelled; nothing was written").arg(displayName())};
                    }
                }
                if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED)
                    sqlite3_sleep(50);
            } while (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED);
            sqlite3_backup_finish(backup);
            if (rc != SQLITE_DONE)
                throw DatabaseError(rc, QString::fromUtf8(sqlite3_errstr(rc)), target);
            if (copy.scalar("PRAGMA quick_check(1)").toString() != u"ok")
                return Error{tr("The copy of “%1” did not read back intact; nothing was saved").arg(displayName())};
        }
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            QFile::remove(partial.fileName() + QLatin1StringView(suffix));
        if (std::rename(QFile::encodeName(partial.fileName()).constData(), QFile::encodeName(target).constData()) != 0)
            return Error{tr("Cannot save a copy as “%1”: the file could not be put in place").arg(target)};
        partial.setAutoRemove(false);
        return {};
    } catch (const DatabaseError &error) {
        for (const char *suffix : {"-wal", "-shm", "-journal"})
            QFile::remove(partial.fileName() + QLatin1StringView(suffix));
        return Error{tr("Cannot save a copy of “%1” as “%2”: %3").arg(displayName(), target, error.message())};
    }
}

QString Workspace::setting(const QString &key, const QString &defaultValue)
{
    Statement query(m_db, "SELECT value FROM settings WHERE key = ?1");
    query.bind(1, key);
    return query.step() ? query.text(0) : defaultValue;
}

void Workspace::setSetting(const QString &key, const QString &value)
{
    Statement upsert(m_db, "INSERT INTO settings(key, value) VALUES (?1, ?2) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    upsert.bind(1, key).bind(2, value.isNull() ? QStringLiteral("") : value);
    upsert.run();
}

void Workspace::removeSetting(const QString &key)
{
    Statement remove(m_db, "DELETE FROM settings WHERE key = ?1");
    remove.bind(1, key);
    remove.run();
}

QString Workspace::currencySymbol()
{
    const QString stored = setting(QString::fromLatin1(kCurrencySymbolKey));
    return stored.isEmpty() ? defaultCurrencySymbol() : stored;
}

QDate Workspace::analysisDate()
{
    const QString stored = setting(QString::fromLatin1(kAnalysisDateKey));
    if (const QDate date = QDate::fromString(stored, Qt::ISODate); date.isValid())
        return date;
    if (stored.isEmpty() && analysisDateFollowsData())
        return QDate::fromString(setting(QString::fromLatin1(kNewestOrderDateKey)), Qt::ISODate).addDays(1);
    return QDate::currentDate();
}

bool Workspace::analysisDateFollowsData()
{
    if (!setting(QString::fromLatin1(kAnalysisDateKey)).isEmpty())
        return false;
    const QDate newest = QDate::fromString(setting(QString::fromLatin1(kNewestOrderDateKey)), Qt::ISODate);
    return newest.isValid() && newest.daysTo(QDate::currentDate()) > kStaleDataDays;
}

void Workspace::setAnalysisDateToday()
{
    setSetting(QString::fromLatin1(kAnalysisDateKey), QStringLiteral("today"));
}

void Workspace::recordNewestOrderDate(Database &db)
{
    Statement record(db, "INSERT INTO settings(key, value) SELECT ?1, coalesce(substr(max(order_date), 1, 10), '') FROM orders "
                         "WHERE true ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    record.bind(1, QString::fromLatin1(kNewestOrderDateKey));
    record.run();
}

namespace {

void recordNewToken(Database &db, const char *key)
{
    Statement record(db, "INSERT INTO settings(key, value) VALUES (?1, lower(hex(randomblob(8)))) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    record.bind(1, QString::fromLatin1(key));
    record.run();
}

} // namespace

void Workspace::recordPurchasesChanged(Database &db)
{
    recordNewToken(db, kPurchasesChangedKey);
}

void Workspace::recordMetricsChanged(Database &db)
{
    recordNewToken(db, kMetricsChangedKey);
}

void Workspace::setAnalysisDate(const QDate &date)
{
    if (date.isValid())
        setSetting(QString::fromLatin1(kAnalysisDateKey), date.toString(Qt::ISODate));
    else
        removeSetting(QString::fromLatin1(kAnalysisDateKey));
}

QDate Workspace::suggestedAnalysisDate()
{
    const QString latest = m_db.scalar("SELECT max(substr(order_date, 1, 10)) FROM orders").toString();
    const QDate date = QDate::fromString(latest, Qt::ISODate);
    return date.isValid() ? date.addDays(1) : QDate();
}

qint64 Workspace::customerCount()
{
    return m_db.scalar("SELECT count(*) FROM customers").toLongLong();
}

qint64 Workspace::orderCount()
{
    return m_db.scalar("SELECT count(*) FROM orders").toLongLong();
}

QString Workspace::integrityCheck()
{
    return m_db.scalar("PRAGMA integrity_check").toString();
}

} // namespace segmenta::store
