#pragma once

#include "import/tableanalysis.h"

#include <QString>
#include <QVariant>

#include <array>
#include <atomic>
#include <optional>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace segmenta::store {
class Statement;
}

// What the second pass of an import stores, without the allocations a QVariant per cell costs on a
// million-row file. Internal to core/import.
namespace segmenta::import::detail {

// One cell typed for its column: a number, ISO date text or text, or unreadable. Text is kept as the UTF-8
// bytes the reader gave when they can be stored as they are (they must then outlive the value: the row's
// cells stay valid until the reader's next row); otherwise as a QString. Plain value; any thread.
struct StoredValue
{
    enum class Kind : quint8 { Unreadable, Integer, Real, Iso, Utf8, Text };
    Kind kind = Kind::Unreadable;
    qint64 integer = 0;
    double real = 0;
    std::string_view utf8;     // Kind::Utf8
    std::array<char, 20> iso{}; // Kind::Iso: 2024-07-03 or 2024-07-03T09:41:05, `isoLength` bytes
    quint8 isoLength = 0;
    QString text; // Kind::Text

    bool isValid() const { return kind != Kind::Unreadable; }
    // The value as the importer held it before (qlonglong, double or QString); invalid when unreadable.
    QVariant toVariant() const;
    // As QVariant::toDouble and QVariant::toString of toVariant().
    double toDouble() const;
    QString toString() const;
};

// The value to store for the cell `text` of `column`; `utf8` is the same text as the reader's UTF-8 bytes
// when it has them (nullopt otherwise). Unreadable when the cell does not read as the column's type.
StoredValue storedValue(QStringView text, std::optional<std::string_view> utf8, const Column &column);

// Binds `value` to parameter `index` without copying its UTF-8 text: `value` (and the row its text points
// into) must outlive the statement's next step. Unreadable binds NULL.
void bindStored(store::Statement &statement, int index, const StoredValue &value);

// The typed values of one row by stored column name, in the order they were first set (a file's rows thus
// give the same order, and find the same prepared INSERT), reused from row to row so storing a row
// allocates nothing. Not thread-safe.
class RowValues
{
public:
    using Entry = std::pair<QString, StoredValue>;

    StoredValue &operator[](const QString &column);
    bool contains(const QString &column) const;
    void erase(const QString &column);
    void clear() { m_entries.clear(); }
    bool empty() const { return m_entries.empty(); }
    size_t size() const { return m_entries.size(); }
    std::vector<Entry>::const_iterator begin() const { return m_entries.begin(); }
    std::vector<Entry>::const_iterator end() const { return m_entries.end(); }

private:
    std::vector<Entry> m_entries;
};

// Keys seen so far, as a Bloom filter sized for `expected` keys (about 2 bytes a key, a key's bits in one
// word): mayContain() is true for every key added, and for about 1 in 100 of the others. Lets an import into an empty table
// skip looking up keys that cannot be there yet. Not thread-safe.
class KeyFilter
{
public:
    explicit KeyFilter(qint64 expected);
    void add(QStringView key);
    bool mayContain(QStringView key) const;

private:
    std::vector<quint64> m_bits;
};

// The SHA-256 of a file, as lowercase hex, computed on a thread of its own so that it costs the import no
// time when a second core is free. result() waits for it; destroying the object before that stops the
// hashing early. Empty when the file cannot be read. Owned and called by one thread.
class BackgroundFileHash
{
public:
    explicit BackgroundFileHash(const QString &path);
    ~BackgroundFileHash();
    BackgroundFileHash(const BackgroundFileHash &) = delete;
    BackgroundFileHash &operator=(const BackgroundFileHash &) = delete;

    QString result();

private:
    std::atomic<bool> m_stop{false};
    QString m_hash;
    std::thread m_thread;
};

} // namespace segmenta::import::detail
