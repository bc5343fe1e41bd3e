#pragma once

#include "store/field.h"

#include <vector>

namespace segmenta::store {
class Database;
}

namespace segmenta::rules {

// The fields a purchase condition's `where` names: each order line's product, sku, category, quantity,
// unit_price and amount (entity "line", table order_lines), the order's channel, status and order_date
// (entity "order", table orders), then every column imported with an order list (entity "order", as the
// fields table lists them). The built-in names come first, so an imported column that shares one is hidden.
// Throws store::DatabaseError.
std::vector<store::FieldInfo> purchaseFields(store::Database &db);

// The built-in part of purchaseFields(), for a context without a workspace.
std::vector<store::FieldInfo> builtinPurchaseFields();

} // namespace segmenta::rules
