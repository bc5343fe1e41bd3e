#pragma once

#include "read/tablereader.h"
#include "read/zippackage.h"

#include <QCoreApplication>

#include <expat.h>

#include <string>
#include <string_view>

namespace segmenta::read {

// Reads XLSX and XLSM workbooks (transitional and Strict OOXML, any namespace prefixes) as a stream: the
// sheet's XML is parsed row by row from the zip part and never held whole, so memory stays flat however long
// the sheet is. Only the shared strings and the styles are kept in memory. The sheet goes through expat
// (suspended after each row), which is several times faster than QXmlStreamReader on sheets of millions of
// cells; the small parts use QXmlStreamReader.
//
// Cells: shared, inline and rich-text strings (phonetic runs left out), cached formula values, booleans,
// errors, numbers; numbers whose style is a date or time format become DateTime in either date system;
// `_xHHHH_` escapes are decoded. Hidden sheets are listed and marked. Refused: documents with a DTD (entity
// expansion), parts that decompress to absurd sizes, damaged XML (reported with the row it stopped at).
//
// Written on top of libzip, expat and QXmlStreamReader because none of the libraries available here reads
// XLSX (libxlsxwriter only writes). Not thread-safe.
class XlsxReader : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::XlsxReader)

public:
    // Takes the opened package; `path` is only for messages.
    enum class StyleKind : quint8 { Plain, Date, Duration };

    static Result<std::unique_ptr<XlsxReader>> open(std::unique_ptr<ZipPackage> package, const QString &path);

    QList<SheetInfo> sheets() const override;
    Result<void> selectSheet(int index) override;
    bool nextRow(std::vector<Cell> &row) override;
    const std::optional<Error> &error() const override { return m_error; }
    qint64 rowNumber() const override { return m_rowNumber; }
    double progress() const override;
    QString sheetName() const override { return m_sheet < 0 ? QString() : m_sheets[m_sheet].info.name; }

private:
    struct Sheet
    {
        SheetInfo info;
        QString part;
    };
    struct PendingCell
    {
        Cell::Kind kind = Cell::Kind::Empty;
        double number = 0;
        size_t offset = 0;
        size_t length = 0;
        bool shared = false; // the text lives in m_strings, not in this row's arena
    };

    XlsxReader() = default;
    Result<void> readWorkbook();
    Result<void> readStyles(const QString &part);
    Result<void> readSharedStrings(const QString &part);
    bool fail(const QString &reason);
    void finishCell(int column, std::string_view type, int style, std::string_view value, bool haveValue);
    void appendText(std::string_view text, PendingCell &cell, bool decode);

    static void XMLCALL onStart(void *self, const char *name, const char **attributes);
    static void XMLCALL onEnd(void *self, const char *name);
    static void XMLCALL onText(void *self, const char *text, int length);
    static void XMLCALL onDoctype(void *self, const char *, const char *, const char *, int);

    struct ParserDeleter
    {
        void operator()(XML_ParserStruct *parser) const { XML_ParserFree(parser); }
    };
    // Where the parse of the sheet stands between callbacks.
    struct SheetState
    {
        bool inSheetData = false;
        bool done = false;     // </sheetData> seen
        bool refused = false;  // a DTD
        bool rowReady = false; // a row is complete and waits to be handed out
        bool capture = false;  // inside <v> or an inline string's <t>
        bool inline_ = false;  // inside <is>
        bool haveValue = false;
        int phonetic = 0;
        int column = 0;
        int style = -1;
        std::string type;
        std::string value;
    };
    static constexpr int kChunk = 256 * 1024;

    std::unique_ptr<ZipPackage> m_package;
    QString m_fileName;
    QList<Sheet> m_sheets;
    bool m_date1904 = false;
    std::vector<StyleKind> m_styles; // by cellXfs index
    std::string m_strings;           // shared strings, UTF-8, back to back
    std::vector<std::pair<size_t, size_t>> m_stringSpans;

    int m_sheet = -1;
    std::unique_ptr<ZipPart> m_part;
    std::unique_ptr<XML_ParserStruct, ParserDeleter> m_parser;
    SheetState m_state;
    bool m_suspended = false;
    bool m_finished = false;
    qint64 m_rowNumber = 0;
    std::string m_arena; // this row's cell texts
    std::vector<PendingCell> m_row;
    std::optional<Error> m_error;
};

} // namespace segmenta::read
