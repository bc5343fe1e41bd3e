#pragma once

#include "common/result.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDate>
#include <QStringList>
#include <QTextStream>

#include <memory>
#include <optional>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::cli {

// Exit codes shared by every command.
enum ExitCode { Success = 0, Failure = 1, UsageError = 2 };

QTextStream &out();
QTextStream &err();

// Prints "segmenta-cli: <message>" on stderr and returns Failure.
int fail(const QString &message);

// Options parsing for one command: a QCommandLineParser with the command's name in the usage line, --help,
// and helpers for the options many commands share (--db, --as-of, --json).
class CommandLine
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::cli::CommandLine)

public:
    CommandLine(const QString &command, const QString &description);

    QCommandLineParser &parser() { return m_parser; }
    void addOption(const QCommandLineOption &option) { m_parser.addOption(option); }
    void addDbOption();
    void addAsOfOption();
    void addJsonOption();

    // Parses; on --help prints usage and returns Success; on bad options prints the problem and the usage
    // and returns UsageError; otherwise returns nullopt and the command goes on.
    std::optional<int> parse(const QStringList &arguments);

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString value(const QString &name) const { return m_parser.value(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

    // The --db value; prints a usage error when it is missing.
    std::optional<QString> requireDb();
    // The --as-of date, or nullopt when not given; throws nothing: a bad date prints a usage error and
    // sets `bad`.
    std::optional<QDate> asOf(bool *bad);

    int usageError(const QString &message);

private:
    QString m_command;
    QCommandLineParser m_parser;
};

// Opens the workspace named by --db; prints the error and returns nullptr when it cannot.
std::unique_ptr<store::Workspace> openWorkspace(const QString &path, bool create = false);

} // namespace segmenta::cli
