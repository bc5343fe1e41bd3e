#include "charts/funnelwidget.h"
#include "charts/rfmheatmap.h"
#include "charts/segmentsizechart.h"
#include "charts/tierchart.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "mainwindow.h"
#include "builder/conditionrow.h"
#include "builder/draghandle.h"
#include "builder/fieldpicker.h"
#include "builder/groupframe.h"
#include "builder/rulebuilder.h"
#include "builder/valuelistpicker.h"
#include "segments/rulepanel.h"

#include "demo/demoshop.h"
#include "metrics/analysissettings.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "segments/playbook.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QMimeData>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QStandardItemModel>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

using namespace segmenta;

// The visual rule builder driven with the mouse and keyboard on the offscreen platform: a nested rule built
// by clicking and typing, its count and each condition's figures checked against plain SQL over the demo
// shop; the text form and the builder following each other; undo and redo; a playbook template.
class TestRuleBuilder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void buildANestedRuleByClicking();
    void textEditsRebuildTheBuilder();
    void undoAndRedo();
    void chooseSeveralValues();
    void valueButtonsShowWhatIsTicked();
    void aNewFieldClearsValuesItDoesNotHold();
    void applyATemplate();
    void dragAConditionIntoAGroup();
    void everyChartFollowsTheBuiltRule();
    void fieldsWithoutValuesComeLastInTheirGroup();

private:
    qint64 sqlCount(const QString &where);
    qint64 ruleCount(const rules::Rule &rule);
    ui::ConditionRow *rowAt(ui::GroupFrame *frame, size_t index);
    ui::GroupFrame *groupAt(ui::GroupFrame *frame, size_t index);
    void typeRule(const QString &text);
    void buildByClicking();

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<store::Workspace> m_workspace;
    rules::RuleContext m_context;
    std::shared_ptr<const rules::ColumnCache> m_cache;
    std::unique_ptr<ui::RulePanel> m_panel;
    ui::RuleBuilder *m_builder = nullptr;
    rules::Rule m_emitted;
    int m_emits = 0;
};

void TestRuleBuilder::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    m_path = m_dir.filePath(QStringLiteral("shop.segmenta"));
    auto ws = demo::DemoShop::createWorkspace(m_path, {{1500}, false});
    QVERIFY2(ws.ok(), qPrintable(ws.errorMessage()));
    m_workspace = std::move(ws).value();
    m_context = rules::RuleContext::forDatabase(m_workspace->db(), m_workspace->analysisDate());
    auto cache = rules::ColumnCache::load(m_workspace->db(), m_context.fields);
    QVERIFY(cache.ok());
    m_cache = std::move(cache).value();
}

void TestRuleBuilder::init()
{
    m_panel = std::make_unique<ui::RulePanel>();
    m_panel->resize(1100, 600);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    m_builder = m_panel->builder();
    m_emits = 0;
    connect(m_panel.get(), &ui::RulePanel::ruleChanged, this, [this](const rules::Rule &rule) {
        m_emitted = rule;
        ++m_emits;
    });
    m_panel->setEvaluationData(m_cache, m_context);
    QTRY_VERIFY_WITH_TIMEOUT(!m_builder->valuesOf(QStringLiteral("city")).empty(), 20000);
}

void TestRuleBuilder::cleanup()
{
    m_panel.reset();
}

qint64 TestRuleBuilder::sqlCount(const QString &where)
{
    const QString sql = QStringLiteral("SELECT COUNT(*) FROM customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id WHERE ") + where;
    return m_workspace->db().scalar(sql.toStdString()).toLongLong();
}

qint64 TestRuleBuilder::ruleCount(const rules::Rule &rule)
{
    const auto members = rules::ColumnarEvaluator::evaluate(rule, m_context, *m_cache);
    return members ? qint64(members->count()) : -1;
}

ui::ConditionRow *TestRuleBuilder::rowAt(ui::GroupFrame *frame, size_t index)
{
    return index < frame->childWidgets().size() ? qobject_cast<ui::ConditionRow *>(frame->childWidgets()[index]) : nullptr;
}

ui::GroupFrame *TestRuleBuilder::groupAt(ui::GroupFrame *frame, size_t index)
{
    return index < frame->childWidgets().size() ? qobject_cast<ui::GroupFrame *>(frame->childWidgets()[index]) : nullptr;
}

