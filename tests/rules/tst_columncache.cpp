// The column cache holds what SQLite holds: every value read back from the cache equals the one a plain SQL
// query returns, whatever width the cache chose to store it in, whichever thread read it, and with or
// without a metrics row per customer.
#include "common/progress.h"
#include "rules/columncache.h"
#include "rules/rulecontext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDate>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using namespace segmenta;
using namespace segmenta::rules;
using store::Database;
using store::Statement;

namespace {

void addField(Database &db, const QString &name, const char *type)
{
    db.exec(QStringLiteral("ALTER TABLE customers ADD COLUMN %1").arg(store::quoteIdentifier(name)).toStdString());
    Statement insert(db, "INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
                         "VALUES ('customer', ?1, ?1, 'customers', ?1, ?2, 'imported', 100)");
    insert.bind(1, name).bindUtf8(2, type);
    insert.run();
}

// Each numeric column crosses the limits of 8, 16 and 32-bit integers at a different row, so that the cache
// widens its storage in the middle of a column and must carry the earlier values over exactly.
const std::vector<QVariant> &edgeNumbers()
{
    static const std::vector<QVariant> values = {
        qint64(0), qint64(127), qint64(-128), QVariant(), qint64(128), qint64(-129), qint64(32767), qint64(-32768),
        qint64(32768), qint64(-32769), qint64(2147483647), qint64(-2147483647) - 1, qint64(2147483648),
        qint64(-2147483649), 0.5, -0.25, 1e300, -1e300, qint64(9007199254740993), QStringLiteral("not a number")};
    return values;
}

// Dates around the J2000 day the cache counts from, and far enough away to leave 16 bits.
const std::vector<QVariant> &edgeDates()
{
    static const std::vector<QVariant> values = {
        QStringLiteral("2000-01-01"), QStringLiteral("2000-01-02"), QStringLiteral("1999-12-31"), QVariant(),
        QStringLiteral("2026-07-01T09:41:00"), QStringLiteral("1899-12-31"), QStringLiteral("2089-10-01"),
        QStringLiteral("1910-03-01"), QStringLiteral("garbage"), QStringLiteral("2024-02-30"), QStringLiteral("0001-01-01"),
        QStringLiteral("9999-12-31")};
    return values;
}

// What the cache should hold for a value SQLite returns, computed without the cache: numbers as doubles, dates
// as Julian days when the first ten characters are a valid ISO date.
std::optional<double> expectedNumber(const QVariant &sql, bool date)
{
    if (sql.isNull())
        return std::nullopt;
    if (date) {
        const QDate day = QDate::fromString(sql.toString().left(10), Qt::ISODate);
        return day.isValid() && sql.toString().size() >= 10 ? std::optional<double>(double(day.toJulianDay())) : std::nullopt;
    }
    if (sql.typeId() == QMetaType::LongLong || sql.typeId() == QMetaType::Double)
        return sql.toDouble();
    return std::nullopt;
}

} // namespace

class TestColumnCache : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void valuesEqualPlainSql_data();
    void valuesEqualPlainSql();
    void largeDictionariesKeepEveryWord();
    void seesUncommittedRowsOfItsOwnTransaction();
    void cancelGivesAnErrorAndNoCache();
    void fieldsWithoutValuesAreThoseSqlFindsEmpty();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
};

