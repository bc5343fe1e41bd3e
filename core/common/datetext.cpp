#include "common/datetext.h"

#include <QRegularExpression>

namespace segmenta {

QString datePattern(const QLocale &locale)
{
    QString pattern = locale.dateFormat(QLocale::ShortFormat);
    if (!pattern.contains(QStringLiteral("yyyy"))) {
        static const QRegularExpression shortYear(QStringLiteral("y+"));
        pattern.replace(shortYear, QStringLiteral("yyyy"));
    }
    return pattern;
}

QString dateText(const QDate &date, const QLocale &locale)
{
    return date.isValid() ? locale.toString(date, datePattern(locale)) : QString();
}

QString dateTimeText(const QDateTime &time, const QLocale &locale)
{
    if (!time.isValid())
        return {};
    return dateText(time.date(), locale) + u' ' + locale.toString(time.time(), QLocale::ShortFormat);
}

bool writeIsoDate(qint64 julianDay, char *out)
{
    // 0001-01-01 and 9999-12-31: the years written with four digits and no sign.
    if (julianDay < 1721426 || julianDay > 5373484)
        return false;
    // Gregorian date of a Julian day (Richards' algorithm, as in Explanatory Supplement to the Astronomical
    // Almanac, 3rd ed., 15.11.3), valid for every day in the range above.
    const qint64 f = julianDay + 1401 + (((4 * julianDay + 274277) / 146097) * 3) / 4 - 38;
    const qint64 e = 4 * f + 3;
    const qint64 h = 5 * ((e % 1461) / 4) + 2;
    const auto day = int((h % 153) / 5 + 1);
    const auto month = int(((h / 153 + 2) % 12) + 1);
    const auto year = int(e / 1461 - 4716 + (14 - month) / 12);
    const auto digits = [out](int at, int value, int count) {
        for (int i = count - 1; i >= 0; --i, value /= 10)
            out[at + i] = char('0' + value % 10);
    };
    digits(0, year, 4);
    out[4] = '-';
    digits(5, month, 2);
    out[7] = '-';
    digits(8, day, 2);
    return true;
}

} // namespace segmenta
