#include "read/odsreader.h"

#include "read/xmlfeed.h"

#include <QDate>
#include <QFileInfo>
#include <QXmlStreamReader>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

namespace segmenta::read {

namespace {

constexpr qint64 kMaxManifest = qint64(16) * 1024 * 1024;
constexpr qint64 kMaxContent = qint64(16) * 1024 * 1024 * 1024; // streamed, so only time is at stake
constexpr qint64 kMaxColumns = 16384;                             // LibreOffice's and Excel's last column
constexpr qint64 kMaxRow = 16777216;                              // LibreOffice's largest ("jumbo") sheets
constexpr qint64 kMaxRepeat = qint64(1) << 40;                    // keeps row and column arithmetic exact
// Cells that repeat counts may add to a sheet beyond the ones written out. A real sheet repeats a value over
// a few cells or rows; a file that asks for tens of millions of copies is a repeat-count bomb.
constexpr qint64 kMaxRepeatedCells = qint64(32) * 1024 * 1024;
constexpr size_t kMaxRowText = size_t(64) * 1024 * 1024;
constexpr qint64 kMaxSpaces = 65536; // one text:s element
constexpr int kMaxSheets = 10000;    // LibreOffice's limit
constexpr qsizetype kMaxSheetName = 1000;

constexpr std::string_view kOffice = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
constexpr std::string_view kTable = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
constexpr std::string_view kText = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
constexpr std::string_view kStyle = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
constexpr std::string_view kDraw = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0";
constexpr std::string_view kCalcExt = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0";

// Element and attribute names arrive from expat as "namespace-uri\x01local-name" (writers choose their own
// prefixes, so only the namespace identifies an element).
struct Name
{
    std::string_view uri;
    std::string_view local;
};

Name split(const char *name)
{
    const char *separator = std::strchr(name, '\x01');
    if (!separator)
        return {{}, std::string_view(name)};
    return {std::string_view(name, size_t(separator - name)), std::string_view(separator + 1)};
}

const char *attributeValue(const char **attributes, std::string_view uri, std::string_view local)
{
    for (int i = 0; attributes[i]; i += 2) {
        const Name n = split(attributes[i]);
        if (n.local == local && n.uri == uri)
            return attributes[i + 1];
    }
    return nullptr;
}

std::string_view trimmed(std::string_view v)
{
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!v.empty() && space(v.front()))
        v.remove_prefix(1);
    while (!v.empty() && space(v.back()))
        v.remove_suffix(1);
    return v;
}

// number-rows-repeated / number-columns-repeated: at least 1; garbage counts as 1, huge counts are capped
// (they are checked against the sheet's size before anything is expanded).
qint64 repeatCount(const char *value)
{
    if (!value)
        return 1;
    const std::string_view v = trimmed(value);
    qint64 n = 1;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec == std::errc::result_out_of_range)
        return kMaxRepeat;
    if (ec != std::errc() || end != v.data() + v.size() || n < 1)
        return 1;
    return std::min(n, kMaxRepeat);
}

bool eat(std::string_view &v, char c)
{
    if (v.empty() || v.front() != c)
        return false;
    v.remove_prefix(1);
    return true;
}

bool readDigits(std::string_view &v, int &out, size_t minDigits, size_t maxDigits)
{
    size_t n = 0;
    while (n < v.size() && n < maxDigits && v[n] >= '0' && v[n] <= '9')
        ++n;
    if (n < minDigits)
        return false;
    std::from_chars(v.data(), v.data() + n, out);
    v.remove_prefix(n);
    return true;
}

