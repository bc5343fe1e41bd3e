// New orders and their lines are stored several to a statement (BatchedInsert, issue 24). Each case imports
// an order list written by the test, longer than one statement's rows, whose orders, ids and lines are
// worked out below from how the file is made, and reads them back with plain SQL.
#include "import/importer.h"
#include "queryrows.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;
using segmenta::testing::rowsOf;

namespace {

// Order i (1 to `orders`) is "<prefix>" and i in three digits, of customer C(i % 9 + 1), dated i days after
// 2024-01-01, one line: product P<i>, quantity 1 + i % 3 at unit price 10 + i. Every 7th order has no status
// (its row fills other columns than the rows around it). With `extraLines`, order 10 has two more lines
// right after its first (P10b: 1 at 5, P10c: 1 at 6) and order 40 one more after order 60's row (P40b: 2 at 7).
QString writeOrders(const QTemporaryDir &dir, const QString &name, const char *prefix, int orders, bool extraLines)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    const auto line = [&](int i, const QByteArray &product, int quantity, int unitPrice) {
        const QByteArray date = QDate(2024, 1, 1).addDays(i).toString(Qt::ISODate).toLatin1();
        file.write(prefix + QByteArray::number(i).rightJustified(3, '0') + ",C" + QByteArray::number(i % 9 + 1) + ',' + date +
                   ',' + product + ',' + QByteArray::number(quantity) + ',' + QByteArray::number(unitPrice) + ',' +
                   (i % 7 == 0 ? QByteArray() : QByteArray("paid")) + '\n');
    };
    file.write("Order ID,Customer ID,Order Date,Product,Quantity,Unit Price,Status\n");
    for (int i = 1; i <= orders; ++i) {
        line(i, "P" + QByteArray::number(i), 1 + i % 3, 10 + i);
        if (extraLines && i == 10) {
            line(10, "P10b", 1, 5);
            line(10, "P10c", 1, 6);
        }
        if (extraLines && i == 60)
            line(40, "P40b", 2, 7);
    }
    return path;
}

qint64 count(store::Database &db, const char *sql)
{
    return db.scalar(sql).toLongLong();
}

// The keys "<prefix>001" to "<prefix><last>", from `first` on.
QStringList keys(const char *prefix, int first, int last)
{
    QStringList result;
    for (int i = first; i <= last; ++i)
        result << QString::fromLatin1(prefix) + QString::number(i).rightJustified(3, u'0');
    return result;
}

} // namespace

class TestBatchedInsert : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersOfManyStatements();
    void idsFollowTheGreatestHeld();
};

