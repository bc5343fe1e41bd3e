#include "read/xlsxreader.h"

#include "read/xmlfeed.h"

#include <QDateTime>
#include <QFileInfo>
#include <QDir>
#include <QHash>
#include <QLocale>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <charconv>
#include <cctype>
#include <cmath>
#include <cstring>

namespace segmenta::read {

namespace {

constexpr qint64 kMaxSmallPart = qint64(64) * 1024 * 1024;        // workbook, relationships, styles
constexpr qint64 kMaxSharedStrings = qint64(1024) * 1024 * 1024;  // every distinct text of the workbook
// What the shared strings may take in memory, text and index together: 2 MB of zipped XML can hold 50 million
// tiny strings (1.2 GB of index); a real workbook of a million rows needs a fraction of this.
constexpr qint64 kSharedStringsBudget = qint64(256) * 1024 * 1024;
// And what they may take in time: a shared-strings part that decompresses to more than this is read only when
// it declares how many texts it holds (uniqueCount, which Excel, WPS, LibreOffice and the libraries write), and
// only up to that many; a count whose index alone would pass the budget is refused before any text is read.
// Below this size, reading is quick whatever the part holds (about a second per 64 MB).
constexpr qint64 kUncountedSharedStrings = qint64(64) * 1024 * 1024;
constexpr qint64 kMaxSheetPart = qint64(16) * 1024 * 1024 * 1024; // streamed, so only time is at stake
constexpr int kMaxColumns = 16384;                                 // XFD, the last column Excel has
constexpr qint64 kMaxRow = 1048576;

QStringView attribute(const QXmlStreamAttributes &attributes, QLatin1StringView localName)
{
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.name() == localName)
            return a.value();
    }
    return {};
}

// OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" sequence as _x005F_x...).
QString decodeEscapes(QString text)
{
    if (!text.contains(QLatin1StringView("_x")))
        return text;
    static const QRegularExpression escape(QStringLiteral("_x([0-9A-Fa-f]{4})_"));
    QString out;
    qsizetype from = 0;
    auto it = escape.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        out += QStringView(text).mid(from, m.capturedStart(0) - from);
        out += QChar(char16_t(m.capturedView(1).toUShort(nullptr, 16)));
        from = m.capturedEnd(0);
    }
    out += QStringView(text).mid(from);
    return out;
}

// The directory part of a part name, for resolving relative relationship targets.
QString resolveTarget(const QString &sourcePart, const QString &target)
{
    QString t = target;
    t.replace(u'\\', u'/');
    if (t.startsWith(u'/'))
        return QDir::cleanPath(t).mid(1);
    const qsizetype slash = sourcePart.lastIndexOf(u'/');
    const QString dir = slash < 0 ? QString() : sourcePart.left(slash + 1);
    QString resolved = QDir::cleanPath(QStringLiteral("/") + dir + t);
    return resolved.mid(1);
}

QString relationshipsPart(const QString &part)
{
    const qsizetype slash = part.lastIndexOf(u'/');
    return part.left(slash + 1) + QStringLiteral("_rels/") + part.mid(slash + 1) + QStringLiteral(".rels");
}

bool endsWithType(QStringView type, QLatin1StringView suffix)
{
    return type.endsWith(suffix);
}

// What an Excel number format code shows: a date or time when it has a d, m, y, h or s outside quoted text,
// escaped characters and [colour]/[$currency] brackets; a duration when it has an elapsed-time bracket such as
// [h] or [mm] (a length of time, read as a number of days rather than a point in time).
XlsxReader::StyleKind formatKind(QStringView code)
{
    using Kind = XlsxReader::StyleKind;
    const QStringView section = code.left(code.indexOf(u';') < 0 ? code.size() : code.indexOf(u';'));
    for (qsizetype i = 0; i < section.size(); ++i) {
        const QChar c = section[i];
        if (c == u'"') {
            const qsizetype close = section.indexOf(u'"', i + 1);
            if (close < 0)
                return Kind::Plain;
            i = close;
        } else if (c == u'\\' || c == u'_' || c == u'*') {
            ++i;
        } else if (c == u'[') {
            const qsizetype close = section.indexOf(u']', i + 1);
            if (close < 0)
                return Kind::Plain;
            const QString inside = section.mid(i + 1, close - i - 1).toString().toLower();
            if (!inside.isEmpty() && (inside[0] == u'h' || inside[0] == u'm' || inside[0] == u's')
                && inside.count(inside[0]) == inside.size())
                return Kind::Duration;
            i = close;
        } else {
            const char16_t l = c.toLower().unicode();
            if (l == u'd' || l == u'm' || l == u'y' || l == u'h' || l == u's' || c == u'年' || c == u'月' || c == u'日')
                return Kind::Date;
        }
    }
    return Kind::Plain;
}

