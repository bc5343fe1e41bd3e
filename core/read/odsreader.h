#pragma once

#include "read/tablereader.h"
#include "read/zippackage.h"

#include <QCoreApplication>

#include <expat.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace segmenta::read {

// Reads OpenDocument spreadsheets (.ods, as LibreOffice, WPS, Google Sheets and Excel write them) as a
// stream. Every sheet lives in the one content.xml, which goes through expat and is never held whole: opening
// makes one light pass over it to list the sheets (names, and hidden ones by their table style), and
// selectSheet() restarts the stream and skips to that sheet's table. Memory stays flat however long the sheet.
//
// Cells: float, percentage and currency values are Number (`text` is the stored value); booleans; dates and
// date-times from their ISO value, and times of day (an ISO duration under a day) are DateTime; longer
// durations are a Number of days; strings from their paragraphs (several joined by line breaks, text:s,
// text:tab and text:line-break expanded, spans and links kept, comments and drawings left out); error
// results of formulas are Error. Covered cells of merged ranges are read like any other cell.
//
// Repeat counts (table:number-rows-repeated, table:number-columns-repeated) are never expanded for empty
// cells and rows, so the million empty rows LibreOffice writes at the end of a sheet cost nothing. Refused
// with a message naming the file, sheet and row: a non-empty cell repeated beyond column 16384 or row
// 16777216 (the largest sheet LibreOffice makes), repeats that would expand to more cells than any real sheet
// has (a repeat-count bomb), a row holding absurd amounts of text, password-protected documents, DTDs
// (entity expansion), damaged zip archives and XML.
//
// Not thread-safe.
class OdsReader : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::OdsReader)

public:
    // Takes the opened package; `path` is only for messages. Error: encrypted, not a spreadsheet, damaged.
    static Result<std::unique_ptr<OdsReader>> open(std::unique_ptr<ZipPackage> package, const QString &path);

    QList<SheetInfo> sheets() const override { return m_sheets; }
    Result<void> selectSheet(int index) override;
    bool nextRow(std::vector<Cell> &row) override;
    const std::optional<Error> &error() const override { return m_error; }
    qint64 rowNumber() const override { return m_rowNumber; }
    double progress() const override;
    QString sheetName() const override { return m_sheet < 0 ? QString() : m_sheets[m_sheet].name; }

private:
    struct PendingCell
    {
        Cell::Kind kind = Cell::Kind::Empty;
        double number = 0;
        size_t offset = 0; // in m_arena
        size_t length = 0;
    };
    enum class Pass : quint8 { Listing, Reading };
    // Where the parse of content.xml stands between callbacks.
    struct ParseState
    {
        Pass pass = Pass::Listing;
        int depth = 0;
        int spreadsheetDepth = -1; // depth of office:spreadsheet, whose children are the sheets
        int tables = 0;            // sheets begun so far
        int tableDepth = -1;       // depth of the sheet being read; -1 outside it
        int nestedTables = 0;      // tables inside it (never in a valid file): their rows are not its rows
        bool done = false;         // the sheet being read has ended
        bool refused = false;      // a DTD
        bool rowReady = false;     // a row is complete and waits to be handed out
        // Listing: the table style being declared.
        std::string styleName;
        bool tableStyle = false;
        // The row being read.
        int rowDepth = -1;    // -1 between rows
        qint64 rowFirst = 0;  // its spreadsheet row number
        qint64 rowRepeat = 1;
        qint64 column = 0;    // the next cell's column (0-based)
        // The cell being read.
        int cellDepth = -1;
        qint64 cellRepeat = 1;
        std::string valueType; // office:value-type, or "error" from calcext:value-type
        std::string value;     // the attribute that holds the value for that type
        bool haveValue = false;
        bool formula = false;
        size_t textStart = 0;   // where the cell's text starts in m_arena
        int paragraphDepth = -1; // depth of the text:p being collected
        int paragraphs = 0;
        bool lastWasSpace = true;
        int skipDepth = -1;      // inside a comment or drawing: its text is not the cell's
    };
    struct ParserDeleter
    {
        void operator()(XML_ParserStruct *parser) const { XML_ParserFree(parser); }
    };
    static constexpr int kChunk = 256 * 1024;

    OdsReader() = default;
    Result<void> checkManifest();
    Result<void> listSheets();
    Result<void> startParse(Pass pass);
    QString xmlError() const;
    bool fail(const QString &reason);
    void stop(const QString &reason);

    void startElement(std::string_view uri, std::string_view local, const char **attributes);
    void endElement(std::string_view uri, std::string_view local);
    void text(const char *data, int length);
    void startCell(const char **attributes);
    void finishCell();
    void finishRow();
    void appendText(std::string_view text);

    static void XMLCALL onStart(void *self, const char *name, const char **attributes);
    static void XMLCALL onEnd(void *self, const char *name);
    static void XMLCALL onText(void *self, const char *text, int length);
    static void XMLCALL onDoctype(void *self, const char *, const char *, const char *, int);

    std::unique_ptr<ZipPackage> m_package;
    QString m_fileName;
    QList<SheetInfo> m_sheets;
    std::vector<std::string> m_sheetStyles;           // each sheet's table style, while listing
    std::unordered_set<std::string> m_hiddenStyles; // automatic table styles with table:display="false"

    int m_sheet = -1;
    std::unique_ptr<ZipPart> m_part;
    std::unique_ptr<XML_ParserStruct, ParserDeleter> m_parser;
    ParseState m_state;
    bool m_suspended = false;
    bool m_finished = false;
    qint64 m_nextRow = 1;        // the spreadsheet row the next table-row element starts at
    qint64 m_rowNumber = 0;      // the row last handed out
    qint64 m_rowsLeft = 0;       // further copies of that row still to hand out (number-rows-repeated)
    qint64 m_repeatedCells = 0;  // cells the repeat counts have produced so far in this sheet
    std::string m_arena;         // this row's cell texts
    std::vector<PendingCell> m_row;
    std::optional<Error> m_error;
};

} // namespace segmenta::read
