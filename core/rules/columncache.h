#pragma once

#include "common/progress.h"
#include "common/result.h"
#include "rules/bitset.h"
#include "store/field.h"

#include <QCoreApplication>
#include <QHash>
#include <QString>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_map>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::rules {

// Every customer field held in memory column by column, for evaluating rules in milliseconds: numbers,
// booleans and dates (as day numbers) in fixed-width arrays with a validity bitset, text and categories
// dictionary-encoded (code 0 is the empty value). Rows are customers in ascending id order.
//
// Immutable once loaded, so any number of threads may read it; load it again after an import or a metrics
// recompute. A value the column's type cannot read (text in a number field, a malformed date) is empty,
// exactly as the SQL compiler treats it.
class ColumnCache
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::ColumnCache)

public:
    struct Column
    {
        store::FieldInfo field;
        bool dictionary = false;            // text-like: codes + words; otherwise numbers + valid
        std::vector<double> numbers;        // number, boolean, or Julian day
        Bitset valid;                       // non-empty values
        std::vector<std::uint32_t> codes;   // dictionary index per row; 0 = empty
        // The dictionary as UTF-8 in one buffer: word i is text[offsets[i], offsets[i + 1]); word 0 is empty.
        // UTF-8 keeps the memory of unique columns (names, phones, e-mails) small, and equality, prefix,
        // suffix and substring tests give the same answers on UTF-8 bytes as on the characters.
        std::string text;
        std::vector<std::uint32_t> offsets{0, 0};

        size_t wordCount() const { return offsets.size() - 1; }
        std::string_view word(size_t i) const { return {text.data() + offsets[i], offsets[i + 1] - offsets[i]}; }
        QString wordText(size_t i) const { return QString::fromUtf8(word(i).data(), qsizetype(word(i).size())); }
    };

    static Result<std::shared_ptr<const ColumnCache>> load(store::Database &db,
                                                           const std::vector<store::FieldInfo> &fields,
                                                           Progress *progress = nullptr);

    size_t rows() const { return m_ids.size(); }
    const std::vector<qint64> &ids() const { return m_ids; }
    const Column *column(const QString &fieldName) const;
    size_t memoryBytes() const;
    // The column's valid values, sorted ascending; computed once per column on first use (thread-safe).
    std::shared_ptr<const std::vector<double>> sortedValues(const Column &column) const;

private:
    std::vector<qint64> m_ids;
    std::vector<Column> m_columns;
    QHash<QString, size_t> m_byName;
    mutable std::mutex m_sortedMutex;
    mutable std::unordered_map<const Column *, std::shared_ptr<const std::vector<double>>> m_sorted;
};

} // namespace segmenta::rules
