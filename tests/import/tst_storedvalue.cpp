#include "import/storedvalue.h"
#include "import/tableanalysis.h"
#include "read/tablereader.h"

#include <QTest>

#include <string>

using namespace segmenta;
using namespace segmenta::import;
using detail::StoredValue;

// The pieces the import's second pass stores rows with: cells decoded into views (RowText), typed without a
// QVariant (StoredValue), a row's digest (valuesDigest) and the filter of order keys (KeyFilter).
class TestStoredValue : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowTextReadsAsQStringDoes_data();
    void rowTextReadsAsQStringDoes();
    void rowTextKeepsWorkbookDates();
    void typesCells_data();
    void typesCells();
    void valuesDigestTellsRowsApart();
    void keyFilterNeverForgetsAKey();
};

void TestStoredValue::rowTextReadsAsQStringDoes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("ascii") << QByteArray("T0100000001");
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("chinese") << QByteArray("贵州省 贵阳市 花溪区");
    QTest::newRow("ascii then chinese") << QByteArray("Longjing 龙井 250g");
    QTest::newRow("byte-order mark") << QByteArray("\xEF\xBB\xBF" "abc");
    QTest::newRow("mark inside") << QByteArray("a\xEF\xBB\xBF" "b");
    QTest::newRow("mark after chinese") << QByteArray("龙\xEF\xBB\xBF" "b");
    QTest::newRow("bad byte") << QByteArray("ab\xFF" "cd");
    QTest::newRow("cut sequence at the end") << QByteArray("ab\xE9\xBE");
    QTest::newRow("surrogate encoded") << QByteArray("x\xED\xA0\x80y");
    QTest::newRow("emoji") << QByteArray("tea \xF0\x9F\x8D\xB5");
}

void TestStoredValue::rowTextReadsAsQStringDoes()
{
    QFETCH(QByteArray, bytes);
    // Each case as the middle cell of three, so that the cells around it must stay where they are.
    const std::string before = "前 before", after = "after";
    std::vector<read::Cell> cells(3);
    cells[0].kind = cells[1].kind = cells[2].kind = read::Cell::Kind::Text;
    cells[0].text = before;
    cells[1].text = std::string_view(bytes.constData(), size_t(bytes.size()));
    cells[2].text = after;
    detail::RowText row;
    for (int round = 0; round < 2; ++round) { // the buffers are reused for the next row
        row.fill(cells);
        QCOMPARE(row.size(), qsizetype(3));
        QCOMPARE(row.at(0).toString(), QString::fromUtf8(before.data(), qsizetype(before.size())));
        QCOMPARE(row.at(1).toString(), QString::fromUtf8(bytes));
        QCOMPARE(row.at(2).toString(), QStringLiteral("after"));
        QCOMPARE(row.at(3).toString(), QString());
        QCOMPARE(row.utf8(1).value(), cells[1].text);
        QVERIFY(!row.utf8(3).has_value());
    }
}

void TestStoredValue::rowTextKeepsWorkbookDates()
{
    std::vector<read::Cell> cells(2);
    cells[0].kind = read::Cell::Kind::DateTime;
    cells[0].number = 45476.5; // 2024-07-03 12:00 counted from 1899-12-30
    cells[0].text = "45476.5";
    cells[1].kind = read::Cell::Kind::Text;
    cells[1].text = "x";
    detail::RowText row;
    row.fill(cells);
    QCOMPARE(row.at(0).toString(), QStringLiteral("2024-07-03 12:00:00"));
    QVERIFY(!row.utf8(0).has_value());
    QCOMPARE(row.at(1).toString(), QStringLiteral("x"));
    QVERIFY(!row.isBlank());
    cells[1].text = " ";
    cells.erase(cells.begin());
    row.fill(cells);
    QVERIFY(row.isBlank());
}

