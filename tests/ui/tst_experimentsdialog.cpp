// The experiment loop in the window: the Export dialog records a split as an experiment (widgets clicked and
// typed into), follow-up orders arrive, Segment > Experiments shows the result, deletes it and Edit > Undo puts
// it back. Expected figures come from plain SQL over the workspace and the exported CSV file, not from the
// code under test.
#include "charts/conversionchart.h"
#include "dashboard/dashboardcontroller.h"
#include "experiments/experimentsdialog.h"
#include "export/exportdialog.h"
#include "history/workspacehistory.h"
#include "mainwindow.h"
#include "report/segmentreport.h"
#include "segments/rulepanel.h"

#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QUndoStack>

#include <map>

using namespace segmenta;

namespace {

qint64 scalar(const QString &path, const char *sql)
{
    auto ws = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
    return ws ? ws.value()->db().scalar(sql).toLongLong() : -1;
}

QString pdfText(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    process.waitForFinished(30000);
    // NFKC: the ligatures the PDF uses ("ﬀ" in "offer") read as their letters.
    return QString::fromUtf8(process.readAllStandardOutput()).normalized(QString::NormalizationForm_KC);
}

} // namespace

class TestExperimentsDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void wholeLoopInTheWindow();
    void sentenceInChinese();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestExperimentsDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{600}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
}

