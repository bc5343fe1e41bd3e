#include "rules/columnarevaluator.h"

#include "rules/ruleedit.h"
#include "rules/ruletext.h"

#include <QDate>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>

namespace segmenta::rules {

namespace {

using Column = ColumnCache::Column;

// What the rows of an evaluation are: customers (a rule), orders (a purchase's period) or order lines (a
// purchase's where, whose conditions on order fields are decided per order and given to each of its lines).
enum class Table { Customers, Orders, Lines };

class Evaluator
{
public:
    Evaluator(const RuleContext &context, const ColumnCache &cache, Table table = Table::Customers)
        : m_context(context), m_cache(cache), m_table(table),
          m_rows(table == Table::Customers ? cache.rows() : table == Table::Orders ? cache.purchases().orders() : cache.purchases().lines())
    {
    }

    Bitset group(const Group &g)
    {
        const size_t rows = m_rows;
        bool any = false;
        Bitset result(rows, g.match == GroupMatch::All);
        for (const Node &child : g.children) {
            if (!child.enabled())
                continue;
            any = true;
            const Bitset bits = child.group ? group(*child.group) : condition(*child.condition);
            if (g.match == GroupMatch::All)
                result &= bits;
            else
                result |= bits;
        }
        if (!any)
            return Bitset(rows, true); // no enabled children: no restriction
        if (g.match == GroupMatch::None)
            result.flip();
        return result;
    }

    Bitset condition(const Condition &c)
    {
        Bitset bits = positive(c, positiveTwin(c.op));
        if (isNegative(c.op))
            bits.flip();
        return bits;
    }

    // Over order rows: the orders that are purchases (valid, dated on or before the analysis date, an amount
    // above zero unless a zero amount counts). The one place the columnar side says what a purchase is.
    Bitset purchases()
    {
        return *m_cache.purchasedOrders(m_context.asOf, m_context.zeroAmountIsPurchase);
    }

private:
    // Rows whose valid value satisfies `test`: the test runs over every row 64 at a time (branch-free, so
    // the compiler can vectorise it), then is masked by the validity bits.
    template <typename Test>
    Bitset numbers(const Column &column, Test test)
    {
        const size_t rows = m_rows;
        Bitset bits(rows);
        auto &words = bits.words();
        const auto &valid = column.valid.words();
        column.visitNumbers([&](const auto *values, double offset) {
            // Each block of 64 is widened to doubles first (a loop the compiler vectorises), so the test runs
            // over plain doubles whatever width the column is stored in.
            alignas(64) double block[64];
            for (size_t w = 0; w < words.size(); ++w) {
                const size_t base = w * 64;
                const size_t end = std::min<size_t>(64, rows - base);
                for (size_t j = 0; j < end; ++j)
                    block[j] = double(values[base + j]) + offset;
                std::uint64_t word = 0;
                for (size_t j = 0; j < end; ++j)
                    word |= std::uint64_t(test(block[j]) ? 1 : 0) << j;
                words[w] = word & valid[w];
            }
        });
        return bits;
    }

    // Rows whose dictionary word satisfies `test` (decided once per word, on its UTF-8 bytes).
    template <typename Test>
    Bitset words(const Column &column, Test test)
    {
        std::vector<std::uint8_t> yes(column.wordCount(), 0);
        for (size_t i = 1; i < column.wordCount(); ++i)
            yes[i] = test(column.word(i)) ? 1 : 0;
        const size_t rows = m_rows;
        Bitset bits(rows);
        auto &out = bits.words();
        column.visitCodes([&](const auto *codes) {
            for (size_t w = 0; w < out.size(); ++w) {
                const size_t base = w * 64;
                const size_t end = std::min<size_t>(64, rows - base);
                std::uint64_t word = 0;
                for (size_t j = 0; j < end; ++j)
                    word |= std::uint64_t(yes[codes[base + j]]) << j;
                out[w] = word;
            }
        });
        return bits;
    }

    static std::string utf8(const QVariant &value) { return value.toString().toStdString(); }

