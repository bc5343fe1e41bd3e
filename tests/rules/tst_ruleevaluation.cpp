#include "randomrules.h"

#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "segments/overlapmatrix.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace segmenta;
using namespace segmenta::rules;
using store::Database;
using store::Statement;

namespace {

const QDate kAsOf(2026, 7, 1);
const QString kHostileField = QStringLiteral("x\"; DROP TABLE customers; --");

void addField(Database &db, const QString &name, const QString &column, const char *type)
{
    db.exec(QStringLiteral("ALTER TABLE customers ADD COLUMN %1").arg(store::quoteIdentifier(column)).toStdString());
    Statement insert(db, "INSERT INTO fields(entity, name, label, table_name, column_name, type, origin, position) "
                         "VALUES ('customer', ?1, ?1, 'customers', ?2, ?3, 'imported', 100)");
    insert.bind(1, name).bind(2, column).bindUtf8(3, type);
    insert.run();
}

// Random customers with every kind of awkward value: empties, Unicode, ties, extremes, dates at the edges of
// the analysis date's windows, malformed values that the field's type cannot read.
void fillRandomCustomers(Database &db, int count, quint32 seed)
{
    addField(db, QStringLiteral("note"), QStringLiteral("c_1"), "text");
    addField(db, QStringLiteral("渠道"), QStringLiteral("c_2"), "category");
    addField(db, QStringLiteral("score"), QStringLiteral("c_3"), "decimal");
    addField(db, QStringLiteral("visits"), QStringLiteral("c_4"), "integer");
    addField(db, QStringLiteral("last_visit"), QStringLiteral("c_5"), "datetime");
    addField(db, QStringLiteral("subscribed"), QStringLiteral("c_6"), "boolean");
    addField(db, kHostileField, QStringLiteral("c_7\"]); --"), "money");
    QRandomGenerator random(seed);
    const auto pick = [&random](const QVariantList &values) { return values.at(int(random.bounded(qsizetype(values.size())))); };
    const QVariantList texts = {QVariant(), QStringLiteral(""), QStringLiteral("上海"), QStringLiteral("北京"),
                                QStringLiteral("Shanghai"), QStringLiteral("shanghai"), QStringLiteral("a'b\"c"),
                                QStringLiteral("%_*"), QStringLiteral("x1"), QStringLiteral("x2"), QStringLiteral("😀 emoji")};
    const QVariantList numbers = {QVariant(), 0.0, -0.0, 1.0, 1.0, 2.5, -3.0, 1e300, -1e300, 12.25, 1000.0,
                                  QStringLiteral("12"), QStringLiteral("")};
    const QVariantList integers = {QVariant(), qint64(0), qint64(1), qint64(1), qint64(5), qint64(-7), qint64(1000000)};
    QVariantList dates = {QVariant(), QStringLiteral(""), QStringLiteral("2024-02-30"), QStringLiteral("garbage"),
                          QStringLiteral("2024-02-29"), QStringLiteral("1990-02-28T08:00:00"), QStringLiteral("1988-03-01")};
    for (int d = -400; d <= 40; d += (d > -100 && d < 100) ? 1 : 37)
        dates << kAsOf.addDays(d).toString(Qt::ISODate);
    dates << kAsOf.addMonths(-6).toString(Qt::ISODate) << kAsOf.addMonths(-6).addDays(-1).toString(Qt::ISODate);
    const QVariantList stages = {QVariant(), QStringLiteral("prospect"), QStringLiteral("new"), QStringLiteral("growing"),
                                 QStringLiteral("mature"), QStringLiteral("at_risk"), QStringLiteral("dormant")};
    const QVariantList tiers = {QStringLiteral("high"), QStringLiteral("mid"), QStringLiteral("low"), QStringLiteral("none")};
    const QVariantList rfm = {QVariant(), QStringLiteral("Champions"), QStringLiteral("Slipping Away"), QStringLiteral("Can't Lose")};
    const QVariantList booleans = {QVariant(), qint64(0), qint64(1), QStringLiteral("yes")};
    Statement customer(db, "INSERT INTO customers(id, customer_key, name, city, gender, phone, birth_date, signup_date, "
                           "c_1, c_2, c_3, c_4, c_5, c_6, \"c_7\"\"]); --\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "?10, ?11, ?12, ?13, ?14, ?15)");
    Statement metrics(db, "INSERT INTO customer_metrics(customer_id, orders_count, total_spend, last_order_date, "
                          "days_since_last_order, lifecycle_stage, value_tier, r_score, f_score, rfm_segment, repeat_buyer) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    for (int i = 1; i <= count; ++i) {
        customer.bind(1, qint64(i * 3)) // sparse ids
            .bind(2, QStringLiteral("K%1").arg(i))
            .bind(3, pick(texts))
            .bind(4, pick(texts))
            .bind(5, pick(QVariantList{QStringLiteral("F"), QStringLiteral("M"), QVariant()}))
            .bind(6, pick(QVariantList{QStringLiteral("13800001111"), QStringLiteral("09790"), QVariant()}))
            .bind(7, pick(dates))
            .bind(8, pick(dates))
            .bind(9, pick(texts))
            .bind(10, pick(texts))
            .bind(11, pick(numbers))
            .bind(12, pick(integers))
            .bind(13, pick(dates))
            .bind(14, pick(booleans))
            .bind(15, pick(numbers));
        customer.run();
        if (random.bounded(10) == 0)
            continue; // no metrics row: every derived value empty
        // orders_count and total_spend are NOT NULL in the schema.
        metrics.bind(1, qint64(i * 3))
            .bind(2, pick(integers.mid(1)))
            .bind(3, pick(numbers.mid(1)))
            .bind(4, pick(dates))
            .bind(5, pick(integers))
            .bind(6, pick(stages))
            .bind(7, pick(tiers))
            .bind(8, qint64(random.bounded(1, 6)))
            .bind(9, qint64(random.bounded(1, 6)))
            .bind(10, pick(rfm))
            .bind(11, pick(booleans.mid(1)));
        metrics.run();
    }
}

std::map<QString, QVariantList> valuePools(const ColumnCache &cache, const std::vector<store::FieldInfo> &fields)
{
    std::map<QString, QVariantList> pools;
    for (const store::FieldInfo &field : fields) {
        const ColumnCache::Column *column = cache.column(field.name);
        if (!column)
            continue;
        QVariantList &pool = pools[field.name];
        if (column->dictionary) {
            for (size_t i = 1; i < column->wordCount(); ++i)
                pool << column->wordText(i);
        } else {
            column->valid.forEach([&](size_t row) {
                if (pool.size() < 40)
                    pool << (store::isTemporal(field.type) ? QVariant(QDate::fromJulianDay(qint64(column->number(row))))
                                                           : QVariant(column->number(row)));
            });
        }
    }
    return pools;
}

std::vector<qint64> sqlMembers(Database &db, const Rule &rule, const RuleContext &context)
{
    const auto compiled = SqlCompiler::compile(rule, context);
    if (!compiled)
        return {-1};
    return SqlCompiler::members(db, compiled.value());
}

} // namespace

