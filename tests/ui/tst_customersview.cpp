#include "customers/columnchooser.h"
#include "customers/customercard.h"
#include "customers/customersmodel.h"
#include "customers/customersview.h"
#include "language.h"

#include "demo/demoshop.h"
#include "import/importer.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QDialogButtonBox>
#include <QFile>
#include <QTreeWidget>
#include <QLabel>
#include <QApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <set>

using namespace segmenta;

// The Customers view and the customer card on a demo shop, checked against plain SQL over the same file.
class TestCustomersView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void modelPassesTheModelTester();
    void rowCountIsTheRulesCount_data();
    void rowCountIsTheRulesCount();
    void sortingByTotalSpendIsSqlsOrder();
    void searchFiltersByNamePhoneEmailOrId_data();
    void searchFiltersByNamePhoneEmailOrId();
    void rowsShowTheirValues();
    void doubleClickOpensTheCard();
    void selectedRowsAreExported();
    void cardShowsListTotalsBesideOrders();
    void cardListsTheLinesOfTheSelectedOrder();
    void cardSaysWhyRIsMissingOnAOneDayExport();
    void columnsAreChosenAndRememberedPerWorkspace();
    void datesAreNeverCut_data();
    void cardSaysWhatTheCustomerBuys_data();
    void cardSaysWhatTheCustomerBuys();
    void datesAreNeverCut();

private:
    std::vector<qint64> sqlIds(const QString &sql, const QVariantList &bindings = {});
    static bool waitLoaded(ui::CustomersModel *model);

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TestCustomersView::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto created = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    m_workspace = std::move(created).value();
}

std::vector<qint64> TestCustomersView::sqlIds(const QString &sql, const QVariantList &bindings)
{
    auto db = store::Database::open(m_path, store::Database::Access::ReadOnly);
    store::Statement query(db, sql.toStdString());
    for (qsizetype i = 0; i < bindings.size(); ++i)
        query.bind(int(i + 1), bindings[i]);
    std::vector<qint64> ids;
    while (query.step())
        ids.push_back(query.int64(0));
    return ids;
}

bool TestCustomersView::waitLoaded(ui::CustomersModel *model)
{
    if (!model->isLoading())
        return true;
    QSignalSpy loaded(model, &ui::CustomersModel::loaded);
    return loaded.wait(20000) || !model->isLoading();
}

