#include "store/schema.h"

#include "store/builtinfields.h"
#include "store/database.h"

#include <string>

namespace segmenta::store::schema {

namespace {

// Version 1: the first schema. Dates are ISO 8601 text ('2024-07-03' or '2024-07-03T09:41:00') so that any
// SQLite tool shows them readably and they sort and compare as text. Money is REAL in the shop's currency.
// Imported columns that have no built-in role are added to customers/orders as c_<n>/o_<n> columns and
// described in the fields table.
constexpr const char *kVersion1 = R"sql(
CREATE TABLE sources(
    id          INTEGER PRIMARY KEY,
    file_name   TEXT NOT NULL,
    file_path   TEXT,
    file_hash   TEXT NOT NULL,
    file_size   INTEGER,
    imported_at TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('customers', 'orders', 'demo')),
    sheet       TEXT,
    encoding    TEXT,
    delimiter   TEXT,
    header_row  INTEGER,
    mapping_json TEXT NOT NULL DEFAULT '{}',
    rows_read   INTEGER NOT NULL DEFAULT 0,
    inserted    INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE fields(
    id          INTEGER PRIMARY KEY,
    entity      TEXT NOT NULL CHECK (entity IN ('customer', 'order')),
    name        TEXT NOT NULL,
    label       TEXT NOT NULL,
    table_name  TEXT NOT NULL,
    column_name TEXT NOT NULL,
    type        TEXT NOT NULL,
    role        TEXT NOT NULL DEFAULT '',
    origin      TEXT NOT NULL CHECK (origin IN ('builtin', 'imported', 'derived')),
    source_id   INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (entity, name)
);

CREATE TABLE customers(
    id            INTEGER PRIMARY KEY,
    customer_key  TEXT NOT NULL UNIQUE,
    name          TEXT,
    phone         TEXT,
    email         TEXT,
    gender        TEXT,
    birth_date    TEXT,
    age           INTEGER,
    country       TEXT,
    province      TEXT,
    city          TEXT,
    signup_date   TEXT,
    channel       TEXT,
    tags          TEXT,
    list_total_spend      REAL,
    list_orders_count     INTEGER,
    list_first_order_date TEXT,
    list_last_order_date  TEXT,
    source_id     INTEGER REFERENCES sources(id)
);

CREATE TABLE orders(
    id          INTEGER PRIMARY KEY,
    order_key   TEXT NOT NULL UNIQUE,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    order_date  TEXT,
    amount      REAL,
    quantity    REAL,
    unit_price  REAL,
    status      TEXT,
    is_valid    INTEGER NOT NULL DEFAULT 1,
    is_refund   INTEGER NOT NULL DEFAULT 0,
    product     TEXT,
    category    TEXT,
    channel     TEXT,
    source_id   INTEGER REFERENCES sources(id)
);
CREATE INDEX orders_by_customer ON orders(customer_id, order_date);
CREATE INDEX orders_by_source ON orders(source_id);
CREATE INDEX customers_by_source ON customers(source_id);

CREATE TABLE rejects(
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    row_number  INTEGER,
    column_name TEXT,
    raw_value   TEXT,
    reason      TEXT NOT NULL
);
CREATE INDEX rejects_by_source ON rejects(source_id);

CREATE TABLE segments(
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    color       TEXT NOT NULL DEFAULT '#4e79a7',
    position    INTEGER NOT NULL DEFAULT 0,
    rule_json   TEXT NOT NULL,
    export_columns_json TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE settings(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE customer_metrics(
    customer_id             INTEGER PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    first_order_date        TEXT,
    last_order_date         TEXT,
    days_since_last_order   INTEGER,
    orders_count            INTEGER NOT NULL DEFAULT 0,
    total_spend             REAL NOT NULL DEFAULT 0,
    avg_order_value         REAL,
    largest_order           REAL,
    avg_days_between_orders REAL,
    tenure_days             INTEGER,
    spend_30                REAL NOT NULL DEFAULT 0,
    spend_90                REAL NOT NULL DEFAULT 0,
    spend_365               REAL NOT NULL DEFAULT 0,
    orders_30               INTEGER NOT NULL DEFAULT 0,
    orders_90               INTEGER NOT NULL DEFAULT 0,
    orders_365              INTEGER NOT NULL DEFAULT 0,
    repeat_buyer            INTEGER NOT NULL DEFAULT 0,
    refunded_count          INTEGER NOT NULL DEFAULT 0,
    lifecycle_stage         TEXT,
    value_tier              TEXT,
    r_score                 INTEGER,
    f_score                 INTEGER,
    m_score                 INTEGER,
    rfm_segment             TEXT
);
)sql";

// Version 2: segment size history, remembered import mappings per file layout, and the undo log that lets
// an import be removed as a unit (rows it inserted are deleted, rows it updated get their old values back).
constexpr const char *kVersion2 = R"sql(
CREATE TABLE segment_history(
    id            INTEGER PRIMARY KEY,
    segment_id    INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    analysis_date TEXT NOT NULL,
    recorded_at   TEXT NOT NULL,
    source_id     INTEGER REFERENCES sources(id) ON DELETE SET NULL,
    customers     INTEGER NOT NULL,
    revenue       REAL NOT NULL DEFAULT 0,
    lifecycle_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX segment_history_by_segment ON segment_history(segment_id, analysis_date);

CREATE TABLE layouts(
    signature    TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    mapping_json TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE import_undo(
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    table_name  TEXT NOT NULL,
    row_id      INTEGER NOT NULL,
    old_json    TEXT NOT NULL
);
CREATE INDEX import_undo_by_source ON import_undo(source_id);
)sql";

// Version 3: how many customers moved from one lifecycle stage to another when the analysis date advanced
// (written by the metrics recompute; from_stage '' = a customer who was not in the workspace before).
constexpr const char *kVersion3 = R"sql(
CREATE TABLE lifecycle_moves(
    analysis_date TEXT NOT NULL,
    previous_date TEXT NOT NULL,
    from_stage    TEXT NOT NULL,
    to_stage      TEXT NOT NULL,
    customers     INTEGER NOT NULL,
    PRIMARY KEY(analysis_date, from_stage, to_stage)
);
)sql";

// Version 6: predictions (BG/NBD and Gamma-Gamma, written by the metrics recompute through
// predict::CustomerPredictions): P(alive), its complement, expected orders in the next 90 days, predicted CLV
// and its tier. Empty (tier 'none') for customers without a purchase or when predictions are off or the data
// cannot support a fit.
constexpr const char *kVersion6 = R"sql(
ALTER TABLE customer_metrics ADD COLUMN p_alive REAL;
ALTER TABLE customer_metrics ADD COLUMN churn_risk REAL;
ALTER TABLE customer_metrics ADD COLUMN expected_orders_90 REAL;
ALTER TABLE customer_metrics ADD COLUMN predicted_clv REAL;
ALTER TABLE customer_metrics ADD COLUMN clv_tier TEXT NOT NULL DEFAULT 'none';
)sql";

// Version 7: A/B experiments recorded when a split is exported. Members are fixed at the start: each is kept
// with the customer's key as well as the id, so the measurement finds the same person after imports (even one
// undone and imported again, which gives the customer a new id). Group positions follow the split's order
// (0 = A); exactly one group of an experiment is the control.
constexpr const char *kVersion7 = R"sql(
CREATE TABLE experiments(
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    start_date   TEXT NOT NULL,
    segment_name TEXT NOT NULL DEFAULT '',
    rule_text    TEXT NOT NULL DEFAULT '',
    seed         TEXT NOT NULL DEFAULT '0',
    created_at   TEXT NOT NULL
);
CREATE TABLE experiment_groups(
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    name          TEXT NOT NULL,
    percent       INTEGER NOT NULL,
    is_control    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY(experiment_id, position)
);
CREATE TABLE experiment_members(
    experiment_id  INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    customer_id    INTEGER NOT NULL,
    customer_key   TEXT NOT NULL,
    group_position INTEGER NOT NULL,
    PRIMARY KEY(experiment_id, customer_id)
) WITHOUT ROWID;
)sql";

// Version 8: orders without an order id are known by their customer and order date-time. Earlier imports keyed
// them by a hash of the whole row ('row:' and 40 hex digits of SHA-1), so importing a file again (or another export of the same
// orders) added them a second time. Each such order with a date gets the key a fresh import gives it
// ('at:' customer key, U+001F, order date as stored), and orders that now share a key are merged as a fresh
// import would have stored them: the rows of the earliest import (lowest source id) are lines of one order, the
// first of them kept, amounts and quantities added up (a line without a quantity counts 1, as in
// RowStore::storeOrder); the same order stored again by a later import is dropped, as a fresh import reports it
// "already present" and adds nothing. Orders without a date keep their whole-row key, which is still how a fresh
// import knows them. What cannot be undone: rows repeated exactly that an earlier import added up into one order
// (two rows of 168 stored as 336) - the workspace keeps no trace of how many rows made an order.
constexpr const char *kVersion8 = R"sql(
CREATE TEMP TABLE v8_rekeyed AS
    SELECT o.id AS id, coalesce(o.source_id, 0) AS source,
           'at:' || c.customer_key || char(31) || o.order_date AS new_key
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE substr(o.order_key, 1, 4) = 'row:' AND length(o.order_key) = 44 AND o.order_date IS NOT NULL
      AND o.order_date <> '';
INSERT INTO v8_rekeyed
    SELECT id, coalesce(source_id, 0), order_key FROM orders
    WHERE order_key IN (SELECT new_key FROM v8_rekeyed);
CREATE INDEX temp.v8_rekeyed_by_key ON v8_rekeyed(new_key, source, id);
CREATE INDEX temp.v8_rekeyed_by_id ON v8_rekeyed(id);

CREATE TEMP TABLE v8_kept AS
    SELECT r.new_key AS new_key, min(r.id) AS id, count(*) AS lines
    FROM v8_rekeyed r
    WHERE r.source = (SELECT min(source) FROM v8_rekeyed f WHERE f.new_key = r.new_key)
    GROUP BY r.new_key;
CREATE INDEX temp.v8_kept_by_id ON v8_kept(id);
CREATE INDEX temp.v8_kept_by_key ON v8_kept(new_key);

UPDATE orders SET
    amount = (SELECT coalesce(orders.amount, 0) + coalesce(sum(o.amount), 0)
              FROM v8_rekeyed r JOIN orders o ON o.id = r.id JOIN v8_kept k ON k.new_key = r.new_key
              WHERE k.id = orders.id AND r.id <> k.id
                AND r.source = (SELECT source FROM v8_rekeyed WHERE id = k.id)),
    quantity = (SELECT coalesce(orders.quantity, 0) + sum(coalesce(o.quantity, 1))
                FROM v8_rekeyed r JOIN orders o ON o.id = r.id JOIN v8_kept k ON k.new_key = r.new_key
                WHERE k.id = orders.id AND r.id <> k.id
                  AND r.source = (SELECT source FROM v8_rekeyed WHERE id = k.id))
WHERE id IN (SELECT id FROM v8_kept WHERE lines > 1);

DELETE FROM orders WHERE id IN (SELECT id FROM v8_rekeyed) AND id NOT IN (SELECT id FROM v8_kept);
UPDATE orders SET order_key = (SELECT new_key FROM v8_kept WHERE v8_kept.id = orders.id)
WHERE id IN (SELECT id FROM v8_kept);

DROP TABLE temp.v8_kept;
DROP TABLE temp.v8_rekeyed;
)sql";

