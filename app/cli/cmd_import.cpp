#include "command.h"
#include "commands.h"

#include "common/interruptcancels.h"
#include "common/progress.h"
#include "import/importer.h"
#include "import/importoutcome.h"
#include "metrics/customermetrics.h"
#include "store/field.h"
#include "store/filecheck.h"
#include "rules/purchasefields.h"
#include "store/workspace.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace segmenta::cli {

namespace {

int previewImport(CommandLine &line, const QString &db, const QString &file, const import::ImportOptions &options)
{
    std::unique_ptr<store::Workspace> workspace;
    if (QFileInfo::exists(db)) {
        auto opened = store::Workspace::open(db, store::Workspace::Mode::ReadOnly);
        if (!opened)
            return fail(opened.errorMessage());
        workspace = std::move(opened).value();
    }
    const auto preview = import::Importer::preview(file, options, workspace.get());
    if (!preview)
        return fail(preview.errorMessage());
    const QString kind = preview->kind == import::ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers");
    if (line.isSet(QStringLiteral("json"))) {
        QJsonArray fields;
        for (size_t i = 0; i < preview->fields.size(); ++i) {
            const auto &f = preview->fields[i];
            fields.append(QJsonObject{{QStringLiteral("name"), f.name},
                                      {QStringLiteral("type"), store::fieldTypeName(f.type)},
                                      {QStringLiteral("role"), f.role},
                                      {QStringLiteral("skip"), bool(preview->skipped[i])},
                                      {QStringLiteral("note"), f.note},
                                      {QStringLiteral("samples"), QJsonArray::fromStringList(preview->fieldSamples[i])}});
        }
        out() << QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("file"), preview->fileName},
                                                             {QStringLiteral("kind"), kind},
                                                             {QStringLiteral("header_row"), preview->headerRow},
                                                             {QStringLiteral("rows_examined"), preview->rowsExamined},
                                                             {QStringLiteral("whole_file"), preview->wholeFile},
                                                             {QStringLiteral("remembered_mapping"), preview->rememberedMapping},
                                                             {QStringLiteral("problem"), preview->problem},
                                                             {QStringLiteral("fields"), fields}})
                                       .toJson(QJsonDocument::Compact))
              << Qt::endl;
        return preview->problem.isEmpty() ? Success : Failure;
    }
    out() << CommandLine::tr("%1: %2, header on row %3, %4 rows examined%5")
                 .arg(preview->fileName, kind)
                 .arg(preview->headerRow)
                 .arg(preview->rowsExamined)
                 .arg(preview->rememberedMapping ? CommandLine::tr(", remembered mapping applied") : QString())
          << '\n';
    for (size_t i = 0; i < preview->fields.size(); ++i) {
        const auto &f = preview->fields[i];
        out() << "  " << f.name << ": "
              << (preview->skipped[i] ? CommandLine::tr("skipped") : store::fieldTypeName(f.type))
              << (f.role.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(f.role))
              << (f.note.isEmpty() ? QString() : QStringLiteral(" — ") + f.note) << '\n';
    }
    if (!preview->problem.isEmpty())
        err() << preview->problem << '\n';
    out().flush();
    return preview->problem.isEmpty() ? Success : Failure;
}

// The import's outcome as JSON ("added"): customers and orders added, the orders' first and last date and their
// revenue (valid orders with a date), as the window's import summary states them.
QJsonObject addedJson(const import::ImportOutcome &outcome)
{
    const auto date = [](const QDate &day) { return day.isValid() ? QJsonValue(day.toString(Qt::ISODate)) : QJsonValue(); };
    return QJsonObject{{QStringLiteral("customers"), outcome.customersAdded},
                       {QStringLiteral("orders"), outcome.ordersAdded},
                       {QStringLiteral("first_order_date"), date(outcome.firstOrderDate)},
                       {QStringLiteral("last_order_date"), date(outcome.lastOrderDate)},
                       {QStringLiteral("revenue"), outcome.revenue}};
}

