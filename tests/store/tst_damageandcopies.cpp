// A damaged workspace is found before the first write and never written to; copies are made through SQLite's
// backup API and are consistent while another connection writes. Checked with plain SQLite and file digests.
#include "../cli/clirun.h"

#include "common/interruptcancels.h"
#include "common/progress.h"
#include "segments/segmentstore.h"
#include "store/checkedfiles.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <csignal>

using namespace segmenta;
using namespace segmenta::store;
using clirun::cli;
using clirun::Run;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

qint64 rawCount(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    qint64 value = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

// A demo workspace with one leaf page of the customers table (not the first) overwritten with garbage, found
// with SQLite's dbstat table, in rollback-journal mode so that the file alone holds everything.
QString damagedWorkspace(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("damaged.segmenta"));
    if (cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("3000")}).exitCode != 0)
        return {};
    sqlite3 *db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_exec(db, "PRAGMA journal_mode = DELETE", nullptr, nullptr, nullptr);
    sqlite3_stmt *stmt = nullptr;
    qint64 page = -1;
    if (sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = 'customers' AND pagetype = 'leaf' "
                               "ORDER BY pageno LIMIT 1 OFFSET 20", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        page = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    const qint64 pageSize = [&] {
        sqlite3_prepare_v2(db, "PRAGMA page_size", -1, &stmt, nullptr);
        sqlite3_step(stmt);
        const qint64 size = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        return size;
    }();
    sqlite3_close(db);
    if (page < 2)
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek((page - 1) * pageSize))
        return {};
    QByteArray garbage(int(pageSize), '\0');
    for (int i = 0; i < garbage.size(); ++i)
        garbage[i] = char((i * 131 + 7) % 251);
    file.write(garbage);
    return path;
}

// Writes the same bytes back into the middle of the file, as a sync program or a disk tool might: nothing changes
// but the file's times, and Segmenta can no longer know the file is intact.
bool touchFromOutside(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(8192))
        return false;
    const QByteArray same = file.read(100);
    return file.seek(8192) && file.write(same) == same.size();
}

} // namespace

class TestDamageAndCopies : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void damagedWorkspaceIsNeverWritten();
    void damagedWorkspaceRefusesEveryWriteFromTheCommandLine();
    void copyIsConsistentWhileAnotherConnectionWrites();
    void copyNeverReplacesTheWorkspace();
    void cancelledCopyLeavesNothing();
    void checkedAgainOnlyAfterAChange();
    void intactFileCheckedBesideAReadOnlyOpen();
    void damagedFileCheckedBesideAReadOnlyOpen();
    void cancelledCheckRemembersNothing();
    void interruptCancelsInsteadOfKilling();
    void backupCommandAfterAKill();
    void directWritesHoldTheFileToThemselves();
};

