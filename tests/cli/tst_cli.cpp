#include <QDate>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

#include <cmath>

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

// Rows of (key, count) from a plain SQL query, read without Segmenta's code.
QMap<QString, qint64> rawCounts(const QString &path, const char *sql)
{
    QMap<QString, qint64> counts;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    while (sqlite3_step(stmt) == SQLITE_ROW)
        counts.insert(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0))), sqlite3_column_int64(stmt, 1));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return counts;
}

QMap<QString, qint64> jsonCounts(const QJsonObject &object)
{
    QMap<QString, qint64> counts;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.value().toInteger() != 0) // stages with no member are listed with 0; GROUP BY leaves them out
            counts.insert(it.key(), it.value().toInteger());
    }
    return counts;
}

// Runs a statement on the workspace without Segmenta's code.
void rawExec(const QString &path, const char *sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr);
    sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

QString demoWorkspace(const QTemporaryDir &dir, const QString &name)
{
    const QString path = dir.filePath(name);
    const Run demo = cli({QStringLiteral("demo"), QStringLiteral("--db"), path, QStringLiteral("--customers"),
                          QStringLiteral("1500"), QStringLiteral("--seed"), QStringLiteral("11")});
    return demo.exitCode == 0 ? path : QString();
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
    void shopExportsOnTheCommandLine();
    void countWarnsOfUnseenCategoryValues();
    void countMatchesPlainSql();
    void segmentsAreSavedSharedAndCounted();
    void predictAgreesWithPlainSql();
    void purchaseConditionsOnTheCommandLine();
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

// Issue 18 on the command line: --delimiter space, the summary's counts, money printed as money, metrics text
// whose columns do not run together.
void TestCli::shopExportsOnTheCommandLine()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("w.segmenta"));
    const QString cdnow = QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/cdnow_sample.txt");
    const Run imported = cli({QStringLiteral("import"), cdnow, QStringLiteral("--db"), db, QStringLiteral("--delimiter"),
                              QStringLiteral("space"), QStringLiteral("--json")});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QJsonObject summary = QJsonDocument::fromJson(imported.out.toUtf8()).object();
    QCOMPARE(summary.value(u"kind").toString(), QStringLiteral("orders"));
    QCOMPARE(summary.value(u"delimiter").toString(), QStringLiteral("whitespace"));
    QCOMPARE(summary.value(u"without_date").toInteger(), 0);
    // 00002's two rows of 1997-01-12 are one order: 6 rows, 5 orders (see tst_shopexports).
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM orders"), qint64(5));
    // What the rows came to, worked out by hand from the file: 3 customers, 5 orders of 1997-01-01 to 1997-04-02,
    // 11.77 + (12.00 + 77.00) + 20.76 + 20.76 + 19.54 = 161.83.
    const QJsonObject added = summary.value(u"added").toObject();
    QCOMPARE(added.value(u"customers").toInteger(), 3);
    QCOMPARE(added.value(u"orders").toInteger(), 5);
    QCOMPARE(added.value(u"first_order_date").toString(), QStringLiteral("1997-01-01"));
    QCOMPARE(added.value(u"last_order_date").toString(), QStringLiteral("1997-04-02"));
    QCOMPARE(qRound64(added.value(u"revenue").toDouble() * 100), qint64(16183));
    const QString textDb = dir.filePath(QStringLiteral("text.segmenta"));
    const Run asText = cli({QStringLiteral("import"), cdnow, QStringLiteral("--db"), textDb, QStringLiteral("--delimiter"),
                            QStringLiteral("space")});
    QVERIFY2(asText.exitCode == 0, qPrintable(asText.err));
    QVERIFY2(asText.out.contains(QStringLiteral("6 rows read")), qPrintable(asText.out));
    QVERIFY2(asText.out.contains(QStringLiteral("Customers added: 3; orders added: 5 (dated 1997-01-01 to 1997-04-02, "
                                                "revenue 161.83 from the valid orders with a date)")),
             qPrintable(asText.out));
    const Run refused = cli({QStringLiteral("import"), cdnow, QStringLiteral("--db"), db, QStringLiteral("--delimiter"),
                             QStringLiteral("spaces!")});
    QCOMPARE(refused.exitCode, 2);

    // 00003 spent 20.76 + 20.76 + 19.54 = 61.06, printed so (not 61.059999999999995).
    const Run customers = cli({QStringLiteral("customers"), QStringLiteral("--db"), db, QStringLiteral("--as-of"),
                               QStringLiteral("1997-06-30"), QStringLiteral("--columns"), QStringLiteral("customer_id,total_spend")});
    QVERIFY2(customers.exitCode == 0, qPrintable(customers.err));
    QVERIFY2(customers.out.contains(QStringLiteral("00003,61.06\n")), qPrintable(customers.out));
    QVERIFY2(customers.out.contains(QStringLiteral("00002,89.00\n")), qPrintable(customers.out));

    // Every line of the text output keeps a space between a name and its number.
    const Run metrics = cli({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--as-of"), QStringLiteral("1997-06-30")});
    QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.err));
    static const QRegularExpression runTogether(QStringLiteral("[A-Za-z_)]\\d"));
    for (const QString &line : metrics.out.split(u'\n')) {
        if (line.startsWith(QStringLiteral("  ")))
            QVERIFY2(!runTogether.match(line).hasMatch(), qPrintable(line));
    }
    // The funnel's steps are named by order counts: 3 buyers with 1+ orders, 1 (00003) with 2+.
    QVERIFY2(metrics.out.contains(QRegularExpression(QStringLiteral("1\\+ orders\\s+3 "))), qPrintable(metrics.out));
    QVERIFY2(metrics.out.contains(QRegularExpression(QStringLiteral("2\\+ orders\\s+1 "))), qPrintable(metrics.out));
}