bool isBuiltinDateFormat(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58)
        || (id >= 71 && id <= 81);
}

// "B12" -> column 1 (0-based); -1 when there are no letters.
int columnOfReference(std::string_view reference)
{
    int column = 0;
    size_t i = 0;
    for (; i < reference.size(); ++i) {
        const char c = reference[i];
        if (c >= 'A' && c <= 'Z')
            column = column * 26 + (c - 'A' + 1);
        else if (c >= 'a' && c <= 'z')
            column = column * 26 + (c - 'a' + 1);
        else
            break;
        if (column > kMaxColumns)
            return kMaxColumns;
    }
    return i == 0 ? -1 : column - 1;
}

struct Relationship
{
    QString type;
    QString target;
};

} // namespace

Result<std::unique_ptr<XlsxReader>> XlsxReader::open(std::unique_ptr<ZipPackage> package, const QString &path)
{
    std::unique_ptr<XlsxReader> reader(new XlsxReader);
    reader->m_package = std::move(package);
    reader->m_fileName = QFileInfo(path).fileName();
    if (auto ok = reader->readWorkbook(); !ok)
        return ok.error();
    return reader;
}

namespace {

// Reads a small XML part whole, refusing DTDs (entity expansion) and damaged XML. `visit` sees every start
// element.
template<typename Visit>
Result<void> scanPart(const ZipPackage &package, const QString &part, qint64 limit, Visit visit)
{
    auto device = package.openPart(part, limit);
    if (!device)
        return device.error();
    QXmlStreamReader xml((*device).get());
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::DTD) {
            return Error{XlsxReader::tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs")
                             .arg(package.fileName(), part)};
        }
        if (token == QXmlStreamReader::StartElement)
            visit(xml);
    }
    if ((*device)->failed())
        return Error{XlsxReader::tr("“%1” is refused: %2 (%3)").arg(package.fileName(), (*device)->errorString(), part)};
    if (xml.hasError()) {
        return Error{XlsxReader::tr("“%1” is damaged: the XML of %2 breaks off at line %3 (%4)")
                         .arg(package.fileName(), part)
                         .arg(xml.lineNumber())
                         .arg(xml.errorString())};
    }
    return {};
}

Result<QHash<QString, Relationship>> readRelationships(const ZipPackage &package, const QString &part)
{
    QHash<QString, Relationship> relationships;
    if (!package.contains(part))
        return relationships;
    auto ok = scanPart(package, part, kMaxSmallPart, [&](QXmlStreamReader &xml) {
        if (xml.name() != QLatin1StringView("Relationship"))
            return;
        const QXmlStreamAttributes a = xml.attributes();
        relationships.insert(attribute(a, QLatin1StringView("Id")).toString(),
                             Relationship{attribute(a, QLatin1StringView("Type")).toString(),
                                          attribute(a, QLatin1StringView("Target")).toString()});
    });
    if (!ok)
        return ok.error();
    return relationships;
}

} // namespace

