#include "demo/demoshop.h"
#include "store/database.h"
#include "store/emptyfields.h"
#include "store/field.h"
#include "store/workspace.h"

#include <QTemporaryDir>
#include <QTest>

#include <sqlite3.h>

using namespace segmenta;

namespace {

// Runs SQL on a file with the bare SQLite C API, independently of the code under test.
void rawExec(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    char *error = nullptr;
    const int rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &error);
    const QString message = QString::fromUtf8(error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
    QVERIFY2(rc == SQLITE_OK, qPrintable(message));
}

qint64 rawScalar(const QString &path, const QByteArray &sql)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr);
    qint64 value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW)
        value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
}

} // namespace

// Which customer columns the Customers view hides because nobody holds a value in them.
class TestEmptyFields : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void handMadeWorkspace();
    void demoShopAgreesWithPlainSql();
};

void TestEmptyFields::handMadeWorkspace()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("hand.segmenta"));
    QVERIFY(store::Workspace::create(path).ok());
    // 1,500 customers: every one has a name; e-mail is blank text, phone NULL; the city only the last customer
    // has (beyond the first rows read); an imported column "VIP" holds "yes" for one; metrics only for the
    // first 10, with no stage.
    rawExec(path, "ALTER TABLE customers ADD COLUMN vip TEXT;"
                  "INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
                  "VALUES ('customer', 'vip', 'VIP', 'customers', 'vip', 'text', 'imported', 99);"
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500) "
                  "INSERT INTO customers(customer_key, name, email, phone, city, vip) "
                  "SELECT 'k' || i, 'Name ' || i, '  ', NULL, CASE WHEN i = 1500 THEN '上海' END, "
                  "CASE WHEN i = 700 THEN 'yes' ELSE '' END FROM n;"
                  "INSERT INTO customer_metrics(customer_id, total_spend) SELECT id, 12.5 FROM customers WHERE id <= 10;");
    auto db = store::Database::open(path, store::Database::Access::ReadOnly);
    const auto fields = store::loadFields(db, QStringLiteral("customer"));
    const QStringList empty = store::emptyCustomerFields(db, fields);
    for (const char *held : {"customer_id", "name", "city", "vip", "total_spend", "orders_count", "spend_30"})
        QVERIFY2(!empty.contains(QString::fromLatin1(held)), held);
    for (const char *none : {"email", "phone", "gender", "province", "lifecycle_stage", "value_tier", "rfm_segment",
                             "first_order_date"})
        QVERIFY2(empty.contains(QString::fromLatin1(none)), none);
}

void TestEmptyFields::demoShopAgreesWithPlainSql()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("demo.segmenta"));
    {
        auto created = demo::DemoShop::createWorkspace(path, {{800}, false});
        QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    }
    // Blank one column out, so the demo has at least one empty column.
    rawExec(path, "UPDATE customers SET channel = NULL");
    auto db = store::Database::open(path, store::Database::Access::ReadOnly);
    const auto fields = store::loadFields(db, QStringLiteral("customer"));
    const QStringList empty = store::emptyCustomerFields(db, fields);
    QVERIFY(empty.contains(QStringLiteral("channel")));
    for (const store::FieldInfo &field : fields) {
        const QByteArray sql = "SELECT count(*) FROM " + field.table.toUtf8() + " WHERE \"" + field.column.toUtf8() +
                               "\" IS NOT NULL AND trim(\"" + field.column.toUtf8() + "\") <> ''";
        const bool heldInSql = rawScalar(path, sql) > 0;
        QVERIFY2(heldInSql != empty.contains(field.name), qPrintable(field.name));
    }
}

QTEST_GUILESS_MAIN(TestEmptyFields)
#include "tst_emptyfields.moc"
