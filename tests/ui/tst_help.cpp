#include "help/helpdialogs.h"
#include "help/helpmenu.h"
#include "help/tour.h"
#include "language.h"
#include "mainwindow.h"
#include "settings/appsettings.h"
#include "settings/recentworkspacesmenu.h"

#include "common/libraries.h"
#include "demo/demoshop.h"
#include "segmenta/version.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QTimer>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace segmenta;

// The Help menu's dialogs, the first-run tour and the recent workspaces, on the real main window.
class TestHelp : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void shortcutsTableListsTheWindowsShortcuts();
    void ruleSyntaxInTheInterfaceLanguage_data();
    void ruleSyntaxInTheInterfaceLanguage();
    void ruleSyntaxTellsHowToAddAPurchase_data();
    void ruleSyntaxTellsHowToAddAPurchase();
    void aboutNamesVersionAndLicences();
    void tourIsShownOnceForTheDemoShop();
    void recentWorkspacesMostRecentFirstMissingGreyed();
    void newWorkspaceIsCreatedEmptyAndOpened();

private:
    static QString cell(const QTableWidget *table, int row, int column);
    QTemporaryDir m_dir;
};

void TestHelp::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("SegmentaTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_help"));
    ui::AppSettings::instance().clearRecentWorkspaces();
    ui::AppSettings::instance().setTourShown(false);
}

QString TestHelp::cell(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

void TestHelp::shortcutsTableListsTheWindowsShortcuts()
{
    ui::MainWindow window;
    window.show();
    window.findChild<ui::HelpMenu *>()->showShortcuts();
    auto *dialog = window.findChild<ui::ShortcutsDialog *>();
    QVERIFY(dialog);
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    QHash<QString, QString> keysByCommand;
    for (int row = 0; row < table->rowCount(); ++row)
        keysByCommand.insert(cell(table, row, 1), cell(table, row, 2));
    // Written out here, not read from the actions: what the menus promise.
    QCOMPARE(keysByCommand.value(QStringLiteral("Update Segment")),
             QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText));
    QCOMPARE(keysByCommand.value(QStringLiteral("Settings")), QKeySequence(QStringLiteral("Ctrl+,")).toString(QKeySequence::NativeText));
    QCOMPARE(keysByCommand.value(QStringLiteral("Import Customers or Orders")), QStringLiteral("Ctrl+I"));
    QCOMPARE(keysByCommand.value(QStringLiteral("Export Members")), QStringLiteral("Ctrl+E"));
    QVERIFY(!keysByCommand.contains(QStringLiteral("Open Demo Shop"))); // no shortcut, no row
    // A shortcut added later shows up the next time: the table is read from the live actions.
    auto *extra = new QAction(QStringLiteral("&Frobnicate…"), &window);
    extra->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+F")));
    window.menuBar()->actions().constFirst()->menu()->addAction(extra);
    const auto rows = ui::shortcutRows(window);
    const auto found = std::find_if(rows.begin(), rows.end(), [](const ui::ShortcutRow &row) {
        return row.command == u"Frobnicate";
    });
    QVERIFY(found != rows.end());
    QCOMPARE(found->menu, QStringLiteral("File"));
    QCOMPARE(found->keys, QStringLiteral("Ctrl+Shift+F"));
}

void TestHelp::ruleSyntaxInTheInterfaceLanguage_data()
{
    QTest::addColumn<QString>("locale");
    QTest::addColumn<QString>("heading");
    QTest::newRow("English") << QStringLiteral("en_US") << QStringLiteral("Fields");
    QTest::newRow("Chinese") << QStringLiteral("zh_CN") << QStringLiteral("字段");
}

void TestHelp::ruleSyntaxInTheInterfaceLanguage()
{
    QFETCH(QString, locale);
    QFETCH(QString, heading);
    QLocale::setDefault(QLocale(locale));
    ui::RuleSyntaxDialog dialog;
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    const QString text = dialog.findChild<QTextBrowser *>(QStringLiteral("ruleSyntaxText"))->toPlainText();
    QVERIFY2(text.contains(heading), qPrintable(text.left(200)));
    // Every predicate of the grammar (core/rules/ruletext.h) is documented, in either language.
    for (const char *keyword : {"is empty", "is not empty", "is true", "not in (", "contains", "starts with",
                                "ends with", "between", "in top", "in bottom", "in last", "more than",
                                "in next", "anniversary within", "before", "after", "in segment", "all(",
                                "any(", "none(", "disabled", ">=", "!="}) {
        QVERIFY2(text.contains(QLatin1StringView(keyword)), keyword);
    }
}

