#include "export/csvmemberwriter.h"

#include <charconv>
#include <cmath>

namespace segmenta::exporting {

namespace {

constexpr qsizetype kFlushBytes = 1 << 20;

bool startsFormula(std::string_view text)
{
    if (text.empty())
        return false;
    switch (text.front()) {
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r':
        return true;
    default:
        return false;
    }
}

void appendNumber(std::string &line, double value, bool twoDecimals)
{
    char buffer[64];
    const auto result = twoDecimals ? std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, 2)
                                    : std::to_chars(buffer, buffer + sizeof buffer, value);
    line.append(buffer, result.ptr);
}

// True when a money value has no more than two decimals (allowing for binary rounding such as 0.1 + 0.2).
bool isWholeCents(double value)
{
    const double cents = value * 100.0;
    return std::isfinite(cents) && std::abs(cents - std::round(cents)) < 1e-6 * std::max(1.0, std::abs(cents));
}

} // namespace

CsvMemberWriter::CsvMemberWriter(const ExportLayout &layout, ExportOptions::Encoding encoding, char delimiter)
    : m_layout(layout), m_encoding(encoding), m_delimiter(delimiter)
{
}

CsvMemberWriter::~CsvMemberWriter() = default; // uncommitted QSaveFiles discard their temporary files

Result<std::unique_ptr<CsvMemberWriter>> CsvMemberWriter::create(const QStringList &targets, const ExportLayout &layout,
                                                                 ExportOptions::Encoding encoding, char delimiter)
{
    std::unique_ptr<CsvMemberWriter> writer(new CsvMemberWriter(layout, encoding, delimiter));
    if (encoding == ExportOptions::Gb18030) {
        writer->m_encoder = QStringEncoder("GB18030");
        if (!writer->m_encoder.isValid())
            return Error{tr("This build cannot write GB18030; choose UTF-8")};
    }
    writer->m_targets = targets;
    for (const QString &target : targets) {
        auto file = std::make_unique<QSaveFile>(target);
        file->setDirectWriteFallback(false);
        if (!file->open(QIODevice::WriteOnly))
            return Error{tr("Cannot write “%1”: %2").arg(target, file->errorString())};
        writer->m_files.push_back(std::move(file));
        writer->m_buffers.emplace_back();
        writer->m_buffers.back().reserve(kFlushBytes + 4096);
    }

    std::string header;
    if (!layout.groupNames.isEmpty() && !layout.groupPerSheet) {
        appendText(header, (layout.groupHeader.isEmpty() ? tr("Group") : layout.groupHeader).toStdString(), delimiter);
        header += delimiter;
    }
    for (size_t i = 0; i < layout.columns.size(); ++i) {
        if (i > 0)
            header += delimiter;
        appendText(header, layout.columns[i].header.toStdString(), delimiter);
    }
    header += "\r\n";
    for (size_t f = 0; f < writer->m_files.size(); ++f) {
        if (encoding == ExportOptions::Utf8Bom)
            writer->m_buffers[f].append("\xEF\xBB\xBF");
        writer->writeLine(f, header);
    }
    return writer;
}

void CsvMemberWriter::appendText(std::string &line, std::string_view text, char delimiter)
{
    const bool guard = startsFormula(text);
    bool quote = false;
    for (const char c : text) {
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (quote)
        line += '"';
    if (guard)
        line += '\'';
    if (quote) {
        for (const char c : text) {
            if (c == '"')
                line += '"';
            line += c;
        }
        line += '"';
    } else {
        line.append(text);
    }
}

void CsvMemberWriter::appendCell(std::string &line, const Cell &cell, CellFormat format) const
{
    switch (cell.kind) {
    case Cell::Kind::Empty:
        return;
    case Cell::Kind::Number:
        if (format == CellFormat::Money && isWholeCents(cell.number)) {
            appendNumber(line, cell.number, true);
        } else if (cell.isInteger) {
            char buffer[32];
            line.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, cell.integer).ptr);
        } else {
            appendNumber(line, cell.number, false);
        }
        return;
    case Cell::Kind::Boolean:
        line += cell.number != 0 ? "TRUE" : "FALSE";
        return;
    case Cell::Kind::Date: {
        // By hand rather than snprintf: four date columns on a million rows make printf a hot spot.
        char buffer[20] = {char('0' + cell.year / 1000 % 10), char('0' + cell.year / 100 % 10), char('0' + cell.year / 10 % 10),
                           char('0' + cell.year % 10), '-', char('0' + cell.month / 10), char('0' + cell.month % 10), '-',
                           char('0' + cell.day / 10), char('0' + cell.day % 10), ' ', char('0' + cell.hour / 10),
                           char('0' + cell.hour % 10), ':', char('0' + cell.minute / 10), char('0' + cell.minute % 10), ':',
                           char('0' + cell.second / 10), char('0' + cell.second % 10), 0};
        line.append(buffer, cell.hasTime ? 19 : 10);
        return;
    }
    case Cell::Kind::Text:
        appendText(line, cell.text, m_delimiter);
        return;
    }
}

void CsvMemberWriter::writeRow(int group, const std::vector<Cell> &cells)
{
    m_line.clear();
    const bool groupColumn = !m_layout.groupNames.isEmpty() && !m_layout.groupPerSheet;
    if (groupColumn) {
        appendText(m_line, m_layout.groupNames.value(group).toStdString(), m_delimiter);
        m_line += m_delimiter;
    }
    for (size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_line += m_delimiter;
        appendCell(m_line, cells[i], m_layout.columns[i].format);
    }
    m_line += "\r\n";
    writeLine(m_layout.groupPerSheet && group >= 0 ? size_t(group) : 0, m_line);
}

void CsvMemberWriter::writeLine(size_t file, std::string_view utf8Line)
{
    QByteArray &buffer = m_buffers[file];
    buffer.append(utf8Line.data(), qsizetype(utf8Line.size())); // UTF-8 until flush(), which re-encodes whole lines
    if (buffer.size() >= kFlushBytes)
        flush(file);
}

void CsvMemberWriter::flush(size_t file)
{
    QByteArray &buffer = m_buffers[file];
    if (buffer.isEmpty())
        return;
    // A failure is remembered by QSaveFile and reported by commit().
    if (m_encoding == ExportOptions::Gb18030)
        m_files[file]->write(QByteArray(m_encoder.encode(QString::fromUtf8(buffer))));
    else
        m_files[file]->write(buffer);
    buffer.clear();
}

Result<WriteOutcome> CsvMemberWriter::commit(const ExportReport &)
{
    WriteOutcome outcome;
    for (size_t f = 0; f < m_files.size(); ++f) {
        flush(f);
        if (m_files[f]->error() != QFileDevice::NoError)
            return Error{tr("Cannot write “%1”: %2").arg(m_targets.at(qsizetype(f)), m_files[f]->errorString())};
    }
    for (size_t f = 0; f < m_files.size(); ++f) {
        if (!m_files[f]->commit())
            return Error{tr("Cannot write “%1”: %2").arg(m_targets.at(qsizetype(f)), m_files[f]->errorString())};
        outcome.files << m_targets.at(qsizetype(f));
    }
    return outcome;
}

} // namespace segmenta::exporting
