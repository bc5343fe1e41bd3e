#include "import/rowpreparer.h"

#include "import/roles.h"

#include <QCryptographicHash>

namespace segmenta::import::detail {

RowPreparer::RowPreparer(std::unique_ptr<read::TableReader> reader, const Setup &setup, bool ownThread)
    : m_reader(std::move(reader)), m_setup(setup)
{
    for (size_t i = 0; i < kBatches; ++i)
        m_free.push_back(std::make_unique<Batch>());
    for (size_t c = 0; c < m_setup.columns->size(); ++c) {
        if (profileMatters((*m_setup.columns)[c]))
            m_profiled.push_back(c);
    }
    if (ownThread)
        m_thread = std::thread([this] { produce(); });
}

RowPreparer::~RowPreparer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

const PreparedRow *RowPreparer::next()
{
    while (!m_current || m_position >= m_current->count) {
        if (m_current && m_current->last)
            return nullptr;
        if (!m_thread.joinable()) { // read here, one batch at a time
            if (!m_current)
                m_current = std::move(m_free.front());
            fill(*m_current);
        } else {
            std::unique_lock lock(m_mutex);
            if (m_current) {
                m_free.push_back(std::move(m_current));
                m_changed.notify_all();
            }
            m_changed.wait(lock, [this] { return !m_ready.empty(); });
            m_current = std::move(m_ready.front());
            m_ready.pop_front();
        }
        m_position = 0;
        m_progress = m_current->progress;
    }
    return &m_current->rows[m_position++];
}

std::vector<ColumnProfile> RowPreparer::wholeProfiles() const
{
    std::vector<ColumnProfile> profiles;
    profiles.reserve(m_profilers.size());
    for (const ColumnProfiler &profiler : m_profilers)
        profiles.push_back(profiler.finish());
    return profiles;
}

void RowPreparer::produce()
{
    bool end = false;
    while (!end) {
        std::unique_ptr<Batch> batch;
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [this] { return m_stop || !m_free.empty(); });
            if (m_stop)
                return;
            batch = std::move(m_free.front());
            m_free.pop_front();
        }
        try {
            fill(*batch);
        } catch (const std::exception &error) { // (out of memory): the rows end here, with the reason
            batch->count = 0;
            batch->last = true;
            m_failure = Error{tr("The rows could not be read: %1").arg(QString::fromLocal8Bit(error.what()))};
        }
        end = batch->last;
        {
            std::lock_guard lock(m_mutex);
            m_ready.push_back(std::move(batch));
        }
        m_changed.notify_all();
    }
}

void RowPreparer::fill(Batch &batch)
{
    batch.count = 0;
    batch.last = false;
    while (batch.count < kBatchRows) {
        if (!m_reader->nextRow(m_cells)) {
            batch.last = true;
            break;
        }
        if (++m_rowIndex <= qint64(m_setup.headerIndex))
            continue;
        m_row.fill(m_cells);
        if (m_row.isBlank())
            continue;
        if (m_setup.profile) {
            while (m_profilers.size() < size_t(m_row.size()))
                m_profilers.emplace_back(m_setup.semicolonFile);
            for (const size_t c : m_profiled) {
                if (qsizetype(c) < m_row.size())
                    m_profilers[c].add(m_row.at(qsizetype(c)));
            }
        }
        if (batch.rows.size() <= batch.count)
            batch.rows.emplace_back();
        PreparedRow &out = batch.rows[batch.count++];
        out.line = m_reader->rowNumber();
        prepare(m_row, out);
        out.problem.clear();
        if (const std::optional<read::RowProblem> &problem = m_reader->rowProblem()) {
            out.problem = problem->reason;
            out.problemColumn = problem->column;
            out.problemValue = problem->column >= 0 && problem->column < m_row.size() ? m_row.at(problem->column).toString() : QString();
        }
    }
    batch.progress = m_reader->progress();
}

