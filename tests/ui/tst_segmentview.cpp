#include "../rules/handshop.h"
#include "customers/keycustomertable.h"
#include "dashboard/dashboardcontroller.h"
#include "help/tour.h"
#include "mainwindow.h"
#include "modalanswers.h"
#include "segments/membershipdialog.h"
#include "segments/segmentlist.h"

#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace segmenta;

// Issue 21 points 11 and 12, driven in the main window as a person does: a click on a saved segment's ▲/▼
// opens who joined and who left it, by name, checked against a shop worked out by hand (handshop.h).
class TestSegmentView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void clickingTheTrendNamesWhoJoinedAndLeft();
    void theSegmentMenuOpensTheSameLists();

private:
    void openWindow(const QString &path);
    void waitForDialog(ui::MembershipDialog *&dialog);
    static QStringList customers(const ui::KeyCustomerTable *table);

    QTemporaryDir m_dir;
    QString m_handPath;
    std::unique_ptr<ui::MainWindow> m_window;
};

using modalanswers::answerModal;

void TestSegmentView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(QStringLiteral("SegmentaTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_segmentview"));
    ui::Tour::setFirstRunEnabled(false);
    m_handPath = m_dir.filePath(QStringLiteral("hand.segmenta"));
    QString error;
    QVERIFY2(handshop::create(m_handPath, &error) > 0, qPrintable(error));
}

void TestSegmentView::cleanup()
{
    m_window.reset();
}

void TestSegmentView::openWindow(const QString &path)
{
    m_window = std::make_unique<ui::MainWindow>();
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy first(m_window->controller(), &ui::DashboardController::figuresShown);
    QVERIFY(m_window->openWorkspace(path));
    QVERIFY(first.count() > 0 || first.wait(20000));
}

void TestSegmentView::waitForDialog(ui::MembershipDialog *&dialog)
{
    QTRY_VERIFY_WITH_TIMEOUT((dialog = m_window->findChild<ui::MembershipDialog *>()) != nullptr, 5000);
    QSignalSpy ready(dialog, &ui::MembershipDialog::ready);
    QVERIFY(dialog->isReady() || ready.wait(20000));
}

QStringList TestSegmentView::customers(const ui::KeyCustomerTable *table)
{
    QStringList names;
    for (int row = 0; row < table->rowCount(); ++row)
        names << table->customerAt(row);
    return names;
}

// The list shows "Recent buyers · 4 ▲1"; a click on ▲1 lists the three who joined and the two who left, by
// name, and Export writes both lists with a column saying which.
void TestSegmentView::clickingTheTrendNamesWhoJoinedAndLeft()
{
    openWindow(m_handPath);
    auto *list = m_window->findChild<ui::SegmentList *>(QStringLiteral("segmentList"));
    QVERIFY(list && list->count() == 1);
    QTRY_VERIFY_WITH_TIMEOUT(list->item(0)->text().contains(QStringLiteral("▲1")), 5000);
    const QRect trend = list->trendRect(0);
    QVERIFY(!trend.isEmpty());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, trend.center());
    ui::MembershipDialog *dialog = nullptr;
    waitForDialog(dialog);
    QVERIFY(dialog && dialog->isReady());
    QCOMPARE(customers(dialog->joinedTable()), handshop::kJoined);
    QCOMPARE(customers(dialog->leftTable()), handshop::kLeft);
    QCOMPARE(dialog->joinedTable()->rowCount() - dialog->leftTable()->rowCount(), 1); // ▲1

    const QString path = m_dir.filePath(QStringLiteral("changes.csv"));
    auto seen = std::make_shared<bool>(false);
    answerModal<QFileDialog>([path](QFileDialog *files) {
        files->selectFile(path);
        static_cast<QDialog *>(files)->accept(); // QFileDialog makes accept() protected
    }, seen);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("exportChanges")), Qt::LeftButton);
    QVERIFY(*seen);
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(path), 20000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QCOMPARE(text.count(QStringLiteral("\nJoined,")), 3);
    QCOMPARE(text.count(QStringLiteral("\nLeft,")), 2);
    for (const QString &name : handshop::kJoined + handshop::kLeft)
        QVERIFY2(text.contains(name), qPrintable(name));
}

// Segment > Who Joined and Left… acts on the segment chosen in the list.
void TestSegmentView::theSegmentMenuOpensTheSameLists()
{
    openWindow(m_handPath);
    auto *list = m_window->findChild<ui::SegmentList *>(QStringLiteral("segmentList"));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).topLeft() + QPoint(8, 8));
    auto *action = m_window->findChild<QAction *>(QStringLiteral("membershipChangesAction"));
    QVERIFY(action && action->isEnabled());
    action->trigger();
    ui::MembershipDialog *dialog = nullptr;
    waitForDialog(dialog);
    QVERIFY(dialog && dialog->isReady());
    QCOMPARE(customers(dialog->leftTable()), handshop::kLeft);
}

QTEST_MAIN(TestSegmentView)
#include "tst_segmentview.moc"
