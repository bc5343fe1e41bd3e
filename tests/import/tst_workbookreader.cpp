#include "read/csvreader.h"
#include "read/tablereader.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <cmath>

using namespace segmenta::read;

namespace {

const QString kCorpus = QStringLiteral(SEGMENTA_CORPUS_DIR);

QString textOf(const Cell &cell)
{
    return QString::fromUtf8(cell.text.data(), qsizetype(cell.text.size()));
}

QDateTime dateTimeOf(const Cell &cell)
{
    const double days = std::floor(cell.number);
    const qint64 ms = std::llround((cell.number - days) * 86400.0) * 1000;
    return QDateTime(QDate(1899, 12, 30).addDays(qint64(days)), QTime(0, 0).addMSecs(int(ms)));
}

struct ReadCell
{
    Cell::Kind kind;
    double number;
    QString text;
};
using Grid = QMap<qint64, QMap<int, ReadCell>>; // row number -> column -> cell

Grid readSheet(TableReader &reader)
{
    Grid grid;
    std::vector<Cell> cells;
    while (reader.nextRow(cells)) {
        auto &row = grid[reader.rowNumber()];
        for (size_t c = 0; c < cells.size(); ++c) {
            if (cells[c].kind != Cell::Kind::Empty)
                row.insert(int(c), ReadCell{cells[c].kind, cells[c].number, textOf(cells[c])});
        }
    }
    return grid;
}

QList<QStringList> readCsv(const QString &path)
{
    auto reader = CsvReader::open(path, {});
    if (!reader)
        return {};
    QList<QStringList> rows;
    std::vector<Cell> cells;
    while ((*reader)->nextRow(cells)) {
        QStringList row;
        for (const Cell &c : cells)
            row << textOf(c);
        rows << row;
    }
    return rows;
}

// Excel exported these CSVs in a non-Unicode code page: every UTF-16 unit outside ASCII became '_' and a
// line break inside a cell became '?'.
QString asExcelCsvText(const QString &text)
{
    QString out;
    for (const QChar c : text)
        out += c == u'\n' ? QChar(u'?') : c.unicode() < 0x80 ? c : QChar(u'_');
    return out;
}

// Whether `expected` (what Excel displayed) agrees with the cell that was read. Sets `compared` to false for
// displays this test cannot judge (custom number formats, currency, ####).
bool agrees(const ReadCell &cell, const QString &expected, bool &compared)
{
    compared = true;
    static const QRegularExpression plainNumber(QStringLiteral("^-?\\d+(\\.(\\d+))?$"));
    static const QRegularExpression scientific(QStringLiteral("^-?\\d(\\.(\\d+))?E([+-]\\d+)$"));
    static const QRegularExpression usDate(QStringLiteral("^(\\d{1,2})/(\\d{1,2})/(\\d{2}|\\d{4})$"));
    switch (cell.kind) {
    case Cell::Kind::Text:
    case Cell::Kind::Error: {
        if (cell.text == expected || cell.text == expected.trimmed()) // trimmed: a text format's padding
            return true;
        // Excel wrote the CSV in a legacy code page: characters it could not map became '_' or '?'.
        if (cell.text.size() != expected.size())
            return false;
        for (qsizetype i = 0; i < expected.size(); ++i) {
            const QChar mine = cell.text[i], theirs = expected[i];
            const bool unmappable = mine.unicode() >= 0x80 || mine.unicode() < 0x20;
            if (mine == u'\n' && theirs == u'\r') // Excel for Mac's line break
                continue;
            if (mine != theirs && !(unmappable && (theirs == u'_' || theirs == u'?' || theirs.unicode() >= 0x80)))
                return false;
        }
        return true;
    }
    case Cell::Kind::Boolean:
        return expected == (cell.number != 0 ? u"TRUE" : u"FALSE");
    case Cell::Kind::Number: {
        if (const auto m = plainNumber.match(expected); m.hasMatch()) {
            const int decimals = int(m.capturedLength(2));
            return std::abs(cell.number - expected.toDouble()) <= 0.5 * std::pow(10.0, -decimals) + 1e-9;
        }
        if (const auto m = scientific.match(expected); m.hasMatch()) {
            const int exponent = m.captured(3).toInt() - int(m.capturedLength(2));
            return std::abs(cell.number - expected.toDouble()) <= 0.5 * std::pow(10.0, exponent) * (1 + 1e-9);
        }
        compared = false;
        return true;
    }
    case Cell::Kind::DateTime: {
        if (const auto m = usDate.match(expected); m.hasMatch()) {
            const QDate date = dateTimeOf(Cell{cell.kind, cell.number, {}}).date();
            const bool twoDigits = m.capturedLength(3) == 2; // "00" is 1900 or 2000: compare the last two digits
            return date.month() == m.captured(1).toInt() && date.day() == m.captured(2).toInt()
                && (twoDigits ? date.year() % 100 : date.year()) == m.captured(3).toInt();
        }
        compared = false;
        return true;
    }
    case Cell::Kind::Empty:
        break;
    }
    return expected.isEmpty();
}

// Cells whose value Excel recalculated when it opened the file, so the value stored in the file differs
// from what Excel showed: TODAY(), NOW(), RAND() and INFO(), VBA functions, and LibreOffice formulas saved
// without their results.
bool isRecalculatedByExcel(const QString &file, const QString &sheet, int row, int column)
{
    return (file == u"formula_stress_test.xlsx" && (sheet == u"Date" || sheet == u"Information" || sheet == u"Math"))
        || (file == u"LONumbers.xlsx" && row == 38) || (file == u"number_format.xlsm" && column >= 2) // VBA functions
        || (file == u"number_format.xlsm" && sheet == u"2011" && row == 73); // a phone format prints 1 as "-1"
}

} // namespace

