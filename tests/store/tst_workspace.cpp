#include "store/database.h"
#include "store/field.h"
#include "store/schema.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace segmenta;
using namespace segmenta::store;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

// Runs SQL on a file with the bare SQLite C API, independently of the code under test.
void rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, &error);
    const QString message = QString::fromUtf8(error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(message));
}

qint64 rawScalar(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    qint64 value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// A small workspace with a few customers, closed again so everything is in the main file.
QString makeWorkspace(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    auto ws = Workspace::create(path);
    if (!ws)
        return {};
    Database &db = ws.value()->db();
    db.exec("INSERT INTO sources(file_name, file_hash, imported_at, kind) VALUES ('a.csv', 'x', '2024-01-01', 'customers')");
    for (int i = 0; i < 300; ++i) {
        Statement insert(db, "INSERT INTO customers(customer_key, name, city, source_id) VALUES (?1, ?2, '上海', 1)");
        insert.bind(1, QStringLiteral("K%1").arg(i)).bind(2, QStringLiteral("客户%1").arg(i));
        insert.run();
    }
    return path;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createsAWorkspaceAnySqliteToolCanRead();
    void refusesToCreateOverAnExistingFile();
    void refusesBadFilesWithoutTouchingThem_data();
    void refusesBadFilesWithoutTouchingThem();
    void refusesANewerWorkspace();
    void refusesATruncatedWorkspace();
    void reportsDamageInsteadOfCrashing_data();
    void reportsDamageInsteadOfCrashing();
    void opensReadOnlyFilesReadOnly();
    void migratesEveryOlderVersion_data();
    void migratesEveryOlderVersion();
    void storesSettingsAndAnalysisDate();
    void registersBuiltinFields();
    void quotesHostileIdentifiers();
    void writesDirectlyOnlyWhenAlone();
    void saysWhenAnotherProgramHoldsIt();
};

void TestWorkspace::createsAWorkspaceAnySqliteToolCanRead()
{
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("shop.segmenta"));
    QVERIFY(!path.isEmpty());
    QCOMPARE(rawScalar(path, "PRAGMA user_version"), qint64(schema::kCurrentVersion));
    QCOMPARE(rawScalar(path, "PRAGMA application_id"), qint64(schema::kApplicationId));
    QCOMPARE(rawScalar(path, "SELECT count(*) FROM customers WHERE city = '上海'"), qint64(300));
    auto reopened = Workspace::open(path);
    QVERIFY2(reopened.ok(), qPrintable(reopened.errorMessage()));
    QCOMPARE(reopened.value()->customerCount(), qint64(300));
    QCOMPARE(reopened.value()->integrityCheck(), QStringLiteral("ok"));
    QVERIFY(!reopened.value()->isReadOnly());
}

void TestWorkspace::refusesToCreateOverAnExistingFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("existing.segmenta"));
    writeFile(path, "precious");
    auto ws = Workspace::create(path);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorMessage().contains(u"already exists"), qPrintable(ws.errorMessage()));
    QCOMPARE(fileDigest(path), QCryptographicHash::hash("precious", QCryptographicHash::Sha256));
}

void TestWorkspace::refusesBadFilesWithoutTouchingThem_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("expected");
    QTest::newRow("empty") << QByteArray() << QStringLiteral("the file is empty");
    QTest::newRow("text") << QByteArray("customer,spend\n1,2\n") << QStringLiteral("not an SQLite database");
    QTest::newRow("zip") << QByteArray("PK\x03\x04") + QByteArray(" rest of a spreadsheet") << QStringLiteral("use Import");
    QTest::newRow("ole") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 old xls") << QStringLiteral(".xls");
    QTest::newRow("short sqlite header") << QByteArray("SQLite format 3\0", 16)
                                         << QStringLiteral("not an SQLite database");
}