    Bitset positive(const Condition &c, Op op)
    {
        const size_t rows = m_rows;
        if (op == Op::InSegment) {
            const auto rule = m_context.segmentRule(c.values.value(0).toString());
            return group(rule->root);
        }
        if (c.isPurchase())
            return purchase(c);
        // (The orders and lines are read on first use: not for a customer field.)
        const Column *column = m_table == Table::Customers ? m_cache.column(c.field)
                               : m_table == Table::Orders  ? m_cache.purchases().orderColumn(c.field)
                                                           : m_cache.purchases().lineColumn(c.field);
        if (!column && m_table == Table::Lines && m_cache.purchases().orderColumn(c.field))
            return linesOf(Evaluator(m_context, m_cache, Table::Orders).positive(c, op));
        if (!column)
            return Bitset(rows);
        const QDate asOf = m_context.asOf;
        const auto v = [&c](int i) { return c.values.value(i); };
        const auto day = [](const QDate &d) { return double(d.toJulianDay()); };
        const auto n = [&c](int i) { return qint64(c.values.value(i).toDouble()); };

        switch (op) {
        case Op::IsEmpty: {
            Bitset bits = column->valid;
            bits.flip();
            return bits;
        }
        case Op::Is: {
            const std::string value = utf8(v(0));
            return words(*column, [&](std::string_view w) { return w == value; });
        }
        case Op::In: {
            if (!column->dictionary) {
                std::vector<double> list;
                for (const QVariant &x : c.values)
                    list.push_back(x.toDouble());
                return numbers(*column, [&](double x) { return std::find(list.begin(), list.end(), x) != list.end(); });
            }
            std::vector<std::string> list;
            for (const QVariant &x : c.values)
                list.push_back(utf8(x));
            return words(*column, [&](std::string_view w) { return std::find(list.begin(), list.end(), w) != list.end(); });
        }
        case Op::Contains: {
            const std::string value = utf8(v(0));
            return words(*column, [&](std::string_view w) { return w.find(value) != std::string_view::npos; });
        }
        case Op::StartsWith: {
            const std::string value = utf8(v(0));
            return words(*column, [&](std::string_view w) { return w.starts_with(value); });
        }
        case Op::EndsWith: {
            const std::string value = utf8(v(0));
            return words(*column, [&](std::string_view w) { return w.ends_with(value); });
        }
        case Op::Eq: {
            const double x = v(0).toDouble();
            return numbers(*column, [x](double a) { return a == x; });
        }
        case Op::Lt: {
            const double x = v(0).toDouble();
            return numbers(*column, [x](double a) { return a < x; });
        }
        case Op::Le: {
            const double x = v(0).toDouble();
            return numbers(*column, [x](double a) { return a <= x; });
        }
        case Op::Gt: {
            const double x = v(0).toDouble();
            return numbers(*column, [x](double a) { return a > x; });
        }
        case Op::Ge: {
            const double x = v(0).toDouble();
            return numbers(*column, [x](double a) { return a >= x; });
        }
        case Op::Between: {
            const bool dates = v(0).typeId() == QMetaType::QDate;
            const double low = dates ? day(v(0).toDate()) : v(0).toDouble();
            const double high = dates ? day(v(1).toDate()) : v(1).toDouble();
            return numbers(*column, [=](double a) { return (a >= low) & (a <= high); }); // & : no branch
        }
        case Op::TopPercent:
        case Op::BottomPercent: {
            // Rank among non-empty values: strictly better values before; ties share a rank (SQL RANK()).
            const auto sortedValues = m_cache.sortedValues(*column);
            const std::vector<double> &sorted = *sortedValues;
            const double limit = v(0).toDouble() * double(sorted.size()) / 100.0;
            // "before" (values strictly better) only grows as values get worse, so the members are exactly the
            // values on the good side of one threshold: find it once instead of searching for every row.
            if (op == Op::TopPercent) {
                std::optional<double> threshold;
                for (size_t i = sorted.size(); i > 0;) {
                    const double value = sorted[i - 1];
                    const double before = double(sorted.size() - i); // values strictly greater than `value`
                    if (!(before < limit))
                        break;
                    threshold = value;
                    while (i > 0 && sorted[i - 1] == value)
                        --i;
                }
                if (!threshold)
                    return Bitset(rows);
                const double t = *threshold;
                return numbers(*column, [t](double a) { return a >= t; });
            }
            std::optional<double> threshold;
            for (size_t i = 0; i < sorted.size();) {
                const double value = sorted[i];
                const double before = double(i); // values strictly smaller than `value`
                if (!(before < limit))
                    break;
                threshold = value;
                while (i < sorted.size() && sorted[i] == value)
                    ++i;
            }
            if (!threshold)
                return Bitset(rows);
            const double t = *threshold;
            return numbers(*column, [t](double a) { return a <= t; });
        }
        case Op::On: {
            const double d = day(v(0).toDate());
            return numbers(*column, [d](double a) { return a == d; });
        }
        case Op::Before: {
            const double d = day(v(0).toDate());
            return numbers(*column, [d](double a) { return a < d; });
        }
        case Op::After: {
            const double d = day(v(0).toDate());
            return numbers(*column, [d](double a) { return a > d; });
        }
        case Op::InLast: {
            const QString unit = v(1).toString();
            const QDate from = unit == u"months" ? asOf.addMonths(-int(n(0)))
                               : unit == u"weeks" ? asOf.addDays(-7 * n(0))
                                                  : asOf.addDays(-n(0));
            const double low = day(from), high = day(asOf);
            return numbers(*column, [=](double a) { return (a >= low) & (a <= high); }); // & : no branch
        }
        case Op::MoreThanDaysAgo: {
            const double limit = day(asOf.addDays(-n(0)));
            return numbers(*column, [=](double a) { return a < limit; });
        }
        case Op::InNextDays: {
            const double low = day(asOf), high = day(asOf.addDays(n(0)));
            return numbers(*column, [=](double a) { return (a >= low) & (a <= high); }); // & : no branch
        }
        case Op::AnniversaryWithin: {
            const qint64 start = asOf.toJulianDay();
            const qint64 end = asOf.addDays(n(0)).toJulianDay();
            const auto anniversary = [](int year, int month, int dayOfMonth) {
                const QDate date(year, month, dayOfMonth);
                return date.isValid() ? date : QDate(year, 3, 1); // 29 February in other years
            };
            // Many customers share a day: decide each day of the column's range once, in a table.
            const auto sortedDays = m_cache.sortedValues(*column);
            if (sortedDays->empty())
                return Bitset(rows);
            const qint64 first = qint64(sortedDays->front());
            const qint64 last = qint64(sortedDays->back());
            std::vector<std::uint8_t> decided(size_t(last - first + 1), 2); // 2: not decided yet
            return numbers(*column, [&](double a) {
                const qint64 dayNumber = qint64(a);
                if (dayNumber < first || dayNumber > last)
                    return false; // only invalid rows, which the validity mask drops anyway
                std::uint8_t &answer = decided[size_t(dayNumber - first)];
                if (answer == 2) {
                    int y = 0, m = 0, d = 0;
                    QDate::fromJulianDay(dayNumber).getDate(&y, &m, &d);
                    QDate next = anniversary(asOf.year(), m, d);
                    if (next.toJulianDay() < start)
                        next = anniversary(asOf.year() + 1, m, d);
                    answer = next.toJulianDay() <= end ? 1 : 0;
                }
                return answer == 1;
            });
        }
        case Op::IsTrue:
            return numbers(*column, [](double a) { return a != 0; });
        case Op::IsFalse:
            return numbers(*column, [](double a) { return a == 0; });
        default:
            return Bitset(rows);
        }
    }