// The XLSX and XLS readers against what Excel shows for the same files (the SheetJS expected CSVs), against
// values written by an independent writer (openpyxl), and against hostile and damaged files.
class TestWorkbookReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matchesExcel_data();
    void matchesExcel();
    void matchesOpenpyxl_data();
    void matchesOpenpyxl();
    void readsSheetsThatClaimTheWholeGrid();
    void refusesWithAReason_data();
    void refusesWithAReason();
    void picksASheetByName();
    void everyCorpusFileIsReadOrRefused();
};

void TestWorkbookReader::matchesExcel_data()
{
    QTest::addColumn<QString>("file");
    const QDir expected(kCorpus + QStringLiteral("/sheetjs/expected/2016"));
    for (const QString &names : expected.entryList({QStringLiteral("*.sheetnames")})) {
        const QString file = names.chopped(QStringLiteral(".sheetnames").size());
        if (file.endsWith(QLatin1StringView(".xlsb")) || !QFile::exists(kCorpus + QStringLiteral("/sheetjs/") + file))
            continue;
        QTest::newRow(qPrintable(file)) << file;
    }
}

void TestWorkbookReader::matchesExcel()
{
    QFETCH(QString, file);
    const QString expectedDir = kCorpus + QStringLiteral("/sheetjs/expected/2016/");
    auto opened = openTable(kCorpus + QStringLiteral("/sheetjs/") + file);
    if (!opened) {
        // Refusals must name the file and a reason; the ones this corpus has are password-protected or
        // unreadable workbooks, checked by name in refusesWithAReason.
        QVERIFY2(opened.errorMessage().contains(file), qPrintable(opened.errorMessage()));
        QSKIP(qPrintable(QStringLiteral("refused: ") + opened.errorMessage()));
    }
    TableReader &reader = **opened;
    QFile namesFile(expectedDir + file + QStringLiteral(".sheetnames"));
    QVERIFY(namesFile.open(QIODevice::ReadOnly));
    QStringList expectedNames = QString::fromUtf8(namesFile.readAll()).split(u'\n', Qt::SkipEmptyParts);
    for (QString &n : expectedNames) {
        if (n.endsWith(u'\r'))
            n.chop(1);
    }
    if (expectedNames.isEmpty())
        QSKIP("Excel could not open this file, so there is nothing to compare with");
    const QList<SheetInfo> sheets = reader.sheets();
    // Every worksheet read is one Excel lists, in Excel's order (chart sheets are left out).
    qsizetype last = -1;
    for (const SheetInfo &s : sheets) {
        const qsizetype at = expectedNames.indexOf(asExcelCsvText(s.name)) >= 0 ? expectedNames.indexOf(asExcelCsvText(s.name))
                                                                             : expectedNames.indexOf(s.name);
        QVERIFY2(at > last, qPrintable(s.name));
        last = at;
    }
    int comparedCells = 0, formulaCellsUnread = 0;
    for (qsizetype n = 0; n < expectedNames.size(); ++n) {
        const QString csv = expectedDir + file + u'.' + QString::number(n) + QStringLiteral(".csv");
        if (!QFile::exists(csv))
            continue;
        int index = -1;
        for (qsizetype i = 0; i < sheets.size(); ++i) {
            if (asExcelCsvText(sheets[i].name) == expectedNames[n] || sheets[i].name == expectedNames[n])
                index = int(i);
        }
        QVERIFY2(index >= 0, qPrintable(expectedNames[n]));
        QVERIFY(reader.selectSheet(index));
        const Grid grid = readSheet(reader);
        QVERIFY2(!reader.error(), qPrintable(reader.error() ? reader.error()->message : QString()));
        const QList<QStringList> expected = readCsv(csv);
        // Excel's CSV starts at the top left of the sheet's used range, not at A1.
        const qint64 firstRow = grid.isEmpty() ? 1 : grid.firstKey();
        int firstColumn = grid.isEmpty() ? 0 : INT_MAX;
        for (const auto &cellsOfRow : grid)
            firstColumn = std::min(firstColumn, cellsOfRow.isEmpty() ? INT_MAX : cellsOfRow.firstKey());
        for (qsizetype r = 0; r < expected.size(); ++r) {
            for (qsizetype c = 0; c < expected[r].size(); ++c) {
                const QString want = expected[r][c];
                if (want.startsWith(u'#') && want.count(u'#') == want.size())
                    continue; // a column too narrow for the value
                const qint64 rowNumber = firstRow + r;
                const int column = firstColumn + int(c);
                if (isRecalculatedByExcel(file, sheets[index].name, int(rowNumber), column))
                    continue;
                // LONumbers labels each row with its format: hour, minute and second formats show 1 day as "24".
                static const QRegularExpression timeFormat(QStringLiteral("^[\\[\\]HMS]+$"));
                if (file.startsWith(u"LONumbers") && c > 0 && timeFormat.match(expected[r].value(0)).hasMatch())
                    continue;
                const auto row = grid.constFind(rowNumber);
                const ReadCell cell = row != grid.constEnd() && row->contains(column) ? row->value(column)
                                                                                        : ReadCell{Cell::Kind::Empty, 0, {}};
                bool compared = false;
                if (file.endsWith(QLatin1StringView(".xls")) && cell.kind == Cell::Kind::Empty && !want.isEmpty()) {
                    ++formulaCellsUnread; // FreeXL does not read the cached results of formulas
                    continue;
                }
                QVERIFY2(agrees(cell, want, compared),
                         qPrintable(QStringLiteral("%1 sheet %2 row %3 column %4: read “%5” (kind %6, %7), Excel shows “%8”")
                                        .arg(file, sheets[index].name)
                                        .arg(rowNumber)
                                        .arg(column + 1)
                                        .arg(cell.text)
                                        .arg(int(cell.kind))
                                        .arg(cell.number)
                                        .arg(want)));
                comparedCells += compared ? 1 : 0;
            }
        }
    }
    if (formulaCellsUnread > 0)
        qInfo("%d formula cells left empty (FreeXL reads no formula results)", formulaCellsUnread);
    if (file != u"BlankSheetTypes.xlsm") // its sheets are all blank, and so are Excel's CSVs
        QVERIFY(comparedCells > 0);
}

