#pragma once

#include "rules/purchasemix.h"

#include <QWidget>

#include <array>
#include <vector>

class QGridLayout;
class QLabel;
class QPushButton;

namespace segmenta::ui {

class PurchaseMixChart;

// What the "What this segment buys" card shows for one segment: its top categories and products by revenue
// and by buyers (indexed by PurchaseMix::Measure), with their shares there and among all customers.
struct PurchaseMixFigures
{
    using Items = std::vector<rules::PurchaseMix::Item>;
    std::array<Items, 2> categories;
    std::array<Items, 2> products;
    double revenue = 0; // the segment's purchase lines
    qint64 buyers = 0;  // its customers with a purchase line
    QString currencySymbol; // the workspace's (common/money.h)
};

// The content of the "What this segment buys" card: a Revenue / Buyers switch and two bar lists, the top
// categories and the top products, each bar beside the share among all customers. A click on a bar asks to
// narrow the rule to the customers who bought that category or product (narrowRequested with the line field,
// `category` or `product`, and the value). Names are never cut: when the two lists do not fit side by side, the
// products go below the categories. GUI thread only.
class PurchaseMixView : public QWidget
{
    Q_OBJECT

public:
    explicit PurchaseMixView(QWidget *parent = nullptr);

    void showFigures(const PurchaseMixFigures &figures);
    // Before the first figures (the orders are being read), or when they cannot be had: a line of text.
    void showNote(const QString &text);
    rules::PurchaseMix::Measure measure() const { return m_measure; }
    void setMeasure(rules::PurchaseMix::Measure measure);
    PurchaseMixChart *categories() const { return m_categories; }
    PurchaseMixChart *products() const { return m_products; }

Q_SIGNALS:
    void narrowRequested(const QString &lineField, const QString &value);

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void retranslate();
    void showRows();
    // Categories beside products when both fit with their whole names, otherwise products below categories.
    void arrange();

    PurchaseMixFigures m_figures;
    rules::PurchaseMix::Measure m_measure = rules::PurchaseMix::Measure::Revenue;
    QString m_note;
    QLabel *m_legend;
    QLabel *m_totals;
    QPushButton *m_byRevenue;
    QPushButton *m_byBuyers;
    QLabel *m_categoriesTitle;
    QLabel *m_productsTitle;
    PurchaseMixChart *m_categories;
    PurchaseMixChart *m_products;
    QGridLayout *m_lists;
    bool m_stacked = false;
};

} // namespace segmenta::ui
