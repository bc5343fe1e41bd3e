#include "rules/purchasesnapshot.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cstring>
#include <mutex>
#include <new>

namespace segmenta::rules {

namespace {

constexpr char kMagic[8] = {'S', 'G', 'M', 'T', 'P', 'U', 'R', 'C'};
constexpr char kCustomersMagic[8] = {'S', 'G', 'M', 'T', 'C', 'U', 'S', 'T'};
constexpr std::uint32_t kByteOrder = 0x01020304; // a file written on a machine of the other byte order is ignored

std::mutex settingsMutex;
QString &folderSetting()
{
    static QString folder = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
                            QStringLiteral("/segmenta/snapshots");
    return folder;
}
std::atomic<size_t> minimumLinesSetting{100000};
std::atomic<size_t> minimumCustomersSetting{100000};

// A 64-bit running checksum of everything written: each 8-byte word goes through a bijective step (xor, a
// multiplication by an odd constant, a rotation), so a change confined to one word always changes the result,
// and random damage elsewhere is missed once in 2^64. About 5 GB/s, a small part of reading the file.
class Checksum
{
public:
    void add(const void *data, size_t size)
    {
        const auto *bytes = static_cast<const unsigned char *>(data);
        size_t i = 0;
        for (; i + 8 <= size; i += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes + i, 8);
            mix(word);
        }
        if (i < size) {
            std::uint64_t word = 0;
            std::memcpy(&word, bytes + i, size - i);
            mix(word ^ (std::uint64_t(size - i) << 56));
        }
        mix(size);
    }
    std::uint64_t value() const { return m_sum; }

private:
    void mix(std::uint64_t word) { m_sum = std::rotl((m_sum ^ word) * 0x9E3779B97F4A7C15ULL, 29); }
    std::uint64_t m_sum = 0x53676d656e746131ULL;
};

class Output
{
public:
    explicit Output(QSaveFile &file)
        : m_file(file)
    {
    }
    void raw(const void *data, size_t size)
    {
        m_sum.add(data, size);
        if (m_ok && size > 0 && m_file.write(static_cast<const char *>(data), qint64(size)) != qint64(size))
            m_ok = false;
    }
    template <typename T>
    void value(T v)
    {
        raw(&v, sizeof v);
    }
    template <typename Container>
    void array(const Container &values)
    {
        value(std::uint64_t(values.size()));
        raw(values.data(), values.size() * sizeof(values[0]));
    }
    void bits(const Bitset &bits)
    {
        value(std::uint64_t(bits.size()));
        array(bits.words());
    }
    bool ok() const { return m_ok; }
    std::uint64_t sum() const { return m_sum.value(); }

private:
    QSaveFile &m_file;
    Checksum m_sum;
    bool m_ok = true;
};

// Reads what Output wrote, never past the end of the file: a length that a damaged file makes huge is refused
// before anything is allocated for it. Once a read fails, every later one fails too.
class Input
{
public:
    explicit Input(QFile &file)
        : m_file(file), m_left(size_t(std::max<qint64>(0, file.size() - file.pos())))
    {
    }
    bool raw(void *data, size_t size)
    {
        if (!m_ok || size > m_left)
            return m_ok = false;
        if (size > 0 && m_file.read(static_cast<char *>(data), qint64(size)) != qint64(size))
            return m_ok = false;
        m_left -= size;
        m_sum.add(data, size);
        return true;
    }
    template <typename T>
    bool value(T &v)
    {
        return raw(&v, sizeof v);
    }
    template <typename Container>
    bool array(Container &values, size_t more = 0) // with room for `more` values after those read
    {
        std::uint64_t count = 0;
        if (!value(count) || count > m_left / sizeof(values[0]))
            return m_ok = false;
        values.reserve(size_t(count) + more);
        values.resize(size_t(count));
        return raw(values.data(), size_t(count) * sizeof(values[0]));
    }
    bool bits(Bitset &bits)
    {
        std::uint64_t size = 0, words = 0;
        if (!value(size) || !value(words) || words != (size + 63) / 64 || words > m_left / 8)
            return m_ok = false;
        bits = Bitset(size_t(size));
        return raw(bits.words().data(), size_t(words) * 8);
    }
    bool ok() const { return m_ok; }
    size_t left() const { return m_left; }
    std::uint64_t sum() const { return m_sum.value(); }

private:
    QFile &m_file;
    size_t m_left;
    Checksum m_sum;
    bool m_ok = true;
};

// Bits past size() are zero, as Bitset promises (forEach would otherwise name rows that do not exist).
bool tidy(const Bitset &bits)
{
    return bits.size() % 64 == 0 || bits.words().empty() || (bits.words().back() >> (bits.size() % 64)) == 0;
}

bool isDictionary(const store::FieldInfo &field)
{
    return !store::isNumeric(field.type) && !store::isTemporal(field.type) && field.type != store::FieldType::Boolean;
}

// The workspace a snapshot file copies, from its header; empty when the file is not a snapshot of this format
// (`magic` and `format` tell the purchases' files from the customers').
QString workspaceOf(const QString &file, const char (&expected)[8], std::uint32_t format)
{
    QFile f(file);
    char magic[sizeof kMagic] = {};
    std::uint32_t version = 0, byteOrder = 0;
    std::uint64_t length = 0;
    if (!f.open(QIODevice::ReadOnly) || f.read(magic, sizeof magic) != qint64(sizeof magic) ||
        std::memcmp(magic, expected, sizeof magic) != 0 || f.read(reinterpret_cast<char *>(&version), 4) != 4 ||
        version != format || f.read(reinterpret_cast<char *>(&byteOrder), 4) != 4 ||
        byteOrder != kByteOrder || f.read(reinterpret_cast<char *>(&length), 8) != 8 || length > (1U << 20) ||
        !f.seek(f.pos() + qint64(length)) || f.read(reinterpret_cast<char *>(&length), 8) != 8 || length > (1U << 16))
        return {};
    return QString::fromUtf8(f.read(qint64(length)));
}

// Removes the snapshots of workspaces that no longer exist (each is as large as the orders it copies), of
// other format versions, and files a write that was killed left behind, keeping `kept`.
void pruneFolder(const QString &folder, const QString &kept)
{
    const QDir dir(folder);
    const auto workspaceOfAny = [](const QFileInfo &info) {
        return info.suffix() == u"customers" ? workspaceOf(info.absoluteFilePath(), kCustomersMagic, CustomerSnapshot::kFormatVersion)
                                             : workspaceOf(info.absoluteFilePath(), kMagic, PurchaseSnapshot::kFormatVersion);
    };
    for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("*.purchases"), QStringLiteral("*.customers")}, QDir::Files)) {
        if (info.absoluteFilePath() == QFileInfo(kept).absoluteFilePath())
            continue;
        const QString workspace = workspaceOfAny(info);
        if (workspace.isEmpty() || !QFileInfo::exists(workspace)) // stat() only: the workspace is not opened
            QFile::remove(info.absoluteFilePath());
    }
    for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("*.purchases.*"), QStringLiteral("*.customers.*")}, QDir::Files)) {
        if (info.lastModified().secsTo(QDateTime::currentDateTime()) > 3600) // not a write in progress
            QFile::remove(info.absoluteFilePath());
    }
}

