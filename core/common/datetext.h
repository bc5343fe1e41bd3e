#pragma once

#include <QDate>
#include <QDateTime>
#include <QLocale>
#include <QString>

namespace segmenta {

// The one way dates are written for the user, in every window, report and export summary: the locale's
// short date with the year in full ("12/2/2026" in English, "2026/12/2" in Chinese, "02.12.2026" in
// German), never a two-digit year nor ISO's "2026-12-02" (which stays for files and the rule text).
// Plain functions; any thread.
QString datePattern(const QLocale &locale = QLocale());
QString dateText(const QDate &date, const QLocale &locale = QLocale());
// The date as above, then the locale's short time ("12/2/2026 14:05").
QString dateTimeText(const QDateTime &time, const QLocale &locale = QLocale());

// Writes the ISO date "yyyy-MM-dd" of a Julian day into `out` (10 characters, no terminator) and returns true,
// the same text as QDate::fromJulianDay(day).toString(Qt::ISODate); returns false (and writes nothing) outside
// the years 1 to 9999. For writing a million dates (the metrics table) without making a QString of each and
// converting it to UTF-8: no allocation, no locale.
bool writeIsoDate(qint64 julianDay, char *out);

} // namespace segmenta
