// Failures reach the user in Segmenta's words: one sentence naming the file and what to do, never SQLite's
// or a library's own wording ("UNIQUE constraint failed", "attempt to write a readonly database",
// "Expression tree is too large", "database or disk is full", libxlsxwriter's "[ERROR][...]" lines). Each
// path below was seen to leak such wording; each is driven through segmenta-cli.
#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using clirun::cli;
using clirun::Run;

namespace {

// Words that only SQLite or libxlsxwriter would use.
const QStringList kForeignWording = {
    QStringLiteral("constraint failed"), QStringLiteral("UNIQUE"), QStringLiteral("readonly database"),
    QStringLiteral("Expression tree"), QStringLiteral("database or disk is full"), QStringLiteral("disk I/O error"),
    QStringLiteral("malformed"), QStringLiteral("[ERROR]"), QStringLiteral("SQLITE"), QStringLiteral("sqlite"),
    QStringLiteral("no such table"), QStringLiteral("no such column"), QStringLiteral("packager.c"),
    QStringLiteral("Error creating output xlsx file")};

QString foreignWordingIn(const Run &run)
{
    for (const QString &words : kForeignWording) {
        if (run.err.contains(words) || run.out.contains(words))
            return words;
    }
    return {};
}

QString demo(const QTemporaryDir &dir, const QString &name, int customers = 300)
{
    const QString path = dir.filePath(name);
    const Run run = cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"),
                         QString::number(customers), QStringLiteral("--seed"), QStringLiteral("5")});
    return run.exitCode == 0 ? path : QString();
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestUserWording : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnMappings_data();
    void columnMappings();
    void journalLeftByAKill();
    void readOnlyWorkspace();
    void ruleTooDeepForOneQuery();
    void fullDiskOnImport();
    void workbookThatCannotBeWritten();
};

void TestUserWording::columnMappings_data()
{
    QTest::addColumn<QStringList>("mapping");
    QTest::addColumn<QString>("expected");
    // A column left without a role whose header names a field the workspace already has ("city" when the city
    // role went to another column, or none) is imported under a name of its own, "city (list)" (issue 19), so
    // these mappings succeed; the expected text is then the field that `fields` lists.
    const QString noRole = QStringLiteral("city (list)");
    QTest::newRow("city=") << QStringList{QStringLiteral("--column"), QStringLiteral("city=")} << noRole;
    QTest::newRow("city=notarole") << QStringList{QStringLiteral("--column"), QStringLiteral("city=notarole")}
                                   << QStringLiteral("“notarole” is not a role");
    QTest::newRow("zip=city") << QStringList{QStringLiteral("--column"), QStringLiteral("zip=city")} << noRole;
    QTest::newRow("two customer ids") << QStringList{QStringLiteral("--column"), QStringLiteral("customer id=customer_id"),
                                                     QStringLiteral("--column"), QStringLiteral("zip=customer_id")}
                                      << QStringLiteral("are both given the role “customer_id”");
}

void TestUserWording::columnMappings()
{
    QFETCH(QStringList, mapping);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const QString csv = dir.filePath(QStringLiteral("people.csv"));
    writeFile(csv, "customer id,city,zip\nk1,Hangzhou,310000\nk2,Shanghai,200000\n");
    const QByteArray before = clirun::dump(ws);
    const Run run = cli(QStringList{QStringLiteral("import"), csv, QStringLiteral("--db"), ws} + mapping);
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    if (expected == u"city (list)") {
        QCOMPARE(run.exitCode, 0);
        const Run fields = cli(QStringList{QStringLiteral("fields"), QStringLiteral("--db"), ws});
        QVERIFY2(fields.out.contains(expected), qPrintable(fields.out));
        return;
    }
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    QVERIFY2(run.err.contains(expected) && run.err.contains(u"people.csv"), qPrintable(run.err));
    QCOMPARE(clirun::dump(ws), before);
}

