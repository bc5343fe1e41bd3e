// The whole loop on the command line: a demo shop, a split exported and recorded as an experiment, follow-up
// orders imported, the result read with `experiment show --json`. The expected figures come from the test's
// own construction of the follow-up orders (who bought, how much) and from std::erfc for the p-value.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <map>

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

#define VERIFY_RUN(run, code) QVERIFY2((run).exitCode == (code), qPrintable((run).out + (run).err))

// The exported file's rows: customer key -> group letter.
std::map<QString, QString> readSplit(const QString &path)
{
    std::map<QString, QString> groups;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return groups;
    const QStringList lines = QString::fromUtf8(file.readAll()).remove(QChar(0xfeff)).split(u'\n', Qt::SkipEmptyParts);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].trimmed().split(u',');
        if (cells.size() == 2)
            groups[cells[1]] = cells[0];
    }
    return groups;
}

} // namespace

class TestExperimentCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeLoop();
    void refusesBadOptions();
};

void TestExperimentCli::wholeLoop()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("shop.segmenta"));
    VERIFY_RUN(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--customers"), QStringLiteral("1500")}), 0);
    const QString out = dir.filePath(QStringLiteral("split.csv"));
    // 90 % get the offer (A), 10 % are the control (B), which gets nothing.
    const Run exported = cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                              QStringLiteral("orders_count >= 1"), QStringLiteral("--out"), out, QStringLiteral("--columns"),
                              QStringLiteral("customer_id"), QStringLiteral("--split"), QStringLiteral("90,10"),
                              QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--experiment"),
                              QStringLiteral("Tea offer"), QStringLiteral("--control"), QStringLiteral("b")});
    VERIFY_RUN(exported, 0);
    QVERIFY2(exported.out.contains(u"recorded as experiment “Tea offer” starting 2026-07-01, group B the control"),
             qPrintable(exported.out));
    const auto split = readSplit(out);
    QVERIFY(split.size() > 500);

    // Follow-up orders: every 3rd member of A (in file order) buys 100 on day 5 and, every 6th, again 50 on day
    // 20; every 5th of B buys 80 on day 10. Besides: each member's order on the start day and on day 31 (outside
    // the window), and cancelled orders in the window (not purchases).
    QString orders = QStringLiteral("order_id,customer_id,order_date,amount,status\n");
    std::map<QString, qint64> members, converted, orderCount;
    std::map<QString, double> revenue;
    std::map<QString, int> seen;
    int n = 0;
    for (const auto &[key, group] : split) {
        ++members[group];
        const int index = seen[group]++;
        const auto add = [&](const char *date, double amount, const char *status) {
            orders += QStringLiteral("F%1,%2,%3,%4,%5\n").arg(++n).arg(key, QLatin1StringView(date)).arg(amount)
                          .arg(QLatin1StringView(status));
        };
        bool bought = false;
        if (group == u"A" && index % 3 == 0) {
            add("2026-07-06", 100, "completed");
            revenue[group] += 100;
            ++orderCount[group];
            bought = true;
            if (index % 6 == 0) {
                add("2026-07-21", 50, "completed");
                revenue[group] += 50;
                ++orderCount[group];
            }
        }
        if (group == u"B" && index % 5 == 0) {
            add("2026-07-11", 80, "completed");
            revenue[group] += 80;
            ++orderCount[group];
            bought = true;
        }
        converted[group] += bought ? 1 : 0;
        if (index % 7 == 0) {
            add("2026-07-01", 500, "completed");  // the start day
            add("2026-08-01", 500, "completed");  // day 31
            add("2026-07-15", 500, "cancelled");
        }
    }
    const QString ordersPath = dir.filePath(QStringLiteral("follow-up.csv"));
    {
        QFile file(ordersPath);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(orders.toUtf8());
    }
    VERIFY_RUN(cli({QStringLiteral("import"), ordersPath, QStringLiteral("--db"), db}), 0);

    const Run shown = cli({QStringLiteral("experiment"), QStringLiteral("show"), QStringLiteral("Tea offer"),
                           QStringLiteral("--db"), db, QStringLiteral("--json")});
    VERIFY_RUN(shown, 0);
    const QJsonObject json = QJsonDocument::fromJson(shown.out.toUtf8()).object();
    QCOMPARE(json.value(u"name").toString(), QStringLiteral("Tea offer"));
    QCOMPARE(json.value(u"start").toString(), QStringLiteral("2026-07-01"));
    QCOMPARE(json.value(u"window_days").toInt(), 30);
    const QJsonArray groups = json.value(u"groups").toArray();
    QCOMPARE(groups.size(), 2);
    for (const QJsonValue &value : groups) {
        const QJsonObject g = value.toObject();
        const QString name = g.value(u"name").toString();
        QCOMPARE(g.value(u"members").toInteger(), members[name]);
        QCOMPARE(g.value(u"converted").toInteger(), converted[name]);
        QCOMPARE(g.value(u"orders").toInteger(), orderCount[name]);
        QCOMPARE(g.value(u"revenue").toDouble(), revenue[name]);
        QCOMPARE(g.value(u"conversion_rate").toDouble(), double(converted[name]) / double(members[name]));
        QCOMPARE(g.value(u"revenue_per_member").toDouble(), revenue[name] / double(members[name]));
        QCOMPARE(g.value(u"control").toBool(), name == u"B");
    }
    const QJsonArray comparisons = json.value(u"comparisons").toArray();
    QCOMPARE(comparisons.size(), 1);
    const QJsonObject c = comparisons.at(0).toObject();
    QCOMPARE(c.value(u"group").toString(), QStringLiteral("A"));
    QCOMPARE(c.value(u"vs").toString(), QStringLiteral("B"));
    const double p1 = double(converted[QStringLiteral("B")]) / double(members[QStringLiteral("B")]);
    const double p2 = double(converted[QStringLiteral("A")]) / double(members[QStringLiteral("A")]);
    const double pooled = double(converted[QStringLiteral("A")] + converted[QStringLiteral("B")]) / double(members[QStringLiteral("A")] + members[QStringLiteral("B")]);
    const double z = (p2 - p1) / std::sqrt(pooled * (1 - pooled) * (1.0 / double(members[QStringLiteral("A")]) + 1.0 / double(members[QStringLiteral("B")])));
    QVERIFY(std::abs(c.value(u"difference").toDouble() - (p2 - p1)) < 1e-12);
    QVERIFY(std::abs(c.value(u"lift").toDouble() - (p2 - p1) / p1) < 1e-12);
    QVERIFY(std::abs(c.value(u"p_value").toDouble() - std::erfc(std::abs(z) / std::sqrt(2.0))) < 1e-9);
    QVERIFY(c.value(u"ci_low").toDouble() < p2 - p1 && c.value(u"ci_high").toDouble() > p2 - p1);
    QVERIFY(c.value(u"revenue_p_value").isDouble());

    // A longer window takes in the day-31 orders: every 7th member of each group then converts as well.
    const Run longer = cli({QStringLiteral("experiment"), QStringLiteral("show"), QStringLiteral("Tea offer"),
                            QStringLiteral("--db"), db, QStringLiteral("--json"), QStringLiteral("--window"), QStringLiteral("31")});
    VERIFY_RUN(longer, 0);
    const QJsonObject longerB = QJsonDocument::fromJson(longer.out.toUtf8()).object().value(u"groups").toArray().at(1).toObject();
    QVERIFY(longerB.value(u"revenue").toDouble() > revenue[QStringLiteral("B")]);

    // The plain text: the table and the sentence.
    const Run text = cli({QStringLiteral("experiment"), QStringLiteral("show"), QStringLiteral("Tea offer"),
                          QStringLiteral("--db"), db});
    VERIFY_RUN(text, 0);
    QVERIFY2(text.out.contains(u"Group A converted ") && text.out.contains(u"for B: "), qPrintable(text.out));

    // Listed, then deleted.
    const Run list = cli({QStringLiteral("experiment"), QStringLiteral("list"), QStringLiteral("--db"), db, QStringLiteral("--json")});
    VERIFY_RUN(list, 0);
    const QJsonArray all = QJsonDocument::fromJson(list.out.toUtf8()).object().value(u"experiments").toArray();
    QCOMPARE(all.size(), 1);
    QCOMPARE(all.at(0).toObject().value(u"groups").toArray().at(1).toObject().value(u"percent").toInt(), 10);
    VERIFY_RUN(cli({QStringLiteral("experiment"), QStringLiteral("delete"), QStringLiteral("Tea offer"), QStringLiteral("--db"), db}), 0);
    const Run gone = cli({QStringLiteral("experiment"), QStringLiteral("show"), QStringLiteral("Tea offer"), QStringLiteral("--db"), db});
    VERIFY_RUN(gone, 1);
    QVERIFY2(gone.err.contains(u"There is no experiment named “Tea offer”"), qPrintable(gone.err));
}

