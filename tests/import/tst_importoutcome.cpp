// What an import added and left out, as the import wizard's summary shows it: hand-made order lists whose
// outcome is worked out in the comments, checked also against plain SQL over the workspace.
#include "import/importer.h"
#include "import/importoutcome.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;

class TestImportOutcome : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersWithIds();
    void repeatedRowsAreOneReason();

private:
    QString writeFile(const char *name, const QByteArray &text);
    QTemporaryDir m_dir;
};

QString TestImportOutcome::writeFile(const char *name, const QByteArray &text)
{
    const QString path = m_dir.filePath(QString::fromLatin1(name));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

// A1 and A2 for C1 (100.00 and 50.50), A3 cancelled for C2, A4 with an unreadable amount (left out), A5
// without a customer (left out), A6 for C4 without a date (kept, no purchase). Added: customers C1, C2, C4;
// orders A1, A2, A3, A6; dates 2024-01-05 to 2024-03-01; revenue 150.50 (A3 cancelled, A6 undated). Left
// out: two reasons of one row each. Imported again: nothing added, the same two rows left out.
void TestImportOutcome::ordersWithIds()
{
    const QString csv = writeFile("orders.csv", "Order ID,Customer ID,Order Date,Amount,Status\n"
                                                "A1,C1,2024-01-05,100.00,paid\n"
                                                "A2,C1,2024-02-10,50.50,paid\n"
                                                "A3,C2,2024-03-01,20.00,cancelled\n"
                                                "A4,C1,2024-03-15,abc,paid\n"
                                                "A5,,2024-03-20,10.00,paid\n"
                                                "A6,C4,,30.00,paid\n");
    auto workspace = std::move(store::Workspace::create(m_dir.filePath(QStringLiteral("ids.segmenta")))).value();
    const auto first = Importer::run(*workspace, csv);
    QVERIFY2(first.ok(), qPrintable(first.errorMessage()));
    const auto outcome = ImportOutcome::of(*workspace, first->sourceId);
    QVERIFY2(outcome.ok(), qPrintable(outcome.errorMessage()));
    QCOMPARE(outcome->customersAdded, qint64(3));
    QCOMPARE(outcome->ordersAdded, qint64(4));
    QCOMPARE(outcome->firstOrderDate, QDate(2024, 1, 5));
    QCOMPARE(outcome->lastOrderDate, QDate(2024, 3, 1));
    QCOMPARE(outcome->revenue, 150.5);
    QCOMPARE(outcome->leftOut.size(), size_t(2));
    QCOMPARE(outcome->leftOut[0].rows + outcome->leftOut[1].rows, qint64(2));
    // The same reasons, and rows, as the rejects table holds.
    store::Database &db = workspace->db();
    QCOMPARE(db.scalar("SELECT count(DISTINCT reason) FROM rejects").toLongLong(), qint64(2));
    for (const auto &leftOut : outcome->leftOut) {
        store::Statement rows(db, "SELECT count(*) FROM rejects WHERE reason = ?1");
        rows.bind(1, leftOut.reason);
        QVERIFY(rows.step());
        QCOMPARE(rows.int64(0), leftOut.rows);
    }

    const auto again = Importer::run(*workspace, csv);
    QVERIFY2(again.ok(), qPrintable(again.errorMessage()));
    const auto second = ImportOutcome::of(*workspace, again->sourceId);
    QVERIFY(second.ok());
    QCOMPARE(second->customersAdded, qint64(0));
    QCOMPARE(second->ordersAdded, qint64(0));
    QVERIFY(!second->firstOrderDate.isValid());
    QCOMPARE(second->revenue, 0.0);
    QCOMPARE(second->leftOut.size(), size_t(2));
}

// Without an order id an order is a customer's at one date-time; rows 3 and 5 repeat rows 2 and 4 exactly
// and are counted once: their reasons name different rows but are one reason of two rows. Two orders of
// 10 and 20: revenue 30.
void TestImportOutcome::repeatedRowsAreOneReason()
{
    const QString csv = writeFile("repeats.csv", "Customer ID,Order Date,Amount\n"
                                                 "C1,2024-01-05 10:00,10\n"
                                                 "C1,2024-01-05 10:00,10\n"
                                                 "C2,2024-01-06 11:00,20\n"
                                                 "C2,2024-01-06 11:00,20\n");
    auto workspace = std::move(store::Workspace::create(m_dir.filePath(QStringLiteral("repeats.segmenta")))).value();
    const auto summary = Importer::run(*workspace, csv);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(workspace->db().scalar("SELECT count(DISTINCT reason) FROM rejects").toLongLong(), qint64(2));
    const auto outcome = ImportOutcome::of(*workspace, summary->sourceId);
    QVERIFY(outcome.ok());
    QCOMPARE(outcome->ordersAdded, qint64(2));
    QCOMPARE(outcome->customersAdded, qint64(2));
    QCOMPARE(outcome->revenue, 30.0);
    QCOMPARE(outcome->firstOrderDate, QDate(2024, 1, 5));
    QCOMPARE(outcome->lastOrderDate, QDate(2024, 1, 6));
    QCOMPARE(outcome->leftOut.size(), size_t(1));
    QCOMPARE(outcome->leftOut[0].rows, qint64(2));
    QVERIFY(outcome->leftOut[0].reason.startsWith(QStringLiteral("repeated rows")));
}

QTEST_GUILESS_MAIN(TestImportOutcome)
#include "tst_importoutcome.moc"
