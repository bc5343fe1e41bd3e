// Ambiguous dates (issue 21, point 8): a column whose every date reads either way (03/04/2024) is read day
// first unless the user says month first; the preview says which; the choice is remembered with the mapping.
// Dates worked out by hand; what is stored read back with plain SQL.
#include "import/importer.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace segmenta;
using namespace segmenta::import;

class TestDayOrder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ambiguousDatesFollowTheChoice_data();
    void ambiguousDatesFollowTheChoice();
    void datesThatShowTheirOrderAreNotAmbiguous();
};

namespace {

QString writeFile(const QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    const QString path = dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

QStringList storedDates(store::Workspace &workspace)
{
    store::Statement query(workspace.db(), "SELECT substr(order_date, 1, 10) FROM orders ORDER BY order_key");
    QStringList dates;
    while (query.step())
        dates << query.text(0);
    return dates;
}

} // namespace

void TestDayOrder::ambiguousDatesFollowTheChoice_data()
{
    QTest::addColumn<int>("order");
    QTest::addColumn<bool>("monthFirst");
    QTest::addColumn<QStringList>("dates");
    QTest::newRow("not chosen: day first") << int(values::DayOrder::Unknown) << false
                                           << QStringList{QStringLiteral("2024-04-03"), QStringLiteral("2024-06-05")};
    QTest::newRow("day first") << int(values::DayOrder::DayFirst) << false
                               << QStringList{QStringLiteral("2024-04-03"), QStringLiteral("2024-06-05")};
    QTest::newRow("month first") << int(values::DayOrder::MonthFirst) << true
                                 << QStringList{QStringLiteral("2024-03-04"), QStringLiteral("2024-05-06")};
}

void TestDayOrder::ambiguousDatesFollowTheChoice()
{
    QFETCH(int, order);
    QFETCH(bool, monthFirst);
    QFETCH(QStringList, dates);
    QTemporaryDir dir;
    const QString csv = writeFile(dir, "orders.csv", "Order ID,Customer ID,Order Date,Amount\n"
                                                     "A1,C1,03/04/2024,10\n"
                                                     "A2,C2,05/06/2024,20\n");
    ImportOptions options;
    if (order != int(values::DayOrder::Unknown)) {
        ColumnChoice date;
        date.role = QStringLiteral("order_date");
        date.dayOrder = values::DayOrder(order);
        options.columns.emplace(QStringLiteral("Order Date"), date);
    }
    const auto preview = Importer::preview(csv, options);
    QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
    const auto field = std::find_if(preview->fields.begin(), preview->fields.end(),
                                    [](const ImportedField &f) { return f.name == u"Order Date"; });
    QVERIFY(field != preview->fields.end());
    QVERIFY(field->dayOrderAmbiguous);
    QCOMPARE(field->monthFirst, monthFirst);
    QCOMPARE(field->note, monthFirst ? QStringLiteral("dates such as 01/07/2024 were read as month/day/year")
                                     : QStringLiteral("dates such as 01/07/2024 were read as day/month/year"));

    auto workspace = std::move(store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")))).value();
    const auto summary = Importer::run(*workspace, csv, options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(storedDates(*workspace), dates);
    // A file with the same headers next time: the chosen order comes back with the mapping.
    const QString next = writeFile(dir, "next.csv", "Order ID,Customer ID,Order Date,Amount\nA3,C3,07/08/2024,5\n");
    const auto again = Importer::preview(next, {}, workspace.get());
    QVERIFY(again.ok());
    if (order != int(values::DayOrder::Unknown)) {
        QVERIFY(again->rememberedMapping);
        const auto remembered = std::find_if(again->fields.begin(), again->fields.end(),
                                             [](const ImportedField &f) { return f.name == u"Order Date"; });
        QCOMPARE(remembered->monthFirst, monthFirst);
    }
}

void TestDayOrder::datesThatShowTheirOrderAreNotAmbiguous()
{
    QTemporaryDir dir;
    // 13/04/2024 can only be day first: the column is not ambiguous, and a month-first choice does not apply.
    const QString csv = writeFile(dir, "orders.csv", "Order ID,Customer ID,Order Date,Amount\n"
                                                     "A1,C1,03/04/2024,10\n"
                                                     "A2,C2,13/04/2024,20\n");
    ImportOptions options;
    ColumnChoice date;
    date.role = QStringLiteral("order_date");
    date.dayOrder = values::DayOrder::MonthFirst;
    options.columns.emplace(QStringLiteral("Order Date"), date);
    auto workspace = std::move(store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")))).value();
    const auto summary = Importer::run(*workspace, csv, options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(storedDates(*workspace), (QStringList{QStringLiteral("2024-04-03"), QStringLiteral("2024-04-13")}));
    const auto preview = Importer::preview(csv, options);
    QVERIFY(preview.ok());
    for (const ImportedField &f : preview->fields)
        QVERIFY(!f.dayOrderAmbiguous);
}

QTEST_GUILESS_MAIN(TestDayOrder)
#include "tst_dayorder.moc"