// office:date-value: "2024-07-03", "2024-07-03T09:41:00" or with fractions of a second, as days since
// 1899-12-30 with the time of day as the fraction. A time zone suffix (which spreadsheets do not write) is
// ignored: the value is the wall-clock time the user typed.
std::optional<double> dateSerial(std::string_view v)
{
    int year = 0, month = 0, day = 0;
    if (!readDigits(v, year, 4, 6) || !eat(v, '-') || !readDigits(v, month, 2, 2) || !eat(v, '-') || !readDigits(v, day, 2, 2))
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;
    const double days = double(QDate(1899, 12, 30).daysTo(date));
    if (v.empty())
        return days;
    int hour = 0, minute = 0;
    double second = 0;
    if (!eat(v, 'T') || !readDigits(v, hour, 2, 2) || !eat(v, ':') || !readDigits(v, minute, 2, 2))
        return std::nullopt;
    if (eat(v, ':')) {
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), second, std::chars_format::fixed);
        if (ec != std::errc())
            return std::nullopt;
        v.remove_prefix(size_t(end - v.data()));
    }
    if (hour > 24 || minute > 59 || second < 0 || second >= 61)
        return std::nullopt;
    return days + (hour * 3600.0 + minute * 60.0 + second) / 86400.0;
}

// office:time-value is an ISO 8601 duration: "PT10H10M10S", "PT10H10M10.123456S", "P1DT2H", "-PT1H". Days
// (with fraction); years and months, which have no fixed length, make it unreadable.
std::optional<double> durationDays(std::string_view v)
{
    const bool negative = eat(v, '-');
    if (!eat(v, 'P'))
        return std::nullopt;
    double days = 0;
    bool inTime = false, any = false;
    while (!v.empty()) {
        if (eat(v, 'T')) {
            if (inTime)
                return std::nullopt;
            inTime = true;
            continue;
        }
        double n = 0;
        const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n, std::chars_format::fixed);
        if (ec != std::errc() || end == v.data() + v.size())
            return std::nullopt;
        v.remove_prefix(size_t(end - v.data()));
        const char unit = v.front();
        v.remove_prefix(1);
        if (!inTime && unit == 'D')
            days += n;
        else if (inTime && unit == 'H')
            days += n / 24;
        else if (inTime && unit == 'M')
            days += n / 1440;
        else if (inTime && unit == 'S')
            days += n / 86400;
        else
            return std::nullopt;
        any = true;
    }
    if (!any || !std::isfinite(days))
        return std::nullopt;
    return negative ? -days : days;
}

// What LibreOffice (Err:502 ...), Excel and Google Sheets show for a formula that failed.
bool isErrorText(std::string_view text)
{
    for (const std::string_view e : {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"}) {
        if (text == e)
            return true;
    }
    return text.size() == 7 && text.substr(0, 4) == "Err:";
}

} // namespace

Result<std::unique_ptr<OdsReader>> OdsReader::open(std::unique_ptr<ZipPackage> package, const QString &path)
{
    std::unique_ptr<OdsReader> reader(new OdsReader);
    reader->m_package = std::move(package);
    reader->m_fileName = QFileInfo(path).fileName();
    if (auto ok = reader->checkManifest(); !ok)
        return ok.error();
    if (auto ok = reader->listSheets(); !ok)
        return ok.error();
    if (reader->m_sheets.isEmpty())
        return Error{tr("“%1” holds no sheet").arg(reader->m_fileName)};
    int first = 0;
    while (first < reader->m_sheets.size() && reader->m_sheets[first].hidden)
        ++first;
    if (auto ok = reader->selectSheet(first < reader->m_sheets.size() ? first : 0); !ok)
        return ok.error();
    return reader;
}

// The manifest says whether the parts are encrypted (a password-protected document keeps its zip entries
// readable but their content scrambled) and what kind of document this is.
Result<void> OdsReader::checkManifest()
{
    const QString part = QStringLiteral("META-INF/manifest.xml");
    if (!m_package->contains(part))
        return {}; // required by the standard, but LibreOffice opens documents without one
    auto device = m_package->openPart(part, kMaxManifest);
    if (!device)
        return device.error();
    QXmlStreamReader xml((*device).get());
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return Error{tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs").arg(m_fileName, part)};
        if (token != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1StringView("encryption-data"))
            return Error{tr("“%1” is password-protected; remove the password in LibreOffice or WPS and import it again").arg(m_fileName)};
        if (xml.name() == QLatin1StringView("file-entry")) {
            const QXmlStreamAttributes a = xml.attributes();
            QStringView fullPath, mediaType;
            for (const QXmlStreamAttribute &attribute : a) {
                if (attribute.name() == QLatin1StringView("full-path"))
                    fullPath = attribute.value();
                else if (attribute.name() == QLatin1StringView("media-type"))
                    mediaType = attribute.value();
            }
            if (fullPath == u"/" && !mediaType.isEmpty() && !mediaType.startsWith(u"application/vnd.oasis.opendocument.spreadsheet"))
                return Error{tr("“%1” is an OpenDocument file but not a spreadsheet").arg(m_fileName)};
        }
    }
    if ((*device)->failed())
        return Error{tr("“%1” is refused: %2 (%3)").arg(m_fileName, (*device)->errorString(), part)};
    if (xml.hasError()) {
        return Error{tr("“%1” is damaged: the XML of %2 breaks off at line %3 (%4)")
                         .arg(m_fileName, part)
                         .arg(xml.lineNumber())
                         .arg(xml.errorString())};
    }
    return {};
}

