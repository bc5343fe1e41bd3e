// The import wizard driven through its widgets on the offscreen platform: a corpus file imported with the
// detected choices, a file whose columns the user has to name, and a remembered mapping. What lands in the
// workspace is checked with plain SQL and against the corpus's expected.json.
#include "import/importwizard.h"
#include "import/importrunpage.h"
#include "import/importtarget.h"
#include "mainwindow.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QRadioButton>
#include <QStandardPaths>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;

namespace {

bool previewShown(ui::ImportWizard &wizard)
{
    return QTest::qWaitFor([&] { return wizard.preview().has_value() && !wizard.previewPending(); }, 30000);
}

qint64 sqlCount(const QString &workspace, const char *sql)
{
    auto ws = store::Workspace::open(workspace, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql).toLongLong() : -1;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(bytes);
    return path;
}

// Clicks Next and waits for the import page to finish.
bool runToSummary(ui::ImportWizard &wizard)
{
    QSignalSpy imported(&wizard, &ui::ImportWizard::imported);
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    auto *run = wizard.findChild<ui::ImportRunPage *>();
    if (!run || wizard.currentPage() != run)
        return false;
    return QTest::qWaitFor([&] { return !run->isRunning(); }, 60000) && imported.count() == 1;
}

} // namespace

class TestImportWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importsACorpusFileAsDetected();
    void theUserNamesTheColumns();
    void openingASpreadsheetStartsTheWizard();
    void theFirstStepOffersANewWorkspaceInDocuments();
    void theSummarySaysWhatWasAddedAndLeftOut();
    void ambiguousDatesAreReadAsTheUserSays();
};

void TestImportWizard::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestImportWizard::importsACorpusFileAsDetected()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(store::Workspace::create(workspace).ok());
    const QString file = QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/gb18030.csv");
    ui::ImportWizard wizard(workspace, file);
    wizard.show();
    QVERIFY(previewShown(wizard));

    // The source page: the encoding detected, the header on row 1 shown in the first rows.
    auto *encoding = wizard.findChild<QComboBox *>(QStringLiteral("importEncoding"));
    QVERIFY(encoding);
    QCOMPARE(encoding->itemText(0), QStringLiteral("Detected: GB18030"));
    auto *rows = wizard.findChild<QTableWidget *>(QStringLiteral("importRows"));
    QVERIFY(rows);
    QFile expectedFile(QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/expected.json"));
    QVERIFY(expectedFile.open(QIODevice::ReadOnly));
    const QJsonObject expected = QJsonDocument::fromJson(expectedFile.readAll()).object();
    const QJsonArray expectedRows = expected.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows->rowCount(), expectedRows.size() + 1);
    QCOMPARE(rows->item(0, 0)->text(), expected.value(QStringLiteral("header")).toArray().at(0).toString());
    QCOMPARE(rows->item(1, 1)->text(), expectedRows.at(0).toArray().at(1).toString()); // 张伟, read as GB18030

    // The columns page: a customer list, the customer id recognised, nothing missing.
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    auto *kind = wizard.findChild<QComboBox *>(QStringLiteral("importKind"));
    QVERIFY(kind);
    QCOMPARE(kind->currentIndex(), 0);
    QVERIFY(wizard.currentPage()->isComplete());
    auto *columns = wizard.findChild<QTableWidget *>(QStringLiteral("importColumns"));
    QCOMPARE(columns->rowCount(), expected.value(QStringLiteral("header")).toArray().size());
    QCOMPARE(qobject_cast<QComboBox *>(columns->cellWidget(0, 2))->currentData().toString(), QStringLiteral("customer_id"));

    QVERIFY(runToSummary(wizard));
    QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM customers"), expectedRows.size());
    QCOMPARE(wizard.summary()->inserted, expectedRows.size());
    auto *summary = wizard.findChild<QLabel *>(QStringLiteral("importSummary"));
    QVERIFY2(summary->text().contains(QStringLiteral("<b>%1</b> added").arg(expectedRows.size())), qPrintable(summary->text()));
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
}

