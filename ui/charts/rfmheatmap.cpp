#include "rfmheatmap.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QTextLayout>
#include <QToolTip>

#include <algorithm>

namespace segmenta::ui {

namespace {

// `text` broken into lines of at most `width` in `font` at word boundaries (Chinese text may break between any
// two characters), or also inside a word when `anywhere`. A word wider than `width` overflows its line unless
// `anywhere`.
QStringList wrapped(const QString &text, const QFont &font, double width, bool anywhere)
{
    QStringList lines;
    if (text.isEmpty())
        return lines;
    QTextLayout layout(text, font);
    QTextOption option;
    option.setWrapMode(anywhere ? QTextOption::WrapAtWordBoundaryOrAnywhere : QTextOption::WordWrap);
    layout.setTextOption(option);
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        lines << text.mid(line.textStart(), line.textLength()).trimmed();
    }
    layout.endLayout();
    return lines;
}

bool fits(const QStringList &lines, const QFont &font, double width)
{
    const QFontMetricsF metrics(font);
    return lines.size() <= 2 && std::all_of(lines.begin(), lines.end(), [&](const QString &line) {
        return metrics.horizontalAdvance(line) <= width;
    });
}

} // namespace

RfmHeatmap::RfmHeatmap(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(true);
    setAccessibleName(tr("RFM grid"));
}

void RfmHeatmap::setGrids(const Grid &segment, const Grid &all)
{
    m_segment = segment;
    m_all = all;
    update();
}

void RfmHeatmap::setSegmentNames(const Names &names)
{
    m_names = names;
    update();
}

QRectF RfmHeatmap::gridArea() const
{
    const QFontMetrics metrics(font());
    const double left = metrics.height() * 2.6;
    const double bottom = metrics.height() * 2.6;
    return QRectF(rect()).adjusted(left, 6, -6, -bottom);
}

QRectF RfmHeatmap::cellRect(int r, int f) const
{
    const QRectF area = gridArea();
    const double w = area.width() / 5;
    const double h = area.height() / 5;
    return {area.left() + (f - 1) * w, area.top() + (5 - r) * h, w, h};
}

QRectF RfmHeatmap::textRect(int r, int f) const
{
    return cellRect(r, f).adjusted(4, 3, -4, -3);
}

QFont RfmHeatmap::nameFont() const
{
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    return small;
}

int RfmHeatmap::cellMinimumHeight() const
{
    // Two lines of name, the count in bold and the count among all customers, and the padding.
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics small(nameFont());
    return 2 * small.lineSpacing() + QFontMetrics(bold).height() + small.height() + 8;
}

QSize RfmHeatmap::minimumSizeHint() const
{
    const int axes = int(fontMetrics().height() * 2.6) + 6;
    return {240, 5 * cellMinimumHeight() + axes};
}

QSize RfmHeatmap::sizeHint() const
{
    return {360, std::max(280, minimumSizeHint().height())};
}

RfmHeatmap::NameLayout RfmHeatmap::nameLayout(int r, int f) const
{
    const QString &name = m_names[size_t(r - 1)][size_t(f - 1)];
    const double width = textRect(r, f).width() - 2; // a little room for the rounding of the font's metrics
    // Whole words on one or two lines, in a smaller font while they do not fit (not below kMinNamePoints);
    // then words broken, and as a last resort the second line elided.
    QFont font = nameFont();
    for (;;) {
        const QStringList lines = wrapped(name, font, width, false);
        if (fits(lines, font, width))
            return {font, lines};
        if (font.pointSizeF() - 0.5 < kMinNamePoints)
            break;
        font.setPointSizeF(font.pointSizeF() - 0.5);
    }
    const QStringList lines = wrapped(name, font, width, true);
    if (lines.size() <= 2)
        return {font, lines};
    return {font, {lines.first(), QFontMetricsF(font).elidedText(lines.mid(1).join(QString()), Qt::ElideRight, width)}};
}

std::pair<int, int> RfmHeatmap::cellAt(const QPoint &point) const
{
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            if (cellRect(r, f).contains(point))
                return {r, f};
        }
    }
    return {0, 0};
}