// Opens `file` for an atomic write in a folder only its owner reads, and writes `magic`; false when it cannot.
bool startFile(QSaveFile &save, const char (&magic)[8])
{
    const QFileInfo info(save.fileName());
    if (!QDir().mkpath(info.absolutePath()))
        return false;
    QFile::setPermissions(info.absolutePath(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!save.open(QIODevice::WriteOnly))
        return false;
    save.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return save.write(magic, sizeof kMagic) == qint64(sizeof kMagic);
}

// The header readHeader() reads: the format version, the byte order, the key and the workspace.
void writeHeader(Output &out, std::uint32_t format, const QByteArray &key, const QString &workspace)
{
    out.value(format);
    out.value(kByteOrder);
    out.array(key);
    out.array(workspace.toUtf8());
}

// Ends a file startFile() began with the checksum of everything written, and puts it in place.
bool finishFile(QSaveFile &save, const Output &out)
{
    const std::uint64_t sum = out.sum();
    if (!out.ok() || save.write(reinterpret_cast<const char *>(&sum), sizeof sum) != qint64(sizeof sum) || !save.commit())
        return false;
    pruneFolder(QFileInfo(save.fileName()).absolutePath(), save.fileName());
    return true;
}

// Opens `file` and reads the magic startFile() wrote, which must be `magic`.
bool openFile(QFile &f, const char (&magic)[8])
{
    char stored[sizeof kMagic] = {};
    return !f.fileName().isEmpty() && f.open(QIODevice::ReadOnly | QIODevice::Unbuffered) &&
           f.read(stored, sizeof stored) == qint64(sizeof stored) && std::memcmp(stored, magic, sizeof stored) == 0;
}

// Reads the rest of the header the writer wrote: format version and byte order, then the key and the
// workspace, which must be `key` and `workspace`.
bool readHeader(Input &in, std::uint32_t format, const QByteArray &key, const QString &workspace)
{
    std::uint32_t version = 0, byteOrder = 0;
    QByteArray storedKey, storedWorkspace;
    return in.value(version) && version == format && in.value(byteOrder) && byteOrder == kByteOrder && in.array(storedKey) &&
           storedKey == key && in.array(storedWorkspace) && storedWorkspace == workspace.toUtf8();
}

// Reads the checksum at the end and whether it is the sum of everything before it, and nothing follows.
bool readEnd(Input &in)
{
    const std::uint64_t expected = in.sum();
    std::uint64_t sum = 0;
    return in.ok() && in.raw(&sum, sizeof sum) && sum == expected && in.left() == 0;
}

QString fileIn(const QString &folder, const QString &workspacePath, const QString &suffix)
{
    // canonicalFilePath() only asks the file system (realpath), it opens nothing: the workspace file is
    // touched by SQLite alone.
    const QString canonical = QFileInfo(workspacePath).canonicalFilePath();
    if (folder.isEmpty() || canonical.isEmpty())
        return {};
    const QByteArray hash = QCryptographicHash::hash(canonical.toUtf8(), QCryptographicHash::Sha256).toHex().left(32);
    return folder + u'/' + QString::fromLatin1(hash) + suffix;
}

QThreadPool &writers()
{
    static QThreadPool pool; // its destructor waits for a write still running when the program ends
    static const bool once = [] {
        pool.setMaxThreadCount(1);
        return true;
    }();
    (void)once;
    return pool;
}

} // namespace