void TestCli::countWarnsOfUnseenCategoryValues()
{
    // customer_columns_taobao.csv gives lee and zhao 男, wu 女. "Male" is held by no one: the count (2, by 男)
    // is given, with a warning naming the value and the closest ones.
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("w.segmenta"));
    const QString file = QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/customer_columns_taobao.csv");
    const Run imported = cli({QStringLiteral("import"), file, QStringLiteral("--db"), db});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    const QString rule = QStringLiteral("gender in (\"男\", \"Male\")");
    const Run count = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), rule});
    QVERIFY2(count.exitCode == 0, qPrintable(count.err));
    QCOMPARE(count.out.trimmed(), QStringLiteral("2"));
    QVERIFY2(count.err.contains(u"warning") && count.err.contains(u"“Male”") && count.err.contains(u"“男”, “女”"), qPrintable(count.err));
    const Run json = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), rule, QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonArray warnings = QJsonDocument::fromJson(json.out.toUtf8()).object().value(u"warnings").toArray();
    QCOMPARE(warnings.size(), qsizetype(1));
    QVERIFY(warnings.at(0).toString().contains(u"“Male”"));
    // Values every one held: no warning.
    const Run held = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), QStringLiteral("gender is \"女\"")});
    QCOMPARE(held.out.trimmed(), QStringLiteral("1"));
    QVERIFY2(!held.err.contains(u"warning"), qPrintable(held.err));
}

void TestCli::countMatchesPlainSql()
{
    QTemporaryDir dir;
    const QString db = demoWorkspace(dir, QStringLiteral("demo.segmenta"));
    QVERIFY(!db.isEmpty());
    const Run count = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("--rule"),
                           QStringLiteral("total_spend >= 500 and (city in (\"上海\", \"北京\") or orders_count >= 4)")});
    QVERIFY2(count.exitCode == 0, qPrintable(count.err));
    const QJsonObject json = QJsonDocument::fromJson(count.out.toUtf8()).object();
    // The same question asked in plain SQL over the tables.