// The same in one line: the summary's counts are of rows, and an order list's order may take several rows.
// (The command line loads no translation, so no plural forms: the counts follow their names.)
QString addedText(const import::ImportOutcome &outcome)
{
    QString text = CommandLine::tr("Customers added: %1").arg(outcome.customersAdded);
    if (outcome.ordersAdded > 0 || outcome.customersAdded == 0)
        text += CommandLine::tr("; orders added: %1").arg(outcome.ordersAdded);
    if (outcome.firstOrderDate.isValid()) {
        text += CommandLine::tr(" (dated %1 to %2, revenue %3 from the valid orders with a date)")
                    .arg(outcome.firstOrderDate.toString(Qt::ISODate), outcome.lastOrderDate.toString(Qt::ISODate),
                         QString::number(outcome.revenue, 'f', 2));
    }
    return text;
}

void printSummary(const import::ImportSummary &summary, const import::ImportOutcome &outcome)
{
    out() << CommandLine::tr("Imported %1 (%2, %3): %4 rows read, %5 inserted, %6 updated, %7 unchanged, %8 rejected")
                 .arg(summary.fileName, summary.kind == import::ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers"),
                      summary.encoding.isEmpty() ? CommandLine::tr("sheet “%1”").arg(summary.sheet) : summary.encoding)
                 .arg(summary.rowsRead)
                 .arg(summary.inserted)
                 .arg(summary.updated)
                 .arg(summary.unchanged)
                 .arg(summary.rejected)
          << '\n';
    out() << "  " << addedText(outcome) << '\n';
    for (const QString &note : summary.decodingNotes())
        out() << "  " << note << '\n';
    if (const QString currency = summary.currencyNote(); !currency.isEmpty())
        out() << "  " << currency << '\n';
    if (summary.kind == import::ImportKind::Orders) {
        if (summary.repeated > 0)
            out() << CommandLine::tr("  %1 rows repeated an earlier row exactly and were counted once").arg(summary.repeated) << '\n';
        if (summary.alreadyPresent > 0)
            out() << CommandLine::tr("  %1 rows are orders already stored by an earlier import (same customer and time); not added again")
                         .arg(summary.alreadyPresent) << '\n';
        if (summary.withoutDate > 0)
            out() << CommandLine::tr("  %1 orders have no order date (unpaid?): kept, not counted as purchases").arg(summary.withoutDate) << '\n';
    }
    for (const auto &field : summary.fields) {
        out() << "  " << field.name << ": " << store::fieldTypeName(field.type)
              << (field.role.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(field.role))
              << (field.note.isEmpty() ? QString() : QStringLiteral(" — ") + field.note) << '\n';
    }
    out().flush();
}

} // namespace

