// Member export: files are read back with independent readers (python3-openpyxl for XLSX, Python's csv
// module for CSV) and compared cell by cell, types included, with what plain SQL over the workspace says.
#include "demo/demoshop.h"
#include "export/groupsplit.h"
#include "export/memberexporter.h"
#include "export/personaldatamask.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringDecoder>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <set>

using namespace segmenta;
using exporting::ExportOptions;
using exporting::MemberExporter;
using store::Database;
using store::Statement;

namespace {

// The members: buyers who spent at least 800, and every customer with a note (the hand-made ones).
const QString kRule = QStringLiteral("total_spend >= 800 or not note is empty");
// The same selection in plain SQL, written without the rule compiler.
const char kMembersWhere[] = "(typeof(m.total_spend) IN ('integer', 'real') AND m.total_spend >= 800) OR "
                             "(c.c_note IS NOT NULL AND c.c_note != '')";

// Text that spreadsheets would run as formulas (OWASP's list), plus quoting troublemakers.
const QStringList kInjections = {QStringLiteral("=1+1"),    QStringLiteral("+A1"),  QStringLiteral("-2+3"),
                                 QStringLiteral("@SUM(A1)"), QStringLiteral("\t=1"), QStringLiteral("\r=1"),
                                 QStringLiteral("a,\"b\"\nc"), QStringLiteral("普通备注；分号"),
                                 QStringLiteral("_x0041_ is not A")};

struct Column
{
    const char *key;
    const char *sqlExpr;
    const char *type; // as in the fields table
};

// The exported columns and how plain SQL reads them.
const Column kColumns[] = {
    {"customer_id", "c.customer_key", "identifier"},  {"name", "c.name", "text"},
    {"phone", "c.phone", "identifier"},               {"email", "c.email", "text"},
    {"city", "c.city", "category"},                   {"lifecycle_stage", "m.lifecycle_stage", "lifecycle"},
    {"value_tier", "m.value_tier", "tier"},           {"orders_count", "m.orders_count", "integer"},
    {"total_spend", "m.total_spend", "money"},        {"last_order_date", "m.last_order_date", "date"},
    {"repeat_buyer", "m.repeat_buyer", "boolean"},    {"note", "c.c_note", "text"},
    {"score", "c.c_score", "decimal"},                {"signup_date", "c.signup_date", "date"},
    {"vip_since", "c.c_vip", "datetime"},
};

QStringList columnKeys()
{
    QStringList keys;
    for (const Column &column : kColumns)
        keys << QString::fromLatin1(column.key);
    return keys;
}

// One value as plain SQL holds it.
struct SqlValue
{
    QString type; // typeof(): null, integer, real, text
    QString text;
    double number = 0;
};

struct SqlRow
{
    qint64 id = 0;
    std::vector<SqlValue> values;
};

bool startsFormula(const QString &text)
{
    return !text.isEmpty() && QStringLiteral("=+-@\t\r").contains(text.front());
}

// Runs readback.py with /usr/bin/python3 (Debian's, which has openpyxl) and returns its JSON.
QJsonObject readBack(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral("/usr/bin/python3"), QStringList{QStringLiteral(SEGMENTA_READBACK_SCRIPT)} + arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("readback.py failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(process.readAllStandardOutput()).object();
}

QJsonArray sheetRows(const QJsonObject &book, const QString &name)
{
    for (const QJsonValue &sheet : book.value(u"sheets").toArray()) {
        if (sheet.toObject().value(u"name").toString() == name)
            return sheet.toObject().value(u"rows").toArray();
    }
    return {};
}

QStringList sheetNames(const QJsonObject &book)
{
    QStringList names;
    for (const QJsonValue &sheet : book.value(u"sheets").toArray())
        names << sheet.toObject().value(u"name").toString();
    return names;
}

QString isoDay(const QString &stored)
{
    return stored.left(10);
}

bool validDay(const QString &stored)
{
    return QDate::fromString(isoDay(stored), Qt::ISODate).isValid();
}

// A stored date-time with a time of day ("2024-07-03T09:41:00", "2024-07-03 09:41"), or invalid.
QDateTime storedDateTime(const QString &stored)
{
    QString text = stored;
    text.replace(u' ', u'T');
    if (text.size() == 16)
        text += QStringLiteral(":00");
    const QDateTime time = QDateTime::fromString(text.left(19), Qt::ISODate);
    return text.size() >= 19 && time.isValid() && time.date().year() >= 1900 ? time : QDateTime();
}

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

Run cli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(SEGMENTA_BIN_DIR "/segmenta-cli"), arguments);
    process.waitForFinished(120000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestMemberExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void xlsxMatchesSqlCellByCell();
    void xlsxRecordsTheSegmentAndSummary();
    void xlsxMoneyFollowsTheCurrency_data();
    void xlsxMoneyFollowsTheCurrency();
    void xlsxRecordsTheDescription();
    void xlsxContinuesOnFurtherSheets();
    void csvRoundTrips_data();
    void csvRoundTrips();
    void masks_data();
    void masks();
    void maskedExport();
    void splitSizes_data();
    void splitSizes();
    void splitIsReproducibleDisjointAndComplete();
    void splitSheetsAndFilesHoldTheSameGroups();
    void refusesToOverwriteWithoutForce();
    void cancelLeavesNothingBehind_data();
    void cancelLeavesNothingBehind();
    void rejectsBadOptions_data();
    void rejectsBadOptions();
    void commandLine();
    void onlyTheSelectedCustomers();

private:
    ExportOptions options(const QString &file) const;
    QString path(const QString &file) const { return m_dir.filePath(file); }
    QStringList dirEntries() const;

    QTemporaryDir m_dir;
    QString m_workspacePath;
    std::unique_ptr<store::Workspace> m_workspace;
    rules::Rule m_rule;
    std::vector<SqlRow> m_expected; // the members' values, in id order
};

void TestMemberExport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_workspacePath = path(QStringLiteral("shop.segmenta"));
    auto created = store::Workspace::create(m_workspacePath);
    QVERIFY2(created.ok(), qPrintable(created.errorMessage()));
    m_workspace = std::move(created).value();
    demo::DemoOptions demoOptions;
    demoOptions.customers = 400;
    demoOptions.seed = 11;
    const auto generated = demo::DemoShop::generate(*m_workspace, demoOptions);
    QVERIFY2(generated.ok(), qPrintable(generated.errorMessage()));

