// Real shop exports read right (issue 18): each case imports a small hand-made file of tests/data/exports,
// whose expected figures are worked out by hand in the comments, and checks them with plain SQL.
#include "import/importer.h"
#include "import/valueparser.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "read/csvreader.h"
#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/workspace.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/") + QString::fromUtf8(name);
}

QVariant scalar(store::Workspace &ws, const QString &sql)
{
    return ws.db().scalar(sql.toStdString());
}

} // namespace

class TestShopExports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbersInENotation_data();
    void numbersInENotation();
    void eNotationInACsvOrderList();
    void eNotationInAnXlsxOrderList();
    void whitespaceSeparatedText();
    void orderListByRepeatingIds_data();
    void orderListByRepeatingIds();
    void customerListWithUniqueIdsStaysOne();
    void orderIdentityWithoutAnOrderId();
    void idLessOrdersOfAnOlderWorkspaceAreRekeyed();
    void unpaidOrdersAreCountedAndSaid();
    void zeroAmountOrdersAreNoPurchases();
    void closeReasonRefundAndCancel();
    void customerColumnsOfAnOrderList();
    void analysisDateFollowsOldData();
    void rfmFrequencyByOrderCounts();
    void fixedFieldValuesAreChecked_data();
    void fixedFieldValuesAreChecked();
    void unseenCategoryValuesAreWarned();

private:
    std::unique_ptr<store::Workspace> newWorkspace(const QTemporaryDir &dir)
    {
        auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
        if (!ws.ok())
            return nullptr;
        return std::move(ws).value();
    }
};

void TestShopExports::numbersInENotation_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("expected");
    QTest::newRow("Excel's 0.07") << QStringLiteral("7.0000000000000007E-2") << 0.07;
    QTest::newRow("1.5e3") << QStringLiteral("1.5e3") << 1500.0;
    QTest::newRow("2.5E+2") << QStringLiteral("2.5E+2") << 250.0;
    QTest::newRow("-1E-3") << QStringLiteral("-1E-3") << -0.001;
    QTest::newRow("xls reader's 1e-05") << QStringLiteral("1e-05") << 0.00001;
}

void TestShopExports::numbersInENotation()
{
    QFETCH(QString, text);
    QFETCH(double, expected);
    const auto value = values::parseNumber(text);
    QVERIFY2(value.has_value(), qPrintable(text));
    QCOMPARE(*value, expected);
    // The typer: a column of such numbers is a column of decimals.
    QCOMPARE(profileColumn({text, QStringLiteral("12.5")}, false).type, store::FieldType::Decimal);
    // Not numbers: an exponent without digits, a product code with letters after it.
    QVERIFY(!values::parseNumber(QStringLiteral("1e")).has_value());
    QVERIFY(!values::parseNumber(QStringLiteral("12E3X")).has_value());
}

void TestShopExports::eNotationInACsvOrderList()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("enotation.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->rejected, qint64(0));
    // ann: 1.5e3 + 2.5E+2 = 1500 + 250 = 1750; bob: 7.0000000000000007E-2 = 0.07.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT sum(amount) FROM orders o JOIN customers c ON c.id = o.customer_id "
                                        "WHERE customer_key = 'ann'")).toDouble(), 1750.0);
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT amount FROM orders WHERE order_key = 'A3'")).toDouble(), 0.07);
}

void TestShopExports::eNotationInAnXlsxOrderList()
{
    // tests/data/exports/make_retail_xlsx.py: unit prices stored as Excel stores them.
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("online_retail_enotation.xlsx"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->rejected, qint64(0));
    // Invoice 536365: 6 x 0.07 + 2 x 2.5 = 0.42 + 5 = 5.42; invoice 536366: 12 x 1.85 = 22.2.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(2));
    QVERIFY(qAbs(scalar(*ws, QStringLiteral("SELECT amount FROM orders WHERE order_key = '536365'")).toDouble() - 5.42) < 1e-9);
    QVERIFY(qAbs(scalar(*ws, QStringLiteral("SELECT amount FROM orders WHERE order_key = '536366'")).toDouble() - 22.2) < 1e-9);
    // The country of an order list reaches its customer.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT country FROM customers WHERE customer_key = '13047'")).toString(),
             QStringLiteral("France"));
}

