// The orders and lines kept in the cache folder (PurchaseSnapshot) are the ones SQLite gives, column by column;
// a snapshot of another state of the workspace (before an import, before its undo, of a workspace deleted and
// made again at the same path) is never used, and the figures of purchase rules stay those plain SQL gives; a
// damaged or truncated file is ignored; a workspace opened read-only works with and without one.
#include "demo/demoshop.h"
#include "import/importer.h"
#include "rules/columnarevaluator.h"
#include "rules/columncache.h"
#include "rules/purchasesnapshot.h"
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "snapshotchecks.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <limits>

using namespace segmenta;
using namespace segmenta::rules;
using namespace snapshotchecks;

namespace {

using Cache = std::shared_ptr<const ColumnCache>;

// A cache of the workspace with its purchases read (from the snapshot or SQLite, whichever the cache chose).
Cache loadWithPurchases(store::Workspace &ws)
{
    const RuleContext context = RuleContext::forDatabase(ws.db(), ws.analysisDate());
    auto cache = ColumnCache::load(ws.db(), context.fields);
    if (!cache.ok())
        return nullptr;
    (void)cache.value()->purchases();
    return cache.value();
}

// Column by column, row by row.
void comparePurchases(const ColumnCache::Purchases &a, const ColumnCache::Purchases &b)
{
    QCOMPARE(a.orders(), b.orders());
    QCOMPARE(a.lines(), b.lines());
    QVERIFY(a.orderCustomer == b.orderCustomer);
    QVERIFY(a.validOrder.words() == b.validOrder.words());
    QVERIFY(a.positiveAmount.words() == b.positiveAmount.words());
    QVERIFY(a.lineOrder == b.lineOrder);
    QVERIFY(a.firstLine == b.firstLine);
    QCOMPARE(a.orderColumns.size(), b.orderColumns.size());
    QCOMPARE(a.lineColumns.size(), b.lineColumns.size());
    for (size_t i = 0; i < a.orderColumns.size(); ++i)
        QVERIFY2(sameColumn(a.orderColumns[i], b.orderColumns[i], a.orders()), qPrintable(a.orderColumns[i].field.name));
    for (size_t i = 0; i < a.lineColumns.size(); ++i)
        QVERIFY2(sameColumn(a.lineColumns[i], b.lineColumns[i], a.lines()), qPrintable(a.lineColumns[i].field.name));
}

// Customers with a purchase (valid, an amount above zero, a valid date on or before `asOf`) with a line of
// `category`, counted by plain SQL.
qint64 buyersOf(store::Database &db, const QString &category, const QDate &asOf)
{
    store::Statement query(db, "SELECT count(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.id "
                               "JOIN customers c ON c.id = o.customer_id WHERE o.is_valid = 1 AND o.amount > 0 "
                               "AND date(substr(o.order_date, 1, 10)) = substr(o.order_date, 1, 10) "
                               "AND substr(o.order_date, 1, 10) <= ?1 AND l.category = ?2");
    query.bind(1, asOf.toString(Qt::ISODate)).bind(2, category);
    return query.step() ? query.int64(0) : -1;
}

// The in-memory figures of purchase rules on `cache` are those plain SQL (and the SQL compiler) give.
void checkFigures(store::Workspace &ws, const ColumnCache &cache, bool zeroCounts = false)
{
    RuleContext context = RuleContext::forDatabase(ws.db(), ws.analysisDate());
    context.zeroAmountIsPurchase = zeroCounts;
    for (const QString &category : {QStringLiteral("Tea"), QStringLiteral("红茶")}) {
        const auto both = membersBothWays(ws.db(), context, cache, QStringLiteral("ordered where category is \"%1\"").arg(category));
        QVERIFY2(both.error.isEmpty(), qPrintable(both.error));
        if (!zeroCounts)
            QCOMPARE(both.count, buyersOf(ws.db(), category, ws.analysisDate()));
        QCOMPARE(both.inMemory, both.bySql);
    }
    for (const char *text : {"ordered at least 2 times", "spent >= 40 in last 3000 days where category is \"Teaware\"",
                             "not ordered in last 365 days"}) {
        const auto both = membersBothWays(ws.db(), context, cache, QString::fromUtf8(text));
        QVERIFY2(both.error.isEmpty(), qPrintable(both.error));
        QCOMPARE(both.inMemory, both.bySql);
    }
}

} // namespace

class TestPurchaseSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void snapshotHoldsWhatSqliteGives_data();
    void snapshotHoldsWhatSqliteGives();
    void snapshotOfAnotherStateIsNotUsed();
    void importThatAddsExtendsTheSnapshot();
    void importsInARowExtendTheCopyBeforeThem();
    void workspaceMadeAgainAtThePathIsReadFromItsFile();
    void snapshotsOfDeletedWorkspacesAreRemoved();
    void damagedSnapshotIsIgnored_data();
    void damagedSnapshotIsIgnored();
    void randomDamageIsIgnored();
    void readOnlyWorkspaceWorks();
    void smallWorkspacesGetNoFile();
    void abandonedCacheReadsNoPurchases();
    void cancelledLoadReadsNothing();

private:
    // The purchases read from SQLite alone, with snapshots off.
    Cache readFromSqlite(store::Workspace &ws);
    QString writeOrders(const QString &name, const QByteArray &rows, const QByteArray &header = kHeader);
    static inline const QByteArray kHeader = "Order ID,Customer ID,Order Date,Product,Category,Quantity,Unit Price,Status\n";

    std::unique_ptr<store::Workspace> demo(const QString &name, qint64 customers, quint64 seed = 7);
    // A workspace whose snapshot was just written, and the file's bytes.
    QByteArray snapshotOf(store::Workspace &ws);

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_damaged;
};

void TestPurchaseSnapshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    PurchaseSnapshot::setFolder(m_dir.filePath(QStringLiteral("cache/purchases")));
    PurchaseSnapshot::setMinimumLines(0);
}

std::unique_ptr<store::Workspace> TestPurchaseSnapshot::demo(const QString &name, qint64 customers, quint64 seed)
{
    demo::DemoSetupOptions options;
    options.shop.customers = customers;
    options.shop.seed = seed;
    options.history = false;
    auto ws = demo::DemoShop::createWorkspace(m_dir.filePath(name), options);
    return ws.ok() ? std::move(ws).value() : nullptr;
}

QByteArray TestPurchaseSnapshot::snapshotOf(store::Workspace &ws)
{
    const Cache first = loadWithPurchases(ws);
    PurchaseSnapshot::waitForWrites();
    QFile file(PurchaseSnapshot::fileFor(ws.db().path()));
    return first && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestPurchaseSnapshot::snapshotHoldsWhatSqliteGives_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("demoShop");
    QTest::newRow("hand-made") << QStringLiteral("hand.segmenta") << false;
    QTest::newRow("demo shop") << QStringLiteral("demo.segmenta") << true;
}

// The first read comes from SQLite and leaves a file readable by its owner only; the next one comes from the
// file and holds the same columns, row by row.
void TestPurchaseSnapshot::snapshotHoldsWhatSqliteGives()
{
    QFETCH(QString, name);
    QFETCH(bool, demoShop);
    std::unique_ptr<store::Workspace> ws;
    if (demoShop) {
        ws = demo(name, 1500);
    } else {
        ws = store::Workspace::create(m_dir.filePath(name)).value();
        ws->db().exec("ALTER TABLE orders ADD COLUMN o_1 TEXT");
        ws->db().exec("INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
                      "VALUES ('order', '备注', '备注', 'orders', 'o_1', 'text', 'imported', 100)");
        ws->db().exec("INSERT INTO customers(id, customer_key) VALUES (1, 'a'), (2, 'b'), (5, 'e')");
        ws->db().exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, channel, o_1) VALUES "
                      "(1, 'o1', 1, '2026-06-20', 300, 1, 'WeChat', 'gift'), (2, 'o2', 5, 'garbage', 0, 0, NULL, NULL), "
                      "(4, 'o4', 5, '2026-04-02T10:00:00', 70000.25, 1, 'Web', '礼物'), (7, 'o7', 2, NULL, -5, 1, 'Web', NULL)");
        ws->db().exec("INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) VALUES "
                      "(1, 1, 'Python 入门', '书', 1, 100, 100), (1, 2, '茶杯', 'Teaware', 2, 100, 200), "
                      "(4, 1, '红茶', '红茶', 40000, 1.75, 70000.25), (7, 1, NULL, NULL, NULL, NULL, -5)");
    }
    QVERIFY(ws);
    const QString file = PurchaseSnapshot::fileFor(ws->db().path());
    QVERIFY(!QFileInfo::exists(file));
    const Cache fromSqlite = loadWithPurchases(*ws);
    QVERIFY(fromSqlite);
    QVERIFY(!fromSqlite->purchasesFromSnapshot());
    PurchaseSnapshot::waitForWrites();
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                              QFileDevice::WriteOther),
             QFileDevice::Permissions());
    QCOMPARE(QFileInfo(QFileInfo(file).absolutePath()).permissions() & (QFileDevice::ReadOther | QFileDevice::ExeOther),
             QFileDevice::Permissions());

    const Cache fromFile = loadWithPurchases(*ws);
    QVERIFY(fromFile);
    QVERIFY(fromFile->purchasesFromSnapshot());
    comparePurchases(fromSqlite->purchases(), fromFile->purchases());
    if (demoShop) {
        QVERIFY(fromFile->purchases().lines() > 1500);
        checkFigures(*ws, *fromFile);
    } else {
        QCOMPARE(fromFile->purchases().orders(), size_t(4));
        QCOMPARE(fromFile->purchases().orderCustomer[2], std::uint32_t(2)); // customer 5, the third row
        QCOMPARE(fromFile->purchases().lineColumn(QStringLiteral("quantity"))->number(2), 40000.0);
        QCOMPARE(fromFile->purchases().orderColumn(QStringLiteral("备注"))->wordText(
                     fromFile->purchases().orderColumn(QStringLiteral("备注"))->code(2)),
                 QStringLiteral("礼物"));
    }
}

