#include "import/storedvalue.h"

#include "import/listcolumns.h"
#include "store/database.h"

#include <QByteArrayView>
#include <QCryptographicHash>
#include <QFile>

#include <algorithm>
#include <bit>
#include <cmath>

namespace segmenta::import::detail {

namespace {

using store::FieldType;

// 2024-07-03 or 2024-07-03T09:41:05, written by hand: QDateTime::toString parses its format every call, which
// showed in profiles of million-row imports.
void putIso(const QDateTime &value, bool dateOnly, StoredValue *out)
{
    const QDate d = value.date();
    const QTime t = value.time();
    char *buffer = out->iso.data();
    const auto put = [buffer](int at, int number, int digits) {
        for (int k = digits - 1; k >= 0; --k, number /= 10)
            buffer[at + k] = char('0' + number % 10);
    };
    put(0, d.year(), 4);
    buffer[4] = '-';
    put(5, d.month(), 2);
    buffer[7] = '-';
    put(8, d.day(), 2);
    out->kind = StoredValue::Kind::Iso;
    out->isoLength = 10;
    if (dateOnly)
        return;
    buffer[10] = 'T';
    put(11, t.hour(), 2);
    buffer[13] = ':';
    put(14, t.minute(), 2);
    buffer[16] = ':';
    put(17, t.second(), 2);
    out->isoLength = 19;
}

bool isAscii(QStringView text)
{
    return std::all_of(text.begin(), text.end(), [](QChar c) { return c.unicode() < 0x80; });
}

} // namespace

QVariant StoredValue::toVariant() const
{
    switch (kind) {
    case Kind::Unreadable:
        return {};
    case Kind::Integer:
        return QVariant::fromValue<qlonglong>(integer);
    case Kind::Real:
        return real;
    case Kind::Iso:
    case Kind::Utf8:
    case Kind::Text:
        return toString();
    }
    return {};
}

double StoredValue::toDouble() const
{
    switch (kind) {
    case Kind::Integer:
        return double(integer);
    case Kind::Real:
        return real;
    default:
        return toVariant().toDouble();
    }
}

QString StoredValue::toString() const
{
    switch (kind) {
    case Kind::Iso:
        return QString::fromLatin1(iso.data(), isoLength);
    case Kind::Utf8:
        return QString::fromUtf8(utf8.data(), qsizetype(utf8.size()));
    case Kind::Text:
        return text;
    default:
        return toVariant().toString();
    }
}

StoredValue storedValue(QStringView raw, std::optional<std::string_view> utf8, const Column &column)
{
    // Spaces, tabs and line breaks around a value are dropped where it is read as a number, date or other typed
    // value; free text keeps them, as typed (a leading tab in "\t=1+1" is part of the value).
    QStringView text = column.field.type == FieldType::Text ? raw : raw.trimmed();
    if (column.field.type == FieldType::Identifier)
        text = withoutLeadingApostrophe(text);
    StoredValue value;
    switch (column.field.type) {
    case FieldType::Integer:
    case FieldType::Decimal:
    case FieldType::Money:
    case FieldType::Percent: {
        const auto number = values::parseNumber(text, column.profile.commaDecimal);
        if (!number)
            return value;
        // A whole number beyond what a double holds exactly (about 16 digits, such as a 20-digit account
        // number) is kept as typed, as text, rather than rounded.
        if (*number == std::floor(*number) && std::fabs(*number) >= 9e15) {
            value.kind = StoredValue::Kind::Text;
            value.text = text.toString();
            return value;
        }
        if (column.field.type == FieldType::Integer && *number == std::floor(*number) && std::fabs(*number) < 9e15) {
            value.kind = StoredValue::Kind::Integer;
            value.integer = qint64(*number);
        } else {
            value.kind = StoredValue::Kind::Real;
            value.real = *number;
        }
        return value;
    }
    case FieldType::Date:
    case FieldType::DateTime: {
        const QDateTime date = values::parseDateTime(text, column.profile.dayOrder);
        if (date.isValid())
            putIso(date, column.field.type == FieldType::Date, &value);
        return value;
    }
    case FieldType::Boolean: {
        const auto yes = values::parseBoolean(text);
        if (yes) {
            value.kind = StoredValue::Kind::Integer;
            value.integer = *yes ? 1 : 0;
        }
        return value;
    }
    default:
        break;
    }
    // Text: the reader's bytes without the trimmed ends, when those ends are ASCII (one byte a character)
    // and the bytes are valid UTF-8 (so they are exactly what the text would be written back as).
    const qsizetype front = text.data() - raw.data();
    const qsizetype back = raw.size() - front - text.size();
    if (utf8 && isAscii(raw.first(front)) && isAscii(raw.last(back))) {
        const std::string_view bytes = utf8->substr(size_t(front), utf8->size() - size_t(front + back));
        if (isAscii(text) || QByteArrayView(bytes.data(), qsizetype(bytes.size())).isValidUtf8()) {
            value.kind = StoredValue::Kind::Utf8;
            value.utf8 = bytes;
            return value;
        }
    }
    value.kind = StoredValue::Kind::Text;
    value.text = text.toString();
    return value;
}

void bindStored(store::Statement &statement, int index, const StoredValue &value)
{
    switch (value.kind) {
    case StoredValue::Kind::Unreadable:
        statement.bindNull(index);
        break;
    case StoredValue::Kind::Integer:
        statement.bind(index, value.integer);
        break;
    case StoredValue::Kind::Real:
        statement.bind(index, value.real);
        break;
    case StoredValue::Kind::Iso:
        statement.bindUtf8Unowned(index, std::string_view(value.iso.data(), value.isoLength));
        break;
    case StoredValue::Kind::Utf8:
        statement.bindUtf8Unowned(index, value.utf8);
        break;
    case StoredValue::Kind::Text:
        statement.bind(index, value.text);
        break;
    }
}

namespace {
// The part of a value that valuesDigest folds in after its slot and kind (nothing for an unreadable value).
quint64 contentHashOf(const StoredValue &value)
{
    switch (value.kind) {
    case StoredValue::Kind::Unreadable:
        return 0;
    case StoredValue::Kind::Integer:
        return quint64(value.integer);
    case StoredValue::Kind::Real:
        return std::bit_cast<quint64>(value.real);
    case StoredValue::Kind::Iso:
        return qHash(QByteArrayView(value.iso.data(), value.isoLength));
    case StoredValue::Kind::Utf8:
        return qHash(QByteArrayView(value.utf8.data(), qsizetype(value.utf8.size())));
    case StoredValue::Kind::Text:
        return qHash(value.text);
    }
    return 0;
}
} // namespace

void hashContent(StoredValue &value)
{
    value.contentHash = contentHashOf(value);
    value.contentHashed = true;
}

quint64 valuesDigest(const std::vector<const StoredValue *> &values)
{
    // splitmix64's finaliser folds each part in, so that the order of the parts counts.
    quint64 h = 0x243f6a8885a308d3ULL;
    const auto mix = [&h](quint64 part) {
        h ^= part + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ULL;
        h = (h ^ (h >> 27)) * 0x94d049bb133111ebULL;
        h ^= h >> 31;
    };
    for (size_t slot = 0; slot < values.size(); ++slot) {
        if (!values[slot])
            continue;
        const StoredValue &value = *values[slot];
        mix(slot);
        mix(quint64(value.kind));
        if (value.kind != StoredValue::Kind::Unreadable)
            mix(value.contentHashed ? value.contentHash : contentHashOf(value));
    }
    return h;
}

KeyFilter::KeyFilter(qint64 expected) : m_bits(size_t(std::max<qint64>(expected, 64)) / 4 + 1, 0) {}

// A key's bits: four in one 64-bit word (one cache line read a key, where spread bits cost four), the word
// and the bits from two hashes of the key.
KeyFilter::Hashes KeyFilter::hashesOf(QStringView key)
{
    return Hashes{qHash(key, size_t(0x9e3779b97f4a7c15ULL)), quint64(qHash(key, size_t(0xc2b2ae3d27d4eb4fULL)))};
}

namespace {

quint64 bitsOf(KeyFilter::Hashes hashes)
{
    const quint64 b = hashes.b;
    return (quint64(1) << (b & 63)) | (quint64(1) << ((b >> 6) & 63)) | (quint64(1) << ((b >> 12) & 63)) |
           (quint64(1) << ((b >> 18) & 63));
}

} // namespace

void KeyFilter::add(Hashes hashes)
{
    m_bits[hashes.a % m_bits.size()] |= bitsOf(hashes);
}

bool KeyFilter::mayContain(Hashes hashes) const
{
    const quint64 bits = bitsOf(hashes);
    return (m_bits[hashes.a % m_bits.size()] & bits) == bits;
}

BackgroundFileHash::BackgroundFileHash(const QString &path)
    : m_thread([this, path] {
          QFile file(path);
          if (!file.open(QIODevice::ReadOnly))
              return;
          QCryptographicHash hash(QCryptographicHash::Blake2b_256);
          QByteArray chunk(1 << 20, Qt::Uninitialized);
          while (!m_stop.load(std::memory_order_relaxed)) {
              const qint64 n = file.read(chunk.data(), chunk.size());
              if (n <= 0)
                  break;
              hash.addData(QByteArrayView(chunk.constData(), n));
          }
          m_hash = QString::fromLatin1(hash.result().toHex());
      })
{
}

BackgroundFileHash::~BackgroundFileHash()
{
    m_stop.store(true, std::memory_order_relaxed);
    if (m_thread.joinable())
        m_thread.join();
}

QString BackgroundFileHash::result()
{
    if (m_thread.joinable())
        m_thread.join();
    return m_hash;
}

} // namespace segmenta::import::detail
