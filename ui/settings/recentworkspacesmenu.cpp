#include "settings/recentworkspacesmenu.h"

#include "mainwindow.h"
#include "settings/appsettings.h"

#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>

namespace segmenta::ui {

RecentWorkspacesMenu::RecentWorkspacesMenu(MainWindow *window) : QMenu(tr("Open &Recent"), window)
{
    setObjectName(QStringLiteral("recentWorkspacesMenu"));
    connect(this, &QMenu::aboutToShow, this, &RecentWorkspacesMenu::rebuild);
    connect(window, &MainWindow::workspaceOpened, this, [window] {
        if (window->workspace())
            AppSettings::instance().addRecentWorkspace(window->workspace()->path());
    });
    connect(this, &QMenu::triggered, this, [this, window](QAction *action) {
        const QString path = action->data().toString();
        if (path.isEmpty())
            return;
        if (!QFileInfo::exists(path)) {
            AppSettings::instance().removeRecentWorkspace(path);
            QMessageBox::information(window, tr("Workspace Not Found"),
                                     tr("“%1” no longer exists; it was removed from the recent workspaces.")
                                         .arg(QDir::toNativeSeparators(path)));
            return;
        }
        window->openWorkspace(path);
    });
    rebuild();
}

void RecentWorkspacesMenu::rebuild()
{
    clear();
    const QStringList paths = AppSettings::instance().recentWorkspaces();
    bool anyMissing = false;
    int number = 0;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        const bool exists = info.exists();
        anyMissing = anyMissing || !exists;
        // "&1 shop.segmenta": a mnemonic for the first nine; the folder shows in the tooltip and status tip.
        QString label = info.fileName();
        label.replace(u'&', QStringLiteral("&&"));
        if (++number <= 9)
            label = QStringLiteral("&%1 ").arg(number) + label;
        if (!exists)
            label = tr("%1 (missing)").arg(label);
        QAction *action = addAction(label);
        action->setData(path);
        action->setEnabled(exists);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
    }
    if (paths.isEmpty()) {
        addAction(tr("No Recent Workspaces"))->setEnabled(false);
        return;
    }
    addSeparator();
    if (anyMissing) {
        addAction(tr("Remove &Missing Workspaces"), this, [] {
            const QStringList stored = AppSettings::instance().recentWorkspaces();
            for (const QString &path : stored) {
                if (!QFileInfo::exists(path))
                    AppSettings::instance().removeRecentWorkspace(path);
            }
        });
    }
    addAction(tr("&Clear List"), this, [] { AppSettings::instance().clearRecentWorkspaces(); });
}

} // namespace segmenta::ui
