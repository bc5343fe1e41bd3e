#include "segments/rulesplitter.h"

#include "settings/appsettings.h"

#include <QResizeEvent>

#include <algorithm>

namespace segmenta::ui {

RuleSplitter::RuleSplitter(QWidget *rule, QWidget *below, QWidget *parent) : QSplitter(Qt::Vertical, parent)
{
    setObjectName(QStringLiteral("ruleSplitter"));
    setChildrenCollapsible(false);
    addWidget(rule);
    addWidget(below);
    setStretchFactor(0, 0);
    setStretchFactor(1, 1);
    m_fit.setSingleShot(true);
    m_fit.setInterval(0);
    connect(&m_fit, &QTimer::timeout, this, &RuleSplitter::fit);
    // Only a drag of the handle emits splitterMoved (setSizes does not): that is the user's limit.
    connect(this, &QSplitter::splitterMoved, this, [this](int position) { AppSettings::instance().setRuleHeightLimit(position); });
}

void RuleSplitter::fitSoon()
{
    m_fit.start();
}

int RuleSplitter::ruleHeightLimit() const
{
    const int stored = AppSettings::instance().ruleHeightLimit();
    return stored > 0 ? stored : height() * 45 / 100;
}

void RuleSplitter::resizeEvent(QResizeEvent *event)
{
    QSplitter::resizeEvent(event);
    fitSoon();
}

void RuleSplitter::fit()
{
    if (count() < 2 || height() <= 0)
        return;
    QWidget *rule = widget(0);
    // What the conditions need, at most the limit, at least the rule's minimum, and room for the tabs below.
    const int least = rule->minimumSizeHint().height();
    const int most = std::max(least, height() - 200);
    const int top = std::clamp(std::min(rule->sizeHint().height(), ruleHeightLimit()), least, most);
    const int total = height() - handleWidth();
    if (sizes().value(0) != top)
        setSizes({top, std::max(0, total - top)});
}

} // namespace segmenta::ui