QString PurchaseSnapshot::folder()
{
    const std::lock_guard lock(settingsMutex);
    return folderSetting();
}

void PurchaseSnapshot::setFolder(const QString &folder)
{
    const std::lock_guard lock(settingsMutex);
    folderSetting() = folder;
}

size_t PurchaseSnapshot::minimumLines()
{
    return minimumLinesSetting.load();
}

void PurchaseSnapshot::setMinimumLines(size_t lines)
{
    minimumLinesSetting = lines;
}

QString PurchaseSnapshot::fileFor(const QString &workspacePath)
{
    return fileIn(folder(), workspacePath, QStringLiteral(".purchases"));
}

template<typename Out>
void PurchaseSnapshot::writeColumn(Out &out, const ColumnCache::Column &c)
{
    out.value(std::uint8_t(c.dictionary));
    out.value(std::uint8_t(c.m_width));
    out.value(c.m_base);
    out.bits(c.valid);
    eachArray(c, [&out](const auto &array) { out.array(array); });
}

template<typename In>
bool PurchaseSnapshot::readColumn(In &in, ColumnCache::Column &c, const store::FieldInfo &field, size_t more)
{
    c.field = field;
    std::uint8_t dictionary = 0, width = 0;
    in.value(dictionary);
    in.value(width);
    if (bool(dictionary) != isDictionary(c.field) || width > std::uint8_t(ColumnCache::Column::Width::Double))
        return false;
    c.dictionary = bool(dictionary);
    c.m_width = ColumnCache::Column::Width(width);
    in.value(c.m_base);
    in.bits(c.valid);
    if (more > 0)
        c.reserve(c.valid.size() + more); // the values' array at this width; the others stay empty
    eachArray(c, [&in](auto &array) { in.array(array); });
    return in.ok();
}