void TestDamageAndCopies::damagedWorkspaceIsNeverWritten()
{
    QTemporaryDir dir;
    const QString path = damagedWorkspace(dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileDigest(path);
    {
        auto opened = Workspace::open(path);
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        Workspace &ws = *opened.value();
        QVERIFY(ws.isReadOnly());
        QVERIFY2(ws.damage().contains(u"is damaged") && ws.damage().contains(u"segmenta-cli check") &&
                     ws.damage().contains(u"restore a copy"),
                 qPrintable(ws.damage()));
        segments::SavedSegment segment;
        segment.name = QStringLiteral("Never saved");
        const auto saved = segments::SegmentStore(ws.db()).save(segment);
        QVERIFY(!saved);
        QVERIFY2(!saved.errorMessage().contains(u"readonly database"), qPrintable(saved.errorMessage()));
    }
    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
}

void TestDamageAndCopies::damagedWorkspaceRefusesEveryWriteFromTheCommandLine()
{
    QTemporaryDir dir;
    const QString path = damagedWorkspace(dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileDigest(path);
    const QString csv = dir.filePath(QStringLiteral("more.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("customer id,name\nnew-1,A\nnew-2,B\n");
    }
    Run run = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("X"), QStringLiteral("--db"), path,
                   QStringLiteral("--rule"), QStringLiteral("orders_count >= 1")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is damaged"), qPrintable(run.err));
    run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is damaged"), qPrintable(run.err));
    run = cli({QStringLiteral("check"), QStringLiteral("--db"), path});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is damaged") && run.err.contains(u"restore a copy"), qPrintable(run.err));
    QCOMPARE(fileDigest(path), before);
}

void TestDamageAndCopies::copyIsConsistentWhileAnotherConnectionWrites()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("2000")}).exitCode, 0);
    const qint64 customers = rawCount(path, "SELECT count(*) FROM customers");
    // Another connection (another program, say) is halfway through a transaction when the copy is made.
    sqlite3 *writer = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &writer), SQLITE_OK);
    QCOMPARE(sqlite3_exec(writer, "BEGIN; INSERT INTO customers(customer_key) SELECT 'x' || customer_key FROM customers;",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    const QString copy = dir.filePath(QStringLiteral("copy.segmenta"));
    {
        auto ws = Workspace::open(path, Workspace::Mode::ReadOnly);
        QVERIFY(ws);
        const auto saved = ws.value()->saveCopy(copy);
        QVERIFY2(saved, qPrintable(saved.errorMessage()));
    }
    QCOMPARE(sqlite3_exec(writer, "COMMIT", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(writer);
    QCOMPARE(clirun::integrity(copy), QStringLiteral("ok"));
    QCOMPARE(rawCount(copy, "SELECT count(*) FROM customers"), customers);     // the committed state only
    QCOMPARE(rawCount(path, "SELECT count(*) FROM customers"), 2 * customers); // the workspace went on
    const Run info = cli({QStringLiteral("info"), QStringLiteral("--db"), copy, QStringLiteral("--json")});
    QVERIFY2(info.exitCode == 0 && info.out.contains(QStringLiteral("\"customers\":%1").arg(customers)), qPrintable(info.out + info.err));
}

// Save a Copy cancelled halfway (after its first step of 1,024 pages): no copy, no partial file or journal
// beside it, and the workspace byte for byte as before.
void TestDamageAndCopies::cancelledCopyLeavesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("5000")}).exitCode, 0);
    const QByteArray before = fileDigest(path);
    const QString copy = dir.filePath(QStringLiteral("copy.segmenta"));
    qint64 doneAtCancel = -1, totalAtCancel = -1;
    Progress *self = nullptr;
    Progress progress([&](qint64 done, qint64 total) {
        if (done > 0 && doneAtCancel < 0) {
            doneAtCancel = done;
            totalAtCancel = total;
            self->cancel();
        }
    });
    self = &progress;
    {
        auto ws = Workspace::open(path, Workspace::Mode::ReadOnly);
        QVERIFY(ws);
        const auto saved = ws.value()->saveCopy(copy, false, &progress);
        QVERIFY(!saved);
        QVERIFY2(saved.errorMessage().contains(u"cancelled"), qPrintable(saved.errorMessage()));
    }
    QVERIFY2(doneAtCancel > 0 && doneAtCancel < totalAtCancel, qPrintable(QStringLiteral("%1 of %2").arg(doneAtCancel).arg(totalAtCancel)));
    QVERIFY(!QFileInfo::exists(copy));
    QStringList others = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
    others.removeIf([](const QString &name) { return name.startsWith(u"ws.segmenta"); }); // with its -wal, -shm
    QCOMPARE(others, QStringList());
    QCOMPARE(fileDigest(path), before);
    QCOMPARE(clirun::integrity(path), QStringLiteral("ok"));
}

