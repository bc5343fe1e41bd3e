#pragma once

#include <QString>

#include <vector>

namespace segmenta {

// A library Segmenta is built on, for the About box and the package's licence notes.
struct ThirdPartyLibrary
{
    QString name;
    QString version; // the version in use at run time where the library reports it, else the built-against one;
                     // empty when the library reports none
    QString licence; // the licence's usual name (SPDX-style where there is one)
    QString url;
};

// Qt, SQLite, Boost, libxlsxwriter, libzip, uchardet, FreeXL and expat, in that order. Any thread.
std::vector<ThirdPartyLibrary> thirdPartyLibraries();

} // namespace segmenta