// An import, its undo and a change of what a purchase is: after each, the figures are those plain SQL gives.
// The import and the undo change the orders, so the snapshot taken before is not used; the purchase
// definition is applied to the orders after they are read, so the snapshot still serves.
void TestPurchaseSnapshot::snapshotOfAnotherStateIsNotUsed()
{
    auto ws = demo(QStringLiteral("imports.segmenta"), 800);
    QVERIFY(ws);
    QVERIFY(!snapshotOf(*ws).isEmpty());

    const auto imported = import::Importer::run(*ws, exportFile("lines_shop_en.csv"));
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    const Cache afterImport = loadWithPurchases(*ws);
    QVERIFY(afterImport && !afterImport->purchasesFromSnapshot());
    QVERIFY(buyersOf(ws->db(), QStringLiteral("Tea"), ws->analysisDate()) > 0);
    checkFigures(*ws, *afterImport);
    PurchaseSnapshot::waitForWrites();
    const Cache afterImportAgain = loadWithPurchases(*ws);
    QVERIFY(afterImportAgain && afterImportAgain->purchasesFromSnapshot());
    checkFigures(*ws, *afterImportAgain);

    QVERIFY(import::Importer::undo(*ws, imported.value().sourceId).ok());
    const Cache afterUndo = loadWithPurchases(*ws);
    QVERIFY(afterUndo && !afterUndo->purchasesFromSnapshot());
    QCOMPARE(buyersOf(ws->db(), QStringLiteral("Tea"), ws->analysisDate()), qint64(0));
    checkFigures(*ws, *afterUndo);
    PurchaseSnapshot::waitForWrites();

    const Cache zeroCounts = loadWithPurchases(*ws);
    QVERIFY(zeroCounts && zeroCounts->purchasesFromSnapshot());
    checkFigures(*ws, *zeroCounts, true);
    ws->setAnalysisDate(ws->analysisDate().addDays(-200));
    const Cache earlier = loadWithPurchases(*ws);
    QVERIFY(earlier && earlier->purchasesFromSnapshot());
    checkFigures(*ws, *earlier);
}

Cache TestPurchaseSnapshot::readFromSqlite(store::Workspace &ws)
{
    const QString folder = PurchaseSnapshot::folder();
    PurchaseSnapshot::setFolder(QString());
    Cache cache = loadWithPurchases(ws);
    PurchaseSnapshot::setFolder(folder);
    return cache && !cache->purchasesFromSnapshot() && !cache->purchasesExtended() ? cache : nullptr;
}

QString TestPurchaseSnapshot::writeOrders(const QString &name, const QByteArray &rows, const QByteArray &header)
{
    QFile file(m_dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(header + rows) != header.size() + rows.size())
        return {};
    return file.fileName();
}

