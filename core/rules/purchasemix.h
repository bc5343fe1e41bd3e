#pragma once

#include "rules/columncache.h" // and rules/bitset.h, which needs size_t declared before it
#include "rules/rulecontext.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <memory>
#include <vector>

namespace segmenta::rules {

// What a set of customers buys: the categories or products of the lines of their purchases, by revenue (the
// summed line amounts) and by buyers (distinct customers), each beside the same figure among all customers.
// A purchase is what purchase conditions count (ColumnarEvaluator::purchaseOrders); lines without the field's
// value (no category) count in the totals but are no item.
//
// The constructor reads the cache's purchases (so it may take the seconds of that first read) and prepares,
// for each line field asked for, every customer's distinct values (a few hundred ms at 8M lines, 4 bytes a
// customer-value pair). After that tally() is one sequential pass over the lines for the revenue and a pass over
// the members' distinct values for the buyers: tens of milliseconds at a million customers. Immutable once
// built: any thread may call it. Throws ColumnCache::PurchasesUnavailable when the orders cannot be read.
class PurchaseMix
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::rules::PurchaseMix)

public:
    enum class Measure { Revenue, Buyers };

    // One line field's figures for a set of customers, indexed by the dictionary code of the field's column.
    struct Tally
    {
        std::vector<double> revenue; // summed amounts of the purchase lines with that value
        std::vector<qint64> buyers;  // customers with at least one such line
        double totalRevenue = 0;     // every purchase line's amount, with or without a value
        qint64 totalBuyers = 0;      // customers with at least one purchase line
    };

    // One category or product: its figures for the customers asked about and for all customers. Shares are
    // of the total revenue, or of the buyers (customers with a purchase line), of each group, from 0 to 1.
    struct Item
    {
        QString name;
        double revenue = 0;
        qint64 buyers = 0;
        double share = 0;
        double allRevenue = 0;
        qint64 allBuyers = 0;
        double allShare = 0;
        // How much more common the item is in the segment than among all customers (1: as common); 0 when no
        // customer at all bought it.
        double index() const { return allShare > 0 ? share / allShare : 0.0; }
    };

    PurchaseMix(const RuleContext &context, std::shared_ptr<const ColumnCache> cache,
                const QStringList &lineFields = {QStringLiteral("category"), QStringLiteral("product")});

    // Figures of `customers` (bits over the cache's customer rows) for one of the line fields prepared; empty
    // for another field, or when the workspace has no such line field.
    Tally tally(const Bitset &customers, const QString &lineField) const;
    // The `count` items with the highest measure in `customers` (ties: the other measure, then the name),
    // with their shares there and in `all` (a tally of every customer for the same field).
    std::vector<Item> top(const Tally &customers, const Tally &all, const QString &lineField, Measure measure,
                          size_t count) const;

    size_t purchaseLines() const { return m_purchaseLines; }

private:
    // A line field's distinct values per customer: those of customer row r are codes[start[r]] ..
    // codes[start[r + 1] - 1].
    struct Distinct
    {
        QString field;
        const ColumnCache::Column *column = nullptr;
        std::vector<std::uint32_t> start;
        std::vector<std::uint32_t> codes;
    };

    void prepare(const QString &lineField, const std::vector<std::uint32_t> &lineStart,
                 const std::vector<std::uint32_t> &lines);
    const Distinct *distinct(const QString &lineField) const;
    void addRevenue(const Bitset &customers, const ColumnCache::Column &field, Tally &t) const;

    std::shared_ptr<const ColumnCache> m_cache;
    std::vector<std::uint32_t> m_lineCustomer; // per line: its purchase's customer row, or Purchases::kNoCustomer
    Bitset m_buyers;                           // customers with at least one purchase line
    size_t m_purchaseLines = 0;
    std::vector<Distinct> m_distinct;
};

} // namespace segmenta::rules
