#!/usr/bin/env python3
"""Purchase conditions checked against a second, independent evaluation (issue 20).

Writes an order list with several lines per order (random, from a fixed seed), imports it with segmenta-cli,
then counts random purchase rules (`ordered` / `spent`, counts, periods, `where` on line and order fields, `not`,
`and` / `or`) with `segmenta-cli count` and compares each count with what this script works out from the file
itself, by the definitions in Help > Rule Syntax:

- a purchase is an order that is not cancelled or refunded, dated on or before the analysis date, whose lines'
  amounts add up to more than zero (the order's amount is the sum of its lines);
- `ordered` counts the purchases in the period with at least one line meeting the where; `spent` adds up the
  amounts of those lines; a customer without one has ordered 0 times and spent 0;
- periods compare the order's day: `in last N days` is from N days before the analysis date to it, both
  included; months are calendar months (a day past the month's end falls on its last day); `before` and
  `after` exclude the day; `more than N days ago` is before the day N days back.

Two files: English headers in UTF-8, and a Taobao-style export in GB18030 with Chinese headers and status
words (交易关闭 is cancelled, 退款成功 refunded). Both at two analysis dates, one of them before the last orders.
Nothing here calls Segmenta's code except the command line, so a wrong figure shows as a difference.

Usage: purchase_rules_check.py --cli PATH --work DIR [--rules N] [--seed S]
"""

import argparse
import calendar
import csv
import datetime
import json
import os
import random
import shutil
import subprocess
import sys

PRODUCTS = {"Green tea": "绿茶", "Black tea": "红茶", "Oolong": "乌龙", "Teapot": "茶具", "Cup set": "茶具",
            "Python book": "Books", "Gift card": ""}
CHANNELS = ["WeChat", "Taobao", "JD", "Shop"]
STATUSES = ["paid", "paid", "paid", "shipped", "cancelled", "refunded"]
ENGLISH = ["order_id", "customer_id", "order_date", "product", "sku", "category", "quantity", "unit_price",
           "amount", "status", "channel"]
CHINESE = ["订单编号", "买家会员名", "订单付款时间", "宝贝标题", "商家编码", "类目", "购买数量", "价格", "金额",
           "订单状态", "渠道"]
CHINESE_STATUS = {"paid": "买家已付款", "shipped": "交易成功", "cancelled": "交易关闭", "refunded": "退款成功"}


def make_orders(rng):
    """Orders as dicts, each with its lines: 70 customers, 0 to 6 orders each, 1 to 4 lines an order."""
    orders = []
    for customer in range(1, 71):
        for _ in range(rng.randint(0, 6)):
            day = datetime.date(2025, rng.randint(1, 12), rng.randint(1, 28))
            order = {"id": "O%05d" % (len(orders) + 1), "customer": "cust%03d" % customer, "day": day,
                     "time": "%02d:%02d:00" % (rng.randint(8, 20), rng.randint(0, 59)),
                     "status": rng.choice(STATUSES), "channel": rng.choice(CHANNELS), "lines": []}
            for _ in range(rng.randint(1, 4)):
                product = rng.choice(list(PRODUCTS))
                quantity = rng.randint(1, 3)
                price = rng.choice([0, 15, 48, 120, 260, 399.5])
                order["lines"].append({"product": product, "sku": "SKU-" + product[:3].upper(),
                                       "category": PRODUCTS[product], "quantity": quantity, "unit_price": price,
                                       "amount": quantity * price})
            orders.append(order)
    return orders


def write_file(orders, path, chinese):
    with open(path, "w", newline="", encoding="gb18030" if chinese else "utf-8") as f:
        out = csv.writer(f)
        out.writerow(CHINESE if chinese else ENGLISH)
        for o in orders:
            status = CHINESE_STATUS[o["status"]] if chinese else o["status"]
            for line in o["lines"]:
                out.writerow([o["id"], o["customer"], "%s %s" % (o["day"], o["time"]), line["product"], line["sku"],
                              line["category"], line["quantity"], line["unit_price"], line["amount"], status,
                              o["channel"]])


def months_back(day, n):
    """`day` n calendar months earlier; a day past the month's end falls on its last day."""
    month = day.month - 1 - n
    year = day.year + month // 12
    month = month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def quoted(text):
    return '"' + text + '"'


