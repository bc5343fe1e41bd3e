// The DuckDB side of the benchmarks, run by duckdb_baseline.sh on the same data as bench_metrics, bench_rules
// and bench_import, so the comparison in README can be re-run by anyone.
//
//   node duckdb_baseline.mjs DIR ASOF [RUNS]
//
// DIR holds what duckdb_baseline.sh exported from a workspace: customers.csv, orders.csv (the columns the
// metrics read), metrics.csv (Segmenta's customer_metrics at ASOF, to check that both compute the same) and,
// when import_baselines.sh made it, import.csv (the 1 M x 20 column file bench_import reads).
//
// Timed, each as the median of RUNS in-process runs of an in-memory database (DuckDB's own threads: all
// cores):
// - recompute: per-customer aggregates, lifecycle stages, value tiers and RFM scores from the orders into a
//   table, with Segmenta's default definitions (see core/metrics/customermetrics.h);
// - rules: bench_rules' workload: the edited rule's count, revenue, stages, tiers and RFM grid, and the counts
//   of the same 20 saved segments, in SQL over customers and metrics;
// - import: read_csv of import.csv into a table.
// The recompute's result is compared with Segmenta's, customer by customer: the script fails when they differ.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const [dir, asOf, runsText] = process.argv.slice(2);
if (!dir || !/^\d{4}-\d{2}-\d{2}$/.test(asOf ?? '')) {
    console.error('usage: node duckdb_baseline.mjs DIR ASOF [RUNS]');
    process.exit(2);
}
const runs = Math.max(1, Number(runsText ?? 5));
const file = (name) => join(dir, name).replaceAll("'", "''");
const day = `DATE '${asOf}'`;

const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const rows = async (sql) => (await db.runAndReadAll(sql)).getRowObjects();
const scalar = async (sql) => Object.values((await rows(sql))[0])[0];

async function timed(label, work) {
    const seconds = [];
    for (let i = 0; i < runs; ++i) {
        const start = process.hrtime.bigint();
        await work();
        seconds.push(Number(process.hrtime.bigint() - start) / 1e9);
    }
    seconds.sort((a, b) => a - b);
    console.log(`${label}: median ${(seconds[Math.floor(runs / 2)] * 1000).toFixed(1)} ms ` +
                `(min ${(seconds[0] * 1000).toFixed(1)}, max ${(seconds[runs - 1] * 1000).toFixed(1)}, ${runs} runs)`);
}

// Loading the exported tables is not timed: Segmenta's figures start from tables already in its workspace too.
await db.run(`CREATE TABLE customers AS SELECT * FROM read_csv('${file('customers.csv')}', header = true,
    types = {'id': 'BIGINT', 'birth_date': 'DATE', 'signup_date': 'DATE', 'age': 'INTEGER'})`);
await db.run(`CREATE TABLE orders AS SELECT * FROM read_csv('${file('orders.csv')}', header = true,
    types = {'customer_id': 'BIGINT', 'order_date': 'VARCHAR', 'amount': 'DOUBLE', 'is_valid': 'INTEGER',
             'is_refund': 'INTEGER'})`);
console.log(`customers ${await scalar('SELECT count(*) FROM customers')}, orders ${await scalar('SELECT count(*) FROM orders')}, analysis date ${asOf}`);

