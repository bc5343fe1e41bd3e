#include "import/importer.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QProcess>
#include <QTest>

#include <functional>

using namespace segmenta;
using namespace segmenta::import;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray gb18030(const QString &text)
{
    QStringEncoder encoder("GB18030");
    return encoder(text);
}

// Every table's content, to compare a workspace before and after an operation that must change nothing.
QString dump(store::Database &db)
{
    QString all;
    for (const char *table : {"sources", "fields", "customers", "orders", "rejects", "import_undo"}) {
        store::Statement query(db, std::string("SELECT * FROM ") + table + " ORDER BY 1");
        while (query.step()) {
            for (int i = 0; i < query.columnCount(); ++i)
                all += query.value(i).toString() + u'|';
            all += u'\n';
        }
    }
    return all;
}

// A Taobao order export as WPS saves it: GB18030, a report title above the header, a trailing space in a
// header, closed and refunded orders, one order in two line items, a row without buyer, a row with a bad date.
QString writeTaobaoOrders(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("淘宝订单.csv"));
    const QString text = QStringLiteral(
        "经营状况-订单明细月报-202401\r\n"
        "\r\n"
        "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间 ,宝贝标题,购买数量,收货地址\r\n"
        "T1001,tea_lover,128.50,交易成功,2024-01-05 10:12:00,西湖龙井,1,浙江省 杭州市 西湖区\r\n"
        "T1002,tea_lover,\"1,280.00\",交易成功,2024/1/20 20:01,大红袍礼盒,2,浙江省 杭州市 西湖区\r\n"
        "T1003,小王,59,交易关闭,2024-01-21 08:00:00,品鉴装,1,上海市 浦东新区\r\n"
        "T1004,小王,99,退款成功,2024-01-22 09:30:00,铁观音,1,上海市 浦东新区\r\n"
        "T1005,李四,200,交易成功,2024-01-23 12:00:00,普洱,1,贵州省 贵阳市 花溪区\r\n"
        "T1005,李四,50,交易成功,2024-01-23 12:00:00,茶杯,1,贵州省 贵阳市 花溪区\r\n"
        "T1006,,10,交易成功,2024-01-24 12:00:00,样品,1,\r\n"
        "T1007,张三,88,交易成功,昨天,样品,1,北京市 朝阳区\r\n");
    writeFile(path, gb18030(text));
    return path;
}

// The rows whose references lead nowhere, as PRAGMA foreign_key_check lists them (the import writes with the
// checks off), and whether the checks are on again.
QString brokenReferences(store::Database &db)
{
    QString broken;
    store::Statement check(db, "PRAGMA foreign_key_check");
    while (check.step())
        broken += check.text(0) + u' ' + check.value(1).toString() + u" -> " + check.text(2) + u'\n';
    if (!db.scalar("PRAGMA foreign_keys").toBool())
        broken += QStringLiteral("foreign keys left off\n");
    return broken;
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void importsEveryEncodingOfTheCustomerList_data();
    void importsEveryEncodingOfTheCustomerList();
    void importsATaobaoOrderExport();
    void reimportingChangesNothing();
    void customerRepeatedInTheFileKeepsItsLastValues();
    void customerValuesChangingBackAndForthAreEachStored();
    void wholeFileDecidesWhatTheFirstRowsSuggest_data();
    void wholeFileDecidesWhatTheFirstRowsSuggest();
    void updatesAndUndoes();
    void cancelLeavesTheWorkspaceAsItWas();
    void cancelWhileStoringLeavesTheWorkspaceAsItWas_data();
    void cancelWhileStoringLeavesTheWorkspaceAsItWas();
    void refusesFilesWithoutACustomerColumn();
};

void TestImporter::importsEveryEncodingOfTheCustomerList_data()
{
    QTest::addColumn<QString>("file");
    for (const char *file : {"utf8.csv", "utf8-bom.csv", "gb18030.csv", "utf16le-bom-tab.txt", "semicolon-utf8.csv", "big5.csv"})
        QTest::newRow(file) << QString::fromLatin1(file);
    // The same list as a typed workbook written by openpyxl: a title row above the header, money with a
    // currency format, real dates, the zip codes as text, a hidden sheet before it.
    QTest::newRow("openpyxl.xlsx") << QStringLiteral("openpyxl.xlsx");
}

