#pragma once

#include <QSplitter>
#include <QTimer>

namespace segmenta::ui {

// The main window's split between the rule (above) and the dashboard / Customers tabs (below). The rule
// takes the height its conditions need (its size hint), so an empty rule leaves the charts most of the
// window; it grows with each condition up to a limit, then scrolls. The limit is where the user last dragged
// the handle (kept in AppSettings, so the next start remembers it); before any drag it is 45% of the height.
// Fitting follows the rule's size hint after each change (fitSoon()) and each resize. GUI thread.
class RuleSplitter : public QSplitter
{
    Q_OBJECT

public:
    RuleSplitter(QWidget *rule, QWidget *below, QWidget *parent = nullptr);

    // Fits the rule's height once pending layout work is done (after the rule changed).
    void fitSoon();
    // The most the rule may take, in pixels: the user's drag, or 45% of the splitter's height.
    int ruleHeightLimit() const;

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    void fit();

    QTimer m_fit;
};

} // namespace segmenta::ui
