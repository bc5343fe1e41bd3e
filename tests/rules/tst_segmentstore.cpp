// Deleting a saved segment can be undone exactly: snapshot() then restore() gives back the same rows of
// segments and segment_history (compared as plain SQL dumps of the tables), under the same id and position.
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;

namespace {

QString dump(store::Database &db)
{
    QString all;
    for (const char *sql : {"SELECT * FROM segments ORDER BY id", "SELECT * FROM segment_history ORDER BY id"}) {
        store::Statement query(db, sql);
        while (query.step()) {
            for (int i = 0; i < query.columnCount(); ++i)
                all += query.value(i).toString() + u'|';
            all += u'\n';
        }
    }
    return all;
}

} // namespace

class TestSegmentStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deleteAndRestore();
    void sizesBeforeADate();
    void unusedColors();
};

void TestSegmentStore::deleteAndRestore()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    store::Database &db = ws.value()->db();
    segments::SegmentStore store(db);
    qint64 ids[3] = {};
    const char *rules[3] = {"total_spend >= 1000", "city = \"上海\"", "orders_count >= 2"};
    for (int i = 0; i < 3; ++i) {
        segments::SavedSegment segment;
        segment.name = QStringLiteral("S%1").arg(i);
        segment.description = QStringLiteral("described %1").arg(i);
        segment.color = QStringLiteral("#00000%1").arg(i);
        segment.rule = rules::RuleText::parse(QString::fromUtf8(rules[i])).value();
        const auto id = store.save(segment);
        QVERIFY(id.ok());
        ids[i] = *id;
    }
    QVERIFY(store.recordSize(ids[1], QDate(2024, 1, 1), 10, 100.5, QStringLiteral("{\"new\":3}")).ok());
    QVERIFY(store.recordSize(ids[1], QDate(2024, 2, 1), 12, 130.0, QStringLiteral("{}")).ok());
    QVERIFY(store.recordSize(ids[2], QDate(2024, 2, 1), 7, 70.0, QStringLiteral("{}")).ok());
    const QString before = dump(db);

    const auto snapshot = store.snapshot(ids[1]);
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.errorMessage()));
    QCOMPARE(snapshot->name, QStringLiteral("S1"));
    QCOMPARE(snapshot->historyRows.size(), size_t(2));
    QVERIFY(store.remove(ids[1]).ok());
    QCOMPARE(db.scalar("SELECT count(*) FROM segments").toInt(), 2);
    QCOMPARE(db.scalar("SELECT count(*) FROM segment_history").toInt(), 1); // its history went with it

    QVERIFY(store.restore(*snapshot).ok());
    QCOMPARE(dump(db), before);

    // A second restore finds the segment there: refused by name, nothing changed.
    const auto again = store.restore(*snapshot);
    QVERIFY(!again.ok());
    QVERIFY2(again.errorMessage().contains(u"S1"), qPrintable(again.errorMessage()));
    QCOMPARE(dump(db), before);
    QVERIFY(!store.snapshot(9999).ok());
}

void TestSegmentStore::sizesBeforeADate()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("w.segmenta")));
    QVERIFY(ws.ok());
    segments::SegmentStore store(ws.value()->db());
    qint64 ids[3] = {};
    for (int i = 0; i < 3; ++i) {
        segments::SavedSegment segment;
        segment.name = QStringLiteral("S%1").arg(i);
        segment.rule = rules::RuleText::parse(QStringLiteral("orders_count >= 1")).value();
        ids[i] = store.save(segment).value();
    }
    // S0: sizes on three dates; S1: only on the date asked about; S2: none.
    QVERIFY(store.recordSize(ids[0], QDate(2024, 1, 1), 10, 0, QStringLiteral("{}")).ok());
    QVERIFY(store.recordSize(ids[0], QDate(2024, 2, 1), 14, 0, QStringLiteral("{}")).ok());
    QVERIFY(store.recordSize(ids[0], QDate(2024, 3, 1), 99, 0, QStringLiteral("{}")).ok());
    QVERIFY(store.recordSize(ids[1], QDate(2024, 3, 1), 5, 0, QStringLiteral("{}")).ok());
    const auto before = store.sizesBefore(QDate(2024, 3, 1));
    QVERIFY(before.ok());
    QCOMPARE(before->size(), size_t(1));
    QCOMPARE(before->at(ids[0]), 14); // the latest before March, not March itself
    QCOMPARE(store.sizesBefore(QDate(2024, 1, 1))->size(), size_t(0));
}

// A new segment's colour is one no other segment has: the Tableau 10 palette first, then colours made up.
void TestSegmentStore::unusedColors()
{
    const auto with = [](const QStringList &colors) {
        std::vector<segments::SavedSegment> segments;
        for (const QString &color : colors) {
            segments::SavedSegment segment;
            segment.color = color;
            segments.push_back(segment);
        }
        return segments;
    };
    QCOMPARE(segments::SegmentStore::unusedColor({}), QStringLiteral("#4e79a7"));
    // The demo shop's eight playbook colours, one written in capitals: the first palette colour left is pink.
    QCOMPARE(segments::SegmentStore::unusedColor(with({QStringLiteral("#E15759"), QStringLiteral("#59a14f"), QStringLiteral("#4e79a7"),
                                                       QStringLiteral("#f28e2b"), QStringLiteral("#b07aa1"), QStringLiteral("#9c755f"),
                                                       QStringLiteral("#76b7b2"), QStringLiteral("#edc948")})),
             QStringLiteral("#ff9da7"));
    const QStringList tableau = {QStringLiteral("#4e79a7"), QStringLiteral("#f28e2b"), QStringLiteral("#e15759"),
                                 QStringLiteral("#76b7b2"), QStringLiteral("#59a14f"), QStringLiteral("#edc948"),
                                 QStringLiteral("#b07aa1"), QStringLiteral("#ff9da7"), QStringLiteral("#9c755f"),
                                 QStringLiteral("#bab0ac")};
    auto all = with(tableau);
    // All ten taken: HSV(15°, 60%, 80%) = RGB(204, 112, 82), worked by hand.
    QCOMPARE(segments::SegmentStore::unusedColor(all), QStringLiteral("#cc7052"));
    // Fifty more segments, each given the colour left: never one seen before.
    QSet<QString> seen(tableau.begin(), tableau.end());
    static const QRegularExpression hex(QStringLiteral("^#[0-9a-f]{6}$"));
    for (int i = 0; i < 50; ++i) {
        const QString color = segments::SegmentStore::unusedColor(all);
        QVERIFY2(hex.match(color).hasMatch(), qPrintable(color));
        QVERIFY2(!seen.contains(color), qPrintable(color));
        seen.insert(color);
        all = with(QStringList(seen.begin(), seen.end()));
    }
}

QTEST_GUILESS_MAIN(TestSegmentStore)
#include "tst_segmentstore.moc"
