#include "help/helpmenu.h"

#include "help/helpdialogs.h"
#include "help/tour.h"
#include "mainwindow.h"

#include <QApplication>

namespace segmenta::ui {

namespace {

// Raises the dialog of type T already open over `window`, or opens a new one.
template <typename T, typename... Args>
void showOnce(MainWindow *window, Args &&...args)
{
    T *dialog = window->findChild<T *>(QString(), Qt::FindDirectChildrenOnly);
    if (!dialog) {
        dialog = new T(std::forward<Args>(args)..., window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
    }
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
}

} // namespace

HelpMenu::HelpMenu(MainWindow *window) : QMenu(tr("&Help"), window), m_window(window)
{
    setObjectName(QStringLiteral("helpMenu"));
    QAction *syntax = addAction(tr("&Rule Syntax"), QKeySequence::HelpContents, this, &HelpMenu::showRuleSyntax);
    syntax->setObjectName(QStringLiteral("ruleSyntaxAction"));
    addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts)->setObjectName(QStringLiteral("shortcutsAction"));
    addAction(tr("Show &Tour"), this, [window] { Tour::start(window); })->setObjectName(QStringLiteral("tourAction"));
    addSeparator();
    QAction *about = addAction(tr("&About Segmenta"), this, &HelpMenu::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    addAction(tr("About &Qt"), qApp, &QApplication::aboutQt)->setMenuRole(QAction::AboutQtRole);
}

void HelpMenu::showRuleSyntax()
{
    showOnce<RuleSyntaxDialog>(m_window);
}

void HelpMenu::showShortcuts()
{
    showOnce<ShortcutsDialog>(m_window, *m_window);
}

void HelpMenu::showAbout()
{
    showOnce<AboutDialog>(m_window);
}

} // namespace segmenta::ui
