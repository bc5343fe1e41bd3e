#pragma once

#include <QListWidget>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// The saved segments, in their order, each with its colour and current size. Activating one emits its name
// and its rule in text form. GUI thread.
class SegmentList : public QListWidget
{
    Q_OBJECT

public:
    explicit SegmentList(QWidget *parent = nullptr);

    // Reads the segments table (a handful of rows).
    void showWorkspace(store::Workspace *workspace);
    void setSizes(const QHash<qint64, qint64> &sizes);

Q_SIGNALS:
    void segmentActivated(const QString &name, const QString &ruleText);
};

} // namespace segmenta::ui