void TestShopExports::whitespaceSeparatedText()
{
    // CDNOW_master.txt's layout: a header and rows lined up with runs of spaces (one a tab), yyyymmdd dates.
    const QString path = dataFile("cdnow_sample.txt");
    read::ReadOptions detect;
    auto reader = read::CsvReader::open(path, detect);
    QVERIFY2(reader.ok(), qPrintable(reader.errorMessage()));
    QCOMPARE(reader.value()->delimiter(), ' ');
    std::vector<read::Cell> row;
    QVERIFY(reader.value()->nextRow(row));
    QCOMPARE(row.size(), size_t(4));
    QCOMPARE(QString::fromUtf8(row[3].text.data(), qsizetype(row[3].text.size())), QStringLiteral("dollar_value"));

    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    ImportOptions options;
    options.read.delimiter = ' '; // as --delimiter space gives
    const auto summary = Importer::run(*ws, path, options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->rejected, qint64(0));
    QCOMPARE(summary->toJson().value(QStringLiteral("delimiter")).toString(), QStringLiteral("whitespace"));
    const auto roleOf = [&](int i) { return summary->fields.at(size_t(i)).role; };
    QCOMPARE(roleOf(1), QStringLiteral("order_date"));
    QCOMPARE(roleOf(3), QStringLiteral("amount"));
    // Three customers (ids keep their zeros). 00002's two rows share a customer and a date, so they are one
    // order: 12.00 + 77.00 = 89.00. 00003: three orders, 20.76 + 20.76 + 19.54 = 61.06. All: 11.77 + 89 + 61.06
    // = 161.83 in 5 orders.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT group_concat(customer_key) FROM (SELECT customer_key FROM customers ORDER BY 1)")).toString(),
             QStringLiteral("00001,00002,00003"));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(5));
    QVERIFY(qAbs(scalar(*ws, QStringLiteral("SELECT sum(amount) FROM orders")).toDouble() - 161.83) < 1e-9);
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT order_date FROM orders o JOIN customers c ON c.id = o.customer_id "
                                        "WHERE customer_key = '00001'")).toString().left(10),
             QStringLiteral("1997-01-01"));
}

void TestShopExports::orderListByRepeatingIds_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("k07");
    // Headers the roles do not know (ref, when, pieces, worth), and the same rows under a customer_id header.
    QTest::newRow("no header known") << QStringLiteral("repeating_ids_unknown_headers.csv") << QStringLiteral("K07");
    QTest::newRow("customer id known") << QStringLiteral("repeating_ids_known_key.csv") << QStringLiteral("0007");
}

void TestShopExports::orderListByRepeatingIds()
{
    QFETCH(QString, file);
    QFETCH(QString, k07);
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    // Six rows, three customers named again and again: an order list. The ids name the customers, the dates
    // date the orders and the decimals (worth, not the whole-number pieces) are the amounts. By hand: K07
    // 19.90 + 35.00 + 8.00 = 62.90 in 3 orders, K12 12.50 + 41.25 = 53.75 in 2, K31 60.00 in 1: 6 orders, 176.65.
    const auto summary = Importer::run(*ws, dataFile(file.toUtf8().constData()));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->rejected, qint64(0));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), qint64(3));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(6));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT round(sum(amount), 2) FROM orders")).toDouble(), 176.65);
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) || '/' || round(sum(amount), 2) FROM orders o JOIN customers c "
                                        "ON c.id = o.customer_id WHERE customer_key = '%1'").arg(k07)).toString(),
             QStringLiteral("3/62.9"));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT min(order_date) FROM orders")).toString().left(10), QStringLiteral("2023-01-05"));
}

