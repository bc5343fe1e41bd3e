#include "store/database.h"

#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>
#include <QUrl>

#include <sqlite3.h>

#include <algorithm>
#include <atomic>

namespace segmenta::store {

namespace {

constexpr int kBusyTimeoutMs = 5000; // how long a connection waits for another's lock

QString sqliteMessage(sqlite3 *db, int code)
{
    if (db)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return QString::fromUtf8(sqlite3_errstr(code));
}

QString fileOf(sqlite3 *db)
{
    const char *name = db ? sqlite3_db_filename(db, "main") : nullptr;
    return name ? QString::fromUtf8(name) : QString();
}

[[noreturn]] void fail(sqlite3 *db, int code)
{
    throw DatabaseError(code, sqliteMessage(db, code), fileOf(db));
}

// `full`: SQLite said the disk is full; otherwise a write failed (a full disk, a file-size limit or quota, or a
// failing disk: SQLite cannot always tell them apart).
QString fullDiskMessage(const QString &name, const QString &path, bool full = true)
{
    const QFileInfo file(path);
    const QStorageInfo storage(file.absolutePath());
    constexpr qint64 kMiB = 1 << 20;
    // A change needs room for its pages twice over (the file and its journal or log): roughly the file's size.
    const qint64 needMiB = std::max<qint64>(file.size() / kMiB + 1, 16);
    const qint64 freeMiB = storage.isValid() ? storage.bytesAvailable() / kMiB : 0;
    const QString disk = QDir::toNativeSeparators(storage.isValid() ? storage.rootPath() : file.absolutePath());
    if (!full) {
        return DatabaseError::tr("%1 could not be written: the disk holding it (%2, %3 MB free) may be full or "
                                 "failing, or the file may have reached a size limit; free at least %4 MB there and "
                                 "try again")
            .arg(name, disk)
            .arg(freeMiB)
            .arg(needMiB);
    }
    return DatabaseError::tr("the disk holding %1 (%2) is full, with %3 MB free; free at least %4 MB there and try "
                             "again")
        .arg(name, disk)
        .arg(freeMiB)
        .arg(needMiB);
}

} // namespace

DatabaseError::DatabaseError(int code, const QString &detail, const QString &path)
    : std::runtime_error(detail.toStdString()), m_code(code), m_detail(detail),
      m_message(describe(code, detail, path))
{
}

bool DatabaseError::isDiskFull() const
{
    return (m_code & 0xff) == SQLITE_FULL;
}

QString DatabaseError::describe(int code, const QString &detail, const QString &path)
{
    const QString name = path.isEmpty() ? tr("the workspace") : u'“' + QFileInfo(path).fileName() + u'”';
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return tr("%1 is busy: another program is writing to it, such as an import from the command line; try again "
                  "when it is done")
            .arg(name);
    case SQLITE_READONLY:
        if (code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY) {
            return tr("%1 was left half-written by a program that stopped, and can be put right only where it may be "
                      "written; open it once with permission to write to it and its folder")
                .arg(name);
        }
        return tr("%1 cannot be changed: it was opened read-only, or the file or its folder is read-only; copy it to "
                  "a folder you can write to")
            .arg(name);
    case SQLITE_FULL:
        return fullDiskMessage(name, path);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return tr("%1 is damaged; run “segmenta-cli check --db FILE” for the details, export what can still be read, "
                  "or restore a copy")
            .arg(name);
    case SQLITE_IOERR:
        if (code == SQLITE_IOERR_NOMEM)
            return tr("there was not enough memory to work on %1; close other programs and try again").arg(name);
        if (code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_TRUNCATE || code == SQLITE_IOERR_FSYNC ||
            code == SQLITE_IOERR_SHMSIZE)
            return fullDiskMessage(name, path, false);
        return tr("%1 could not be read or written (a disk or file-system error); check the disk, then try again").arg(name);
    case SQLITE_CANTOPEN:
        return tr("%1 cannot be opened: check that the file and its folder exist and that you may read and write "
                  "them")
            .arg(name);
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return tr("you do not have permission to change %1").arg(name);
    case SQLITE_NOMEM:
        return tr("there was not enough memory to work on %1; close other programs and try again").arg(name);
    case SQLITE_INTERRUPT:
        return tr("the work on %1 was cancelled").arg(name);
    case SQLITE_TOOBIG:
        return tr("a value is too large to store in %1 (the limit is 1 GB)").arg(name);
    case SQLITE_CONSTRAINT:
        return tr("the change conflicts with what %1 already holds, so nothing was changed").arg(name);
    default:
        break;
    }
    if (detail.contains(u"too many columns"))
        return tr("%1 cannot hold that many columns (a table holds at most 2,000)").arg(name);
    if (detail.contains(u"Expression tree is too large") || detail.contains(u"parser stack overflow") ||
        detail.contains(u"too many terms"))
        return tr("the rule is too large to run in one step; split it into smaller saved segments");
    return tr("an unexpected problem occurred with %1 (code %2); run “segmenta-cli check --db FILE” on it, and report "
              "the problem if it persists")
        .arg(name)
        .arg(code);
}

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_readOnly(other.m_readOnly),
      m_access(other.m_access)
{
}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_readOnly = other.m_readOnly;
        m_access = other.m_access;
    }
    return *this;
}

