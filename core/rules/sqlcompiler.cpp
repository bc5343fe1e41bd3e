#include "rules/sqlcompiler.h"

#include "store/database.h"

#include <QStringList>

namespace segmenta::rules {

namespace {

constexpr char kFrom[] = "customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id";

class Compiler
{
public:
    Compiler(const RuleContext &context, QVariantList &bindings) : m_context(context), m_bindings(bindings) {}

    QString group(const Group &g)
    {
        QStringList parts;
        for (const Node &child : g.children) {
            if (child.enabled())
                parts << (child.group ? group(*child.group) : condition(*child.condition));
        }
        if (parts.isEmpty())
            return QStringLiteral("1");
        switch (g.match) {
        case GroupMatch::All:
            return u'(' + parts.join(QStringLiteral(" AND ")) + u')';
        case GroupMatch::Any:
            return u'(' + parts.join(QStringLiteral(" OR ")) + u')';
        case GroupMatch::None:
            break;
        }
        return QStringLiteral("(NOT (") + parts.join(QStringLiteral(" OR ")) + QStringLiteral("))");
    }

private:
    QString bind(const QVariant &value)
    {
        // Numbered parameters: the order in which the SQL text names them need not be the order of binding.
        m_bindings.append(value.typeId() == QMetaType::QDate ? QVariant(value.toDate().toString(Qt::ISODate)) : value);
        return QStringLiteral("?%1").arg(m_bindings.size());
    }

    QString column(const store::FieldInfo &field) const
    {
        const QString alias = field.table == u"customer_metrics" ? QStringLiteral("m")
                              : field.table == u"orders"         ? QStringLiteral("o")
                              : field.table == u"order_lines"    ? QStringLiteral("l")
                                                                 : QStringLiteral("c");
        return alias + u'.' + store::quoteIdentifier(field.column);
    }

    // The customer's purchases (see Purchase): the orders the metrics count, in the period, with a line that
    // matches `where`; the number of them, or the summed amounts of their matching lines, compared.
    QString purchase(const Condition &c)
    {
        const Purchase &p = *c.purchase;
        QStringList order{QStringLiteral("o.customer_id = c.id"), QStringLiteral("o.is_valid != 0"),
                          QStringLiteral("ifnull(date(substr(o.order_date, 1, 10), '+0 days') = substr(o.order_date, 1, 10), 0)"),
                          QStringLiteral("substr(o.order_date, 1, 10) <= ") + bind(m_context.asOf)};
        if (!m_context.zeroAmountIsPurchase)
            order << QStringLiteral("ifnull(CAST(o.amount AS REAL), 0) > 0");
        if (p.period) {
            m_inPurchase = true;
            order << condition(*p.period);
            m_inPurchase = false;
        }
        m_inPurchase = true;
        const QString lines = group(p.where); // "1" when it names nothing
        const bool anyLine = lines == u"1";
        m_inPurchase = false;
        QString measure;
        if (c.op == Op::Ordered) {
            if (!anyLine)
                order << QStringLiteral("EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id AND %1)").arg(lines);
            measure = QStringLiteral("(SELECT count(*) FROM orders o WHERE %1)").arg(order.join(QStringLiteral(" AND ")));
        } else {
            order << lines;
            measure = QStringLiteral("(SELECT total(CASE WHEN typeof(l.amount) IN ('integer', 'real') THEN l.amount ELSE 0 END) "
                                     "FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE %1)")
                          .arg(order.join(QStringLiteral(" AND ")));
        }
        const QVariantList &v = p.amounts;
        switch (p.compare) {
        case Op::Between: {
            const QString low = bind(v.value(0));
            return QStringLiteral("(%1 BETWEEN %2 AND %3)").arg(measure, low, bind(v.value(1)));
        }
        case Op::Gt: return QStringLiteral("(%1 > %2)").arg(measure, bind(v.value(0)));
        case Op::Le: return QStringLiteral("(%1 <= %2)").arg(measure, bind(v.value(0)));
        case Op::Lt: return QStringLiteral("(%1 < %2)").arg(measure, bind(v.value(0)));
        case Op::Eq: return QStringLiteral("(%1 = %2)").arg(measure, bind(v.value(0)));
        default: break;
        }
        return QStringLiteral("(%1 >= %2)").arg(measure, bind(v.value(0)));
    }