class TestRuleEvaluation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void operatorsOnAHandTable_data();
    void operatorsOnAHandTable();
    void evaluatorsAgreeOnTenThousandRandomRules();
    void injectionAttemptsChangeNothing_data();
    void injectionAttemptsChangeNothing();
    void refusesCyclesAndUnknownFields();
    void reportsWhatEachConditionCosts();
    void savedSegmentsAndOverlap();
    void overlapMatrixMatchesSql();
    void firstMembersByCustomerId();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_hand;
    std::unique_ptr<store::Workspace> m_random;
};

void TestRuleEvaluation::initTestCase()
{
    auto hand = store::Workspace::create(m_dir.filePath(QStringLiteral("hand.segmenta")));
    QVERIFY(hand.ok());
    m_hand = std::move(hand).value();
    Database &db = m_hand->db();
    // id | city   | birth_date | total_spend | last_order_date | repeat | stage
    db.exec("INSERT INTO customers(id, customer_key, city, birth_date, email) VALUES "
            "(1, 'a', '上海', '1990-07-05', 'a@qq.com'), (2, 'b', '北京', '1992-02-29', NULL), "
            "(3, 'c', '', '2000-06-30', ''), (4, 'd', NULL, NULL, 'd@163.com'), (5, 'e', '上海市', '1985-12-31', 'e@x.cn'), "
            "(6, 'f', 'Shanghai', 'garbage', 'f@qq.com')");
    db.exec("INSERT INTO customer_metrics(customer_id, total_spend, orders_count, last_order_date, repeat_buyer, "
            "lifecycle_stage, value_tier) VALUES "
            "(1, 1000, 3, '2026-07-01', 1, 'growing', 'high'), (2, 500, 1, '2026-04-02', 0, 'new', 'mid'), "
            "(3, 500, 1, '2026-04-01', 0, 'at_risk', 'mid'), (4, 0, 0, NULL, 0, 'prospect', 'none'), "
            "(5, 120.5, 2, '2025-12-01T10:00:00', 1, 'dormant', 'low')");
    segments::SegmentStore store(db);
    segments::SavedSegment big;
    big.name = QStringLiteral("Big");
    big.rule = RuleText::parse(QStringLiteral("total_spend >= 500")).value();
    QVERIFY(store.save(big).ok());

    auto random = store::Workspace::create(m_dir.filePath(QStringLiteral("random.segmenta")));
    QVERIFY(random.ok());
    m_random = std::move(random).value();
    try {
        fillRandomCustomers(m_random->db(), 400, 20261123);
    } catch (const store::DatabaseError &error) {
        QFAIL(qPrintable(error.message()));
    }
    segments::SavedSegment a;
    a.name = QStringLiteral("VIP");
    a.rule = RuleText::parse(QStringLiteral("total_spend >= 1000 or value_tier in (\"high\")")).value();
    QVERIFY(segments::SegmentStore(m_random->db()).save(a).ok());
    segments::SavedSegment b;
    b.name = QStringLiteral("新客户");
    b.rule = RuleText::parse(QStringLiteral("lifecycle_stage in (\"new\") and not in segment \"VIP\"")).value();
    QVERIFY(segments::SegmentStore(m_random->db()).save(b).ok());
}

