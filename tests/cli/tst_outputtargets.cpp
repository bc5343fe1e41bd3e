// No export, report, chart or .segment.json may land on the workspace or on any other database: reached
// through a link, a hard link (the same file under another name), or a workspace named like an export. Each
// is refused with a sentence saying why, exit 1, and the workspace holds what it held.
#include "clirun.h"

#include "store/filecheck.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

using clirun::cli;
using clirun::Run;

namespace {

QString demo(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    const Run run = cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"), QStringLiteral("200"),
                         QStringLiteral("--seed"), QStringLiteral("7")});
    return run.exitCode == 0 ? path : QString();
}

Run exportTo(const QString &workspace, const QString &out)
{
    return cli({QStringLiteral("export"), QStringLiteral("--db"), workspace, QStringLiteral("--rule"), QStringLiteral("orders_count >= 1"),
                QStringLiteral("--out"), out, QStringLiteral("--force")});
}

} // namespace

class TestOutputTargets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void exportNeverReplacesAWorkspace_data();
    void exportNeverReplacesAWorkspace();
    void exportNeverReplacesAnotherDatabase();
    void segmentFileNeverReplacesTheWorkspace();
    void pipesAreRefusedAtOnce();
    void reportsAndChartsAreCheckedToo();
    void ordinaryTargetsStillWork();
};

void TestOutputTargets::exportNeverReplacesAWorkspace_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("symbolic link") << QStringLiteral("symlink");
    QTest::newRow("hard link") << QStringLiteral("hardlink");
    QTest::newRow("workspace named .csv, exported to itself") << QStringLiteral("itself");
    QTest::newRow("xlsx through a link") << QStringLiteral("symlink-xlsx");
}

void TestOutputTargets::exportNeverReplacesAWorkspace()
{
    QFETCH(QString, how);
    QTemporaryDir dir;
    const QString ws = demo(dir, how == u"itself" ? QStringLiteral("ws.csv") : QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const QByteArray before = clirun::dump(ws);
    QString out = ws;
    if (how.startsWith(u"symlink")) {
        out = dir.filePath(how == u"symlink" ? QStringLiteral("link.csv") : QStringLiteral("link.xlsx"));
        QVERIFY(QFile::link(ws, out));
    } else if (how == u"hardlink") {
        out = dir.filePath(QStringLiteral("same.csv"));
        QCOMPARE(::link(QFile::encodeName(ws).constData(), QFile::encodeName(out).constData()), 0);
    }
    const Run run = exportTo(ws, out);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is the workspace") && run.err.contains(u"choose another file name"), qPrintable(run.err));
    QCOMPARE(clirun::dump(ws), before);
    QCOMPARE(clirun::integrity(ws), QStringLiteral("ok"));
}

void TestOutputTargets::exportNeverReplacesAnotherDatabase()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    const QString other = demo(dir, QStringLiteral("other.xlsx")); // another workspace with an export's name
    QVERIFY(!ws.isEmpty() && !other.isEmpty());
    const QByteArray before = clirun::dump(other);
    const Run run = exportTo(ws, other);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is a database"), qPrintable(run.err));
    QCOMPARE(clirun::dump(other), before);
}

void TestOutputTargets::segmentFileNeverReplacesTheWorkspace()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    Run run = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Loyal"), QStringLiteral("--db"), ws,
                   QStringLiteral("--rule"), QStringLiteral("orders_count >= 2")});
    QCOMPARE(run.exitCode, 0);
    const QByteArray before = clirun::dump(ws);
    const QString link = dir.filePath(QStringLiteral("Loyal.segment.json"));
    QVERIFY(QFile::link(ws, link));
    run = cli({QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("Loyal"), QStringLiteral("--db"), ws,
               QStringLiteral("--out"), link});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"is the workspace"), qPrintable(run.err));
    QCOMPARE(clirun::dump(ws), before);
}

void TestOutputTargets::pipesAreRefusedAtOnce()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const QString fifo = dir.filePath(QStringLiteral("pipe.csv"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    clirun::Limits limits;
    limits.wallSeconds = 60; // nobody ever reads the pipe: without the check, the export would wait forever
    const Run run = cli({QStringLiteral("export"), QStringLiteral("--db"), ws, QStringLiteral("--rule"), QStringLiteral("orders_count >= 1"),
                         QStringLiteral("--out"), fifo, QStringLiteral("--force")}, limits);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"not a regular file"), qPrintable(run.err));
}

// The report (PDF) and chart images (PNG, SVG, PDF) are written by the window through the same check.
void TestOutputTargets::reportsAndChartsAreCheckedToo()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    for (const char *name : {"report.pdf", "chart.png", "chart.svg"}) {
        const QString link = dir.filePath(QString::fromLatin1(name));
        QVERIFY(QFile::link(ws, link));
        const auto withWorkspace = segmenta::store::FileCheck::checkOutput(link, ws);
        QVERIFY2(!withWorkspace && withWorkspace.errorMessage().contains(u"is the workspace"), name);
        const auto without = segmenta::store::FileCheck::checkOutput(link);
        QVERIFY2(!without && without.errorMessage().contains(u"is a database"), name);
    }
    QVERIFY(segmenta::store::FileCheck::checkOutput(dir.filePath(QStringLiteral("new.png")), ws));
}

void TestOutputTargets::ordinaryTargetsStillWork()
{
    QTemporaryDir dir;
    const QString ws = demo(dir, QStringLiteral("ws.segmenta"));
    QVERIFY(!ws.isEmpty());
    const QString out = dir.filePath(QStringLiteral("members.csv"));
    QFile old(out);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an older export\n");
    old.close();
    const Run run = exportTo(ws, out);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile written(out);
    QVERIFY(written.open(QIODevice::ReadOnly));
    QVERIFY(!written.readAll().contains("an older export"));
}

QTEST_GUILESS_MAIN(TestOutputTargets)
#include "tst_outputtargets.moc"
