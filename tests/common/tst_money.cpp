#include "common/money.h"

#include <QTest>

using namespace segmenta;

// Amounts as the user reads them, against texts written out by hand from each locale's conventions.
class TestMoney : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void moneyText_data();
    void moneyText();
    void defaultSymbolIsTheLocales_data();
    void defaultSymbolIsTheLocales();
    void xlsxFormat_data();
    void xlsxFormat();
};

void TestMoney::moneyText_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<double>("amount");
    QTest::addColumn<QString>("expected");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    const QLocale chinese(QLocale::Chinese, QLocale::China);
    const QLocale german(QLocale::German, QLocale::Germany);
    QTest::newRow("dollars") << english << QStringLiteral("$") << 1234.5 << QStringLiteral("$1,234.50");
    QTest::newRow("yuan in English") << english << QStringLiteral("¥") << 1234.5 << QStringLiteral("¥1,234.50");
    QTest::newRow("yuan in Chinese") << chinese << QStringLiteral("¥") << 1234567.891 << QStringLiteral("¥1,234,567.89");
    QTest::newRow("euros in German") << german << QStringLiteral("€") << 1234.5 << QStringLiteral("1.234,50\u00a0€");
    QTest::newRow("negative") << english << QStringLiteral("$") << -5.0 << QStringLiteral("-$5.00");
    QTest::newRow("zero") << chinese << QStringLiteral("¥") << 0.0 << QStringLiteral("¥0.00");
    QTest::newRow("no symbol") << english << QString() << 1234.5 << QStringLiteral("1,234.50");
    QTest::newRow("no symbol, German") << german << QString() << 1234.5 << QStringLiteral("1.234,50");
}

void TestMoney::moneyText()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, symbol);
    QFETCH(double, amount);
    QFETCH(QString, expected);
    QCOMPARE(segmenta::moneyText(amount, symbol, locale), expected);
}

void TestMoney::defaultSymbolIsTheLocales_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("expected");
    QTest::newRow("United States") << QLocale(QLocale::English, QLocale::UnitedStates) << QStringLiteral("$");
    QTest::newRow("China") << QLocale(QLocale::Chinese, QLocale::China) << QStringLiteral("¥");
    QTest::newRow("Germany") << QLocale(QLocale::German, QLocale::Germany) << QStringLiteral("€");
    QTest::newRow("United Kingdom") << QLocale(QLocale::English, QLocale::UnitedKingdom) << QStringLiteral("£");
    QTest::newRow("C") << QLocale::c() << QString();
}

void TestMoney::defaultSymbolIsTheLocales()
{
    QFETCH(QLocale, locale);
    QFETCH(QString, expected);
    QCOMPARE(defaultCurrencySymbol(locale), expected);
}

void TestMoney::xlsxFormat_data()
{
    QTest::addColumn<QString>("symbol");
    QTest::addColumn<QString>("expected");
    QTest::newRow("yuan") << QStringLiteral("¥") << QStringLiteral("\"¥\"#,##0.00");
    QTest::newRow("euro") << QStringLiteral("€") << QStringLiteral("\"€\"#,##0.00");
    QTest::newRow("several characters") << QStringLiteral("HK$") << QStringLiteral("\"HK$\"#,##0.00");
    QTest::newRow("quotes dropped") << QStringLiteral("a\"b") << QStringLiteral("\"ab\"#,##0.00");
    QTest::newRow("none") << QString() << QStringLiteral("#,##0.00");
}

void TestMoney::xlsxFormat()
{
    QFETCH(QString, symbol);
    QFETCH(QString, expected);
    QCOMPARE(xlsxMoneyFormat(symbol), expected);
}

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