// A direct import killed mid-write leaves a rollback journal beside the workspace. A read-only connection
// cannot roll it back ("attempt to write a readonly database"); info and check now let SQLite roll it back.
void TestUserWording::journalLeftByAKill()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const qint64 customers = clirun::dump(ws).count("\ncustomers:");
    // The state a kill leaves: the file with some pages of an unfinished transaction written, and the journal
    // holding their old contents. Made by copying both while a transaction that has spilled pages is open.
    const QString crashed = dir.filePath(QStringLiteral("crashed.segmenta"));
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(ws.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 2; BEGIN; "
                                  "UPDATE customers SET name = name || ' (changed)'; DELETE FROM segments;",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        QVERIFY(QFile::exists(ws + QStringLiteral("-journal")));
        QVERIFY(QFile::copy(ws, crashed));
        QVERIFY(QFile::copy(ws + QStringLiteral("-journal"), crashed + QStringLiteral("-journal")));
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    Run run = cli({QStringLiteral("info"), QStringLiteral("--db"), crashed, QStringLiteral("--json")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    QVERIFY2(run.out.contains(QStringLiteral("\"customers\":%1").arg(customers)), qPrintable(run.out));
    run = cli({QStringLiteral("check"), QStringLiteral("--db"), crashed});
    QVERIFY2(run.exitCode == 0 && run.out.trimmed() == u"ok", qPrintable(run.err + run.out));
    // Rolled back: every name as it was before the unfinished change.
    QCOMPARE(clirun::dump(crashed).count("(changed)"), 0);
}

void TestUserWording::readOnlyWorkspace()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    QVERIFY(QFile::setPermissions(ws, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const Run run = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Loyal"), QStringLiteral("--db"), ws,
                         QStringLiteral("--rule"), QStringLiteral("orders_count >= 2")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"ws.segmenta") && run.err.contains(u"read-only"), qPrintable(run.err));
}

// A rule of 1,100 "or" conditions is deeper than SQLite parses in one statement; the count evaluates it in
// memory, and the export must select the same customers.
void TestUserWording::ruleTooDeepForOneQuery()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    QStringList conditions;
    for (int i = 0; i < 1100; ++i)
        conditions << QStringLiteral("total_spend = %1").arg(i + 100000);
    conditions << QStringLiteral("orders_count >= 3");
    const QString rule = conditions.join(QStringLiteral(" or "));
    const Run count = cli({QStringLiteral("count"), QStringLiteral("--db"), ws, QStringLiteral("--json"), QStringLiteral("--rule"), rule});
    QVERIFY2(count.exitCode == 0, qPrintable(count.err));
    // The expected members, by plain SQL (the 1,100 amounts are all far above any demo customer's spend).
    sqlite3 *db = nullptr;
    sqlite3_open_v2(ws.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM customer_metrics WHERE orders_count >= 3", -1, &stmt, nullptr);
    QCOMPARE(sqlite3_step(stmt), SQLITE_ROW);
    const qint64 expected = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    QVERIFY(expected > 0);

    const QString out = dir.filePath(QStringLiteral("members.csv"));
    const Run run = cli({QStringLiteral("export"), QStringLiteral("--db"), ws, QStringLiteral("--rule"), rule,
                         QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qsizetype lines = file.readAll().trimmed().count('\n'); // the header, then one line a member
    QCOMPARE(qint64(lines), expected);
}

// A file-size limit stands in for a full disk (mounting a small file system needs privileges a test does not
// have): writes past it fail as on a full disk.
void TestUserWording::fullDiskOnImport()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const qint64 size = QFileInfo(ws).size();
    const QString csv = dir.filePath(QStringLiteral("many.csv"));
    QByteArray text = "customer id,name,city\n";
    for (int i = 0; i < 40000; ++i)
        text += "big-" + QByteArray::number(i) + ",A rather long name to take room " + QByteArray::number(i) + ",Hangzhou\n";
    writeFile(csv, text);
    const QByteArray before = clirun::dump(ws);
    clirun::Limits limits;
    limits.fileSizeBytes = size + 64 * 1024 + 100; // not on a page boundary: the write that crosses it is cut short
    const Run run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), ws}, limits);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"ws.segmenta") && run.err.contains(u"free at least") && run.err.contains(u"try again"),
             qPrintable(run.err));
    QCOMPARE(clirun::dump(ws), before);
}

void TestUserWording::workbookThatCannotBeWritten()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"), 3000);
    QVERIFY(!ws.isEmpty());
    // Metrics brought up to date first, so that the export itself writes nothing to the workspace.
    QCOMPARE(cli({QStringLiteral("count"), QStringLiteral("--db"), ws, QStringLiteral("--rule"), QStringLiteral("orders_count >= 0")}).exitCode, 0);
    clirun::Limits limits;
    limits.fileSizeBytes = 40 * 1024; // room for the workspace's 32 KB index file, not for the workbook
    const QString out = dir.filePath(QStringLiteral("members.xlsx"));
    const Run run = cli({QStringLiteral("export"), QStringLiteral("--db"), ws, QStringLiteral("--rule"), QStringLiteral("orders_count >= 0"),
                         QStringLiteral("--out"), out}, limits);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(foreignWordingIn(run).isEmpty(), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"members.xlsx"), qPrintable(run.err));
    QVERIFY(!QFile::exists(out));
}

QTEST_GUILESS_MAIN(TestUserWording)
#include "tst_userwording.moc"
