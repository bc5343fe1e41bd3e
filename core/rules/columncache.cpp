#include "rules/columncache.h"

#include "store/database.h"

#include <QDate>

#include <algorithm>
#include <functional>

#include <string>
#include <string_view>

namespace segmenta::rules {

namespace {

// The day number of "YYYY-MM-DD..." when the first ten characters are exactly a valid ISO date (what the
// SQL compiler checks with date(d, '+0 days') = d), or -1.
qint64 dayNumber(std::string_view text)
{
    if (text.size() < 10 || text[4] != '-' || text[7] != '-')
        return -1;
    int parts[3] = {0, 0, 0};
    const int starts[3] = {0, 5, 8};
    const int lengths[3] = {4, 2, 2};
    for (int p = 0; p < 3; ++p) {
        for (int i = starts[p]; i < starts[p] + lengths[p]; ++i) {
            if (text[size_t(i)] < '0' || text[size_t(i)] > '9')
                return -1;
            parts[p] = parts[p] * 10 + (text[size_t(i)] - '0');
        }
    }
    const QDate date(parts[0], parts[1], parts[2]);
    return date.isValid() ? date.toJulianDay() : -1;
}

} // namespace

Result<std::shared_ptr<const ColumnCache>> ColumnCache::load(store::Database &db,
                                                             const std::vector<store::FieldInfo> &fields,
                                                             Progress *progress)
{
    auto cache = std::make_shared<ColumnCache>();
    QStringList select{QStringLiteral("c.id")};
    for (const store::FieldInfo &field : fields) {
        if (field.table != u"customers" && field.table != u"customer_metrics")
            continue;
        Column column;
        column.field = field;
        column.dictionary = !store::isNumeric(field.type) && !store::isTemporal(field.type) &&
                            field.type != store::FieldType::Boolean;
        cache->m_byName.insert(field.name, cache->m_columns.size());
        cache->m_columns.push_back(std::move(column));
        select << (field.table == u"customer_metrics" ? QStringLiteral("m.") : QStringLiteral("c.")) +
                      store::quoteIdentifier(field.column);
    }
    try {
        const qint64 total = db.scalar("SELECT count(*) FROM customers").toLongLong();
        if (progress)
            progress->setTotal(total);
        cache->m_ids.reserve(size_t(total));
        // Heterogeneous lookup: find a word by std::string_view without building a std::string per cell.
        struct Hash
        {
            using is_transparent = void;
            size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
        };
        std::vector<std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>>> dictionaries(
            cache->m_columns.size());
        for (size_t i = 0; i < cache->m_columns.size(); ++i) {
            Column &column = cache->m_columns[i];
            if (column.dictionary) {
                column.codes.reserve(size_t(total));
            } else {
                column.numbers.reserve(size_t(total));
            }
        }
        std::vector<std::vector<bool>> valid(cache->m_columns.size());
        store::Statement query(db, QStringLiteral("SELECT %1 FROM customers c LEFT JOIN customer_metrics m ON "
                                                  "m.customer_id = c.id ORDER BY c.id")
                                       .arg(select.join(QStringLiteral(", ")))
                                       .toStdString());
        qint64 row = 0;
        while (query.step()) {
            cache->m_ids.push_back(query.int64(0));
            for (size_t i = 0; i < cache->m_columns.size(); ++i) {
                Column &column = cache->m_columns[i];
                const int at = int(i + 1);
                if (column.dictionary) {
                    const std::string_view text = query.utf8(at);
                    if (text.empty()) {
                        column.codes.push_back(0);
                        continue;
                    }
                    auto &dictionary = dictionaries[i];
                    auto it = dictionary.find(text);
                    if (it == dictionary.end()) {
                        it = dictionary.emplace(std::string(text), std::uint32_t(column.wordCount())).first;
                        column.text.append(text);
                        column.offsets.push_back(std::uint32_t(column.text.size()));
                    }
                    column.codes.push_back(it->second);
                } else if (store::isTemporal(column.field.type)) {
                    const qint64 day = query.isNull(at) ? -1 : dayNumber(query.utf8(at));
                    column.numbers.push_back(day >= 0 ? double(day) : 0.0);
                    valid[i].push_back(day >= 0);
                } else {
                    const bool isNumber = query.isNumber(at);
                    column.numbers.push_back(isNumber ? query.real(at) : 0.0);
                    valid[i].push_back(isNumber);
                }
            }
            if (progress && ++row % 65536 == 0) {
                progress->checkCanceled();
                progress->setDone(row);
            }
        }
        const size_t rows = cache->m_ids.size();
        for (size_t i = 0; i < cache->m_columns.size(); ++i) {
            Column &column = cache->m_columns[i];
            column.valid = Bitset(rows);
            if (column.dictionary) {
                for (size_t r = 0; r < rows; ++r) {
                    if (column.codes[r] != 0)
                        column.valid.set(r);
                }
            } else {
                for (size_t r = 0; r < rows; ++r) {
                    if (valid[i][r])
                        column.valid.set(r);
                }
            }
        }
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not load the customers into memory: %1").arg(error.message())};
    } catch (const Canceled &) {
        return Error{tr("Loading the customers was cancelled")};
    }
    return std::shared_ptr<const ColumnCache>(std::move(cache));
}

const ColumnCache::Column *ColumnCache::column(const QString &fieldName) const
{
    const auto it = m_byName.constFind(fieldName);
    return it == m_byName.constEnd() ? nullptr : &m_columns[*it];
}

size_t ColumnCache::memoryBytes() const
{
    size_t bytes = m_ids.capacity() * sizeof(qint64);
    for (const Column &c : m_columns) {
        bytes += c.numbers.capacity() * sizeof(double) + c.codes.capacity() * sizeof(std::uint32_t) +
                 c.valid.words().capacity() * 8 + c.text.capacity() + c.offsets.capacity() * sizeof(std::uint32_t);
    }
    return bytes;
}

std::shared_ptr<const std::vector<double>> ColumnCache::sortedValues(const Column &column) const
{
    const std::lock_guard lock(m_sortedMutex);
    auto &sorted = m_sorted[&column];
    if (!sorted) {
        auto values = std::make_shared<std::vector<double>>();
        values->reserve(column.valid.count());
        column.valid.forEach([&](size_t row) { values->push_back(column.numbers[row]); });
        std::sort(values->begin(), values->end());
        sorted = std::move(values);
    }
    return sorted;
}

} // namespace segmenta::rules
