#pragma once

#include <QColor>
#include <QList>
#include <QString>
#include <QWidget>

namespace segmenta::ui {

// The top categories or products of a segment as paired horizontal bars: the item's share in the segment
// (solid) above its share among all customers (grey), with both shares and the index (segment share / share
// among all customers) at the end, the index marked when the item over-indexes. The name sits on the left
// and is never cut: the widget asks for the width its longest name needs. Clicking a row emits itemClicked.
// Hand-painted, like SegmentSizeChart: Qt Charts elides Chinese category labels.
class PurchaseMixChart : public QWidget
{
    Q_OBJECT

public:
    struct Row
    {
        QString name;
        double share = 0;    // 0..1, in the segment
        double allShare = 0; // 0..1, among all customers
        double index = 0;    // share / allShare; 0 when nobody bought it
        QString toolTip;
    };

    explicit PurchaseMixChart(QWidget *parent = nullptr);

    void setRows(const QList<Row> &rows);
    const QList<Row> &rows() const { return m_rows; }
    // Shown instead of the bars when there are no rows.
    void setEmptyText(const QString &text);
    int rowAt(const QPoint &point) const;
    QRect rowRectangle(int index) const { return rowRect(index).toAlignedRect(); }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void itemClicked(const QString &name);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    bool event(QEvent *event) override;

private:
    QRectF rowRect(int index) const;
    int nameWidth() const;
    int figuresWidth() const;
    QString figuresText(const Row &row) const;

    QList<Row> m_rows;
    QString m_emptyText;
};

} // namespace segmenta::ui
