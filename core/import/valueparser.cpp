#include "import/valueparser.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

namespace segmenta::import {

namespace values {

bool hasCurrencySymbol(QStringView text)
{
    bool letters = false; // one pass; the words are looked for only when their first letters occur
    for (const QChar c : text) {
        if (c == u'¥' || c == u'￥' || c == u'$' || c == u'€' || c == u'£' || c == u'元')
            return true;
        letters = letters || c == u'R' || c == u'C' || c == u'U';
    }
    return letters && (text.contains(u"RMB") || text.contains(u"CNY") || text.contains(u"USD"));
}

QString currencySymbolIn(QStringView text)
{
    for (const QChar c : text) {
        if (c == u'¥' || c == u'￥' || c == u'元')
            return QStringLiteral("¥");
        if (c == u'$' || c == u'€' || c == u'£')
            return QString(c);
    }
    if (text.contains(u"RMB") || text.contains(u"CNY"))
        return QStringLiteral("¥");
    return text.contains(u"USD") ? QStringLiteral("$") : QString();
}

namespace {

bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}

// The common case without allocating: [-]digits[.digits], optionally with an exponent as Excel stores some
// values and scientific tools write them (7.0000000000000007E-2, 1.5e3). Sets `handled` when the text had
// that shape. (With an exponent the dot is a decimal point even in a file of decimal commas: 1.234e3 is no
// European thousands.)
std::optional<double> parsePlainNumber(QStringView text, bool commaDecimal, bool *handled)
{
    *handled = false;
    qsizetype i = text.startsWith(u'-') ? 1 : 0;
    qsizetype dot = -1, exponent = -1;
    for (qsizetype k = i; k < text.size(); ++k) {
        if (isAsciiDigit(text[k]))
            continue;
        if (text[k] == u'.' && dot < 0 && exponent < 0) {
            dot = k;
            continue;
        }
        if ((text[k] == u'e' || text[k] == u'E') && exponent < 0 && k > i) {
            exponent = k;
            if (k + 1 < text.size() && (text[k + 1] == u'-' || text[k + 1] == u'+'))
                ++k;
            continue;
        }
        return std::nullopt;
    }
    const qsizetype mantissaEnd = exponent < 0 ? text.size() : exponent;
    const qsizetype digitsBefore = (dot < 0 ? mantissaEnd : dot) - i;
    if (digitsBefore == 0 || dot == mantissaEnd - 1 || text.size() > 60 || (dot >= 0 && commaDecimal && exponent < 0))
        return std::nullopt;
    if (exponent >= 0 && !isAsciiDigit(text[text.size() - 1]))
        return std::nullopt; // 1e, 1e-
    char buffer[64] = {}; // (zeroed: GCC cannot see that only the written part is read)
    for (qsizetype k = 0; k < text.size(); ++k)
        buffer[k] = char(text[k].unicode());
    double value = 0;
    const auto [end, ec] = std::from_chars(buffer, buffer + text.size(), value);
    if (ec != std::errc() || end != buffer + text.size() || !std::isfinite(value))
        return std::nullopt;
    *handled = true;
    return value;
}

// Whether a character can appear in a number as spreadsheets write them; anything else means "not a number"
// before any work is done (names, cities, e-mail addresses...).
bool canBeInNumber(QChar c)
{
    static const QStringView allowed = u"0123456789.,-+()% ¥￥$€£RMBCNYUSD元";
    static const std::array<bool, 128> ascii = [] {
        std::array<bool, 128> table{};
        for (const QChar a : allowed) {
            if (a.unicode() < 128)
                table[a.unicode()] = true;
        }
        return table;
    }();
    if (c.unicode() < 128)
        return ascii[c.unicode()] || c.isSpace();
    return allowed.contains(c) || c.isSpace();
}

} // namespace

std::optional<double> parseNumber(QStringView input, bool commaDecimal)
{
    const QStringView trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool handled = false;
    if (const auto plain = parsePlainNumber(trimmed, commaDecimal, &handled); handled)
        return plain;
    bool letters = false;
    for (qsizetype k = 0; k < trimmed.size(); ++k) {
        if (!canBeInNumber(trimmed[k]))
            return std::nullopt;
        if (trimmed[k] == u'-' && k > 0 && isAsciiDigit(trimmed[k - 1]))
            return std::nullopt; // 2024-06-01, 010-1234: a minus sign never follows a digit
        letters = letters || (trimmed[k] >= u'A' && trimmed[k] <= u'Z');
    }
    // Letters are allowed only as RMB, CNY or USD; any other is still there after those are removed below,
    // and no pattern accepts it (C0000001, M).
    if (letters && !trimmed.contains(u"RMB") && !trimmed.contains(u"CNY") && !trimmed.contains(u"USD"))
        return std::nullopt;
    QString text = trimmed.toString();
    bool negative = false;
    if (text.startsWith(u'(') && text.endsWith(u')')) {
        negative = true;
        text = text.mid(1, text.size() - 2).trimmed();
    }
    bool percent = false;
    if (text.endsWith(u'%')) {
        percent = true;
        text.chop(1);
    }
    for (const QString &symbol : {QStringLiteral("RMB"), QStringLiteral("CNY"), QStringLiteral("USD"), QStringLiteral("元")})
        text.remove(symbol);
    QString cleaned;
    cleaned.reserve(text.size());
    for (const QChar c : std::as_const(text)) {
        if (c == u'¥' || c == u'￥' || c == u'$' || c == u'€' || c == u'£' || c.isSpace())
            continue;
        cleaned += c;
    }
    if (cleaned.startsWith(u'-')) {
        negative = !negative;
        cleaned.remove(0, 1);
    } else if (cleaned.startsWith(u'+')) {
        cleaned.remove(0, 1);
    }
    static const QRegularExpression plain(QStringLiteral("^\\d+(\\.\\d+)?$"));
    static const QRegularExpression thousands(QStringLiteral("^\\d{1,3}(,\\d{3})+(\\.\\d+)?$"));
    static const QRegularExpression european(QStringLiteral("^\\d{1,3}(\\.\\d{3})*(,\\d+)?$"));
    static const QRegularExpression commaOnly(QStringLiteral("^\\d+,\\d+$"));
    double value = 0;
    bool ok = false;
    if (commaDecimal && (european.match(cleaned).hasMatch() || commaOnly.match(cleaned).hasMatch())) {
        cleaned.remove(u'.');
        cleaned.replace(u',', u'.');
        value = cleaned.toDouble(&ok);
    } else if (plain.match(cleaned).hasMatch()) {
        value = cleaned.toDouble(&ok);
    } else if (thousands.match(cleaned).hasMatch()) {
        cleaned.remove(u',');
        value = cleaned.toDouble(&ok);
    }
    if (!ok || !std::isfinite(value))
        return std::nullopt;
    if (percent)
        value /= 100.0;
    return negative ? -value : value;
}

namespace {

bool readTime(QStringView rest, QTime *time)
{
    static const QRegularExpression pattern(QStringLiteral("^[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?\\s*$"));
    const auto match = pattern.match(rest.toString());
    if (!match.hasMatch())
        return false;
    *time = QTime(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    return time->isValid();
}

} // namespace

std::optional<DayOrderEvidence> dayOrderEvidence(QStringView text)
{
    const QStringView t = text.trimmed();
    if (t.size() < 8 || !isAsciiDigit(t[0]) || !(t[1] == u'/' || t[1] == u'.' || t[1] == u'-' || t[2] == u'/' || t[2] == u'.' || t[2] == u'-'))
        return std::nullopt;
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})"));
    const auto match = pattern.match(text.toString());
    if (!match.hasMatch())
        return std::nullopt;
    const int a = match.captured(1).toInt(), b = match.captured(2).toInt(), y = match.captured(3).toInt();
    DayOrderEvidence evidence;
    evidence.dayFirstPossible = QDate(y, b, a).isValid();
    evidence.monthFirstPossible = QDate(y, a, b).isValid();
    return evidence;
}