void TestRuleEvaluation::operatorsOnAHandTable_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("members");
    // Analysis date 2026-07-01. Customer 6 has no metrics row; 3's city is '', 4's NULL: both empty.
    QTest::newRow("is") << QStringLiteral("city is \"上海\"") << QStringLiteral("1");
    QTest::newRow("is not (empties match)") << QStringLiteral("city is not \"上海\"") << QStringLiteral("2 3 4 5 6");
    QTest::newRow("in") << QStringLiteral("city in (\"上海\", \"北京\")") << QStringLiteral("1 2");
    QTest::newRow("not in") << QStringLiteral("city not in (\"上海\", \"北京\")") << QStringLiteral("3 4 5 6");
    QTest::newRow("contains") << QStringLiteral("city contains \"上海\"") << QStringLiteral("1 5");
    QTest::newRow("not contains") << QStringLiteral("city not contains \"上海\"") << QStringLiteral("2 3 4 6");
    QTest::newRow("starts with") << QStringLiteral("email starts with \"d@\"") << QStringLiteral("4");
    QTest::newRow("ends with") << QStringLiteral("email ends with \"@qq.com\"") << QStringLiteral("1 6");
    QTest::newRow("empty text") << QStringLiteral("city is empty") << QStringLiteral("3 4");
    QTest::newRow("not empty text") << QStringLiteral("city is not empty") << QStringLiteral("1 2 5 6");
    QTest::newRow(">=") << QStringLiteral("total_spend >= 500") << QStringLiteral("1 2 3");
    QTest::newRow("<") << QStringLiteral("total_spend < 500") << QStringLiteral("4 5");
    QTest::newRow("= 0") << QStringLiteral("total_spend = 0") << QStringLiteral("4");
    QTest::newRow("!= (empty matches)") << QStringLiteral("total_spend != 500") << QStringLiteral("1 4 5 6");
    QTest::newRow("between") << QStringLiteral("total_spend between 120.5 and 500") << QStringLiteral("2 3 5");
    QTest::newRow("empty number") << QStringLiteral("total_spend is empty") << QStringLiteral("6");
    QTest::newRow("top 20%") << QStringLiteral("total_spend in top 20%") << QStringLiteral("1");
    // 5 values; 500 has 1 greater: 1 < 0.4 * 5 = 2, so the tie at 500 is in the top 40 %.
    QTest::newRow("top 40% with a tie") << QStringLiteral("total_spend in top 40%") << QStringLiteral("1 2 3");
    QTest::newRow("bottom 20%") << QStringLiteral("total_spend in bottom 20%") << QStringLiteral("4");
    QTest::newRow("on (datetime)") << QStringLiteral("last_order_date on 2025-12-01") << QStringLiteral("5");
    QTest::newRow("before") << QStringLiteral("last_order_date before 2026-04-02") << QStringLiteral("3 5");
    QTest::newRow("after") << QStringLiteral("last_order_date after 2026-04-01") << QStringLiteral("1 2");
    // In the last 90 days: 2026-04-02 to 2026-07-01, both ends included.
    QTest::newRow("in last 90 days") << QStringLiteral("last_order_date in last 90 days") << QStringLiteral("1 2");
    QTest::newRow("not in last 90 days") << QStringLiteral("last_order_date not in last 90 days") << QStringLiteral("3 4 5 6");
    QTest::newRow("in last 3 months") << QStringLiteral("last_order_date in last 3 months") << QStringLiteral("1 2 3");
    QTest::newRow("more than 90 days ago") << QStringLiteral("last_order_date more than 90 days ago") << QStringLiteral("3 5");
    // Birthdays: 07-05 is 4 days away; 29 Feb is 1 March in 2027; 06-30 was yesterday (next year); garbage is empty.
    QTest::newRow("anniversary 4 days") << QStringLiteral("birth_date anniversary within 4 days") << QStringLiteral("1");
    QTest::newRow("anniversary 3 days") << QStringLiteral("birth_date anniversary within 3 days") << QStringLiteral("");
    QTest::newRow("anniversary 243 days") << QStringLiteral("birth_date anniversary within 243 days") << QStringLiteral("1 2 5");
    QTest::newRow("anniversary 242 days") << QStringLiteral("birth_date anniversary within 242 days") << QStringLiteral("1 5");
    QTest::newRow("empty date") << QStringLiteral("birth_date is empty") << QStringLiteral("4 6");
    QTest::newRow("in next 4 days") << QStringLiteral("last_order_date in next 4 days") << QStringLiteral("1");
    QTest::newRow("is true") << QStringLiteral("repeat_buyer is true") << QStringLiteral("1 5");
    QTest::newRow("is false") << QStringLiteral("repeat_buyer is false") << QStringLiteral("2 3 4");
    QTest::newRow("lifecycle in") << QStringLiteral("lifecycle_stage in (\"new\", \"at_risk\")") << QStringLiteral("2 3");
    QTest::newRow("tier not in") << QStringLiteral("value_tier not in (\"high\")") << QStringLiteral("2 3 4 5 6");
    QTest::newRow("segment") << QStringLiteral("in segment \"Big\"") << QStringLiteral("1 2 3");
    QTest::newRow("not segment") << QStringLiteral("not in segment \"Big\"") << QStringLiteral("4 5 6");
    QTest::newRow("any group") << QStringLiteral("city is \"北京\" or total_spend = 0") << QStringLiteral("2 4");
    QTest::newRow("none group") << QStringLiteral("not (city is \"北京\" or total_spend = 0)") << QStringLiteral("1 3 5 6");
    QTest::newRow("disabled condition") << QStringLiteral("city is \"上海\" and disabled total_spend > 5000") << QStringLiteral("1");
    QTest::newRow("all disabled") << QStringLiteral("disabled city is \"上海\"") << QStringLiteral("1 2 3 4 5 6");
    QTest::newRow("empty rule") << QString() << QStringLiteral("1 2 3 4 5 6");
}