Result<void> XlsxReader::readWorkbook()
{
    const ZipPackage &package = *m_package;
    auto rootRelationships = readRelationships(package, QStringLiteral("_rels/.rels"));
    if (!rootRelationships)
        return rootRelationships.error();
    QString workbookPart;
    for (const Relationship &r : std::as_const(*rootRelationships)) {
        if (endsWithType(r.type, QLatin1StringView("/officeDocument")))
            workbookPart = resolveTarget(QString(), r.target);
    }
    if (workbookPart.isEmpty() && package.contains(QStringLiteral("xl/workbook.xml")))
        workbookPart = QStringLiteral("xl/workbook.xml");
    if (workbookPart.endsWith(QLatin1StringView(".bin"), Qt::CaseInsensitive) || package.contains(QStringLiteral("xl/workbook.bin"))) {
        return Error{tr("“%1” is a binary Excel workbook (.xlsb), which Segmenta cannot read; save it as .xlsx in "
                        "Excel or WPS and import that")
                         .arg(m_fileName)};
    }
    if (workbookPart.isEmpty() || !package.contains(workbookPart))
        return Error{tr("“%1” is not an Excel workbook: it holds no workbook part").arg(m_fileName)};

    struct Declared
    {
        QString name, state, id;
    };
    QList<Declared> declared;
    auto ok = scanPart(package, workbookPart, kMaxSmallPart, [&](QXmlStreamReader &xml) {
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1StringView("sheet")) {
            declared.append({attribute(a, QLatin1StringView("name")).toString(), attribute(a, QLatin1StringView("state")).toString(),
                             attribute(a, QLatin1StringView("id")).toString()});
        } else if (xml.name() == QLatin1StringView("workbookPr")) {
            // Extension elements of the same name (x14:workbookPr) carry no date system.
            if (const QStringView d = attribute(a, QLatin1StringView("date1904")); !d.isEmpty())
                m_date1904 = d == u"1" || d == u"true";
        }
    });
    if (!ok)
        return ok.error();

    auto relationships = readRelationships(package, relationshipsPart(workbookPart));
    if (!relationships)
        return relationships.error();
    QString sharedStringsPart, stylesPart;
    for (const Relationship &r : std::as_const(*relationships)) {
        if (endsWithType(r.type, QLatin1StringView("/sharedStrings")))
            sharedStringsPart = resolveTarget(workbookPart, r.target);
        else if (endsWithType(r.type, QLatin1StringView("/styles")))
            stylesPart = resolveTarget(workbookPart, r.target);
    }
    for (qsizetype i = 0; i < declared.size(); ++i) {
        const Declared &d = declared[i];
        QString part;
        if (const auto r = relationships->constFind(d.id); r != relationships->constEnd()) {
            if (!endsWithType(r->type, QLatin1StringView("/worksheet")) && !endsWithType(r->type, QLatin1StringView("/xlMacrosheet")))
                continue; // chart sheets and dialog sheets hold no table
            part = resolveTarget(workbookPart, r->target);
        } else {
            part = QStringLiteral("xl/worksheets/sheet%1.xml").arg(i + 1);
        }
        if (!package.contains(part))
            continue;
        Sheet sheet;
        sheet.info.name = d.name;
        sheet.info.hidden = d.state == u"hidden" || d.state == u"veryHidden";
        sheet.part = part;
        m_sheets.append(sheet);
    }
    if (m_sheets.isEmpty())
        return Error{tr("“%1” holds no worksheets").arg(m_fileName)};
    if (!stylesPart.isEmpty() && package.contains(stylesPart)) {
        if (auto styles = readStyles(stylesPart); !styles)
            return styles.error();
    }
    if (!sharedStringsPart.isEmpty() && package.contains(sharedStringsPart)) {
        if (auto strings = readSharedStrings(sharedStringsPart); !strings)
            return strings.error();
    }
    // The first visible sheet is read unless the caller picks another.
    int first = 0;
    while (first < m_sheets.size() && m_sheets[first].info.hidden)
        ++first;
    return selectSheet(first < m_sheets.size() ? first : 0);
}