QDateTime parseDateTime(QStringView input, DayOrder order, bool *hasTime)
{
    const QStringView text = input.trimmed();
    if (hasTime)
        *hasTime = false;
    // Every form starts with a digit; most cells that are not dates are rejected here.
    if (text.size() < 8 || !isAsciiDigit(text[0]))
        return {};
    // The common ISO forms without regular expressions: 2024-06-01, 2024-06-01 09:41[:05], 2024-06-01T09:41:05.
    // (Dates and times are wall-clock values as written: kept in UTC so no time-zone lookup is made.)
    const auto number = [&](qsizetype from, qsizetype length) {
        int value = 0;
        for (qsizetype k = from; k < from + length; ++k) {
            if (!isAsciiDigit(text[k]))
                return -1;
            value = value * 10 + (text[k].unicode() - u'0');
        }
        return value;
    };
    if (text.size() >= 10 && text[4] == u'-' && text[7] == u'-') {
        const int y = number(0, 4), mo = number(5, 2), d = number(8, 2);
        const QDate date(y, mo, d);
        if (y >= 1900 && y <= 2200 && date.isValid()) {
            if (text.size() == 10)
                return QDateTime(date, QTime(0, 0), Qt::UTC);
            if ((text.size() == 16 || text.size() == 19) && (text[10] == u' ' || text[10] == u'T') && text[13] == u':'
                && (text.size() == 16 || text[16] == u':')) {
                const QTime time(number(11, 2), number(14, 2), text.size() == 19 ? number(17, 2) : 0);
                if (time.isValid()) {
                    if (hasTime)
                        *hasTime = true;
                    return QDateTime(date, time, Qt::UTC);
                }
            }
        }
    }
    // The other forms by their shape first, so most non-dates (phone numbers, ids) never reach a regular expression.
    const bool fourDigits = isAsciiDigit(text[1]) && isAsciiDigit(text[2]) && isAsciiDigit(text[3]);
    const QChar fifth = text[4];
    const bool yearFirstShape = fourDigits && (fifth == u'-' || fifth == u'/' || fifth == u'.' || fifth == u' ' || fifth == u'年');
    const auto separator = [](QChar c) { return c == u'/' || c == u'.' || c == u'-'; };
    const bool yearLastShape = separator(text[1]) || separator(text[2]);
    const bool compactShape = text.size() == 8 && fourDigits && number(4, 4) >= 0;
    if (!yearFirstShape && !yearLastShape && !compactShape)
        return {};
    static const QRegularExpression yearFirst(QStringLiteral("^(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})"));
    static const QRegularExpression chinese(QStringLiteral("^(\\d{4})\\s*年\\s*(\\d{1,2})\\s*月\\s*(\\d{1,2})\\s*日"));
    static const QRegularExpression compact(QStringLiteral("^(\\d{4})(\\d{2})(\\d{2})$"));
    static const QRegularExpression yearLast(QStringLiteral("^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})"));
    QDate date;
    qsizetype consumed = 0;
    if (auto m = yearFirst.match(text.toString()); m.hasMatch()) {
        date = QDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
        consumed = m.capturedLength(0);
    } else if (auto c = chinese.match(text.toString()); c.hasMatch()) {
        date = QDate(c.captured(1).toInt(), c.captured(2).toInt(), c.captured(3).toInt());
        consumed = c.capturedLength(0);
    } else if (auto k = compact.match(text.toString()); k.hasMatch()) {
        date = QDate(k.captured(1).toInt(), k.captured(2).toInt(), k.captured(3).toInt());
        consumed = k.capturedLength(0);
    } else if (auto l = yearLast.match(text.toString()); l.hasMatch()) {
        const int a = l.captured(1).toInt(), b = l.captured(2).toInt(), y = l.captured(3).toInt();
        date = order == DayOrder::MonthFirst ? QDate(y, a, b) : QDate(y, b, a);
        consumed = l.capturedLength(0);
    }
    if (!date.isValid() || date.year() < 1900 || date.year() > 2200)
        return {};
    const QStringView rest = text.mid(consumed);
    if (rest.isEmpty())
        return QDateTime(date, QTime(0, 0), Qt::UTC);
    QTime time;
    if (!readTime(rest, &time))
        return {};
    if (hasTime)
        *hasTime = true;
    return QDateTime(date, time, Qt::UTC);
}

