// writeIsoDate against QDate's own ISO text: every day of 1900 to 2199 (where shop dates are), every 97th day
// of the rest of years 1 to 9999, the ends of that range and the days just outside it.
#include "common/datetext.h"

#include <QDate>
#include <QTest>

using namespace segmenta;

class TestIsoDate : public QObject
{
    Q_OBJECT

private:
    static QString written(qint64 day)
    {
        char text[10];
        return writeIsoDate(day, text) ? QString::fromLatin1(text, 10) : QString();
    }

private Q_SLOTS:
    void sameAsQDate()
    {
        const qint64 first = QDate(1, 1, 1).toJulianDay(), last = QDate(9999, 12, 31).toJulianDay();
        const qint64 busyFrom = QDate(1900, 1, 1).toJulianDay(), busyTo = QDate(2199, 12, 31).toJulianDay();
        qint64 compared = 0;
        for (qint64 day = first; day <= last; day += (day >= busyFrom && day <= busyTo) ? 1 : 97) {
            const QString expected = QDate::fromJulianDay(day).toString(Qt::ISODate);
            if (written(day) != expected)
                QFAIL(qPrintable(QStringLiteral("day %1: %2 instead of %3").arg(day).arg(written(day), expected)));
            ++compared;
        }
        QVERIFY(compared > 100000);
        QCOMPARE(written(last), QStringLiteral("9999-12-31"));
        QCOMPARE(written(first), QStringLiteral("0001-01-01"));
    }

    void examples()
    {
        QCOMPARE(written(QDate(2024, 2, 29).toJulianDay()), QStringLiteral("2024-02-29"));
        QCOMPARE(written(QDate(2000, 3, 1).toJulianDay()), QStringLiteral("2000-03-01"));
        QCOMPARE(written(QDate(1900, 2, 28).toJulianDay() + 1), QStringLiteral("1900-03-01"));
        QCOMPARE(written(QDate(2026, 12, 31).toJulianDay()), QStringLiteral("2026-12-31"));
    }

    void outsideTheFourDigitYears()
    {
        QVERIFY(written(QDate(1, 1, 1).toJulianDay() - 1).isNull());
        QVERIFY(written(QDate(9999, 12, 31).toJulianDay() + 1).isNull());
        QVERIFY(written(0).isNull());
        QVERIFY(written(-5).isNull());
    }
};

QTEST_GUILESS_MAIN(TestIsoDate)
#include "tst_isodate.moc"
