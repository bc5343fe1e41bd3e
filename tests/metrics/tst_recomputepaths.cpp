// The two ways CustomerMetrics::recompute reads the order lines give the same customer_metrics table: on a second
// connection beside the orders scan (a file workspace, no transaction of the caller's open), and on the
// workspace's own connection after the scan (inside a caller's transaction, or with the file held exclusively).
// The shop is made up here with enough orders (20,000) for the scan to hand its purchases over in several
// batches while the lines are read; what each customer buys is also worked out by plain SQL from the orders and
// lines, independently of PurchaseProfile. A caller's uncommitted order is counted (only the workspace's own
// connection can see it), and the foreign-key checks are on again after a recompute; a customer deleted by
// another connection while the recompute ran makes it fail, as the checks would have.
#include "metrics/customermetrics.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <array>
#include <vector>

using namespace segmenta;
using store::Database;
using store::Statement;

namespace {

const QDate kAsOf(2026, 7, 1);

// A shop with 2,500 customers and 20,000 orders of 1 to 4 lines, from a fixed pseudo-random sequence: dates
// from 2024 into August 2026 (after the analysis date), with and without a time of day, some on the same
// moment; about 8 % cancelled, some of amount 0; lines with and without product or category, products repeated.
void fillShop(Database &db)
{
    quint32 state = 20261203;
    const auto next = [&state](quint32 below) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % below;
    };
    const std::array<const char *, 6> channels{"Web", "WeChat", "Store", "JD", "Douyin", ""};
    const std::array<const char *, 7> categories{"茶", "茶具", "书", "Tea", "tea", "Zubehör", ""};
    store::Transaction transaction(db);
    Statement customer(db, "INSERT INTO customers(id, customer_key) VALUES (?1, ?2)");
    for (int id = 1; id <= 2500; ++id) {
        customer.bind(1, qint64(id)).bind(2, QStringLiteral("c%1").arg(id));
        customer.run();
    }
    Statement order(db, "INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, channel) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    Statement line(db, "INSERT INTO order_lines(order_id, line_no, product, category, amount) VALUES (?1, ?2, ?3, ?4, ?5)");
    const QDate start(2024, 1, 1);
    for (int id = 1; id <= 20000; ++id) {
        const QDate date = start.addDays(next(960));
        const QString when = next(3) == 0 ? date.toString(Qt::ISODate)
                                          : date.toString(Qt::ISODate) + QStringLiteral("T%1:00:00").arg(9 + next(3), 2, 10, QLatin1Char('0'));
        const int lines = 1 + int(next(4));
        const bool zero = next(40) == 0;
        struct Line
        {
            quint32 product;
            const char *category;
            double amount;
        };
        std::vector<Line> drawn;
        double total = 0;
        for (int number = 1; number <= lines; ++number) {
            const double amount = zero ? 0.0 : double(1 + next(400)) / 4;
            total += amount;
            const quint32 product = next(60);
            drawn.push_back({product, categories[next(quint32(categories.size()))], amount});
        }
        const char *channel = channels[next(quint32(channels.size()))];
        order.bind(1, qint64(id)).bind(2, QStringLiteral("o%1").arg(id)).bind(3, qint64(1 + next(2500))).bind(4, when);
        order.bind(5, total).bind(6, next(12) == 0 ? 0 : 1);
        if (*channel)
            order.bindUtf8(7, channel);
        else
            order.bindNull(7);
        order.run();
        for (size_t number = 0; number < drawn.size(); ++number) {
            line.bind(1, qint64(id)).bind(2, qint64(number + 1));
            if (drawn[number].product < 5)
                line.bindNull(3);
            else
                line.bind(3, QStringLiteral("Product %1").arg(drawn[number].product));
            if (*drawn[number].category)
                line.bindUtf8(4, drawn[number].category);
            else
                line.bindNull(4);
            line.bind(5, drawn[number].amount);
            line.run();
        }
    }
    transaction.commit();
}

// Every row of customer_metrics as text, by customer, each value quoted with its type.
QStringList table(Database &db)
{
    QStringList rows;
    Statement columns(db, "SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') FROM pragma_table_info('customer_metrics')");
    columns.step();
    Statement query(db, "SELECT " + columns.text(0).toStdString() + " FROM customer_metrics ORDER BY customer_id");
    while (query.step())
        rows << query.text(0);
    return rows;
}

// What each customer buys, by plain SQL from the definition in PurchaseProfile: purchases are valid orders with
// an amount above zero on or before the analysis date; the first is the earliest by date and time, then by id.
QStringList boughtBySql(Database &db)
{
    QStringList rows;
    Statement query(db, R"sql(
        WITH p AS (SELECT id, customer_id, channel, datetime(order_date) AS moment FROM orders
                   WHERE is_valid = 1 AND amount > 0 AND substr(order_date, 1, 10) <= '2026-07-01'),
             ranked AS (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY moment, id) AS first_rank,
                                  row_number() OVER (PARTITION BY customer_id ORDER BY moment DESC, id DESC) AS last_rank
                        FROM p),
             firstline AS (SELECT order_id, product FROM order_lines l
                           WHERE product <> '' AND line_no = (SELECT min(line_no) FROM order_lines m
                                                              WHERE m.order_id = l.order_id AND m.product <> '')),
             spend AS (SELECT p.customer_id, l.category, sum(l.amount) AS amount FROM p JOIN order_lines l ON l.order_id = p.id
                       WHERE l.category <> '' GROUP BY p.customer_id, l.category),
             favourite AS (SELECT customer_id, category FROM
                               (SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY amount DESC, category) AS r
                                FROM spend) WHERE r = 1)
        SELECT c.id,
               ifnull((SELECT category FROM favourite f WHERE f.customer_id = c.id), ''),
               (SELECT count(DISTINCT l.product) FROM p JOIN order_lines l ON l.order_id = p.id
                WHERE p.customer_id = c.id AND l.product <> ''),
               ifnull((SELECT product FROM ranked r JOIN firstline f ON f.order_id = r.id
                       WHERE r.customer_id = c.id AND r.first_rank = 1), ''),
               ifnull((SELECT product FROM ranked r JOIN firstline f ON f.order_id = r.id
                       WHERE r.customer_id = c.id AND r.last_rank = 1), ''),
               ifnull((SELECT channel FROM ranked r WHERE r.customer_id = c.id AND r.first_rank = 1), '')
        FROM customers c ORDER BY c.id)sql");
    while (query.step()) {
        rows << QStringList{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5)}.join(u'|');
    }
    return rows;
}

