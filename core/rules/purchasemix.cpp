#include "rules/purchasemix.h"

#include "rules/columnarevaluator.h"

#include <algorithm>
#include <tuple>

namespace segmenta::rules {

namespace {

using Column = ColumnCache::Column;

double shareOf(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

} // namespace

PurchaseMix::PurchaseMix(const RuleContext &context, std::shared_ptr<const ColumnCache> cache,
                         const QStringList &lineFields)
    : m_cache(std::move(cache)), m_buyers(m_cache->rows())
{
    const ColumnCache::Purchases &p = m_cache->purchases();
    const Bitset orders = ColumnarEvaluator::purchaseOrders(context, *m_cache);
    m_lineCustomer.resize(p.lines(), ColumnCache::Purchases::kNoCustomer);
    // The purchase lines grouped by customer (counted first, then placed), for finding each customer's
    // distinct values; dropped once they are found.
    std::vector<std::uint32_t> start(m_cache->rows() + 1, 0);
    for (size_t line = 0; line < p.lines(); ++line) {
        const std::uint32_t order = p.lineOrder[line];
        const std::uint32_t customer = orders.test(order) ? p.orderCustomer[order] : ColumnCache::Purchases::kNoCustomer;
        m_lineCustomer[line] = customer;
        if (customer != ColumnCache::Purchases::kNoCustomer) {
            ++start[customer + 1];
            m_buyers.set(customer);
            ++m_purchaseLines;
        }
    }
    for (size_t row = 0; row < m_cache->rows(); ++row)
        start[row + 1] += start[row];
    std::vector<std::uint32_t> lines(start.back());
    std::vector<std::uint32_t> next(start.begin(), start.end() - 1);
    for (size_t line = 0; line < p.lines(); ++line) {
        if (m_lineCustomer[line] != ColumnCache::Purchases::kNoCustomer)
            lines[next[m_lineCustomer[line]]++] = std::uint32_t(line);
    }
    for (const QString &field : lineFields)
        prepare(field, start, lines);
}

void PurchaseMix::prepare(const QString &lineField, const std::vector<std::uint32_t> &lineStart,
                          const std::vector<std::uint32_t> &lines)
{
    Distinct d;
    d.field = lineField;
    d.column = m_cache->purchases().lineColumn(lineField);
    if (!d.column)
        return;
    d.start.assign(lineStart.size(), 0);
    std::vector<std::uint32_t> codes;
    for (size_t row = 0; row + 1 < lineStart.size(); ++row) {
        codes.clear();
        for (std::uint32_t i = lineStart[row]; i < lineStart[row + 1]; ++i)
            codes.push_back(d.column->code(lines[i]));
        std::sort(codes.begin(), codes.end());
        codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
        d.codes.insert(d.codes.end(), codes.begin(), codes.end());
        d.start[row + 1] = std::uint32_t(d.codes.size());
    }
    d.codes.shrink_to_fit();
    m_distinct.push_back(std::move(d));
}

const PurchaseMix::Distinct *PurchaseMix::distinct(const QString &lineField) const
{
    const auto it = std::find_if(m_distinct.begin(), m_distinct.end(), [&](const Distinct &d) { return d.field == lineField; });
    return it == m_distinct.end() ? nullptr : &*it;
}

// One pass over the lines in storage order: each purchase line of a customer in `customers` adds its amount.
void PurchaseMix::addRevenue(const Bitset &customers, const Column &field, Tally &t) const
{
    const Column *amount = m_cache->purchases().lineColumn(QStringLiteral("amount"));
    if (!amount)
        return;
    amount->visitNumbers([&](const auto *values, double base) {
        field.visitCodes([&](const auto *codes) {
            for (size_t line = 0; line < m_lineCustomer.size(); ++line) {
                const std::uint32_t customer = m_lineCustomer[line];
                if (customer == ColumnCache::Purchases::kNoCustomer || !customers.test(customer) || !amount->valid.test(line))
                    continue;
                const double value = double(values[line]) + base;
                t.totalRevenue += value;
                t.revenue[codes[line]] += value;
            }
        });
    });
}

PurchaseMix::Tally PurchaseMix::tally(const Bitset &customers, const QString &lineField) const
{
    Tally t;
    const Distinct *d = distinct(lineField);
    if (!d)
        return t;
    t.revenue.assign(d->column->wordCount(), 0.0);
    t.buyers.assign(d->column->wordCount(), 0);
    addRevenue(customers, *d->column, t);
    Bitset buyers = customers;
    buyers &= m_buyers;
    t.totalBuyers = qint64(buyers.count());
    buyers.forEach([&](size_t row) {
        for (std::uint32_t i = d->start[row]; i < d->start[row + 1]; ++i)
            ++t.buyers[d->codes[i]];
    });
    return t;
}

std::vector<PurchaseMix::Item> PurchaseMix::top(const Tally &customers, const Tally &all, const QString &lineField,
                                                Measure measure, size_t count) const
{
    const Distinct *d = distinct(lineField);
    const Column *field = d ? d->column : nullptr;
    if (!field || customers.buyers.size() != field->wordCount() || all.buyers.size() != field->wordCount())
        return {};
    std::vector<size_t> codes;
    for (size_t code = 1; code < field->wordCount(); ++code) { // code 0: lines without a value
        if (customers.buyers[code] > 0)
            codes.push_back(code);
    }
    const bool byRevenue = measure == Measure::Revenue;
    const auto key = [&](size_t code) {
        const double revenue = customers.revenue[code], buyers = double(customers.buyers[code]);
        return byRevenue ? std::make_tuple(revenue, buyers) : std::make_tuple(buyers, revenue);
    };
    std::sort(codes.begin(), codes.end(), [&](size_t a, size_t b) {
        const auto ka = key(a), kb = key(b);
        return ka != kb ? ka > kb : field->word(a) < field->word(b);
    });
    codes.resize(std::min(codes.size(), count));
    std::vector<Item> items;
    for (size_t code : codes) {
        Item item;
        item.name = field->wordText(code);
        item.revenue = customers.revenue[code];
        item.buyers = customers.buyers[code];
        item.allRevenue = all.revenue[code];
        item.allBuyers = all.buyers[code];
        item.share = byRevenue ? shareOf(item.revenue, customers.totalRevenue)
                               : shareOf(double(item.buyers), double(customers.totalBuyers));
        item.allShare = byRevenue ? shareOf(item.allRevenue, all.totalRevenue)
                                  : shareOf(double(item.allBuyers), double(all.totalBuyers));
        items.push_back(std::move(item));
    }
    return items;
}

} // namespace segmenta::rules
