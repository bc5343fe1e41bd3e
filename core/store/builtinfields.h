#pragma once

#include <functional>

namespace segmenta::store {

class Database;

// Registers the fields every workspace has: the built-in customer and order columns and the derived
// per-customer metrics. Labels are English source strings; the UI translates them (context "Field").
void insertBuiltinFields(Database &db);
// Registers the prediction fields of schema version 6 (p_alive, churn_risk, expected_orders_90,
// predicted_clv, clv_tier), after the built-in ones.
void insertPredictionFields(Database &db);
// Registers what each customer buys, of schema version 10 (favourite_category, distinct_products,
// first_product, last_product, first_channel), after the prediction fields.
void insertPurchaseProfileFields(Database &db);

// Calls `visit` with the entity ("customer" or "order"), name and English label of every such field, the
// prediction and purchase profile fields included.
void forEachBuiltinField(const std::function<void(const char *entity, const char *name, const char *label)> &visit);

} // namespace segmenta::store
