#pragma once

#include "store/field.h"

#include <QDate>
#include <QDateTime>
#include <QString>
#include <QSet>
#include <QStringList>

#include <optional>
#include <vector>

namespace segmenta::import {

// Reading one cell's text as the typed value a column holds. Stateless; any thread.
namespace values {

// Numbers as spreadsheets and shop exports write them: "1,234.50", "¥1,234.50", "$12", "(12.00)" (negative),
// "12%" (0.12 when `percent`), " 88 ". With `commaDecimal`, "1.234,50" is 1234.5.
std::optional<double> parseNumber(QStringView text, bool commaDecimal = false);
bool hasCurrencySymbol(QStringView text);
// The symbol the text writes its amount with, as amounts are then shown: "¥" for ¥, ￥, 元, RMB and CNY;
// "$" for $ and USD; "€"; "£". Empty when the text has none.
QString currencySymbolIn(QStringView text);

enum class DayOrder { Unknown, DayFirst, MonthFirst };

// Dates and date-times: 2024-06-01, 2024/5/16, 2024.5.16, 2024年7月3日, 20240601, each optionally followed by
// a time (9:41, 09:41:05); and the ambiguous 01/07/2024, read by `order`. Returns an invalid QDateTime when
// the text is not a date. `hasTime` tells whether a time was written.
QDateTime parseDateTime(QStringView text, DayOrder order, bool *hasTime = nullptr);
// For a slash-separated date whose year comes last: which orders it allows (both when ambiguous).
struct DayOrderEvidence
{
    bool dayFirstPossible = false;
    bool monthFirstPossible = false;
};
std::optional<DayOrderEvidence> dayOrderEvidence(QStringView text);

std::optional<bool> parseBoolean(QStringView text);

} // namespace values

// The type a whole column holds, inferred from all its non-empty values, and what reading them cost.
struct ColumnProfile
{
    store::FieldType type = store::FieldType::Text;
    values::DayOrder dayOrder = values::DayOrder::Unknown;
    bool dayOrderAmbiguous = false; // every slash date could be read either way; day-first was chosen
    bool commaDecimal = false;
    qint64 nonEmpty = 0;
    qint64 unreadable = 0; // values that do not fit `type` (they are rejected with a reason)
    qint64 repeats = 0;    // values equal to an earlier one (counted while the distinct values are few enough to keep)
    QStringList samples;
    // The currency symbol most of the values that have one write (values::currencySymbolIn, the first 1,000
    // such values), or empty.
    QString currencySymbol;
};

// Hashes of values, to count the distinct ones: open addressing in a power-of-two table, one probe a value
// in the common case. (std::unordered_set divides by a prime on every lookup and allocates a node for every
// value; that was most of the time spent profiling a long column.) Not thread-safe.
class HashSet
{
public:
    // With `numbered`, find() tells the order in which each hash was added.
    explicit HashSet(bool numbered = false) : m_numbered(numbered) {}
    // Adds `hash`; false when it was there. A hash of 0 counts as 1.
    bool insert(quint64 hash);
    // Numbered: the index `hash` was added as (0, 1, 2, ...), or -1 when it was not.
    qint64 find(quint64 hash) const;
    size_t size() const { return m_size; }

private:
    size_t slotOf(quint64 hash) const;
    bool m_numbered;
    size_t m_size = 0;
    std::vector<quint64> m_slots;   // 0: empty
    std::vector<quint32> m_numbers; // numbered: by slot
};

// The same choice made one value at a time, so a column of millions of values is profiled without holding
// it: feed every value with add(), then finish(). Not thread-safe.
class ColumnProfiler
{
public:
    explicit ColumnProfiler(bool semicolonFile = false) : m_commaDecimal(semicolonFile) {}
    void add(QStringView value); // trimmed here; empty values are not counted
    ColumnProfile finish() const;

private:
    // What one value reads as.
    struct Facts
    {
        bool boolean = false;
        std::optional<values::DayOrderEvidence> evidence;
        bool dayFirstDate = false, dayFirstTime = false;     // a date read day first; with a time
        bool monthFirstDate = false, monthFirstTime = false; // the same month first (set only with evidence)
        bool number = false, integer = false, currency = false;
    };
    Facts factsOf(QStringView value) const;
    static constexpr size_t kMaxKnown = 256;

    bool m_commaDecimal;
    HashSet m_knownHashes{true};                    // the first distinct values' hashes...
    std::vector<std::pair<QString, Facts>> m_known; // ...and the values with their facts, in the same order
    qint64 m_n = 0;
    QStringList m_samples;
    qint64 m_allDigits = 0, m_paddedOrLong = 0, m_booleans = 0, m_digitsNot8 = 0;
    bool m_dayFirst = false, m_monthFirst = false, m_slashDates = false;
    qint64 m_dates[2] = {0, 0}; // read day first, month first
    bool m_anyTime[2] = {false, false};
    qint64 m_numbers = 0, m_currency = 0, m_percents = 0, m_integers = 0;
    std::vector<std::pair<QString, qint64>> m_symbols; // values::currencySymbolIn of the first values with one
    HashSet m_distinct; // hashes of the values: a category has few
    bool m_tooManyDistinct = false;
    qint64 m_repeats = 0;
};

// Chooses a type for a column: identifier for zero-padded or long digit strings (phones, ISBNs), boolean,
// integer, money (currency symbols), percent, decimal, date or date-time when (nearly) every value reads as
// one, category for text with few distinct values, text otherwise. A type is kept when at least 95 % of the
// values read as it; the rest count as unreadable.
ColumnProfile profileColumn(const QStringList &values, bool semicolonFile);

} // namespace segmenta::import
