// The one-page segment report and the charts as PDF, read back with poppler's pdftotext and pdfinfo (an
// independent reader): the report names the segment and its rule, states the member count that plain SQL
// gives for the same rule, and carries the charts' labels as text.
#include "charts/chartexport.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "charts/funnelwidget.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"

#include "demo/demoshop.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;

namespace {

// The text of a PDF as pdftotext reads it, or a null string when it cannot.
QString pdfText(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

int pdfPages(const QString &path)
{
    QProcess process;
    process.start(QStringLiteral("pdfinfo"), {path});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return -1;
    for (const QString &line : QString::fromUtf8(process.readAllStandardOutput()).split(u'\n')) {
        if (line.startsWith(u"Pages:"))
            return line.mid(6).trimmed().toInt();
    }
    return -1;
}

} // namespace

class TestSegmentReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void reportOfARule();
    void aSavedSegmentsDescription();
    void chartAsPdf();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestSegmentReport::initTestCase()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
        QFAIL("pdftotext (poppler-utils) is missing: run installer/install-deps.sh");
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
}

void TestSegmentReport::reportOfARule()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(30000));
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    window.rulePanel()->setRuleText(QStringLiteral("orders_count >= 2"), QStringLiteral("Repeat buyers"));
    QVERIFY(shown.count() > 0 || shown.wait(30000));

    const QString pdf = m_dir.filePath(QStringLiteral("report.pdf"));
    QCOMPARE(window.saveReport(pdf), QString());
    // Page 1: the definition, size, funnel and value tiers; page 2: the RFM grid and the saved segments, each
    // drawn at the full width so that its numbers can be read.
    QCOMPARE(pdfPages(pdf), 2);
    const QString text = pdfText(pdf);
    QVERIFY2(!text.isEmpty(), "pdftotext read nothing");
    // The value tiers' legend names both series (the headline's "Revenue" is the other one), and the Pareto
    // curve's both curves.
    QVERIFY2(text.count(u"Revenue") >= 2, qPrintable(text));
    QVERIFY2(text.contains(u"Customers") && text.contains(u"Pareto curve"), qPrintable(text));
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QVERIFY(ws.ok());
    const qint64 members = ws.value()->db().scalar("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2").toLongLong();
    const qint64 all = ws.value()->db().scalar("SELECT count(*) FROM customers").toLongLong();
    QVERIFY2(members > 0 && members < all, "the rule should keep some customers, not all");
    QVERIFY2(text.contains(u"Repeat buyers"), qPrintable(text));
    QVERIFY2(text.contains(u"orders_count >= 2"), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("%1 customers").arg(QLocale().toString(members))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("of all %1 customers").arg(QLocale().toString(all))), qPrintable(text));
    for (const char *label : {"Lifecycle funnel", "Value tiers", "RFM grid", "Saved segments"})
        QVERIFY2(text.contains(QLatin1StringView(label)), label);

    // A folder that does not exist: a message naming the file, and nothing written.
    const QString bad = m_dir.filePath(QStringLiteral("missing/report.pdf"));
    const QString error = window.saveReport(bad);
    QVERIFY2(error.contains(bad), qPrintable(error));
    QVERIFY(!QFile::exists(bad));
}

// Issue 21 point 4: the report of a saved segment says what it is for (its description, as stored).
void TestSegmentReport::aSavedSegmentsDescription()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(30000));
    QString description;
    qint64 id = 0;
    {
        auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
        QVERIFY(ws.ok());
        description = ws.value()->db().scalar("SELECT description FROM segments WHERE name = 'Repeat buyers'").toString();
        id = ws.value()->db().scalar("SELECT id FROM segments WHERE name = 'Repeat buyers'").toLongLong();
    }
    QVERIFY(!description.isEmpty() && id > 0);
    window.rulePanel()->setRuleText(QStringLiteral("orders_count >= 2"), QStringLiteral("Repeat buyers"), id);
    const QString pdf = m_dir.filePath(QStringLiteral("described.pdf"));
    QCOMPARE(window.saveReport(pdf), QString());
    // pdftotext may break the line: compare the words.
    const QString text = pdfText(pdf).simplified();
    QVERIFY2(text.contains(description.simplified()), qPrintable(text.left(400)));
}

void TestSegmentReport::chartAsPdf()
{
    ui::MainWindow window;
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(30000));
    const QString pdf = m_dir.filePath(QStringLiteral("funnel.pdf"));
    QCOMPARE(ui::chartexport::saveToFile(window.dashboard()->funnel(), pdf), QString());
    QCOMPARE(pdfPages(pdf), 1);
    const QString text = pdfText(pdf);
    // The funnel's steps as the chart draws them, with the counts plain SQL gives.
    auto ws = store::Workspace::open(m_path, store::Workspace::Mode::ReadOnly);
    QVERIFY(ws.ok());
    const auto count = [&](const char *sql) { return QLocale().toString(ws.value()->db().scalar(sql).toLongLong()); };
    QVERIFY2(text.contains(QStringLiteral("Customers %1").arg(count("SELECT count(*) FROM customers"))), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("1+ orders %1").arg(count("SELECT count(*) FROM customer_metrics WHERE orders_count >= 1"))),
             qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("2+ orders %1").arg(count("SELECT count(*) FROM customer_metrics WHERE orders_count >= 2"))),
             qPrintable(text));
}

QTEST_MAIN(TestSegmentReport)
#include "tst_segmentreport.moc"
