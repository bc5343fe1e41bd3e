#pragma once

#include <QString>

#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::rules {

// What the imports since the last undo added to the orders, lines and customers, kept in the workspace's
// settings (store::Workspace::kPurchasesAppendedKey) so that a kept copy of an earlier state's purchases
// (PurchaseSnapshot) can be extended with the new rows instead of reading every row again
// (ColumnCache::purchases). Every import only adds: an order already in the workspace is left as it is
// (counted unchanged, or refused), a line goes only to an order of that import, and a customer keeps their id
// and row. So the orders and lines after an import are those before it followed by those with larger ids.
struct AppendedPurchases
{
    struct Earlier // a state an import started from
    {
        QString stamp;            // its ColumnCache::purchaseStamp()
        qint64 ordersUpTo = 0;    // its largest order id
        qint64 customersUpTo = 0; // its largest customer id
    };
    QString to;                  // the stamp of the state after the last import: the record serves only it
    std::vector<Earlier> earlier; // the states the imports started from, the latest first

    // The record stored in `db`; empty when there is none or it cannot be read. Throws store::DatabaseError.
    static AppendedPurchases read(store::Database &db);
    // Called by an import in its transaction before it writes anything: the state it starts from, in front of
    // the states of the imports before it when it starts where they ended (no undo or demo shop between),
    // keeping at most kMaxStates.
    static AppendedPurchases startingImport(store::Database &db);
    // Called by the import last before its commit, when the stamp of the state after it is final.
    void finishImport(store::Database &db);

    static constexpr size_t kMaxStates = 8; // the cache folder holds one copy a workspace: a later one is likelier
};

} // namespace segmenta::rules