    // Each line gets its order's bit.
    Bitset linesOf(const Bitset &orders) const
    {
        const std::vector<std::uint32_t> &lineOrder = m_cache.purchases().lineOrder;
        Bitset bits(lineOrder.size());
        auto &out = bits.words();
        for (size_t w = 0; w < out.size(); ++w) {
            const size_t base = w * 64;
            const size_t end = std::min<size_t>(64, lineOrder.size() - base);
            std::uint64_t word = 0;
            for (size_t j = 0; j < end; ++j)
                word |= std::uint64_t(orders.test(lineOrder[base + j])) << j;
            out[w] = word;
        }
        return bits;
    }

    Bitset ordersWithLines() const
    {
        const ColumnCache::Purchases &p = m_cache.purchases();
        Bitset bits(p.orders());
        for (size_t order = 0; order < p.orders(); ++order) {
            if (p.firstLine[order] < p.firstLine[order + 1])
                bits.set(order);
        }
        return bits;
    }

    // Every line of the given orders matches: one per order, or the sum of all its lines' amounts.
    void measureOrders(Op op, const Bitset &orders, std::vector<double> &measure) const
    {
        const ColumnCache::Purchases &p = m_cache.purchases();
        constexpr std::uint32_t kNoCustomer = ColumnCache::Purchases::kNoCustomer;
        const Column *amount = op == Op::Ordered ? nullptr : p.lineColumn(QStringLiteral("amount"));
        if (op != Op::Ordered && !amount)
            return;
        if (!amount) {
            orders.forEach([&](size_t order) {
                if (p.orderCustomer[order] != kNoCustomer)
                    measure[p.orderCustomer[order]] += 1;
            });
            return;
        }
        amount->visitNumbers([&](const auto *values, double base) {
            orders.forEach([&](size_t order) {
                const std::uint32_t customer = p.orderCustomer[order];
                if (customer == kNoCustomer)
                    return;
                for (std::uint32_t line = p.firstLine[order]; line < p.firstLine[order + 1]; ++line) {
                    if (amount->valid.test(line))
                        measure[customer] += double(values[line]) + base;
                }
            });
        });
    }