namespace {

// Types like a user: Latin text key by key, Chinese through the input method (as a Pinyin IME commits it).
void typeText(QWidget *widget, const QString &text)
{
    qsizetype i = 0;
    while (i < text.size()) {
        qsizetype j = i;
        const bool latin = text[i].unicode() < 0x80;
        while (j < text.size() && (text[j].unicode() < 0x80) == latin)
            ++j;
        const QString run = text.mid(i, j - i);
        if (latin) {
            QTest::keyClicks(widget, run);
        } else {
            QInputMethodEvent commit;
            commit.setCommitString(run);
            QCoreApplication::sendEvent(widget, &commit);
        }
        i = j;
    }
}

QToolButton *button(QWidget *owner, const char *name)
{
    return owner->findChild<QToolButton *>(QLatin1StringView(name), Qt::FindDirectChildrenOnly);
}

// Selects everything in a line edit or spin box, types `text` and presses Enter.
void retype(QWidget *widget, const QString &text)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    typeText(widget, text);
    QTest::keyClick(widget, Qt::Key_Return);
}

} // namespace

void TestRuleBuilder::typeRule(const QString &text)
{
    auto *editor = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    QVERIFY(editor);
    editor->setFocus();
    editor->selectAll();
    QTest::keyClick(editor, Qt::Key_Delete);
    typeText(editor, text);
}

