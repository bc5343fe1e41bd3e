#pragma once

#include <QWidget>

class QCommandLinkButton;
class QLabel;
class QVBoxLayout;

namespace segmenta::ui {

// What the window shows with no workspace open: open the demo shop, import a spreadsheet, open a workspace,
// or one of the workspaces opened recently (AppSettings, followed as it changes; a file no longer there is
// not listed). Emits the user's choice; the main window acts on it. Follows a change of language at once.
class StartPage : public QWidget
{
    Q_OBJECT

public:
    explicit StartPage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openDemoRequested();
    void openRequested();
    void importRequested();
    void recentRequested(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void showRecent();

    QLabel *m_title;
    QLabel *m_intro;
    QCommandLinkButton *m_demo;
    QCommandLinkButton *m_import;
    QCommandLinkButton *m_open;
    QLabel *m_recentTitle;
    QVBoxLayout *m_recent;
};

} // namespace segmenta::ui