void TestRuleEvaluation::operatorsOnAHandTable()
{
    QFETCH(QString, rule);
    QFETCH(QString, members);
    const auto parsed = RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    QStringList expected = members.split(u' ', Qt::SkipEmptyParts);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    QVERIFY(cache.ok());
    const auto bits = ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value());
    QVERIFY2(bits.ok(), qPrintable(bits.errorMessage()));
    QStringList columnar, sql;
    for (qint64 id : ColumnarEvaluator::memberIds(bits.value(), *cache.value()))
        columnar << QString::number(id);
    for (qint64 id : sqlMembers(m_hand->db(), parsed.value(), context))
        sql << QString::number(id);
    QCOMPARE(columnar, expected);
    QCOMPARE(sql, expected);
}

void TestRuleEvaluation::evaluatorsAgreeOnTenThousandRandomRules()
{
    Database &db = m_random->db();
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());
    QCOMPARE(cache.value()->rows(), size_t(400));
    std::vector<store::FieldInfo> fields;
    for (const store::FieldInfo &f : context.fields) {
        if (f.table == u"customers" || f.table == u"customer_metrics")
            fields.push_back(f);
    }
    testing::RandomRules random(777, fields, valuePools(*cache.value(), fields), {QStringLiteral("VIP"), QStringLiteral("新客户")});
    int nonTrivial = 0;
    for (int i = 0; i < 10000; ++i) {
        const Rule rule = random.rule();
        const auto bits = ColumnarEvaluator::evaluate(rule, context, *cache.value());
        QVERIFY2(bits.ok(), qPrintable(RuleText::print(rule) + QStringLiteral(": ") + bits.errorMessage()));
        const auto columnar = ColumnarEvaluator::memberIds(bits.value(), *cache.value());
        const auto sql = sqlMembers(db, rule, context);
        if (columnar != sql) {
            QFAIL(qPrintable(QStringLiteral("#%1 %2: columnar %3 members, SQL %4")
                                 .arg(i)
                                 .arg(RuleText::print(rule))
                                 .arg(columnar.size())
                                 .arg(sql.size())));
        }
        if (!columnar.empty() && columnar.size() < 400)
            ++nonTrivial;
        // The complement property: R and not R split all customers.
        Rule negated;
        negated.root.match = GroupMatch::None;
        negated.root.children.emplace_back(rule.root);
        const auto opposite = ColumnarEvaluator::evaluate(negated, context, *cache.value());
        QVERIFY(opposite.ok());
        QCOMPARE(bits->count() + opposite->count(), size_t(400));
        if (i % 20 == 0)
            QCOMPARE(sql.size() + sqlMembers(db, negated, context).size(), size_t(400));
    }
    // The test means something only if most rules select some but not all customers.
    QVERIFY2(nonTrivial > 4000, qPrintable(QString::number(nonTrivial)));
}

