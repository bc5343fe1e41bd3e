#pragma once

#include "common/result.h"

#include <QCoreApplication>
#include <QDate>
#include <QString>

#include <vector>

namespace segmenta::store {
class Workspace;
}

namespace segmenta::import {

// What one import added to a workspace and what it left out, for the import wizard's summary: read back
// from the workspace by the import's source id, so it is what the workspace now holds.
//
// Customers added are those this import inserted (customers.source_id); customers it only updated are not
// counted. Orders added are the order rows it inserted; the dates span their order dates; revenue is the sum
// of the amounts of those that are valid (not cancelled or refunded) and dated (an undated order is kept but
// is no purchase). What was left out is the rejects
// table grouped by reason, most rows first; the reasons of rows repeating an earlier row (each names that row)
// are one reason. Any thread, with that thread's workspace connection.
struct ImportOutcome
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::import::ImportOutcome)

public:
    qint64 customersAdded = 0;
    qint64 ordersAdded = 0;
    QDate firstOrderDate; // invalid when no added order has a date
    QDate lastOrderDate;
    double revenue = 0;
    struct LeftOut
    {
        QString reason;
        qint64 rows = 0;
    };
    std::vector<LeftOut> leftOut;

    static Result<ImportOutcome> of(store::Workspace &workspace, qint64 sourceId);
};

} // namespace segmenta::import