Result<void> OdsReader::startParse(Pass pass)
{
    m_parser.reset();
    m_part.reset();
    auto part = m_package->openPart(QStringLiteral("content.xml"), kMaxContent);
    if (!part)
        return part.error();
    m_part = std::move(part).value();
    m_parser.reset(XML_ParserCreateNS(nullptr, '\x01'));
    if (!m_parser)
        return Error{tr("“%1” cannot be read: out of memory").arg(m_fileName)};
    XML_SetUserData(m_parser.get(), this);
    XML_SetElementHandler(m_parser.get(), &OdsReader::onStart, &OdsReader::onEnd);
    if (pass == Pass::Reading) // listing looks at element starts only
        XML_SetCharacterDataHandler(m_parser.get(), &OdsReader::onText);
    XML_SetStartDoctypeDeclHandler(m_parser.get(), &OdsReader::onDoctype);
    m_state = ParseState{};
    m_state.pass = pass;
    m_suspended = false;
    m_finished = false;
    return {};
}

QString OdsReader::xmlError() const
{
    return QString::fromUtf8(XML_ErrorString(XML_GetErrorCode(m_parser.get())));
}

// The first pass: the sheets' names and table styles, and which automatic table styles hide a sheet. Only
// element starts are looked at; nothing of the cells is kept.
Result<void> OdsReader::listSheets()
{
    if (auto ok = startParse(Pass::Listing); !ok)
        return ok;
    for (;;) {
        const XmlStep step = feedXml(m_parser.get(), *m_part, false, kChunk);
        if (step.outOfMemory)
            return Error{tr("“%1” cannot be read: out of memory").arg(m_fileName)};
        if (step.readFailed)
            return Error{tr("“%1” is refused: %2 (%3)").arg(m_fileName, m_part->errorString(), QStringLiteral("content.xml"))};
        const XML_Status status = step.status;
        if (m_state.refused)
            return Error{tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs").arg(m_fileName, QStringLiteral("content.xml"))};
        if (m_error)
            return *m_error;
        if (status != XML_STATUS_OK) {
            return Error{tr("“%1” is damaged: the XML of %2 breaks off at line %3 (%4)")
                             .arg(m_fileName, QStringLiteral("content.xml"))
                             .arg(XML_GetCurrentLineNumber(m_parser.get()))
                             .arg(xmlError())};
        }
        if (step.atEnd)
            break;
    }
    if (m_state.spreadsheetDepth < 0 && m_sheets.isEmpty())
        return Error{tr("“%1” is an OpenDocument file but not a spreadsheet").arg(m_fileName)};
    for (qsizetype i = 0; i < m_sheets.size(); ++i)
        m_sheets[i].hidden = !m_sheetStyles[size_t(i)].empty() && m_hiddenStyles.count(m_sheetStyles[size_t(i)]) > 0;
    m_sheetStyles.clear();
    m_hiddenStyles.clear();
    m_parser.reset();
    m_part.reset();
    return {};
}

Result<void> OdsReader::selectSheet(int index)
{
    if (index < 0 || index >= m_sheets.size())
        return Error{tr("“%1” has no sheet number %2").arg(m_fileName).arg(index + 1)};
    if (auto ok = startParse(Pass::Reading); !ok)
        return ok;
    m_sheet = index;
    m_nextRow = 1;
    m_rowNumber = 0;
    m_rowsLeft = 0;
    m_repeatedCells = 0;
    m_row.clear();
    m_arena.clear();
    m_error.reset();
    return {};
}

bool OdsReader::fail(const QString &reason)
{
    const qint64 row = m_state.rowDepth >= 0 ? m_state.rowFirst : m_rowNumber;
    if (m_sheet < 0)
        m_error = Error{tr("“%1” is refused: %2").arg(m_fileName, reason)};
    else if (row > 0)
        m_error = Error{tr("“%1”, sheet “%2”, row %3: %4").arg(m_fileName, m_sheets[m_sheet].name).arg(row).arg(reason)};
    else
        m_error = Error{tr("“%1”, sheet “%2”: %3").arg(m_fileName, m_sheets[m_sheet].name, reason)};
    m_finished = true;
    return false;
}

void OdsReader::stop(const QString &reason)
{
    fail(reason);
    XML_StopParser(m_parser.get(), XML_FALSE);
}

void XMLCALL OdsReader::onDoctype(void *self, const char *, const char *, const char *, int)
{
    auto *reader = static_cast<OdsReader *>(self);
    reader->m_state.refused = true;
    XML_StopParser(reader->m_parser.get(), XML_FALSE);
}

void XMLCALL OdsReader::onStart(void *self, const char *name, const char **attributes)
{
    const Name n = split(name);
    static_cast<OdsReader *>(self)->startElement(n.uri, n.local, attributes);
}

void XMLCALL OdsReader::onEnd(void *self, const char *name)
{
    const Name n = split(name);
    static_cast<OdsReader *>(self)->endElement(n.uri, n.local);
}

void XMLCALL OdsReader::onText(void *self, const char *text, int length)
{
    static_cast<OdsReader *>(self)->text(text, length);
}

void OdsReader::startElement(std::string_view uri, std::string_view local, const char **attributes)
{
    ParseState &s = m_state;
    const int depth = ++s.depth;
    if (m_error || s.refused)
        return;
    if (s.spreadsheetDepth < 0) {
        if (uri == kOffice && local == "spreadsheet") {
            s.spreadsheetDepth = depth;
        } else if (s.pass == Pass::Listing && uri == kStyle && local == "style") {
            const char *family = attributeValue(attributes, kStyle, "family");
            const char *styleName = attributeValue(attributes, kStyle, "name");
            s.tableStyle = family && styleName && std::string_view(family) == "table";
            s.styleName = s.tableStyle ? styleName : "";
        } else if (s.pass == Pass::Listing && s.tableStyle && uri == kStyle && local == "table-properties") {
            const char *display = attributeValue(attributes, kTable, "display");
            if (display && std::string_view(display) == "false")
                m_hiddenStyles.insert(s.styleName);
        }
        return;
    }
    const bool isTable = uri == kTable && local == "table";
    if (s.pass == Pass::Listing) {
        if (isTable && depth == s.spreadsheetDepth + 1) {
            if (m_sheets.size() >= kMaxSheets) {
                stop(tr("it has more than %1 sheets").arg(kMaxSheets));
                return;
            }
            const char *name = attributeValue(attributes, kTable, "name");
            const char *style = attributeValue(attributes, kTable, "style-name");
            SheetInfo sheet;
            sheet.name = name ? QString::fromUtf8(name).left(kMaxSheetName) : tr("Sheet%1").arg(m_sheets.size() + 1);
            m_sheets.append(sheet);
            m_sheetStyles.emplace_back(style ? style : "");
        }
        return;
    }

    if (isTable) {
        if (s.tableDepth >= 0)
            ++s.nestedTables;
        else if (depth == s.spreadsheetDepth + 1 && s.tables++ == m_sheet)
            s.tableDepth = depth;
        return;
    }
    if (s.tableDepth < 0 || s.nestedTables > 0)
        return;
    if (s.cellDepth >= 0) {
        // Inside a cell: only its paragraphs' text is its value.
        if (s.skipDepth >= 0)
            return;
        if ((uri == kOffice && (local == "annotation" || local == "annotation-end")) || uri == kDraw
            || (uri == kText && (local == "note" || local == "ruby-text" || local == "tracked-changes"))) {
            s.skipDepth = depth; // comments, drawings, footnotes, phonetic guides
            return;
        }
        if (uri != kText)
            return;
        if (s.paragraphDepth < 0) {
            if (local == "p" || local == "h") {
                if (s.paragraphs++ > 0)
                    appendText("\n");
                s.paragraphDepth = depth;
                s.lastWasSpace = true; // ODF drops white space at the start of a paragraph
            }
            return;
        }
        if (local == "s") {
            const qint64 count = std::min(repeatCount(attributeValue(attributes, kText, "c")), kMaxSpaces);
            appendText(std::string(size_t(count), ' '));
        } else if (local == "tab") {
            appendText("\t");
        } else if (local == "line-break") {
            appendText("\n");
        } else {
            return; // spans, links, fields: their text is read as it comes
        }
        s.lastWasSpace = false;
        return;
    }
    if (uri != kTable)
        return;
    if (local == "table-row" && s.rowDepth < 0) {
        s.rowDepth = depth;
        s.rowFirst = m_nextRow;
        s.rowRepeat = repeatCount(attributeValue(attributes, kTable, "number-rows-repeated"));
        s.column = 0;
        m_row.clear();
        m_arena.clear();
    } else if ((local == "table-cell" || local == "covered-table-cell") && s.rowDepth >= 0 && depth == s.rowDepth + 1) {
        s.cellDepth = depth;
        startCell(attributes);
    }
}

void OdsReader::startCell(const char **attributes)
{
    ParseState &s = m_state;
    // One pass over the attributes: this runs for every cell.
    const char *repeat = nullptr, *type = nullptr, *calcType = nullptr, *number = nullptr, *date = nullptr,
               *time = nullptr, *boolean = nullptr, *string = nullptr;
    s.formula = false;
    for (int i = 0; attributes[i]; i += 2) {
        const Name n = split(attributes[i]);
        const char *v = attributes[i + 1];
        if (n.uri == kOffice) {
            if (n.local == "value-type")
                type = v;
            else if (n.local == "value")
                number = v;
            else if (n.local == "date-value")
                date = v;
            else if (n.local == "time-value")
                time = v;
            else if (n.local == "boolean-value")
                boolean = v;
            else if (n.local == "string-value")
                string = v;
        } else if (n.uri == kTable) {
            if (n.local == "number-columns-repeated")
                repeat = v;
            else if (n.local == "formula")
                s.formula = true;
        } else if (n.uri == kCalcExt && n.local == "value-type") {
            calcType = v; // LibreOffice marks formula errors here
        }
    }
    s.cellRepeat = repeatCount(repeat);
    s.valueType = calcType && std::string_view(calcType) == "error" ? "error" : type ? type : "";
    const std::string_view t = s.valueType;
    const char *value = t == "float" || t == "percentage" || t == "currency" ? number
                        : t == "date"                                        ? date
                        : t == "time"                                        ? time
                        : t == "boolean"                                     ? boolean
                        : t == "string"                                      ? string
                                                                             : nullptr;
    s.haveValue = value != nullptr;
    s.value = value ? value : "";
    s.textStart = m_arena.size();
    s.paragraphDepth = -1;
    s.paragraphs = 0;
    s.skipDepth = -1;
}

void OdsReader::text(const char *data, int length)
{
    const ParseState &s = m_state;
    if (s.pass != Pass::Reading || s.paragraphDepth < 0 || s.skipDepth >= 0 || s.nestedTables > 0 || m_error)
        return;
    // ODF white space: each run of spaces, tabs and line breaks in the text is one space (text:s, text:tab
    // and text:line-break stand for the ones that count).
    if (m_arena.size() + size_t(length) > kMaxRowText) {
        stop(tr("a row holds more than %1 MB of text").arg(kMaxRowText / (1024 * 1024)));
        return;
    }
    bool lastWasSpace = s.lastWasSpace;
    for (int i = 0; i < length; ++i) {
        const char c = data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!lastWasSpace)
                m_arena.push_back(' ');
            lastWasSpace = true;
        } else {
            m_arena.push_back(c);
            lastWasSpace = false;
        }
    }
    m_state.lastWasSpace = lastWasSpace;
}