void RowPreparer::prepare(const RowText &row, PreparedRow &out) const
{
    const std::vector<Column> &columns = *m_setup.columns;
    const auto cellOf = [&](const Column *column) { return row.at(qsizetype(column - columns.data())); };
    out.key = withoutLeadingApostrophe(cellOf(m_setup.keyColumn).trimmed()).toString();
    out.keyUtf8 = out.key.toStdString();
    out.keyHash = qHash(out.key);
    out.state.assign(columns.size(), PreparedRow::kEmpty);
    out.values.resize(columns.size());
    out.raw.resize(columns.size());
    size_t textBytes = 0;
    for (size_t c = 0; c < columns.size(); ++c) {
        const Column &column = columns[c];
        const QStringView raw = row.at(qsizetype(c));
        // A key that is also a phone, e-mail or name keeps that field too (only a Customer ID column is the key alone).
        if (column.skip || raw.trimmed().isEmpty() ||
            (&column == m_setup.keyColumn && (m_setup.orders || column.field.role == QLatin1StringView(role::kCustomerId))))
            continue;
        StoredValue &value = out.values[c];
        value = storedValue(raw, row.utf8(qsizetype(c)), column);
        if (!value.isValid()) {
            out.state[c] = PreparedRow::kUnreadable;
            out.raw[c] = raw.toString();
            continue;
        }
        out.state[c] = PreparedRow::kValue;
        if (value.kind == StoredValue::Kind::Utf8)
            textBytes += value.utf8.size();
    }
    // The text the values point into moves to the row, as the reader's buffers change with its next row.
    out.bytes.resize(textBytes);
    size_t at = 0;
    for (size_t c = 0; c < columns.size(); ++c) {
        StoredValue &value = out.values[c];
        if (out.state[c] != PreparedRow::kValue || value.kind != StoredValue::Kind::Utf8)
            continue;
        std::copy(value.utf8.begin(), value.utf8.end(), out.bytes.begin() + qptrdiff(at));
        value.utf8 = std::string_view(out.bytes.data() + at, value.utf8.size());
        at += value.utf8.size();
    }
    applyListColumns(m_setup.list, out);
    for (size_t c = 0; c < columns.size(); ++c) { // (what the storing thread digests: the customer's values)
        if (columns[c].toCustomer && out.state[c] == PreparedRow::kValue)
            hashContent(out.values[c]);
    }
    out.address = m_setup.addressColumn ? cellOf(m_setup.addressColumn).toString() : QString();
    out.orderKey.clear();
    out.rowHash = 0;
    if (m_setup.orders) {
        if (m_setup.idColumn)
            out.orderKey = cellOf(m_setup.idColumn).trimmed().toString();
        if (!m_setup.idColumn) { // every cell, to tell a row repeated exactly from another line of its order
            size_t hash = 0x9e3779b97f4a7c15ULL;
            for (qsizetype c = 0; c < row.size(); ++c)
                hash = qHashMulti(hash, c, row.at(c).trimmed());
            out.rowHash = hash;
        }
        const qsizetype dateIndex = m_setup.dateColumn ? qsizetype(m_setup.dateColumn - columns.data()) : -1;
        if (out.orderKey.isEmpty() && dateIndex >= 0 && out.state[size_t(dateIndex)] == PreparedRow::kValue) {
            out.orderKey = QStringLiteral("at:") + out.key + QChar(0x1f) + out.values[size_t(dateIndex)].toString();
        } else if (out.orderKey.isEmpty()) { // neither an order id nor a date: the whole row is its identity
            QString whole;
            for (qsizetype c = 0; c < row.size(); ++c) {
                if (c > 0)
                    whole += QChar(0x1f);
                whole += row.at(c);
            }
            out.orderKey = QStringLiteral("row:") +
                           QString::fromLatin1(QCryptographicHash::hash(whole.toUtf8(), QCryptographicHash::Sha1).toHex());
        }
        out.orderKeyUtf8 = out.orderKey.toStdString();
        out.orderKeyHashes = KeyFilter::hashesOf(out.orderKey);
    }
}

} // namespace segmenta::import::detail
