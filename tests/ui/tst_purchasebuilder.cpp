#include "builder/conditionrow.h"
#include "builder/draghandle.h"
#include "builder/fieldpicker.h"
#include "builder/groupframe.h"
#include "builder/purchaseeditor.h"
#include "builder/rulebuilder.h"
#include "builder/valuelistpicker.h"
#include "segments/rulepanel.h"

#include "demo/demoshop.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace segmenta;

// Issue 20 point 5: purchase conditions in the visual rule builder, driven with the mouse and keyboard on the
// offscreen platform over the demo shop. A "Purchased…" condition built by clicking (its count, period and a
// category ticked in the value picker, whose buyer counts are checked against plain SQL), its rule text and
// member count against plain SQL; each edit one named undo step; rules with purchase conditions typed as
// text shown and read back unchanged; drag and drop inside and across a where-group; the panel's messages
// for bad purchase rules naming line and column.
class TestPurchaseBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void addAPurchaseConditionByClicking();
    void eachEditIsOneUndoStep();
    void existingRulesShowAndRoundTrip_data();
    void existingRulesShowAndRoundTrip();
    void dragStaysOnItsSideOfTheWhere();
    void conditionsInTheWhereShowFigures();
    void badRulesNameLineAndColumn_data();
    void badRulesNameLineAndColumn();

private:
    qint64 sqlScalar(const QString &sql);
    qint64 ruleCount(const rules::Rule &rule);
    ui::ConditionRow *rowAt(ui::GroupFrame *frame, size_t index);
    void setText(const QString &text);
    void buildByClicking(std::vector<rules::Rule> *steps);

    QTemporaryDir m_dir;
    std::unique_ptr<store::Workspace> m_workspace;
    rules::RuleContext m_context;
    std::shared_ptr<const rules::ColumnCache> m_cache;
    std::unique_ptr<ui::RulePanel> m_panel;
    ui::RuleBuilder *m_builder = nullptr;
    rules::Rule m_emitted;
};

namespace {

QToolButton *button(QWidget *owner, const char *name)
{
    return owner->findChild<QToolButton *>(QLatin1StringView(name), Qt::FindDirectChildrenOnly);
}

template <typename T>
T *child(QWidget *owner, const char *name)
{
    return owner->findChild<T *>(QLatin1StringView(name));
}

// Selects everything in a line edit or spin box, types `text` and presses Enter.
void retype(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(widget, text);
    QTest::keyClick(widget, Qt::Key_Return);
}

rules::Rule parsed(const QString &text)
{
    auto rule = rules::RuleText::parse(text);
    if (!rule)
        qFatal("bad test rule %s: %s", qPrintable(text), qPrintable(rule.errorMessage()));
    return std::move(rule).value();
}

} // namespace