DirectWrites::DirectWrites(Database &db) : m_db(db)
{
    if (db.isReadOnly() || db.scalar("PRAGMA journal_mode").toString() != u"wal")
        return;
    m_synchronous = int(db.scalar("PRAGMA synchronous").toLongLong());
    // Leaving WAL needs the file to itself: SQLite takes an exclusive lock on the file to do it, and cannot
    // while any other connection (of this process or another) has it open. The proof is that lock, taken by
    // SQLite; with locking_mode EXCLUSIVE it is then kept until this object is destroyed, so no other
    // connection can open the file between two transactions and find it in a mode it did not expect. Asked
    // once, without the usual wait.
    sqlite3_busy_timeout(db.handle(), 0);
    try {
        db.exec("PRAGMA locking_mode = EXCLUSIVE");
        m_active = db.scalar("PRAGMA journal_mode = DELETE").toString() == u"delete";
    } catch (const DatabaseError &) {
        m_active = false;
    }
    sqlite3_busy_timeout(db.handle(), kBusyTimeoutMs);
    if (m_active) {
        db.exec("PRAGMA synchronous = FULL");
        return;
    }
    try {
        db.exec("PRAGMA locking_mode = NORMAL");
        db.scalar("SELECT count(*) FROM sqlite_master"); // the mode takes effect at the next access
    } catch (const DatabaseError &) {
        // Nothing was changed: the connection goes on in WAL as before.
    }
}

DirectWrites::~DirectWrites()
{
    if (!m_active)
        return;
    try {
        // NORMAL first: a connection that enters WAL in EXCLUSIVE mode cannot leave that mode while in WAL.
        m_db.exec("PRAGMA locking_mode = NORMAL");
        m_db.exec("PRAGMA journal_mode = WAL");
        m_db.exec("PRAGMA synchronous = " + std::to_string(m_synchronous));
    } catch (const DatabaseError &) {
        // Left with the rollback journal: the workspace is set to WAL again when it is next opened.
    }
}

