// Customer lists that carry their own totals (issue 19): the hand-made lists in tests/data/lists, imported
// and measured at the analysis date 2024-06-30, against values worked out by hand in the comments.
#include "demo/demoshop.h"
#include "export/exportoptions.h"
#include "export/memberexporter.h"
#include "import/importer.h"
#include "import/roles.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "metrics/distribution.h"
#include "rules/columncache.h"
#include "rules/columnarevaluator.h"
#include "rules/rulecontext.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <map>

using namespace segmenta;
using namespace segmenta::import;

namespace {

const QDate kAsOf(2024, 6, 30);

QString listPath(const char *name)
{
    return QStringLiteral(SEGMENTA_SOURCE_DIR "/tests/data/lists/") + QString::fromLatin1(name);
}

std::unique_ptr<store::Workspace> newWorkspace(const QTemporaryDir &dir, const QString &name)
{
    auto created = store::Workspace::create(dir.filePath(name));
    if (!created.ok())
        qFatal("%s", qPrintable(created.errorMessage()));
    std::unique_ptr<store::Workspace> workspace = std::move(created).value();
    workspace->setAnalysisDate(kAsOf);
    return workspace;
}

ImportSummary importOk(store::Workspace &workspace, const QString &path)
{
    const auto summary = Importer::run(workspace, path);
    if (!summary.ok())
        qFatal("%s", qPrintable(summary.errorMessage()));
    return summary.value();
}

void recompute(store::Workspace &workspace)
{
    const auto done = metrics::CustomerMetrics::recompute(workspace, metrics::AnalysisSettings{}, kAsOf);
    if (!done.ok())
        qFatal("%s", qPrintable(done.errorMessage()));
}

// One customer's metrics as "stage tier orders spend days r f m", "-" for NULL.
QString metricsOf(store::Workspace &workspace, const QString &key)
{
    store::Statement query(workspace.db(), "SELECT m.lifecycle_stage, m.value_tier, m.orders_count, m.total_spend, "
                                           "m.days_since_last_order, m.r_score, m.f_score, m.m_score, m.rfm_segment "
                                           "FROM customer_metrics m JOIN customers c ON c.id = m.customer_id "
                                           "WHERE c.customer_key = ?1");
    query.bind(1, key);
    if (!query.step())
        return QStringLiteral("missing");
    QStringList parts;
    for (int i = 0; i < 8; ++i)
        parts << (query.isNull(i) ? QStringLiteral("-") : query.value(i).toString());
    parts << (query.isNull(8) ? QStringLiteral("no-segment") : QStringLiteral("segment"));
    return parts.join(u' ');
}

qint64 ruleCount(store::Workspace &workspace, const QString &ruleText)
{
    const rules::RuleContext context = rules::RuleContext::forDatabase(workspace.db(), kAsOf);
    const auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
    const auto rule = rules::RuleText::parse(ruleText);
    if (!cache.ok() || !rule.ok())
        qFatal("rule %s: %s", qPrintable(ruleText), qPrintable(rule.ok() ? cache.errorMessage() : rule.errorMessage()));
    const auto bits = rules::ColumnarEvaluator::evaluate(rule.value(), context, *cache.value());
    if (!bits.ok())
        qFatal("%s", qPrintable(bits.errorMessage()));
    return qint64(bits.value().count());
}

QString text(store::Workspace &workspace, const QString &sql)
{
    return workspace.db().scalar(sql.toStdString()).toString();
}

const ImportedField *fieldNamed(const ImportSummary &summary, const QString &name)
{
    for (const ImportedField &f : summary.fields) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

// The Chinese field labels of translations/segmenta_zh_CN.ts (context "Field"), by English label.
QHash<QString, QString> chineseFieldLabels()
{
    QHash<QString, QString> labels;
    QFile file(QStringLiteral(SEGMENTA_SOURCE_DIR "/translations/segmenta_zh_CN.ts"));
    if (!file.open(QIODevice::ReadOnly))
        return labels;
    QXmlStreamReader xml(&file);
    QString context, source;
    while (!xml.atEnd()) {
        if (!xml.readNextStartElement())
            continue;
        if (xml.name() == u"name")
            context = xml.readElementText();
        else if (xml.name() == u"source")
            source = xml.readElementText();
        else if (xml.name() == u"translation" && context == u"Field")
            labels.insert(source, xml.readElementText());
    }
    return labels;
}

// Rewrites the header line of an exported CSV (UTF-8 with a byte-order mark) with the Chinese labels, as the
// export writes it when the interface is in Chinese.
bool translateHeader(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QString text = QString::fromUtf8(file.readAll());
    file.close();
    const qsizetype end = text.indexOf(u'\n');
    const QHash<QString, QString> labels = chineseFieldLabels();
    QStringList header = text.left(end).trimmed().remove(QChar(0xfeff)).split(u',');
    for (QString &name : header) {
        if (!labels.contains(name))
            return false;
        name = labels.value(name);
    }
    text = header.join(u',') + u'\r' + text.mid(end);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(text.toUtf8());
    return true;
}

const char *const kDerivedNames[] = {"avg_days_between_orders", "avg_order_value", "days_since_last_order", "f_score",
                                     "largest_order", "lifecycle_stage", "m_score", "orders_30", "orders_365",
                                     "orders_90", "r_score", "refunded_count", "repeat_buyer", "rfm_segment",
                                     "spend_30", "spend_365", "spend_90", "tenure_days", "value_tier"};

} // namespace

class TestCustomerLists : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void columnNamedLikeADerivedField_data();
    void columnNamedLikeADerivedField();
    void everyDerivedNameInOneList();
    void listTotalsAreThePurchaseHistory();
    void recencyGivenAsDays();
    void aLastOrderDateBeatsDaysSince();
    void headersRecognised_data();
    void headersRecognised();
    void shopifyCustomerExport();
    void hubspotAndMailchimpContacts();
    void roundTripThroughSegmentasOwnExport_data();
    void roundTripThroughSegmentasOwnExport();

private:
    QTemporaryDir m_dir;
};