void TestRuleBuilder::buildByClicking()
{
    ui::GroupFrame *root = m_builder->rootFrame();
    // all( total_spend >= 1000, ... )
    QTest::mouseClick(button(root, "addCondition"), Qt::LeftButton);
    ui::ConditionRow *spend = rowAt(root, 0);
    QVERIFY(spend);
    auto *op = spend->findChild<QComboBox *>(QStringLiteral("operatorCombo"));
    QCOMPARE(op->currentText(), QStringLiteral("≥")); // a new money condition starts as "≥ 0"
    op->setFocus();
    QTest::keyClick(op, Qt::Key_Up); // >
    QCOMPARE(rules::nodeAt(m_builder->rule(), {0})->condition->op, rules::Op::Gt);
    QTest::keyClick(op, Qt::Key_Down); // back to >=
    auto *amount = spend->findChild<QDoubleSpinBox *>(QStringLiteral("numberValue"));
    QVERIFY(amount);
    retype(amount, QStringLiteral("1000"));
    QCOMPARE(rules::RuleText::print(m_builder->rule()), QStringLiteral("total_spend >= 1000"));

    // ... any( city = 上海, city = 北京 )
    QTest::mouseClick(button(root, "addGroup"), Qt::LeftButton);
    ui::GroupFrame *group = groupAt(root, 1);
    QVERIFY(group);
    QCOMPARE(group->findChild<QComboBox *>(QStringLiteral("matchCombo"))->currentData().toInt(), int(rules::GroupMatch::Any));
    ui::ConditionRow *first = rowAt(group, 0);
    QVERIFY(first);
    ui::FieldPicker *picker = first->fieldPicker();
    QAbstractItemModelTester tester(picker->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTest::mouseClick(first->findChild<QToolButton *>(QStringLiteral("fieldButton")), Qt::LeftButton);
    QVERIFY(picker->isVisible());
    // the picker groups the fields and shows their types
    QStringList sections;
    for (int i = 0; i < picker->model()->rowCount(); ++i)
        sections << picker->model()->item(i)->text();
    QCOMPARE(sections, (QStringList{QStringLiteral("Customer fields"), QStringLiteral("Purchase metrics"),
                                    QStringLiteral("Lifecycle and value"), QStringLiteral("RFM")}));
    const auto typeShown = picker->model()->match(picker->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("City (city)"),
                                                  1, Qt::MatchRecursive);
    QCOMPARE(typeShown.size(), 1);
    QCOMPARE(typeShown.front().siblingAtColumn(1).data().toString(), QStringLiteral("category"));
    auto *search = picker->findChild<QLineEdit *>(QStringLiteral("fieldSearch"));
    QTest::keyClicks(search, QStringLiteral("city"));
    QTest::keyClick(search, Qt::Key_Return);
    QVERIFY(!picker->isVisible());
    QCOMPARE(rules::nodeAt(m_builder->rule(), {1, 0})->condition->field, QStringLiteral("city"));
    retype(first->findChild<QLineEdit *>(QStringLiteral("textValue")), QStringLiteral("上海"));
    QTest::mouseClick(button(group, "addCondition"), Qt::LeftButton); // suggests another city
    ui::ConditionRow *second = rowAt(group, 1);
    QVERIFY(second);
    QCOMPARE(second->findChild<QToolButton *>(QStringLiteral("fieldButton"))->text(), QStringLiteral("City"));
    retype(second->findChild<QLineEdit *>(QStringLiteral("textValue")), QStringLiteral("北京"));
}

void TestRuleBuilder::buildANestedRuleByClicking()
{
    buildByClicking();
    if (QTest::currentTestFailed())
        return;
    const rules::Rule want = rules::RuleText::parse(QStringLiteral("total_spend >= 1000 and (city is \"上海\" or city is \"北京\")")).value();
    QCOMPARE(rules::RuleText::print(m_builder->rule()), rules::RuleText::print(want));
    QVERIFY(m_emitted == want);
    auto *editor = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    QCOMPARE(editor->toPlainText(), rules::RuleText::print(want));

    // The emitted rule's count, against plain SQL.
    const qint64 count = sqlCount(QStringLiteral("m.total_spend >= 1000 AND c.city IN ('上海', '北京')"));
    QVERIFY(count > 0);
    QCOMPARE(ruleCount(m_emitted), count);

    // What each condition keeps alone, and what the rule loses (or gains) because of it.
    const qint64 spend = sqlCount(QStringLiteral("m.total_spend >= 1000"));
    const qint64 cities = sqlCount(QStringLiteral("c.city IN ('上海', '北京')"));
    const qint64 shanghai = sqlCount(QStringLiteral("c.city = '上海'"));
    const qint64 beijing = sqlCount(QStringLiteral("m.total_spend >= 1000 AND c.city = '北京'"));
    const QLocale locale;
    ui::GroupFrame *root = m_builder->rootFrame();
    QTRY_COMPARE_WITH_TIMEOUT(rowAt(root, 0)->impactText(),
                              QStringLiteral("%1 meet this · %2 more without it").arg(locale.toString(spend), locale.toString(cities - count)), 20000);
    ui::GroupFrame *group = groupAt(root, 1);
    // Without "city = 上海" the rule keeps only the Beijing big spenders: it brings in the rest.
    QTRY_COMPARE_WITH_TIMEOUT(rowAt(group, 0)->impactText(),
                              QStringLiteral("%1 meet this · %2 fewer without it").arg(locale.toString(shanghai), locale.toString(count - beijing)), 20000);
    // Issue 21 point 10: with "Count after each step" ticked, a condition of the root also says how many are
    // left after it, reading from the top (after the first: the big spenders; a nested row gets no step).
    QCheckBox *steps = m_builder->stepCountsBox();
    if (steps->isChecked())
        steps->click(); // left on by a run that stopped half-way
    QTest::mouseClick(steps, Qt::LeftButton, {}, QPoint(8, steps->height() / 2));
    QVERIFY(steps->isChecked());
    QCOMPARE(rowAt(root, 0)->impactText(), QStringLiteral("%1 left · %1 meet this · %2 more without it")
                                               .arg(locale.toString(spend), locale.toString(cities - count)));
    QVERIFY(!rowAt(group, 0)->impactText().contains(u"left"));
    QTest::mouseClick(steps, Qt::LeftButton, {}, QPoint(8, steps->height() / 2));
    QVERIFY(!rowAt(root, 0)->impactText().contains(u"left"));

    // Disabling a condition is one click, and the rule (and its count) follow.
    QTest::mouseClick(rowAt(group, 1)->findChild<QCheckBox *>(QStringLiteral("enabledCheck")), Qt::LeftButton);
    QVERIFY(!rules::nodeAt(m_emitted, {1, 1})->condition->enabled);
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("m.total_spend >= 1000 AND c.city = '上海'")));
    QTRY_COMPARE_WITH_TIMEOUT(rowAt(group, 1)->impactText(), QStringLiteral("off"), 20000);

    // Duplicate and delete.
    QTest::mouseClick(rowAt(root, 0)->findChild<QToolButton *>(QStringLiteral("duplicateButton")), Qt::LeftButton);
    QCOMPARE(m_builder->rule().root.children.size(), size_t(3));
    QVERIFY(*m_builder->rule().root.children[1].condition == *m_builder->rule().root.children[0].condition);
    QTest::mouseClick(rowAt(root, 1)->findChild<QToolButton *>(QStringLiteral("removeButton")), Qt::LeftButton);
    QCoreApplication::processEvents(); // let the removed row's deferred deletion run
    QCOMPARE(root->childWidgets().size(), size_t(2));
    QTest::mouseClick(button(groupAt(root, 1), "removeGroupButton"), Qt::LeftButton);
    QCOMPARE(rules::RuleText::print(m_emitted), QStringLiteral("total_spend >= 1000"));
}