#define SEGMENT_SQL "FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id WHERE m.total_spend >= 500 " \
                    "AND (c.city IN ('上海', '北京') OR m.orders_count >= 4)"
    const qint64 expected = rawScalar(db, "SELECT count(*) " SEGMENT_SQL);
    QVERIFY(expected > 20 && expected < 1500);
    QCOMPARE(json.value(u"count").toInteger(), expected);
    QCOMPARE(json.value(u"total").toInteger(), qint64(1500));
    QCOMPARE(qRound64(json.value(u"revenue").toDouble() * 100), rawScalar(db, "SELECT round(total(m.total_spend) * 100) " SEGMENT_SQL));
    QCOMPARE(jsonCounts(json.value(u"lifecycle").toObject()),
             rawCounts(db, "SELECT m.lifecycle_stage, count(*) " SEGMENT_SQL " GROUP BY 1"));
    QCOMPARE(jsonCounts(json.value(u"tiers").toObject()), rawCounts(db, "SELECT m.value_tier, count(*) " SEGMENT_SQL " GROUP BY 1"));
    QCOMPARE(jsonCounts(json.value(u"rfm").toObject()), rawCounts(db, "SELECT m.rfm_segment, count(*) " SEGMENT_SQL " GROUP BY 1"));
#undef SEGMENT_SQL

    // Without --json: the count alone.
    const Run plain = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), QStringLiteral("orders_count = 0")});
    QCOMPARE(plain.exitCode, 0);
    QCOMPARE(plain.out.trimmed().toLongLong(), rawScalar(db, "SELECT count(*) FROM customer_metrics WHERE orders_count = 0"));

    // A bad rule: non-zero, with the parser's line and column.
    const Run bad = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), QStringLiteral("total_spend >= and")});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.contains(u"line 1") && bad.err.contains(u"column"), qPrintable(bad.err));
    const Run unknown = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"), QStringLiteral("shoe_size > 40")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(u"shoe_size"), qPrintable(unknown.err));

    // Counting at a later date moves the analysis forward: the metrics then list who changed lifecycle stage,
    // every customer exactly once (stayed, moved, or new).
    const Run later = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--as-of"), QStringLiteral("2026-10-01"),
                           QStringLiteral("--rule"), QStringLiteral("orders_count >= 1")});
    QVERIFY2(later.exitCode == 0, qPrintable(later.err));
    const Run metrics = cli({QStringLiteral("metrics"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QVERIFY2(metrics.exitCode == 0, qPrintable(metrics.err));
    const QJsonObject moves = QJsonDocument::fromJson(metrics.out.toUtf8()).object().value(u"lifecycle_moves").toObject();
    QCOMPARE(moves.value(u"previous").toString(), QStringLiteral("2026-07-01"));
    QCOMPARE(moves.value(u"as_of").toString(), QStringLiteral("2026-10-01"));
    qint64 everyone = 0, moved = 0;
    for (const QJsonValue &move : moves.value(u"moves").toArray()) {
        everyone += move.toObject().value(u"customers").toInteger();
        if (move.toObject().value(u"from").toString() != move.toObject().value(u"to").toString())
            moved += move.toObject().value(u"customers").toInteger();
    }
    QCOMPARE(everyone, qint64(1500));
    QVERIFY(moved > 0); // three months on, some buyers went at risk or dormant
}

void TestCli::segmentsAreSavedSharedAndCounted()
{
    QTemporaryDir dir;
    const QString db = demoWorkspace(dir, QStringLiteral("a.segmenta"));
    QVERIFY(!db.isEmpty());
    const QString rule = QStringLiteral("value_tier in (\"high\") and last_order_date not in last 90 days");
    const Run save = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("流失大客户"), QStringLiteral("--db"), db,
                          QStringLiteral("--rule"), rule, QStringLiteral("--color"), QStringLiteral("#e15759")});
    QVERIFY2(save.exitCode == 0, qPrintable(save.err));
    const Run list = cli({QStringLiteral("segment"), QStringLiteral("list"), QStringLiteral("--db"), db});
    QVERIFY2(list.out.contains(u"流失大客户\t"), qPrintable(list.out));

    // Shared through a file into a second workspace, where it counts the same members as a plain SQL query.
    const QString file = dir.filePath(QStringLiteral("lapsed.segment.json"));
    const Run exported = cli({QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("流失大客户"), QStringLiteral("--db"), db,
                              QStringLiteral("--out"), file});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    const QString other = dir.filePath(QStringLiteral("b.segmenta"));
    QVERIFY(QFile::copy(db, other));
    const qint64 before = rawScalar(other, "SELECT count(*) FROM segments"); // the demo's own and ours
    for (int i = 0; i < 2; ++i) {
        const Run imported = cli({QStringLiteral("segment"), QStringLiteral("import"), file, QStringLiteral("--db"), other});
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
    }
    // The second import did not replace the first: it took the next free name.
    QCOMPARE(rawScalar(other, "SELECT count(*) FROM segments WHERE name IN ('流失大客户', '流失大客户 (2)') AND color = '#e15759'"), qint64(2));
    const char *sql = "SELECT count(*) FROM customer_metrics WHERE value_tier = 'high' AND NOT (last_order_date IS NOT NULL AND "
                      "date(last_order_date) > date('2026-07-01', '-90 days') AND date(last_order_date) <= '2026-07-01')";
    const qint64 expected = rawScalar(other, sql);
    QVERIFY(expected > 0);
    for (const QStringList &choice : {QStringList{QStringLiteral("--segment"), QStringLiteral("流失大客户 (2)")},
                                      QStringList{QStringLiteral("--rule-file"), file}}) {
        const Run count = cli(QStringList{QStringLiteral("count"), QStringLiteral("--db"), other} + choice);
        QVERIFY2(count.exitCode == 0, qPrintable(count.err));
        QCOMPARE(count.out.trimmed().toLongLong(), expected);
    }

    // The overlap of every pair: the two copies overlap completely; the matrix is symmetric.
    const Run overlap = cli({QStringLiteral("segment"), QStringLiteral("overlap"), QStringLiteral("--db"), other, QStringLiteral("--json")});
    QVERIFY2(overlap.exitCode == 0, qPrintable(overlap.err));
    const QJsonObject matrix = QJsonDocument::fromJson(overlap.out.toUtf8()).object();
    const QJsonArray names = matrix.value(u"segments").toArray();
    const QJsonArray both = matrix.value(u"both").toArray();
    QCOMPARE(names.size(), before + 2);
    const qsizetype a = names.toVariantList().indexOf(QStringLiteral("流失大客户"));
    const qsizetype b = names.toVariantList().indexOf(QStringLiteral("流失大客户 (2)"));
    QVERIFY(a >= 0 && b >= 0);
    QCOMPARE(both.at(a).toArray().at(a).toInteger(), expected);
    QCOMPARE(both.at(a).toArray().at(b).toInteger(), expected);
    QCOMPARE(both.at(b).toArray().at(a).toInteger(), expected);

    // A file that does not fit: refused, naming the file and the field; the workspace keeps its segments.
    QFile bad(dir.filePath(QStringLiteral("bad.segment.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"version": 1, "name": "x", "root": {"match": "all", "children": [{"field": "shoe_size", "op": "gt", "values": [{"number": 40}]}]}})");
    bad.close();
    const Run refused = cli({QStringLiteral("segment"), QStringLiteral("import"), bad.fileName(), QStringLiteral("--db"), other});
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(u"bad.segment.json") && refused.err.contains(u"shoe_size"), qPrintable(refused.err));
    QCOMPARE(rawScalar(other, "SELECT count(*) FROM segments"), before + 2);

    const Run removed = cli({QStringLiteral("segment"), QStringLiteral("delete"), QStringLiteral("流失大客户"), QStringLiteral("--db"), db});
    QCOMPARE(removed.exitCode, 0);
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM segments WHERE name = '流失大客户'"), qint64(0));
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM segments"), before - 1);
}

// `predict` fits on the demo shop; its counts and holdout purchases are checked against plain SQL over the
// orders (a purchase = a customer's distinct day with a valid order), and `customers --columns` prints the
// stored predictions.
void TestCli::predictAgreesWithPlainSql()
{
    QTemporaryDir dir;
    const QString db = demoWorkspace(dir, QStringLiteral("predict.segmenta"));
    QVERIFY(!db.isEmpty());
    const Run fit = cli({QStringLiteral("predict"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QVERIFY2(fit.exitCode == 0, qPrintable(fit.err));
    const QJsonObject json = QJsonDocument::fromJson(fit.out.toUtf8()).object();
    QCOMPARE(json.value(u"as_of").toString(), QStringLiteral("2026-07-01"));
#define PURCHASES "SELECT customer_id, substr(order_date, 1, 10) AS day FROM orders WHERE is_valid = 1 AND order_date IS NOT NULL"
    QCOMPARE(json.value(u"customers").toInteger(),
             rawScalar(db, "SELECT count(DISTINCT customer_id) FROM (" PURCHASES ") WHERE day <= '2026-07-01'"));
    QCOMPARE(json.value(u"repeat_buyers").toInteger(),
             rawScalar(db, "SELECT count(*) FROM (SELECT customer_id FROM (" PURCHASES ") WHERE day <= '2026-07-01' "
                           "GROUP BY customer_id HAVING count(DISTINCT day) >= 2)"));
    const QJsonObject bgnbd = json.value(u"bgnbd").toObject();
    for (const char *key : {"r", "alpha", "a", "b"})
        QVERIFY2(bgnbd.value(QLatin1StringView(key)).toDouble() > 0, key);
    QVERIFY(bgnbd.value(u"log_likelihood").toDouble() < 0);
    const QJsonObject gg = json.value(u"gamma_gamma").toObject();
    QVERIFY(gg.value(u"q").toDouble() > 1);
    QVERIFY(!json.contains(u"holdout"));
    QVERIFY(!json.contains(u"warning"));

    // With a calibration end: the holdout's customers and actual purchases, in SQL.
    const Run holdout = cli({QStringLiteral("predict"), QStringLiteral("--db"), db, QStringLiteral("--json"),
                             QStringLiteral("--calibration-end"), QStringLiteral("2026-01-01")});
    QVERIFY2(holdout.exitCode == 0, qPrintable(holdout.err));
    const QJsonObject h = QJsonDocument::fromJson(holdout.out.toUtf8()).object().value(u"holdout").toObject();
    QCOMPARE(h.value(u"customers").toInteger(),
             rawScalar(db, "SELECT count(DISTINCT customer_id) FROM (" PURCHASES ") WHERE day <= '2026-01-01'"));
    QCOMPARE(qint64(h.value(u"actual_purchases").toDouble()),
             rawScalar(db, "SELECT count(*) FROM (SELECT DISTINCT customer_id, day FROM (" PURCHASES ") WHERE day > "
                           "'2026-01-01' AND day <= '2026-07-01' AND customer_id IN (SELECT customer_id FROM (" PURCHASES
                           ") WHERE day <= '2026-01-01'))"));
#undef PURCHASES
    QCOMPARE(h.value(u"by_repeat_purchases").toArray().size(), 8);
    QVERIFY(h.value(u"predicted_purchases").toDouble() > 0);

    const Run bad = cli({QStringLiteral("predict"), QStringLiteral("--db"), db, QStringLiteral("--calibration-end"),
                         QStringLiteral("2026-13-01")});
    QCOMPARE(bad.exitCode, 2);
    const Run after = cli({QStringLiteral("predict"), QStringLiteral("--db"), db, QStringLiteral("--calibration-end"),
                           QStringLiteral("2027-01-01")});
    QCOMPARE(after.exitCode, 1);
    QVERIFY2(after.err.contains(u"2027-01-01"), qPrintable(after.err));

    // The stored fields: churn risk is 1 - P(alive); every customer with a purchase has them, the others none.
    const Run rows = cli({QStringLiteral("customers"), QStringLiteral("--db"), db, QStringLiteral("--columns"),
                          QStringLiteral("customer_id,p_alive,churn_risk,expected_orders_90,predicted_clv,clv_tier")});
    QVERIFY2(rows.exitCode == 0, qPrintable(rows.err));
    const QStringList lines = rows.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.value(0), QStringLiteral("customer_id,p_alive,churn_risk,expected_orders_90,predicted_clv,clv_tier"));
    QCOMPARE(lines.size(), 1501);
    qint64 predicted = 0;
    QMap<QString, qint64> tiers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(u',');
        QCOMPARE(cells.size(), 6);
        ++tiers[cells[5]];
        if (cells[1].isEmpty()) {
            QCOMPARE(cells[5], QStringLiteral("none"));
            continue;
        }
        ++predicted;
        QVERIFY(std::fabs(cells[1].toDouble() + cells[2].toDouble() - 1) < 1e-9);
        QVERIFY(cells[1].toDouble() >= 0 && cells[1].toDouble() <= 1 && cells[3].toDouble() >= 0 && cells[4].toDouble() >= 0);
    }
    QCOMPARE(predicted, json.value(u"customers").toInteger());
    QCOMPARE(tiers, rawCounts(db, "SELECT clv_tier, count(*) FROM customer_metrics GROUP BY 1"));
    QVERIFY(tiers.value(QStringLiteral("high")) > 0 && tiers.value(QStringLiteral("mid")) > 0 && tiers.value(QStringLiteral("low")) > 0);
}

// Issue 20 on the command line: count, export and segment save take purchase conditions; fields --json lists the
// order and line fields; a bad purchase condition is refused with its line and column.
void TestCli::purchaseConditionsOnTheCommandLine()
{
    QTemporaryDir dir;
    const QString db = demoWorkspace(dir, QStringLiteral("demo.segmenta"));
    QVERIFY(!db.isEmpty());
    // Lines written by hand: every order gets its product as line 1 and, for every third order, a second line
    // of category 'Gift' worth 5.
    rawExec(db, "DELETE FROM order_lines");
    rawExec(db, "INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) "
                "SELECT id, 1, product, category, 1, amount, amount FROM orders");
    rawExec(db, "INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount) "
                "SELECT id, 2, 'Card', 'Gift', 1, 5, 5 FROM orders WHERE id % 3 = 0");
    QVERIFY(rawScalar(db, "SELECT count(*) FROM order_lines WHERE category = 'Gift'") > 100);

    const QString rule = QStringLiteral("ordered at least 2 times in last 365 days where category is \"Gift\"");
    const Run count = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("--rule"), rule});
    QVERIFY2(count.exitCode == 0, qPrintable(count.err));
    const QJsonObject json = QJsonDocument::fromJson(count.out.toUtf8()).object();
    const QDate asOf = QDate::fromString(json.value(u"as_of").toString(), Qt::ISODate);
    QVERIFY(asOf.isValid());
    // The same question in plain SQL: valid orders above zero, dated within the 365 days up to the analysis date,
    // with a Gift line; at least two of them.
    const QByteArray purchases =
        QStringLiteral("FROM orders o WHERE o.customer_id = c.id AND o.is_valid != 0 AND o.amount > 0 "
                       "AND substr(o.order_date, 1, 10) BETWEEN '%1' AND '%2'")
            .arg(asOf.addDays(-365).toString(Qt::ISODate), asOf.toString(Qt::ISODate))
            .toUtf8();
    const QByteArray expectedSql = "SELECT count(*) FROM customers c WHERE (SELECT count(*) " + purchases +
                                   " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.category = 'Gift')) >= 2";
    const qint64 expected = rawScalar(db, expectedSql.constData());
    QVERIFY2(expected > 10 && expected < 1500, qPrintable(QString::number(expected)));
    QCOMPARE(json.value(u"count").toInteger(), expected);

    // spent: the Gift lines only, 5 each.
    const Run spent = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                           QStringLiteral("spent >= 15 in last 365 days where category is \"Gift\"")});
    QVERIFY2(spent.exitCode == 0, qPrintable(spent.err));
    const QByteArray spentSql = "SELECT count(*) FROM customers c WHERE (SELECT count(*) " + purchases +
                                " AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.category = 'Gift')) >= 3";
    QCOMPARE(spent.out.trimmed().toLongLong(), rawScalar(db, spentSql.constData()));

    // export writes the same members; segment save keeps the rule, and counting the segment gives the same.
    const QString csv = dir.filePath(QStringLiteral("gift.csv"));
    const Run exported = cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--rule"), rule,
                              QStringLiteral("--out"), csv, QStringLiteral("--encoding"), QStringLiteral("utf-8")});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const qint64 rows = qint64(file.readAll().trimmed().split('\n').size()) - 1; // less the header
    QCOMPARE(rows, expected);
    const Run saved = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Gift buyers"), QStringLiteral("--db"), db,
                           QStringLiteral("--rule"), rule});
    QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
    const Run bySegment = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--segment"), QStringLiteral("Gift buyers")});
    QCOMPARE(bySegment.out.trimmed().toLongLong(), expected);
    const Run listed = cli({QStringLiteral("segment"), QStringLiteral("list"), QStringLiteral("--db"), db});
    QVERIFY2(listed.out.contains(rule), qPrintable(listed.out));

    // Bad input: refused with the line and column, nothing counted or saved.
    const Run unknown = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                             QStringLiteral("ordered where prodcut is \"x\"")});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY2(unknown.err.contains(u"line 1, column 15") && unknown.err.contains(u"prodcut") && unknown.err.contains(u"product"),
             qPrintable(unknown.err));
    const Run negative = cli({QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Bad"), QStringLiteral("--db"), db,
                              QStringLiteral("--rule"), QStringLiteral("ordered at least -1 times")});
    QCOMPARE(negative.exitCode, 1);
    QVERIFY2(negative.err.contains(u"line 1, column 18"), qPrintable(negative.err));
    QCOMPARE(rawScalar(db, "SELECT count(*) FROM segments WHERE name = 'Bad'"), qint64(0));
    const Run badExport = cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                               QStringLiteral("city is \"x\" or\n ordered where amount in top 5%"), QStringLiteral("--out"),
                               dir.filePath(QStringLiteral("bad.csv"))});
    QCOMPARE(badExport.exitCode, 1);
    QVERIFY2(badExport.err.contains(u"line 2, column 16"), qPrintable(badExport.err));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("bad.csv"))));
    // A product no order holds: counted (0), with a warning naming the closest.
    const Run unseen = cli({QStringLiteral("count"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                            QStringLiteral("ordered where category is \"Gfit\"")});
    QVERIFY2(unseen.exitCode == 0, qPrintable(unseen.err));
    QCOMPARE(unseen.out.trimmed(), QStringLiteral("0"));
    QVERIFY2(unseen.err.contains(u"warning") && unseen.err.contains(u"line 1, column 15") && unseen.err.contains(u"“Gift”"),
             qPrintable(unseen.err));

    // fields --json: the order and line fields with their entity.
    const Run fields = cli({QStringLiteral("fields"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    QVERIFY2(fields.exitCode == 0, qPrintable(fields.err));
    QMap<QString, QString> entities;
    for (const QJsonValue &f : QJsonDocument::fromJson(fields.out.toUtf8()).array())
        entities.insert(f.toObject().value(u"entity").toString() + u':' + f.toObject().value(u"name").toString(),
                        f.toObject().value(u"type").toString());
    for (const char *name : {"line:product", "line:sku", "line:category", "line:quantity", "line:unit_price", "line:amount",
                             "order:channel", "order:status", "order:order_date", "customer:city", "customer:total_spend"})
        QVERIFY2(entities.contains(QString::fromLatin1(name)), name);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
