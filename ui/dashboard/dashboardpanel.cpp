#include "dashboardpanel.h"

#include "dashboard/chartcard.h"
#include "dashboard/purchasemixview.h"

#include "common/datetext.h"
#include "common/money.h"

#include <QDateEdit>
#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <array>
#include <climits>

namespace segmenta::ui {

namespace {

QString percentText(const QLocale &locale, double part, double whole)
{
    if (whole <= 0)
        return QStringLiteral("–");
    return locale.toString(100.0 * part / whole, 'f', 1) + locale.percent();
}

} // namespace

DashboardPanel::DashboardPanel(QWidget *parent)
    : QWidget(parent), m_count(new QLabel(this)), m_share(new QLabel(this)), m_revenue(new QLabel(this)),
      m_activity(new QLabel(this)), m_busy(new QLabel(this)), m_dateNote(new QFrame(this)),
      m_dateNoteText(new QLabel(m_dateNote)), m_useToday(new QPushButton(m_dateNote)), m_funnel(new FunnelWidget),
      m_tiers(new TierChart), m_rfm(new RfmHeatmap), m_sizes(new SegmentSizeChart), m_history(new SizeHistoryChart),
      m_predicted(new PredictedChart), m_mix(new PurchaseMixView), m_dateLabel(new QLabel(this)), m_dateEdit(new QDateEdit(this))
{
    m_dateEdit->setObjectName(QStringLiteral("dashboardAnalysisDate"));
    m_dateEdit->setCalendarPopup(true);
    m_dateEdit->setDisplayFormat(datePattern());
    m_dateLabel->setBuddy(m_dateEdit);
    m_dateTyping.setSingleShot(true);
    m_dateTyping.setInterval(800); // a date being typed is not a date chosen
    const auto choose = [this] {
        m_dateTyping.stop();
        if (m_dateEdit->date() != m_shownDate && m_dateEdit->date().isValid()) {
            m_shownDate = m_dateEdit->date();
            Q_EMIT analysisDateChosen(m_shownDate);
        }
    };
    connect(&m_dateTyping, &QTimer::timeout, this, choose);
    connect(m_dateEdit, &QDateEdit::editingFinished, this, choose);
    connect(m_dateEdit, &QDateEdit::dateChanged, this, [this] {
        if (!m_dateEdit->signalsBlocked())
            m_dateTyping.start();
    });
    QFont big = m_count->font();
    big.setPointSizeF(big.pointSizeF() * 2.2);
    big.setBold(true);
    m_count->setFont(big);
    m_count->setObjectName(QStringLiteral("segmentCount"));
    m_activity->setWordWrap(true);
    m_busy->setVisible(false);

    auto *headline = new QFrame(this);
    m_headline = headline;
    headline->setFrameShape(QFrame::StyledPanel);
    auto *headlineLayout = new QHBoxLayout(headline);
    auto *numbers = new QVBoxLayout;
    numbers->addWidget(m_count);
    numbers->addWidget(m_share);
    headlineLayout->addLayout(numbers);
    headlineLayout->addSpacing(24);
    auto *money = new QVBoxLayout;
    money->addWidget(m_revenue);
    money->addWidget(m_activity);
    headlineLayout->addLayout(money, 1);
    headlineLayout->addWidget(m_busy, 0, Qt::AlignTop);
    auto *date = new QVBoxLayout;
    date->addWidget(m_dateLabel);
    date->addWidget(m_dateEdit);
    date->addStretch(1);
    headlineLayout->addLayout(date);

    m_funnelCard = new ChartCard(m_funnel);
    m_tiersCard = new ChartCard(m_tiers);
    m_rfmCard = new ChartCard(m_rfm);
    m_sizesCard = new ChartCard(m_sizes);
    m_historyCard = new ChartCard(m_history);
    m_predictedCard = new ChartCard(m_predicted);
    m_mixCard = new ChartCard(m_mix);
    for (ChartCard *card : {m_funnelCard, m_tiersCard, m_rfmCard, m_sizesCard, m_historyCard, m_predictedCard})
        card->setMinimumHeight(260);

    m_dateNote->setObjectName(QStringLiteral("analysisDateNote"));
    m_dateNote->setFrameShape(QFrame::StyledPanel);
    m_dateNoteText->setWordWrap(true);
    m_useToday->setObjectName(QStringLiteral("useTodayButton"));
    auto *noteLayout = new QHBoxLayout(m_dateNote);
    noteLayout->addWidget(m_dateNoteText, 1);
    noteLayout->addWidget(m_useToday);
    m_dateNote->hide();
    connect(m_useToday, &QPushButton::clicked, this, &DashboardPanel::useTodayClicked);

    auto *content = new QWidget;
    m_grid = new QGridLayout(content);
    arrangeCards(2);
    setMinimumWidth(kReadableWidth + 40); // the window's splitters keep one column readable

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(content);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);

