#include "common/libraries.h"

#include <QtGlobal>

#include <boost/version.hpp>
#include <expat.h>
#include <freexl.h>
#include <sqlite3.h>
#include <xlsxwriter.h>
#include <zip.h>

namespace segmenta {

std::vector<ThirdPartyLibrary> thirdPartyLibraries()
{
    const XML_Expat_Version expat = XML_ExpatVersionInfo();
    return {
        {QStringLiteral("Qt"), QString::fromLatin1(qVersion()), QStringLiteral("LGPL-3.0-only"),
         QStringLiteral("https://www.qt.io")},
        {QStringLiteral("SQLite"), QString::fromLatin1(sqlite3_libversion()), QStringLiteral("Public domain"),
         QStringLiteral("https://sqlite.org")},
        {QStringLiteral("Boost"),
         QStringLiteral("%1.%2.%3").arg(BOOST_VERSION / 100000).arg(BOOST_VERSION / 100 % 1000).arg(BOOST_VERSION % 100),
         QStringLiteral("BSL-1.0 (Boost Software License 1.0)"), QStringLiteral("https://www.boost.org")},
        {QStringLiteral("libxlsxwriter"), QStringLiteral(LXW_VERSION), QStringLiteral("BSD-2-Clause"),
         QStringLiteral("https://libxlsxwriter.github.io")},
        {QStringLiteral("libzip"), QString::fromLatin1(zip_libzip_version()), QStringLiteral("BSD-3-Clause"),
         QStringLiteral("https://libzip.org")},
        // uchardet reports no version at run time.
        {QStringLiteral("uchardet"), QString(), QStringLiteral("MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"),
         QStringLiteral("https://www.freedesktop.org/wiki/Software/uchardet/")},
        {QStringLiteral("FreeXL"), QString::fromLatin1(freexl_version()),
         QStringLiteral("MPL-1.1 OR GPL-2.0-or-later OR LGPL-2.1-or-later"),
         QStringLiteral("https://www.gaia-gis.it/fossil/freexl/")},
        {QStringLiteral("expat"), QStringLiteral("%1.%2.%3").arg(expat.major).arg(expat.minor).arg(expat.micro),
         QStringLiteral("MIT"), QStringLiteral("https://libexpat.github.io")},
    };
}

} // namespace segmenta