void TestShopExports::customerListWithUniqueIdsStaysOne()
{
    // The same columns with every id once: a customer list (each customer's date and number are theirs).
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const QString path = dir.filePath(QStringLiteral("list.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("customer_id,when,pieces,worth\n0007,2023-01-05,1,19.90\n0012,2023-01-20,1,12.50\n"
               "0031,2023-05-01,1,60.00\n0044,2023-06-01,2,5.00\n");
    file.close();
    const auto summary = Importer::run(*ws, path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Customers);
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM customers")).toLongLong(), qint64(4));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(0));
}

void TestShopExports::orderIdentityWithoutAnOrderId()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    // The 2019 file (5 columns, no order id): mr1989's row 2 is repeated exactly on row 3 (counted once);
    // row 4 is another line of the same order (same buyer, same time): 168 + 32 = 200. amy has two orders
    // (50, 80), bob one (120). Revenue 200 + 130 + 120 = 450 in 4 orders.
    const auto first = Importer::run(*ws, dataFile("taobao_no_id_2019.csv"));
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    QCOMPARE(first->kind, ImportKind::Orders);
    QCOMPARE(first->repeated, qint64(1));
    QCOMPARE(first->repeatedRows, std::vector<qint64>{3});
    QCOMPARE(first->alreadyPresent, qint64(0));
    QCOMPARE(first->rejected, qint64(0));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(4));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT sum(amount) FROM orders")).toDouble(), 450.0);
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT amount FROM orders o JOIN customers c ON c.id = o.customer_id "
                                        "WHERE customer_key = 'mr1989'")).toDouble(), 200.0);
    // The combined file (3 columns) holds the same four orders, one with its time written otherwise
    // (2019/3/1 10:00), and cat's new one: only cat's is added. Revenue 450 + 66 = 516 in 5 orders.
    const auto combined = Importer::run(*ws, dataFile("taobao_no_id_combined.csv"));
    QVERIFY2(combined.ok(), qPrintable(combined.errorMessage()));
    QCOMPARE(combined->alreadyPresent, qint64(4));
    QCOMPARE(combined->alreadyPresentRows, (std::vector<qint64>{2, 3, 4, 5}));
    QCOMPARE(combined->inserted, qint64(1));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(5));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT sum(amount) FROM orders")).toDouble(), 516.0);
    const QJsonObject json = combined->toJson();
    QCOMPARE(json.value(QStringLiteral("already_present")).toInteger(), qint64(4));
    QCOMPARE(json.value(QStringLiteral("repeated")).toInteger(), qint64(0));
    QCOMPARE(json.value(QStringLiteral("already_present_rows")).toArray().size(), qsizetype(4));
    // Each is listed with its reason among the rejects of its import.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM rejects WHERE reason LIKE 'order already present%'")).toLongLong(), qint64(4));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT row_number FROM rejects WHERE reason LIKE 'repeated row%'")).toLongLong(), qint64(3));
    // amy stays one customer with two orders, not "growing" by duplicates.
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, QDate(2019, 9, 1)).ok());
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT orders_count FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                                        "WHERE customer_key = 'amy'")).toLongLong(), qint64(2));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT orders_count FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                                        "WHERE customer_key = 'mr1989'")).toLongLong(), qint64(1));
}