// Segmenta's definitions with their default settings: a purchase is a valid order with an amount above zero
// dated on or before the analysis date; stages new (1 order) / growing (2-4) / mature, at risk after 90 days,
// dormant after 180; tiers by customer share (high while fewer than 20 % of buyers spent strictly more, mid
// under 50 %); R and M scored 1 + floor(5 x (buyers strictly worse + buyers tied / 2) / buyers), none with fewer
// than 5 buyers; F by order-count bins 1,2,3,4-5,6+.
const recompute = `
CREATE OR REPLACE TABLE metrics AS
WITH dated AS (
    SELECT customer_id, TRY_CAST(order_date[1:10] AS DATE) AS d, amount, is_valid, is_refund FROM orders),
purchases AS (
    SELECT customer_id, count(*) FILTER (WHERE is_refund <> 0) AS refunded,
           count(*) FILTER (WHERE is_valid <> 0 AND amount > 0) AS n,
           coalesce(sum(amount) FILTER (WHERE is_valid <> 0 AND amount > 0), 0) AS spend,
           max(amount) FILTER (WHERE is_valid <> 0 AND amount > 0) AS largest,
           min(d) FILTER (WHERE is_valid <> 0 AND amount > 0) AS first_d,
           max(d) FILTER (WHERE is_valid <> 0 AND amount > 0) AS last_d,
           coalesce(sum(amount) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 30), 0) AS spend_30,
           coalesce(sum(amount) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 90), 0) AS spend_90,
           coalesce(sum(amount) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 365), 0) AS spend_365,
           count(*) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 30) AS orders_30,
           count(*) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 90) AS orders_90,
           count(*) FILTER (WHERE is_valid <> 0 AND amount > 0 AND d >= ${day} - 365) AS orders_365,
           count(*) FILTER (WHERE is_valid = 0) AS cancelled
    FROM dated WHERE d IS NOT NULL AND d <= ${day} GROUP BY customer_id),
joined AS (
    SELECT c.id AS customer_id, coalesce(p.n, 0) AS orders_count, coalesce(p.spend, 0) AS total_spend, p.largest,
           p.first_d, p.last_d, ${day} - p.last_d AS days_since, coalesce(p.refunded, 0) AS refunded_count,
           coalesce(p.cancelled, 0) AS cancelled, p.spend_30, p.spend_90, p.spend_365, p.orders_30, p.orders_90,
           p.orders_365
    FROM customers c LEFT JOIN purchases p ON p.customer_id = c.id),
ranked AS (
    SELECT *, (SELECT count(*) FROM joined WHERE orders_count > 0) AS buyers,
           CASE WHEN orders_count > 0 THEN rank() OVER (PARTITION BY orders_count > 0 ORDER BY total_spend DESC) - 1 END AS richer,
           CASE WHEN orders_count > 0 THEN rank() OVER (PARTITION BY orders_count > 0 ORDER BY total_spend) - 1 END AS poorer,
           CASE WHEN orders_count > 0 THEN rank() OVER (PARTITION BY orders_count > 0 ORDER BY days_since DESC) - 1 END AS staler,
           count(*) OVER (PARTITION BY orders_count > 0, total_spend) AS spend_ties,
           count(*) OVER (PARTITION BY orders_count > 0, days_since) AS day_ties
    FROM joined)
SELECT customer_id, first_d AS first_order_date, last_d AS last_order_date, days_since AS days_since_last_order,
       orders_count, total_spend, CASE WHEN orders_count > 0 THEN total_spend / orders_count END AS avg_order_value,
       largest AS largest_order, coalesce(spend_30, 0) AS spend_30, coalesce(spend_90, 0) AS spend_90,
       coalesce(spend_365, 0) AS spend_365, coalesce(orders_30, 0) AS orders_30, coalesce(orders_90, 0) AS orders_90,
       coalesce(orders_365, 0) AS orders_365, (orders_count >= 2)::INTEGER AS repeat_buyer, refunded_count,
       CASE WHEN orders_count = 0 THEN 'prospect' WHEN days_since > 180 THEN 'dormant' WHEN days_since > 90 THEN 'at_risk'
            WHEN orders_count <= 1 THEN 'new' WHEN orders_count <= 4 THEN 'growing' ELSE 'mature' END AS lifecycle_stage,
       CASE WHEN orders_count = 0 THEN (CASE WHEN cancelled > 0 THEN 'cancelled' ELSE 'none' END)
            WHEN richer < 0.20 * buyers THEN 'high' WHEN richer < 0.50 * buyers THEN 'mid' ELSE 'low' END AS value_tier,
       CASE WHEN orders_count > 0 AND buyers >= 5 AND day_ties < buyers THEN 1 + (5 * (2 * staler + day_ties)) // (2 * buyers) END AS r_score,
       CASE WHEN orders_count = 0 THEN NULL WHEN orders_count >= 6 THEN 5 WHEN orders_count >= 4 THEN 4
            ELSE orders_count END AS f_score,
       CASE WHEN orders_count > 0 AND buyers >= 5 AND spend_ties < buyers THEN 1 + (5 * (2 * poorer + spend_ties)) // (2 * buyers) END AS m_score
FROM ranked`;
await timed('recompute (aggregates, stages, tiers, RFM scores into a table)', () => db.run(recompute));

