#include "command.h"
#include "commands.h"

#include "import/importer.h"
#include "metrics/customermetrics.h"
#include "store/field.h"
#include "store/workspace.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace segmenta::cli {

int runImport(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("import"),
                     CommandLine::tr("Imports a customer or order list (CSV, TSV, TXT, XLSX, XLSM or XLS) into a "
                                     "workspace, creating the workspace when needed."));
    line.addDbOption();
    line.addJsonOption();
    line.addOption({QStringLiteral("kind"), CommandLine::tr("customers or orders (default: detected)."), CommandLine::tr("KIND")});
    line.addOption({QStringLiteral("encoding"), CommandLine::tr("The file's encoding, e.g. GB18030 (default: detected)."),
                    CommandLine::tr("NAME")});
    line.addOption({QStringLiteral("delimiter"), CommandLine::tr("The delimiter: , ; tab or | (default: detected)."),
                    CommandLine::tr("CHAR")});
    line.addOption({QStringLiteral("sheet"), CommandLine::tr("Workbooks: the sheet to import (default: the first visible one)."),
                    CommandLine::tr("NAME")});
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
        else if (d.size() == 1 && QStringLiteral(",;|\t").contains(d))
            options.read.delimiter = d.at(0).toLatin1();
        else
            return line.usageError(CommandLine::tr("--delimiter is one of , ; tab |"));
    }
    if (line.isSet(QStringLiteral("sheet")))
        options.read.sheet = line.value(QStringLiteral("sheet"));
    auto workspace = openWorkspace(*db, true);
    if (!workspace)
        return Failure;
    const auto summary = import::Importer::run(*workspace, line.positional().constFirst(), options);
    if (!summary)
        return fail(summary.errorMessage());
    if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*workspace); !metrics)
        return fail(metrics.errorMessage());
    if (line.isSet(QStringLiteral("json"))) {
        out() << QString::fromUtf8(QJsonDocument(summary->toJson()).toJson(QJsonDocument::Compact)) << Qt::endl;
        return Success;
    }
    out() << CommandLine::tr("Imported %1 (%2, %3): %4 rows read, %5 inserted, %6 updated, %7 unchanged, %8 rejected")
                 .arg(summary->fileName, summary->kind == import::ImportKind::Orders ? QStringLiteral("orders") : QStringLiteral("customers"),
                      summary->encoding.isEmpty() ? CommandLine::tr("sheet “%1”").arg(summary->sheet) : summary->encoding)
                 .arg(summary->rowsRead)
                 .arg(summary->inserted)
                 .arg(summary->updated)
                 .arg(summary->unchanged)
                 .arg(summary->rejected)
          << '\n';
    for (const auto &field : summary->fields) {
        out() << "  " << field.name << ": " << store::fieldTypeName(field.type)
              << (field.role.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(field.role))
              << (field.note.isEmpty() ? QString() : QStringLiteral(" — ") + field.note) << '\n';
    }
    out().flush();
    return Success;
}

int runFields(const QStringList &arguments)
{
    CommandLine line(QStringLiteral("fields"), CommandLine::tr("Lists the fields rules can use: name, type, role, origin."));
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
        const auto fields = store::loadFields(workspace.value()->db());
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