void TestImporter::importsEveryEncodingOfTheCustomerList()
{
    QFETCH(QString, file);
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    QString path = QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/") + file;
    const bool workbook = file.endsWith(u".xlsx");
    if (workbook) {
        path = dir.filePath(file);
        QCOMPARE(QProcess::execute(QStringLiteral("/usr/bin/python3"),
                                   {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/import/workbook_tool.py"), QStringLiteral("customers"),
                                    QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/expected.json"), path}),
                 0);
    }
    const auto summary = Importer::run(*ws.value(), path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    if (workbook) {
        QCOMPARE(summary->sheet, QStringLiteral("客户"));
        QCOMPARE(summary->headerRow, 2);
    }
    QCOMPARE(summary->kind, ImportKind::Customers);
    QCOMPARE(summary->rowsRead, qint64(5));
    QCOMPARE(summary->inserted, qint64(5));
    QCOMPARE(summary->rejected, qint64(0));
    QFile expectedFile(QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/") +
                       (file == u"big5.csv" ? QStringLiteral("big5.expected.json") : QStringLiteral("expected.json")));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonArray rows = QJsonDocument::fromJson(expectedFile.readAll()).object().value(u"rows").toArray();
    // Dates as a person reads them; the slash date 01/07/2024 is ambiguous and read day first.
    const QHash<QString, QString> isoDates = {{QStringLiteral("2024/5/16"), QStringLiteral("2024-05-16")},
                                              {QStringLiteral("2024-06-01"), QStringLiteral("2024-06-01")},
                                              {QStringLiteral("01/07/2024"), QStringLiteral("2024-07-01")},
                                              {QStringLiteral("2024年7月3日"), QStringLiteral("2024-07-03")},
                                              {QStringLiteral("2023-12-31"), QStringLiteral("2023-12-31")}};
    store::Database &db = ws.value()->db();
    const QString zipColumn = db.scalar("SELECT column_name FROM fields WHERE name = 'zip'").toString();
    QCOMPARE(db.scalar("SELECT type FROM fields WHERE name = 'zip'").toString(), QStringLiteral("identifier"));
    for (const QJsonValue &value : rows) {
        const QJsonArray row = value.toArray();
        store::Statement query(db, QStringLiteral("SELECT name, city, list_total_spend, list_last_order_date, %1 FROM customers "
                                                  "WHERE customer_key = ?1").arg(zipColumn).toStdString());
        query.bind(1, row.at(0).toString());
        QVERIFY2(query.step(), qPrintable(row.at(0).toString()));
        QCOMPARE(query.text(0), row.at(1).toString());
        QCOMPARE(query.text(1), row.at(2).toString());
        QCOMPARE(query.real(2), row.at(3).toString().remove(u',').toDouble());
        QCOMPARE(query.text(3), isoDates.value(row.at(4).toString()));
        QCOMPARE(query.isNull(4) ? QString() : query.text(4), row.at(5).toString());
    }
    const auto dateField = std::find_if(summary->fields.begin(), summary->fields.end(),
                                        [](const ImportedField &f) { return f.name == u"last_order_date"; });
    QVERIFY(dateField != summary->fields.end());
    QCOMPARE(dateField->type, store::FieldType::Date);
    if (!workbook) // a workbook holds real dates: nothing is ambiguous
        QVERIFY2(dateField->note.contains(u"day/month"), qPrintable(dateField->note));
}

void TestImporter::importsATaobaoOrderExport()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const auto summary = Importer::run(*ws.value(), writeTaobaoOrders(dir));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->encoding, QStringLiteral("GB18030"));
    QCOMPARE(summary->headerRow, 3);
    QCOMPARE(summary->rowsRead, qint64(8));
    QCOMPARE(summary->rejected, qint64(2));
    QCOMPARE(summary->inserted, qint64(6)); // five orders, one of them in two line items
    store::Database &db = ws.value()->db();
    const auto scalar = [&db](const char *sql) { return db.scalar(sql); };
    QCOMPARE(scalar("SELECT count(*) FROM orders").toLongLong(), qint64(5));
    QCOMPARE(scalar("SELECT amount FROM orders WHERE order_key = 'T1002'").toDouble(), 1280.0);
    QCOMPARE(scalar("SELECT amount FROM orders WHERE order_key = 'T1005'").toDouble(), 250.0);
    QCOMPARE(scalar("SELECT quantity FROM orders WHERE order_key = 'T1005'").toDouble(), 2.0);
    QCOMPARE(scalar("SELECT order_date FROM orders WHERE order_key = 'T1002'").toString(), QStringLiteral("2024-01-20T20:01:00"));
    QCOMPARE(scalar("SELECT is_valid || is_refund FROM orders WHERE order_key = 'T1003'").toString(), QStringLiteral("00"));
    QCOMPARE(scalar("SELECT is_valid || is_refund FROM orders WHERE order_key = 'T1004'").toString(), QStringLiteral("01"));
    QCOMPARE(scalar("SELECT is_valid FROM orders WHERE order_key = 'T1001'").toLongLong(), qint64(1));
    // Buyers became customers, with province and city split from the address.
    QCOMPARE(scalar("SELECT count(*) FROM customers").toLongLong(), qint64(3));
    QCOMPARE(scalar("SELECT province || '/' || city FROM customers WHERE customer_key = '李四'").toString(),
             QStringLiteral("贵州省/贵阳市"));
    // The trailing space of "订单付款时间 " is gone; the product title kept its role.
    QCOMPARE(summary->fields.at(4).name, QStringLiteral("订单付款时间"));
    QCOMPARE(summary->fields.at(4).role, QStringLiteral("order_date"));
    // Every rejected row is there with its line, column, value and reason.
    store::Statement rejects(db, "SELECT row_number, column_name, raw_value, reason FROM rejects ORDER BY row_number");
    QVERIFY(rejects.step());
    QCOMPARE(rejects.int64(0), qint64(10));
    QVERIFY2(rejects.text(3).contains(u"no customer"), qPrintable(rejects.text(3)));
    QVERIFY(rejects.step());
    QCOMPARE(rejects.int64(0), qint64(11));
    QCOMPARE(rejects.text(1), QStringLiteral("订单付款时间"));
    QCOMPARE(rejects.text(2), QStringLiteral("昨天"));
    QVERIFY(rejects.text(3).contains(u"order left out"));
    QCOMPARE(brokenReferences(db), QString());
}

void TestImporter::reimportingChangesNothing()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString orders = writeTaobaoOrders(dir);
    QVERIFY(Importer::run(*ws.value(), orders).ok());
    const QString customersFile = QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv");
    QVERIFY(Importer::run(*ws.value(), customersFile).ok());
    store::Database &db = ws.value()->db();
    const QString data = db.scalar("SELECT group_concat(x, ';') FROM (SELECT customer_key || city AS x FROM customers "
                                   "UNION ALL SELECT order_key || amount FROM orders)").toString();
    const auto again = Importer::run(*ws.value(), orders);
    QVERIFY(again.ok());
    QCOMPARE(again->inserted, qint64(0));
    // Both line items of T1005 find their order already there; the two unusable rows are rejected again.
    QCOMPARE(again->unchanged, qint64(6));
    QCOMPARE(again->rejected, qint64(2));
    const auto customersAgain = Importer::run(*ws.value(), customersFile);
    QCOMPARE(customersAgain->unchanged, qint64(5));
    QCOMPARE(customersAgain->updated + customersAgain->inserted, qint64(0));
    QCOMPARE(db.scalar("SELECT group_concat(x, ';') FROM (SELECT customer_key || city AS x FROM customers "
                       "UNION ALL SELECT order_key || amount FROM orders)").toString(),
             data);
    // Each import recorded the file's hash: the digest `b2sum -l 256` prints for the corpus file.
    QCOMPARE(db.scalar("SELECT group_concat(DISTINCT file_hash) FROM sources WHERE file_name = 'utf8.csv'").toString(),
             QStringLiteral("bd7f942d6173eda2588bc552023fdc019fad670a8104a70ef265a3a1b98f1075"));
    QCOMPARE(brokenReferences(db), QString());
}

