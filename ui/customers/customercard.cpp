#include "customers/customercard.h"
#include "busywork.h"

#include "common/money.h"
#include "futurewatch.h"

#include "customers/customerquery.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/rulecontext.h"
#include "rules/sqlcompiler.h"
#include "segments/segmentstore.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace segmenta::ui {

CustomerDetails CustomerDetails::load(store::Database &db, qint64 id, const QDate &asOf)
{
    CustomerDetails d;
    d.id = id;
    try {
        const auto context = rules::RuleContext::forDatabase(db, asOf);
        d.fields = context.fields;
        auto rows = CustomerQuery::rows(db, d.fields, &id, 1);
        if (rows.front().isEmpty()) {
            d.error = tr("Customer %1 is no longer in the workspace").arg(id);
            return d;
        }
        d.values = rows.front();
        const auto valueOf = [&](const char *name) {
            for (size_t i = 0; i < d.fields.size(); ++i) {
                if (d.fields[i].name == QLatin1StringView(name))
                    return d.values.at(qsizetype(i));
            }
            return QVariant();
        };
        d.lifecycleStage = valueOf("lifecycle_stage").toString();
        d.valueTier = valueOf("value_tier").toString();
        d.rfmSegment = valueOf("rfm_segment").toString();
        d.rScore = valueOf("r_score").toInt();
        d.fScore = valueOf("f_score").toInt();
        d.mScore = valueOf("m_score").toInt();
        const auto unscored = metrics::CustomerMetrics::unscoredReasons(db);
        d.rUnscored = unscored.r;
        d.mUnscored = unscored.m;
        d.pAlive = valueOf("p_alive");
        d.expectedOrders90 = valueOf("expected_orders_90");
        d.predictedClv = valueOf("predicted_clv");
        d.clvTier = valueOf("clv_tier").toString();

        d.spend = valueOf("total_spend");
        d.ordersCount = valueOf("orders_count");
        d.lastOrder = valueOf("last_order_date");
        store::Statement list(db, "SELECT list_total_spend, list_orders_count, list_first_order_date, list_last_order_date "
                                  "FROM customers WHERE id = ?1");
        list.bind(1, id);
        if (list.step()) {
            d.listSpend = list.value(0);
            d.listOrders = list.value(1);
            d.listFirstOrder = list.value(2);
            d.listLastOrder = list.value(3);
        }

        d.orderFields = store::loadFields(db, QStringLiteral("order"));
        QStringList select;
        for (const auto &field : d.orderFields)
            select << QStringLiteral("o.") + store::quoteIdentifier(field.column);
        select << QStringLiteral("o.id");
        const QString sql = QStringLiteral("SELECT ") + select.join(QStringLiteral(", ")) +
                            QStringLiteral(" FROM orders o WHERE o.customer_id = ?1 ORDER BY o.order_date DESC, o.id");
        store::Statement orders(db, sql.toStdString());
        store::Statement lines(db, "SELECT product, sku, category, quantity, unit_price, amount FROM order_lines "
                                   "WHERE order_id = ?1 ORDER BY line_no");
        orders.bind(1, id);
        const int idColumn = int(d.orderFields.size());
        while (orders.step()) {
            QVariantList row;
            for (int c = 0; c < idColumn; ++c)
                row << orders.value(c);
            d.orders.push_back(row);
            std::vector<Line> &ofOrder = d.orderLines.emplace_back();
            lines.bind(1, orders.int64(idColumn));
            while (lines.step())
                ofOrder.push_back({lines.text(0), lines.text(1), lines.text(2), lines.value(3), lines.value(4), lines.value(5)});
            lines.reset();
        }

        const auto saved = segments::SegmentStore(db).list();
        if (saved) {
            for (const auto &segment : saved.value()) {
                const auto compiled = rules::SqlCompiler::compile(segment.rule, context);
                if (compiled && CustomerQuery::isMember(db, compiled.value(), id))
                    d.segments << segment.name;
            }
        }
    } catch (const store::DatabaseError &e) {
        d.error = e.message();
    }
    return d;
}