void TestPurchaseBuilder::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    auto ws = demo::DemoShop::createWorkspace(m_dir.filePath(QStringLiteral("shop.segmenta")), {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    m_workspace = std::move(ws).value();
    m_context = rules::RuleContext::forDatabase(m_workspace->db(), m_workspace->analysisDate());
    auto cache = rules::ColumnCache::load(m_workspace->db(), m_context.fields);
    QVERIFY(cache.ok());
    m_cache = std::move(cache).value();
}

void TestPurchaseBuilder::init()
{
    m_panel = std::make_unique<ui::RulePanel>();
    m_panel->resize(1200, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_builder = m_panel->builder();
    connect(m_panel.get(), &ui::RulePanel::ruleChanged, this, [this](const rules::Rule &rule) { m_emitted = rule; });
    m_panel->setEvaluationData(m_cache, m_context);
}

void TestPurchaseBuilder::cleanup()
{
    m_panel.reset();
}

qint64 TestPurchaseBuilder::sqlScalar(const QString &sql)
{
    return m_workspace->db().scalar(sql.toStdString()).toLongLong();
}

qint64 TestPurchaseBuilder::ruleCount(const rules::Rule &rule)
{
    const auto members = rules::ColumnarEvaluator::evaluate(rule, m_context, *m_cache);
    return members ? qint64(members->count()) : -1;
}

ui::ConditionRow *TestPurchaseBuilder::rowAt(ui::GroupFrame *frame, size_t index)
{
    return frame && index < frame->childWidgets().size() ? qobject_cast<ui::ConditionRow *>(frame->childWidgets()[index]) : nullptr;
}

// As a saved segment or a typed rule opens.
void TestPurchaseBuilder::setText(const QString &text)
{
    m_panel->setRuleText(text);
    QCOMPARE(rules::RuleText::print(m_builder->rule()), rules::RuleText::print(parsed(text)));
}

// + Condition, Purchased… from the field picker, at least 2 times in the last 180 days, and in its where-group
// + Condition with Teaware ticked in the value picker. `steps` gets the rule after each edit.
void TestPurchaseBuilder::buildByClicking(std::vector<rules::Rule> *steps)
{
    const auto step = [&] { steps->push_back(m_builder->rule()); };
    ui::GroupFrame *root = m_builder->rootFrame();
    QTest::mouseClick(button(root, "addCondition"), Qt::LeftButton);
    step();
    ui::ConditionRow *row = rowAt(root, 0);
    QVERIFY(row);
    ui::FieldPicker *picker = row->fieldPicker();
    QTest::mouseClick(child<QToolButton>(row, "fieldButton"), Qt::LeftButton);
    QVERIFY(picker->isVisible());
    auto *search = child<QLineEdit>(picker, "fieldSearch");
    QTest::keyClicks(search, QStringLiteral("Purchased"));
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(!picker->isVisible());
    step();
    QCOMPARE(rules::RuleText::print(m_builder->rule()), QStringLiteral("ordered"));
    QCOMPARE(child<QToolButton>(row, "fieldButton")->text(), QStringLiteral("Purchases"));
    QCOMPARE(child<QComboBox>(row, "operatorCombo")->currentText(), QStringLiteral("ordered"));
    QCOMPARE(child<QComboBox>(row, "purchaseCompare")->currentText(), QStringLiteral("at least"));

    retype(child<QSpinBox>(row, "purchaseCount"), QStringLiteral("2"));
    step();
    QCOMPARE(rules::RuleText::print(m_builder->rule()), QStringLiteral("ordered at least 2 times"));
    auto *period = child<QComboBox>(row, "purchasePeriod");
    QCOMPARE(period->currentText(), QStringLiteral("at any time"));
    period->setFocus();
    QTest::keyClick(period, Qt::Key_Down); // in the last
    step();
    QCOMPARE(rules::RuleText::print(m_builder->rule()), QStringLiteral("ordered at least 2 times in last 30 days"));
    retype(child<QSpinBox>(row, "purchasePeriodCount"), QStringLiteral("180"));
    step();
    QCOMPARE(rules::RuleText::print(m_builder->rule()), QStringLiteral("ordered at least 2 times in last 180 days"));

    // The where-group: its first condition is on the most bought category, from a list of categories.
    QTRY_VERIFY_WITH_TIMEOUT(!m_builder->valuesOf(QStringLiteral("category"), true).empty(), 20000);
    ui::GroupFrame *where = row->whereFrame();
    QVERIFY(where);
    QTest::mouseClick(button(where, "addCondition"), Qt::LeftButton);
    step();
    ui::ConditionRow *line = rowAt(where, 0);
    QVERIFY(line);
    QCOMPARE(child<QToolButton>(line, "fieldButton")->text(), QStringLiteral("Category"));
    const QString top = m_builder->valuesOf(QStringLiteral("category"), true).front().value;
    QCOMPARE(rules::RuleText::print(m_builder->rule()),
             QStringLiteral("ordered at least 2 times in last 180 days where category in (\"%1\")").arg(top));
    // Its field picker lists order line and order fields, and no "Purchased…".
    QTest::mouseClick(child<QToolButton>(line, "fieldButton"), Qt::LeftButton);
    QStringList sections;
    for (int i = 0; i < line->fieldPicker()->model()->rowCount(); ++i)
        sections << line->fieldPicker()->model()->item(i)->text();
    QCOMPARE(sections, (QStringList{QStringLiteral("Order line"), QStringLiteral("Order")}));
    QVERIFY(line->fieldPicker()->model()->findItems(QStringLiteral("Purchased…"), Qt::MatchRecursive).isEmpty());
    QTest::keyClick(child<QLineEdit>(line->fieldPicker(), "fieldSearch"), Qt::Key_Escape);
    line->fieldPicker()->hide();

    // The value picker: each category with how many customers bought it (plain SQL), searched and ticked.
    QTest::mouseClick(child<QToolButton>(line, "valuesButton"), Qt::LeftButton);
    ui::ValueListPicker *values = line->valuePicker();
    QVERIFY(values->isVisible());
    auto *list = child<QListWidget>(values, "valueList");
    const QString asOf = m_context.asOf.toString(Qt::ISODate);
    const qint64 teawareBuyers = sqlScalar(QStringLiteral(
        "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.is_valid <> 0 "
        "AND o.amount > 0 AND substr(o.order_date, 1, 10) <= '%1' AND l.category = 'Teaware'").arg(asOf));
    QVERIFY(teawareBuyers > 0);
    const auto found = list->findItems(QStringLiteral("Teaware (%1)").arg(QLocale().toString(teawareBuyers)), Qt::MatchExactly);
    QCOMPARE(found.size(), 1);
    auto *valueSearch = child<QLineEdit>(values, "valueSearch");
    QTest::keyClicks(valueSearch, top);
    QTest::keyClick(valueSearch, Qt::Key_Return); // unticks the most bought one
    valueSearch->clear();
    QTest::keyClicks(valueSearch, QStringLiteral("teaw"));
    QTest::keyClick(valueSearch, Qt::Key_Return); // ticks Teaware
    values->hide();
    step();
}

void TestPurchaseBuilder::addAPurchaseConditionByClicking()
{
    std::vector<rules::Rule> steps;
    buildByClicking(&steps);
    if (QTest::currentTestFailed())
        return;
    const rules::Rule want = parsed(QStringLiteral("ordered at least 2 times in last 180 days where category in (\"Teaware\")"));
    QCOMPARE(rules::RuleText::print(m_builder->rule()), rules::RuleText::print(want));
    QVERIFY(m_emitted == want);
    QCOMPARE(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"))->toPlainText(), rules::RuleText::print(want));

    // Members against plain SQL: two or more valid orders of the last 180 days (analysis date included) with a
    // Teaware line.
    const QString asOf = m_context.asOf.toString(Qt::ISODate);
    const QString from = m_context.asOf.addDays(-180).toString(Qt::ISODate);
    const qint64 count = sqlScalar(QStringLiteral(
        "SELECT COUNT(*) FROM (SELECT o.customer_id FROM orders o WHERE o.is_valid <> 0 AND o.amount > 0 "
        "AND substr(o.order_date, 1, 10) BETWEEN '%1' AND '%2' "
        "AND EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND l.category = 'Teaware') "
        "GROUP BY o.customer_id HAVING COUNT(*) >= 2)").arg(from, asOf));
    QVERIFY(count > 0);
    QCOMPARE(ruleCount(m_emitted), count);
    // The purchase condition says what it keeps, as every condition does (alone it is the whole rule).
    ui::ConditionRow *row = rowAt(m_builder->rootFrame(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(row->impactText(), QStringLiteral("%1 meet this · %2 more without it")
                                                     .arg(QLocale().toString(count), QLocale().toString(qint64(m_cache->rows()) - count)),
                              20000);
    // "spent": the same where and period, the amount compared instead.
    auto *op = child<QComboBox>(row, "operatorCombo");
    op->setFocus();
    QTest::keyClick(op, Qt::Key_Down);
    QCOMPARE(rules::RuleText::print(m_builder->rule()),
             rules::RuleText::print(parsed(QStringLiteral("spent >= 100 in last 180 days where category in (\"Teaware\")"))));
    retype(child<QDoubleSpinBox>(row, "purchaseAmount"), QStringLiteral("500"));
    QCOMPARE(rules::RuleText::print(m_builder->rule()),
             rules::RuleText::print(parsed(QStringLiteral("spent >= 500 in last 180 days where category in (\"Teaware\")"))));
    const qint64 spent = sqlScalar(QStringLiteral(
        "SELECT COUNT(*) FROM (SELECT o.customer_id FROM orders o JOIN order_lines l ON l.order_id = o.id "
        "WHERE o.is_valid <> 0 AND o.amount > 0 AND substr(o.order_date, 1, 10) BETWEEN '%1' AND '%2' "
        "AND l.category = 'Teaware' GROUP BY o.customer_id HAVING SUM(l.amount) >= 500)").arg(from, asOf));
    QCOMPARE(ruleCount(m_emitted), spent);
    // "never": exactly 0 times, the complement of at least once.
    QTest::keyClick(op, Qt::Key_Up);
    auto *compare = child<QComboBox>(row, "purchaseCompare");
    compare->setFocus();
    QTest::keyClick(compare, Qt::Key_End);
    QCOMPARE(compare->currentText(), QStringLiteral("never"));
    QVERIFY(child<QSpinBox>(row, "purchaseCount")->isHidden());
    const rules::Rule never = m_builder->rule();
    QCOMPARE(ruleCount(never) + ruleCount(parsed(QStringLiteral("ordered in last 180 days where category in (\"Teaware\")"))),
             qint64(m_cache->rows()));
}

void TestPurchaseBuilder::eachEditIsOneUndoStep()
{
    std::vector<rules::Rule> steps;
    buildByClicking(&steps);
    if (QTest::currentTestFailed())
        return;
    QUndoStack *undo = m_panel->undoStack();
    const QStringList names{QStringLiteral("Add condition"), QStringLiteral("Change field"), QStringLiteral("Change count"),
                            QStringLiteral("Change period"), QStringLiteral("Change period"), QStringLiteral("Add condition"),
                            QStringLiteral("Change value")};
    QCOMPARE(undo->count(), int(names.size()));
    QCOMPARE(steps.size(), names.size());
    for (int i = 0; i < undo->count(); ++i)
        QCOMPARE(undo->text(i), names[i]);
    // Undone one step at a time, the rule goes back through each state it had; redone, forward again.
    for (size_t i = steps.size(); i-- > 1;) {
        undo->undo();
        QVERIFY2(m_builder->rule() == steps[i - 1], qPrintable(rules::RuleText::print(m_builder->rule())));
        QVERIFY(m_emitted == steps[i - 1]);
    }
    undo->undo();
    QVERIFY(m_builder->rule().root.children.empty());
    for (const rules::Rule &rule : steps) {
        undo->redo();
        QVERIFY(m_builder->rule() == rule);
    }
    // The widgets follow an undo: the where row goes, the period shows "any time" again.
    for (int i = 0; i < 4; ++i)
        undo->undo();
    ui::ConditionRow *row = rowAt(m_builder->rootFrame(), 0);
    QCOMPARE(child<QComboBox>(row, "purchasePeriod")->currentText(), QStringLiteral("at any time"));
    QVERIFY(row->whereFrame()->childWidgets().empty());
    QCOMPARE(child<QSpinBox>(row, "purchaseCount")->value(), 2);
}

void TestPurchaseBuilder::existingRulesShowAndRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("whereRows"); // rows in the first purchase's where-group
    QTest::addColumn<QString>("compare");
    QTest::newRow("count, period, category") << QStringLiteral("ordered at least 2 times in last 180 days where category is \"Teaware\"") << 1
                                             << QStringLiteral("at least");
    QTest::newRow("spent in a list") << QStringLiteral("spent >= 500 in last 365 days where category in (\"Green tea\", \"Oolong\")") << 1
                                     << QStringLiteral("≥");
    QTest::newRow("not ordered") << QStringLiteral("not ordered in last 90 days where channel is \"WeChat\"") << 1 << QStringLiteral("at least");
    QTest::newRow("beside a customer field") << QStringLiteral("city is \"上海\" and ordered where (category is \"Teaware\" and amount >= 200)")
                                             << 2 << QStringLiteral("at least");
    QTest::newRow("spent between, before") << QStringLiteral("spent between 100 and 900 before 2026-01-01") << 0 << QStringLiteral("between");
    QTest::newRow("never, after") << QStringLiteral("ordered exactly 0 times after 2025-01-01 where product contains \"Longjing\"") << 1
                                  << QStringLiteral("never");
    QTest::newRow("at most, more than ago") << QStringLiteral("ordered at most 1 times more than 30 days ago") << 0 << QStringLiteral("at most");
    QTest::newRow("between dates, any of") << QStringLiteral("ordered exactly 3 times between 2025-01-01 and 2025-06-30 where (sku starts with \"GT\" or "
                                                             "channel in (\"JD\", \"Taobao\") or (quantity > 1 and unit_price < 100))")
                                           << 3 << QStringLiteral("exactly");
}

void TestPurchaseBuilder::existingRulesShowAndRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(int, whereRows);
    QFETCH(QString, compare);
    setText(text);
    const rules::Rule rule = parsed(text);
    QVERIFY(m_builder->rule() == rule);
    // No row says "unknown field", and the purchase row shows its parts.
    ui::ConditionRow *purchase = nullptr;
    m_builder->rootFrame()->forEachRow([&](ui::ConditionRow *row) {
        QVERIFY2(!child<QToolButton>(row, "fieldButton")->text().contains(QStringLiteral("unknown")),
                 qPrintable(child<QToolButton>(row, "fieldButton")->text()));
        if (!purchase && row->whereFrame())
            purchase = row;
    });
    QVERIFY(purchase);
    QCOMPARE(child<QToolButton>(purchase, "fieldButton")->text(), QStringLiteral("Purchases"));
    QCOMPARE(child<QComboBox>(purchase, "purchaseCompare")->currentText(), compare);
    QCOMPARE(int(purchase->whereFrame()->childWidgets().size()), whereRows);
    // Each of its conditions shows its value, also once the values bought have come (the editors then rebuilt).
    QTRY_VERIFY_WITH_TIMEOUT(!m_builder->valuesOf(QStringLiteral("category"), true).empty(), 20000);
    QCoreApplication::processEvents();
    purchase->whereFrame()->forEachRow([](ui::ConditionRow *row) {
        auto *line = row->findChild<QLineEdit *>(QStringLiteral("textValue"));
        auto *values = row->findChild<QToolButton *>(QStringLiteral("valuesButton"));
        auto *number = row->findChild<QDoubleSpinBox *>(QStringLiteral("numberValue"));
        QWidget *shown = line ? static_cast<QWidget *>(line) : values ? static_cast<QWidget *>(values) : number;
        QVERIFY(shown);
        QVERIFY(shown->isVisible());
        QVERIFY2(shown->width() > 50, qPrintable(QString::number(shown->width())));
    });
    // builder -> rule -> text -> builder: the same rule.
    const QString printed = rules::RuleText::print(m_builder->rule());
    m_builder->resetRule(parsed(printed));
    QVERIFY(m_builder->rule() == rule);
    QCOMPARE(rules::RuleText::print(m_builder->rule()), printed);
    // And through the JSON form that saved segments and shared files hold.
    const auto fromJson = rules::ruleFromJson(rules::toJson(m_builder->rule()));
    QVERIFY(fromJson.ok());
    m_builder->resetRule(fromJson.value());
    QVERIFY(m_builder->rule() == rule);
}

void TestPurchaseBuilder::dragStaysOnItsSideOfTheWhere()
{
    setText(QStringLiteral("city is \"上海\" and ordered where (category is \"Teaware\" or channel is \"JD\")"));
    ui::GroupFrame *root = m_builder->rootFrame();
    ui::ConditionRow *purchase = rowAt(root, 1);
    QVERIFY(purchase && purchase->whereFrame());
    ui::GroupFrame *where = purchase->whereFrame();
    const auto drop = [](QWidget *target, const QPoint &at, const rules::NodePath &from) {
        std::unique_ptr<QMimeData> mime(ui::DragHandle::mimeFor(from));
        QDragEnterEvent enter(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        if (!enter.isAccepted())
            return false;
        QDropEvent event(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &event);
        QCoreApplication::processEvents();
        return event.isAccepted();
    };
    const rules::Rule start = m_builder->rule();
    QUndoStack *undo = m_panel->undoStack();
    const int before = undo->index();
    const auto whereOf = [this] {
        for (const rules::Node &node : m_builder->rule().root.children) {
            if (node.condition && node.condition->purchase)
                return node.condition->purchase->where;
        }
        return rules::Group();
    };
    const rules::Group startWhere = whereOf();
    // A customer condition is not dropped among order conditions (Qt passes the refused drop up to the root
    // group, which may reorder it there), nor an order condition among customer ones.
    drop(where, where->childWidgets().front()->geometry().topLeft() + QPoint(10, 1), {0});
    QVERIFY(whereOf() == startWhere);
    QCOMPARE(m_builder->rule().root.children.size(), size_t(2));
    undo->setIndex(before);
    QVERIFY(m_builder->rule() == start);
    QVERIFY(!drop(root, QPoint(10, 2), {1, 1}));
    QVERIFY(m_builder->rule() == start);
    where = rowAt(root, 1)->whereFrame();
    // Inside the where-group, the channel goes first.
    QVERIFY(drop(where, where->childWidgets().front()->geometry().topLeft() + QPoint(10, 1), {1, 1}));
    QVERIFY(m_builder->rule() == parsed(QStringLiteral("city is \"上海\" and ordered where (channel is \"JD\" or category is \"Teaware\")")));
    QCOMPARE(m_panel->undoStack()->undoText(), QStringLiteral("Move condition"));
    // The whole purchase condition moves like any condition.
    QVERIFY(drop(root, QPoint(10, 2), {1}));
    QVERIFY(m_builder->rule() == parsed(QStringLiteral("ordered where (channel is \"JD\" or category is \"Teaware\") and city is \"上海\"")));
    undo->undo();
    undo->undo();
    QVERIFY(m_builder->rule() == start);
}

void TestPurchaseBuilder::badRulesNameLineAndColumn_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("orderDates");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown order field") << QStringLiteral("city is \"x\" and ordered where categry is \"Teaware\"") << true
                                         << QStringLiteral("line 1, column 31: In “categry is \"Teaware\"”: there is no order or line field "
                                                           "named “categry”; the closest are category, quantity, amount");
    QTest::newRow("negative count") << QStringLiteral("ordered at least -1 times") << true
                                    << QStringLiteral("line 1, column 18: expected a whole number of times (0 or more), found “-1”");
    QTest::newRow("period without dates") << QStringLiteral("city is \"x\" or\nspent > 5 in last 30 days") << false
                                          << QStringLiteral("line 2, column 1: In “spent > 5 in last 30 days”: no order has a date, so a period finds no purchase");
}

void TestPurchaseBuilder::badRulesNameLineAndColumn()
{
    QFETCH(QString, text);
    QFETCH(bool, orderDates);
    QFETCH(QString, expected);
    rules::RuleContext context = m_context;
    context.ordersHaveDates = orderDates;
    m_panel->setEvaluationData(m_cache, context);
    auto *editor = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    m_panel->setRuleText(text);
    auto *status = m_panel->findChild<QLabel *>(QStringLiteral("ruleSummary"));
    const auto parsedText = rules::RuleText::parse(text);
    if (parsedText) {
        // The text reads as a rule: the builder takes it, and the evaluation's failure (told to the panel, as the
        // window's dashboard does) is shown with the place in the text.
        QVERIFY(m_builder->rule() == parsedText.value());
        m_panel->showProblem(QStringLiteral("the evaluation's own message"));
    }
    QCOMPARE(status->text(), expected);
    QCOMPARE(editor->extraSelections().size(), 1);
}

// Each condition inside a purchase's where says what it keeps and what the rule keeps more without it, as other
// conditions do: "alone" is the purchase with that condition as its only line condition. Counted with plain SQL:
// customers with a purchase (valid, an amount above zero, dated on or before the analysis date) with a line
// matching. Unticking one condition turns its figures off and the other's follow the new rule.
void TestPurchaseBuilder::conditionsInTheWhereShowFigures()
{
    setText(QStringLiteral("ordered where (category is \"Teaware\" and amount >= 100)"));
    const QString purchases = QStringLiteral(
        "SELECT COUNT(DISTINCT o.customer_id) FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.is_valid <> 0 "
        "AND o.amount > 0 AND substr(o.order_date, 1, 10) <= '%1' AND %2").arg(m_context.asOf.toString(Qt::ISODate));
    const qint64 both = sqlScalar(purchases.arg(QStringLiteral("l.category = 'Teaware' AND l.amount >= 100")));
    const qint64 teaware = sqlScalar(purchases.arg(QStringLiteral("l.category = 'Teaware'")));
    const qint64 large = sqlScalar(purchases.arg(QStringLiteral("l.amount >= 100")));
    QVERIFY(both > 0 && teaware > both && large > both);
    const QLocale locale;
    const auto figures = [&locale](qint64 alone, qint64 more) {
        return QStringLiteral("%1 meet this · %2 more without it").arg(locale.toString(alone), locale.toString(more));
    };
    ui::GroupFrame *where = rowAt(m_builder->rootFrame(), 0)->whereFrame();
    QVERIFY(where);
    ui::ConditionRow *category = rowAt(where, 0);
    ui::ConditionRow *amount = rowAt(where, 1);
    QVERIFY(category && amount);
    QTRY_COMPARE_WITH_TIMEOUT(category->impactText(), figures(teaware, large - both), 20000);
    QCOMPARE(amount->impactText(), figures(large, teaware - both));
    QVERIFY(category->findChild<QLabel *>(QStringLiteral("impactLabel"))->isVisible());
    QVERIFY(!category->findChild<QLabel *>(QStringLiteral("impactLabel"))->toolTip().isEmpty());

    auto *enabled = child<QCheckBox>(amount, "enabledCheck");
    QTest::mouseClick(enabled, Qt::LeftButton, {}, QPoint(enabled->height() / 2, enabled->height() / 2));
    QCOMPARE(rules::RuleText::print(m_builder->rule()),
             rules::RuleText::print(parsed(QStringLiteral("ordered where (category is \"Teaware\" and disabled amount >= 100)"))));
    amount = rowAt(rowAt(m_builder->rootFrame(), 0)->whereFrame(), 1);
    category = rowAt(rowAt(m_builder->rootFrame(), 0)->whereFrame(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(amount->impactText(), QStringLiteral("off"), 20000);
    // Without the Teaware condition no line condition is left: every purchase counts.
    const qint64 buyers = sqlScalar(QStringLiteral("SELECT COUNT(DISTINCT customer_id) FROM orders WHERE is_valid <> 0 AND amount > 0 "
                                                   "AND substr(order_date, 1, 10) <= '%1'").arg(m_context.asOf.toString(Qt::ISODate)));
    QTRY_COMPARE_WITH_TIMEOUT(category->impactText(), figures(teaware, buyers - teaware), 20000);
}

QTEST_MAIN(TestPurchaseBuilder)
#include "tst_purchasebuilder.moc"
