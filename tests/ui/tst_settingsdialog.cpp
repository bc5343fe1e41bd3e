#include "../metrics/stagesql.h"

#include "customers/customersmodel.h"
#include "customers/customersview.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"
#include "settings/appsettings.h"
#include "settings/settingsdialog.h"

#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLocale>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;

// The settings dialog driven like a user would: typing thresholds, clicking OK or Cancel. What ends up in
// the workspace is checked with plain SQL over the orders.
class TestSettingsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void raisingTheAtRiskThresholdRestagesCustomers();
    void cancellingTheRecomputeChangesNothing();
    void cancelButtonChangesNothing();
    void invalidInputKeepsOkDisabled_data();
    void invalidInputKeepsOkDisabled();
    void dayAfterTheLatestOrder();
    void renamingAnRfmCell();
    void languageIsStoredForTheNextStart();
    void theCurrencyIsChosenAndShown();

private:
    std::unique_ptr<store::Workspace> open();
    static void typeInto(QSpinBox *box, int value);
    static QPushButton *okButton(ui::SettingsDialog &dialog);

    QTemporaryDir m_dir;
    QString m_path;
};

void TestSettingsDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("config")));
    QCoreApplication::setOrganizationName(QStringLiteral("SegmentaTest"));
    ui::AppSettings::instance().setTourShown(true);
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    QCOMPARE(ws.value()->db().scalar("SELECT count(*) FROM customers WHERE list_orders_count > 0").toLongLong(), 0);
}

void TestSettingsDialog::init()
{
    // Each test starts from the default definitions (the analysis date stays the demo shop's).
    auto ws = open();
    QVERIFY(ws);
    metrics::AnalysisChange defaults;
    defaults.analysisDate = metrics::AnalysisChange::current(*ws).analysisDate;
    QVERIFY(metrics::AnalysisChanges::apply(*ws, defaults).ok());
}

std::unique_ptr<store::Workspace> TestSettingsDialog::open()
{
    auto ws = store::Workspace::open(m_path);
    return ws ? std::move(ws).value() : nullptr;
}

void TestSettingsDialog::typeInto(QSpinBox *box, int value)
{
    box->setFocus();
    QTest::keyClick(box, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(box, QString::number(value));
}

QPushButton *TestSettingsDialog::okButton(ui::SettingsDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

void TestSettingsDialog::raisingTheAtRiskThresholdRestagesCustomers()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy figures(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(figures.wait(20000));
    const auto shownBefore = figures.count();
    window.rulePanel()->setRuleText(QStringLiteral("total_spend >= 100"));
    QTRY_VERIFY_WITH_TIMEOUT(figures.count() > shownBefore, 20000);
    const QDate asOf = window.workspace()->analysisDate();
    const qint64 atRiskBefore = testing::sqlStageCount(window.workspace()->db(), "at_risk");

    QAction *settings = window.findChild<QAction *>(QStringLiteral("settingsAction"));
    QVERIFY(settings);
    QCOMPARE(settings->shortcut(), QKeySequence(QStringLiteral("Ctrl+,")));
    settings->trigger();
    auto *dialog = window.findChild<ui::SettingsDialog *>();
    QVERIFY(dialog);
    auto *atRisk = dialog->findChild<QSpinBox *>(QStringLiteral("atRiskDays"));
    QCOMPARE(atRisk->value(), 180);
    typeInto(atRisk, 120);
    QCOMPARE(atRisk->value(), 120);
    QVERIFY(okButton(*dialog)->isEnabled());

    QSignalSpy reopened(&window, &ui::MainWindow::workspaceOpened);
    figures.clear();
    QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(reopened.count() == 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!figures.isEmpty(), 20000); // the dashboard shows the new figures
    QCOMPARE(window.rulePanel()->ruleText(), QStringLiteral("total_spend >= 100")); // the rule was kept

    auto ws = open();
    metrics::LifecycleDefinition expected;
    expected.atRiskDays = 120;
    QCOMPARE(ws->analysisDate(), asOf);
    QCOMPARE(testing::stagesDifferingFromSql(ws->db(), expected, asOf), 0);
    // Some customers between 121 and 180 days were at risk and are dormant now.
    QVERIFY(testing::sqlStageCount(ws->db(), "at_risk") < atRiskBefore);
    QCOMPARE(metrics::AnalysisSettings::load(*ws).lifecycle.atRiskDays, 120);
}

void TestSettingsDialog::cancellingTheRecomputeChangesNothing()
{
    auto ws = open();
    QVERIFY(ws);
    const QString before = testing::settingsAndMetricsDump(ws->db());
    ui::SettingsDialog dialog(ws.get());
    dialog.show();
    typeInto(dialog.findChild<QSpinBox *>(QStringLiteral("activeDays")), 45);
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    QSignalSpy notApplied(&dialog, &ui::SettingsDialog::notApplied);

    // Another connection holds the write lock, so the change cannot commit before Cancel is pressed.
    store::Database blocker = store::Database::open(m_path, store::Database::Access::ReadWrite);
    blocker.exec("BEGIN IMMEDIATE");
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(dialog.isApplying());
    QVERIFY(!okButton(dialog)->isEnabled());
    auto *progress = dialog.findChild<QProgressDialog *>(QStringLiteral("settingsProgress"));
    QVERIFY(progress);
    // The progress dialog may not be on screen yet (it shows after 300 ms): its Cancel button is clicked all the same.
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    cancel->click();
    blocker.exec("ROLLBACK");
    QVERIFY(notApplied.wait(30000));
    QCOMPARE(applied.count(), 0);
    QVERIFY(dialog.isVisible()); // still open, to change or cancel
    QVERIFY(!dialog.isApplying());
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("settingsProblem"))->text().contains(QStringLiteral("not changed")));
    QCOMPARE(testing::settingsAndMetricsDump(ws->db()), before);
    QCOMPARE(testing::settingsAndMetricsDump(open()->db()), before);
}