void TestShopExports::idLessOrdersOfAnOlderWorkspaceAreRekeyed()
{
    // A version 7 workspace as the importer before the new order identity left it: every order without an id
    // keyed by its whole row ('row:' and the 40 hex digits of a SHA-1), after importing taobao_no_id_2019.csv
    // (source 1) and then taobao_no_id_combined.csv (source 2), which the old keys did not see as the same
    // orders. Source 1: rows 2
    // and 3 are the same row, so one key, summed to 336 (quantity 2); row 4 is mr1989's 32 at the same time;
    // amy 50 and 80; bob 120. Source 2: mr1989 200 (written 2019/3/1 10:00, stored as the same time), amy 50
    // and 80, bob 120, cat 66. Besides: bob's order without a date (source 1, 10), and dan's order of
    // 2019-09-01 08:00 stored twice, by source 1 under an old key and by source 2 under the new one (40 each).
    // 13 orders, revenue 1134 + 10 + 80 = 1224.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.segmenta"));
    {
        store::Database db = store::Database::open(path, store::Database::Access::ReadWriteCreate);
        store::schema::migrateTo(db, 0, 7);
        db.exec(R"sql(
INSERT INTO sources(id, file_name, file_hash, imported_at, kind) VALUES
    (1, 'taobao_no_id_2019.csv', 'h1', '2020-01-01T10:00:00', 'orders'),
    (2, 'taobao_no_id_combined.csv', 'h2', '2020-01-02T10:00:00', 'orders');
INSERT INTO customers(id, customer_key, source_id) VALUES
    (1, 'mr1989', 1), (2, 'amy', 1), (3, 'bob', 1), (4, 'cat', 2), (5, 'dan', 1);
INSERT INTO orders(order_key, customer_id, order_date, amount, quantity, source_id) VALUES
    ('row:' || lower(hex(randomblob(20))), 1, '2019-03-01T10:00:00', 336, 2, 1),
    ('row:' || lower(hex(randomblob(20))), 1, '2019-03-01T10:00:00', 32, 1, 1),
    ('row:' || lower(hex(randomblob(20))), 2, '2019-05-02T09:00:00', 50, 1, 1),
    ('row:' || lower(hex(randomblob(20))), 2, '2019-06-02T09:00:00', 80, 2, 1),
    ('row:' || lower(hex(randomblob(20))), 3, '2019-07-01T12:00:00', 120, 1, 1),
    ('row:' || lower(hex(randomblob(20))), 1, '2019-03-01T10:00:00', 200, NULL, 2),
    ('row:' || lower(hex(randomblob(20))), 2, '2019-05-02T09:00:00', 50, NULL, 2),
    ('row:' || lower(hex(randomblob(20))), 2, '2019-06-02T09:00:00', 80, NULL, 2),
    ('row:' || lower(hex(randomblob(20))), 3, '2019-07-01T12:00:00', 120, NULL, 2),
    ('row:' || lower(hex(randomblob(20))), 4, '2019-08-01T08:00:00', 66, NULL, 2),
    ('row:00112233445566778899aabbccddeeff00112233', 3, NULL, 10, 1, 1),
    ('row:' || lower(hex(randomblob(20))), 5, '2019-09-01T08:00:00', 40, 1, 1),
    ('at:dan' || char(31) || '2019-09-01T08:00:00', 5, '2019-09-01T08:00:00', 40, NULL, 2);
)sql");
        QCOMPARE(db.scalar("SELECT sum(amount) FROM orders").toDouble(), 1224.0);
    }
    auto opened = store::Workspace::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    store::Workspace &ws = *opened.value();
    QCOMPARE(ws.db().scalar("PRAGMA user_version").toInt(), store::schema::kCurrentVersion);
    // Opened: source 1's two mr1989 lines are one order of 336 + 32 = 368 (quantity 2 + 1 = 3; the exact repeat
    // the old import summed cannot be told apart any more), and source 2's copies of the orders source 1 holds
    // are gone, as a fresh import reports them already present. Left: mr1989 368, amy 50 and 80, bob 120 and
    // the dateless 10, cat 66, dan 40 (source 1's): 7 orders, 734.
    QCOMPARE(scalar(ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(7));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT sum(amount) FROM orders")).toDouble(), 734.0);
    QCOMPARE(scalar(ws, QStringLiteral("SELECT amount || '/' || quantity || '/' || source_id FROM orders WHERE customer_id = 1")).toString(),
             QStringLiteral("368.0/3.0/1"));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT source_id FROM orders WHERE customer_id = 5")).toLongLong(), qint64(1));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT order_key FROM orders WHERE order_date IS NULL")).toString(),
             QStringLiteral("row:00112233445566778899aabbccddeeff00112233"));
    QCOMPARE(ws.integrityCheck(), QStringLiteral("ok"));

    // Both files again: nothing is added. The 2019 file: row 3 repeats row 2; rows 2, 4, 5, 6, 7 are orders the
    // workspace holds. The combined file: all five rows are.
    const auto again = Importer::run(ws, dataFile("taobao_no_id_2019.csv"));
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(again->inserted, qint64(0));
    QCOMPARE(again->repeated, qint64(1));
    QCOMPARE(again->alreadyPresent, qint64(5));
    const auto combined = Importer::run(ws, dataFile("taobao_no_id_combined.csv"));
    QVERIFY2(combined.ok(), qPrintable(combined.errorMessage()));
    QCOMPARE(combined->inserted, qint64(0));
    QCOMPARE(combined->alreadyPresent, qint64(5));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT count(*) FROM orders")).toLongLong(), qint64(7));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT sum(amount) FROM orders")).toDouble(), 734.0);
    // amy has two orders, not four; bob one purchase (his dateless order counts in no metric).
    QVERIFY(metrics::CustomerMetrics::recompute(ws, metrics::AnalysisSettings{}, QDate(2019, 10, 1)).ok());
    QCOMPARE(scalar(ws, QStringLiteral("SELECT orders_count || '/' || total_spend FROM customer_metrics WHERE customer_id = 2")).toString(),
             QStringLiteral("2/130.0"));
    QCOMPARE(scalar(ws, QStringLiteral("SELECT orders_count FROM customer_metrics WHERE customer_id = 3")).toLongLong(), qint64(1));
}