void TestWorkspace::refusesBadFilesWithoutTouchingThem()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.segmenta"));
    writeFile(path, content);
    const QByteArray before = fileDigest(path);
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorMessage().contains(expected), qPrintable(ws.errorMessage()));
    QVERIFY2(ws.errorMessage().contains(u"bad.segmenta"), qPrintable(ws.errorMessage()));
    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestWorkspace::refusesANewerWorkspace()
{
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("future.segmenta"));
    rawExec(path, "PRAGMA user_version = 99");
    const QByteArray before = fileDigest(path);
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorMessage().contains(u"newer version"), qPrintable(ws.errorMessage()));
    QCOMPARE(fileDigest(path), before);

    const QString other = dir.filePath(QStringLiteral("other.db"));
    rawExec(other, "CREATE TABLE notes(x)");
    const QByteArray otherBefore = fileDigest(other);
    auto notOurs = Workspace::open(other);
    QVERIFY(!notOurs.ok());
    QVERIFY2(notOurs.errorMessage().contains(u"not a Segmenta workspace"), qPrintable(notOurs.errorMessage()));
    QCOMPARE(fileDigest(other), otherBefore);
}

void TestWorkspace::refusesATruncatedWorkspace()
{
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("cut.segmenta"));
    QFile file(path);
    QVERIFY(file.size() > 8192);
    QVERIFY(file.resize(file.size() / 2));
    const QByteArray before = fileDigest(path);
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorMessage().contains(u"damaged"), qPrintable(ws.errorMessage()));
    QCOMPARE(fileDigest(path), before);
}

void TestWorkspace::reportsDamageInsteadOfCrashing_data()
{
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<int>("length");
    QTest::addColumn<bool>("mustFail");
    // The schema lives on page 1 right after the 100-byte header: garbage there must be refused.
    QTest::newRow("schema page") << qint64(100) << 3000 << true;
    QTest::newRow("second page") << qint64(4096) << 4096 << false;
    QTest::newRow("middle pages") << qint64(4096 * 5) << 4096 * 3 << false;
    QTest::newRow("last page") << qint64(-4096) << 4096 << false;
}

void TestWorkspace::reportsDamageInsteadOfCrashing()
{
    QFETCH(qint64, offset);
    QFETCH(int, length);
    QFETCH(bool, mustFail);
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("damaged.segmenta"));
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(offset >= 0 ? offset : file.size() + offset));
        QByteArray garbage(length, '\0');
        for (int i = 0; i < length; ++i)
            garbage[i] = static_cast<char>((i * 131 + 7) % 251);
        file.write(garbage);
    }
    auto ws = Workspace::open(path);
    if (mustFail) {
        QVERIFY(!ws.ok());
        QVERIFY2(ws.errorMessage().contains(u"damaged"), qPrintable(ws.errorMessage()));
        return;
    }
    // Damage elsewhere may only show when the data is read: that must be an error, never a crash.
    if (ws.ok()) {
        try {
            ws.value()->customerCount();
            const QString check = ws.value()->integrityCheck();
            QVERIFY(!check.isEmpty());
        } catch (const DatabaseError &error) {
            QVERIFY(!error.message().isEmpty());
        }
    } else {
        QVERIFY(!ws.errorMessage().isEmpty());
    }
}

void TestWorkspace::opensReadOnlyFilesReadOnly()
{
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("locked.segmenta"));
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    const QByteArray before = fileDigest(path);
    {
        auto ws = Workspace::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
        QVERIFY(ws.value()->isReadOnly());
        QCOMPARE(ws.value()->customerCount(), qint64(300));
        QVERIFY_THROWS_EXCEPTION(DatabaseError, ws.value()->setSetting(QStringLiteral("k"), QStringLiteral("v")));
    }
    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));

    // An older read-only workspace cannot be upgraded in place: say so, change nothing.
    rawExec(path, "PRAGMA user_version = 1"); // root may write through the permission bits
    const QByteArray older = fileDigest(path);
    auto ws = Workspace::open(path);
    QVERIFY(!ws.ok());
    QVERIFY2(ws.errorMessage().contains(u"read-only"), qPrintable(ws.errorMessage()));
    QCOMPARE(fileDigest(path), older);
}

void TestWorkspace::migratesEveryOlderVersion_data()
{
    QTest::addColumn<int>("version");
    for (int version = 1; version < schema::kCurrentVersion; ++version)
        QTest::newRow(qPrintable(QStringLiteral("v%1").arg(version))) << version;
}

