#include "rules/columncache.h"
#include "rules/ruletext.h"
#include "rules/stepcounts.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDebug>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace segmenta;
using namespace segmenta::rules;

// The running count after each condition of the root group (issue 21 point 10), over five customers worked
// by hand:
//   id | total_spend | orders | stage
//    1 |        1000 |      3 | growing
//    2 |         500 |      1 | new
//    3 |         500 |      1 | at_risk
//    4 |           0 |      0 | prospect
//    5 |       120.5 |      2 | dormant
class TestStepCounts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void stepCounts_data();
    void stepCounts();
    void aConditionSwitchedOffAddsNoStep();
    void aBadRuleGivesItsError();

private:
    std::vector<StepCount> counts(const Rule &rule);

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    std::unique_ptr<RuleContext> m_context;
    std::shared_ptr<const ColumnCache> m_cache;
};

void TestStepCounts::initTestCase()
{
    auto created = store::Workspace::create(m_dir.filePath(QStringLiteral("hand.segmenta")));
    QVERIFY(created.ok());
    m_workspace = std::move(created).value();
    store::Database &db = m_workspace->db();
    db.exec("INSERT INTO customers(id, customer_key) VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')");
    db.exec("INSERT INTO customer_metrics(customer_id, total_spend, orders_count, repeat_buyer, lifecycle_stage, value_tier) "
            "VALUES (1, 1000, 3, 1, 'growing', 'high'), (2, 500, 1, 0, 'new', 'mid'), (3, 500, 1, 0, 'at_risk', 'mid'), "
            "(4, 0, 0, 0, 'prospect', 'none'), (5, 120.5, 2, 1, 'dormant', 'low')");
    m_context = std::make_unique<RuleContext>(RuleContext::forDatabase(db, QDate(2026, 7, 1)));
    auto cache = ColumnCache::load(db, m_context->fields);
    QVERIFY(cache.ok());
    m_cache = std::move(cache).value();
}

std::vector<StepCount> TestStepCounts::counts(const Rule &rule)
{
    const auto steps = rules::stepCounts(rule, *m_context, *m_cache);
    if (!steps.ok())
        qWarning() << steps.errorMessage();
    return steps.ok() ? steps.value() : std::vector<StepCount>{};
}

void TestStepCounts::stepCounts_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QList<qint64>>("expected");
    // spend >= 500: 1 2 3; and growing or new: 1 2; and 3 orders or more: 1.
    QTest::newRow("all") << QStringLiteral("total_spend >= 500 and lifecycle_stage in (\"growing\", \"new\") and orders_count >= 3")
                         << QList<qint64>{3, 2, 1};
    // spend >= 1000: 1; or dormant: 1 5; or an order at least: 1 2 3 5.
    QTest::newRow("any") << QStringLiteral("total_spend >= 1000 or lifecycle_stage is \"dormant\" or orders_count >= 1")
                         << QList<qint64>{1, 2, 4};
    // A nested group is one step: spend >= 500 (1 2 3), then (at risk or 2 orders or more): 3 and 1.
    QTest::newRow("group") << QStringLiteral("total_spend >= 500 and (lifecycle_stage is \"at_risk\" or orders_count >= 2)")
                           << QList<qint64>{3, 2};
    QTest::newRow("empty") << QString() << QList<qint64>{};
}

void TestStepCounts::stepCounts()
{
    QFETCH(QString, rule);
    QFETCH(QList<qint64>, expected);
    const auto parsed = RuleText::parse(rule);
    QVERIFY2(parsed.ok(), qPrintable(parsed.errorMessage()));
    const auto steps = counts(parsed.value());
    QList<qint64> got;
    for (size_t i = 0; i < steps.size(); ++i) {
        QCOMPARE(steps[i].child, int(i));
        got << steps[i].count;
    }
    QCOMPARE(got, expected);
}

void TestStepCounts::aConditionSwitchedOffAddsNoStep()
{
    auto rule = RuleText::parse(QStringLiteral("total_spend >= 500 and lifecycle_stage is \"new\" and orders_count >= 1")).value();
    rule.root.children[1].condition->enabled = false;
    // spend >= 500: 1 2 3; the stage is off; one order or more: still 1 2 3.
    const auto steps = counts(rule);
    QCOMPARE(steps.size(), size_t(2));
    QCOMPARE(steps[0].child, 0);
    QCOMPARE(steps[0].count, qint64(3));
    QCOMPARE(steps[1].child, 2);
    QCOMPARE(steps[1].count, qint64(3));
}

void TestStepCounts::aBadRuleGivesItsError()
{
    const auto steps = rules::stepCounts(RuleText::parse(QStringLiteral("nope = 1")).value(), *m_context, *m_cache);
    QVERIFY(!steps.ok());
    QVERIFY2(steps.errorMessage().contains(u"nope"), qPrintable(steps.errorMessage()));
}

QTEST_GUILESS_MAIN(TestStepCounts)
#include "tst_stepcounts.moc"