void TestShopExports::unpaidOrdersAreCountedAndSaid()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    // T2 and T3 have no payment time: stored (nothing is lost) but said, and no purchases.
    const auto summary = Importer::run(*ws, dataFile("unpaid.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, qint64(4));
    QCOMPARE(summary->rejected, qint64(0));
    QCOMPARE(summary->withoutDate, qint64(2));
    QCOMPARE(summary->toJson().value(QStringLiteral("without_date")).toInteger(), qint64(2));
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, QDate(2024, 3, 1)).ok());
    // ann: T1 only (100); bob: T4 only (40).
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT group_concat(x, ';') FROM (SELECT customer_key || ':' || orders_count || ':' || total_spend AS x "
                                        "FROM customer_metrics m JOIN customers c ON c.id = m.customer_id ORDER BY customer_key)")).toString(),
             QStringLiteral("ann:1:100.0;bob:1:40.0"));
}

void TestShopExports::zeroAmountOrdersAreNoPurchases()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    QVERIFY(Importer::run(*ws, dataFile("zero_amounts.csv")).ok());
    const QDate asOf(2024, 9, 5);
    const auto metricOf = [&](const char *key, const char *column) {
        return scalar(*ws, QStringLiteral("SELECT %1 FROM customer_metrics m JOIN customers c ON c.id = m.customer_id WHERE customer_key = '%2'")
                               .arg(QLatin1StringView(column), QLatin1StringView(key)));
    };
    // By default the ¥0 orders are no purchases. mr2884's last real order: 2024-01-10; to 2024-09-05 that is
    // 21 (rest of January) + 29 + 31 + 30 + 31 + 30 + 31 + 31 + 5 = 239 days, one order: lifecycle at risk?
    // No: 239 > 180 days is dormant. freebie never paid: no orders, tier none, no RFM.
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, asOf).ok());
    QCOMPARE(metricOf("mr2884", "orders_count").toLongLong(), qint64(1));
    QCOMPARE(metricOf("mr2884", "days_since_last_order").toLongLong(), qint64(239));
    QCOMPARE(metricOf("mr2884", "lifecycle_stage").toString(), QStringLiteral("dormant"));
    QCOMPARE(metricOf("freebie", "orders_count").toLongLong(), qint64(0));
    QCOMPARE(metricOf("freebie", "value_tier").toString(), QStringLiteral("none"));
    QVERIFY(metricOf("freebie", "rfm_segment").isNull());
    // The setting turned off: the ¥0 order of 2024-08-10 is mr2884's last, 21 + 5 = 26 days before.
    metrics::AnalysisSettings counting;
    counting.purchase.zeroAmountIsPurchase = true;
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, counting, asOf).ok());
    QCOMPARE(metricOf("mr2884", "orders_count").toLongLong(), qint64(2));
    QCOMPARE(metricOf("mr2884", "days_since_last_order").toLongLong(), qint64(26));
    QCOMPARE(metricOf("freebie", "orders_count").toLongLong(), qint64(1));
    // The setting is kept with the workspace's other analysis settings.
    counting.save(*ws);
    QVERIFY(metrics::AnalysisSettings::load(*ws).purchase.zeroAmountIsPurchase);
}