void TestWorkspace::migratesEveryOlderVersion()
{
    QFETCH(int, version);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.segmenta"));
    {
        Database db = Database::open(path, Database::Access::ReadWriteCreate);
        schema::migrateTo(db, 0, version);
        db.exec("INSERT INTO sources(file_name, file_hash, imported_at, kind) VALUES ('old.csv', 'h', '2020-01-01', 'orders')");
        db.exec("INSERT INTO customers(customer_key, name) VALUES ('007', '老客户')");
        db.exec("INSERT INTO orders(order_key, customer_id, order_date, amount) VALUES ('A1', 1, '2020-02-02', 12.5)");
        // Metrics computed by that version: they lack the columns of later ones.
        db.exec("INSERT INTO settings(key, value) VALUES ('metrics_computed_for', 'old')");
    }
    QCOMPARE(rawScalar(path, "PRAGMA user_version"), qint64(version));
    auto ws = Workspace::open(path);
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    QCOMPARE(ws.value()->db().scalar("PRAGMA user_version").toInt(), schema::kCurrentVersion);
    QCOMPARE(ws.value()->db().scalar("SELECT name FROM customers WHERE customer_key = '007'").toString(),
             QStringLiteral("老客户"));
    QCOMPARE(ws.value()->db().scalar("SELECT amount FROM orders").toDouble(), 12.5);
    for (const char *table : {"segment_history", "layouts", "import_undo"})
        QVERIFY2(ws.value()->db().tableExists(table), table);
    QCOMPARE(ws.value()->integrityCheck(), QStringLiteral("ok"));
    // Version 10's fields of what each customer buys, registered once; the old metrics are recomputed.
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM fields WHERE name IN ('favourite_category', "
                                     "'distinct_products', 'first_product', 'last_product', 'first_channel')").toInt(), 5);
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM settings WHERE key = 'metrics_computed_for'").toInt(), 0);
}

void TestWorkspace::storesSettingsAndAnalysisDate()
{
    QTemporaryDir dir;
    const QString path = makeWorkspace(dir, QStringLiteral("settings.segmenta"));
    {
        auto ws = Workspace::open(path);
        QVERIFY(ws.ok());
        QCOMPARE(ws.value()->analysisDate(), QDate::currentDate());
        QVERIFY(!ws.value()->suggestedAnalysisDate().isValid());
        ws.value()->db().exec("INSERT INTO orders(order_key, customer_id, order_date, amount) VALUES "
                              "('a', 1, '2023-03-04T10:00:00', 1), ('b', 2, '2024-12-31T23:59:00', 2)");
        QCOMPARE(ws.value()->suggestedAnalysisDate(), QDate(2025, 1, 1));
        ws.value()->setAnalysisDate(QDate(2024, 5, 6));
        ws.value()->setSetting(QStringLiteral("tiers"), QStringLiteral("{\"method\":\"rank\"}"));
    }
    auto ws = Workspace::open(path);
    QCOMPARE(ws.value()->analysisDate(), QDate(2024, 5, 6));
    QCOMPARE(ws.value()->setting(QStringLiteral("tiers")), QStringLiteral("{\"method\":\"rank\"}"));
    ws.value()->setAnalysisDate(QDate());
    QCOMPARE(ws.value()->analysisDate(), QDate::currentDate());
}

void TestWorkspace::registersBuiltinFields()
{
    QTemporaryDir dir;
    auto ws = Workspace::create(dir.filePath(QStringLiteral("fields.segmenta")));
    QVERIFY(ws.ok());
    const auto fields = loadFields(ws.value()->db(), QStringLiteral("customer"));
    const auto find = [&fields](const char *name) {
        for (const FieldInfo &field : fields) {
            if (field.name == QLatin1StringView(name))
                return field;
        }
        return FieldInfo{};
    };
    QCOMPARE(find("total_spend").type, FieldType::Money);
    QCOMPARE(find("total_spend").table, QStringLiteral("customer_metrics"));
    QCOMPARE(find("phone").type, FieldType::Identifier);
    QCOMPARE(find("city").type, FieldType::Category);
    QCOMPARE(find("last_order_date").type, FieldType::Date);
    QCOMPARE(find("lifecycle_stage").type, FieldType::Lifecycle);
    // Every field's column exists in its table.
    for (const FieldInfo &field : fields) {
        Statement probe(ws.value()->db(),
                        QStringLiteral("SELECT %1 FROM %2 LIMIT 0")
                            .arg(quoteIdentifier(field.column), quoteIdentifier(field.table))
                            .toStdString());
        Q_UNUSED(probe);
    }
}