std::optional<bool> parseBoolean(QStringView input)
{
    const QStringView trimmed = input.trimmed();
    if (trimmed.isEmpty() || trimmed.size() > 5)
        return std::nullopt;
    switch (trimmed.front().unicode()) { // every word below starts with one of these
    case u'是': case u'否': case u'对': case u'有': case u'无':
    case u'y': case u'Y': case u'n': case u'N': case u't': case u'T': case u'f': case u'F':
        break;
    default:
        return std::nullopt;
    }
    const QString text = input.trimmed().toString().toLower();
    static const QSet<QString> yes = {QStringLiteral("是"), QStringLiteral("yes"), QStringLiteral("true"), QStringLiteral("y"),
                                      QStringLiteral("对"), QStringLiteral("有")};
    static const QSet<QString> no = {QStringLiteral("否"), QStringLiteral("no"), QStringLiteral("false"), QStringLiteral("n"),
                                     QStringLiteral("无")};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

} // namespace values

namespace {

constexpr qsizetype kMaxDistinct = 65536; // beyond this a column is free text, not a category

bool isDigits(QStringView v)
{
    if (v.isEmpty())
        return false;
    for (const QChar c : v) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

} // namespace

size_t HashSet::slotOf(quint64 hash) const
{
    // Fibonacci hashing spreads the hash's bits over the table; then linear probing.
    const size_t mask = m_slots.size() - 1;
    size_t slot = size_t((hash * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
    while (m_slots[slot] != 0 && m_slots[slot] != hash)
        slot = (slot + 1) & mask;
    return slot;
}

bool HashSet::insert(quint64 hash)
{
    hash = hash == 0 ? 1 : hash;
    if ((m_size + 1) * 2 > m_slots.size()) { // at most half full
        std::vector<quint64> slots(std::max<size_t>(64, m_slots.size() * 2), 0);
        std::vector<quint32> numbers(m_numbered ? slots.size() : 0, 0);
        m_slots.swap(slots);
        m_numbers.swap(numbers);
        for (size_t old = 0; old < slots.size(); ++old) {
            if (slots[old] == 0)
                continue;
            const size_t slot = slotOf(slots[old]);
            m_slots[slot] = slots[old];
            if (m_numbered)
                m_numbers[slot] = numbers[old];
        }
    }
    const size_t slot = slotOf(hash);
    if (m_slots[slot] == hash)
        return false;
    m_slots[slot] = hash;
    if (m_numbered)
        m_numbers[slot] = quint32(m_size);
    ++m_size;
    return true;
}

qint64 HashSet::find(quint64 hash) const
{
    if (m_slots.empty())
        return -1;
    hash = hash == 0 ? 1 : hash;
    const size_t slot = slotOf(hash);
    return m_slots[slot] == hash && m_numbered ? qint64(m_numbers[slot]) : -1;
}

ColumnProfiler::Facts ColumnProfiler::factsOf(QStringView v) const
{
    Facts f;
    f.boolean = values::parseBoolean(v).has_value();
    f.evidence = values::dayOrderEvidence(v);
    f.dayFirstDate = values::parseDateTime(v, values::DayOrder::DayFirst, &f.dayFirstTime).isValid();
    if (f.evidence) // only year-last slash dates depend on the order
        f.monthFirstDate = values::parseDateTime(v, values::DayOrder::MonthFirst, &f.monthFirstTime).isValid();
    if (const auto x = values::parseNumber(v, m_commaDecimal)) {
        f.number = true;
        f.integer = *x == std::floor(*x) && !v.contains(u'.') && !v.endsWith(u'%');
    }
    f.currency = values::hasCurrencySymbol(v);
    return f;
}

void ColumnProfiler::add(QStringView input)
{
    const QStringView v = input.trimmed();
    if (v.isEmpty())
        return;
    ++m_n;
    if (m_samples.size() < 5)
        m_samples << v.toString();
    const bool digits = isDigits(v);
    if (digits) {
        ++m_allDigits;
        if ((v.size() > 1 && v.startsWith(u'0')) || v.size() >= 11)
            ++m_paddedOrLong;
        if (v.size() != 8)
            ++m_digitsNot8;
    }
    // What the value reads as: looked up when the column has few distinct values (statuses, cities,
    // quantities), worked out otherwise.
    const size_t hash = qHash(v);
    Facts f;
    const qint64 known = m_knownHashes.find(hash);
    if (known >= 0 && m_known[size_t(known)].first == v) {
        f = m_known[size_t(known)].second;
    } else {
        f = factsOf(v);
        if (m_known.size() < kMaxKnown && known < 0) {
            m_knownHashes.insert(hash);
            m_known.emplace_back(v.toString(), f);
        }
    }
    if (f.boolean)
        ++m_booleans;
    // Dates, read both ways while the column's day order is not yet known.
    if (f.evidence) {
        m_slashDates = true;
        m_dayFirst = m_dayFirst || (f.evidence->dayFirstPossible && !f.evidence->monthFirstPossible);
        m_monthFirst = m_monthFirst || (f.evidence->monthFirstPossible && !f.evidence->dayFirstPossible);
    }
    m_dates[0] += f.dayFirstDate ? 1 : 0;
    m_anyTime[0] = m_anyTime[0] || f.dayFirstTime;
    if (f.evidence) {
        m_dates[1] += f.monthFirstDate ? 1 : 0;
        m_anyTime[1] = m_anyTime[1] || f.monthFirstTime;
    } else {
        m_dates[1] += f.dayFirstDate ? 1 : 0;
        m_anyTime[1] = m_anyTime[1] || f.dayFirstTime;
    }
    if (f.number) {
        ++m_numbers;
        if (f.integer)
            ++m_integers;
    }
    if (f.currency) {
        ++m_currency;
        if (m_currency <= 1000) {
            const QString symbol = values::currencySymbolIn(v);
            auto seen = std::find_if(m_symbols.begin(), m_symbols.end(), [&symbol](const auto &s) { return s.first == symbol; });
            if (seen == m_symbols.end())
                m_symbols.emplace_back(symbol, 1);
            else
                ++seen->second;
        }
    }
    m_percents += v.endsWith(u'%') ? 1 : 0;
    if (!m_tooManyDistinct) {
        if (!m_distinct.insert(hash))
            ++m_repeats;
        m_tooManyDistinct = qsizetype(m_distinct.size()) > kMaxDistinct;
    }
}

ColumnProfile ColumnProfiler::finish() const
{
    using store::FieldType;
    ColumnProfile profile;
    profile.nonEmpty = m_n;
    profile.repeats = m_repeats;
    profile.samples = m_samples;
    const qint64 n = m_n;
    if (n == 0)
        return profile;
    const auto enough = [n](qint64 yes) { return yes * 100 >= n * 95; };
    // Identifiers: digit strings that a number would damage (leading zeros, phones, ISBNs).
    if (m_allDigits == n && m_paddedOrLong > 0) {
        profile.type = FieldType::Identifier;
        return profile;
    }
    if (m_booleans == n) {
        profile.type = FieldType::Boolean;
        return profile;
    }
    // Dates: the day order is settled from the column as a whole.
    profile.dayOrder = m_monthFirst && !m_dayFirst ? values::DayOrder::MonthFirst : values::DayOrder::DayFirst;
    profile.dayOrderAmbiguous = m_slashDates && !m_dayFirst && !m_monthFirst;
    const int order = profile.dayOrder == values::DayOrder::MonthFirst ? 1 : 0;
    if (enough(m_dates[order]) && m_digitsNot8 < n) {
        profile.type = m_anyTime[order] ? FieldType::DateTime : FieldType::Date;
        profile.unreadable = n - m_dates[order];
        return profile;
    }
    profile.commaDecimal = m_commaDecimal;
    if (enough(m_numbers)) {
        profile.unreadable = n - m_numbers;
        const auto most = std::max_element(m_symbols.begin(), m_symbols.end(),
                                           [](const auto &a, const auto &b) { return a.second < b.second; });
        profile.currencySymbol = most == m_symbols.end() ? QString() : most->first;
        profile.type = m_currency > 0 ? FieldType::Money
                       : m_percents * 2 > n ? FieldType::Percent
                       : m_integers == m_numbers ? FieldType::Integer
                                                 : FieldType::Decimal;
        return profile;
    }
    const qsizetype distinct = qsizetype(m_distinct.size());
    profile.type = (!m_tooManyDistinct && distinct <= std::max<qsizetype>(12, n / 20) && n >= 2 * distinct) ? FieldType::Category
                                                                                                       : FieldType::Text;
    return profile;
}

ColumnProfile profileColumn(const QStringList &column, bool semicolonFile)
{
    ColumnProfiler profiler(semicolonFile);
    for (const QString &v : column)
        profiler.add(v);
    return profiler.finish();
}

} // namespace segmenta::import
