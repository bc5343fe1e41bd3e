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
        std::vector<QString> words;         // words[0] is the empty string
    };

    static Result<std::shared_ptr<const ColumnCache>> load(store::Database &db,
                                                           const std::vector<store::FieldInfo> &fields,
                                                           Progress *progress = nullptr);

    size_t rows() const { return m_ids.size(); }
    const std::vector<qint64> &ids() const { return m_ids; }
    const Column *column(const QString &fieldName) const;
    size_t memoryBytes() const;

private:
    std::vector<qint64> m_ids;
    std::vector<Column> m_columns;
    QHash<QString, size_t> m_byName;
};

} // namespace segmenta::rules