    Database &db = m_workspace->db();
    // Two imported fields: a note (text) and a score (decimal that sometimes holds text).
    db.exec("ALTER TABLE customers ADD COLUMN c_note");
    db.exec("ALTER TABLE customers ADD COLUMN c_score");
    db.exec("ALTER TABLE customers ADD COLUMN c_vip");
    db.exec("INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) VALUES "
            "('customer', 'note', 'note', 'customers', 'c_note', 'text', 'imported', 100), "
            "('customer', 'score', 'score', 'customers', 'c_score', 'decimal', 'imported', 101), "
            "('customer', 'vip_since', 'VIP since', 'customers', 'c_vip', 'datetime', 'imported', 102)");
    // Hand-made customers: leading zeros in ids and phones, Chinese names, formula injection in the note.
    Statement insert(db, "INSERT INTO customers(id, customer_key, name, phone, email, city, signup_date, c_note, c_score, "
                         "c_vip) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    const QVariantList scores = {-12.5, QStringLiteral("-2+3"), 0.0, QVariant(), qint64(42), 3.25, QStringLiteral("=2*3"), 1e-3,
                                 -std::numeric_limits<double>::infinity()};
    const QStringList names = {QStringLiteral("张三"), QStringLiteral("欧阳娜娜"), QStringLiteral("John Smith"),
                               QStringLiteral("=cmd|' /C calc'!A0"), QStringLiteral("李"), QString(), QStringLiteral("Zoë"),
                               QStringLiteral("王小明"), QStringLiteral("Ann")};
    const QVariantList vips = {QStringLiteral("2024-07-03T09:41:00"), QStringLiteral("2024-07-03 09:41"), QStringLiteral("2024-07-03"),
                               QStringLiteral("garbage"), QVariant(), QStringLiteral("1890-01-01T00:00:00"),
                               QStringLiteral("2023-12-31T23:59:59"), QVariant(), QStringLiteral("2000-02-29T12:00:00")};
    for (qsizetype i = 0; i < kInjections.size(); ++i) {
        insert.bind(1, qint64(900001 + i))
            .bind(2, QStringLiteral("%1").arg(i + 1, 4 + int(i % 3), 10, QChar(u'0'))) // 0001, 00002, ...
            .bind(3, names.at(i))
            .bind(4, i == 0 ? QStringLiteral("13812345678") : QStringLiteral("0%1").arg(755123400 + i))
            .bind(5, i == 0 ? QStringLiteral("john@example.com") : QString())
            .bind(6, i % 2 ? QStringLiteral("上海") : QStringLiteral("-Springfield"))
            .bind(7, i == 1 ? QStringLiteral("1899-12-31") : i == 2 ? QStringLiteral("not a date") : QStringLiteral("2024-02-29"))
            .bind(8, kInjections.at(i))
            .bind(9, scores.at(i))
            .bind(10, vips.at(i));
        insert.run();
    }
    const auto metrics = metrics::CustomerMetrics::ensureCurrent(*m_workspace);
    QVERIFY2(metrics.ok(), qPrintable(metrics.errorMessage()));
    m_rule = rules::RuleText::parse(kRule).value();
    // A shop in yuan, whatever the locale the tests run in (xlsxMoneyFollowsTheCurrency changes it and back).
    m_workspace->setSetting(QString::fromLatin1(store::Workspace::kCurrencySymbolKey), QStringLiteral("¥"));

    QStringList select{QStringLiteral("c.id")};
    for (const Column &column : kColumns) {
        const QString expr = QString::fromLatin1(column.sqlExpr);
        select << QStringLiteral("typeof(%1)").arg(expr) << expr;
    }
    Statement query(db, QStringLiteral("SELECT %1 FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
                                       "WHERE %2 ORDER BY c.id")
                            .arg(select.join(u','), QLatin1StringView(kMembersWhere))
                            .toStdString());
    while (query.step()) {
        SqlRow row;
        row.id = query.int64(0);
        for (size_t i = 0; i < std::size(kColumns); ++i) {
            const int at = 1 + 2 * int(i);
            row.values.push_back({query.text(at), query.text(at + 1), query.real(at + 1)});
        }
        m_expected.push_back(row);
    }
    QVERIFY(m_expected.size() > 50);
    QVERIFY(m_expected.size() < 400);
    QCOMPARE(m_expected.back().id, qint64(900001 + kInjections.size() - 1)); // every hand-made customer is a member
}

void TestMemberExport::xlsxMoneyFollowsTheCurrency_data()
{
    QTest::addColumn<QString>("stored");
    QTest::addColumn<QLocale>("locale");
    QTest::addColumn<QString>("format");
    const QLocale english(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("none stored: the locale's") << QString() << english << QStringLiteral("\"$\"#,##0.00");
    QTest::newRow("none stored, German") << QString() << QLocale(QLocale::German, QLocale::Germany) << QStringLiteral("\"€\"#,##0.00");
    QTest::newRow("euro stored") << QStringLiteral("€") << english << QStringLiteral("\"€\"#,##0.00");
    QTest::newRow("Hong Kong dollars stored") << QStringLiteral("HK$") << english << QStringLiteral("\"HK$\"#,##0.00");
}

void TestMemberExport::xlsxMoneyFollowsTheCurrency()
{
    QFETCH(QString, stored);
    QFETCH(QLocale, locale);
    QFETCH(QString, format);
    const QLocale before;
    QLocale::setDefault(locale);
    const QString key = QString::fromLatin1(store::Workspace::kCurrencySymbolKey);
    if (stored.isEmpty())
        m_workspace->removeSetting(key);
    else
        m_workspace->setSetting(key, stored);
    ExportOptions o = options(QStringLiteral("currency.xlsx"));
    o.force = true;
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    m_workspace->setSetting(key, QStringLiteral("¥"));
    QLocale::setDefault(before);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    // The workbook's styles.xml holds the money format, and the spend cells use it.
    const QJsonArray formats = readBack({QStringLiteral("styles"), o.outPath}).value(u"formats").toArray();
    QVERIFY2(formats.contains(format), QJsonDocument(formats).toJson().constData());
    const QJsonArray rows = sheetRows(readBack({QStringLiteral("xlsx"), o.outPath}), QStringLiteral("Members"));
    const qsizetype spend = columnKeys().indexOf(QStringLiteral("total_spend"));
    QVERIFY(spend >= 0 && rows.size() > 1);
    int numbers = 0;
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QJsonArray cell = rows.at(r).toArray().at(spend).toArray();
        if (cell.at(0).toString() != u"int" && cell.at(0).toString() != u"float")
            continue;
        QCOMPARE(cell.at(2).toString(), format);
        ++numbers;
    }
    QVERIFY(numbers > 0);
}