void TestCustomerLists::columnNamedLikeADerivedField_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("role");      // the list role it maps to, or empty
    QTest::addColumn<QString>("fieldName"); // the imported field, or empty when it maps to a role
    for (const char *name : kDerivedNames) {
        const QString header = QString::fromLatin1(name);
        if (header == u"days_since_last_order")
            QTest::newRow(name) << header << QString::fromLatin1(role::kRecencyDays) << QString();
        else
            QTest::newRow(name) << header << QString() << header + QStringLiteral(" (list)");
    }
    // The names of the derived fields that are list totals, and labels as Segmenta's export and HubSpot write them.
    QTest::newRow("total_spend") << QStringLiteral("total_spend") << QString::fromLatin1(role::kTotalSpend) << QString();
    QTest::newRow("orders_count") << QStringLiteral("orders_count") << QString::fromLatin1(role::kOrdersCount) << QString();
    QTest::newRow("first_order_date") << QStringLiteral("first_order_date") << QString::fromLatin1(role::kFirstOrderDate) << QString();
    QTest::newRow("last_order_date") << QStringLiteral("last_order_date") << QString::fromLatin1(role::kLastOrderDate) << QString();
    QTest::newRow("Lifecycle Stage") << QStringLiteral("Lifecycle Stage") << QString() << QStringLiteral("Lifecycle Stage (list)");
    QTest::newRow("RFM segment") << QStringLiteral("RFM segment") << QString() << QStringLiteral("RFM segment (list)");
    QTest::newRow("Average order value") << QStringLiteral("Average order value") << QString() << QStringLiteral("Average order value (list)");
}