void RfmHeatmap::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QLocale locale;
    qint64 max = 1;
    for (const auto &row : m_segment)
        max = std::max(max, *std::max_element(row.begin(), row.end()));
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    const QColor hot(0x3b, 0x7d, 0xd8);
    QFont bold = font();
    bold.setBold(true);
    const QFont small = nameFont();
    const QFontMetricsF boldMetrics(bold);
    const QFontMetricsF smallMetrics(small);
    constexpr int kCentred = Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextDontClip;

    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            const QRectF cell = cellRect(r, f).adjusted(1, 1, -1, -1);
            const qint64 count = m_segment[size_t(r - 1)][size_t(f - 1)];
            const double t = double(count) / double(max);
            QColor fill = QColor::fromRgbF(base.redF() + (hot.redF() - base.redF()) * t,
                                           base.greenF() + (hot.greenF() - base.greenF()) * t,
                                           base.blueF() + (hot.blueF() - base.blueF()) * t);
            painter.setPen(Qt::NoPen);
            painter.setBrush(fill);
            painter.drawRoundedRect(cell, 3, 3);
            painter.setPen(t > 0.55 ? QColor(Qt::white) : text);
            // The counts at the bottom of every cell alike, the cell's name (not only in the tooltip) centred
            // in the room above them.
            const QRectF box = textRect(r, f);
            const double countsTop = box.bottom() - boldMetrics.height() - smallMetrics.height();
            painter.setFont(bold);
            painter.drawText(QRectF(box.left(), countsTop, box.width(), boldMetrics.height()), kCentred, locale.toString(count));
            painter.setFont(small);
            painter.drawText(QRectF(box.left(), countsTop + boldMetrics.height(), box.width(), smallMetrics.height()), kCentred,
                             locale.toString(m_all[size_t(r - 1)][size_t(f - 1)]));
            const NameLayout name = nameLayout(r, f);
            const QFontMetricsF nameMetrics(name.font);
            double y = box.top() + std::max(0.0, (countsTop - box.top() - name.lines.size() * nameMetrics.lineSpacing()) / 2);
            painter.setFont(name.font);
            for (const QString &line : name.lines) {
                painter.drawText(QRectF(box.left(), y, box.width(), nameMetrics.lineSpacing()), kCentred, line);
                y += nameMetrics.lineSpacing();
            }
        }
    }
    // Borders between cells of different named segments.
    painter.setPen(QPen(text, 2));
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            const QRectF cell = cellRect(r, f);
            const QString &name = m_names[size_t(r - 1)][size_t(f - 1)];
            if (f < 5 && m_names[size_t(r - 1)][size_t(f)] != name)
                painter.drawLine(cell.topRight(), cell.bottomRight());
            if (r > 1 && m_names[size_t(r - 2)][size_t(f - 1)] != name)
                painter.drawLine(cell.bottomLeft(), cell.bottomRight());
        }
    }
    // Axes.
    painter.setPen(text);
    painter.setFont(font());
    const QRectF area = gridArea();
    for (int i = 1; i <= 5; ++i) {
        const QRectF column = cellRect(1, i);
        painter.drawText(QRectF(column.left(), area.bottom() + 2, column.width(), fontMetrics().height()),
                         Qt::AlignCenter, QString::number(i));
        const QRectF row = cellRect(i, 1);
        painter.drawText(QRectF(area.left() - fontMetrics().height() * 1.2, row.top(), fontMetrics().height(), row.height()),
                         Qt::AlignCenter, QString::number(i));
    }
    painter.drawText(QRectF(area.left(), area.bottom() + fontMetrics().height() * 1.2, area.width(), fontMetrics().height() * 1.3),
                     Qt::AlignCenter, tr("Frequency score (F) →"));
    painter.save();
    painter.translate(fontMetrics().height() * 0.2, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-area.height() / 2, 0, area.height(), fontMetrics().height() * 1.3), Qt::AlignCenter,
                     tr("Recency score (R) →"));
    painter.restore();
    paintEmptyNote(painter);
}

QString RfmHeatmap::emptyNote() const
{
    for (const auto &row : m_all) {
        if (std::any_of(row.begin(), row.end(), [](qint64 count) { return count > 0; }))
            return {};
    }
    return tr("No customer has an R score yet: R and M rank the buyers, and that needs at least 5 buyers with a "
              "last order date, not all on the same day.");
}

// Over a grid with no customer in any cell, a box saying why, so that the zeros do not read as a finding.
void RfmHeatmap::paintEmptyNote(QPainter &painter) const
{
    const QString note = emptyNote();
    if (note.isEmpty())
        return;
    const QRectF area = gridArea();
    const QRectF box = QRectF(area.left() + area.width() * 0.1, area.center().y() - area.height() * 0.2, area.width() * 0.8,
                              area.height() * 0.4);
    QColor fill = palette().color(QPalette::Window);
    fill.setAlphaF(0.93);
    painter.setPen(palette().color(QPalette::Mid));
    painter.setBrush(fill);
    painter.drawRoundedRect(box, 6, 6);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.setFont(font());
    painter.drawText(box.adjusted(12, 8, -12, -8), Qt::AlignCenter | Qt::TextWordWrap, note);
}

void RfmHeatmap::mousePressEvent(QMouseEvent *event)
{
    const auto [r, f] = cellAt(event->position().toPoint());
    if (r > 0 && event->button() == Qt::LeftButton)
        Q_EMIT cellClicked(r, f);
    QWidget::mousePressEvent(event);
}

bool RfmHeatmap::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const auto [r, f] = cellAt(help->pos());
        if (r > 0) {
            const QLocale locale;
            const QString &name = m_names[size_t(r - 1)][size_t(f - 1)];
            QToolTip::showText(help->globalPos(),
                               tr("R%1 F%2%3: %4 in this segment, %5 among all customers")
                                   .arg(r)
                                   .arg(f)
                                   .arg(name.isEmpty() ? QString() : QStringLiteral(" (") + name + u')')
                                   .arg(locale.toString(m_segment[size_t(r - 1)][size_t(f - 1)]),
                                        locale.toString(m_all[size_t(r - 1)][size_t(f - 1)])),
                               this);
        } else {
            QToolTip::hideText();
        }
        return true;
    }
    return QWidget::event(event);
}

} // namespace segmenta::ui
