#include "rulebuilder.h"

#include "builder/conditioncounter.h"
#include "builder/conditionrow.h"
#include "builder/groupframe.h"
#include "builder/ruleeditcommand.h"
#include "rules/ruletext.h"
#include "segments/playbook.h"
#include "settings/appsettings.h"

#include <QCheckBox>
#include <QEvent>
#include <QFontMetrics>
#include <QLabel>
#include <QMenu>
#include <QScrollArea>
#include <QPushButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

RuleBuilder::RuleBuilder(QWidget *parent)
    : QWidget(parent), m_undo(new QUndoStack(this)), m_counter(new ConditionCounter(this)),
      m_templates(new QPushButton(this)), m_action(new QLabel(this)), m_warnings(new QLabel(this)), m_scroll(new QScrollArea(this)),
      m_root(new GroupFrame(this, GroupFrame::Kind::Root)), m_stepsBox(new QCheckBox(this))
{
    m_stepsBox->setObjectName(QStringLiteral("stepCountsBox"));
    m_stepsBox->setChecked(AppSettings::instance().showStepCounts());
    connect(m_stepsBox, &QCheckBox::toggled, this, &RuleBuilder::setShowsStepCounts);
    setObjectName(QStringLiteral("ruleBuilder"));
    m_templates->setObjectName(QStringLiteral("templatesButton"));
    auto *menu = new QMenu(m_templates);
    menu->setObjectName(QStringLiteral("templatesMenu"));
    menu->setToolTipsVisible(true);
    m_templates->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, &RuleBuilder::fillTemplatesMenu); // fitted to the window's width
    m_action->setObjectName(QStringLiteral("recommendedAction"));
    m_action->setWordWrap(true);
    m_action->hide();
    m_warnings->setObjectName(QStringLiteral("unseenValues"));
    m_warnings->setWordWrap(true);
    m_warnings->setStyleSheet(QStringLiteral("color: #b9770e;"));
    m_warnings->hide();

    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->setContentsMargins(0, 0, 4, 0);
    innerLayout->addWidget(m_root);
    innerLayout->addStretch(1);
    m_scroll->setWidget(inner);
    m_scroll->setWidgetResizable(true);
    // A row added to a shown group is shown by its layout on a queued call, after the rule's change is told:
    // the height is known only when the conditions' layout asks for its new size.
    inner->installEventFilter(this);
    m_scroll->setFrameShape(QFrame::NoFrame);
    // As tall as its conditions (the window's RuleSplitter fits the rule to that), at least one condition's height.
    m_scroll->setMinimumHeight(fontMetrics().height() * 3);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_action);
    layout->addWidget(m_warnings);
    layout->addWidget(m_scroll, 1);

    connect(m_counter, &ConditionCounter::impactsReady, this, &RuleBuilder::showImpacts);
    connect(m_counter, &ConditionCounter::valuesReady, this,
            [this](const QHash<QString, std::vector<rules::ValueCount>> &values) {
                m_values = values;
                refreshRows();
            });
    connect(m_counter, &ConditionCounter::purchaseValuesReady, this,
            [this](const QHash<QString, std::vector<rules::ValueCount>> &values) {
                m_purchaseValues = values;
                refreshRows();
            });
    m_root->showGroup(m_rule.root, {});
    retranslate();
}

RuleBuilder::~RuleBuilder() = default;

void RuleBuilder::resetRule(const rules::Rule &rule)
{
    m_undo->clear();
    m_template = -1;
    showRule(rule, false);
}

void RuleBuilder::setUndoStack(QUndoStack *stack)
{
    if (m_undo->parent() == this && m_undo != stack)
        delete m_undo;
    m_undo = stack;
}

void RuleBuilder::setRuleFromText(const rules::Rule &rule)
{
    if (rule == m_rule)
        return;
    m_undo->push(new RuleEditCommand(this, tr("Edit rule text"), m_rule, rule, true));
}

