#include "export/xlsxmemberwriter.h"

#include "common/money.h"

#include "metrics/analysissettings.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fcntl.h>
#include <unistd.h>

namespace segmenta::exporting {

namespace {

constexpr int kExcelMaxStringLength = 32767;
constexpr qint64 kWidthSampleRows = 10000; // column widths are measured on the first rows of each sheet
constexpr int kMinWidth = 6;
constexpr int kMaxWidth = 60;

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

// libxlsxwriter prints its own "[ERROR][file:line]: ..." lines on stderr when it cannot write; its error
// codes are reported to the user in Segmenta's words instead (describe()), so for the calls that write files
// stderr goes to /dev/null. Process-wide for those moments: another thread's stderr output then is lost too.
class QuietStderr
{
public:
    QuietStderr()
    {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int null = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
        if (m_saved >= 0 && null >= 0)
            ::dup2(null, STDERR_FILENO);
        if (null >= 0)
            ::close(null);
    }
    ~QuietStderr()
    {
        std::fflush(stderr);
        if (m_saved >= 0) {
            ::dup2(m_saved, STDERR_FILENO);
            ::close(m_saved);
        }
    }
    QuietStderr(const QuietStderr &) = delete;
    QuietStderr &operator=(const QuietStderr &) = delete;

private:
    int m_saved = -1;
};

// What a libxlsxwriter error means for the user, naming the folder the workbook is written in.
QString describe(lxw_error error, const QString &target)
{
    const QString folder = QDir::toNativeSeparators(QFileInfo(target).absolutePath());
    switch (error) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return XlsxMemberWriter::tr("there was not enough memory; close other programs and try again");
    case LXW_ERROR_CREATING_XLSX_FILE:
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_PARAMETER_ERROR:
    case LXW_ERROR_ZIP_BAD_ZIP_FILE:
    case LXW_ERROR_ZIP_INTERNAL_ERROR:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return XlsxMemberWriter::tr("the file could not be written in “%1”: the disk may be full, or the folder "
                                    "read-only; free some room there or choose another folder")
            .arg(folder);
    default:
        return XlsxMemberWriter::tr("the workbook could not be written (error %1); try another folder or the CSV format")
            .arg(int(error));
    }
}

int formatWidth(CellFormat format)
{
    switch (format) {
    case CellFormat::Money:
        return 14;
    case CellFormat::Decimal:
        return 12;
    case CellFormat::Percent:
        return 9;
    case CellFormat::Integer:
        return 8;
    case CellFormat::Date:
        return 11;
    case CellFormat::DateTime:
        return 19;
    case CellFormat::Boolean:
        return 7;
    case CellFormat::Identifier:
    case CellFormat::Text:
        break;
    }
    return kMinWidth;
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "_x0041_" -> "_x005F_x0041_", so that Excel shows the text as it was rather than "A".
void escapeLiteralEscapes(std::string &text)
{
    std::string escaped;
    escaped.reserve(text.size() + 14);
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '_' && i + 6 < text.size() && text[i + 1] == 'x' && isHex(text[i + 2]) && isHex(text[i + 3]) &&
            isHex(text[i + 4]) && isHex(text[i + 5]) && text[i + 6] == '_') {
            escaped += "_x005F";
        }
        escaped += text[i];
    }
    text.swap(escaped);
}

lxw_datetime toLxw(const QDateTime &time)
{
    const QDate d = time.date();
    const QTime t = time.time();
    return lxw_datetime{d.year(), d.month(), d.day(), t.hour(), t.minute(), double(t.second())};
}

} // namespace

XlsxMemberWriter::XlsxMemberWriter(const QString &target, const ExportLayout &layout, qint64 maxRowsPerSheet)
    : m_target(target), m_layout(layout), m_maxRows(std::max<qint64>(1, maxRowsPerSheet))
{
}

XlsxMemberWriter::~XlsxMemberWriter()
{
    if (m_workbook)
        lxw_workbook_free(m_workbook); // abandons the workbook without writing it; frees its temporary files
    if (!m_committed && !m_tempPath.isEmpty())
        QFile::remove(m_tempPath);
}