// An import into a workspace whose purchases were kept: the next read takes the copy of the state before it and
// adds the orders and lines the import added, and holds exactly what reading SQLite gives (orders of existing
// and of new customers, an order already present, which stays as it was, lines of new orders, new words in the
// dictionaries and enough of them to widen the product codes); a customer list that adds customers extends it
// too. A file with a column the orders did not have changes the purchase fields: read from SQLite.
void TestPurchaseSnapshot::importThatAddsExtendsTheSnapshot()
{
    auto ws = store::Workspace::create(m_dir.filePath(QStringLiteral("extended.segmenta"))).value();
    QVERIFY(ws);
    const auto january = import::Importer::run(*ws, writeOrders(QStringLiteral("january.csv"),
        "1001,C1,2024-01-05,绿茶 100g,Tea,2,12.50,paid\n1001,C1,2024-01-05,Tea Cup,Teaware,1,30.00,paid\n"
        "1002,C2,2024-01-10,Oolong 50g,Tea,3,20.00,paid\n1003,C3,2024-01-12,红茶,红茶,1,15.00,refunded\n"
        "1004,C1,2024-01-20,Tea Cup,Teaware,2,30.00,paid\n"));
    QVERIFY2(january.ok(), qPrintable(january.errorMessage()));
    QVERIFY(!snapshotOf(*ws).isEmpty());

    // 1002 again (left as it was), new orders of C2 and of new customers C4 and C5, 300 new products.
    QByteArray february = "1002,C2,2024-01-10,Oolong 50g,Tea,9,99.00,paid\n"
                          "2001,C2,2024-02-01,Tea Cup,Teaware,1,30.00,paid\n2001,C2,2024-02-01,普洱,红茶,1,40.00,paid\n"
                          "2002,C4,2024-02-03,绿茶 100g,Tea,1,12.50,cancelled\n";
    for (int i = 0; i < 300; ++i)
        february += QStringLiteral("%1,C5,2024-02-%2,Sample %3,Samples,1,%4,paid\n")
                        .arg(3000 + i / 3).arg(10 + i % 15).arg(i).arg(1 + i % 7).toUtf8();
    const auto imported = import::Importer::run(*ws, writeOrders(QStringLiteral("february.csv"), february));
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    QCOMPARE(imported.value().unchanged, qint64(1));
    const Cache extended = loadWithPurchases(*ws);
    QVERIFY(extended && extended->purchasesExtended() && !extended->purchasesFromSnapshot());
    const Cache reference = readFromSqlite(*ws);
    QVERIFY(reference);
    QCOMPARE(extended->purchases().orders(), size_t(ws->db().scalar("SELECT count(*) FROM orders").toLongLong()));
    QCOMPARE(extended->purchases().lines(), size_t(ws->db().scalar("SELECT count(*) FROM order_lines").toLongLong()));
    QCOMPARE(extended->purchases().lines(), size_t(5 + 3 + 300));
    comparePurchases(extended->purchases(), reference->purchases());
    if (QTest::currentTestFailed())
        return;
    checkFigures(*ws, *extended);
    PurchaseSnapshot::waitForWrites();
    const Cache again = loadWithPurchases(*ws); // the extended purchases were kept in their turn
    QVERIFY(again && again->purchasesFromSnapshot());
    comparePurchases(again->purchases(), reference->purchases());

    const auto customers = import::Importer::run(*ws, writeOrders(QStringLiteral("list.csv"), "C9,Shanghai\nC10,Beijing\n",
                                                                 "Customer ID,City\n"));
    QVERIFY2(customers.ok(), qPrintable(customers.errorMessage()));
    const Cache afterList = loadWithPurchases(*ws);
    QVERIFY(afterList && afterList->purchasesExtended());
    QCOMPARE(afterList->rows(), reference->rows() + 2);
    comparePurchases(afterList->purchases(), readFromSqlite(*ws)->purchases());
    PurchaseSnapshot::waitForWrites();

    const auto wider = import::Importer::run(*ws, writeOrders(QStringLiteral("gifts.csv"), "4001,C9,2024-03-01,普洱,红茶,1,40.00,paid,yes\n",
                                                             "Order ID,Customer ID,Order Date,Product,Category,Quantity,Unit Price,Status,Gift\n"));
    QVERIFY2(wider.ok(), qPrintable(wider.errorMessage()));
    const Cache afterWider = loadWithPurchases(*ws);
    QVERIFY(afterWider && !afterWider->purchasesExtended() && !afterWider->purchasesFromSnapshot());
    QVERIFY(afterWider->purchases().orderColumn(QStringLiteral("Gift")));
    comparePurchases(afterWider->purchases(), readFromSqlite(*ws)->purchases());
    checkFigures(*ws, *afterWider);
}

