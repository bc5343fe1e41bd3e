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
    // What valuesDigest folds in for the value's content, worked out ahead by hashContent() (on the reading
    // thread, so that the storing thread does not hash the customer's values of every row); otherwise
    // worked out when needed.
    quint64 contentHash = 0;
    bool contentHashed = false;

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

// Sets value.contentHash (see valuesDigest). Call it again after the value changes.
void hashContent(StoredValue &value);

// A 64-bit digest of a row's values by slot (null: no value): equal for equal values in the same slots.
quint64 valuesDigest(const std::vector<const StoredValue *> &values);

// Keys seen so far, as a Bloom filter sized for `expected` keys (about 2 bytes a key, a key's bits in one
// word): mayContain() is true for every key added, and for about 1 in 100 of the others. Lets an import into an empty table
// skip looking up keys that cannot be there yet. Not thread-safe.
class KeyFilter
{
public:
    explicit KeyFilter(qint64 expected);
    // A key's two hashes, which may be worked out on another thread than the filter's.
    struct Hashes
    {
        size_t a = 0;
        quint64 b = 0;
    };
    static Hashes hashesOf(QStringView key);
    void add(QStringView key) { add(hashesOf(key)); }
    void add(Hashes hashes);
    bool mayContain(QStringView key) const { return mayContain(hashesOf(key)); }
    bool mayContain(Hashes hashes) const;

private:
    std::vector<quint64> m_bits;
};

// The BLAKE2b-256 of a file (as `b2sum -l 256` prints it), as lowercase hex, computed on a thread of its own
// so that it costs the import little time when a second core is free. (BLAKE2b: Qt's is four times as fast
// as its SHA-256, 0.3 s against 1.1 s for a 185 MB file.) result() waits for it; destroying the object
// before that stops the hashing early. Empty when the file cannot be read. Owned and called by one thread.
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
