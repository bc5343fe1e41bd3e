#pragma once

// Random, well-formed rules for property and differential tests: every operator of every field type, with
// values drawn from the data so that equalities and ties actually occur.
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <QRandomGenerator>

#include <algorithm>
#include <map>

namespace segmenta::rules::testing {

class RandomRules
{
public:
    RandomRules(quint32 seed, std::vector<store::FieldInfo> fields, std::map<QString, QVariantList> pools,
                QStringList segments)
        : m_random(seed), m_fields(std::move(fields)), m_pools(std::move(pools)), m_segments(std::move(segments))
    {
    }

    // Also makes purchase conditions ("ordered", "spent") whose where-groups name these order and line fields.
    void setOrderFields(std::vector<store::FieldInfo> fields, std::map<QString, QVariantList> pools)
    {
        m_orderFields = std::move(fields);
        for (auto &[name, pool] : pools)
            m_orderPools[name] = std::move(pool);
    }

    Rule rule()
    {
        Rule r;
        r.root = group(0);
        r.root.enabled = true;
        return r;
    }

    Group group(int depth)
    {
        Group g;
        g.match = GroupMatch(m_random.bounded(3));
        g.enabled = m_random.bounded(10) != 0;
        const int children = int(m_random.bounded(depth == 0 ? 1 : 0, 5));
        for (int i = 0; i < children; ++i) {
            if (depth < 3 && m_random.bounded(4) == 0)
                g.children.emplace_back(group(depth + 1));
            else
                g.children.emplace_back(condition());
        }
        return g;
    }

    Condition condition()
    {
        Condition c;
        c.enabled = m_random.bounded(10) != 0;
        if (!m_inWhere && !m_orderFields.empty() && m_random.bounded(4) == 0)
            return purchase(c.enabled);
        if (!m_inWhere && !m_segments.isEmpty() && m_random.bounded(25) == 0) {
            c.op = m_random.bounded(2) ? Op::InSegment : Op::NotInSegment;
            c.values = {m_segments.at(int(m_random.bounded(qsizetype(m_segments.size()))))};
            return c;
        }
        const std::vector<store::FieldInfo> &fields = m_inWhere ? m_orderFields : m_fields;
        const store::FieldInfo &field = fields[size_t(m_random.bounded(qsizetype(fields.size())))];
        c.field = field.name;
        auto ops = operatorsFor(field.type);
        if (m_inWhere) { // (refused inside a purchase's where)
            ops.erase(std::remove_if(ops.begin(), ops.end(), [](Op op) {
                          return op == Op::TopPercent || op == Op::BottomPercent || op == Op::AnniversaryWithin;
                      }),
                      ops.end());
        }
        c.op = ops[size_t(m_random.bounded(qsizetype(ops.size())))];
        const QVariantList &pool = m_inWhere ? m_orderPools[field.name] : m_pools[field.name];
        const auto fromPool = [&]() -> QVariant {
            const bool fixed = field.type == store::FieldType::Lifecycle || field.type == store::FieldType::ValueTier ||
                               field.type == store::FieldType::RfmSegment; // (other values are refused)
            if (pool.isEmpty() || (!fixed && m_random.bounded(5) == 0))
                return store::isNumeric(field.type) ? QVariant(double(m_random.bounded(-50, 5000)) / 4)
                                                    : QVariant(QStringLiteral("x%1").arg(m_random.bounded(10)));
            return pool.at(int(m_random.bounded(qsizetype(pool.size()))));
        };
        const auto date = [&]() -> QVariant {
            return QDate(2026, 7, 1).addDays(m_random.bounded(-800, 400));
        };
        const auto count = [&]() -> QVariant { return double(m_random.bounded(0, 400)); };
        switch (c.op) {
        case Op::IsEmpty:
        case Op::IsNotEmpty:
        case Op::IsTrue:
        case Op::IsFalse:
            break;
        case Op::In:
        case Op::NotIn: {
            const int n = int(m_random.bounded(1, 4));
            for (int i = 0; i < n; ++i)
                c.values.append(fromPool());
            break;
        }
        case Op::Between:
            if (store::isTemporal(field.type))
                c.values = {date(), date()};
            else
                c.values = {fromPool(), fromPool()};
            break;
        case Op::On:
        case Op::Before:
        case Op::After:
            c.values = {pool.isEmpty() || m_random.bounded(3) == 0 ? date() : pool.at(int(m_random.bounded(qsizetype(pool.size()))))};
            break;
        case Op::InLast:
        case Op::NotInLast: {
            static const QString units[] = {QStringLiteral("days"), QStringLiteral("weeks"), QStringLiteral("months")};
            c.values = {count(), units[m_random.bounded(3)]};
            break;
        }
        case Op::MoreThanDaysAgo:
        case Op::InNextDays:
        case Op::AnniversaryWithin:
            c.values = {count()};
            break;
        case Op::TopPercent:
        case Op::BottomPercent:
            c.values = {double(m_random.bounded(0, 101))};
            break;
        default: {
            QVariant value = fromPool();
            if (!store::isNumeric(field.type) && value.typeId() != QMetaType::QString)
                value = value.toString();
            if (store::isNumeric(field.type) && value.typeId() != QMetaType::Double)
                value = 1.0;
            if ((c.op == Op::Contains || c.op == Op::NotContains || c.op == Op::StartsWith || c.op == Op::EndsWith) &&
                m_random.bounded(2))
            {
                QString prefix = value.toString().left(int(m_random.bounded(0, 3)));
                if (!prefix.isEmpty() && prefix.back().isHighSurrogate())
                    prefix.chop(1); // never half a character: no user can type one
                value = prefix;
            }
            c.values = {value};
            break;
        }
        }
        // Text operators take text: make sure of it for fields whose pool holds numbers.
        if (!store::isNumeric(field.type) && !store::isTemporal(field.type)) {
            for (QVariant &v : c.values)
                v = v.toString();
        }
        return c;
    }