// customer_id,<header> / k1,7 / k2,(empty): imports without error; the column is either a list role or a field
// of its own named "<header> (list)", said in the summary, and the derived field keeps its name.
void TestCustomerLists::columnNamedLikeADerivedField()
{
    QFETCH(QString, header);
    QFETCH(QString, role);
    QFETCH(QString, fieldName);
    const QString path = m_dir.filePath(QStringLiteral("one_%1.csv").arg(QString::number(qHash(header))));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral("customer_id,%1\nk1,7\nk2,\n").arg(header).toUtf8());
    file.close();
    auto workspace = newWorkspace(m_dir, QStringLiteral("one_%1.segmenta").arg(QString::number(qHash(header))));
    const auto preview = Importer::preview(path, {}, workspace.get());
    QVERIFY2(preview.ok(), qPrintable(preview.errorMessage()));
    const auto summary = Importer::run(*workspace, path);
    QVERIFY2(summary.ok(), qPrintable(summary.errorMessage()));
    QCOMPARE(summary->inserted, qint64(2));
    const ImportedField *field = fieldNamed(summary.value(), header);
    QVERIFY(field);
    QCOMPARE(field->role, role);
    QCOMPARE(preview->fields.at(1).role, role);
    if (fieldName.isEmpty()) {
        QVERIFY(field->storedName.isEmpty());
        QCOMPARE(field->column.left(5), QStringLiteral("list_"));
    } else {
        QCOMPARE(field->storedName, fieldName);
        QCOMPARE(preview->fields.at(1).storedName, fieldName);
        QVERIFY2(field->note.contains(fieldName), qPrintable(field->note));
        QVERIFY2(preview->fields.at(1).note.contains(fieldName), qPrintable(preview->fields.at(1).note));
        QCOMPARE(text(*workspace, QStringLiteral("SELECT origin || ':' || column_name FROM fields WHERE name = '%1'").arg(fieldName)),
                 QStringLiteral("imported:") + field->column);
        QCOMPARE(text(*workspace, QStringLiteral("SELECT %1 FROM customers WHERE customer_key = 'k1'").arg(field->column)),
                 QStringLiteral("7"));
    }
    // The derived field of that name is still Segmenta's own.
    QCOMPARE(workspace->db().scalar("SELECT count(*) FROM fields WHERE origin = 'imported' AND name NOT LIKE '% (list)'").toLongLong(), qint64(0));
    recompute(*workspace);
}

// derived_names.csv: customer_id and all 19 derived names. Every column but days_since_last_order becomes a
// field "<name> (list)" holding k1's value; days_since_last_order (12) becomes k1's last order date,
// 2024-06-30 - 12 days = 2024-06-18, so k1 is a buyer with 1 order 12 days ago: new; k2 (all empty): prospect.
// k1 is the only buyer: F 1, but no R or M score (fewer than 5 buyers) and so no RFM segment.
void TestCustomerLists::everyDerivedNameInOneList()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("derived.segmenta"));
    const ImportSummary summary = importOk(*workspace, listPath("derived_names.csv"));
    QCOMPARE(summary.inserted, qint64(2));
    QCOMPARE(workspace->db().scalar("SELECT count(*) FROM fields WHERE origin = 'imported' AND name LIKE '% (list)'").toLongLong(), qint64(18));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE name = 'rfm_segment (list)'")).left(2), QStringLiteral("c_"));
    const QString rfmColumn = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE name = 'rfm_segment (list)'"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT %1 FROM customers WHERE customer_key = 'k1'").arg(rfmColumn)), QStringLiteral("Champions"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT list_last_order_date FROM customers WHERE customer_key = 'k1'")), QStringLiteral("2024-06-18"));
    QCOMPARE(summary.listHistory, qint64(1));
    recompute(*workspace);
    QCOMPARE(metricsOf(*workspace, QStringLiteral("k1")), QStringLiteral("new high 1 0 12 - 1 - no-segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("k2")), QStringLiteral("prospect none 0 0 - - - - no-segment"));
    // Rules on the list's own column and on the derived one.
    QCOMPARE(ruleCount(*workspace, QStringLiteral("`lifecycle_stage (list)` is \"mature\"")), qint64(1));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("lifecycle_stage is \"new\"")), qint64(1));
}

