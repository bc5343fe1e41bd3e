#include "read/tablereader.h"

#include "read/csvreader.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace segmenta::read {

Result<std::unique_ptr<TableReader>> openTable(const QString &path, const ReadOptions &options)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error{QCoreApplication::translate("TableReader", "“%1” does not exist").arg(path)};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QCoreApplication::translate("TableReader", "Cannot read “%1”: %2").arg(info.fileName(), file.errorString())};
    const QByteArray head = file.read(8);
    file.close();
    // Chosen by content: a spreadsheet renamed .csv is still a spreadsheet.
    if (head.startsWith("PK\x03\x04") || head.startsWith("\xD0\xCF\x11\xE0")) {
        return Error{QCoreApplication::translate("TableReader", "“%1” is an Excel or WPS workbook; this version of Segmenta imports "
                                                                "CSV and text files only. Save the sheet as CSV (UTF-8) and import that")
                         .arg(info.fileName())};
    }
    auto reader = CsvReader::open(path, options);
    if (!reader)
        return reader.error();
    return std::unique_ptr<TableReader>(std::move(reader).value());
}

} // namespace segmenta::read
