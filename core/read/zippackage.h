#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>

#include <memory>

struct zip;
struct zip_file;

namespace segmenta::read {

// One part's decompressed bytes as a sequential device. Reading fails (returns -1, failed() true, the reason
// in errorString()) when the part is damaged or delivers more bytes than allowed.
class ZipPart : public QIODevice
{
public:
    ZipPart(zip_file *file, qint64 declared, qint64 limit);
    ~ZipPart() override;

    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_done && QIODevice::bytesAvailable() == 0; }
    bool failed() const { return m_failed; }
    qint64 produced() const { return m_produced; }
    qint64 declaredSize() const { return m_declared; }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    zip_file *m_file;
    qint64 m_declared;
    qint64 m_limit;
    qint64 m_produced = 0;
    bool m_done = false;
    bool m_failed = false;
};

// A zip archive opened for reading parts (OOXML and OpenDocument files are zip packages), through libzip.
// Part names are looked up case-insensitively, as the Open Packaging Conventions require, and with either
// slash. Every part is read through a size guard: a part whose declared size is absurd, or that
// decompresses to more than it declared or than the caller's limit, is refused instead of filling memory.
// Not thread-safe.
class ZipPackage
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::read::ZipPackage)

public:
    ~ZipPackage();
    ZipPackage(const ZipPackage &) = delete;
    ZipPackage &operator=(const ZipPackage &) = delete;

    // Error: the file is not a zip archive, or its central directory is damaged.
    static Result<std::unique_ptr<ZipPackage>> open(const QString &path);

    bool contains(const QString &partName) const { return locate(partName) >= 0; }
    qint64 size(const QString &partName) const; // declared uncompressed size, -1 when absent

    // A sequential device over one part's decompressed bytes, refusing to deliver more than `limit` bytes.
    // Error: the part is missing, encrypted, or its sizes are implausible (a decompression bomb).
    Result<std::unique_ptr<ZipPart>> openPart(const QString &partName, qint64 limit) const;
    Result<QByteArray> readPart(const QString &partName, qint64 limit) const;

    QString fileName() const { return m_fileName; }

private:
    ZipPackage() = default;
    qint64 locate(const QString &partName) const;

    zip *m_zip = nullptr;
    QString m_fileName;
};

} // namespace segmenta::read