void TestExperimentCli::refusesBadOptions()
{
    QTemporaryDir dir;
    const QString db = dir.filePath(QStringLiteral("shop.segmenta"));
    VERIFY_RUN(cli({QStringLiteral("demo"), QStringLiteral("--db"), db, QStringLiteral("--customers"), QStringLiteral("300")}), 0);
    const QString out = dir.filePath(QStringLiteral("a.csv"));
    const QStringList base = {QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--rule"),
                              QStringLiteral("orders_count >= 1"), QStringLiteral("--out"), out};
    Run run = cli(base + QStringList{QStringLiteral("--experiment"), QStringLiteral("X")});
    VERIFY_RUN(run, 2);
    QVERIFY(run.err.contains(u"--experiment needs --split"));
    run = cli(base + QStringList{QStringLiteral("--split"), QStringLiteral("50,50"), QStringLiteral("--experiment"),
                                 QStringLiteral("X"), QStringLiteral("--control"), QStringLiteral("C")});
    VERIFY_RUN(run, 2);
    QVERIFY2(run.err.contains(u"A to B"), qPrintable(run.err));
    VERIFY_RUN(cli(base + QStringList{QStringLiteral("--split"), QStringLiteral("50,50"), QStringLiteral("--experiment"), QStringLiteral("X")}), 0);
    // The same name again: refused before any file is written.
    const QString other = dir.filePath(QStringLiteral("b.csv"));
    run = cli({QStringLiteral("export"), QStringLiteral("--db"), db, QStringLiteral("--rule"), QStringLiteral("orders_count >= 1"),
               QStringLiteral("--out"), other, QStringLiteral("--split"), QStringLiteral("50,50"), QStringLiteral("--experiment"),
               QStringLiteral("X")});
    VERIFY_RUN(run, 1);
    QVERIFY2(run.err.contains(u"already an experiment named “X”"), qPrintable(run.err));
    QVERIFY(!QFile::exists(other));
    run = cli({QStringLiteral("experiment"), QStringLiteral("show"), QStringLiteral("X"), QStringLiteral("--db"), db,
               QStringLiteral("--window"), QStringLiteral("0")});
    VERIFY_RUN(run, 2);
    run = cli({QStringLiteral("experiment"), QStringLiteral("frobnicate"), QStringLiteral("--db"), db});
    VERIFY_RUN(run, 2);
}

QTEST_GUILESS_MAIN(TestExperimentCli)
#include "tst_experimentcli.moc"
