#pragma once

#include <QListWidget>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// The saved segments, in their order, each with its colour, current size and (on a second line) its
// description. Activating one emits its id, name and rule in text form; its context menu (and F2 / Delete) asks to rename, delete or export it to a
// .segment.json file, or who joined and left it. A click on the trend (▲/▼ against the size recorded at the
// previous analysis date) asks who joined and left too. GUI thread.
class SegmentList : public QListWidget
{
    Q_OBJECT

public:
    explicit SegmentList(QWidget *parent = nullptr);

    // Reads the segments table (a handful of rows).
    void showWorkspace(store::Workspace *workspace);
    void setSizes(const QHash<qint64, qint64> &sizes);

    // The id of the segment in `row`, or 0.
    qint64 segmentId(int row) const;
    QString segmentName(int row) const;
    // The row of segment `id`, or -1.
    int rowOf(qint64 id) const;
    // The width that shows every segment's first line (name, size, change) whole, icons and frame included.
    int wantedWidth() const;
    // Where the trend (▲3, ▼2 or =) of the segment in `row` is drawn, in viewport coordinates; empty when its
    // size at a previous analysis date is not known.
    QRect trendRect(int row) const;

protected:
    void changeEvent(QEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

Q_SIGNALS:
    void segmentActivated(qint64 id, const QString &name, const QString &ruleText);
    // From the context menu (or F2 / Delete on the current segment).
    void renameRequested(qint64 id, const QString &name);
    void deleteRequested(qint64 id, const QString &name);
    void exportRequested(qint64 id);
    // From the context menu or a click on the trend: who joined and who left since the previous analysis date.
    void changesRequested(qint64 id, const QString &name);

private:
    void retranslate();
    // The row whose trend is under `pos` (viewport coordinates), or -1.
    int trendAt(const QPoint &pos) const;
};

} // namespace segmenta::ui