def random_day(rng, months=(1, 12)):
    return datetime.date(2025, rng.randint(*months), rng.randint(1, 28))


def line_condition(rng):
    """One condition on a line or its order: (rule text, predicate(order, line))."""
    kind = rng.randrange(10)
    if kind == 0:
        product = rng.choice(["Green tea", "Black tea", "Teapot", "Python book", "Gift card"])
        return "product is %s" % quoted(product), lambda o, l: l["product"] == product
    if kind == 1:
        part = rng.choice(["tea", "Tea", "ook", "o"])
        return "product contains %s" % quoted(part), lambda o, l: part in l["product"]
    if kind == 2:
        chosen = rng.sample(["绿茶", "红茶", "乌龙", "茶具", "Books"], 2)
        return ("category in (%s, %s)" % (quoted(chosen[0]), quoted(chosen[1])),
                lambda o, l: l["category"] in chosen)
    if kind == 3:
        x = rng.choice([0, 100, 200, 399.5, 500])
        op = rng.choice([">=", "<", ">", "<=", "="])
        test = {">=": lambda a: a >= x, "<": lambda a: a < x, ">": lambda a: a > x, "<=": lambda a: a <= x,
                "=": lambda a: a == x}[op]
        return "amount %s %s" % (op, x), lambda o, l: test(l["amount"])
    if kind == 4:
        n = rng.randint(1, 3)
        return "quantity >= %d" % n, lambda o, l: l["quantity"] >= n
    if kind == 5:
        channel = rng.choice(["WeChat", "Taobao", "JD"])
        return "channel is %s" % quoted(channel), lambda o, l: o["channel"] == channel
    if kind == 6:
        low, high = sorted(rng.sample([0, 15, 48, 120, 260, 399.5], 2))
        return ("unit_price between %s and %s" % (low, high), lambda o, l: low <= l["unit_price"] <= high)
    if kind == 7:
        return "category is empty", lambda o, l: l["category"] == ""
    if kind == 8:
        sku = rng.choice(["SKU-GRE", "SKU-TEA", "SKU-GIF"])
        return "sku is %s" % quoted(sku), lambda o, l: l["sku"] == sku
    day = random_day(rng)
    return "order_date after %s" % day, lambda o, l: o["day"] > day


def where_part(rng):
    kind = rng.randrange(5)
    if kind == 0:
        return "", lambda o, l: True
    if kind <= 2:
        return line_condition(rng)
    (t1, p1), (t2, p2) = line_condition(rng), line_condition(rng)
    if kind == 3:
        return "(%s and %s)" % (t1, t2), lambda o, l: p1(o, l) and p2(o, l)
    return "(%s or not %s)" % (t1, t2), lambda o, l: p1(o, l) or not p2(o, l)


def period_part(rng, as_of):
    kind = rng.randrange(8)
    if kind == 0:
        return "", lambda d: True
    if kind == 1:
        n = rng.choice([30, 90, 180])
        return "in last %d days" % n, lambda d: as_of - datetime.timedelta(days=n) <= d <= as_of
    if kind == 2:
        n = rng.choice([2, 8])
        return "in last %d weeks" % n, lambda d: as_of - datetime.timedelta(days=7 * n) <= d <= as_of
    if kind == 3:
        n = rng.choice([1, 3, 6])
        return "in last %d months" % n, lambda d: months_back(as_of, n) <= d <= as_of
    if kind == 4:
        day = random_day(rng)
        return "before %s" % day, lambda d: d < day
    if kind == 5:
        day = random_day(rng)
        return "after %s" % day, lambda d: d > day
    if kind == 6:
        first, last = random_day(rng, (1, 6)), random_day(rng, (6, 12))
        return "between %s and %s" % (first, last), lambda d: first <= d <= last
    n = rng.choice([60, 120])
    return "more than %d days ago" % n, lambda d: d < as_of - datetime.timedelta(days=n)


