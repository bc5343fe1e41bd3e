#include "purchasemixview.h"

#include "charts/purchasemixchart.h"
#include "common/money.h"

#include <QButtonGroup>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

namespace {

using Measure = rules::PurchaseMix::Measure;

QList<PurchaseMixChart::Row> chartRows(const PurchaseMixFigures::Items &items, const QString &currencySymbol)
{
    const QLocale locale;
    QList<PurchaseMixChart::Row> rows;
    for (const rules::PurchaseMix::Item &item : items) {
        const QString tip = PurchaseMixView::tr("%1\nThis segment: revenue %2, %3 buyers\nAll customers: revenue %4, %5 buyers\n"
                                                "Click to keep only the customers who bought it.")
                                .arg(item.name, moneyText(item.revenue, currencySymbol, locale), locale.toString(item.buyers),
                                     moneyText(item.allRevenue, currencySymbol, locale), locale.toString(item.allBuyers));
        rows.append({item.name, item.share, item.allShare, item.index(), tip});
    }
    return rows;
}

QLabel *boldLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

} // namespace

PurchaseMixView::PurchaseMixView(QWidget *parent)
    : QWidget(parent), m_legend(new QLabel(this)), m_totals(new QLabel(this)), m_byRevenue(new QPushButton(this)),
      m_byBuyers(new QPushButton(this)), m_categoriesTitle(boldLabel(this)), m_productsTitle(boldLabel(this)),
      m_categories(new PurchaseMixChart(this)), m_products(new PurchaseMixChart(this)), m_lists(new QGridLayout)
{
    m_byRevenue->setObjectName(QStringLiteral("purchaseMixByRevenue"));
    m_byBuyers->setObjectName(QStringLiteral("purchaseMixByBuyers"));
    m_totals->setObjectName(QStringLiteral("purchaseMixTotals"));
    m_categories->setObjectName(QStringLiteral("purchaseMixCategories"));
    m_products->setObjectName(QStringLiteral("purchaseMixProducts"));
    auto *measures = new QButtonGroup(this);
    for (QPushButton *button : {m_byRevenue, m_byBuyers}) {
        button->setCheckable(true);
        button->setFlat(false);
        measures->addButton(button);
    }
    m_byRevenue->setChecked(true);
    connect(m_byRevenue, &QPushButton::clicked, this, [this] { setMeasure(Measure::Revenue); });
    connect(m_byBuyers, &QPushButton::clicked, this, [this] { setMeasure(Measure::Buyers); });
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_totals->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto *top = new QHBoxLayout;
    top->addWidget(m_byRevenue);
    top->addWidget(m_byBuyers);
    top->addStretch(1);
    top->addWidget(m_totals);
    m_lists->setHorizontalSpacing(16);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_legend);
    layout->addLayout(m_lists, 1);

    connect(m_categories, &PurchaseMixChart::itemClicked, this,
            [this](const QString &name) { Q_EMIT narrowRequested(QStringLiteral("category"), name); });
    connect(m_products, &PurchaseMixChart::itemClicked, this,
            [this](const QString &name) { Q_EMIT narrowRequested(QStringLiteral("product"), name); });
    retranslate();
    arrange();
}

void PurchaseMixView::showFigures(const PurchaseMixFigures &figures)
{
    m_figures = figures;
    m_note.clear();
    showRows();
}

void PurchaseMixView::showNote(const QString &text)
{
    m_figures = {};
    m_note = text;
    showRows();
}

void PurchaseMixView::setMeasure(Measure measure)
{
    m_measure = measure;
    m_byRevenue->setChecked(measure == Measure::Revenue);
    m_byBuyers->setChecked(measure == Measure::Buyers);
    showRows();
}

void PurchaseMixView::showRows()
{
    const auto at = size_t(m_measure == Measure::Revenue ? 0 : 1);
    m_categories->setRows(chartRows(m_figures.categories[at], m_figures.currencySymbol));
    m_products->setRows(chartRows(m_figures.products[at], m_figures.currencySymbol));
    arrange(); // the names' widths may have changed
    const QString empty = m_note.isEmpty() ? tr("No customer in this segment has bought anything.") : m_note;
    m_categories->setEmptyText(empty);
    m_products->setEmptyText(m_note.isEmpty() ? empty : QString());
    const QLocale locale;
    m_totals->setText(m_note.isEmpty() ? tr("%1 buyers · revenue %2")
                                             .arg(locale.toString(m_figures.buyers), moneyText(m_figures.revenue, m_figures.currencySymbol, locale))
                                       : QString());
}

void PurchaseMixView::arrange()
{
    const int categories = m_categories->minimumSizeHint().width();
    const int products = m_products->minimumSizeHint().width();
    const int spacing = m_lists->horizontalSpacing();
    setMinimumWidth(std::max(categories, products));
    // A margin before going back side by side, so that a scroll bar coming and going cannot flip it to and fro.
    const bool stacked = m_stacked ? width() < categories + products + spacing + 24 : width() < categories + products + spacing;
    if (stacked == m_stacked && m_lists->count() > 0)
        return;
    m_stacked = stacked;
    for (QWidget *widget : {static_cast<QWidget *>(m_categoriesTitle), static_cast<QWidget *>(m_productsTitle),
                            static_cast<QWidget *>(m_categories), static_cast<QWidget *>(m_products)})
        m_lists->removeWidget(widget);
    m_lists->addWidget(m_categoriesTitle, 0, 0);
    m_lists->addWidget(m_categories, 1, 0);
    m_lists->addWidget(m_productsTitle, stacked ? 2 : 0, stacked ? 0 : 1);
    m_lists->addWidget(m_products, stacked ? 3 : 1, stacked ? 0 : 1);
    m_lists->setColumnStretch(0, stacked ? 1 : 2);
    m_lists->setColumnStretch(1, stacked ? 0 : 3);
}

void PurchaseMixView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void PurchaseMixView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PurchaseMixView::retranslate()
{
    m_byRevenue->setText(tr("By revenue"));
    m_byBuyers->setText(tr("By buyers"));
    m_byRevenue->setToolTip(tr("Share of the segment's purchase revenue (the summed amounts of the lines of its purchases)"));
    m_byBuyers->setToolTip(tr("Share of the segment's buyers (customers with a purchase) who bought it"));
    m_legend->setText(tr("<span style=\"color:#3b7dd8\">■</span> this segment &nbsp; "
                         "<span style=\"color:#a8a8a8\">■</span> all customers &nbsp; ×: index (1 = as common as among all)"));
    m_categoriesTitle->setText(tr("Categories"));
    m_productsTitle->setText(tr("Products"));
    showRows();
}

} // namespace segmenta::ui