Result<std::unique_ptr<XlsxMemberWriter>> XlsxMemberWriter::create(const QString &target, const ExportLayout &layout,
                                                                   const QString &currencySymbol, qint64 maxRowsPerSheet)
{
    std::unique_ptr<XlsxMemberWriter> writer(new XlsxMemberWriter(target, layout, maxRowsPerSheet));
    // A hidden name next to the target, so that the final rename stays on one file system.
    const QFileInfo info(target);
    do {
        writer->m_tempPath = info.dir().filePath(QStringLiteral(".%1.%2.part.xlsx")
                                                     .arg(info.completeBaseName())
                                                     .arg(QRandomGenerator::global()->generate64(), 0, 16));
    } while (QFileInfo::exists(writer->m_tempPath));

    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    // The rows wait in temporary files until the workbook is closed: in the target's folder, so that one disk
    // holds everything and a message about room names it.
    const QByteArray tempFolder = QFile::encodeName(info.absolutePath());
    options.tmpdir = const_cast<char *>(tempFolder.constData());
    const QByteArray tempName = QFile::encodeName(writer->m_tempPath);
    {
        const QuietStderr quiet;
        writer->m_workbook = workbook_new_opt(tempName.constData(), &options);
    }
    if (!writer->m_workbook)
        return Error{tr("Cannot write “%1”: %2").arg(target, describe(LXW_ERROR_CREATING_TMPFILE, target))};
    lxw_workbook *workbook = writer->m_workbook;

    writer->m_bold = workbook_add_format(workbook);
    format_set_bold(writer->m_bold);
    writer->m_text = workbook_add_format(workbook);
    format_set_num_format(writer->m_text, "@");
    writer->m_money = workbook_add_format(workbook);
    format_set_num_format(writer->m_money, utf8(xlsxMoneyFormat(currencySymbol)).constData());
    writer->m_decimal = workbook_add_format(workbook);
    format_set_num_format(writer->m_decimal, "#,##0.00");
    writer->m_percent = workbook_add_format(workbook);
    format_set_num_format(writer->m_percent, "0.00%");
    writer->m_date = workbook_add_format(workbook);
    format_set_num_format(writer->m_date, "yyyy-mm-dd");
    writer->m_dateTime = workbook_add_format(workbook);
    format_set_num_format(writer->m_dateTime, "yyyy-mm-dd hh:mm:ss");

    writer->m_groupColumn = !layout.groupNames.isEmpty() && !layout.groupPerSheet;
    if (layout.groupPerSheet && !layout.groupNames.isEmpty()) {
        for (const QString &name : layout.groupNames)
            writer->m_chains.push_back(SheetChain{tr("Group %1").arg(name), 0, nullptr, 0, 0, {}});
    } else {
        writer->m_chains.push_back(SheetChain{tr("Members"), 0, nullptr, 0, 0, {}});
    }
    for (SheetChain &chain : writer->m_chains)
        writer->startSheet(chain);
    return writer;
}

QString XlsxMemberWriter::uniqueSheetName(const QString &wanted)
{
    // Excel: at most 31 characters, none of []:*?/\, unique regardless of case.
    QString base = wanted;
    for (const QChar bad : {u'[', u']', u':', u'*', u'?', u'/', u'\\'})
        base.replace(bad, u'_');
    base = base.left(LXW_SHEETNAME_MAX);
    QString name = base;
    for (int n = 2; m_sheetNames.contains(name, Qt::CaseInsensitive); ++n) {
        const QString suffix = QStringLiteral(" %1").arg(n);
        name = base.left(LXW_SHEETNAME_MAX - suffix.size()) + suffix;
    }
    m_sheetNames << name;
    return name;
}

void XlsxMemberWriter::startSheet(SheetChain &chain)
{
    ++chain.part;
    const QString name = uniqueSheetName(chain.part == 1 ? chain.baseName
                                                         : QStringLiteral("%1 (%2)").arg(chain.baseName).arg(chain.part));
    m_memberSheets << name;
    chain.sheet = workbook_add_worksheet(m_workbook, utf8(name).constData());
    chain.rows = 0;
    chain.widths.clear();
    int column = 0;
    if (m_groupColumn) {
        const QString header = m_layout.groupHeader.isEmpty() ? tr("Group") : m_layout.groupHeader;
        writeText(chain.sheet, 0, column++, utf8(header).toStdString(), m_bold);
        chain.widths.push_back(displayWidth(utf8(header).toStdString()) + 3);
    }
    for (const ExportColumn &c : m_layout.columns) {
        const std::string header = utf8(c.header).toStdString();
        writeText(chain.sheet, 0, column++, header, m_bold);
        chain.widths.push_back(std::max(displayWidth(header) + 3, formatWidth(c.format))); // + the filter button
    }
    worksheet_freeze_panes(chain.sheet, 1, 0);
}

