// The currency a workspace without one takes from the first file that shows it (import/currencyguess.h):
// hand-made files, each with the symbol worked out by reading it, and the setting checked in the workspace
// with plain SQL. A workspace whose currency is set keeps it; undoing the import that gave one takes it back.
#include "import/importer.h"
#include "import/valueparser.h"
#include "metrics/settingschange.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::import;

namespace {

QString exportFile(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/") + QString::fromUtf8(name);
}

// The stored setting, read as SQL sees it (null: not stored).
QVariant storedCurrency(store::Workspace &workspace)
{
    return workspace.db().scalar("SELECT value FROM settings WHERE key = 'currency_symbol'");
}

} // namespace

class TestCurrencyGuess : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void symbolInText_data();
    void symbolInText();
    void fromFile_data();
    void fromFile();
    void chineseShopExport();
    void setCurrencyIsKept();
    void undoTakesItBack();
    void userChoiceOutlivesTheUndo();

private:
    QString writeFile(const QString &name, const QByteArray &text);
    std::unique_ptr<store::Workspace> newWorkspace(const QString &name);
    QTemporaryDir m_dir;
};

QString TestCurrencyGuess::writeFile(const QString &name, const QByteArray &text)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(text);
    return path;
}

std::unique_ptr<store::Workspace> TestCurrencyGuess::newWorkspace(const QString &name)
{
    auto created = store::Workspace::create(m_dir.filePath(name + QStringLiteral(".segmenta")));
    return created ? std::move(created).value() : nullptr;
}

void TestCurrencyGuess::symbolInText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("symbol");
    QTest::newRow("yen sign") << QStringLiteral("¥1,234.50") << QStringLiteral("¥");
    QTest::newRow("full-width yen") << QStringLiteral("￥88") << QStringLiteral("¥");
    QTest::newRow("yuan after") << QStringLiteral("88.00元") << QStringLiteral("¥");
    QTest::newRow("RMB") << QStringLiteral("RMB 88") << QStringLiteral("¥");
    QTest::newRow("dollar") << QStringLiteral("$12.00") << QStringLiteral("$");
    QTest::newRow("negative dollar") << QStringLiteral("-$5") << QStringLiteral("$");
    QTest::newRow("USD") << QStringLiteral("USD 1,200") << QStringLiteral("$");
    QTest::newRow("euro after") << QStringLiteral("12,50 €") << QStringLiteral("€");
    QTest::newRow("pound") << QStringLiteral("£3") << QStringLiteral("£");
    QTest::newRow("plain number") << QStringLiteral("1234.5") << QString();
}

void TestCurrencyGuess::symbolInText()
{
    QFETCH(QString, text);
    QFETCH(QString, symbol);
    QCOMPARE(values::currencySymbolIn(text), symbol);
}