void TestWorkbookReader::matchesOpenpyxl_data()
{
    QTest::addColumn<QString>("file");
    // Files that exercise one feature each: _x000D_ escapes, CDATA and inline strings, namespace prefixes,
    // phonetic runs, rich text, both date systems, ISO date cells, Strict OOXML paths, sparse sheets that
    // claim A1:XFD1048576, hidden sheets, shared strings out of order, whitespace, entities.
    for (const char *file : {"calamine/has_x000D_.xlsx", "calamine/has_x000D_inline.xlsx", "calamine/inlineStr_cdata.xlsx",
                             "calamine/inlineStr_with_value.xlsx", "calamine/nonstandard-xml-ns-prefix.xlsx", "calamine/rph.xlsx",
                             "calamine/richtext-namespaced.xlsx", "calamine/richtext-after-plain.xlsx", "calamine/date.xlsx",
                             "calamine/date_1904.xlsx", "calamine/date_iso.xlsx",
                             "calamine/non_monotonic_si.xlsx", "calamine/whitespace_trim.xlsx", "calamine/encoded_entities.xlsx",
                             "calamine/empty_shared_string.xlsx", "calamine/any_sheets.xlsx", "calamine/errors.xlsx",
                             "calamine/string-ref.xlsx", "calamine/temperature-in-middle.xlsx", "sheetjs/sheet_visibility.xlsx",
                             "sheetjs/1904/1900.xlsx", "sheetjs/1904/1904.xlsx", "sheetjs/wps/fn.xlsx"})
        QTest::newRow(file) << QString::fromLatin1(file);
}

