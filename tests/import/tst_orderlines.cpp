// Order lines (issue 20): every row of an order list is kept as a line of its order, with its product, SKU,
// category, quantity, unit price and amount. Each case imports a hand-made file of tests/data/exports whose
// lines are worked out by hand in the comments, and reads them back with plain SQL.
#include "import/importer.h"
#include "queryrows.h"
#include "import/roles.h"
#include "store/database.h"
#include "store/schema.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;
using segmenta::testing::rowsOf;

namespace {

QString dataFile(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/") + QString::fromUtf8(name);
}

QStringList rows(store::Database &db, const char *sql)
{
    return rowsOf(db, sql);
}

qint64 count(store::Database &db, const char *sql)
{
    return db.scalar(sql).toLongLong();
}

// The lines of an order by its key, in line order: line_no|product|sku|category|quantity|unit_price|amount.
QStringList linesOf(store::Database &db, const QString &orderKey)
{
    store::Statement query(db, "SELECT l.line_no, l.product, l.sku, l.category, l.quantity, l.unit_price, l.amount "
                               "FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_key = ?1 ORDER BY l.line_no");
    query.bind(1, orderKey);
    return rowsOf(query);
}

// Every line belongs to an order and every order's amount is the sum of its lines' amounts.
void checkLinesAddUp(store::Database &db)
{
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines WHERE order_id NOT IN (SELECT id FROM orders)"), qint64(0));
    QCOMPARE(count(db, "SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines WHERE order_id = o.id)"), qint64(0));
    QCOMPARE(count(db, "SELECT count(*) FROM orders o "
                       "WHERE abs(o.amount - (SELECT sum(amount) FROM order_lines WHERE order_id = o.id)) > 1e-9"),
             qint64(0));
    QVERIFY(rows(db, "PRAGMA foreign_key_check").isEmpty());
}

} // namespace

class TestOrderLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void skuHeaders_data();
    void skuHeaders();
    void linesOfAnEnglishOrderList();
    void linesOfATaobaoExport();
    void repeatedRowStaysOneLine();
    void importingAgainAddsNoLines();
    void undoRemovesTheLinesOfItsOrdersOnly();
    void olderWorkspaceGetsOneLinePerOrder();

private:
    std::unique_ptr<store::Workspace> newWorkspace(const QTemporaryDir &dir)
    {
        auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
        if (!ws.ok())
            return nullptr;
        return std::move(ws).value();
    }
};

void TestOrderLines::skuHeaders_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("role");
    const QString sku = QString::fromLatin1(role::kSku);
    QTest::newRow("SKU") << QStringLiteral("SKU") << sku;
    QTest::newRow("Variant SKU") << QStringLiteral("Variant SKU") << sku;
    QTest::newRow("Shopify Lineitem sku") << QStringLiteral("Lineitem sku") << sku;
    QTest::newRow("商家编码") << QStringLiteral("商家编码") << sku;
    QTest::newRow("商品编码") << QStringLiteral("商品编码") << sku;
    QTest::newRow("货号") << QStringLiteral("货号") << sku;
    QTest::newRow("SKU编码") << QStringLiteral("SKU编码") << sku;
    QTest::newRow("商品编号") << QStringLiteral("商品编号") << sku;
    // Headers of other roles stay theirs.
    QTest::newRow("Lineitem name") << QStringLiteral("Lineitem name") << QString::fromLatin1(role::kProduct);
    QTest::newRow("商品名称") << QStringLiteral("商品名称") << QString::fromLatin1(role::kProduct);
    QTest::newRow("订单编号") << QStringLiteral("订单编号") << QString::fromLatin1(role::kOrderId);
    QTest::newRow("客户编号") << QStringLiteral("客户编号") << QString::fromLatin1(role::kCustomerId);
    QTest::newRow("商品分类") << QStringLiteral("商品分类") << QString::fromLatin1(role::kCategory);
}

void TestOrderLines::skuHeaders()
{
    QFETCH(QString, header);
    QFETCH(QString, role);
    QCOMPARE(roleForHeader(header), role);
}