Result<void> XlsxReader::readStyles(const QString &part)
{
    QHash<int, StyleKind> customFormats;
    bool inCellXfs = false;
    auto device = m_package->openPart(part, kMaxSmallPart);
    if (!device)
        return device.error();
    QXmlStreamReader xml((*device).get());
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return Error{tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs").arg(m_fileName, part)};
        if (token == QXmlStreamReader::EndElement && xml.name() == QLatin1StringView("cellXfs"))
            inCellXfs = false;
        if (token != QXmlStreamReader::StartElement)
            continue;
        const QXmlStreamAttributes a = xml.attributes();
        if (xml.name() == QLatin1StringView("numFmt")) {
            customFormats.insert(attribute(a, QLatin1StringView("numFmtId")).toInt(),
                                 formatKind(attribute(a, QLatin1StringView("formatCode"))));
        } else if (xml.name() == QLatin1StringView("cellXfs")) {
            inCellXfs = true;
        } else if (inCellXfs && xml.name() == QLatin1StringView("xf")) {
            const int id = attribute(a, QLatin1StringView("numFmtId")).toInt();
            m_styles.push_back(customFormats.contains(id) ? customFormats.value(id)
                               : id == 46                 ? StyleKind::Duration // [h]:mm:ss
                               : isBuiltinDateFormat(id) ? StyleKind::Date
                                                          : StyleKind::Plain);
        }
    }
    if (xml.hasError() || (*device)->failed())
        return Error{tr("“%1” is damaged: its styles (%2) cannot be read").arg(m_fileName, part)};
    return {};
}

Result<void> XlsxReader::readSharedStrings(const QString &part)
{
    auto device = m_package->openPart(part, kMaxSharedStrings);
    if (!device)
        return device.error();
    QXmlStreamReader xml((*device).get());
    QString current;
    int phonetic = 0;
    bool inItem = false;
    const bool large = (*device)->declaredSize() > kUncountedSharedStrings;
    qint64 declared = -1; // uniqueCount (or count) of <sst>
    const auto refuse = [&] {
        return Error{tr("“%1” is refused: its shared texts (%2 MB%3) would take too long and too much memory to read; "
                        "save the sheet as CSV and import that")
                         .arg(m_fileName)
                         .arg((*device)->declaredSize() >> 20)
                         .arg(declared >= 0 ? tr(", %1 texts").arg(QLocale().toString(declared)) : QString())};
    };
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return Error{tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs").arg(m_fileName, part)};
        if (token == QXmlStreamReader::StartElement) {
            if (xml.name() == QLatin1StringView("sst")) {
                const QXmlStreamAttributes attributes = xml.attributes();
                const QStringView unique = attribute(attributes, QLatin1StringView("uniqueCount"));
                bool ok = false;
                declared = (unique.isEmpty() ? attribute(attributes, QLatin1StringView("count")) : unique).toLongLong(&ok);
                if (!ok)
                    declared = -1;
                if ((declared < 0 && large) || declared > kSharedStringsBudget / qint64(sizeof(m_stringSpans[0])))
                    return refuse();
            } else if (xml.name() == QLatin1StringView("si")) {
                if (large && qint64(m_stringSpans.size()) >= declared)
                    return refuse(); // more texts than it declares: the count was not the truth
                current.clear();
                inItem = true;
            } else if (xml.name() == QLatin1StringView("rPh")) {
                ++phonetic; // furigana and pinyin guides: not part of the value
            } else if (xml.name() == QLatin1StringView("t") && inItem) {
                const QString text = xml.readElementText();
                if (phonetic == 0)
                    current += text;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == QLatin1StringView("rPh")) {
                --phonetic;
            } else if (xml.name() == QLatin1StringView("si")) {
                const QByteArray utf8 = decodeEscapes(current).toUtf8();
                m_stringSpans.emplace_back(m_strings.size(), size_t(utf8.size()));
                m_strings.append(utf8.constData(), size_t(utf8.size()));
                inItem = false;
                const qint64 used = qint64(m_strings.size()) + qint64(m_stringSpans.size() * sizeof(m_stringSpans[0]));
                if (used > kSharedStringsBudget) {
                    return Error{tr("“%1” is refused: its shared texts would take more than %2 MB of memory (%3 "
                                    "texts so far); save the sheet as CSV and import that")
                                     .arg(m_fileName)
                                     .arg(kSharedStringsBudget >> 20)
                                     .arg(m_stringSpans.size())};
                }
            }
        }
    }
    if ((*device)->failed())
        return Error{tr("“%1” is refused: %2 (%3)").arg(m_fileName, (*device)->errorString(), part)};
    if (xml.hasError()) {
        return Error{tr("“%1” is damaged: the shared strings break off after %2 entries (%3)")
                         .arg(m_fileName)
                         .arg(m_stringSpans.size())
                         .arg(xml.errorString())};
    }
    return {};
}