ExportOptions TestMemberExport::options(const QString &file) const
{
    ExportOptions o;
    o.outPath = path(file);
    o.columns = columnKeys();
    return o;
}

QStringList TestMemberExport::dirEntries() const
{
    return QDir(m_dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

void TestMemberExport::xlsxMatchesSqlCellByCell()
{
    const auto summary = MemberExporter::run(*m_workspace, m_rule, options(QStringLiteral("members.xlsx")));
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->members, qint64(m_expected.size()));
    const QJsonObject book = readBack({QStringLiteral("xlsx"), path(QStringLiteral("members.xlsx"))});
    QCOMPARE(sheetNames(book), (QStringList{QStringLiteral("Members"), QStringLiteral("Segment"), QStringLiteral("Summary")}));
    const QJsonObject sheet = book.value(u"sheets").toArray().at(0).toObject();
    QCOMPARE(sheet.value(u"freeze").toString(), QStringLiteral("A2"));
    QCOMPARE(sheet.value(u"filter").toString(), QStringLiteral("A1:O%1").arg(m_expected.size() + 1));
    const QJsonArray rows = sheet.value(u"rows").toArray();
    QCOMPARE(rows.size(), qsizetype(m_expected.size() + 1));

    const QStringList headers = {QStringLiteral("Customer ID"), QStringLiteral("Name"), QStringLiteral("Phone"),
                                 QStringLiteral("Email"), QStringLiteral("City"), QStringLiteral("Lifecycle stage"),
                                 QStringLiteral("Value tier"), QStringLiteral("Orders"), QStringLiteral("Total spend"),
                                 QStringLiteral("Last order date"), QStringLiteral("Repeat buyer"), QStringLiteral("note"),
                                 QStringLiteral("score"), QStringLiteral("Signup date"), QStringLiteral("VIP since")};
    for (qsizetype c = 0; c < headers.size(); ++c)
        QCOMPARE(rows.at(0).toArray().at(c).toArray().at(1).toString(), headers.at(c));

    int injectionsSeen = 0;
    for (size_t r = 0; r < m_expected.size(); ++r) {
        const QJsonArray cells = rows.at(qsizetype(r + 1)).toArray();
        for (size_t c = 0; c < std::size(kColumns); ++c) {
            const SqlValue &want = m_expected[r].values[c];
            const QJsonArray cell = c < size_t(cells.size()) ? cells.at(qsizetype(c)).toArray() : QJsonArray{QStringLiteral("none")};
            const QString got = cell.at(0).toString();
            const QString type = QString::fromLatin1(kColumns[c].type);
            const QString where = QStringLiteral("row %1 (id %2), column %3: got %4 %5")
                                      .arg(r + 2)
                                      .arg(m_expected[r].id)
                                      .arg(QLatin1StringView(kColumns[c].key), got,
                                           QString::fromUtf8(QJsonDocument(cell).toJson(QJsonDocument::Compact)));
            QVERIFY2(got != u"formula", qPrintable(where));
            if (want.type == u"null" || (want.type == u"text" && want.text.isEmpty())) {
                QVERIFY2(got == u"none", qPrintable(where));
            } else if ((type == u"integer" || type == u"decimal" || type == u"money") && want.type != u"text" &&
                       std::isfinite(want.number)) {
                QVERIFY2(got == u"int" || got == u"float", qPrintable(where));
                // libxlsxwriter writes 16 significant digits.
                QVERIFY2(std::abs(cell.at(1).toDouble() - want.number) <= 1e-12 * std::max(1.0, std::abs(want.number)),
                         qPrintable(where));
                if (type == u"money")
                    QVERIFY2(cell.at(2).toString() == QStringLiteral("\"¥\"#,##0.00"), qPrintable(where));
            } else if (type == u"boolean" && want.type == u"integer") {
                QVERIFY2(got == u"bool" && cell.at(1).toBool() == (want.number != 0), qPrintable(where));
            } else if (type == u"datetime" && storedDateTime(want.text).isValid()) {
                QVERIFY2(got == u"datetime" && cell.at(1).toString() == storedDateTime(want.text).toString(Qt::ISODate),
                         qPrintable(where));
                QVERIFY2(cell.at(2).toString() == u"yyyy-mm-dd hh:mm:ss", qPrintable(where));
            } else if ((type == u"date" || type == u"datetime") && validDay(want.text) && isoDay(want.text) >= u"1900-01-01") {
                QVERIFY2(got == u"datetime" && cell.at(1).toString() == isoDay(want.text) + QStringLiteral("T00:00:00"),
                         qPrintable(where));
                QVERIFY2(cell.at(2).toString() == u"yyyy-mm-dd", qPrintable(where));
            } else {
                QString text = want.text;
                if (type == u"lifecycle")
                    text = metrics::stageDisplayName(text);
                else if (type == u"tier")
                    text = metrics::tierDisplayName(text);
                QVERIFY2(got == u"str", qPrintable(where));
                QVERIFY2(cell.at(1).toString() == text, qPrintable(where));
                injectionsSeen += qstrcmp(kColumns[c].key, "note") == 0 && kInjections.contains(text) ? 1 : 0;
                if (type == u"identifier")
                    QVERIFY2(cell.at(2).toString() == u"@", qPrintable(where));
            }
        }
    }
    QCOMPARE(injectionsSeen, int(kInjections.size()));
    // Leading zeros survive: the hand-made ids and phones.
    QCOMPARE(rows.at(rows.size() - 1).toArray().at(0).toArray().at(1).toString(), QStringLiteral("000009"));
}

// Issue 21 point 4: a saved segment's description goes on the Segment sheet, under its name.
void TestMemberExport::xlsxRecordsTheDescription()
{
    ExportOptions o = options(QStringLiteral("described.xlsx"));
    o.segmentName = QStringLiteral("VIP");
    o.segmentDescription = QStringLiteral("送新茶试饮 to the top spenders");
    o.columns = QStringList{QStringLiteral("customer_id")};
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const QJsonArray segment = sheetRows(readBack({QStringLiteral("xlsx"), o.outPath}), QStringLiteral("Segment"));
    const auto cell = [&](int row, int column) { return segment.at(row).toArray().at(column).toArray().at(1).toString(); };
    QCOMPARE(cell(0, 1), o.segmentName);
    QCOMPARE(cell(1, 0), QStringLiteral("Description"));
    QCOMPARE(cell(1, 1), o.segmentDescription);
    QCOMPARE(cell(2, 1), rules::RuleText::print(m_rule));
}

void TestMemberExport::xlsxRecordsTheSegmentAndSummary()
{
    ExportOptions o = options(QStringLiteral("report.xlsx"));
    o.segmentName = QStringLiteral("大客户 & notes");
    o.columns = QStringList{QStringLiteral("customer_id")};
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const QJsonObject book = readBack({QStringLiteral("xlsx"), o.outPath});
    const QJsonArray segment = sheetRows(book, QStringLiteral("Segment"));
    const auto value = [&](int row) { return segment.at(row).toArray().at(1).toArray(); };
    QCOMPARE(value(0).at(1).toString(), o.segmentName);
    QCOMPARE(value(1).at(1).toString(), rules::RuleText::print(m_rule));
    QCOMPARE(value(2).at(1).toString(), m_workspace->analysisDate().toString(Qt::ISODate) + QStringLiteral("T00:00:00"));
    QCOMPARE(value(3).at(1).toDouble(), double(m_expected.size()));
    QCOMPARE(value(4).at(0).toString(), QStringLiteral("datetime"));
    QCOMPARE(value(5).at(1).toString(), QFileInfo(m_workspacePath).absoluteFilePath());

    // Members by lifecycle stage and value tier, counted in SQL.
    std::map<QString, double> expected;
    Statement counts(m_workspace->db(),
                     QStringLiteral("SELECT 'stage:' || ifnull(m.lifecycle_stage, ''), count(*) FROM customers c LEFT JOIN "
                                    "customer_metrics m ON m.customer_id = c.id WHERE %1 GROUP BY 1 UNION ALL "
                                    "SELECT 'tier:' || ifnull(m.value_tier, ''), count(*) FROM customers c LEFT JOIN "
                                    "customer_metrics m ON m.customer_id = c.id WHERE %1 GROUP BY 1")
                         .arg(QLatin1StringView(kMembersWhere))
                         .toStdString());
    while (counts.step())
        expected[counts.text(0)] = double(counts.int64(1));
    std::map<QString, double> shown;
    QString table;
    for (const QJsonValue &row : sheetRows(book, QStringLiteral("Summary"))) {
        const QJsonArray cells = row.toArray();
        const QString label = cells.at(0).toArray().at(1).toString();
        if (cells.at(1).toArray().at(0).toString() == u"str") {
            table = label;
            continue;
        }
        if (cells.at(1).toArray().at(0).toString() == u"none")
            continue;
        shown[table + u':' + label] = cells.at(1).toArray().at(1).toDouble();
        QCOMPARE(cells.at(2).toArray().at(1).toDouble(), cells.at(1).toArray().at(1).toDouble() / double(m_expected.size()));
    }
    for (const QString &id : metrics::stageIds())
        QCOMPARE(shown[QStringLiteral("Lifecycle stage:") + metrics::stageDisplayName(id)], expected[QStringLiteral("stage:") + id]);
    for (const QString &id : metrics::tierIds())
        QCOMPARE(shown[QStringLiteral("Value tier:") + metrics::tierDisplayName(id)], expected[QStringLiteral("tier:") + id]);
}

void TestMemberExport::xlsxContinuesOnFurtherSheets()
{
    ExportOptions o = options(QStringLiteral("overflow.xlsx"));
    o.columns = QStringList{QStringLiteral("customer_id"), QStringLiteral("note")};
    o.maxRowsPerSheet = 40;
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const qsizetype sheets = qsizetype((m_expected.size() + 39) / 40);
    QCOMPARE(summary->sheets.size(), sheets);
    QVERIFY2(summary->message.contains(u"Members (2)"), qPrintable(summary->message));
    const QJsonObject book = readBack({QStringLiteral("xlsx"), o.outPath});
    QStringList ids;
    for (qsizetype s = 0; s < sheets; ++s) {
        const QString name = s == 0 ? QStringLiteral("Members") : QStringLiteral("Members (%1)").arg(s + 1);
        const QJsonArray rows = sheetRows(book, name);
        QVERIFY2(!rows.isEmpty(), qPrintable(name));
        QCOMPARE(rows.at(0).toArray().at(0).toArray().at(1).toString(), QStringLiteral("Customer ID"));
        QVERIFY(rows.size() - 1 <= 40);
        for (qsizetype r = 1; r < rows.size(); ++r)
            ids << rows.at(r).toArray().at(0).toArray().at(1).toString();
    }
    QStringList expected;
    for (const SqlRow &row : m_expected)
        expected << row.values[0].text;
    QCOMPARE(ids, expected);
}

void TestMemberExport::csvRoundTrips_data()
{
    QTest::addColumn<int>("encoding");
    QTest::addColumn<QString>("pythonEncoding");
    QTest::addColumn<QString>("delimiter");
    QTest::newRow("utf-8 with BOM") << int(ExportOptions::Utf8Bom) << QStringLiteral("utf-8-sig") << QStringLiteral(",");
    QTest::newRow("utf-8, semicolons") << int(ExportOptions::Utf8) << QStringLiteral("utf-8") << QStringLiteral(";");
    QTest::newRow("gb18030, tabs") << int(ExportOptions::Gb18030) << QStringLiteral("gb18030") << QStringLiteral("\t");
}

void TestMemberExport::csvRoundTrips()
{
    QFETCH(int, encoding);
    QFETCH(QString, pythonEncoding);
    QFETCH(QString, delimiter);
    ExportOptions o = options(QStringLiteral("members-%1.csv").arg(encoding));
    o.encoding = ExportOptions::Encoding(encoding);
    o.delimiter = char(delimiter.at(0).unicode());
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));

    QFile file(o.outPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QStringDecoder utf8(QStringDecoder::Utf8);
    const QString decoded = utf8.decode(bytes);
    QVERIFY(!decoded.isEmpty());
    QCOMPARE(utf8.hasError(), encoding == ExportOptions::Gb18030); // GB18030 Chinese is not UTF-8

    const QJsonObject csv = readBack({QStringLiteral("csv"), o.outPath, pythonEncoding, delimiter});
    QCOMPARE(csv.value(u"bom").toBool(), encoding == ExportOptions::Utf8Bom);
    const QJsonArray rows = csv.value(u"rows").toArray();
    QCOMPARE(rows.size(), qsizetype(m_expected.size() + 1));
    QCOMPARE(rows.at(0).toArray().at(0).toString(), QStringLiteral("Customer ID"));
    for (size_t r = 0; r < m_expected.size(); ++r) {
        const QJsonArray cells = rows.at(qsizetype(r + 1)).toArray();
        QCOMPARE(cells.size(), qsizetype(std::size(kColumns)));
        for (size_t c = 0; c < std::size(kColumns); ++c) {
            const SqlValue &want = m_expected[r].values[c];
            const QString got = cells.at(qsizetype(c)).toString();
            const QString type = QString::fromLatin1(kColumns[c].type);
            const QString where = QStringLiteral("row %1, column %2: “%3”").arg(r + 2).arg(QLatin1StringView(kColumns[c].key), got);
            if (want.type == u"null") {
                QVERIFY2(got.isEmpty(), qPrintable(where));
            } else if ((type == u"integer" || type == u"decimal" || type == u"money") && want.type != u"text" &&
                       std::isfinite(want.number)) {
                QVERIFY2(!startsFormula(got) || got.startsWith(u'-'), qPrintable(where));
                bool ok = false;
                const double number = got.toDouble(&ok);
                QVERIFY2(ok, qPrintable(where));
                if (type == u"money") {
                    QVERIFY2(std::abs(number - want.number) < 0.005, qPrintable(where));
                    QVERIFY2(got.indexOf(u'.') == got.size() - 3, qPrintable(where)); // exactly two decimals
                } else {
                    QVERIFY2(number == want.number, qPrintable(where));
                }
            } else if (type == u"boolean" && want.type == u"integer") {
                QVERIFY2(got == (want.number != 0 ? u"TRUE" : u"FALSE"), qPrintable(where));
            } else if (type == u"datetime" && storedDateTime(want.text).isValid()) {
                QVERIFY2(got == storedDateTime(want.text).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), qPrintable(where));
            } else if ((type == u"date" || type == u"datetime") && validDay(want.text) && isoDay(want.text) >= u"1900-01-01") {
                QVERIFY2(got == isoDay(want.text), qPrintable(where));
            } else {
                QString text = want.text;
                if (type == u"lifecycle")
                    text = metrics::stageDisplayName(text);
                else if (type == u"tier")
                    text = metrics::tierDisplayName(text);
                QVERIFY2(got == (startsFormula(text) ? u'\'' + text : text), qPrintable(where));
            }
        }
    }
    // The genuinely negative number stays a number; the same characters as text are defused.
    const QJsonArray first = rows.at(qsizetype(m_expected.size() - kInjections.size() + 1)).toArray();
    QCOMPARE(first.at(12).toString(), QStringLiteral("-12.5"));
    const QJsonArray second = rows.at(qsizetype(m_expected.size() - kInjections.size() + 2)).toArray();
    QCOMPARE(second.at(12).toString(), QStringLiteral("'-2+3"));
}

