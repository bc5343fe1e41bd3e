#include "read/isolatedxlsreader.h"

#include <QFileInfo>
#include <QProcess>

namespace segmenta::read {

namespace {

constexpr int kTimeoutMs = 120 * 1000;

std::string unescape(QByteArrayView text)
{
    std::string out;
    out.reserve(size_t(text.size()));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' || i + 1 == text.size()) {
            out += c;
            continue;
        }
        const char next = text[++i];
        out += next == 't' ? '\t' : next == 'n' ? '\n' : next == 'r' ? '\r' : next;
    }
    return out;
}

} // namespace

QString IsolatedXlsReader::helperPath()
{
    const QByteArray fromEnvironment = qgetenv("SEGMENTA_XLS_READER");
    if (!fromEnvironment.isEmpty())
        return QString::fromLocal8Bit(fromEnvironment);
    return QCoreApplication::applicationDirPath() + QStringLiteral("/segmenta-xls-reader");
}

Result<std::unique_ptr<IsolatedXlsReader>> IsolatedXlsReader::open(const QString &path)
{
    const QString fileName = QFileInfo(path).fileName();
    const QString helper = helperPath();
    if (!QFileInfo(helper).isExecutable())
        return Error{tr("Cannot read “%1”: the program that reads .xls files (%2) is missing from this installation").arg(fileName, helper)};
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(helper, {path});
    if (!process.waitForStarted())
        return Error{tr("Cannot read “%1”: %2 does not start (%3)").arg(fileName, helper, process.errorString())};
    if (!process.waitForFinished(kTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return Error{tr("“%1” is refused: reading it did not finish within two minutes").arg(fileName)};
    }
    const QByteArray output = process.readAllStandardOutput();
    if (!output.startsWith("SEGMENTA-XLS 1\n"))
        return Error{tr("“%1” is damaged: reading it failed").arg(fileName)};

    std::unique_ptr<IsolatedXlsReader> reader(new IsolatedXlsReader);
    std::optional<QString> refusal;
    StoredRow *current = nullptr;
    qsizetype start = output.indexOf('\n') + 1;
    while (start < output.size()) {
        qsizetype end = output.indexOf('\n', start);
        if (end < 0)
            end = output.size();
        const QByteArrayView line(output.constData() + start, end - start);
        start = end + 1;
        const QList<QByteArrayView> fields = [&] {
            QList<QByteArrayView> parts;
            qsizetype from = 0;
            for (int k = 0; k < 4; ++k) { // at most five fields; the last (text) keeps its escaped tabs
                const qsizetype tab = line.indexOf('\t', from);
                if (tab < 0)
                    break;
                parts << line.sliced(from, tab - from);
                from = tab + 1;
            }
            parts << line.sliced(from);
            return parts;
        }();
        if (fields.isEmpty())
            continue;
        if (fields[0] == "E" && fields.size() >= 2) {
            refusal = QString::fromStdString(unescape(line.sliced(2)));
        } else if (fields[0] == "S" && fields.size() >= 3) {
            SheetInfo info;
            info.name = QString::fromStdString(unescape(line.sliced(fields[0].size() + fields[1].size() + 2)));
            reader->m_sheets.append(info);
            reader->m_rows.emplace_back();
        } else if (fields[0] == "R" && fields.size() >= 3) {
            const int sheet = fields[1].toInt();
            if (sheet < 0 || size_t(sheet) >= reader->m_rows.size())
                return Error{tr("“%1” is damaged: reading it failed").arg(fileName)};
            reader->m_rows[size_t(sheet)].push_back(StoredRow{fields[2].toLongLong(), {}});
            current = &reader->m_rows[size_t(sheet)].back();
        } else if (fields[0] == "C" && fields.size() == 5) {
            const int kind = fields[2].toInt(), column = fields[1].toInt();
            if (!current || kind < 0 || kind > int(Cell::Kind::Error) || column < 0 || column >= 16384)
                return Error{tr("“%1” is damaged: reading it failed").arg(fileName)};
            current->cells.push_back(StoredCell{column, Cell::Kind(kind), fields[3].toDouble(), unescape(fields[4])});
        }
    }
    if (refusal)
        return Error{*refusal};
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return Error{tr("“%1” is damaged: reading it failed").arg(fileName)};
    if (reader->m_sheets.isEmpty())
        return Error{tr("“%1” holds no worksheets").arg(fileName)};
    if (auto ok = reader->selectSheet(0); !ok)
        return ok.error();
    return reader;
}

QList<SheetInfo> IsolatedXlsReader::sheets() const
{
    return m_sheets;
}

Result<void> IsolatedXlsReader::selectSheet(int index)
{
    if (index < 0 || index >= m_sheets.size())
        return Error{tr("This workbook has no sheet number %1").arg(index + 1)};
    m_sheet = index;
    m_next = 0;
    m_rowNumber = 0;
    return {};
}

bool IsolatedXlsReader::nextRow(std::vector<Cell> &row)
{
    row.clear();
    if (m_sheet < 0 || m_next >= m_rows[size_t(m_sheet)].size())
        return false;
    const StoredRow &stored = m_rows[size_t(m_sheet)][m_next++];
    m_rowNumber = stored.number;
    for (const StoredCell &c : stored.cells) {
        if (size_t(c.column) >= row.size())
            row.resize(size_t(c.column) + 1);
        row[size_t(c.column)] = Cell{c.kind, c.number, c.text};
    }
    return true;
}

double IsolatedXlsReader::progress() const
{
    if (m_sheet < 0 || m_rows[size_t(m_sheet)].empty())
        return 1;
    return double(m_next) / double(m_rows[size_t(m_sheet)].size());
}

} // namespace segmenta::read