void XlsxMemberWriter::finishSheet(SheetChain &chain)
{
    const auto columns = int(chain.widths.size());
    if (columns > 0)
        check(worksheet_autofilter(chain.sheet, 0, 0, lxw_row_t(chain.rows), lxw_col_t(columns - 1)));
    for (int c = 0; c < columns; ++c) {
        const double width = std::clamp(chain.widths[size_t(c)] + 1, kMinWidth, kMaxWidth);
        check(worksheet_set_column(chain.sheet, lxw_col_t(c), lxw_col_t(c), width, nullptr));
    }
}

void XlsxMemberWriter::check(int error)
{
    if (error != LXW_NO_ERROR && m_firstError == LXW_NO_ERROR)
        m_firstError = error;
}

void XlsxMemberWriter::writeText(lxw_worksheet *sheet, int row, int column, std::string_view text, lxw_format *format)
{
    m_scratch.assign(text);
    if (m_scratch.size() > size_t(kExcelMaxStringLength)) {
        // Excel's limit for a cell; longer text (rare: notes, tag lists) is cut at a character boundary.
        QString value = QString::fromStdString(m_scratch);
        if (value.size() > kExcelMaxStringLength) {
            value.truncate(kExcelMaxStringLength - (value.at(kExcelMaxStringLength - 1).isHighSurrogate() ? 1 : 0));
            m_scratch = value.toStdString();
        }
    }
    // OOXML reads _xHHHH_ in a string as an escaped character; a literal one keeps its underscore escaped.
    if (m_scratch.find("_x") != std::string::npos)
        escapeLiteralEscapes(m_scratch);
    // Always a string cell: libxlsxwriter never reads a formula into it, whatever it starts with.
    check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), m_scratch.c_str(), format));
}

void XlsxMemberWriter::writeCell(SheetChain &chain, int row, int column, const Cell &cell, CellFormat format)
{
    lxw_worksheet *sheet = chain.sheet;
    switch (cell.kind) {
    case Cell::Kind::Empty:
        return;
    case Cell::Kind::Number: {
        lxw_format *numberFormat = format == CellFormat::Money     ? m_money
                                   : format == CellFormat::Decimal ? m_decimal
                                   : format == CellFormat::Percent ? m_percent
                                                                   : nullptr;
        check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), cell.number, numberFormat));
        return;
    }
    case Cell::Kind::Boolean:
        check(worksheet_write_boolean(sheet, lxw_row_t(row), lxw_col_t(column), cell.number != 0 ? 1 : 0, nullptr));
        return;
    case Cell::Kind::Date: {
        lxw_datetime value{cell.year, cell.month, cell.day, cell.hour, cell.minute, double(cell.second)};
        check(worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(column), &value, cell.hasTime ? m_dateTime : m_date));
        return;
    }
    case Cell::Kind::Text:
        writeText(sheet, row, column, cell.text, format == CellFormat::Identifier ? m_text : nullptr);
        if (chain.rows < kWidthSampleRows) {
            int &width = chain.widths[size_t(column)];
            width = std::max(width, displayWidth(cell.text));
        }
        return;
    }
}

void XlsxMemberWriter::writeRow(int group, const std::vector<Cell> &cells)
{
    SheetChain &chain = m_layout.groupPerSheet && group >= 0 ? m_chains[size_t(group)] : m_chains[0];
    if (chain.rows == m_maxRows) {
        finishSheet(chain);
        startSheet(chain);
    }
    const int row = int(chain.rows + 1);
    int column = 0;
    if (m_groupColumn)
        writeText(chain.sheet, row, column++, utf8(m_layout.groupNames.value(group)).toStdString(), nullptr);
    for (size_t i = 0; i < cells.size(); ++i)
        writeCell(chain, row, column++, cells[i], m_layout.columns[i].format);
    ++chain.rows;
    ++chain.rowsTotal;
}

