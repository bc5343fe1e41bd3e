#pragma once

#include "store/field.h"

#include <QCoreApplication>
#include <QDate>
#include <QDialog>
#include <QVariantList>

#include <vector>

class QLabel;
class QTableWidget;
class QListWidget;
class QFormLayout;

namespace segmenta::store {
class Database;
class Workspace;
}

namespace segmenta::ui {

// Everything the customer card shows about one customer, read in one go (see load()).
struct CustomerDetails
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::ui::CustomerDetails)

public:
    qint64 id = 0;
    std::vector<store::FieldInfo> fields; // customer fields, in order
    QVariantList values;                  // their stored values
    std::vector<store::FieldInfo> orderFields;
    std::vector<QVariantList> orders;     // newest first (order date descending, then id)
    // What each order was for, by order as in `orders`: its lines in line order.
    struct Line
    {
        QString product, sku, category;
        QVariant quantity, unitPrice, amount;
    };
    std::vector<std::vector<Line>> orderLines;
    QString lifecycleStage, valueTier, rfmSegment; // ids as stored
    int rScore = 0, fScore = 0, mScore = 0;        // 0: not scored (no purchase)
    // Why no buyer of the workspace has an R (M) score, when none has (metrics::CustomerMetrics::kRUnscoredKey).
    QString rUnscored, mUnscored;
    QVariant pAlive, expectedOrders90, predictedClv; // null without a prediction
    QString clvTier;
    QStringList segments;                          // saved segments the customer belongs to, in list order
    // The totals a customer list gave (customers.list_*); when the customer also has orders, the orders'
    // figures are the ones used, and listTotalsDiffer() says whether the card shows the list's as well.
    QVariant listSpend, listOrders, listFirstOrder, listLastOrder;
    QVariant spend, ordersCount, lastOrder; // the figures used (customer_metrics)
    bool hasListTotals() const;
    bool listTotalsDiffer() const;
    QString error;                                 // set when the customer could not be read

    // Reads customer `id`: its fields, its orders, and each saved segment's rule evaluated for that customer
    // alone (SQL over the same connection). Any thread, with a connection of its own; never throws.
    static CustomerDetails load(store::Database &db, qint64 id, const QDate &asOf);
};

// A customer's card: name and key figures at the top, the lifecycle stage, value tier, RFM scores, the
// prediction (P(alive), expected orders, CLV) and what the customer buys (favourite category, distinct
// products, first and last product, first order channel: see metrics::PurchaseProfile), the
// saved segments the customer belongs to, every field, and the orders with the lines of the one selected. Reads on a worker thread with its
// own connection (a "Loading…" line until then) and emits loaded(). GUI thread; `workspace` is only read for
// its path and analysis date in the constructor.
class CustomerCard : public QDialog
{
    Q_OBJECT

public:
    CustomerCard(store::Workspace *workspace, qint64 customerId, QWidget *parent = nullptr);

    QTableWidget *ordersTable() const { return m_orders; }
    // The lines of the order selected in ordersTable() (the newest when the card opens).
    QTableWidget *linesTable() const { return m_lines; }
    QListWidget *segmentsList() const { return m_segments; }
    // What the customer buys, as shown: the text beside the label of derived field `name` (favourite_category,
    // distinct_products, first_product, last_product, first_channel); "—" when empty, null when not shown.
    QString buysText(const QString &name) const;
    QString buysLabel(const QString &name) const;
    const CustomerDetails &details() const { return m_details; }

Q_SIGNALS:
    void loaded();

private:
    void showDetails(const CustomerDetails &details);
    void showLines(int orderRow);
    void showBuys(const CustomerDetails &details);
    static QString rfmText(const CustomerDetails &details, qint64 orders);

    CustomerDetails m_details;
    QString m_currency; // the workspace's currency symbol
    QLabel *m_title;
    QLabel *m_summary;
    QLabel *m_stage;
    QLabel *m_tier;
    QLabel *m_rfm;
    QLabel *m_prediction;
    QFormLayout *m_scores;
    QListWidget *m_segments;
    QFormLayout *m_fields;
    QTableWidget *m_orders;
    QTableWidget *m_lines;
    QWidget *m_linesPage = nullptr; // m_lines and its label: hidden when no line says more than its order's amount
};

} // namespace segmenta::ui
