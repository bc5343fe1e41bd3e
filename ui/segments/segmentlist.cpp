#include "segmentlist.h"

#include "rules/ruletext.h"
#include "segments/segmentstore.h"
#include "store/workspace.h"

#include <QAction>
#include <QEvent>
#include <QMouseEvent>
#include <QStyleOptionViewItem>
#include <QStyle>
#include <QLocale>
#include <QPainter>
#include <QPixmap>

#include <algorithm>

namespace segmenta::ui {

namespace {

constexpr int kIdRole = Qt::UserRole;
constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kRuleRole = Qt::UserRole + 2;
constexpr int kPreviousRole = Qt::UserRole + 3; // the size last recorded before the analysis date
constexpr int kDescriptionRole = Qt::UserRole + 4;
constexpr int kTrendRole = Qt::UserRole + 5;  // the trend as shown: "▲3", "▼2" or "="
constexpr int kBeforeTrendRole = Qt::UserRole + 6; // the first line's text up to the trend

// The item's text: the name (with its size and trend once known) and the description below it.
QString itemText(const QListWidgetItem *item, const QString &nameLine)
{
    const QString description = item->data(kDescriptionRole).toString().simplified();
    return description.isEmpty() ? nameLine : nameLine + u'\n' + description;
}

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
    setUniformItemSizes(false); // a description takes a second line
    setWordWrap(true);          // and wraps in a narrow dock rather than being cut
    connect(this, &QListWidget::itemClicked, this, [this](QListWidgetItem *item) {
        Q_EMIT segmentActivated(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString(),
                                item->data(kRuleRole).toString());
    });
    setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *rename = new QAction(this);
    rename->setObjectName(QStringLiteral("renameSegment"));
    rename->setShortcut(QKeySequence(Qt::Key_F2));
    rename->setShortcutContext(Qt::WidgetShortcut);
    connect(rename, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT renameRequested(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString());
    });
    auto *remove = new QAction(this);
    remove->setObjectName(QStringLiteral("deleteSegment"));
    remove->setShortcut(QKeySequence::Delete);
    remove->setShortcutContext(Qt::WidgetShortcut);
    connect(remove, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT deleteRequested(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString());
    });
    auto *share = new QAction(this);
    share->setObjectName(QStringLiteral("exportSegment"));
    connect(share, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT exportRequested(item->data(kIdRole).toLongLong());
    });
    auto *changes = new QAction(this);
    changes->setObjectName(QStringLiteral("segmentChanges"));
    connect(changes, &QAction::triggered, this, [this] {
        if (QListWidgetItem *item = currentItem())
            Q_EMIT changesRequested(item->data(kIdRole).toLongLong(), item->data(kNameRole).toString());
    });
    connect(this, &QListWidget::currentItemChanged, changes, [changes](QListWidgetItem *current) {
        changes->setEnabled(current && current->data(kPreviousRole).isValid());
    });
    addAction(rename);
    addAction(remove);
    addAction(share);
    addAction(changes);
    setMouseTracking(true); // the pointer becomes a hand over a trend
    retranslate();
}

int SegmentList::wantedWidth() const
{
    int widest = 0;
    for (int row = 0; row < count(); ++row)
        widest = std::max(widest, fontMetrics().horizontalAdvance(item(row)->text().section(u'\n', 0, 0)));
    // The colour icon, the item's margins, the frame and a vertical scroll bar.
    return widest + iconSize().width() + 24 + 2 * frameWidth() + style()->pixelMetric(QStyle::PM_ScrollBarExtent);
}

void SegmentList::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QListWidget::changeEvent(event);
}

void SegmentList::retranslate()
{
    for (QAction *action : actions()) {
        if (action->objectName() == u"renameSegment")
            action->setText(tr("&Rename Segment…"));
        else if (action->objectName() == u"deleteSegment")
            action->setText(tr("&Delete Segment"));
        else if (action->objectName() == u"exportSegment")
            action->setText(tr("&Export to File…"));
        else if (action->objectName() == u"segmentChanges")
            action->setText(tr("&Who Joined and Left…"));
    }
}

