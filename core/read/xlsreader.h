#pragma once

#include "read/tablereader.h"

#include <QCoreApplication>

#include <string>

namespace segmenta::read {

// Reads old Excel workbooks (.xls, BIFF5 and BIFF8, as Excel 97-2003 and WPS write them) through FreeXL,
// which converts text from the workbook's code page (936 for Simplified Chinese, 950, 1252...) to UTF-8.
// FreeXL keeps the parsed workbook in memory; .xls sheets are at most 65,536 rows, so that is bounded.
//
// Refused with a specific message: password-protected workbooks (FreeXL cannot decrypt them), Word and
// PowerPoint files saved with an .xls name, password-protected .xlsx files (which are compound files too),
// and damaged files. Not thread-safe.
class XlsReader : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::XlsReader)

public:
    static Result<std::unique_ptr<XlsReader>> open(const QString &path);
    ~XlsReader() override;

    QList<SheetInfo> sheets() const override;
    Result<void> selectSheet(int index) override;
    bool nextRow(std::vector<Cell> &row) override;
    const std::optional<Error> &error() const override { return m_error; }
    qint64 rowNumber() const override { return qint64(m_row); }
    double progress() const override;
    QString sheetName() const override { return m_sheet < 0 ? QString() : m_sheets[m_sheet].name; }

private:
    XlsReader() = default;

    const void *m_handle = nullptr;
    QString m_fileName;
    QList<SheetInfo> m_sheets;
    int m_sheet = -1;
    unsigned int m_rows = 0;
    unsigned short m_columns = 0;
    unsigned int m_row = 0; // rows handed out so far (the next row's index)
    std::vector<std::string> m_texts;
    std::optional<Error> m_error;
};

} // namespace segmenta::read
