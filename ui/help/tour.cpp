#include "help/tour.h"

#include "mainwindow.h"
#include "segments/rulepanel.h"
#include "settings/appsettings.h"

#include "store/workspace.h"

#include <QDockWidget>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLayout>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

namespace {

constexpr int kMargin = 6;    // space between a panel and its highlight
constexpr int kGap = 16;      // space between the highlight and the bubble
constexpr int kBubbleWidth = 360;

bool firstRunEnabled = true;

} // namespace

Tour::Tour(MainWindow *window)
    : QWidget(window), m_window(window), m_bubble(new QFrame(this)), m_title(new QLabel(m_bubble)),
      m_text(new QLabel(m_bubble)), m_counter(new QLabel(m_bubble)), m_back(new QPushButton(tr("Back"), m_bubble)),
      m_next(new QPushButton(tr("Next"), m_bubble)), m_close(new QPushButton(tr("Close"), m_bubble))
{
    setObjectName(QStringLiteral("tour"));
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::StrongFocus);
    m_bubble->setObjectName(QStringLiteral("tourBubble"));
    m_bubble->setAutoFillBackground(true);
    m_bubble->setFrameShape(QFrame::StyledPanel);
    m_bubble->setFixedWidth(kBubbleWidth);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_text->setWordWrap(true);
    m_back->setObjectName(QStringLiteral("tourBack"));
    m_next->setObjectName(QStringLiteral("tourNext"));
    m_close->setObjectName(QStringLiteral("tourClose"));
    m_next->setDefault(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_counter);
    buttons->addStretch();
    buttons->addWidget(m_close);
    buttons->addWidget(m_back);
    buttons->addWidget(m_next);
    auto *layout = new QVBoxLayout(m_bubble);
    layout->setContentsMargins(16, 14, 16, 12);
    layout->addWidget(m_title);
    layout->addWidget(m_text);
    layout->addSpacing(6);
    layout->addLayout(buttons);
    connect(m_back, &QPushButton::clicked, this, &Tour::back);
    connect(m_next, &QPushButton::clicked, this, &Tour::next);
    connect(m_close, &QPushButton::clicked, this, &Tour::finish);
    window->installEventFilter(this);
    setGeometry(window->rect());
}

Tour *Tour::start(MainWindow *window)
{
    if (Tour *shown = current(window))
        shown->finish();
    auto *tour = new Tour(window);
    AppSettings::instance().setTourShown(true);
    tour->show();
    tour->raise();
    tour->showStep();
    tour->m_next->setFocus();
    return tour;
}

void Tour::watchFirstRun(MainWindow *window)
{
    QObject::connect(window, &MainWindow::workspaceOpened, window, [window] {
        if (!firstRunEnabled || AppSettings::instance().tourShown() || !window->workspace())
            return;
        if (QFileInfo(window->workspace()->path()) == QFileInfo(MainWindow::demoShopPath()))
            start(window);
    });
}

void Tour::setFirstRunEnabled(bool enabled)
{
    firstRunEnabled = enabled;
}

Tour *Tour::current(const MainWindow *window)
{
    const QList<Tour *> tours = window->findChildren<Tour *>(QString(), Qt::FindDirectChildrenOnly);
    for (Tour *tour : tours) {
        if (tour->isVisible())
            return tour;
    }
    return nullptr;
}

QString Tour::title() const
{
    return m_title->text();
}

QWidget *Tour::target() const
{
    switch (m_step) {
    case 0:
        return m_window->findChild<QDockWidget *>(QStringLiteral("segmentsDock"));
    case 1:
        return m_window->rulePanel();
    default:
        return m_window->findChild<QTabWidget *>(QStringLiteral("centreTabs"));
    }
}

QRect Tour::targetRect() const
{
    QWidget *panel = target();
    if (!panel || !panel->isVisible())
        return {};
    return QRect(panel->mapTo(m_window, QPoint(0, 0)), panel->size()).adjusted(-kMargin, -kMargin, kMargin, kMargin);
}