bool PurchaseSnapshot::write(const QString &file, const QString &workspace, const QByteArray &key,
                             const ColumnCache::Purchases &p)
{
    QSaveFile save(file);
    if (!startFile(save, kMagic))
        return false;
    Output out(save);
    writeHeader(out, kFormatVersion, key, workspace);
    out.array(p.orderCustomer);
    out.bits(p.validOrder);
    out.bits(p.positiveAmount);
    out.array(p.lineOrder);
    out.array(p.firstLine);
    for (const std::vector<ColumnCache::Column> *columns : {&p.orderColumns, &p.lineColumns}) {
        out.value(std::uint64_t(columns->size()));
        for (const ColumnCache::Column &c : *columns)
            writeColumn(out, c);
    }
    return finishFile(save, out);
}

std::optional<ColumnCache::Purchases> PurchaseSnapshot::read(const QString &file, const QString &workspace,
                                                             const QByteArray &key,
                                                             const std::vector<store::FieldInfo> &orderFields,
                                                             const std::vector<store::FieldInfo> &lineFields,
                                                             size_t customers, size_t moreOrders, size_t moreLines)
{
    QFile f(file);
    if (!openFile(f, kMagic))
        return std::nullopt;
    try {
        Input in(f);
        if (!readHeader(in, kFormatVersion, key, workspace))
            return std::nullopt; // another format, another state of the workspace, another workspace
        ColumnCache::Purchases p;
        in.array(p.orderCustomer, moreOrders);
        in.bits(p.validOrder);
        in.bits(p.positiveAmount);
        in.array(p.lineOrder, moreLines);
        in.array(p.firstLine, moreOrders);
        for (auto [columns, fields, more] : {std::tuple{&p.orderColumns, &orderFields, moreOrders},
                                             std::tuple{&p.lineColumns, &lineFields, moreLines}}) {
            std::uint64_t count = 0;
            if (!in.value(count) || count != fields->size())
                return std::nullopt;
            columns->resize(fields->size());
            for (size_t i = 0; i < fields->size(); ++i) {
                if (!readColumn(in, (*columns)[i], (*fields)[i], more))
                    return std::nullopt;
            }
        }
        if (!readEnd(in) || !consistent(p, customers))
            return std::nullopt;
        return p;
    } catch (const std::bad_alloc &) { // lengths within the file's size, but more than memory holds
        return std::nullopt;
    }
}

// What the evaluators rely on without checking, checked once here: a file whose checksum matches was written
// by this code, but a file of the same version written by a faulty build must not make them read out of bounds.
bool PurchaseSnapshot::consistent(const ColumnCache::Purchases &p, size_t customers)
{
    const size_t orders = p.orders();
    const size_t lines = p.lines();
    if (p.validOrder.size() != orders || p.positiveAmount.size() != orders || !tidy(p.validOrder) || !tidy(p.positiveAmount))
        return false;
    if (p.firstLine.size() != orders + 1 || p.firstLine.front() != 0 || p.firstLine.back() != lines)
        return false;
    for (size_t order = 0; order < orders; ++order) {
        if (p.firstLine[order] > p.firstLine[order + 1])
            return false;
        for (size_t line = p.firstLine[order]; line < p.firstLine[order + 1]; ++line) {
            if (p.lineOrder[line] != order)
                return false;
        }
    }
    if (!std::all_of(p.orderCustomer.begin(), p.orderCustomer.end(),
                     [&](std::uint32_t c) { return c < customers || c == ColumnCache::Purchases::kNoCustomer; }))
        return false;
    return std::all_of(p.orderColumns.begin(), p.orderColumns.end(), [&](const auto &c) { return consistent(c, orders); }) &&
           std::all_of(p.lineColumns.begin(), p.lineColumns.end(), [&](const auto &c) { return consistent(c, lines); });
}

