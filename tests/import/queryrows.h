#pragma once

#include "store/database.h"

#include <QStringList>

namespace segmenta::testing {

// The rows of a query, each as its values joined by '|' (NULL as an empty value), in the query's order.
inline QStringList rowsOf(store::Statement &query)
{
    QStringList result;
    while (query.step()) {
        QStringList values;
        for (int c = 0; c < query.columnCount(); ++c)
            values << (query.isNull(c) ? QString() : query.value(c).toString());
        result << values.join(u'|');
    }
    return result;
}

inline QStringList rowsOf(store::Database &db, const char *sql)
{
    store::Statement query(db, sql);
    return rowsOf(query);
}

} // namespace segmenta::testing
