#include "store/database.h"
#include "store/workspace.h"

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

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