void TestHelp::ruleSyntaxTellsHowToAddAPurchase_data()
{
    QTest::addColumn<QString>("locale");
    QTest::newRow("English") << QStringLiteral("en_US");
    QTest::newRow("Chinese") << QStringLiteral("zh_CN");
}

// Help > Rule Syntax says how a purchase condition is added in the builder, in the words the builder shows in
// that language (read from the translation the window uses): the field picker's group and entry, the row's
// operators, counts and periods, and the where-group's match.
void TestHelp::ruleSyntaxTellsHowToAddAPurchase()
{
    QFETCH(QString, locale);
    ui::setInterfaceLanguage(QLocale(locale), QStringLiteral(SEGMENTA_QM_DIR));
    QString text;
    {
        ui::RuleSyntaxDialog dialog;
        text = dialog.findChild<QTextBrowser *>(QStringLiteral("ruleSyntaxText"))->toPlainText();
    }
    const std::pair<const char *, const char *> words[] = {
        {"segmenta::ui::GroupFrame", "+ Condition"},
        {"segmenta::ui::FieldPicker", "Purchase metrics"},
        {"segmenta::ui::FieldPicker", "Purchased…"},
        {"segmenta::ui::ConditionRow", "Purchases"},
        {"segmenta::ui::ConditionRow", "ordered"},
        {"segmenta::ui::ConditionRow", "spent"},
        {"segmenta::ui::PurchaseEditor", "at least"},
        {"segmenta::ui::PurchaseEditor", "never"},
        {"segmenta::ui::PurchaseEditor", "at any time"},
        {"segmenta::ui::PurchaseEditor", "in the last"},
        {"segmenta::ui::GroupFrame", "with a line matching all of"},
        {"segmenta::ui::FieldPicker", "Order line"},
    };
    for (const auto &[context, source] : words) {
        const QString shown = QCoreApplication::translate(context, source);
        if (locale != u"en_US")
            QVERIFY2(shown != QString::fromUtf8(source), source); // the translation is there: the check means something
        QVERIFY2(text.contains(shown), qPrintable(shown));
    }
    ui::setInterfaceLanguage(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral(SEGMENTA_QM_DIR));
}

void TestHelp::aboutNamesVersionAndLicences()
{
    ui::MainWindow window;
    window.findChild<ui::HelpMenu *>()->showAbout();
    auto *dialog = window.findChild<ui::AboutDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("aboutTitle"))->text().contains(QLatin1StringView(kVersion)));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("librariesTable"));
    const QStringList expected = {QStringLiteral("Qt"),     QStringLiteral("SQLite"),  QStringLiteral("Boost"),
                                  QStringLiteral("libxlsxwriter"), QStringLiteral("libzip"), QStringLiteral("uchardet"),
                                  QStringLiteral("FreeXL"), QStringLiteral("expat")};
    QCOMPARE(table->rowCount(), int(expected.size()));
    QHash<QString, QString> licences;
    QHash<QString, QString> versions;
    for (int row = 0; row < table->rowCount(); ++row) {
        licences.insert(cell(table, row, 0), cell(table, row, 2));
        versions.insert(cell(table, row, 0), cell(table, row, 1));
    }
    for (const QString &name : expected)
        QVERIFY2(!licences.value(name).isEmpty(), qPrintable(name));
    QCOMPARE(licences.value(QStringLiteral("SQLite")), QStringLiteral("Public domain"));
    QVERIFY(licences.value(QStringLiteral("Qt")).contains(QStringLiteral("LGPL")));
    QVERIFY(licences.value(QStringLiteral("Boost")).contains(QStringLiteral("BSL-1.0")));
    QCOMPARE(licences.value(QStringLiteral("expat")), QStringLiteral("MIT"));
    // Versions as the libraries report them through another way in.
    QCOMPARE(versions.value(QStringLiteral("Qt")), QString::fromLatin1(qVersion()));
    auto ws = store::Workspace::create(m_dir.filePath(QStringLiteral("about.segmenta")));
    QVERIFY(ws.ok());
    QCOMPARE(versions.value(QStringLiteral("SQLite")), ws.value()->db().scalar("SELECT sqlite_version()").toString());
}

