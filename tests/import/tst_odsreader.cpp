#include "import/importer.h"
#include "read/tablereader.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDate>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <climits>
#include <cmath>

using namespace segmenta;
using namespace segmenta::read;

namespace {

const QString kCorpus = QStringLiteral(SEGMENTA_CORPUS_DIR);

QString textOf(const Cell &cell)
{
    return QString::fromUtf8(cell.text.data(), qsizetype(cell.text.size()));
}

struct ReadCell
{
    Cell::Kind kind;
    double number;
    QString text;
};
using Grid = QMap<qint64, QMap<int, ReadCell>>; // row number -> column (0-based) -> cell

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

QString errorOf(const TableReader &reader)
{
    return reader.error() ? reader.error()->message : QString();
}

// Days since 1899-12-30 as a date and time, to the millisecond.
QString isoOf(double serial)
{
    const double days = std::floor(serial);
    const qint64 ms = std::llround((serial - days) * 86400000.0);
    return QDateTime(QDate(1899, 12, 30).addDays(qint64(days)), QTime(0, 0).addMSecs(int(ms))).toString(Qt::ISODateWithMs);
}

// Writes one of ods_tool.py's hand-made files.
QString makeOds(const QTemporaryDir &dir, const QString &kind)
{
    const QString path = dir.filePath(kind + QStringLiteral(".ods"));
    const int status = QProcess::execute(QStringLiteral("/usr/bin/python3"),
                                         {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/import/ods_tool.py"), kind, path});
    return status == 0 ? path : QString();
}

// A cell as the tests below write it: "s:text", "f:1.5" (number), "b:1", "d:2021-01-01T10:10:10.000"
// (DateTime as ISO to the millisecond), "e:#N/A" (error); "" is an empty cell.
QString describe(const ReadCell &cell)
{
    switch (cell.kind) {
    case Cell::Kind::Text:
        return QStringLiteral("s:") + cell.text;
    case Cell::Kind::Number:
        return QStringLiteral("f:") + QString::number(cell.number, 'g', 15);
    case Cell::Kind::Boolean:
        return QStringLiteral("b:") + QString::number(cell.number);
    case Cell::Kind::DateTime:
        return QStringLiteral("d:") + isoOf(cell.number);
    case Cell::Kind::Error:
        return QStringLiteral("e:") + cell.text;
    case Cell::Kind::Empty:
        break;
    }
    return {};
}

// Compares a sheet with rows of expected cells ('|' between cells), placed at the grid's first non-empty row
// and column (as calamine's ranges are). Nothing else may be in the grid.
void compareRelative(Grid grid, const QStringList &expected, qint64 expectedFirstRow)
{
    QVERIFY2(!grid.isEmpty(), "nothing read");
    const QList<qint64> rowNumbers = grid.keys(); // (not firstKey(): GCC 12 sees a null dereference in it)
    const qint64 firstRow = rowNumbers.isEmpty() ? 0 : rowNumbers.front();
    if (expectedFirstRow > 0)
        QCOMPARE(firstRow, expectedFirstRow);
    int firstColumn = INT_MAX;
    for (const auto &row : std::as_const(grid))
        firstColumn = std::min(firstColumn, row.isEmpty() ? INT_MAX : row.firstKey());
    for (qsizetype r = 0; r < expected.size(); ++r) {
        const QStringList cells = expected[r].split(u'|');
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const QString want = cells[c];
            const qint64 rowNumber = firstRow + r;
            const int column = firstColumn + int(c);
            const QString got = grid[rowNumber].contains(column) ? describe(grid[rowNumber].take(column)) : QString();
            QVERIFY2(got == want, qPrintable(QStringLiteral("row %1 column %2: read “%3”, expected “%4”").arg(rowNumber).arg(column + 1).arg(got, want)));
        }
    }
    for (auto it = grid.cbegin(); it != grid.cend(); ++it)
        QVERIFY2(it->isEmpty(), qPrintable(QStringLiteral("extra cells in row %1").arg(it.key())));
}

} // namespace

// The ODS reader against cells written by hand (tests/import/ods_tool.py), against the values calamine's
// test suite states for its ODS files, against the XLSX reader on the same workbooks saved both ways, and
// against hostile and damaged files.
class TestOdsReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryKindOfCell_data();
    void readsEveryKindOfCell();
    void readsTheSheetAskedFor();
    void emptyRepeatsAreNeverExpanded();
    void matchesStatedValues_data();
    void matchesStatedValues();
    void listsSheetsLikeCalamine();
    void agreesWithTheXlsxReader_data();
    void agreesWithTheXlsxReader();
    void refusesWithAReason_data();
    void refusesWithAReason();
    void importsAnOrderList();
};

