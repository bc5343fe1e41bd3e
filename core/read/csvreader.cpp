#include "read/csvreader.h"

#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <uchardet.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>

namespace segmenta::read {

namespace {

constexpr qint64 kMaxFileSize = qint64(2) * 1024 * 1024 * 1024; // 2 GiB: larger text files are refused

// Fields per line for a candidate delimiter over the first lines, outside quotes.
int delimiterScore(const QByteArray &text, char delimiter)
{
    std::map<int, int> counts;
    int fields = 1;
    bool quoted = false;
    int lines = 0;
    for (qsizetype i = 0; i < text.size() && lines < 30; ++i) {
        const char c = text[i];
        if (c == '"') {
            quoted = !quoted;
        } else if (!quoted && c == delimiter) {
            ++fields;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            ++counts[fields];
            fields = 1;
            ++lines;
        }
    }
    if (fields > 1 && lines < 30)
        ++counts[fields];
    int best = 0;
    for (const auto &[n, times] : counts) {
        if (n > 1)
            best = std::max(best, times * 100 + n); // most consistent first, then most columns
    }
    return best;
}

// The same for runs of spaces and tabs as one delimiter, ignored at the start and end of a line (text that
// lines columns up with spaces, such as CDNOW_master.txt).
int whitespaceScore(const QByteArray &text)
{
    std::map<int, int> counts;
    int fields = 0;
    bool quoted = false, inCell = false;
    int lines = 0;
    for (qsizetype i = 0; i < text.size() && lines < 30; ++i) {
        const char c = text[i];
        if (c == '"')
            quoted = !quoted;
        if (quoted) {
            continue;
        } else if (c == ' ' || c == '\t') {
            inCell = false;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            if (fields > 0) {
                ++counts[fields];
                ++lines;
            }
            fields = 0;
            inCell = false;
        } else if (!inCell) {
            inCell = true;
            ++fields;
        }
    }
    if (fields > 0 && lines < 30)
        ++counts[fields];
    int best = 0;
    for (const auto &[n, times] : counts) {
        if (n > 1)
            best = std::max(best, times * 100 + n);
    }
    return best;
}

} // namespace

// Whether at least half of the lines with characters outside ASCII are valid UTF-8: a UTF-8 file with some
// rows pasted in from another encoding, which uchardet would take for a single-byte encoding that reads
// every byte (and so would turn the UTF-8 rows into other characters without a word).
bool CsvReader::mostlyUtf8(QByteArrayView bytes)
{
    qint64 utf8 = 0, other = 0;
    for (qsizetype start = 0; start < bytes.size();) {
        qsizetype end = start;
        bool ascii = true;
        while (end < bytes.size() && bytes[end] != '\n' && bytes[end] != '\r') {
            ascii = ascii && (static_cast<unsigned char>(bytes[end]) & 0x80) == 0;
            ++end;
        }
        if (!ascii)
            (isValidUtf8(bytes.sliced(start, end - start)) ? utf8 : other) += 1;
        start = end + 1;
    }
    return utf8 > 0 && utf8 >= other;
}

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF. Written out because Qt's decoder
// replaces bad sequences silently instead of saying there were any.
bool CsvReader::isValidUtf8(QByteArrayView bytes)
{
    const auto *s = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        // Eight ASCII bytes at a time (most of a shop's export is ASCII).
        while (i + 8 <= n) {
            quint64 word;
            std::memcpy(&word, s + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned int cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        for (int k = 1; k <= extra; ++k) {
            if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

QString CsvReader::detectEncoding(const QByteArray &bytes)
{
    if (bytes.startsWith("\xEF\xBB\xBF"))
        return QStringLiteral("UTF-8");
    if (bytes.startsWith("\xFF\xFE"))
        return QStringLiteral("UTF-16LE");
    if (bytes.startsWith("\xFE\xFF"))
        return QStringLiteral("UTF-16BE");
    // UTF-16 without a mark: text made of ASCII shows a NUL in every other byte.
    const qsizetype sample = std::min<qsizetype>(bytes.size(), 4096);
    int evenNul = 0, oddNul = 0;
    for (qsizetype i = 0; i < sample; ++i) {
        if (bytes[i] == 0)
            (i % 2 ? oddNul : evenNul) += 1;
    }
    if (oddNul > sample / 4 && evenNul < sample / 50)
        return QStringLiteral("UTF-16LE");
    if (evenNul > sample / 4 && oddNul < sample / 50)
        return QStringLiteral("UTF-16BE");
    if (isValidUtf8(bytes) || mostlyUtf8(QByteArrayView(bytes).first(std::min<qsizetype>(bytes.size(), 4 * 1024 * 1024))))
        return QStringLiteral("UTF-8");
    uchardet_t detector = uchardet_new();
    uchardet_handle_data(detector, bytes.constData(), size_t(std::min<qsizetype>(bytes.size(), 4 * 1024 * 1024)));
    uchardet_data_end(detector);
    const QString guess = QString::fromLatin1(uchardet_get_charset(detector)).toUpper();
    uchardet_delete(detector);
    if (guess == u"GB2312" || guess == u"GBK" || guess == u"GB18030" || guess == u"HZ-GB-2312")
        return QStringLiteral("GB18030");
    if (guess == u"BIG5" || guess == u"BIG5-HKSCS" || guess == u"EUC-TW")
        return QStringLiteral("Big5");
    if (guess == u"SHIFT_JIS" || guess == u"CP932")
        return QStringLiteral("Shift_JIS");
    if (guess.isEmpty() || guess == u"ASCII" || guess.startsWith(u"ISO-8859") || guess.startsWith(u"WINDOWS-125"))
        return guess.startsWith(u"WINDOWS-125") ? guess.toLower() : QStringLiteral("windows-1252");
    return guess;
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const QString &path, const ReadOptions &options)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{tr("Cannot read “%1”: %2").arg(name, file.errorString())};
    if (file.size() > kMaxFileSize)
        return Error{tr("“%1” is larger than 2 GB; split it into smaller files").arg(name)};
    const QByteArray bytes = file.readAll();
    std::unique_ptr<CsvReader> reader(new CsvReader);
    reader->m_path = path;
    reader->m_encoding = options.encoding.isEmpty() ? detectEncoding(bytes) : QString::fromLatin1(options.encoding);
    const bool checkLines = options.encoding.isEmpty() && !reader->m_encoding.startsWith(u"UTF-16") &&
                            !(reader->m_encoding == u"UTF-8" && isValidUtf8(QByteArrayView(bytes).sliced(bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0)));
    if (checkLines) {
        if (!QStringDecoder(reader->m_encoding.toLatin1().constData()).isValid())
            return Error{tr("“%1”: the encoding “%2” is not known").arg(name, reader->m_encoding)};
        reader->decodeByLine(bytes);
    } else if (reader->m_encoding == u"UTF-8") {
        reader->m_text = bytes.startsWith("\xEF\xBB\xBF") ? bytes.mid(3) : bytes;
        if (!options.encoding.isEmpty() && !isValidUtf8(reader->m_text))
            return Error{tr("“%1” is not valid UTF-8; choose its encoding (for example GB18030)").arg(name)};
    } else {
        QStringDecoder decoder(reader->m_encoding.toLatin1().constData(), QStringDecoder::Flag::Stateless);
        if (!decoder.isValid())
            return Error{tr("“%1”: the encoding “%2” is not known").arg(name, reader->m_encoding)};
        QString text = decoder(bytes);
        if (decoder.hasError())
            return Error{tr("“%1” cannot be read as %2; choose another encoding").arg(name, reader->m_encoding)};
        if (text.startsWith(QChar(0xFEFF)))
            text.remove(0, 1);
        reader->m_text = text.toUtf8();
    }
    if (reader->m_text.contains('\0'))
        return Error{tr("“%1” is not a text file (it contains NUL bytes); is it a spreadsheet saved under the wrong name?").arg(name)};
    if (options.delimiter) {
        reader->m_delimiter = options.delimiter;
    } else {
        int best = -1;
        for (const char candidate : {',', '\t', ';', '|'}) {
            const int score = delimiterScore(reader->m_text, candidate);
            if (score > best) {
                best = score;
                reader->m_delimiter = candidate;
            }
        }
        // Runs of spaces only when they split the lines into the same number of columns on more than twice as
        // many lines as the best delimiter does (text cells hold spaces too).
        if (const int spaces = whitespaceScore(reader->m_text); spaces / 100 > 2 * (std::max(best, 0) / 100)) {
            reader->m_delimiter = ' ';
        }
    }
    return reader;
}

namespace {
bool isAscii(QByteArrayView bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; });
}
} // namespace

// Each line on its own (line ends are the same bytes in every encoding read here, and never part of a
// character): a line in the detected encoding as it is; otherwise in the fallback when that reads it cleanly;
// otherwise with replacement characters, its number kept so that its row is reported (findRowProblem).
// A line that is valid UTF-8 with characters outside ASCII is taken as UTF-8 even in a GB18030 file: text
// in a legacy encoding is valid UTF-8 only by rare accident, while a GB18030 decoder reads most UTF-8 as
// other characters without any error.
void CsvReader::decodeByLine(const QByteArray &bytes)
{
    const bool utf8File = m_encoding == u"UTF-8";
    QByteArrayView body(bytes);
    if (utf8File && body.startsWith("\xEF\xBB\xBF"))
        body = body.sliced(3);
    m_decoding.fallback = utf8File ? QStringLiteral("GB18030") : QStringLiteral("UTF-8");
    QStringDecoder decoder(utf8File ? "GB18030" : m_encoding.toLatin1().constData(), QStringDecoder::Flag::Stateless);
    const auto noteFallback = [this](qint64 line) {
        if (m_decoding.firstFallbackLines.size() < 10)
            m_decoding.firstFallbackLines.push_back(line);
        ++m_decoding.fallbackLines;
    };
    m_text.reserve(body.size() + body.size() / 4);
    const qsizetype n = body.size();
    qint64 line = 1;
    for (qsizetype start = 0; start < n; ++line) {
        qsizetype end = start;
        while (end < n && body[end] != '\n' && body[end] != '\r')
            ++end;
        const qsizetype next = end >= n ? n : (body[end] == '\r' && end + 1 < n && body[end + 1] == '\n') ? end + 2 : end + 1;
        const QByteArrayView content = body.sliced(start, end - start);
        if (isAscii(content)) {
            m_text.append(content);
        } else if (isValidUtf8(content)) {
            m_text.append(content);
            if (!utf8File)
                noteFallback(line);
        } else {
            decoder.resetState();
            const QString text = decoder(content);
            if (!decoder.hasError()) {
                m_text.append(text.toUtf8());
                if (utf8File)
                    noteFallback(line);
            } else {
                m_text.append((utf8File ? QString::fromUtf8(content) : text).toUtf8());
                m_undecodableLines.push_back(line);
                ++m_decoding.undecodableLines;
            }
        }
        m_text.append(body.sliced(end, next - end));
        start = next;
    }
    if (m_text.startsWith("\xEF\xBB\xBF")) // a byte-order mark in the legacy encoding
        m_text.remove(0, 3);
}

// Sets m_rowProblem when the record just read (lines m_rowLine up to m_line) holds an undecodable line.
void CsvReader::findRowProblem(const std::vector<Cell> &row)
{
    m_rowProblem.reset();
    const auto bad = std::lower_bound(m_undecodableLines.begin(), m_undecodableLines.end(), m_rowLine);
    if (bad == m_undecodableLines.end() || *bad >= m_line)
        return;
    int column = -1;
    for (size_t c = 0; c < row.size() && column < 0; ++c) {
        if (row[c].text.find("\xEF\xBF\xBD") != std::string_view::npos)
            column = int(c);
    }
    const QString name = QFileInfo(m_path).fileName();
    m_rowProblem = RowProblem{
        column, column < 0 ? tr("“%1”, line %2: the text is neither %3 nor %4, so the row was left out; if the file is in "
                                "another encoding, choose it when importing")
                                 .arg(name)
                                 .arg(*bad)
                                 .arg(m_encoding, m_decoding.fallback)
                           : tr("“%1”, line %2, column %3: the text is neither %4 nor %5, so the row was left out; if the "
                                "file is in another encoding, choose it when importing")
                                 .arg(name)
                                 .arg(*bad)
                                 .arg(column + 1)
                                 .arg(m_encoding, m_decoding.fallback)};
}

QList<SheetInfo> CsvReader::sheets() const
{
    return {SheetInfo{QFileInfo(m_path).completeBaseName(), false, -1}};
}

Result<void> CsvReader::selectSheet(int index)
{
    if (index != 0)
        return Error{tr("A text file has only one table")};
    m_pos = 0;
    m_line = 1;
    m_rowLine = 0;
    m_error.reset();
    m_rowProblem.reset();
    return {};
}

double CsvReader::progress() const
{
    return m_text.isEmpty() ? 1.0 : double(m_pos) / double(m_text.size());
}

bool CsvReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    m_unquoted.clear();
    const qsizetype n = m_text.size();
    if (m_pos >= n)
        return false;
    const char *data = m_text.constData();
    m_rowLine = m_line;
    // Unescaped cells live in m_unquoted, which may reallocate while the row grows: their views are set
    // once the row is complete.
    std::vector<size_t> pending; // indexes of cells whose text is the next m_unquoted entry
    // ' ' stands for runs of spaces and tabs, which are also ignored at the start and end of a line.
    const bool whitespace = m_delimiter == ' ';
    const auto isDelimiter = [&](char c) { return c == m_delimiter || (whitespace && c == '\t'); };
    const auto skipBlanks = [&] {
        while (whitespace && m_pos < n && (data[m_pos] == ' ' || data[m_pos] == '\t'))
            ++m_pos;
    };
    skipBlanks();
    while (true) {
        Cell cell;
        if (m_pos < n && data[m_pos] == '"') {
            ++m_pos;
            std::string value;
            while (true) {
                if (m_pos >= n) {
                    m_error = Error{tr("“%1”, line %2: a quoted cell is never closed").arg(QFileInfo(m_path).fileName()).arg(m_rowLine)};
                    return false;
                }
                const char c = data[m_pos];
                if (c == '"') {
                    if (m_pos + 1 < n && data[m_pos + 1] == '"') {
                        value += '"';
                        m_pos += 2;
                        continue;
                    }
                    ++m_pos;
                    break;
                }
                if (c == '\n' || (c == '\r' && !(m_pos + 1 < n && data[m_pos + 1] == '\n')))
                    ++m_line;
                value += c;
                ++m_pos;
            }
            // Text after the closing quote up to the delimiter is kept, as spreadsheets do.
            while (m_pos < n && !isDelimiter(data[m_pos]) && data[m_pos] != '\n' && data[m_pos] != '\r')
                value += data[m_pos++];
            m_unquoted.push_back(std::move(value));
            pending.push_back(row.size());
            cell.kind = Cell::Kind::Text;
        } else {
            const qsizetype start = m_pos;
            while (m_pos < n && !isDelimiter(data[m_pos]) && data[m_pos] != '\n' && data[m_pos] != '\r')
                ++m_pos;
            cell.text = std::string_view(data + start, size_t(m_pos - start));
            cell.kind = cell.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
        }
        row.push_back(cell);
        if (m_pos < n && isDelimiter(data[m_pos])) {
            ++m_pos;
            skipBlanks();
            if (!whitespace || (m_pos < n && data[m_pos] != '\n' && data[m_pos] != '\r'))
                continue;
        }
        // End of record.
        if (m_pos < n && data[m_pos] == '\r')
            ++m_pos;
        if (m_pos < n && data[m_pos] == '\n')
            ++m_pos;
        ++m_line;
        break;
    }
    for (size_t k = 0; k < pending.size(); ++k) {
        Cell &cell = row[pending[k]];
        cell.text = m_unquoted[k];
        cell.kind = cell.text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
    }
    // Trailing empty cells say nothing.
    while (!row.empty() && row.back().kind == Cell::Kind::Empty && row.size() > 1)
        row.pop_back();
    if (!m_undecodableLines.empty())
        findRowProblem(row);
    return true;
}

} // namespace segmenta::read