int runImport(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("import"),
                     CommandLine::tr("Imports a customer or order list (CSV, TSV, TXT, XLSX, XLSM, XLS or ODS) into a "
                                     "workspace, creating the workspace when needed."));
    line.addDbOption();
    line.addJsonOption();
    line.addOption({QStringLiteral("kind"), CommandLine::tr("customers or orders (default: detected)."), CommandLine::tr("KIND")});
    line.addOption({QStringLiteral("encoding"), CommandLine::tr("The file's encoding, e.g. GB18030 (default: detected)."),
                    CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("delimiter"), CommandLine::tr("The delimiter: , ; tab | or space (runs of spaces and tabs) (default: detected)."),
                    CommandLine::tr("CHAR")});
    line.addOption({QStringLiteral("sheet"), CommandLine::tr("Workbooks: the sheet to import (default: the first visible one)."),
                    CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("header-row"), CommandLine::tr("The row that holds the header (default: found automatically)."),
                    CommandLine::tr("N")});
    line.addOption({QStringLiteral("column"),
                    CommandLine::tr("Map a column: NAME=ROLE or NAME=ROLE:TYPE (ROLE may be empty for none); repeatable. "
                                    "The mapping is remembered for files with the same headers."),
                    CommandLine::tr("MAPPING")});
    line.addOption({QStringLiteral("skip"), CommandLine::tr("Leave this column out; repeatable."), CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("mapping"),
                    CommandLine::tr("Column choices from a JSON file: {\"COLUMN\": {\"role\": ROLE, \"type\": TYPE, "
                                    "\"skip\": true}, ...}, as `import --preview --json` lists the fields."),
                    CommandLine::tr("FILE.json")});
    line.addOption({QStringLiteral("preview"),
                    CommandLine::tr("Show what the import would do (header, columns, types, roles) without importing.")});
    line.parser().addPositionalArgument(QStringLiteral("file"), CommandLine::tr("The file to import."));
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    if (line.positional().size() != 1)
        return line.usageError(CommandLine::tr("name exactly one file to import"));
    import::ImportOptions options;
    if (line.isSet(QStringLiteral("kind"))) {
        const QString kind = line.value(QStringLiteral("kind"));
        if (kind == u"customers")
            options.kind = import::ImportKind::Customers;
        else if (kind == u"orders")
            options.kind = import::ImportKind::Orders;
        else
            return line.usageError(CommandLine::tr("--kind is customers or orders, not “%1”").arg(kind));
    }
    if (line.isSet(QStringLiteral("encoding")))
        options.read.encoding = line.value(QStringLiteral("encoding")).toLatin1();
    if (line.isSet(QStringLiteral("delimiter"))) {
        const QString d = line.value(QStringLiteral("delimiter"));
        if (d == u"tab" || d == u"\\t")
            options.read.delimiter = '\t';
        else if (d == u"space" || d == u"whitespace" || d == u" ")
            options.read.delimiter = ' '; // runs of spaces and tabs
        else if (d.size() == 1 && QStringLiteral(",;|\t").contains(d))
            options.read.delimiter = d.at(0).toLatin1();
        else
            return line.usageError(CommandLine::tr("--delimiter is one of , ; tab | space"));
    }
    if (line.isSet(QStringLiteral("sheet")))
        options.read.sheet = line.value(QStringLiteral("sheet"));
    if (line.isSet(QStringLiteral("header-row"))) {
        bool ok = false;
        options.headerRow = line.value(QStringLiteral("header-row")).toInt(&ok);
        if (!ok || options.headerRow < 1)
            return line.usageError(CommandLine::tr("--header-row is a row number from 1"));
    }
    if (line.isSet(QStringLiteral("mapping"))) {
        const QString file = line.value(QStringLiteral("mapping"));
        if (const auto usable = store::FileCheck::checkInput(file); !usable)
            return fail(usable.errorMessage());
        if (QFileInfo(file).size() > (qint64(16) << 20))
            return fail(CommandLine::tr("“%1” is too large to be a mapping of columns (over 16 MB)").arg(file));
        QFile json(file);
        if (!json.open(QIODevice::ReadOnly))
            return fail(CommandLine::tr("Cannot read “%1”: %2").arg(file, json.errorString()));
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.readAll(), &error);
        if (!document.isObject())
            return fail(CommandLine::tr("“%1” is not a JSON object of columns: %2")
                            .arg(file, error.error == QJsonParseError::NoError ? CommandLine::tr("it holds something else")
                                                                               : error.errorString()));
        const QJsonObject columns = document.object();
        for (auto it = columns.begin(); it != columns.end(); ++it) {
            const QJsonObject o = it.value().toObject();
            import::ColumnChoice choice;
            choice.role = o.value(QStringLiteral("role")).toString();
            choice.skip = o.value(QStringLiteral("skip")).toBool();
            if (const QString type = o.value(QStringLiteral("type")).toString(); !type.isEmpty()) {
                choice.type = store::fieldTypeFromName(type);
                if (!choice.type)
                    return fail(CommandLine::tr("“%1”, column “%2”: “%3” is not a field type").arg(file, it.key(), type));
            }
            options.columns[it.key()] = choice;
        }
    }
    for (const QString &mapping : line.parser().values(QStringLiteral("column"))) {
        const qsizetype equals = mapping.lastIndexOf(u'=');
        if (equals <= 0)
            return line.usageError(CommandLine::tr("--column is NAME=ROLE or NAME=ROLE:TYPE, not “%1”").arg(mapping));
        import::ColumnChoice choice;
        const QString target = mapping.mid(equals + 1);
        choice.role = target.section(u':', 0, 0).trimmed();
        if (const QString type = target.section(u':', 1).trimmed(); !type.isEmpty()) {
            choice.type = store::fieldTypeFromName(type);
            if (!choice.type)
                return line.usageError(CommandLine::tr("“%1” is not a field type").arg(type));
        }
        options.columns[mapping.left(equals).trimmed()] = choice;
    }
    for (const QString &name : line.parser().values(QStringLiteral("skip")))
        options.columns[name.trimmed()].skip = true;
    if (line.isSet(QStringLiteral("preview")))
        return previewImport(line, *db, line.positional().constFirst(), options);
    auto workspace = openWorkspace(*db, true);
    if (!workspace)
        return Failure;
    Progress progress; // Ctrl+C stops the import and leaves the workspace as it was
    const InterruptCancels interrupts(progress);
    const auto summary = import::Importer::run(*workspace, line.positional().constFirst(), options, &progress);
    if (!summary)
        return fail(summary.errorMessage());
    if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace); !metrics)
        return fail(metrics.errorMessage());
    // What the rows came to (customers and orders: an order of several lines is one), read back from the workspace.
    const auto outcome = import::ImportOutcome::of(*workspace, summary->sourceId);
    if (!outcome)
        return fail(outcome.errorMessage());
    if (line.isSet(QStringLiteral("json"))) {
        QJsonObject json = summary->toJson();
        json.insert(QStringLiteral("added"), addedJson(*outcome));
        out() << QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact)) << Qt::endl;
        return Success;
    }
    printSummary(*summary, *outcome);
    out().flush();
    return Success;
}

