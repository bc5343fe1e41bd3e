#pragma once

#include <QStringList>

// One function per segmenta-cli command; each parses its own options and returns the exit code.
namespace segmenta::cli {

int runDemo(const QStringList &arguments);
int runInfo(const QStringList &arguments);
int runCheck(const QStringList &arguments);
int runBackup(const QStringList &arguments);
int runMetrics(const QStringList &arguments);
int runCustomers(const QStringList &arguments);
int runPredict(const QStringList &arguments);
int runCount(const QStringList &arguments);
int runSegment(const QStringList &arguments);
int runImport(const QStringList &arguments);
int runFields(const QStringList &arguments);
int runExport(const QStringList &arguments);
int runExperiment(const QStringList &arguments);

} // namespace segmenta::cli