void TestShopExports::closeReasonRefundAndCancel()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("refunds_taobao.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->fields.at(5).role, QStringLiteral("close_reason"));
    // R1 paid (订单未关闭 is "not closed"); R2 and R4 closed for 退款: refunds; R3 closed otherwise: cancelled.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT group_concat(x, ';') FROM (SELECT order_key || ':' || is_valid || is_refund AS x "
                                        "FROM orders ORDER BY order_key)")).toString(),
             QStringLiteral("R1:10;R2:01;R3:00;R4:01"));
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, QDate(2024, 2, 1)).ok());
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT refunded_count || '/' || orders_count FROM customer_metrics m JOIN customers c "
                                        "ON c.id = m.customer_id WHERE customer_key = 'ann'")).toString(),
             QStringLiteral("1/1"));
    // carl's only order was cancelled and dora's refunded: shown as such, not as "no purchase".
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT group_concat(x, ';') FROM (SELECT customer_key || ':' || value_tier AS x "
                                        "FROM customer_metrics m JOIN customers c ON c.id = m.customer_id ORDER BY customer_key)")).toString(),
             QStringLiteral("ann:high;carl:cancelled;dora:cancelled"));
    QCOMPARE(metrics::tierDisplayName(QStringLiteral("cancelled")), QStringLiteral("Only cancelled orders"));
}

void TestShopExports::customerColumnsOfAnOrderList()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("customer_columns_taobao.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->fields.at(4).column, QStringLiteral("customers.name"));
    QCOMPARE(summary->fields.at(5).column, QStringLiteral("customers.gender"));
    QCOMPARE(summary->fields.at(6).column, QStringLiteral("customers.phone"));
    // lee's rows, newest first in the file: C2 (2024-03-01: 李四新, 13900000002, 浙江省 杭州市), C1 (2024-01-01:
    // 李四旧, 13900000001, 贵州省 贵阳市), C3 (2024-02-01: only 男). The newest non-empty value of each wins.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT name || '|' || gender || '|' || phone || '|' || province || '|' || city "
                                        "FROM customers WHERE customer_key = 'lee'")).toString(),
             QStringLiteral("李四新|男|13900000002|浙江省|杭州市"));
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT name || '|' || gender FROM customers WHERE customer_key = 'wu'")).toString(),
             QStringLiteral("吴|女"));
    // zhao: 赵甲 (2024-03-01), then an older 赵乙 (2024-01-01, kept out), then 赵乙 again but newest
    // (2024-05-01): 赵乙.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT name FROM customers WHERE customer_key = 'zhao'")).toString(), QStringLiteral("赵乙"));
    // 性别 reached the customers: a rule on gender finds lee and zhao.
    QCOMPARE(scalar(*ws, QStringLiteral("SELECT count(*) FROM customers WHERE gender = '男'")).toLongLong(), qint64(2));
}