void XlsxMemberWriter::writeSegmentSheet(const ExportReport &report)
{
    lxw_worksheet *sheet = workbook_add_worksheet(m_workbook, utf8(uniqueSheetName(tr("Segment"))).constData());
    check(worksheet_set_column(sheet, 0, 0, 24, nullptr));
    check(worksheet_set_column(sheet, 1, 1, 70, nullptr));
    int row = 0;
    const auto label = [&](const QString &text) { writeText(sheet, row, 0, utf8(text).toStdString(), m_bold); };
    const auto text = [&](const QString &value) { writeText(sheet, row, 1, utf8(value).toStdString(), nullptr); };

    label(tr("Segment"));
    text(report.segmentName.isEmpty() ? tr("(unsaved rule)") : report.segmentName);
    ++row;
    if (!report.segmentDescription.isEmpty()) {
        label(tr("Description"));
        text(report.segmentDescription);
        ++row;
    }
    label(tr("Rule"));
    text(report.ruleText);
    ++row;
    label(tr("Analysis date"));
    if (report.asOf.isValid()) {
        lxw_datetime date = toLxw(report.asOf.startOfDay());
        check(worksheet_write_datetime(sheet, lxw_row_t(row), 1, &date, m_date));
    }
    ++row;
    label(tr("Members"));
    check(worksheet_write_number(sheet, lxw_row_t(row), 1, double(report.members), nullptr));
    ++row;
    label(tr("Exported at"));
    lxw_datetime exported = toLxw(report.exportedAt);
    check(worksheet_write_datetime(sheet, lxw_row_t(row), 1, &exported, m_dateTime));
    ++row;
    label(tr("Workspace"));
    text(report.workspacePath);
    ++row;
    label(tr("Personal data masked"));
    text(report.masked ? tr("Yes") : tr("No"));
    ++row;
    if (!report.splitPercents.isEmpty()) {
        QStringList parts;
        for (qsizetype i = 0; i < report.splitPercents.size(); ++i)
            parts << tr("%1 %2%").arg(groupName(int(i))).arg(report.splitPercents[i]);
        label(tr("A/B split"));
        text(tr("%1 (seed %2)").arg(parts.join(QStringLiteral(", "))).arg(report.seed));
        ++row;
    }
    if (size_t(m_memberSheets.size()) > m_chains.size()) {
        label(tr("Note"));
        text(tr("The members continue on further sheets: %1").arg(m_memberSheets.join(QStringLiteral(", "))));
    }
}