void TestCustomersView::modelPassesTheModelTester()
{
    ui::CustomersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setWorkspace(m_workspace.get());
    QVERIFY(waitLoaded(&model));
    QCOMPARE(model.rowCount(), 1500);
    // Touch rows across the table, so pages arrive while the tester watches.
    for (int row : {0, 200, 1499})
        model.data(model.index(row, 1));
    QSignalSpy filled(&model, &ui::CustomersModel::rowsFilled);
    QTRY_VERIFY_WITH_TIMEOUT(filled.count() >= 3, 20000);
    model.setRule(ui::CustomerFilter{}.rule);
    model.setRule(rules::RuleText::parse(QStringLiteral("orders_count >= 2")).value());
    QVERIFY(waitLoaded(&model));
    model.sort(model.columnOf(QStringLiteral("total_spend")), Qt::DescendingOrder);
    QVERIFY(waitLoaded(&model));
    model.setSearch(QStringLiteral("a"));
    QVERIFY(waitLoaded(&model));
    model.data(model.index(0, 0));
    QTRY_VERIFY_WITH_TIMEOUT(model.data(model.index(0, 0), ui::CustomersModel::kStoredValueRole).isValid(), 20000);
    model.setWorkspace(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestCustomersView::rowCountIsTheRulesCount_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("sql");
    const QString from = QStringLiteral("SELECT c.id FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ");
    QTest::newRow("everyone") << QString() << from;
    QTest::newRow("spend") << QStringLiteral("total_spend >= 1000") << from + QStringLiteral("WHERE m.total_spend >= 1000");
    QTest::newRow("city or orders") << QStringLiteral("city is \"上海\" or orders_count >= 5")
                                    << from + QStringLiteral("WHERE c.city = '上海' OR m.orders_count >= 5");
    QTest::newRow("at risk") << QStringLiteral("lifecycle_stage in (\"at_risk\")")
                             << from + QStringLiteral("WHERE m.lifecycle_stage = 'at_risk'");
    QTest::newRow("none") << QStringLiteral("total_spend > 100000000") << from + QStringLiteral("WHERE m.total_spend > 100000000");
}

void TestCustomersView::rowCountIsTheRulesCount()
{
    QFETCH(QString, rule);
    QFETCH(QString, sql);
    ui::CustomersModel model;
    model.setWorkspace(m_workspace.get());
    const auto parsed = rules::RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    model.setRule(parsed.value());
    QVERIFY(waitLoaded(&model));
    const auto expected = sqlIds(sql + QStringLiteral(" ORDER BY c.id"));
    QCOMPARE(model.rowCount(), int(expected.size()));
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(model.customerId(row), expected[size_t(row)]);
}

void TestCustomersView::sortingByTotalSpendIsSqlsOrder()
{
    // Sorted by clicking the column's header in the view, as a user does.
    ui::CustomersView view;
    view.resize(1000, 600);
    view.show();
    view.setWorkspace(m_workspace.get());
    ui::CustomersModel *model = view.model();
    QVERIFY(waitLoaded(model));
    const int column = model->columnOf(QStringLiteral("total_spend"));
    QVERIFY(column >= 0);
    QHeaderView *header = view.table()->horizontalHeader();
    view.table()->scrollTo(model->index(0, column));
    const QPoint at(header->sectionViewportPosition(column) + header->sectionSize(column) / 2, header->height() / 2);
    QSignalSpy loaded(model, &ui::CustomersModel::loaded);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(loaded.count() > 0 || loaded.wait(20000)); // it may have come during the click
    if (header->sortIndicatorOrder() == Qt::AscendingOrder) { // the first click's order depends on the style
        loaded.clear();
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, at);
        QVERIFY(loaded.count() > 0 || loaded.wait(20000));
    }
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
    const auto expected = sqlIds(QStringLiteral("SELECT c.id FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
                                                "ORDER BY m.total_spend DESC, c.id"));
    QCOMPARE(model->rowCount(), int(expected.size()));
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->customerId(row), expected[size_t(row)]);
    // Ascending, under a rule.
    model->setRule(rules::RuleText::parse(QStringLiteral("orders_count >= 1")).value());
    model->sort(column, Qt::AscendingOrder);
    QVERIFY(waitLoaded(model));
    const auto ascending = sqlIds(QStringLiteral("SELECT c.id FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
                                                 "WHERE m.orders_count >= 1 ORDER BY m.total_spend ASC, c.id"));
    QCOMPARE(model->rowCount(), int(ascending.size()));
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(model->customerId(row), ascending[size_t(row)]);
}

void TestCustomersView::searchFiltersByNamePhoneEmailOrId_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("English name, any case") << QStringLiteral("chen");
    QTest::newRow("phone digits") << QStringLiteral("139");
    QTest::newRow("e-mail domain") << QStringLiteral("@qq.com");
    QTest::newRow("Chinese surname") << QStringLiteral("王");
    QTest::newRow("LIKE wildcards are literal") << QStringLiteral("%_");
}

void TestCustomersView::searchFiltersByNamePhoneEmailOrId()
{
    QFETCH(QString, text);
    ui::CustomersView view;
    view.show();
    view.setWorkspace(m_workspace.get());
    QVERIFY(waitLoaded(view.model()));
    auto *search = view.findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    QVERIFY(search);
    QSignalSpy loaded(view.model(), &ui::CustomersModel::loaded);
    search->setFocus();
    search->setText(text); // typed text and text from an input method end up the same
    QVERIFY(loaded.count() > 0 || loaded.wait(20000));
    // Independently: instr() over lower-cased values (the demo's names, phones and e-mails are ASCII or CJK).
    const auto expected = sqlIds(QStringLiteral("SELECT id FROM customers WHERE instr(lower(ifnull(name, '')), lower(?1)) "
                                                "OR instr(lower(ifnull(phone, '')), lower(?1)) OR instr(lower(ifnull(email, '')), lower(?1)) "
                                                "OR instr(lower(customer_key), lower(?1)) ORDER BY id"),
                                 {text});
    QCOMPARE(view.model()->rowCount(), int(expected.size()));
    for (int row = 0; row < view.model()->rowCount(); ++row)
        QCOMPARE(view.model()->customerId(row), expected[size_t(row)]);
    if (text == u"%_")
        QCOMPARE(view.model()->rowCount(), 0);
    else
        QVERIFY(view.model()->rowCount() > 0);
}

