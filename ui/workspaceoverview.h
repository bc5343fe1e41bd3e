#pragma once

#include <QWidget>

class QLabel;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// A first look at an open workspace: how many customers and orders, the revenue and the period covered.
class WorkspaceOverview : public QWidget
{
    Q_OBJECT

public:
    explicit WorkspaceOverview(QWidget *parent = nullptr);
    // Reads the figures from the workspace (GUI thread; a handful of aggregate queries).
    void showWorkspace(store::Workspace &workspace);

private:
    QLabel *m_title;
    QLabel *m_figures;
};

} // namespace segmenta::ui
