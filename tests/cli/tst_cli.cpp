#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

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
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
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

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printsVersionAndHelp();
    void rejectsUnknownCommandsAndOptions_data();
    void rejectsUnknownCommandsAndOptions();
    void demoCreatesAWorkspace();
    void reportsBadWorkspaces();
    void importWithAMappingFile();
};

void TestCli::printsVersionAndHelp()
{
    const Run version = cli({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY2(version.out.startsWith(u"segmenta-cli 0."), qPrintable(version.out));

    const Run help = cli({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    for (const char *command : {"demo", "info", "check"})
        QVERIFY2(help.out.contains(QLatin1StringView(command)), command);

    const Run demoHelp = cli({QStringLiteral("demo"), QStringLiteral("--help")});
    QCOMPARE(demoHelp.exitCode, 0);
    QVERIFY(demoHelp.out.contains(u"--customers"));
}

void TestCli::rejectsUnknownCommandsAndOptions_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no command") << QStringList() << QStringLiteral("Usage:");
    QTest::newRow("unknown command") << QStringList{QStringLiteral("frobnicate")}
                                     << QStringLiteral("unknown command “frobnicate”");
    QTest::newRow("unknown option") << QStringList{QStringLiteral("info"), QStringLiteral("--bogus")}
                                    << QStringLiteral("bogus");
    QTest::newRow("missing db") << QStringList{QStringLiteral("info")} << QStringLiteral("missing --db");
    QTest::newRow("bad count") << QStringList{QStringLiteral("demo"), QStringLiteral("--db"), QStringLiteral("x.segmenta"),
                                              QStringLiteral("--customers"), QStringLiteral("many")}
                               << QStringLiteral("--customers");
}

void TestCli::rejectsUnknownCommandsAndOptions()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, expected);
    const Run run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"Usage:") || run.err.contains(u"Options:"), qPrintable(run.err));
}

void TestCli::demoCreatesAWorkspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.segmenta"));
    const Run demo = cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"),
                          QStringLiteral("800"), QStringLiteral("--seed"), QStringLiteral("3")});
    QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    QCOMPARE(rawScalar(path, "SELECT count(*) FROM customers"), qint64(800));

    const Run info = cli({QStringLiteral("info"), QStringLiteral("--db"), path, QStringLiteral("--json")});
    QCOMPARE(info.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(json.value(u"customers").toInteger(), qint64(800));
    QCOMPARE(json.value(u"orders").toInteger(), rawScalar(path, "SELECT count(*) FROM orders"));
    QCOMPARE(json.value(u"analysis_date").toString(), QStringLiteral("2026-07-01"));

    const Run again = cli({QStringLiteral("demo"), QStringLiteral("--db"), path});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"already exists"), qPrintable(again.err));
    QCOMPARE(rawScalar(path, "SELECT count(*) FROM customers"), qint64(800));

    const Run check = cli({QStringLiteral("check"), QStringLiteral("--db"), path});
    QCOMPARE(check.exitCode, 0);
    QCOMPARE(check.out.trimmed(), QStringLiteral("ok"));
}

void TestCli::reportsBadWorkspaces()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.segmenta"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("just some notes\n");
    file.close();
    const Run info = cli({QStringLiteral("info"), QStringLiteral("--db"), path});
    QCOMPARE(info.exitCode, 1);
    QVERIFY2(info.err.contains(u"notes.segmenta") && info.err.contains(u"not an SQLite database"), qPrintable(info.err));
    const Run missing = cli({QStringLiteral("info"), QStringLiteral("--db"), dir.filePath(QStringLiteral("nope.segmenta"))});
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains(u"does not exist"));
}

void TestCli::importWithAMappingFile()
{
    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("hand.csv"));
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Buyer,Paid,Note\nann,12.5,x\nbob,7,y\n");
    }
    const QString mapping = dir.filePath(QStringLiteral("mapping.json"));
    {
        QFile file(mapping);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"Buyer": {"role": "customer_id"}, "Paid": {"role": "total_spend", "type": "money"}, "Note": {"skip": true}})");
    }
    const QString db = dir.filePath(QStringLiteral("w.segmenta"));
    const Run refused = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), db});
    QCOMPARE(refused.exitCode, 1); // nothing names the customer without the mapping
    const Run imported = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--mapping"), mapping,
                              QStringLiteral("--json")});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QJsonObject summary = QJsonDocument::fromJson(imported.out.toUtf8()).object();
    QCOMPARE(summary.value(u"inserted").toInteger(), 2);
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM customers WHERE customer_key IN ('ann', 'bob')"), qint64(2));
    QCOMPARE(rawScalar(db, "SELECT CAST(sum(list_total_spend) * 10 AS INTEGER) FROM customers"), qint64(195));
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM fields WHERE name = 'Note'"), qint64(0));

    // A mapping that is not JSON, or names a type that does not exist: refused, naming the file.
    QFile bad(mapping);
    QVERIFY(bad.open(QIODevice::WriteOnly | QIODevice::Truncate));
    bad.write(R"({"Paid": {"role": "total_spend", "type": "moneyy"}})");
    bad.close();
    const Run badType = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), db, QStringLiteral("--mapping"), mapping});
    QCOMPARE(badType.exitCode, 1);
    QVERIFY2(badType.err.contains(u"mapping.json") && badType.err.contains(u"moneyy"), qPrintable(badType.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
