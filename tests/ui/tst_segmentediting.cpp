#include "builder/conditionrow.h"
#include "builder/groupframe.h"
#include "builder/rulebuilder.h"
#include "charts/funnelwidget.h"
#include "charts/segmentsizechart.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "history/workspacehistory.h"
#include "mainwindow.h"
#include "modalanswers.h"
#include "segments/rulepanel.h"
#include "segments/segmentfile.h"
#include "rules/ruletext.h"
#include "segments/segmentlist.h"

#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QUndoView>

#include <sys/time.h>

#include <functional>
#include <memory>
#include <optional>

using namespace segmenta;

// Issue 21, "state that must never be wrong", driven in the main window as a person does: typing in the rule's
// text form and its number fields, the Save button, Ctrl+S, the Segment and Edit menus, and the dialogs they
// open (answered from a timer started before the click, since each dialog runs its own event loop). What the
// window says (header, count line, dashboard, Customers view, the saved segments) is checked against plain
// SQL over the same workspace.
class TestSegmentEditing : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void undoingASaveKeepsEveryScreenOnOneRule();
    void savingUnderAnExistingNameAsksAndKeepsTheColour();
    void theSegmentMenu();
    void numberFieldsFollowTyping();
    void oneHistoryInOrder();
    void aFileChangedOutsideIsShownWhileItIsChecked();
    void aChangeAskedWhileTheCheckedFileReopensComesAfter();
    void undoWaitsForTheCheckOfTheSameFileReopened();

private:
    QString sqlText(const QString &sql);
    qint64 sqlCount(const QString &sql);
    void openShop();
    void typeRule(const QString &text);
    void waitForCount(qint64 expected);
    QAction *menuAction(const QString &menuTitle, const QString &objectName);
    void openChangedOutside(const QString &name);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<ui::MainWindow> m_window;
};

using modalanswers::answerModal;
using modalanswers::typeAndOk;

namespace {

std::function<void(QMessageBox *)> click(QMessageBox::StandardButton which)
{
    return [which](QMessageBox *box) { QTest::mouseClick(box->button(which), Qt::LeftButton); };
}

// Closes every message box shown while it lives (none is expected), keeping their texts.
class MessageBoxWatch
{
public:
    explicit MessageBoxWatch(QObject *parent) : m_timer(new QTimer(parent))
    {
        m_timer->setInterval(10);
        QObject::connect(m_timer, &QTimer::timeout, m_timer, [this] {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                m_texts << box->text();
                box->reject();
            }
        });
        m_timer->start();
    }
    ~MessageBoxWatch() { delete m_timer; }
    MessageBoxWatch(const MessageBoxWatch &) = delete;
    MessageBoxWatch &operator=(const MessageBoxWatch &) = delete;
    const QStringList &texts() const { return m_texts; }

private:
    QTimer *m_timer;
    QStringList m_texts;
};

// Moves the file's modification time a minute on without opening it (an open and close of a descriptor would
// drop the SQLite locks this process holds on it), as a sync program putting back the same bytes would.
bool touchFromOutside(const QString &path)
{
    struct timeval now;
    gettimeofday(&now, nullptr);
    now.tv_sec += 60;
    const struct timeval times[2] = {now, now};
    return utimes(QFile::encodeName(path).constData(), times) == 0;
}

} // namespace

void TestSegmentEditing::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QCoreApplication::setOrganizationName(QStringLiteral("SegmentaTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_segmentediting"));
}

void TestSegmentEditing::init()
{
    // A new shop for each test: they save and change segments.
    m_path = m_dir.filePath(QStringLiteral("%1.segmenta").arg(QString::fromLatin1(QTest::currentTestFunction())));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    openShop();
}

void TestSegmentEditing::cleanup()
{
    m_window.reset();
}

QString TestSegmentEditing::sqlText(const QString &sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql.toStdString()).toString() : QStringLiteral("(cannot open)");
}