    connect(m_funnel, &FunnelWidget::stepClicked, this, &DashboardPanel::funnelStepClicked);
    connect(m_tiers, &TierChart::tierClicked, this, &DashboardPanel::tierClicked);
    connect(m_rfm, &RfmHeatmap::cellClicked, this, &DashboardPanel::rfmCellClicked);
    connect(m_sizes, &SegmentSizeChart::segmentClicked, this, &DashboardPanel::savedSegmentClicked);
    connect(m_mix, &PurchaseMixView::narrowRequested, this, &DashboardPanel::purchaseItemClicked);
    retranslate();
}

void DashboardPanel::arrangeCards(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    QWidget *const cards[] = {m_dateNote, m_headline, m_funnelCard, m_tiersCard, m_rfmCard, m_sizesCard,
                              m_mixCard, m_predictedCard, m_historyCard};
    for (QWidget *card : cards)
        m_grid->removeWidget(card);
    // The note, the headline and the wide cards take the whole width; the four charts between them pair up.
    int row = 0;
    m_grid->addWidget(m_dateNote, row++, 0, 1, columns);
    m_grid->addWidget(m_headline, row++, 0, 1, columns);
    const std::array<QWidget *, 4> paired = {m_funnelCard, m_tiersCard, m_rfmCard, m_sizesCard};
    for (size_t i = 0; i < paired.size(); ++i)
        m_grid->addWidget(paired[i], row + int(i) / columns, int(i) % columns);
    row += int(paired.size()) / columns;
    for (QWidget *wide : {static_cast<QWidget *>(m_mixCard), static_cast<QWidget *>(m_predictedCard), static_cast<QWidget *>(m_historyCard)})
        m_grid->addWidget(wide, row++, 0, 1, columns);
    m_grid->setColumnStretch(0, 1);
    m_grid->setColumnStretch(1, columns == 2 ? 1 : 0);
}

void DashboardPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrangeCards(width() >= kTwoColumnsFrom ? 2 : 1);
}

void DashboardPanel::showFigures(const DashboardFigures &figures)
{
    m_figures = figures;
    showHeadline();
    m_funnel->setSteps(figures.funnel);
    m_tiers->setTiers(figures.tiers);
    m_tiers->setParetoCurves(figures.pareto, figures.allPareto);
    m_rfm->setGrids(figures.rfm, figures.allRfm);
    m_rfm->setSegmentNames(figures.rfmNames);
    m_sizes->setBars(figures.savedSegments);
    m_history->setSeries(figures.history);
    m_predicted->setFigures(figures.predicted);
    m_historyCard->setVisible(!figures.history.isEmpty());
    m_sizesCard->setVisible(!figures.savedSegments.isEmpty());
}

void DashboardPanel::revealPurchaseMix()
{
    m_scroll->verticalScrollBar()->setValue(m_mixCard->y()); // its top at the top: it may be taller than the view
}