void TestExperimentsDialog::wholeLoopInTheWindow()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(shown.count() > 0 || shown.wait(30000));

    // Export every customer split 70/30, recorded as "Tea offer" with B as the control.
    window.exportMembers();
    auto *exportDialog = window.findChild<ui::ExportDialog *>();
    QVERIFY(exportDialog);
    const QString csv = m_dir.filePath(QStringLiteral("split.csv"));
    auto *path = exportDialog->findChild<QLineEdit *>(QStringLiteral("exportPath"));
    path->clear();
    QTest::keyClicks(path, csv);
    exportDialog->findChild<QGroupBox *>(QStringLiteral("exportSplit"))->setChecked(true);
    auto *percents = exportDialog->findChild<QLineEdit *>(QStringLiteral("exportSplitPercents"));
    percents->clear();
    QTest::keyClicks(percents, QStringLiteral("70, 30"));
    auto *record = exportDialog->findChild<QCheckBox *>(QStringLiteral("exportExperiment"));
    auto *name = exportDialog->findChild<QLineEdit *>(QStringLiteral("exportExperimentName"));
    QVERIFY(!name->isEnabled());
    QTest::mouseClick(record, Qt::LeftButton, {}, QPoint(4, record->height() / 2));
    QVERIFY(record->isChecked() && name->isEnabled());
    QTest::keyClicks(name, QStringLiteral("Tea offer"));
    auto *control = exportDialog->findChild<QComboBox *>(QStringLiteral("exportExperimentControl"));
    QCOMPARE(control->count(), 2);
    control->setCurrentIndex(1);
    QTest::mouseClick(exportDialog->findChild<QPushButton *>(QStringLiteral("exportButton")), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.findChild<QMessageBox *>(QStringLiteral("exportFinishedMessage")), 60000);
    QVERIFY2(window.findChild<QMessageBox *>(QStringLiteral("exportFinishedMessage"))->text().contains(u"recorded as experiment “Tea offer”"),
             qPrintable(window.findChild<QMessageBox *>(QStringLiteral("exportFinishedMessage"))->text()));
    QCOMPARE(scalar(m_path, "SELECT count(*) FROM experiments WHERE name = 'Tea offer'"), 1);
    QCOMPARE(scalar(m_path, "SELECT position FROM experiment_groups WHERE is_control = 1"), 1);

    // Who is in which group, from the exported file; then follow-up orders in plain SQL: the first 40 of A (by
    // key) buy 60 three days after the start, the first 10 of B buy 60 too, and 5 more of B buy 90 on day 40.
    std::map<QString, QStringList> groups;
    {
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).remove(QChar(0xfeff)).split(u'\n', Qt::SkipEmptyParts);
        const qsizetype idColumn = lines.front().split(u',').indexOf(QStringLiteral("Customer ID"));
        QVERIFY(idColumn > 0);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QStringList cells = lines[i].trimmed().split(u',');
            groups[cells[0]] << cells[idColumn];
        }
    }
    QCOMPARE(groups[QStringLiteral("A")].size() + groups[QStringLiteral("B")].size(), 600);
    const QString start = QStringLiteral("2026-07-01");
    {
        auto ws = store::Workspace::open(m_path);
        QVERIFY(ws);
        store::Statement insert(ws.value()->db(), "INSERT INTO orders(order_key, customer_id, order_date, amount) "
                                                  "SELECT ?1, id, ?2, ?3 FROM customers WHERE customer_key = ?4");
        int n = 0;
        const auto buy = [&](const QString &key, const char *date, double amount) {
            insert.bind(1, QStringLiteral("exp-%1").arg(++n)).bind(2, QString::fromLatin1(date)).bind(3, amount).bind(4, key);
            insert.run();
        };
        for (int i = 0; i < 40; ++i)
            buy(groups[QStringLiteral("A")][i], "2026-07-04", 60);
        for (int i = 0; i < 15; ++i)
            buy(groups[QStringLiteral("B")][i], i < 10 ? "2026-07-04" : "2026-08-10", i < 10 ? 60 : 90);
    }

    // Segment > Experiments.
    window.showExperiments();
    auto *dialog = window.findChild<ui::ExperimentsDialog *>();
    QVERIFY(dialog);
    QSignalSpy results(dialog, &ui::ExperimentsDialog::resultShown);
    QTRY_VERIFY_WITH_TIMEOUT(dialog->result().has_value(), 30000);
    auto *list = dialog->findChild<QListWidget *>(QStringLiteral("experimentList"));
    QCOMPARE(list->count(), 1);
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("experimentTable"));
    QCOMPARE(table->rowCount(), 2);
    const qint64 a = groups[QStringLiteral("A")].size();
    const qint64 b = groups[QStringLiteral("B")].size();
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("A"));
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("B (control)"));
    QCOMPARE(table->item(0, 1)->text(), QLocale().toString(a));
    QCOMPARE(table->item(0, 2)->text(), QStringLiteral("40"));
    QCOMPARE(table->item(1, 2)->text(), QStringLiteral("10"));
    QCOMPARE(table->item(0, 3)->text(), QLocale().toString(40.0 / double(a) * 100, 'f', 1) + u'%');
    QCOMPARE(table->item(1, 5)->text(), QStringLiteral("$600.00"));
    auto *sentence = dialog->findChild<QLabel *>(QStringLiteral("experimentSentence"));
    QVERIFY2(sentence->text().startsWith(QStringLiteral("Group A converted %1% against %2% for B")
                                             .arg(QLocale().toString(40.0 / double(a) * 100, 'f', 1),
                                                  QLocale().toString(10.0 / double(b) * 100, 'f', 1))),
             qPrintable(sentence->text()));
    auto *chart = dialog->findChild<ui::ConversionChart *>();
    QCOMPARE(chart->bars().size(), size_t(2));
    QCOMPARE(chart->bars()[1].rate, 10.0 / double(b));
    QVERIFY(chart->bars()[1].control && chart->bars()[1].low < chart->bars()[1].rate && chart->bars()[1].high > chart->bars()[1].rate);
    // Groups of a few hundred cannot show 5 points: the warning says so.
    auto *warning = dialog->findChild<QLabel *>(QStringLiteral("experimentWarning"));
    QVERIFY2(warning->text().contains(u"members per group are needed for 80% power"), qPrintable(warning->text()));

    // A 45-day window takes in B's orders on day 40.
    auto *windowDays = dialog->findChild<QSpinBox *>(QStringLiteral("experimentWindow"));
    results.clear();
    windowDays->selectAll();
    QTest::keyClicks(windowDays, QStringLiteral("45"));
    QTRY_COMPARE_WITH_TIMEOUT(table->item(1, 2)->text(), QStringLiteral("15"), 30000);
    QCOMPARE(table->item(1, 5)->text(), QStringLiteral("$1,050.00"));

    // The result page as a PDF, alone and as a page of the segment report.
    const QString pdf = m_dir.filePath(QStringLiteral("tea.pdf"));
    QCOMPARE(dialog->savePdf(pdf), QString());
    const QString text = pdfText(pdf);
    QVERIFY2(text.contains(u"Experiment “Tea offer”") && text.contains(u"Group A converted"), qPrintable(text));
    // Never over the workspace (or any other database).
    const qint64 experimentsBefore = scalar(m_path, "SELECT count(*) FROM experiment_members");
    const QString refused = dialog->savePdf(m_path);
    QVERIFY2(refused.contains(u"is a database"), qPrintable(refused));
    QCOMPARE(scalar(m_path, "SELECT count(*) FROM experiment_members"), experimentsBefore);
    ui::SegmentReport report;
    report.title = QStringLiteral("All customers");
    report.experiments.append({*dialog->result(), QString(), chart, QStringLiteral("$")});
    const QString combined = m_dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(ui::SegmentReportWriter::write(report, combined), QString());
    const QString both = pdfText(combined);
    QVERIFY2(both.contains(u"All customers") && both.contains(u"\f") && both.section(u'\f', 1).contains(u"Group A converted"),
             qPrintable(both));

    // File > Save Segment Report on the rule the experiment was recorded from adds its page, over the default
    // 30 days (so B's orders on day 40 are not in it); a report on another rule has no such page.
    const QString fromWindow = m_dir.filePath(QStringLiteral("window-report.pdf"));
    QCOMPARE(window.saveReport(fromWindow), QString());
    const QString pages = pdfText(fromWindow);
    QCOMPARE(pages.count(u'\f'), 3); // the segment's two pages, then the experiment's
    QVERIFY2(pages.section(u'\f', 2).contains(u"Experiment “Tea offer”")
                 && pages.section(u'\f', 2).contains(QStringLiteral("Group A converted %1% against %2% for B")
                                                          .arg(QLocale().toString(40.0 / double(a) * 100, 'f', 1),
                                                               QLocale().toString(10.0 / double(b) * 100, 'f', 1))),
             qPrintable(pages));
    window.rulePanel()->setRuleText(QStringLiteral("total_spend >= 0"));
    QCOMPARE(window.saveReport(fromWindow), QString());
    QVERIFY2(!pdfText(fromWindow).contains(u"Tea offer"), qPrintable(pdfText(fromWindow)));
    window.rulePanel()->setRuleText(QString());

    // Delete, then Undo brings back exactly what was there.
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    const QString before = ws.value()->db().scalar("SELECT group_concat(customer_key || ':' || group_position, ',') FROM "
                                                   "(SELECT * FROM experiment_members ORDER BY customer_id)").toString();
    QCOMPARE(before.count(u','), 599);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("experimentDelete")), Qt::LeftButton);
    QCOMPARE(scalar(m_path, "SELECT count(*) FROM experiments"), 0);
    QCOMPARE(scalar(m_path, "SELECT count(*) FROM experiment_members"), 0);
    QCOMPARE(list->count(), 0);
    // With none left, the dialog says what an experiment is and how to record one, in place of an empty table.
    auto *empty = dialog->findChild<QLabel *>(QStringLiteral("experimentsEmpty"));
    QVERIFY(empty && empty->isVisible() && !table->isVisible() && !list->isVisible());
    QVERIFY2(empty->text().contains(u"Record as an experiment"), qPrintable(empty->text()));
    QCOMPARE(window.history()->stack()->undoText(), QStringLiteral("Delete experiment “Tea offer”"));
    window.history()->stack()->undo();
    QCOMPARE(list->count(), 1);
    QVERIFY(!empty->isVisible() && table->isVisible() && list->isVisible());
    QCOMPARE(ws.value()->db().scalar("SELECT group_concat(customer_key || ':' || group_position, ',') FROM "
                                     "(SELECT * FROM experiment_members ORDER BY customer_id)").toString(), before);
    QCOMPARE(scalar(m_path, "SELECT position FROM experiment_groups WHERE is_control = 1"), 1);
    window.history()->stack()->redo();
    QCOMPARE(list->count(), 0);
    QVERIFY(empty->isVisible() && !table->isVisible());
}