void TestMemberExport::masks_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("masked");
    using Kind = exporting::PersonalDataMask::Kind;
    QTest::newRow("mobile") << int(Kind::Phone) << QStringLiteral("13812345678") << QStringLiteral("138****5678");
    QTest::newRow("phone with country code") << int(Kind::Phone) << QStringLiteral("+86 138 1234 5678") << QStringLiteral("+86 1** **** 5678");
    QTest::newRow("short phone") << int(Kind::Phone) << QStringLiteral("09790") << QStringLiteral("***90");
    QTest::newRow("empty phone") << int(Kind::Phone) << QString() << QString();
    QTest::newRow("email") << int(Kind::Email) << QStringLiteral("john@example.com") << QStringLiteral("j***@example.com");
    QTest::newRow("digits email") << int(Kind::Email) << QStringLiteral("3919383384@126.com") << QStringLiteral("3***@126.com");
    QTest::newRow("not an email") << int(Kind::Email) << QStringLiteral("nobody") << QStringLiteral("n***");
    QTest::newRow("chinese name") << int(Kind::Name) << QStringLiteral("张三") << QStringLiteral("张*");
    QTest::newRow("three characters") << int(Kind::Name) << QStringLiteral("王小明") << QStringLiteral("王**");
    QTest::newRow("compound surname") << int(Kind::Name) << QStringLiteral("欧阳娜娜") << QStringLiteral("欧阳**");
    QTest::newRow("surname alone") << int(Kind::Name) << QStringLiteral("李") << QStringLiteral("李*");
    QTest::newRow("latin name") << int(Kind::Name) << QStringLiteral("John Smith") << QStringLiteral("J***");
    QTest::newRow("accented") << int(Kind::Name) << QStringLiteral(" Émile ") << QStringLiteral("É***");
    QTest::newRow("not personal") << int(Kind::None) << QStringLiteral("上海") << QStringLiteral("上海");
}