void TestRuleEvaluation::injectionAttemptsChangeNothing_data()
{
    QTest::addColumn<QString>("rule");
    QTest::newRow("quote in value") << QStringLiteral("city is \"'; DROP TABLE customers; --\"");
    QTest::newRow("brackets and quotes") << QStringLiteral("city in (\"\\\")); DELETE FROM customers; --\", \"[x]\")");
    QTest::newRow("NUL") << QStringLiteral("city contains \"a") + QChar(u'\0') + QStringLiteral("b\"");
    QTest::newRow("hostile field name") << QStringLiteral("`x\"; DROP TABLE customers; --` > 0");
    QTest::newRow("hostile segment name") << QStringLiteral("in segment \"'; DROP TABLE segments; --\"");
}

void TestRuleEvaluation::injectionAttemptsChangeNothing()
{
    QFETCH(QString, rule);
    Database &db = m_random->db();
    const qint64 before = db.scalar("SELECT count(*) FROM customers").toLongLong();
    const auto parsed = RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto compiled = SqlCompiler::compile(parsed.value(), context);
    if (compiled) {
        const auto members = SqlCompiler::members(db, compiled.value());
        const auto cache = ColumnCache::load(db, context.fields);
        const auto bits = ColumnarEvaluator::evaluate(parsed.value(), context, *cache.value());
        QCOMPARE(ColumnarEvaluator::memberIds(bits.value(), *cache.value()), members);
    } else {
        QVERIFY(compiled.errorMessage().contains(u"no saved segment"));
    }
    QCOMPARE(db.scalar("SELECT count(*) FROM customers").toLongLong(), before);
    QVERIFY(db.tableExists("segments"));
    QCOMPARE(m_random->integrityCheck(), QStringLiteral("ok"));
}