qint64 TestSegmentEditing::sqlCount(const QString &sql)
{
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql.toStdString()).toLongLong() : -1;
}

void TestSegmentEditing::openShop()
{
    m_window = std::make_unique<ui::MainWindow>();
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy first(m_window->controller(), &ui::DashboardController::figuresShown);
    QVERIFY(m_window->openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(20000));
    m_window->activateWindow(); // for the shortcuts, and the focus that chooses Edit > Undo's history
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void TestSegmentEditing::typeRule(const QString &text)
{
    auto *editor = m_window->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    QVERIFY(editor);
    editor->setFocus();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    QTest::keyClicks(editor, text);
}

// The count line under the rule, the dashboard's headline and the Customers view all say `expected`.
void TestSegmentEditing::waitForCount(qint64 expected)
{
    const QString customers = QLocale().toString(expected) + QStringLiteral(" customers");
    auto *summary = m_window->findChild<QLabel *>(QStringLiteral("ruleSummary"));
    QVERIFY(summary);
    QTRY_COMPARE_WITH_TIMEOUT(summary->text(), customers + QStringLiteral(" match"), 20000);
    QVERIFY2(m_window->dashboard()->headlineText().startsWith(customers), qPrintable(m_window->dashboard()->headlineText()));
    m_window->showCustomers(true);
    auto *table = m_window->findChild<QTableView *>(QStringLiteral("customersTable"));
    QVERIFY(table);
    QTRY_COMPARE_WITH_TIMEOUT(qint64(table->model()->rowCount()), expected, 20000);
    m_window->showCustomers(false);
}

QAction *TestSegmentEditing::menuAction(const QString &menuTitle, const QString &objectName)
{
    for (QAction *top : m_window->menuBar()->actions()) {
        if (!top->menu() || top->text() != menuTitle)
            continue;
        for (QAction *action : top->menu()->actions()) {
            if (action->objectName() == objectName || (objectName.isEmpty() && !action->isSeparator()))
                return action;
        }
    }
    return nullptr;
}

// After undoing a save, the header said Rule of segment "Test undo" (a segment that no longer existed) and
// the count line "1,500 customers match" under a rule that matched far fewer.
void TestSegmentEditing::undoingASaveKeepsEveryScreenOnOneRule()
{
    typeRule(QStringLiteral("orders_count >= 3"));
    const qint64 expected = sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE orders_count >= 3"));
    QVERIFY(expected > 0 && expected < 1500);
    waitForCount(expected);

    auto seen = std::make_shared<bool>(false);
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Test undo")), seen);
    // Saving reads the segments again and evaluates anew: wait for those figures, not the ones shown before.
    QSignalSpy afterSave(m_window->controller(), &ui::DashboardController::figuresShown);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveSegmentButton")), Qt::LeftButton);
    QVERIFY(*seen);
    QVERIFY(afterSave.count() > 0 || afterSave.wait(20000));
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Test undo'")), qint64(1));
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Test undo”"));
    waitForCount(expected);

    // Edit > Undo, from the list of saved segments.
    m_window->findChild<QWidget *>(QStringLiteral("segmentList"))->setFocus();
    QAction *undo = menuAction(QStringLiteral("&Edit"), QString());
    QVERIFY(undo);
    QCOMPARE(undo->text(), QStringLiteral("&Undo Save segment “Test undo”"));
    QSignalSpy afterUndo(m_window->controller(), &ui::DashboardController::figuresShown);
    undo->trigger();
    QVERIFY(afterUndo.count() > 0 || afterUndo.wait(20000));
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Test undo'")), qint64(0));
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule (all customers when empty)"));
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 3"));
    waitForCount(expected);
}

// Saving under an existing name asks first (Cancel leaves the segment alone), keeps the colour, and the header
// says when the rule differs from the saved one; Ctrl+S updates it without asking.
void TestSegmentEditing::savingUnderAnExistingNameAsksAndKeepsTheColour()
{
    auto *list = m_window->findChild<ui::SegmentList *>(QStringLiteral("segmentList"));
    QVERIFY(list);
    const int row = list->rowOf(sqlCount(QStringLiteral("SELECT id FROM segments WHERE name = 'Repeat buyers'")));
    QVERIFY(row >= 0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(row)).center());
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers”"));
    const QString colour = sqlText(QStringLiteral("SELECT color FROM segments WHERE name = 'Repeat buyers'"));
    const QString savedRule = sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Repeat buyers'"));
    const qint64 segments = sqlCount(QStringLiteral("SELECT count(*) FROM segments"));

    typeRule(QStringLiteral("orders_count >= 3"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers” (modified)"), 5000);

    // Save as "Repeat buyers": asked; Cancel changes nothing.
    auto named = std::make_shared<bool>(false);
    auto asked = std::make_shared<bool>(false);
    answerModal<QInputDialog>([asked](QInputDialog *dialog) {
        answerModal<QMessageBox>(click(QMessageBox::Cancel), asked); // opened after this one closes
        QCOMPARE(dialog->textValue(), QStringLiteral("Repeat buyers")); // the name offered
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }, named);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveSegmentButton")), Qt::LeftButton);
    QVERIFY(*named);
    QTRY_VERIFY_WITH_TIMEOUT(*asked, 5000);
    QCOMPARE(sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Repeat buyers'")), savedRule);
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers” (modified)"));

    // Again, and Replace: the rule is replaced, the colour stays, no segment added.
    *named = false;
    *asked = false;
    answerModal<QInputDialog>([asked](QInputDialog *dialog) {
        answerModal<QMessageBox>([](QMessageBox *box) {
            QVERIFY(box->text().contains(QStringLiteral("“Repeat buyers”")));
            QTest::mouseClick(box->button(QMessageBox::Yes), Qt::LeftButton);
        }, asked);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }, named);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveSegmentButton")), Qt::LeftButton);
    QVERIFY(*named);
    QTRY_VERIFY_WITH_TIMEOUT(*asked, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Repeat buyers'")) != savedRule, 5000);
    QCOMPARE(sqlText(QStringLiteral("SELECT color FROM segments WHERE name = 'Repeat buyers'")), colour);
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments")), segments);
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers”"));

    // Ctrl+S: no question; the saved segment's size (on the dashboard) follows the new rule.
    typeRule(QStringLiteral("orders_count >= 4"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers” (modified)"), 5000);
    const QString before = sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Repeat buyers'"));
    m_window->activateWindow(); // back from the dialogs
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTest::keySequence(m_window.get(), QKeySequence::Save);
    QTRY_VERIFY_WITH_TIMEOUT(sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Repeat buyers'")) != before, 5000);
    QCOMPARE(sqlText(QStringLiteral("SELECT color FROM segments WHERE name = 'Repeat buyers'")), colour);
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Repeat buyers”"));
    const qint64 id = sqlCount(QStringLiteral("SELECT id FROM segments WHERE name = 'Repeat buyers'"));
    const qint64 fourOrMore = sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE orders_count >= 4"));
    const auto sizeShown = [this, id] {
        for (const auto &bar : m_window->dashboard()->segmentSizes()->bars()) {
            if (bar.segmentId == id)
                return bar.size;
        }
        return qint64(-1);
    };
    QTRY_COMPARE_WITH_TIMEOUT(sizeShown(), fourOrMore, 20000);
}

// Segment > New Rule, Save As (a colour no other segment has), Duplicate, Rename, Edit Description.
void TestSegmentEditing::theSegmentMenu()
{
    const qint64 segments = sqlCount(QStringLiteral("SELECT count(*) FROM segments"));
    typeRule(QStringLiteral("total_spend >= 1000"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->rulePanel()->builder()->rule().root.children.size(), size_t(1), 5000);
    QAction *saveAs = menuAction(QStringLiteral("&Segment"), QStringLiteral("saveSegmentAsAction"));
    QVERIFY(saveAs);
    auto seen = std::make_shared<bool>(false);
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Big spenders")), seen);
    saveAs->trigger();
    QVERIFY(*seen);
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments")), segments + 1);
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE color = "
                                     "(SELECT color FROM segments WHERE name = 'Big spenders')")),
             qint64(1));
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Big spenders”"));

    // Duplicate: the copy offered a free name, holds the same rule, and has a colour of its own.
    *seen = false;
    answerModal<QInputDialog>([](QInputDialog *dialog) {
        QCOMPARE(dialog->textValue(), QStringLiteral("Big spenders copy"));
        QTest::mouseClick(dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
    }, seen);
    menuAction(QStringLiteral("&Segment"), QStringLiteral("duplicateSegmentAction"))->trigger();
    QVERIFY(*seen);
    QCOMPARE(sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Big spenders copy'")),
             sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Big spenders'")));
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(DISTINCT lower(color)) FROM segments")), segments + 2);
    // The copy is opened, as a copy made to be changed (and undoing the duplicate takes the header with it).
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Big spenders copy”"));
    QCOMPARE(m_window->rulePanel()->segmentId(), sqlCount(QStringLiteral("SELECT id FROM segments WHERE name = 'Big spenders copy'")));

    // Rename the segment being edited: the header follows, the rule stays.
    *seen = false;
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Top spenders")), seen);
    menuAction(QStringLiteral("&Segment"), QStringLiteral("renameSegmentAction"))->trigger();
    QVERIFY(*seen);
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Top spenders'")), qint64(1));
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule of segment “Top spenders”"));

    // A description, shown in the list under the name.
    *seen = false;
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Invite to the VIP evening")), seen);
    menuAction(QStringLiteral("&Segment"), QStringLiteral("describeSegmentAction"))->trigger();
    QVERIFY(*seen);
    QCOMPARE(sqlText(QStringLiteral("SELECT description FROM segments WHERE name = 'Top spenders'")), QStringLiteral("Invite to the VIP evening"));
    auto *list = m_window->findChild<ui::SegmentList *>(QStringLiteral("segmentList"));
    const int row = list->rowOf(sqlCount(QStringLiteral("SELECT id FROM segments WHERE name = 'Top spenders'")));
    QVERIFY(row >= 0);
    QVERIFY2(list->item(row)->text().endsWith(QStringLiteral("\nInvite to the VIP evening")), qPrintable(list->item(row)->text()));

    // New Rule: an empty rule, no segment, everyone.
    menuAction(QStringLiteral("&Segment"), QStringLiteral("newRuleAction"))->trigger();
    QCOMPARE(m_window->rulePanel()->ruleText(), QString());
    QCOMPARE(m_window->rulePanel()->title(), QStringLiteral("Rule (all customers when empty)"));
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customers")));
}

// Typing 1000 in Total spend left the count at everyone until Tab: the figures now follow a pause in typing.
void TestSegmentEditing::numberFieldsFollowTyping()
{
    ui::GroupFrame *root = m_window->rulePanel()->builder()->rootFrame();
    QTest::mouseClick(root->findChild<QToolButton *>(QStringLiteral("addCondition"), Qt::FindDirectChildrenOnly), Qt::LeftButton);
    auto *row = root->findChild<ui::ConditionRow *>();
    QVERIFY(row);
    auto *amount = row->findChild<QDoubleSpinBox *>(QStringLiteral("numberValue"));
    QVERIFY(amount);
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("total_spend >= 0"));
    amount->setFocus();
    QTest::keyClick(amount, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(amount, QStringLiteral("1000")); // no Enter, no Tab
    QTRY_COMPARE_WITH_TIMEOUT(m_window->rulePanel()->ruleText(), QStringLiteral("total_spend >= 1000"), 5000);
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE total_spend >= 1000")));
    // The field was not rebuilt under the typing, and the number is one undo step.
    QCOMPARE(row->findChild<QDoubleSpinBox *>(QStringLiteral("numberValue")), amount);
    QUndoStack *stack = m_window->rulePanel()->undoStack();
    QCOMPARE(stack->count(), 2);
    QCOMPARE(stack->text(1), QStringLiteral("Change value"));
    // Typing more carries on from there.
    QTest::keyClick(amount, Qt::Key_Backspace);
    QTest::keyClick(amount, Qt::Key_Backspace);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->rulePanel()->ruleText(), QStringLiteral("total_spend >= 10"), 5000);
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE total_spend >= 10")));
}

// Ctrl+Z after a chart click deleted saved segments (two histories, chosen by the focus). One history now:
// Edit > Undo names the step, undoes the steps in the order done whatever has the focus, Redo restores them,
// and Edit > History lists them.
void TestSegmentEditing::oneHistoryInOrder()
{
    // A click on the funnel's third step (2+ orders).
    ui::FunnelWidget *funnel = m_window->dashboard()->funnel();
    int y = 0;
    while (y < funnel->height() && funnel->stepAt(QPoint(funnel->width() / 2, y)) != 2)
        ++y;
    QVERIFY(y < funnel->height());
    QTest::mouseClick(funnel, Qt::LeftButton, {}, QPoint(funnel->width() / 2, y + 4));
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
    // Then a saved segment deleted with the Delete key in the list.
    auto *list = m_window->findChild<ui::SegmentList *>(QStringLiteral("segmentList"));
    const QString deleted = list->segmentName(0);
    const QString countDeleted = QStringLiteral("SELECT count(*) FROM segments WHERE name = '%1'").arg(deleted);
    const qint64 segments = sqlCount(QStringLiteral("SELECT count(*) FROM segments"));
    list->setFocus();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Delete);
    QCOMPARE(sqlCount(countDeleted), qint64(0));
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));

    // Ctrl+Z with the focus on the chart: the last step first, whichever panel it came from.
    QAction *undo = menuAction(QStringLiteral("&Edit"), QStringLiteral("undoAction"));
    QAction *redo = menuAction(QStringLiteral("&Edit"), QStringLiteral("redoAction"));
    QVERIFY(undo && redo);
    QCOMPARE(undo->text(), QStringLiteral("&Undo Delete segment “%1”").arg(deleted));
    funnel->setFocus();
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QCOMPARE(sqlCount(countDeleted), qint64(1));
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
    QCOMPARE(undo->text(), QStringLiteral("&Undo Narrow to orders_count >= 2"));
    QTest::keySequence(m_window.get(), QKeySequence::Undo);
    QCOMPARE(m_window->rulePanel()->ruleText(), QString());
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments")), segments);
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customers")));
    // Redo brings both back, in order.
    QCOMPARE(redo->text(), QStringLiteral("&Redo Narrow to orders_count >= 2"));
    redo->trigger();
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
    redo->trigger();
    QCOMPARE(sqlCount(countDeleted), qint64(0));
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2")));

    // Edit > History lists the steps; clicking the first goes back to just after it.
    menuAction(QStringLiteral("&Edit"), QStringLiteral("historyAction"))->trigger();
    auto *view = m_window->findChild<QUndoView *>(QStringLiteral("historyView"));
    QVERIFY(view);
    QVERIFY(QTest::qWaitForWindowExposed(view->window()));
    QCOMPARE(view->model()->rowCount(), 3);
    QCOMPARE(view->model()->index(0, 0).data().toString(), QStringLiteral("Workspace opened"));
    QCOMPARE(view->model()->index(1, 0).data().toString(), QStringLiteral("Narrow to orders_count >= 2"));
    QCOMPARE(view->model()->index(2, 0).data().toString(), QStringLiteral("Delete segment “%1”").arg(deleted));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(view->model()->index(1, 0)).center());
    QCOMPARE(sqlCount(countDeleted), qint64(1));
    QCOMPARE(m_window->rulePanel()->ruleText(), QStringLiteral("orders_count >= 2"));
    view->window()->close();
}


// Issue 16: a workspace written to from outside Segmenta must be checked for damage before anything is written to
// it (seconds at a million customers). The window shows it at once, read-only, while a worker checks it; a save
// asked for meanwhile waits for the check and is then made on the workspace reopened for writing, which takes the
// check's outcome instead of checking again.
void TestSegmentEditing::aFileChangedOutsideIsShownWhileItIsChecked()
{
    m_window.reset();
    // A workspace closed cleanly (known intact), then written to from outside with the same bytes, as a sync
    // program might: it must be checked again before anything is written to it.
    m_path = m_dir.filePath(QStringLiteral("changed outside.segmenta"));
    QVERIFY(demo::DemoShop::createWorkspace(m_path, {{1500}, false}).ok());
    QVERIFY(!store::Workspace::checkPending(m_path));
    {
        QFile file(m_path);
        QVERIFY(file.open(QIODevice::ReadWrite) && file.seek(8192));
        const QByteArray same = file.read(100);
        QVERIFY(file.seek(8192));
        QCOMPARE(file.write(same), qint64(same.size()));
    }
    QVERIFY(store::Workspace::checkPending(m_path));
    const int checksBefore = store::Workspace::quickChecksRun();
    m_window = std::make_unique<ui::MainWindow>();
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QSignalSpy figures(m_window->controller(), &ui::DashboardController::figuresShown);
    QVERIFY(m_window->openWorkspace(m_path));
    QVERIFY(m_window->isCheckingWorkspace());
    QVERIFY(m_window->workspace()->isReadOnly());
    const auto *status = m_window->findChild<QLabel *>(QStringLiteral("workspaceStatus"));
    QVERIFY(status);
    QVERIFY2(status->text().contains(u"checking the file for damage"), qPrintable(status->text()));

    // Saved before the check is done (no event has been handled since the open): the name is asked once it is.
    typeRule(QStringLiteral("orders_count >= 3"));
    auto seen = std::make_shared<bool>(false);
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Saved while checking")), seen);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveSegmentButton")), Qt::LeftButton);
    QVERIFY(*seen);
    QVERIFY(!m_window->isCheckingWorkspace());
    QVERIFY(!m_window->workspace()->isReadOnly());
    QCOMPARE(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Saved while checking'")), qint64(1));
    QCOMPARE(sqlText(QStringLiteral("SELECT rule_json FROM segments WHERE name = 'Saved while checking'")).contains(u"orders_count"), true);
    QCOMPARE(store::Workspace::quickChecksRun(), checksBefore + 1);
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE orders_count >= 3")));
    QVERIFY2(!status->text().contains(u"checking"), qPrintable(status->text()));
    QVERIFY(figures.count() > 0);
}