void OdsReader::appendText(std::string_view text)
{
    if (m_arena.size() + text.size() > kMaxRowText) {
        stop(tr("a row holds more than %1 MB of text").arg(kMaxRowText / (1024 * 1024)));
        return;
    }
    m_arena.append(text);
}

void OdsReader::endElement(std::string_view uri, std::string_view local)
{
    ParseState &s = m_state;
    const int depth = s.depth--;
    if (m_error || s.refused || s.pass == Pass::Listing || s.spreadsheetDepth < 0) {
        if (s.pass == Pass::Listing && uri == kStyle && local == "style")
            s.tableStyle = false;
        return;
    }
    if (uri == kTable && local == "table") {
        if (s.nestedTables > 0) {
            --s.nestedTables;
        } else if (depth == s.tableDepth) {
            s.done = true;
            XML_StopParser(m_parser.get(), XML_FALSE);
        }
        return;
    }
    if (s.tableDepth < 0 || s.nestedTables > 0)
        return;
    if (s.cellDepth >= 0) {
        if (depth == s.skipDepth)
            s.skipDepth = -1;
        else if (depth == s.paragraphDepth)
            s.paragraphDepth = -1;
        else if (depth == s.cellDepth)
            finishCell();
        return;
    }
    if (depth == s.rowDepth)
        finishRow();
}