    // Only the matching lines count: the work follows the lines that match, in line order.
    void measureLines(Op op, const Bitset &orders, const Bitset &lines, std::vector<double> &measure) const
    {
        const ColumnCache::Purchases &p = m_cache.purchases();
        constexpr std::uint32_t kNoCustomer = ColumnCache::Purchases::kNoCustomer;
        const Column *amount = op == Op::Ordered ? nullptr : p.lineColumn(QStringLiteral("amount"));
        if (op != Op::Ordered && !amount)
            return;
        if (!amount) {
            size_t counted = std::numeric_limits<size_t>::max(); // lines of one order are adjacent
            lines.forEach([&](size_t line) {
                const std::uint32_t order = p.lineOrder[line];
                if (order == counted || !orders.test(order) || p.orderCustomer[order] == kNoCustomer)
                    return;
                counted = order;
                measure[p.orderCustomer[order]] += 1;
            });
            return;
        }
        amount->visitNumbers([&](const auto *values, double base) {
            lines.forEach([&](size_t line) {
                const std::uint32_t order = p.lineOrder[line];
                if (orders.test(order) && p.orderCustomer[order] != kNoCustomer && amount->valid.test(line))
                    measure[p.orderCustomer[order]] += double(values[line]) + base;
            });
        });
    }

    // The orders that are purchases (valid, dated on or before the analysis date, an amount above zero unless
    // a zero amount counts) in the condition's period.
    Bitset purchaseOrders(const Purchase &purchase)
    {
        Bitset orders = purchases();
        if (purchase.period)
            orders &= Evaluator(m_context, m_cache, Table::Orders).condition(*purchase.period);
        return orders;
    }

    // A purchase condition's customers, worked out once per analysis date and kept with the cache: the saved
    // segments' purchase conditions and the unchanged ones of an edited rule then cost a lookup.
    Bitset purchase(const Condition &c)
    {
        Rule alone;
        alone.root.children.emplace_back(c);
        const QString key = QStringLiteral("%1|%2|%3").arg(RuleText::print(alone)).arg(m_context.asOf.toJulianDay())
                                .arg(int(m_context.zeroAmountIsPurchase));
        return *m_cache.purchaseResult(key, [&]() { return purchaseMeasured(c); });
    }

    // Whether every enabled condition of `where` is on an order field, which holds for all of the order's lines:
    // such a group is evaluated on the orders and no line is looked at.
    bool onOrdersOnly(const Group &where) const
    {
        const ColumnCache::Purchases &p = m_cache.purchases();
        return std::all_of(where.children.begin(), where.children.end(), [&](const Node &n) {
            if (!n.enabled())
                return true;
            return n.group ? onOrdersOnly(*n.group) : p.orderColumn(n.condition->field) != nullptr;
        });
    }

