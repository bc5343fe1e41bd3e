#include "store/workspace.h"

#include "store/schema.h"

#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <sqlite3.h>

namespace segmenta::store {

namespace {

constexpr int kSqliteHeaderSize = 100;

// What the 100-byte SQLite header says about a file, read without opening it through SQLite, so that no
// check can write to it.
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

bool isCorruption(int code)
{
    const int primary = code & 0xff;
    return primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR;
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

void configureWritable(Database &db)
{
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = NORMAL");
    db.exec("PRAGMA foreign_keys = ON");
}

} // namespace

Workspace::Workspace(QString path, Database db) : m_path(std::move(path)), m_db(std::move(db)) {}

Workspace::~Workspace() = default;

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
        if (mode == Mode::CreateIfMissing)
            return create(path);
        return Error{tr("“%1” does not exist").arg(path)};
    }
    if (info.isDir())
        return Error{tr("“%1” is a folder, not a Segmenta workspace").arg(path)};

    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read “%1”: %2").arg(name, file.errorString())};
    const QByteArray header = file.read(kSqliteHeaderSize);
    const qint64 fileSize = file.size();
    file.close();

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
            return Error{tr("“%1” is damaged and cannot be opened: %2").arg(name, error.message())};
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
        if (isCorruption(error.code()))
            return Error{tr("“%1” is damaged and cannot be opened: %2").arg(name, error.message())};
        return Error{tr("Cannot open “%1”: %2").arg(name, error.message())};
    }
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