void OdsReader::finishCell()
{
    ParseState &s = m_state;
    s.cellDepth = -1;
    const std::string_view type = s.valueType;
    const std::string_view shown(m_arena.data() + s.textStart, m_arena.size() - s.textStart);
    const auto replaceText = [&](std::string_view replacement) {
        m_arena.resize(s.textStart);
        m_arena.append(replacement);
    };
    PendingCell cell;
    if (type == "error" || (s.formula && isErrorText(shown))) {
        cell.kind = Cell::Kind::Error;
    } else if (type == "float" || type == "percentage" || type == "currency") {
        const std::string_view digits = trimmed(s.value);
        double number = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
        if (s.haveValue && ec == std::errc() && end == digits.data() + digits.size() && std::isfinite(number)) {
            cell.kind = Cell::Kind::Number;
            cell.number = number;
            char shortest[32]; // E-notation as the shortest text that reads back as the same number
            const auto written = std::to_chars(shortest, shortest + sizeof shortest, number);
            const bool exponent = digits.find_first_of("eE") != std::string_view::npos;
            replaceText(exponent ? std::string_view(shortest, size_t(written.ptr - shortest)) : digits);
        } else {
            cell.kind = Cell::Kind::Text; // no readable value: what the cell shows
        }
    } else if (type == "boolean" && s.haveValue) {
        const std::string_view v = trimmed(s.value);
        cell.kind = Cell::Kind::Boolean;
        cell.number = v == "true" || v == "1" ? 1 : 0;
        replaceText(cell.number != 0 ? "TRUE" : "FALSE");
    } else if (type == "date" && s.haveValue) {
        const std::string_view v = trimmed(s.value);
        if (const auto serial = dateSerial(v)) {
            cell.kind = Cell::Kind::DateTime;
            cell.number = *serial;
            replaceText(v);
        } else {
            cell.kind = Cell::Kind::Text;
        }
    } else if (type == "time" && s.haveValue) {
        // A time of day is a DateTime on day 0; a longer (or negative) duration is a number of days, as the
        // XLSX reader gives for [h]:mm formats.
        const std::string_view v = trimmed(s.value);
        if (const auto days = durationDays(v)) {
            cell.kind = *days >= 0 && *days < 1 ? Cell::Kind::DateTime : Cell::Kind::Number;
            cell.number = *days;
            replaceText(v);
        } else {
            cell.kind = Cell::Kind::Text;
        }
    } else {
        if (type == "string" && s.haveValue)
            replaceText(s.value); // office:string-value, when the writer gives it, is the value
        cell.kind = Cell::Kind::Text;
    }
    if (m_error)
        return;
    cell.offset = s.textStart;
    cell.length = m_arena.size() - s.textStart;
    if ((cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Error) && cell.length == 0)
        cell.kind = Cell::Kind::Empty;
    if (cell.kind == Cell::Kind::Empty) {
        // Never expanded: the columns just move on (LibreOffice pads every row to the last column).
        m_arena.resize(s.textStart);
        s.column = std::min(s.column + s.cellRepeat, kMaxRepeat);
        return;
    }
    if (s.column + s.cellRepeat > kMaxColumns) {
        if (s.cellRepeat == 1)
            stop(tr("a cell lies beyond column %1, the last one a sheet has").arg(kMaxColumns));
        else
            stop(tr("a cell is repeated %1 times, beyond column %2, the last one a sheet has").arg(s.cellRepeat).arg(kMaxColumns));
        return;
    }
    m_repeatedCells += s.cellRepeat - 1;
    if (m_repeatedCells > kMaxRepeatedCells) {
        stop(tr("its repeat counts would make more than %1 million cells, far more than a real sheet holds")
                 .arg(kMaxRepeatedCells / (1024 * 1024)));
        return;
    }
    m_row.resize(size_t(s.column));
    m_row.insert(m_row.end(), size_t(s.cellRepeat), cell);
    s.column += s.cellRepeat;
}