void TestShopExports::analysisDateFollowsOldData()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    // zero_amounts.csv's newest order is of 2024-08-10, far more than 30 days before any day this runs: the
    // analysis date is the day after it.
    QVERIFY(Importer::run(*ws, dataFile("zero_amounts.csv")).ok());
    QVERIFY(ws->analysisDateFollowsData());
    QCOMPARE(ws->analysisDate(), QDate(2024, 8, 11));
    // One click back to today, and back to automatic.
    ws->setAnalysisDateToday();
    QVERIFY(!ws->analysisDateFollowsData());
    QCOMPARE(ws->analysisDate(), QDate::currentDate());
    ws->setAnalysisDate(QDate());
    QCOMPARE(ws->analysisDate(), QDate(2024, 8, 11));
    // A date chosen is kept.
    ws->setAnalysisDate(QDate(2024, 12, 31));
    QVERIFY(!ws->analysisDateFollowsData());
    QCOMPARE(ws->analysisDate(), QDate(2024, 12, 31));

    // Data of last week: today.
    QTemporaryDir other;
    auto recent = newWorkspace(other);
    QVERIFY(recent);
    const QString path = other.filePath(QStringLiteral("recent.csv"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("order_id,customer,order_date,amount\nA1,ann,%1,10\n")
                   .arg(QDate::currentDate().addDays(-7).toString(Qt::ISODate)).toUtf8());
    file.close();
    QVERIFY(Importer::run(*recent, path).ok());
    QVERIFY(!recent->analysisDateFollowsData());
    QCOMPARE(recent->analysisDate(), QDate::currentDate());
}

void TestShopExports::rfmFrequencyByOrderCounts()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    QVERIFY(Importer::run(*ws, dataFile("frequency.csv")).ok());
    // As of 2024-07-01: n1 1 order (1 day ago), t2 2 (last 2024-02-01, 151 days), t3 3 (2024-03-01, 122),
    // t4 4 (2024-04-01, 91), t6 6 (2024-05-01, 61). F by bins 1, 2, 3, 4-5, 6+: 1, 2, 3, 4, 5. R: quintiles of
    // five buyers, 1 + the number less recent: n1 5, t6 4, t4 3, t3 2, t2 1. Names by the default map: R5 F1
    // First-time Buyers, R4 F5 and R3 F4 Loyal, R2 F3 Slipping Away, R1 F2 Hibernating.
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, QDate(2024, 7, 1)).ok());
    const auto scores = [&] {
        return scalar(*ws, QStringLiteral("SELECT group_concat(x, ';') FROM (SELECT customer_key || ':' || r_score || f_score || ':' || "
                                          "rfm_segment AS x FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                                          "ORDER BY customer_key)")).toString();
    };
    QCOMPARE(scores(), QStringLiteral("n1:51:First-time Buyers;t2:12:Hibernating;t3:23:Slipping Away;t4:34:Loyal;t6:45:Loyal"));
    // Bins edited to 1-2, 3-4, 5-7, 8-12, 13+: F 1, 1, 2, 2, 3 (R as before): R5 F1 First-time Buyers, R1 F1
    // Hibernating, R2 F2 Hibernating, R3 F2 About to Sleep, R4 F3 Potential Loyalists.
    metrics::AnalysisSettings edited;
    edited.rfm.frequencyFrom = {3, 5, 8, 13};
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, edited, QDate(2024, 7, 1)).ok());
    QCOMPARE(scores(), QStringLiteral("n1:51:First-time Buyers;t2:11:Hibernating;t3:22:Hibernating;t4:32:About to Sleep;"
                                      "t6:43:Potential Loyalists"));
    // The bins are kept with the settings; bins that do not increase are not taken.
    edited.save(*ws);
    QCOMPARE(metrics::AnalysisSettings::load(*ws).rfm.frequencyFrom, (std::array<int, 4>{3, 5, 8, 13}));
    metrics::RfmMap bad;
    bad.frequencyFrom = {3, 3, 8, 13};
    QVERIFY(!bad.validFrequencyBins());
}

void TestShopExports::fixedFieldValuesAreChecked_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("expected"); // the members' keys, or the start of the error after "did you mean"
    // refunds_taobao.csv as of 2024-02-01: ann bought (R1), carl and dora only had cancelled or refunded
    // orders: prospects with the tier "cancelled".
    QTest::newRow("id") << QStringLiteral("value_tier in (\"cancelled\")") << QStringLiteral("carl dora");
    QTest::newRow("English display name") << QStringLiteral("lifecycle_stage in (\"Prospect\")") << QStringLiteral("carl dora");
    QTest::newRow("Chinese display name") << QStringLiteral("value_tier in (\"仅有取消/退款订单\")") << QStringLiteral("carl dora");
    QTest::newRow("another case") << QStringLiteral("lifecycle_stage not in (\"PROSPECT\")") << QStringLiteral("ann");
    // "at risk" is the display name At risk in another case: accepted (nobody is at risk here).
    QTest::newRow("at risk") << QStringLiteral("lifecycle_stage in (\"at risk\")") << QString();
    QTest::newRow("atrisk") << QStringLiteral("lifecycle_stage in (\"atrisk\")") << QStringLiteral("!at_risk");
    QTest::newRow("Champion") << QStringLiteral("rfm_segment in (\"Champion\")") << QStringLiteral("!Champions");
}

