#pragma once

#include "import/listcolumns.h"
#include "import/storedvalue.h"
#include "import/tableanalysis.h"
#include "read/tablereader.h"

#include <QCoreApplication>
#include <QString>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// The reading half of an import's second pass, on a thread of its own: rows are read, decoded and typed
// while the importer's thread stores the rows before them in SQLite. Internal to core/import.
namespace segmenta::import::detail {

// One non-blank data row, read and typed for the storing thread.
struct PreparedRow
{
    qint64 line = 0;     // the row's number as the reader gives it
    QString key;         // the customer key cell, trimmed
    std::string keyUtf8; // the same as UTF-8
    quint64 keyHash = 0; // qHash of the key
    // Orders: the order's identity. The order id cell trimmed; without an order id, "at:", the customer key,
    // U+001F and the order date-time as stored (rows of one customer at one time are that order's lines);
    // without an order date either, "row:" and a hash of the whole row.
    QString orderKey;
    std::string orderKeyUtf8;
    KeyFilter::Hashes orderKeyHashes;
    quint64 rowHash = 0; // orders without an order id: a hash of every cell, to find rows repeated exactly
    QString address;     // the address cell, when it is to be split
    std::vector<quint8> state;        // by column: kEmpty, kValue or kUnreadable
    std::vector<StoredValue> values;  // by column, for kValue
    std::vector<QString> raw;         // by column, the cell's text for kUnreadable
    bool listTotals = false;          // a customer list's row with a purchase history (ListColumns::totals)
    // Set when the reader could not decode the row's text (read::RowProblem): the row is rejected with this
    // reason, naming the column problemColumn (-1: none) and its text as read.
    QString problem;
    int problemColumn = -1;
    QString problemValue;
    std::vector<char> bytes;          // the UTF-8 text the values point into (on the heap: moving the row
                                      // keeps it where it is, unlike a short std::string's)

    static constexpr quint8 kEmpty = 0;      // blank, skipped by the mapping, or the key column
    static constexpr quint8 kValue = 1;
    static constexpr quint8 kUnreadable = 2; // not readable as the column's type
};

// Reads the rows below the header from `reader`, with `ownThread` on a thread of its own in batches through
// a bounded queue (memory does not grow with the file), otherwise on the caller's thread as next() needs
// them (for readers bound to their thread, such as one that talks to a helper process). The consumer calls
// next() until it gives null, then error(). The columns must not change while the preparer lives.
// Destroying it stops the thread (for a cancel). next() and error() are for one consumer thread.
class RowPreparer
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::detail::RowPreparer)

public:
    struct Setup
    {
        const std::vector<Column> *columns = nullptr;
        size_t headerIndex = 0;
        const Column *keyColumn = nullptr;
        const Column *idColumn = nullptr;      // orders: the order id column (may be null)
        const Column *dateColumn = nullptr;    // orders: the order date column (may be null)
        const Column *addressColumn = nullptr; // the address to split, or null
        bool orders = false;
        bool profile = false;       // also profile every row's cells whose profile matters, for wholeProfiles()
        bool semicolonFile = false; // (the profilers' decimal comma)
        ListColumns list;           // customer lists: names, totals, days since the last order
    };

    RowPreparer(std::unique_ptr<read::TableReader> reader, const Setup &setup, bool ownThread);
    ~RowPreparer();
    RowPreparer(const RowPreparer &) = delete;
    RowPreparer &operator=(const RowPreparer &) = delete;

    // The next row, valid until the following call; null at the end of the rows or on a read error.
    const PreparedRow *next();
    // How far through the file the row last returned is, 0 to 1.
    double progress() const { return m_progress; }
    // The reader's error (or the reading thread's), once next() has given null.
    const std::optional<Error> &error() const { return m_failure ? m_failure : m_reader->error(); }
    // With Setup::profile, once next() has given null: the profiles of the columns from every row, by column
    // (as many as the widest row has cells).
    std::vector<ColumnProfile> wholeProfiles() const;

private:
    struct Batch
    {
        Batch() { rows.reserve(kBatchRows); } // the rows never move
        std::vector<PreparedRow> rows;
        size_t count = 0;
        double progress = 0;
        bool last = false;
    };
    static constexpr size_t kBatchRows = 512;
    static constexpr size_t kBatches = 4; // at most this many batches exist: memory stays bounded

    void produce();                  // the thread's loop
    void fill(Batch &batch);         // reads the next rows into `batch`
    void prepare(const RowText &row, PreparedRow &out) const;

    std::unique_ptr<read::TableReader> m_reader;
    Setup m_setup;
    std::vector<read::Cell> m_cells; // the reading side's
    RowText m_row;
    std::vector<ColumnProfiler> m_profilers; // the reading side's, until the last batch is handed over
    std::vector<size_t> m_profiled;          // the columns whose profile matters (profileMatters)
    qint64 m_rowIndex = -1;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Batch>> m_free, m_ready;
    std::unique_ptr<Batch> m_current; // the consumer's
    size_t m_position = 0;
    double m_progress = 0;
    bool m_stop = false;
    std::optional<Error> m_failure; // set by the reading thread before its last batch
    std::thread m_thread;
};

} // namespace segmenta::import::detail