int runFields(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("fields"),
                     CommandLine::tr("Lists the fields rules can use: name, type, role, origin. Customer fields first, then "
                                     "the order and line fields a purchase condition's “where” names (entity order or line)."));
    line.addDbOption();
    line.addJsonOption();
    if (auto exit = line.parse(arguments))
        return *exit;
    const auto db = line.requireDb();
    if (!db)
        return UsageError;
    auto workspace = store::Workspace::open(*db, store::Workspace::Mode::ReadOnly);
    if (!workspace)
        return fail(workspace.errorMessage());
    try {
        // The customer fields, then what a purchase's where names (the fields table's order rows describe
        // how an order list was read; purchaseFields says where each lives now: lines or orders).
        auto fields = store::loadFields(workspace.value()->db(), QStringLiteral("customer"));
        for (store::FieldInfo &f : rules::purchaseFields(workspace.value()->db()))
            fields.push_back(std::move(f));
        QJsonArray array;
        for (const auto &f : fields) {
            const char *origin = f.origin == store::FieldOrigin::Imported ? "imported"
                                 : f.origin == store::FieldOrigin::Derived ? "derived"
                                                                           : "builtin";
            array.append(QJsonObject{{QStringLiteral("entity"), f.entity},
                                     {QStringLiteral("name"), f.name},
                                     {QStringLiteral("label"), f.label},
                                     {QStringLiteral("type"), store::fieldTypeName(f.type)},
                                     {QStringLiteral("role"), f.role},
                                     {QStringLiteral("origin"), QString::fromLatin1(origin)}});
            if (!line.isSet(QStringLiteral("json")))
                out() << f.entity << '\t' << f.name << '\t' << store::fieldTypeName(f.type) << '\t' << f.role << '\n';
        }
        if (line.isSet(QStringLiteral("json")))
            out() << QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact)) << '\n';
        out().flush();
    } catch (const store::DatabaseError &error) {
        return fail(error.message());
    }
    return Success;
}

} // namespace segmenta::cli