void Tour::showStep()
{
    static const struct
    {
        const char *title;
        const char *text;
    } steps[kSteps] = {
        {QT_TR_NOOP("Saved segments"),
         QT_TR_NOOP("Your segments, with their size and colour. The demo shop comes with a playbook of ready-made "
                    "ones: click one to see its rule and figures.")},
        {QT_TR_NOOP("The rule editor"),
         QT_TR_NOOP("Click + Condition to describe the customers you want: pick a field (total spend, city, "
                    "lifecycle stage…), how to compare and the values; each condition shows how many customers "
                    "it keeps. Or type the rule below, such as total_spend >= 1000. The figures update as you go; "
                    "Ctrl+S saves the rule as a segment. Help > Rule Syntax lists everything a rule can say.")},
        {QT_TR_NOOP("Dashboard and customers"),
         QT_TR_NOOP("Who matches the rule: lifecycle funnel, value tiers, RFM grid and segment sizes. The "
                    "Customers tab lists them, and File > Export Members writes them to Excel.")},
    };
    m_title->setText(tr(steps[m_step].title));
    m_text->setText(tr(steps[m_step].text));
    m_counter->setText(tr("%1 of %2").arg(m_step + 1).arg(kSteps));
    m_back->setEnabled(m_step > 0);
    m_next->setText(m_step + 1 < kSteps ? tr("Next") : tr("Done"));
    placeBubble();
    update();
    Q_EMIT stepChanged(m_step);
}

void Tour::placeBubble()
{
    // The height the wrapped text needs at the bubble's width: sizeHint alone under-counts wrapped lines
    // (Chinese wraps into more of them), which clipped the text.
    QLayout *layout = m_bubble->layout();
    const int height = layout && layout->hasHeightForWidth() ? layout->totalHeightForWidth(kBubbleWidth) : m_bubble->sizeHint().height();
    const QSize size(kBubbleWidth, std::max(height, m_bubble->sizeHint().height()));
    const QRect area = rect();
    const QRect spot = targetRect();
    QPoint at;
    if (spot.isNull()) {
        at = area.center() - QPoint(size.width() / 2, size.height() / 2);
    } else if (spot.right() + kGap + size.width() <= area.right()) {
        at = QPoint(spot.right() + kGap, spot.top() + kGap); // to the right of the panel
    } else if (spot.bottom() + kGap + size.height() <= area.bottom()) {
        at = QPoint(spot.left() + kGap * 2, spot.bottom() + kGap); // below it
    } else {
        at = QPoint(spot.right() - size.width() - kGap * 2, spot.top() + kGap * 2); // inside, at its top right
    }
    at.setX(std::clamp(at.x(), area.left() + kGap, std::max(area.left() + kGap, area.right() - size.width() - kGap)));
    at.setY(std::clamp(at.y(), area.top() + kGap, std::max(area.top() + kGap, area.bottom() - size.height() - kGap)));
    m_bubble->setGeometry(QRect(at, size));
}

void Tour::next()
{
    if (m_step + 1 >= kSteps) {
        finish();
        return;
    }
    ++m_step;
    showStep();
}

void Tour::back()
{
    if (m_step == 0)
        return;
    --m_step;
    showStep();
}

void Tour::finish()
{
    m_window->removeEventFilter(this);
    hide();
    Q_EMIT finished();
    deleteLater();
}

void Tour::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath dim;
    dim.addRect(rect());
    const QRect spot = targetRect();
    if (!spot.isNull()) {
        QPainterPath hole;
        hole.addRoundedRect(spot, 6, 6);
        dim = dim.subtracted(hole);
    }
    painter.fillPath(dim, QColor(0, 0, 0, 150));
    if (!spot.isNull()) {
        painter.setPen(QPen(palette().color(QPalette::Highlight), 3));
        painter.drawRoundedRect(spot, 6, 6);
    }
}

bool Tour::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest)) {
        setGeometry(m_window->rect());
        placeBubble();
        update();
    }
    return QWidget::eventFilter(watched, event);
}

void Tour::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        finish();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace segmenta::ui
