#include "metrics/analysissettings.h"

#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace segmenta::metrics {

namespace {

constexpr char kLifecycleKey[] = "lifecycle_json";
constexpr char kPurchaseKey[] = "purchase_json";
constexpr char kTiersKey[] = "tiers_json";
constexpr char kRfmKey[] = "rfm_map_json";

QJsonObject readJson(store::Workspace &workspace, const char *key)
{
    return QJsonDocument::fromJson(workspace.setting(QString::fromLatin1(key)).toUtf8()).object();
}

void writeJson(store::Workspace &workspace, const char *key, const QJsonObject &json)
{
    workspace.setSetting(QString::fromLatin1(key), QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)));
}

QString methodName(TierMethod method)
{
    switch (method) {
    case TierMethod::RevenueShare:
        return QStringLiteral("revenue_share");
    case TierMethod::SpendThresholds:
        return QStringLiteral("spend_thresholds");
    case TierMethod::CustomerShare:
        break;
    }
    return QStringLiteral("customer_share");
}

} // namespace

std::vector<LifecycleDefinition::Rule> LifecycleDefinition::rules() const
{
    return {
        {QString::fromLatin1(stage::kProspect), QStringLiteral("orders_count = 0")},
        {QString::fromLatin1(stage::kDormant), QStringLiteral("days_since_last_order > %1").arg(atRiskDays)},
        {QString::fromLatin1(stage::kAtRisk), QStringLiteral("days_since_last_order > %1").arg(activeDays)},
        {QString::fromLatin1(stage::kRecencyUnknown), QStringLiteral("days_since_last_order is empty")},
        {QString::fromLatin1(stage::kNew), QStringLiteral("orders_count <= %1").arg(newMaxOrders)},
        {QString::fromLatin1(stage::kGrowing), QStringLiteral("orders_count <= %1").arg(growingMaxOrders)},
        {QString::fromLatin1(stage::kMature), QStringLiteral("orders_count > %1").arg(growingMaxOrders)},
    };
}

const char *LifecycleDefinition::stageFor(qint64 orders, qint64 daysSinceLast) const
{
    // The same order as rules(): first match wins.
    if (orders <= 0)
        return stage::kProspect;
    if (daysSinceLast > atRiskDays)
        return stage::kDormant;
    if (daysSinceLast > activeDays)
        return stage::kAtRisk;
    if (orders <= newMaxOrders)
        return stage::kNew;
    if (orders <= growingMaxOrders)
        return stage::kGrowing;
    return stage::kMature;
}

const char *LifecycleDefinition::stageFor(qint64 orders, std::optional<qint64> daysSinceLast) const
{
    if (orders > 0 && !daysSinceLast)
        return stage::kRecencyUnknown;
    return stageFor(orders, daysSinceLast.value_or(0));
}

QJsonObject LifecycleDefinition::toJson() const
{
    return {{QStringLiteral("new_max_orders"), newMaxOrders},
            {QStringLiteral("growing_max_orders"), growingMaxOrders},
            {QStringLiteral("active_days"), activeDays},
            {QStringLiteral("at_risk_days"), atRiskDays}};
}

LifecycleDefinition LifecycleDefinition::fromJson(const QJsonObject &json)
{
    LifecycleDefinition d;
    d.newMaxOrders = json.value(u"new_max_orders").toInt(d.newMaxOrders);
    d.growingMaxOrders = json.value(u"growing_max_orders").toInt(d.growingMaxOrders);
    d.activeDays = json.value(u"active_days").toInt(d.activeDays);
    d.atRiskDays = json.value(u"at_risk_days").toInt(d.atRiskDays);
    return d;
}