void DashboardPanel::setBusy(bool busy)
{
    m_busy->setVisible(busy);
}

bool DashboardPanel::isBusy() const
{
    return !m_busy->isHidden();
}

QStringList DashboardPanel::headlineLines() const
{
    QStringList lines{m_count->text(), m_share->text(), m_revenue->text()};
    if (!m_activity->text().isEmpty())
        lines << m_activity->text();
    return lines;
}

QString DashboardPanel::headlineText() const
{
    return m_count->text() + u' ' + m_share->text() + u' ' + m_revenue->text();
}

void DashboardPanel::showHeadline()
{
    const QLocale locale;
    m_count->setText(tr("%Ln customers", nullptr, int(std::min<qint64>(m_figures.members, INT_MAX))));
    m_share->setText(tr("%1 of all %2 customers")
                         .arg(percentText(locale, double(m_figures.members), double(m_figures.customers)),
                              locale.toString(m_figures.customers)));
    m_revenue->setText(tr("Revenue %1 · %2 of all revenue")
                           .arg(moneyText(m_figures.revenue, m_figures.currencySymbol, locale),
                                percentText(locale, m_figures.revenue, m_figures.totalRevenue)));
    QStringList activity;
    for (const DashboardFigures::Activity &item : std::as_const(m_figures.activity)) {
        activity << tr("%1: %2 (all customers: %3)")
                        .arg(item.label, locale.toString(item.members), locale.toString(item.all));
    }
    m_activity->setText(activity.join(QStringLiteral(" · ")));
}

void DashboardPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void DashboardPanel::retranslate()
{
    m_funnelCard->setTitle(tr("Lifecycle funnel"));
    m_tiersCard->setTitle(tr("Value tiers"));
    m_rfmCard->setTitle(tr("RFM grid (this segment; all customers below each count)"));
    m_sizesCard->setTitle(tr("Saved segments"));
    m_historyCard->setTitle(tr("Size history"));
    m_predictedCard->setTitle(tr("Predicted: who is still buying, and what they are worth"));
    m_mixCard->setTitle(tr("What this segment buys"));
    m_busy->setText(tr("Updating…"));
    m_useToday->setText(tr("Use Today"));
    m_dateLabel->setText(tr("&Analysis date"));
    m_dateEdit->setToolTip(tr("The day the figures are computed at: recency, lifecycle stages and value tiers count back "
                              "from it. Changing it recomputes every customer's figures (Edit > Undo goes back)."));
    setAnalysisDateNote(m_noteDate);
    showHeadline();
}

void DashboardPanel::setAnalysisDate(const QDate &date, bool editable)
{
    m_shownDate = date;
    m_dateTyping.stop();
    m_dateLabel->setVisible(date.isValid());
    m_dateEdit->setVisible(date.isValid());
    m_dateEdit->setEnabled(editable);
    const QSignalBlocker quiet(m_dateEdit);
    m_dateEdit->setDisplayFormat(datePattern()); // the language may have changed
    if (date.isValid())
        m_dateEdit->setDate(date);
}

QDate DashboardPanel::analysisDate() const
{
    return m_shownDate;
}

void DashboardPanel::setSegmentSource(std::function<QString()> segment)
{
    for (ChartCard *card : {m_funnelCard, m_tiersCard, m_rfmCard, m_sizesCard, m_historyCard, m_predictedCard}) {
        card->setCaptionSource([this, segment] {
            return chartexport::Caption{QString(), segment ? segment() : QString(), m_shownDate};
        });
    }
}

void DashboardPanel::setAnalysisDateNote(const QDate &asOf)
{
    m_noteDate = asOf;
    m_dateNote->setVisible(asOf.isValid());
    if (asOf.isValid())
        m_dateNoteText->setText(tr("The newest order is more than a month old, so the figures are as of %1, the day after it "
                                   "(otherwise every buyer would look dormant).")
                                    .arg(dateText(asOf)));
}

} // namespace segmenta::ui
