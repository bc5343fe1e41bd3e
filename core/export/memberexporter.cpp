#include "export/memberexporter.h"

#include <algorithm>
#include <iterator>

#include "experiments/experimentstore.h"
#include "export/csvmemberwriter.h"
#include "export/groupsplit.h"
#include "export/personaldatamask.h"
#include "export/xlsxmemberwriter.h"
#include "metrics/analysissettings.h"
#include "metrics/customermetrics.h"
#include "rules/columncache.h"
#include "rules/columnarevaluator.h"
#include "rules/ruletext.h"
#include "rules/sqlcompiler.h"
#include "store/filecheck.h"
#include "store/workspace.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>
#include <map>

namespace segmenta::exporting {

namespace {

constexpr qint64 kProgressStep = 4096; // rows between progress reports and cancel checks

enum class Format { Xlsx, Csv };

CellFormat formatFor(store::FieldType type)
{
    using store::FieldType;
    switch (type) {
    case FieldType::Integer:
        return CellFormat::Integer;
    case FieldType::Decimal:
        return CellFormat::Decimal;
    case FieldType::Money:
        return CellFormat::Money;
    case FieldType::Percent:
        return CellFormat::Percent;
    case FieldType::Date:
        return CellFormat::Date;
    case FieldType::DateTime:
        return CellFormat::DateTime;
    case FieldType::Boolean:
        return CellFormat::Boolean;
    case FieldType::Identifier:
        return CellFormat::Identifier;
    case FieldType::Category:
    case FieldType::Text:
    case FieldType::Lifecycle:
    case FieldType::ValueTier:
    case FieldType::RfmSegment:
        break;
    }
    return CellFormat::Text;
}

// How one column's values are read from the row and turned into cells.
struct ColumnReader
{
    CellFormat format = CellFormat::Text;
    PersonalDataMask::Kind mask = PersonalDataMask::Kind::None;
    store::FieldType type = store::FieldType::Text;
    std::string scratch;                                       // the masked value of the current row
    std::map<std::string, std::string, std::less<>> displayNames; // stage, tier and RFM ids -> shown names
};

Cell readCell(const store::Statement &row, int column, ColumnReader &reader)
{
    // NULL reads as empty text, so only numbers and booleans need the storage type (fewer SQLite calls per
    // cell: this loop runs twenty million times for a large export).
    Cell cell;
    switch (reader.format) {
    case CellFormat::Integer:
    case CellFormat::Decimal:
    case CellFormat::Money:
    case CellFormat::Percent:
        if (row.isNumber(column)) {
            const double value = row.real(column);
            if (std::isfinite(value)) { // Excel has no infinity: "Inf" stays text
                cell.kind = Cell::Kind::Number;
                cell.number = value;
                if (std::trunc(value) == value && std::abs(value) < 9.0e18) {
                    cell.isInteger = true;
                    cell.integer = row.int64(column);
                }
                return cell;
            }
        }
        break; // text in a number field: written as the text it is
    case CellFormat::Boolean:
        if (row.isNumber(column)) {
            cell.kind = Cell::Kind::Boolean;
            cell.number = row.real(column) != 0 ? 1 : 0;
            return cell;
        }
        break;
    case CellFormat::Date:
    case CellFormat::DateTime:
        if (parseIsoDate(row.utf8(column), reader.format == CellFormat::DateTime, cell))
            return cell;
        break; // unreadable or before 1900: kept as text
    case CellFormat::Text:
    case CellFormat::Identifier:
        break;
    }
    const std::string_view text = row.utf8(column);
    if (text.empty())
        return cell;
    cell.kind = Cell::Kind::Text;
    if (reader.type == store::FieldType::Lifecycle || reader.type == store::FieldType::ValueTier ||
        reader.type == store::FieldType::RfmSegment) {
        auto it = reader.displayNames.find(text);
        if (it == reader.displayNames.end()) {
            const QString id = QString::fromUtf8(text.data(), qsizetype(text.size()));
            const QString shown = reader.type == store::FieldType::Lifecycle   ? metrics::stageDisplayName(id)
                                  : reader.type == store::FieldType::ValueTier ? metrics::tierDisplayName(id)
                                                                               : metrics::rfmDisplayName(id);
            it = reader.displayNames.emplace(std::string(text), shown.toStdString()).first;
        }
        cell.text = it->second;
    } else if (reader.mask != PersonalDataMask::Kind::None) {
        reader.scratch = PersonalDataMask::apply(reader.mask, QString::fromUtf8(text.data(), qsizetype(text.size()))).toStdString();
        cell.text = reader.scratch;
        if (reader.scratch.empty())
            cell.kind = Cell::Kind::Empty;
    } else {
        cell.text = text;
    }
    return cell;
}

void tally(std::map<std::string, qint64, std::less<>> &counts, std::string_view key)
{
    if (auto it = counts.find(key); it != counts.end())
        ++it->second;
    else
        counts.emplace(std::string(key), 1);
}

QString columnSql(const store::FieldInfo &field)
{
    const QString alias = field.table == u"customer_metrics" ? QStringLiteral("m") : QStringLiteral("c");
    return alias + u'.' + store::quoteIdentifier(field.column);
}

QString fieldHeader(const store::FieldInfo &field)
{
    // Built-in labels are English source strings translated in context "Field"; imported ones stay as they are.
    const QByteArray source = field.label.toUtf8();
    return QCoreApplication::translate("Field", source.constData());
}

// Keeps the members that are in one of the named lists, and returns each kept member's list (the first that
// holds it): see ExportOptions::namedLists.
std::vector<std::uint8_t> keepNamedLists(const std::vector<ExportOptions::NamedList> &lists, std::vector<qint64> &members)
{
    std::map<qint64, std::uint8_t> listOf;
    for (size_t i = lists.size(); i-- > 0;) {
        for (const qint64 id : lists[i].ids)
            listOf[id] = std::uint8_t(i);
    }
    std::vector<qint64> kept;
    std::vector<std::uint8_t> groups;
    for (const qint64 id : members) {
        if (const auto it = listOf.find(id); it != listOf.end()) {
            kept.push_back(id);
            groups.push_back(it->second);
        }
    }
    members = std::move(kept);
    return groups;
}

} // namespace

Result<void> MemberExporter::checkExperiment(store::Workspace &workspace, const ExportOptions &options)
{
    if (options.experimentName.isEmpty())
        return {};
    if (options.splitPercents.isEmpty())
        return Error{tr("Recording an experiment needs an A/B split")};
    if (options.experimentControl < 0 || options.experimentControl >= options.splitPercents.size())
        return Error{tr("The control group must be one of the split's groups")};
    return experiments::ExperimentStore(workspace.db()).checkNewName(options.experimentName);
}

Result<ExportSummary> MemberExporter::recordExperiment(store::Workspace &workspace, const ExportOptions &options,
                                                       const QString &ruleText, ExportSummary summary)
{
    const auto experiment = experiments::ExperimentStore::fromExport(options.experimentName, options, summary, ruleText,
                                                                     options.experimentControl);
    if (const auto recorded = experiments::ExperimentStore(workspace.db()).record(experiment); !recorded)
        return Error{tr("The members were exported to %1, but the experiment could not be recorded: %2")
                         .arg(summary.files.join(QStringLiteral(", ")), recorded.errorMessage())};
    summary.message += QStringLiteral("; ") + tr("recorded as experiment “%1” starting %2, group %3 the control")
                                                  .arg(experiment.name, experiment.start.toString(Qt::ISODate),
                                                       experiment.groups[size_t(options.experimentControl)].name);
    return summary;
}

QStringList ExportOptions::defaultColumns()
{
    return {QStringLiteral("customer_id"),     QStringLiteral("name"),        QStringLiteral("phone"),
            QStringLiteral("email"),           QStringLiteral("city"),        QStringLiteral("lifecycle_stage"),
            QStringLiteral("value_tier"),      QStringLiteral("rfm_segment"), QStringLiteral("orders_count"),
            QStringLiteral("total_spend"),     QStringLiteral("last_order_date")};
}

QStringList MemberExporter::targetPaths(const ExportOptions &options)
{
    const QFileInfo info(options.outPath);
    if (!options.splitSheets || options.splitPercents.isEmpty() || info.suffix().toLower() != u"csv")
        return {options.outPath};
    QStringList paths;
    for (qsizetype g = 0; g < options.splitPercents.size(); ++g)
        paths << info.dir().filePath(info.completeBaseName() + u'-' + groupName(int(g)) + u'.' + info.suffix());
    return paths;
}

Result<ExportSummary> MemberExporter::run(store::Workspace &workspace, const rules::Rule &rule,
                                          const ExportOptions &options, Progress *progress)
{
    // Check everything that needs no data first, so that a bad option never costs a recompute.
    const QString suffix = QFileInfo(options.outPath).suffix().toLower();
    if (options.outPath.isEmpty() || (suffix != u"xlsx" && suffix != u"csv"))
        return Error{tr("Cannot export to “%1”: the file name must end in .xlsx or .csv").arg(options.outPath)};
    const Format format = suffix == u"xlsx" ? Format::Xlsx : Format::Csv;
    const bool split = !options.splitPercents.isEmpty();
    const bool listed = !options.namedLists.empty();
    if (listed && (split || options.namedLists.size() > 255))
        return Error{tr("Named lists cannot be exported with an A/B split, nor more than 255 of them")};
    if (split) {
        if (auto valid = GroupSplit::validate(options.splitPercents); !valid)
            return valid.error();
    }
    if (auto experiment = checkExperiment(workspace, options); !experiment)
        return experiment.error();
    const auto delimiter = static_cast<unsigned char>(options.delimiter);
    if (format == Format::Csv && (delimiter == 0 || delimiter >= 0x80 || options.delimiter == '"' ||
                                  options.delimiter == '\r' || options.delimiter == '\n'))
        return Error{tr("“%1” cannot separate CSV fields; use a comma, semicolon, tab or another ASCII character")
                         .arg(QString::fromLatin1(&options.delimiter, 1))};
    const QStringList targets = targetPaths(options);
    for (const QString &target : targets) {
        const QFileInfo info(target);
        if (!info.absoluteDir().exists())
            return Error{tr("Cannot export to “%1”: the folder “%2” does not exist").arg(target, info.absolutePath())};
        if (info.isDir())
            return Error{tr("Cannot export to “%1”: it is a folder").arg(target)};
        if (auto safe = store::FileCheck::checkOutput(target, workspace.path()); !safe)
            return safe.error();
        if (info.exists() && !options.force)
            return Error{tr("“%1” already exists; choose another name or allow replacing it").arg(target)};
    }

    const auto current = metrics::CustomerMetrics::ensureCurrent(workspace, options.asOf);
    if (!current)
        return current.error();
    const QDate asOf = current->asOf;

    try {
        const auto context = rules::RuleContext::forDatabase(workspace.db(), asOf);
        const auto compiled = rules::SqlCompiler::compile(rule, context);
        if (!compiled)
            return compiled.error();

        // The columns, in the order asked for.
        const QStringList keys = options.columns.isEmpty() ? ExportOptions::defaultColumns() : options.columns;
        ExportLayout layout;
        std::vector<ColumnReader> readers;
        QStringList select{QStringLiteral("c.id")};
        for (const QString &key : keys) {
            const store::FieldInfo *field = context.field(key.trimmed());
            if (!field)
                return Error{tr("There is no customer field “%1” to export").arg(key.trimmed())};
            ColumnReader reader;
            reader.type = field->type;
            reader.format = formatFor(field->type);
            reader.mask = options.mask ? PersonalDataMask::kindForRole(field->role) : PersonalDataMask::Kind::None;
            if (options.mask && field->role == u"customer_id") // IDs that are phone numbers or e-mail addresses
                reader.mask = PersonalDataMask::kindForRole(workspace.setting(QStringLiteral("customer_key_role")));
            readers.push_back(std::move(reader));
            layout.columns.push_back({field->name, fieldHeader(*field), readers.back().format});
            select << columnSql(*field);
        }
        // The Summary sheet's counts come from the same rows.
        select << QStringLiteral("m.lifecycle_stage") << QStringLiteral("m.value_tier") << QStringLiteral("m.rfm_segment");
        const int summaryColumn = int(select.size()) - 3;

        std::vector<qint64> members;
        try {
            members = rules::SqlCompiler::members(workspace.db(), compiled.value());
        } catch (const store::DatabaseError &error) {
            // SQLite parses expressions at most 1,000 levels deep, and a rule of 1,100 "or" conditions goes
            // deeper: such a rule is evaluated in memory instead, as the live count evaluates every rule.
            if (!error.detail().contains(u"too large") && !error.detail().contains(u"stack overflow"))
                throw;
            auto cache = rules::ColumnCache::load(workspace.db(), context.fields);
            if (!cache)
                return cache.error();
            const auto selected = rules::ColumnarEvaluator::evaluate(rule, context, *cache.value());
            if (!selected)
                return selected.error();
            members = rules::ColumnarEvaluator::memberIds(selected.value(), *cache.value());
            std::sort(members.begin(), members.end());
        }
        if (options.customerIds) { // a selection: those of the rule's members that were selected
            std::vector<qint64> chosen = *options.customerIds;
            std::sort(chosen.begin(), chosen.end());
            std::vector<qint64> both;
            std::set_intersection(members.begin(), members.end(), chosen.begin(), chosen.end(), std::back_inserter(both));
            members = std::move(both);
        }
        std::vector<std::uint8_t> groups;
        if (listed) {
            groups = keepNamedLists(options.namedLists, members);
            for (const auto &list : options.namedLists)
                layout.groupNames << list.name;
            layout.groupHeader = options.listsHeader;
        }
        const auto memberCount = qint64(members.size());
        ExportReport report;
        if (split) {
            for (qsizetype g = 0; g < options.splitPercents.size(); ++g)
                layout.groupNames << groupName(int(g));
            layout.groupPerSheet = options.splitSheets;
            groups = GroupSplit::assign(memberCount, options.splitPercents, options.seed);
            report.groupSizes = GroupSplit::sizes(memberCount, options.splitPercents);
        }

        std::unique_ptr<MemberWriter> writer;
        if (format == Format::Xlsx) {
            const QString symbol = options.currencySymbol.isEmpty() ? workspace.currencySymbol() : options.currencySymbol;
            auto created = XlsxMemberWriter::create(options.outPath, layout, symbol, options.maxRowsPerSheet);
            if (!created)
                return created.error();
            writer = std::move(created).value();
        } else {
            auto created = CsvMemberWriter::create(targets, layout, options.encoding, options.delimiter);
            if (!created)
                return created.error();
            writer = std::move(created).value();
        }

        if (progress)
            progress->setTotal(memberCount);
        std::map<std::string, qint64, std::less<>> stages, tiers, rfm; // for the XLSX Summary sheet
        std::vector<Cell> cells(readers.size());
        if (!members.empty()) {
            // One pass over the customers in id order, merged with the (ascending) member ids.
            store::Statement rows(workspace.db(),
                                  QStringLiteral("SELECT %1 FROM customers c LEFT JOIN customer_metrics m "
                                                 "ON m.customer_id = c.id WHERE c.id BETWEEN ?1 AND ?2 ORDER BY c.id")
                                      .arg(select.join(QStringLiteral(", ")))
                                      .toStdString());
            rows.bind(1, members.front()).bind(2, members.back());
            size_t next = 0;
            qint64 scanned = 0;
            while (next < members.size() && rows.step()) {
                if (++scanned % kProgressStep == 0 && progress) {
                    progress->checkCanceled();
                    progress->setDone(qint64(next));
                }
                const qint64 id = rows.int64(0);
                if (id != members[next])
                    continue;
                for (size_t i = 0; i < readers.size(); ++i)
                    cells[i] = readCell(rows, int(i) + 1, readers[i]);
                writer->writeRow(split || listed ? int(groups[next]) : -1, cells);
                if (format == Format::Xlsx) {
                    tally(stages, rows.utf8(summaryColumn));
                    tally(tiers, rows.utf8(summaryColumn + 1));
                    tally(rfm, rows.utf8(summaryColumn + 2));
                }
                ++next;
            }
            if (next != members.size()) // the customers changed under us (another connection wrote)
                return Error{tr("The customers of “%1” changed during the export; try again").arg(workspace.displayName())};
        }
        if (progress) {
            progress->checkCanceled();
            progress->setDone(memberCount);
        }

        const auto toQt = [](const std::map<std::string, qint64, std::less<>> &counts) {
            std::map<QString, qint64> result;
            for (const auto &[key, n] : counts)
                result[QString::fromStdString(key)] += n;
            return result;
        };
        report.segmentName = options.segmentName;
        report.segmentDescription = options.segmentDescription;
        report.ruleText = options.ruleText.isEmpty() ? rules::RuleText::print(rule) : options.ruleText;
        report.asOf = asOf;
        report.exportedAt = QDateTime::currentDateTime();
        report.workspacePath = QFileInfo(workspace.path()).absoluteFilePath();
        report.members = memberCount;
        report.masked = options.mask;
        report.splitPercents = options.splitPercents;
        report.seed = options.seed;
        report.lifecycle = toQt(stages);
        report.tiers = toQt(tiers);
        report.rfmSegments = toQt(rfm);
        auto outcome = writer->commit(report);
        if (!outcome)
            return outcome.error();

        ExportSummary summary;
        summary.members = memberCount;
        summary.asOf = asOf;
        summary.files = outcome->files;
        summary.sheets = outcome->sheets;
        summary.groupSizes = report.groupSizes;
        if (split) {
            summary.memberIds = std::move(members);
            summary.memberGroups = std::move(groups);
        }
        summary.message = tr("Exported %n member(s) to %1", nullptr, int(std::min<qint64>(memberCount, INT_MAX)))
                              .arg(summary.files.join(QStringLiteral(", ")));
        if (!outcome->note.isEmpty())
            summary.message += QStringLiteral("; ") + outcome->note;
        if (!options.experimentName.isEmpty())
            return recordExperiment(workspace, options, report.ruleText, std::move(summary));
        return summary;
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not read the members from “%1”: %2").arg(workspace.displayName(), error.message())};
    } catch (const Canceled &) {
        return Error{tr("The export was cancelled; no file was written")};
    }
}

} // namespace segmenta::exporting