// Two imports without a read between: the read after them extends the copy made before the first (the record
// keeps the first import's state after the second's). An undo then reads SQLite; an import after the undo
// extends the copy of the undone state.
void TestPurchaseSnapshot::importsInARowExtendTheCopyBeforeThem()
{
    auto ws = demo(QStringLiteral("twice.segmenta"), 500);
    QVERIFY(ws);
    QVERIFY(!snapshotOf(*ws).isEmpty());
    const auto first = import::Importer::run(*ws, writeOrders(QStringLiteral("one.csv"), "9001,X1,2024-05-01,Tea Cup,Teaware,1,30.00,paid\n"));
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    const auto second = import::Importer::run(*ws, writeOrders(QStringLiteral("two.csv"), "9002,X2,2024-05-02,红茶,红茶,2,15.00,paid\n"
                                                                                           "9002,X2,2024-05-02,Tea Cup,Teaware,1,30.00,paid\n"));
    QVERIFY2(second.ok(), qPrintable(second.errorMessage()));
    const Cache afterBoth = loadWithPurchases(*ws);
    QVERIFY(afterBoth && afterBoth->purchasesExtended());
    const Cache sqlite = readFromSqlite(*ws);
    QCOMPARE(afterBoth->purchases().lines(), sqlite->purchases().lines());
    QCOMPARE(afterBoth->rows(), sqlite->rows());
    comparePurchases(afterBoth->purchases(), sqlite->purchases());
    checkFigures(*ws, *afterBoth);
    PurchaseSnapshot::waitForWrites();

    QVERIFY(import::Importer::undo(*ws, second.value().sourceId).ok());
    const Cache afterUndo = loadWithPurchases(*ws);
    QVERIFY(afterUndo && !afterUndo->purchasesExtended() && !afterUndo->purchasesFromSnapshot());
    comparePurchases(afterUndo->purchases(), readFromSqlite(*ws)->purchases());
    checkFigures(*ws, *afterUndo);
    PurchaseSnapshot::waitForWrites();

    const auto third = import::Importer::run(*ws, writeOrders(QStringLiteral("three.csv"), "9003,X3,2024-05-03,Tea Cup,Teaware,3,30.00,paid\n"));
    QVERIFY2(third.ok(), qPrintable(third.errorMessage()));
    const Cache afterThird = loadWithPurchases(*ws);
    QVERIFY(afterThird && afterThird->purchasesExtended());
    comparePurchases(afterThird->purchases(), readFromSqlite(*ws)->purchases());
    checkFigures(*ws, *afterThird);
}

// A workspace deleted and made again at the same path (another shop, the same number of customers) does not
// get the old one's purchases; a snapshot whose workspace is gone harms nothing.
void TestPurchaseSnapshot::workspaceMadeAgainAtThePathIsReadFromItsFile()
{
    const QString path = m_dir.filePath(QStringLiteral("again.segmenta"));
    {
        auto ws = demo(QStringLiteral("again.segmenta"), 600, 1);
        QVERIFY(ws);
        QVERIFY(!snapshotOf(*ws).isEmpty());
    }
    const QString file = PurchaseSnapshot::fileFor(path);
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(path + suffix);
    QVERIFY(QFileInfo::exists(file));
    auto ws = demo(QStringLiteral("again.segmenta"), 600, 2);
    QVERIFY(ws);
    const Cache cache = loadWithPurchases(*ws);
    QVERIFY(cache && !cache->purchasesFromSnapshot());
    checkFigures(*ws, *cache);
}