QList<SheetInfo> XlsxReader::sheets() const
{
    QList<SheetInfo> list;
    for (const Sheet &s : m_sheets)
        list.append(s.info);
    return list;
}

Result<void> XlsxReader::selectSheet(int index)
{
    if (index < 0 || index >= m_sheets.size())
        return Error{tr("“%1” has no sheet number %2").arg(m_fileName).arg(index + 1)};
    m_parser.reset();
    m_part.reset();
    auto part = m_package->openPart(m_sheets[index].part, kMaxSheetPart);
    if (!part)
        return part.error();
    m_part = std::move(part).value();
    // Element names arrive as "namespace\x01local"; only the local name matters (Strict and transitional
    // OOXML differ in namespace, and writers choose their own prefixes).
    m_parser.reset(XML_ParserCreateNS("UTF-8", '\x01'));
    XML_SetUserData(m_parser.get(), this);
    XML_SetElementHandler(m_parser.get(), &XlsxReader::onStart, &XlsxReader::onEnd);
    XML_SetCharacterDataHandler(m_parser.get(), &XlsxReader::onText);
    XML_SetStartDoctypeDeclHandler(m_parser.get(), &XlsxReader::onDoctype);
    m_sheet = index;
    m_state = SheetState{};
    m_finished = false;
    m_suspended = false;
    m_rowNumber = 0;
    m_error.reset();
    return {};
}

bool XlsxReader::fail(const QString &reason)
{
    m_error = m_rowNumber > 0 ? Error{tr("“%1”, sheet “%2”, row %3: %4").arg(m_fileName, m_sheets[m_sheet].info.name).arg(m_rowNumber).arg(reason)}
                              : Error{tr("“%1”, sheet “%2”: %3").arg(m_fileName, m_sheets[m_sheet].info.name, reason)};
    m_finished = true;
    return false;
}

namespace {

std::string_view localName(const char *name)
{
    const char *separator = std::strchr(name, '\x01');
    return separator ? std::string_view(separator + 1) : std::string_view(name);
}

const char *attributeValue(const char **attributes, std::string_view wanted)
{
    for (int i = 0; attributes[i]; i += 2) {
        if (localName(attributes[i]) == wanted)
            return attributes[i + 1];
    }
    return nullptr;
}

// Appends `text`, decoding OOXML's _xHHHH_ escapes, as UTF-8.
void appendDecoded(std::string_view text, std::string &out)
{
    size_t from = 0;
    for (size_t at = text.find("_x"); at != std::string_view::npos; at = text.find("_x", at + 1)) {
        if (at + 7 > text.size() || text[at + 6] != '_')
            continue;
        unsigned unit = 0;
        const auto [end, ec] = std::from_chars(text.data() + at + 2, text.data() + at + 6, unit, 16);
        if (ec != std::errc() || end != text.data() + at + 6)
            continue;
        out.append(text.substr(from, at - from));
        const QByteArray utf8 = QString(QChar(char16_t(unit))).toUtf8();
        out.append(utf8.constData(), size_t(utf8.size()));
        from = at + 7;
        at += 6;
    }
    out.append(text.substr(from));
}

} // namespace

void XMLCALL XlsxReader::onDoctype(void *self, const char *, const char *, const char *, int)
{
    auto *reader = static_cast<XlsxReader *>(self);
    reader->m_state.refused = true;
    XML_StopParser(reader->m_parser.get(), XML_FALSE);
}