void TestSettingsDialog::cancelButtonChangesNothing()
{
    auto ws = open();
    const QString before = testing::settingsAndMetricsDump(ws->db());
    ui::SettingsDialog dialog(ws.get());
    dialog.show();
    typeInto(dialog.findChild<QSpinBox *>(QStringLiteral("newMaxOrders")), 2);
    dialog.findChild<QComboBox *>(QStringLiteral("tierMethod"))->setCurrentIndex(2);
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    QTest::mouseClick(dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Cancel), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    QCOMPARE(applied.count(), 0);
    QCOMPARE(testing::settingsAndMetricsDump(open()->db()), before);
}

void TestSettingsDialog::invalidInputKeepsOkDisabled_data()
{
    QTest::addColumn<int>("method"); // tier method page, -1 to leave it
    QTest::addColumn<QString>("box");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("reason");
    QTest::newRow("at risk = active") << -1 << QStringLiteral("atRiskDays") << 90 << QStringLiteral("At-risk days (90) must be more than active days (90)");
    QTest::newRow("at risk < active") << -1 << QStringLiteral("atRiskDays") << 30 << QStringLiteral("At-risk days (30) must be more than active days (90)");
    QTest::newRow("active beyond at risk") << -1 << QStringLiteral("activeDays") << 200 << QStringLiteral("At-risk days (180) must be more than active days (200)");
    QTest::newRow("growing = new") << -1 << QStringLiteral("growingMaxOrders") << 1 << QStringLiteral("more orders (1) than new ones (1)");
    QTest::newRow("customer shares 90 %") << 0 << QStringLiteral("customerShareLow") << 40 << QStringLiteral("add up to 90 %");
    QTest::newRow("customer shares 120 %") << 0 << QStringLiteral("customerShareHigh") << 40 << QStringLiteral("add up to 120 %");
    QTest::newRow("no high tier") << 0 << QStringLiteral("customerShareHigh") << 0 << QStringLiteral("above 0 %");
    QTest::newRow("revenue shares 105 %") << 1 << QStringLiteral("revenueShareLow") << 10 << QStringLiteral("shares of revenue add up to 105 %");
}

void TestSettingsDialog::invalidInputKeepsOkDisabled()
{
    QFETCH(int, method);
    QFETCH(QString, box);
    QFETCH(int, value);
    QFETCH(QString, reason);
    auto ws = open();
    ui::SettingsDialog dialog(ws.get());
    dialog.show();
    QVERIFY(okButton(dialog)->isEnabled());
    if (method >= 0)
        dialog.findChild<QComboBox *>(QStringLiteral("tierMethod"))->setCurrentIndex(method);
    auto *spin = dialog.findChild<QSpinBox *>(box);
    QVERIFY(spin);
    const int original = spin->value();
    typeInto(spin, value);
    QCOMPARE(spin->value(), value);
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY2(okButton(dialog)->toolTip().contains(reason), qPrintable(okButton(dialog)->toolTip()));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("settingsProblem"))->text().contains(reason));
    // Enter does not get past it either.
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    QTest::keyClick(&dialog, Qt::Key_Return);
    QVERIFY(dialog.isVisible());
    typeInto(spin, original);
    QVERIFY(okButton(dialog)->isEnabled());
    QVERIFY(okButton(dialog)->toolTip().isEmpty());
}

void TestSettingsDialog::dayAfterTheLatestOrder()
{
    auto ws = open();
    const QDate latest = QDate::fromString(
        ws->db().scalar("SELECT max(substr(order_date, 1, 10)) FROM orders").toString(), Qt::ISODate);
    QVERIFY(latest.isValid());
    ui::SettingsDialog dialog(ws.get());
    dialog.show();
    auto *date = dialog.findChild<QDateEdit *>(QStringLiteral("analysisDate"));
    auto *button = dialog.findChild<QPushButton *>(QStringLiteral("latestOrderButton"));
    date->setDate(QDate(2020, 1, 1));
    QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled(), 20000);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(date->date(), latest.addDays(1));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("todayButton")), Qt::LeftButton);
    QCOMPARE(date->date(), QDate::currentDate());
    QCOMPARE(dialog.change().analysisDate, QDate::currentDate());
}

