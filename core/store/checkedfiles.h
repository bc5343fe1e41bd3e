#pragma once

#include <QString>

namespace segmenta::store {

// Workspaces SQLite's quick check found intact and that Segmenta (the window or the CLI) then closed cleanly,
// remembered across processes, so that the check (about 2 s at 200,000 customers, 10 s at a million) is paid
// once after a file changes outside Segmenta rather than on every open.
//
// A file is known intact only while it is the same file (device and inode), with the same size, modification
// and status-change times (to the nanosecond) as when it was remembered, and with no write-ahead log beside it.
// Any write to the file by anything (a disk tool, a sync program, a copy over it) changes its status-change time,
// which no program can set back; a log beside it means a connection is open or stopped mid-write. On file
// systems without sub-second times (FAT) and on systems without these times, nothing is remembered.
//
// The record is a small text file of its own in the user's configuration folder (never beside the workspace,
// and the workspace itself is only read by SQLite). Losing it, or two processes writing it at once, costs
// only a check. Any thread.
class CheckedFiles
{
public:
    // Whether `workspace` is known intact as described above.
    static bool knownIntact(const QString &workspace);
    // Remembers `workspace` as it is now as intact; call after the last connection closed cleanly.
    static void rememberIntact(const QString &workspace);
    // Forgets `workspace` (for instance when a check found it damaged).
    static void forget(const QString &workspace);
    // The record's file: segmenta/checked-workspaces in the user's configuration folder.
    static QString recordPath();
};

} // namespace segmenta::store
