#pragma once

#include <QWidget>

namespace segmenta::ui {

// What the window shows with no workspace open: open the demo shop, import a spreadsheet, or open a
// workspace. Emits the user's choice; the main window acts on it.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openDemoRequested();
    void openRequested();
    void importRequested();
};

} // namespace segmenta::ui
