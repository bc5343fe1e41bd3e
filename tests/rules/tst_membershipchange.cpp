#include "handshop.h"

#include "export/memberexporter.h"
#include "rules/rule.h"
#include "segments/membershipchange.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;

// Who joined and who left a saved segment since the previous analysis date, on a shop worked out by hand
// (handshop.h), and the lists exported with a column saying which.
class TestMembershipChange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void namesOnAHandTable();
    void agreesWithTheRecordedSize();
    void dataChangedSinceTheRecord();
    void noRecordToCompareWith();
    void exportsBothListsWithTheirNames();

private:
    QStringList names(const std::vector<qint64> &ids);

    QTemporaryDir m_dir;
    QString m_path;
    qint64 m_segment = 0;
};

void TestMembershipChange::initTestCase()
{
    m_path = m_dir.filePath(QStringLiteral("hand.segmenta"));
    QString error;
    m_segment = handshop::create(m_path, &error);
    QVERIFY2(m_segment > 0, qPrintable(error));
}

QStringList TestMembershipChange::names(const std::vector<qint64> &ids)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QStringList result;
    for (const qint64 id : ids) {
        store::Statement name(ws.value()->db(), "SELECT name FROM customers WHERE id = ?1");
        name.bind(1, id);
        result << (name.step() ? name.text(0) : QStringLiteral("?"));
    }
    return result;
}

void TestMembershipChange::namesOnAHandTable()
{
    auto ws = store::Workspace::open(m_path);
    QVERIFY(ws.ok());
    const auto change = segments::MembershipChanges::since(*ws.value(), m_segment);
    QVERIFY2(change.ok(), qPrintable(change.errorMessage()));
    QCOMPARE(change->previousDate, handshop::kPrevious);
    QCOMPARE(change->currentDate, handshop::kCurrent);
    QCOMPARE(names(change->joined), handshop::kJoined);
    QCOMPARE(names(change->left), handshop::kLeft);
    QCOMPARE(change->before, qint64(3));
    QCOMPARE(change->now, qint64(4));
}

// The segment list shows now - recorded (▲1): the names add up to it, and to plain SQL's count today.
void TestMembershipChange::agreesWithTheRecordedSize()
{
    auto ws = store::Workspace::open(m_path);
    QVERIFY(ws.ok());
    const auto recorded = segments::SegmentStore(ws.value()->db()).sizesBefore(handshop::kCurrent);
    QVERIFY(recorded.ok());
    QCOMPARE(recorded->at(m_segment), qint64(3));
    const qint64 sqlNow =
        ws.value()->db().scalar("SELECT count(*) FROM customer_metrics WHERE days_since_last_order <= 60").toLongLong();
    QCOMPARE(sqlNow, qint64(4));
    const auto change = segments::MembershipChanges::since(*ws.value(), m_segment);
    QVERIFY(change.ok());
    QCOMPARE(change->recordedBefore, recorded->at(m_segment));
    QCOMPARE(qint64(change->joined.size()) - qint64(change->left.size()), sqlNow - recorded->at(m_segment));
}

// An order dated before the previous date arrives after its size was recorded: the members then, worked out
// again, are one more than recorded, and the change says both.
void TestMembershipChange::dataChangedSinceTheRecord()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("changed.segmenta"));
    QString error;
    const qint64 segment = handshop::create(path, &error);
    QVERIFY2(segment > 0, qPrintable(error));
    auto ws = store::Workspace::open(path);
    QVERIFY(ws.ok());
    handshop::addOrder(ws.value()->db(), 4, "2025-03-01T10:00:00", 10); // Dee: 30 days then, 121 now
    const auto change = segments::MembershipChanges::since(*ws.value(), segment);
    QVERIFY2(change.ok(), qPrintable(change.errorMessage()));
    QCOMPARE(change->recordedBefore, qint64(3));
    QCOMPARE(change->before, qint64(4));
    QCOMPARE(change->left, (std::vector<qint64>{1, 4, 7}));
}

void TestMembershipChange::noRecordToCompareWith()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("empty.segmenta")));
    QVERIFY(ws.ok());
    segments::SavedSegment segment;
    segment.name = QStringLiteral("Everyone");
    const auto id = segments::SegmentStore(ws.value()->db()).save(segment);
    QVERIFY(id.ok());
    const auto change = segments::MembershipChanges::since(*ws.value(), id.value());
    QVERIFY(!change.ok());
    QVERIFY2(change.errorMessage().contains(QStringLiteral("No size of “Everyone” was recorded")),
             qPrintable(change.errorMessage()));
    QVERIFY(!segments::MembershipChanges::since(*ws.value(), id.value() + 1).ok());
}

void TestMembershipChange::exportsBothListsWithTheirNames()
{
    auto ws = store::Workspace::open(m_path);
    QVERIFY(ws.ok());
    const auto change = segments::MembershipChanges::since(*ws.value(), m_segment);
    QVERIFY(change.ok());
    exporting::ExportOptions options;
    options.outPath = m_dir.filePath(QStringLiteral("changes.csv"));
    options.encoding = exporting::ExportOptions::Utf8;
    options.columns = {QStringLiteral("name")};
    options.namedLists = {{QStringLiteral("Joined"), change->joined}, {QStringLiteral("Left"), change->left}};
    options.listsHeader = QStringLiteral("Change");
    const auto summary = exporting::MemberExporter::run(*ws.value(), rules::Rule(), options);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->members, qint64(5));
    QFile file(options.outPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    // Rows in customer order, each with its list.
    QCOMPARE(QString::fromUtf8(file.readAll()),
             QStringLiteral("Change,Name\r\nLeft,Ann\r\nJoined,Bob\r\nJoined,Fay\r\nLeft,Gus\r\nJoined,Hal\r\n"));
    options.splitPercents = {50, 50};
    QVERIFY(!exporting::MemberExporter::run(*ws.value(), rules::Rule(), options).ok());
}

QTEST_GUILESS_MAIN(TestMembershipChange)
#include "tst_membershipchange.moc"
