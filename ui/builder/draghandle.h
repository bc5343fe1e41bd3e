#pragma once

#include "rules/ruleedit.h"

#include <QLabel>

#include <functional>
#include <optional>

class QMimeData;

namespace segmenta::ui {

// The grip at the left of a condition row or group header: dragging it carries the node's path (as
// kMimeType data) to a GroupFrame, which moves the node there. GUI thread.
class DragHandle : public QLabel
{
    Q_OBJECT

public:
    static constexpr const char *kMimeType = "application/x-segmenta-rule-node";

    // `path` tells the node's current path when a drag starts.
    DragHandle(std::function<rules::NodePath()> path, QWidget *parent = nullptr);

    static QMimeData *mimeFor(const rules::NodePath &path);
    static std::optional<rules::NodePath> pathFrom(const QMimeData *mime);

protected:
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    std::function<rules::NodePath()> m_path;
    QPoint m_pressedAt;
    bool m_pressed = false;
};

} // namespace segmenta::ui
