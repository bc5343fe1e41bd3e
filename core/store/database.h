#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace segmenta::store {

// Thrown by the SQLite wrapper when SQLite reports an error. Public core APIs catch it at their boundary
// and turn it into a Result with a message for the user; the RAII Transaction rolls back on the way out.
// message() is the user's sentence (clause) for the failure, in Segmenta's words, naming the file and what
// to do: SQLite's own wording never reaches a user. detail() keeps SQLite's text for tests and logs.
class DatabaseError : public std::runtime_error
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::store::DatabaseError)

public:
    // `path` is the database file, when known (it names the file and, on a full disk, the disk).
    DatabaseError(int code, const QString &detail, const QString &path = QString());
    int code() const { return m_code; }
    QString message() const { return m_message; }
    QString detail() const { return m_detail; }
    bool isDiskFull() const;

    // The user's words for an SQLite result code about the file at `path`.
    static QString describe(int code, const QString &detail, const QString &path);

private:
    int m_code;
    QString m_detail;
    QString m_message;
};

// One SQLite connection. Not thread-safe: each thread opens its own Database on the same file (the
// workspace uses WAL, so readers on other threads never wait for an import that is writing).
class Database
{
public:
    enum class Access {
        ReadOnly,        // reads, sees other connections' commits (may create the -shm file of a WAL database)
        Immutable,       // reads a file nobody writes: no locks, no -wal/-shm files; for read-only files
        ReadWrite,
        ReadWriteCreate,
    };

    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;

    // Opens the file. Neither ReadOnly nor Immutable ever writes to the database file.
    // Throws DatabaseError when SQLite cannot open it.
    static Database open(const QString &path, Access access);

    bool isOpen() const { return m_db != nullptr; }
    bool isReadOnly() const { return m_readOnly; }
    Access access() const { return m_access; }
    QString path() const { return m_path; }
    sqlite3 *handle() const { return m_db; }
    void close();

    // Runs one or more statements without results.
    void exec(std::string_view sql);
    // Runs a query and returns the first column of the first row (an invalid QVariant when no row).
    QVariant scalar(std::string_view sql);
    qint64 lastInsertRowId() const;
    int changes() const;
    bool tableExists(std::string_view table);

    // Ask a running statement to stop at its next step (safe from another thread).
    void interrupt();

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    bool m_readOnly = false;
    Access m_access = Access::ReadWrite;
};

// For its lifetime, a connection in WAL mode writes under a rollback journal when it is the only connection to
// the file: a large transaction's pages then go into the file once, instead of into the log and then into the
// file again (13 % of a million-row import). "The only connection" is proved by SQLite itself: leaving WAL
// takes an exclusive lock on the file, which SQLite cannot get while any other connection, in this process or
// another, has it open; the lock is then held (locking_mode EXCLUSIVE) until this object is destroyed, so
// nothing else opens the file meanwhile (a window opening it waits, then says the workspace is busy). When
// another connection has the file open (the app's window, reading), nothing changes, and it goes on reading
// as before. Either way a crash or a kill leaves every transaction wholly done or wholly undone; while the
// journal is used, synchronous is FULL. Construct and destroy it outside a transaction. Not thread-safe, as
// the connection.
class DirectWrites
{
public:
    explicit DirectWrites(Database &db);
    ~DirectWrites();
    DirectWrites(const DirectWrites &) = delete;
    DirectWrites &operator=(const DirectWrites &) = delete;
    // Whether the rollback journal is in use.
    bool active() const { return m_active; }

private:
    Database &m_db;
    bool m_active = false;
    int m_synchronous = 1;
};

// A prepared statement. Bind parameters are 1-based as in SQLite; columns are 0-based.
class Statement
{
public:
    Statement(Database &db, std::string_view sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    Statement(Statement &&other) noexcept;

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, static_cast<qint64>(value)); }
    Statement &bind(int index, long value) { return bind(index, static_cast<qint64>(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value); // a null QString binds NULL
    Statement &bindUtf8(int index, std::string_view utf8);
    // Binds without a copy: the bytes must stay valid and unchanged until the statement has been stepped
    // and reset or bound again (for bulk inserts from buffers that outlive the row).
    Statement &bindUtf8Unowned(int index, std::string_view utf8);
    Statement &bindNull(int index);
    Statement &bind(int index, const QVariant &value);
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, *value) : bindNull(index);
    }

    // Steps once: true while a row is available. Throws on error.
    bool step();
    // Steps a statement that returns no rows, then resets it for the next use.
    void run();
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    // True when the value is stored as an INTEGER or a REAL.
    bool isNumber(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    // The column as UTF-8 bytes, valid until the next step() or reset(); empty for NULL.
    std::string_view utf8(int column) const;
    QVariant value(int column) const;

private:
    Database *m_db;
    sqlite3_stmt *m_stmt = nullptr;
};

// A transaction that rolls back unless commit() is called; nests via savepoints.
class Transaction
{
public:
    explicit Transaction(Database &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    void commit();

private:
    Database &m_db;
    QByteArray m_name;
    bool m_done = false;
};

// Quotes an identifier for SQL ("a""b"). Identifiers in Segmenta's SQL come only from the schema or the
// fields table; this makes even hostile names inert.
QString quoteIdentifier(const QString &name);

} // namespace segmenta::store