void TestRuleBuilder::textEditsRebuildTheBuilder()
{
    typeRule(QStringLiteral("city is \"上海\" and (orders_count >= 2 or value_tier in (\"high\"))"));
    const rules::Rule want =
        rules::RuleText::parse(QStringLiteral("city is \"上海\" and (orders_count >= 2 or value_tier in (\"high\"))")).value();
    QTRY_VERIFY_WITH_TIMEOUT(m_builder->rule() == want, 5000);
    QVERIFY(m_emitted == want);
    ui::GroupFrame *root = m_builder->rootFrame();
    QCOMPARE(root->childWidgets().size(), size_t(2));
    QCOMPARE(rowAt(root, 0)->findChild<QToolButton *>(QStringLiteral("fieldButton"))->text(), QStringLiteral("City"));
    QCOMPARE(rowAt(root, 0)->findChild<QLineEdit *>(QStringLiteral("textValue"))->text(), QStringLiteral("上海"));
    ui::GroupFrame *group = groupAt(root, 1);
    QVERIFY(group);
    QCOMPARE(rowAt(group, 0)->findChild<QDoubleSpinBox *>(QStringLiteral("numberValue"))->value(), 2.0);
    QCOMPARE(rowAt(group, 1)->findChild<QComboBox *>(QStringLiteral("operatorCombo"))->currentText(), QStringLiteral("is one of"));
    QCOMPARE(rowAt(group, 1)->findChild<QToolButton *>(QStringLiteral("valuesButton"))->text(), QStringLiteral("High value"));
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("c.city = '上海' AND (m.orders_count >= 2 OR m.value_tier = 'high')")));

    // A rule that does not read leaves the builder as it was.
    const int emits = m_emits;
    typeRule(QStringLiteral("city is and"));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"))->extraSelections().size() == 1, 5000);
    QVERIFY(m_builder->rule() == want);
    QCOMPARE(m_emits, emits);
}

void TestRuleBuilder::undoAndRedo()
{
    buildByClicking();
    if (QTest::currentTestFailed())
        return;
    QUndoStack *stack = m_panel->undoStack();
    const QStringList names = {QStringLiteral("Add condition"), QStringLiteral("Change operator"), QStringLiteral("Change operator"),
                               QStringLiteral("Change value"),  QStringLiteral("Add group"),       QStringLiteral("Change field"),
                               QStringLiteral("Change value"),  QStringLiteral("Add condition"),   QStringLiteral("Change value")};
    QStringList got;
    for (int i = 0; i < stack->count(); ++i)
        got << stack->text(i);
    QCOMPARE(got, names);
    auto *editor = m_panel->findChild<QPlainTextEdit *>(QStringLiteral("ruleEditor"));
    const rules::Rule built = m_builder->rule();

    // Half-typed text in the row that the undo rebuilds is dropped, not pushed as an edit in the middle of it.
    m_panel->activateWindow();
    auto *half = rowAt(groupAt(m_builder->rootFrame(), 1), 1)->findChild<QLineEdit *>(QStringLiteral("textValue"));
    half->setFocus();
    typeText(half, QStringLiteral("广州"));
    stack->undo(); // 北京 back to 上海 (the copied condition)
    QCOMPARE(stack->count(), names.size());
    QCOMPARE(stack->index(), names.size() - 1);
    QCOMPARE(rules::RuleText::print(m_emitted), QStringLiteral("total_spend >= 1000 and (city is \"上海\" or city is \"上海\")"));
    QCOMPARE(editor->toPlainText(), rules::RuleText::print(m_emitted));
    QCOMPARE(rowAt(groupAt(m_builder->rootFrame(), 1), 1)->findChild<QLineEdit *>(QStringLiteral("textValue"))->text(),
             QStringLiteral("上海"));
    stack->undo();
    QCOMPARE(groupAt(m_builder->rootFrame(), 1)->childWidgets().size(), size_t(1));
    stack->redo();
    stack->redo();
    QVERIFY(m_builder->rule() == built);
    QVERIFY(m_emitted == built);
    QCOMPARE(editor->toPlainText(), rules::RuleText::print(built));

    // A text edit is one more step; undoing it brings the built rule back into both forms.
    typeRule(QStringLiteral("orders_count = 1"));
    QTRY_COMPARE_WITH_TIMEOUT(stack->count(), names.size() + 1, 5000);
    QCOMPARE(stack->text(stack->count() - 1), QStringLiteral("Edit rule text"));
    QCOMPARE(m_builder->rootFrame()->childWidgets().size(), size_t(1));
    stack->undo();
    QVERIFY(m_builder->rule() == built);
    QCOMPARE(editor->toPlainText(), rules::RuleText::print(built));

    while (stack->canUndo())
        stack->undo();
    QVERIFY(m_emitted == rules::Rule{});
    QCOMPARE(m_builder->rootFrame()->childWidgets().size(), size_t(0));
    QCOMPARE(editor->toPlainText(), QString());
    while (stack->canRedo())
        stack->redo(); // up to the text edit, the last step
    QVERIFY(m_emitted == rules::RuleText::parse(QStringLiteral("orders_count = 1")).value());
    QCOMPARE(editor->toPlainText(), rules::RuleText::print(m_emitted));
}