void TestCustomersView::rowsShowTheirValues()
{
    ui::CustomersModel model;
    model.setWorkspace(m_workspace.get());
    model.sort(model.columnOf(QStringLiteral("total_spend")), Qt::DescendingOrder);
    QVERIFY(waitLoaded(&model));
    // A row far down the table: its page is filled on demand.
    const int row = 1234;
    const qint64 id = model.customerId(row);
    const int nameColumn = model.columnOf(QStringLiteral("name"));
    const int spendColumn = model.columnOf(QStringLiteral("total_spend"));
    const int stageColumn = model.columnOf(QStringLiteral("lifecycle_stage"));
    QCOMPARE(model.data(model.index(row, nameColumn)).toString(), QStringLiteral("…"));
    QTRY_VERIFY_WITH_TIMEOUT(model.data(model.index(row, nameColumn), ui::CustomersModel::kStoredValueRole).isValid(), 20000);
    auto db = store::Database::open(m_path, store::Database::Access::ReadOnly);
    store::Statement query(db, "SELECT c.name, m.total_spend, m.lifecycle_stage FROM customers c JOIN customer_metrics m "
                               "ON m.customer_id = c.id WHERE c.id = ?1");
    query.bind(1, id);
    QVERIFY(query.step());
    QCOMPARE(model.data(model.index(row, nameColumn)).toString(), query.text(0));
    // No currency stored: the locale's (US dollars), before the amount.
    QCOMPARE(model.data(model.index(row, spendColumn)).toString(), u'$' + QLocale().toString(query.real(1), 'f', 2));
    const QHash<QString, QString> stages{{QStringLiteral("prospect"), QStringLiteral("Prospect")},
                                         {QStringLiteral("new"), QStringLiteral("New")},
                                         {QStringLiteral("growing"), QStringLiteral("Growing")},
                                         {QStringLiteral("mature"), QStringLiteral("Mature")},
                                         {QStringLiteral("at_risk"), QStringLiteral("At risk")},
                                         {QStringLiteral("dormant"), QStringLiteral("Dormant")}};
    QCOMPARE(model.data(model.index(row, stageColumn)).toString(), stages.value(query.text(2)));
}

void TestCustomersView::doubleClickOpensTheCard()
{
    ui::CustomersView view;
    view.resize(1000, 600);
    view.show();
    view.setWorkspace(m_workspace.get());
    ui::CustomersModel *model = view.model();
    // The customer with the most orders, found by plain SQL, brought to the top by searching for their key.
    auto db = store::Database::open(m_path, store::Database::Access::ReadOnly);
    store::Statement top(db, "SELECT c.id, c.customer_key FROM customers c JOIN orders o ON o.customer_id = c.id "
                             "GROUP BY c.id ORDER BY count(*) DESC, c.id LIMIT 1");
    QVERIFY(top.step());
    const qint64 id = top.int64(0);
    const QString key = top.text(1);
    QVERIFY(waitLoaded(model));
    QSignalSpy loaded(model, &ui::CustomersModel::loaded);
    QTest::keyClicks(view.findChild<QLineEdit *>(QStringLiteral("customerSearch")), key);
    QVERIFY(loaded.count() > 0 || loaded.wait(20000));
    int row = -1;
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->customerId(r) == id)
            row = r;
    }
    QVERIFY(row >= 0);
    QTableView *table = view.table();
    const QRect cell = table->visualRect(model->index(row, 1));
    QVERIFY(cell.isValid());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QTest::mouseDClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    ui::CustomerCard *card = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((card = view.findChild<ui::CustomerCard *>()) != nullptr, 5000);
    if (card->details().id == 0) {
        QSignalSpy cardLoaded(card, &ui::CustomerCard::loaded);
        QVERIFY(cardLoaded.wait(20000));
    }
    QCOMPARE(card->details().id, id);

    // Orders: the same keys and amounts as plain SQL.
    store::Statement orders(db, "SELECT order_key, amount FROM orders WHERE customer_id = ?1");
    orders.bind(1, id);
    std::set<std::pair<QString, QString>> expected;
    while (orders.step())
        expected.emplace(orders.text(0), (orders.real(1) < 0 ? QStringLiteral("-$") : QStringLiteral("$")) +
                                             QLocale().toString(std::abs(orders.real(1)), 'f', 2));
    QTableWidget *table2 = card->ordersTable();
    int keyColumn = -1, amountColumn = -1;
    for (int c = 0; c < table2->columnCount(); ++c) {
        if (table2->horizontalHeaderItem(c)->text() == u"Order ID")
            keyColumn = c;
        if (table2->horizontalHeaderItem(c)->text() == u"Amount")
            amountColumn = c;
    }
    QVERIFY(keyColumn >= 0 && amountColumn >= 0);
    std::set<std::pair<QString, QString>> shown;
    for (int r = 0; r < table2->rowCount(); ++r)
        shown.emplace(table2->item(r, keyColumn)->text(), table2->item(r, amountColumn)->text());
    QVERIFY(expected.size() >= 2);
    QCOMPARE(int(shown.size()), table2->rowCount());
    QVERIFY(shown == expected);

    // Saved segments: "Repeat buyers" (orders_count >= 2) is listed exactly when plain SQL says so.
    store::Statement repeat(db, "SELECT orders_count >= 2 FROM customer_metrics WHERE customer_id = ?1");
    repeat.bind(1, id);
    QVERIFY(repeat.step());
    QStringList segments;
    for (int i = 0; i < card->segmentsList()->count(); ++i)
        segments << card->segmentsList()->item(i)->text();
    QCOMPARE(segments.contains(QStringLiteral("Repeat buyers")), repeat.int64(0) == 1);
    card->close();
}