void TestHelp::tourIsShownOnceForTheDemoShop()
{
    // A small demo shop where the app keeps it, so opening it does not generate 20,000 customers.
    const QString demoPath = ui::MainWindow::demoShopPath();
    QVERIFY(demoPath.contains(QStringLiteral(".qttest"))); // test mode: never the user's own demo shop
    QDir().mkpath(QFileInfo(demoPath).absolutePath());
    QFile::remove(demoPath);
    {
        auto ws = store::Workspace::create(demoPath);
        QVERIFY(ws.ok());
        demo::DemoSetupOptions options;
        options.shop.customers = 300;
        options.history = false;
        QVERIFY(demo::DemoShop::setUp(*ws.value(), options).ok());
    }
    {
        // Another workspace does not start it.
        const QString other = m_dir.filePath(QStringLiteral("other.segmenta"));
        QVERIFY(QFile::copy(demoPath, other));
        ui::MainWindow window;
        window.show();
        QVERIFY(window.openWorkspace(other));
        QVERIFY(!ui::Tour::current(&window));
        QVERIFY(!ui::AppSettings::instance().tourShown());
    }
    {
        ui::MainWindow window;
        window.show();
        QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
        window.openDemoShop();
        QTRY_VERIFY(opened.count() == 1);
        ui::Tour *tour = ui::Tour::current(&window);
        QVERIFY(tour);
        QCOMPARE(tour->step(), 0);
        QCOMPARE(tour->title(), QStringLiteral("Saved segments"));
        auto *back = tour->findChild<QPushButton *>(QStringLiteral("tourBack"));
        auto *next = tour->findChild<QPushButton *>(QStringLiteral("tourNext"));
        QVERIFY(!back->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(tour->step(), 1);
        QCOMPARE(tour->title(), QStringLiteral("The rule editor"));
        QTest::mouseClick(back, Qt::LeftButton);
        QCOMPARE(tour->step(), 0);
        QTest::mouseClick(next, Qt::LeftButton);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(tour->step(), 2);
        QCOMPARE(next->text(), QStringLiteral("Done"));
        QSignalSpy finished(tour, &ui::Tour::finished);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(finished.count(), 1);
        QVERIFY(!ui::Tour::current(&window));
        QVERIFY(ui::AppSettings::instance().tourShown());
    }
    {
        // The second time: no tour, until asked for from the Help menu.
        ui::MainWindow window;
        window.show();
        QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
        window.openDemoShop();
        QTRY_VERIFY(opened.count() == 1);
        QVERIFY(!ui::Tour::current(&window));
        window.findChild<QAction *>(QStringLiteral("tourAction"))->trigger();
        ui::Tour *tour = ui::Tour::current(&window);
        QVERIFY(tour);
        QTest::keyClick(tour->findChild<QPushButton *>(QStringLiteral("tourNext")), Qt::Key_Escape);
        QVERIFY(!ui::Tour::current(&window));
    }
}

void TestHelp::recentWorkspacesMostRecentFirstMissingGreyed()
{
    ui::AppSettings::instance().clearRecentWorkspaces();
    QStringList paths;
    for (int i = 0; i < 10; ++i) {
        paths << m_dir.filePath(QStringLiteral("recent%1.segmenta").arg(i));
        QVERIFY(store::Workspace::create(paths.constLast()).ok());
    }
    ui::MainWindow window;
    for (const QString &path : paths)
        QVERIFY(window.openWorkspace(path));
    QVERIFY(window.openWorkspace(paths.at(3))); // opened again: moves to the top
    const QStringList recent = ui::AppSettings::instance().recentWorkspaces();
    QCOMPARE(recent.size(), ui::AppSettings::kMaxRecent);
    QCOMPARE(recent.constFirst(), QFileInfo(paths.at(3)).absoluteFilePath());
    QCOMPARE(recent.at(1), QFileInfo(paths.at(9)).absoluteFilePath());
    QVERIFY(!recent.contains(QFileInfo(paths.at(0)).absoluteFilePath())); // the oldest fell off
    QVERIFY(!recent.contains(QFileInfo(paths.at(1)).absoluteFilePath()));

    QVERIFY(QFile::remove(paths.at(9)));
    auto *menu = window.findChild<ui::RecentWorkspacesMenu *>();
    menu->rebuild();
    const QList<QAction *> actions = menu->actions();
    QVERIFY(actions.size() >= ui::AppSettings::kMaxRecent);
    QCOMPARE(actions.at(0)->data().toString(), recent.at(0));
    QVERIFY(actions.at(0)->isEnabled());
    QCOMPARE(actions.at(1)->data().toString(), recent.at(1));
    QVERIFY(!actions.at(1)->isEnabled()); // the deleted one: greyed and marked
    QVERIFY(actions.at(1)->text().contains(QStringLiteral("(missing)")));
    const auto removeMissing = std::find_if(actions.begin(), actions.end(), [](const QAction *action) {
        return action->text().contains(QStringLiteral("Remove &Missing"));
    });
    QVERIFY(removeMissing != actions.end());
    (*removeMissing)->trigger();
    QCOMPARE(ui::AppSettings::instance().recentWorkspaces().size(), ui::AppSettings::kMaxRecent - 1);
    QVERIFY(!ui::AppSettings::instance().recentWorkspaces().contains(recent.at(1)));
    // Choosing an entry opens it.
    menu->rebuild();
    QSignalSpy opened(&window, &ui::MainWindow::workspaceOpened);
    menu->actions().at(2)->trigger();
    QCOMPARE(opened.count(), 1);
    QCOMPARE(QFileInfo(window.workspace()->path()).absoluteFilePath(), ui::AppSettings::instance().recentWorkspaces().constFirst());
}

namespace {

// Answers the next modal dialog the way a user would: a file dialog gets `fileName` typed and accepted, a
// message box is closed (its text kept in `*message`).
void answerNextDialog(const QString &fileName, QString *message)
{
    QTimer::singleShot(50, qApp, [fileName, message] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *files = qobject_cast<QFileDialog *>(modal)) {
            auto *name = files->findChild<QLineEdit *>(QStringLiteral("fileNameEdit"));
            if (name) {
                name->setText(fileName);
                QTest::keyClick(name, Qt::Key_Return);
            } else {
                files->reject();
            }
        } else if (auto *box = qobject_cast<QMessageBox *>(modal)) {
            *message = box->text();
            box->accept();
        } else {
            answerNextDialog(fileName, message); // not shown yet
        }
    });
}

} // namespace