void TestMemberExport::masks()
{
    QFETCH(int, kind);
    QFETCH(QString, value);
    QFETCH(QString, masked);
    QCOMPARE(exporting::PersonalDataMask::apply(exporting::PersonalDataMask::Kind(kind), value), masked);
}

void TestMemberExport::maskedExport()
{
    ExportOptions o = options(QStringLiteral("masked.xlsx"));
    o.columns = QStringList{QStringLiteral("customer_id"), QStringLiteral("name"), QStringLiteral("phone"),
                            QStringLiteral("email"), QStringLiteral("city")};
    o.mask = true;
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const QJsonArray rows = sheetRows(readBack({QStringLiteral("xlsx"), o.outPath}), QStringLiteral("Members"));
    const QJsonArray hand = rows.at(qsizetype(m_expected.size() - kInjections.size() + 1)).toArray();
    const auto text = [&](int c) { return hand.at(c).toArray().at(1).toString(); };
    QCOMPARE(text(0), QStringLiteral("0001")); // identifiers are not personal data
    QCOMPARE(text(1), QStringLiteral("张*"));
    QCOMPARE(text(2), QStringLiteral("138****5678"));
    QCOMPARE(text(3), QStringLiteral("j***@example.com"));
    QCOMPARE(text(4), QStringLiteral("-Springfield")); // city is not masked, and stays inert text
    // No unmasked phone anywhere.
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QString phone = rows.at(r).toArray().at(2).toArray().at(1).toString();
        QVERIFY2(phone.isEmpty() || phone.contains(u'*'), qPrintable(phone));
    }
}

