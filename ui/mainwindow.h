#pragma once

#include <QMainWindow>

#include <memory>

class QStackedWidget;
class QLabel;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class StartPage;
class WorkspaceOverview;

// The Segmenta main window. Owns the open workspace (GUI-thread connection). Shows the start page while
// no workspace is open.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a workspace file; shows a message and keeps the current workspace when it cannot.
    bool openWorkspace(const QString &path);
    // Opens the demo shop, generating it first into the user's data folder when it is not there yet.
    bool openDemoShop();

    store::Workspace *workspace() const { return m_workspace.get(); }

private:
    void createMenus();
    void chooseWorkspace();
    void showStatus();

    std::unique_ptr<store::Workspace> m_workspace;
    QStackedWidget *m_pages;
    StartPage *m_startPage;
    WorkspaceOverview *m_overview;
    QLabel *m_statusLabel;
};

} // namespace segmenta::ui