void TestRuleBuilder::chooseSeveralValues()
{
    m_panel->setRuleText(QStringLiteral("city in (\"上海\")"));
    QCOMPARE(m_panel->undoStack()->count(), 0); // a rule opened starts a new history
    ui::ConditionRow *row = rowAt(m_builder->rootFrame(), 0);
    QVERIFY(row);
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("valuesButton")), Qt::LeftButton);
    ui::ValueListPicker *picker = row->valuePicker();
    QVERIFY(picker->isVisible());
    auto *list = picker->findChild<QListWidget *>(QStringLiteral("valueList"));
    QAbstractItemModelTester tester(list->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    // every city with its count, most frequent first
    store::Statement cities(m_workspace->db(), "SELECT city, COUNT(*) FROM customers WHERE city <> '' GROUP BY city "
                                               "ORDER BY COUNT(*) DESC, city");
    QStringList want;
    while (cities.step())
        want << QStringLiteral("%1 (%2)").arg(cities.text(0), QLocale().toString(cities.int64(1)));
    QStringList shown;
    for (int i = 0; i < list->count(); ++i)
        shown << list->item(i)->text();
    QCOMPARE(QSet<QString>(shown.begin(), shown.end()), QSet<QString>(want.begin(), want.end()));
    auto *search = picker->findChild<QLineEdit *>(QStringLiteral("valueSearch"));
    typeText(search, QStringLiteral("北京"));
    int visible = 0;
    for (int i = 0; i < list->count(); ++i)
        visible += list->item(i)->isHidden() ? 0 : 1;
    QCOMPARE(visible, 1);
    QTest::keyClick(search, Qt::Key_Return); // checks 北京
    QCOMPARE(m_emitted.root.children.size(), size_t(1));
    QStringList values;
    for (const QVariant &v : m_emitted.root.children[0].condition->values)
        values << v.toString();
    values.sort();
    QCOMPARE(values, (QStringList{QStringLiteral("上海"), QStringLiteral("北京")})); // in UTF-16 order
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("c.city IN ('上海', '北京')")));
    QCOMPARE(m_panel->undoStack()->text(0), QStringLiteral("Change value"));
}

namespace {

// The values a value-list button reads, in any order.
QSet<QString> buttonValues(ui::ConditionRow *row)
{
    auto *button = row->findChild<QToolButton *>(QStringLiteral("valuesButton"));
    if (!button)
        return {};
    const QStringList parts = button->text().split(QStringLiteral(", "));
    return QSet<QString>(parts.begin(), parts.end());
}

// Types `value` in the open value picker's search box and presses Enter: checks or unchecks it.
void toggleValue(ui::ValueListPicker *picker, const QString &value)
{
    auto *search = picker->findChild<QLineEdit *>(QStringLiteral("valueSearch"));
    search->clear();
    typeText(search, value);
    QTest::keyClick(search, Qt::Key_Return);
}

} // namespace

// Issue 21, point 1: each tick shows on the value button at once (it used to keep the old values until a save).
void TestRuleBuilder::valueButtonsShowWhatIsTicked()
{
    m_panel->setRuleText(QStringLiteral("city in (\"上海\")"));
    ui::ConditionRow *row = rowAt(m_builder->rootFrame(), 0);
    QVERIFY(row);
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("上海")}));
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("valuesButton")), Qt::LeftButton);
    ui::ValueListPicker *picker = row->valuePicker();
    QVERIFY(picker->isVisible());
    toggleValue(picker, QStringLiteral("北京"));
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("上海"), QStringLiteral("北京")}));
    toggleValue(picker, QStringLiteral("上海"));
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("北京")}));
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("c.city = '北京'")));
    picker->hide();

    // Lifecycle stages read by their names: Dormant unticked, At risk ticked.
    m_panel->setRuleText(QStringLiteral("lifecycle_stage in (\"dormant\")"));
    row = rowAt(m_builder->rootFrame(), 0);
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("Dormant")}));
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("valuesButton")), Qt::LeftButton);
    picker = row->valuePicker();
    toggleValue(picker, QStringLiteral("At risk"));
    toggleValue(picker, QStringLiteral("Dormant"));
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("At risk")}));
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("m.lifecycle_stage = 'at_risk'")));
    // Undo and redo show the values of each step too (the picks in a row are one step).
    m_panel->undoStack()->undo();
    QCOMPARE(buttonValues(rowAt(m_builder->rootFrame(), 0)), QSet<QString>({QStringLiteral("Dormant")}));
    m_panel->undoStack()->redo();
    QCOMPARE(buttonValues(rowAt(m_builder->rootFrame(), 0)), QSet<QString>({QStringLiteral("At risk")}));
}