void TestHelp::newWorkspaceIsCreatedEmptyAndOpened()
{
    ui::MainWindow window;
    window.show();
    QAction *create = nullptr;
    const QList<QAction *> fileActions = window.menuBar()->actions().constFirst()->menu()->actions();
    for (QAction *action : fileActions) {
        if (action->shortcut() == QKeySequence(QKeySequence::New))
            create = action;
    }
    QVERIFY(create);
    const QString path = m_dir.filePath(QStringLiteral("fresh"));
    QString message;
    answerNextDialog(path, &message);
    create->trigger();
    QVERIFY(window.workspace());
    QCOMPARE(QFileInfo(window.workspace()->path()).absoluteFilePath(), QFileInfo(path + QStringLiteral(".segmenta")).absoluteFilePath());
    QCOMPARE(window.workspace()->customerCount(), 0);
    QCOMPARE(ui::AppSettings::instance().recentWorkspaces().constFirst(), QFileInfo(path + QStringLiteral(".segmenta")).absoluteFilePath());
    auto reopened = store::Workspace::open(path + QStringLiteral(".segmenta"), store::Workspace::Mode::ReadOnly);
    QVERIFY(reopened.ok());

    // An existing file is not replaced: the user is told, and the open workspace stays.
    const QString existing = m_dir.filePath(QStringLiteral("recent3.segmenta"));
    const QByteArray before = [&existing] {
        QFile file(existing);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(!before.isEmpty());
    answerNextDialog(existing, &message);
    answerNextDialog(existing, &message); // then the message box
    create->trigger();
    QTRY_VERIFY(!message.isEmpty());
    QVERIFY2(message.contains(QStringLiteral("recent3.segmenta")), qPrintable(message));
    QCOMPARE(QFileInfo(window.workspace()->path()).fileName(), QStringLiteral("fresh.segmenta"));
    QFile file(existing);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

QTEST_MAIN(TestHelp)
#include "tst_help.moc"