void TestWorkspace::quotesHostileIdentifiers()
{
    QCOMPARE(quoteIdentifier(QStringLiteral("city")), QStringLiteral("\"city\""));
    QCOMPARE(quoteIdentifier(QStringLiteral("a\"; DROP TABLE customers; --")),
             QStringLiteral("\"a\"\"; DROP TABLE customers; --\""));
    QCOMPARE(quoteIdentifier(QString(QStringLiteral("nu")) + QChar(u'\0') + QStringLiteral("l")),
             QStringLiteral("\"nul\""));
}

// DirectWrites: the rollback journal while the connection is the file's only one, WAL again afterwards with
// the synchronous setting it had; nothing changes while another connection has the file open, which goes on
// reading; a transaction under the journal is kept when committed and leaves nothing when rolled back.
void TestWorkspace::writesDirectlyOnlyWhenAlone()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.segmenta"));
    auto ws = Workspace::create(path);
    QVERIFY(ws.ok());
    Database &db = ws.value()->db();
    const auto mode = [&db] { return db.scalar("PRAGMA journal_mode").toString(); };
    QCOMPARE(mode(), QStringLiteral("wal"));
    const qint64 synchronous = db.scalar("PRAGMA synchronous").toLongLong();
    {
        const DirectWrites direct(db);
        QVERIFY(direct.active());
        QCOMPARE(mode(), QStringLiteral("delete"));
        QCOMPARE(db.scalar("PRAGMA synchronous").toLongLong(), qint64(2)); // FULL
        Transaction kept(db);
        db.exec("INSERT INTO customers(customer_key) VALUES ('kept')");
        kept.commit();
        Transaction undone(db);
        db.exec("INSERT INTO customers(customer_key) VALUES ('undone')");
        // (rolled back as it goes out of scope)
    }
    QCOMPARE(mode(), QStringLiteral("wal"));
    QCOMPARE(db.scalar("PRAGMA synchronous").toLongLong(), synchronous);
    QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    QCOMPARE(db.scalar("SELECT group_concat(customer_key) FROM customers").toString(), QStringLiteral("kept"));

    Database reader = Database::open(path, Database::Access::ReadOnly);
    QCOMPARE(reader.scalar("SELECT count(*) FROM customers").toLongLong(), qint64(1));
    {
        const DirectWrites direct(db);
        QVERIFY(!direct.active());
        QCOMPARE(mode(), QStringLiteral("wal"));
        Transaction transaction(db);
        db.exec("INSERT INTO customers(customer_key) VALUES ('while read')");
        QCOMPARE(reader.scalar("SELECT count(*) FROM customers").toLongLong(), qint64(1)); // reads on, unblocked
        transaction.commit();
    }
    QCOMPARE(reader.scalar("SELECT count(*) FROM customers").toLongLong(), qint64(2));
    QCOMPARE(mode(), QStringLiteral("wal"));
}

// A workspace another program is writing to under a rollback journal (as an import from the command line
// does when it has the workspace to itself) cannot be read until it is done: opening it says so, after
// SQLite's wait, and works once the writer is gone.
void TestWorkspace::saysWhenAnotherProgramHoldsIt()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(Workspace::create(path).ok());
    {
        Database writer = Database::open(path, Database::Access::ReadWrite);
        writer.exec("PRAGMA journal_mode = DELETE");
        writer.exec("BEGIN EXCLUSIVE");
        const auto busy = Workspace::open(path);
        QVERIFY(!busy.ok());
        QVERIFY2(busy.errorMessage().contains(u"is busy"), qPrintable(busy.errorMessage()));
        QVERIFY(busy.errorMessage().contains(u"w.segmenta"));
        writer.exec("ROLLBACK");
    }
    const auto opened = Workspace::open(path);
    QVERIFY2(opened.ok(), qPrintable(opened.errorMessage()));
    QCOMPARE(opened.value()->db().scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
}

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
