#!/usr/bin/env bash
# Makes every screenshot in docs/screenshots/, in English and Chinese, by starting the app on the demo shop
# under Xvfb (the app saves the PNG itself once the figures are shown, then quits). Look at each one after.
#   docs/make-screenshots.sh [BUILD_DIR]      (default build/release; build it first)
set -euo pipefail
cd "$(dirname "$0")/.."
app=${1:-build/release}/bin/segmenta
out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A Taobao order export as WPS saves it (GB18030, a report title above the header) for the import wizard.
sample="$work/淘宝订单-202405.csv"
printf '%s\r\n' "淘宝网-已卖出的宝贝-订单报表-202405" "" \
    "订单编号,买家会员名,买家实际支付金额,订单状态,订单付款时间 ,宝贝标题,购买数量,收货地址,买家留言" \
    "T24050101,tea_lover,128.50,交易成功,2024-05-01 10:12:00,西湖龙井 250g,1,浙江省 杭州市 西湖区," \
    "T24050102,小王同学,\"1,280.00\",交易成功,2024/5/2 20:01,大红袍礼盒,2,上海市 浦东新区,尽快发货" \
    "T24050103,李四,59,交易关闭,2024-05-03 08:00:00,品鉴装,1,贵州省 贵阳市 花溪区," \
    "T24050104,茶友007,99,退款成功,2024-05-04 09:30:00,铁观音,1,北京市 朝阳区,送人的，包装好一点" \
    "T24050105,Lily_Chen,200,交易成功,2024-05-05 12:00:00,普洱茶饼 357g,1,广东省 深圳市 南山区," \
    "T24050106,张三,88,交易成功,昨天,样品,1,四川省 成都市 武侯区," | iconv -f UTF-8 -t GB18030 > "$sample"
# A segment shared by a colleague, as a .segment.json file.
shared="$work/流失的大客户.segment.json"
cat > "$shared" <<'JSON'
{"version": 1, "name": "流失的大客户", "description": "高价值，90 天内没有下单", "color": "#e15759",
 "root": {"match": "all", "children": [
   {"field": "value_tier", "op": "in", "values": ["high"]},
   {"field": "last_order_date", "op": "not_in_last", "values": [{"number": 90}, "days"]}]}}
JSON
rule='total_spend >= 1000 and city in ("上海", "北京")'
builder_rule='total_spend >= 1000 and (city in ("上海", "北京") or lifecycle_stage in ("at_risk")) and disabled channel is "WeChat" and last_order_date in last 90 days'
shoot() { # NAME LANGUAGE [ARGS...]
    local name=$1 language=$2
    shift 2
    # A second try when the first fails (seen about once a run, with no message); the log of each failure is kept.
    for try in 1 2; do
        XDG_CONFIG_HOME="$work/config-$name-$language" xvfb-run -a -s "-screen 0 1280x860x24" "$app" --demo --language "$language" "$@" >"$work/$name.log" 2>&1 && return 0
        echo "failed (try $try): $name ($language); its output:" >&2
        tail -5 "$work/$name.log" >&2
    done
    return 1
}
for language in en zh_CN; do
    suffix=${language%%_*}
    # A demo shop per language, made in it (its saved segments are named in that language), and none of the
    # user's own files touched.
    export XDG_DATA_HOME="$work/data-$suffix"
    shoot dashboard "$language" --rule "$rule" --screenshot "$out/dashboard-$suffix.png"
    shoot builder "$language" --rule "$builder_rule" --show builder --screenshot "$out/builder-$suffix.png"
    for view in customers columns card export settings tour overlap moves buys changes preview; do
        shoot "$view" "$language" --rule "$rule" --show "$view" --screenshot "$out/$view-$suffix.png"
    done
    shoot import-file "$language" --show "import:$sample" --screenshot "$out/import-file-$suffix.png"
    shoot import-columns "$language" --show "import-columns:$sample" --screenshot "$out/import-columns-$suffix.png"
    # These two change the demo shop: each runs on a demo shop of its own.
    XDG_DATA_HOME="$work/run-$suffix" shoot import-run "$language" --show "import-run:$sample" --screenshot "$out/import-run-$suffix.png"
    XDG_DATA_HOME="$work/share-$suffix" shoot segment-import "$language" --show "segment-import:$shared" --screenshot "$out/segment-import-$suffix.png"
    shoot report "$language" --rule "$rule" --show report --screenshot "$work/report-$suffix.pdf"
    pdftoppm -png -r 80 -singlefile "$work/report-$suffix.pdf" "$out/report-$suffix"
done
# Segment > Experiments: a demo shop with a recorded 50/50 split and follow-up orders in which B buys more.
cli=${1:-build/release}/bin/segmenta-cli
"$cli" demo --db "$work/experiment.segmenta" --customers 3000 >/dev/null
"$cli" export --db "$work/experiment.segmenta" --segment "High value" --out "$work/split.csv" --columns customer_id \
    --split 50,50 --seed 11 --experiment "Spring tea offer" >/dev/null
python3 - "$work/split.csv" "$work/follow-up.csv" <<'PY'
import random, sys
random.seed(5)
rows = [line.strip().split(',') for line in open(sys.argv[1], encoding='utf-8-sig')][1:]
out = ['order_id,customer_id,order_date,amount,status']
for n, (group, key) in enumerate(rows):
    if random.random() < (0.12 if group == 'A' else 0.22):
        out.append(f'X{n},{key},2026-07-{random.randint(2, 28):02d},{random.randint(80, 400)},completed')
open(sys.argv[2], 'w').write('\n'.join(out) + '\n')
PY
"$cli" import "$work/follow-up.csv" --db "$work/experiment.segmenta" >/dev/null
for language in en zh_CN; do
    xvfb-run -a -s "-screen 0 1280x860x24" "$app" "$work/experiment.segmenta" --language "$language" --show experiments \
        --screenshot "$out/experiments-${language%%_*}.png" >/dev/null 2>&1 || echo "failed: experiments ($language)" >&2
done
export XDG_DATA_HOME="$work/data-en"
shoot about en --show about --screenshot "$out/about-en.png"
shoot dark en --dark --rule "$rule" --screenshot "$out/dashboard-dark-en.png"
echo "screenshots written to $out"
