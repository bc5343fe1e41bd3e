// Inputs that must be refused at once, in bounded time and memory, leaving the workspace exactly as it was.
// Each runs segmenta-cli as a subprocess under a CPU-time limit and a memory limit (setrlimit; in an ASan
// build ASan's own allocator limit stands in for the address-space limit, see clirun.h), and must exit 1 with
// a specific sentence; a dump of the workspace before and after must be equal.
#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstring>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using clirun::cli;
using clirun::Run;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

class TestHostileInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void refusedAtOnce_data();
    void refusedAtOnce();

private:
    QTemporaryDir m_dir;
    QString m_workspace;
    int m_socket = -1;
};

void TestHostileInputs::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspace = m_dir.filePath(QStringLiteral("ws.segmenta"));
    const Run demo = cli({QStringLiteral("demo"), QStringLiteral("--db"), m_workspace, QStringLiteral("--customers"), QStringLiteral("200")});
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    // Metrics current, so that a refused command has no reason to write anything.
    QCOMPARE(cli({QStringLiteral("count"), QStringLiteral("--db"), m_workspace, QStringLiteral("--rule"), QStringLiteral("orders_count >= 0")}).exitCode, 0);

    QCOMPARE(::mkfifo(QFile::encodeName(m_dir.filePath(QStringLiteral("pipe.csv"))).constData(), 0600), 0);
    QCOMPARE(::mkfifo(QFile::encodeName(m_dir.filePath(QStringLiteral("pipe.segment.json"))).constData(), 0600), 0);
    m_socket = ::socket(AF_UNIX, SOCK_STREAM, 0);
    QVERIFY(m_socket >= 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const QByteArray socketPath = QFile::encodeName(m_dir.filePath(QStringLiteral("socket.csv")));
    QVERIFY(size_t(socketPath.size()) < sizeof(address.sun_path));
    std::memcpy(address.sun_path, socketPath.constData(), size_t(socketPath.size()));
    QCOMPARE(::bind(m_socket, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("loop-a.csv")), m_dir.filePath(QStringLiteral("loop-b.csv"))));
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("loop-b.csv")), m_dir.filePath(QStringLiteral("loop-a.csv"))));

    // 20,000 copies of one header (renaming the duplicates was quadratic: 62 s), no customer column.
    QByteArray repeated;
    for (int i = 0; i < 20000; ++i)
        repeated += i ? ",amount" : "amount";
    writeFile(m_dir.filePath(QStringLiteral("repeated.csv")), repeated + "\n" + QByteArray("1,").repeated(19999) + "1\n");
    // 2,100 columns: more than a table can hold.
    QByteArray wide = "customer id";
    QByteArray row = "k1";
    for (int i = 0; i < 2100; ++i) {
        wide += ",extra " + QByteArray::number(i);
        row += "," + QByteArray::number(i);
    }
    writeFile(m_dir.filePath(QStringLiteral("wide.csv")), wide + "\n" + row + "\n");
    // A 2 MB workbook whose shared strings are 50 million one-letter texts (810 MB of XML): it took 66 s and
    // 1.16 GB. Made by the workbook tool in a few seconds.
    QCOMPARE(QProcess::execute(QStringLiteral("/usr/bin/python3"), {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/import/workbook_tool.py"),
                                                                    QStringLiteral("hostile"), QStringLiteral("strings"),
                                                                    m_dir.filePath(QStringLiteral("strings.xlsx"))}),
             0);
}

void TestHostileInputs::cleanupTestCase()
{
    if (m_socket >= 0)
        ::close(m_socket);
}

void TestHostileInputs::refusedAtOnce_data()
{
    QTest::addColumn<QStringList>("arguments"); // WS and DIR stand for the workspace and the folder
    QTest::addColumn<QString>("expected");
    const QString notRegular = QStringLiteral("is not a regular file");
    const auto import = [](const QString &file) {
        return QStringList{QStringLiteral("import"), file, QStringLiteral("--db"), QStringLiteral("WS")};
    };
    QTest::newRow("import /dev/zero") << import(QStringLiteral("/dev/zero")) << notRegular;
    QTest::newRow("import a pipe") << import(QStringLiteral("DIR/pipe.csv")) << notRegular;
    QTest::newRow("import a socket") << import(QStringLiteral("DIR/socket.csv")) << notRegular;
    QTest::newRow("import a link loop") << import(QStringLiteral("DIR/loop-a.csv")) << QStringLiteral("link loop");
    QTest::newRow("import the workspace itself") << import(QStringLiteral("WS")) << QStringLiteral("is a database");
    QTest::newRow("mapping from /dev/zero") << (import(QStringLiteral("DIR/repeated.csv")) << QStringLiteral("--mapping") << QStringLiteral("/dev/zero"))
                                            << notRegular;
    QTest::newRow("rule file that is a pipe")
        << QStringList{QStringLiteral("count"), QStringLiteral("--db"), QStringLiteral("WS"), QStringLiteral("--rule-file"), QStringLiteral("DIR/pipe.segment.json")}
        << notRegular;
    QTest::newRow("segment import of a pipe")
        << QStringList{QStringLiteral("segment"), QStringLiteral("import"), QStringLiteral("DIR/pipe.segment.json"), QStringLiteral("--db"), QStringLiteral("WS")}
        << notRegular;
    QTest::newRow("20,000 repeated headers") << import(QStringLiteral("DIR/repeated.csv")) << QStringLiteral("more");
    QTest::newRow("50 million shared strings") << import(QStringLiteral("DIR/strings.xlsx")) << QStringLiteral("would take too long");
    QTest::newRow("2,100 columns") << import(QStringLiteral("DIR/wide.csv")) << QStringLiteral("more columns than a workspace can keep");
}

void TestHostileInputs::refusedAtOnce()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    for (QString &argument : arguments) {
        if (argument == u"WS")
            argument = m_workspace;
        argument.replace(QStringLiteral("DIR/"), m_dir.path() + u'/');
    }
    const QByteArray before = clirun::dump(m_workspace);
    clirun::Limits limits;
    limits.cpuSeconds = 60;                    // under ASan; each takes well under a second without it
    limits.memoryBytes = qint64(1) << 30;      // 1 GB
    limits.wallSeconds = 120;                  // a pipe nobody writes would block without using CPU
    const Run run = cli(arguments, limits);
    QVERIFY2(run.exitCode == 1, qPrintable(QStringLiteral("exit %1: %2").arg(run.exitCode).arg(run.err.left(2000))));
    QVERIFY2(run.err.contains(expected), qPrintable(run.err.left(2000)));
    QVERIFY2(run.err.size() < 2000, qPrintable(QStringLiteral("a message of %1 characters").arg(run.err.size())));
    QCOMPARE(clirun::dump(m_workspace), before);
}

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "tst_hostileinputs.moc"
