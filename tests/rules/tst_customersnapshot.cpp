// The customers' columns kept in the cache folder (CustomerSnapshot) are the ones SQLite gives, column by column,
// and rules on them give the members plain SQL gives; a copy of another state of the workspace (before a
// metrics recompute, an import, its undo, a change of a field's type) is never used; a damaged file is ignored.
#include "demo/demoshop.h"
#include "import/importer.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
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
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::rules;
using namespace snapshotchecks;

namespace {

using Cache = std::shared_ptr<const ColumnCache>;

Cache load(store::Workspace &ws)
{
    const RuleContext context = RuleContext::forDatabase(ws.db(), ws.analysisDate());
    auto cache = ColumnCache::load(ws.db(), context.fields);
    return cache.ok() ? cache.value() : nullptr;
}

// A load after which the snapshot it may have written is on disk.
Cache loadAndKeep(store::Workspace &ws)
{
    Cache cache = load(ws);
    PurchaseSnapshot::waitForWrites();
    return cache;
}

qint64 sqlCount(store::Database &db, const char *sql)
{
    return db.scalar(sql).toLongLong();
}

// Rules over customer fields and metrics: the members the in-memory cache gives are those the SQL compiler
// gives, and the counts those plain SQL gives.
void checkFigures(store::Workspace &ws, const ColumnCache &cache)
{
    const RuleContext context = RuleContext::forDatabase(ws.db(), ws.analysisDate());
    const std::pair<const char *, const char *> rules[] = {
        {"orders_count >= 2", "SELECT count(*) FROM customer_metrics WHERE orders_count >= 2"},
        {"total_spend > 500", "SELECT count(*) FROM customer_metrics WHERE total_spend > 500"},
        {"lifecycle_stage is \"at_risk\"", "SELECT count(*) FROM customer_metrics WHERE lifecycle_stage = 'at_risk'"},
        {"days_since_last_order <= 30", "SELECT count(*) FROM customer_metrics WHERE days_since_last_order <= 30"},
        {"city is \"上海\"", "SELECT count(*) FROM customers WHERE city = '上海'"},
    };
    for (const auto &[text, sql] : rules) {
        const auto both = membersBothWays(ws.db(), context, cache, QString::fromUtf8(text));
        QVERIFY2(both.error.isEmpty(), qPrintable(both.error));
        QCOMPARE(both.count, sqlCount(ws.db(), sql));
        QCOMPARE(both.inMemory, both.bySql);
    }
    QCOMPARE(qint64(cache.rows()), sqlCount(ws.db(), "SELECT count(*) FROM customers"));
}

} // namespace

class TestCustomerSnapshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void snapshotHoldsWhatSqliteGives();
    void snapshotOfAnotherStateIsNotUsed();
    void aChangedFieldTypeIsReadAgain();
    void damagedSnapshotIsIgnored();
    void smallWorkspacesGetNoFile();

private:
    std::unique_ptr<store::Workspace> demo(const QString &name, qint64 customers);

    QTemporaryDir m_dir;
};

void TestCustomerSnapshot::initTestCase()
{
    QVERIFY(m_dir.isValid());
    PurchaseSnapshot::setFolder(m_dir.filePath(QStringLiteral("cache/snapshots")));
    CustomerSnapshot::setMinimumCustomers(0);
}

std::unique_ptr<store::Workspace> TestCustomerSnapshot::demo(const QString &name, qint64 customers)
{
    demo::DemoSetupOptions options;
    options.shop.customers = customers;
    options.shop.seed = 11;
    options.history = false;
    auto ws = demo::DemoShop::createWorkspace(m_dir.filePath(name), options);
    return ws.ok() ? std::move(ws).value() : nullptr;
}

// The first load comes from SQLite and leaves a file readable by its owner only; the next one comes from the
// file with the same ids and columns, row by row, and the figures plain SQL gives.
void TestCustomerSnapshot::snapshotHoldsWhatSqliteGives()
{
    auto ws = demo(QStringLiteral("demo.segmenta"), 1500);
    QVERIFY(ws);
    const QString file = CustomerSnapshot::fileFor(ws->db().path());
    QVERIFY(file.endsWith(QStringLiteral(".customers")));
    QVERIFY(!QFileInfo::exists(file));
    const Cache fromSqlite = loadAndKeep(*ws);
    QVERIFY(fromSqlite && !fromSqlite->customersFromSnapshot());
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(QFileInfo(file).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteGroup |
                                              QFileDevice::WriteOther),
             QFileDevice::Permissions());

    const Cache fromFile = load(*ws);
    QVERIFY(fromFile && fromFile->customersFromSnapshot());
    QVERIFY(fromFile->ids() == fromSqlite->ids());
    const RuleContext context = RuleContext::forDatabase(ws->db(), ws->analysisDate());
    size_t compared = 0;
    for (const store::FieldInfo &field : context.fields) {
        const ColumnCache::Column *a = fromSqlite->column(field.name);
        const ColumnCache::Column *b = fromFile->column(field.name);
        QCOMPARE(a == nullptr, b == nullptr);
        if (a) {
            QVERIFY2(sameColumn(*a, *b, fromSqlite->rows()), qPrintable(field.name));
            ++compared;
        }
    }
    QVERIFY(compared > 30); // the customer fields and the metrics
    checkFigures(*ws, *fromFile);
    // The purchases are read as before, on first use.
    QVERIFY(fromFile->purchases().orders() > 1500);
}