// Version 9: order lines. An order's rows (one for each product bought) were added up into the order row and
// every line but the first lost its product and category; from version 9 each row is kept as a line under its
// order, and the order row keeps the order's totals (amount and quantity added up over its lines) with the first
// line's product and category as before. An older workspace cannot recover the lines it never stored: each of its
// orders becomes one line carrying what the order row holds. Line numbers start at 1 in file order.
constexpr const char *kVersion9 = R"sql(
CREATE TABLE order_lines(
    order_id   INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    line_no    INTEGER NOT NULL,
    product    TEXT,
    sku        TEXT,
    category   TEXT,
    quantity   REAL,
    unit_price REAL,
    amount     REAL,
    PRIMARY KEY(order_id, line_no)
) WITHOUT ROWID;
INSERT INTO order_lines(order_id, line_no, product, category, quantity, unit_price, amount)
    SELECT id, 1, product, category, quantity, unit_price, amount FROM orders;
)sql";

// Version 10: what each customer buys (written by the metrics recompute through metrics::PurchaseProfile):
// the category with the most spend, how many distinct products, the products of the first and the last purchase,
// and the channel of the first purchase. Empty (0 products) for customers without a purchase. The stored
// metrics' fingerprint is forgotten, so the next open recomputes them and fills the new columns.
constexpr const char *kVersion10 = R"sql(
ALTER TABLE customer_metrics ADD COLUMN favourite_category TEXT;
ALTER TABLE customer_metrics ADD COLUMN distinct_products INTEGER NOT NULL DEFAULT 0;
ALTER TABLE customer_metrics ADD COLUMN first_product TEXT;
ALTER TABLE customer_metrics ADD COLUMN last_product TEXT;
ALTER TABLE customer_metrics ADD COLUMN first_channel TEXT;
DELETE FROM settings WHERE key = 'metrics_computed_for';
)sql";

} // namespace

