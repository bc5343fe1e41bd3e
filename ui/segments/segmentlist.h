#pragma once

#include <QListWidget>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// The saved segments, in their order, each with its colour, current size and (on a second line) its
// description. Activating one emits its id, name and rule in text form; its context menu (and F2 / Delete) asks to rename, delete or export it to a
// .segment.json file. GUI thread.
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

protected:
    void changeEvent(QEvent *event) override;

Q_SIGNALS:
    void segmentActivated(qint64 id, const QString &name, const QString &ruleText);
    // From the context menu (or F2 / Delete on the current segment).
    void renameRequested(qint64 id, const QString &name);
    void deleteRequested(qint64 id, const QString &name);
    void exportRequested(qint64 id);

private:
    void retranslate();
};

} // namespace segmenta::ui
