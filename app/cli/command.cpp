#include "command.h"

#include "store/workspace.h"

#include <cstdio>

namespace segmenta::cli {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString &message)
{
    out().flush();
    err() << "segmenta-cli: " << message << Qt::endl;
    return Failure;
}

CommandLine::CommandLine(const QString &command, const QString &description) : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

void CommandLine::addDbOption()
{
    m_parser.addOption({QStringLiteral("db"), tr("The workspace file (.segmenta)."), tr("WORKSPACE")});
}

void CommandLine::addAsOfOption()
{
    m_parser.addOption({QStringLiteral("as-of"),
                        tr("Analysis date (YYYY-MM-DD) for this run; default: the workspace's analysis date."),
                        tr("DATE")});
}

void CommandLine::addJsonOption()
{
    m_parser.addOption({QStringLiteral("json"), tr("Print the result as one JSON object.")});
}

std::optional<int> CommandLine::parse(const QStringList &arguments)
{
    QStringList withProgram = arguments;
    withProgram.prepend(QStringLiteral("segmenta-cli ") + m_command);
    if (!m_parser.parse(withProgram))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        out() << m_parser.helpText();
        out().flush();
        return Success;
    }
    return std::nullopt;
}

std::optional<QString> CommandLine::requireDb()
{
    const QString db = m_parser.value(QStringLiteral("db"));
    if (db.isEmpty()) {
        usageError(tr("missing --db WORKSPACE"));
        return std::nullopt;
    }
    return db;
}

std::optional<QDate> CommandLine::asOf(bool *bad)
{
    *bad = false;
    if (!m_parser.isSet(QStringLiteral("as-of")))
        return std::nullopt;
    const QString text = m_parser.value(QStringLiteral("as-of"));
    const QDate date = QDate::fromString(text, Qt::ISODate);
    if (!date.isValid()) {
        usageError(tr("--as-of needs a date as YYYY-MM-DD, not “%1”").arg(text));
        *bad = true;
        return std::nullopt;
    }
    return date;
}

int CommandLine::usageError(const QString &message)
{
    out().flush();
    err() << "segmenta-cli " << m_command << ": " << message << Qt::endl << Qt::endl << m_parser.helpText();
    err().flush();
    return UsageError;
}

std::unique_ptr<store::Workspace> openWorkspace(const QString &path, bool create)
{
    auto workspace = store::Workspace::open(
        path, create ? store::Workspace::Mode::CreateIfMissing : store::Workspace::Mode::ReadWrite);
    if (!workspace) {
        fail(workspace.errorMessage());
        return nullptr;
    }
    // A damaged workspace is opened read-only: commands that would write to it stop here with what to do.
    if (!workspace.value()->damage().isEmpty()) {
        fail(workspace.value()->damage());
        return nullptr;
    }
    return std::move(workspace).value();
}

} // namespace segmenta::cli
