#pragma once

#include <QMenu>

namespace segmenta::ui {

class MainWindow;

// The Help menu: Rule Syntax (F1), Keyboard Shortcuts, Show Tour, About Segmenta, About Qt. Each dialog is
// opened non-modally, once, and deletes itself when closed. GUI thread only.
class HelpMenu : public QMenu
{
    Q_OBJECT

public:
    explicit HelpMenu(MainWindow *window);

    void showRuleSyntax();
    void showShortcuts();
    void showAbout();

private:
    MainWindow *m_window;
};

} // namespace segmenta::ui