Result<void> LifecycleDefinition::validate() const
{
    if (newMaxOrders < 1)
        return Error{AnalysisSettings::tr("A new customer needs at least one order")};
    if (growingMaxOrders <= newMaxOrders)
        return Error{AnalysisSettings::tr("Growing customers must have more orders than new ones (%1)").arg(newMaxOrders)};
    if (activeDays < 1)
        return Error{AnalysisSettings::tr("The active period must be at least one day")};
    if (atRiskDays <= activeDays)
        return Error{AnalysisSettings::tr("The at-risk period must end after the active period (%1 days)").arg(activeDays)};
    return {};
}

QJsonObject TierDefinition::toJson() const
{
    return {{QStringLiteral("method"), methodName(method)},
            {QStringLiteral("high_customer_share"), highCustomerShare},
            {QStringLiteral("mid_customer_share"), midCustomerShare},
            {QStringLiteral("high_revenue_share"), highRevenueShare},
            {QStringLiteral("mid_revenue_share"), midRevenueShare},
            {QStringLiteral("high_min_spend"), highMinSpend},
            {QStringLiteral("mid_min_spend"), midMinSpend}};
}

TierDefinition TierDefinition::fromJson(const QJsonObject &json)
{
    TierDefinition d;
    const QString method = json.value(u"method").toString();
    if (method == u"revenue_share")
        d.method = TierMethod::RevenueShare;
    else if (method == u"spend_thresholds")
        d.method = TierMethod::SpendThresholds;
    d.highCustomerShare = json.value(u"high_customer_share").toDouble(d.highCustomerShare);
    d.midCustomerShare = json.value(u"mid_customer_share").toDouble(d.midCustomerShare);
    d.highRevenueShare = json.value(u"high_revenue_share").toDouble(d.highRevenueShare);
    d.midRevenueShare = json.value(u"mid_revenue_share").toDouble(d.midRevenueShare);
    d.highMinSpend = json.value(u"high_min_spend").toDouble(d.highMinSpend);
    d.midMinSpend = json.value(u"mid_min_spend").toDouble(d.midMinSpend);
    return d;
}

Result<void> TierDefinition::validate() const
{
    const auto share = [](double value) { return value > 0 && value < 1; };
    if (!share(highCustomerShare) || !share(midCustomerShare) || highCustomerShare + midCustomerShare > 1)
        return Error{AnalysisSettings::tr("Customer shares must be between 0 and 100% and add up to at most 100%")};
    if (!share(highRevenueShare) || !share(midRevenueShare) || highRevenueShare + midRevenueShare > 1)
        return Error{AnalysisSettings::tr("Revenue shares must be between 0 and 100% and add up to at most 100%")};
    if (midMinSpend < 0 || highMinSpend <= midMinSpend)
        return Error{AnalysisSettings::tr("The high tier's minimum spend must be above the mid tier's")};
    return {};
}

RfmMap RfmMap::defaultMap()
{
    RfmMap map;
    const auto set = [&map](int r, int fromF, int toF, const char *name) {
        for (int f = fromF; f <= toF; ++f)
            map.names[size_t(r - 1)][size_t(f - 1)] = QString::fromLatin1(name);
    };
    set(5, 4, 5, "Champions");
    set(4, 4, 5, "Loyal");
    set(3, 4, 5, "Loyal");
    set(5, 2, 3, "Potential Loyalists");
    set(4, 2, 3, "Potential Loyalists");
    set(5, 1, 1, "First-time Buyers"); // not "New": the lifecycle has a stage of that name
    set(4, 1, 1, "Promising");
    set(3, 3, 3, "Need Attention");
    set(3, 1, 2, "About to Sleep");
    for (int r = 1; r <= 2; ++r) {
        set(r, 3, 4, "Slipping Away"); // not "At Risk": the lifecycle has a stage of that name
        set(r, 5, 5, "Can't Lose");
        set(r, 1, 2, "Hibernating");
    }
    return map;
}

