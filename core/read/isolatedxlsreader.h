#pragma once

#include "read/tablereader.h"

#include <QCoreApplication>

#include <string>

namespace segmenta::read {

// Reads an old Excel workbook (.xls) by running segmenta-xls-reader, which holds FreeXL, in a child process
// and parsing what it prints: a crafted file that makes FreeXL crash or hang ends that process, and the
// import is refused with a message instead of taking the app down. The workbook (at most 65,536 rows by
// 256 columns a sheet) is kept in memory once read.
//
// The helper is found beside the running program, or at $SEGMENTA_XLS_READER. Not thread-safe.
class IsolatedXlsReader : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::IsolatedXlsReader)

public:
    static Result<std::unique_ptr<IsolatedXlsReader>> open(const QString &path);
    static QString helperPath();

    QList<SheetInfo> sheets() const override;
    Result<void> selectSheet(int index) override;
    bool nextRow(std::vector<Cell> &row) override;
    const std::optional<Error> &error() const override { return m_error; }
    qint64 rowNumber() const override { return m_rowNumber; }
    double progress() const override;
    QString sheetName() const override { return m_sheet < 0 ? QString() : m_sheets[m_sheet].name; }

private:
    struct StoredCell
    {
        int column;
        Cell::Kind kind;
        double number;
        std::string text;
    };
    struct StoredRow
    {
        qint64 number;
        std::vector<StoredCell> cells;
    };

    IsolatedXlsReader() = default;

    QList<SheetInfo> m_sheets;
    std::vector<std::vector<StoredRow>> m_rows; // by sheet
    int m_sheet = -1;
    size_t m_next = 0;
    qint64 m_rowNumber = 0;
    std::optional<Error> m_error;
};

} // namespace segmenta::read