// totals.csv (analysis date 2024-06-30; defaults: new <= 1 order, growing <= 4, active <= 90 days, at risk
// <= 180; tiers: top 20 % of buyers high, next 30 % mid):
//   a 500, 5 orders, last 2024-06-20 (10 days)   -> mature
//   b 120, no count -> 1 order, last 2024-03-01 (121 days) -> at risk
//   c 80, 2 orders, no date                      -> recency unknown
//   d 0, nothing else                            -> prospect (not a buyer)
//   e no spend, 3 orders, last 2023-11-01 (242 days: 30+31+31+29+31+30+31+29) -> dormant
//   f 300, no count, no date -> 1 order          -> recency unknown
//   g only a last order date 2024-06-01 (29 days) -> 1 order, spend 0 -> new
//   h 999, 9 orders in the list, but one order row (2024-02-15, 50): the orders win -> 1 order, 50,
//     136 days (15+31+30+31+29) -> at risk
// Buyers by spend: a 500, f 300, b 120, c 80, h 50, e 0, g 0 (n = 7). Tiers: strictly richer buyers < 1.4 high
// (a 0, f 1), < 3.5 mid (b 2, c 3), the rest low (h 4, e 5, g 5).
// M = 1 + floor(5 * position / 7), position = strictly lower + ties / 2: e, g 0 + 1 -> 1; h 2.5 -> 2; c 3.5 -> 3;
// b 4.5 -> 4; f 5.5 -> 4; a 6.5 -> 5.
// F by the default order-count bins (1, 2, 3, 4-5, 6+ -> 1..5): a 5 orders -> 4; b f g h 1 -> 1; c 2 -> 2; e 3 -> 3.
// R among the dated (a 10, g 29, b 121, h 136, e 242; n = 5, no ties), fewer days better: a 4.5 -> 5; g 3.5 -> 4;
// b 2.5 -> 3; h 1.5 -> 2; e 0.5 -> 1. c and f: no R, no RFM segment.
void TestCustomerLists::listTotalsAreThePurchaseHistory()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("totals.segmenta"));
    const ImportSummary list = importOk(*workspace, listPath("totals.csv"));
    QCOMPARE(list.inserted, qint64(8));
    QCOMPARE(list.listHistory, qint64(7)); // all but d
    QVERIFY(list.toJson().value(QStringLiteral("list_purchase_history")).toInteger() == 7);
    importOk(*workspace, listPath("totals_orders.csv"));
    recompute(*workspace);
    //                                                            stage tier orders spend days R F M
    QCOMPARE(metricsOf(*workspace, QStringLiteral("a")), QStringLiteral("mature high 5 500 10 5 4 5 segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("b")), QStringLiteral("at_risk mid 1 120 121 3 1 4 segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("c")), QStringLiteral("recency_unknown mid 2 80 - - 2 3 no-segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("d")), QStringLiteral("prospect none 0 0 - - - - no-segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("e")), QStringLiteral("dormant low 3 0 242 1 3 1 segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("f")), QStringLiteral("recency_unknown high 1 300 - - 1 4 no-segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("g")), QStringLiteral("new low 1 0 29 4 1 1 segment"));
    QCOMPARE(metricsOf(*workspace, QStringLiteral("h")), QStringLiteral("at_risk low 1 50 136 2 1 2 segment"));
    // b's one order: its first order date is its last.
    QCOMPARE(text(*workspace, QStringLiteral("SELECT m.first_order_date FROM customer_metrics m JOIN customers c ON c.id = "
                                             "m.customer_id WHERE c.customer_key = 'b'")), QStringLiteral("2024-03-01"));
    // Rules: spend >= 300: a f; orders >= 2: a c e; last order after 2024-05-31: a g; stage recency
    // unknown: c f; buyers: all but d.
    QCOMPARE(ruleCount(*workspace, QStringLiteral("total_spend >= 300")), qint64(2));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("orders_count >= 2")), qint64(3));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("last_order_date after 2024-05-31")), qint64(2));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("lifecycle_stage is \"recency_unknown\"")), qint64(2));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("orders_count >= 1")), qint64(7));
    // The same figures in plain SQL over what the list stored: buyers are customers with any total and no
    // order rows, or with order rows.
    QCOMPARE(workspace->db().scalar("SELECT count(*) FROM customers c WHERE (coalesce(list_total_spend, 0) > 0 OR "
                                    "coalesce(list_orders_count, 0) > 0 OR list_first_order_date IS NOT NULL OR "
                                    "list_last_order_date IS NOT NULL) OR EXISTS (SELECT 1 FROM orders o WHERE "
                                    "o.customer_id = c.id AND o.is_valid = 1)").toLongLong(),
             workspace->db().scalar("SELECT count(*) FROM customer_metrics WHERE orders_count > 0").toLongLong());
    // The dashboard's split of buyers by recency: active a g, at risk b h, dormant e, recency unknown c f.
    const auto distribution = metrics::distributionOf(workspace->db(), metrics::AnalysisSettings{});
    QVERIFY(distribution.ok());
    QCOMPARE(distribution->active, qint64(2));
    QCOMPARE(distribution->atRisk, qint64(2));
    QCOMPARE(distribution->dormant, qint64(1));
    QCOMPARE(distribution->recencyUnknown, qint64(2));
    QCOMPARE(distribution->lifecycle.at(QStringLiteral("recency_unknown")), qint64(2));
    QCOMPARE(distribution->funnel.at(1).customers, qint64(7));
    // The lifecycle rules, read as rules, give every customer the stage stored.
    const auto stages = metrics::AnalysisSettings{}.lifecycle.rules();
    QStringList earlier;
    for (const auto &stageRule : stages) {
        const QString condition = earlier.isEmpty() ? stageRule.ruleText
                                                    : QStringLiteral("(%1) and not (%2)").arg(stageRule.ruleText, earlier.join(QStringLiteral(" or ")));
        earlier << QStringLiteral("(%1)").arg(stageRule.ruleText);
        QCOMPARE(ruleCount(*workspace, condition),
                 ruleCount(*workspace, QStringLiteral("lifecycle_stage is \"%1\"").arg(stageRule.stage)));
    }
}

