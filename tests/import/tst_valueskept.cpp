// Personal data and values kept as they were: a phone or e-mail key keeps its own field and is masked on
// export; text keeps its leading tab or space; whole numbers too long for a double are kept as typed. Driven
// through segmenta-cli and checked with plain SQL.
#include "../cli/clirun.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using clirun::cli;
using clirun::Run;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
}

QStringList rawColumn(const QString &path, const QByteArray &sql)
{
    QStringList values;
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr) == SQLITE_OK) {
        while (sqlite3_step(stmt) == SQLITE_ROW) {
            const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0));
            values << (text ? QString::fromUtf8(text) : QStringLiteral("NULL"));
        }
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return values;
}

// The column an imported field is stored in.
QByteArray columnOf(const QString &path, const char *field)
{
    const QStringList column = rawColumn(path, QByteArray("SELECT column_name FROM fields WHERE entity = 'customer' AND name = '") + field + "'");
    return column.isEmpty() ? QByteArray("missing") : column.first().toUtf8();
}

} // namespace

class TestValuesKept : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void phoneKeyKeepsItsFieldAndIsMasked();
    void textKeepsItsLeadingWhitespace();
    void longWholeNumbersKeptAsTyped();
    void rowsInAnotherEncodingReadOrReported();
};

void TestValuesKept::phoneKeyKeepsItsFieldAndIsMasked()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.segmenta"));
    const QString csv = dir.filePath(QStringLiteral("phones.csv"));
    writeFile(csv, "phone,city\n13800138000,Hangzhou\n13900139000,Shanghai\n");
    Run run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(rawColumn(ws, "SELECT customer_key FROM customers ORDER BY customer_key"),
             (QStringList{QStringLiteral("13800138000"), QStringLiteral("13900139000")}));
    QCOMPARE(rawColumn(ws, "SELECT phone FROM customers ORDER BY customer_key"),
             (QStringList{QStringLiteral("13800138000"), QStringLiteral("13900139000")}));

    const QString out = dir.filePath(QStringLiteral("masked.csv"));
    run = cli({QStringLiteral("export"), QStringLiteral("--db"), ws, QStringLiteral("--rule"), QStringLiteral("orders_count >= 0"),
               QStringLiteral("--columns"), QStringLiteral("customer_id,phone,city"), QStringLiteral("--mask"), QStringLiteral("--out"), out});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(!text.contains("13800138000") && !text.contains("13900139000"), text.constData());
    QVERIFY2(text.contains("Hangzhou"), text.constData());
}

void TestValuesKept::textKeepsItsLeadingWhitespace()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.segmenta"));
    const QString csv = dir.filePath(QStringLiteral("notes.csv"));
    writeFile(csv, "customer id,note\nk1,\"\t=1+1\"\nk2,\"  two spaces\"\nk3,plain words here\n");
    const Run run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers"),
                         QStringLiteral("--column"), QStringLiteral("note=:text")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray column = columnOf(ws, "note");
    QCOMPARE(rawColumn(ws, "SELECT \"" + column + "\" FROM customers ORDER BY customer_key"),
             (QStringList{QStringLiteral("\t=1+1"), QStringLiteral("  two spaces"), QStringLiteral("plain words here")}));
}

void TestValuesKept::longWholeNumbersKeptAsTyped()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.segmenta"));
    const QString csv = dir.filePath(QStringLiteral("accounts.csv"));
    writeFile(csv, "customer id,account\nk1,-12345678901234567890\nk2,42\n");
    const Run run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers"),
                         QStringLiteral("--column"), QStringLiteral("account=:integer")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    const QByteArray column = columnOf(ws, "account");
    QCOMPARE(rawColumn(ws, "SELECT CAST(\"" + column + "\" AS TEXT) FROM customers ORDER BY customer_key"),
             (QStringList{QStringLiteral("-12345678901234567890"), QStringLiteral("42")}));
}

// mixed-utf8-gbk-latin1.csv: UTF-8 with a GBK row (line 3, C2 李四 上海) and a Latin-1 row (line 4, "José"
// as the byte E9, which neither UTF-8 nor GB18030 reads). The GBK row is stored with its Chinese names and
// counted in the summary; the Latin-1 row is rejected with its line and column, never stored with U+FFFD.
void TestValuesKept::rowsInAnotherEncodingReadOrReported()
{
    QTemporaryDir dir;
    const QString ws = dir.filePath(QStringLiteral("ws.segmenta"));
    const QString csv = QStringLiteral(SEGMENTA_TEST_DATA_DIR "/corpus/encodings/mixed-utf8-gbk-latin1.csv");
    const Run run = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), ws, QStringLiteral("--kind"), QStringLiteral("customers")});
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QCOMPARE(rawColumn(ws, "SELECT customer_key || ' ' || name || ' ' || city FROM customers ORDER BY customer_key"),
             (QStringList{QStringLiteral("C1 张三 北京"), QStringLiteral("C2 李四 上海"), QStringLiteral("C4 王五 广州")}));
    QCOMPARE(rawColumn(ws, "SELECT count(*) FROM customers WHERE instr(name, char(65533)) OR instr(city, char(65533))"),
             QStringList{QStringLiteral("0")});
    const QStringList rejects = rawColumn(ws, "SELECT row_number || '|' || column_name || '|' || reason FROM rejects");
    QCOMPARE(rejects.size(), 1);
    QVERIFY2(rejects[0].startsWith(u"4|name|"), qPrintable(rejects[0]));
    QVERIFY2(rejects[0].contains(u"line 4, column 2"), qPrintable(rejects[0]));
    QVERIFY2(run.out.contains(u"1 rejected"), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Lines read as GB18030 because they were not UTF-8: 1 (line numbers 3)"), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"Rows left out because they could be read neither as UTF-8 nor as GB18030: 1"), qPrintable(run.out));

    const Run json = cli({QStringLiteral("import"), csv, QStringLiteral("--db"), dir.filePath(QStringLiteral("ws2.segmenta")),
                          QStringLiteral("--kind"), QStringLiteral("customers"), QStringLiteral("--json")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    for (const auto *key : {"\"fallback_encoding\":\"GB18030\"", "\"fallback_lines\":1", "\"undecodable_rows\":1"})
        QVERIFY2(json.out.contains(QLatin1StringView(key)), qPrintable(json.out));
}

QTEST_GUILESS_MAIN(TestValuesKept)
#include "tst_valueskept.moc"
