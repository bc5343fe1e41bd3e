#include "export/exportcolumnchoice.h"
#include "export/exportdialog.h"
#include "export/memberexportjob.h"

#include "demo/demoshop.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <set>

using namespace segmenta;

// The export dialog driven through its widgets; the workbook it writes is read back with openpyxl
// (tests/export/readback.py) and compared with plain SQL over the same workspace.
class TestExportDialog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exportThroughTheDialog();
    void columnChoiceIsRememberedPerSegment();
    void replacingAFileIsAsked();
    void aCancelledExportLeavesNothing();

private:
    rules::Rule segmentRule(const QString &name);
    QJsonArray readXlsxRows(const QString &path); // rows of the first sheet
    template <typename T>
    static T *child(QWidget *parent, const char *name)
    {
        return parent->findChild<T *>(QString::fromLatin1(name));
    }

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TestExportDialog::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto created = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    m_workspace = std::move(created).value();
}

rules::Rule TestExportDialog::segmentRule(const QString &name)
{
    auto found = segments::SegmentStore(m_workspace->db()).find(name);
    if (!found || !found.value())
        return {};
    return found.value()->rule;
}

QJsonArray TestExportDialog::readXlsxRows(const QString &path)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/export/readback.py"), QStringLiteral("xlsx"), path});
    if (!python.waitForFinished(60000) || python.exitCode() != 0) {
        qWarning("%s", python.readAllStandardError().constData());
        return {};
    }
    const QJsonObject book = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
    return book.value(QStringLiteral("sheets")).toArray().at(0).toObject().value(QStringLiteral("rows")).toArray();
}

void TestExportDialog::exportThroughTheDialog()
{
    const QString out = m_dir.filePath(QStringLiteral("repeat buyers.xlsx"));
    ui::ExportDialog dialog(m_workspace.get(), QStringLiteral("Repeat buyers"));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *path = child<QLineEdit>(&dialog, "exportPath");
    path->selectAll();
    QTest::keyClicks(path, out);
    // Columns: the defaults are checked; uncheck E-mail, move Total spend up two places.
    auto *columns = child<QListWidget>(&dialog, "exportColumns");
    QCOMPARE(dialog.checkedColumns(), exporting::ExportOptions::defaultColumns());
    const auto itemOf = [columns](const QString &name) -> QListWidgetItem * {
        for (int i = 0; i < columns->count(); ++i) {
            if (columns->item(i)->data(Qt::UserRole).toString() == name)
                return columns->item(i);
        }
        return nullptr;
    };
    QListWidgetItem *email = itemOf(QStringLiteral("email"));
    QVERIFY(email);
    email->setCheckState(Qt::Unchecked);
    QListWidgetItem *spend = itemOf(QStringLiteral("total_spend"));
    QVERIFY(spend);
    QTest::mouseClick(columns->viewport(), Qt::LeftButton, {}, columns->visualItemRect(spend).center());
    QCOMPARE(columns->currentItem(), spend);
    QTest::mouseClick(child<QPushButton>(&dialog, "exportColumnUp"), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(&dialog, "exportColumnUp"), Qt::LeftButton);
    const QStringList expectedColumns{QStringLiteral("customer_id"),     QStringLiteral("name"),
                                      QStringLiteral("phone"),           QStringLiteral("city"),
                                      QStringLiteral("lifecycle_stage"), QStringLiteral("value_tier"),
                                      QStringLiteral("total_spend"),     QStringLiteral("rfm_segment"),
                                      QStringLiteral("orders_count"),    QStringLiteral("last_order_date")};
    QCOMPARE(dialog.checkedColumns(), expectedColumns);
    // Mask, and a 10 / 90 split with seed 7 as a Group column.
    QTest::mouseClick(child<QCheckBox>(&dialog, "exportMask"), Qt::LeftButton);
    child<QGroupBox>(&dialog, "exportSplit")->setChecked(true);
    auto *seed = child<QSpinBox>(&dialog, "exportSplitSeed");
    seed->selectAll();
    QTest::keyClicks(seed, QStringLiteral("7"));

    QSignalSpy requested(&dialog, &ui::ExportDialog::exportRequested);
    QTest::mouseClick(child<QPushButton>(&dialog, "exportButton"), Qt::LeftButton);
    QCOMPARE(requested.count(), 1);
    const auto options = requested.at(0).at(0).value<exporting::ExportOptions>();
    QCOMPARE(options.outPath, out);
    QVERIFY(options.mask);
    QCOMPARE(options.splitPercents, (QList<int>{10, 90}));
    QCOMPARE(options.seed, quint64(7));
    QVERIFY(!options.force);
    QVERIFY(dialog.isHidden());

    QWidget host;
    auto *job = ui::MemberExportJob::start(&host, m_path, segmentRule(QStringLiteral("Repeat buyers")), options);
    QSignalSpy succeeded(job, &ui::MemberExportJob::succeeded);
    QVERIFY(succeeded.wait(60000));
    const auto summary = succeeded.at(0).at(0).value<exporting::ExportSummary>();
    QTRY_VERIFY(host.findChild<QMessageBox *>(QStringLiteral("exportFinishedMessage")));
    QCOMPARE(host.findChild<QMessageBox *>(QStringLiteral("exportFinishedMessage"))->text(), summary.message);

    // Read back independently and compare with plain SQL.
    std::set<QString> expectedKeys;
    store::Statement members(m_workspace->db(), "SELECT c.customer_key FROM customers c JOIN customer_metrics m "
                                                "ON m.customer_id = c.id WHERE m.orders_count >= 2");
    while (members.step())
        expectedKeys.insert(members.text(0));
    const QJsonArray rows = readXlsxRows(out);
    QCOMPARE(rows.size(), qsizetype(expectedKeys.size()) + 1);
    QCOMPARE(summary.members, qint64(expectedKeys.size()));
    QStringList header;
    for (const auto &cell : rows.at(0).toArray())
        header << cell.toArray().at(1).toString();
    QCOMPARE(header, (QStringList{QStringLiteral("Group"), QStringLiteral("Customer ID"), QStringLiteral("Name"),
                                  QStringLiteral("Phone"), QStringLiteral("City"), QStringLiteral("Lifecycle stage"),
                                  QStringLiteral("Value tier"), QStringLiteral("Total spend"), QStringLiteral("RFM segment"),
                                  QStringLiteral("Orders"), QStringLiteral("Last order date")}));
    std::set<QString> keys;
    qint64 groupA = 0;
    qint64 masked = 0;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        keys.insert(row.at(1).toArray().at(1).toString());
        if (row.at(0).toArray().at(1).toString() == u"A")
            ++groupA;
        const QString phone = row.at(3).toArray().at(1).toString();
        QVERIFY2(phone.isEmpty() || phone.contains(QStringLiteral("***")), qPrintable(phone));
        masked += phone.isEmpty() ? 0 : 1;
    }
    QVERIFY(masked > 0);
    QVERIFY(keys == expectedKeys);
    // 10 % in group A, within one member.
    QVERIFY2(std::abs(double(groupA) - 0.1 * double(keys.size())) <= 1.0, qPrintable(QString::number(groupA)));
}

