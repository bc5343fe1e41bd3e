#include "store/builtinfields.h"

#include "store/database.h"

#include <QtGlobal>

#include <iterator>

namespace segmenta::store {

namespace {

struct BuiltinField
{
    const char *entity;
    const char *name;
    const char *label;
    const char *table;
    const char *column;
    const char *type;
    const char *role;
    const char *origin;
};

// The labels are marked for translation here and translated where shown (QCoreApplication::translate
// with context "Field").
constexpr BuiltinField kBuiltinFields[] = {
    {"customer", "customer_id", QT_TRANSLATE_NOOP("Field", "Customer ID"), "customers", "customer_key", "identifier", "customer_id", "builtin"},
    {"customer", "name", QT_TRANSLATE_NOOP("Field", "Name"), "customers", "name", "text", "name", "builtin"},
    {"customer", "phone", QT_TRANSLATE_NOOP("Field", "Phone"), "customers", "phone", "identifier", "phone", "builtin"},
    {"customer", "email", QT_TRANSLATE_NOOP("Field", "Email"), "customers", "email", "text", "email", "builtin"},
    {"customer", "gender", QT_TRANSLATE_NOOP("Field", "Gender"), "customers", "gender", "category", "gender", "builtin"},
    {"customer", "birth_date", QT_TRANSLATE_NOOP("Field", "Birth date"), "customers", "birth_date", "date", "birth_date", "builtin"},
    {"customer", "age", QT_TRANSLATE_NOOP("Field", "Age"), "customers", "age", "integer", "age", "builtin"},
    {"customer", "country", QT_TRANSLATE_NOOP("Field", "Country"), "customers", "country", "category", "country", "builtin"},
    {"customer", "province", QT_TRANSLATE_NOOP("Field", "Province"), "customers", "province", "category", "province", "builtin"},
    {"customer", "city", QT_TRANSLATE_NOOP("Field", "City"), "customers", "city", "category", "city", "builtin"},
    {"customer", "signup_date", QT_TRANSLATE_NOOP("Field", "Signup date"), "customers", "signup_date", "date", "signup_date", "builtin"},
    {"customer", "channel", QT_TRANSLATE_NOOP("Field", "Channel"), "customers", "channel", "category", "channel", "builtin"},
    {"customer", "tags", QT_TRANSLATE_NOOP("Field", "Tags"), "customers", "tags", "text", "tags", "builtin"},
    {"customer", "first_order_date", QT_TRANSLATE_NOOP("Field", "First order date"), "customer_metrics", "first_order_date", "date", "", "derived"},
    {"customer", "last_order_date", QT_TRANSLATE_NOOP("Field", "Last order date"), "customer_metrics", "last_order_date", "date", "", "derived"},
    {"customer", "days_since_last_order", QT_TRANSLATE_NOOP("Field", "Days since last order"), "customer_metrics", "days_since_last_order", "integer", "", "derived"},
    {"customer", "orders_count", QT_TRANSLATE_NOOP("Field", "Orders"), "customer_metrics", "orders_count", "integer", "", "derived"},
    {"customer", "total_spend", QT_TRANSLATE_NOOP("Field", "Total spend"), "customer_metrics", "total_spend", "money", "", "derived"},
    {"customer", "avg_order_value", QT_TRANSLATE_NOOP("Field", "Average order value"), "customer_metrics", "avg_order_value", "money", "", "derived"},
    {"customer", "largest_order", QT_TRANSLATE_NOOP("Field", "Largest order"), "customer_metrics", "largest_order", "money", "", "derived"},
    {"customer", "avg_days_between_orders", QT_TRANSLATE_NOOP("Field", "Average days between orders"), "customer_metrics", "avg_days_between_orders", "decimal", "", "derived"},
    {"customer", "tenure_days", QT_TRANSLATE_NOOP("Field", "Tenure (days)"), "customer_metrics", "tenure_days", "integer", "", "derived"},
    {"customer", "spend_30", QT_TRANSLATE_NOOP("Field", "Spend, last 30 days"), "customer_metrics", "spend_30", "money", "", "derived"},
    {"customer", "spend_90", QT_TRANSLATE_NOOP("Field", "Spend, last 90 days"), "customer_metrics", "spend_90", "money", "", "derived"},
    {"customer", "spend_365", QT_TRANSLATE_NOOP("Field", "Spend, last 365 days"), "customer_metrics", "spend_365", "money", "", "derived"},
    {"customer", "orders_30", QT_TRANSLATE_NOOP("Field", "Orders, last 30 days"), "customer_metrics", "orders_30", "integer", "", "derived"},
    {"customer", "orders_90", QT_TRANSLATE_NOOP("Field", "Orders, last 90 days"), "customer_metrics", "orders_90", "integer", "", "derived"},
    {"customer", "orders_365", QT_TRANSLATE_NOOP("Field", "Orders, last 365 days"), "customer_metrics", "orders_365", "integer", "", "derived"},
    {"customer", "repeat_buyer", QT_TRANSLATE_NOOP("Field", "Repeat buyer"), "customer_metrics", "repeat_buyer", "boolean", "", "derived"},
    {"customer", "refunded_count", QT_TRANSLATE_NOOP("Field", "Refunded orders"), "customer_metrics", "refunded_count", "integer", "", "derived"},
    {"customer", "lifecycle_stage", QT_TRANSLATE_NOOP("Field", "Lifecycle stage"), "customer_metrics", "lifecycle_stage", "lifecycle", "", "derived"},
    {"customer", "value_tier", QT_TRANSLATE_NOOP("Field", "Value tier"), "customer_metrics", "value_tier", "tier", "", "derived"},
    {"customer", "r_score", QT_TRANSLATE_NOOP("Field", "Recency score"), "customer_metrics", "r_score", "integer", "", "derived"},
    {"customer", "f_score", QT_TRANSLATE_NOOP("Field", "Frequency score"), "customer_metrics", "f_score", "integer", "", "derived"},
    {"customer", "m_score", QT_TRANSLATE_NOOP("Field", "Monetary score"), "customer_metrics", "m_score", "integer", "", "derived"},
    {"customer", "rfm_segment", QT_TRANSLATE_NOOP("Field", "RFM segment"), "customer_metrics", "rfm_segment", "rfm", "", "derived"},
    {"order", "order_id", QT_TRANSLATE_NOOP("Field", "Order ID"), "orders", "order_key", "identifier", "order_id", "builtin"},
    {"order", "order_date", QT_TRANSLATE_NOOP("Field", "Order date"), "orders", "order_date", "datetime", "order_date", "builtin"},
    {"order", "amount", QT_TRANSLATE_NOOP("Field", "Amount"), "orders", "amount", "money", "amount", "builtin"},
    {"order", "quantity", QT_TRANSLATE_NOOP("Field", "Quantity"), "orders", "quantity", "decimal", "quantity", "builtin"},
    {"order", "unit_price", QT_TRANSLATE_NOOP("Field", "Unit price"), "orders", "unit_price", "money", "unit_price", "builtin"},
    {"order", "status", QT_TRANSLATE_NOOP("Field", "Status"), "orders", "status", "category", "status", "builtin"},
    {"order", "product", QT_TRANSLATE_NOOP("Field", "Product"), "orders", "product", "text", "product", "builtin"},
    {"order", "category", QT_TRANSLATE_NOOP("Field", "Category"), "orders", "category", "category", "category", "builtin"},
    {"order", "channel", QT_TRANSLATE_NOOP("Field", "Channel"), "orders", "channel", "category", "channel", "builtin"},
};

// Schema version 6: the predictions (see predict::CustomerPredictions), placed after the built-in fields.
constexpr BuiltinField kPredictionFields[] = {
    {"customer", "p_alive", QT_TRANSLATE_NOOP("Field", "P(alive)"), "customer_metrics", "p_alive", "decimal", "", "derived"},
    {"customer", "churn_risk", QT_TRANSLATE_NOOP("Field", "Churn risk"), "customer_metrics", "churn_risk", "decimal", "", "derived"},
    {"customer", "expected_orders_90", QT_TRANSLATE_NOOP("Field", "Expected orders, next 90 days"), "customer_metrics", "expected_orders_90", "decimal", "", "derived"},
    {"customer", "predicted_clv", QT_TRANSLATE_NOOP("Field", "Predicted CLV"), "customer_metrics", "predicted_clv", "money", "", "derived"},
    {"customer", "clv_tier", QT_TRANSLATE_NOOP("Field", "CLV tier"), "customer_metrics", "clv_tier", "tier", "", "derived"},
};
constexpr int kPredictionFieldsPosition = 100;

// Schema version 10: what each customer buys (see metrics::PurchaseProfile), after the predictions.
constexpr BuiltinField kPurchaseProfileFields[] = {
    {"customer", "favourite_category", QT_TRANSLATE_NOOP("Field", "Favourite category"), "customer_metrics", "favourite_category", "category", "", "derived"},
    {"customer", "distinct_products", QT_TRANSLATE_NOOP("Field", "Distinct products"), "customer_metrics", "distinct_products", "integer", "", "derived"},
    {"customer", "first_product", QT_TRANSLATE_NOOP("Field", "First product"), "customer_metrics", "first_product", "text", "", "derived"},
    {"customer", "last_product", QT_TRANSLATE_NOOP("Field", "Last product"), "customer_metrics", "last_product", "text", "", "derived"},
    {"customer", "first_channel", QT_TRANSLATE_NOOP("Field", "First order channel"), "customer_metrics", "first_channel", "category", "", "derived"},
};
constexpr int kPurchaseProfileFieldsPosition = 110;

void insertFields(Database &db, const BuiltinField *begin, const BuiltinField *end, int position)
{
    Statement insert(db, "INSERT OR IGNORE INTO fields(entity, name, label, table_name, column_name, type, role, "
                         "origin, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const BuiltinField *field = begin; field != end; ++field) {
        insert.bindUtf8(1, field->entity)
            .bindUtf8(2, field->name)
            .bindUtf8(3, field->label)
            .bindUtf8(4, field->table)
            .bindUtf8(5, field->column)
            .bindUtf8(6, field->type)
            .bindUtf8(7, field->role)
            .bindUtf8(8, field->origin)
            .bind(9, position++);
        insert.run();
    }
}

} // namespace

void insertBuiltinFields(Database &db)
{
    Statement insert(db, "INSERT INTO fields(entity, name, label, table_name, column_name, type, role, origin, "
                         "position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    int position = 0;
    for (const BuiltinField &field : kBuiltinFields) {
        insert.bindUtf8(1, field.entity)
            .bindUtf8(2, field.name)
            .bindUtf8(3, field.label)
            .bindUtf8(4, field.table)
            .bindUtf8(5, field.column)
            .bindUtf8(6, field.type)
            .bindUtf8(7, field.role)
            .bindUtf8(8, field.origin)
            .bind(9, position++);
        insert.run();
    }
}

void insertPredictionFields(Database &db)
{
    Statement insert(db, "INSERT OR IGNORE INTO fields(entity, name, label, table_name, column_name, type, role, "
                         "origin, position) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    int position = kPredictionFieldsPosition;
    for (const BuiltinField &field : kPredictionFields) {
        insert.bindUtf8(1, field.entity)
            .bindUtf8(2, field.name)
            .bindUtf8(3, field.label)
            .bindUtf8(4, field.table)
            .bindUtf8(5, field.column)
            .bindUtf8(6, field.type)
            .bindUtf8(7, field.role)
            .bindUtf8(8, field.origin)
            .bind(9, position++);
        insert.run();
    }
}

void insertPurchaseProfileFields(Database &db)
{
    insertFields(db, std::begin(kPurchaseProfileFields), std::end(kPurchaseProfileFields), kPurchaseProfileFieldsPosition);
}

void forEachBuiltinField(const std::function<void(const char *entity, const char *name, const char *label)> &visit)
{
    for (const BuiltinField &field : kBuiltinFields)
        visit(field.entity, field.name, field.label);
    for (const BuiltinField &field : kPredictionFields)
        visit(field.entity, field.name, field.label);
    for (const BuiltinField &field : kPurchaseProfileFields)
        visit(field.entity, field.name, field.label);
}

} // namespace segmenta::store