void TestShopExports::fixedFieldValuesAreChecked()
{
    QFETCH(QString, rule);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    QVERIFY(Importer::run(*ws, dataFile("refunds_taobao.csv")).ok());
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings{}, QDate(2024, 2, 1)).ok());
    const auto parsed = rules::RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const auto context = rules::RuleContext::forDatabase(ws->db(), QDate(2024, 2, 1));
    const auto cache = rules::ColumnCache::load(ws->db(), context.fields);
    QVERIFY(cache.ok());
    const auto bits = rules::ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value());
    const auto compiled = rules::SqlCompiler::compile(parsed.value(), context);
    if (expected.startsWith(u'!')) {
        QVERIFY(!bits.ok());
        QVERIFY2(bits.errorMessage().contains(QStringLiteral("did you mean %1?").arg(expected.mid(1))), qPrintable(bits.errorMessage()));
        QVERIFY(!compiled.ok());
        return;
    }
    QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
    QStringList keys;
    for (const qint64 id : rules::ColumnarEvaluator::memberIds(bits.value(), *cache.value()))
        keys << scalar(*ws, QStringLiteral("SELECT customer_key FROM customers WHERE id = %1").arg(id)).toString();
    keys.sort();
    QCOMPARE(keys.join(u' '), expected);
    QVERIFY(compiled.ok());
    QCOMPARE(qsizetype(rules::SqlCompiler::members(ws->db(), compiled.value()).size()), keys.size());
}

QTEST_GUILESS_MAIN(TestShopExports)
#include "tst_shopexports.moc"

void TestShopExports::unseenCategoryValuesAreWarned()
{
    // customer_columns_taobao.csv gives lee and zhao 男, wu 女: gender is a category holding those two values.
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    QVERIFY(Importer::run(*ws, dataFile("customer_columns_taobao.csv")).ok());
    const auto context = rules::RuleContext::forDatabase(ws->db(), QDate(2024, 6, 1));
    QCOMPARE(context.field(QStringLiteral("gender"))->type, store::FieldType::Category);
    const auto cache = rules::ColumnCache::load(ws->db(), context.fields);
    QVERIFY(cache.ok());
    const auto warningsOf = [&](const char *text) {
        const auto parsed = rules::RuleText::parse(QString::fromUtf8(text));
        return parsed.ok() ? context.unseenValueWarnings(parsed.value(), *cache.value()) : QStringList{parsed.errorMessage()};
    };
    // Values held: no warning (nor for a text or a number field, nor a disabled condition's values).
    QCOMPARE(warningsOf(R"(gender in ("男", "女"))"), QStringList{});
    QCOMPARE(warningsOf(R"(gender is "男" and total_spend > 5 and name is "Nobody" and disabled gender is "X")"), QStringList{});
    // "Male" is held by no one: the rule is valid (it finds lee and zhao by 男) but says so, with the closest
    // values, the more frequent first at equal distance (男: 2 customers, 女: 1).
    const QStringList male = warningsOf(R"(gender in ("男", "Male"))");
    QCOMPARE(male.size(), qsizetype(1));
    QVERIFY2(male.front().contains(u"no customer has “Male”") && male.front().contains(u"“男”, “女”"), qPrintable(male.front()));
    // One warning a value, in a nested group or a negated condition too.
    QCOMPARE(warningsOf(R"(total_spend > 0 and (gender is not "F" or gender in ("M", "女")))").size(), qsizetype(2));
}
