#include "store/filecheck.h"

#include "store/database.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

namespace segmenta::store {

namespace {

bool statFile(const QString &path, struct stat *info)
{
    return ::stat(QFile::encodeName(path).constData(), info) == 0;
}

bool sameFile(const struct stat &a, const QString &other)
{
    struct stat b{};
    return statFile(other, &b) && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

QString shown(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

Result<void> FileCheck::checkInput(const QString &path)
{
    const QByteArray name = QFile::encodeName(path);
    struct stat info{};
    if (::stat(name.constData(), &info) != 0) {
        const int error = errno;
        struct stat link{};
        if (error == ELOOP)
            return Error{tr("“%1” is a link that leads back to itself (a link loop); point it at a real file").arg(shown(path))};
        if (::lstat(name.constData(), &link) == 0 && S_ISLNK(link.st_mode)) {
            return Error{tr("“%1” is a link to “%2”, which does not exist")
                             .arg(shown(path), shown(QFileInfo(path).symLinkTarget()))};
        }
        if (error == EACCES)
            return Error{tr("Cannot read “%1”: you do not have permission to open its folder").arg(shown(path))};
        return Error{tr("“%1” does not exist").arg(shown(path))};
    }
    if (S_ISDIR(info.st_mode))
        return Error{tr("“%1” is a folder, not a file").arg(shown(path))};
    if (!S_ISREG(info.st_mode)) {
        return Error{tr("“%1” is not a regular file (it is a device, a pipe or a socket); save the data to a file "
                        "and use that")
                         .arg(shown(path))};
    }
    if (!QFileInfo(path).isReadable())
        return Error{tr("Cannot read “%1”: you do not have permission to read it").arg(shown(path))};
    return {};
}

Result<void> FileCheck::checkOutput(const QString &target, const QString &workspacePath)
{
    struct stat info{};
    if (!statFile(target, &info))
        return {}; // nothing there yet (a dangling link's target is created, as any new file)
    if (!workspacePath.isEmpty()) {
        if (sameFile(info, workspacePath)) {
            return Error{tr("Will not write “%1”: it is the workspace “%2” itself (or a link to it); choose another "
                            "file name")
                             .arg(shown(target), QFileInfo(workspacePath).fileName())};
        }
        for (const char *suffix : {"-wal", "-shm", "-journal"}) {
            if (sameFile(info, workspacePath + QLatin1StringView(suffix))) {
                return Error{tr("Will not write “%1”: it belongs to the workspace “%2”; choose another file name")
                                 .arg(shown(target), QFileInfo(workspacePath).fileName())};
            }
        }
    }
    if (S_ISDIR(info.st_mode))
        return Error{tr("Cannot write “%1”: it is a folder").arg(shown(target))};
    if (!S_ISREG(info.st_mode)) {
        return Error{tr("Will not write “%1”: it is not a regular file (it is a device, a pipe or a socket); choose "
                        "another file name")
                         .arg(shown(target))};
    }
    if (isSqliteDatabase(target)) {
        return Error{tr("Will not write “%1”: it is a database (perhaps a Segmenta workspace), which the export "
                        "would destroy; choose another file name")
                         .arg(shown(target))};
    }
    return {};
}

Result<FileCheck::FileStart> FileCheck::readFileStart(const QString &path, int count)
{
    const QString name = QFileInfo(path).fileName();
    try {
        // immutable=1: no locks taken and nothing written, not even a -shm file.
        Database db = Database::open(path, Database::Access::Immutable);
        sqlite3_file *file = nullptr;
        if (sqlite3_file_control(db.handle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || !file ||
            !file->pMethods)
            return Error{tr("Cannot read “%1”").arg(name)};
        sqlite3_int64 size = 0;
        if (file->pMethods->xFileSize(file, &size) != SQLITE_OK)
            return Error{tr("Cannot read “%1”").arg(name)};
        FileStart start;
        start.size = size;
        start.bytes = QByteArray(qsizetype(std::min<sqlite3_int64>(size, count)), '\0');
        if (!start.bytes.isEmpty() &&
            file->pMethods->xRead(file, start.bytes.data(), int(start.bytes.size()), 0) != SQLITE_OK)
            return Error{tr("Cannot read “%1”").arg(name)};
        return start;
    } catch (const DatabaseError &) {
        return Error{tr("Cannot read “%1”: check that it is a file you may read").arg(name)};
    }
}

bool FileCheck::isSqliteDatabase(const QString &path)
{
    struct stat info{};
    if (!statFile(path, &info) || !S_ISREG(info.st_mode))
        return false;
    const auto start = readFileStart(path, 16);
    return start && start->bytes == QByteArrayView("SQLite format 3\0", 16);
}

} // namespace segmenta::store
