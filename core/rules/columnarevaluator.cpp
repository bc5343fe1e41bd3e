#include "rules/columnarevaluator.h"

#include <QDate>

#include <algorithm>
#include <cmath>
#include <functional>

namespace segmenta::rules {

namespace {

using Column = ColumnCache::Column;

class Evaluator
{
public:
    Evaluator(const RuleContext &context, const ColumnCache &cache) : m_context(context), m_cache(cache) {}

    Bitset group(const Group &g)
    {
        const size_t rows = m_cache.rows();
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

private:
    // Rows whose valid value satisfies `test`.
    template <typename Test>
    Bitset numbers(const Column &column, Test test)
    {
        Bitset bits(m_cache.rows());
        const auto &values = column.numbers;
        column.valid.forEach([&](size_t row) {
            if (test(values[row]))
                bits.set(row);
        });
        return bits;
    }

    // Rows whose dictionary word satisfies `test` (decided once per word).
    template <typename Test>
    Bitset words(const Column &column, Test test)
    {
        std::vector<char> yes(column.words.size(), 0);
        for (size_t i = 1; i < column.words.size(); ++i)
            yes[i] = test(column.words[i]) ? 1 : 0;
        Bitset bits(m_cache.rows());
        const auto &codes = column.codes;
        for (size_t row = 0; row < codes.size(); ++row) {
            if (yes[codes[row]])
                bits.set(row);
        }
        return bits;
    }

    static QString numberAsText(double value)
    {
        // How SQLite writes a REAL when cast to text (used only for numbers in text "In" lists).
        return QString::number(value, 'g', 15);
    }

    Bitset positive(const Condition &c, Op op)
    {
        const size_t rows = m_cache.rows();
        if (op == Op::InSegment) {
            const auto rule = m_context.segmentRule(c.values.value(0).toString());
            return group(rule->root);
        }
        const Column *column = m_cache.column(c.field);
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
            const QString value = v(0).toString();
            return words(*column, [&](const QString &w) { return w == value; });
        }
        case Op::In: {
            if (!column->dictionary) {
                std::vector<double> list;
                for (const QVariant &x : c.values)
                    list.push_back(x.toDouble());
                return numbers(*column, [&](double x) { return std::find(list.begin(), list.end(), x) != list.end(); });
            }
            QStringList list;
            for (const QVariant &x : c.values)
                list << (x.typeId() == QMetaType::Double ? numberAsText(x.toDouble()) : x.toString());
            return words(*column, [&](const QString &w) { return list.contains(w); });
        }
        case Op::Contains: {
            const QString value = v(0).toString();
            return words(*column, [&](const QString &w) { return w.contains(value); });
        }
        case Op::StartsWith: {
            const QString value = v(0).toString();
            return words(*column, [&](const QString &w) { return w.startsWith(value); });
        }
        case Op::EndsWith: {
            const QString value = v(0).toString();
            return words(*column, [&](const QString &w) { return w.endsWith(value); });
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
            return numbers(*column, [=](double a) { return a >= low && a <= high; });
        }
        case Op::TopPercent:
        case Op::BottomPercent: {
            // Rank among non-empty values: strictly better values before; ties share a rank (SQL RANK()).
            std::vector<double> sorted;
            sorted.reserve(rows);
            column->valid.forEach([&](size_t row) { sorted.push_back(column->numbers[row]); });
            std::sort(sorted.begin(), sorted.end());
            const double count = double(sorted.size());
            const double p = v(0).toDouble();
            const bool top = op == Op::TopPercent;
            return numbers(*column, [&](double a) {
                const double before = top ? double(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), a))
                                          : double(std::lower_bound(sorted.begin(), sorted.end(), a) - sorted.begin());
                return before < p * count / 100.0;
            });
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
            return numbers(*column, [=](double a) { return a >= low && a <= high; });
        }
        case Op::MoreThanDaysAgo: {
            const double limit = day(asOf.addDays(-n(0)));
            return numbers(*column, [=](double a) { return a < limit; });
        }
        case Op::InNextDays: {
            const double low = day(asOf), high = day(asOf.addDays(n(0)));
            return numbers(*column, [=](double a) { return a >= low && a <= high; });
        }
        case Op::AnniversaryWithin: {
            const qint64 start = asOf.toJulianDay();
            const qint64 end = asOf.addDays(n(0)).toJulianDay();
            const auto anniversary = [](int year, int month, int dayOfMonth) {
                const QDate date(year, month, dayOfMonth);
                return date.isValid() ? date : QDate(year, 3, 1); // 29 February in other years
            };
            return numbers(*column, [&](double a) {
                int y = 0, m = 0, d = 0;
                QDate::fromJulianDay(qint64(a)).getDate(&y, &m, &d);
                QDate next = anniversary(asOf.year(), m, d);
                if (next.toJulianDay() < start)
                    next = anniversary(asOf.year() + 1, m, d);
                return next.toJulianDay() <= end;
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

    const RuleContext &m_context;
    const ColumnCache &m_cache;
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

} // namespace

Result<Bitset> ColumnarEvaluator::evaluate(const Rule &rule, const RuleContext &context, const ColumnCache &cache)
{
    if (auto valid = context.validate(rule); !valid)
        return valid.error();
    return Evaluator(context, cache).group(rule.root);
}

std::vector<qint64> ColumnarEvaluator::memberIds(const Bitset &members, const ColumnCache &cache)
{
    std::vector<qint64> ids;
    ids.reserve(members.count());
    members.forEach([&](size_t row) { ids.push_back(cache.ids()[row]); });
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
    std::vector<qint64> stageCounts(stage ? stage->words.size() : 0), tierCounts(tier ? tier->words.size() : 0),
        rfmCounts(rfm ? rfm->words.size() : 0);
    std::vector<double> tierSpend(tierCounts.size());
    members.forEach([&](size_t row) {
        ++f.count;
        const double s = spend && spend->valid.test(row) ? spend->numbers[row] : 0.0;
        f.revenue += s;
        if (stage)
            ++stageCounts[stage->codes[row]];
        if (tier) {
            ++tierCounts[tier->codes[row]];
            tierSpend[tier->codes[row]] += s;
        }
        if (rfm)
            ++rfmCounts[rfm->codes[row]];
        if (r && fr && r->valid.test(row) && fr->valid.test(row)) {
            const auto ri = int(r->numbers[row]), fi = int(fr->numbers[row]);
            if (ri >= 1 && ri <= 5 && fi >= 1 && fi <= 5)
                ++f.rfGrid[size_t(ri - 1)][size_t(fi - 1)];
        }
    });
    for (size_t i = 1; i < stageCounts.size(); ++i)
        f.lifecycle[stage->words[i]] = stageCounts[i];
    for (size_t i = 1; i < tierCounts.size(); ++i) {
        f.tiers[tier->words[i]] = tierCounts[i];
        f.tierRevenue[tier->words[i]] = tierSpend[i];
    }
    for (size_t i = 1; i < rfmCounts.size(); ++i)
        f.rfmSegments[rfm->words[i]] = rfmCounts[i];
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
    return result;
}

} // namespace segmenta::rules