void XMLCALL XlsxReader::onStart(void *self, const char *name, const char **attributes)
{
    auto *reader = static_cast<XlsxReader *>(self);
    SheetState &s = reader->m_state;
    const std::string_view local = localName(name);
    if (!s.inSheetData) {
        s.inSheetData = local == "sheetData";
        return;
    }
    if (local == "row") {
        const char *r = attributeValue(attributes, "r");
        qint64 number = 0;
        if (r)
            std::from_chars(r, r + std::strlen(r), number);
        reader->m_rowNumber = number > reader->m_rowNumber ? number : reader->m_rowNumber + 1;
        reader->m_row.clear();
        reader->m_arena.clear();
    } else if (local == "c") {
        const char *r = attributeValue(attributes, "r");
        int column = r ? columnOfReference(std::string_view(r)) : -1;
        s.column = column < 0 ? int(reader->m_row.size()) : column;
        const char *t = attributeValue(attributes, "t");
        s.type = t ? t : "";
        const char *style = attributeValue(attributes, "s");
        s.style = -1;
        if (style)
            std::from_chars(style, style + std::strlen(style), s.style);
        s.value.clear();
        s.haveValue = false;
        s.inline_ = false;
    } else if (local == "v") {
        if (!s.inline_) {
            s.capture = true;
            s.value.clear();
            s.haveValue = true;
        }
    } else if (local == "is") {
        s.inline_ = true;
        s.haveValue = true;
        s.value.clear();
    } else if (local == "rPh") {
        ++s.phonetic;
    } else if (local == "t" && s.inline_ && s.phonetic == 0) {
        s.capture = true;
    }
}

void XMLCALL XlsxReader::onText(void *self, const char *text, int length)
{
    auto *reader = static_cast<XlsxReader *>(self);
    if (reader->m_state.capture)
        reader->m_state.value.append(text, size_t(length));
}

void XMLCALL XlsxReader::onEnd(void *self, const char *name)
{
    auto *reader = static_cast<XlsxReader *>(self);
    SheetState &s = reader->m_state;
    if (!s.inSheetData)
        return;
    const std::string_view local = localName(name);
    if (local == "v" || local == "t") {
        s.capture = false;
    } else if (local == "rPh") {
        --s.phonetic;
    } else if (local == "c") {
        if (s.column >= kMaxColumns) {
            reader->fail(tr("a cell lies beyond column XFD, the last one Excel has"));
            XML_StopParser(reader->m_parser.get(), XML_FALSE);
            return;
        }
        reader->finishCell(s.column, s.type, s.style, s.value, s.haveValue);
        if (reader->m_error)
            XML_StopParser(reader->m_parser.get(), XML_FALSE);
    } else if (local == "row") {
        if (reader->m_rowNumber > kMaxRow) {
            reader->fail(tr("the sheet has more rows than Excel allows"));
            XML_StopParser(reader->m_parser.get(), XML_FALSE);
            return;
        }
        bool any = false;
        for (const PendingCell &c : reader->m_row)
            any = any || c.kind != Cell::Kind::Empty;
        if (any) {
            s.rowReady = true;
            XML_StopParser(reader->m_parser.get(), XML_TRUE); // hand this row out, then resume
        }
    } else if (local == "sheetData") {
        s.inSheetData = false;
        s.done = true;
        XML_StopParser(reader->m_parser.get(), XML_FALSE);
    }
}

void XlsxReader::appendText(std::string_view text, PendingCell &cell, bool decode)
{
    cell.offset = m_arena.size();
    if (decode)
        appendDecoded(text, m_arena);
    else
        m_arena.append(text);
    cell.length = m_arena.size() - cell.offset;
}

