#pragma once

#include "common/result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace segmenta::store {

// Checks on files Segmenta reads or writes beside a workspace, made before anything is opened, so that a bad
// file costs no time and a workspace is never overwritten:
// - an input (a spreadsheet to import, a rule file, a mapping, a .segment.json) must be a regular file: a
//   device such as /dev/zero, a pipe or a socket would never end or never start, and is refused at once;
//   a missing file, a dangling link and a link loop each get their own message;
// - an output (a member export, a report, a chart image, a .segment.json, a list of rejected rows) must not be
//   the workspace (by name, through a link or as the same file under another name, compared by device and
//   inode), nor any other SQLite database, nor a device, pipe or socket.
// Headers are read through SQLite's own file handle (see readFileStart), never through a plain descriptor
// that would drop the process's locks on an open workspace when closed. Any thread may call these.
class FileCheck
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::store::FileCheck)

public:
    static Result<void> checkInput(const QString &path);
    static Result<void> checkOutput(const QString &target, const QString &workspacePath = QString());

    struct FileStart
    {
        QByteArray bytes; // at most the first `count` bytes
        qint64 size = 0;
    };
    // The first bytes and the size of a regular file, read through SQLite's handle: on POSIX, closing any
    // descriptor of a file drops every lock the process holds on it, SQLite's included; SQLite's Unix layer
    // defers closing its own descriptor while another connection of the process holds locks on the file.
    static Result<FileStart> readFileStart(const QString &path, int count);
    // Whether the file begins with SQLite's header (false for anything unreadable or not a regular file).
    static bool isSqliteDatabase(const QString &path);
};

} // namespace segmenta::store