void RuleBuilder::setData(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context)
{
    m_context = context;
    m_values.clear();
    m_purchaseValues.clear();
    m_withoutValues = cache ? cache->fieldsWithoutValues() : QStringList();
    m_counter->setData(std::move(cache), context);
    m_root->forEachRow([](ConditionRow *row) { row->refreshChoices(); });
    m_counter->setRule(m_rule);
    if (hasPurchase(m_rule.root))
        m_counter->requestPurchaseValues();
}

void RuleBuilder::narrow(const std::vector<rules::Condition> &conditions, const QString &commandText)
{
    rules::Rule next = m_rule;
    if (!(next.root.match == rules::GroupMatch::All && next.root.enabled)) {
        rules::Rule wrapped;
        wrapped.root.children.emplace_back(next.root);
        next = std::move(wrapped);
    }
    for (const rules::Condition &condition : conditions)
        next.root.children.emplace_back(condition);
    m_undo->push(new RuleEditCommand(this, commandText, m_rule, next, false));
}

void RuleBuilder::applyTemplate(size_t index)
{
    const auto &templates = segments::Playbook::templates();
    if (index >= templates.size())
        return;
    const segments::PlaybookTemplate &t = templates[index];
    const auto rule = rules::RuleText::parse(QString::fromUtf8(t.rule));
    if (!rule)
        return;
    m_template = int(index);
    m_templateRule = rule.value();
    m_undo->push(new RuleEditCommand(this, tr("Apply template “%1”").arg(QCoreApplication::translate("Playbook", t.name)),
                                     m_rule, rule.value(), false));
    retranslate();
}

QString RuleBuilder::recommendedAction() const
{
    return m_action->isHidden() ? QString() : m_action->text();
}

QString RuleBuilder::warningText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
}

void RuleBuilder::edit(const QString &name, const std::function<bool(rules::Rule &)> &change, const QString &mergeKey)
{
    // Widgets hidden while a rule is shown report the end of their editing (focus out): not an edit.
    if (m_showing)
        return;
    rules::Rule next = m_rule;
    if (!change(next) || next == m_rule)
        return;
    m_undo->push(new RuleEditCommand(this, name, m_rule, std::move(next), false,
                                     mergeKey.isEmpty() ? RuleEditCommand::NoMerge : RuleEditCommand::ValueEdit, mergeKey));
}

void RuleBuilder::showRule(const rules::Rule &rule, bool fromText)
{
    const bool shapeChanged = rules::conditionPaths(rule) != rules::conditionPaths(m_rule);
    m_rule = rule;
    m_showing = true;
    m_root->showGroup(m_rule.root, {});
    m_showing = false;
    if (shapeChanged) {
        m_impacts.clear(); // figures follow paths: do not show them on the wrong conditions
        m_steps.clear();
    }
    showRowImpacts();
    // The template's recommended action stays while the rule is the template's (undo, redo, retyped).
    m_action->setVisible(m_template >= 0 && m_rule == m_templateRule);
    m_counter->setRule(m_rule);
    if (hasPurchase(m_rule.root))
        m_counter->requestPurchaseValues(); // once per workspace: most rules never need the orders read
    heightChanged();
    Q_EMIT ruleEdited(m_rule, fromText);
}

QSize RuleBuilder::sizeHint() const
{
    const QSize laidOut = QWidget::sizeHint();
    const int content = m_scroll->widget()->sizeHint().height() + 2 * m_scroll->frameWidth();
    return {laidOut.width(), laidOut.height() - m_scroll->sizeHint().height() + std::max(content, m_scroll->minimumHeight())};
}

void RuleBuilder::heightChanged()
{
    // The scroll area's size hint follows its content; the layouts above cache theirs until told.
    m_scroll->updateGeometry();
    updateGeometry();
    Q_EMIT contentHeightChanged();
}

