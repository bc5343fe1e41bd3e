#include "purchasemixcontroller.h"
#include "busywork.h"

#include "futurewatch.h"

#include "dashboard/purchasemixview.h"
#include "rules/purchasemix.h"

#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

struct PurchaseMixController::Base
{
    std::unique_ptr<rules::PurchaseMix> mix;
    rules::PurchaseMix::Tally allCategories;
    rules::PurchaseMix::Tally allProducts;
};

namespace {

using Base = PurchaseMixController::Base;
using Measure = rules::PurchaseMix::Measure;
constexpr size_t kTop = 8;

struct BaseResult
{
    std::shared_ptr<const Base> base;
    QString error;
};

BaseResult buildBaseOf(const std::shared_ptr<const rules::ColumnCache> &cache, const rules::RuleContext &context)
{
    try {
        auto base = std::make_shared<Base>();
        base->mix = std::make_unique<rules::PurchaseMix>(context, cache);
        const rules::Bitset all(cache->rows(), true);
        base->allCategories = base->mix->tally(all, QStringLiteral("category"));
        base->allProducts = base->mix->tally(all, QStringLiteral("product"));
        return {base, QString()};
    } catch (const rules::ColumnCache::PurchasesUnavailable &unavailable) {
        return {nullptr, unavailable.message};
    }
}

PurchaseMixFigures figuresOf(const Base &base, const rules::Bitset &members)
{
    PurchaseMixFigures f;
    const QString category = QStringLiteral("category"), product = QStringLiteral("product");
    const auto categories = base.mix->tally(members, category);
    const auto products = base.mix->tally(members, product);
    for (const Measure measure : {Measure::Revenue, Measure::Buyers}) {
        const auto at = size_t(measure == Measure::Revenue ? 0 : 1);
        f.categories[at] = base.mix->top(categories, base.allCategories, category, measure, kTop);
        f.products[at] = base.mix->top(products, base.allProducts, product, measure, kTop);
    }
    f.revenue = products.totalRevenue;
    f.buyers = products.totalBuyers;
    return f;
}

} // namespace

PurchaseMixController::PurchaseMixController(PurchaseMixView *view, QObject *parent) : QObject(parent), m_view(view) {}

PurchaseMixController::~PurchaseMixController() = default;

void PurchaseMixController::setSource(std::shared_ptr<const rules::ColumnCache> cache, const rules::RuleContext &context,
                                      const QString &currencySymbol)
{
    m_currencySymbol = currencySymbol;
    m_base.reset();
    m_pending.reset(); // rows of the previous cache
    m_building = false;
    ++m_generation;
    m_cache = std::move(cache);
    m_context = context;
    if (m_cache)
        m_view->showNote(tr("Reading the orders…"));
}

void PurchaseMixController::setMembers(const rules::Bitset &members)
{
    m_pending = members;
    if (!m_base && !m_building && m_cache)
        buildBase();
    tallyPending();
}

void PurchaseMixController::buildBase()
{
    m_building = true;
    const quint64 generation = m_generation;
    whenFinished(this, QtConcurrent::run(workers(), [cache = m_cache, context = m_context] { return buildBaseOf(cache, context); }),
                 [this, generation](const BaseResult &result) {
                     if (generation != m_generation)
                         return; // another workspace state meanwhile
                     m_building = false;
                     if (!result.base) {
                         m_view->showNote(result.error);
                         return;
                     }
                     m_base = result.base;
                     if (m_base->allProducts.totalBuyers == 0 && m_base->allCategories.totalBuyers == 0)
                         m_view->showNote(tr("No purchase in this workspace has order lines with products or categories."));
                     tallyPending();
                 });
}

void PurchaseMixController::tallyPending()
{
    if (!m_base || !m_pending || m_running)
        return;
    if (m_base->allProducts.totalBuyers == 0 && m_base->allCategories.totalBuyers == 0) {
        m_pending.reset();
        return;
    }
    const rules::Bitset members = std::move(*m_pending);
    m_pending.reset();
    m_running = true;
    const auto base = m_base;
    const quint64 generation = m_generation;
    whenFinished(this, QtConcurrent::run(workers(), [base, members] { return figuresOf(*base, members); }),
                 [this, generation](PurchaseMixFigures figures) {
                     m_running = false;
                     if (generation == m_generation && !m_pending) {
                         figures.currencySymbol = m_currencySymbol;
                         m_view->showFigures(figures);
                         Q_EMIT figuresShown();
                     }
                     tallyPending(); // newer members arrived meanwhile: this result was stale
                 });
}

} // namespace segmenta::ui