void XlsxMemberWriter::writeSummarySheet(const ExportReport &report)
{
    lxw_worksheet *sheet = workbook_add_worksheet(m_workbook, utf8(uniqueSheetName(tr("Summary"))).constData());
    check(worksheet_set_column(sheet, 0, 0, 28, nullptr));
    check(worksheet_set_column(sheet, 1, 2, 12, nullptr));
    int row = 0;
    const auto table = [&](const QString &title, const std::vector<std::pair<QString, qint64>> &rows) {
        writeText(sheet, row, 0, utf8(title).toStdString(), m_bold);
        writeText(sheet, row, 1, utf8(tr("Members")).toStdString(), m_bold);
        writeText(sheet, row, 2, utf8(tr("Share")).toStdString(), m_bold);
        ++row;
        for (const auto &[name, count] : rows) {
            writeText(sheet, row, 0, utf8(name).toStdString(), nullptr);
            check(worksheet_write_number(sheet, lxw_row_t(row), 1, double(count), nullptr));
            const double share = report.members > 0 ? double(count) / double(report.members) : 0.0;
            check(worksheet_write_number(sheet, lxw_row_t(row), 2, share, m_percent));
            ++row;
        }
        ++row; // a blank row between tables
    };
    const auto count = [](const std::map<QString, qint64> &counts, const QString &key) {
        const auto it = counts.find(key);
        return it == counts.end() ? qint64(0) : it->second;
    };

    std::vector<std::pair<QString, qint64>> stages;
    for (const QString &id : metrics::stageIds()) {
        if (id == QLatin1StringView(metrics::stage::kRecencyUnknown) && count(report.lifecycle, id) == 0)
            continue; // (customer lists without dates only)
        stages.emplace_back(metrics::stageDisplayName(id), count(report.lifecycle, id));
    }
    for (const auto &[id, n] : report.lifecycle) {
        if (std::find(metrics::stageIds().begin(), metrics::stageIds().end(), id) == metrics::stageIds().end())
            stages.emplace_back(id.isEmpty() ? tr("(none)") : id, n);
    }
    table(tr("Lifecycle stage"), stages);

    std::vector<std::pair<QString, qint64>> tiers;
    for (const QString &id : metrics::tierIds())
        tiers.emplace_back(metrics::tierDisplayName(id), count(report.tiers, id));
    for (const auto &[id, n] : report.tiers) {
        if (std::find(metrics::tierIds().begin(), metrics::tierIds().end(), id) == metrics::tierIds().end())
            tiers.emplace_back(id.isEmpty() ? tr("(none)") : id, n);
    }
    table(tr("Value tier"), tiers);

    // RFM segments by size, largest first; customers without scores (no orders) last.
    std::vector<std::pair<QString, qint64>> rfm;
    for (const auto &[name, n] : report.rfmSegments) {
        if (!name.isEmpty())
            rfm.emplace_back(metrics::rfmDisplayName(name), n);
    }
    std::stable_sort(rfm.begin(), rfm.end(), [](const auto &a, const auto &b) { return a.second > b.second; });
    if (const qint64 unscored = count(report.rfmSegments, QString()); unscored > 0)
        rfm.emplace_back(tr("(no RFM score)"), unscored);
    table(tr("RFM segment"), rfm);

    if (!report.groupSizes.empty()) {
        std::vector<std::pair<QString, qint64>> groups;
        for (size_t g = 0; g < report.groupSizes.size(); ++g)
            groups.emplace_back(tr("Group %1").arg(groupName(int(g))), report.groupSizes[g]);
        table(tr("A/B split"), groups);
    }
}

Result<WriteOutcome> XlsxMemberWriter::commit(const ExportReport &report)
{
    for (SheetChain &chain : m_chains)
        finishSheet(chain);
    writeSegmentSheet(report);
    writeSummarySheet(report);
    if (m_firstError != LXW_NO_ERROR)
        return Error{tr("Cannot write “%1”: %2").arg(m_target, describe(lxw_error(m_firstError), m_target))};
    // libxlsxwriter does not check its writes of rows to the temporary files: on a full disk (or past a
    // file-size limit) it would go on and close a workbook with rows missing, reporting success. The error
    // flag of each file tells.
    lxw_worksheet *sheet = nullptr;
    LXW_FOREACH_WORKSHEET(sheet, m_workbook)
    {
        if (sheet->optimize_tmpfile && (std::fflush(sheet->optimize_tmpfile) != 0 || std::ferror(sheet->optimize_tmpfile)))
            return Error{tr("Cannot write “%1”: %2").arg(m_target, describe(LXW_ERROR_CREATING_TMPFILE, m_target))};
    }
    lxw_error closed = LXW_NO_ERROR;
    {
        const QuietStderr quiet;
        closed = workbook_close(m_workbook);
    }
    m_workbook = nullptr;
    if (closed != LXW_NO_ERROR)
        return Error{tr("Cannot write “%1”: %2").arg(m_target, describe(closed, m_target))};
    // rename() replaces an existing target in one step, so readers see the old file or the new one.
    if (std::rename(QFile::encodeName(m_tempPath).constData(), QFile::encodeName(m_target).constData()) != 0)
        return Error{tr("Cannot replace “%1”: %2").arg(m_target, QString::fromLocal8Bit(std::strerror(errno)))};
    m_committed = true;
    WriteOutcome outcome;
    outcome.files << m_target;
    outcome.sheets = m_memberSheets;
    if (size_t(m_memberSheets.size()) > m_chains.size())
        outcome.note = tr("More members than one sheet holds: they continue on sheets %1")
                           .arg(m_memberSheets.join(QStringLiteral(", ")));
    return outcome;
}

} // namespace segmenta::exporting