void TestCurrencyGuess::fromFile_data()
{
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("symbol"); // empty: the file does not tell, nothing is stored
    // A currency column speaks first, over the amounts' symbols: Shopify's orders export.
    QTest::newRow("Shopify currency column")
        << QByteArray("Order ID,Customer ID,Currency,Total,Order "
                      "Date\n1001,a@x.com,EUR,$10.00,2024-01-05\n1002,b@x.com,EUR,20.00,2024-01-06\n")
        << QStringLiteral("€");
    QTest::newRow("currency column in Chinese, over Chinese headers")
        << QByteArray(
               "订单编号,客户编号,币种,金额,下单时间\nA1,c1,欧元,10,2024-01-05\nA2,c2,欧元,20,2024-01-06\n")
        << QStringLiteral("€");
    QTest::newRow("an unlisted ISO code")
        << QByteArray("order id,customer,currency,amount,date\nA1,c1,SEK,10,2024-01-05\n")
        << QStringLiteral("SEK");
    // Codes that disagree say nothing; the amounts' symbol then does.
    QTest::newRow("mixed currencies")
        << QByteArray(
               "order id,customer,currency,amount,date\nA1,c1,USD,£10,2024-01-05\nA2,c2,GBP,£20,2024-01-06\n")
        << QStringLiteral("£");
    QTest::newRow("symbols in the amounts")
        << QByteArray("order id,customer,amount,date\nA1,c1,$10.00,2024-01-05\nA2,c2,$5.50,2024-01-06\n")
        << QStringLiteral("$");
    QTest::newRow("most values' symbol")
        << QByteArray(
               "order "
               "id,customer,amount,date\nA1,c1,¥10,2024-01-05\nA2,c2,￥5,2024-01-06\nA3,c3,$1,2024-01-07\n")
        << QStringLiteral("¥");
    QTest::newRow("USD written out")
        << QByteArray("order id,customer,amount,date\nA1,c1,USD 10,2024-01-05\nA2,c2,USD 5,2024-01-06\n")
        << QStringLiteral("$");
    QTest::newRow("yuan written after")
        << QByteArray("订单号,会员名,订单金额,下单时间\nA1,c1,10元,2024-01-05\nA2,c2,20元,2024-01-06\n")
        << QStringLiteral("¥");
    QTest::newRow("Chinese headers, plain numbers")
        << QByteArray("订单编号,买家会员名,订单付款时间,实付金额\nT1,小王,2024-05-01 10:00:00,158.00\n")
        << QStringLiteral("¥");
    QTest::newRow("Chinese total spend in a customer list")
        << QByteArray("客户编号,姓名,累计消费\nc1,王,300\nc2,李,0\n") << QStringLiteral("¥");
    // Chinese headers elsewhere, English amount header, plain numbers: no money column is Chinese.
    QTest::newRow("Chinese city, English amount")
        << QByteArray("order id,customer,城市,amount,date\nA1,c1,上海,10,2024-01-05\n") << QString();
    QTest::newRow("plain numbers, English headers")
        << QByteArray("Order ID,Customer ID,Order Date,Amount\nA1,C1,2024-01-05,100.00\n") << QString();
    QTest::newRow("customer list without money") << QByteArray("customer id,city\nc1,Boston\n") << QString();
}

void TestCurrencyGuess::fromFile()
{
    QFETCH(QByteArray, csv);
    QFETCH(QString, symbol);
    auto workspace = newWorkspace(QString::fromLatin1(QTest::currentDataTag()));
    QVERIFY(workspace);
    const auto summary = Importer::run(*workspace, writeFile(QStringLiteral("file.csv"), csv));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->currencySymbol, symbol);
    QCOMPARE(storedCurrency(*workspace).toString(), symbol);
    QCOMPARE(storedCurrency(*workspace).isNull(), symbol.isEmpty());
    QCOMPARE(summary->currencyNote().isEmpty(), symbol.isEmpty());
    if (!symbol.isEmpty()) {
        QCOMPARE(workspace->currencySymbol(), symbol);
        QVERIFY2(summary->currencyNote().contains(symbol), qPrintable(summary->currencyNote()));
        QCOMPARE(summary->toJson().value(QStringLiteral("currency_symbol")).toString(), symbol);
    }
}