void migrateTo(Database &db, int fromVersion, int toVersion)
{
    if (fromVersion < 1 && toVersion >= 1) {
        db.exec(kVersion1);
        insertBuiltinFields(db);
        db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    }
    if (fromVersion < 2 && toVersion >= 2)
        db.exec(kVersion2);
    if (fromVersion < 3 && toVersion >= 3)
        db.exec(kVersion3);
    if (fromVersion < 6 && toVersion >= 6) {
        db.exec(kVersion6);
        insertPredictionFields(db);
    }
    if (fromVersion < 7 && toVersion >= 7)
        db.exec(kVersion7);
    if (fromVersion < 8 && toVersion >= 8)
        db.exec(kVersion8);
    if (fromVersion < 9 && toVersion >= 9)
        db.exec(kVersion9);
    if (fromVersion < 10 && toVersion >= 10) {
        db.exec(kVersion10);
        insertPurchaseProfileFields(db);
    }
    db.exec("PRAGMA user_version = " + std::to_string(toVersion));
}

void migrate(Database &db, int fromVersion)
{
    migrateTo(db, fromVersion, kCurrentVersion);
}

const std::vector<const char *> &requiredTables()
{
    static const std::vector<const char *> tables = {"sources",  "fields",   "customers",       "orders",
                                                     "rejects",  "segments", "settings",        "customer_metrics"};
    return tables;
}

} // namespace segmenta::store::schema