void TestSettingsDialog::renamingAnRfmCell()
{
    auto ws = open();
    ui::SettingsDialog dialog(ws.get());
    dialog.show();
    dialog.showPage(1);
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("rfmMap"));
    QVERIFY(table->isVisible());
    // Top row is R5, first column F1: the R5 F5 cell is at (0, 4).
    QCOMPARE(table->verticalHeaderItem(0)->text(), QStringLiteral("R5"));
    QCOMPARE(table->horizontalHeaderItem(4)->text(), QStringLiteral("F5"));
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("Champions"));
    const QPoint cell = table->visualItemRect(table->item(0, 4)).center();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell);
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell);
    QWidget *editor = QApplication::focusWidget();
    QVERIFY(editor && editor != table);
    QTest::keyClick(editor, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(editor, QStringLiteral("Stars"));
    QSignalSpy applied(&dialog, &ui::SettingsDialog::applied);
    QTest::keyClick(editor, Qt::Key_Return); // ends the editing, does not accept the dialog
    QTRY_COMPARE(table->item(0, 4)->text(), QStringLiteral("Stars"));
    QVERIFY(dialog.isVisible());
    QVERIFY(!dialog.isApplying());
    // An emptied cell blocks OK.
    table->item(1, 0)->setText(QString());
    QVERIFY(!okButton(dialog)->isEnabled());
    QVERIFY(okButton(dialog)->toolTip().contains(QStringLiteral("R4 F1 is empty")));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("restoreRfmMap")), Qt::LeftButton);
    QCOMPARE(table->item(0, 4)->text(), QStringLiteral("Champions"));
    QVERIFY(okButton(dialog)->isEnabled());
    table->item(0, 4)->setText(QStringLiteral("Stars"));

    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(applied.count() == 1, 30000);
    auto reread = open();
    auto &db = reread->db();
    QVERIFY(db.scalar("SELECT count(*) FROM customer_metrics WHERE r_score = 5 AND f_score = 5").toLongLong() > 0);
    QCOMPARE(db.scalar("SELECT count(*) FROM customer_metrics WHERE r_score = 5 AND f_score = 5 "
                       "AND rfm_segment IS NOT 'Stars'").toLongLong(), 0);
    QCOMPARE(db.scalar("SELECT count(*) FROM customer_metrics WHERE rfm_segment = 'Stars' "
                       "AND NOT (r_score = 5 AND f_score = 5)").toLongLong(), 0);
    QCOMPARE(db.scalar("SELECT count(*) FROM customer_metrics WHERE r_score = 5 AND f_score = 4 "
                       "AND rfm_segment IS NOT 'Champions'").toLongLong(), 0);
}

void TestSettingsDialog::languageIsStoredForTheNextStart()
{
    ui::SettingsDialog dialog(nullptr); // no workspace: only the language
    dialog.show();
    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("language"));
    QVERIFY(language->isVisible());
    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    QTest::mouseClick(okButton(dialog), Qt::LeftButton);
    QVERIFY(!dialog.isVisible());
    QCOMPARE(ui::AppSettings::instance().language(), QStringLiteral("zh_CN"));
    QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
    ui::AppSettings::instance().setLanguage(QString());
}

// No currency stored: the locale's ($). Euros chosen in Settings: stored with the workspace and shown on the
// dashboard and in the Customers view; the choice of the region's symbol removes it again.
void TestSettingsDialog::theCurrencyIsChosenAndShown()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy figures(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(figures.wait(20000));
    QVERIFY2(window.dashboard()->headlineText().contains(QStringLiteral("Revenue $")), qPrintable(window.dashboard()->headlineText()));

    window.findChild<QAction *>(QStringLiteral("settingsAction"))->trigger();
    auto *dialog = window.findChild<ui::SettingsDialog *>();
    QVERIFY(dialog);
    auto *currency = dialog->findChild<QComboBox *>(QStringLiteral("currencySymbol"));
    QVERIFY(currency);
    QCOMPARE(currency->currentIndex(), 0);
    QCOMPARE(currency->currentText(), QStringLiteral("$ (from your region)"));
    currency->setCurrentIndex(currency->findText(QStringLiteral("€")));
    QVERIFY(okButton(*dialog)->isEnabled());
    QSignalSpy reopened(&window, &ui::MainWindow::workspaceOpened);
    figures.clear();
    QTest::mouseClick(okButton(*dialog), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(reopened.count() == 1, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!figures.isEmpty(), 20000);
    QCOMPARE(open()->setting(QStringLiteral("currency_symbol")), QStringLiteral("€"));
    const QString headline = window.dashboard()->headlineText();
    QVERIFY2(headline.contains(QStringLiteral("Revenue €")), qPrintable(headline));

    ui::CustomersModel *model = window.customersView()->model();
    model->setWorkspace(window.workspace());
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading(), 20000);
    const int spend = model->columnOf(QStringLiteral("total_spend"));
    model->data(model->index(0, spend));
    QTRY_VERIFY_WITH_TIMEOUT(model->data(model->index(0, spend), ui::CustomersModel::kStoredValueRole).isValid(), 20000);
    QVERIFY2(model->data(model->index(0, spend)).toString().startsWith(u'€'), qPrintable(model->data(model->index(0, spend)).toString()));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