bool PurchaseSnapshot::consistent(const ColumnCache::Column &c, size_t rows)
{
    using Width = ColumnCache::Column::Width;
    if (c.valid.size() != rows || !tidy(c.valid) || c.offsets.size() < 2 || c.offsets[0] != 0 || c.offsets[1] != 0 ||
        c.offsets.back() != c.text.size() || !std::is_sorted(c.offsets.begin(), c.offsets.end()))
        return false;
    // Exactly the array the width names holds the rows; the others are empty.
    const size_t sizes[] = {c.m_int8.size(), c.m_int16.size(), c.m_int32.size(), c.m_doubles.size(),
                            c.m_codes8.size(), c.m_codes16.size(), c.m_codes32.size()};
    size_t used = 0;
    if (c.dictionary) {
        if (c.m_width == Width::Double)
            return false;
        used = 4 + size_t(c.m_width);
    } else {
        used = size_t(c.m_width);
    }
    for (size_t i = 0; i < std::size(sizes); ++i) {
        if (sizes[i] != (i == used ? rows : 0))
            return false;
    }
    if (!c.dictionary)
        return true;
    const size_t words = c.wordCount();
    return c.visitCodes([&](const auto *codes) { return std::all_of(codes, codes + rows, [&](auto code) { return size_t(code) < words; }); });
}

void PurchaseSnapshot::writeLater(std::shared_ptr<const void> owner, const QString &file, const QString &workspace,
                                  const QByteArray &key, const ColumnCache::Purchases &purchases)
{
    writers().start([owner = std::move(owner), file, workspace, key, &purchases]() {
        (void)write(file, workspace, key, purchases);
    });
}

void PurchaseSnapshot::waitForWrites()
{
    writers().waitForDone();
}

size_t CustomerSnapshot::minimumCustomers()
{
    return minimumCustomersSetting.load();
}

void CustomerSnapshot::setMinimumCustomers(size_t customers)
{
    minimumCustomersSetting = customers;
}

QString CustomerSnapshot::fileFor(const QString &workspacePath)
{
    return fileIn(PurchaseSnapshot::folder(), workspacePath, QStringLiteral(".customers"));
}

bool CustomerSnapshot::write(const QString &file, const QString &workspace, const QByteArray &key,
                             const std::vector<qint64> &ids, const std::vector<ColumnCache::Column> &columns)
{
    QSaveFile save(file);
    if (!startFile(save, kCustomersMagic))
        return false;
    Output out(save);
    writeHeader(out, kFormatVersion, key, workspace);
    out.array(ids);
    out.value(std::uint64_t(columns.size()));
    for (const ColumnCache::Column &c : columns)
        PurchaseSnapshot::writeColumn(out, c);
    return finishFile(save, out);
}

std::optional<CustomerSnapshot::Customers> CustomerSnapshot::read(const QString &file, const QString &workspace,
                                                                  const QByteArray &key,
                                                                  const std::vector<store::FieldInfo> &fields)
{
    QFile f(file);
    if (!openFile(f, kCustomersMagic))
        return std::nullopt;
    try {
        Input in(f);
        if (!readHeader(in, kFormatVersion, key, workspace))
            return std::nullopt;
        Customers kept;
        std::uint64_t count = 0;
        if (!in.array(kept.ids) || !in.value(count) || count != fields.size())
            return std::nullopt;
        kept.columns.resize(fields.size());
        for (size_t i = 0; i < fields.size(); ++i) {
            if (!PurchaseSnapshot::readColumn(in, kept.columns[i], fields[i]))
                return std::nullopt;
        }
        // The rows are the customers in ascending id order, and every column has one value a row.
        if (!readEnd(in) || !std::is_sorted(kept.ids.begin(), kept.ids.end()) ||
            std::adjacent_find(kept.ids.begin(), kept.ids.end()) != kept.ids.end() ||
            !std::all_of(kept.columns.begin(), kept.columns.end(),
                         [&](const auto &c) { return PurchaseSnapshot::consistent(c, kept.ids.size()); }))
            return std::nullopt;
        return kept;
    } catch (const std::bad_alloc &) {
        return std::nullopt;
    }
}

void CustomerSnapshot::writeLater(std::shared_ptr<const void> owner, const QString &file, const QString &workspace,
                                  const QByteArray &key, const std::vector<qint64> &ids,
                                  const std::vector<ColumnCache::Column> &columns)
{
    writers().start([owner = std::move(owner), file, workspace, key, &ids, &columns]() {
        (void)write(file, workspace, key, ids, columns);
    });
}

} // namespace segmenta::rules