QStringList boughtAsStored(Database &db)
{
    QStringList rows;
    Statement query(db, "SELECT customer_id, ifnull(favourite_category, ''), distinct_products, ifnull(first_product, ''), "
                        "ifnull(last_product, ''), ifnull(first_channel, '') FROM customer_metrics ORDER BY customer_id");
    while (query.step()) {
        rows << QStringList{query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5)}.join(u'|');
    }
    return rows;
}

} // namespace

class TestRecomputePaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void besideAndAfterGiveTheSameTable();
    void aCallersUncommittedOrderIsCounted();
    void fileHeldExclusivelyReadsAfter();
    void aCustomerDeletedMeanwhileFailsAsTheConstraintWould();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_shop;
};

void TestRecomputePaths::initTestCase()
{
    QVERIFY(m_dir.isValid());
    auto shop = store::Workspace::create(m_dir.filePath(QStringLiteral("shop.segmenta")));
    QVERIFY2(shop.ok(), qPrintable(shop.errorMessage()));
    m_shop = std::move(shop).value();
    try {
        fillShop(m_shop->db());
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
}

void TestRecomputePaths::besideAndAfterGiveTheSameTable()
{
    Database &db = m_shop->db();
    const auto beside = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
    QVERIFY2(beside.ok(), qPrintable(beside.errorMessage()));
    QVERIFY(beside->linesReadBeside);
    QCOMPARE(db.scalar("PRAGMA foreign_keys").toLongLong(), 1); // on again
    const QStringList besideRows = table(db);
    QCOMPARE(besideRows.size(), 2500);
    const QStringList expected = boughtBySql(db);
    QVERIFY(db.scalar("SELECT count(*) FROM customer_metrics WHERE distinct_products >= 3").toLongLong() > 500);
    QCOMPARE(boughtAsStored(db), expected);

    db.exec("DELETE FROM customer_metrics"); // nothing left over from the first recompute
    {
        store::Transaction callers(db);
        const auto after = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
        QVERIFY2(after.ok(), qPrintable(after.errorMessage()));
        QVERIFY(!after->linesReadBeside);
        callers.commit();
    }
    QCOMPARE(table(db), besideRows);
    QCOMPARE(boughtAsStored(db), expected);
}

void TestRecomputePaths::aCallersUncommittedOrderIsCounted()
{
    Database &db = m_shop->db();
    const qint64 before = db.scalar("SELECT distinct_products FROM customer_metrics WHERE customer_id = 7").toLongLong();
    store::Transaction callers(db);
    db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, channel) "
            "VALUES (20001, 'new', 7, '2026-07-01T23:59:00', 5, 1, 'Web')");
    db.exec("INSERT INTO order_lines(order_id, line_no, product, category, amount) VALUES (20001, 1, 'Brand new', '茶', 5)");
    const auto summary = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QVERIFY(!summary->linesReadBeside);
    QCOMPARE(db.scalar("SELECT distinct_products FROM customer_metrics WHERE customer_id = 7").toLongLong(), before + 1);
    QCOMPARE(db.scalar("SELECT last_product FROM customer_metrics WHERE customer_id = 7").toString(), QStringLiteral("Brand new"));
    QCOMPARE(boughtAsStored(db), boughtBySql(db));
    // callers' transaction rolled back: the order is gone again
}