bool RuleBuilder::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_scroll->widget() && event->type() == QEvent::LayoutRequest) {
        const int before = m_contentHeight;
        m_contentHeight = m_scroll->widget()->sizeHint().height();
        if (m_contentHeight != before)
            heightChanged();
    }
    return QWidget::eventFilter(watched, event);
}

QDate RuleBuilder::analysisDate() const
{
    return m_context.asOf.isValid() ? m_context.asOf : QDate::currentDate();
}

bool RuleBuilder::inWhere(const rules::NodePath &path) const
{
    return !path.empty() && rules::purchaseScope(m_rule, rules::NodePath(path.begin(), path.end() - 1)).has_value();
}

bool RuleBuilder::hasPurchase(const rules::Group &group) const
{
    return std::any_of(group.children.begin(), group.children.end(), [this](const rules::Node &node) {
        return node.group ? hasPurchase(*node.group) : node.condition->isPurchase();
    });
}

bool RuleBuilder::fits(const rules::Condition &condition, bool where) const
{
    rules::Rule one;
    rules::Condition enabled = condition;
    enabled.enabled = true;
    if (where) {
        rules::Purchase purchase;
        purchase.where.children.emplace_back(enabled);
        enabled = rules::newPurchaseCondition();
        enabled.purchase = std::make_shared<const rules::Purchase>(std::move(purchase));
    }
    one.root.children.emplace_back(enabled);
    return m_context.validate(one).ok();
}

const std::vector<rules::ValueCount> &RuleBuilder::valuesOf(const QString &field, bool where) const
{
    static const std::vector<rules::ValueCount> none;
    const auto &values = where ? m_purchaseValues : m_values;
    const auto it = values.constFind(field);
    return it == values.constEnd() ? none : *it;
}

bool RuleBuilder::holdsValue(const QString &fieldName, const QString &value, bool where) const
{
    const store::FieldInfo *f = field(fieldName, where);
    if (!f)
        return true;
    if (const auto fixed = m_context.fixedValues.find(f->type); fixed != m_context.fixedValues.end() && !fixed->second.empty()) {
        return std::any_of(fixed->second.begin(), fixed->second.end(), [&](const rules::RuleContext::FixedValue &v) {
            return v.value == value || v.aliases.contains(value, Qt::CaseInsensitive);
        });
    }
    const auto &values = valuesOf(fieldName, where);
    // distinctValues() lists at most 1,000 values: a full list may leave some out.
    if (values.empty() || values.size() >= 1000)
        return true;
    return std::any_of(values.begin(), values.end(), [&](const rules::ValueCount &v) { return v.value == value; });
}

rules::Condition RuleBuilder::newCondition(const rules::NodePath &groupPath) const
{
    const bool where = rules::purchaseScope(m_rule, groupPath).has_value();
    rules::Condition condition;
    const rules::Group *group = rules::groupAt(m_rule, groupPath);
    if (group) {
        for (auto it = group->children.rbegin(); it != group->children.rend(); ++it) {
            if (it->condition && field(it->condition->field, where)) {
                condition = *it->condition; // "city is 上海" suggests another city next
                condition.enabled = true;
                return condition;
            }
        }
    }
    const store::FieldInfo *chosen = field(where ? QStringLiteral("category") : QStringLiteral("total_spend"), where);
    if (!chosen && !fields(where).empty())
        chosen = &fields(where).front();
    condition.field = chosen ? chosen->name : QStringLiteral("total_spend");
    const store::FieldType type = chosen ? chosen->type : store::FieldType::Money;
    condition.op = store::isNumeric(type) ? rules::Op::Ge : rules::operatorsFor(type).front();
    if (where && type == store::FieldType::Category)
        condition.op = rules::Op::In; // a list to tick, from the categories bought
    const auto &values = valuesOf(condition.field, where);
    condition.values = rules::defaultValues(type, condition.op, analysisDate(), values.empty() ? QString() : values.front().value);
    return condition;
}

