#include "draghandle.h"

#include <QApplication>
#include <QDrag>
#include <QMimeData>
#include <QMouseEvent>

namespace segmenta::ui {

DragHandle::DragHandle(std::function<rules::NodePath()> path, QWidget *parent)
    : QLabel(QStringLiteral("⠿"), parent), m_path(std::move(path))
{
    setObjectName(QStringLiteral("dragHandle"));
    setCursor(Qt::OpenHandCursor);
    setToolTip(tr("Drag to move"));
    QPalette muted = palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    setPalette(muted);
}

QMimeData *DragHandle::mimeFor(const rules::NodePath &path)
{
    QStringList parts;
    for (int index : path)
        parts.append(QString::number(index));
    auto *mime = new QMimeData;
    mime->setData(QLatin1StringView(kMimeType), parts.join(u'/').toLatin1());
    return mime;
}

std::optional<rules::NodePath> DragHandle::pathFrom(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(QLatin1StringView(kMimeType)))
        return std::nullopt;
    rules::NodePath path;
    const QStringList parts = QString::fromLatin1(mime->data(QLatin1StringView(kMimeType))).split(u'/', Qt::SkipEmptyParts);
    for (const QString &part : parts) {
        bool ok = false;
        const int index = part.toInt(&ok);
        if (!ok || index < 0)
            return std::nullopt;
        path.push_back(index);
    }
    if (path.empty())
        return std::nullopt;
    return path;
}

void DragHandle::mousePressEvent(QMouseEvent *event)
{
    m_pressed = event->button() == Qt::LeftButton;
    m_pressedAt = event->position().toPoint();
    QLabel::mousePressEvent(event);
}

void DragHandle::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed || (event->position().toPoint() - m_pressedAt).manhattanLength() < QApplication::startDragDistance()) {
        QLabel::mouseMoveEvent(event);
        return;
    }
    m_pressed = false;
    auto *drag = new QDrag(this);
    drag->setMimeData(mimeFor(m_path()));
    if (QWidget *row = parentWidget())
        drag->setPixmap(row->grab().scaledToWidth(std::min(row->width(), 480), Qt::SmoothTransformation));
    drag->exec(Qt::MoveAction);
}

} // namespace segmenta::ui