// recency_days_zh.csv (会员ID, 姓名, 消费金额, 消费次数, 最近消费时间间隔 = days since the last purchase):
//   m1 200, 2 orders, 30 days -> last order 2024-05-31 -> growing
//   m2 50, 1 order, 200 days -> last order 2023-12-13 (2024-06-30 - 200 days: June 30, May 31, Apr 30, Mar 31,
//      Feb 29, Jan 31 = 181 back to 2023-12-31, 19 more) -> dormant
//   m3 80, no count, no days -> recency unknown
void TestCustomerLists::recencyGivenAsDays()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("recency.segmenta"));
    const auto preview = Importer::preview(listPath("recency_days_zh.csv"), {}, workspace.get());
    QVERIFY(preview.ok());
    QCOMPARE(preview->fields.at(4).role, QString::fromLatin1(role::kRecencyDays));
    QVERIFY2(preview->fields.at(4).note.contains(QStringLiteral("2024-06-30")) &&
                 preview->fields.at(4).note.contains(QStringLiteral("2024-05-31")),
             qPrintable(preview->fields.at(4).note));
    const ImportSummary summary = importOk(*workspace, listPath("recency_days_zh.csv"));
    QCOMPARE(fieldNamed(summary, QStringLiteral("最近消费时间间隔"))->column, QStringLiteral("list_last_order_date"));
    QCOMPARE(summary.listHistory, qint64(3));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(customer_key || ':' || coalesce(list_last_order_date, '-'), ' ') "
                                             "FROM (SELECT * FROM customers ORDER BY customer_key)")),
             QStringLiteral("m1:2024-05-31 m2:2023-12-13 m3:-"));
    recompute(*workspace);
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(lifecycle_stage, ' ') FROM (SELECT m.lifecycle_stage FROM "
                                             "customer_metrics m JOIN customers c ON c.id = m.customer_id ORDER BY c.customer_key)")),
             QStringLiteral("growing dormant recency_unknown"));
}

// recency_and_date.csv: r1 gives both 10 days and 2024-01-01: the date wins; r2 only 10 days: 2024-06-20.
void TestCustomerLists::aLastOrderDateBeatsDaysSince()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("both.segmenta"));
    importOk(*workspace, listPath("recency_and_date.csv"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(customer_key || ':' || list_last_order_date || ':' || "
                                             "list_orders_count || ':' || list_total_spend, ' ') FROM (SELECT * FROM customers ORDER BY customer_key)")),
             QStringLiteral("r1:2024-01-01:2:100.0 r2:2024-06-20:2:100.0"));
}

