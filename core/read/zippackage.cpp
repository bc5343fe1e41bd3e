#include "read/zippackage.h"

#include <QFile>
#include <QFileInfo>

#include <zip.h>

namespace segmenta::read {

namespace {

// A real spreadsheet part compresses 5 to 50 times; a few hundred times is still plausible for a sheet of
// repeated values. Beyond this ratio (and size) a part is a decompression bomb, not data.
constexpr qint64 kSuspiciousRatio = 1000;
constexpr qint64 kSuspiciousSize = 64 * 1024 * 1024;

} // namespace

ZipPart::ZipPart(zip_file *file, qint64 declared, qint64 limit)
    : m_file(file)
    , m_declared(declared)
    , m_limit(limit)
{
}

ZipPart::~ZipPart()
{
    zip_fclose(m_file);
}

qint64 ZipPart::readData(char *data, qint64 maxSize)
{
    if (m_done)
        return m_failed ? -1 : 0;
    const zip_int64_t n = zip_fread(m_file, data, zip_uint64_t(maxSize));
    if (n < 0) {
        setErrorString(QString::fromUtf8(zip_file_strerror(m_file)));
        m_done = m_failed = true;
        return -1;
    }
    if (n == 0)
        m_done = true;
    m_produced += n;
    // Some writers record a wrong size for small parts; only a part that outgrows its declared size by a lot,
    // or the caller's limit, is stopped.
    if (m_produced > m_limit || (m_produced > m_declared && m_produced > kSuspiciousSize)) {
        setErrorString(ZipPackage::tr("a part decompresses to more than it declares or than is plausible"));
        m_done = m_failed = true;
        return -1;
    }
    return n;
}

ZipPackage::~ZipPackage()
{
    if (m_zip)
        zip_discard(m_zip);
}

Result<std::unique_ptr<ZipPackage>> ZipPackage::open(const QString &path)
{
    std::unique_ptr<ZipPackage> package(new ZipPackage);
    package->m_fileName = QFileInfo(path).fileName();
    int code = 0;
    package->m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &code);
    if (!package->m_zip) {
        zip_error_t error;
        zip_error_init_with_code(&error, code);
        const QString reason = QString::fromUtf8(zip_error_strerror(&error));
        zip_error_fini(&error);
        return Error{tr("“%1” is damaged or truncated: its zip archive cannot be read (%2)").arg(package->m_fileName, reason)};
    }
    return package;
}

qint64 ZipPackage::locate(const QString &partName) const
{
    QString name = partName;
    if (name.startsWith(u'/'))
        name.remove(0, 1);
    const zip_int64_t index = zip_name_locate(m_zip, name.toUtf8().constData(), ZIP_FL_NOCASE);
    if (index >= 0)
        return index;
    // Some writers store Windows paths.
    name.replace(u'/', u'\\');
    return zip_name_locate(m_zip, name.toUtf8().constData(), ZIP_FL_NOCASE);
}

qint64 ZipPackage::size(const QString &partName) const
{
    const qint64 index = locate(partName);
    zip_stat_t stat;
    if (index < 0 || zip_stat_index(m_zip, zip_uint64_t(index), 0, &stat) != 0)
        return -1;
    return (stat.valid & ZIP_STAT_SIZE) ? qint64(stat.size) : -1;
}

Result<std::unique_ptr<ZipPart>> ZipPackage::openPart(const QString &partName, qint64 limit) const
{
    const qint64 index = locate(partName);
    if (index < 0)
        return Error{tr("“%1” is damaged: the part %2 is missing").arg(m_fileName, partName)};
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(m_zip, zip_uint64_t(index), 0, &stat) != 0)
        return Error{tr("“%1” is damaged: the part %2 cannot be read").arg(m_fileName, partName)};
    if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) && stat.encryption_method != ZIP_EM_NONE)
        return Error{tr("“%1” is password-protected; remove the password in Excel or WPS and import it again").arg(m_fileName)};
    const qint64 declared = qint64(stat.size);
    const qint64 compressed = qint64(stat.comp_size);
    if (declared > limit || (declared > kSuspiciousSize && declared > compressed * kSuspiciousRatio)) {
        return Error{tr("“%1” is refused: its part %2 would decompress to %3 MB, far more than a spreadsheet holds")
                         .arg(m_fileName, partName)
                         .arg(declared / (1024 * 1024))};
    }
    zip_file *file = zip_fopen_index(m_zip, zip_uint64_t(index), 0);
    if (!file)
        return Error{tr("“%1” is damaged: the part %2 cannot be opened (%3)").arg(m_fileName, partName, QString::fromUtf8(zip_strerror(m_zip)))};
    auto device = std::make_unique<ZipPart>(file, declared, limit);
    device->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    return device;
}

Result<QByteArray> ZipPackage::readPart(const QString &partName, qint64 limit) const
{
    auto device = openPart(partName, limit);
    if (!device)
        return device.error();
    QByteArray bytes = (*device)->readAll();
    if ((*device)->failed())
        return Error{tr("“%1” is damaged: %2 (%3)").arg(m_fileName, partName, (*device)->errorString())};
    return bytes;
}

} // namespace segmenta::read