// A metrics recompute (even with the same settings), an import and its undo each make the copy taken before
// them stale: the next load reads SQLite, with the figures of the new state, and keeps that state instead.
void TestCustomerSnapshot::snapshotOfAnotherStateIsNotUsed()
{
    auto ws = demo(QStringLiteral("changes.segmenta"), 900);
    QVERIFY(ws);
    QVERIFY(loadAndKeep(*ws));
    QVERIFY(load(*ws)->customersFromSnapshot());

    const QDate earlier = ws->analysisDate().addDays(-120);
    QVERIFY(metrics::CustomerMetrics::recompute(*ws, metrics::AnalysisSettings::load(*ws), earlier).ok());
    ws->setAnalysisDate(earlier);
    const Cache afterRecompute = loadAndKeep(*ws);
    QVERIFY(afterRecompute && !afterRecompute->customersFromSnapshot());
    checkFigures(*ws, *afterRecompute);
    QVERIFY(load(*ws)->customersFromSnapshot());

    const auto imported = import::Importer::run(*ws, exportFile("lines_shop_en.csv"));
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    const Cache afterImport = loadAndKeep(*ws);
    QVERIFY(afterImport && !afterImport->customersFromSnapshot());
    checkFigures(*ws, *afterImport);
    const Cache afterImportAgain = load(*ws);
    QVERIFY(afterImportAgain && afterImportAgain->customersFromSnapshot());
    QCOMPARE(afterImportAgain->rows(), afterImport->rows());
    checkFigures(*ws, *afterImportAgain);

    QVERIFY(import::Importer::undo(*ws, imported.value().sourceId).ok());
    const Cache afterUndo = loadAndKeep(*ws);
    QVERIFY(afterUndo && !afterUndo->customersFromSnapshot());
    QCOMPARE(afterUndo->rows(), size_t(900));
    checkFigures(*ws, *afterUndo);
}

// A field whose type changed is read again (a number read as text is another column).
void TestCustomerSnapshot::aChangedFieldTypeIsReadAgain()
{
    auto ws = demo(QStringLiteral("types.segmenta"), 400);
    QVERIFY(ws);
    QVERIFY(loadAndKeep(*ws));
    QVERIFY(load(*ws)->customersFromSnapshot());
    ws->db().exec("UPDATE fields SET type = 'text' WHERE table_name = 'customer_metrics' AND column_name = 'orders_count'");
    const Cache retyped = load(*ws);
    QVERIFY(retyped && !retyped->customersFromSnapshot());
    const ColumnCache::Column *orders = retyped->column(QStringLiteral("orders_count"));
    QVERIFY(orders && orders->dictionary);
}

// A copy with one byte changed, or cut short, is not used: the load reads SQLite, with the right figures.
void TestCustomerSnapshot::damagedSnapshotIsIgnored()
{
    auto ws = demo(QStringLiteral("damaged.segmenta"), 600);
    QVERIFY(ws);
    QVERIFY(loadAndKeep(*ws));
    const QString file = CustomerSnapshot::fileFor(ws->db().path());
    QFile in(file);
    QVERIFY(in.open(QIODevice::ReadOnly));
    const QByteArray good = in.readAll();
    in.close();
    QVERIFY(good.size() > 1000);
    for (const qsizetype at : {qsizetype(3), good.size() / 2, good.size() - 3}) {
        for (const bool truncate : {false, true}) {
            QByteArray bad = good;
            if (truncate)
                bad.truncate(at);
            else
                bad[at] = char(bad[at] ^ 0x10);
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(out.write(bad), bad.size());
            out.close();
            const Cache cache = loadAndKeep(*ws);
            QVERIFY2(cache && !cache->customersFromSnapshot(), qPrintable(QStringLiteral("at %1").arg(at)));
            checkFigures(*ws, *cache);
        }
    }
    QVERIFY(load(*ws)->customersFromSnapshot()); // the last read from SQLite wrote a sound copy again
}

void TestCustomerSnapshot::smallWorkspacesGetNoFile()
{
    CustomerSnapshot::setMinimumCustomers(1000);
    auto ws = demo(QStringLiteral("small.segmenta"), 300);
    QVERIFY(ws);
    QVERIFY(loadAndKeep(*ws));
    QVERIFY(!QFileInfo::exists(CustomerSnapshot::fileFor(ws->db().path())));
    QVERIFY(!load(*ws)->customersFromSnapshot());
    CustomerSnapshot::setMinimumCustomers(0);
}

QTEST_MAIN(TestCustomerSnapshot)
#include "tst_customersnapshot.moc"