bool CustomerDetails::hasListTotals() const
{
    return (!listSpend.isNull() && listSpend.toDouble() > 0) || (!listOrders.isNull() && listOrders.toLongLong() > 0) ||
           !listFirstOrder.isNull() || !listLastOrder.isNull();
}

bool CustomerDetails::listTotalsDiffer() const
{
    if (!hasListTotals() || orders.empty())
        return false; // without orders the list's totals are the figures used
    return (!listSpend.isNull() && std::abs(listSpend.toDouble() - spend.toDouble()) >= 0.005) ||
           (!listOrders.isNull() && listOrders.toLongLong() != ordersCount.toLongLong()) ||
           (!listLastOrder.isNull() && listLastOrder.toString() != lastOrder.toString());
}

CustomerCard::CustomerCard(store::Workspace *workspace, qint64 customerId, QWidget *parent)
    : QDialog(parent), m_title(new QLabel(this)), m_summary(new QLabel(this)), m_stage(new QLabel(this)), m_tier(new QLabel(this)), m_rfm(new QLabel(this)), m_prediction(new QLabel(this)),
      m_segments(new QListWidget(this)), m_fields(new QFormLayout), m_orders(new QTableWidget(this)),
      m_lines(new QTableWidget(this))
{
    setObjectName(QStringLiteral("customerCard"));
    try {
        m_currency = workspace ? workspace->currencySymbol() : defaultCurrencySymbol();
    } catch (const store::DatabaseError &) {
        m_currency = defaultCurrencySymbol();
    }
    setWindowTitle(tr("Customer"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setText(tr("Loading…"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary->setWordWrap(true);
    QFont bold = font();
    bold.setBold(true);
    for (QLabel *value : {m_stage, m_tier, m_rfm, m_prediction}) {
        value->setFont(bold);
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    m_segments->setObjectName(QStringLiteral("customerSegments"));
    m_orders->setObjectName(QStringLiteral("customerOrders"));
    m_orders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_orders->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_orders->setAlternatingRowColors(true);
    m_orders->verticalHeader()->hide();
    m_orders->horizontalHeader()->setStretchLastSection(true);
    m_orders->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_orders->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_lines->setObjectName(QStringLiteral("customerOrderLines"));
    m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setAlternatingRowColors(true);
    m_lines->verticalHeader()->hide();
    m_lines->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_lines->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_lines->setColumnCount(6);
    m_lines->setHorizontalHeaderLabels({tr("Product"), tr("SKU"), tr("Category"), tr("Quantity"), tr("Unit price"), tr("Amount")});
    m_lines->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    connect(m_orders, &QTableWidget::currentCellChanged, this, [this](int row) { showLines(row); });

    auto *profile = new QGroupBox(tr("Profile"), this);
    auto *profileLayout = new QVBoxLayout(profile);
    auto *scores = new QFormLayout;
    m_scores = scores;
    scores->addRow(tr("Lifecycle stage:"), m_stage);
    scores->addRow(tr("Value tier:"), m_tier);
    scores->addRow(tr("RFM:"), m_rfm);
    scores->addRow(tr("Predicted:"), m_prediction);
    m_prediction->setObjectName(QStringLiteral("customerPrediction"));
    m_rfm->setObjectName(QStringLiteral("customerRfm"));
    m_prediction->setWordWrap(true);
    profileLayout->addLayout(scores);
    profileLayout->addWidget(new QLabel(tr("Saved segments:"), profile));
    profileLayout->addWidget(m_segments);
    m_segments->setMaximumHeight(fontMetrics().height() * 7);

    auto *fieldsPage = new QWidget(this);
    fieldsPage->setLayout(m_fields);
    m_fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *fieldsScroll = new QScrollArea(this);
    fieldsScroll->setWidget(fieldsPage);
    fieldsScroll->setWidgetResizable(true);

    m_linesPage = new QWidget(this);
    auto *linesLayout = new QVBoxLayout(m_linesPage);
    linesLayout->setContentsMargins(0, 0, 0, 0);
    linesLayout->addWidget(new QLabel(tr("Lines of the selected order:"), m_linesPage));
    linesLayout->addWidget(m_lines);
    auto *ordersSplit = new QSplitter(Qt::Vertical, this);
    ordersSplit->addWidget(m_orders);
    ordersSplit->addWidget(m_linesPage);
    ordersSplit->setStretchFactor(0, 3);
    ordersSplit->setStretchFactor(1, 2);

    auto *tabs = new QTabWidget(this);
    tabs->addTab(ordersSplit, tr("Orders"));
    tabs->addTab(fieldsScroll, tr("All fields"));

    auto *top = new QHBoxLayout;
    auto *heading = new QVBoxLayout;
    heading->addWidget(m_title);
    heading->addWidget(m_summary);
    heading->addStretch();
    top->addLayout(heading, 1);
    top->addWidget(profile, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(tabs, 1);
    layout->addWidget(buttons);
    resize(900, 640);

    const QString path = workspace->path();
    const QDate asOf = workspace->analysisDate();
    whenFinished(this, QtConcurrent::run(workers(), [path, customerId, asOf] {
        try {
            auto db = store::Database::open(path, store::Database::Access::ReadOnly);
            return CustomerDetails::load(db, customerId, asOf);
        } catch (const store::DatabaseError &e) {
            CustomerDetails failed;
            failed.error = e.message();
            return failed;
        }
    }), [this](const CustomerDetails &details) { showDetails(details); });
}

void CustomerCard::showDetails(const CustomerDetails &details)
{
    m_details = details;
    if (!details.error.isEmpty()) {
        m_title->setText(tr("Cannot show this customer"));
        m_summary->setText(details.error);
        Q_EMIT loaded();
        return;
    }
    const QLocale locale;
    QString name, key, phone, email, city;
    double spend = 0;
    qint64 orders = 0;
    QString lastOrder;
    for (size_t i = 0; i < details.fields.size(); ++i) {
        const store::FieldInfo &field = details.fields[i];
        const QVariant &value = details.values.at(qsizetype(i));
        const QString shown = CustomerQuery::display(field, value, m_currency, locale);
        if (field.name == u"name")
            name = shown;
        else if (field.name == u"customer_id")
            key = shown;
        else if (field.name == u"phone")
            phone = shown;
        else if (field.name == u"email")
            email = shown;
        else if (field.name == u"city")
            city = shown;
        else if (field.name == u"total_spend")
            spend = value.toDouble();
        else if (field.name == u"orders_count")
            orders = value.toLongLong();
        else if (field.name == u"last_order_date")
            lastOrder = shown;
        auto *label = new QLabel(shown.isEmpty() ? QStringLiteral("—") : shown);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_fields->addRow(CustomerQuery::label(field) + u':', label);
    }
    setWindowTitle(tr("Customer %1").arg(name.isEmpty() ? key : name));
    m_title->setText(name.isEmpty() ? key : name);
    QStringList contact;
    for (const QString &part : {key, phone, email, city}) {
        if (!part.isEmpty())
            contact << part;
    }
    QString summary = contact.join(QStringLiteral("  ·  "));
    summary += u'\n' + tr("Orders: %1 · Total spend: %2").arg(locale.toString(orders), moneyText(spend, m_currency, locale));
    if (!lastOrder.isEmpty())
        summary += u'\n' + tr("Last order on %1").arg(lastOrder);
    if (details.listTotalsDiffer()) {
        QStringList parts;
        if (!details.listOrders.isNull())
            parts << tr("%1 orders").arg(locale.toString(details.listOrders.toLongLong()));
        if (!details.listSpend.isNull())
            parts << tr("total spend %1").arg(moneyText(details.listSpend.toDouble(), m_currency, locale));
        if (!details.listLastOrder.isNull())
            parts << tr("last order on %1").arg(details.listLastOrder.toString());
        summary += u'\n' + tr("The customer list says: %1. The orders' figures above are the ones used.").arg(parts.join(QStringLiteral(", ")));
    } else if (details.hasListTotals() && details.orders.empty() && orders > 0) {
        summary += u'\n' + tr("Purchase history from the customer list (no orders in the workspace).");
    }
    m_summary->setText(summary);

    m_stage->setText(metrics::stageDisplayName(details.lifecycleStage));
    m_tier->setText(metrics::tierDisplayName(details.valueTier));
    m_rfm->setText(rfmText(details, orders));
    m_prediction->setText(
        details.pAlive.isNull()
            ? tr("no prediction (no purchase, predictions off, or too little data)")
            : tr("%1 likely still buying · %2 orders expected in 90 days · CLV %3 (%4)")
                  .arg(locale.toString(details.pAlive.toDouble() * 100, 'f', 0) + locale.percent(),
                       locale.toString(details.expectedOrders90.toDouble(), 'f', 2),
                       details.predictedClv.isNull() ? tr("not predicted") : moneyText(details.predictedClv.toDouble(), m_currency, locale),
                       metrics::tierDisplayName(details.clvTier)));
    showBuys(details);
    m_segments->clear();
    if (details.segments.isEmpty())
        m_segments->addItem(tr("(in no saved segment)"));
    else
        m_segments->addItems(details.segments);

    m_orders->setColumnCount(int(details.orderFields.size()));
    m_orders->setRowCount(int(details.orders.size()));
    QStringList headers;
    for (const auto &field : details.orderFields)
        headers << CustomerQuery::label(field);
    m_orders->setHorizontalHeaderLabels(headers);
    // A column none of the customer's orders has a value in (a file without quantities, statuses or products)
    // is hidden rather than shown empty.
    std::vector<bool> used(details.orderFields.size(), false);
    for (int r = 0; r < int(details.orders.size()); ++r) {
        for (int c = 0; c < int(details.orderFields.size()); ++c) {
            const store::FieldInfo &field = details.orderFields[size_t(c)];
            const QVariant &value = details.orders[size_t(r)].at(c);
            auto *item = new QTableWidgetItem(CustomerQuery::display(field, value, m_currency, locale));
            item->setData(Qt::UserRole, value);
            if (CustomerQuery::isRightAligned(field.type))
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            used[size_t(c)] = used[size_t(c)] || !item->text().trimmed().isEmpty();
            m_orders->setItem(r, c, item);
        }
    }
    for (int c = 0; c < int(used.size()); ++c)
        m_orders->setColumnHidden(c, !used[size_t(c)] && !details.orders.empty());
    // Lines that say no more than their order's amount (a file of order totals) are not listed.
    const bool linesSayMore = std::any_of(details.orderLines.begin(), details.orderLines.end(), [](const auto &lines) {
        return std::any_of(lines.begin(), lines.end(), [](const CustomerDetails::Line &line) {
            return !line.product.isEmpty() || !line.sku.isEmpty() || !line.category.isEmpty() || !line.quantity.isNull() ||
                   !line.unitPrice.isNull();
        });
    });
    m_linesPage->setVisible(linesSayMore);
    // A customer has tens of orders, not millions: measuring them is cheap.
    m_orders->resizeColumnsToContents();
    if (!details.orders.empty())
        m_orders->setCurrentCell(0, 0);
    showLines(m_orders->currentRow());
    Q_EMIT loaded();
}

namespace {

// The derived fields of what a customer buys, in the order the card lists them.
constexpr const char *kBuysFields[] = {"favourite_category", "distinct_products", "first_product", "last_product", "first_channel"};

QString buysObjectName(const QString &name)
{
    return QStringLiteral("customerBuys_") + name;
}

} // namespace

// The RFM line: the scores given, the segment R and F name, and why a score is missing: R and M rank the
// buyers, so a workspace with fewer than 5, or whose buyers all last bought on one day (all spent the same),
// scores no one R (M); a customer-list buyer without a last order date has no R.
QString CustomerCard::rfmText(const CustomerDetails &details, qint64 orders)
{
    if (orders <= 0)
        return tr("not scored (no purchase)");
    const QLatin1StringView few(metrics::CustomerMetrics::kFewBuyers);
    const QLatin1StringView oneValue(metrics::CustomerMetrics::kOneValue);
    QStringList scores;
    if (details.rScore > 0)
        scores << tr("R %1").arg(details.rScore);
    scores << tr("F %1").arg(details.fScore);
    if (details.mScore > 0)
        scores << tr("M %1").arg(details.mScore);
    QString text = scores.join(QStringLiteral(" · "));
    if (details.rScore > 0 && !details.rfmSegment.isEmpty())
        text += QStringLiteral(" — ") + metrics::rfmDisplayName(details.rfmSegment);
    QStringList missing;
    if (details.rScore == 0 && details.mScore == 0 && details.rUnscored == few && details.mUnscored == few) {
        missing << tr("R and M rank the buyers, and this workspace has fewer than 5");
    } else {
        if (details.rScore == 0) {
            missing << (details.lastOrder.isNull()        ? tr("no last order date: recency unknown")
                        : details.rUnscored == oneValue ? tr("no R: every buyer's last order is on the same day")
                                                        : tr("no R: fewer than 5 buyers have a last order date"));
        }
        if (details.mScore == 0)
            missing << (details.mUnscored == oneValue ? tr("no M: every buyer spent the same") : tr("no M: fewer than 5 buyers"));
    }
    if (!missing.isEmpty())
        text += tr(" (%1)", "why a score is missing, after the scores").arg(missing.join(tr("; ", "between reasons")));
    return text;
}

void CustomerCard::showBuys(const CustomerDetails &details)
{
    const QLocale locale;
    for (const char *name : kBuysFields) {
        for (size_t i = 0; i < details.fields.size(); ++i) {
            const store::FieldInfo &field = details.fields[i];
            if (field.name != QLatin1StringView(name))
                continue;
            const QString shown = CustomerQuery::display(field, details.values.at(qsizetype(i)), m_currency, locale);
            auto *value = new QLabel(shown.isEmpty() ? QStringLiteral("—") : shown, this);
            value->setObjectName(buysObjectName(field.name));
            value->setTextInteractionFlags(Qt::TextSelectableByMouse);
            value->setWordWrap(true);
            m_scores->addRow(CustomerQuery::label(field) + u':', value);
        }
    }
}

QString CustomerCard::buysText(const QString &name) const
{
    const auto *value = findChild<QLabel *>(buysObjectName(name));
    return value ? value->text() : QString();
}

QString CustomerCard::buysLabel(const QString &name) const
{
    auto *value = findChild<QLabel *>(buysObjectName(name));
    const auto *label = value ? qobject_cast<QLabel *>(m_scores->labelForField(value)) : nullptr;
    return label ? label->text() : QString();
}

void CustomerCard::showLines(int orderRow)
{
    const bool known = orderRow >= 0 && size_t(orderRow) < m_details.orderLines.size();
    const auto &lines = known ? m_details.orderLines[size_t(orderRow)] : std::vector<CustomerDetails::Line>{};
    const QLocale locale;
    const auto number = [this, &locale](const QVariant &value, bool money) {
        if (value.isNull())
            return QString();
        return money ? moneyText(value.toDouble(), m_currency, locale) : locale.toString(value.toDouble(), 'g', 12);
    };
    m_lines->setRowCount(int(lines.size()));
    for (int r = 0; r < int(lines.size()); ++r) {
        const CustomerDetails::Line &line = lines[size_t(r)];
        const QString texts[] = {line.product, line.sku, line.category, number(line.quantity, false),
                                 number(line.unitPrice, true), number(line.amount, true)};
        for (int c = 0; c < 6; ++c) {
            auto *item = new QTableWidgetItem(texts[c]);
            if (c >= 3)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_lines->setItem(r, c, item);
        }
    }
    for (int c = 1; c < 6; ++c)
        m_lines->resizeColumnToContents(c);
}

} // namespace segmenta::ui