    // Ordered: the number of purchases with a line matching `where`; spent: the summed amounts of those lines
    // (added in line order, as the SQL path adds them).
    Bitset purchaseMeasured(const Condition &c)
    {
        const Purchase &purchase = *c.purchase;
        Bitset orders = purchaseOrders(purchase);
        bool anyLine = std::none_of(purchase.where.children.begin(), purchase.where.children.end(),
                                    [](const Node &n) { return n.enabled(); });
        const bool onOrders = !anyLine && onOrdersOnly(purchase.where);
        std::shared_ptr<const Bitset> matching;
        if (!anyLine) {
            Rule where;
            where.root = purchase.where;
            const Table table = onOrders ? Table::Orders : Table::Lines;
            const QString key = QStringLiteral("%1|%2|%3").arg(int(table)).arg(RuleText::print(where)).arg(m_context.asOf.toJulianDay());
            matching = m_cache.whereResult(key, [&]() {
                Bitset bits = Evaluator(m_context, m_cache, table).group(purchase.where);
                if (onOrders) // an order without lines has no line that matches
                    bits &= ordersWithLines();
                return bits;
            });
        }
        if (onOrders) {
            orders &= *matching;
            anyLine = true;
        }
        std::vector<double> measure(m_cache.rows(), 0.0);
        if (anyLine)
            measureOrders(c.op, orders, measure);
        else
            measureLines(c.op, orders, *matching, measure);
        const QVariantList &v = purchase.amounts;
        const double x = v.value(0).toDouble(), y = v.value(1).toDouble();
        switch (purchase.compare) {
        case Op::Gt: return compared(measure, [x](double m) { return m > x; });
        case Op::Le: return compared(measure, [x](double m) { return m <= x; });
        case Op::Lt: return compared(measure, [x](double m) { return m < x; });
        case Op::Eq: return compared(measure, [x](double m) { return m == x; });
        case Op::Between: return compared(measure, [x, y](double m) { return m >= x && m <= y; });
        default: return compared(measure, [x](double m) { return m >= x; });
        }
    }

    // The rows whose measure passes `test`, a word at a time.
    template <typename Test>
    static Bitset compared(const std::vector<double> &measure, Test test)
    {
        Bitset bits(measure.size());
        auto &words = bits.words();
        for (size_t w = 0; w < words.size(); ++w) {
            const size_t base = w * 64, end = std::min<size_t>(64, measure.size() - base);
            std::uint64_t word = 0;
            for (size_t j = 0; j < end; ++j)
                word |= std::uint64_t(test(measure[base + j])) << j;
            words[w] = word;
        }
        return bits;
    }