void TestMemberExport::splitSizes_data()
{
    QTest::addColumn<qint64>("count");
    QTest::addColumn<QList<int>>("percents");
    QTest::addColumn<std::vector<qint64>>("sizes");
    QTest::newRow("10/90 of 10") << qint64(10) << QList<int>{10, 90} << std::vector<qint64>{1, 9};
    QTest::newRow("50/50 of 7") << qint64(7) << QList<int>{50, 50} << std::vector<qint64>{4, 3};
    QTest::newRow("none") << qint64(0) << QList<int>{10, 90} << std::vector<qint64>{0, 0};
    QTest::newRow("33/33/34 of 101") << qint64(101) << QList<int>{33, 33, 34} << std::vector<qint64>{33, 33, 35};
    QTest::newRow("33/33/34 of 3") << qint64(3) << QList<int>{33, 33, 34} << std::vector<qint64>{1, 1, 1};
    QTest::newRow("5/95 of 1000001") << qint64(1000001) << QList<int>{5, 95} << std::vector<qint64>{50000, 950001};
}

void TestMemberExport::splitSizes()
{
    QFETCH(qint64, count);
    QFETCH(QList<int>, percents);
    QFETCH(std::vector<qint64>, sizes);
    QCOMPARE(exporting::GroupSplit::sizes(count, percents), sizes);
    const auto groups = exporting::GroupSplit::assign(std::min<qint64>(count, 5000), percents, 1);
    const auto small = exporting::GroupSplit::sizes(std::min<qint64>(count, 5000), percents);
    for (size_t g = 0; g < small.size(); ++g)
        QCOMPARE(qint64(std::count(groups.begin(), groups.end(), std::uint8_t(g))), small[g]);
}

namespace {

// Customer id -> group letter, from a CSV with the Group column first and the customer id second.
std::map<QString, QString> groupsOf(const QJsonObject &csv)
{
    std::map<QString, QString> groups;
    const QJsonArray rows = csv.value(u"rows").toArray();
    for (qsizetype r = 1; r < rows.size(); ++r) {
        const QJsonArray row = rows.at(r).toArray();
        groups[row.at(1).toString()] = row.at(0).toString();
    }
    return groups;
}

} // namespace

void TestMemberExport::splitIsReproducibleDisjointAndComplete()
{
    std::map<QString, QString> runs[3];
    const quint64 seeds[3] = {42, 42, 43};
    for (int i = 0; i < 3; ++i) {
        ExportOptions o = options(QStringLiteral("split-%1.csv").arg(i));
        o.columns = QStringList{QStringLiteral("customer_id")};
        o.splitPercents = {10, 90};
        o.seed = seeds[i];
        const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
        QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
        const QJsonObject csv = readBack({QStringLiteral("csv"), o.outPath, QStringLiteral("utf-8-sig"), QStringLiteral(",")});
        QCOMPARE(csv.value(u"rows").toArray().at(0).toArray().at(0).toString(), QStringLiteral("Group"));
        QCOMPARE(csv.value(u"rows").toArray().size(), qsizetype(m_expected.size() + 1)); // each member once
        runs[i] = groupsOf(csv);
    }
    QCOMPARE(runs[0], runs[1]);
    QVERIFY(runs[0] != runs[2]);
    // Complete: every member has a group; disjoint: one group each (a map); sizes within one of 10 % / 90 %.
    QCOMPARE(runs[0].size(), m_expected.size());
    for (const SqlRow &row : m_expected)
        QVERIFY(runs[0].count(row.values[0].text) == 1);
    const auto a = double(std::count_if(runs[0].begin(), runs[0].end(), [](const auto &p) { return p.second == u"A"; }));
    const auto b = double(std::count_if(runs[0].begin(), runs[0].end(), [](const auto &p) { return p.second == u"B"; }));
    const double n = double(m_expected.size());
    QVERIFY(a + b == n);
    QVERIFY(std::abs(a - n * 0.1) < 1.0);
    QVERIFY(std::abs(b - n * 0.9) < 1.0);
}