// The quick check is paid once after a file changes outside Segmenta, not on every open: a workspace that a
// process checked and closed cleanly is known intact to the next process (the CLI and the window share the
// record) until anything writes to it - even the bytes it already holds - or a log lies beside it.
void TestDamageAndCopies::checkedAgainOnlyAfterAChange()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("300")}).exitCode, 0);
    QVERIFY2(CheckedFiles::knownIntact(path), "the CLI closed it cleanly after writing it");

    // Any write from outside, even of the same bytes, and it is checked again.
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(8192));
        const QByteArray same = file.read(100);
        QVERIFY(file.seek(8192));
        QCOMPARE(file.write(same), qint64(100));
    }
    QVERIFY(!CheckedFiles::knownIntact(path));
    {
        auto ws = Workspace::open(path);
        QVERIFY(ws && !ws.value()->isReadOnly());
    }
    QVERIFY2(CheckedFiles::knownIntact(path), "checked and closed cleanly by this process");

    // A log beside it: another connection is open (or stopped mid-write).
    sqlite3 *other = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "INSERT INTO settings(key, value) VALUES ('x', 'y')", nullptr, nullptr, nullptr), SQLITE_OK);
    QVERIFY(!CheckedFiles::knownIntact(path));
    sqlite3_close(other);

    // A damaged copy put in its place (another inode): checked, found damaged, and not remembered as intact.
    QTemporaryDir elsewhere;
    const QString damaged = damagedWorkspace(elsewhere);
    QVERIFY(!damaged.isEmpty());
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::copy(damaged, path));
    QVERIFY(!CheckedFiles::knownIntact(path));
    {
        auto ws = Workspace::open(path);
        QVERIFY(ws);
        QVERIFY(ws.value()->isReadOnly());
        QVERIFY(!ws.value()->damage().isEmpty());
    }
    QVERIFY(!CheckedFiles::knownIntact(path));
}

// A file changed outside Segmenta can be shown read-only while the quick check runs beside it (the window does
// this); the writable open that follows takes the check's outcome and does not check again.
void TestDamageAndCopies::intactFileCheckedBesideAReadOnlyOpen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("300")}).exitCode, 0);
    QVERIFY2(!Workspace::checkPending(path), "closed cleanly by the CLI: known intact, nothing to check");
    QVERIFY(touchFromOutside(path));
    QVERIFY(Workspace::checkPending(path));

    auto shown = Workspace::open(path, Workspace::Mode::ReadOnly);
    QVERIFY2(shown, qPrintable(shown.errorMessage()));
    QVERIFY(shown.value()->isReadOnly());
    QCOMPARE(shown.value()->customerCount(), qint64(300));
    const int checksBefore = Workspace::quickChecksRun();
    const auto intact = Workspace::checkIntact(path);
    QVERIFY2(intact, qPrintable(intact.errorMessage()));
    QVERIFY(intact.value());
    QCOMPARE(Workspace::quickChecksRun(), checksBefore + 1);
    QVERIFY(!Workspace::checkPending(path));
    {
        auto writable = Workspace::open(path);
        QVERIFY2(writable, qPrintable(writable.errorMessage()));
        QVERIFY(!writable.value()->isReadOnly());
        QVERIFY(writable.value()->damage().isEmpty());
    }
    QCOMPARE(Workspace::quickChecksRun(), checksBefore + 1);
}

void TestDamageAndCopies::damagedFileCheckedBesideAReadOnlyOpen()
{
    QTemporaryDir dir;
    const QString path = damagedWorkspace(dir);
    QVERIFY(!path.isEmpty());
    const QByteArray before = fileDigest(path);
    QVERIFY(Workspace::checkPending(path));
    const int checksBefore = Workspace::quickChecksRun();
    const auto intact = Workspace::checkIntact(path);
    QVERIFY2(intact, qPrintable(intact.errorMessage()));
    QVERIFY(!intact.value());
    {
        auto opened = Workspace::open(path);
        QVERIFY2(opened, qPrintable(opened.errorMessage()));
        QVERIFY(opened.value()->isReadOnly());
        QVERIFY2(opened.value()->damage().contains(u"is damaged"), qPrintable(opened.value()->damage()));
    }
    QCOMPARE(Workspace::quickChecksRun(), checksBefore + 1);
    QCOMPARE(fileDigest(path), before);
}

void TestDamageAndCopies::cancelledCheckRemembersNothing()
{
    QTemporaryDir dir;
    const QString path = damagedWorkspace(dir);
    QVERIFY(!path.isEmpty());
    Progress progress;
    progress.cancel();
    QVERIFY_THROWS_EXCEPTION(Canceled, (void)Workspace::checkIntact(path, &progress));
    QVERIFY2(Workspace::checkPending(path), "a cancelled check leaves the file to be checked");
    const auto intact = Workspace::checkIntact(path);
    QVERIFY(intact && !intact.value());
}

