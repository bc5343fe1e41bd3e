#pragma once

#include "import/storedvalue.h"
#include "store/database.h"

#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Rows of one table kept back and stored several to an INSERT statement. Internal to core/import.
namespace segmenta::import::detail {

// An INSERT into `table` that stores its rows in groups: SQLite runs one statement of kRows rows for
// about the work of two of one row (the table's and its indexes' cursors are opened once for all of them).
// A row is begun with the columns it fills (rows of other columns than the pending ones store those
// first), given its values in that order, and kept, its text copied, until kRows rows are pending or
// flush() is called. Whatever reads the table in the same transaction must flush() first, and the import
// must flush() before it commits; rows still pending when the object is destroyed are dropped (the
// import's transaction is then rolled back). Rows are stored in the order they were added. Throws
// store::DatabaseError from flush() and beginRow(). Used on the thread that owns the connection.
class BatchedInsert
{
public:
    static constexpr int kRows = 32;

    BatchedInsert(store::Database &db, const char *table);
    BatchedInsert(const BatchedInsert &) = delete;
    BatchedInsert &operator=(const BatchedInsert &) = delete;

    // Starts a row that fills the columns `columns()` gives (SQL names, quoted as needed), known by `key`.
    void beginRow(const std::string &key, const std::function<QStringList()> &columns);
    void add(qint64 value);
    void add(double value);
    void addNull();
    void add(const StoredValue &value); // as bindStored binds it
    void addUtf8(std::string_view utf8);
    void flush();

private:
    struct Value
    {
        enum class Kind : quint8 { Null, Integer, Real, Text };
        Kind kind = Kind::Null;
        qint64 integer = 0;
        double real = 0;
        std::string text; // (its buffer kept for the next row's value in this place)
    };
    Value &next();
    store::Statement &statement(int rows);
    void bindRows(store::Statement &statement, size_t firstValue, int rows);

    store::Database &m_db;
    const char *m_table;
    std::string m_key;        // the pending rows' columns
    QStringList m_columns;
    std::vector<Value> m_values; // the pending rows' values, row after row
    size_t m_used = 0;
    int m_rows = 0;           // pending
    int m_rowsPerStatement = kRows;
    std::map<std::pair<std::string, int>, std::unique_ptr<store::Statement>> m_statements; // by key and rows
};

} // namespace segmenta::import::detail
