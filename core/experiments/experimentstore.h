#pragma once

#include "common/result.h"
#include "experiments/experiment.h"
#include "export/exportoptions.h"

#include <QCoreApplication>
#include <optional>
#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::experiments {

// The experiments of a workspace (tables experiments, experiment_groups, experiment_members). Names are unique
// and not empty. Thread: the connection's. Database errors and bad input come back as Errors that say what
// is wrong; a failed call changes nothing.
class ExperimentStore
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::experiments::ExperimentStore)

public:
    explicit ExperimentStore(store::Database &db) : m_db(db) {}

    // Whether `name` can be given to a new experiment (not empty, not taken): checked before an export so that
    // a bad name costs no file.
    Result<void> checkNewName(const QString &name);

    // Stores a new experiment with its groups and members (customer ids that must exist; their keys are looked
    // up), in one transaction. Needs a name, a valid start date, two groups or more, one control.
    Result<qint64> record(const Experiment &experiment);

    // Every experiment with its groups and their sizes (members not loaded), newest start first.
    Result<std::vector<Experiment>> list();
    // One experiment with its members, or none when there is none of that name.
    Result<std::optional<Experiment>> find(const QString &name);

    Result<void> remove(qint64 id);
    // Puts an experiment found with find() back after remove(), under its old id, members' keys as they were
    // (for undo); refused when one of that name exists meanwhile.
    Result<void> restore(const Experiment &experiment);

    // The experiment a split export defines: started on the export's analysis date, groups named A, B, ...
    // with the split's percentages, each member in the group the export put them in, `control` the index of
    // the control group. Record it with record().
    static Experiment fromExport(const QString &name, const exporting::ExportOptions &options,
                                 const exporting::ExportSummary &summary, const QString &ruleText, int control);

private:
    Result<qint64> insert(const Experiment &experiment, bool keepKeys);

    store::Database &m_db;
};

} // namespace segmenta::experiments
