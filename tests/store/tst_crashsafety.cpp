#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta::store;

// Kills a writer process at 24 random points (after a random number of written rows, or after a random
// delay) and checks after each that the workspace opens, passes SQLite's integrity check, and holds every
// import either wholly or not at all.
class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyImportIsWhollyPresentOrAbsent();
    void everyFileImportIsWhollyPresentOrAbsent();
};

void TestCrashSafety::everyImportIsWhollyPresentOrAbsent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.segmenta"));
    QRandomGenerator random(20241123);
    int committedSeen = 0;
    constexpr int kKillPoints = 24;
    for (int round = 0; round < kKillPoints; ++round) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(CRASH_WRITER), {path, QString::number(round)});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        QVERIFY(writer.waitForReadyRead(30000));
        if (round % 2 == 0) {
            // Kill after a random number of progress lines: mid-transaction or between transactions.
            const int target = random.bounded(1, 40);
            int lines = 0;
            while (lines < target && writer.state() == QProcess::Running) {
                while (writer.canReadLine()) {
                    const QByteArray line = writer.readLine();
                    if (line.startsWith("committed"))
                        ++committedSeen;
                    ++lines;
                }
                if (lines < target)
                    writer.waitForReadyRead(30000);
            }
        } else {
            // Kill after a random delay, which lands anywhere, commits included.
            writer.waitForFinished(random.bounded(5, 250));
        }
        QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));

        auto ws = Workspace::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
        Database &db = ws.value()->db();
        QCOMPARE(ws.value()->integrityCheck(), QStringLiteral("ok"));
        // Every recorded import has exactly the rows it says; no rows belong to an unrecorded import.
        const qint64 mismatched = db.scalar(
            "SELECT count(*) FROM sources s WHERE s.inserted != (SELECT count(*) FROM customers c WHERE c.source_id = s.id) "
            "OR s.inserted != (SELECT count(*) FROM orders o WHERE o.source_id = s.id)").toLongLong();
        QCOMPARE(mismatched, qint64(0));
        const qint64 orphans = db.scalar(
            "SELECT (SELECT count(*) FROM customers WHERE source_id NOT IN (SELECT id FROM sources)) + "
            "(SELECT count(*) FROM orders WHERE source_id NOT IN (SELECT id FROM sources))").toLongLong();
        QCOMPARE(orphans, qint64(0));
    }
    auto ws = Workspace::open(path);
    QVERIFY(ws.ok());
    // The test means something only if imports did complete along the way and the kills landed inside too.
    QVERIFY(ws.value()->db().scalar("SELECT count(*) FROM sources").toLongLong() > 0);
    QVERIFY(committedSeen > 0);
}

// The same with imports of CSV files through the importer, which writes under a rollback journal when it
// has the workspace to itself (DirectWrites): killed at 10 random moments, after a random number of its
// progress lines (profiling, then storing every 4,096 rows). Every import must be there with all its orders,
// or not at all, and every reference must lead somewhere.
void TestCrashSafety::everyFileImportIsWhollyPresentOrAbsent()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("imports.segmenta"));
    QRandomGenerator random(20261123);
    int committedSeen = 0, killedWhileStoring = 0;
    for (int round = 0; round < 10; ++round) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QStringLiteral(CRASH_WRITER), {path, QString::number(round), QStringLiteral("import")});
        QVERIFY2(writer.waitForStarted(10000), qPrintable(writer.errorString()));
        const int target = random.bounded(2, 14);
        int lines = 0;
        QByteArray last;
        while (lines < target && writer.state() == QProcess::Running) {
            if (!writer.canReadLine() && !writer.waitForReadyRead(60000))
                break;
            while (writer.canReadLine() && lines < target) {
                last = writer.readLine();
                committedSeen += last.startsWith("committed") ? 1 : 0;
                ++lines;
            }
        }
        QVERIFY2(writer.state() == QProcess::Running, writer.readAllStandardError().constData());
        writer.kill();
        QVERIFY(writer.waitForFinished(10000));
        killedWhileStoring += last.startsWith("row") ? 1 : 0;

        auto ws = Workspace::open(path);
        QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
        Database &db = ws.value()->db();
        QCOMPARE(ws.value()->integrityCheck(), QStringLiteral("ok"));
        QCOMPARE(db.scalar("SELECT count(*) FROM sources s WHERE s.inserted != "
                           "(SELECT count(*) FROM orders o WHERE o.source_id = s.id)").toLongLong(), qint64(0));
        QCOMPARE(db.scalar("SELECT (SELECT count(*) FROM customers WHERE source_id NOT IN (SELECT id FROM sources)) + "
                           "(SELECT count(*) FROM orders WHERE source_id NOT IN (SELECT id FROM sources))").toLongLong(), qint64(0));
        QCOMPARE(db.scalar("SELECT count(*) FROM pragma_foreign_key_check").toLongLong(), qint64(0));
        QCOMPARE(db.scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
        QVERIFY(!QFile::exists(path + QStringLiteral("-journal")));
    }
    // The test means something only if imports completed along the way and kills landed while rows were stored.
    QVERIFY(committedSeen > 0);
    QVERIFY(killedWhileStoring > 0);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