// Writing a snapshot removes those of workspaces no longer at their path, and files that are no snapshot.
void TestPurchaseSnapshot::snapshotsOfDeletedWorkspacesAreRemoved()
{
    const QString gonePath = m_dir.filePath(QStringLiteral("gone.segmenta"));
    {
        auto gone = demo(QStringLiteral("gone.segmenta"), 300);
        QVERIFY(gone);
        QVERIFY(!snapshotOf(*gone).isEmpty());
    }
    const QString goneFile = PurchaseSnapshot::fileFor(gonePath);
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(gonePath + suffix);
    const QString junk = PurchaseSnapshot::folder() + QStringLiteral("/junk.purchases");
    QFile junkFile(junk);
    QVERIFY(junkFile.open(QIODevice::WriteOnly));
    junkFile.write("not a snapshot");
    junkFile.close();
    auto kept = demo(QStringLiteral("kept.segmenta"), 300);
    QVERIFY(kept);
    QVERIFY(!snapshotOf(*kept).isEmpty());
    QVERIFY(!QFileInfo::exists(goneFile));
    QVERIFY(!QFileInfo::exists(junk));
    QVERIFY(QFileInfo::exists(PurchaseSnapshot::fileFor(kept->db().path())));
}

void TestPurchaseSnapshot::damagedSnapshotIsIgnored_data()
{
    QTest::addColumn<int>("truncateTo"); // -1: keep the size
    QTest::addColumn<int>("flipAt");     // a byte to change, counted from the start (or from the end when < 0)
    QTest::newRow("empty") << 0 << 0;
    QTest::newRow("magic only") << 8 << 0;
    QTest::newRow("in the header") << 21 << 0;
    QTest::newRow("half") << -2 << 0;
    QTest::newRow("all but the checksum") << -3 << 0;
    QTest::newRow("one byte short") << -4 << 0;
    QTest::newRow("flipped magic") << -1 << 2;
    QTest::newRow("flipped version") << -1 << 8;
    QTest::newRow("flipped key") << -1 << 30;
    QTest::newRow("flipped in the middle") << -1 << std::numeric_limits<int>::max();
    QTest::newRow("flipped near the end") << -1 << -20;
    QTest::newRow("flipped checksum") << -1 << -1;
}

// The cache reads SQLite instead, with the right figures, and writes a sound file again.
void TestPurchaseSnapshot::damagedSnapshotIsIgnored()
{
    QFETCH(int, truncateTo);
    QFETCH(int, flipAt);
    if (!m_damaged)
        m_damaged = demo(QStringLiteral("damaged.segmenta"), 1000);
    store::Workspace *ws = m_damaged.get();
    QVERIFY(ws);
    const QByteArray good = snapshotOf(*ws);
    QVERIFY(good.size() > 1000);
    QByteArray bad = good;
    if (truncateTo == -2)
        bad.truncate(good.size() / 2);
    else if (truncateTo == -3)
        bad.chop(8);
    else if (truncateTo == -4)
        bad.chop(1);
    else if (truncateTo >= 0)
        bad.truncate(truncateTo);
    if (truncateTo == -1) {
        const qsizetype at = flipAt == std::numeric_limits<int>::max() ? good.size() / 2 : flipAt >= 0 ? flipAt : good.size() + flipAt;
        bad[at] = char(bad[at] ^ 0x10);
    }
    QFile file(PurchaseSnapshot::fileFor(ws->db().path()));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bad), bad.size());
    file.close();

    const Cache cache = loadWithPurchases(*ws);
    QVERIFY(cache && !cache->purchasesFromSnapshot());
    checkFigures(*ws, *cache);
    PurchaseSnapshot::waitForWrites();
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll().size(), good.size());
}