void OdsReader::finishRow()
{
    ParseState &s = m_state;
    m_nextRow = std::min(s.rowFirst + s.rowRepeat, kMaxRepeat);
    if (m_row.empty()) { // nothing but empty cells: never expanded, however often repeated
        s.rowDepth = -1;
        return;
    }
    if (s.rowFirst + s.rowRepeat - 1 > kMaxRow) {
        if (s.rowRepeat == 1)
            stop(tr("the row lies beyond row %1, the last one a sheet has").arg(kMaxRow));
        else
            stop(tr("a row is repeated %1 times, beyond row %2, the last one a sheet has").arg(s.rowRepeat).arg(kMaxRow));
        return;
    }
    const auto filled = std::count_if(m_row.begin(), m_row.end(), [](const PendingCell &c) { return c.kind != Cell::Kind::Empty; });
    m_repeatedCells += (s.rowRepeat - 1) * qint64(filled);
    if (m_repeatedCells > kMaxRepeatedCells) {
        stop(tr("its repeat counts would make more than %1 million cells, far more than a real sheet holds")
                 .arg(kMaxRepeatedCells / (1024 * 1024)));
        return;
    }
    s.rowDepth = -1;
    s.rowReady = true;
    XML_StopParser(m_parser.get(), XML_TRUE); // hand this row out, then resume
}