Database Database::open(const QString &path, Access access)
{
    // SQLite keeps memory statistics by default, behind a global mutex taken for every allocation it makes;
    // nothing here reads them. (Configuration must precede SQLite's initialisation: the first open does it.)
    static const bool configured = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    Q_UNUSED(configured);
    Database result;
    result.m_path = path;
    result.m_access = access;
    int flags = SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX;
    QByteArray uri = "file:" + QUrl::toPercentEncoding(path, "/");
    switch (access) {
    case Access::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        uri += "?mode=ro";
        result.m_readOnly = true;
        break;
    case Access::Immutable:
        // immutable=1: SQLite neither locks nor writes anything, not even -shm files beside the workspace.
        flags |= SQLITE_OPEN_READONLY;
        uri += "?mode=ro&immutable=1";
        result.m_readOnly = true;
        break;
    case Access::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Access::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const int rc = sqlite3_open_v2(uri.constData(), &result.m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const QString message = sqliteMessage(result.m_db, rc);
        result.close();
        throw DatabaseError(rc, message, path);
    }
    sqlite3_extended_result_codes(result.m_db, 1);
    sqlite3_busy_timeout(result.m_db, kBusyTimeoutMs);
    return result;
}

void Database::close()
{
    if (m_db) {
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

void Database::exec(std::string_view sql)
{
    const std::string copy(sql);
    char *error = nullptr;
    const int rc = sqlite3_exec(m_db, copy.c_str(), nullptr, nullptr, &error);
    if (rc != SQLITE_OK) {
        const QString message = error ? QString::fromUtf8(error) : sqliteMessage(m_db, rc);
        sqlite3_free(error);
        throw DatabaseError(rc, message, fileOf(m_db));
    }
}

QVariant Database::scalar(std::string_view sql)
{
    Statement statement(*this, sql);
    if (!statement.step())
        return {};
    return statement.value(0);
}

qint64 Database::lastInsertRowId() const
{
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    return sqlite3_changes(m_db);
}

bool Database::tableExists(std::string_view table)
{
    Statement statement(*this, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
    statement.bindUtf8(1, table);
    return statement.step();
}

void Database::interrupt()
{
    if (m_db)
        sqlite3_interrupt(m_db);
}

Statement::Statement(Database &db, std::string_view sql) : m_db(&db)
{
    const int rc = sqlite3_prepare_v2(db.handle(), sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db.handle(), rc);
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement &&other) noexcept : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr))
{
}

Statement &Statement::bind(int index, qint64 value)
{
    const int rc = sqlite3_bind_int64(m_stmt, index, value);
    if (rc != SQLITE_OK)
        fail(m_db->handle(), rc);
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    const int rc = sqlite3_bind_double(m_stmt, index, value);
    if (rc != SQLITE_OK)
        fail(m_db->handle(), rc);
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (value.isNull())
        return bindNull(index);
    const QByteArray utf8 = value.toUtf8();
    return bindUtf8(index, std::string_view(utf8.constData(), static_cast<size_t>(utf8.size())));
}

Statement &Statement::bindUtf8(int index, std::string_view utf8)
{
    const int rc = sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        fail(m_db->handle(), rc);
    return *this;
}

Statement &Statement::bindUtf8Unowned(int index, std::string_view utf8)
{
    const int rc = sqlite3_bind_text64(m_stmt, index, utf8.data(), utf8.size(), SQLITE_STATIC, SQLITE_UTF8);
    if (rc != SQLITE_OK)
        fail(m_db->handle(), rc);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    const int rc = sqlite3_bind_null(m_stmt, index);
    if (rc != SQLITE_OK)
        fail(m_db->handle(), rc);
    return *this;
}

Statement &Statement::bind(int index, const QVariant &value)
{
    if (!value.isValid() || value.isNull())
        return bindNull(index);
    switch (value.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return bind(index, value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return bind(index, value.toDouble());
    default:
        return bind(index, value.toString());
    }
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    const QString message = sqliteMessage(m_db->handle(), rc);
    sqlite3_reset(m_stmt);
    throw DatabaseError(rc, message, fileOf(m_db->handle()));
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
}

int Statement::columnCount() const
{
    return sqlite3_column_count(m_stmt);
}

bool Statement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

bool Statement::isNumber(int column) const
{
    const int type = sqlite3_column_type(m_stmt, column);
    return type == SQLITE_INTEGER || type == SQLITE_FLOAT;
}

qint64 Statement::int64(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

std::string_view Statement::utf8(int column) const
{
    const auto *data = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    if (!data)
        return {};
    return {data, static_cast<size_t>(sqlite3_column_bytes(m_stmt, column))};
}

QVariant Statement::value(int column) const
{
    switch (sqlite3_column_type(m_stmt, column)) {
    case SQLITE_INTEGER:
        return QVariant::fromValue<qlonglong>(int64(column));
    case SQLITE_FLOAT:
        return real(column);
    case SQLITE_NULL:
        return {};
    default:
        return text(column);
    }
}

Transaction::Transaction(Database &db) : m_db(db)
{
    static std::atomic<unsigned> counter{0};
    m_name = "sp" + QByteArray::number(counter.fetch_add(1));
    m_db.exec(std::string("SAVEPOINT ") + m_name.constData());
}

Transaction::~Transaction()
{
    if (m_done)
        return;
    try {
        m_db.exec(std::string("ROLLBACK TO ") + m_name.constData() + "; RELEASE " + m_name.constData());
    } catch (const DatabaseError &) {
        // The connection is already gone or SQLite rolled back by itself (e.g. after SQLITE_FULL).
    }
}

void Transaction::commit()
{
    m_db.exec(std::string("RELEASE ") + m_name.constData());
    m_done = true;
}

QString quoteIdentifier(const QString &name)
{
    QString quoted = name;
    quoted.remove(QChar(u'\0'));
    quoted.replace(u'"', QStringLiteral("\"\""));
    return u'"' + quoted + u'"';
}

} // namespace segmenta::store