void TestCustomersView::selectedRowsAreExported()
{
    ui::CustomersView view;
    view.resize(1000, 600);
    view.show();
    view.setWorkspace(m_workspace.get());
    ui::CustomersModel *model = view.model();
    QVERIFY(waitLoaded(model));
    auto *button = view.findChild<QPushButton *>(QStringLiteral("exportMembersButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Export Members…"));
    QSignalSpy all(&view, &ui::CustomersView::exportRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(all.count(), 1);

    // Click the third row, Ctrl+click the first and the sixth: those three customers, as the rows show them.
    QTableView *table = view.table();
    const auto clickRow = [table](int row, Qt::KeyboardModifiers modifiers) {
        QTest::mouseClick(table->viewport(), Qt::LeftButton, modifiers, table->visualRect(table->model()->index(row, 0)).center());
    };
    clickRow(2, {});
    clickRow(0, Qt::ControlModifier);
    clickRow(5, Qt::ControlModifier);
    QCOMPARE(button->text(), QStringLiteral("Export 3 Selected…"));
    std::vector<qint64> expected{model->customerId(0), model->customerId(2), model->customerId(5)};
    std::vector<qint64> selected = view.selectedCustomerIds();
    std::sort(selected.begin(), selected.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(selected, expected);
    QSignalSpy some(&view, &ui::CustomersView::exportSelectedRequested);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(some.count(), 1);
    QCOMPARE(all.count(), 1);
    std::vector<qint64> sent = some.at(0).at(0).value<std::vector<qint64>>();
    std::sort(sent.begin(), sent.end());
    QCOMPARE(sent, expected);
}

// tests/data/lists/totals.csv gives h 9 orders, 999 spent, last 2024-06-29; totals_orders.csv gives h one
// order of 50 on 2024-02-15. The orders are used, and the card shows the list's figures beside them. c has
// 2 orders and 80 in the list and no date: recency unknown, no R score.
void TestCustomersView::cardShowsListTotalsBesideOrders()
{
    const QString path = m_dir.filePath(QStringLiteral("lists.segmenta"));
    auto created = store::Workspace::create(path);
    QVERIFY(created.ok());
    auto workspace = std::move(created).value();
    workspace->setAnalysisDate(QDate(2024, 6, 30));
    QVERIFY(import::Importer::run(*workspace, QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/lists/totals.csv")).ok());
    QVERIFY(import::Importer::run(*workspace, QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/lists/totals_orders.csv")).ok());
    QVERIFY(metrics::CustomerMetrics::recompute(*workspace, metrics::AnalysisSettings{}, QDate(2024, 6, 30)).ok());
    const auto cardText = [&](const char *key) {
        const qint64 id = workspace->db().scalar(QStringLiteral("SELECT id FROM customers WHERE customer_key = '%1'")
                                                     .arg(QLatin1StringView(key)).toStdString()).toLongLong();
        ui::CustomerCard card(workspace.get(), id);
        QSignalSpy loaded(&card, &ui::CustomerCard::loaded);
        if (card.details().id == 0 && !loaded.wait(20000))
            return QString();
        QStringList texts;
        for (const QLabel *label : card.findChildren<QLabel *>())
            texts << label->text();
        return texts.join(u'\n');
    };
    const QString h = cardText("h");
    QVERIFY2(h.contains(QStringLiteral("Orders: 1 · Total spend: $50.00")), qPrintable(h));
    QVERIFY2(h.contains(QStringLiteral("The customer list says: 9 orders, total spend $999.00, last order on 2024-06-29")), qPrintable(h));
    const QString c = cardText("c");
    QVERIFY2(c.contains(QStringLiteral("Purchase history from the customer list")), qPrintable(c));
    QVERIFY2(c.contains(QStringLiteral("recency unknown")), qPrintable(c));
    QVERIFY2(c.contains(QStringLiteral("Recency unknown")), qPrintable(c)); // the stage
    QVERIFY2(!c.contains(QStringLiteral("The customer list says")), qPrintable(c));
}

// A one-day export: six buyers, all on 2024-06-01, spending 10, 20, ..., 60. Every buyer bought last on the same
// day, so no one has R (or a segment); M ranks the spends: 40 is 1 + floor(5 x 3.5 / 6) = 3.
void TestCustomersView::cardSaysWhyRIsMissingOnAOneDayExport()
{
    const QString csv = m_dir.filePath(QStringLiteral("oneday.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("Order ID,Customer ID,Order Date,Amount\n");
    for (int i = 1; i <= 6; ++i)
        file.write(QStringLiteral("A%1,D%1,2024-06-01,%2\n").arg(i).arg(i * 10).toUtf8());
    file.close();
    auto created = store::Workspace::create(m_dir.filePath(QStringLiteral("oneday.segmenta")));
    QVERIFY(created.ok());
    auto workspace = std::move(created).value();
    QVERIFY(import::Importer::run(*workspace, csv).ok());
    QVERIFY(metrics::CustomerMetrics::recompute(*workspace, metrics::AnalysisSettings{}, QDate(2024, 6, 2)).ok());
    const qint64 id = workspace->db().scalar("SELECT id FROM customers WHERE customer_key = 'D4'").toLongLong();
    ui::CustomerCard card(workspace.get(), id);
    QSignalSpy loaded(&card, &ui::CustomerCard::loaded);
    QVERIFY(card.details().id != 0 || loaded.wait(20000));
    QCOMPARE(card.findChild<QLabel *>(QStringLiteral("customerRfm"))->text(),
             QStringLiteral("F 1 · M 3 (no R: every buyer's last order is on the same day)"));
    // The file gives dates only: the order shows its date, not a midnight the file never said.
    const auto *orders = card.findChild<QTableWidget *>(QStringLiteral("customerOrders"));
    int dateColumn = -1;
    for (int c = 0; c < orders->columnCount(); ++c)
        dateColumn = orders->horizontalHeaderItem(c)->text() == u"Order date" ? c : dateColumn;
    QVERIFY(dateColumn >= 0);
    QCOMPARE(orders->item(0, dateColumn)->text(), QStringLiteral("6/1/2024"));
    // Nor are columns the file does not have shown empty, nor lines that say no more than the order's amount.
    QStringList shownColumns;
    for (int c = 0; c < orders->columnCount(); ++c) {
        if (!orders->isColumnHidden(c))
            shownColumns << orders->horizontalHeaderItem(c)->text();
    }
    QCOMPARE(shownColumns, QStringList({QStringLiteral("Order ID"), QStringLiteral("Order date"), QStringLiteral("Amount")}));
    QVERIFY(!card.findChild<QTableWidget *>(QStringLiteral("customerOrderLines"))->isVisibleTo(&card));
}

// tests/data/exports/lines_shop_en.csv: C1 ordered 1001 on 2024-01-05 (Green Tea 100g GT-100 Tea 2 x 12.50 = 25.00,
// Tea Cup CUP-01 Teaware 1 x 30.00, Black Tea 100g BT-100 Tea 1 x 15.00) and 1003 on 2024-03-01 (Teapot POT-01
// Teaware 1 x 88.00, Green Tea 100g 4 x 12.50 = 50.00). The card lists the newest order first and shows its lines;
// a click on the older order shows that one's.
void TestCustomersView::cardListsTheLinesOfTheSelectedOrder()
{
    const QString path = m_dir.filePath(QStringLiteral("lines.segmenta"));
    auto created = store::Workspace::create(path);
    QVERIFY(created.ok());
    auto workspace = std::move(created).value();
    workspace->setAnalysisDate(QDate(2024, 6, 30));
    QVERIFY(import::Importer::run(*workspace, QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/exports/lines_shop_en.csv")).ok());
    QVERIFY(metrics::CustomerMetrics::recompute(*workspace, metrics::AnalysisSettings{}, QDate(2024, 6, 30)).ok());
    const qint64 id = workspace->db().scalar("SELECT id FROM customers WHERE customer_key = 'C1'").toLongLong();
    ui::CustomerCard card(workspace.get(), id);
    QSignalSpy loaded(&card, &ui::CustomerCard::loaded);
    QVERIFY(card.details().id != 0 || loaded.wait(20000));
    card.show();
    QVERIFY(QTest::qWaitForWindowExposed(&card));
    const auto shownLines = [&card] {
        QStringList rows;
        const QTableWidget *lines = card.linesTable();
        for (int r = 0; r < lines->rowCount(); ++r) {
            QStringList cells;
            for (int c = 0; c < lines->columnCount(); ++c)
                cells << lines->item(r, c)->text();
            rows << cells.join(u'|');
        }
        return rows;
    };
    QCOMPARE(card.ordersTable()->rowCount(), 2);
    QVERIFY(card.linesTable()->isVisibleTo(&card));
    // Two buyers (C1, C2; C3's only order was refunded): too few to rank, so C1 has F 2 (two orders) and no R, M.
    QCOMPARE(card.findChild<QLabel *>(QStringLiteral("customerRfm"))->text(),
             QStringLiteral("F 2 (R and M rank the buyers, and this workspace has fewer than 5)"));
    QCOMPARE(shownLines(), QStringList({QStringLiteral("Teapot|POT-01|Teaware|1|$88.00|$88.00"),
                                        QStringLiteral("Green Tea 100g|GT-100|Tea|4|$12.50|$50.00")}));
    QTableWidget *orders = card.ordersTable();
    const QRect older = orders->visualItemRect(orders->item(1, 0));
    QTest::mouseClick(orders->viewport(), Qt::LeftButton, {}, older.center());
    QCOMPARE(orders->currentRow(), 1);
    QCOMPARE(shownLines(), QStringList({QStringLiteral("Green Tea 100g|GT-100|Tea|2|$12.50|$25.00"),
                                        QStringLiteral("Tea Cup|CUP-01|Teaware|1|$30.00|$30.00"),
                                        QStringLiteral("Black Tea 100g|BT-100|Tea|1|$15.00|$15.00")}));
}

namespace {

// The header texts of the columns shown, in the model's order.
QStringList shownHeaders(const ui::CustomersView &view)
{
    QStringList headers;
    const QHeaderView *header = view.table()->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        if (!header->isSectionHidden(column))
            headers << view.model()->headerData(column, Qt::Horizontal).toString();
    }
    return headers;
}

// Ticks or unticks a field's box in the Columns dialog as a person does with the keyboard: select, Space.
void toggle(ui::ColumnChooser *chooser, const char *field)
{
    QTreeWidgetItem *item = chooser->itemOf(QString::fromLatin1(field));
    QVERIFY2(item, field);
    auto *tree = chooser->findChild<QTreeWidget *>(QStringLiteral("columnTree"));
    const Qt::CheckState before = item->checkState(0);
    tree->setCurrentItem(item);
    QTest::keyClick(tree, Qt::Key_Space);
    QVERIFY(item->checkState(0) != before);
}

} // namespace

void TestCustomersView::columnsAreChosenAndRememberedPerWorkspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("columns.segmenta"));
    {
        auto created = demo::DemoShop::createWorkspace(path, {{300}, false});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
        // Nobody has an e-mail address here: the column is empty in the whole workspace.
        created.value()->db().exec("UPDATE customers SET email = NULL");
    }
    auto workspace = std::move(store::Workspace::open(path)).value();
    {
        ui::CustomersView view;
        view.resize(1280, 600);
        view.show();
        view.setWorkspace(workspace.get());
        QTRY_VERIFY_WITH_TIMEOUT(view.model()->emptyFieldsKnown(), 20000);
        QVERIFY(!shownHeaders(view).contains(QStringLiteral("Email")));
        QVERIFY(shownHeaders(view).contains(QStringLiteral("City")));

        QTest::mouseClick(view.findChild<QPushButton *>(QStringLiteral("customerColumnsButton")), Qt::LeftButton);
        auto *chooser = view.findChild<ui::ColumnChooser *>();
        QVERIFY(chooser && chooser->isVisible());
        QCOMPARE(chooser->itemOf(QStringLiteral("email"))->checkState(0), Qt::Unchecked);
        QCOMPARE(chooser->itemOf(QStringLiteral("city"))->checkState(0), Qt::Checked);
        toggle(chooser, "email");
        toggle(chooser, "city");
        QTest::mouseClick(chooser->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QVERIFY(shownHeaders(view).contains(QStringLiteral("Email")));
        QVERIFY(!shownHeaders(view).contains(QStringLiteral("City")));
        QVERIFY(shownHeaders(view).contains(QStringLiteral("Name")));
        view.setWorkspace(nullptr);
    }
    // Closed and opened again: the same columns.
    workspace.reset();
    workspace = std::move(store::Workspace::open(path)).value();
    ui::CustomersView again;
    again.show();
    again.setWorkspace(workspace.get());
    QTRY_VERIFY_WITH_TIMEOUT(again.model()->emptyFieldsKnown(), 20000);
    QVERIFY(again.isColumnShown(QStringLiteral("email")));
    QVERIFY(!again.isColumnShown(QStringLiteral("city")));
    QVERIFY(again.isColumnShown(QStringLiteral("name")));
    // Another workspace does not inherit the choice: its city shows.
    again.setWorkspace(m_workspace.get());
    QTRY_VERIFY_WITH_TIMEOUT(again.model()->emptyFieldsKnown(), 20000);
    QVERIFY(again.isColumnShown(QStringLiteral("city")));
    again.setWorkspace(nullptr);
}

void TestCustomersView::datesAreNeverCut_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("English") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("Chinese") << QLocale(QLocale::Chinese, QLocale::China);
    QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany);
}

void TestCustomersView::datesAreNeverCut()
{
    QFETCH(QLocale, locale);
    const QLocale before;
    QLocale::setDefault(locale);
    ui::CustomersView view;
    view.show();
    view.setWorkspace(m_workspace.get());
    // The widest text a date column can show, written out independently: every month, day 28, in the
    // locale's short format with the year in full.
    QString pattern = locale.dateFormat(QLocale::ShortFormat);
    if (!pattern.contains(QStringLiteral("yyyy")))
        pattern.replace(QStringLiteral("yy"), QStringLiteral("yyyy"));
    int widest = 0;
    for (int month = 1; month <= 12; ++month)
        widest = std::max(widest, view.table()->fontMetrics().horizontalAdvance(locale.toString(QDate(2026, month, 28), pattern)));
    for (const char *field : {"last_order_date", "first_order_date", "signup_date"}) {
        const int column = view.model()->columnOf(QString::fromLatin1(field));
        QVERIFY2(column >= 0, field);
        QVERIFY2(view.table()->columnWidth(column) >= widest + 6, field); // and a cell's margins
    }
    view.setWorkspace(nullptr);
    QLocale::setDefault(before);
}

void TestCustomersView::cardSaysWhatTheCustomerBuys_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QStringList>("labels");
    QTest::newRow("English") << QStringLiteral("en_US")
                             << QStringList{QStringLiteral("Favourite category:"), QStringLiteral("Distinct products:"),
                                            QStringLiteral("First product:"), QStringLiteral("Last product:"),
                                            QStringLiteral("First order channel:")};
    QTest::newRow("Chinese") << QStringLiteral("zh_CN")
                             << QStringList{QStringLiteral("最爱类目:"), QStringLiteral("不同商品数:"), QStringLiteral("首购商品:"),
                                            QStringLiteral("最近购买商品:"), QStringLiteral("首单渠道:")};
}

// The card shows what a customer buys (schema 10's derived fields), on a hand-made shop, analysis date
// 2026-07-01:
//
// order | customer | date                | amount | valid | channel | lines: product / category / amount
// 1     | 1        | 2026-03-01T10:00:00 | 100    | yes   | Web     | A/茶/60; B/茶具/40
// 2     | 1        | 2026-03-01T09:00:00 | 50     | yes   | WeChat  | C/书/50   (same day, an hour earlier)
// 3     | 1        | 2026-05-01          | 80     | yes   | Store   | B/茶具/80
// 4     | 1        | 2026-06-01          | 500    | no    | JD      | D/书/500  (cancelled: not a purchase)
// Customer 2 has no order.
//
// Customer 1: 茶 60, 茶具 40 + 80 = 120, 书 50: favourite 茶具; products A, B, C: 3; the first purchase is
// order 2 (09:00 before 10:00): first product C, first channel WeChat; the last is order 3: B.
// Customer 2: nothing bought: 0 products and a dash for the others.
void TestCustomersView::cardSaysWhatTheCustomerBuys()
{
    QFETCH(QString, language);
    QFETCH(QStringList, labels);
    const QString path = m_dir.filePath(QStringLiteral("buys-%1.segmenta").arg(language));
    auto created = store::Workspace::create(path);
    QVERIFY(created.ok());
    auto workspace = std::move(created).value();
    try {
        auto &db = workspace->db();
        db.exec("INSERT INTO customers(id, customer_key) VALUES (1, 'a'), (2, 'b')");
        db.exec("INSERT INTO orders(id, order_key, customer_id, order_date, amount, is_valid, channel) VALUES "
                "(1, 'o1', 1, '2026-03-01T10:00:00', 100, 1, 'Web'), (2, 'o2', 1, '2026-03-01T09:00:00', 50, 1, 'WeChat'), "
                "(3, 'o3', 1, '2026-05-01', 80, 1, 'Store'), (4, 'o4', 1, '2026-06-01', 500, 0, 'JD')");
        db.exec("INSERT INTO order_lines(order_id, line_no, product, category, amount) VALUES "
                "(1, 1, 'A', '茶', 60), (1, 2, 'B', '茶具', 40), (2, 1, 'C', '书', 50), (3, 1, 'B', '茶具', 80), "
                "(4, 1, 'D', '书', 500)");
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    workspace->setAnalysisDate(QDate(2026, 7, 1));
    QVERIFY(metrics::CustomerMetrics::recompute(*workspace, metrics::AnalysisSettings{}, QDate(2026, 7, 1)).ok());
    ui::setInterfaceLanguage(QLocale(language), QStringLiteral(SEGMENTA_QM_DIR));
    const QStringList fields{QStringLiteral("favourite_category"), QStringLiteral("distinct_products"),
                             QStringLiteral("first_product"), QStringLiteral("last_product"), QStringLiteral("first_channel")};
    const QList<QStringList> expected{
        {QStringLiteral("茶具"), QStringLiteral("3"), QStringLiteral("C"), QStringLiteral("B"), QStringLiteral("WeChat")},
        {QStringLiteral("—"), QStringLiteral("0"), QStringLiteral("—"), QStringLiteral("—"), QStringLiteral("—")}};
    for (qint64 id : {1, 2}) {
        ui::CustomerCard card(workspace.get(), id);
        QSignalSpy loaded(&card, &ui::CustomerCard::loaded);
        QVERIFY(card.details().id != 0 || loaded.wait(20000));
        card.show();
        QVERIFY(QTest::qWaitForWindowExposed(&card));
        for (qsizetype i = 0; i < fields.size(); ++i) {
            QCOMPARE(card.buysLabel(fields[i]), labels[i]);
            QCOMPARE(card.buysText(fields[i]), expected[id - 1][i]);
            const auto *value = card.findChild<QLabel *>(QStringLiteral("customerBuys_") + fields[i]);
            QVERIFY(value && value->isVisible());
        }
    }
    ui::setInterfaceLanguage(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral(SEGMENTA_QM_DIR));
}

QTEST_MAIN(TestCustomersView)
#include "tst_customersview.moc"
