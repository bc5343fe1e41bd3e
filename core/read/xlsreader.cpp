#include "read/xlsreader.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <freexl.h>

#include <charconv>

namespace segmenta::read {

namespace {

// What kind of compound file this is, when FreeXL finds no workbook in it: the stream names sit in the
// directory as UTF-16LE text.
QString compoundFileKind(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.read(64 * 1024 * 1024);
    const auto has = [&](QStringView name) {
        const QByteArray utf16(reinterpret_cast<const char *>(name.utf16()), name.size() * 2);
        return bytes.contains(utf16);
    };
    if (has(u"EncryptedPackage"))
        return QStringLiteral("encrypted");
    if (has(u"WordDocument"))
        return QStringLiteral("word");
    if (has(u"PowerPoint Document"))
        return QStringLiteral("powerpoint");
    return {};
}

// Whether the workbook stream starts with a FILEPASS record (0x002F) among the records after its BOF: the
// mark of a password-protected .xls. FreeXL (1.0.6) gives up on such files without saying why, so the
// reason is found here with a bounded look at the first records.
bool hasFilePass(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = file.read(1024 * 1024);
    for (const QByteArray &bof : {QByteArray("\x09\x08\x10\x00\x00\x06\x05\x00", 8), QByteArray("\x09\x08\x08\x00\x00\x05\x05\x00", 8)}) {
        qsizetype at = bytes.indexOf(bof);
        if (at < 0)
            continue;
        for (int records = 0; records < 24 && at + 4 <= bytes.size(); ++records) {
            const auto byte = [&](qsizetype i) { return unsigned(static_cast<unsigned char>(bytes[i])); };
            const unsigned id = byte(at) | (byte(at + 1) << 8);
            const unsigned length = byte(at + 2) | (byte(at + 3) << 8);
            if (id == 0x002F)
                return true;
            if (id == 0x0085) // BOUNDSHEET: past the place a FILEPASS would be
                return false;
            at += 4 + length;
        }
    }
    return false;
}

double serialOf(const QDateTime &when)
{
    return double(QDate(1899, 12, 30).daysTo(when.date())) + when.time().msecsSinceStartOfDay() / 86400000.0;
}

} // namespace

Result<std::unique_ptr<XlsReader>> XlsReader::open(const QString &path)
{
    std::unique_ptr<XlsReader> reader(new XlsReader);
    reader->m_fileName = QFileInfo(path).fileName();
    const int status = freexl_open(QFile::encodeName(path).constData(), &reader->m_handle);
    if (status != FREEXL_OK) {
        if (reader->m_handle) {
            freexl_close(reader->m_handle);
            reader->m_handle = nullptr;
        }
        const QString kind = compoundFileKind(path);
        if (kind == u"encrypted") {
            return Error{tr("“%1” is password-protected; remove the password in Excel or WPS (File > Info > Protect "
                            "Workbook) and import it again")
                             .arg(reader->m_fileName)};
        }
        if (kind == u"word")
            return Error{tr("“%1” is a Word document, not a spreadsheet").arg(reader->m_fileName)};
        if (kind == u"powerpoint")
            return Error{tr("“%1” is a PowerPoint presentation, not a spreadsheet").arg(reader->m_fileName)};
        if (status == FREEXL_INSUFFICIENT_MEMORY || status == FREEXL_CRAFTED_FILE)
            return Error{tr("“%1” is damaged: its structure asks for impossible sizes, so it is refused").arg(reader->m_fileName)};
        return Error{tr("“%1” is not a readable Excel 97-2003 workbook: it is damaged or is another kind of file (FreeXL error %2)")
                         .arg(reader->m_fileName)
                         .arg(status)};
    }
    unsigned int password = 0;
    if (freexl_get_info(reader->m_handle, FREEXL_BIFF_PASSWORD, &password) == FREEXL_OK && password == FREEXL_BIFF_OBFUSCATED) {
        return Error{tr("“%1” is password-protected; remove the password in Excel or WPS and import it again")
                         .arg(reader->m_fileName)};
    }
    unsigned int count = 0;
    freexl_get_info(reader->m_handle, FREEXL_BIFF_SHEET_COUNT, &count);
    for (unsigned short i = 0; i < count; ++i) {
        const char *name = nullptr;
        SheetInfo info;
        if (freexl_get_worksheet_name(reader->m_handle, i, &name) == FREEXL_OK && name)
            info.name = QString::fromUtf8(name);
        else
            info.name = tr("Sheet %1").arg(i + 1);
        reader->m_sheets.append(info);
    }
    if (reader->m_sheets.isEmpty()) {
        if (hasFilePass(path)) {
            return Error{tr("“%1” is password-protected; remove the password in Excel or WPS and import it again")
                             .arg(reader->m_fileName)};
        }
        return Error{tr("“%1” cannot be read: no worksheet was found in it. It may come from an old or unusual program "
                        "(Excel 95, Gnumeric) or be damaged; open it in Excel, WPS or LibreOffice, save it as .xlsx and "
                        "import that")
                         .arg(reader->m_fileName)};
    }
    if (auto ok = reader->selectSheet(0); !ok)
        return ok.error();
    return reader;
}

XlsReader::~XlsReader()
{
    if (m_handle)
        freexl_close(m_handle);
}

QList<SheetInfo> XlsReader::sheets() const
{
    return m_sheets;
}

Result<void> XlsReader::selectSheet(int index)
{
    if (index < 0 || index >= m_sheets.size())
        return Error{tr("“%1” has no sheet number %2").arg(m_fileName).arg(index + 1)};
    if (freexl_select_active_worksheet(m_handle, static_cast<unsigned short>(index)) != FREEXL_OK
        || freexl_worksheet_dimensions(m_handle, &m_rows, &m_columns) != FREEXL_OK) {
        return Error{tr("“%1”: the sheet “%2” cannot be read").arg(m_fileName, m_sheets[index].name)};
    }
    m_sheets[index].rowsHint = m_rows;
    m_sheet = index;
    m_row = 0;
    m_error.reset();
    return {};
}

bool XlsReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    while (m_row < m_rows && !m_error) {
        const unsigned int r = m_row++;
        m_texts.resize(m_columns);
        row.assign(m_columns, Cell{});
        bool any = false;
        for (unsigned short c = 0; c < m_columns; ++c) {
            FreeXL_CellValue value;
            const int status = freexl_get_cell_value(m_handle, r, c, &value);
            if (status != FREEXL_OK) {
                m_error = Error{tr("“%1”, row %2, column %3: the cell cannot be read (FreeXL error %4)")
                                    .arg(m_fileName)
                                    .arg(r + 1)
                                    .arg(c + 1)
                                    .arg(status)};
                return false;
            }
            std::string &text = m_texts[c];
            Cell &cell = row[c];
            switch (value.type) {
            case FREEXL_CELL_INT:
            case FREEXL_CELL_DOUBLE: {
                char buffer[64];
                const auto result = value.type == FREEXL_CELL_INT
                    ? std::to_chars(buffer, buffer + sizeof buffer, value.value.int_value)
                    : std::to_chars(buffer, buffer + sizeof buffer, value.value.double_value);
                text.assign(buffer, result.ptr);
                cell.kind = Cell::Kind::Number;
                cell.number = value.type == FREEXL_CELL_INT ? double(value.value.int_value) : value.value.double_value;
                break;
            }
            case FREEXL_CELL_TEXT:
            case FREEXL_CELL_SST_TEXT:
                text = value.value.text_value ? value.value.text_value : "";
                cell.kind = text.empty() ? Cell::Kind::Empty : Cell::Kind::Text;
                break;
            case FREEXL_CELL_DATE:
            case FREEXL_CELL_DATETIME:
            case FREEXL_CELL_TIME: {
                text = value.value.text_value ? value.value.text_value : "";
                const QString s = QString::fromUtf8(text.data(), qsizetype(text.size()));
                QDateTime when;
                if (value.type == FREEXL_CELL_DATE)
                    when = QDateTime(QDate::fromString(s, Qt::ISODate), QTime(0, 0));
                else if (value.type == FREEXL_CELL_DATETIME)
                    when = QDateTime::fromString(s, QStringLiteral("yyyy-MM-dd HH:mm:ss"));
                else
                    when = QDateTime(QDate(1899, 12, 30), QTime::fromString(s, QStringLiteral("HH:mm:ss")));
                cell.kind = when.isValid() ? Cell::Kind::DateTime : Cell::Kind::Text;
                cell.number = when.isValid() ? serialOf(when) : 0;
                break;
            }
            default:
                text.clear();
                break;
            }
            any = any || cell.kind != Cell::Kind::Empty;
        }
        if (!any)
            continue;
        for (unsigned short c = 0; c < m_columns; ++c)
            row[c].text = m_texts[c];
        while (!row.empty() && row.back().kind == Cell::Kind::Empty)
            row.pop_back();
        return true;
    }
    row.clear();
    return false;
}

double XlsReader::progress() const
{
    return m_rows == 0 ? 1.0 : double(m_row) / double(m_rows);
}

} // namespace segmenta::read
