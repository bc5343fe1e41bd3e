#include "metrics/settingschange.h"

#include "store/database.h"
#include "store/workspace.h"

namespace segmenta::metrics {

bool AnalysisChange::operator==(const AnalysisChange &other) const
{
    return analysisDate == other.analysisDate && currencySymbol == other.currencySymbol && settings.lifecycle.toJson() == other.settings.lifecycle.toJson() &&
           settings.tiers.toJson() == other.settings.tiers.toJson() && settings.rfm.toJson() == other.settings.rfm.toJson();
}

AnalysisChange AnalysisChange::current(store::Workspace &workspace)
{
    AnalysisChange change;
    change.analysisDate =
        QDate::fromString(workspace.setting(QString::fromLatin1(store::Workspace::kAnalysisDateKey)), Qt::ISODate);
    change.settings = AnalysisSettings::load(workspace);
    change.currencySymbol = workspace.setting(QString::fromLatin1(store::Workspace::kCurrencySymbolKey));
    return change;
}

Result<RecomputeSummary> AnalysisChanges::apply(store::Workspace &workspace, const AnalysisChange &change,
                                                Progress *progress)
{
    if (auto valid = change.settings.validate(); !valid)
        return valid.error();
    if (workspace.isReadOnly())
        return Error{tr("“%1” is read-only; its settings cannot be changed").arg(workspace.displayName())};
    try {
        store::Transaction transaction(workspace.db());
        change.settings.save(workspace);
        if (change.analysisDate != AnalysisChange::current(workspace).analysisDate)
            workspace.setAnalysisDate(change.analysisDate); // (an unchanged "today" or automatic date stays so)
        const QString currencyKey = QString::fromLatin1(store::Workspace::kCurrencySymbolKey);
        // A currency the user sets is theirs: undoing the import that gave the one before no longer takes it.
        if (change.currencySymbol.trimmed() != workspace.setting(currencyKey))
            workspace.removeSetting(QString::fromLatin1(store::Workspace::kCurrencyFromImportKey));
        if (change.currencySymbol.trimmed().isEmpty())
            workspace.removeSetting(currencyKey);
        else
            workspace.setSetting(currencyKey, change.currencySymbol.trimmed());
        // recompute() nests its own transaction (a savepoint) inside this one.
        auto summary = CustomerMetrics::recompute(workspace, change.settings, workspace.analysisDate(), progress);
        if (!summary)
            return summary;
        if (progress && progress->isCanceled())
            return Error{tr("Changing the settings was cancelled; nothing was changed")};
        transaction.commit();
        return summary;
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not change the settings of “%1”: %2").arg(workspace.displayName(), error.message())};
    }
}

} // namespace segmenta::metrics