void TestWorkbookReader::matchesOpenpyxl()
{
    QFETCH(QString, file);
    const QString path = kCorpus + u'/' + file;
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/import/workbook_tool.py"), QStringLiteral("dump"), path});
    QVERIFY(python.waitForFinished(120000));
    if (python.exitCode() != 0)
        QSKIP(qPrintable(QStringLiteral("openpyxl cannot read it either: ") + QString::fromUtf8(python.readAllStandardError().right(200))));
    const QJsonArray expectedSheets = QJsonDocument::fromJson(python.readAllStandardOutput()).array();
    QVERIFY(!expectedSheets.isEmpty());

    auto opened = openTable(path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    TableReader &reader = **opened;
    const QList<SheetInfo> sheets = reader.sheets();
    QCOMPARE(sheets.size(), expectedSheets.size());
    for (qsizetype s = 0; s < sheets.size(); ++s) {
        const QJsonObject expected = expectedSheets[s].toObject();
        QCOMPARE(sheets[s].name, expected.value(u"name").toString());
        QCOMPARE(sheets[s].hidden, expected.value(u"hidden").toBool());
        QVERIFY(reader.selectSheet(int(s)));
        Grid grid = readSheet(reader);
        QVERIFY2(!reader.error(), qPrintable(reader.error() ? reader.error()->message : QString()));
        for (const QJsonValue &v : expected.value(u"cells").toArray()) {
            const QJsonArray e = v.toArray();
            const qint64 row = e[0].toInteger();
            const int column = int(e[1].toInteger()) - 1;
            const QString kind = e[2].toString();
            const QString where = QStringLiteral("%1 %2 row %3 column %4").arg(file, sheets[s].name).arg(row).arg(column + 1);
            QVERIFY2(grid.contains(row) && grid[row].contains(column), qPrintable(where + QStringLiteral(" is missing")));
            const ReadCell cell = grid[row].take(column);
            if (kind == u"text") {
                QVERIFY2(cell.kind == Cell::Kind::Text || cell.kind == Cell::Kind::Error, qPrintable(where));
                // openpyxl leaves the _x000D_ escape as it is; Excel (and this reader) shows a carriage return.
                QCOMPARE(cell.text, e[3].toString().replace(QStringLiteral("_x000D_"), QStringLiteral("\r")));
            } else if (kind == u"number") {
                // A duration format ([h]:mm:ss) is read as a time; openpyxl gives its length in days.
                QVERIFY2(cell.kind == Cell::Kind::Number || cell.kind == Cell::Kind::DateTime, qPrintable(where));
                QVERIFY2(std::abs(cell.number - e[3].toDouble()) <= 1e-9 * std::max(1.0, std::abs(cell.number)), qPrintable(where));
            } else if (kind == u"boolean") {
                QVERIFY2(cell.kind == Cell::Kind::Boolean, qPrintable(where));
                QCOMPARE(cell.number, e[3].toDouble());
            } else if (kind == u"datetime") {
                QVERIFY2(cell.kind == Cell::Kind::DateTime, qPrintable(where));
                QCOMPARE(dateTimeOf(Cell{cell.kind, cell.number, {}}).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                         e[3].toString().left(19));
            } else if (kind == u"time") {
                QVERIFY2(cell.kind == Cell::Kind::DateTime, qPrintable(where));
                QCOMPARE(dateTimeOf(Cell{cell.kind, cell.number, {}}).time().toString(QStringLiteral("HH:mm:ss")), e[3].toString().left(8));
            }
        }
        // Nothing read that openpyxl does not see.
        for (auto it = grid.cbegin(); it != grid.cend(); ++it)
            QVERIFY2(it->isEmpty(), qPrintable(QStringLiteral("%1: extra cells in row %2").arg(file).arg(it.key())));
    }
}

void TestWorkbookReader::readsSheetsThatClaimTheWholeGrid()
{
    // issue_174.xlsx declares A1:XFD1048576 but holds a small table; data03.xlsx has one cell at XFD1048576.
    auto sparse = openTable(kCorpus + QStringLiteral("/calamine/issue_174.xlsx"));
    QVERIFY2(sparse.ok(), qPrintable(sparse.errorMessage()));
    const Grid table = readSheet(**sparse);
    QVERIFY(!(*sparse)->error());
    QVERIFY(table.size() < 100);
    QCOMPARE(table.value(1).value(1).text, QStringLiteral("Contact Name"));

    auto corner = openTable(kCorpus + QStringLiteral("/libxlsxwriter-excel2007/data03.xlsx"));
    QVERIFY2(corner.ok(), qPrintable(corner.errorMessage()));
    const Grid grid = readSheet(**corner);
    QVERIFY(!(*corner)->error());
    QVERIFY(grid.contains(1048576));
    QCOMPARE(grid.value(1048576).firstKey(), 16383);
}

void TestWorkbookReader::refusesWithAReason_data()
{
    QTest::addColumn<QString>("file"); // corpus path, or "make:KIND" for a file made here
    QTest::addColumn<QString>("reason");
    QTest::newRow("encrypted xlsx") << QStringLiteral("calamine/pass_protected.xlsx") << QStringLiteral("password-protected");
    QTest::newRow("encrypted xls") << QStringLiteral("sheetjs/password_2002_40_xor.xls") << QStringLiteral("password-protected");
    QTest::newRow("encrypted xls rc4") << QStringLiteral("sheetjs/password_2002_128_strong.xls") << QStringLiteral("password-protected");
    QTest::newRow("xlsb") << QStringLiteral("sheetjs/BlankSheetTypes.xlsb") << QStringLiteral(".xlsb");
    QTest::newRow("word as doc") << QStringLiteral("sheetjs/word_doc.doc") << QStringLiteral("Word document");
    QTest::newRow("ods repeat bomb") << QStringLiteral("calamine/issue_594_dos.ods") << QStringLiteral("beyond column 16384");
    QTest::newRow("numbers") << QStringLiteral("sheetjs/minimal_112.numbers") << QStringLiteral("Apple Numbers");
    QTest::newRow("picture") << QStringLiteral("calamine/picture.jpg") << QStringLiteral("not a text file");
    QTest::newRow("malformed rels") << QStringLiteral("calamine/issue252.xlsx") << QStringLiteral("damaged");
    QTest::newRow("bad xls allocations") << QStringLiteral("calamine/OOM_alloc.xls") << QStringLiteral("cannot be read");
    // Found by fuzzing: FreeXL overflows a stack buffer on it; it runs in its own process, so this is refused.
    QTest::newRow("fuzzed xls") << QStringLiteral("source:tests/fuzz/regressions/freexl-iconv-stack-overflow.xls") << QStringLiteral("“freexl-iconv-stack-overflow.xls”");
    QTest::newRow("truncated") << QStringLiteral("make:truncated") << QStringLiteral("damaged or truncated");
    QTest::newRow("decompression bomb") << QStringLiteral("make:bomb") << QStringLiteral("would decompress to 400 MB");
    QTest::newRow("entity expansion") << QStringLiteral("make:dtd") << QStringLiteral("DTD");
    // 50 million one-letter shared strings (850 MB of XML in 2 MB) took 66 s and 1.16 GB; with a memory budget
    // alone still minutes: refused from the declared count before a text is read. The same without a count,
    // or with a count below the truth, once the part is too large to read quickly whatever it holds.
    QTest::newRow("50 million shared strings") << QStringLiteral("make:strings") << QStringLiteral("(810 MB, 50");
    QTest::newRow("shared strings without a count") << QStringLiteral("make:uncounted") << QStringLiteral("(64 MB) would take too long");
    QTest::newRow("shared strings undercounted") << QStringLiteral("make:undercounted") << QStringLiteral("(64 MB, 10 texts) would take too long");
}

void TestWorkbookReader::refusesWithAReason()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    QString path = kCorpus + u'/' + file;
    if (file.startsWith(QLatin1StringView("source:")))
        path = QStringLiteral(SEGMENTA_SOURCE_DIR "/") + file.mid(7);
    if (file.startsWith(QLatin1StringView("make:"))) {
        path = dir.filePath(QStringLiteral("hostile.xlsx"));
        QCOMPARE(QProcess::execute(QStringLiteral("/usr/bin/python3"), {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/import/workbook_tool.py"),
                                                                        QStringLiteral("hostile"), file.mid(5), path}),
                 0);
    }
    // Refused when opened or at the latest when read; either way with the file's name and the reason.
    QString message;
    auto opened = openTable(path);
    if (!opened) {
        message = opened.errorMessage();
    } else {
        std::vector<Cell> cells;
        while ((*opened)->nextRow(cells)) {
        }
        QVERIFY2((*opened)->error().has_value(), "read to the end without complaint");
        message = (*opened)->error()->message;
    }
    QVERIFY2(message.contains(QFileInfo(path).fileName()), qPrintable(message));
    QVERIFY2(message.contains(reason), qPrintable(message));
}