def purchase_condition(rng, purchases, customers, as_of):
    """A random `ordered` or `spent` condition: (text, the customers it selects)."""
    where_text, where = where_part(rng)
    period_text, period = period_part(rng, as_of)
    counted, spent = {}, {}
    for o in purchases:
        matching = [l for l in o["lines"] if where(o, l)] if period(o["day"]) else []
        if matching:
            counted[o["customer"]] = counted.get(o["customer"], 0) + 1
            spent[o["customer"]] = spent.get(o["customer"], 0) + sum(l["amount"] for l in matching)
    tail = (" " + period_text if period_text else "") + (" where " + where_text if where_text else "")
    if rng.random() < 0.6:
        n = rng.randint(0, 3)
        text, test = rng.choice([("", lambda m: m >= 1), (" at least %d times" % n, lambda m: m >= n),
                                 (" at most %d times" % n, lambda m: m <= n),
                                 (" exactly %d times" % n, lambda m: m == n)])
        return "ordered" + text + tail, {c for c in customers if test(counted.get(c, 0))}
    if rng.random() < 0.2:
        low, high = sorted(rng.sample([0, 100, 500, 1000, 2000], 2))
        return ("spent between %d and %d" % (low, high) + tail,
                {c for c in customers if low - 1e-9 <= spent.get(c, 0) <= high + 1e-9})
    x = rng.choice([0, 100, 500, 1000])
    op = rng.choice([">=", ">", "<=", "<", "="])
    test = {">=": lambda a: a >= x - 1e-9, ">": lambda a: a > x + 1e-9, "<=": lambda a: a <= x + 1e-9,
            "<": lambda a: a < x - 1e-9, "=": lambda a: abs(a - x) < 1e-9}[op]
    return "spent %s %d" % (op, x) + tail, {c for c in customers if test(spent.get(c, 0))}


def random_rule(rng, purchases, customers, as_of):
    text, members = purchase_condition(rng, purchases, customers, as_of)
    if rng.random() < 0.25:
        text, members = "not " + text, customers - members
    if rng.random() < 0.3:
        other_text, other = purchase_condition(rng, purchases, customers, as_of)
        if rng.random() < 0.5:
            return "(%s) and (%s)" % (text, other_text), members & other
        return "(%s) or (%s)" % (text, other_text), members | other
    return text, members


def cli(args, binary):
    env = dict(os.environ, ASAN_OPTIONS=os.environ.get("ASAN_OPTIONS", "") + ":detect_leaks=0")
    done = subprocess.run([binary] + args, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise RuntimeError("segmenta-cli %s failed (%d): %s" % (" ".join(args), done.returncode, done.stderr.strip()))
    return done.stdout


def check(binary, workspace, orders, as_of, rules, rng):
    """Counts `rules` random rules at `as_of`; returns the number of differences."""
    customers = {o["customer"] for o in orders}
    purchases = [o for o in orders if o["status"] in ("paid", "shipped") and o["day"] <= as_of
                 and sum(l["amount"] for l in o["lines"]) > 0]
    differences = 0
    for _ in range(rules):
        text, expected = random_rule(rng, purchases, customers, as_of)
        answer = json.loads(cli(["count", "--db", workspace, "--as-of", str(as_of), "--rule", text, "--json"], binary))
        if answer["total"] != len(customers) or answer["count"] != len(expected):
            differences += 1
            print("DIFFERENT at %s: %s\n  segmenta-cli: %d of %d, expected %d of %d"
                  % (as_of, text, answer["count"], answer["total"], len(expected), len(customers)))
    return differences


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rules", type=int, default=60)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    rng = random.Random(args.seed)
    orders = make_orders(rng)
    last_day = max(o["day"] for o in orders)
    differences, counted = 0, 0
    for chinese in (False, True):
        name = "orders_gb18030.csv" if chinese else "orders.csv"
        path = os.path.join(args.work, name)
        workspace = os.path.join(args.work, name + ".segmenta")
        write_file(orders, path, chinese)
        summary = json.loads(cli(["import", "--db", workspace, "--json", path], args.cli))
        print("imported %s: %s" % (name, json.dumps(summary, ensure_ascii=False)[:300]))
        for as_of in (last_day + datetime.timedelta(days=1), datetime.date(2025, 9, 30)):
            differences += check(args.cli, workspace, orders, as_of, args.rules, rng)
            counted += args.rules
    print("%d rules counted, %d different from this script's evaluation" % (counted, differences))
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
