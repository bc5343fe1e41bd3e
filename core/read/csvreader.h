#pragma once

#include "read/tablereader.h"

#include <QByteArrayView>
#include <QCoreApplication>

#include <string>

namespace segmenta::read {

// Reads CSV, TSV and TXT exports: detects the encoding (byte-order marks, then a strict UTF-8 check, then
// uchardet; GB2312/GBK are read as their superset GB18030) and the delimiter (among , ; tab |, by which one
// splits the first lines most consistently outside quotes; or runs of spaces and tabs, delimiter ' ', when they
// split the lines far more consistently than any of those), and parses RFC 4180: quoted cells with doubled
// quotes and line breaks inside, CRLF, LF or CR line ends, ragged rows.
//
// When the encoding is detected, each line is checked: a line not in the file's encoding is read in the other
// common one when that reads it cleanly (GB18030 in a UTF-8 file, UTF-8 in any other), and a line neither reads
// makes its row's rowProblem() say so (see DecodingReport). An encoding the user chose is applied as chosen.
//
// The file is converted to UTF-8 in memory once (a 150 MB export takes about twice that while reading);
// rows are then handed out as views into that buffer. Not thread-safe.
class CsvReader : public TableReader
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::CsvReader)

public:
    static Result<std::unique_ptr<CsvReader>> open(const QString &path, const ReadOptions &options);

    QList<SheetInfo> sheets() const override;
    Result<void> selectSheet(int index) override;
    bool nextRow(std::vector<Cell> &row) override;
    const std::optional<Error> &error() const override { return m_error; }
    qint64 rowNumber() const override { return m_rowLine; }
    double progress() const override;
    QString encoding() const override { return m_encoding; }
    char delimiter() const override { return m_delimiter; }
    DecodingReport decodingReport() const override { return m_decoding; }
    const std::optional<RowProblem> &rowProblem() const override { return m_rowProblem; }

    // For tests: the encoding name uchardet and the UTF-8 check would choose for these bytes.
    static QString detectEncoding(const QByteArray &bytes);
    // Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
    static bool isValidUtf8(QByteArrayView bytes);
    // Whether at least half of the lines holding characters outside ASCII are valid UTF-8.
    static bool mostlyUtf8(QByteArrayView bytes);

private:
    CsvReader() = default;
    void decodeByLine(const QByteArray &bytes);
    void findRowProblem(const std::vector<Cell> &row);

    QString m_path;
    QByteArray m_text; // UTF-8, without a byte-order mark
    QString m_encoding;
    char m_delimiter = ',';
    qsizetype m_pos = 0;
    qint64 m_line = 1;
    qint64 m_rowLine = 0;
    std::vector<std::string> m_unquoted; // storage for cells that needed unescaping
    std::optional<Error> m_error;
    DecodingReport m_decoding;
    std::vector<qint64> m_undecodableLines; // sorted
    std::optional<RowProblem> m_rowProblem;
};

} // namespace segmenta::read