void TestCustomerLists::headersRecognised_data()
{
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("role");
    const auto add = [](const char *role, std::initializer_list<const char *> headers) {
        for (const char *header : headers)
            QTest::newRow(header) << QString::fromUtf8(header) << QString::fromLatin1(role);
    };
    // As the issue lists them.
    add(role::kOrdersCount, {"Orders", "Total Orders", "Order Count", "Number of orders", "订单数", "购买次数", "消费次数", "消费频率"});
    add(role::kTotalSpend, {"Total Spent", "Total Spend", "Amount Spent", "Lifetime value", "累计消费", "累计消费金额", "消费金额", "总消费"});
    add(role::kLastOrderDate, {"Last Order Date", "Last Purchase", "最近购买日期", "最后消费时间", "最近消费时间"});
    add(role::kFirstOrderDate, {"First Order Date", "首次购买"});
    add(role::kRecencyDays, {"最近消费时间间隔", "Recency", "days since last order"});
    // Segmenta's own member export: the field labels in English and as translations/segmenta_zh_CN.ts has them.
    add(role::kCustomerId, {"Customer ID", "客户编号"});
    add(role::kName, {"Name", "姓名"});
    add(role::kPhone, {"Phone", "手机"});
    add(role::kEmail, {"Email", "邮箱"});
    add(role::kCity, {"City", "城市"});
    add(role::kGender, {"Gender", "性别"});
    add(role::kBirthDate, {"Birth date", "出生日期"});
    add(role::kAge, {"Age", "年龄"});
    add(role::kCountry, {"Country", "国家"});
    add(role::kProvince, {"Province", "省份"});
    add(role::kSignupDate, {"Signup date", "注册日期"});
    add(role::kChannel, {"Channel", "渠道"});
    add(role::kTags, {"Tags", "标签"});
    add(role::kFirstOrderDate, {"First order date", "首单日期"});
    add(role::kLastOrderDate, {"Last order date", "最近下单日期"});
    add(role::kRecencyDays, {"Days since last order", "距上次下单天数"});
    add(role::kTotalSpend, {"Total spend"});
    // Shopify, HubSpot, Mailchimp.
    add(role::kName, {"First Name"});
    add(role::kLastName, {"Last Name"});
    add(role::kCity, {"Default Address City"});
    add(role::kProvince, {"Default Address Province Code", "State/Region", "REGION"});
    add(role::kCountry, {"Default Address Country Code", "Country/Region", "CC"});
    add(role::kZip, {"Default Address Zip", "Postal Code", "Zip"});
    add(role::kEmailConsent, {"Accepts Email Marketing"});
    add(role::kSmsConsent, {"Accepts SMS Marketing"});
    add(role::kEmail, {"Email Address"});
    add(role::kPhone, {"Phone Number"});
    add(role::kCustomerId, {"Record ID"});
}

void TestCustomerLists::headersRecognised()
{
    QFETCH(QString, header);
    QFETCH(QString, role);
    QCOMPARE(roleForHeader(header), role);
}

// shopify_customers.csv, Shopify's customer export: ids and phones with a leading apostrophe, first and last
// names, the default address, consent as yes/no, Total Spent and Total Orders.
//   '7283912745030 Ann Lee, Boston MA US 02134, email yes, SMS no, 310.50 in 3 orders
//   '7283912745031 Bo (no last name), Toronto ON CA, email no, SMS yes, 0.00 in 0 orders: no purchase history
//   '7283912745032 (no first name) Chen, email yes, SMS no, 45.00 in 1 order
void TestCustomerLists::shopifyCustomerExport()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("shopify.segmenta"));
    const ImportSummary summary = importOk(*workspace, listPath("shopify_customers.csv"));
    QCOMPARE(summary.inserted, qint64(3));
    QCOMPARE(summary.listHistory, qint64(2));
    const QString zip = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE role = 'zip'"));
    const QString emailConsent = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE role = 'email_consent'"));
    const QString smsConsent = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE role = 'sms_consent'"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT type FROM fields WHERE role = 'email_consent'")), QStringLiteral("boolean"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT name FROM fields WHERE role = 'sms_consent'")), QStringLiteral("Accepts SMS Marketing"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(row, ' | ') FROM (SELECT customer_key || ';' || coalesce(name, '-') || ';' || "
                                             "coalesce(phone, '-') || ';' || coalesce(city, '-') || ';' || coalesce(province, '-') || ';' || "
                                             "coalesce(country, '-') || ';' || coalesce(%1, '-') || ';' || coalesce(%2, '-') || ';' || "
                                             "coalesce(%3, '-') || ';' || list_total_spend || ';' || list_orders_count AS row FROM customers "
                                             "ORDER BY customer_key)").arg(zip, emailConsent, smsConsent)),
             QStringLiteral("7283912745030;Ann Lee;+16175550101;Boston;MA;US;02134;1;0;310.5;3 | "
                            "7283912745031;Bo;-;Toronto;ON;CA;M5H 1A1;0;1;0.0;0 | "
                            "7283912745032;Chen;-;-;-;-;-;1;0;45.0;1"));
    recompute(*workspace);
    QCOMPARE(ruleCount(*workspace, QStringLiteral("orders_count >= 1")), qint64(2));
    QCOMPARE(ruleCount(*workspace, QStringLiteral("total_spend >= 300")), qint64(1));
}