void TestExportDialog::columnChoiceIsRememberedPerSegment()
{
    const QStringList chosen{QStringLiteral("name"), QStringLiteral("total_spend"), QStringLiteral("city")};
    {
        ui::ExportDialog dialog(m_workspace.get(), QStringLiteral("High value"));
        auto *columns = child<QListWidget>(&dialog, "exportColumns");
        for (int i = 0; i < columns->count(); ++i)
            columns->item(i)->setCheckState(Qt::Unchecked);
        // Check name, total_spend, city and order them by moving each to the top, last first.
        for (const QString &name : {QStringLiteral("city"), QStringLiteral("total_spend"), QStringLiteral("name")}) {
            for (int i = 0; i < columns->count(); ++i) {
                if (columns->item(i)->data(Qt::UserRole).toString() == name) {
                    columns->item(i)->setCheckState(Qt::Checked);
                    columns->setCurrentRow(i);
                    while (columns->currentRow() > 0)
                        QTest::mouseClick(child<QPushButton>(&dialog, "exportColumnUp"), Qt::LeftButton);
                    break;
                }
            }
        }
        QCOMPARE(dialog.checkedColumns(), chosen);
        child<QLineEdit>(&dialog, "exportPath")->setText(m_dir.filePath(QStringLiteral("champions.csv")));
        dialog.accept();
    }
    // Stored with the segment, read back by plain SQL.
    QCOMPARE(m_workspace->db().scalar("SELECT export_columns_json FROM segments WHERE name = 'High value'").toString(),
             QStringLiteral(R"(["name","total_spend","city"])"));
    ui::ExportDialog again(m_workspace.get(), QStringLiteral("High value"));
    QCOMPARE(again.checkedColumns(), chosen);
    // Other segments and the unsaved rule keep their own choice.
    ui::ExportDialog other(m_workspace.get(), QStringLiteral("One-time buyers"));
    QCOMPARE(other.checkedColumns(), exporting::ExportOptions::defaultColumns());
    ui::ExportDialog unsaved(m_workspace.get(), QString());
    QCOMPARE(unsaved.checkedColumns(), exporting::ExportOptions::defaultColumns());
}

void TestExportDialog::replacingAFileIsAsked()
{
    const QString out = m_dir.filePath(QStringLiteral("existing.csv"));
    {
        QFile file(out);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("keep me\n");
    }
    for (const auto answer : {QMessageBox::No, QMessageBox::Yes}) {
        ui::ExportDialog dialog(m_workspace.get(), QString());
        dialog.show();
        child<QLineEdit>(&dialog, "exportPath")->setText(out);
        QSignalSpy requested(&dialog, &ui::ExportDialog::exportRequested);
        bool asked = false;
        QTimer::singleShot(0, &dialog, [&asked, answer] {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            asked = true;
            box->button(answer)->click();
        });
        QTest::mouseClick(child<QPushButton>(&dialog, "exportButton"), Qt::LeftButton);
        QVERIFY(asked);
        if (answer == QMessageBox::No) {
            QCOMPARE(requested.count(), 0);
            QVERIFY(dialog.isVisible()); // the user can choose another name
        } else {
            QCOMPARE(requested.count(), 1);
            QVERIFY(requested.at(0).at(0).value<exporting::ExportOptions>().force);
        }
    }
    QFile file(out);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me\n")); // the dialog itself never writes
}

void TestExportDialog::aCancelledExportLeavesNothing()
{
    QTemporaryDir folder;
    exporting::ExportOptions options;
    options.outPath = folder.filePath(QStringLiteral("cancelled.xlsx"));
    auto progress = std::make_shared<Progress>();
    progress->cancel(); // as if Cancel was pressed before the first rows were written
    QWidget host;
    auto *job = ui::MemberExportJob::start(&host, m_path, rules::Rule{}, options, progress);
    QSignalSpy canceled(job, &ui::MemberExportJob::canceled);
    QVERIFY(canceled.wait(60000));
    QCOMPARE(QDir(folder.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