void TestImporter::updatesAndUndoes()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    store::Database &db = ws.value()->db();
    const QString before = dump(db);
    const auto first = Importer::run(*ws.value(), QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv"));
    QVERIFY(first.ok());
    const QString afterFirst = dump(db);
    const QString changed = dir.filePath(QStringLiteral("changed.csv"));
    // C001 moves and becomes a VIP; C002 says nothing new (an empty cell erases nothing); C009 is new.
    writeFile(changed, "customer_id,city,vip\nC001,杭州,yes\nC002,北京,\nC009,深圳,yes\n");
    const auto second = Importer::run(*ws.value(), changed);
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(second->updated, qint64(1));
    QCOMPARE(second->unchanged, qint64(1));
    QCOMPARE(second->inserted, qint64(1));
    QCOMPARE(db.scalar("SELECT city FROM customers WHERE customer_key = 'C001'").toString(), QStringLiteral("杭州"));
    QCOMPARE(db.scalar("SELECT name FROM customers WHERE customer_key = 'C001'").toString(), QStringLiteral("张伟"));
    QCOMPARE(db.scalar("SELECT type FROM fields WHERE name = 'vip'").toString(), QStringLiteral("boolean"));
    QVERIFY(Importer::undo(*ws.value(), second->sourceId).ok());
    QCOMPARE(dump(db), afterFirst);
    QVERIFY(Importer::undo(*ws.value(), first->sourceId).ok());
    QCOMPARE(dump(db), before);
    QVERIFY(!Importer::undo(*ws.value(), 99).ok());
}

