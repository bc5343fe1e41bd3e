#include "customers/customerquery.h"

#include "common/datetext.h"
#include "common/money.h"

#include "metrics/analysissettings.h"
#include "store/database.h"

#include <QDate>
#include <QDateTime>

#include <cmath>

namespace segmenta::ui {

namespace {

constexpr QLatin1StringView kFrom("customers c LEFT JOIN customer_metrics m ON m.customer_id = c.id");

// The compiled rule's WHERE clause, when its SQL has the documented shape (SELECT c.id FROM kFrom WHERE ...
// ORDER BY c.id); empty otherwise.
QString whereOf(const rules::CompiledSql &compiled)
{
    const QString sql = QString::fromStdString(compiled.sql);
    const QString prefix = QStringLiteral("SELECT c.id FROM ") + kFrom + QStringLiteral(" WHERE ");
    const QString suffix = QStringLiteral(" ORDER BY c.id");
    if (!sql.startsWith(prefix) || !sql.endsWith(suffix))
        return {};
    return sql.mid(prefix.size(), sql.size() - prefix.size() - suffix.size());
}

QString likePattern(const QString &text)
{
    QString escaped = text;
    escaped.replace(u'\\', QStringLiteral("\\\\")).replace(u'%', QStringLiteral("\\%")).replace(u'_', QStringLiteral("\\_"));
    return u'%' + escaped + u'%';
}

} // namespace

QString CustomerQuery::columnSql(const store::FieldInfo &field)
{
    const QString alias = field.table == u"customer_metrics" ? QStringLiteral("m") : QStringLiteral("c");
    return alias + u'.' + store::quoteIdentifier(field.column);
}

Result<std::vector<qint64>> CustomerQuery::ids(store::Database &db, const rules::RuleContext &context,
                                               const CustomerFilter &filter)
{
    QStringList where;
    QVariantList bindings;
    if (!filter.rule.root.children.empty()) {
        auto compiled = rules::SqlCompiler::compile(filter.rule, context);
        if (!compiled)
            return compiled.error();
        bindings = compiled->bindings;
        const QString clause = whereOf(compiled.value());
        if (clause.isEmpty())
            where << QStringLiteral("c.id IN (") + QString::fromStdString(compiled->sql) + u')';
        else
            where << u'(' + clause + u')';
    }
    const QString search = filter.search.trimmed();
    if (!search.isEmpty()) {
        bindings << likePattern(search);
        const QString p = QStringLiteral("?%1").arg(bindings.size());
        QStringList any;
        for (const char *column : {"name", "phone", "email", "customer_key"})
            any << QStringLiteral("c.%1 LIKE %2 ESCAPE '\\'").arg(QLatin1StringView(column), p);
        where << u'(' + any.join(QStringLiteral(" OR ")) + u')';
    }
    QString order = QStringLiteral("c.id");
    if (!filter.sortField.isEmpty()) {
        const store::FieldInfo *field = context.field(filter.sortField);
        if (!field)
            return Error{tr("There is no customer field “%1” to sort by").arg(filter.sortField)};
        const QString direction = filter.order == Qt::AscendingOrder ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
        order = columnSql(*field) + direction + QStringLiteral(", c.id");
    }
    const QString sql = QStringLiteral("SELECT c.id FROM ") + kFrom +
                        (where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "))) +
                        QStringLiteral(" ORDER BY ") + order;
    store::Statement query(db, sql.toStdString());
    for (qsizetype i = 0; i < bindings.size(); ++i)
        query.bind(int(i + 1), bindings[i]);
    std::vector<qint64> ids;
    while (query.step())
        ids.push_back(query.int64(0));
    return ids;
}

std::vector<QVariantList> CustomerQuery::rows(store::Database &db, const std::vector<store::FieldInfo> &fields,
                                              const qint64 *ids, size_t count)
{
    QStringList select;
    for (const auto &field : fields)
        select << columnSql(field);
    const QString sql = QStringLiteral("SELECT ") + select.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + kFrom +
                        QStringLiteral(" WHERE c.id = ?1");
    store::Statement query(db, sql.toStdString());
    std::vector<QVariantList> rows(count);
    for (size_t i = 0; i < count; ++i) {
        query.bind(1, ids[i]);
        if (query.step()) {
            QVariantList &row = rows[i];
            row.reserve(qsizetype(fields.size()));
            for (int c = 0; c < int(fields.size()); ++c)
                row << query.value(c);
        }
        query.reset();
    }
    return rows;
}

bool CustomerQuery::isMember(store::Database &db, const rules::CompiledSql &compiled, qint64 id)
{
    const QString clause = whereOf(compiled);
    const QString idParameter = QStringLiteral("?%1").arg(compiled.bindings.size() + 1);
    QString sql;
    if (clause.isEmpty())
        sql = QStringLiteral("SELECT ") + idParameter + QStringLiteral(" IN (") + QString::fromStdString(compiled.sql) + u')';
    else
        sql = QStringLiteral("SELECT EXISTS (SELECT 1 FROM ") + kFrom + QStringLiteral(" WHERE c.id = ") + idParameter +
              QStringLiteral(" AND (") + clause + QStringLiteral("))");
    store::Statement query(db, sql.toStdString());
    for (qsizetype i = 0; i < compiled.bindings.size(); ++i)
        query.bind(int(i + 1), compiled.bindings[i]);
    query.bind(int(compiled.bindings.size() + 1), id);
    return query.step() && query.int64(0) != 0;
}

QString CustomerQuery::label(const store::FieldInfo &field)
{
    if (field.origin == store::FieldOrigin::Imported)
        return field.label;
    const QByteArray source = field.label.toUtf8();
    return QCoreApplication::translate("Field", source.constData());
}

bool CustomerQuery::isRightAligned(store::FieldType type)
{
    return store::isNumeric(type);
}

QString CustomerQuery::display(const store::FieldInfo &field, const QVariant &value, const QString &currencySymbol,
                               const QLocale &locale)
{
    using store::FieldType;
    if (value.isNull())
        return {};
    const bool number = value.typeId() == QMetaType::LongLong || value.typeId() == QMetaType::Double ||
                        value.typeId() == QMetaType::Int;
    switch (field.type) {
    case FieldType::Integer:
        if (number)
            return locale.toString(value.toLongLong());
        break;
    case FieldType::Decimal:
        if (number) {
            const double d = value.toDouble();
            return locale.toString(d, 'f', std::trunc(d) == d ? 0 : 2);
        }
        break;
    case FieldType::Money:
        if (number)
            return moneyText(value.toDouble(), currencySymbol, locale);
        break;
    case FieldType::Percent:
        if (number)
            return locale.toString(value.toDouble(), 'g', 6) + u'%';
        break;
    case FieldType::Date: {
        const QDate date = QDate::fromString(value.toString(), Qt::ISODate);
        if (date.isValid())
            return dateText(date, locale);
        break;
    }
    case FieldType::DateTime: {
        // A value stored without a time (a file that gives dates only) shows as a date: Qt reads "2024-06-01"
        // as a valid date and time at midnight, a time the file never said.
        const QString text = value.toString();
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (date.isValid() && text.size() == 10)
            return dateText(date, locale);
        const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
        if (time.isValid())
            return dateTimeText(time, locale);
        break;
    }
    case FieldType::Boolean:
        if (number)
            return value.toLongLong() != 0 ? tr("Yes") : tr("No");
        break;
    case FieldType::Lifecycle:
        return metrics::stageDisplayName(value.toString());
    case FieldType::ValueTier:
        return metrics::tierDisplayName(value.toString());
    case FieldType::RfmSegment:
        return metrics::rfmDisplayName(value.toString());
    case FieldType::Category:
    case FieldType::Text:
    case FieldType::Identifier:
        break;
    }
    return value.toString();
}

} // namespace segmenta::ui
