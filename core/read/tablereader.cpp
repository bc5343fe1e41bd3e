#include "read/tablereader.h"

#include "read/csvreader.h"
#include "read/isolatedxlsreader.h"
#include "read/odsreader.h"
#include "read/xlsxreader.h"
#include "read/zippackage.h"
#include "store/filecheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace segmenta::read {

namespace {

struct Text
{
    Q_DECLARE_TR_FUNCTIONS(TableReader)
};

// Zip packages: OOXML workbooks and OpenDocument spreadsheets are read; everything else that comes zipped is
// named and refused.
Result<std::unique_ptr<TableReader>> openZip(const QString &path)
{
    const QString name = QFileInfo(path).fileName();
    auto package = ZipPackage::open(path);
    if (!package)
        return package.error();
    if ((*package)->contains(QStringLiteral("mimetype"))) {
        auto mime = (*package)->readPart(QStringLiteral("mimetype"), 4096);
        if (mime && mime->startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
            auto reader = OdsReader::open(std::move(package).value(), path);
            if (!reader)
                return reader.error();
            return std::unique_ptr<TableReader>(std::move(reader).value());
        }
        if (mime && mime->startsWith("application/vnd.apple.numbers"))
            return Error{Text::tr("“%1” is an Apple Numbers document; export it as .xlsx or CSV and import that").arg(name)};
        return Error{Text::tr("“%1” is an OpenDocument file but not a spreadsheet").arg(name)};
    }
    if ((*package)->contains(QStringLiteral("word/document.xml")))
        return Error{Text::tr("“%1” is a Word document, not a spreadsheet").arg(name)};
    if ((*package)->contains(QStringLiteral("ppt/presentation.xml")))
        return Error{Text::tr("“%1” is a PowerPoint presentation, not a spreadsheet").arg(name)};
    if ((*package)->contains(QStringLiteral("Index/Document.iwa")))
        return Error{Text::tr("“%1” is an Apple Numbers document; export it as .xlsx or CSV and import that").arg(name)};
    if (!(*package)->contains(QStringLiteral("[Content_Types].xml")) && (*package)->contains(QStringLiteral("content.xml"))
        && (*package)->contains(QStringLiteral("META-INF/manifest.xml"))) {
        // OpenDocument without its mimetype entry: the manifest says whether it is a spreadsheet.
        auto reader = OdsReader::open(std::move(package).value(), path);
        if (!reader)
            return reader.error();
        return std::unique_ptr<TableReader>(std::move(reader).value());
    }
    if (!(*package)->contains(QStringLiteral("[Content_Types].xml")) && !(*package)->contains(QStringLiteral("xl/workbook.xml")))
        return Error{Text::tr("“%1” is a zip archive, not a spreadsheet").arg(name)};
    auto reader = XlsxReader::open(std::move(package).value(), path);
    if (!reader)
        return reader.error();
    return std::unique_ptr<TableReader>(std::move(reader).value());
}

} // namespace

Result<std::unique_ptr<TableReader>> openTable(const QString &path, const ReadOptions &options)
{
    const QFileInfo info(path);
    // Refused at once: a device such as /dev/zero, a pipe or a socket would never end or never start.
    if (const auto usable = store::FileCheck::checkInput(path); !usable)
        return usable.error();
    // A database (the open workspace itself, perhaps) is no spreadsheet; and reading it through a QFile would
    // drop the locks SQLite holds on it in this process.
    if (store::FileCheck::isSqliteDatabase(path)) {
        return Error{Text::tr("“%1” is a database (perhaps a Segmenta workspace), not a spreadsheet; open a "
                              "workspace with File > Open")
                         .arg(info.fileName())};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{Text::tr("Cannot read “%1”: %2").arg(info.fileName(), file.errorString())};
    const QByteArray head = file.read(512);
    file.close();

    // Chosen by content, not extension: a workbook renamed .csv is still a workbook, and many "Excel" exports
    // from shop back ends are really text.
    std::unique_ptr<TableReader> reader;
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06")) {
        auto zipped = openZip(path);
        if (!zipped)
            return zipped.error();
        reader = std::move(zipped).value();
    } else if (head.startsWith("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) {
        auto xls = IsolatedXlsReader::open(path); // FreeXL runs in a process of its own
        if (!xls)
            return xls.error();
        reader = std::move(xls).value();
    } else {
        const QByteArray start = head.trimmed().left(200).toLower();
        if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<table")) {
            return Error{Text::tr("“%1” is a web page (an HTML table saved with a spreadsheet name); open it in Excel or WPS, "
                            "save it as .xlsx and import that")
                             .arg(info.fileName())};
        }
        if (start.startsWith("<?xml"))
            return Error{Text::tr("“%1” is an XML file (such as an Excel 2003 XML spreadsheet); save it as .xlsx and import that").arg(info.fileName())};
        auto csv = CsvReader::open(path, options);
        if (!csv)
            return csv.error();
        return std::unique_ptr<TableReader>(std::move(csv).value());
    }

    if (!options.sheet.isEmpty()) {
        const QList<SheetInfo> sheets = reader->sheets();
        int index = -1;
        QStringList names;
        for (qsizetype i = 0; i < sheets.size(); ++i) {
            names << sheets[i].name;
            if (index < 0 && sheets[i].name.compare(options.sheet, Qt::CaseInsensitive) == 0)
                index = int(i);
        }
        if (index < 0)
            return Error{Text::tr("“%1” has no sheet named “%2”; its sheets are: %3").arg(info.fileName(), options.sheet, names.join(QStringLiteral(", ")))};
        if (auto ok = reader->selectSheet(index); !ok)
            return ok.error();
    }
    return reader;
}

} // namespace segmenta::read