// Issue 21, point 1: Lifecycle stage → Value tier does not carry "at_risk" over as a tier (0 matches, no
// warning): the value is cleared, the row says so, and the condition counts customers again.
void TestRuleBuilder::aNewFieldClearsValuesItDoesNotHold()
{
    m_panel->setRuleText(QStringLiteral("lifecycle_stage in (\"at_risk\")"));
    ui::ConditionRow *row = rowAt(m_builder->rootFrame(), 0);
    QVERIFY(row);
    QCOMPARE(row->noteText(), QString());
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("fieldButton")), Qt::LeftButton);
    ui::FieldPicker *picker = row->fieldPicker();
    QVERIFY(picker->isVisible());
    auto *search = picker->findChild<QLineEdit *>(QStringLiteral("fieldSearch"));
    QTest::keyClicks(search, QStringLiteral("value_tier"));
    QTest::keyClick(search, Qt::Key_Return);
    const rules::Condition *condition = rules::nodeAt(m_emitted, {0})->condition ? &*rules::nodeAt(m_emitted, {0})->condition : nullptr;
    QVERIFY(condition);
    QCOMPARE(condition->field, QStringLiteral("value_tier"));
    QCOMPARE(condition->op, rules::Op::In);
    QVERIFY(!condition->values.contains(QStringLiteral("at_risk")));
    QCOMPARE(condition->values.size(), 1);
    const QString tier = condition->values.front().toString();
    const qint64 holders = sqlCount(QStringLiteral("m.value_tier = '%1'").arg(tier));
    QVERIFY(holders > 0);
    QCOMPARE(ruleCount(m_emitted), holders);
    QCOMPARE(row->noteText(), QStringLiteral("Cleared “At risk”: not a value of Value tier"));
    // The note goes with the row's next edit, and an undo brings the stage back without it.
    m_panel->undoStack()->undo();
    QCOMPARE(rules::RuleText::print(m_emitted), QStringLiteral("lifecycle_stage in (\"at_risk\")"));
    QCOMPARE(row->noteText(), QString());
    QCOMPARE(buttonValues(row), QSet<QString>({QStringLiteral("At risk")}));

    // Text typed for "contains" is no value from a list: it stays with the new field, and no note.
    m_panel->setRuleText(QStringLiteral("city contains \"海\""));
    row = rowAt(m_builder->rootFrame(), 0);
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("fieldButton")), Qt::LeftButton);
    search = row->fieldPicker()->findChild<QLineEdit *>(QStringLiteral("fieldSearch"));
    QTest::keyClicks(search, QStringLiteral("name"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(rules::nodeAt(m_emitted, {0})->condition->field, QStringLiteral("name"));
    QCOMPARE(rules::nodeAt(m_emitted, {0})->condition->values, QVariantList({QStringLiteral("海")}));
    QCOMPARE(row->noteText(), QString());
}

void TestRuleBuilder::applyATemplate()
{
    const auto &templates = segments::Playbook::templates();
    size_t index = 0;
    while (index < templates.size() && QByteArray(templates[index].name) != "Can't lose: at-risk high spenders")
        ++index;
    QVERIFY(index < templates.size());
    QMenu *menu = m_builder->templatesButton()->menu();
    QVERIFY(menu);
    QCOMPARE(menu->actions().size(), qsizetype(templates.size()));
    QAction *action = menu->actions().at(qsizetype(index));
    // The action in the second column, cut to the window's width (this builder's window is small); whole in the tooltip.
    QVERIFY2(action->text().startsWith(QStringLiteral("Can't lose: at-risk high spenders\tWin back now")), qPrintable(action->text()));
    QCOMPARE(action->toolTip(), QStringLiteral("Win back now: a personal call or a strong offer"));
    action->trigger();
    const rules::Rule want =
        rules::RuleText::parse(QStringLiteral("value_tier in (\"high\", \"mid\") and lifecycle_stage in (\"at_risk\")")).value();
    QVERIFY(m_builder->rule() == want);
    QVERIFY(m_emitted == want);
    QCOMPARE(m_builder->rootFrame()->childWidgets().size(), size_t(2));
    QVERIFY(m_builder->recommendedAction().contains(QStringLiteral("Win back now: a personal call or a strong offer")));
    QCOMPARE(m_panel->undoStack()->text(0), QStringLiteral("Apply template “Can't lose: at-risk high spenders”"));
    QCOMPARE(ruleCount(m_emitted), sqlCount(QStringLiteral("m.value_tier IN ('high', 'mid') AND m.lifecycle_stage = 'at_risk'")));
    m_panel->undoStack()->undo();
    QVERIFY(m_emitted == rules::Rule{});
    QVERIFY(m_builder->recommendedAction().isEmpty()); // no longer the template's rule
    m_panel->undoStack()->redo();
    QVERIFY(m_builder->recommendedAction().contains(QStringLiteral("Win back now")));
}

void TestRuleBuilder::dragAConditionIntoAGroup()
{
    m_panel->setRuleText(QStringLiteral("total_spend >= 1000 and city is \"上海\" and (orders_count >= 2 or value_tier in (\"high\"))"));
    ui::GroupFrame *root = m_builder->rootFrame();
    ui::GroupFrame *group = groupAt(root, 2);
    QVERIFY(group);
    // The city row's handle dropped just above the group's first row.
    const auto drop = [](QWidget *target, const QPoint &at, const rules::NodePath &from) {
        std::unique_ptr<QMimeData> mime(ui::DragHandle::mimeFor(from));
        QDragEnterEvent enter(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &enter);
        QDropEvent event(at, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(target, &event);
        QCoreApplication::processEvents();
        return event.isAccepted();
    };
    QVERIFY(drop(group, group->childWidgets().front()->geometry().topLeft() + QPoint(10, 1), {1}));
    const rules::Rule want =
        rules::RuleText::parse(QStringLiteral("total_spend >= 1000 and (city is \"上海\" or orders_count >= 2 or value_tier in (\"high\"))")).value();
    QCOMPARE(rules::RuleText::print(m_emitted), rules::RuleText::print(want));
    QVERIFY(m_builder->rule() == want);
    QCOMPARE(m_panel->undoStack()->text(m_panel->undoStack()->count() - 1), QStringLiteral("Move condition"));
    group = groupAt(root, 1);
    QVERIFY(group);
    QCOMPARE(group->childWidgets().size(), size_t(3));
    // A group dropped on itself goes to its parent (Qt passes the refused drop up): never inside itself.
    drop(group, group->childWidgets().back()->geometry().bottomLeft(), {1});
    QCOMPARE(rules::conditionPaths(m_builder->rule()).size(), size_t(4));
    QVERIFY(rules::groupAt(m_builder->rule(), {1}) || rules::groupAt(m_builder->rule(), {0}));
    m_panel->undoStack()->undo();
    QVERIFY(m_builder->rule() == want);
    // Out again, to the end of the root group.
    QVERIFY(drop(root, QPoint(10, root->height() - 1), {1, 0}));
    QCOMPARE(rules::RuleText::print(m_emitted),
             rules::RuleText::print(rules::RuleText::parse(QStringLiteral(
                 "total_spend >= 1000 and (orders_count >= 2 or value_tier in (\"high\")) and city is \"上海\"")).value()));
    m_panel->undoStack()->undo();
    QVERIFY(m_builder->rule() == want);
}

// In the main window: the same nested rule built by clicking, then every chart's values against plain SQL.
void TestRuleBuilder::everyChartFollowsTheBuiltRule()
{
    ui::MainWindow window;
    window.resize(1280, 860);
    window.show();
    QSignalSpy first(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(m_path));
    QVERIFY(first.count() > 0 || first.wait(30000));
    m_builder = window.rulePanel()->builder(); // the helpers below drive this builder now
    QTRY_VERIFY_WITH_TIMEOUT(!m_builder->valuesOf(QStringLiteral("city")).empty(), 20000);
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    buildByClicking();
    if (QTest::currentTestFailed())
        return;
    const QString where = QStringLiteral("m.total_spend >= 1000 AND c.city IN ('上海', '北京')");
    const qint64 members = sqlCount(where);
    QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toLongLong() == members, 30000);
    ui::DashboardPanel *dashboard = window.dashboard();

    // Funnel: the members, those with a purchase, with a repeat purchase, mature (more than the growing maximum).
    const int growingMax = metrics::AnalysisSettings::load(*window.workspace()).lifecycle.growingMaxOrders;
    const auto &steps = dashboard->funnel()->steps();
    QCOMPARE(steps.size(), 4);
    QCOMPARE(steps.at(0).count, members);
    QCOMPARE(steps.at(1).count, sqlCount(where + QStringLiteral(" AND m.orders_count >= 1")));
    QCOMPARE(steps.at(2).count, sqlCount(where + QStringLiteral(" AND m.orders_count >= 2")));
    QCOMPARE(steps.at(3).count, sqlCount(where + QStringLiteral(" AND m.orders_count > %1").arg(growingMax)));

    // Value tiers: each tier's share of the members, as the bars show it (percent, one decimal is enough).
    const auto shares = dashboard->tiers()->shownShares();
    const auto &tiers = metrics::tierIds();
    QCOMPARE(shares.size(), qsizetype(tiers.size()));
    for (size_t t = 0; t < tiers.size(); ++t) {
        const double want = 100.0 * double(sqlCount(where + QStringLiteral(" AND m.value_tier = '%1'").arg(tiers[t]))) / double(members);
        QVERIFY2(std::abs(shares.at(qsizetype(t)).first - want) < 0.05, qPrintable(tiers[t]));
    }

    // RFM grid: every cell.
    const auto &grid = dashboard->rfm()->segmentGrid();
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            QCOMPARE(grid[size_t(r - 1)][size_t(f - 1)],
                     sqlCount(where + QStringLiteral(" AND m.r_score = %1 AND m.f_score = %2").arg(r).arg(f)));
        }
    }

    // Saved segments: each one's size and overlap with the rule, from its own rule through the SQL compiler.
    QCOMPARE(dashboard->segmentSizes()->bars().size(), 8); // the demo shop's playbook
    for (const auto &bar : dashboard->segmentSizes()->bars()) {
        const auto saved = segments::SegmentStore(m_workspace->db()).list();
        QVERIFY(saved.ok());
        for (const auto &segment : saved.value()) {
            if (segment.id != bar.segmentId)
                continue;
            const auto compiled = rules::SqlCompiler::compile(segment.rule, m_context);
            QVERIFY(compiled.ok());
            const auto segmentMembers = rules::SqlCompiler::members(m_workspace->db(), compiled.value());
            QCOMPARE(bar.size, qint64(segmentMembers.size()));
            std::vector<qint64> ruleMembers;
            const QString idsSql = QStringLiteral("SELECT c.id FROM customers c LEFT JOIN customer_metrics m "
                                                  "ON m.customer_id = c.id WHERE ") + where + QStringLiteral(" ORDER BY c.id");
            store::Statement ids(m_workspace->db(), idsSql.toStdString());
            while (ids.step())
                ruleMembers.push_back(ids.int64(0));
            std::vector<qint64> both;
            std::set_intersection(ruleMembers.begin(), ruleMembers.end(), segmentMembers.begin(), segmentMembers.end(),
                                  std::back_inserter(both));
            QCOMPARE(bar.overlap, qint64(both.size()));
        }
    }
}

