#include "import/valueparser.h"

#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace segmenta::import {

namespace values {

bool hasCurrencySymbol(QStringView text)
{
    for (const QChar c : text) {
        if (c == u'¥' || c == u'￥' || c == u'$' || c == u'€' || c == u'£')
            return true;
    }
    return text.contains(u"RMB") || text.contains(u"CNY") || text.contains(u"元");
}

std::optional<double> parseNumber(QStringView input, bool commaDecimal)
{
    QString text = input.trimmed().toString();
    if (text.isEmpty())
        return std::nullopt;
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
        return QDateTime(date, QTime(0, 0));
    QTime time;
    if (!readTime(rest, &time))
        return {};
    if (hasTime)
        *hasTime = true;
    return QDateTime(date, time);
}

std::optional<bool> parseBoolean(QStringView input)
{
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

ColumnProfile profileColumn(const QStringList &column, bool semicolonFile)
{
    using store::FieldType;
    ColumnProfile profile;
    QStringList values;
    for (const QString &v : column) {
        const QString t = v.trimmed();
        if (!t.isEmpty())
            values << t;
    }
    profile.nonEmpty = values.size();
    profile.samples = values.mid(0, 5);
    if (values.isEmpty())
        return profile;
    const auto share = [&](auto predicate) {
        qint64 yes = 0;
        for (const QString &v : values)
            yes += predicate(v) ? 1 : 0;
        return yes;
    };
    const qint64 n = values.size();
    const auto enough = [n](qint64 yes) { return yes * 100 >= n * 95; };
    static const QRegularExpression digits(QStringLiteral("^\\d+$"));

    // Identifiers: digit strings that a number would damage (leading zeros, phones, ISBNs).
    const qint64 allDigits = share([](const QString &v) { return digits.match(v).hasMatch(); });
    const qint64 paddedOrLong = share([](const QString &v) {
        return digits.match(v).hasMatch() && ((v.size() > 1 && v.startsWith(u'0')) || v.size() >= 11);
    });
    if (allDigits == n && paddedOrLong > 0) {
        profile.type = FieldType::Identifier;
        return profile;
    }
    if (const qint64 booleans = share([](const QString &v) { return values::parseBoolean(v).has_value(); });
        booleans == n && !values.isEmpty()) {
        profile.type = FieldType::Boolean;
        return profile;
    }
    // Dates: settle the day order from the column as a whole.
    bool dayFirst = false, monthFirst = false, slashDates = false;
    for (const QString &v : values) {
        if (const auto evidence = values::dayOrderEvidence(v)) {
            slashDates = true;
            if (evidence->dayFirstPossible && !evidence->monthFirstPossible)
                dayFirst = true;
            if (evidence->monthFirstPossible && !evidence->dayFirstPossible)
                monthFirst = true;
        }
    }
    profile.dayOrder = monthFirst && !dayFirst ? values::DayOrder::MonthFirst : values::DayOrder::DayFirst;
    profile.dayOrderAmbiguous = slashDates && !dayFirst && !monthFirst;
    bool anyTime = false;
    const qint64 dates = share([&](const QString &v) {
        bool hasTime = false;
        const bool ok = values::parseDateTime(v, profile.dayOrder, &hasTime).isValid();
        anyTime = anyTime || hasTime;
        return ok;
    });
    if (enough(dates) && share([](const QString &v) { return digits.match(v).hasMatch() && v.size() != 8; }) < n) {
        profile.type = anyTime ? FieldType::DateTime : FieldType::Date;
        profile.unreadable = n - dates;
        return profile;
    }
    profile.commaDecimal = semicolonFile;
    const qint64 numbers = share([&](const QString &v) { return values::parseNumber(v, profile.commaDecimal).has_value(); });
    if (enough(numbers)) {
        profile.unreadable = n - numbers;
        const qint64 currency = share([](const QString &v) { return values::hasCurrencySymbol(v); });
        const qint64 percents = share([](const QString &v) { return v.endsWith(u'%'); });
        const qint64 integers = share([&](const QString &v) {
            const auto x = values::parseNumber(v, profile.commaDecimal);
            return x && *x == std::floor(*x) && !v.contains(u'.') && !v.endsWith(u'%');
        });
        profile.type = currency > 0 ? FieldType::Money
                       : percents * 2 > n ? FieldType::Percent
                       : integers == numbers ? FieldType::Integer
                                             : FieldType::Decimal;
        return profile;
    }
    QSet<QString> distinct;
    for (const QString &v : values)
        distinct.insert(v);
    profile.type = (distinct.size() <= std::max<qsizetype>(12, n / 20) && n >= 2 * distinct.size()) ? FieldType::Category
                                                                                                  : FieldType::Text;
    return profile;
}

} // namespace segmenta::import