// hubspot_contacts.csv: Record ID is the key; its "Lifecycle Stage" (HubSpot's own) is imported as
// "Lifecycle Stage (list)". mailchimp_members.csv: no id, a phone for one member only: the e-mail address is
// the key; CC and REGION are country and province.
void TestCustomerLists::hubspotAndMailchimpContacts()
{
    auto workspace = newWorkspace(m_dir, QStringLiteral("contacts.segmenta"));
    const ImportSummary hubspot = importOk(*workspace, listPath("hubspot_contacts.csv"));
    QCOMPARE(hubspot.inserted, qint64(2));
    QCOMPARE(fieldNamed(hubspot, QStringLiteral("Lifecycle Stage"))->storedName, QStringLiteral("Lifecycle Stage (list)"));
    const QString stageColumn = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE name = 'Lifecycle Stage (list)'"));
    const QString zip = text(*workspace, QStringLiteral("SELECT column_name FROM fields WHERE role = 'zip'"));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(row, ' | ') FROM (SELECT customer_key || ';' || name || ';' || "
                                             "coalesce(phone, '-') || ';' || city || ';' || province || ';' || country || ';' || %1 || ';' || %2 "
                                             "AS row FROM customers ORDER BY customer_key)").arg(zip, stageColumn)),
             QStringLiteral("501;Dana Ruiz;+1 415 555 0100;San Francisco;CA;United States;94105;customer | "
                            "502;Eli Park;-;Austin;TX;United States;73301;lead"));
    const ImportSummary mailchimp = importOk(*workspace, listPath("mailchimp_members.csv"));
    QCOMPARE(mailchimp.inserted, qint64(2));
    QCOMPARE(mailchimp.rejected, qint64(0));
    QCOMPARE(text(*workspace, QStringLiteral("SELECT group_concat(row, ' | ') FROM (SELECT customer_key || ';' || name || ';' || "
                                             "coalesce(phone, '-') || ';' || country || ';' || province AS row FROM customers "
                                             "WHERE customer_key LIKE '%@%' ORDER BY customer_key)")),
             QStringLiteral("fay@example.com;Fay Wong;+852 5555 0101;HK;HK | gus@example.com;Gus Berg;-;SE;AB"));
}

void TestCustomerLists::roundTripThroughSegmentasOwnExport_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("columns"); // empty: the default columns
    QTest::newRow("csv") << QStringLiteral("members.csv") << QStringList();
    QTest::newRow("xlsx") << QStringLiteral("members.xlsx") << QStringList();
    // The headers as the Chinese interface writes them.
    QTest::newRow("csv-zh") << QStringLiteral("members-zh.csv") << QStringList();
    // The 20 columns of tests/bench/bench_export.cpp, derived fields among them.
    QTest::newRow("xlsx-20") << QStringLiteral("members20.xlsx")
                             << QStringList{QStringLiteral("customer_id"), QStringLiteral("name"), QStringLiteral("phone"),
                                            QStringLiteral("email"), QStringLiteral("gender"), QStringLiteral("birth_date"),
                                            QStringLiteral("age"), QStringLiteral("country"), QStringLiteral("province"),
                                            QStringLiteral("city"), QStringLiteral("signup_date"), QStringLiteral("channel"),
                                            QStringLiteral("first_order_date"), QStringLiteral("last_order_date"),
                                            QStringLiteral("orders_count"), QStringLiteral("total_spend"),
                                            QStringLiteral("avg_order_value"), QStringLiteral("lifecycle_stage"),
                                            QStringLiteral("value_tier"), QStringLiteral("rfm_segment")};
}

