#pragma once

#include <functional>

#include "dashboard/dashboardfigures.h"

#include <QDate>
#include <QTimer>
#include <QWidget>

class QDateEdit;
class QLabel;
class QPushButton;
class QFrame;
class QGridLayout;
class QScrollArea;

namespace segmenta::ui {

class ChartCard;
class PurchaseMixView;

// The charts dashboard at the centre of the window: the segment's size and revenue, the lifecycle funnel
// with the active / at risk / dormant split, value tiers with the Pareto curve, the RFM grid, saved segment
// sizes with their overlap, what the segment buys, size history and the predictions (P(alive), CLV, holdout check). showFigures() replaces every figure in place: the previous
// figures stay until new ones arrive, so the dashboard never flashes empty while the user edits.
// Clicking a chart element emits a signal so the window can narrow to those customers. The funnel, value tiers,
// RFM grid and saved segments stand two by two when the panel is at least kTwoColumnsFrom wide, one under the
// other when narrower (the member preview open at 1280 px), so that no chart is squeezed below kReadableWidth.
// GUI thread only.
class DashboardPanel : public QWidget
{
    Q_OBJECT

public:
    // The narrowest a chart card is readable at (the value tiers' axis labels and the Pareto curve's side by
    // side), and the panel width from which two such cards fit side by side.
    static constexpr int kReadableWidth = 420;
    static constexpr int kTwoColumnsFrom = 2 * kReadableWidth + 60;

    explicit DashboardPanel(QWidget *parent = nullptr);

    void showFigures(const DashboardFigures &figures);
    // Marks the figures as being recomputed (a subtle hint, not a blank).
    void setBusy(bool busy);
    // Whether "Updating…" shows: figures of a newer rule or workspace state are on their way.
    bool isBusy() const;
    // Says that the analysis date follows old data (the day after the newest order, `asOf`), with a button
    // back to today; an invalid date hides the note.
    void setAnalysisDateNote(const QDate &asOf);
    // The analysis date the figures are computed at, shown in the headline in the locale's date format
    // (common/datetext.h); an invalid date (no workspace) hides it. Showing it emits nothing.
    void setAnalysisDate(const QDate &date, bool editable);
    QDate analysisDate() const;
    // What saved and copied charts name as their segment (a saved segment's name, or the rule being edited),
    // asked for at the time; their caption also carries the analysis date shown.
    void setSegmentSource(std::function<QString()> segment);
    QDateEdit *analysisDateEdit() const { return m_dateEdit; }

    FunnelWidget *funnel() const { return m_funnel; }
    TierChart *tiers() const { return m_tiers; }
    RfmHeatmap *rfm() const { return m_rfm; }
    SegmentSizeChart *segmentSizes() const { return m_sizes; }
    SizeHistoryChart *history() const { return m_history; }
    PredictedChart *predicted() const { return m_predicted; }
    PurchaseMixView *purchaseMix() const { return m_mix; }
    // Scrolls the dashboard to the top of the "What this segment buys" card.
    void revealPurchaseMix();
    QString headlineText() const;
    // The size, share, revenue and activity lines, as shown.
    QStringList headlineLines() const;
    // How many columns the chart cards stand in (1 or 2).
    int columns() const { return m_columns; }

Q_SIGNALS:
    void funnelStepClicked(int index);
    void tierClicked(int index);
    void rfmCellClicked(int r, int f);
    void savedSegmentClicked(qint64 segmentId);
    // A category or product of "What this segment buys" (lineField: `category` or `product`).
    void purchaseItemClicked(const QString &lineField, const QString &value);
    void useTodayClicked();
    // The user chose another analysis date in the headline (after a pause in typing, Enter, or the calendar).
    void analysisDateChosen(const QDate &date);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    void showHeadline();
    void arrangeCards(int columns);

    DashboardFigures m_figures;
    QLabel *m_count;
    QLabel *m_share;
    QLabel *m_revenue;
    QLabel *m_activity;
    QLabel *m_busy;
    QFrame *m_dateNote;
    QLabel *m_dateNoteText;
    QPushButton *m_useToday;
    QDate m_noteDate;
    FunnelWidget *m_funnel;
    TierChart *m_tiers;
    RfmHeatmap *m_rfm;
    SegmentSizeChart *m_sizes;
    SizeHistoryChart *m_history;
    PredictedChart *m_predicted;
    PurchaseMixView *m_mix;
    ChartCard *m_funnelCard;
    ChartCard *m_tiersCard;
    ChartCard *m_rfmCard;
    ChartCard *m_sizesCard;
    ChartCard *m_historyCard;
    ChartCard *m_predictedCard;
    ChartCard *m_mixCard;
    QScrollArea *m_scroll;
    QGridLayout *m_grid = nullptr;
    QWidget *m_headline = nullptr;
    int m_columns = 0;
    QLabel *m_dateLabel;
    QDateEdit *m_dateEdit;
    QDate m_shownDate;
    QTimer m_dateTyping;
};

} // namespace segmenta::ui