QRect SegmentList::trendRect(int row) const
{
    QListWidgetItem *it = item(row);
    if (!it || it->data(kTrendRole).toString().isEmpty())
        return {};
    QStyleOptionViewItem option;
    initViewItemOption(&option);
    option.rect = visualItemRect(it);
    option.text = it->text();
    option.icon = it->icon();
    option.features |= QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
    const QRect text = style()->subElementRect(QStyle::SE_ItemViewItemText, &option, this);
    // The text starts at the text rectangle's left plus the style's text margin; the first line is the trend's.
    const int margin = style()->pixelMetric(QStyle::PM_FocusFrameHMargin, &option, this) + 1;
    const int left = text.left() + margin + fontMetrics().horizontalAdvance(it->data(kBeforeTrendRole).toString());
    const int width = fontMetrics().horizontalAdvance(it->data(kTrendRole).toString());
    return QRect(left - 3, option.rect.top(), width + 6, option.rect.height());
}

int SegmentList::trendAt(const QPoint &pos) const
{
    const QListWidgetItem *it = itemAt(pos);
    const int row = it ? this->row(it) : -1;
    return row >= 0 && trendRect(row).contains(pos) ? row : -1;
}

void SegmentList::mouseReleaseEvent(QMouseEvent *event)
{
    const int row = event->button() == Qt::LeftButton ? trendAt(event->position().toPoint()) : -1;
    QListWidget::mouseReleaseEvent(event); // the segment is chosen as by any click
    if (row >= 0)
        Q_EMIT changesRequested(segmentId(row), segmentName(row));
}

void SegmentList::mouseMoveEvent(QMouseEvent *event)
{
    viewport()->setCursor(trendAt(event->position().toPoint()) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QListWidget::mouseMoveEvent(event);
}

qint64 SegmentList::segmentId(int row) const
{
    const QListWidgetItem *it = item(row);
    return it ? it->data(kIdRole).toLongLong() : 0;
}

QString SegmentList::segmentName(int row) const
{
    const QListWidgetItem *it = item(row);
    return it ? it->data(kNameRole).toString() : QString();
}

int SegmentList::rowOf(qint64 id) const
{
    for (int row = 0; row < count(); ++row) {
        if (segmentId(row) == id)
            return row;
    }
    return -1;
}

void SegmentList::showWorkspace(store::Workspace *workspace)
{
    clear();
    if (!workspace)
        return;
    const auto segments = segments::SegmentStore(workspace->db()).list();
    if (!segments)
        return;
    // The sizes last recorded before the analysis date, to show each segment's trend beside its size.
    const auto before = segments::SegmentStore(workspace->db()).sizesBefore(workspace->analysisDate());
    for (const auto &segment : segments.value()) {
        auto *item = new QListWidgetItem(swatch(QColor(segment.color)), segment.name, this);
        if (before && before->count(segment.id))
            item->setData(kPreviousRole, before->at(segment.id));
        item->setData(kIdRole, segment.id);
        item->setData(kNameRole, segment.name);
        item->setData(kRuleRole, rules::RuleText::print(segment.rule));
        item->setData(kDescriptionRole, segment.description);
        item->setText(itemText(item, segment.name));
        item->setToolTip(segment.description.isEmpty() ? rules::RuleText::print(segment.rule) : segment.description);
    }
}

void SegmentList::setSizes(const QHash<qint64, qint64> &sizes)
{
    const QLocale locale;
    for (int i = 0; i < count(); ++i) {
        QListWidgetItem *it = item(i);
        const qint64 id = it->data(kIdRole).toLongLong();
        if (!sizes.contains(id))
            continue;
        const qint64 size = sizes.value(id);
        QString text = QStringLiteral("%1  ·  %2").arg(it->data(kNameRole).toString(), locale.toString(size));
        if (const QVariant previous = it->data(kPreviousRole); previous.isValid()) {
            const qint64 change = size - previous.toLongLong();
            const QString shown = change > 0 ? QStringLiteral("▲%1").arg(locale.toString(change))
                                : change < 0 ? QStringLiteral("▼%1").arg(locale.toString(-change))
                                             : QStringLiteral("=");
            text += QStringLiteral("  ");
            it->setData(kBeforeTrendRole, text);
            it->setData(kTrendRole, shown);
            text += shown;
            const QString trend = tr("%1 customers at the previous analysis date, %2 now; click %3 to see who joined and who left")
                                      .arg(locale.toString(previous.toLongLong()), locale.toString(size), shown);
            const QString description = it->data(kDescriptionRole).toString();
            it->setToolTip(description.isEmpty() ? trend : description + u'\n' + trend);
        }
        it->setText(itemText(it, text));
    }
}

} // namespace segmenta::ui
