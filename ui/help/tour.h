#pragma once

#include <QPointer>
#include <QWidget>

class QFrame;
class QLabel;
class QPushButton;

namespace segmenta::ui {

class MainWindow;

// The first-run tour of the demo shop: three steps, one per panel (saved segments, rule editor, dashboard),
// each dimming the window around the panel and explaining it in a bubble with Back, Next and Close.
// A child of the main window, covering it and following its size; deletes itself when closed. Shown by
// itself the first time the demo shop opens (watchFirstRun) and never again (AppSettings::tourShown), and
// on request from Help > Show Tour (start). GUI thread only.
class Tour : public QWidget
{
    Q_OBJECT

public:
    static constexpr int kSteps = 3;

    // Shows the tour from its first step, replacing one already shown.
    static Tour *start(MainWindow *window);
    // Starts the tour when `window` opens the demo shop and the tour was never shown.
    static void watchFirstRun(MainWindow *window);
    // Whether watchFirstRun() starts the tour at all (not for screenshots and smoke tests). Default true.
    static void setFirstRunEnabled(bool enabled);
    // The tour currently shown over `window`, or null.
    static Tour *current(const MainWindow *window);

    int step() const { return m_step; }
    QString title() const;

public Q_SLOTS:
    void next();
    void back();
    void finish();

Q_SIGNALS:
    void stepChanged(int step);
    void finished();

protected:
    void paintEvent(QPaintEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    explicit Tour(MainWindow *window);
    void showStep();
    QWidget *target() const;
    QRect targetRect() const;
    void placeBubble();

    MainWindow *m_window;
    int m_step = 0;
    QFrame *m_bubble;
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_counter;
    QPushButton *m_back;
    QPushButton *m_next;
    QPushButton *m_close;
};

} // namespace segmenta::ui
