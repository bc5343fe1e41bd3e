#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;

namespace segmenta::ui {

// What the window shows with no workspace open: open the demo shop, import a spreadsheet, or open a
// workspace. Emits the user's choice; the main window acts on it. Follows a change of language at once.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openDemoRequested();
    void openRequested();
    void importRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title;
    QLabel *m_intro;
    QCommandLinkButton *m_demo;
    QCommandLinkButton *m_import;
    QCommandLinkButton *m_open;
};

} // namespace segmenta::ui