    Condition purchase(bool enabled)
    {
        Condition c;
        c.enabled = enabled;
        c.op = m_random.bounded(2) ? Op::Ordered : Op::Spent;
        Purchase p;
        if (c.op == Op::Ordered) {
            static const Op compares[] = {Op::Ge, Op::Le, Op::Eq};
            p.compare = compares[m_random.bounded(3)];
            p.amounts = {double(m_random.bounded(0, 4))};
        } else {
            static const Op compares[] = {Op::Ge, Op::Gt, Op::Le, Op::Lt, Op::Eq, Op::Between};
            p.compare = compares[m_random.bounded(6)];
            const auto amount = [&]() { return double(m_random.bounded(-4, 400)) / 4; };
            p.amounts = p.compare == Op::Between ? QVariantList{amount(), amount()} : QVariantList{amount()};
        }
        if (m_random.bounded(2)) {
            Condition period;
            period.field = QStringLiteral("order_date");
            static const Op ops[] = {Op::InLast, Op::Before, Op::After, Op::Between, Op::MoreThanDaysAgo};
            period.op = ops[m_random.bounded(5)];
            const auto date = [&]() -> QVariant { return QDate(2026, 7, 1).addDays(m_random.bounded(-400, 30)); };
            static const QString units[] = {QStringLiteral("days"), QStringLiteral("weeks"), QStringLiteral("months")};
            switch (period.op) {
            case Op::InLast: period.values = {double(m_random.bounded(0, 400)), units[m_random.bounded(3)]}; break;
            case Op::Between: period.values = {date(), date()}; break;
            case Op::MoreThanDaysAgo: period.values = {double(m_random.bounded(0, 400))}; break;
            default: period.values = {date()}; break;
            }
            p.period = period;
        }
        if (m_random.bounded(4) != 0) {
            m_inWhere = true;
            p.where = group(2);
            p.where.enabled = true;
            m_inWhere = false;
        }
        c.purchase = std::make_shared<const Purchase>(std::move(p));
        return c;
    }

private:
    QRandomGenerator m_random;
    std::vector<store::FieldInfo> m_orderFields;
    std::map<QString, QVariantList> m_orderPools;
    bool m_inWhere = false;
    std::vector<store::FieldInfo> m_fields;
    std::map<QString, QVariantList> m_pools;
    QStringList m_segments;
};

} // namespace segmenta::rules::testing