// The demo shop's customers exported with the default columns (Customer ID, Name, Phone, Email, City,
// Lifecycle stage, Value tier, RFM segment, Orders, Total spend, Last order date), imported into a new
// workspace and measured at the same analysis date: every customer has the same stage, tier and RFM segment.
void TestCustomerLists::roundTripThroughSegmentasOwnExport()
{
    QFETCH(QString, file);
    QFETCH(QStringList, columns);
    const QString tag = QString::fromLatin1(QTest::currentDataTag());
    auto shop = newWorkspace(m_dir, QStringLiteral("shop-%1.segmenta").arg(tag));
    demo::DemoOptions demoOptions;
    demoOptions.customers = 1500;
    demoOptions.seed = 19;
    const auto generated = demo::DemoShop::generate(*shop, demoOptions);
    QVERIFY2(generated.ok(), qPrintable(generated.errorMessage()));
    const QDate asOf = shop->analysisDate();
    QVERIFY(metrics::CustomerMetrics::recompute(*shop, metrics::AnalysisSettings{}, asOf).ok());
    exporting::ExportOptions options;
    options.outPath = m_dir.filePath(tag + u'-' + file);
    options.columns = columns;
    const auto exported = exporting::MemberExporter::run(*shop, rules::RuleText::parse(QStringLiteral("orders_count >= 0")).value(), options);
    QVERIFY2(exported.ok(), qPrintable(exported.errorMessage()));
    QCOMPARE(exported->members, shop->customerCount());
    if (file.endsWith(u"-zh.csv"))
        QVERIFY(translateHeader(options.outPath));

    auto copy = newWorkspace(m_dir, QStringLiteral("copy-%1.segmenta").arg(tag));
    copy->setAnalysisDate(asOf);
    const auto imported = Importer::run(*copy, options.outPath);
    QVERIFY2(imported.ok(), qPrintable(imported.errorMessage()));
    QCOMPARE(imported->inserted, shop->customerCount());
    QVERIFY(metrics::CustomerMetrics::recompute(*copy, metrics::AnalysisSettings{}, asOf).ok());

    const auto measures = [](store::Workspace &workspace) {
        std::map<QString, QString> byKey;
        store::Statement query(workspace.db(), "SELECT c.customer_key, m.lifecycle_stage || ' ' || m.value_tier || ' ' || "
                                               "coalesce(m.rfm_segment, '-') FROM customers c JOIN customer_metrics m ON "
                                               "m.customer_id = c.id");
        while (query.step())
            byKey.emplace(query.text(0), query.text(1));
        return byKey;
    };
    const auto before = measures(*shop);
    const auto after = measures(*copy);
    QCOMPARE(after.size(), before.size());
    qint64 same = 0;
    QString firstDifference;
    qint64 onlyCancelled = 0;
    for (const auto &[key, value] : before) {
        // A customer whose only orders were cancelled has the tier "cancelled"; the export's row says 0 orders
        // and 0 spent, and nothing of cancelled orders, so the list makes that customer a prospect (tier none).
        if (value.endsWith(u" cancelled -")) {
            ++onlyCancelled;
            QVERIFY2(after.at(key) == u"prospect none -", qPrintable(key + u": " + after.at(key)));
            continue;
        }
        const auto it = after.find(key);
        const QString other = it == after.end() ? QStringLiteral("missing") : it->second;
        if (other == value)
            ++same;
        else if (firstDifference.isEmpty())
            firstDifference = key + u": " + value + u" -> " + other;
    }
    QVERIFY2(same + onlyCancelled == qint64(before.size()), qPrintable(QStringLiteral("%1 of %2 the same; %3").arg(same).arg(before.size()).arg(firstDifference)));
    // Not every stage is the same one: the comparison means something.
    QVERIFY(copy->db().scalar("SELECT count(DISTINCT lifecycle_stage) FROM customer_metrics").toLongLong() >= 5);
}

QTEST_GUILESS_MAIN(TestCustomerLists)
#include "tst_customerlists.moc"