// Short values (a few bytes each) of one customer on several rows: each row's values are what is stored,
// and the undo log holds the values each row replaced.
void TestImporter::customerRepeatedInTheFileKeepsItsLastValues()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString path = dir.filePath(QStringLiteral("repeated.csv"));
    writeFile(path, "customer id,city,tier\nc1,ab,x\nc1,cd,y\nc2,ef,z\nc1,cd,y\n");
    const auto summary = Importer::run(*ws.value(), path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, qint64(2));
    QCOMPARE(summary->updated, qint64(1));
    QCOMPARE(summary->unchanged, qint64(1));
    store::Database &db = ws.value()->db();
    const QString tier = db.scalar("SELECT column_name FROM fields WHERE name = 'tier'").toString();
    QVERIFY(!tier.isEmpty());
    const auto customer = [&](const char *key) {
        store::Statement query(db, QStringLiteral("SELECT city || '/' || %1 FROM customers WHERE customer_key = ?1")
                                       .arg(store::quoteIdentifier(tier)).toStdString());
        query.bind(1, QString::fromLatin1(key));
        return query.step() ? query.text(0) : QString();
    };
    QCOMPARE(customer("c1"), QStringLiteral("cd/y"));
    QCOMPARE(customer("c2"), QStringLiteral("ef/z"));
    const QJsonObject replaced = QJsonDocument::fromJson(db.scalar("SELECT old_json FROM import_undo").toString().toUtf8()).object();
    QCOMPARE(replaced.value(QStringLiteral("city")).toString(), QStringLiteral("ab"));
    QCOMPARE(replaced.value(tier).toString(), QStringLiteral("x"));
    QCOMPARE(db.scalar("SELECT count(*) FROM import_undo").toLongLong(), qint64(1));
}

// One customer of the workspace on several rows whose values change, repeat and change back: a row that
// repeats the row before it changes nothing, and every other row is compared with what the customer holds.
// Counts and undo entries by hand: rows 2 and 5 change the customer, the other four do not.
void TestImporter::customerValuesChangingBackAndForthAreEachStored()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString first = dir.filePath(QStringLiteral("first.csv"));
    writeFile(first, "customer id,city,tier\nc1,ab,x\n");
    QVERIFY(Importer::run(*ws.value(), first).ok());
    const QString second = dir.filePath(QStringLiteral("second.csv"));
    writeFile(second, "customer id,city,tier\nc1,ab,x\nc1,cd,y\nc1,cd,y\nc1,ab,x\nc1,ab,\nc1,ab,x\n");
    const auto summary = Importer::run(*ws.value(), second);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, qint64(0));
    QCOMPARE(summary->updated, qint64(2));
    QCOMPARE(summary->unchanged, qint64(4));
    store::Database &db = ws.value()->db();
    const QString tier = db.scalar("SELECT column_name FROM fields WHERE name = 'tier'").toString();
    QCOMPARE(db.scalar(QStringLiteral("SELECT city || '/' || %1 FROM customers").arg(store::quoteIdentifier(tier)).toStdString()).toString(),
             QStringLiteral("ab/x"));
    store::Statement undo(db, "SELECT old_json FROM import_undo ORDER BY id");
    QStringList replaced;
    while (undo.step()) {
        const QJsonObject old = QJsonDocument::fromJson(undo.text(0).toUtf8()).object();
        replaced << old.value(QStringLiteral("city")).toString() + u'/' + old.value(tier).toString();
    }
    QCOMPARE(replaced, QStringList({QStringLiteral("ab/x"), QStringLiteral("cd/y")}));
}