void TestRuleEvaluation::refusesCyclesAndUnknownFields()
{
    Database &db = m_hand->db();
    segments::SegmentStore store(db);
    segments::SavedSegment a;
    a.name = QStringLiteral("A");
    a.rule = RuleText::parse(QStringLiteral("in segment \"B\"")).value();
    segments::SavedSegment b;
    b.name = QStringLiteral("B");
    b.rule = RuleText::parse(QStringLiteral("total_spend > 1 and in segment \"A\"")).value();
    QVERIFY(store.save(a).ok());
    QVERIFY(store.save(b).ok());
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto cycle = context.validate(RuleText::parse(QStringLiteral("in segment \"A\"")).value());
    QVERIFY(!cycle.ok());
    QVERIFY2(cycle.errorMessage().contains(u"refers to itself"), qPrintable(cycle.errorMessage()));
    const auto unknown = context.validate(RuleText::parse(QStringLiteral("nope = 1")).value());
    QVERIFY(unknown.errorMessage().contains(u"no field named “nope”"));
    const auto wrongType = context.validate(RuleText::parse(QStringLiteral("city > 5")).value());
    QVERIFY2(wrongType.errorMessage().contains(u"category"), qPrintable(wrongType.errorMessage()));
    QVERIFY(store.remove(store.find(QStringLiteral("A")).value()->id).ok());
    QVERIFY(store.remove(store.find(QStringLiteral("B")).value()->id).ok());
}

void TestRuleEvaluation::reportsWhatEachConditionCosts()
{
    const RuleContext context = RuleContext::forDatabase(m_hand->db(), kAsOf);
    const auto cache = ColumnCache::load(m_hand->db(), context.fields);
    // total_spend >= 500 keeps 1 2 3; city is "上海" keeps 1; together: 1.
    const auto rule = RuleText::parse(QStringLiteral("total_spend >= 500 and city is \"上海\"")).value();
    const auto impacts = ColumnarEvaluator::impacts(rule, context, *cache.value());
    QVERIFY(impacts.ok());
    QCOMPARE(impacts->size(), size_t(2));
    QCOMPARE(impacts->at(0).alone, qint64(3));
    QCOMPARE(impacts->at(0).loses, qint64(0)); // without it: city alone keeps 1, the same
    QCOMPARE(impacts->at(1).alone, qint64(1));
    QCOMPARE(impacts->at(1).loses, qint64(2)); // without it: 3 members instead of 1
    const auto bits = ColumnarEvaluator::evaluate(RuleText::parse(QStringLiteral("total_spend >= 500")).value(), context,
                                                  *cache.value());
    const SegmentFigures figures = ColumnarEvaluator::figures(bits.value(), *cache.value());
    QCOMPARE(figures.count, qint64(3));
    QCOMPARE(figures.total, qint64(6));
    QCOMPARE(figures.revenue, 2000.0);
    QCOMPARE(figures.lifecycle.at(QStringLiteral("at_risk")), qint64(1));
    QCOMPARE(figures.tiers.at(QStringLiteral("mid")), qint64(2));
    QCOMPARE(figures.tierRevenue.at(QStringLiteral("mid")), 1000.0);
}

void TestRuleEvaluation::savedSegmentsAndOverlap()
{
    QTemporaryDir dir;
    auto ws = store::Workspace::create(dir.filePath(QStringLiteral("segments.segmenta")));
    QVERIFY(ws.ok());
    segments::SegmentStore store(ws.value()->db());
    segments::SavedSegment s;
    s.name = QStringLiteral("One");
    s.rule = RuleText::parse(QStringLiteral("city is \"上海\"")).value();
    const auto one = store.save(s);
    QVERIFY(one.ok());
    s.name = QStringLiteral("Two");
    const auto two = store.save(s);
    QVERIFY(two.ok());
    QVERIFY(!store.rename(two.value(), QStringLiteral("One")).ok());
    QVERIFY(store.rename(two.value(), QStringLiteral("Deux")).ok());
    const auto copy = store.duplicate(one.value(), QStringLiteral("One (copy)"));
    QVERIFY(copy.ok());
    QVERIFY(store.move(copy.value(), 0).ok());
    QVERIFY(store.setColor(one.value(), QStringLiteral("#e15759")).ok());
    const auto all = store.list();
    QVERIFY(all.ok());
    QStringList names;
    for (const auto &segment : all.value())
        names << segment.name;
    QCOMPARE(names, (QStringList{QStringLiteral("One (copy)"), QStringLiteral("One"), QStringLiteral("Deux")}));
    QCOMPARE(all->at(1).color, QStringLiteral("#e15759"));
    QVERIFY(all->at(0).rule == s.rule);
    QVERIFY(store.recordSize(one.value(), kAsOf, 10, 99.5, QStringLiteral("{}")).ok());
    QVERIFY(store.recordSize(one.value(), kAsOf, 12, 99.5, QStringLiteral("{}")).ok());
    QCOMPARE(ws.value()->db().scalar("SELECT group_concat(customers) FROM segment_history").toString(), QStringLiteral("12"));
    const auto o = segments::SegmentStore::overlap({1, 2, 3, 7}, {2, 3, 4});
    QCOMPARE(o.onlyA, qint64(2));
    QCOMPARE(o.both, qint64(2));
    QCOMPARE(o.onlyB, qint64(1));
}