void TestMemberExport::splitSheetsAndFilesHoldTheSameGroups()
{
    const QList<int> percents = {20, 30, 50};
    ExportOptions column = options(QStringLiteral("groups.csv"));
    column.columns = QStringList{QStringLiteral("customer_id")};
    column.splitPercents = percents;
    column.seed = 7;
    QVERIFY(MemberExporter::run(*m_workspace, m_rule, column).ok());
    const auto reference = groupsOf(readBack({QStringLiteral("csv"), column.outPath, QStringLiteral("utf-8-sig"), QStringLiteral(",")}));

    ExportOptions sheets = column;
    sheets.outPath = path(QStringLiteral("groups.xlsx"));
    sheets.splitSheets = true;
    const auto summary = MemberExporter::run(*m_workspace, m_rule, sheets);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    const QJsonObject book = readBack({QStringLiteral("xlsx"), sheets.outPath});
    QCOMPARE(sheetNames(book), (QStringList{QStringLiteral("Group A"), QStringLiteral("Group B"), QStringLiteral("Group C"),
                                            QStringLiteral("Segment"), QStringLiteral("Summary")}));
    std::map<QString, QString> fromSheets;
    for (const QString &g : {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}) {
        const QJsonArray rows = sheetRows(book, QStringLiteral("Group ") + g);
        for (qsizetype r = 1; r < rows.size(); ++r)
            QVERIFY(fromSheets.emplace(rows.at(r).toArray().at(0).toArray().at(1).toString(), g).second);
    }
    QCOMPARE(fromSheets, reference);

    ExportOptions files = column;
    files.outPath = path(QStringLiteral("groupfiles.csv"));
    files.splitSheets = true;
    const auto written = MemberExporter::run(*m_workspace, m_rule, files);
    QVERIFY2(written.ok(), qPrintable(written.errorMessage()));
    QCOMPARE(written->files, (QStringList{path(QStringLiteral("groupfiles-A.csv")), path(QStringLiteral("groupfiles-B.csv")),
                                          path(QStringLiteral("groupfiles-C.csv"))}));
    QVERIFY(!QFile::exists(files.outPath));
    std::map<QString, QString> fromFiles;
    for (const QString &g : {QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}) {
        const QJsonArray rows = readBack({QStringLiteral("csv"), path(QStringLiteral("groupfiles-%1.csv").arg(g)),
                                          QStringLiteral("utf-8-sig"), QStringLiteral(",")})
                                    .value(u"rows")
                                    .toArray();
        QCOMPARE(rows.at(0).toArray().at(0).toString(), QStringLiteral("Customer ID"));
        for (qsizetype r = 1; r < rows.size(); ++r)
            QVERIFY(fromFiles.emplace(rows.at(r).toArray().at(0).toString(), g).second);
    }
    QCOMPARE(fromFiles, reference);
}

