#include "command.h"
#include "commands.h"

#include "segmenta/version.h"

#include <QCoreApplication>

#include <array>

using namespace segmenta::cli;

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &arguments);
};

constexpr std::array kCommands = {
    Command{"demo", QT_TRANSLATE_NOOP("Cli", "Create a demo shop workspace"), runDemo},
    Command{"import", QT_TRANSLATE_NOOP("Cli", "Import a customer or order list (CSV, XLSX, XLS, ODS)"), runImport},
    Command{"fields", QT_TRANSLATE_NOOP("Cli", "List the fields rules can use"), runFields},
    Command{"info", QT_TRANSLATE_NOOP("Cli", "Summarise a workspace"), runInfo},
    Command{"check", QT_TRANSLATE_NOOP("Cli", "Check a workspace file's integrity"), runCheck},
    Command{"backup", QT_TRANSLATE_NOOP("Cli", "Save a consistent copy of a workspace, even while it is in use"), runBackup},
    Command{"metrics", QT_TRANSLATE_NOOP("Cli", "Lifecycle, value tier and RFM distribution, funnel"), runMetrics},
    Command{"customers", QT_TRANSLATE_NOOP("Cli", "Print customers with chosen fields as CSV"), runCustomers},
    Command{"predict", QT_TRANSLATE_NOOP("Cli", "Predicted purchases, churn risk and CLV (BG/NBD, Gamma-Gamma)"), runPredict},
    Command{"count", QT_TRANSLATE_NOOP("Cli", "Count the customers a rule or segment selects"), runCount},
    Command{"segment", QT_TRANSLATE_NOOP("Cli", "List, save, show or delete saved segments"), runSegment},
    Command{"export", QT_TRANSLATE_NOOP("Cli", "Export the members of a rule or segment to .xlsx or .csv"), runExport},
    Command{"experiment", QT_TRANSLATE_NOOP("Cli", "List, measure or delete A/B experiments recorded by export"), runExperiment},
};

void printUsage(QTextStream &stream)
{
    stream << "Usage: segmenta-cli COMMAND [options]\n"
           << "       segmenta-cli COMMAND --help\n"
           << "       segmenta-cli --version\n\n"
           << QCoreApplication::translate("Cli", "Customer segmentation for shops that live in spreadsheets.")
           << "\n\n"
           << QCoreApplication::translate("Cli", "Commands:") << '\n';
    for (const Command &command : kCommands) {
        stream << "  " << QString::fromLatin1(command.name).leftJustified(12) << ' '
               << QCoreApplication::translate("Cli", command.summary) << '\n';
    }
    stream.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("segmenta-cli"));
    QCoreApplication::setOrganizationName(QString::fromLatin1(segmenta::kOrganizationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(segmenta::kVersion));

    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    if (arguments.isEmpty()) {
        printUsage(err());
        return UsageError;
    }
    const QString first = arguments.takeFirst();
    if (first == u"--help" || first == u"-h" || first == u"help") {
        printUsage(out());
        return Success;
    }
    if (first == u"--version" || first == u"-v") {
        out() << "segmenta-cli " << segmenta::kVersion << Qt::endl;
        return Success;
    }
    for (const Command &command : kCommands) {
        if (first == QLatin1StringView(command.name))
            return command.run(arguments);
    }
    err() << "segmenta-cli: "
          << QCoreApplication::translate("Cli", "unknown command “%1”").arg(first) << "\n\n";
    printUsage(err());
    return UsageError;
}