// Both computed the same: every customer's count, spend (to the cent), stage, tier and scores.
await db.run(`CREATE TABLE segmenta AS SELECT * FROM read_csv('${file('metrics.csv')}', header = true,
    types = {'customer_id': 'BIGINT', 'orders_count': 'BIGINT', 'total_spend': 'DOUBLE', 'r_score': 'INTEGER',
             'f_score': 'INTEGER', 'm_score': 'INTEGER', 'lifecycle_stage': 'VARCHAR', 'value_tier': 'VARCHAR'})`);
const differences = await scalar(`
    SELECT count(*) FROM metrics m FULL JOIN segmenta s USING (customer_id)
    WHERE m.orders_count IS DISTINCT FROM s.orders_count OR round(m.total_spend, 2) IS DISTINCT FROM round(s.total_spend, 2)
       OR m.lifecycle_stage IS DISTINCT FROM s.lifecycle_stage OR m.value_tier IS DISTINCT FROM s.value_tier
       OR m.r_score IS DISTINCT FROM s.r_score OR m.f_score IS DISTINCT FROM s.f_score OR m.m_score IS DISTINCT FROM s.m_score`);
console.log(`customers whose metrics differ from Segmenta's: ${differences}`);

// bench_rules' workload in SQL. Birthdays within 30 days compare month-day numbers, wrapping at the year's end.
await db.run('CREATE OR REPLACE TABLE cm AS SELECT * FROM customers c JOIN metrics m ON m.customer_id = c.id');
const md = (expr) => `(month(${expr}) * 100 + day(${expr}))`;
const soon = `${day} + 30`;
const saved = [
    "value_tier = 'high'", "lifecycle_stage = 'new'", "lifecycle_stage = 'at_risk' AND value_tier IN ('high', 'mid')",
    "lifecycle_stage = 'dormant'", 'orders_count = 1', 'orders_count >= 2', "channel = 'Taobao'", "channel = 'JD'",
    "channel = 'WeChat'", "city = '上海'", "city = '北京'", "gender = 'F' AND age BETWEEN 25 AND 35",
    'r_score >= 4 AND f_score >= 4', 'r_score <= 2 AND f_score >= 3',
    'total_spend >= (SELECT quantile_disc(total_spend, 0.9) FROM cm)',
    `CASE WHEN ${md(day)} <= ${md(soon)} THEN ${md('birth_date')} BETWEEN ${md(day)} AND ${md(soon)}
          ELSE ${md('birth_date')} >= ${md(day)} OR ${md('birth_date')} <= ${md(soon)} END`,
    `signup_date BETWEEN ${day} - 90 AND ${day}`, "coalesce(email, '') = ''", "contains(tags, 'VIP')",
    'avg_order_value > 300'];
const edited = `total_spend >= 1000 AND (city IN ('上海', '北京') OR last_order_date BETWEEN ${day} - 90 AND ${day})
                AND coalesce(email, '') <> ''`;
let members = 0;
await timed('edited rule + figures + 20 saved segments', async () => {
    members = await scalar(`SELECT count(*) FROM cm WHERE ${edited}`);
    await rows(`SELECT sum(total_spend) FROM cm WHERE ${edited}`);
    await rows(`SELECT lifecycle_stage, count(*) FROM cm WHERE ${edited} GROUP BY ALL`);
    await rows(`SELECT value_tier, count(*), sum(total_spend) FROM cm WHERE ${edited} GROUP BY ALL`);
    await rows(`SELECT r_score, f_score, count(*) FROM cm WHERE ${edited} GROUP BY ALL`);
    for (const rule of saved)
        await scalar(`SELECT count(*) FROM cm WHERE ${rule}`);
});
console.log(`edited rule members: ${members}`);

if (existsSync(join(dir, 'import.csv'))) {
    await timed('read_csv of import.csv into a table', () =>
        db.run(`CREATE OR REPLACE TABLE imported AS SELECT * FROM read_csv('${file('import.csv')}', header = true)`));
}
process.exit(differences === 0n || differences === 0 ? 0 : 1);