// The Taobao line export in tests/data (GB18030, headers 单价 and then 实付金额, plain numbers): yuan, and
// the summary names the amount's header, 实付金额.
void TestCurrencyGuess::chineseShopExport()
{
    auto workspace = newWorkspace(QStringLiteral("taobao"));
    QVERIFY(workspace);
    const auto summary = Importer::run(*workspace, exportFile("lines_taobao.csv"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(storedCurrency(*workspace).toString(), QStringLiteral("¥"));
    QVERIFY2(summary->currencyReason.contains(QStringLiteral("实付金额")),
             qPrintable(summary->currencyReason));
}

void TestCurrencyGuess::setCurrencyIsKept()
{
    auto workspace = newWorkspace(QStringLiteral("kept"));
    QVERIFY(workspace);
    workspace->setSetting(QStringLiteral("currency_symbol"), QStringLiteral("€"));
    const auto summary =
        Importer::run(*workspace, writeFile(QStringLiteral("dollars.csv"),
                                            "order id,customer,amount,date\nA1,c1,$10.00,2024-01-05\n"));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QVERIFY(summary->currencySymbol.isEmpty());
    QCOMPARE(storedCurrency(*workspace).toString(), QStringLiteral("€"));
    // And a second file after the first gave one: the first stays.
    auto fresh = newWorkspace(QStringLiteral("first wins"));
    QVERIFY(fresh);
    QVERIFY(Importer::run(*fresh, writeFile(QStringLiteral("pounds.csv"),
                                            "order id,customer,amount,date\nB1,c1,£10,2024-01-05\n"))
                .ok());
    const auto second =
        Importer::run(*fresh, writeFile(QStringLiteral("dollars2.csv"),
                                        "order id,customer,amount,date\nA1,c2,$10.00,2024-01-05\n"));
    QVERIFY(second.ok());
    QVERIFY(second->currencySymbol.isEmpty());
    QCOMPARE(storedCurrency(*fresh).toString(), QStringLiteral("£"));
}

// Imports are undone newest first (the window's undo stack): undoing a later import that gave no currency
// leaves it; undoing the one that gave it takes it back, leaving no currency setting at all.
void TestCurrencyGuess::undoTakesItBack()
{
    auto workspace = newWorkspace(QStringLiteral("undo"));
    QVERIFY(workspace);
    const auto pounds =
        Importer::run(*workspace, writeFile(QStringLiteral("pounds.csv"),
                                            "order id,customer,amount,date\nB1,c1,£10,2024-01-05\n"));
    QVERIFY(pounds.ok());
    const auto plain =
        Importer::run(*workspace, writeFile(QStringLiteral("plain.csv"),
                                            "order id,customer,amount,date\nP1,c2,10,2024-01-06\n"));
    QVERIFY(plain.ok());
    QCOMPARE(storedCurrency(*workspace).toString(), QStringLiteral("£"));
    const auto undone = Importer::undo(*workspace, plain->sourceId);
    QVERIFY2(undone.ok(), qPrintable(undone.errorMessage()));
    QCOMPARE(storedCurrency(*workspace).toString(), QStringLiteral("£"));
    QVERIFY(Importer::undo(*workspace, pounds->sourceId).ok());
    QVERIFY(storedCurrency(*workspace).isNull());
    QCOMPARE(workspace->db().scalar("SELECT count(*) FROM settings WHERE key LIKE 'currency%'").toLongLong(),
             qint64(0));
}

void TestCurrencyGuess::userChoiceOutlivesTheUndo()
{
    auto workspace = newWorkspace(QStringLiteral("user"));
    QVERIFY(workspace);
    const auto summary =
        Importer::run(*workspace, writeFile(QStringLiteral("pounds.csv"),
                                            "order id,customer,amount,date\nB1,c1,£10,2024-01-05\n"));
    QVERIFY(summary.ok());
    metrics::AnalysisChange change = metrics::AnalysisChange::current(*workspace);
    QCOMPARE(change.currencySymbol, QStringLiteral("£"));
    // Other settings changed, the currency left as it is: the import still owns it.
    QVERIFY(metrics::AnalysisChanges::apply(*workspace, change).ok());
    QCOMPARE(workspace->setting(QStringLiteral("currency_symbol_from_import")),
             QString::number(summary->sourceId));
    change.currencySymbol = QStringLiteral("GBP ");
    QVERIFY(metrics::AnalysisChanges::apply(*workspace, change).ok());
    QVERIFY(Importer::undo(*workspace, summary->sourceId).ok());
    QCOMPARE(storedCurrency(*workspace).toString(), QStringLiteral("GBP"));
}

QTEST_GUILESS_MAIN(TestCurrencyGuess)
#include "tst_currencyguess.moc"