    QString condition(const Condition &c)
    {
        if (c.isPurchase())
            return QStringLiteral("ifnull(") + purchase(c) + QStringLiteral(", 0)");
        const bool negate = isNegative(c.op);
        const QString positive = QStringLiteral("ifnull(") + predicate(c, positiveTwin(c.op)) + QStringLiteral(", 0)");
        return negate ? QStringLiteral("(NOT ") + positive + u')' : positive;
    }

    QString predicate(const Condition &c, Op op)
    {
        if (op == Op::InSegment) {
            const QString name = c.values.value(0).toString();
            const auto rule = m_context.segmentRule(name); // validated: exists, no cycle
            return QStringLiteral("c.id IN (SELECT c.id FROM %1 WHERE %2)").arg(QLatin1StringView(kFrom), group(rule->root));
        }
        const store::FieldInfo &field = m_inPurchase ? *m_context.orderField(c.field) : *m_context.field(c.field);
        const QString col = column(field);
        const QString text = QStringLiteral("CAST(%1 AS TEXT)").arg(col);
        const QString number = QStringLiteral("typeof(%1) IN ('integer', 'real')").arg(col);
        const QString day = QStringLiteral("substr(%1, 1, 10)").arg(text);
        const QString isDate = QStringLiteral("ifnull(date(%1, '+0 days') = %1, 0)").arg(day);
        const QString nonEmptyText = QStringLiteral("(%1 IS NOT NULL AND %2 != '')").arg(col, text);
        const bool numeric = store::isNumeric(field.type) || field.type == store::FieldType::Boolean;
        const bool temporal = store::isTemporal(field.type);
        const QString valid = numeric ? number : temporal ? isDate : nonEmptyText;
        const QDate asOf = m_context.asOf;
        const auto n = [&c](int i) { return qint64(c.values.value(i).toDouble()); };

        switch (op) {
        case Op::IsEmpty:
            return QStringLiteral("NOT (%1)").arg(valid);
        case Op::Is:
            return QStringLiteral("(%1 AND %2 = %3)").arg(valid, text, bind(c.values.value(0)));
        case Op::In: {
            QStringList marks;
            for (const QVariant &v : c.values)
                marks << bind(v);
            return QStringLiteral("(%1 AND %2 IN (%3))").arg(valid, numeric ? col : text, marks.join(QStringLiteral(", ")));
        }
        case Op::Contains:
            return QStringLiteral("(%1 AND instr(%2, %3) > 0)").arg(valid, text, bind(c.values.value(0)));
        case Op::StartsWith: {
            const QString a = bind(c.values.value(0));
            const QString b = bind(c.values.value(0));
            return QStringLiteral("(%1 AND substr(%2, 1, length(%3)) = %4)").arg(valid, text, a, b);
        }
        case Op::EndsWith: {
            const QString a = bind(c.values.value(0));
            const QString b = bind(c.values.value(0));
            const QString d = bind(c.values.value(0));
            return QStringLiteral("(%1 AND (%2 = '' OR substr(%3, -length(%4)) = %5))").arg(valid, a, text, b, d);
        }
        case Op::Eq:
            return QStringLiteral("(%1 AND %2 = %3)").arg(valid, col, bind(c.values.value(0)));
        case Op::Lt:
            return QStringLiteral("(%1 AND %2 < %3)").arg(valid, col, bind(c.values.value(0)));
        case Op::Le:
            return QStringLiteral("(%1 AND %2 <= %3)").arg(valid, col, bind(c.values.value(0)));
        case Op::Gt:
            return QStringLiteral("(%1 AND %2 > %3)").arg(valid, col, bind(c.values.value(0)));
        case Op::Ge:
            return QStringLiteral("(%1 AND %2 >= %3)").arg(valid, col, bind(c.values.value(0)));
        case Op::Between: {
            const QString low = bind(c.values.value(0));
            const QString high = bind(c.values.value(1));
            return QStringLiteral("(%1 AND %2 BETWEEN %3 AND %4)").arg(valid, temporal ? day : col, low, high);
        }
        case Op::TopPercent:
        case Op::BottomPercent: {
            const QString order = op == Op::TopPercent ? QStringLiteral("DESC") : QStringLiteral("ASC");
            return QStringLiteral("c.id IN (SELECT id FROM (SELECT c.id AS id, RANK() OVER (ORDER BY %1 %2) - 1 AS r, "
                                  "count(*) OVER () AS n FROM %3 WHERE %4) WHERE r < %5 * n / 100.0)")
                .arg(col, order, QLatin1StringView(kFrom), valid, bind(c.values.value(0)));
        }
        case Op::On:
            return QStringLiteral("(%1 AND %2 = %3)").arg(valid, day, bind(c.values.value(0)));
        case Op::Before:
            return QStringLiteral("(%1 AND %2 < %3)").arg(valid, day, bind(c.values.value(0)));
        case Op::After:
            return QStringLiteral("(%1 AND %2 > %3)").arg(valid, day, bind(c.values.value(0)));
        case Op::InLast: {
            const QString unit = c.values.value(1).toString();
            const QDate from = unit == u"months" ? asOf.addMonths(-int(n(0)))
                               : unit == u"weeks" ? asOf.addDays(-7 * n(0))
                                                  : asOf.addDays(-n(0));
            const QString a = bind(from);
            const QString b = bind(asOf);
            return QStringLiteral("(%1 AND %2 BETWEEN %3 AND %4)").arg(valid, day, a, b);
        }
        case Op::MoreThanDaysAgo:
            return QStringLiteral("(%1 AND %2 < %3)").arg(valid, day, bind(asOf.addDays(-n(0))));
        case Op::InNextDays: {
            const QString a = bind(asOf);
            const QString b = bind(asOf.addDays(n(0)));
            return QStringLiteral("(%1 AND %2 BETWEEN %3 AND %4)").arg(valid, day, a, b);
        }
        case Op::AnniversaryWithin: {
            // The next anniversary on or after the analysis date (29 February falls on 1 March in other years).
            const QString thisYear = QStringLiteral("date(%1 || substr(%2, 5), '+0 days')")
                                         .arg(bind(QStringLiteral("%1").arg(asOf.year(), 4, 10, QChar(u'0'))), day);
            const QString thisYearAgain = QStringLiteral("date(%1 || substr(%2, 5), '+0 days')")
                                              .arg(bind(QStringLiteral("%1").arg(asOf.year(), 4, 10, QChar(u'0'))), day);
            const QString nextYear = QStringLiteral("date(%1 || substr(%2, 5), '+0 days')")
                                         .arg(bind(QStringLiteral("%1").arg(asOf.year() + 1, 4, 10, QChar(u'0'))), day);
            const QString start = bind(asOf);
            const QString end = bind(asOf.addDays(n(0)));
            return QStringLiteral("(%1 AND (CASE WHEN %2 >= %3 THEN %4 ELSE %5 END) <= %6)")
                .arg(valid, thisYear, start, thisYearAgain, nextYear, end);
        }
        case Op::IsTrue:
            return QStringLiteral("(%1 AND %2 != 0)").arg(valid, col);
        case Op::IsFalse:
            return QStringLiteral("(%1 AND %2 = 0)").arg(valid, col);
        default:
            return QStringLiteral("0");
        }
    }

    const RuleContext &m_context;
    QVariantList &m_bindings;
    bool m_inPurchase = false; // fields are order and line fields
};

} // namespace

Result<CompiledSql> SqlCompiler::compile(const Rule &rule, const RuleContext &context)
{
    const Rule stored = context.withStoredValues(rule); // ("At risk" is at_risk)
    if (auto valid = context.validate(stored); !valid)
        return valid.error();
    CompiledSql compiled;
    Compiler compiler(context, compiled.bindings);
    const QString where = compiler.group(stored.root);
    compiled.sql = QStringLiteral("SELECT c.id FROM %1 WHERE %2 ORDER BY c.id").arg(QLatin1StringView(kFrom), where).toStdString();
    return compiled;
}

std::vector<qint64> SqlCompiler::members(store::Database &db, const CompiledSql &compiled)
{
    store::Statement query(db, compiled.sql);
    for (qsizetype i = 0; i < compiled.bindings.size(); ++i)
        query.bind(int(i + 1), compiled.bindings[i]);
    std::vector<qint64> ids;
    while (query.step())
        ids.push_back(query.int64(0));
    return ids;
}

} // namespace segmenta::rules