    const RuleContext &m_context;
    const ColumnCache &m_cache;
    Table m_table;
    size_t m_rows;
};

void collectConditions(const Group &g, std::vector<int> &path, std::vector<std::vector<int>> &out)
{
    for (size_t i = 0; i < g.children.size(); ++i) {
        const Node &child = g.children[i];
        if (!child.enabled())
            continue;
        path.push_back(int(i));
        if (child.group)
            collectConditions(*child.group, path, out);
        else
            out.push_back(path);
        path.pop_back();
    }
}

Node &nodeAt(Group &root, const std::vector<int> &path)
{
    Group *g = &root;
    Node *node = nullptr;
    for (int index : path) {
        node = &g->children[size_t(index)];
        if (node->group)
            g = node->group.get();
    }
    return *node;
}

// The figures of the enabled conditions inside the where of the purchase condition at `purchasePath` (nested
// groups included), appended to `result`. "Alone" counts the customers who meet the purchase condition with
// that one condition as its whole where; "loses", as for any condition, what the rule keeps more (or fewer)
// without it. The where results are kept by the cache, so a repeated where is not evaluated twice.
void addWhereImpacts(const Rule &rule, const std::vector<int> &purchasePath, qint64 kept, Evaluator &evaluator,
                     std::vector<ConditionImpact> &result)
{
    const Condition &purchase = *rules::nodeAt(rule, purchasePath)->condition;
    std::vector<std::vector<int>> inWhere;
    std::vector<int> path = purchasePath;
    collectConditions(purchase.purchase->where, path, inWhere);
    for (const auto &p : inWhere) {
        ConditionImpact impact;
        impact.path = p;
        Condition alone = purchase;
        auto narrowed = std::make_shared<Purchase>(*purchase.purchase);
        narrowed->where = Group{};
        narrowed->where.children.push_back(*rules::nodeAt(rule, p));
        alone.purchase = std::move(narrowed);
        alone.enabled = true;
        impact.alone = qint64(evaluator.condition(alone).count());
        Rule without = rule;
        rules::nodeAt(without, p)->condition->enabled = false; // the edit copies the shared purchase
        impact.loses = qint64(evaluator.group(without.root).count()) - kept;
        result.push_back(impact);
    }
}

} // namespace

Result<Bitset> ColumnarEvaluator::evaluate(const Rule &rule, const RuleContext &context, const ColumnCache &cache)
{
    const Rule stored = context.withStoredValues(rule); // ("At risk" is at_risk)
    if (auto valid = context.validate(stored); !valid)
        return valid.error();
    try {
        return Evaluator(context, cache).group(stored.root);
    } catch (const ColumnCache::PurchasesUnavailable &unavailable) { // (only a rule with a purchase condition)
        return Error{unavailable.message};
    }
}

Bitset ColumnarEvaluator::purchaseOrders(const RuleContext &context, const ColumnCache &cache)
{
    return Evaluator(context, cache, Table::Orders).purchases();
}

std::vector<qint64> ColumnarEvaluator::memberIds(const Bitset &members, const ColumnCache &cache)
{
    std::vector<qint64> ids;
    ids.reserve(members.count());
    members.forEach([&](size_t row) { ids.push_back(cache.ids()[row]); });
    return ids;
}

std::vector<qint64> ColumnarEvaluator::firstMemberIds(const Bitset &members, const ColumnCache &cache, size_t count)
{
    std::vector<qint64> ids;
    for (size_t row = 0; row < members.size() && ids.size() < count; ++row) {
        if (members.test(row))
            ids.push_back(cache.ids()[row]);
    }
    return ids;
}

SegmentFigures ColumnarEvaluator::figures(const Bitset &members, const ColumnCache &cache)
{
    SegmentFigures f;
    f.total = qint64(cache.rows());
    const Column *spend = cache.column(QStringLiteral("total_spend"));
    const Column *stage = cache.column(QStringLiteral("lifecycle_stage"));
    const Column *tier = cache.column(QStringLiteral("value_tier"));
    const Column *rfm = cache.column(QStringLiteral("rfm_segment"));
    const Column *r = cache.column(QStringLiteral("r_score"));
    const Column *fr = cache.column(QStringLiteral("f_score"));
    // Tally by dictionary code, name the codes afterwards.
    std::vector<qint64> stageCounts(stage ? stage->wordCount() : 0), tierCounts(tier ? tier->wordCount() : 0),
        rfmCounts(rfm ? rfm->wordCount() : 0);
    std::vector<double> tierSpend(tierCounts.size());
    members.forEach([&](size_t row) {
        ++f.count;
        const double s = spend && spend->valid.test(row) ? spend->number(row) : 0.0;
        f.revenue += s;
        if (stage)
            ++stageCounts[stage->code(row)];
        if (tier) {
            const std::uint32_t code = tier->code(row);
            ++tierCounts[code];
            tierSpend[code] += s;
        }
        if (rfm)
            ++rfmCounts[rfm->code(row)];
        if (r && fr && r->valid.test(row) && fr->valid.test(row)) {
            const auto ri = int(r->number(row)), fi = int(fr->number(row));
            if (ri >= 1 && ri <= 5 && fi >= 1 && fi <= 5)
                ++f.rfGrid[size_t(ri - 1)][size_t(fi - 1)];
        }
    });
    for (size_t i = 1; i < stageCounts.size(); ++i)
        f.lifecycle[stage->wordText(i)] = stageCounts[i];
    for (size_t i = 1; i < tierCounts.size(); ++i) {
        f.tiers[tier->wordText(i)] = tierCounts[i];
        f.tierRevenue[tier->wordText(i)] = tierSpend[i];
    }
    for (size_t i = 1; i < rfmCounts.size(); ++i)
        f.rfmSegments[rfm->wordText(i)] = rfmCounts[i];
    return f;
}

Result<std::vector<ConditionImpact>> ColumnarEvaluator::impacts(const Rule &rule, const RuleContext &context,
                                                                const ColumnCache &cache)
{
    auto all = evaluate(rule, context, cache);
    if (!all)
        return all.error();
    const qint64 kept = qint64(all->count());
    std::vector<std::vector<int>> paths;
    std::vector<int> path;
    collectConditions(rule.root, path, paths);
    std::vector<ConditionImpact> result;
    Evaluator evaluator(context, cache);
    for (const auto &p : paths) {
        ConditionImpact impact;
        impact.path = p;
        Rule without = rule;
        Node &node = nodeAt(without.root, p);
        impact.alone = qint64(evaluator.condition(*node.condition).count());
        node.condition->enabled = false;
        impact.loses = qint64(evaluator.group(without.root).count()) - kept;
        result.push_back(impact);
    }
    for (const auto &p : paths) {
        const Node *purchase = rules::nodeAt(rule, p);
        if (purchase && purchase->condition && purchase->condition->isPurchase())
            addWhereImpacts(rule, p, kept, evaluator, result);
    }
    return result;
}


} // namespace segmenta::rules
