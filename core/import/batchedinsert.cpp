#include "import/batchedinsert.h"

#include <algorithm>

namespace segmenta::import::detail {

namespace {
constexpr int kMaxParameters = 32000; // SQLite's limit is 32,766 a statement
}

BatchedInsert::BatchedInsert(store::Database &db, const char *table) : m_db(db), m_table(table) {}

void BatchedInsert::beginRow(const std::string &key, const std::function<QStringList()> &columns)
{
    if (m_rows > 0 && key != m_key)
        flush();
    if (m_rows == 0 && (key != m_key || m_columns.isEmpty())) {
        m_key = key;
        m_columns = columns();
        m_rowsPerStatement = std::clamp(kMaxParameters / int(std::max<qsizetype>(m_columns.size(), 1)), 1, kRows);
    }
    if (m_rows == m_rowsPerStatement)
        flush();
    ++m_rows;
}

BatchedInsert::Value &BatchedInsert::next()
{
    if (m_used == m_values.size())
        m_values.emplace_back();
    return m_values[m_used++];
}

void BatchedInsert::add(qint64 value)
{
    Value &v = next();
    v.kind = Value::Kind::Integer;
    v.integer = value;
}

void BatchedInsert::add(double value)
{
    Value &v = next();
    v.kind = Value::Kind::Real;
    v.real = value;
}

void BatchedInsert::addNull()
{
    next().kind = Value::Kind::Null;
}

void BatchedInsert::addUtf8(std::string_view utf8)
{
    Value &v = next();
    v.kind = Value::Kind::Text;
    v.text.assign(utf8);
}

void BatchedInsert::add(const StoredValue &value)
{
    switch (value.kind) {
    case StoredValue::Kind::Unreadable:
        addNull();
        break;
    case StoredValue::Kind::Integer:
        add(value.integer);
        break;
    case StoredValue::Kind::Real:
        add(value.real);
        break;
    case StoredValue::Kind::Iso:
        addUtf8(std::string_view(value.iso.data(), value.isoLength));
        break;
    case StoredValue::Kind::Utf8:
        addUtf8(value.utf8);
        break;
    case StoredValue::Kind::Text:
        if (value.text.isNull()) { // (as Statement::bind binds a null QString)
            addNull();
        } else {
            const QByteArray utf8 = value.text.toUtf8();
            addUtf8(std::string_view(utf8.constData(), size_t(utf8.size())));
        }
        break;
    }
}

// The INSERT of `rows` rows of the pending columns, prepared once.
store::Statement &BatchedInsert::statement(int rows)
{
    auto &slot = m_statements[{m_key, rows}];
    if (!slot) {
        const QString marks = QLatin1Char('(') + QStringLiteral("?,").repeated(m_columns.size()).chopped(1) + QLatin1Char(')');
        QStringList all;
        for (int r = 0; r < rows; ++r)
            all << marks;
        // OR FAIL: a statement of several rows that may stop midway would otherwise keep a statement journal
        // (the old content of every page it writes, in a temporary file) to undo its own rows alone; an
        // error ends the whole import, whose transaction is rolled back, so nothing needs undoing apart.
        const QString sql = QStringLiteral("INSERT OR FAIL INTO %1(%2) VALUES %3")
                                .arg(QLatin1StringView(m_table), m_columns.join(u','), all.join(u','));
        slot = std::make_unique<store::Statement>(m_db, sql.toStdString());
    }
    return *slot;
}

void BatchedInsert::bindRows(store::Statement &statement, size_t firstValue, int rows)
{
    const size_t count = size_t(rows) * size_t(m_columns.size());
    for (size_t i = 0; i < count; ++i) {
        const Value &v = m_values[firstValue + i];
        const int index = int(i) + 1;
        switch (v.kind) {
        case Value::Kind::Null:
            statement.bindNull(index);
            break;
        case Value::Kind::Integer:
            statement.bind(index, v.integer);
            break;
        case Value::Kind::Real:
            statement.bind(index, v.real);
            break;
        case Value::Kind::Text:
            statement.bindUtf8Unowned(index, v.text);
            break;
        }
    }
}

// The pending rows stored: all in one statement when there are as many as it takes, else one by one.
void BatchedInsert::flush()
{
    if (m_rows == 0)
        return;
    const int rows = m_rows;
    m_rows = 0;
    m_used = 0;
    if (rows == m_rowsPerStatement) {
        store::Statement &insert = statement(rows);
        insert.reset();
        bindRows(insert, 0, rows);
        insert.run();
        return;
    }
    store::Statement &insert = statement(1);
    for (int r = 0; r < rows; ++r) {
        insert.reset();
        bindRows(insert, size_t(r) * size_t(m_columns.size()), 1);
        insert.run();
    }
}

} // namespace segmenta::import::detail