bool OdsReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    if (m_finished || m_sheet < 0 || !m_parser)
        return false;
    if (m_rowsLeft > 0) {
        --m_rowsLeft; // the same cells again, one row further down
        ++m_rowNumber;
    } else {
        switch (feedRow(m_parser.get(), *m_part, m_suspended, kChunk, m_state, m_error)) {
        case RowFeed::Row:
            break;
        case RowFeed::End:
            m_finished = true;
            return false;
        case RowFeed::OutOfMemory:
            return fail(tr("out of memory while reading the sheet"));
        case RowFeed::ReadFailed:
            return fail(m_part->errorString());
        case RowFeed::HandlersFailed:
            return false;
        case RowFeed::Dtd:
            return fail(tr("content.xml declares a DTD, which a spreadsheet never needs"));
        case RowFeed::Damaged:
            return fail(tr("the XML of content.xml is damaged (%1, line %2)").arg(xmlError()).arg(XML_GetCurrentLineNumber(m_parser.get())));
        }
        m_rowNumber = m_state.rowFirst;
        m_rowsLeft = m_state.rowRepeat - 1;
    }
    row.resize(m_row.size());
    for (size_t i = 0; i < m_row.size(); ++i) {
        const PendingCell &p = m_row[i];
        Cell &cell = row[i];
        cell.kind = p.kind;
        if (p.kind == Cell::Kind::Empty)
            continue;
        cell.number = p.number;
        cell.text = std::string_view(m_arena.data() + p.offset, p.length);
    }
    return true;
}

double OdsReader::progress() const
{
    if (!m_part || m_part->declaredSize() <= 0)
        return 0;
    return std::min(1.0, double(m_part->produced()) / double(m_part->declaredSize()));
}

} // namespace segmenta::read