void TestStoredValue::typesCells_data()
{
    QTest::addColumn<QString>("cell");
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("asBytes"); // the reader's UTF-8 bytes are at hand
    QTest::addColumn<QVariant>("expected");
    QTest::addColumn<int>("kind");
    using K = StoredValue::Kind;
    const auto t = [](store::FieldType type) { return int(type); };
    QTest::newRow("integer") << QStringLiteral(" 12 ") << t(store::FieldType::Integer) << true
                             << QVariant::fromValue<qlonglong>(12) << int(K::Integer);
    QTest::newRow("integer written as 3.0") << QStringLiteral("3.0") << t(store::FieldType::Integer) << true
                                            << QVariant::fromValue<qlonglong>(3) << int(K::Integer);
    QTest::newRow("half in an integer column") << QStringLiteral("2.5") << t(store::FieldType::Integer) << true << QVariant(2.5)
                                               << int(K::Real);
    QTest::newRow("money") << QStringLiteral("¥1,234.50") << t(store::FieldType::Money) << true << QVariant(1234.5) << int(K::Real);
    QTest::newRow("negative money") << QStringLiteral("(12.00)") << t(store::FieldType::Money) << true << QVariant(-12.0)
                                    << int(K::Real);
    QTest::newRow("not money") << QStringLiteral("C0000001") << t(store::FieldType::Money) << true << QVariant() << int(K::Unreadable);
    QTest::newRow("money in words") << QStringLiteral("RMB 88") << t(store::FieldType::Money) << true << QVariant(88.0) << int(K::Real);
    QTest::newRow("date") << QStringLiteral("2018/5/16") << t(store::FieldType::Date) << true << QVariant(QStringLiteral("2018-05-16"))
                          << int(K::Iso);
    QTest::newRow("date and time") << QStringLiteral("2018/5/16 9:41") << t(store::FieldType::DateTime) << true
                                   << QVariant(QStringLiteral("2018-05-16T09:41:00")) << int(K::Iso);
    QTest::newRow("chinese date") << QStringLiteral("2024年7月3日") << t(store::FieldType::Date) << true
                                  << QVariant(QStringLiteral("2024-07-03")) << int(K::Iso);
    QTest::newRow("not a date") << QStringLiteral("soon") << t(store::FieldType::Date) << true << QVariant() << int(K::Unreadable);
    QTest::newRow("boolean") << QStringLiteral("是") << t(store::FieldType::Boolean) << true << QVariant::fromValue<qlonglong>(1)
                             << int(K::Integer);
    // Free text keeps its spaces as typed (a leading tab in "\t=1+1" is part of the value); typed values are trimmed.
    QTest::newRow("text kept as typed") << QStringLiteral("  Green tea ") << t(store::FieldType::Text) << true
                                        << QVariant(QStringLiteral("  Green tea ")) << int(K::Utf8);
    QTest::newRow("chinese text") << QStringLiteral(" 贵阳市") << t(store::FieldType::Category) << true
                                  << QVariant(QStringLiteral("贵阳市")) << int(K::Utf8);
    // An ideographic space is trimmed too where values are typed, but is three bytes: the text is made again.
    QTest::newRow("ideographic space") << QStringLiteral("\u3000花溪区\u3000") << t(store::FieldType::Category) << true
                                       << QVariant(QStringLiteral("花溪区")) << int(K::Text);
    QTest::newRow("text without bytes") << QStringLiteral("abc ") << t(store::FieldType::Identifier) << false
                                        << QVariant(QStringLiteral("abc")) << int(K::Text);
}

void TestStoredValue::typesCells()
{
    QFETCH(QString, cell);
    QFETCH(int, type);
    QFETCH(bool, asBytes);
    QFETCH(QVariant, expected);
    QFETCH(int, kind);
    detail::Column column;
    column.field.type = store::FieldType(type);
    column.profile.dayOrder = values::DayOrder::DayFirst;
    const QByteArray bytes = cell.toUtf8();
    const auto utf8 = asBytes ? std::optional<std::string_view>(std::string_view(bytes.constData(), size_t(bytes.size()))) : std::nullopt;
    const StoredValue value = detail::storedValue(cell, utf8, column);
    QCOMPARE(int(value.kind), kind);
    QCOMPARE(value.toVariant(), expected);
    if (expected.isValid()) {
        QCOMPARE(value.toString(), expected.toString());
        QCOMPARE(value.toDouble(), expected.toDouble());
    }
}

// The digest tells rows apart by every value and by where each value is, and not by where the values are
// kept: a customer's row that repeats the row before it is skipped on the strength of it.
void TestStoredValue::valuesDigestTellsRowsApart()
{
    const auto text = [](const char *utf8) {
        StoredValue v;
        v.kind = StoredValue::Kind::Utf8;
        v.utf8 = utf8;
        return v;
    };
    const auto real = [](double x) {
        StoredValue v;
        v.kind = StoredValue::Kind::Real;
        v.real = x;
        return v;
    };
    const StoredValue shanghai = text("Shanghai"), beijing = text("Beijing"), ten = real(10), tenAgain = real(10), eleven = real(11);
    const std::string copy = "Shanghai";
    StoredValue shanghaiElsewhere = text("x");
    shanghaiElsewhere.utf8 = copy;
    const quint64 base = detail::valuesDigest({&shanghai, &ten, nullptr});
    QCOMPARE(detail::valuesDigest({&shanghaiElsewhere, &tenAgain, nullptr}), base);
    const std::vector<std::vector<const StoredValue *>> others = {
        {&beijing, &ten, nullptr},       // another city
        {&shanghai, &eleven, nullptr},   // another amount
        {&shanghai, nullptr, nullptr},   // one value fewer
        {&shanghai, &ten, &ten},         // one value more
        {&shanghai, nullptr, &ten},      // the amount in another column
        {&ten, &shanghai, nullptr},      // the two swapped
        {},                              // nothing
    };
    QSet<quint64> seen{base};
    for (const auto &row : others)
        seen.insert(detail::valuesDigest(row));
    QCOMPARE(seen.size(), qsizetype(others.size() + 1));
}

void TestStoredValue::keyFilterNeverForgetsAKey()
{
    detail::KeyFilter filter(20000);
    for (int i = 0; i < 20000; ++i)
        filter.add(QStringLiteral("T%1").arg(i, 10, 10, QLatin1Char('0')));
    for (int i = 0; i < 20000; ++i)
        QVERIFY(filter.mayContain(QStringLiteral("T%1").arg(i, 10, 10, QLatin1Char('0'))));
    // Keys never added are mostly told apart (the filter is sized for about 1 in 100 false alarms).
    int falseAlarms = 0;
    for (int i = 0; i < 20000; ++i)
        falseAlarms += filter.mayContain(QStringLiteral("X%1").arg(i)) ? 1 : 0;
    QVERIFY2(falseAlarms < 600, qPrintable(QString::number(falseAlarms)));
    const detail::KeyFilter empty(0);
    QVERIFY(!empty.mayContain(QStringLiteral("T1")));
}

QTEST_GUILESS_MAIN(TestStoredValue)
#include "tst_storedvalue.moc"