void TestSegmentEditing::openChangedOutside(const QString &name)
{
    m_window.reset();
    m_path = m_dir.filePath(name);
    QVERIFY(demo::DemoShop::createWorkspace(m_path, {{1500}, false}).ok());
    QVERIFY(touchFromOutside(m_path));
    QVERIFY(store::Workspace::checkPending(m_path));
    m_window = std::make_unique<ui::MainWindow>();
    m_window->resize(1280, 720);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->openWorkspace(m_path));
    QVERIFY(m_window->isCheckingWorkspace());
    QVERIFY(m_window->workspace()->isReadOnly());
}

void TestSegmentEditing::aChangeAskedWhileTheCheckedFileReopensComesAfter()
{
    // A segment file imported while the checked workspace is being reopened for writing: the busy dialog's
    // event loop delivers the call while the window still holds the read-only workspace. It must neither write
    // to that one nor be lost: it is made once the reopen is done.
    openChangedOutside(QStringLiteral("reopened under an import.segmenta"));
    const QString file = m_dir.filePath(QStringLiteral("shared.segment.json"));
    segments::SavedSegment shared;
    shared.name = QStringLiteral("Shared while reopening");
    shared.rule = rules::RuleText::parse(QStringLiteral("orders_count >= 2")).value();
    QVERIFY(segments::SegmentFile::write(file, shared).ok());

    MessageBoxWatch boxes(m_window.get());
    std::optional<bool> importedAtOnce;
    bool wasReadOnly = false;
    connect(m_window.get(), &ui::MainWindow::workspaceOpening, this, [&] {
        if (importedAtOnce || m_window->isCheckingWorkspace())
            return; // not yet the reopen that follows the check
        wasReadOnly = m_window->workspace()->isReadOnly();
        importedAtOnce = m_window->importSegmentFile(file);
    });
    QSignalSpy checked(m_window.get(), &ui::MainWindow::workspaceChecked);
    QVERIFY(checked.wait(20000));
    QVERIFY(importedAtOnce.has_value());
    QVERIFY(wasReadOnly);
    QCOMPARE(*importedAtOnce, false); // asked during the reopen: put off, not made on the read-only workspace
    QVERIFY(!m_window->workspace()->isReadOnly());
    QTRY_COMPARE_WITH_TIMEOUT(sqlCount(QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Shared while reopening'")),
                              qint64(1), 20000);
    QVERIFY2(boxes.texts().isEmpty(), qPrintable(boxes.texts().join(u'\n')));
}

void TestSegmentEditing::undoWaitsForTheCheckOfTheSameFileReopened()
{
    // A segment saved; then the same file is changed outside Segmenta and reopened (the history is kept: it is
    // the same workspace). Edit > Undo of the save waits for the damage check and undoes it on the workspace
    // reopened for writing; Redo saves it again.
    typeRule(QStringLiteral("orders_count >= 3"));
    waitForCount(sqlCount(QStringLiteral("SELECT count(*) FROM customer_metrics WHERE orders_count >= 3")));
    auto *undo = m_window->findChild<QAction *>(QStringLiteral("undoAction"));
    auto *redo = m_window->findChild<QAction *>(QStringLiteral("redoAction"));
    QVERIFY(undo && redo);
    QTRY_VERIFY2(undo->text().contains(u"Edit rule"), qPrintable(undo->text())); // the typing is one step, before the save
    auto seen = std::make_shared<bool>(false);
    answerModal<QInputDialog>(typeAndOk(QStringLiteral("Saved before the change")), seen);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("saveSegmentButton")), Qt::LeftButton);
    QVERIFY(*seen);
    const QString count = QStringLiteral("SELECT count(*) FROM segments WHERE name = 'Saved before the change'");
    QCOMPARE(sqlCount(count), qint64(1));

    m_window->workspace()->db().exec("PRAGMA wal_checkpoint(TRUNCATE)"); // nothing left in the log beside it
    QVERIFY(touchFromOutside(m_path));
    QVERIFY(store::Workspace::checkPending(m_path));
    m_window->reloadWorkspace();
    QVERIFY(m_window->isCheckingWorkspace());
    QVERIFY(m_window->workspace()->isReadOnly());

    QVERIFY2(undo->isEnabled() && undo->text().contains(u"Saved before the change"), qPrintable(undo->text()));
    MessageBoxWatch boxes(m_window.get());
    undo->trigger();
    QVERIFY(!m_window->isCheckingWorkspace());
    QVERIFY(!m_window->workspace()->isReadOnly());
    QCOMPARE(sqlCount(count), qint64(0));
    QVERIFY2(redo->isEnabled() && redo->text().contains(u"Saved before the change"), qPrintable(redo->text()));
    redo->trigger();
    QCOMPARE(sqlCount(count), qint64(1));
    QVERIFY2(boxes.texts().isEmpty(), qPrintable(boxes.texts().join(u'\n')));
}

QTEST_MAIN(TestSegmentEditing)
#include "tst_segmentediting.moc"
