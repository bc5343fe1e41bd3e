#pragma once

#include <QWidget>

namespace segmenta::ui {

// What the window shows with no workspace open: open the demo shop or open a workspace (importing a
// spreadsheet joins them when the importer lands). Emits the user's choice; the main window acts on it.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openDemoRequested();
    void openRequested();
};

} // namespace segmenta::ui
