#include "experiments/experimentresult.h"

#include "store/database.h"

#include <QJsonArray>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace segmenta::experiments {

namespace {

using store::Statement;

QJsonValue orNull(const std::optional<double> &value)
{
    return value && std::isfinite(*value) ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QString percent(double fraction)
{
    return QLocale().toString(fraction * 100, 'f', 1) + u'%';
}

QString points(double fraction)
{
    return QLocale().toString(std::abs(fraction) * 100, 'f', 1);
}

// Per group: members, converted, orders, revenue and each member's revenue (for Welch's test).
void countWindow(store::Database &db, const Experiment &experiment, const QDate &end, std::vector<GroupOutcome> &groups)
{
    Statement query(db, "SELECT m.group_position, count(o.id), coalesce(sum(o.amount), 0) "
                        "FROM experiment_members m "
                        "LEFT JOIN customers c ON c.customer_key = m.customer_key "
                        "LEFT JOIN orders o ON o.customer_id = c.id AND o.is_valid = 1 "
                        "  AND substr(o.order_date, 1, 10) > ?2 AND substr(o.order_date, 1, 10) <= ?3 "
                        "WHERE m.experiment_id = ?1 GROUP BY m.customer_id");
    query.bind(1, experiment.id).bind(2, experiment.start.toString(Qt::ISODate)).bind(3, end.toString(Qt::ISODate));
    while (query.step()) {
        const auto g = size_t(query.int64(0));
        if (g >= groups.size())
            continue;
        GroupOutcome &group = groups[g];
        const qint64 orders = query.int64(1);
        const double revenue = query.real(2);
        ++group.members;
        group.orders += orders;
        group.converted += orders > 0 ? 1 : 0;
        group.revenue += revenue;
        group.revenuePerMemberSample.n += 1;
        group.revenuePerMemberSample.sum += revenue;
        group.revenuePerMemberSample.sumOfSquares += revenue * revenue;
    }
}

} // namespace

std::optional<double> GroupOutcome::conversionRate() const
{
    return members > 0 ? std::optional<double>(double(converted) / double(members)) : std::nullopt;
}

std::optional<double> GroupOutcome::revenuePerMember() const
{
    return members > 0 ? std::optional<double>(revenue / double(members)) : std::nullopt;
}

std::optional<double> GroupOutcome::ordersPerMember() const
{
    return members > 0 ? std::optional<double>(double(orders) / double(members)) : std::nullopt;
}

std::optional<stats::Interval> GroupOutcome::conversionInterval() const
{
    return stats::wilsonInterval(converted, members);
}

Result<ExperimentResult> ExperimentMeasure::measure(store::Database &db, const Experiment &experiment, int windowDays,
                                                    double minimumDifference)
{
    if (windowDays < 1 || windowDays > 3650)
        return Error{tr("The window must be 1 to 3650 days, not %1").arg(windowDays)};
    if (!(minimumDifference > 0 && minimumDifference < 1))
        return Error{tr("The difference to detect must be more than 0 and less than 100 points")};
    ExperimentResult result;
    result.name = experiment.name;
    result.start = experiment.start;
    result.windowDays = windowDays;
    result.end = experiment.start.addDays(windowDays);
    result.minimumDifference = minimumDifference;
    for (const ExperimentGroup &group : experiment.groups) {
        GroupOutcome outcome;
        outcome.name = group.name;
        outcome.control = group.control;
        result.groups.push_back(outcome);
    }
    try {
        countWindow(db, experiment, result.end, result.groups);
        result.ordersKnownUntil = QDate::fromString(
            db.scalar("SELECT max(substr(order_date, 1, 10)) FROM orders WHERE is_valid = 1").toString(), Qt::ISODate);
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not measure the experiment “%1”: %2").arg(experiment.name, error.message())};
    }
    const int control = experiment.controlIndex();
    const GroupOutcome &base = result.groups[size_t(control)];
    for (int g = 0; g < int(result.groups.size()); ++g) {
        if (g == control)
            continue;
        const GroupOutcome &other = result.groups[size_t(g)];
        GroupComparison comparison;
        comparison.group = g;
        comparison.control = control;
        comparison.conversion = stats::compareProportions(base.converted, base.members, other.converted, other.members);
        comparison.revenue = stats::welchTest(base.revenuePerMemberSample, other.revenuePerMemberSample);
        result.comparisons.push_back(comparison);
    }
    if (const auto baseline = base.conversionRate())
        result.neededPerGroup = stats::sampleSizePerGroup(*baseline, minimumDifference);
    return result;
}

QString ExperimentResult::formatP(double p)
{
    if (p < 0.0001)
        return QStringLiteral("< 0.0001");
    return QLocale().toString(p, 'f', p < 0.01 ? 4 : 3);
}

QString ExperimentResult::pStatement(double p)
{
    return p < 0.0001 ? QStringLiteral("p < 0.0001") : QStringLiteral("p = ") + formatP(p);
}

QString ExperimentResult::sentence(const GroupComparison &comparison) const
{
    const GroupOutcome &group = groups[size_t(comparison.group)];
    const GroupOutcome &base = groups[size_t(comparison.control)];
    if (group.members == 0 || base.members == 0) {
        return tr("Group %1 has no members, so there is nothing to compare with group %2")
            .arg(group.members == 0 ? group.name : base.name, group.members == 0 ? base.name : group.name);
    }
    const auto &c = *comparison.conversion;
    if (!c.pValue) {
        return base.converted == 0 ? tr("No one in group %1 or group %2 bought in the window, so there is no difference to test")
                                         .arg(group.name, base.name)
                                   : tr("Everyone in group %1 and group %2 bought in the window, so there is no difference to test")
                                         .arg(group.name, base.name);
    }
    QString difference;
    if (group.converted * base.members == base.converted * group.members)
        difference = tr("the same rate");
    else if (c.difference > 0)
        difference = tr("%1 points more").arg(points(c.difference));
    else
        difference = tr("%1 points fewer").arg(points(c.difference));
    const QString chance = *c.pValue < stats::kAlpha
                               ? tr("a difference this large would be rare by chance (%1)")
                               : tr("a difference this large could easily be chance (%1)");
    return tr("Group %1 converted %2 against %3 for %4: %5; %6")
        .arg(group.name, percent(*group.conversionRate()), percent(*base.conversionRate()), base.name, difference,
             chance.arg(pStatement(*c.pValue)));
}

QString ExperimentResult::powerWarning() const
{
    if (!neededPerGroup || groups.empty())
        return {};
    qint64 smallest = groups.front().members;
    for (const GroupOutcome &group : groups)
        smallest = std::min(smallest, group.members);
    if (smallest >= *neededPerGroup)
        return {};
    return tr("The groups are too small to reliably detect a difference of %1 points (the smallest has %2 members): "
              "about %3 members per group are needed for 80% power")
        .arg(points(minimumDifference), QLocale().toString(smallest), QLocale().toString(*neededPerGroup));
}

QString ExperimentResult::windowNote() const
{
    if (ordersKnownUntil.isValid() && ordersKnownUntil >= end)
        return {};
    const QString known = ordersKnownUntil.isValid() ? ordersKnownUntil.toString(Qt::ISODate) : tr("none");
    return tr("The window runs to %1 but the latest order in the workspace is from %2: import newer orders, or the "
              "figures may still change")
        .arg(end.toString(Qt::ISODate), known);
}

QJsonObject ExperimentResult::toJson() const
{
    QJsonArray groupArray;
    for (const GroupOutcome &group : groups) {
        const auto interval = group.conversionInterval();
        groupArray.append(QJsonObject{{QStringLiteral("name"), group.name},
                                      {QStringLiteral("control"), group.control},
                                      {QStringLiteral("members"), group.members},
                                      {QStringLiteral("converted"), group.converted},
                                      {QStringLiteral("conversion_rate"), orNull(group.conversionRate())},
                                      {QStringLiteral("conversion_ci_low"), interval ? QJsonValue(interval->low) : QJsonValue()},
                                      {QStringLiteral("conversion_ci_high"), interval ? QJsonValue(interval->high) : QJsonValue()},
                                      {QStringLiteral("orders"), group.orders},
                                      {QStringLiteral("orders_per_member"), orNull(group.ordersPerMember())},
                                      {QStringLiteral("revenue"), group.revenue},
                                      {QStringLiteral("revenue_per_member"), orNull(group.revenuePerMember())}});
    }
    QJsonArray comparisonArray;
    for (const GroupComparison &comparison : comparisons) {
        const auto &c = comparison.conversion;
        const auto &r = comparison.revenue;
        const auto field = [](const auto &holder, auto member) {
            return holder ? orNull(std::optional<double>((*holder).*member)) : QJsonValue(QJsonValue::Null);
        };
        comparisonArray.append(QJsonObject{
            {QStringLiteral("group"), groups[size_t(comparison.group)].name},
            {QStringLiteral("vs"), groups[size_t(comparison.control)].name},
            {QStringLiteral("lift"), c ? orNull(c->lift) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("difference"), field(c, &stats::ProportionComparison::difference)},
            {QStringLiteral("ci_low"), field(c, &stats::ProportionComparison::ciLow)},
            {QStringLiteral("ci_high"), field(c, &stats::ProportionComparison::ciHigh)},
            {QStringLiteral("z"), c ? orNull(c->z) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("p_value"), c ? orNull(c->pValue) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("revenue_difference"), field(r, &stats::WelchTest::difference)},
            {QStringLiteral("revenue_t"), field(r, &stats::WelchTest::t)},
            {QStringLiteral("revenue_df"), field(r, &stats::WelchTest::degreesOfFreedom)},
            {QStringLiteral("revenue_p_value"), field(r, &stats::WelchTest::pValue)},
            {QStringLiteral("sentence"), sentence(comparison)}});
    }
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("start"), start.toString(Qt::ISODate)},
                       {QStringLiteral("window_days"), windowDays},
                       {QStringLiteral("end"), end.toString(Qt::ISODate)},
                       {QStringLiteral("groups"), groupArray},
                       {QStringLiteral("comparisons"), comparisonArray},
                       {QStringLiteral("minimum_difference"), minimumDifference},
                       {QStringLiteral("sample_size_per_group"),
                        neededPerGroup ? QJsonValue(double(*neededPerGroup)) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("power_warning"), powerWarning()},
                       {QStringLiteral("window_note"), windowNote()}};
}

} // namespace segmenta::experiments