void TestMemberExport::refusesToOverwriteWithoutForce()
{
    for (const QString &name : {QStringLiteral("existing.xlsx"), QStringLiteral("existing.csv")}) {
        QFile file(path(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old");
        file.close();
        ExportOptions o = options(name);
        const auto refused = MemberExporter::run(*m_workspace, m_rule, o);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.errorMessage().contains(u"already exists"), qPrintable(refused.errorMessage()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("old"));
        file.close();
        o.force = true;
        const auto replaced = MemberExporter::run(*m_workspace, m_rule, o);
        QVERIFY2(replaced.ok(), qPrintable(replaced.errorMessage()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.size() > 1000);
    }
}

void TestMemberExport::cancelLeavesNothingBehind_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("splitFiles");
    QTest::newRow("xlsx") << QStringLiteral("cancel.xlsx") << false;
    QTest::newRow("csv") << QStringLiteral("cancel.csv") << false;
    QTest::newRow("csv files") << QStringLiteral("cancelsplit.csv") << true;
}

void TestMemberExport::cancelLeavesNothingBehind()
{
    QFETCH(QString, name);
    QFETCH(bool, splitFiles);
    // An existing file, replaced with --force, must survive a cancelled export untouched.
    QFile old(path(name));
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old");
    old.close();
    const QStringList before = dirEntries();
    ExportOptions o = options(name);
    o.force = true;
    if (splitFiles) {
        o.splitPercents = {50, 50};
        o.splitSheets = true;
    }
    qint64 reports = 0;
    Progress *self = nullptr;
    Progress progress([&](qint64 done, qint64 total) {
        ++reports;
        if (total > 0 && done >= 0)
            self->cancel();
    });
    self = &progress;
    const auto result = MemberExporter::run(*m_workspace, m_rule, o, &progress);
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(u"cancelled"), qPrintable(result.errorMessage()));
    QVERIFY(reports > 0);
    QCOMPARE(dirEntries(), before);
    QVERIFY(old.open(QIODevice::ReadOnly));
    QCOMPARE(old.readAll(), QByteArray("old"));
}

void TestMemberExport::rejectsBadOptions_data()
{
    QTest::addColumn<QString>("out");
    QTest::addColumn<QStringList>("columns");
    QTest::addColumn<QList<int>>("split");
    QTest::addColumn<QString>("delimiter");
    QTest::addColumn<QString>("message");
    const QStringList none;
    QTest::newRow("extension") << QStringLiteral("out.txt") << none << QList<int>() << QStringLiteral(",") << QStringLiteral(".xlsx or .csv");
    QTest::newRow("no extension") << QStringLiteral("out") << none << QList<int>() << QStringLiteral(",") << QStringLiteral(".xlsx or .csv");
    QTest::newRow("column") << QStringLiteral("out.xlsx") << QStringList{QStringLiteral("nope")} << QList<int>()
                            << QStringLiteral(",") << QStringLiteral("“nope”");
    QTest::newRow("split total") << QStringLiteral("out.csv") << none << QList<int>{10, 80} << QStringLiteral(",")
                                 << QStringLiteral("add up to 100");
    QTest::newRow("one group") << QStringLiteral("out.csv") << none << QList<int>{100} << QStringLiteral(",") << QStringLiteral("2 to 26");
    QTest::newRow("quote delimiter") << QStringLiteral("out.csv") << none << QList<int>() << QStringLiteral("\"")
                                     << QStringLiteral("cannot separate");
    QTest::newRow("missing folder") << QStringLiteral("nowhere/out.csv") << none << QList<int>() << QStringLiteral(",")
                                    << QStringLiteral("does not exist");
}

void TestMemberExport::rejectsBadOptions()
{
    QFETCH(QString, out);
    QFETCH(QStringList, columns);
    QFETCH(QList<int>, split);
    QFETCH(QString, delimiter);
    QFETCH(QString, message);
    const QStringList before = dirEntries();
    ExportOptions o = options(out);
    if (!columns.isEmpty())
        o.columns = columns;
    o.splitPercents = split;
    o.delimiter = char(delimiter.at(0).unicode());
    const auto result = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY(!result.ok());
    QVERIFY2(result.errorMessage().contains(message), qPrintable(result.errorMessage()));
    QCOMPARE(dirEntries(), before);
}

void TestMemberExport::commandLine()
{
    const QString out = path(QStringLiteral("cli.csv"));
    const QStringList base = {QStringLiteral("export"), QStringLiteral("--db"), m_workspacePath, QStringLiteral("--rule"), kRule,
                              QStringLiteral("--columns"), QStringLiteral("customer_id,note"), QStringLiteral("--encoding"),
                              QStringLiteral("utf-8")};
    const Run first = cli(base + QStringList{QStringLiteral("--out"), out});
    QVERIFY2(first.exitCode == 0, qPrintable(first.err));
    QVERIFY2(first.out.contains(QString::number(m_expected.size())), qPrintable(first.out));
    const QJsonArray rows = readBack({QStringLiteral("csv"), out, QStringLiteral("utf-8"), QStringLiteral(",")}).value(u"rows").toArray();
    QCOMPARE(rows.size(), qsizetype(m_expected.size() + 1));
    QCOMPARE(rows.at(1).toArray().at(0).toString(), m_expected.front().values[0].text);

    const Run again = cli(base + QStringList{QStringLiteral("--out"), out});
    QCOMPARE(again.exitCode, 1);
    QVERIFY2(again.err.contains(u"already exists"), qPrintable(again.err));
    const Run forced = cli(base + QStringList{QStringLiteral("--out"), out, QStringLiteral("--force")});
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));

    const Run split = cli(base + QStringList{QStringLiteral("--out"), path(QStringLiteral("cli-split.csv")), QStringLiteral("--split"),
                                             QStringLiteral("10,90"), QStringLiteral("--seed"), QStringLiteral("5"),
                                             QStringLiteral("--split-files")});
    QVERIFY2(split.exitCode == 0, qPrintable(split.err));
    QVERIFY(QFile::exists(path(QStringLiteral("cli-split-A.csv"))));
    QVERIFY(QFile::exists(path(QStringLiteral("cli-split-B.csv"))));

    // A saved segment, by name: its name and rule are recorded on the Segment sheet.
    segments::SavedSegment saved;
    saved.name = QStringLiteral("大客户");
    saved.rule = m_rule;
    QVERIFY(segments::SegmentStore(m_workspace->db()).save(saved).ok());
    const QString xlsx = path(QStringLiteral("cli-segment.xlsx"));
    const Run bySegment = cli({QStringLiteral("export"), QStringLiteral("--db"), m_workspacePath, QStringLiteral("--segment"),
                               saved.name, QStringLiteral("--out"), xlsx, QStringLiteral("--mask")});
    QVERIFY2(bySegment.exitCode == 0, qPrintable(bySegment.err));
    const QJsonObject book = readBack({QStringLiteral("xlsx"), xlsx});
    QCOMPARE(sheetRows(book, QStringLiteral("Segment")).at(0).toArray().at(1).toArray().at(1).toString(), saved.name);
    QCOMPARE(sheetRows(book, QStringLiteral("Members")).size(), qsizetype(m_expected.size() + 1));

    const Run badEncoding = cli(base + QStringList{QStringLiteral("--out"), path(QStringLiteral("x.csv")), QStringLiteral("--encoding"),
                                                   QStringLiteral("latin9")});
    QCOMPARE(badEncoding.exitCode, 2);
    const Run noRule = cli({QStringLiteral("export"), QStringLiteral("--db"), m_workspacePath, QStringLiteral("--out"),
                            path(QStringLiteral("y.xlsx"))});
    QCOMPARE(noRule.exitCode, 2);
    const Run unknownSegment = cli({QStringLiteral("export"), QStringLiteral("--db"), m_workspacePath, QStringLiteral("--segment"),
                                    QStringLiteral("nope"), QStringLiteral("--out"), path(QStringLiteral("z.xlsx"))});
    QCOMPARE(unknownSegment.exitCode, 1);
    QVERIFY(!QFile::exists(path(QStringLiteral("z.xlsx"))));
}

void TestMemberExport::onlyTheSelectedCustomers()
{
    // A selection of the Customers view: three members, in no order, and a customer the rule does not keep.
    QVERIFY(m_expected.size() >= 10);
    const qint64 outsider = m_workspace->db()
                                .scalar(QStringLiteral("SELECT min(id) FROM customers WHERE id NOT IN (%1)")
                                            .arg([this] {
                                                QStringList ids;
                                                for (const SqlRow &row : m_expected)
                                                    ids << QString::number(row.id);
                                                return ids.join(u',');
                                            }())
                                            .toStdString())
                                .toLongLong();
    QVERIFY(outsider > 0);
    ExportOptions o = options(QStringLiteral("selected.csv"));
    o.customerIds = std::vector<qint64>{m_expected[7].id, outsider, m_expected[2].id, m_expected[5].id};
    const auto summary = MemberExporter::run(*m_workspace, m_rule, o);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->members, 3);
    const QJsonArray rows = readBack({QStringLiteral("csv"), o.outPath, QStringLiteral("utf-8-sig"), QStringLiteral(",")})
                                .value(u"rows")
                                .toArray();
    QCOMPARE(rows.size(), 4); // the header and the three members, in id order
    QCOMPARE(rows.at(1).toArray().at(0).toString(), m_expected[2].values[0].text);
    QCOMPARE(rows.at(2).toArray().at(0).toString(), m_expected[5].values[0].text);
    QCOMPARE(rows.at(3).toArray().at(0).toString(), m_expected[7].values[0].text);
}

QTEST_GUILESS_MAIN(TestMemberExport)
#include "tst_memberexport.moc"