void TestImportWizard::theUserNamesTheColumns()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(store::Workspace::create(workspace).ok());
    const QByteArray handKept = "Buyer,Paid,Town\n"
                                "ann,12.50,Shanghai\n"
                                "bob,x,Beijing\n"
                                ",3,Beijing\n";
    {
        ui::ImportWizard wizard(workspace, writeFile(dir, QStringLiteral("january.csv"), handKept));
        wizard.show();
        QVERIFY(previewShown(wizard));
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        // Nothing names the customer: the page says so and Next stays disabled.
        auto *problem = wizard.findChild<QLabel *>(QStringLiteral("importProblem"));
        QVERIFY2(problem->text().contains(QStringLiteral("names the customer")), qPrintable(problem->text()));
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        // The user says Buyer is the customer id and Paid the customer's total spend.
        auto *columns = wizard.findChild<QTableWidget *>(QStringLiteral("importColumns"));
        auto *buyer = qobject_cast<QComboBox *>(columns->cellWidget(0, 2));
        buyer->setCurrentIndex(buyer->findData(QStringLiteral("customer_id")));
        auto *paid = qobject_cast<QComboBox *>(columns->cellWidget(1, 2));
        paid->setCurrentIndex(paid->findData(QStringLiteral("total_spend")));
        QVERIFY(previewShown(wizard));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
        QVERIFY(problem->text().isEmpty());
        QVERIFY2(columns->item(1, 5)->text().contains(QStringLiteral("could not be read")), qPrintable(columns->item(1, 5)->text()));
        // The page says what a list's totals are for.
        auto *banner = wizard.findChild<QLabel *>(QStringLiteral("importBanner"));
        QVERIFY2(banner->text().contains(QStringLiteral("purchase history of customers who have no orders")), qPrintable(banner->text()));

        QVERIFY(runToSummary(wizard));
        QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM customers"), 2);
        QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM customers WHERE customer_key = 'ann' AND list_total_spend = 12.5"), 1);
        // ann's 12.50 is her purchase history (bob's "x" is not a spend).
        auto *summary = wizard.findChild<QLabel *>(QStringLiteral("importSummary"));
        QVERIFY2(summary->text().contains(QStringLiteral("<b>1</b> customers got their purchase history")), qPrintable(summary->text()));
        // Two rows could not be used as they are: bob's amount and the row without a buyer.
        auto *rejects = wizard.findChild<QTableWidget *>(QStringLiteral("importRejects"));
        QCOMPARE(rejects->rowCount(), int(sqlCount(workspace, "SELECT count(*) FROM rejects")));
        QCOMPARE(rejects->rowCount(), 2);
        QCOMPARE(rejects->item(0, 0)->text(), QStringLiteral("3"));
        QCOMPARE(rejects->item(0, 2)->text(), QStringLiteral("x"));
    }
    // Next month's file with the same headers: the choices come back, said so, and the import can run at once.
    ui::ImportWizard again(workspace, writeFile(dir, QStringLiteral("february.csv"), "Buyer,Paid,Town\ndee,30,Shenzhen\n"));
    again.show();
    QVERIFY(previewShown(again));
    QVERIFY(again.preview()->rememberedMapping);
    QTest::mouseClick(again.button(QWizard::NextButton), Qt::LeftButton);
    QVERIFY(again.currentPage()->isComplete());
    QVERIFY(runToSummary(again));
    QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM customers WHERE customer_key = 'dee' AND list_total_spend = 30"), 1);
}

void TestImportWizard::openingASpreadsheetStartsTheWizard()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(store::Workspace::create(workspace).ok());
    ui::MainWindow window;
    window.show();
    QVERIFY(window.openWorkspace(workspace));
    const QString file = QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv");
    // What a drop on the window and "Open with Segmenta" (segmenta FILE.csv) both call.
    window.importFile(file);
    auto *wizard = window.findChild<ui::ImportWizard *>();
    QVERIFY(wizard);
    QCOMPARE(wizard->filePath(), file);
    QCOMPARE(wizard->workspacePath(), window.workspace()->path());
    QVERIFY(previewShown(*wizard));
    QVERIFY(wizard->preview()->problem.isEmpty());
    wizard->reject();
}

