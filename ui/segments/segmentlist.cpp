#include "segmentlist.h"

#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QAction>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

namespace segmenta::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kRuleRole = Qt::UserRole + 2;

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setBrush(color);
    painter.setPen(color.darker(130));
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    return QIcon(pixmap);
}

} // namespace

SegmentList::SegmentList(QWidget *parent) : QListWidget(parent)
{
    setObjectName(QStringLiteral("segmentList"));
    setUniformItemSizes(true);
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT segmentActivated(item->data(kNameRole).toString(), item->data(kRuleRole).toString());
    });
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *rename = new QAction(tr("&Rename Segment…"), this);
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    rename->setShortcutContext(Qt::WidgetShortcut);
    connect(rename, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT renameRequested(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString());
    });
    auto *remove = new QAction(tr("&Delete Segment"), this);
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT deleteRequested(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString());
    });
    addAction(rename);
    addAction(remove);
}

qint64 SegmentList::segmentId(int row) const
{
    const QListWidgetItem *it = item(row);
    return it ? it->data(kIdRole).toLongLong() : 0;
}

void SegmentList::showWorkspace(store::Workspace *workspace)
{
    clear();
    if (!workspace)
        return;
    const auto segments = segments::SegmentStore(workspace->db()).list();
    if (!segments)
        return;
    for (const auto &segment : segments.value()) {
        auto *item = new QListWidgetItem(swatch(QColor(segment.color)), segment.name, this);
        item->setData(kIdRole, segment.id);
        item->setData(kNameRole, segment.name);
        item->setData(kRuleRole, rules::RuleText::print(segment.rule));
        item->setToolTip(segment.description.isEmpty() ? rules::RuleText::print(segment.rule) : segment.description);
    }
}

void SegmentList::setSizes(const QHash<qint64, qint64> &sizes)
{
    const QLocale locale;
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *it = item(i);
        const qint64 id = it->data(kIdRole).toLongLong();
        if (sizes.contains(id))
            it->setText(QStringLiteral("%1  ·  %2").arg(it->data(kNameRole).toString(), locale.toString(sizes.value(id))));
    }
}

} // namespace segmenta::ui
