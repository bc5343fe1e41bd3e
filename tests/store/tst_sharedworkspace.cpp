// The window and segmenta-cli on the same workspace at the same time (issue: the window dropped its own file
// locks when it read the header through a QFile, and an import then left WAL and deleted the log under it).
// Process A (window_standin) opens the workspace as the window does, including a worker's second open; process
// B (segmenta-cli) imports, reads and saves beside it; then each writes again. Every write must be there, and
// SQLite's integrity check must pass. Checked with plain SQLite, not Segmenta's code.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>
#include <sys/stat.h>

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(SEGMENTA_BIN_DIR "/segmenta-cli"), arguments);
    process.waitForFinished(300000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QStringList rawColumn(const QString &path, const char *sql)
{
    QStringList values;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW)
        values << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return values;
}

// Whether the process holds any POSIX lock on the file, as the kernel lists them in /proc/locks
// ("1: POSIX  ADVISORY  READ 1234 08:01:5678 1073741826 1073741826").
bool holdsLock(qint64 pid, const QString &path)
{
    struct stat info{};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return false;
    QFile locks(QStringLiteral("/proc/locks"));
    if (!locks.open(QIODevice::ReadOnly))
        return false;
    const QByteArray inodeSuffix = ':' + QByteArray::number(qulonglong(info.st_ino));
    for (const QByteArray &line : locks.readAll().split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.contains("->"))
            continue; // a waiter, not a holder
        if (fields.size() >= 6 && fields.at(4).toLongLong() == pid && fields.at(5).endsWith(inodeSuffix))
            return true;
    }
    return false;
}

class Window
{
public:
    explicit Window(const QString &workspace)
    {
        m_process.start(QStringLiteral(WINDOW_STANDIN), {workspace});
    }
    ~Window()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished();
        }
    }
    QString answer()
    {
        while (!m_process.canReadLine()) {
            if (!m_process.waitForReadyRead(300000))
                return QStringLiteral("no answer: ") + QString::fromUtf8(m_process.readAllStandardError());
        }
        return QString::fromUtf8(m_process.readLine()).trimmed();
    }
    QString command(const QString &line)
    {
        m_process.write(line.toUtf8() + '\n');
        return answer();
    }
    int quit()
    {
        m_process.write("quit\n");
        m_process.closeWriteChannel();
        m_process.waitForFinished(300000);
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    qint64 pid() const { return m_process.processId(); }

private:
    QProcess m_process;
};

void writeCustomers(const QString &path, const QString &prefix, int count)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("customer id,name,city\n");
    for (int i = 0; i < count; ++i)
        file.write(prefix.toUtf8() + QByteArray::number(i) + ",Name " + QByteArray::number(i) + ",Hangzhou\n");
}

} // namespace

class TestSharedWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowAndCommandLineTogether();
};

void TestSharedWorkspace::windowAndCommandLineTogether()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ws = dir.filePath(QStringLiteral("shop.segmenta"));
    const Run demo = cli({QStringLiteral("demo"), QStringLiteral("--db"), ws, QStringLiteral("--customers"), QStringLiteral("300")});
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));

    Window window(ws);
    QCOMPARE(window.answer(), QStringLiteral("ready"));
    // After its own open and the worker's, the window still holds SQLite's lock on the file: that lock is
    // what tells another process it is not alone.
    QVERIFY2(holdsLock(window.pid(), ws), "the window holds no lock on the workspace after opening it");

    const QString first = dir.filePath(QStringLiteral("first.csv"));
    writeCustomers(first, QStringLiteral("first-"), 50);
    Run run = cli({QStringLiteral("import"), first, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY2(holdsLock(window.pid(), ws), "the window lost its lock on the workspace during an import");
    run = cli({QStringLiteral("info"), QStringLiteral("--db"), ws});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("fromCli1"), QStringLiteral("--db"), ws,
               QStringLiteral("--rule"), QStringLiteral("orders_count >= 1")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));

    QCOMPARE(window.command(QStringLiteral("save fromWindow1 orders_count >= 2")), QStringLiteral("saved"));

    const QString second = dir.filePath(QStringLiteral("second.csv"));
    writeCustomers(second, QStringLiteral("second-"), 40);
    run = cli({QStringLiteral("import"), second, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    run = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("fromCli2"), QStringLiteral("--db"), ws,
               QStringLiteral("--rule"), QStringLiteral("orders_count >= 3")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(window.command(QStringLiteral("save fromWindow2 orders_count >= 4")), QStringLiteral("saved"));
    QCOMPARE(window.quit(), 0);

    const QStringList segments = rawColumn(ws, "SELECT name FROM segments ORDER BY name");
    for (const char *name : {"fromCli1", "fromCli2", "fromWindow1", "fromWindow2"})
        QVERIFY2(segments.contains(QString::fromLatin1(name)), qPrintable(QStringLiteral("segment %1 lost; present: %2")
                                                                            .arg(QString::fromLatin1(name), segments.join(u", "))));
    QCOMPARE(rawColumn(ws, "SELECT count(*) FROM customers WHERE customer_key LIKE 'first-%'"), QStringList{QStringLiteral("50")});
    QCOMPARE(rawColumn(ws, "SELECT count(*) FROM customers WHERE customer_key LIKE 'second-%'"), QStringList{QStringLiteral("40")});
    QCOMPARE(rawColumn(ws, "PRAGMA integrity_check"), QStringList{QStringLiteral("ok")});
}

QTEST_GUILESS_MAIN(TestSharedWorkspace)
#include "tst_sharedworkspace.moc"