void TestWorkbookReader::picksASheetByName()
{
    const QString path = kCorpus + QStringLiteral("/sheetjs/sheet_visibility.xlsx");
    auto first = openTable(path);
    QVERIFY(first.ok());
    QCOMPARE((*first)->sheetName(), QStringLiteral("Visible")); // the first visible sheet
    ReadOptions options;
    options.sheet = QStringLiteral("veryhidden"); // names match regardless of case
    auto chosen = openTable(path, options);
    QVERIFY2(chosen.ok(), qPrintable(chosen.errorMessage()));
    QCOMPARE((*chosen)->sheetName(), QStringLiteral("VeryHidden"));
    options.sheet = QStringLiteral("Nope");
    auto missing = openTable(path, options);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.errorMessage().contains(u"Visible, Hidden, VeryHidden"), qPrintable(missing.errorMessage()));
}

void TestWorkbookReader::everyCorpusFileIsReadOrRefused()
{
    // Under the sanitizers: no crash, no leak, no hang; a refusal or a read error always names the file.
    int read = 0, refused = 0;
    for (const char *folder : {"sheetjs", "sheetjs/1904", "sheetjs/wps", "sheetjs/biff5", "calamine", "libxlsxwriter-excel2007"}) {
        const QDir dir(kCorpus + u'/' + QLatin1StringView(folder));
        for (const QFileInfo &info : dir.entryInfoList(QDir::Files)) {
            if (info.suffix() == u"md" || info.fileName() == u"LICENSE")
                continue;
            auto opened = openTable(info.filePath());
            if (!opened) {
                QVERIFY2(opened.errorMessage().contains(info.fileName()), qPrintable(opened.errorMessage()));
                ++refused;
                continue;
            }
            for (int s = 0; s < (*opened)->sheets().size(); ++s) {
                QVERIFY((*opened)->selectSheet(s));
                std::vector<Cell> cells;
                while ((*opened)->nextRow(cells)) {
                }
                if ((*opened)->error())
                    QVERIFY2((*opened)->error()->message.contains(info.fileName()), qPrintable((*opened)->error()->message));
            }
            ++read;
        }
    }
    qInfo("%d files read, %d refused", read, refused);
    QVERIFY(read > 700);
}

QTEST_GUILESS_MAIN(TestWorkbookReader)
#include "tst_workbookreader.moc"