// Ctrl+C during `segmenta-cli backup` or `import` cancels the work (which then cleans up: no partial copy, the
// import rolled back) instead of killing the process; afterwards the signal's usual handling is back.
void TestDamageAndCopies::interruptCancelsInsteadOfKilling()
{
    Progress progress;
    struct sigaction before = {};
    sigaction(SIGINT, nullptr, &before);
    {
        const InterruptCancels interrupts(progress);
        QVERIFY(!progress.isCanceled());
        QCOMPARE(raise(SIGINT), 0); // the process goes on
        QTRY_VERIFY_WITH_TIMEOUT(progress.isCanceled(), 10000);
    }
    struct sigaction after = {};
    sigaction(SIGINT, nullptr, &after);
    QVERIFY(after.sa_handler == before.sa_handler);

    Progress untouched;
    { const InterruptCancels interrupts(untouched); }
    QVERIFY2(!untouched.isCanceled(), "ending without a signal cancels nothing");
}

void TestDamageAndCopies::copyNeverReplacesTheWorkspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("100")}).exitCode, 0);
    const QByteArray before = clirun::dump(path);
    QVERIFY(QFile::link(path, dir.filePath(QStringLiteral("link.segmenta"))));
    Run run = cli({QStringLiteral("backup"), QStringLiteral("--db"), path, QStringLiteral("--out"), dir.filePath(QStringLiteral("link.segmenta")),
                   QStringLiteral("--force")});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is the workspace"), qPrintable(run.err));
    run = cli({QStringLiteral("backup"), QStringLiteral("--db"), path, QStringLiteral("--out"), path, QStringLiteral("--force")});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(clirun::dump(path), before);
}

// A kill during a direct import leaves a journal beside the file: a plain copy of the file alone is damaged
// (the issue saw 1,811 customers reported), a backup is the last complete state.
void TestDamageAndCopies::backupCommandAfterAKill()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.segmenta"));
    QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("2000")}).exitCode, 0);
    const qint64 customers = rawCount(path, "SELECT count(*) FROM customers");
    const QString killed = dir.filePath(QStringLiteral("killed.segmenta"));
    {
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "PRAGMA journal_mode = DELETE; PRAGMA cache_size = 2; BEGIN; DELETE FROM orders; "
                                  "DELETE FROM customer_metrics; DELETE FROM customers WHERE id % 3 = 0;",
                              nullptr, nullptr, nullptr),
                 SQLITE_OK);
        QVERIFY(QFile::copy(path, killed));
        QVERIFY(QFile::copy(path + QStringLiteral("-journal"), killed + QStringLiteral("-journal")));
        sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(db);
    }
    const QString copy = dir.filePath(QStringLiteral("backup.segmenta"));
    const Run run = cli({QStringLiteral("backup"), QStringLiteral("--db"), killed, QStringLiteral("--out"), copy});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(clirun::integrity(copy), QStringLiteral("ok"));
    QCOMPARE(rawCount(copy, "SELECT count(*) FROM customers"), customers);
}

// While an import writes under the rollback journal, SQLite holds the file exclusively: nothing else can open
// it and find it in a mode it did not expect.
void TestDamageAndCopies::directWritesHoldTheFileToThemselves()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.segmenta"));
    auto ws = Workspace::create(path);
    QVERIFY(ws);
    Database &db = ws.value()->db();
    {
        const DirectWrites direct(db);
        QVERIFY(direct.active());
        db.exec("INSERT INTO customers(customer_key) VALUES ('a')");
        sqlite3 *other = nullptr;
        QCOMPARE(sqlite3_open_v2(path.toUtf8().constData(), &other, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        const int rc = sqlite3_exec(other, "SELECT count(*) FROM customers", nullptr, nullptr, nullptr);
        sqlite3_close(other);
        QCOMPARE(rc & 0xff, SQLITE_BUSY);
    }
    QCOMPARE(db.scalar("PRAGMA journal_mode").toString(), QStringLiteral("wal"));
    QCOMPARE(rawCount(path, "SELECT count(*) FROM customers"), qint64(1));
}

QTEST_GUILESS_MAIN(TestDamageAndCopies)
#include "tst_damageandcopies.moc"