void TestOdsReader::readsEveryKindOfCell_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("with mimetype") << QStringLiteral("features");
    QTest::newRow("without mimetype") << QStringLiteral("nomimetype");
}

void TestOdsReader::readsEveryKindOfCell()
{
    QFETCH(QString, kind);
    QTemporaryDir dir;
    const QString path = makeOds(dir, kind);
    QVERIFY(!path.isEmpty());
    auto opened = openTable(path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    TableReader &reader = **opened;
    const QList<SheetInfo> sheets = reader.sheets();
    QCOMPARE(sheets.size(), 3);
    QCOMPARE(sheets[0].name, QStringLiteral("Hidden notes"));
    QCOMPARE(sheets[1].name, QStringLiteral("Data"));
    QCOMPARE(sheets[2].name, QStringLiteral("Third"));
    QCOMPARE(sheets[0].hidden, true);
    QCOMPARE(sheets[1].hidden, false);
    QCOMPARE(sheets[2].hidden, false);
    QCOMPARE(reader.sheetName(), QStringLiteral("Data")); // the first visible sheet

    Grid grid = readSheet(reader);
    QVERIFY2(!reader.error(), qPrintable(errorOf(reader)));
    // Rows 3 to 7 are five empty rows; rows 8 to 10 are one row repeated three times.
    QCOMPARE(grid.keys(), (QList<qint64>{1, 2, 8, 9, 10, 11, 12}));
    const QString date = QStringLiteral("2024-07-03"); // day 45476
    struct Expected
    {
        qint64 row;
        int column; // 1-based
        Cell::Kind kind;
        double number;
        QString text;
    };
    using K = Cell::Kind;
    QList<Expected> expected = {
        {1, 1, K::Text, 0, QStringLiteral("Name")},
        {1, 2, K::Number, 12.5, QStringLiteral("12.5")},
        {1, 3, K::Number, 0.25, QStringLiteral("0.25")},
        {1, 4, K::Number, 1234.5, QStringLiteral("1234.5")},
        {1, 5, K::Boolean, 1, QStringLiteral("TRUE")},
        {1, 6, K::Boolean, 0, QStringLiteral("FALSE")},
        {1, 7, K::DateTime, 45476, date},
        {1, 8, K::DateTime, 45476 + (9 * 3600 + 41 * 60 + 30) / 86400.0, QStringLiteral("2024-07-03T09:41:30")},
        {1, 9, K::DateTime, 12.5 / 24, QStringLiteral("PT12H30M00S")},
        {1, 10, K::Number, 1.5, QStringLiteral("PT36H00M00S")}, // a duration over a day: a number of days
        {1, 11, K::Error, 0, QStringLiteral("#DIV/0!")},
        {1, 12, K::Error, 0, QStringLiteral("#N/A")},
        {1, 13, K::Number, 25, QStringLiteral("25")}, // a formula's cached result
        {1, 14, K::Text, 0, QStringLiteral("n/a")},   // a float without a value: what it shows
        {1, 15, K::Text, 0, QStringLiteral("stored")}, // office:string-value wins over the paragraph
        {1, 16, K::Text, 0, QStringLiteral("untyped")},
        {2, 1, K::Text, 0, QStringLiteral("two   and one  ")},
        {2, 2, K::Text, 0, QStringLiteral("a\tb\nc\nsecond spanlink")},
        {2, 3, K::Text, 0, QStringLiteral("with comment")},
        {2, 4, K::Text, 0, QStringLiteral("with drawing")},
        {2, 5, K::Text, 0, QStringLiteral("中文 & <tags>")},
        {2, 6, K::Text, 0, QStringLiteral(" ")},
        {11, 1, K::Text, 0, QStringLiteral("merged")},
        {11, 3, K::Text, 0, QStringLiteral("kept")}, // a covered cell's own content
        {11, 4, K::Number, 7, QStringLiteral("7")},
        {11, 5, K::Number, 7, QStringLiteral("7")},
        {12, 16001, K::Text, 0, QStringLiteral("far")},
    };
    for (qint64 row : {8, 9, 10}) {
        expected.append({row, 1, K::Text, 0, QStringLiteral("r")});
        for (int column : {4, 5, 6})
            expected.append({row, column, K::Text, 0, QStringLiteral("x")});
    }
    for (const Expected &e : std::as_const(expected)) {
        const QString where = QStringLiteral("row %1 column %2").arg(e.row).arg(e.column);
        QVERIFY2(grid[e.row].contains(e.column - 1), qPrintable(where + QStringLiteral(" is missing")));
        const ReadCell cell = grid[e.row].take(e.column - 1);
        QVERIFY2(cell.kind == e.kind, qPrintable(where + QStringLiteral(": kind %1").arg(int(cell.kind))));
        QVERIFY2(std::abs(cell.number - e.number) < 1e-9, qPrintable(where + QStringLiteral(": %1").arg(cell.number, 0, 'g', 17)));
        QCOMPARE(cell.text, e.text);
    }
    for (auto it = grid.cbegin(); it != grid.cend(); ++it)
        QVERIFY2(it->isEmpty(), qPrintable(QStringLiteral("extra cells in row %1").arg(it.key())));
}

void TestOdsReader::readsTheSheetAskedFor()
{
    QTemporaryDir dir;
    const QString path = makeOds(dir, QStringLiteral("features"));
    ReadOptions options;
    options.sheet = QStringLiteral("third"); // names match regardless of case
    auto third = openTable(path, options);
    QVERIFY2(third.ok(), qPrintable(third.errorMessage()));
    QCOMPARE((*third)->sheetName(), QStringLiteral("Third"));
    compareRelative(readSheet(**third), {QStringLiteral("s:3rd")}, 2);
    // Going back restarts the stream: a hidden sheet can be read too, and the first one read again.
    QVERIFY((*third)->selectSheet(0));
    compareRelative(readSheet(**third), {QStringLiteral("s:secret")}, 1);
    QVERIFY((*third)->selectSheet(2));
    compareRelative(readSheet(**third), {QStringLiteral("s:3rd")}, 2);
    QVERIFY(!(*third)->selectSheet(3));

    options.sheet = QStringLiteral("Nope");
    auto missing = openTable(path, options);
    QVERIFY(!missing.ok());
    QVERIFY2(missing.errorMessage().contains(u"Hidden notes, Data, Third"), qPrintable(missing.errorMessage()));
}

void TestOdsReader::emptyRepeatsAreNeverExpanded()
{
    // Two rows of data, then fifty times a million rows of 16384 empty cells: 800 billion empty cells that
    // must never be made. The rows come out without their trailing empty cells.
    QTemporaryDir dir;
    const QString path = makeOds(dir, QStringLiteral("trailing"));
    auto opened = openTable(path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    std::vector<Cell> cells;
    QVERIFY((*opened)->nextRow(cells));
    QCOMPARE((*opened)->rowNumber(), qint64(1));
    QCOMPARE(cells.size(), size_t(2));
    QCOMPARE(textOf(cells[1]), QStringLiteral("b"));
    QVERIFY((*opened)->nextRow(cells));
    QCOMPARE((*opened)->rowNumber(), qint64(3));
    QCOMPARE(cells.size(), size_t(4));
    QCOMPARE(cells[0].kind, Cell::Kind::Empty);
    QCOMPARE(textOf(cells[3]), QStringLiteral("c"));
    QVERIFY(!(*opened)->nextRow(cells));
    QVERIFY2(!(*opened)->error(), qPrintable(errorOf(**opened)));
    QCOMPARE((*opened)->progress(), 1.0);
}

void TestOdsReader::matchesStatedValues_data()
{
    // Transcribed from the tests calamine (tafia/calamine, tests/test.rs) runs on its files: ods,
    // ods_covered, special_cells, special_chrs_ods, partial_richtext_ods, ods_merged_cells,
    // ods_number_rows_repeated, issue_repeated_empty, ods_with_annotations, date_ods. Durations there are
    // times of day here; calamine's ranges start at the first non-empty cell, as compareRelative does.
    // SheetJS's crlf.ods was read off its content.xml by hand.
    QTest::addColumn<QString>("file"); // in calamine/ unless it names its folder
    QTest::addColumn<QString>("sheet"); // empty: the first visible one
    QTest::addColumn<qint64>("firstRow"); // 0: not stated
    QTest::addColumn<QStringList>("rows");
    const QString issues = QStringLiteral("issues.ods");
    QTest::newRow("issues datatypes") << issues << QStringLiteral("datatypes") << qint64(0)
                                      << QStringList{QStringLiteral("f:1"), QStringLiteral("f:1.5"), QStringLiteral("s:ab"), QStringLiteral("b:0"),
                                                     QStringLiteral("s:test"), QStringLiteral("d:2016-10-20T00:00:00.000")};
    QTest::newRow("issues issue2") << issues << QStringLiteral("issue2") << qint64(0)
                                   << QStringList{QStringLiteral("f:1|s:a"), QStringLiteral("f:2|s:b"), QStringLiteral("f:3|s:c")};
    QTest::newRow("issues issue5") << issues << QStringLiteral("issue5") << qint64(0) << QStringList{QStringLiteral("f:0.5")};
    QTest::newRow("issues spc_chrs") << issues << QStringLiteral("spc_chrs") << qint64(0)
                                     << QStringList{QStringLiteral("s:&"), QStringLiteral("s:<"), QStringLiteral("s:>"), QStringLiteral("s:aaa ' aaa"),
                                                    QStringLiteral("s:\""), QStringLiteral("s:☺"), QStringLiteral("s:֍"), QStringLiteral("s:àâéêèçöïî«»")};
    QTest::newRow("covered") << QStringLiteral("covered.ods") << QStringLiteral("sheet1") << qint64(1)
                             << QStringList{QStringLiteral("s:a1"), QStringLiteral("s:a2"), QStringLiteral("s:a3")};
    QTest::newRow("special cells") << QStringLiteral("special_cells.ods") << QStringLiteral("sheet1") << qint64(1)
                                   << QStringList{QStringLiteral("s:Split\nLine"), QStringLiteral("s:Value  With spaces"),
                                                  QStringLiteral("s:Value   With 3 spaces"), QStringLiteral("s: Value   With spaces before and after "),
                                                  QStringLiteral("s:  Value   With 2 spaces before and after  ")};
    QTest::newRow("rich text") << QStringLiteral("richtext_issue.ods") << QStringLiteral("datatypes") << qint64(1) << QStringList{QStringLiteral("s:abc")};
    QTest::newRow("merged") << QStringLiteral("merged_cells.ods") << QString() << qint64(1)
                            << QStringList{QStringLiteral("s:A|s:B|s:C"), QStringLiteral("s:A|s:B|s:C"), QStringLiteral("||s:C")};
    const QStringList repeated = {QStringLiteral("s:A|s:B"), QStringLiteral("s:C|s:D"), QStringLiteral("s:C|s:D"), QStringLiteral("|"),
                                  QStringLiteral("|"),       QStringLiteral("s:C|s:D"), QStringLiteral("|"),       QStringLiteral("s:C|s:D")};
    for (int sheet = 1; sheet <= 3; ++sheet) {
        QTest::addRow("rows repeated, sheet %d", sheet) << QStringLiteral("number_rows_repeated.ods") << QStringLiteral("Sheet%1").arg(sheet)
                                                        << qint64(sheet) << repeated;
    }
    QStringList empties = {QStringLiteral("s:StringCol"), QStringLiteral("s:bbb"), QStringLiteral("s:ccc"), QStringLiteral("s:ddd"), QStringLiteral("s:eee")};
    for (int i = 0; i < 7; ++i)
        empties << QString();
    empties << QStringLiteral("s:zzz");
    QTest::newRow("single empty") << QStringLiteral("single-empty.ods") << QString() << qint64(1) << empties;
    QTest::newRow("multi empty") << QStringLiteral("multi-empty.ods") << QString() << qint64(1) << empties;
    QTest::newRow("annotation") << QStringLiteral("with-annotation.ods") << QStringLiteral("table1") << qint64(1) << QStringList{QStringLiteral("s:cell a.1")};
    QTest::newRow("dates") << QStringLiteral("date.ods") << QStringLiteral("Sheet1") << qint64(1)
                           << QStringList{QStringLiteral("d:2021-01-01T00:00:00.000|f:15"), QStringLiteral("d:2021-01-01T10:10:10.000|f:16"),
                                          QStringLiteral("d:1899-12-30T10:10:10.000|f:17"), QStringLiteral("d:1899-12-30T10:10:10.123|f:18")};
    QTest::newRow("crlf") << QStringLiteral("../sheetjs/crlf/crlf.ods") << QString() << qint64(1)
                          << QStringList{QStringLiteral("s:Normal|s:abc\nDef"), QStringLiteral("s:Formula|s:abc\r\ndef"), QStringLiteral("s:Test")};
}

void TestOdsReader::matchesStatedValues()
{
    QFETCH(QString, file);
    QFETCH(QString, sheet);
    QFETCH(qint64, firstRow);
    QFETCH(QStringList, rows);
    ReadOptions options;
    options.sheet = sheet;
    auto opened = openTable(kCorpus + QStringLiteral("/calamine/") + file, options);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    const Grid grid = readSheet(**opened);
    QVERIFY2(!(*opened)->error(), qPrintable(errorOf(**opened)));
    compareRelative(grid, rows, firstRow);
}

void TestOdsReader::listsSheetsLikeCalamine()
{
    // calamine's any_sheets_ods: ODS has no "very hidden" and no chart sheets, so VeryHidden is hidden and
    // Chart is an (empty) worksheet.
    auto any = openTable(kCorpus + QStringLiteral("/calamine/any_sheets.ods"));
    QVERIFY2(any.ok(), qPrintable(any.errorMessage()));
    QStringList names;
    QList<bool> hidden;
    for (const SheetInfo &s : (*any)->sheets()) {
        names << s.name;
        hidden << s.hidden;
    }
    QCOMPARE(names, (QStringList{QStringLiteral("Visible"), QStringLiteral("Hidden"), QStringLiteral("VeryHidden"), QStringLiteral("Chart")}));
    QCOMPARE(hidden, (QList<bool>{false, true, true, false}));
    compareRelative(readSheet(**any),
                    {QStringLiteral("f:1|f:2"), QStringLiteral("f:3|f:4"), QStringLiteral("f:5|f:6"), QStringLiteral("|"),
                     QStringLiteral("s:This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart")},
                    1);
    // calamine's issue_127: the sheets in document order.
    auto ordered = openTable(kCorpus + QStringLiteral("/calamine/issue127.ods"));
    QVERIFY2(ordered.ok(), qPrintable(ordered.errorMessage()));
    names.clear();
    for (const SheetInfo &s : (*ordered)->sheets())
        names << s.name;
    QCOMPARE(names, (QStringList{QStringLiteral("Sheet1"), QStringLiteral("Sheet2"), QStringLiteral("Sheet3"), QStringLiteral("Sheet4"),
                                 QStringLiteral("Sheet5"), QStringLiteral("Sheet6"), QStringLiteral("Sheet7"), QStringLiteral("Sheet8")}));
}

void TestOdsReader::agreesWithTheXlsxReader_data()
{
    // The same workbooks saved as .ods and as .xlsx (SheetJS's and calamine's test files); the XLSX reader is
    // checked against Excel's own CSVs and openpyxl in tst_workbookreader.
    QTest::addColumn<QString>("ods");
    QTest::addColumn<QString>("xlsx");
    // (crlf.ods is not the same workbook as crlf.xlsx: LibreOffice capitalised a word in it; matchesStatedValues
    // checks it.)
    for (const char *base : {"sheetjs/merge_cells", "sheetjs/sheet_visibility", "sheetjs/1904/1904", "sheetjs/1904/1900",
                             "calamine/issue127", "calamine/any_sheets"}) {
        QTest::newRow(base) << QString::fromLatin1(base) + QStringLiteral(".ods") << QString::fromLatin1(base) + QStringLiteral(".xlsx");
    }
    QTest::newRow("sheetjs/BlankSheetTypes") << QStringLiteral("sheetjs/BlankSheetTypes.ods") << QStringLiteral("sheetjs/BlankSheetTypes.xlsm");
}

void TestOdsReader::agreesWithTheXlsxReader()
{
    QFETCH(QString, ods);
    QFETCH(QString, xlsx);
    auto odsReader = openTable(kCorpus + u'/' + ods);
    auto xlsxReader = openTable(kCorpus + u'/' + xlsx);
    QVERIFY2(odsReader.ok(), qPrintable(odsReader.errorMessage()));
    QVERIFY2(xlsxReader.ok(), qPrintable(xlsxReader.errorMessage()));
    const QList<SheetInfo> odsSheets = (*odsReader)->sheets();
    const QList<SheetInfo> xlsxSheets = (*xlsxReader)->sheets();
    int compared = 0;
    for (qsizetype x = 0; x < xlsxSheets.size(); ++x) {
        // Chart sheets are left out of XLSX; ODS keeps them as empty worksheets. Where the sheets were named
        // differently (SheetJS's 1904 files), they are matched by position.
        qsizetype o = -1;
        for (qsizetype i = 0; i < odsSheets.size(); ++i) {
            if (odsSheets[i].name == xlsxSheets[x].name)
                o = i;
        }
        if (o < 0 && odsSheets.size() == xlsxSheets.size())
            o = x;
        QVERIFY2(o >= 0, qPrintable(xlsxSheets[x].name));
        QCOMPARE(odsSheets[o].hidden, xlsxSheets[x].hidden);
        QVERIFY((*odsReader)->selectSheet(int(o)));
        QVERIFY((*xlsxReader)->selectSheet(int(x)));
        Grid fromOds = readSheet(**odsReader);
        const Grid fromXlsx = readSheet(**xlsxReader);
        QVERIFY2(!(*odsReader)->error(), qPrintable(errorOf(**odsReader)));
        for (auto row = fromXlsx.cbegin(); row != fromXlsx.cend(); ++row) {
            for (auto c = row->cbegin(); c != row->cend(); ++c) {
                const QString where = QStringLiteral("%1 sheet %2 row %3 column %4").arg(ods, xlsxSheets[x].name).arg(row.key()).arg(c.key() + 1);
                QVERIFY2(fromOds[row.key()].contains(c.key()), qPrintable(where + QStringLiteral(" is missing")));
                const ReadCell mine = fromOds[row.key()].take(c.key());
                QVERIFY2(mine.kind == c->kind, qPrintable(where + QStringLiteral(": kind %1, XLSX %2").arg(int(mine.kind)).arg(int(c->kind))));
                if (mine.kind == Cell::Kind::Text || mine.kind == Cell::Kind::Error)
                    QCOMPARE(mine.text, c->text);
                else
                    QVERIFY2(std::abs(mine.number - c->number) < 1e-6, qPrintable(where + QStringLiteral(": %1, XLSX %2").arg(mine.number).arg(c->number)));
                ++compared;
            }
        }
        for (auto it = fromOds.cbegin(); it != fromOds.cend(); ++it)
            QVERIFY2(it->isEmpty(), qPrintable(QStringLiteral("%1: cells in row %2 that XLSX does not have").arg(ods).arg(it.key())));
    }
    if (!ods.contains(u"BlankSheetTypes") && !ods.contains(u"issue127")) // their sheets are blank
        QVERIFY(compared > 0);
}

void TestOdsReader::refusesWithAReason_data()
{
    QTest::addColumn<QString>("file"); // corpus path, or "make:KIND" for an ods_tool.py file
    QTest::addColumn<QString>("reason");
    QTest::newRow("repeat bomb (calamine)") << QStringLiteral("calamine/issue_594_dos.ods") << QStringLiteral("repeated 999999999 times, beyond column 16384");
    QTest::newRow("encrypted (LibreOffice)") << QStringLiteral("calamine/pass_protected.ods") << QStringLiteral("password-protected");
    QTest::newRow("repeat bomb") << QStringLiteral("make:bomb") << QStringLiteral("more than 32 million cells");
    QTest::newRow("row past the last") << QStringLiteral("make:tallrow") << QStringLiteral("beyond row 16777216");
    QTest::newRow("cell past the last") << QStringLiteral("make:widecell") << QStringLiteral("beyond column 16384");
    QTest::newRow("space bomb") << QStringLiteral("make:spaces") << QStringLiteral("more than 64 MB of text");
    QTest::newRow("encrypted") << QStringLiteral("make:encrypted") << QStringLiteral("password-protected");
    QTest::newRow("malformed") << QStringLiteral("make:malformed") << QStringLiteral("damaged");
    QTest::newRow("entity expansion") << QStringLiteral("make:dtd") << QStringLiteral("DTD");
    QTest::newRow("no content") << QStringLiteral("make:nocontent") << QStringLiteral("content.xml is missing");
    QTest::newRow("truncated") << QStringLiteral("make:truncated") << QStringLiteral("damaged or truncated");
    QTest::newRow("text document") << QStringLiteral("make:text") << QStringLiteral("not a spreadsheet");
}

void TestOdsReader::refusesWithAReason()
{
    QFETCH(QString, file);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = file.startsWith(QLatin1StringView("make:")) ? makeOds(dir, file.mid(5)) : kCorpus + u'/' + file;
    QVERIFY(!path.isEmpty());
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

void TestOdsReader::importsAnOrderList()
{
    // A title row and an empty row above the header, dates with and without a time, money as currency
    // cells, three empty rows between the orders, a status in a formatted run.
    QTemporaryDir dir;
    const QString path = makeOds(dir, QStringLiteral("orders"));
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const auto summary = import::Importer::run(*ws.value(), path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, import::ImportKind::Orders);
    QCOMPARE(summary->sheet, QStringLiteral("Orders"));
    QCOMPARE(summary->headerRow, 3);
    QCOMPARE(summary->rowsRead, qint64(3));
    QCOMPARE(summary->inserted, qint64(3));
    QCOMPARE(summary->rejected, qint64(0));
    store::Database &db = ws.value()->db();
    store::Statement orders(db, "SELECT order_key, order_date, amount, quantity FROM orders ORDER BY order_key");
    const QList<std::tuple<QString, QString, double, double>> expected = {
        {QStringLiteral("SO-1"), QStringLiteral("2024-05-16T09:30:00"), 128.5, 1},
        {QStringLiteral("SO-2"), QStringLiteral("2024-06-01T00:00:00"), 1280, 2}, // one time in the column: all are date-times
        {QStringLiteral("SO-3"), QStringLiteral("2024-07-03T00:00:00"), 59, 1},
    };
    for (const auto &[key, date, amount, quantity] : expected) {
        QVERIFY(orders.step());
        QCOMPARE(orders.text(0), key);
        QCOMPARE(orders.text(1), date);
        QCOMPARE(orders.real(2), amount);
        QCOMPARE(orders.real(3), quantity);
    }
    QVERIFY(!orders.step());
    QCOMPARE(db.scalar("SELECT group_concat(customer_key, ',') FROM (SELECT customer_key FROM customers ORDER BY 1)").toString(),
             QStringLiteral("C001,C002"));
}

QTEST_GUILESS_MAIN(TestOdsReader)
#include "tst_odsreader.moc"