void TestRuleEvaluation::overlapMatrixMatchesSql()
{
    // The matrix of every saved segment pair, against the intersections of the SQL evaluator's member lists.
    Database &db = m_random->db();
    segments::SegmentStore store(db);
    segments::SavedSegment extra;
    extra.name = QStringLiteral("Shanghai");
    extra.rule = RuleText::parse(QStringLiteral("city in (\"上海\", \"Shanghai\") or `渠道` starts with \"x\"")).value();
    QVERIFY(store.save(extra).ok());
    extra.name = QStringLiteral("Nobody");
    extra.rule = RuleText::parse(QStringLiteral("total_spend > 1e301")).value();
    QVERIFY(store.save(extra).ok());
    const auto matrix = segments::OverlapMatrix::forWorkspace(*m_random, kAsOf);
    QVERIFY2(matrix.ok(), qPrintable(matrix.errorMessage()));
    const auto saved = store.list();
    QVERIFY(saved.ok());
    QCOMPARE(matrix->size(), saved->size());
    QVERIFY(matrix->size() >= 4);
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    std::vector<std::vector<qint64>> members;
    for (const auto &segment : saved.value())
        members.push_back(sqlMembers(db, segment.rule, context));
    for (size_t i = 0; i < members.size(); ++i) {
        QCOMPARE(matrix->names[i], saved->at(i).name);
        for (size_t j = 0; j < members.size(); ++j) {
            std::vector<qint64> both;
            std::set_intersection(members[i].begin(), members[i].end(), members[j].begin(), members[j].end(),
                                  std::back_inserter(both));
            QCOMPARE(matrix->both[i][j], qint64(both.size()));
        }
    }
    QCOMPARE(matrix->onlyFirst(0, 1), qint64(members[0].size()) - matrix->both[0][1]);
    for (const char *name : {"Shanghai", "Nobody"}) {
        const auto found = store.find(QString::fromUtf8(name));
        QVERIFY(found.ok() && found.value());
        QVERIFY(store.remove(found.value()->id).ok()); // the other tests see the workspace as before
    }
}

// The preview beside the rule lists the first members by customer id: the same ids plain SQL orders first
// (an empty text where a number belongs is no number for a rule; SQLite sorts text above every number).
void TestRuleEvaluation::firstMembersByCustomerId()
{
    Database &db = m_random->db();
    const RuleContext context = RuleContext::forDatabase(db, kAsOf);
    const auto cache = ColumnCache::load(db, context.fields);
    QVERIFY(cache.ok());
    const QList<std::pair<QString, QString>> rules{
        {QStringLiteral("total_spend >= 1000"), QStringLiteral("m.total_spend >= 1000 AND typeof(m.total_spend) <> 'text'")},
        {QStringLiteral("orders_count >= 2 and total_spend < 500"), QStringLiteral("m.orders_count >= 2 AND m.total_spend < 500")},
        {QStringLiteral("total_spend between 3 and 4"), QStringLiteral("m.total_spend BETWEEN 3 AND 4")}};
    for (const auto &[text, where] : rules) {
        const auto bits = ColumnarEvaluator::evaluate(RuleText::parse(text).value(), context, *cache.value());
        QVERIFY(bits.ok());
        std::vector<qint64> sql;
        const QString sqlText = QStringLiteral("SELECT c.id FROM customers c LEFT JOIN customer_metrics m ON "
                                               "m.customer_id = c.id WHERE ") + where + QStringLiteral(" ORDER BY c.id LIMIT 20");
        store::Statement query(db, sqlText.toStdString());
        while (query.step())
            sql.push_back(query.int64(0));
        QCOMPARE(ColumnarEvaluator::firstMemberIds(bits.value(), *cache.value(), 20), sql);
        QVERIFY2(text.contains(u"between") ? sql.empty() : !sql.empty(), qPrintable(text));
    }
}

QTEST_GUILESS_MAIN(TestRuleEvaluation)
#include "tst_ruleevaluation.moc"