void TestColumnCache::initTestCase()
{
    auto workspace = store::Workspace::create(m_dir.filePath(QStringLiteral("cache.segmenta")));
    QVERIFY(workspace.ok());
    m_workspace = std::move(workspace).value();
    Database &db = m_workspace->db();
    try {
        addField(db, QStringLiteral("n_early"), "decimal");
        addField(db, QStringLiteral("n_late"), "integer");
        addField(db, QStringLiteral("d_mixed"), "date");
        addField(db, QStringLiteral("words"), "category");
        Statement customer(db, "INSERT INTO customers(id, customer_key, name, n_early, n_late, d_mixed, words, age) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        Statement metrics(db, "INSERT INTO customer_metrics(customer_id, orders_count, total_spend, last_order_date, "
                              "days_since_last_order, lifecycle_stage, r_score) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        const auto &numbers = edgeNumbers();
        const auto &dates = edgeDates();
        const int count = 70000; // past 65,535 distinct words: the codes need 32 bits
        for (int i = 0; i < count; ++i) {
            const qint64 id = qint64(i) * 2 + 5;
            // n_early meets the edge values at once, n_late only in its last rows.
            const QVariant late = i < count - int(numbers.size()) ? QVariant(qint64(i % 100))
                                                                  : numbers[size_t(i - (count - int(numbers.size())))];
            customer.bind(1, id)
                .bind(2, QStringLiteral("K%1").arg(i))
                .bind(3, i % 3 == 0 ? QVariant() : QVariant(QStringLiteral("名字%1").arg(i % 1000)))
                .bind(4, numbers[size_t(i) % numbers.size()])
                .bind(5, late)
                .bind(6, dates[size_t(i) % dates.size()])
                .bind(7, QStringLiteral("w%1").arg(i))
                .bind(8, i % 7 == 0 ? QVariant() : QVariant(qint64(i % 90)));
            customer.run();
            if (i % 11 == 3)
                continue; // no metrics row
            metrics.bind(1, id)
                .bind(2, qint64(i % 5))
                .bind(3, double(i) * 1.5)
                .bind(4, dates[size_t(i + 3) % dates.size()])
                .bind(5, qint64(i % 400))
                .bind(6, i % 4 == 0 ? QVariant() : QVariant(QStringLiteral("new")))
                .bind(7, qint64(1 + i % 5));
            metrics.run();
        }
        // A metrics row of no customer: it must not shift the others.
        db.exec("PRAGMA foreign_keys = OFF");
        db.exec("INSERT INTO customer_metrics(customer_id, orders_count, total_spend) VALUES (6, 9, 9)");
        db.exec("PRAGMA foreign_keys = ON");
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
}

void TestColumnCache::valuesEqualPlainSql_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("sql");
    QTest::addColumn<bool>("date");
    const auto row = [](const char *field, const char *sql, bool date) {
        QTest::newRow(field) << QString::fromUtf8(field) << QString::fromUtf8(sql) << date;
    };
    row("n_early", "SELECT c.n_early FROM customers c ORDER BY c.id", false);
    row("n_late", "SELECT c.n_late FROM customers c ORDER BY c.id", false);
    row("d_mixed", "SELECT c.d_mixed FROM customers c ORDER BY c.id", true);
    row("age", "SELECT c.age FROM customers c ORDER BY c.id", false);
    row("total_spend", "SELECT m.total_spend FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ORDER BY c.id", false);
    row("last_order_date", "SELECT m.last_order_date FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ORDER BY c.id", true);
    row("days_since_last_order", "SELECT m.days_since_last_order FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ORDER BY c.id", false);
    row("r_score", "SELECT m.r_score FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ORDER BY c.id", false);
    row("lifecycle_stage", "SELECT m.lifecycle_stage FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id ORDER BY c.id", false);
    row("name", "SELECT c.name FROM customers c ORDER BY c.id", false);
}

void TestColumnCache::valuesEqualPlainSql()
{
    QFETCH(QString, field);
    QFETCH(QString, sql);
    QFETCH(bool, date);
    Database &db = m_workspace->db();
    const RuleContext context = RuleContext::forDatabase(db, QDate(2026, 7, 1));
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    const ColumnCache::Column *column = cache.value()->column(field);
    QVERIFY(column);
    Statement ids(db, "SELECT id FROM customers ORDER BY id");
    Statement query(db, sql.toStdString());
    size_t row = 0;
    while (query.step()) {
        QVERIFY(ids.step());
        QCOMPARE(cache.value()->ids()[row], ids.int64(0));
        const QVariant value = query.value(0);
        if (column->dictionary) {
            const QString text = value.toString();
            QCOMPARE(column->valid.test(row), !text.isEmpty());
            QCOMPARE(column->wordText(column->code(row)), text);
        } else {
            const auto expected = expectedNumber(value, date);
            QVERIFY2(column->valid.test(row) == expected.has_value(),
                     qPrintable(QStringLiteral("row %1: %2").arg(row).arg(value.toString())));
            if (expected)
                QCOMPARE(column->number(row), *expected);
        }
        ++row;
    }
    QCOMPARE(row, cache.value()->rows());
    QCOMPARE(size_t(db.scalar("SELECT count(*) FROM customers").toLongLong()), row);
}

void TestColumnCache::largeDictionariesKeepEveryWord()
{
    Database &db = m_workspace->db();
    const RuleContext context = RuleContext::forDatabase(db, QDate(2026, 7, 1));
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());
    const ColumnCache::Column *words = cache.value()->column(QStringLiteral("words"));
    QVERIFY(words);
    // Every word once, and every row's code names its own word.
    QCOMPARE(qint64(words->wordCount() - 1), db.scalar("SELECT count(DISTINCT words) FROM customers").toLongLong());
    Statement query(db, "SELECT words FROM customers ORDER BY id");
    for (size_t row = 0; query.step(); ++row)
        QCOMPARE(words->wordText(words->code(row)), query.text(0));
    const ColumnCache::Column *names = cache.value()->column(QStringLiteral("name"));
    QCOMPARE(qint64(names->wordCount() - 1), db.scalar("SELECT count(DISTINCT name) FROM customers WHERE name <> ''").toLongLong());
}

void TestColumnCache::seesUncommittedRowsOfItsOwnTransaction()
{
    // Inside a transaction the cache must read through the caller's connection: a second connection would
    // not see the new customer.
    Database &db = m_workspace->db();
    const RuleContext context = RuleContext::forDatabase(db, QDate(2026, 7, 1));
    const qint64 before = db.scalar("SELECT count(*) FROM customers").toLongLong();
    store::Transaction transaction(db);
    db.exec("INSERT INTO customers(id, customer_key) VALUES (999999, 'uncommitted')");
    db.exec("INSERT INTO customer_metrics(customer_id, orders_count, total_spend) VALUES (999999, 3, 42.5)");
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY2(cache.ok(), qPrintable(cache.errorMessage()));
    QCOMPARE(qint64(cache.value()->rows()), before + 1);
    QCOMPARE(cache.value()->ids().back(), qint64(999999));
    QCOMPARE(cache.value()->column(QStringLiteral("total_spend"))->number(cache.value()->rows() - 1), 42.5);
    // Dropped without commit: the workspace keeps its rows for the other tests.
}

void TestColumnCache::cancelGivesAnErrorAndNoCache()
{
    Database &db = m_workspace->db();
    const RuleContext context = RuleContext::forDatabase(db, QDate(2026, 7, 1));
    Progress progress;
    progress.cancel();
    const auto cache = ColumnCache::load(db, context.fields, &progress);
    QVERIFY(!cache.ok());
    QVERIFY2(cache.errorMessage().contains(QStringLiteral("cancelled")), qPrintable(cache.errorMessage()));
}

// The fields the rule builder lists apart: those in which plain SQL finds no customer with a value (not NULL,
// not text of blanks only). A hand-made workspace: e-mail blanks only, phone NULL, the city only in the last
// row, an imported "vip" column with one "yes" among empty texts, metrics for the first 10 customers only
// (no stage, no dates).
void TestColumnCache::fieldsWithoutValuesAreThoseSqlFindsEmpty()
{
    QTemporaryDir dir;
    auto workspace = store::Workspace::create(dir.filePath(QStringLiteral("empty.segmenta")));
    QVERIFY(workspace.ok());
    Database &db = workspace.value()->db();
    try {
        addField(db, QStringLiteral("vip"), "text");
        db.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300) "
                "INSERT INTO customers(customer_key, name, email, phone, city, vip) "
                "SELECT 'k' || i, 'Name ' || i, '  ', NULL, CASE WHEN i = 300 THEN '上海' END, "
                "CASE WHEN i = 70 THEN 'yes' ELSE '' END FROM n");
        db.exec("INSERT INTO customer_metrics(customer_id, orders_count, total_spend) SELECT id, 1, 12.5 FROM customers "
                "WHERE id <= 10");
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    const RuleContext context = RuleContext::forDatabase(db, QDate(2026, 7, 1));
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());
    const QStringList without = cache.value()->fieldsWithoutValues();
    for (const char *held : {"name", "city", "vip", "total_spend", "orders_count"})
        QVERIFY2(!without.contains(QString::fromLatin1(held)), held);
    for (const char *none : {"email", "phone", "gender", "lifecycle_stage", "first_order_date"})
        QVERIFY2(without.contains(QString::fromLatin1(none)), none);
    int checked = 0;
    for (const store::FieldInfo &field : context.fields) {
        if (!cache.value()->column(field.name))
            continue;
        const QString column = store::quoteIdentifier(field.column);
        const bool held = db.scalar(QStringLiteral("SELECT count(*) FROM %1 WHERE %2 IS NOT NULL AND trim(%2) <> ''")
                                        .arg(field.table, column)
                                        .toStdString())
                              .toLongLong() > 0;
        QVERIFY2(held != without.contains(field.name), qPrintable(field.name));
        ++checked;
    }
    QVERIFY(checked > 20);
}

QTEST_GUILESS_MAIN(TestColumnCache)
#include "tst_columncache.moc"