// In a workspace where no customer has a gender (set to NULL here, as an import without that column leaves
// it), the picker lists Gender last among the customer fields, greyed and saying so, and it can still be picked;
// City, which customers hold, is listed as before.
void TestRuleBuilder::fieldsWithoutValuesComeLastInTheirGroup()
{
    const QString path = m_dir.filePath(QStringLiteral("nogender.segmenta"));
    QVERIFY(m_workspace->saveCopy(path).ok()); // through SQLite's backup API
    auto ws = store::Workspace::open(path);
    QVERIFY(ws.ok());
    ws.value()->db().exec("UPDATE customers SET gender = NULL");
    const auto context = rules::RuleContext::forDatabase(ws.value()->db(), ws.value()->analysisDate());
    auto cache = rules::ColumnCache::load(ws.value()->db(), context.fields);
    QVERIFY(cache.ok());
    m_panel->setEvaluationData(std::move(cache).value(), context);

    ui::GroupFrame *root = m_builder->rootFrame();
    QTest::mouseClick(button(root, "addCondition"), Qt::LeftButton);
    ui::ConditionRow *row = rowAt(root, 0);
    QVERIFY(row);
    ui::FieldPicker *picker = row->fieldPicker();
    QTest::mouseClick(row->findChild<QToolButton *>(QStringLiteral("fieldButton")), Qt::LeftButton);
    QVERIFY(picker->isVisible());
    QStandardItem *customers = picker->model()->item(0);
    QCOMPARE(customers->text(), QStringLiteral("Customer fields"));
    QStandardItem *last = customers->child(customers->rowCount() - 1, 0);
    QCOMPARE(last->text(), QStringLiteral("Gender (gender)"));
    QCOMPARE(customers->child(customers->rowCount() - 1, 1)->text(), QStringLiteral("category, no values"));
    QVERIFY(!last->toolTip().isEmpty());
    QVERIFY(last->isSelectable());
    const auto city = picker->model()->match(picker->model()->index(0, 0), Qt::DisplayRole, QStringLiteral("City (city)"), 1,
                                             Qt::MatchRecursive);
    QCOMPARE(city.size(), 1);
    QCOMPARE(city.front().siblingAtColumn(1).data().toString(), QStringLiteral("category"));
    QVERIFY(city.front().row() < last->row());
    auto *search = picker->findChild<QLineEdit *>(QStringLiteral("fieldSearch"));
    QTest::keyClicks(search, QStringLiteral("gender"));
    QTest::keyClick(search, Qt::Key_Return);
    QCOMPARE(rules::nodeAt(m_builder->rule(), {0})->condition->field, QStringLiteral("gender"));
}

QTEST_MAIN(TestRuleBuilder)
#include "tst_rulebuilder.moc"