std::optional<rules::ConditionImpact> RuleBuilder::impactAt(const rules::NodePath &path) const
{
    for (const rules::ConditionImpact &impact : m_impacts) {
        if (impact.path == path)
            return impact;
    }
    return std::nullopt;
}

std::optional<qint64> RuleBuilder::stepAt(const rules::NodePath &path) const
{
    if (!showsStepCounts() || path.size() != 1)
        return std::nullopt;
    for (const rules::StepCount &step : m_steps) {
        if (step.child == path.front())
            return step.count;
    }
    return std::nullopt;
}

bool RuleBuilder::showsStepCounts() const
{
    return m_stepsBox->isChecked();
}

void RuleBuilder::setShowsStepCounts(bool show)
{
    m_stepsBox->setChecked(show); // calls back once more, changing nothing
    AppSettings::instance().setShowStepCounts(show);
    showRowImpacts();
}

void RuleBuilder::showImpacts(const std::vector<rules::ConditionImpact> &impacts, const std::vector<rules::StepCount> &steps,
                              const QStringList &warnings)
{
    m_impacts = impacts;
    m_steps = steps;
    const bool shown = !m_warnings->isHidden();
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
    if (shown != !warnings.isEmpty())
        heightChanged();
    showRowImpacts();
    Q_EMIT impactsShown();
}

void RuleBuilder::refreshRows()
{
    m_root->forEachRow([](ConditionRow *row) { row->refreshChoices(); });
    heightChanged();
}

void RuleBuilder::showRowImpacts()
{
    m_root->forEachRow([this](ConditionRow *row) { row->showImpact(impactAt(row->path()), stepAt(row->path())); });
}

void RuleBuilder::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void RuleBuilder::retranslate()
{
    m_templates->setText(tr("Templates"));
    m_stepsBox->setText(tr("Count after each step"));
    m_stepsBox->setToolTip(tr("Shows on each condition how many customers are left after it, reading the rule from the top"));
    m_templates->setToolTip(tr("Start from a ready segment of the marketing playbook"));
    fillTemplatesMenu();
    const auto &templates = segments::Playbook::templates();
    if (m_template >= 0 && size_t(m_template) < templates.size()) {
        const auto &t = templates[size_t(m_template)];
        m_action->setText(tr("<b>%1</b> — recommended action: %2")
                              .arg(QCoreApplication::translate("Playbook", t.name).toHtmlEscaped(),
                                   QCoreApplication::translate("Playbook", t.action).toHtmlEscaped()));
    }
}

void RuleBuilder::fillTemplatesMenu()
{
    QMenu *menu = m_templates->menu();
    menu->clear();
    const auto &templates = segments::Playbook::templates();
    const QFontMetrics metrics(menu->font());
    int nameWidth = 0;
    for (const auto &t : templates)
        nameWidth = std::max(nameWidth, metrics.horizontalAdvance(QCoreApplication::translate("Playbook", t.name)));
    // The action shows in the menu's second column, cut to what leaves the menu narrower than the window
    // (the whole action in the tooltip and the status bar).
    const int windowWidth = window() ? window()->width() : 1280;
    const int actionWidth = std::max(metrics.horizontalAdvance(QLatin1Char('x')) * 12, windowWidth * 9 / 10 - nameWidth - 120);
    for (size_t i = 0; i < templates.size(); ++i) {
        const QString name = QCoreApplication::translate("Playbook", templates[i].name);
        const QString action = QCoreApplication::translate("Playbook", templates[i].action);
        QAction *item = menu->addAction(name + u'\t' + metrics.elidedText(action, Qt::ElideRight, actionWidth), this,
                                        [this, i] { applyTemplate(i); });
        item->setToolTip(action);
        item->setStatusTip(action);
        item->setObjectName(QStringLiteral("template%1").arg(i));
    }
}

} // namespace segmenta::ui