// The example in Chinese, through the shipped translation: B 221 of 1000 against A (control) 304 of 1000;
// p = 2.46e-05 (Python, math.erfc) is shown as "< 0.0001".
void TestExperimentsDialog::sentenceInChinese()
{
    QTranslator own;
    QVERIFY2(own.load(QStringLiteral("segmenta_zh_CN"), QStringLiteral(SEGMENTA_QM_DIR)), SEGMENTA_QM_DIR);
    QVERIFY(QCoreApplication::installTranslator(&own));
    experiments::ExperimentResult result;
    result.groups.resize(2);
    result.groups[0].name = QStringLiteral("A");
    result.groups[0].control = true;
    result.groups[0].members = 1000;
    result.groups[0].converted = 304;
    result.groups[1].name = QStringLiteral("B");
    result.groups[1].members = 1000;
    result.groups[1].converted = 221;
    experiments::GroupComparison comparison;
    comparison.group = 1;
    comparison.control = 0;
    comparison.conversion = experiments::stats::compareProportions(304, 1000, 221, 1000);
    QCOMPARE(result.sentence(comparison),
             QStringLiteral("B 组转化率 22.1%，A 组 30.4%：低 8.3 个百分点；这么大的差异很少会是偶然（p < 0.0001）"));
    QCoreApplication::removeTranslator(&own);
    QCOMPARE(result.sentence(comparison), QStringLiteral("Group B converted 22.1% against 30.4% for A: 8.3 points fewer; "
                                                         "a difference this large would be rare by chance (p < 0.0001)"));
}

QTEST_MAIN(TestExperimentsDialog)
#include "tst_experimentsdialog.moc"
