#include "groupframe.h"

#include "builder/conditionrow.h"
#include "builder/draghandle.h"
#include "builder/rulebuilder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QHBoxLayout>
#include <QToolButton>
#include <QVBoxLayout>

namespace segmenta::ui {

GroupFrame::GroupFrame(RuleBuilder *builder, Kind kind, QWidget *parent)
    : QFrame(parent), m_builder(builder), m_kind(kind), m_root(kind != Kind::Nested), m_enabled(new QCheckBox(this)), m_match(new QComboBox(this)),
      m_addCondition(new QToolButton(this)), m_addGroup(new QToolButton(this)), m_remove(new QToolButton(this)),
      m_body(new QVBoxLayout), m_dropMarker(new QFrame(this))
{
    const bool root = kind == Kind::Root;
    setObjectName(root ? QStringLiteral("rootGroup") : kind == Kind::Where ? QStringLiteral("whereGroup") : QStringLiteral("groupFrame"));
    if (!root) {
        setFrameShape(QFrame::StyledPanel);
        setAutoFillBackground(true);
        QPalette shaded = palette();
        shaded.setColor(QPalette::Window, shaded.color(QPalette::AlternateBase));
        setPalette(shaded);
    }
    m_enabled->setObjectName(QStringLiteral("groupEnabledCheck"));
    m_enabled->setVisible(!m_root);
    m_match->setObjectName(QStringLiteral("matchCombo"));
    m_match->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_addCondition->setObjectName(QStringLiteral("addCondition"));
    m_addGroup->setObjectName(QStringLiteral("addGroup"));
    m_remove->setObjectName(QStringLiteral("removeGroupButton"));
    m_remove->setText(QStringLiteral("✕"));
    m_remove->setVisible(!m_root);
    m_addCondition->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_addGroup->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto *header = new QHBoxLayout;
    header->setSpacing(6);
    if (!m_root)
        header->addWidget(new DragHandle([this] { return m_path; }, this));
    header->addWidget(m_enabled);
    header->addWidget(m_match);
    header->addStretch(1);
    header->addWidget(m_addCondition);
    header->addWidget(m_addGroup);
    header->addWidget(m_remove);
    m_body->setContentsMargins(root ? 0 : 18, 0, 0, 0);
    setAcceptDrops(true);
    m_dropMarker->setObjectName(QStringLiteral("dropMarker"));
    m_dropMarker->setFrameShape(QFrame::HLine);
    m_dropMarker->setLineWidth(2);
    QPalette marker = m_dropMarker->palette();
    marker.setColor(QPalette::WindowText, marker.color(QPalette::Highlight));
    m_dropMarker->setPalette(marker);
    m_dropMarker->hide();
    m_body->setSpacing(3);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(root ? 0 : 6, root ? 0 : 4, root ? 0 : 6, root ? 0 : 6);
    layout->setSpacing(3);
    layout->addLayout(header);
    layout->addLayout(m_body);

    connect(m_match, &QComboBox::currentIndexChanged, this, [this](int index) {
        const auto match = rules::GroupMatch(m_match->itemData(index).toInt());
        const rules::NodePath path = m_path;
        m_builder->edit(tr("Change group match"), [path, match](rules::Rule &rule) {
            rules::Group *group = rules::groupAt(rule, path);
            if (!group)
                return false;
            group->match = match;
            return true;
        });
    });
    connect(m_enabled, &QCheckBox::toggled, this, [this](bool on) {
        const rules::NodePath path = m_path;
        m_builder->edit(on ? tr("Enable group") : tr("Disable group"), [path, on](rules::Rule &rule) {
            rules::Group *group = rules::groupAt(rule, path);
            if (!group || path.empty())
                return false;
            group->enabled = on;
            return true;
        });
    });
    connect(m_addCondition, &QToolButton::clicked, this, [this] {
        const rules::NodePath path = m_path;
        const rules::Condition condition = m_builder->newCondition(path);
        m_builder->edit(tr("Add condition"), [path, condition](rules::Rule &rule) {
            return rules::insertNode(rule, path, -1, rules::Node(condition));
        });
    });
    connect(m_addGroup, &QToolButton::clicked, this, [this] {
        const rules::NodePath path = m_path;
        rules::Group group;
        group.match = rules::GroupMatch::Any;
        group.children.emplace_back(m_builder->newCondition(path)); // like the conditions beside it
        m_builder->edit(tr("Add group"), [path, group](rules::Rule &rule) {
            return rules::insertNode(rule, path, -1, rules::Node(group));
        });
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        const rules::NodePath path = m_path;
        m_builder->edit(tr("Delete group"), [path](rules::Rule &rule) { return rules::removeNode(rule, path).has_value(); });
    });
    retranslate();
}

void GroupFrame::showGroup(const rules::Group &group, const rules::NodePath &path)
{
    m_path = path;
    {
        const QSignalBlocker blockMatch(m_match);
        m_match->setCurrentIndex(m_match->findData(int(group.match)));
        const QSignalBlocker blockEnabled(m_enabled);
        m_enabled->setChecked(group.enabled);
    }
    for (size_t i = 0; i < group.children.size(); ++i) {
        const rules::Node &node = group.children[i];
        rules::NodePath childPath = path;
        childPath.push_back(int(i));
        QWidget *existing = i < m_children.size() ? m_children[i] : nullptr;
        const bool fits = existing && (node.isGroup() ? qobject_cast<GroupFrame *>(existing) != nullptr
                                                      : qobject_cast<ConditionRow *>(existing) != nullptr);
        if (!fits) {
            QWidget *created = node.isGroup() ? static_cast<QWidget *>(new GroupFrame(m_builder, Kind::Nested, this))
                                              : static_cast<QWidget *>(new ConditionRow(m_builder, this));
            if (existing) {
                delete m_body->replaceWidget(existing, created);
                existing->hide();
                existing->setParent(nullptr);
                existing->deleteLater(); // it may be the sender of the edit being handled
                m_children[i] = created;
            } else {
                m_body->addWidget(created);
                m_children.push_back(created);
            }
            existing = created;
        }
        if (node.isGroup())
            static_cast<GroupFrame *>(existing)->showGroup(*node.group, childPath);
        else
            static_cast<ConditionRow *>(existing)->showCondition(*node.condition, childPath);
    }
    while (m_children.size() > group.children.size()) {
        QWidget *extra = m_children.back();
        m_children.pop_back();
        m_body->removeWidget(extra);
        extra->hide();
        extra->setParent(nullptr);
        extra->deleteLater();
    }
    m_match->setEnabled(group.enabled);
    m_addCondition->setEnabled(group.enabled);
    m_addGroup->setEnabled(group.enabled);
}

void GroupFrame::forEachRow(const std::function<void(ConditionRow *)> &visit) const
{
    for (QWidget *child : m_children) {
        if (auto *row = qobject_cast<ConditionRow *>(child)) {
            visit(row);
            if (const GroupFrame *where = row->whereFrame())
                where->forEachRow(visit);
        } else if (auto *frame = qobject_cast<GroupFrame *>(child))
            frame->forEachRow(visit);
    }
}

int GroupFrame::dropIndex(const QPoint &at) const
{
    for (size_t i = 0; i < m_children.size(); ++i) {
        if (at.y() < m_children[i]->geometry().center().y())
            return int(i);
    }
    return int(m_children.size());
}

bool GroupFrame::acceptsDrag(const QDropEvent *event) const
{
    const auto from = DragHandle::pathFrom(event->mimeData());
    if (!from || from->empty())
        return false;
    // Not into itself or one of its own groups, nor across the edge of a purchase's where-group.
    const rules::NodePath fromParent(from->begin(), from->end() - 1);
    return !(m_path.size() >= from->size() && std::equal(from->begin(), from->end(), m_path.begin())) &&
           rules::purchaseScope(m_builder->rule(), fromParent) == rules::purchaseScope(m_builder->rule(), m_path);
}

void GroupFrame::dragEnterEvent(QDragEnterEvent *event)
{
    if (acceptsDrag(event))
        event->acceptProposedAction();
    else
        event->ignore();
}

void GroupFrame::dragMoveEvent(QDragMoveEvent *event)
{
    if (!acceptsDrag(event)) {
        event->ignore();
        m_dropMarker->hide();
        return;
    }
    event->acceptProposedAction();
    const int index = dropIndex(event->position().toPoint());
    const QRect body = m_body->geometry();
    int y = body.bottom() + 1;
    if (size_t(index) < m_children.size())
        y = m_children[size_t(index)]->geometry().top() - 2;
    else if (!m_children.empty())
        y = m_children.back()->geometry().bottom() + 1;
    m_dropMarker->setGeometry(body.left(), y, std::max(body.width(), 40), 3);
    m_dropMarker->raise();
    m_dropMarker->show();
}

void GroupFrame::dragLeaveEvent(QDragLeaveEvent *event)
{
    m_dropMarker->hide();
    QFrame::dragLeaveEvent(event);
}

void GroupFrame::dropEvent(QDropEvent *event)
{
    m_dropMarker->hide();
    const auto from = DragHandle::pathFrom(event->mimeData());
    if (!from || !acceptsDrag(event)) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    const rules::NodePath target = m_path;
    const int index = dropIndex(event->position().toPoint());
    const rules::Node *dragged = rules::nodeAt(m_builder->rule(), *from);
    const bool group = dragged && dragged->isGroup();
    const rules::NodePath source = *from;
    // Queued: the drag's own loop is still on the stack, with the dragged widget in it.
    QMetaObject::invokeMethod(m_builder, [builder = m_builder, source, target, index, group] {
        builder->edit(group ? tr("Move group") : tr("Move condition"),
                      [source, target, index](rules::Rule &rule) { return rules::moveNode(rule, source, target, index); });
    }, Qt::QueuedConnection);
}

void GroupFrame::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

void GroupFrame::retranslate()
{
    const QSignalBlocker blocker(m_match);
    const int current = m_match->currentIndex();
    m_match->clear();
    if (m_kind == Kind::Where) {
        m_match->addItem(tr("with a line matching all of"), int(rules::GroupMatch::All));
        m_match->addItem(tr("with a line matching any of"), int(rules::GroupMatch::Any));
        m_match->addItem(tr("with a line matching none of"), int(rules::GroupMatch::None));
        m_match->setToolTip(tr("Which orders count: those with a line meeting these conditions (none: any order)"));
    } else {
        const bool root = m_kind == Kind::Root;
        m_match->addItem(root ? tr("Customers who match all of") : tr("All of"), int(rules::GroupMatch::All));
        m_match->addItem(root ? tr("Customers who match any of") : tr("Any of"), int(rules::GroupMatch::Any));
        m_match->addItem(root ? tr("Customers who match none of") : tr("None of"), int(rules::GroupMatch::None));
    }
    m_match->setCurrentIndex(std::max(0, current));
    m_addCondition->setText(tr("+ Condition"));
    m_addCondition->setToolTip(tr("Add a condition to this group"));
    m_addGroup->setText(tr("+ Group"));
    m_addGroup->setToolTip(tr("Add a group of conditions inside this group"));
    m_remove->setToolTip(tr("Delete this group and its conditions"));
    m_enabled->setToolTip(tr("Use this group"));
}

} // namespace segmenta::ui
