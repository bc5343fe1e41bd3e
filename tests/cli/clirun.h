#pragma once
// Running segmenta-cli from a test, and looking at a workspace with plain SQLite (not Segmenta's code).

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <sqlite3.h>
#include <csignal>
#include <sys/resource.h>

namespace clirun {

struct Run
{
    int exitCode = -1; // -1: crashed, killed by a limit, or did not finish
    QString out;
    QString err;
};

struct Limits
{
    int cpuSeconds = 0;        // RLIMIT_CPU; 0: none
    qint64 memoryBytes = 0;    // RLIMIT_AS, or ASan's malloc limit in a sanitized build; 0: none
    int wallSeconds = 300;     // killed after this long (a command waiting on a pipe uses no CPU)
    qint64 fileSizeBytes = 0;  // RLIMIT_FSIZE (writes past it fail as on a full disk); 0: none
    QByteArray stdinBytes;
};

inline Run cli(const QStringList &arguments, const Limits &limits = {})
{
    QProcess process;
#if defined(__SANITIZE_ADDRESS__)
    // ASan reserves terabytes of address space for its shadow memory, so an address-space limit would stop
    // it from starting: its own allocator limit stands in for it.
    if (limits.memoryBytes > 0) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        QString options = environment.value(QStringLiteral("ASAN_OPTIONS"));
        options += QStringLiteral(":malloc_limit_mb=%1").arg(limits.memoryBytes >> 20);
        environment.insert(QStringLiteral("ASAN_OPTIONS"), options);
        process.setProcessEnvironment(environment);
    }
#endif
    process.setChildProcessModifier([limits] {
        if (limits.fileSizeBytes > 0) {
            ::signal(SIGXFSZ, SIG_IGN); // a failed write, not a killed process
            const rlimit size{rlim_t(limits.fileSizeBytes), rlim_t(limits.fileSizeBytes)};
            setrlimit(RLIMIT_FSIZE, &size);
        }
        if (limits.cpuSeconds > 0) {
            const rlimit cpu{rlim_t(limits.cpuSeconds), rlim_t(limits.cpuSeconds)};
            setrlimit(RLIMIT_CPU, &cpu);
        }
#if !defined(__SANITIZE_ADDRESS__)
        if (limits.memoryBytes > 0) {
            const rlimit memory{rlim_t(limits.memoryBytes), rlim_t(limits.memoryBytes)};
            setrlimit(RLIMIT_AS, &memory);
        }
#endif
    });
    process.start(QStringLiteral(SEGMENTA_BIN_DIR "/segmenta-cli"), arguments);
    process.write(limits.stdinBytes);
    process.closeWriteChannel();
    if (!process.waitForFinished(limits.wallSeconds * 1000)) {
        process.kill();
        process.waitForFinished();
        return {-1, QString::fromUtf8(process.readAllStandardOutput()),
                QStringLiteral("(killed after %1 s) ").arg(limits.wallSeconds) + QString::fromUtf8(process.readAllStandardError())};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

// Every table's definition and rows, in rowid order, as text: two dumps are equal when the workspace holds
// the same data.
inline QByteArray dump(const QString &path)
{
    QByteArray text;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    QList<QByteArray> tables;
    sqlite3_stmt *stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name", -1, &stmt, nullptr);
    while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
        tables << QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
        text += reinterpret_cast<const char *>(sqlite3_column_text(stmt, 1));
        text += '\n';
    }
    sqlite3_finalize(stmt);
    for (const QByteArray &table : tables) {
        const QByteArray sql = "SELECT * FROM \"" + table + "\"";
        sqlite3_prepare_v2(db, sql.constData(), -1, &stmt, nullptr);
        while (stmt && sqlite3_step(stmt) == SQLITE_ROW) {
            text += table + ':';
            for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
                const auto *value = reinterpret_cast<const char *>(sqlite3_column_text(stmt, i));
                text += value ? QByteArray(value) : QByteArray("NULL");
                text += '|';
            }
            text += '\n';
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return text;
}

inline QString integrity(const QString &path)
{
    sqlite3 *db = nullptr;
    sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *stmt = nullptr;
    QString result = QStringLiteral("cannot check");
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        result = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
}

} // namespace clirun
