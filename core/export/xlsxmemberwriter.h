#pragma once

#include "export/memberwriter.h"

#include <QCoreApplication>

#include <memory>
#include <string>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace segmenta::exporting {

// Writes members to an .xlsx workbook with libxlsxwriter in constant-memory mode (each row goes to a
// temporary file as it is written, so memory stays flat for a million rows).
//
// Member sheets: a bold, frozen header row with an autofilter; numbers as numbers, money with a currency
// format, dates as real Excel dates, identifiers and phone numbers as text (leading zeros kept), widths from
// the header and the values. Text is always written as a string cell, never as a formula, so "=1+1" stays
// inert. More rows than a sheet holds continue on "Members (2)", "Members (3)"... (or per group).
// Then a "Segment" sheet (what was exported, from where, when) and a "Summary" sheet (members by lifecycle
// stage, value tier, RFM segment and split group).
//
// The workbook is written to a temporary file next to the target and renamed over it by commit(); a writer
// destroyed without commit frees the workbook and removes the temporary file. One thread at a time.
class XlsxMemberWriter final : public MemberWriter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::exporting::XlsxMemberWriter)

public:
    static Result<std::unique_ptr<XlsxMemberWriter>> create(const QString &target, const ExportLayout &layout,
                                                           const QString &currencySymbol, qint64 maxRowsPerSheet);
    ~XlsxMemberWriter() override;

    void writeRow(int group, const std::vector<Cell> &cells) override;
    Result<WriteOutcome> commit(const ExportReport &report) override;

private:
    // The sheets of one group (or of all members): the current one and how far it is filled.
    struct SheetChain
    {
        QString baseName;
        int part = 0;
        lxw_worksheet *sheet = nullptr;
        qint64 rows = 0;          // data rows on the current sheet
        qint64 rowsTotal = 0;     // data rows on all the chain's sheets
        std::vector<int> widths;  // widest value seen per column, in character cells
    };

    XlsxMemberWriter(const QString &target, const ExportLayout &layout, qint64 maxRowsPerSheet);
    void startSheet(SheetChain &chain);
    void finishSheet(SheetChain &chain);
    void writeCell(SheetChain &chain, int row, int column, const Cell &cell, CellFormat format);
    void writeText(lxw_worksheet *sheet, int row, int column, std::string_view text, lxw_format *format);
    void writeSegmentSheet(const ExportReport &report);
    void writeSummarySheet(const ExportReport &report);
    QString uniqueSheetName(const QString &wanted);
    void check(int error);

    QString m_target;
    ExportLayout m_layout;
    qint64 m_maxRows;
    QString m_tempPath;   // the workbook as written, renamed to m_target by commit()
    bool m_committed = false;
    lxw_workbook *m_workbook = nullptr;
    lxw_format *m_bold = nullptr;
    lxw_format *m_text = nullptr;
    lxw_format *m_money = nullptr;
    lxw_format *m_decimal = nullptr;
    lxw_format *m_percent = nullptr;
    lxw_format *m_date = nullptr;
    lxw_format *m_dateTime = nullptr;
    std::vector<SheetChain> m_chains;
    QStringList m_sheetNames; // every sheet added, to keep names unique
    QStringList m_memberSheets;
    bool m_groupColumn = false;
    int m_firstError = 0;
    std::string m_scratch;
};

} // namespace segmenta::exporting
