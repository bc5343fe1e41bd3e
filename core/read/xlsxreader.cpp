#include "read/xlsxreader.h"

#include <QDateTime>
#include <QFileInfo>
#include <QDir>
#include <QHash>
#include <QRegularExpression>

#include <cmath>

namespace segmenta::read {

namespace {

constexpr qint64 kMaxSmallPart = qint64(64) * 1024 * 1024;        // workbook, relationships, styles
constexpr qint64 kMaxSharedStrings = qint64(1024) * 1024 * 1024;  // every distinct text of the workbook
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
int columnOfReference(QStringView reference)
{
    int column = 0;
    qsizetype i = 0;
    for (; i < reference.size(); ++i) {
        const char16_t c = reference[i].unicode();
        if (c >= u'A' && c <= u'Z')
            column = column * 26 + (c - u'A' + 1);
        else if (c >= u'a' && c <= u'z')
            column = column * 26 + (c - u'a' + 1);
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
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return Error{tr("“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs").arg(m_fileName, part)};
        if (token == QXmlStreamReader::StartElement) {
            if (xml.name() == QLatin1StringView("si")) {
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
    m_xml.clear();
    m_part.reset();
    auto part = m_package->openPart(m_sheets[index].part, kMaxSheetPart);
    if (!part)
        return part.error();
    m_part = std::move(part).value();
    m_xml.setDevice(m_part.get());
    m_sheet = index;
    m_inSheetData = false;
    m_finished = false;
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

void XlsxReader::appendText(QStringView text, PendingCell &cell)
{
    const QByteArray utf8 = text.toUtf8();
    cell.offset = m_arena.size();
    cell.length = size_t(utf8.size());
    m_arena.append(utf8.constData(), size_t(utf8.size()));
}

void XlsxReader::finishCell(int column, QStringView type, int style, const QString &value, bool haveValue)
{
    if (size_t(column) >= m_row.size())
        m_row.resize(size_t(column) + 1);
    PendingCell &cell = m_row[size_t(column)];
    cell = PendingCell{};
    if (!haveValue)
        return;
    if (type == u"s") {
        if (value.trimmed().isEmpty())
            return;
        bool ok = false;
        const qulonglong index = value.trimmed().toULongLong(&ok);
        if (!ok || index >= m_stringSpans.size()) {
            fail(tr("cell %1 refers to shared string %2, which does not exist").arg(column + 1).arg(value));
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
    if (type == u"str" || type == u"inlineStr") {
        if (value.isEmpty())
            return;
        cell.kind = Cell::Kind::Text;
        appendText(decodeEscapes(value), cell);
        return;
    }
    if (type == u"b") {
        cell.kind = Cell::Kind::Boolean;
        cell.number = value.trimmed() == u"1" || value.trimmed() == u"true" ? 1 : 0;
        appendText(cell.number != 0 ? u"TRUE" : u"FALSE", cell);
        return;
    }
    if (type == u"e") {
        cell.kind = Cell::Kind::Error;
        appendText(value, cell);
        return;
    }
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return;
    if (type == u"d") { // an ISO 8601 date, as some writers store dates
        QDateTime when = QDateTime::fromString(trimmed, Qt::ISODateWithMs);
        if (!when.isValid())
            when = QDateTime(QDate::fromString(trimmed.left(10), Qt::ISODate), QTime(0, 0));
        if (!when.isValid()) // a time of day alone
            when = QDateTime(QDate(1899, 12, 30), QTime::fromString(trimmed, Qt::ISODateWithMs));
        if (!when.isValid()) {
            cell.kind = Cell::Kind::Text;
            appendText(trimmed, cell);
            return;
        }
        cell.kind = Cell::Kind::DateTime;
        cell.number = double(QDate(1899, 12, 30).daysTo(when.date())) + when.time().msecsSinceStartOfDay() / 86400000.0;
        appendText(trimmed, cell);
        return;
    }
    bool ok = false;
    const double number = trimmed.toDouble(&ok);
    if (!ok || !std::isfinite(number)) {
        cell.kind = Cell::Kind::Text;
        appendText(trimmed, cell);
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
    appendText(trimmed, cell);
}

bool XlsxReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    if (m_finished || m_sheet < 0)
        return false;
    QString value;
    while (!m_xml.atEnd()) {
        const QXmlStreamReader::TokenType token = m_xml.readNext();
        if (token == QXmlStreamReader::DTD)
            return fail(tr("the sheet declares a DTD, which a spreadsheet never needs"));
        if (token == QXmlStreamReader::StartElement) {
            const QStringView name = m_xml.name();
            if (!m_inSheetData) {
                m_inSheetData = name == u"sheetData";
                continue;
            }
            if (name == u"row") {
                bool ok = false;
                const qint64 r = attribute(m_xml.attributes(), QLatin1StringView("r")).toLongLong(&ok);
                m_rowNumber = ok && r > m_rowNumber ? r : m_rowNumber + 1;
                if (m_rowNumber > kMaxRow)
                    return fail(tr("the sheet has more rows than Excel allows"));
                m_row.clear();
                m_arena.clear();
                continue;
            }
            if (name != u"c") {
                m_xml.skipCurrentElement();
                continue;
            }
            const QXmlStreamAttributes a = m_xml.attributes();
            int column = columnOfReference(attribute(a, QLatin1StringView("r")));
            if (column < 0)
                column = int(m_row.size());
            if (column >= kMaxColumns)
                return fail(tr("a cell lies beyond column XFD, the last one Excel has"));
            const QString type = attribute(a, QLatin1StringView("t")).toString();
            bool styleOk = false;
            const int style = attribute(a, QLatin1StringView("s")).toInt(&styleOk);
            value.clear();
            bool haveValue = false;
            while (!m_xml.atEnd()) {
                const auto inner = m_xml.readNext();
                if (inner == QXmlStreamReader::EndElement && m_xml.name() == u"c")
                    break;
                if (inner != QXmlStreamReader::StartElement)
                    continue;
                if (m_xml.name() == u"v") {
                    value = m_xml.readElementText();
                    haveValue = true;
                } else if (m_xml.name() == u"is") {
                    // Inline string: its runs' text, leaving out phonetic guides.
                    QString text;
                    int depth = 1, phonetic = 0;
                    while (depth > 0 && !m_xml.atEnd()) {
                        const auto t = m_xml.readNext();
                        if (t == QXmlStreamReader::StartElement) {
                            if (m_xml.name() == u"rPh")
                                ++phonetic;
                            if (m_xml.name() == u"t") {
                                const QString piece = m_xml.readElementText();
                                if (phonetic == 0)
                                    text += piece;
                            } else {
                                ++depth;
                            }
                        } else if (t == QXmlStreamReader::EndElement) {
                            if (m_xml.name() == u"rPh")
                                --phonetic;
                            --depth;
                        }
                    }
                    value = text; // what Excel shows, also when a stray <v> sits beside it
                    haveValue = true;
                } else {
                    m_xml.skipCurrentElement(); // formulas (their cached value is <v>), extensions
                }
            }
            finishCell(column, type, styleOk ? style : -1, value, haveValue);
            if (m_error)
                return false;
            continue;
        }
        if (token == QXmlStreamReader::EndElement) {
            const QStringView name = m_xml.name();
            if (m_inSheetData && name == u"row") {
                bool any = false;
                for (const PendingCell &c : m_row)
                    any = any || c.kind != Cell::Kind::Empty;
                if (!any)
                    continue;
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
            if (name == u"sheetData") {
                m_finished = true;
                return false;
            }
        }
    }
    if (m_part && m_part->failed())
        return fail(m_part->errorString());
    if (m_xml.hasError())
        return fail(tr("the sheet's XML is damaged (%1, line %2)").arg(m_xml.errorString()).arg(m_xml.lineNumber()));
    m_finished = true;
    return false;
}

double XlsxReader::progress() const
{
    if (!m_part || m_part->declaredSize() <= 0)
        return 0;
    return std::min(1.0, double(m_part->produced()) / double(m_part->declaredSize()));
}

} // namespace segmenta::read
