#pragma once

#include "rules/columncache.h"

#include <QByteArray>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace segmenta::rules {

// A copy of one workspace's orders and lines as ColumnCache reads them (ColumnCache::Purchases), kept as a
// binary file in the user's cache folder, so that the next open reads them back in a few hundred milliseconds
// instead of stepping SQLite through millions of rows (about 4 s at a million customers and 8 M lines, which the
// dashboard's "What this segment buys" card makes every open pay).
//
// Why a file beside the workspace's data rather than in it: the workspace is the user's document, may be
// read-only, and is opened only through SQLite; the copy is disposable, so it belongs in the cache folder, one
// file per workspace named from a hash of the workspace's canonical path. The columns are stored exactly as they
// lie in memory (the narrow integer arrays, dictionaries and bitsets), so reading one is a few large reads
// straight into the vectors, with no parsing and no second copy.
//
// The file is only ever a copy. It names the workspace (its canonical path) and the state it copies (a key
// ColumnCache builds from what changes whenever the orders, lines, purchase fields or customers do), carries a
// format version, ends with a checksum of everything before it, and is written atomically (QSaveFile). A file
// that is missing, of another version or state, truncated or damaged is ignored (read() returns nothing) and
// the orders are read from the workspace as before; deleting the folder is always safe. The files hold
// customers' purchases, so the folder and the files are readable by their owner only.
//
// read() and write() may run on any thread. The settings (folder, minimum size) are set once at start, before
// any workspace is read (the tests point the folder at a temporary one).
class PurchaseSnapshot
{
public:
    static constexpr std::uint32_t kFormatVersion = 1;

    // Where snapshots are kept: <generic cache folder>/segmenta/snapshots by default (shared by the window,
    // the command line and the benchmarks); an empty folder turns snapshots off.
    static QString folder();
    static void setFolder(const QString &folder);
    // Workspaces with fewer lines get no file: SQLite reads them in a fraction of a second anyway, and the
    // user's cache folder is not filled with copies of every small workspace (and of every test's).
    static size_t minimumLines();
    static void setMinimumLines(size_t lines);
    // The snapshot file of the workspace at `workspacePath`; empty when snapshots are off or the workspace has
    // no file of its own.
    static QString fileFor(const QString &workspacePath);

    // The purchases kept in `file` when it copies `workspace` in the state `key`, with the given purchase fields
    // (orders first, then lines, in ColumnCache's order) for a cache of `customers` rows; nothing otherwise.
    // With room for `moreOrders` and `moreLines` rows after those read, so that extending them copies nothing.
    static std::optional<ColumnCache::Purchases> read(const QString &file, const QString &workspace, const QByteArray &key,
                                                      const std::vector<store::FieldInfo> &orderFields,
                                                      const std::vector<store::FieldInfo> &lineFields, size_t customers,
                                                      size_t moreOrders = 0, size_t moreLines = 0);
    // Writes `purchases` to `file` atomically; false when it could not (a full disk, a read-only folder): the
    // next open then reads SQLite again, nothing else happens. Then removes the folder's snapshots of
    // workspaces that no longer exist at their path.
    static bool write(const QString &file, const QString &workspace, const QByteArray &key,
                      const ColumnCache::Purchases &purchases);
    // write() on a worker thread of its own, keeping `owner` (which holds `purchases`, immutable) alive until
    // the file is written.
    static void writeLater(std::shared_ptr<const void> owner, const QString &file, const QString &workspace,
                           const QByteArray &key, const ColumnCache::Purchases &purchases);
    // Waits until every writeLater() has finished (tests, and before quitting).
    static void waitForWrites();

private:
    friend class CustomerSnapshot;
    // A column's arrays and how to read them, written and read the same way for both kinds of snapshot (Out
    // and In are the file's writer and reader, known only to purchasesnapshot.cpp).
    template<typename Out>
    static void writeColumn(Out &out, const ColumnCache::Column &c);
    template<typename In>
    static bool readColumn(In &in, ColumnCache::Column &c, const store::FieldInfo &field, size_t more = 0);
    // Every array of a column, in the file's order: one list for write() and read().
    template<typename ColumnType, typename Visit>
    static void eachArray(ColumnType &c, Visit &&visit)
    {
        visit(c.text);
        visit(c.offsets);
        visit(c.m_int8);
        visit(c.m_int16);
        visit(c.m_int32);
        visit(c.m_doubles);
        visit(c.m_codes8);
        visit(c.m_codes16);
        visit(c.m_codes32);
    }
    static bool consistent(const ColumnCache::Purchases &p, size_t customers);
    static bool consistent(const ColumnCache::Column &column, size_t rows);
};

// The customers' columns (every customer field and metric ColumnCache::load reads) kept the same way as the
// purchases, in the same folder with the same rules: only ever a copy, of the one state of the workspace its key
// names, checked by a checksum and a pass over its codes, written atomically on a worker, readable by its owner
// only. At a million customers it turns the 1.5-2 s of stepping SQLite through the customers and their metrics
// into a few large reads, which is most of the time an open takes until the first figures.
class CustomerSnapshot
{
public:
    static constexpr std::uint32_t kFormatVersion = 1;

    struct Customers
    {
        std::vector<qint64> ids;                 // ascending, one per row
        std::vector<ColumnCache::Column> columns; // in the order of the fields read() was given
    };

    // Workspaces with fewer customers get no file (SQLite reads them in a fraction of a second).
    static size_t minimumCustomers();
    static void setMinimumCustomers(size_t customers);
    // The customers' snapshot file of the workspace at `workspacePath`, in PurchaseSnapshot::folder(); empty
    // when snapshots are off or the workspace has no file of its own.
    static QString fileFor(const QString &workspacePath);

    // The customers kept in `file` when it copies `workspace` in the state `key`, with exactly `fields` as
    // columns; nothing otherwise.
    static std::optional<Customers> read(const QString &file, const QString &workspace, const QByteArray &key,
                                         const std::vector<store::FieldInfo> &fields);
    static bool write(const QString &file, const QString &workspace, const QByteArray &key, const std::vector<qint64> &ids,
                      const std::vector<ColumnCache::Column> &columns);
    // write() on the snapshot writer's thread, keeping `owner` (which holds `ids` and `columns`) alive until
    // the file is written; PurchaseSnapshot::waitForWrites() waits for it too.
    static void writeLater(std::shared_ptr<const void> owner, const QString &file, const QString &workspace,
                           const QByteArray &key, const std::vector<qint64> &ids,
                           const std::vector<ColumnCache::Column> &columns);
};

} // namespace segmenta::rules