void TestBatchedInsert::ordersOfManyStatements()
{
    QTemporaryDir dir;
    auto created = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(created.ok());
    store::Workspace &ws = *created.value();
    const auto summary = Importer::run(ws, writeOrders(dir, QStringLiteral("orders.csv"), "O", 70, true));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->rejected, qint64(0));
    store::Database &db = ws.db();
    QCOMPARE(count(db, "SELECT count(*) FROM orders"), qint64(70));
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines"), qint64(73));
    QCOMPARE(count(db, "SELECT count(*) FROM customers"), qint64(9));
    // Ids in the file's order, 1 to 70, as SQLite gives them to an empty table.
    QCOMPARE(rowsOf(db, "SELECT order_key FROM orders ORDER BY id"), keys("O", 1, 70));
    QCOMPARE(count(db, "SELECT max(id) FROM orders"), qint64(70));
    // Every 7th order without a status, the others paid.
    QCOMPARE(rowsOf(db, "SELECT order_key FROM orders WHERE status IS NULL ORDER BY id"),
             (QStringList{QStringLiteral("O007"), QStringLiteral("O014"), QStringLiteral("O021"), QStringLiteral("O028"),
                          QStringLiteral("O035"), QStringLiteral("O042"), QStringLiteral("O049"), QStringLiteral("O056"),
                          QStringLiteral("O063"), QStringLiteral("O070")}));
    QCOMPARE(count(db, "SELECT count(*) FROM orders WHERE status = 'paid'"), qint64(60));
    // Order 1: 2 at 11, customer C2, 2024-01-02. Order 10: 2 at 20, then 1 at 5 and 1 at 6. Order 40: 2 at 50,
    // then (after order 60) 2 at 7.
    QCOMPARE(rowsOf(db, "SELECT o.order_date, o.amount, o.quantity, o.unit_price, c.customer_key FROM orders o "
                        "JOIN customers c ON c.id = o.customer_id WHERE o.order_key = 'O001'"),
             QStringList{QStringLiteral("2024-01-02|22|2|11|C2")});
    QCOMPARE(rowsOf(db, "SELECT amount, quantity FROM orders WHERE order_key = 'O010'"), QStringList{QStringLiteral("51|4")});
    QCOMPARE(rowsOf(db, "SELECT amount, quantity FROM orders WHERE order_key = 'O040'"), QStringList{QStringLiteral("114|4")});
    QCOMPARE(rowsOf(db, "SELECT l.line_no, l.product, l.quantity, l.unit_price, l.amount FROM order_lines l "
                        "JOIN orders o ON o.id = l.order_id WHERE o.order_key = 'O010' ORDER BY l.line_no"),
             (QStringList{QStringLiteral("1|P10|2|20|40"), QStringLiteral("2|P10b|1|5|5"), QStringLiteral("3|P10c|1|6|6")}));
    QCOMPARE(rowsOf(db, "SELECT l.line_no, l.product, l.quantity, l.unit_price, l.amount FROM order_lines l "
                        "JOIN orders o ON o.id = l.order_id WHERE o.order_key = 'O040' ORDER BY l.line_no"),
             (QStringList{QStringLiteral("1|P40|2|50|100"), QStringLiteral("2|P40b|2|7|14")}));
    // Every other order: one line, its product P<i>, quantity 1 + i % 3 at 10 + i.
    QCOMPARE(count(db, "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id "
                       "WHERE o.order_key NOT IN ('O010', 'O040') AND l.line_no = 1 "
                       "AND l.product = 'P' || (o.id) AND l.quantity = 1 + o.id % 3 AND l.unit_price = 10 + o.id "
                       "AND o.amount = l.amount AND l.amount = (1 + o.id % 3) * (10 + o.id)"),
             qint64(68));
    QVERIFY(rowsOf(db, "PRAGMA foreign_key_check").isEmpty());
}

// An import into a workspace that holds orders numbers its new ones on from the greatest id held, as SQLite
// would: after an undo removed the newest orders, their ids are given again.
void TestBatchedInsert::idsFollowTheGreatestHeld()
{
    QTemporaryDir dir;
    auto created = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(created.ok());
    store::Workspace &ws = *created.value();
    store::Database &db = ws.db();
    QVERIFY(Importer::run(ws, writeOrders(dir, QStringLiteral("a.csv"), "O", 70, false)).ok());
    const auto second = Importer::run(ws, writeOrders(dir, QStringLiteral("b.csv"), "Q", 40, false));
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    QCOMPARE(rowsOf(db, "SELECT order_key FROM orders WHERE id > 70 ORDER BY id"), keys("Q", 1, 40));
    QCOMPARE(count(db, "SELECT min(id) FROM orders WHERE order_key LIKE 'Q%'"), qint64(71));
    QVERIFY(Importer::undo(ws, second->sourceId).ok());
    QCOMPARE(count(db, "SELECT max(id) FROM orders"), qint64(70));
    const auto third = Importer::run(ws, writeOrders(dir, QStringLiteral("c.csv"), "R", 35, false));
    QVERIFY2(third.ok(), qPrintable(third.errorMessage()));
    QCOMPARE(rowsOf(db, "SELECT order_key FROM orders WHERE id > 70 ORDER BY id"), keys("R", 1, 35));
    QCOMPARE(count(db, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.order_key LIKE 'R%'"),
             qint64(35));
    QCOMPARE(count(db, "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id AND l.line_no = 1 "
                       "WHERE o.order_key LIKE 'R%' AND l.product = 'P' || (o.id - 70) AND o.amount = l.amount"),
             qint64(35));
}

QTEST_GUILESS_MAIN(TestBatchedInsert)
#include "tst_batchedinsert.moc"