// lines_shop_en.csv: no amount column, so a line's amount is unit price x quantity. By hand:
//   1001 C1: Green Tea 100g GT-100 Tea 2 x 12.50 = 25.00; Tea Cup CUP-01 Teaware 1 x 30.00 = 30.00;
//            Black Tea 100g BT-100 Tea 1 x 15.00 = 15.00. Order: 3 lines, 70.00, quantity 4, product Green Tea.
//   1002 C2: Oolong 50g OL-050 Tea 3 x 20.00 = 60.00. 1 line.
//   1003 C1: Teapot POT-01 Teaware 1 x 88.00 = 88.00; Green Tea 100g 4 x 12.50 = 50.00. 2 lines, 138.00.
//   1004 C3 (refunded): Gift Box GIFT-1 Gifts 45.00; Black Tea 100g 2 x 15.00 = 30.00. 2 lines, 75.00.
// 8 lines in all.
void TestOrderLines::linesOfAnEnglishOrderList()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("lines_shop_en.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->rejected, qint64(0));
    store::Database &db = ws->db();
    QCOMPARE(count(db, "SELECT count(*) FROM orders"), qint64(4));
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(8));
    QCOMPARE(linesOf(db, QStringLiteral("1001")),
             QStringList({QStringLiteral("1|Green Tea 100g|GT-100|Tea|2|12.5|25"), QStringLiteral("2|Tea Cup|CUP-01|Teaware|1|30|30"),
                          QStringLiteral("3|Black Tea 100g|BT-100|Tea|1|15|15")}));
    QCOMPARE(linesOf(db, QStringLiteral("1002")), QStringList({QStringLiteral("1|Oolong 50g|OL-050|Tea|3|20|60")}));
    QCOMPARE(linesOf(db, QStringLiteral("1003")),
             QStringList({QStringLiteral("1|Teapot|POT-01|Teaware|1|88|88"), QStringLiteral("2|Green Tea 100g|GT-100|Tea|4|12.5|50")}));
    QCOMPARE(linesOf(db, QStringLiteral("1004")),
             QStringList({QStringLiteral("1|Gift Box|GIFT-1|Gifts|1|45|45"), QStringLiteral("2|Black Tea 100g|BT-100|Tea|2|15|30")}));
    // The order rows keep the totals and the first line's product and category, as before.
    QCOMPARE(rows(db, "SELECT order_key, amount, quantity, product, category, is_valid, is_refund FROM orders ORDER BY order_key"),
             QStringList({QStringLiteral("1001|70|4|Green Tea 100g|Tea|1|0"), QStringLiteral("1002|60|3|Oolong 50g|Tea|1|0"),
                          QStringLiteral("1003|138|5|Teapot|Teaware|1|0"), QStringLiteral("1004|75|3|Gift Box|Gifts|0|1")}));
    checkLinesAddUp(db);
}

// lines_taobao.csv (GB18030, Taobao's headers): 实付金额 is the line's amount where given, else 单价 x 购买数量.
//   T01 茶友小王: 西湖龙井 250克 LJ-250 绿茶 1 x 168.00, paid 158.00 (the amount, not 168); 青瓷茶杯 BZ-01 茶具 2 x 25.00 = 50.00.
//   T02 茶友小王: 正山小种 100克 XZ-100 红茶 2 x 60.00, 120.00.
//   T03 安溪老李 (交易关闭: cancelled): 铁观音 200克 TGY-200 乌龙茶 98.00; 紫砂壶 ZSH-1 茶具, no amount: 1 x 260.00 = 260.00.
void TestOrderLines::linesOfATaobaoExport()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("lines_taobao.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->rejected, qint64(0));
    store::Database &db = ws->db();
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(5));
    QCOMPARE(linesOf(db, QStringLiteral("T01")),
             QStringList({QStringLiteral("1|西湖龙井 250克|LJ-250|绿茶|1|168|158"), QStringLiteral("2|青瓷茶杯|BZ-01|茶具|2|25|50")}));
    QCOMPARE(linesOf(db, QStringLiteral("T02")), QStringList({QStringLiteral("1|正山小种 100克|XZ-100|红茶|2|60|120")}));
    QCOMPARE(linesOf(db, QStringLiteral("T03")),
             QStringList({QStringLiteral("1|铁观音 200克|TGY-200|乌龙茶|1|98|98"), QStringLiteral("2|紫砂壶|ZSH-1|茶具|1|260|260")}));
    QCOMPARE(rows(db, "SELECT o.order_key, c.customer_key, o.amount, o.is_valid FROM orders o JOIN customers c ON c.id = o.customer_id "
                      "ORDER BY o.order_key"),
             QStringList({QStringLiteral("T01|茶友小王|208|1"), QStringLiteral("T02|茶友小王|120|1"), QStringLiteral("T03|安溪老李|358|0")}));
    checkLinesAddUp(db);
}