void TestRecomputePaths::fileHeldExclusivelyReadsAfter()
{
    Database &db = m_shop->db();
    const QStringList besideRows = [&] {
        const auto summary = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
        return summary.ok() ? table(db) : QStringList();
    }();
    QCOMPARE(besideRows.size(), 2500);
    store::DirectWrites exclusive(db);
    QCOMPARE(db.scalar("PRAGMA locking_mode").toString(), QStringLiteral("exclusive"));
    const auto summary = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QVERIFY(!summary->linesReadBeside);
    QCOMPARE(table(db), besideRows);
}

// The recompute writes its rows without foreign-key checks (faster); when another connection deleted a customer
// after the customers were read, the recompute fails as the check would have made it fail, and changes nothing.
void TestRecomputePaths::aCustomerDeletedMeanwhileFailsAsTheConstraintWould()
{
    Database &db = m_shop->db();
    const QStringList before = table(db);
    QCOMPARE(before.size(), 2500);
    const QString path = db.path();
    bool deleted = false;
    // Called on the recomputing thread once the orders and lines are read, before anything is written.
    Progress progress([&](qint64 done, qint64 total) {
        if (deleted || total == 0 || done != total / 2)
            return;
        Database other = Database::open(path, Database::Access::ReadWrite);
        other.exec("PRAGMA foreign_keys = ON; BEGIN; "
                   "DELETE FROM order_lines WHERE order_id IN (SELECT id FROM orders WHERE customer_id = 42); "
                   "DELETE FROM orders WHERE customer_id = 42; DELETE FROM customers WHERE id = 42; COMMIT");
        deleted = true;
    });
    const auto summary = metrics::CustomerMetrics::recompute(*m_shop, metrics::AnalysisSettings{}, kAsOf.addDays(1), &progress);
    QVERIFY(deleted);
    QVERIFY(!summary.ok());
    QCOMPARE(db.scalar("PRAGMA foreign_keys").toLongLong(), 1);
    // As the other connection left it: customer 42's row went with the customer (ON DELETE CASCADE), the rest
    // are the rows of before, not of the day after.
    QStringList expected = before;
    expected.removeAt(41);
    QCOMPARE(table(db), expected);
    QCOMPARE(db.scalar("SELECT count(*) FROM customer_metrics WHERE customer_id NOT IN (SELECT id FROM customers)").toLongLong(), 0);
}

QTEST_GUILESS_MAIN(TestRecomputePaths)
#include "tst_recomputepaths.moc"