QJsonObject RfmMap::toJson() const
{
    QJsonArray rows;
    for (const auto &row : names) {
        QJsonArray cells;
        for (const QString &name : row)
            cells.append(name);
        rows.append(cells);
    }
    QJsonArray from;
    for (const int n : frequencyFrom)
        from.append(n);
    return {{QStringLiteral("cells"), rows}, {QStringLiteral("f_from"), from}};
}

int RfmMap::frequencyScore(qint64 orders) const
{
    int score = 1;
    for (const int from : frequencyFrom)
        score += orders >= from ? 1 : 0;
    return score;
}

bool RfmMap::validFrequencyBins() const
{
    int previous = 1;
    for (const int from : frequencyFrom) {
        if (from <= previous)
            return false;
        previous = from;
    }
    return true;
}

RfmMap RfmMap::fromJson(const QJsonObject &json)
{
    RfmMap map = defaultMap();
    if (const QJsonArray from = json.value(u"f_from").toArray(); from.size() == 4) {
        RfmMap bins = map;
        for (int i = 0; i < 4; ++i)
            bins.frequencyFrom[size_t(i)] = from.at(i).toInt();
        if (bins.validFrequencyBins())
            map.frequencyFrom = bins.frequencyFrom;
    }
    const QJsonArray rows = json.value(u"cells").toArray();
    if (rows.size() != 5)
        return map;
    for (int r = 0; r < 5; ++r) {
        const QJsonArray cells = rows.at(r).toArray();
        if (cells.size() != 5)
            return defaultMap();
        for (int f = 0; f < 5; ++f)
            map.names[size_t(r)][size_t(f)] = cells.at(f).toString();
    }
    return map;
}

AnalysisSettings AnalysisSettings::load(store::Workspace &workspace)
{
    AnalysisSettings settings;
    settings.lifecycle = LifecycleDefinition::fromJson(readJson(workspace, kLifecycleKey));
    settings.tiers = TierDefinition::fromJson(readJson(workspace, kTiersKey));
    settings.rfm = RfmMap::fromJson(readJson(workspace, kRfmKey));
    settings.purchase = PurchaseDefinition::fromJson(readJson(workspace, kPurchaseKey));
    if (!settings.validate())
        return AnalysisSettings{};
    return settings;
}

void AnalysisSettings::save(store::Workspace &workspace) const
{
    writeJson(workspace, kLifecycleKey, lifecycle.toJson());
    writeJson(workspace, kTiersKey, tiers.toJson());
    writeJson(workspace, kRfmKey, rfm.toJson());
    writeJson(workspace, kPurchaseKey, purchase.toJson());
}

QJsonObject PurchaseDefinition::toJson() const
{
    return QJsonObject{{QStringLiteral("zero_amount_is_purchase"), zeroAmountIsPurchase}};
}

PurchaseDefinition PurchaseDefinition::fromJson(const QJsonObject &json)
{
    PurchaseDefinition definition;
    definition.zeroAmountIsPurchase = json.value(QStringLiteral("zero_amount_is_purchase")).toBool(false);
    return definition;
}

Result<void> AnalysisSettings::validate() const
{
    if (auto ok = lifecycle.validate(); !ok)
        return ok;
    if (!rfm.validFrequencyBins())
        return Error{tr("The order counts from which frequency scores F2 to F5 start must rise from 2 upwards")};
    return tiers.validate();
}

QString stageDisplayName(const QString &stageId)
{
    static const struct
    {
        const char *id;
        const char *name;
    } names[] = {
        {stage::kProspect, QT_TRANSLATE_NOOP("Lifecycle", "Prospect")},
        {stage::kNew, QT_TRANSLATE_NOOP("Lifecycle", "New")},
        {stage::kGrowing, QT_TRANSLATE_NOOP("Lifecycle", "Growing")},
        {stage::kMature, QT_TRANSLATE_NOOP("Lifecycle", "Mature")},
        {stage::kAtRisk, QT_TRANSLATE_NOOP("Lifecycle", "At risk")},
        {stage::kDormant, QT_TRANSLATE_NOOP("Lifecycle", "Dormant")},
        {stage::kRecencyUnknown, QT_TRANSLATE_NOOP("Lifecycle", "Recency unknown")},
    };
    for (const auto &entry : names) {
        if (stageId == QLatin1StringView(entry.id))
            return QCoreApplication::translate("Lifecycle", entry.name);
    }
    return stageId;
}