void TestImportWizard::theFirstStepOffersANewWorkspaceInDocuments()
{
    QTemporaryDir dir;
    // The user's Documents folder, as the desktop names it (XDG user dirs), here a folder of the test's own.
    const QByteArray config = qgetenv("XDG_CONFIG_HOME");
    const QString documents = dir.filePath(QStringLiteral("Docs"));
    QVERIFY(QDir().mkpath(documents));
    QFile dirs(dir.filePath(QStringLiteral("user-dirs.dirs")));
    QVERIFY(dirs.open(QIODevice::WriteOnly));
    dirs.write("XDG_DOCUMENTS_DIR=\"" + documents.toUtf8() + "\"\n");
    dirs.close();
    qputenv("XDG_CONFIG_HOME", dir.path().toUtf8());
    QCOMPARE(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), documents);
    const QString file = QStringLiteral(SEGMENTA_CORPUS_DIR "/encodings/utf8.csv");
    // No workspace is open: only a new one can be chosen, suggested in Documents and named after the file.
    ui::ImportWizard wizard(QString(), file);
    qputenv("XDG_CONFIG_HOME", config);
    wizard.show();
    QVERIFY(previewShown(wizard));
    auto *open = wizard.findChild<QRadioButton *>(QStringLiteral("importIntoOpen"));
    auto *fresh = wizard.findChild<QRadioButton *>(QStringLiteral("importIntoNew"));
    auto *path = wizard.findChild<QLineEdit *>(QStringLiteral("importNewPath"));
    QVERIFY(open && fresh && path);
    QVERIFY(!open->isEnabled());
    QVERIFY(fresh->isChecked());
    QCOMPARE(QDir::fromNativeSeparators(path->text()), documents + QStringLiteral("/utf8.segmenta"));
    QVERIFY(wizard.createsWorkspace());

    // A file that exists already is refused, and Next waits.
    const QString taken = dir.filePath(QStringLiteral("taken.segmenta"));
    QVERIFY(store::Workspace::create(taken).ok());
    path->selectAll();
    QTest::keyClicks(path, taken);
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    // A new name: the import creates the workspace there.
    const QString target = dir.filePath(QStringLiteral("shop.segmenta"));
    path->selectAll();
    QTest::keyClicks(path, target);
    QVERIFY(previewShown(wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
    QCOMPARE(wizard.workspacePath(), target);
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    QVERIFY(runToSummary(wizard));
    QVERIFY(QFileInfo::exists(target));
    QCOMPARE(sqlCount(target, "SELECT count(*) FROM customers"), wizard.summary()->inserted);
    QVERIFY(wizard.summary()->inserted > 0);
}

// orders.csv: A1 and A2 for C1 (100.00 and 50.50), A3 cancelled for C2, A4 with an unreadable amount, A5
// without a customer. Added: C1 and C2, four orders minus A4: A1, A2, A3; dated 1/5/2024 to 3/1/2024;
// revenue $150.50 (A3 cancelled). Left out: two rows, for two reasons, each a line of the list.
void TestImportWizard::theSummarySaysWhatWasAddedAndLeftOut()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(store::Workspace::create(workspace).ok());
    const QString file = writeFile(dir, QStringLiteral("orders.csv"), "Order ID,Customer ID,Order Date,Amount,Status\n"
                                                                      "A1,C1,2024-01-05,100.00,paid\n"
                                                                      "A2,C1,2024-02-10,50.50,paid\n"
                                                                      "A3,C2,2024-03-01,20.00,cancelled\n"
                                                                      "A4,C1,2024-03-15,abc,paid\n"
                                                                      "A5,,2024-03-20,10.00,paid\n");
    ui::ImportWizard wizard(workspace, file);
    wizard.show();
    QVERIFY(previewShown(wizard));
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    QVERIFY(runToSummary(wizard));
    const QString text = wizard.findChild<QLabel *>(QStringLiteral("importSummary"))->text();
    QVERIFY2(text.contains(QStringLiteral("Added: <b>2</b> customers and <b>3</b> orders.")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("dated 1/5/2024 to 3/1/2024; revenue $150.50")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Left out: 2 rows, because:")), qPrintable(text));
    QCOMPARE(text.count(QStringLiteral("<li>")), 2);
    QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM rejects"), 2);
}

void TestImportWizard::ambiguousDatesAreReadAsTheUserSays()
{
    QTemporaryDir dir;
    const QString workspace = dir.filePath(QStringLiteral("w.segmenta"));
    QVERIFY(store::Workspace::create(workspace).ok());
    // Every date reads either way: 3 April or 4 March, 5 June or 6 May.
    const QString file = writeFile(dir, QStringLiteral("us.csv"), "Order ID,Customer ID,Order Date,Amount\n"
                                                                  "A1,C1,03/04/2024,10\n"
                                                                  "A2,C2,05/06/2024,20\n");
    ui::ImportWizard wizard(workspace, file);
    wizard.show();
    QVERIFY(previewShown(wizard));
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
    auto *order = wizard.findChild<QComboBox *>(QStringLiteral("importDayOrder"));
    QVERIFY(order);
    QCOMPARE(order->count(), 2);
    QCOMPARE(order->currentIndex(), 0); // day first until the user says otherwise
    // The user opens the list and picks month/day/year.
    order->setFocus();
    QTest::keyClick(order, Qt::Key_Down);
    QCOMPARE(order->currentIndex(), 1);
    QVERIFY(previewShown(wizard));
    QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::NextButton)->isEnabled(), 30000);
    QVERIFY(wizard.preview()->fields[2].monthFirst);
    QVERIFY(runToSummary(wizard));
    QCOMPARE(sqlCount(workspace, "SELECT count(*) FROM orders WHERE order_date LIKE '2024-03-04%' OR order_date LIKE '2024-05-06%'"), 2);
}

QTEST_MAIN(TestImportWizard)
#include "tst_importwizard.moc"
