#include "store/checkedfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSaveFile>
#include <QStandardPaths>
#include <QStringList>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

namespace segmenta::store {

namespace {

constexpr int kMaxRemembered = 200; // the most recently remembered; older ones are checked again

QMutex s_mutex; // one writer per process; between processes the last rename wins

// The file's identity and times as one line, or empty when they cannot be trusted.
QString stampOf(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st{};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0 || !S_ISREG(st.st_mode))
        return {};
    if (st.st_mtim.tv_nsec == 0 && st.st_ctim.tv_nsec == 0)
        return {}; // whole seconds only: a write in the same second would go unseen
    return QStringLiteral("%1 %2 %3 %4.%5 %6.%7")
        .arg(qulonglong(st.st_dev))
        .arg(qulonglong(st.st_ino))
        .arg(qlonglong(st.st_size))
        .arg(qlonglong(st.st_mtim.tv_sec))
        .arg(qlonglong(st.st_mtim.tv_nsec))
        .arg(qlonglong(st.st_ctim.tv_sec))
        .arg(qlonglong(st.st_ctim.tv_nsec));
#else
    Q_UNUSED(path);
    return {};
#endif
}

// Each line: the canonical path, a tab, the stamp.
QStringList readRecord()
{
    QFile file(CheckedFiles::recordPath());
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text) || file.size() > 1024 * 1024)
        return {};
    return QString::fromUtf8(file.readAll()).split(u'\n', Qt::SkipEmptyParts);
}

void writeRecord(const QStringList &lines)
{
    const QString path = CheckedFiles::recordPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return;
    file.write(lines.join(u'\n').toUtf8() + '\n');
    file.commit(); // a failure costs a check next time, nothing more
}

// The record without `canonical`'s line.
QStringList others(const QStringList &lines, const QString &canonical)
{
    QStringList kept;
    const QString prefix = canonical + u'\t';
    for (const QString &line : lines) {
        if (!line.startsWith(prefix))
            kept << line;
    }
    return kept;
}

} // namespace

QString CheckedFiles::recordPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("segmenta/checked-workspaces"));
}

bool CheckedFiles::knownIntact(const QString &workspace)
{
    const QString canonical = QFileInfo(workspace).canonicalFilePath();
    if (canonical.isEmpty() || QFileInfo(workspace + QStringLiteral("-wal")).size() > 0)
        return false;
    const QString stamp = stampOf(canonical);
    if (stamp.isEmpty())
        return false;
    const QMutexLocker lock(&s_mutex);
    return readRecord().contains(canonical + u'\t' + stamp);
}

void CheckedFiles::rememberIntact(const QString &workspace)
{
    const QString canonical = QFileInfo(workspace).canonicalFilePath();
    if (canonical.isEmpty() || QFileInfo::exists(workspace + QStringLiteral("-wal")))
        return; // another connection still has it open: its last close remembers it
    const QString stamp = stampOf(canonical);
    const QMutexLocker lock(&s_mutex);
    QStringList lines = others(readRecord(), canonical);
    if (stamp.isEmpty()) {
        writeRecord(lines);
        return;
    }
    lines << canonical + u'\t' + stamp;
    while (lines.size() > kMaxRemembered)
        lines.removeFirst();
    writeRecord(lines);
}

void CheckedFiles::forget(const QString &workspace)
{
    const QString canonical = QFileInfo(workspace).canonicalFilePath();
    if (canonical.isEmpty())
        return;
    const QMutexLocker lock(&s_mutex);
    const QStringList lines = readRecord();
    if (const QStringList kept = others(lines, canonical); kept.size() != lines.size())
        writeRecord(kept);
}

} // namespace segmenta::store
