#include "experiments/experimentstore.h"

#include "export/memberwriter.h"
#include "store/database.h"

#include <set>

namespace segmenta::experiments {

namespace {

using store::DatabaseError;
using store::Statement;

QString text(const QString &value)
{
    return value.isNull() ? QStringLiteral("") : value;
}

Error databaseError(const DatabaseError &error)
{
    return Error{ExperimentStore::tr("Could not update the experiments: %1").arg(error.message())};
}

// The groups of experiment `id`, in order, with their sizes.
std::vector<ExperimentGroup> readGroups(store::Database &db, qint64 id)
{
    std::vector<ExperimentGroup> groups;
    Statement query(db, "SELECT g.name, g.percent, g.is_control, (SELECT count(*) FROM experiment_members m "
                        "WHERE m.experiment_id = g.experiment_id AND m.group_position = g.position) "
                        "FROM experiment_groups g WHERE g.experiment_id = ?1 ORDER BY g.position");
    query.bind(1, id);
    while (query.step()) {
        ExperimentGroup group;
        group.name = query.text(0);
        group.percent = int(query.int64(1));
        group.control = query.int64(2) != 0;
        group.size = query.int64(3);
        groups.push_back(std::move(group));
    }
    return groups;
}

constexpr const char *kSelectExperiment = "SELECT id, name, start_date, segment_name, rule_text, seed, created_at "
                                          "FROM experiments ";

Experiment readExperiment(const Statement &row)
{
    Experiment e;
    e.id = row.int64(0);
    e.name = row.text(1);
    e.start = QDate::fromString(row.text(2), Qt::ISODate);
    e.segmentName = row.text(3);
    e.ruleText = row.text(4);
    e.seed = row.text(5).toULongLong();
    e.createdAt = QDateTime::fromString(row.text(6), Qt::ISODate);
    return e;
}

} // namespace

Result<void> ExperimentStore::checkNewName(const QString &name)
{
    if (name.trimmed().isEmpty())
        return Error{tr("An experiment needs a name")};
    try {
        Statement query(m_db, "SELECT count(*) FROM experiments WHERE name = ?1");
        query.bind(1, name.trimmed());
        query.step();
        if (query.int64(0) > 0)
            return Error{tr("There is already an experiment named “%1”; choose another name").arg(name.trimmed())};
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<qint64> ExperimentStore::record(const Experiment &experiment)
{
    if (auto ok = checkNewName(experiment.name); !ok)
        return ok.error();
    if (!experiment.start.isValid())
        return Error{tr("The experiment “%1” needs a start date").arg(experiment.name)};
    if (experiment.groups.size() < 2)
        return Error{tr("The experiment “%1” needs at least two groups").arg(experiment.name)};
    int controls = 0;
    for (const ExperimentGroup &group : experiment.groups)
        controls += group.control ? 1 : 0;
    if (controls != 1)
        return Error{tr("The experiment “%1” needs exactly one control group").arg(experiment.name)};
    std::set<qint64> seen;
    for (const ExperimentGroup &group : experiment.groups) {
        for (const ExperimentMember &member : group.members) {
            if (!seen.insert(member.customerId).second)
                return Error{tr("The experiment “%1” cannot be recorded: customer %2 is in two groups")
                                 .arg(experiment.name)
                                 .arg(member.customerId)};
        }
    }
    return insert(experiment, false);
}

Result<qint64> ExperimentStore::insert(const Experiment &experiment, bool keepKeys)
{
    try {
        store::Transaction transaction(m_db);
        Statement head(m_db, "INSERT INTO experiments(id, name, start_date, segment_name, rule_text, seed, created_at) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        if (experiment.id > 0)
            head.bind(1, experiment.id);
        else
            head.bindNull(1);
        const QDateTime created = experiment.createdAt.isValid() ? experiment.createdAt : QDateTime::currentDateTimeUtc();
        head.bind(2, experiment.name.trimmed()).bind(3, experiment.start.toString(Qt::ISODate)).bind(4, text(experiment.segmentName))
            .bind(5, text(experiment.ruleText)).bind(6, QString::number(experiment.seed)).bind(7, created.toString(Qt::ISODate));
        head.run();
        const qint64 id = m_db.lastInsertRowId();
        Statement group(m_db, "INSERT INTO experiment_groups(experiment_id, position, name, percent, is_control) "
                              "VALUES (?1, ?2, ?3, ?4, ?5)");
        Statement byId(m_db, "INSERT INTO experiment_members(experiment_id, customer_id, customer_key, group_position) "
                             "SELECT ?1, id, customer_key, ?3 FROM customers WHERE id = ?2");
        Statement withKey(m_db, "INSERT INTO experiment_members(experiment_id, customer_id, customer_key, group_position) "
                                "VALUES (?1, ?2, ?4, ?3)");
        for (size_t g = 0; g < experiment.groups.size(); ++g) {
            const ExperimentGroup &each = experiment.groups[g];
            group.bind(1, id).bind(2, qint64(g)).bind(3, text(each.name)).bind(4, each.percent).bind(5, each.control ? 1 : 0);
            group.run();
            for (const ExperimentMember &member : each.members) {
                Statement &add = keepKeys ? withKey : byId;
                add.bind(1, id).bind(2, member.customerId).bind(3, qint64(g));
                if (keepKeys)
                    add.bind(4, text(member.customerKey));
                add.run();
                if (m_db.changes() == 0)
                    return Error{tr("The experiment “%1” cannot be recorded: customer %2 is no longer in the workspace")
                                     .arg(experiment.name)
                                     .arg(member.customerId)};
            }
        }
        transaction.commit();
        return id;
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<std::vector<Experiment>> ExperimentStore::list()
{
    try {
        std::vector<Experiment> experiments;
        Statement query(m_db, std::string(kSelectExperiment) + "ORDER BY start_date DESC, id DESC");
        while (query.step())
            experiments.push_back(readExperiment(query));
        for (Experiment &e : experiments)
            e.groups = readGroups(m_db, e.id);
        return experiments;
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<std::optional<Experiment>> ExperimentStore::find(const QString &name)
{
    try {
        Statement query(m_db, std::string(kSelectExperiment) + "WHERE name = ?1");
        query.bind(1, name.trimmed());
        if (!query.step())
            return std::optional<Experiment>();
        Experiment e = readExperiment(query);
        e.groups = readGroups(m_db, e.id);
        Statement members(m_db, "SELECT group_position, customer_id, customer_key FROM experiment_members "
                                "WHERE experiment_id = ?1 ORDER BY customer_id");
        members.bind(1, e.id);
        while (members.step()) {
            const auto g = size_t(members.int64(0));
            if (g < e.groups.size())
                e.groups[g].members.push_back({members.int64(1), members.text(2)});
        }
        return std::optional<Experiment>(std::move(e));
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> ExperimentStore::remove(qint64 id)
{
    try {
        store::Transaction transaction(m_db);
        for (const char *sql : {"DELETE FROM experiment_members WHERE experiment_id = ?1",
                                "DELETE FROM experiment_groups WHERE experiment_id = ?1",
                                "DELETE FROM experiments WHERE id = ?1"}) {
            Statement del(m_db, sql);
            del.bind(1, id);
            del.run();
        }
        transaction.commit();
        return {};
    } catch (const DatabaseError &error) {
        return databaseError(error);
    }
}

Result<void> ExperimentStore::restore(const Experiment &experiment)
{
    if (auto ok = checkNewName(experiment.name); !ok)
        return Error{tr("Cannot put the experiment “%1” back: %2").arg(experiment.name, ok.errorMessage())};
    const auto inserted = insert(experiment, true);
    if (!inserted)
        return inserted.error();
    return {};
}

Experiment ExperimentStore::fromExport(const QString &name, const exporting::ExportOptions &options,
                                       const exporting::ExportSummary &summary, const QString &ruleText, int control)
{
    Experiment experiment;
    experiment.name = name.trimmed();
    experiment.start = summary.asOf;
    experiment.segmentName = options.segmentName;
    experiment.ruleText = ruleText;
    experiment.seed = options.seed;
    for (qsizetype g = 0; g < options.splitPercents.size(); ++g) {
        ExperimentGroup group;
        group.name = exporting::groupName(int(g));
        group.percent = options.splitPercents[g];
        group.control = g == control;
        experiment.groups.push_back(std::move(group));
    }
    for (size_t i = 0; i < summary.memberIds.size() && i < summary.memberGroups.size(); ++i) {
        const size_t g = summary.memberGroups[i];
        if (g < experiment.groups.size())
            experiment.groups[g].members.push_back({summary.memberIds[i], QString()});
    }
    for (ExperimentGroup &group : experiment.groups)
        group.size = qint64(group.members.size());
    return experiment;
}

} // namespace segmenta::experiments
