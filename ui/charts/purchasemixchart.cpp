#include "purchasemixchart.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace segmenta::ui {

namespace {

const QColor kSegment(0x3b, 0x7d, 0xd8);
const QColor kAll(0xa8, 0xa8, 0xa8);
const QColor kOver(0x1b, 0x8a, 0x3c); // an index of 1.2 or more
constexpr double kRowHeight = 26;
constexpr int kGap = 8;
constexpr int kMinimumBar = 60;

QString percent(const QLocale &locale, double share)
{
    return locale.toString(100.0 * share, 'f', share < 0.1 ? 1 : 0) + locale.percent();
}

} // namespace

PurchaseMixChart::PurchaseMixChart(QWidget *parent) : QWidget(parent)
{
    setAccessibleName(tr("What this segment buys"));
    setCursor(Qt::PointingHandCursor); // every row narrows the rule
}

void PurchaseMixChart::setRows(const QList<Row> &rows)
{
    m_rows = rows;
    updateGeometry();
    update();
}

void PurchaseMixChart::setEmptyText(const QString &text)
{
    m_emptyText = text;
    update();
}

QString PurchaseMixChart::figuresText(const Row &row) const
{
    const QLocale locale;
    const QString index = row.allShare > 0 ? tr("×%1").arg(locale.toString(row.index, 'f', 2)) : QStringLiteral("–");
    return tr("%1 · all %2 · %3").arg(percent(locale, row.share), percent(locale, row.allShare), index);
}

int PurchaseMixChart::nameWidth() const
{
    const QFontMetrics metrics(font());
    int width = 0;
    for (const Row &row : m_rows)
        width = std::max(width, metrics.horizontalAdvance(row.name));
    return width;
}

int PurchaseMixChart::figuresWidth() const
{
    const QFontMetrics metrics(font());
    int width = metrics.horizontalAdvance(figuresText({QString(), 0.888, 0.888, 8.88, QString()}));
    for (const Row &row : m_rows)
        width = std::max(width, metrics.horizontalAdvance(figuresText(row)));
    return width;
}

QSize PurchaseMixChart::sizeHint() const
{
    const int rows = std::max<int>(3, int(m_rows.size()));
    return {nameWidth() + figuresWidth() + 2 * kMinimumBar + 4 * kGap, int(12 + rows * kRowHeight)};
}

QSize PurchaseMixChart::minimumSizeHint() const
{
    const int rows = std::max<int>(3, int(m_rows.size()));
    return {nameWidth() + figuresWidth() + kMinimumBar + 4 * kGap, int(12 + rows * kRowHeight)};
}

QRectF PurchaseMixChart::rowRect(int index) const
{
    return {2, 6 + index * kRowHeight, width() - 4.0, kRowHeight};
}

int PurchaseMixChart::rowAt(const QPoint &point) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (rowRect(i).contains(point))
            return i;
    }
    return -1;
}

void PurchaseMixChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QColor text = palette().color(QPalette::WindowText);
    if (m_rows.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect().adjusted(8, 8, -8, -8), Qt::AlignCenter | Qt::TextWordWrap, m_emptyText);
        return;
    }
    const int names = nameWidth();
    const int figures = figuresWidth();
    double largest = 0.0001;
    for (const Row &row : std::as_const(m_rows))
        largest = std::max({largest, row.share, row.allShare});
    for (int i = 0; i < m_rows.size(); ++i) {
        const Row &row = m_rows[i];
        const QRectF r = rowRect(i);
        painter.setPen(text);
        painter.drawText(QRectF(r.left(), r.top(), names, r.height()), Qt::AlignRight | Qt::AlignVCenter, row.name);
        const double left = r.left() + names + kGap;
        const double span = std::max(1.0, r.right() - figures - kGap - left);
        const double barHeight = (r.height() - 8) / 2;
        painter.setPen(Qt::NoPen);
        painter.setBrush(kSegment);
        painter.drawRect(QRectF(left, r.top() + 3, std::max(1.0, span * row.share / largest), barHeight));
        painter.setBrush(kAll);
        painter.drawRect(QRectF(left, r.top() + 4 + barHeight, std::max(1.0, span * row.allShare / largest), barHeight));
        painter.setPen(row.allShare > 0 && row.index >= 1.2 ? kOver : text);
        painter.drawText(QRectF(r.right() - figures, r.top(), figures, r.height()), Qt::AlignRight | Qt::AlignVCenter,
                         figuresText(row));
    }
}

void PurchaseMixChart::mousePressEvent(QMouseEvent *event)
{
    const int index = rowAt(event->position().toPoint());
    if (index >= 0 && event->button() == Qt::LeftButton)
        Q_EMIT itemClicked(m_rows[index].name);
    QWidget::mousePressEvent(event);
}

bool PurchaseMixChart::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int index = rowAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), m_rows[index].toolTip, this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

} // namespace segmenta::ui