// Files of 300 rows imported after profiling only their first rows (the 50 rows read for the header, as
// few as can be), and again after profiling the whole file first: the workspaces must be the same, whether
// the whole columns agree with the first rows or not. Where they do not, the values are checked by hand.
void TestImporter::wholeFileDecidesWhatTheFirstRowsSuggest_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("check"); // SQL giving `expected` in the sampled workspace
    QTest::addColumn<QString>("expected");
    const auto rows = [](const char *header, const std::function<QString(int)> &row) {
        QString csv = QString::fromLatin1(header) + u'\n';
        for (int i = 0; i < 300; ++i)
            csv += row(i) + u'\n';
        return csv.toUtf8();
    };
    QTest::newRow("agrees") << rows("customer id,city,score,joined", [](int i) {
        return QStringLiteral("c%1,city%2,%3,2024-03-%4").arg(i).arg(i % 7).arg(i * 3).arg(10 + i % 19);
    }) << QStringLiteral("SELECT type FROM fields WHERE name = 'score'") << QStringLiteral("integer");
    // Whole numbers for 240 rows, then 60 words: 80 % numbers is too few for a number column.
    QTest::newRow("numbers, then words") << rows("customer id,score", [](int i) {
        return i < 240 ? QStringLiteral("c%1,%1").arg(i) : QStringLiteral("c%1,n/a %1").arg(i);
    }) << QStringLiteral("SELECT count(*) FROM rejects") << QStringLiteral("0");
    // Dates that read either way until row 280, which can only be month first: 01/02/2024 is January 2nd.
    QTest::newRow("day order settled late") << rows("customer id,signup date", [](int i) {
        return i == 280 ? QStringLiteral("c%1,02/13/2024").arg(i) : QStringLiteral("c%1,01/0%2/2024").arg(i).arg(1 + i % 9);
    }) << QStringLiteral("SELECT signup_date FROM customers WHERE customer_key = 'c1'") << QStringLiteral("2024-01-02");
    // Names that look like numbers at first: the role fixes the type, whatever the values.
    QTest::newRow("role fixes the type") << rows("customer id,name", [](int i) {
        return i < 240 ? QStringLiteral("c%1,%1").arg(i) : QStringLiteral("c%1,Name %1").arg(i);
    }) << QStringLiteral("SELECT name || '/' || (SELECT type FROM fields WHERE name = 'name') FROM customers WHERE customer_key = 'c5'")
       << QStringLiteral("5/text");
    // A row wider than the first rows: the whole file has a third column.
    QTest::newRow("wider row late") << rows("customer id,city", [](int i) {
        return i == 290 ? QStringLiteral("c%1,x,extra").arg(i) : QStringLiteral("c%1,x").arg(i);
    }) << QStringLiteral("SELECT count(*) FROM fields WHERE origin = 'imported'") << QStringLiteral("1");
    // Text of few values in the first rows, of as many values as rows in the whole file: not a category.
    QTest::newRow("category, then free text") << rows("customer id,note", [](int i) {
        return i < 60 ? QStringLiteral("c%1,same").arg(i) : QStringLiteral("c%1,note %1").arg(i);
    }) << QStringLiteral("SELECT type FROM fields WHERE name = 'note'") << QStringLiteral("text");
}