// lines_no_id.csv has no order ids: a customer's rows of one time are one order. Row 4 repeats row 3 in every
// column and is counted once. By hand: K1 at 2024-01-02 10:00: Mug 1 x 8.00 = 8.00, Spoon 3 x 2.00 = 6.00
// (once), 14.00; K2: Mug 2 x 8.00 = 16.00.
void TestOrderLines::repeatedRowStaysOneLine()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto summary = Importer::run(*ws, dataFile("lines_no_id.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->kind, ImportKind::Orders);
    QCOMPARE(summary->repeated, qint64(1));
    store::Database &db = ws->db();
    QCOMPARE(rows(db, "SELECT c.customer_key, l.line_no, l.product, l.category, l.quantity, l.unit_price, l.amount "
                      "FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id "
                      "ORDER BY c.customer_key, l.line_no"),
             QStringList({QStringLiteral("K1|1|Mug|Kitchen|1|8|8"), QStringLiteral("K1|2|Spoon|Kitchen|3|2|6"),
                          QStringLiteral("K2|1|Mug|Kitchen|2|8|16")}));
    QCOMPARE(rows(db, "SELECT amount FROM orders ORDER BY amount"), QStringList({QStringLiteral("14"), QStringLiteral("16")}));
    checkLinesAddUp(db);
}

// The same orders imported again (by order id: unchanged) keep the lines they have.
void TestOrderLines::importingAgainAddsNoLines()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    QVERIFY(Importer::run(*ws, dataFile("lines_shop_en.csv")).ok());
    const auto again = Importer::run(*ws, dataFile("lines_shop_en.csv"));
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    QCOMPARE(count(ws->db(), "SELECT count(*) FROM orders"), qint64(4));
    QCOMPARE(count(ws->db(), "SELECT count(*) FROM order_lines"), qint64(8));
    QCOMPARE(linesOf(ws->db(), QStringLiteral("1001")).size(), 3);
    checkLinesAddUp(ws->db());
}

// Undoing an import removes the lines of the orders it removes (the importer writes with foreign keys off, so
// the cascade is not what removes them) and leaves the other import's lines.
void TestOrderLines::undoRemovesTheLinesOfItsOrdersOnly()
{
    QTemporaryDir dir;
    auto ws = newWorkspace(dir);
    QVERIFY(ws);
    const auto english = Importer::run(*ws, dataFile("lines_shop_en.csv"));
    QVERIFY2(english.ok(), qPrintable(english.errorMessage()));
    const auto taobao = Importer::run(*ws, dataFile("lines_taobao.csv"));
    QVERIFY2(taobao.ok(), qPrintable(taobao.errorMessage()));
    store::Database &db = ws->db();
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(8 + 5));
    // With foreign keys off (as during an import), only an explicit delete removes the lines.
    db.exec("PRAGMA foreign_keys = OFF");
    QVERIFY2(Importer::undo(*ws, taobao->sourceId).ok(), "undo of the Taobao export");
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(8));
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id "
                       "WHERE o.order_key IN ('1001', '1002', '1003', '1004')"),
             qint64(8));
    checkLinesAddUp(db);
    QVERIFY2(Importer::undo(*ws, english->sourceId).ok(), "undo of the English list");
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(0));
    QCOMPARE(count(db, "SELECT count(*) FROM orders"), qint64(0));
}

// A workspace of schema 8 had no lines: opened, each of its orders becomes one line carrying the order's
// product, category, quantity, unit price and amount (line 1).
void TestOrderLines::olderWorkspaceGetsOneLinePerOrder()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v8.segmenta"));
    {
        store::Database db = store::Database::open(path, store::Database::Access::ReadWriteCreate);
        store::schema::migrateTo(db, 0, 8);
        db.exec("INSERT INTO customers(customer_key) VALUES ('a'), ('b')");
        db.exec("INSERT INTO orders(order_key, customer_id, order_date, amount, quantity, unit_price, product, category) VALUES "
                "('o1', 1, '2023-01-02', 70, 4, NULL, 'Green Tea', 'Tea'), "
                "('o2', 1, '2023-02-03', 12.5, 1, 12.5, '茶杯', '茶具'), "
                "('o3', 2, '2023-03-04', 9, NULL, NULL, NULL, NULL)");
        QVERIFY(!db.tableExists("order_lines"));
    }
    auto ws = store::Workspace::open(path);
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    store::Database &db = ws.value()->db();
    QCOMPARE(db.scalar("PRAGMA user_version").toInt(), 10); // through 9 (order lines) to 10 (purchase profile)
    QCOMPARE(linesOf(db, QStringLiteral("o1")), QStringList({QStringLiteral("1|Green Tea||Tea|4||70")}));
    QCOMPARE(linesOf(db, QStringLiteral("o2")), QStringList({QStringLiteral("1|茶杯||茶具|1|12.5|12.5")}));
    QCOMPARE(linesOf(db, QStringLiteral("o3")), QStringList({QStringLiteral("1||||||9")}));
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(3));
    checkLinesAddUp(db);
}

QTEST_GUILESS_MAIN(TestOrderLines)
#include "tst_orderlines.moc"