// Fifty changes of one byte at random places of a sound file (a fixed seed): each is noticed.
void TestPurchaseSnapshot::randomDamageIsIgnored()
{
    auto ws = demo(QStringLiteral("random.segmenta"), 300);
    QVERIFY(ws);
    const QByteArray good = snapshotOf(*ws);
    QVERIFY(!good.isEmpty());
    const Cache sound = loadWithPurchases(*ws);
    QVERIFY(sound && sound->purchasesFromSnapshot());
    const QString path = PurchaseSnapshot::fileFor(ws->db().path());
    QRandomGenerator random(20);
    for (int i = 0; i < 50; ++i) {
        QByteArray bad = good;
        const auto at = qsizetype(random.bounded(quint32(good.size())));
        bad[at] = char(bad[at] ^ char(1 + random.bounded(255)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(file.write(bad), bad.size());
        file.close();
        const Cache cache = loadWithPurchases(*ws);
        QVERIFY2(cache && !cache->purchasesFromSnapshot(), qPrintable(QString::number(at)));
        comparePurchases(cache->purchases(), sound->purchases());
        PurchaseSnapshot::waitForWrites();
    }
}

// Read-only: the first open reads SQLite and still leaves a snapshot (it is not in the workspace), the next
// reads it.
void TestPurchaseSnapshot::readOnlyWorkspaceWorks()
{
    const QString path = m_dir.filePath(QStringLiteral("readonly.segmenta"));
    QVERIFY(demo(QStringLiteral("readonly.segmenta"), 500));
    for (bool fromFile : {false, true}) {
        auto ws = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
        QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
        QVERIFY(ws.value()->isReadOnly());
        const Cache cache = loadWithPurchases(*ws.value());
        QVERIFY(cache);
        QCOMPARE(cache->purchasesFromSnapshot(), fromFile);
        checkFigures(*ws.value(), *cache);
        PurchaseSnapshot::waitForWrites();
    }
}

void TestPurchaseSnapshot::smallWorkspacesGetNoFile()
{
    PurchaseSnapshot::setMinimumLines(1000000);
    auto ws = demo(QStringLiteral("small.segmenta"), 200);
    QVERIFY(ws);
    const Cache cache = loadWithPurchases(*ws);
    QVERIFY(cache && !cache->purchasesFromSnapshot());
    PurchaseSnapshot::waitForWrites();
    QVERIFY(!QFileInfo::exists(PurchaseSnapshot::fileFor(ws->db().path())));
    PurchaseSnapshot::setMinimumLines(0);
}

// A cache abandoned before its purchases are read (its window closed) never reads them: purchases() says why,
// and no snapshot is written, which the same read of a cache not abandoned does (the observable: a read from
// SQLite of at least minimumLines() lines always leaves a snapshot). Purchases read before abandon() stay.
void TestPurchaseSnapshot::abandonedCacheReadsNoPurchases()
{
    auto ws = demo(QStringLiteral("abandoned.segmenta"), 300);
    QVERIFY(ws);
    const QString file = PurchaseSnapshot::fileFor(ws->db().path());
    const RuleContext context = RuleContext::forDatabase(ws->db(), ws->analysisDate());
    auto abandoned = ColumnCache::load(ws->db(), context.fields);
    QVERIFY2(abandoned.ok(), qPrintable(abandoned.errorMessage()));
    abandoned.value()->abandon();
    for (int call = 0; call < 2; ++call) {
        QString message;
        try {
            (void)abandoned.value()->purchases();
        } catch (const ColumnCache::PurchasesUnavailable &unavailable) {
            message = unavailable.message;
        }
        QCOMPARE(message, QStringLiteral("Reading the orders was cancelled"));
    }
    PurchaseSnapshot::waitForWrites();
    QVERIFY(!QFileInfo::exists(file));
    QVERIFY(!abandoned.value()->purchasesLoaded());

    const Cache kept = loadWithPurchases(*ws);
    QVERIFY(kept);
    kept->abandon();
    QCOMPARE(qint64(kept->purchases().lines()),
             ws->db().scalar("SELECT count(*) FROM order_lines").toLongLong());
    checkFigures(*ws, *kept);
    PurchaseSnapshot::waitForWrites();
    QVERIFY(QFileInfo::exists(file));
}

// A load whose progress is cancelled before it starts reads no customer (a workspace smaller than the 65,536
// rows between the reads' own checks would otherwise be read whole) and says it was cancelled.
void TestPurchaseSnapshot::cancelledLoadReadsNothing()
{
    auto ws = demo(QStringLiteral("cancelled.segmenta"), 300);
    QVERIFY(ws);
    const RuleContext context = RuleContext::forDatabase(ws->db(), ws->analysisDate());
    Progress progress;
    progress.cancel();
    auto cache = ColumnCache::load(ws->db(), context.fields, &progress);
    QVERIFY(!cache.ok());
    QCOMPARE(cache.errorMessage(), QStringLiteral("Loading the customers was cancelled"));
    QCOMPARE(progress.total(), qint64(0)); // readCustomers sets it before its first row
}

QTEST_GUILESS_MAIN(TestPurchaseSnapshot)
#include "tst_purchasesnapshot.moc"
