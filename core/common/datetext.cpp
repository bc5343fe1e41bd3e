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

} // namespace segmenta
