#pragma once

// Random, well-formed rules for property and differential tests: every operator of every field type, with
// values drawn from the data so that equalities and ties actually occur.
#include "rules/rule.h"
#include "rules/rulecontext.h"

#include <QRandomGenerator>

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
        if (!m_segments.isEmpty() && m_random.bounded(25) == 0) {
            c.op = m_random.bounded(2) ? Op::InSegment : Op::NotInSegment;
            c.values = {m_segments.at(int(m_random.bounded(qsizetype(m_segments.size()))))};
            return c;
        }
        const store::FieldInfo &field = m_fields[size_t(m_random.bounded(qsizetype(m_fields.size())))];
        c.field = field.name;
        const auto ops = operatorsFor(field.type);
        c.op = ops[size_t(m_random.bounded(qsizetype(ops.size())))];
        const QVariantList &pool = m_pools[field.name];
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

private:
    QRandomGenerator m_random;
    std::vector<store::FieldInfo> m_fields;
    std::map<QString, QVariantList> m_pools;
    QStringList m_segments;
};

} // namespace segmenta::rules::testing