QString tierDisplayName(const QString &tierId)
{
    static const struct
    {
        const char *id;
        const char *name;
    } names[] = {
        {tier::kHigh, QT_TRANSLATE_NOOP("ValueTier", "High value")},
        {tier::kMid, QT_TRANSLATE_NOOP("ValueTier", "Mid value")},
        {tier::kLow, QT_TRANSLATE_NOOP("ValueTier", "Low value")},
        {tier::kNone, QT_TRANSLATE_NOOP("ValueTier", "No purchase")},
        {tier::kCancelled, QT_TRANSLATE_NOOP("ValueTier", "Only cancelled orders")},
    };
    for (const auto &entry : names) {
        if (tierId == QLatin1StringView(entry.id))
            return QCoreApplication::translate("ValueTier", entry.name);
    }
    return tierId;
}

QString rfmDisplayName(const QString &segmentName)
{
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("Rfm", "Champions"),      QT_TRANSLATE_NOOP("Rfm", "Loyal"),
        QT_TRANSLATE_NOOP("Rfm", "Potential Loyalists"), QT_TRANSLATE_NOOP("Rfm", "New"),
        QT_TRANSLATE_NOOP("Rfm", "Promising"),      QT_TRANSLATE_NOOP("Rfm", "Need Attention"),
        QT_TRANSLATE_NOOP("Rfm", "About to Sleep"), QT_TRANSLATE_NOOP("Rfm", "At Risk"),
        QT_TRANSLATE_NOOP("Rfm", "Can't Lose"),     QT_TRANSLATE_NOOP("Rfm", "Hibernating"),
        QT_TRANSLATE_NOOP("Rfm", "First-time Buyers"), QT_TRANSLATE_NOOP("Rfm", "Slipping Away"),
    };
    for (const char *name : names) {
        if (segmentName == QLatin1StringView(name))
            return QCoreApplication::translate("Rfm", name);
    }
    return segmentName;
}

QString tierShortName(const QString &tierId)
{
    static const struct
    {
        const char *id;
        const char *name;
    } names[] = {
        {tier::kHigh, QT_TRANSLATE_NOOP("ValueTier", "High")},
        {tier::kMid, QT_TRANSLATE_NOOP("ValueTier", "Mid")},
        {tier::kLow, QT_TRANSLATE_NOOP("ValueTier", "Low")},
        {tier::kNone, QT_TRANSLATE_NOOP("ValueTier", "None")},
        {tier::kCancelled, QT_TRANSLATE_NOOP("ValueTier", "Cancelled")},
    };
    for (const auto &entry : names) {
        if (tierId == QLatin1StringView(entry.id))
            return QCoreApplication::translate("ValueTier", entry.name);
    }
    return tierId;
}

const std::vector<QString> &stageIds()
{
    static const std::vector<QString> ids = {
        QString::fromLatin1(stage::kProspect), QString::fromLatin1(stage::kNew),    QString::fromLatin1(stage::kGrowing),
        QString::fromLatin1(stage::kMature),   QString::fromLatin1(stage::kAtRisk), QString::fromLatin1(stage::kDormant),
        QString::fromLatin1(stage::kRecencyUnknown)};
    return ids;
}

const std::vector<QString> &tierIds()
{
    static const std::vector<QString> ids = {QString::fromLatin1(tier::kHigh), QString::fromLatin1(tier::kMid),
                                             QString::fromLatin1(tier::kLow), QString::fromLatin1(tier::kNone),
                                             QString::fromLatin1(tier::kCancelled)};
    return ids;
}

} // namespace segmenta::metrics
