#pragma once

#include "rules/rule.h"
#include "rules/ruleedit.h"

#include <QFrame>

#include <functional>
#include <vector>

class QCheckBox;
class QComboBox;
class QToolButton;
class QVBoxLayout;

namespace segmenta::ui {

class ConditionRow;
class RuleBuilder;

// A group of the rule builder: whether all, any or none of its children must hold, buttons to add a
// condition or a group inside, and (for a nested group) an enable check box and a delete button; below, its
// children as condition rows and nested group frames. showGroup() reconciles the children with the rule in
// place (a row stays the same widget while its kind at that place does not change). Edits go to
// RuleBuilder::edit(). Conditions and groups dragged by their handle (DragHandle) drop into any group (a
// marker line shows where). The where-group of a purchase condition is a frame too (Kind::Where, shown by the
// purchase's ConditionRow, addressed by the purchase's path): its conditions name order and line fields, and
// nothing is dragged into or out of it. Owned by its parent frame, row or the builder; GUI thread.
class GroupFrame : public QFrame
{
    Q_OBJECT

public:
    enum class Kind { Root, Nested, Where };
    GroupFrame(RuleBuilder *builder, Kind kind, QWidget *parent = nullptr);

    void showGroup(const rules::Group &group, const rules::NodePath &path);
    // Calls `visit` for every condition row below this frame, in reading order.
    void forEachRow(const std::function<void(ConditionRow *)> &visit) const;
    const std::vector<QWidget *> &childWidgets() const { return m_children; }
    const rules::NodePath &path() const { return m_path; }

protected:
    void changeEvent(QEvent *event) override;
    // A condition or group dragged by its handle is moved into this group where it is dropped.
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dragLeaveEvent(QDragLeaveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void retranslate();
    int dropIndex(const QPoint &at) const;
    bool acceptsDrag(const QDropEvent *event) const;

    RuleBuilder *m_builder;
    Kind m_kind;
    bool m_root; // the root group or a where-group: no enable box, delete button or drag handle
    rules::NodePath m_path;
    QCheckBox *m_enabled;
    QComboBox *m_match;
    QToolButton *m_addCondition;
    QToolButton *m_addGroup;
    QToolButton *m_remove;
    QVBoxLayout *m_body;
    std::vector<QWidget *> m_children;
    QFrame *m_dropMarker;
};

} // namespace segmenta::ui