void XlsxReader::finishCell(int column, std::string_view type, int style, std::string_view value, bool haveValue)
{
    if (size_t(column) >= m_row.size())
        m_row.resize(size_t(column) + 1);
    PendingCell &cell = m_row[size_t(column)];
    cell = PendingCell{};
    if (!haveValue)
        return;
    const auto trim = [](std::string_view v) {
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.front())))
            v.remove_prefix(1);
        while (!v.empty() && std::isspace(static_cast<unsigned char>(v.back())))
            v.remove_suffix(1);
        return v;
    };
    if (type == "s") {
        const std::string_view digits = trim(value);
        if (digits.empty())
            return;
        size_t index = 0;
        const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
        if (ec != std::errc() || end != digits.data() + digits.size() || index >= m_stringSpans.size()) {
            fail(tr("cell %1 refers to shared string %2, which does not exist").arg(column + 1).arg(QString::fromUtf8(digits.data(), qsizetype(digits.size()))));
            return;
        }
        const auto [offset, length] = m_stringSpans[index];
        if (length == 0)
            return;
        cell.kind = Cell::Kind::Text;
        cell.offset = offset;
        cell.length = length;
        cell.shared = true;
        return;
    }
    if (type == "str" || type == "inlineStr") {
        if (value.empty())
            return;
        cell.kind = Cell::Kind::Text;
        appendText(value, cell, true);
        return;
    }
    if (type == "b") {
        cell.kind = Cell::Kind::Boolean;
        cell.number = trim(value) == "1" || trim(value) == "true" ? 1 : 0;
        appendText(cell.number != 0 ? "TRUE" : "FALSE", cell, false);
        return;
    }
    if (type == "e") {
        cell.kind = Cell::Kind::Error;
        appendText(value, cell, false);
        return;
    }
    std::string_view trimmed = trim(value);
    if (trimmed.empty())
        return;
    if (type == "d") { // an ISO 8601 date, as some writers store dates
        const QString text = QString::fromUtf8(trimmed.data(), qsizetype(trimmed.size()));
        QDateTime when = QDateTime::fromString(text, Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime(QDate::fromString(text.left(10), Qt::ISODate), QTime(0, 0));
        if (!when.isValid()) // a time of day alone
            when = QDateTime(QDate(1899, 12, 30), QTime::fromString(text, Qt::ISODateWithMs));
        cell.kind = when.isValid() ? Cell::Kind::DateTime : Cell::Kind::Text;
        if (when.isValid())
            cell.number = double(QDate(1899, 12, 30).daysTo(when.date())) + when.time().msecsSinceStartOfDay() / 86400000.0;
        appendText(trimmed, cell, false);
        return;
    }
    double number = 0;
    const auto [end, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), number);
    if (ec != std::errc() || end != trimmed.data() + trimmed.size() || !std::isfinite(number)) {
        cell.kind = Cell::Kind::Text;
        appendText(trimmed, cell, true);
        return;
    }
    cell.number = number;
    cell.kind = Cell::Kind::Number;
    if (style >= 0 && size_t(style) < m_styles.size() && m_styles[size_t(style)] == StyleKind::Date) {
        cell.kind = Cell::Kind::DateTime;
        if (m_date1904)
            cell.number += 1462;
        else if (number >= 1 && number < 60)
            cell.number += 1; // Excel counts a 29 February 1900 that never was; times of day (< 1) stay
    }
    // Excel stores some values in E-notation (0.07 as 7.0000000000000007E-2): their text is the shortest
    // that reads back as the same number, as the cell shows it.
    char shortest[32];
    if (trimmed.find_first_of("eE") != std::string_view::npos) {
        const auto written = std::to_chars(shortest, shortest + sizeof shortest, number);
        trimmed = std::string_view(shortest, size_t(written.ptr - shortest));
    }
    appendText(trimmed, cell, false);
}

bool XlsxReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    if (m_finished || m_sheet < 0 || !m_parser)
        return false;
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
        return fail(tr("the sheet declares a DTD, which a spreadsheet never needs"));
    case RowFeed::Damaged:
        return fail(tr("the sheet's XML is damaged (%1, line %2)")
                        .arg(QString::fromUtf8(XML_ErrorString(XML_GetErrorCode(m_parser.get()))))
                        .arg(XML_GetCurrentLineNumber(m_parser.get())));
    }
    row.resize(m_row.size());
    for (size_t i = 0; i < m_row.size(); ++i) {
        const PendingCell &p = m_row[i];
        Cell &cell = row[i];
        cell.kind = p.kind;
        if (p.kind == Cell::Kind::Empty)
            continue;
        cell.number = p.number;
        cell.text = p.shared ? std::string_view(m_strings.data() + p.offset, p.length)
                             : std::string_view(m_arena.data() + p.offset, p.length);
    }
    return true;
}

double XlsxReader::progress() const
{
    if (!m_part || m_part->declaredSize() <= 0)
        return 0;
    return std::min(1.0, double(m_part->produced()) / double(m_part->declaredSize()));
}

} // namespace segmenta::read
