#pragma once

#include <QMenu>

namespace segmenta::ui {

class MainWindow;

// File > Open Recent: the last AppSettings::kMaxRecent workspaces, most recent first. Each workspace the
// window opens is added. Workspaces whose file is gone are shown greyed, marked as missing, and can be
// removed with "Remove Missing Workspaces". Rebuilt each time it is shown. GUI thread only.
class RecentWorkspacesMenu : public QMenu
{
    Q_OBJECT

public:
    explicit RecentWorkspacesMenu(MainWindow *window);

    // Rebuilds the entries from AppSettings (also done before the menu shows).
    void rebuild();
};

} // namespace segmenta::ui
