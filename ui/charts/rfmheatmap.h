#pragma once

#include <QFont>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <array>

class QPainter;

namespace segmenta::ui {

// The RFM grid: recency score (5 at the top) by frequency score (1 to 5, left to right), each cell showing
// how many of the segment's members have those scores, shaded by that count, with the count among all
// customers beneath. Cells that belong to the same named RFM segment (Champions, At Risk...) share a border
// colour and the name shows in the tooltip. Each cell shows its segment's name whole: on two lines when one is
// too narrow, in a smaller font (down to kMinNamePoints) only when two lines are not enough; the minimum size
// leaves every cell room for two name lines and both counts. Clicking a cell emits cellClicked(r, f).
// Hand-painted because Qt Charts has no heat map.
class RfmHeatmap : public QWidget
{
    Q_OBJECT

public:
    using Grid = std::array<std::array<qint64, 5>, 5>; // [r - 1][f - 1]
    using Names = std::array<std::array<QString, 5>, 5>;

    explicit RfmHeatmap(QWidget *parent = nullptr);

    void setGrids(const Grid &segment, const Grid &all);
    void setSegmentNames(const Names &names);
    const Grid &segmentGrid() const { return m_segment; }
    // What the grid says over its cells when no customer at all has a score (empty otherwise).
    QString emptyNote() const;
    // The (r, f) cell under a point, or {0, 0}.
    std::pair<int, int> cellAt(const QPoint &point) const;

    // The name of a cell as painted: its font and its lines (at most two; the second ends in "…" only when
    // even kMinNamePoints cannot show it whole in the cell's width). For tests: the name is whole when the
    // lines joined give it back.
    struct NameLayout
    {
        QFont font;
        QStringList lines;
    };
    NameLayout nameLayout(int r, int f) const;
    // The rectangle a cell's texts are drawn in (the cell less its padding).
    QRectF textRect(int r, int f) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static constexpr double kMinNamePoints = 7.0;

Q_SIGNALS:
    void cellClicked(int r, int f);

protected:
    void paintEvent(QPaintEvent *event) override;
    void paintEmptyNote(QPainter &painter) const;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF gridArea() const;
    QRectF cellRect(int r, int f) const;
    QFont nameFont() const;
    int cellMinimumHeight() const;

    Grid m_segment{};
    Grid m_all{};
    Names m_names;
};

} // namespace segmenta::ui
