#pragma once

#include "export/exportoptions.h"
#include "export/memberwriter.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QStringEncoder>

#include <memory>
#include <string>

namespace segmenta::exporting {

// Writes members as CSV (RFC 4180: CRLF line ends, fields quoted when they hold the delimiter, a quote or a
// line break, quotes doubled) in UTF-8 with or without a BOM, or GB18030.
//
// Formula injection: a text value starting with = + - @ tab or carriage return gets a leading single quote
// (OWASP's advice), so a spreadsheet never runs it; numbers (also negative ones) are written as plain
// numbers. Money with at most two decimals is written with exactly two; dates as 2024-07-03 and
// date-times as 2024-07-03 09:41:00; booleans as TRUE/FALSE.
//
// Each file is a QSaveFile: nothing appears under the target name before commit(), and a writer destroyed
// without commit leaves nothing behind. One thread at a time.
class CsvMemberWriter final : public MemberWriter
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::exporting::CsvMemberWriter)

public:
    // `targets` holds one path, or one per group when layout.groupPerSheet.
    static Result<std::unique_ptr<CsvMemberWriter>> create(const QStringList &targets, const ExportLayout &layout,
                                                          ExportOptions::Encoding encoding, char delimiter);
    ~CsvMemberWriter() override;

    void writeRow(int group, const std::vector<Cell> &cells) override;
    Result<WriteOutcome> commit(const ExportReport &report) override;

    // Appends one text field, guarded against formula injection and quoted as RFC 4180 needs.
    static void appendText(std::string &line, std::string_view text, char delimiter);

private:
    CsvMemberWriter(const ExportLayout &layout, ExportOptions::Encoding encoding, char delimiter);
    void appendCell(std::string &line, const Cell &cell, CellFormat format) const;
    void writeLine(size_t file, std::string_view utf8Line);
    void flush(size_t file);

    ExportLayout m_layout;
    ExportOptions::Encoding m_encoding;
    char m_delimiter;
    QStringList m_targets;
    std::vector<std::unique_ptr<QSaveFile>> m_files;
    std::vector<QByteArray> m_buffers;
    QStringEncoder m_encoder;
    std::string m_line;
};

} // namespace segmenta::exporting