void TestImporter::wholeFileDecidesWhatTheFirstRowsSuggest()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, check);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("customers.csv"));
    writeFile(path, csv);
    QString contents[2];
    for (int whole = 0; whole < 2; ++whole) {
        auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w%1.segmenta").arg(whole)));
        QVERIFY(ws.ok());
        ImportOptions options;
        options.sampleRows = whole ? -1 : 0;
        const auto summary = Importer::run(*ws.value(), path, options);
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        QCOMPARE(summary->rowsRead, qint64(300));
        QCOMPARE(summary->inserted, qint64(300));
        store::Database &db = ws.value()->db();
        if (!whole)
            QCOMPARE(db.scalar(check.toStdString()).toString(), expected);
        QCOMPARE(brokenReferences(db), QString());
        for (const char *table : {"fields", "customers", "rejects", "import_undo"}) {
            store::Statement query(db, std::string("SELECT * FROM ") + table + " ORDER BY 1");
            while (query.step()) {
                for (int i = 0; i < query.columnCount(); ++i)
                    contents[whole] += query.value(i).toString() + u'|';
                contents[whole] += u'\n';
            }
        }
    }
    QCOMPARE(contents[0], contents[1]);
}

void TestImporter::cancelLeavesTheWorkspaceAsItWas()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    QVERIFY(Importer::run(*ws.value(), QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv")).ok());
    const QString before = dump(ws.value()->db());
    Progress progress;
    progress.cancel();
    const auto cancelled = Importer::run(*ws.value(), writeTaobaoOrders(dir), {}, &progress);
    QVERIFY(!cancelled.ok());
    QVERIFY(cancelled.errorMessage().contains(u"cancelled"));
    QCOMPARE(dump(ws.value()->db()), before);
    QCOMPARE(brokenReferences(ws.value()->db()), QString());
}

// Cancelled in the second pass, while the rows of a text file are read on a thread of their own and stored.
void TestImporter::cancelWhileStoringLeavesTheWorkspaceAsItWas_data()
{
    QTest::addColumn<qint64>("sampleRows");
    QTest::newRow("whole file profiled first") << qint64(-1);
    QTest::newRow("first rows profiled, every row checked while storing") << qint64(1000);
}

void TestImporter::cancelWhileStoringLeavesTheWorkspaceAsItWas()
{
    QFETCH(qint64, sampleRows);
    ImportOptions options;
    options.sampleRows = sampleRows;
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    QVERIFY(Importer::run(*ws.value(), QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv")).ok());
    const QString before = dump(ws.value()->db());
    QByteArray csv = "order id,customer id,order date,amount,status\n";
    for (int i = 0; i < 12000; ++i)
        csv += "T" + QByteArray::number(i) + ",C" + QByteArray::number(i % 700) + ",2024-05-0" + QByteArray::number(1 + i % 9) +
               "," + QByteArray::number(i % 50) + ".5,\"paid\"\n";
    const QString path = dir.filePath(QStringLiteral("orders.csv"));
    writeFile(path, csv);
    bool storing = false;
    Progress *self = nullptr;
    Progress progress([&self, &storing](qint64 done, qint64) {
        if (done > 400) { // past the profiling (the first 400 of 1000)
            storing = true;
            self->cancel();
        }
    });
    self = &progress;
    const auto cancelled = Importer::run(*ws.value(), path, options, &progress);
    QVERIFY(storing);
    QVERIFY(!cancelled.ok());
    QVERIFY(cancelled.errorMessage().contains(u"cancelled"));
    QCOMPARE(dump(ws.value()->db()), before);
    QCOMPARE(brokenReferences(ws.value()->db()), QString());
    // And the same file imports whole afterwards.
    const auto imported = Importer::run(*ws.value(), path, options);
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    QCOMPARE(imported->inserted, qint64(12000));
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM orders WHERE source_id = " + std::to_string(imported->sourceId)).toLongLong(),
             qint64(12000));
}

void TestImporter::refusesFilesWithoutACustomerColumn()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    const QString path = dir.filePath(QStringLiteral("numbers.csv"));
    writeFile(path, "a,b\n1,2\n3,4\n");
    const QString before = dump(ws.value()->db());
    const auto refused = Importer::run(*ws.value(), path);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.errorMessage().contains(u"numbers.csv") && refused.errorMessage().contains(u"names the customer"),
             qPrintable(refused.errorMessage()));
    QCOMPARE(dump(ws.value()->db()), before);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
