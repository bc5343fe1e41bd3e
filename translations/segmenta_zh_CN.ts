<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChartExport</name>
    <message>
        <source>Segment: %1</source>
        <translation>分群：%1</translation>
    </message>
    <message>
        <source>analysis date %1</source>
        <translation>分析日期 %1</translation>
    </message>
    <message>
        <source>Cannot write “%1”</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>Save Chart</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>Copy Chart</source>
        <translation>复制图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图片 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Save Chart as PNG, SVG or PDF…</source>
        <translation>将图表保存为 PNG、SVG 或 PDF…</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>from %1 to %2 (all customers)</source>
        <translation>%1 至 %2，全部客户</translation>
    </message>
    <message>
        <source>1+ orders</source>
        <translation>1 单及以上</translation>
    </message>
    <message>
        <source>2+ orders</source>
        <translation>2 单及以上</translation>
    </message>
    <message>
        <source>%1+ orders</source>
        <translation>%1 单及以上</translation>
    </message>
</context>
<context>
    <name>Distribution</name>
    <message>
        <source>Could not read the customer metrics: %1</source>
        <translation>无法读取客户指标：%1</translation>
    </message>
</context>
<context>
    <name>Field</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Signup date</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>First order date</source>
        <translation>首单日期</translation>
    </message>
    <message>
        <source>Last order date</source>
        <translation>最近下单日期</translation>
    </message>
    <message>
        <source>Days since last order</source>
        <translation>距上次下单天数</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Total spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <source>Average order value</source>
        <translation>客单价</translation>
    </message>
    <message>
        <source>Largest order</source>
        <translation>最大单笔金额</translation>
    </message>
    <message>
        <source>Average days between orders</source>
        <translation>平均下单间隔（天）</translation>
    </message>
    <message>
        <source>Tenure (days)</source>
        <translation>客户时长（天）</translation>
    </message>
    <message>
        <source>Spend, last 30 days</source>
        <translation>近 30 天消费</translation>
    </message>
    <message>
        <source>Spend, last 90 days</source>
        <translation>近 90 天消费</translation>
    </message>
    <message>
        <source>Spend, last 365 days</source>
        <translation>近 365 天消费</translation>
    </message>
    <message>
        <source>Orders, last 30 days</source>
        <translation>近 30 天订单数</translation>
    </message>
    <message>
        <source>Orders, last 90 days</source>
        <translation>近 90 天订单数</translation>
    </message>
    <message>
        <source>Orders, last 365 days</source>
        <translation>近 365 天订单数</translation>
    </message>
    <message>
        <source>Repeat buyer</source>
        <translation>复购客户</translation>
    </message>
    <message>
        <source>Refunded orders</source>
        <translation>退款订单数</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Value tier</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>Recency score</source>
        <translation>最近购买得分 (R)</translation>
    </message>
    <message>
        <source>Frequency score</source>
        <translation>购买频次得分 (F)</translation>
    </message>
    <message>
        <source>Monetary score</source>
        <translation>消费金额得分 (M)</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>P(alive)</source>
        <translation>存活概率</translation>
    </message>
    <message>
        <source>Favourite category</source>
        <translation>最爱类目</translation>
    </message>
    <message>
        <source>Distinct products</source>
        <translation>不同商品数</translation>
    </message>
    <message>
        <source>First product</source>
        <translation>首购商品</translation>
    </message>
    <message>
        <source>Last product</source>
        <translation>最近购买商品</translation>
    </message>
    <message>
        <source>First order channel</source>
        <translation>首单渠道</translation>
    </message>
    <message>
        <source>Churn risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Expected orders, next 90 days</source>
        <translation>预计未来 90 天订单数</translation>
    </message>
    <message>
        <source>Predicted CLV</source>
        <translation>预测 CLV</translation>
    </message>
    <message>
        <source>CLV tier</source>
        <translation>CLV 等级</translation>
    </message>
</context>
<context>
    <name>Lifecycle</name>
    <message>
        <source>Recency unknown</source>
        <translation>最近购买未知</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>潜在客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Growing</source>
        <translation>成长客户</translation>
    </message>
    <message>
        <source>Mature</source>
        <translation>成熟客户</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Dormant</source>
        <translation>沉睡客户</translation>
    </message>
</context>
<context>
    <name>Playbook</name>
    <message>
        <source>High value</source>
        <translation>高价值客户</translation>
    </message>
    <message>
        <source>VIP care: thank them, early access, a personal contact</source>
        <translation>VIP 关怀：致谢、新品优先体验、专属客服</translation>
    </message>
    <message>
        <source>New in the last 30 days</source>
        <translation>近 30 天新客</translation>
    </message>
    <message>
        <source>Onboarding: welcome series and a guide to the range</source>
        <translation>新客培育：欢迎礼与产品指南</translation>
    </message>
    <message>
        <source>Repeat buyers</source>
        <translation>复购客户</translation>
    </message>
    <message>
        <source>Reward loyalty: points, bundles, referrals</source>
        <translation>回馈忠诚：积分、组合优惠、老带新</translation>
    </message>
    <message>
        <source>One-time buyers</source>
        <translation>仅购买一次的客户</translation>
    </message>
    <message>
        <source>Second-purchase offer within 30 days of the first</source>
        <translation>首单后 30 天内推送二次购买优惠</translation>
    </message>
    <message>
        <source>Can&apos;t lose: at-risk high spenders</source>
        <translation>不可流失：有流失风险的高消费客户</translation>
    </message>
    <message>
        <source>Win back now: a personal call or a strong offer</source>
        <translation>立即挽回：专人回访或大力度优惠</translation>
    </message>
    <message>
        <source>Dormant over 180 days</source>
        <translation>沉睡超过 180 天</translation>
    </message>
    <message>
        <source>Reactivation: what is new, a time-limited coupon</source>
        <translation>唤醒：上新推荐与限时优惠券</translation>
    </message>
    <message>
        <source>WeChat customers</source>
        <translation>微信渠道客户</translation>
    </message>
    <message>
        <source>Channel campaign: Moments posts and mini-program coupons</source>
        <translation>渠道活动：朋友圈与小程序优惠券</translation>
    </message>
    <message>
        <source>Shanghai and Beijing</source>
        <translation>上海和北京</translation>
    </message>
    <message>
        <source>City campaign: local delivery and tasting events</source>
        <translation>城市活动：同城配送与品鉴会</translation>
    </message>
</context>
<context>
    <name>Rfm</name>
    <message>
        <source>Champions</source>
        <translation>重要价值客户</translation>
    </message>
    <message>
        <source>Loyal</source>
        <translation>忠诚客户</translation>
    </message>
    <message>
        <source>Potential Loyalists</source>
        <translation>潜力客户</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新客户</translation>
    </message>
    <message>
        <source>Promising</source>
        <translation>有潜力的新客</translation>
    </message>
    <message>
        <source>Need Attention</source>
        <translation>需要关注</translation>
    </message>
    <message>
        <source>About to Sleep</source>
        <translation>即将沉睡</translation>
    </message>
    <message>
        <source>At Risk</source>
        <translation>流失风险</translation>
    </message>
    <message>
        <source>Can&apos;t Lose</source>
        <translation>不可流失</translation>
    </message>
    <message>
        <source>Hibernating</source>
        <translation>休眠客户</translation>
    </message>
    <message>
        <source>First-time Buyers</source>
        <translation>首购客户</translation>
    </message>
    <message>
        <source>Slipping Away</source>
        <translation>逐渐流失</translation>
    </message>
</context>
<context>
    <name>Rule</name>
    <message>
        <source>Unknown comparison “%1”</source>
        <translation>未知的比较方式“%1”</translation>
    </message>
    <message>
        <source>The rule is nested too deeply (more than 64 levels)</source>
        <translation>规则嵌套过深（超过 64 层）</translation>
    </message>
    <message>
        <source>A group&apos;s “match” must be all, any or none, not “%1”</source>
        <translation>条件组的“match”必须是 all、any 或 none，而不是“%1”</translation>
    </message>
    <message>
        <source>Unknown operator “%1”</source>
        <translation>未知的运算符“%1”</translation>
    </message>
    <message>
        <source>“%1” is not a date (YYYY-MM-DD)</source>
        <translation>“%1”不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>A condition value must be a string, {&quot;number&quot;: N} or {&quot;date&quot;: &quot;YYYY-MM-DD&quot;}</source>
        <translation>条件的值必须是字符串、{&quot;number&quot;: N} 或 {&quot;date&quot;: &quot;YYYY-MM-DD&quot;}</translation>
    </message>
    <message>
        <source>This segment was saved by a newer version of Segmenta (rule format %1)</source>
        <translation>此分群由更新版本的 Segmenta 保存（规则格式 %1）</translation>
    </message>
</context>
<context>
    <name>TableReader</name>
    <message>
        <source>“%1” does not exist</source>
        <translation>“%1”不存在</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is an Apple Numbers document; export it as .xlsx or CSV and import that</source>
        <translation>“%1”是 Apple Numbers 文稿；请导出为 .xlsx 或 CSV 后再导入</translation>
    </message>
    <message>
        <source>“%1” is an OpenDocument file but not a spreadsheet</source>
        <translation>“%1”是 OpenDocument 文件，但不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is a Word document, not a spreadsheet</source>
        <translation>“%1”是 Word 文档，不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is a PowerPoint presentation, not a spreadsheet</source>
        <translation>“%1”是 PowerPoint 演示文稿，不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is a zip archive, not a spreadsheet</source>
        <translation>“%1”是 zip 压缩包，不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is a web page (an HTML table saved with a spreadsheet name); open it in Excel or WPS, save it as .xlsx and import that</source>
        <translation>“%1”是网页（以电子表格文件名保存的 HTML 表格）；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入</translation>
    </message>
    <message>
        <source>“%1” is an XML file (such as an Excel 2003 XML spreadsheet); save it as .xlsx and import that</source>
        <translation>“%1”是 XML 文件（例如 Excel 2003 XML 电子表格）；请另存为 .xlsx 后再导入</translation>
    </message>
    <message>
        <source>“%1” has no sheet named “%2”; its sheets are: %3</source>
        <translation>“%1”中没有名为“%2”的工作表；其工作表为：%3</translation>
    </message>
    <message>
        <source>“%1” is a database (perhaps a Segmenta workspace), not a spreadsheet; open a workspace with File &gt; Open</source>
        <translation>“%1”是一个数据库（可能是 Segmenta 工作区），不是电子表格；请用“文件 &gt; 打开”打开工作区</translation>
    </message>
</context>
<context>
    <name>ValueTier</name>
    <message>
        <source>High value</source>
        <translation>高价值客户</translation>
    </message>
    <message>
        <source>Mid value</source>
        <translation>中价值客户</translation>
    </message>
    <message>
        <source>Low value</source>
        <translation>低价值客户</translation>
    </message>
    <message>
        <source>No purchase</source>
        <translation>未购买</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Mid</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Only cancelled orders</source>
        <translation>仅有取消/退款订单</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>segmenta::demo::DemoShop</name>
    <message>
        <source>The demo shop needs between 1 and 50,000,000 customers, not %1</source>
        <translation>演示店铺的客户数需在 1 到 50,000,000 之间，而不是 %1</translation>
    </message>
    <message>
        <source>The demo shop needs a valid last day</source>
        <translation>演示店铺需要有效的截止日期</translation>
    </message>
    <message>
        <source>The demo shop can only be generated into an empty workspace</source>
        <translation>演示店铺只能生成到空的工作区中</translation>
    </message>
    <message>
        <source>Demo tea shop (seed %1)</source>
        <translation>演示茶叶店（种子 %1）</translation>
    </message>
    <message>
        <source>Could not write the demo shop into “%1”: %2</source>
        <translation>无法将演示店铺写入“%1”：%2</translation>
    </message>
    <message>
        <source>Demo generation was cancelled; the workspace is unchanged</source>
        <translation>已取消生成演示数据，工作区未改动</translation>
    </message>
</context>
<context>
    <name>segmenta::experiments::ExperimentMeasure</name>
    <message>
        <source>The window must be 1 to 3650 days, not %1</source>
        <translation>观察期必须为 1 至 3650 天，而不是 %1</translation>
    </message>
    <message>
        <source>The difference to detect must be more than 0 and less than 100 points</source>
        <translation>要检测的差异必须大于 0 且小于 100 个百分点</translation>
    </message>
    <message>
        <source>Could not measure the experiment “%1”: %2</source>
        <translation>无法衡量实验“%1”：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::experiments::ExperimentResult</name>
    <message>
        <source>Group %1 has no members, so there is nothing to compare with group %2</source>
        <translation>%1 组没有成员，无法与 %2 组比较</translation>
    </message>
    <message>
        <source>No one in group %1 or group %2 bought in the window, so there is no difference to test</source>
        <translation>%1 组和 %2 组在观察期内都无人购买，没有可检验的差异</translation>
    </message>
    <message>
        <source>Everyone in group %1 and group %2 bought in the window, so there is no difference to test</source>
        <translation>%1 组和 %2 组在观察期内人人都购买了，没有可检验的差异</translation>
    </message>
    <message>
        <source>the same rate</source>
        <translation>转化率相同</translation>
    </message>
    <message>
        <source>%1 points more</source>
        <translation>高 %1 个百分点</translation>
    </message>
    <message>
        <source>%1 points fewer</source>
        <translation>低 %1 个百分点</translation>
    </message>
    <message>
        <source>a difference this large would be rare by chance (%1)</source>
        <translation>这么大的差异很少会是偶然（%1）</translation>
    </message>
    <message>
        <source>a difference this large could easily be chance (%1)</source>
        <translation>这么大的差异很可能只是偶然（%1）</translation>
    </message>
    <message>
        <source>Group %1 converted %2 against %3 for %4: %5; %6</source>
        <translation>%1 组转化率 %2，%4 组 %3：%5；%6</translation>
    </message>
    <message>
        <source>The groups are too small to reliably detect a difference of %1 points (the smallest has %2 members): about %3 members per group are needed for 80% power</source>
        <translation>各组人数太少，无法可靠地检测出 %1 个百分点的差异（最小的组只有 %2 人）：要达到 80% 的检验力，每组约需 %3 人</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The window runs to %1 but the latest order in the workspace is from %2: import newer orders, or the figures may still change</source>
        <translation>观察期到 %1 为止，但工作区中最新的订单是 %2：请导入更新的订单，否则数字还可能变化</translation>
    </message>
</context>
<context>
    <name>segmenta::experiments::ExperimentStore</name>
    <message>
        <source>Could not update the experiments: %1</source>
        <translation>无法更新实验：%1</translation>
    </message>
    <message>
        <source>An experiment needs a name</source>
        <translation>实验需要一个名称</translation>
    </message>
    <message>
        <source>There is already an experiment named “%1”; choose another name</source>
        <translation>已有名为“%1”的实验，请换一个名称</translation>
    </message>
    <message>
        <source>The experiment “%1” needs a start date</source>
        <translation>实验“%1”需要开始日期</translation>
    </message>
    <message>
        <source>The experiment “%1” needs at least two groups</source>
        <translation>实验“%1”至少需要两个组</translation>
    </message>
    <message>
        <source>The experiment “%1” needs exactly one control group</source>
        <translation>实验“%1”需要且只能有一个对照组</translation>
    </message>
    <message>
        <source>The experiment “%1” cannot be recorded: customer %2 is in two groups</source>
        <translation>无法记录实验“%1”：客户 %2 同时在两个组中</translation>
    </message>
    <message>
        <source>The experiment “%1” cannot be recorded: customer %2 is no longer in the workspace</source>
        <translation>无法记录实验“%1”：客户 %2 已不在工作区中</translation>
    </message>
    <message>
        <source>Cannot put the experiment “%1” back: %2</source>
        <translation>无法恢复实验“%1”：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::exporting::CsvMemberWriter</name>
    <message>
        <source>This build cannot write GB18030; choose UTF-8</source>
        <translation>此版本无法写入 GB18030；请选择 UTF-8</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
</context>
<context>
    <name>segmenta::exporting::GroupSplit</name>
    <message>
        <source>A split needs 2 to %1 groups, not %2</source>
        <translation>拆分需要 2 到 %1 个分组，而不是 %2 个</translation>
    </message>
    <message>
        <source>Each group of a split needs 1 to 99 percent, not %1</source>
        <translation>拆分的每个分组需要 1% 到 99%，而不是 %1</translation>
    </message>
    <message>
        <source>The groups of a split must add up to 100 percent, not %1</source>
        <translation>拆分各分组之和必须为 100%，而不是 %1</translation>
    </message>
</context>
<context>
    <name>segmenta::exporting::MemberExporter</name>
    <message>
        <source>Cannot export to “%1”: the file name must end in .xlsx or .csv</source>
        <translation>无法导出到“%1”：文件名必须以 .xlsx 或 .csv 结尾</translation>
    </message>
    <message>
        <source>“%1” cannot separate CSV fields; use a comma, semicolon, tab or another ASCII character</source>
        <translation>“%1”不能用作 CSV 分隔符；请使用逗号、分号、制表符或其他 ASCII 字符</translation>
    </message>
    <message>
        <source>Cannot export to “%1”: the folder “%2” does not exist</source>
        <translation>无法导出到“%1”：文件夹“%2”不存在</translation>
    </message>
    <message>
        <source>Cannot export to “%1”: it is a folder</source>
        <translation>无法导出到“%1”：它是一个文件夹</translation>
    </message>
    <message>
        <source>“%1” already exists; choose another name or allow replacing it</source>
        <translation>“%1”已存在；请换一个名称或允许替换</translation>
    </message>
    <message>
        <source>There is no customer field “%1” to export</source>
        <translation>没有可导出的客户字段“%1”</translation>
    </message>
    <message>
        <source>The customers of “%1” changed during the export; try again</source>
        <translation>导出期间“%1”的客户发生了变化；请重试</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n member(s) to %1</source>
        <translation>
            <numerusform>已导出 %n 位成员到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not read the members from “%1”: %2</source>
        <translation>无法从“%1”读取成员：%2</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written</source>
        <translation>导出已取消；未写入任何文件</translation>
    </message>
    <message>
        <source>Recording an experiment needs an A/B split</source>
        <translation>记录实验需要 A/B 分组</translation>
    </message>
    <message>
        <source>The control group must be one of the split&apos;s groups</source>
        <translation>对照组必须是分组中的一个组</translation>
    </message>
    <message>
        <source>The members were exported to %1, but the experiment could not be recorded: %2</source>
        <translation>成员已导出到 %1，但无法记录实验：%2</translation>
    </message>
    <message>
        <source>recorded as experiment “%1” starting %2, group %3 the control</source>
        <translation>已记录为实验“%1”，开始于 %2，%3 组为对照组</translation>
    </message>
    <message>
        <source>Named lists cannot be exported with an A/B split, nor more than 255 of them</source>
        <translation>命名名单不能与 A/B 拆分同时导出，也不能超过 255 个</translation>
    </message>
</context>
<context>
    <name>segmenta::exporting::XlsxMemberWriter</name>
    <message>
        <source>Cannot start the workbook “%1”</source>
        <translation>无法创建工作簿“%1”</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>分组 %1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>(unsaved rule)</source>
        <translation>（未保存的规则）</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Analysis date</source>
        <translation>分析日期</translation>
    </message>
    <message>
        <source>Exported at</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>Workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>Personal data masked</source>
        <translation>个人信息已脱敏</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>%1 %2%</source>
        <translation>%1 %2%</translation>
    </message>
    <message>
        <source>A/B split</source>
        <translation>A/B 拆分</translation>
    </message>
    <message>
        <source>%1 (seed %2)</source>
        <translation>%1（种子 %2）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>The members continue on further sheets: %1</source>
        <translation>成员续写在后续工作表中：%1</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>汇总</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>占比</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>Value tier</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>(no RFM score)</source>
        <translation>（无 RFM 得分）</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot replace “%1”: %2</source>
        <translation>无法替换“%1”：%2</translation>
    </message>
    <message>
        <source>More members than one sheet holds: they continue on sheets %1</source>
        <translation>成员数超过一个工作表的容量：续写在工作表 %1</translation>
    </message>
    <message>
        <source>there was not enough memory; close other programs and try again</source>
        <translation>内存不足；请关闭其他程序后重试</translation>
    </message>
    <message>
        <source>the file could not be written in “%1”: the disk may be full, or the folder read-only; free some room there or choose another folder</source>
        <translation>无法在“%1”中写入文件：磁盘可能已满，或文件夹是只读的；请腾出一些空间或换一个文件夹</translation>
    </message>
    <message>
        <source>the workbook could not be written (error %1); try another folder or the CSV format</source>
        <translation>无法写入工作簿（错误 %1）；请换一个文件夹或改用 CSV 格式</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>segmenta::import::Importer</name>
    <message>
        <source>the column “%1” says %2</source>
        <translation>“%1”列写的是 %2</translation>
    </message>
    <message>
        <source>the amounts in “%1” are written with %2</source>
        <translation>“%1”中的金额带有 %2</translation>
    </message>
    <message>
        <source>the amounts are under a Chinese header, “%1”</source>
        <translation>金额列的表头是中文（“%1”）</translation>
    </message>
    <message>
        <source>Amounts are shown with %1, as %2; the workspace's settings can change it</source>
        <translation>金额以 %1 显示，因为%2；可在工作区设置中更改</translation>
    </message>
    <message>
        <source>Lines read as %3 because they were not %2: %1 (line numbers %4); check the names on them</source>
        <translation>因不是 %2 而按 %3 读取的行：%1（行号 %4）；请检查其中的名称</translation>
    </message>
    <message>
        <source>Rows left out because they could be read neither as %2 nor as %3: %1 (see the rejected rows)</source>
        <translation>既不能按 %2 也不能按 %3 读取而未导入的行：%1（见未导入的行）</translation>
    </message>
    <message>
        <source>Segmenta has a field of this name; the column is imported as “%1”</source>
        <translation>Segmenta 已有同名字段；此列导入为“%1”</translation>
    </message>
    <message>
        <source>days since the last order, counted back from the analysis date %1 into the last order date (30 days: %2)</source>
        <translation>距上次下单天数，从分析日期 %1 往前推算为最近下单日期（30 天：%2）</translation>
    </message>
    <message>
        <source>dates</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>whole numbers</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>yes/no values</source>
        <translation>是/否值</translation>
    </message>
    <message>
        <source>numbers</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>“%1” is read-only; nothing can be imported into it</source>
        <translation>“%1”为只读，无法导入</translation>
    </message>
    <message>
        <source>The import was cancelled; the workspace is unchanged</source>
        <translation>已取消导入，工作区未改动</translation>
    </message>
    <message>
        <source>“%1” is empty</source>
        <translation>“%1”为空</translation>
    </message>
    <message>
        <source>Column %1</source>
        <translation>第 %1 列</translation>
    </message>
    <message>
        <source>“%1” has no column that names the customer (such as customer id, 买家会员名, phone or e-mail); the headers are: %2</source>
        <translation>“%1”中没有标识客户的列（如客户编号、买家会员名、手机或邮箱）；现有表头为：%2</translation>
    </message>
    <message>
        <source>“%1” looks like an order list but has no order date column</source>
        <translation>“%1”看起来是订单表，但缺少下单时间列</translation>
    </message>
    <message>
        <source>%1 values could not be read as %2</source>
        <translation>有 %1 个值无法读取为%2</translation>
    </message>
    <message>
        <source>dates such as 01/07/2024 were read as day/month/year</source>
        <translation>01/07/2024 这类日期按“日/月/年”读取</translation>
    </message>
    <message>
        <source>no customer: the %1 cell is empty</source>
        <translation>缺少客户：%1 为空</translation>
    </message>
    <message>
        <source>not readable as %1</source>
        <translation>无法读取为%1</translation>
    </message>
    <message>
        <source>order left out: the %1 is %2</source>
        <translation>订单未导入：%1%2</translation>
    </message>
    <message>
        <source>order left out: it has neither an amount nor a unit price</source>
        <translation>订单未导入：既没有金额也没有单价</translation>
    </message>
    <message>
        <source>Could not import “%1”: %2</source>
        <translation>无法导入“%1”：%2</translation>
    </message>
    <message>
        <source>There is no import number %1</source>
        <translation>没有编号为 %1 的导入</translation>
    </message>
    <message>
        <source>Could not undo import %1: %2</source>
        <translation>无法撤销导入 %1：%2</translation>
    </message>
    <message>
        <source>“%1” changed while it was being imported; nothing was imported, try again</source>
        <translation>“%1”在导入过程中被修改；未导入任何内容，请重试</translation>
    </message>
    <message>
        <source>%1 of the first %2 values could not be read as %3</source>
        <translation>前 %2 个值中有 %1 个无法读作%3</translation>
    </message>
    <message>
        <source>“%1”: row %2 cannot be the header; it must be one of the first %3 rows</source>
        <translation>“%1”：第 %2 行不能作为表头；表头必须在前 %3 行之内</translation>
    </message>
    <message>
        <source>“%1” has no column “%2”; the columns are: %3</source>
        <translation>“%1”中没有“%2”列；现有的列为：%3</translation>
    </message>
    <message>
        <source>Could not read the remembered mappings for “%1”: %2</source>
        <translation>无法读取为“%1”记住的列对应关系：%2</translation>
    </message>
    <message>
        <source>repeated row: the same as row %1 in every column; counted once</source>
        <translation>重复的行：每一列都与第 %1 行相同；只计一次</translation>
    </message>
    <message>
        <source>order already present: an earlier import holds this customer&apos;s order of the same time</source>
        <translation>订单已存在：之前的导入已有该客户同一时间的订单</translation>
    </message>
    <message>
        <source>“%1”, column “%2”: “%3” is not a role; the roles are: %4</source>
        <translation>“%1”，列“%2”：“%3”不是角色；可用的角色有：%4</translation>
    </message>
    <message>
        <source>“%1”: the columns “%2” and “%3” are both given the role “%4”; give it to one of them</source>
        <translation>“%1”：列“%2”和“%3”都被指定为角色“%4”；请只指定给其中一列</translation>
    </message>
    <message>
        <source>%1 …and %2 more</source>
        <translation>%1 ……还有 %2 个</translation>
    </message>
    <message>
        <source>“%1”: the column “%2” has no role, and the workspace already has a field named “%2”; give the column a role or skip it</source>
        <translation>“%1”：列“%2”没有角色，而工作区已有名为“%2”的字段；请为该列指定角色或跳过它</translation>
    </message>
    <message>
        <source>“%1” has more columns than a workspace can keep (about %2 a list): column %3, “%4”, and the %5 after it do not fit; skip the columns you do not need and import again</source>
        <translation>“%1”的列数超过工作区所能保存的数量（每个列表约 %2 列）：第 %3 列“%4”及其后的 %5 列放不下；请跳过不需要的列后重新导入</translation>
    </message>
    <message>
        <source>dates such as 01/07/2024 were read as month/day/year</source>
        <translation>01/07/2024 这类日期按“月/日/年”读取</translation>
    </message>
</context>
<context>
    <name>segmenta::import::RejectList</name>
    <message>
        <source>Cannot read the rows the import could not use: %1</source>
        <translation>无法读取导入时未能使用的行：%1</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>segmenta::import::detail::RowPreparer</name>
    <message>
        <source>The rows could not be read: %1</source>
        <translation>无法读取这些行：%1</translation>
    </message>
</context>
<context>
    <name>segmenta::metrics::AnalysisChanges</name>
    <message>
        <source>“%1” is read-only; its settings cannot be changed</source>
        <translation>“%1”是只读的，无法更改其设置</translation>
    </message>
    <message>
        <source>Changing the settings was cancelled; nothing was changed</source>
        <translation>更改设置已取消，未作任何更改</translation>
    </message>
    <message>
        <source>Could not change the settings of “%1”: %2</source>
        <translation>无法更改“%1”的设置：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::metrics::AnalysisSettings</name>
    <message>
        <source>A new customer needs at least one order</source>
        <translation>新客户至少需要一笔订单</translation>
    </message>
    <message>
        <source>Growing customers must have more orders than new ones (%1)</source>
        <translation>成长客户的订单数必须多于新客户（%1）</translation>
    </message>
    <message>
        <source>The active period must be at least one day</source>
        <translation>活跃期至少为一天</translation>
    </message>
    <message>
        <source>The at-risk period must end after the active period (%1 days)</source>
        <translation>流失预警期必须晚于活跃期（%1 天）结束</translation>
    </message>
    <message>
        <source>Customer shares must be between 0 and 100% and add up to at most 100%</source>
        <translation>客户占比必须在 0 到 100% 之间，且合计不超过 100%</translation>
    </message>
    <message>
        <source>Revenue shares must be between 0 and 100% and add up to at most 100%</source>
        <translation>收入占比必须在 0 到 100% 之间，且合计不超过 100%</translation>
    </message>
    <message>
        <source>The high tier&apos;s minimum spend must be above the mid tier&apos;s</source>
        <translation>高价值层的最低消费必须高于中价值层</translation>
    </message>
    <message>
        <source>The order counts from which frequency scores F2 to F5 start must rise from 2 upwards</source>
        <translation>频次得分 F2 至 F5 的起始订单数必须从 2 开始逐级递增</translation>
    </message>
</context>
<context>
    <name>segmenta::metrics::CustomerMetrics</name>
    <message>
        <source>The analysis date is not a valid date</source>
        <translation>分析日期不是有效日期</translation>
    </message>
    <message>
        <source>Could not compute customer metrics in “%1”: %2</source>
        <translation>无法计算“%1”中的客户指标：%2</translation>
    </message>
    <message>
        <source>Computing customer metrics was cancelled; nothing was changed</source>
        <translation>已取消计算客户指标，未做任何改动</translation>
    </message>
    <message>
        <source>The customer metrics of “%1” are out of date, and the workspace is read-only</source>
        <translation>“%1”的客户指标已过期，且工作区为只读</translation>
    </message>
    <message>
        <source>Could not read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>Could not read the lifecycle moves in “%1”: %2</source>
        <translation>无法读取“%1”中的生命周期迁移：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::read::CsvReader</name>
    <message>
        <source>“%1”, line %2: the text is neither %3 nor %4, so the row was left out; if the file is in another encoding, choose it when importing</source>
        <translation>“%1”第 %2 行：文本既不是 %3 也不是 %4，该行未导入；如果文件是其他编码，请在导入时选择该编码</translation>
    </message>
    <message>
        <source>“%1”, line %2, column %3: the text is neither %4 nor %5, so the row was left out; if the file is in another encoding, choose it when importing</source>
        <translation>“%1”第 %2 行第 %3 列：文本既不是 %4 也不是 %5，该行未导入；如果文件是其他编码，请在导入时选择该编码</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is larger than 2 GB; split it into smaller files</source>
        <translation>“%1”超过 2 GB，请拆分为较小的文件</translation>
    </message>
    <message>
        <source>“%1” is not valid UTF-8; choose its encoding (for example GB18030)</source>
        <translation>“%1”不是有效的 UTF-8，请选择其编码（例如 GB18030）</translation>
    </message>
    <message>
        <source>“%1”: the encoding “%2” is not known</source>
        <translation>“%1”：未知的编码“%2”</translation>
    </message>
    <message>
        <source>“%1” cannot be read as %2; choose another encoding</source>
        <translation>无法按 %2 读取“%1”，请选择其他编码</translation>
    </message>
    <message>
        <source>“%1” is not a text file (it contains NUL bytes); is it a spreadsheet saved under the wrong name?</source>
        <translation>“%1”不是文本文件（含有 NUL 字节）；它是否是改了扩展名的电子表格？</translation>
    </message>
    <message>
        <source>A text file has only one table</source>
        <translation>文本文件只有一张表</translation>
    </message>
    <message>
        <source>“%1”, line %2: a quoted cell is never closed</source>
        <translation>“%1”第 %2 行：带引号的单元格没有结束引号</translation>
    </message>
</context>
<context>
    <name>segmenta::read::IsolatedXlsReader</name>
    <message>
        <source>Cannot read “%1”: the program that reads .xls files (%2) is missing from this installation</source>
        <translation>无法读取“%1”：本安装缺少读取 .xls 文件的程序（%2）</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2 does not start (%3)</source>
        <translation>无法读取“%1”：%2 无法启动（%3）</translation>
    </message>
    <message>
        <source>“%1” is refused: reading it did not finish within two minutes</source>
        <translation>已拒绝“%1”：两分钟内未能读完</translation>
    </message>
    <message>
        <source>“%1” is damaged: reading it failed</source>
        <translation>“%1”已损坏：读取失败</translation>
    </message>
    <message>
        <source>“%1” holds no worksheets</source>
        <translation>“%1”中没有工作表</translation>
    </message>
    <message>
        <source>This workbook has no sheet number %1</source>
        <translation>此工作簿没有第 %1 个工作表</translation>
    </message>
</context>
<context>
    <name>segmenta::read::OdsReader</name>
    <message>
        <source>“%1” holds no sheet</source>
        <translation>“%1”中没有工作表</translation>
    </message>
    <message>
        <source>“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs</source>
        <translation>已拒绝“%1”：其部件 %2 声明了 DTD，而电子表格从不需要 DTD</translation>
    </message>
    <message>
        <source>“%1” is password-protected; remove the password in LibreOffice or WPS and import it again</source>
        <translation>“%1”受密码保护；请在 LibreOffice 或 WPS 中移除密码后重新导入</translation>
    </message>
    <message>
        <source>“%1” is an OpenDocument file but not a spreadsheet</source>
        <translation>“%1”是 OpenDocument 文件，但不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is refused: %2 (%3)</source>
        <translation>已拒绝“%1”：%2（%3）</translation>
    </message>
    <message>
        <source>“%1” is damaged: the XML of %2 breaks off at line %3 (%4)</source>
        <translation>“%1”已损坏：%2 的 XML 在第 %3 行中断（%4）</translation>
    </message>
    <message>
        <source>“%1” cannot be read: out of memory</source>
        <translation>无法读取“%1”：内存不足</translation>
    </message>
    <message>
        <source>“%1” has no sheet number %2</source>
        <translation>“%1”没有第 %2 个工作表</translation>
    </message>
    <message>
        <source>“%1” is refused: %2</source>
        <translation>已拒绝“%1”：%2</translation>
    </message>
    <message>
        <source>“%1”, sheet “%2”, row %3: %4</source>
        <translation>“%1”，工作表“%2”，第 %3 行：%4</translation>
    </message>
    <message>
        <source>“%1”, sheet “%2”: %3</source>
        <translation>“%1”，工作表“%2”：%3</translation>
    </message>
    <message>
        <source>it has more than %1 sheets</source>
        <translation>它有超过 %1 个工作表</translation>
    </message>
    <message>
        <source>Sheet%1</source>
        <translation>工作表%1</translation>
    </message>
    <message>
        <source>a row holds more than %1 MB of text</source>
        <translation>某一行的文本超过 %1 MB</translation>
    </message>
    <message>
        <source>a cell lies beyond column %1, the last one a sheet has</source>
        <translation>有单元格位于第 %1 列之后，超出了工作表的最后一列</translation>
    </message>
    <message>
        <source>a cell is repeated %1 times, beyond column %2, the last one a sheet has</source>
        <translation>有单元格重复了 %1 次，超出了工作表的最后一列（第 %2 列）</translation>
    </message>
    <message>
        <source>its repeat counts would make more than %1 million cells, far more than a real sheet holds</source>
        <translation>其重复次数会产生超过 %1 百万个单元格，远超真实工作表的规模</translation>
    </message>
    <message>
        <source>the row lies beyond row %1, the last one a sheet has</source>
        <translation>该行位于第 %1 行之后，超出了工作表的最后一行</translation>
    </message>
    <message>
        <source>a row is repeated %1 times, beyond row %2, the last one a sheet has</source>
        <translation>有一行重复了 %1 次，超出了工作表的最后一行（第 %2 行）</translation>
    </message>
    <message>
        <source>out of memory while reading the sheet</source>
        <translation>读取工作表时内存不足</translation>
    </message>
    <message>
        <source>content.xml declares a DTD, which a spreadsheet never needs</source>
        <translation>content.xml 声明了 DTD，而电子表格从不需要 DTD</translation>
    </message>
    <message>
        <source>the XML of content.xml is damaged (%1, line %2)</source>
        <translation>content.xml 的 XML 已损坏（%1，第 %2 行）</translation>
    </message>
</context>
<context>
    <name>segmenta::read::XlsReader</name>
    <message>
        <source>“%1” is password-protected; remove the password in Excel or WPS (File &gt; Info &gt; Protect Workbook) and import it again</source>
        <translation>“%1”受密码保护；请在 Excel 或 WPS 中取消密码（文件 &gt; 信息 &gt; 保护工作簿）后重新导入</translation>
    </message>
    <message>
        <source>“%1” is a Word document, not a spreadsheet</source>
        <translation>“%1”是 Word 文档，不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is a PowerPoint presentation, not a spreadsheet</source>
        <translation>“%1”是 PowerPoint 演示文稿，不是电子表格</translation>
    </message>
    <message>
        <source>“%1” is damaged: its structure asks for impossible sizes, so it is refused</source>
        <translation>“%1”已损坏：其结构要求不可能的大小，因此拒绝导入</translation>
    </message>
    <message>
        <source>“%1” is not a readable Excel 97-2003 workbook: it is damaged or is another kind of file (FreeXL error %2)</source>
        <translation>“%1”不是可读取的 Excel 97-2003 工作簿：文件已损坏或是其他类型的文件（FreeXL 错误 %2）</translation>
    </message>
    <message>
        <source>“%1” is password-protected; remove the password in Excel or WPS and import it again</source>
        <translation>“%1”受密码保护；请在 Excel 或 WPS 中取消密码后重新导入</translation>
    </message>
    <message>
        <source>Sheet %1</source>
        <translation>工作表 %1</translation>
    </message>
    <message>
        <source>“%1” cannot be read: no worksheet was found in it. It may come from an old or unusual program (Excel 95, Gnumeric) or be damaged; open it in Excel, WPS or LibreOffice, save it as .xlsx and import that</source>
        <translation>无法读取“%1”：其中找不到工作表。它可能来自较旧或不常见的程序（Excel 95、Gnumeric），或已损坏；请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx 后再导入</translation>
    </message>
    <message>
        <source>“%1” has no sheet number %2</source>
        <translation>“%1”没有第 %2 个工作表</translation>
    </message>
    <message>
        <source>“%1”: the sheet “%2” cannot be read</source>
        <translation>“%1”：无法读取工作表“%2”</translation>
    </message>
    <message>
        <source>“%1”, row %2, column %3: the cell cannot be read (FreeXL error %4)</source>
        <translation>“%1”，第 %2 行，第 %3 列：无法读取该单元格（FreeXL 错误 %4）</translation>
    </message>
</context>
<context>
    <name>segmenta::read::XlsxReader</name>
    <message>
        <source>“%1” is refused: its shared texts (%2 MB%3) would take too long and too much memory to read; save the sheet as CSV and import that</source>
        <translation>已拒绝“%1”：其共享文本（%2 MB%3）读取耗时过长且占用内存过多；请将工作表另存为 CSV 后再导入</translation>
    </message>
    <message>
        <source>, %1 texts</source>
        <translation>，%1 条文本</translation>
    </message>
    <message>
        <source>“%1” is refused: its part %2 declares a DTD, which a spreadsheet never needs</source>
        <translation>拒绝导入“%1”：其部件 %2 声明了 DTD，电子表格从不需要它</translation>
    </message>
    <message>
        <source>“%1” is refused: %2 (%3)</source>
        <translation>拒绝导入“%1”：%2（%3）</translation>
    </message>
    <message>
        <source>“%1” is damaged: the XML of %2 breaks off at line %3 (%4)</source>
        <translation>“%1”已损坏：%2 的 XML 在第 %3 行中断（%4）</translation>
    </message>
    <message>
        <source>“%1” is a binary Excel workbook (.xlsb), which Segmenta cannot read; save it as .xlsx in Excel or WPS and import that</source>
        <translation>“%1”是二进制 Excel 工作簿（.xlsb），Segmenta 无法读取；请在 Excel 或 WPS 中另存为 .xlsx 后再导入</translation>
    </message>
    <message>
        <source>“%1” is not an Excel workbook: it holds no workbook part</source>
        <translation>“%1”不是 Excel 工作簿：其中没有工作簿部件</translation>
    </message>
    <message>
        <source>“%1” holds no worksheets</source>
        <translation>“%1”中没有工作表</translation>
    </message>
    <message>
        <source>“%1” is damaged: its styles (%2) cannot be read</source>
        <translation>“%1”已损坏：无法读取其样式（%2）</translation>
    </message>
    <message>
        <source>“%1” is damaged: the shared strings break off after %2 entries (%3)</source>
        <translation>“%1”已损坏：共享字符串在第 %2 项后中断（%3）</translation>
    </message>
    <message>
        <source>“%1” has no sheet number %2</source>
        <translation>“%1”没有第 %2 个工作表</translation>
    </message>
    <message>
        <source>“%1”, sheet “%2”, row %3: %4</source>
        <translation>“%1”，工作表“%2”，第 %3 行：%4</translation>
    </message>
    <message>
        <source>“%1”, sheet “%2”: %3</source>
        <translation>“%1”，工作表“%2”：%3</translation>
    </message>
    <message>
        <source>a cell lies beyond column XFD, the last one Excel has</source>
        <translation>有单元格超出了 Excel 的最后一列 XFD</translation>
    </message>
    <message>
        <source>the sheet has more rows than Excel allows</source>
        <translation>工作表的行数超过了 Excel 允许的上限</translation>
    </message>
    <message>
        <source>cell %1 refers to shared string %2, which does not exist</source>
        <translation>第 %1 列的单元格引用了不存在的共享字符串 %2</translation>
    </message>
    <message>
        <source>out of memory while reading the sheet</source>
        <translation>读取工作表时内存不足</translation>
    </message>
    <message>
        <source>the sheet declares a DTD, which a spreadsheet never needs</source>
        <translation>工作表声明了 DTD，电子表格从不需要它</translation>
    </message>
    <message>
        <source>the sheet&apos;s XML is damaged (%1, line %2)</source>
        <translation>工作表的 XML 已损坏（%1，第 %2 行）</translation>
    </message>
    <message>
        <source>“%1” is refused: its shared texts would take more than %2 MB of memory (%3 texts so far); save the sheet as CSV and import that</source>
        <translation>已拒绝“%1”：其共享文本将占用超过 %2 MB 内存（目前已有 %3 条）；请将该工作表另存为 CSV 后导入</translation>
    </message>
</context>
<context>
    <name>segmenta::read::ZipPackage</name>
    <message>
        <source>a part decompresses to more than it declares or than is plausible</source>
        <translation>某个部件解压后的大小超过其声明值或合理范围</translation>
    </message>
    <message>
        <source>“%1” is damaged or truncated: its zip archive cannot be read (%2)</source>
        <translation>“%1”已损坏或不完整：无法读取其 zip 压缩包（%2）</translation>
    </message>
    <message>
        <source>“%1” is damaged: the part %2 is missing</source>
        <translation>“%1”已损坏：缺少部件 %2</translation>
    </message>
    <message>
        <source>“%1” is damaged: the part %2 cannot be read</source>
        <translation>“%1”已损坏：无法读取部件 %2</translation>
    </message>
    <message>
        <source>“%1” is password-protected; remove the password in Excel or WPS and import it again</source>
        <translation>“%1”受密码保护；请在 Excel 或 WPS 中取消密码后重新导入</translation>
    </message>
    <message>
        <source>“%1” is refused: its part %2 would decompress to %3 MB, far more than a spreadsheet holds</source>
        <translation>拒绝导入“%1”：其部件 %2 解压后将达 %3 MB，远超电子表格的正常大小</translation>
    </message>
    <message>
        <source>“%1” is damaged: the part %2 cannot be opened (%3)</source>
        <translation>“%1”已损坏：无法打开部件 %2（%3）</translation>
    </message>
    <message>
        <source>“%1” is damaged: %2 (%3)</source>
        <translation>“%1”已损坏：%2（%3）</translation>
    </message>
</context>
<context>
    <name>segmenta::rules::ColumnCache</name>
    <message>
        <source>Could not load the customers into memory: %1</source>
        <translation>无法将客户载入内存：%1</translation>
    </message>
    <message>
        <source>Loading the customers was cancelled</source>
        <translation>已取消载入客户</translation>
    </message>
    <message>
        <source>The customers changed while they were being loaded; try again</source>
        <translation>加载期间客户数据发生了变化；请重试</translation>
    </message>
    <message>
        <source>Could not read the orders into memory: %1</source>
        <translation>无法将订单读入内存：%1</translation>
    </message>
    <message>
        <source>The orders changed since the customers were read; open the workspace again</source>
        <translation>读取客户之后订单发生了变化；请重新打开工作区</translation>
    </message>
    <message>
        <source>Reading the orders was cancelled</source>
        <translation>已取消读取订单</translation>
    </message>
</context>
<context>
    <name>segmenta::rules::RuleContext</name>
    <message>
        <source>line %1, column %2: </source>
        <translation>第 %1 行第 %2 列：</translation>
    </message>
    <message>
        <source>a purchase&apos;s “where” names order and line fields, not segments</source>
        <translation>购买条件的“where”只能使用订单和明细字段，不能使用分群</translation>
    </message>
    <message>
        <source>a purchase condition cannot be inside another one&apos;s “where”</source>
        <translation>购买条件不能放在另一个购买条件的“where”中</translation>
    </message>
    <message>
        <source>there is no order or line field named “%1”; the closest are %2</source>
        <translation>没有名为“%1”的订单或明细字段；最接近的是 %2</translation>
    </message>
    <message>
        <source>this operator does not apply inside a purchase&apos;s “where”</source>
        <translation>此运算符不能用于购买条件的“where”中</translation>
    </message>
    <message>
        <source>the purchase condition is incomplete</source>
        <translation>购买条件不完整</translation>
    </message>
    <message>
        <source>give “at least”, “at most” or “exactly” and a whole number of times, 0 or more</source>
        <translation>请给出“at least”、“at most”或“exactly”以及次数（0 或以上的整数）</translation>
    </message>
    <message>
        <source>give &gt;=, &gt;, &lt;=, &lt;, = and one amount, or “between” and two amounts</source>
        <translation>请给出 &gt;=、&gt;、&lt;=、&lt;、= 和一个金额，或“between”和两个金额</translation>
    </message>
    <message>
        <source>the period must be in last N days/weeks/months, before, after, between two dates or more than N days ago</source>
        <translation>时间段必须是 in last N days/weeks/months、before、after、两个日期之间（between）或 more than N days ago</translation>
    </message>
    <message>
        <source>no order has a date, so a period finds no purchase</source>
        <translation>没有任何订单有日期，时间段找不到任何购买</translation>
    </message>
    <message>
        <source>a purchase&apos;s “where” cannot be disabled; remove it instead</source>
        <translation>购买条件的“where”不能停用；请删除它</translation>
    </message>
    <message>
        <source>In “%1”: no order holds “%2” (the field %3 holds no values)</source>
        <translation>在“%1”中：没有订单包含“%2”（字段 %3 没有任何值）</translation>
    </message>
    <message>
        <source>In “%1”: no order holds “%2”; the closest values are %3</source>
        <translation>在“%1”中：没有订单包含“%2”；最接近的值是 %3</translation>
    </message>
    <message>
        <source>In “%1”: %2</source>
        <translation>在“%1”中：%2</translation>
    </message>
    <message>
        <source>name one segment</source>
        <translation>请指定一个分群</translation>
    </message>
    <message>
        <source>the segment “%1” refers to itself through “in segment”</source>
        <translation>分群“%1”通过“in segment”引用了自身</translation>
    </message>
    <message>
        <source>there is no saved segment named “%1”</source>
        <translation>没有名为“%1”的已保存分群</translation>
    </message>
    <message>
        <source>there is no field named “%1”</source>
        <translation>没有名为“%1”的字段</translation>
    </message>
    <message>
        <source>this operator does not apply to a %1 field</source>
        <translation>此运算符不适用于 %1 类型的字段</translation>
    </message>
    <message>
        <source>this operator takes no value</source>
        <translation>此运算符不需要值</translation>
    </message>
    <message>
        <source>list at least one value</source>
        <translation>请至少列出一个值</translation>
    </message>
    <message>
        <source>every value must be a number</source>
        <translation>每个值都必须是数字</translation>
    </message>
    <message>
        <source>every value must be text in quotes</source>
        <translation>每个值都必须是带引号的文本</translation>
    </message>
    <message>
        <source>give two values</source>
        <translation>请给出两个值</translation>
    </message>
    <message>
        <source>both values must be numbers</source>
        <translation>两个值都必须是数字</translation>
    </message>
    <message>
        <source>both values must be dates</source>
        <translation>两个值都必须是日期</translation>
    </message>
    <message>
        <source>give one date (YYYY-MM-DD)</source>
        <translation>请给出一个日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>give a whole number and days, weeks or months</source>
        <translation>请给出一个整数以及 days、weeks 或 months</translation>
    </message>
    <message>
        <source>give a whole number of days</source>
        <translation>请给出整数天数</translation>
    </message>
    <message>
        <source>give a percentage between 0 and 100</source>
        <translation>请给出 0 到 100 之间的百分比</translation>
    </message>
    <message>
        <source>give one number</source>
        <translation>请给出一个数字</translation>
    </message>
    <message>
        <source>give one text value in quotes</source>
        <translation>请给出一个带引号的文本值</translation>
    </message>
    <message>
        <source>“%1” is not one of its values; did you mean %2? (%3)</source>
        <translation>“%1”不是它的取值之一；您是想用 %2 吗？（%3）</translation>
    </message>
    <message>
        <source>In “%1”: no customer has “%2” (the field %3 holds no values)</source>
        <translation>在“%1”中：没有客户的取值是“%2”（字段 %3 没有任何取值）</translation>
    </message>
    <message>
        <source>In “%1”: no customer has “%2”; the closest values are %3</source>
        <translation>在“%1”中：没有客户的取值是“%2”；最接近的取值是 %3</translation>
    </message>
</context>
<context>
    <name>segmenta::rules::RuleText</name>
    <message>
        <source>expected a condition on an order or line field</source>
        <translation>此处应为订单或明细字段上的条件</translation>
    </message>
    <message>
        <source>expected a condition on an order or line field (a purchase condition cannot be nested)</source>
        <translation>此处应为订单或明细字段上的条件（购买条件不能嵌套）</translation>
    </message>
    <message>
        <source>expected an order or line field (such as product, category, amount) or “(”</source>
        <translation>此处应为订单或明细字段（如 product、category、amount）或“(”</translation>
    </message>
    <message>
        <source>expected a field name, “(”, “not”, “in segment”, “ordered” or “spent”</source>
        <translation>此处应为字段名、“(”、“not”、“in segment”、“ordered”或“spent”</translation>
    </message>
    <message>
        <source>expected a whole number of times (0 or more)</source>
        <translation>此处应为次数（0 或以上的整数）</translation>
    </message>
    <message>
        <source>expected “least” or “most”</source>
        <translation>此处应为“least”或“most”</translation>
    </message>
    <message>
        <source>expected “times”</source>
        <translation>此处应为“times”</translation>
    </message>
    <message>
        <source>expected &gt;=, &gt;, &lt;=, &lt;, = or “between” after “spent”</source>
        <translation>“spent”之后应为 &gt;=、&gt;、&lt;=、&lt;、= 或“between”</translation>
    </message>
    <message>
        <source>the end of the rule</source>
        <translation>规则末尾</translation>
    </message>
    <message>
        <source>the text &quot;%1&quot;</source>
        <translation>文本 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>“%1” is neither a number nor a date (YYYY-MM-DD)</source>
        <translation>“%1”既不是数字也不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>expected “!=”</source>
        <translation>应为“!=”</translation>
    </message>
    <message>
        <source>unexpected character “%1”</source>
        <translation>意外的字符“%1”</translation>
    </message>
    <message>
        <source>line %1, column %2: %3</source>
        <translation>第 %1 行，第 %2 列：%3</translation>
    </message>
    <message>
        <source>this text has no closing quote</source>
        <translation>此文本缺少结束引号</translation>
    </message>
    <message>
        <source>this field name has no closing backtick</source>
        <translation>此字段名缺少结束反引号</translation>
    </message>
    <message>
        <source>expected “and”, “or” or the end of the rule</source>
        <translation>应为“and”、“or”或规则结束</translation>
    </message>
    <message>
        <source>line %1, column %2: %3, found %4</source>
        <translation>第 %1 行，第 %2 列：%3，实际为 %4</translation>
    </message>
    <message>
        <source>expected “%1”</source>
        <translation>应为“%1”</translation>
    </message>
    <message>
        <source>expected %1</source>
        <translation>应为 %1</translation>
    </message>
    <message>
        <source>the rule is nested too deeply</source>
        <translation>规则嵌套过深</translation>
    </message>
    <message>
        <source>expected a segment name in quotes</source>
        <translation>应为带引号的分群名称</translation>
    </message>
    <message>
        <source>“)”</source>
        <translation>“)”</translation>
    </message>
    <message>
        <source>“,” or “)”</source>
        <translation>“,”或“)”</translation>
    </message>
    <message>
        <source>expected a field name, “(”, “not” or “in segment”</source>
        <translation>应为字段名、“(”、“not”或“in segment”</translation>
    </message>
    <message>
        <source>expected a value (text in quotes, a number or a date)</source>
        <translation>应为一个值（带引号的文本、数字或日期）</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>expected a date (YYYY-MM-DD)</source>
        <translation>应为日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <source>expected text in quotes</source>
        <translation>应为带引号的文本</translation>
    </message>
    <message>
        <source>“(” and a list of values</source>
        <translation>“(”和值列表</translation>
    </message>
    <message>
        <source>expected “days”</source>
        <translation>应为“days”</translation>
    </message>
    <message>
        <source>expected “days”, “weeks” or “months”</source>
        <translation>应为“days”、“weeks”或“months”</translation>
    </message>
    <message>
        <source>line %1, column %2: use “not (%3 on DATE)” for dates</source>
        <translation>第 %1 行，第 %2 列：日期请使用“not (%3 on 日期)”</translation>
    </message>
    <message>
        <source>“is not” takes text or a number</source>
        <translation>“is not”后应为文本或数字</translation>
    </message>
    <message>
        <source>“%”</source>
        <translation>“%”</translation>
    </message>
    <message>
        <source>expected an operator after “%1” (such as =, &gt;, is, in, contains, between, in last)</source>
        <translation>“%1”后应为运算符（如 =、&gt;、is、in、contains、between、in last）</translation>
    </message>
</context>
<context>
    <name>segmenta::segments::OverlapMatrix</name>
    <message>
        <source>Segment “%1”: %2</source>
        <translation>分群“%1”：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::segments::Playbook</name>
    <message>
        <source>Could not record segment sizes: %1</source>
        <translation>无法记录分群规模：%1</translation>
    </message>
</context>
<context>
    <name>segmenta::segments::SegmentFile</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is not a segment file: it is larger than 16 MB</source>
        <translation>“%1”不是分群文件：文件超过 16 MB</translation>
    </message>
    <message>
        <source>“%1” is not a segment file: %2 at character %3</source>
        <translation>“%1”不是分群文件：第 %3 个字符处%2</translation>
    </message>
    <message>
        <source>“%1” is not a segment file: it has no rule (“root”)</source>
        <translation>“%1”不是分群文件：其中没有规则（“root”）</translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation>“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” does not fit this workspace: %2</source>
        <translation>“%1”与本工作区不符：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::segments::SegmentStore</name>
    <message>
        <source>Could not update the saved segments: %1</source>
        <translation>无法更新已保存的分群：%1</translation>
    </message>
    <message>
        <source>The saved segment “%1” cannot be read: %2</source>
        <translation>无法读取已保存的分群“%1”：%2</translation>
    </message>
    <message>
        <source>A segment needs a name</source>
        <translation>分群需要一个名称</translation>
    </message>
    <message>
        <source>There is already a segment named “%1”</source>
        <translation>已存在名为“%1”的分群</translation>
    </message>
    <message>
        <source>The segment to duplicate no longer exists</source>
        <translation>要复制的分群已不存在</translation>
    </message>
    <message>
        <source>There is no segment number %1</source>
        <translation>没有编号为 %1 的分群</translation>
    </message>
    <message>
        <source>Cannot put the segment “%1” back: %2</source>
        <translation>无法恢复分群“%1”：%2</translation>
    </message>
</context>
<context>
    <name>segmenta::store::DatabaseError</name>
    <message>
        <source>the disk holding %1 (%2) is full, with %3 MB free; free at least %4 MB there and try again</source>
        <translation>存放 %1 的磁盘（%2）已满，仅剩 %3 MB；请在该磁盘上至少腾出 %4 MB 后重试</translation>
    </message>
    <message>
        <source>%1 could not be written: the disk holding it (%2, %3 MB free) may be full or failing, or the file may have reached a size limit; free at least %4 MB there and try again</source>
        <translation>无法写入 %1：存放它的磁盘（%2，剩余 %3 MB）可能已满或出现故障，或文件已达到大小上限；请在该磁盘上至少腾出 %4 MB 后重试</translation>
    </message>
    <message>
        <source>the workspace</source>
        <translation>工作区</translation>
    </message>
    <message>
        <source>%1 is busy: another program is writing to it, such as an import from the command line; try again when it is done</source>
        <translation>%1 正忙：另一个程序正在写入它（例如命令行导入）；请在其完成后重试</translation>
    </message>
    <message>
        <source>%1 was left half-written by a program that stopped, and can be put right only where it may be written; open it once with permission to write to it and its folder</source>
        <translation>%1 被一个中途停止的程序写了一半，只有在可写入的情况下才能修复；请以对该文件及其文件夹有写权限的方式打开一次</translation>
    </message>
    <message>
        <source>%1 cannot be changed: it was opened read-only, or the file or its folder is read-only; copy it to a folder you can write to</source>
        <translation>%1 无法修改：它以只读方式打开，或文件及其文件夹是只读的；请把它复制到您可写入的文件夹</translation>
    </message>
    <message>
        <source>%1 is damaged; run “segmenta-cli check --db FILE” for the details, export what can still be read, or restore a copy</source>
        <translation>%1 已损坏；请运行“segmenta-cli check --db 文件”查看详情，导出仍可读取的数据，或恢复一份副本</translation>
    </message>
    <message>
        <source>there was not enough memory to work on %1; close other programs and try again</source>
        <translation>处理 %1 时内存不足；请关闭其他程序后重试</translation>
    </message>
    <message>
        <source>%1 could not be read or written (a disk or file-system error); check the disk, then try again</source>
        <translation>无法读写 %1（磁盘或文件系统错误）；请检查磁盘后重试</translation>
    </message>
    <message>
        <source>%1 cannot be opened: check that the file and its folder exist and that you may read and write them</source>
        <translation>无法打开 %1：请确认文件及其文件夹存在，且您有读写权限</translation>
    </message>
    <message>
        <source>you do not have permission to change %1</source>
        <translation>您没有修改 %1 的权限</translation>
    </message>
    <message>
        <source>the work on %1 was cancelled</source>
        <translation>对 %1 的操作已取消</translation>
    </message>
    <message>
        <source>a value is too large to store in %1 (the limit is 1 GB)</source>
        <translation>有一个值太大，无法存入 %1（上限为 1 GB）</translation>
    </message>
    <message>
        <source>the change conflicts with what %1 already holds, so nothing was changed</source>
        <translation>此更改与 %1 中已有的内容冲突，因此没有做任何更改</translation>
    </message>
    <message>
        <source>%1 cannot hold that many columns (a table holds at most 2,000)</source>
        <translation>%1 无法容纳这么多列（一张表最多 2,000 列）</translation>
    </message>
    <message>
        <source>the rule is too large to run in one step; split it into smaller saved segments</source>
        <translation>规则太大，无法一次执行；请把它拆分为几个较小的已保存分群</translation>
    </message>
    <message>
        <source>an unexpected problem occurred with %1 (code %2); run “segmenta-cli check --db FILE” on it, and report the problem if it persists</source>
        <translation>%1 出现意外问题（代码 %2）；请对其运行“segmenta-cli check --db 文件”，如问题持续请报告</translation>
    </message>
</context>
<context>
    <name>segmenta::store::FileCheck</name>
    <message>
        <source>“%1” is a link that leads back to itself (a link loop); point it at a real file</source>
        <translation>“%1”是一个指回自身的链接（链接循环）；请让它指向一个真实的文件</translation>
    </message>
    <message>
        <source>“%1” is a link to “%2”, which does not exist</source>
        <translation>“%1”是指向“%2”的链接，而“%2”不存在</translation>
    </message>
    <message>
        <source>Cannot read “%1”: you do not have permission to open its folder</source>
        <translation>无法读取“%1”：您没有打开其所在文件夹的权限</translation>
    </message>
    <message>
        <source>“%1” does not exist</source>
        <translation>“%1”不存在</translation>
    </message>
    <message>
        <source>“%1” is a folder, not a file</source>
        <translation>“%1”是文件夹，不是文件</translation>
    </message>
    <message>
        <source>“%1” is not a regular file (it is a device, a pipe or a socket); save the data to a file and use that</source>
        <translation>“%1”不是普通文件（而是设备、管道或套接字）；请先把数据保存为文件，再使用该文件</translation>
    </message>
    <message>
        <source>Cannot read “%1”: you do not have permission to read it</source>
        <translation>无法读取“%1”：您没有读取它的权限</translation>
    </message>
    <message>
        <source>Will not write “%1”: it is the workspace “%2” itself (or a link to it); choose another file name</source>
        <translation>不会写入“%1”：它就是工作区“%2”本身（或指向它的链接）；请换一个文件名</translation>
    </message>
    <message>
        <source>Will not write “%1”: it belongs to the workspace “%2”; choose another file name</source>
        <translation>不会写入“%1”：它属于工作区“%2”；请换一个文件名</translation>
    </message>
    <message>
        <source>Cannot write “%1”: it is a folder</source>
        <translation>无法写入“%1”：它是文件夹</translation>
    </message>
    <message>
        <source>Will not write “%1”: it is not a regular file (it is a device, a pipe or a socket); choose another file name</source>
        <translation>不会写入“%1”：它不是普通文件（而是设备、管道或套接字）；请换一个文件名</translation>
    </message>
    <message>
        <source>Will not write “%1”: it is a database (perhaps a Segmenta workspace), which the export would destroy; choose another file name</source>
        <translation>不会写入“%1”：它是一个数据库（可能是 Segmenta 工作区），导出会毁掉它；请换一个文件名</translation>
    </message>
    <message>
        <source>Cannot read “%1”</source>
        <translation>无法读取“%1”</translation>
    </message>
    <message>
        <source>Cannot read “%1”: check that it is a file you may read</source>
        <translation>无法读取“%1”：请确认它是您有权读取的文件</translation>
    </message>
</context>
<context>
    <name>segmenta::store::Workspace</name>
    <message>
        <source>it looks like a spreadsheet or other zip archive; use Import to read spreadsheets</source>
        <translation>它看起来是电子表格或其他 zip 压缩包；请使用“导入”读取电子表格</translation>
    </message>
    <message>
        <source>it looks like an old Office document; use Import to read .xls spreadsheets</source>
        <translation>它看起来是旧版 Office 文档；请使用“导入”读取 .xls 表格</translation>
    </message>
    <message>
        <source>it is not an SQLite database</source>
        <translation>它不是 SQLite 数据库</translation>
    </message>
    <message>
        <source>“%1” is damaged or not a Segmenta workspace: the table “%2” is missing</source>
        <translation>“%1”已损坏或不是 Segmenta 工作区：缺少数据表“%2”</translation>
    </message>
    <message>
        <source>Cannot create “%1”: a file with that name already exists</source>
        <translation>无法创建“%1”：同名文件已存在</translation>
    </message>
    <message>
        <source>Cannot create “%1”: the folder “%2” does not exist</source>
        <translation>无法创建“%1”：文件夹“%2”不存在</translation>
    </message>
    <message>
        <source>Cannot create “%1”: %2</source>
        <translation>无法创建“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” does not exist</source>
        <translation>“%1”不存在</translation>
    </message>
    <message>
        <source>“%1” is a folder, not a Segmenta workspace</source>
        <translation>“%1”是文件夹，不是 Segmenta 工作区</translation>
    </message>
    <message>
        <source>Cannot read “%1”: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is not a Segmenta workspace: the file is empty</source>
        <translation>“%1”不是 Segmenta 工作区：文件为空</translation>
    </message>
    <message>
        <source>“%1” is damaged and cannot be opened: %2</source>
        <translation>“%1”已损坏，无法打开：%2</translation>
    </message>
    <message>
        <source>“%1” is not a Segmenta workspace: %2</source>
        <translation>“%1”不是 Segmenta 工作区：%2</translation>
    </message>
    <message>
        <source>“%1” is an SQLite database but not a Segmenta workspace</source>
        <translation>“%1”是 SQLite 数据库，但不是 Segmenta 工作区</translation>
    </message>
    <message>
        <source>“%1” was saved by a newer version of Segmenta (workspace format %2; this version reads up to %3). Update Segmenta to open it</source>
        <translation>“%1”由更新版本的 Segmenta 保存（工作区格式 %2；本版本最高支持 %3）。请更新 Segmenta 后再打开</translation>
    </message>
    <message>
        <source>“%1” is damaged: the file is shorter than its header says (%2 of %3 bytes); it may have been cut off while copying</source>
        <translation>“%1”已损坏：文件比文件头声明的短（%2 / %3 字节），可能在复制时被截断</translation>
    </message>
    <message>
        <source>“%1” is read-only and was saved by an older version of Segmenta; copy it to a folder you can write to so that it can be upgraded</source>
        <translation>“%1”为只读，且由旧版本的 Segmenta 保存；请将其复制到可写的文件夹中以便升级</translation>
    </message>
    <message>
        <source>Cannot open “%1”: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” is busy: another program is writing to it, such as an import from the command line. Try again when it is done</source>
        <translation>“%1”正忙：另一个程序正在写入它（例如命令行导入）。请在其完成后重试</translation>
    </message>
    <message>
        <source>“%1” is not a regular file (a device, a pipe or a socket), so it cannot be a Segmenta workspace</source>
        <translation>“%1”不是普通文件（而是设备、管道或套接字），因此不可能是 Segmenta 工作区</translation>
    </message>
    <message>
        <source>Cannot read “%1”: you do not have permission to read it</source>
        <translation>无法读取“%1”：您没有读取它的权限</translation>
    </message>
    <message>
        <source>“%1” is damaged, so it was opened read-only and nothing will be written to it; run “segmenta-cli check --db %2” for the details, export what can still be read, or restore a copy</source>
        <translation>“%1”已损坏，因此以只读方式打开，不会向其写入任何内容；请运行“segmenta-cli check --db %2”查看详情，导出仍可读取的数据，或恢复一份副本</translation>
    </message>
    <message>
        <source>Cannot save a copy as “%1”: the folder “%2” does not exist</source>
        <translation>无法将副本保存为“%1”：文件夹“%2”不存在</translation>
    </message>
    <message>
        <source>“%1” already exists; choose another name or allow replacing it</source>
        <translation>“%1”已存在；请换一个名称或允许替换</translation>
    </message>
    <message>
        <source>Cannot save a copy in “%1”: %2</source>
        <translation>无法在“%1”中保存副本：%2</translation>
    </message>
    <message>
        <source>Saving a copy of “%1” was cancelled; nothing was written</source>
        <translation>保存“%1”副本已取消；没有写入任何内容</translation>
    </message>
    <message>
        <source>The copy of “%1” did not read back intact; nothing was saved</source>
        <translation>“%1”的副本回读校验未通过；没有保存任何内容</translation>
    </message>
    <message>
        <source>Cannot save a copy as “%1”: the file could not be put in place</source>
        <translation>无法将副本保存为“%1”：文件无法放到目标位置</translation>
    </message>
    <message>
        <source>Cannot save a copy of “%1” as “%2”: %3</source>
        <translation>无法将“%1”的副本保存为“%2”：%3</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::AboutDialog</name>
    <message>
        <source>About Segmenta</source>
        <translation>关于 Segmenta</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Segmenta %1&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Segmenta %1&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Customer segmentation for shops whose customers live in spreadsheets. Your customer data stays on this computer.</source>
        <translation>为把客户记在电子表格里的店铺做客户分层。您的客户数据只保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Segmenta is built on these libraries:</source>
        <translation>Segmenta 使用了以下软件库：</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>软件库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ConditionRow</name>
    <message>
        <source>ordered</source>
        <translation>购买过</translation>
    </message>
    <message>
        <source>spent</source>
        <translation>消费</translation>
    </message>
    <message>
        <source>Enable condition</source>
        <translation>启用条件</translation>
    </message>
    <message>
        <source>Disable condition</source>
        <translation>停用条件</translation>
    </message>
    <message>
        <source>Duplicate condition</source>
        <translation>复制条件</translation>
    </message>
    <message>
        <source>Delete condition</source>
        <translation>删除条件</translation>
    </message>
    <message>
        <source>is</source>
        <translation>是</translation>
    </message>
    <message>
        <source>is not</source>
        <translation>不是</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>是以下之一</translation>
    </message>
    <message>
        <source>is none of</source>
        <translation>不是以下任何一个</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>不包含</translation>
    </message>
    <message>
        <source>starts with</source>
        <translation>开头是</translation>
    </message>
    <message>
        <source>ends with</source>
        <translation>结尾是</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>为空</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>不为空</translation>
    </message>
    <message>
        <source>=</source>
        <translation>=</translation>
    </message>
    <message>
        <source>≠</source>
        <translation>≠</translation>
    </message>
    <message>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <source>≤</source>
        <translation>≤</translation>
    </message>
    <message>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <source>≥</source>
        <translation>≥</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>in the top</source>
        <translation>位于前</translation>
    </message>
    <message>
        <source>in the bottom</source>
        <translation>位于后</translation>
    </message>
    <message>
        <source>on</source>
        <translation>在</translation>
    </message>
    <message>
        <source>before</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>after</source>
        <translation>晚于</translation>
    </message>
    <message>
        <source>in the last</source>
        <translation>在最近</translation>
    </message>
    <message>
        <source>not in the last</source>
        <translation>不在最近</translation>
    </message>
    <message>
        <source>more than … ago</source>
        <translation>早于…之前</translation>
    </message>
    <message>
        <source>in the next</source>
        <translation>在未来</translation>
    </message>
    <message>
        <source>anniversary within</source>
        <translation>周年纪念日在</translation>
    </message>
    <message>
        <source>is yes</source>
        <translation>为是</translation>
    </message>
    <message>
        <source>is no</source>
        <translation>为否</translation>
    </message>
    <message>
        <source>in segment</source>
        <translation>属于分群</translation>
    </message>
    <message>
        <source>not in segment</source>
        <translation>不属于分群</translation>
    </message>
    <message>
        <source>off</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>%1 customers meet this condition on their own; without it the rule would keep %2 fewer</source>
        <translation>单看此条件有 %1 位客户符合；没有它，规则会少保留 %2 位</translation>
    </message>
    <message>
        <source>%1 customers meet this condition on their own; without it the rule would keep %2 more</source>
        <translation>单看此条件有 %1 位客户符合；没有它，规则会多保留 %2 位</translation>
    </message>
    <message>
        <source>%1 customers have such purchases when this is the only condition on their lines; without it the rule would keep %2 fewer</source>
        <translation>若明细只按此条件筛选，有 %1 位客户有这样的购买；没有它，规则会少保留 %2 位</translation>
    </message>
    <message>
        <source>%1 customers have such purchases when this is the only condition on their lines; without it the rule would keep %2 more</source>
        <translation>若明细只按此条件筛选，有 %1 位客户有这样的购买；没有它，规则会多保留 %2 位</translation>
    </message>
    <message>
        <source>Use this condition</source>
        <translation>使用此条件</translation>
    </message>
    <message>
        <source>%1 (%2): click to choose another field</source>
        <translation>%1（%2）：点击选择其他字段</translation>
    </message>
    <message>
        <source>Saved segment</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>Click to choose a field instead</source>
        <translation>点击改为选择字段</translation>
    </message>
    <message>
        <source>%1 (unknown field)</source>
        <translation>%1（未知字段）</translation>
    </message>
    <message>
        <source>Choose a field</source>
        <translation>选择字段</translation>
    </message>
    <message>
        <source>Change field</source>
        <translation>更改字段</translation>
    </message>
    <message>
        <source>Change operator</source>
        <translation>更改运算符</translation>
    </message>
    <message>
        <source>Change value</source>
        <translation>更改值</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>and</source>
        <translation>和</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>numbers separated by commas</source>
        <translation>用逗号分隔的数字</translation>
    </message>
    <message>
        <source>Choose values…</source>
        <translation>选择值…</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %1: not a value of %2</source>
        <translation>
            <numerusform>已清除%1：不是“%2”的取值</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 meet this</source>
        <translation>%1 位符合此条件</translation>
    </message>
    <message>
        <source>%1 fewer without it</source>
        <translation>去掉它少 %1 位</translation>
    </message>
    <message>
        <source>%1 more without it</source>
        <translation>去掉它多 %1 位</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩 %1 位</translation>
    </message>
    <message>
        <source>Purchases</source>
        <translation>购买记录</translation>
    </message>
    <message>
        <source>What the customer bought, how often or how much, and when: click to choose a field instead</source>
        <translation>客户买了什么、买了几次或花了多少、在什么时候：点击改选一个字段</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ConversionChart</name>
    <message>
        <source>no members</source>
        <translation>无成员</translation>
    </message>
    <message>
        <source>Conversion in the window; lines show the 95% interval</source>
        <translation>观察期内的转化率；竖线表示 95% 区间</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomerCard</name>
    <message>
        <source>%1 orders</source>
        <translation>%1 笔订单</translation>
    </message>
    <message>
        <source>total spend %1</source>
        <translation>累计消费 %1</translation>
    </message>
    <message>
        <source>last order on %1</source>
        <translation>最近下单于 %1</translation>
    </message>
    <message>
        <source>The customer list says: %1. The orders&apos; figures above are the ones used.</source>
        <translation>客户名单记录：%1。以上使用的是订单数据。</translation>
    </message>
    <message>
        <source>Purchase history from the customer list (no orders in the workspace).</source>
        <translation>购买记录来自客户名单（工作区中没有订单）。</translation>
    </message>
    <message>
        <source>R %1</source>
        <translation>R %1</translation>
    </message>
    <message>
        <source>F %1</source>
        <translation>F %1</translation>
    </message>
    <message>
        <source>M %1</source>
        <translation>M %1</translation>
    </message>
    <message>
        <source>R and M rank the buyers, and this workspace has fewer than 5</source>
        <translation>R 和 M 在购买客户之间排名，而此工作区的购买客户少于 5 位</translation>
    </message>
    <message>
        <source>no last order date: recency unknown</source>
        <translation>无最近下单日期：最近购买未知</translation>
    </message>
    <message>
        <source>no R: every buyer&apos;s last order is on the same day</source>
        <translation>无 R：所有购买客户的最近下单都在同一天</translation>
    </message>
    <message>
        <source>no R: fewer than 5 buyers have a last order date</source>
        <translation>无 R：有最近下单日期的购买客户少于 5 位</translation>
    </message>
    <message>
        <source>no M: every buyer spent the same</source>
        <translation>无 M：所有购买客户的消费金额相同</translation>
    </message>
    <message>
        <source>no M: fewer than 5 buyers</source>
        <translation>无 M：购买客户少于 5 位</translation>
    </message>
    <message>
        <source> (%1)</source>
        <comment>why a score is missing, after the scores</comment>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between reasons</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>概况</translation>
    </message>
    <message>
        <source>Lifecycle stage:</source>
        <translation>生命周期阶段：</translation>
    </message>
    <message>
        <source>Value tier:</source>
        <translation>价值分层：</translation>
    </message>
    <message>
        <source>RFM:</source>
        <translation>RFM：</translation>
    </message>
    <message>
        <source>Saved segments:</source>
        <translation>所属分群：</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lines of the selected order:</source>
        <translation>所选订单的商品明细：</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商家编码（SKU）</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>All fields</source>
        <translation>全部字段</translation>
    </message>
    <message>
        <source>Cannot show this customer</source>
        <translation>无法显示该客户</translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation>客户 %1</translation>
    </message>
    <message>
        <source>Orders: %1 · Total spend: %2</source>
        <translation>订单数：%1 · 累计消费：%2</translation>
    </message>
    <message>
        <source>Last order on %1</source>
        <translation>最近下单：%1</translation>
    </message>
    <message>
        <source>not scored (no purchase)</source>
        <translation>未评分（无购买）</translation>
    </message>
    <message>
        <source>(in no saved segment)</source>
        <translation>（不在任何已保存的分群中）</translation>
    </message>
    <message>
        <source>Predicted:</source>
        <translation>预测：</translation>
    </message>
    <message>
        <source>no prediction (no purchase, predictions off, or too little data)</source>
        <translation>无预测（没有购买、预测已关闭或数据太少）</translation>
    </message>
    <message>
        <source>%1 likely still buying · %2 orders expected in 90 days · CLV %3 (%4)</source>
        <translation>仍在购买的可能性 %1 · 预计 90 天内 %2 笔订单 · CLV %3（%4）</translation>
    </message>
    <message>
        <source>not predicted</source>
        <translation>未预测</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomerDetails</name>
    <message>
        <source>Customer %1 is no longer in the workspace</source>
        <translation>客户 %1 已不在工作区中</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomerQuery</name>
    <message>
        <source>There is no customer field “%1” to sort by</source>
        <translation>没有可用于排序的客户字段“%1”</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomersModel</name>
    <message>
        <source>%1 (in rules: %2)</source>
        <translation>%1（规则中：%2）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::CustomersView</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers</source>
        <translation>
            <numerusform>%Ln 位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers match</source>
        <translation>
            <numerusform>%Ln 位客户符合条件</numerusform>
        </translation>
    </message>
    <message>
        <source>Search name, phone, e-mail or customer ID</source>
        <translation>搜索姓名、手机、邮箱或客户编号</translation>
    </message>
    <message>
        <source>Export Members…</source>
        <translation>导出成员…</translation>
    </message>
    <message>
        <source>Export the members of the rule to Excel or CSV</source>
        <translation>将符合规则的成员导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Export Selected Customers…</source>
        <translation>导出所选客户…</translation>
    </message>
    <message numerus="yes">
        <source>Export %n Selected…</source>
        <translation>
            <numerusform>导出所选 %n 位…</numerusform>
        </translation>
    </message>
    <message>
        <source>Export the selected customers to Excel or CSV</source>
        <translation>将所选客户导出为 Excel 或 CSV</translation>
    </message>
    <message>
        <source>Columns…</source>
        <translation>列…</translation>
    </message>
    <message>
        <source>Choose the columns of the table</source>
        <translation>选择表格显示的列</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::DashboardPanel</name>
    <message numerus="yes">
        <source>%Ln customers</source>
        <translation>
            <numerusform>%Ln 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of all %2 customers</source>
        <translation>占全部 %2 位客户的 %1</translation>
    </message>
    <message>
        <source>Revenue %1 · %2 of all revenue</source>
        <translation>收入 %1 · 占总收入的 %2</translation>
    </message>
    <message>
        <source>%1: %2 (all customers: %3)</source>
        <translation>%1：%2（全部客户：%3）</translation>
    </message>
    <message>
        <source>Lifecycle funnel</source>
        <translation>生命周期漏斗</translation>
    </message>
    <message>
        <source>What this segment buys</source>
        <translation>这个分群买什么</translation>
    </message>
    <message>
        <source>Value tiers</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>RFM grid (this segment; all customers below each count)</source>
        <translation>RFM 矩阵（本分群；每格下方为全部客户）</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>Size history</source>
        <translation>规模变化</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>正在更新…</translation>
    </message>
    <message>
        <source>Predicted: who is still buying, and what they are worth</source>
        <translation>预测：谁还在购买，他们价值多少</translation>
    </message>
    <message>
        <source>Use Today</source>
        <translation>改用今天</translation>
    </message>
    <message>
        <source>The newest order is more than a month old, so the figures are as of %1, the day after it (otherwise every buyer would look dormant).</source>
        <translation>最新订单已是一个多月前，因此各项数据以其次日 %1 为分析日期（否则所有买家都会显示为沉睡）。</translation>
    </message>
    <message>
        <source>&amp;Analysis date</source>
        <translation>分析日期(&amp;A)</translation>
    </message>
    <message>
        <source>The day the figures are computed at: recency, lifecycle stages and value tiers count back from it. Changing it recomputes every customer&apos;s figures (Edit &gt; Undo goes back).</source>
        <translation>计算各项数据所依据的日期：最近购买、生命周期阶段和价值分层都从这一天往回算。更改后会重新计算每位客户的数据（“编辑 &gt; 撤销”可恢复）。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PurchaseMixChart</name>
    <message>
        <source>What this segment buys</source>
        <translation>这个分群买什么</translation>
    </message>
    <message>
        <source>×%1</source>
        <translation>×%1</translation>
    </message>
    <message>
        <source>%1 · all %2 · %3</source>
        <translation>%1 · 全部 %2 · %3</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PurchaseMixView</name>
    <message>
        <source>%1
This segment: revenue %2, %3 buyers
All customers: revenue %4, %5 buyers
Click to keep only the customers who bought it.</source>
        <translation>%1
本分群：销售额 %2，%3 位购买客户
全部客户：销售额 %4，%5 位购买客户
点击只保留买过它的客户。</translation>
    </message>
    <message>
        <source>No customer in this segment has bought anything.</source>
        <translation>本分群中没有客户购买过商品。</translation>
    </message>
    <message>
        <source>%1 buyers · revenue %2</source>
        <translation>%1 位购买客户 · 销售额 %2</translation>
    </message>
    <message>
        <source>By revenue</source>
        <translation>按销售额</translation>
    </message>
    <message>
        <source>By buyers</source>
        <translation>按购买人数</translation>
    </message>
    <message>
        <source>Share of the segment's purchase revenue (the summed amounts of the lines of its purchases)</source>
        <translation>占本分群购买销售额（其购买明细行金额之和）的比例</translation>
    </message>
    <message>
        <source>Share of the segment's buyers (customers with a purchase) who bought it</source>
        <translation>本分群购买客户（有购买的客户）中买过它的比例</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#3b7dd8&quot;&gt;■&lt;/span&gt; this segment &amp;nbsp; &lt;span style=&quot;color:#a8a8a8&quot;&gt;■&lt;/span&gt; all customers &amp;nbsp; ×: index (1 = as common as among all)</source>
        <translation>&lt;span style=&quot;color:#3b7dd8&quot;&gt;■&lt;/span&gt; 本分群 &amp;nbsp; &lt;span style=&quot;color:#a8a8a8&quot;&gt;■&lt;/span&gt; 全部客户 &amp;nbsp; ×：指数（1 = 与全部客户中一样普遍）</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类目</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>商品</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PurchaseMixController</name>
    <message>
        <source>Reading the orders…</source>
        <translation>正在读取订单…</translation>
    </message>
    <message>
        <source>No purchase in this workspace has order lines with products or categories.</source>
        <translation>此工作区的购买都没有带商品或类目的订单明细。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::DragHandle</name>
    <message>
        <source>Drag to move</source>
        <translation>拖动以移动</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ExperimentReportWriter</name>
    <message>
        <source>Experiment “%1”</source>
        <translation>实验“%1”</translation>
    </message>
    <message numerus="yes">
        <source>started %1 · orders dated %2 to %3 (%n day(s)) · made %4</source>
        <translation>
            <numerusform>开始于 %1 · 计入 %2 至 %3 的订单（%n 天）· 生成于 %4</numerusform>
        </translation>
    </message>
    <message>
        <source>Rule: %1</source>
        <translation>规则：%1</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>各组</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>已购买</translation>
    </message>
    <message>
        <source>Conversion (95% interval)</source>
        <translation>转化率（95% 区间）</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Revenue per member</source>
        <translation>人均收入</translation>
    </message>
    <message>
        <source>Orders per member</source>
        <translation>人均订单</translation>
    </message>
    <message>
        <source>%1 (control)</source>
        <translation>%1（对照组）</translation>
    </message>
    <message>
        <source>%1 (%2 to %3)</source>
        <translation>%1（%2 至 %3）</translation>
    </message>
    <message>
        <source>Against the control</source>
        <translation>与对照组比较</translation>
    </message>
    <message>
        <source>%1 vs %2: difference %3 points (95% CI %4 to %5), lift %6, %7; revenue per member %8</source>
        <translation>%1 对比 %2：差异 %3 个百分点（95% 置信区间 %4 至 %5），提升 %6，%7；人均收入 %8</translation>
    </message>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot write “%1”</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>Cannot replace “%1”</source>
        <translation>无法替换“%1”</translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>a sentence ends</comment>
        <translation>%1。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ExperimentsDialog</name>
    <message>
        <source>Measuring the experiments…</source>
        <translation>正在计算实验结果…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Save as &amp;PDF…</source>
        <translation>保存为 PDF(&amp;P)…</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>实验</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Orders dated after the start day, up to and including this many days later, count</source>
        <translation>计入开始日之后、直到这么多天后（含）的订单</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 个百分点</translation>
    </message>
    <message>
        <source>The smallest difference in conversion worth detecting; the groups are checked against the size needed to detect it</source>
        <translation>值得检测的最小转化率差异；据此检查各组人数是否足够</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Bought</source>
        <translation>已购买</translation>
    </message>
    <message>
        <source>Conversion</source>
        <translation>转化率</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 区间</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Revenue
per member</source>
        <translation>人均
收入</translation>
    </message>
    <message>
        <source>Orders
per member</source>
        <translation>人均
订单</translation>
    </message>
    <message>
        <source>vs control
(95% CI)</source>
        <translation>与对照组之差
（95% 置信区间）</translation>
    </message>
    <message>
        <source>p
(conversion / revenue)</source>
        <translation>p 值
（转化 / 收入）</translation>
    </message>
    <message>
        <source>&amp;Window after the start:</source>
        <translation>开始后的观察期(&amp;W)：</translation>
    </message>
    <message>
        <source>D&amp;ifference worth detecting:</source>
        <translation>值得检测的差异(&amp;I)：</translation>
    </message>
    <message>
        <source>%1
started %2</source>
        <translation>%1
开始于 %2</translation>
    </message>
    <message>
        <source>&lt;h3&gt;No experiments yet&lt;/h3&gt;&lt;p&gt;An experiment tests an offer on part of a segment before everyone gets it. In File &amp;gt; Export Members, split the members into groups (for example 10, 90), check “Record as an experiment” and send the offer to one group only.&lt;/p&gt;&lt;p&gt;After the campaign, come back here: Segmenta compares how many in each group bought, and whether the difference is more than chance.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;还没有实验&lt;/h3&gt;&lt;p&gt;实验是先在分群的一部分客户身上试一个优惠，再决定是否发给所有人。在“文件 &amp;gt; 导出成员”中，把成员分组（例如 10, 90），勾选“记录为实验”，然后只给其中一组发送优惠。&lt;/p&gt;&lt;p&gt;活动结束后回到这里：Segmenta 会比较各组有多少人购买，以及差异是否超出偶然。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — started %2, group %3 is the control. Rule: %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — 开始于 %2，%3 组为对照组。规则：%4</translation>
    </message>
    <message>
        <source>Cannot read the workspace: %1</source>
        <translation>无法读取工作区：%1</translation>
    </message>
    <message>
        <source>%1 (control)</source>
        <translation>%1（对照组）</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>control</source>
        <translation>对照组</translation>
    </message>
    <message>
        <source>%1 points (%2 to %3)</source>
        <translation>%1 个百分点（%2 至 %3）</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Cannot Delete the Experiment</source>
        <translation>无法删除实验</translation>
    </message>
    <message>
        <source>There is no result to save</source>
        <translation>没有可保存的结果</translation>
    </message>
    <message>
        <source>Save Experiment Result</source>
        <translation>保存实验结果</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot Save the Result</source>
        <translation>无法保存结果</translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>a sentence ends</comment>
        <translation>%1。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ExportDialog</name>
    <message>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move &amp;Down</source>
        <translation>下移(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Mask personal data (phone 138****5678, e-mail j***@example.com, name 张*)</source>
        <translation>隐藏个人信息(&amp;M)（手机 138****5678，邮箱 j***@example.com，姓名 张*）</translation>
    </message>
    <message>
        <source>A/B &amp;split</source>
        <translation>A/B 分组(&amp;S)</translation>
    </message>
    <message>
        <source>Export Members</source>
        <translation>导出成员</translation>
    </message>
    <message>
        <source>Export Members of “%1”</source>
        <translation>导出“%1”的成员</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>In rules: %1</source>
        <translation>规则中：%1</translation>
    </message>
    <message>
        <source>Columns (checked ones are exported, in this order)</source>
        <translation>列（勾选的列按此顺序导出）</translation>
    </message>
    <message>
        <source>UTF-8 with BOM (Excel shows Chinese correctly)</source>
        <translation>UTF-8 带 BOM（Excel 可正确显示中文）</translation>
    </message>
    <message>
        <source>UTF-8 without BOM</source>
        <translation>UTF-8 不带 BOM</translation>
    </message>
    <message>
        <source>GB18030 (older Chinese Windows programs)</source>
        <translation>GB18030（较旧的中文 Windows 程序）</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <source>Encoding and delimiter apply to CSV files only.</source>
        <translation>编码和分隔符仅适用于 CSV 文件。</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>分隔符(&amp;D)：</translation>
    </message>
    <message>
        <source>Whole percentages adding up to 100, one per group (A, B, …), e.g. 10, 90</source>
        <translation>每组一个整数百分比（A、B、…），合计 100，例如 10, 90</translation>
    </message>
    <message>
        <source>The same seed gives the same groups every time</source>
        <translation>相同的种子每次得到相同的分组</translation>
    </message>
    <message>
        <source>A Group column</source>
        <translation>增加“分组”列</translation>
    </message>
    <message>
        <source>One sheet (Excel) or file (CSV) per group</source>
        <translation>每组一个工作表（Excel）或文件（CSV）</translation>
    </message>
    <message>
        <source>&amp;Percentages:</source>
        <translation>百分比(&amp;P)：</translation>
    </message>
    <message>
        <source>S&amp;eed:</source>
        <translation>种子(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Groups as:</source>
        <translation>分组方式(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Choose the file to export to.</source>
        <translation>请选择要导出到的文件。</translation>
    </message>
    <message>
        <source>Check at least one column to export.</source>
        <translation>请至少勾选一列导出。</translation>
    </message>
    <message>
        <source>Replace Existing Files?</source>
        <translation>替换已有文件？</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) already exist:
%1

Replace them?</source>
        <translation>
            <numerusform>已有 %n 个文件：
%1

要替换它们吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Record as an experiment</source>
        <translation>记录为实验(&amp;R)</translation>
    </message>
    <message>
        <source>Keep who is in which group, to see later in Segment &gt; Experiments which group bought more</source>
        <translation>记住每位成员所在的组，以后可在“分群 &gt; 实验”中查看哪个组买得更多</translation>
    </message>
    <message>
        <source>e.g. Spring tea offer</source>
        <translation>例如：春茶优惠</translation>
    </message>
    <message>
        <source>The group the others are compared with, e.g. the one that gets nothing</source>
        <translation>其他组与之比较的组，例如不发任何优惠的组</translation>
    </message>
    <message>
        <source>Experiment &amp;name:</source>
        <translation>实验名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Control group:</source>
        <translation>对照组(&amp;C)：</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::FieldPicker</name>
    <message>
        <source>%1, no values</source>
        <translation>%1，无数据</translation>
    </message>
    <message>
        <source>No customer in this workspace has a value in this field.</source>
        <translation>此工作区中没有任何客户在该字段有值。</translation>
    </message>
    <message>
        <source>Search fields</source>
        <translation>搜索字段</translation>
    </message>
    <message>
        <source>whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>money</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>yes / no</source>
        <translation>是 / 否</translation>
    </message>
    <message>
        <source>category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>lifecycle stage</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source>value tier</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>RFM segment</source>
        <translation>RFM 分群</translation>
    </message>
    <message>
        <source>Customer fields</source>
        <translation>客户字段</translation>
    </message>
    <message>
        <source>Purchase metrics</source>
        <translation>购买指标</translation>
    </message>
    <message>
        <source>Lifecycle and value</source>
        <translation>生命周期与价值</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>Order line</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Purchased…</source>
        <translation>购买过…</translation>
    </message>
    <message>
        <source>What customers bought, how often, how much and when</source>
        <translation>客户买了什么、买了几次、花了多少、在什么时候</translation>
    </message>
    <message>
        <source>orders</source>
        <translation>订单</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::FunnelWidget</name>
    <message>
        <source>Lifecycle funnel</source>
        <translation>生命周期漏斗</translation>
    </message>
    <message>
        <source>%1 of previous</source>
        <translation>上一步的 %1</translation>
    </message>
    <message>
        <source>all customers: %1</source>
        <translation>全部客户：%1</translation>
    </message>
    <message>
        <source>%1: %2 in this segment, %3 among all customers. Click to list them.</source>
        <translation>%1：本分群 %2 位，全部客户中 %3 位。点击查看名单。</translation>
    </message>
    <message>
        <source>This segment</source>
        <translation>本分群</translation>
    </message>
    <message>
        <source>All customers (dashed outline)</source>
        <translation>全部客户（虚线轮廓）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::GroupFrame</name>
    <message>
        <source>Change group match</source>
        <translation>更改分组匹配方式</translation>
    </message>
    <message>
        <source>Enable group</source>
        <translation>启用分组</translation>
    </message>
    <message>
        <source>Disable group</source>
        <translation>停用分组</translation>
    </message>
    <message>
        <source>Add condition</source>
        <translation>添加条件</translation>
    </message>
    <message>
        <source>Add group</source>
        <translation>添加分组</translation>
    </message>
    <message>
        <source>Delete group</source>
        <translation>删除分组</translation>
    </message>
    <message>
        <source>Move group</source>
        <translation>移动分组</translation>
    </message>
    <message>
        <source>Move condition</source>
        <translation>移动条件</translation>
    </message>
    <message>
        <source>Customers who match all of</source>
        <translation>同时符合以下全部条件的客户</translation>
    </message>
    <message>
        <source>All of</source>
        <translation>全部符合</translation>
    </message>
    <message>
        <source>Customers who match any of</source>
        <translation>符合以下任一条件的客户</translation>
    </message>
    <message>
        <source>Any of</source>
        <translation>任一符合</translation>
    </message>
    <message>
        <source>Customers who match none of</source>
        <translation>不符合以下任何条件的客户</translation>
    </message>
    <message>
        <source>None of</source>
        <translation>全不符合</translation>
    </message>
    <message>
        <source>+ Condition</source>
        <translation>+ 条件</translation>
    </message>
    <message>
        <source>Add a condition to this group</source>
        <translation>向此分组添加条件</translation>
    </message>
    <message>
        <source>+ Group</source>
        <translation>+ 分组</translation>
    </message>
    <message>
        <source>Add a group of conditions inside this group</source>
        <translation>在此分组内添加一组条件</translation>
    </message>
    <message>
        <source>Delete this group and its conditions</source>
        <translation>删除此分组及其条件</translation>
    </message>
    <message>
        <source>Use this group</source>
        <translation>使用此分组</translation>
    </message>
    <message>
        <source>with a line matching all of</source>
        <translation>订单中有明细满足以下全部</translation>
    </message>
    <message>
        <source>with a line matching any of</source>
        <translation>订单中有明细满足以下任一</translation>
    </message>
    <message>
        <source>with a line matching none of</source>
        <translation>订单中有明细不满足以下任何一条</translation>
    </message>
    <message>
        <source>Which orders count: those with a line meeting these conditions (none: any order)</source>
        <translation>哪些订单计入：有一行明细满足这些条件的订单（没有条件：所有订单）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Rule Syntax</source>
        <translation>规则语法(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Show &amp;Tour</source>
        <translation>显示导览(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;About Segmenta</source>
        <translation>关于 Segmenta(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportMappingPage</name>
    <message>
        <source>List totals (total spend, number of orders, first and last order date, days since the last order) are the purchase history of customers who have no orders in the workspace: they make them buyers with a value tier, RFM scores and a lifecycle stage. Days since the last order are counted back from the analysis date. Customers with orders keep the orders&apos; figures.</source>
        <translation>名单中的汇总数据（累计消费、订单数、首次和最近下单日期、距上次下单天数）是工作区中没有订单的客户的购买记录：这些客户因此成为购买客户，获得价值分层、RFM 得分和生命周期阶段。距上次下单天数从分析日期往前推算。有订单的客户仍以订单数据为准。</translation>
    </message>
    <message>
        <source>The columns</source>
        <translation>各列内容</translation>
    </message>
    <message>
        <source>Say what each column holds. Segmenta guessed from the headers and the values; change what is wrong. Your choices are remembered for files with the same headers.</source>
        <translation>请说明每一列的内容。Segmenta 已根据表头和数值做了推测，如有不对请修改。您的选择会被记住，用于表头相同的文件。</translation>
    </message>
    <message>
        <source>A customer list (one row per customer)</source>
        <translation>客户名单（每行一位客户）</translation>
    </message>
    <message>
        <source>An order list (one row per order or order line)</source>
        <translation>订单列表（每行一笔订单或一个订单明细）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Holds</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>示例值</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>The choices you made for a file with the same headers were applied.</source>
        <translation>已沿用您为表头相同的文件所做的选择。</translation>
    </message>
    <message>
        <source>Types were read from the first %1 rows; the import checks every row and lists the values it cannot read.</source>
        <translation>类型依据前 %1 行判断；导入时会检查每一行，并列出无法读取的值。</translation>
    </message>
    <message>
        <source>Nothing special</source>
        <translation>无特殊含义</translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source>&amp;Kind of list:</source>
        <translation>列表类型(&amp;K)：</translation>
    </message>
    <message>
        <source>A customer field: the newest order&apos;s value is kept</source>
        <translation>客户字段：保留最新订单中的值</translation>
    </message>
    <message>
        <source>Day/month/year (03/04 is 3 April)</source>
        <translation>日/月/年（03/04 为 4 月 3 日）</translation>
    </message>
    <message>
        <source>Month/day/year (03/04 is 4 March)</source>
        <translation>月/日/年（03/04 为 3 月 4 日）</translation>
    </message>
    <message>
        <source>Every date in this column could be read either way; say which the file uses</source>
        <translation>此列的每个日期都可以两种方式读取，请指明文件使用哪一种</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportRunPage</name>
    <message>
        <source>%1.</source>
        <comment>a sentence and the language&apos;s full stop</comment>
        <translation>%1。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; customers got their purchase history (spend, orders, order dates) from this list; customers with orders keep the orders&apos; figures.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; 位客户的购买记录（消费、订单数、下单日期）来自此名单；有订单的客户仍以订单数据为准。</translation>
    </message>
    <message>
        <source>“%1” as “%2”</source>
        <translation>“%1”导入为“%2”</translation>
    </message>
    <message>
        <source>Columns named like fields Segmenta derives were imported under their own names: %1.</source>
        <translation>与 Segmenta 计算字段同名的列以自己的名称导入：%1。</translation>
    </message>
    <message>
        <source>Cancel Import</source>
        <translation>取消导入</translation>
    </message>
    <message>
        <source>Save Rejected Rows…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Importing %1…</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>The import was cancelled; the workspace is unchanged.</source>
        <translation>导入已取消，工作区未作任何更改。</translation>
    </message>
    <message>
        <source>%1 was imported.</source>
        <translation>%1 已导入。</translation>
    </message>
    <message>
        <source>%1 was imported, but the figures could not be updated: %2</source>
        <translation>%1 已导入，但统计数据未能更新：%2</translation>
    </message>
    <message>
        <source>%1 rows read: &lt;b&gt;%2&lt;/b&gt; added, &lt;b&gt;%3&lt;/b&gt; updated, &lt;b&gt;%4&lt;/b&gt; unchanged, &lt;b&gt;%5&lt;/b&gt; could not be used.</source>
        <translation>共读取 %1 行：新增 &lt;b&gt;%2&lt;/b&gt;，更新 &lt;b&gt;%3&lt;/b&gt;，未变 &lt;b&gt;%4&lt;/b&gt;，无法使用 &lt;b&gt;%5&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>The first %1 of the %2 rows that could not be used are shown; save them to see all.</source>
        <translation>共有 %2 行无法使用，这里显示前 %1 行；保存后可查看全部。</translation>
    </message>
    <message>
        <source>Save Rejected Rows</source>
        <translation>保存未导入的行</translation>
    </message>
    <message>
        <source>%1 - rejected rows.csv</source>
        <translation>%1 - 未导入的行.csv</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot Save</source>
        <translation>无法保存</translation>
    </message>
    <message>
        <source>%1 rows repeated an earlier row in every column and were counted once (listed below).</source>
        <translation>%1 行与前面某一行每一列都相同，只计一次（见下表）。</translation>
    </message>
    <message>
        <source>%1 rows are orders an earlier import already holds (the same customer at the same date and time) and were not added again (listed below).</source>
        <translation>%1 行是之前导入中已有的订单（同一客户、同一日期时间），未重复添加（见下表）。</translation>
    </message>
    <message>
        <source>%1 orders have no order date (unpaid?): they are kept, but are not purchases.</source>
        <translation>%1 个订单没有下单日期（未付款？）：已保留，但不算作购买。</translation>
    </message>
    <message>
        <source>The newest order is more than %1 days old: the figures are as of %2, the day after it. The dashboard can switch them to today.</source>
        <translation>最新订单距今已超过 %1 天：各项数据以其次日 %2 为分析日期。可在仪表盘中切换为今天。</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; customers</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; 位客户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%Ln&lt;/b&gt; orders</source>
        <translation>
            <numerusform>&lt;b&gt;%Ln&lt;/b&gt; 笔订单</numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1 and %2.</source>
        <translation>新增：%1、%2。</translation>
    </message>
    <message>
        <source>The orders are dated %1 to %2; revenue %3 (valid orders with a date).</source>
        <translation>订单日期从 %1 到 %2；收入 %3（有日期的有效订单）。</translation>
    </message>
    <message>
        <source>Nothing was left out.</source>
        <translation>所有行均已导入。</translation>
    </message>
    <message numerus="yes">
        <source>Left out: %Ln rows, because:</source>
        <translation>
            <numerusform>未导入 %Ln 行，原因如下：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (%Ln rows)</source>
        <translation>
            <numerusform>%1（%Ln 行）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln other reasons (see the rows below)</source>
        <translation>
            <numerusform>另有 %Ln 种原因（见下方各行）</numerusform>
        </translation>
    </message>
    <message>
        <source>Added: %1.</source>
        <translation>新增：%1。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportSourcePage</name>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>分隔符(&amp;D)：</translation>
    </message>
    <message>
        <source>The file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Check that the text reads correctly and that the header row is the one with the column names.</source>
        <translation>请确认文字显示正常，并且表头行正是列名所在的那一行。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>Comma ( , )</source>
        <translation>逗号（ , ）</translation>
    </message>
    <message>
        <source>Semicolon ( ; )</source>
        <translation>分号（ ; ）</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Vertical bar ( | )</source>
        <translation>竖线（ | ）</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>The row that holds the column names; double-click a row below to choose it</source>
        <translation>列名所在的行；也可在下方双击某一行来选择</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Header row:</source>
        <translation>表头行(&amp;H)：</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1（隐藏）</translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation>自动检测：%1</translation>
    </message>
    <message>
        <source>Automatic (row %1)</source>
        <translation>自动（第 %1 行）</translation>
    </message>
    <message>
        <source>%1 data rows below the header</source>
        <translation>表头下方共 %1 行数据</translation>
    </message>
    <message>
        <source>more than %1 data rows below the header</source>
        <translation>表头下方超过 %1 行数据</translation>
    </message>
    <message>
        <source>Header on row %1 (shown in bold); %2.</source>
        <translation>表头在第 %1 行（粗体显示）；%2。</translation>
    </message>
    <message>
        <source>Spaces (runs of spaces and tabs)</source>
        <translation>空格（连续的空格和制表符）</translation>
    </message>
    <message>
        <source>The workspace and the file</source>
        <translation>工作区与文件</translation>
    </message>
    <message>
        <source>Choose where the rows go. Then check that the text reads correctly and that the header row is the one with the column names.</source>
        <translation>先选择导入到哪里，再检查文字显示是否正确、表头行是否为列名所在的行。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportWizard</name>
    <message>
        <source>Days since last order (customer list)</source>
        <translation>距上次下单天数（客户名单）</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>姓</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>邮编</translation>
    </message>
    <message>
        <source>Accepts e-mail marketing</source>
        <translation>接受邮件营销</translation>
    </message>
    <message>
        <source>Accepts SMS marketing</source>
        <translation>接受短信营销</translation>
    </message>
    <message>
        <source>Customer ID</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>年龄</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>国家</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Signup date</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Order ID</source>
        <translation>订单编号</translation>
    </message>
    <message>
        <source>Order date</source>
        <translation>下单日期</translation>
    </message>
    <message>
        <source>Order amount</source>
        <translation>订单金额</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Order status</source>
        <translation>订单状态</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Product category</source>
        <translation>商品类目</translation>
    </message>
    <message>
        <source>Total spend (customer list)</source>
        <translation>累计消费（客户名单）</translation>
    </message>
    <message>
        <source>Number of orders (customer list)</source>
        <translation>订单数（客户名单）</translation>
    </message>
    <message>
        <source>First order date (customer list)</source>
        <translation>首单日期（客户名单）</translation>
    </message>
    <message>
        <source>Last order date (customer list)</source>
        <translation>最近下单日期（客户名单）</translation>
    </message>
    <message>
        <source>Whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>Money</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Percent</source>
        <translation>百分比</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Date and time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <source>Yes/no</source>
        <translation>是/否</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Identifier (text)</source>
        <translation>标识（文本）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Import “%1”</source>
        <translation>导入“%1”</translation>
    </message>
    <message>
        <source>Close reason (refund or cancel)</source>
        <translation>订单关闭原因（退款或取消）</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>商家编码（SKU）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::LifecycleMovesDialog</name>
    <message>
        <source>Lifecycle Moves</source>
        <translation>生命周期迁移</translation>
    </message>
    <message>
        <source>New to the workspace</source>
        <translation>新加入工作区</translation>
    </message>
    <message>
        <source>%1 customers stayed in this stage</source>
        <translation>%1 位客户仍处于该阶段</translation>
    </message>
    <message>
        <source>No moves recorded yet. They are recorded when the analysis date moves forward: after an import with newer orders, on a new day, or in Tools &gt; Settings.</source>
        <translation>尚无迁移记录。分析日期向后推移时才会记录：导入了更新的订单、到了新的一天，或在“工具 &gt; 设置”中修改。</translation>
    </message>
    <message>
        <source>From %1 to %2, %3 customers changed lifecycle stage. Rows: the stage before; columns: the stage now.</source>
        <translation>从 %1 到 %2，共有 %3 位客户的生命周期阶段发生了变化。行：之前的阶段；列：现在的阶段。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::MainWindow</name>
    <message>
        <source>all customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <source>rule %1</source>
        <translation>规则 %1</translation>
    </message>
    <message>
        <source>%1 (modified)</source>
        <translation>%1（已修改）</translation>
    </message>
    <message>
        <source>Segmenta</source>
        <translation>Segmenta 客户分层</translation>
    </message>
    <message>
        <source>Saved Segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message numerus="yes">
        <source>%Ln customers match</source>
        <translation>
            <numerusform>符合条件的客户：%Ln 位</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open Workspace…</source>
        <translation>打开工作区(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Shop</source>
        <translation>打开演示店铺(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Segment</source>
        <translation>分群(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Save as Segment…</source>
        <translation>保存为分群(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Open Workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Segmenta workspaces (*.segmenta)</source>
        <translation>Segmenta 工作区 (*.segmenta)</translation>
    </message>
    <message>
        <source>Cannot Open Workspace</source>
        <translation>无法打开工作区</translation>
    </message>
    <message>
        <source>%1 — Segmenta</source>
        <translation>%1 — Segmenta 客户分层</translation>
    </message>
    <message>
        <source>Creating the demo shop…</source>
        <translation>正在创建演示店铺…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot Create Demo Shop</source>
        <translation>无法创建演示店铺</translation>
    </message>
    <message>
        <source>Cannot write “%1”</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>Cannot Save Segment</source>
        <translation>无法保存分群</translation>
    </message>
    <message>
        <source>Save as Segment</source>
        <translation>保存为分群</translation>
    </message>
    <message>
        <source>Segment name:</source>
        <translation>分群名称：</translation>
    </message>
    <message>
        <source>%1 · analysis date %2 · %3 customers</source>
        <translation>%1 · 分析日期 %2 · %3 位客户</translation>
    </message>
    <message>
        <source>&amp;Import Customers or Orders…</source>
        <translation>导入客户或订单(&amp;I)…</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Import Customers or Orders</source>
        <translation>导入客户或订单</translation>
    </message>
    <message>
        <source>New Workspace for the Import</source>
        <translation>为导入新建工作区</translation>
    </message>
    <message>
        <source>Cannot Import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>仪表盘</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>&amp;Export Members…</source>
        <translation>导出成员(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表盘(&amp;D)</translation>
    </message>
    <message>
        <source>Ctrl+1</source>
        <translation>Ctrl+1</translation>
    </message>
    <message>
        <source>&amp;Customers</source>
        <translation>客户(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+2</source>
        <translation>Ctrl+2</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Save Segment &amp;Report (PDF)…</source>
        <translation>保存分群报告(&amp;R)（PDF）…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Open a workspace first</source>
        <translation>请先打开一个工作区</translation>
    </message>
    <message>
        <source>Lifecycle funnel</source>
        <translation>生命周期漏斗</translation>
    </message>
    <message>
        <source>Value tiers</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>RFM grid (recency × frequency)</source>
        <translation>RFM 网格（最近购买 × 购买频次）</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>segment report</source>
        <translation>分群报告</translation>
    </message>
    <message>
        <source>Save Segment Report</source>
        <translation>保存分群报告</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot Save Report</source>
        <translation>无法保存报告</translation>
    </message>
    <message>
        <source>&amp;New Workspace…</source>
        <translation>新建工作区(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation>Ctrl+,</translation>
    </message>
    <message>
        <source>New Workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Cannot Create Workspace</source>
        <translation>无法创建工作区</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Rename Segment</source>
        <translation>重命名分群</translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Cannot Rename Segment</source>
        <translation>无法重命名分群</translation>
    </message>
    <message>
        <source>Cannot Delete Segment</source>
        <translation>无法删除分群</translation>
    </message>
    <message>
        <source>Deleted the segment “%1”; Edit &gt; Undo brings it back</source>
        <translation>已删除分群“%1”；“编辑 &gt; 撤销”可将其恢复</translation>
    </message>
    <message>
        <source>Updating the customer metrics…</source>
        <translation>正在更新客户指标…</translation>
    </message>
    <message numerus="yes">
        <source>%n selected customers</source>
        <translation>
            <numerusform>所选 %n 位客户</numerusform>
        </translation>
    </message>
    <message>
        <source>Narrow to %1</source>
        <translation>缩小到 %1</translation>
    </message>
    <message>
        <source>Narrowed the rule; Edit &gt; Undo goes back, Ctrl+2 lists the customers</source>
        <translation>已缩小规则；“编辑 &gt; 撤销”可返回，Ctrl+2 列出这些客户</translation>
    </message>
    <message>
        <source>&amp;Export Segment to File…</source>
        <translation>导出分群到文件(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Import Segment from File…</source>
        <translation>从文件导入分群(&amp;I)…</translation>
    </message>
    <message>
        <source>Import Segment</source>
        <translation>导入分群</translation>
    </message>
    <message>
        <source>Segment files (*.segment.json);;JSON files (*.json)</source>
        <translation>分群文件 (*.segment.json);;JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source>Open a workspace first: a segment is imported into one.</source>
        <translation>请先打开一个工作区：分群需要导入到工作区中。</translation>
    </message>
    <message>
        <source>Cannot Import Segment</source>
        <translation>无法导入分群</translation>
    </message>
    <message>
        <source>Imported the segment “%1”; Edit &gt; Undo removes it</source>
        <translation>已导入分群“%1”；“编辑 &gt; 撤销”可将其移除</translation>
    </message>
    <message>
        <source>Cannot Export Segment</source>
        <translation>无法导出分群</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <source>Export Segment</source>
        <translation>导出分群</translation>
    </message>
    <message>
        <source>Segment files (*.segment.json)</source>
        <translation>分群文件 (*.segment.json)</translation>
    </message>
    <message>
        <source>Saved the segment “%1” to %2</source>
        <translation>已将分群“%1”保存到 %2</translation>
    </message>
    <message>
        <source>&amp;Overlap of Saved Segments…</source>
        <translation>已保存分群的重叠(&amp;O)…</translation>
    </message>
    <message>
        <source>The customers are still loading; try again in a moment</source>
        <translation>客户数据仍在加载，请稍后再试</translation>
    </message>
    <message>
        <source>&amp;Lifecycle Moves…</source>
        <translation>生命周期迁移(&amp;L)…</translation>
    </message>
    <message>
        <source>Lifecycle Moves</source>
        <translation>生命周期迁移</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;All files (*)</source>
        <translation>电子表格 (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>E&amp;xperiments…</source>
        <translation>实验(&amp;X)…</translation>
    </message>
    <message>
        <source>Checking the workspace and updating the customer metrics…</source>
        <translation>正在检查工作区并更新客户指标…</translation>
    </message>
    <message>
        <source>Checking “%1” for damage before changing it…</source>
        <translation>正在检查“%1”是否损坏，检查完成后再进行更改…</translation>
    </message>
    <message>
        <source> · checking the file for damage: changes wait until it is done</source>
        <translation> · 正在检查文件是否损坏：检查完成前更改将等待</translation>
    </message>
    <message>
        <source>Workspace Damaged</source>
        <translation>工作区已损坏</translation>
    </message>
    <message>
        <source>Save a &amp;Copy of the Workspace…</source>
        <translation>保存工作区副本(&amp;C)…</translation>
    </message>
    <message>
        <source>%1 copy</source>
        <translation>%1 副本</translation>
    </message>
    <message>
        <source>Save a Copy of the Workspace</source>
        <translation>保存工作区副本</translation>
    </message>
    <message>
        <source>Saving a copy of the workspace…</source>
        <translation>正在保存工作区副本…</translation>
    </message>
    <message>
        <source>Cannot Save a Copy</source>
        <translation>无法保存副本</translation>
    </message>
    <message>
        <source>Saved a copy of the workspace as %1</source>
        <translation>已将工作区副本保存为 %1</translation>
    </message>
    <message>
        <source>&amp;New Rule</source>
        <translation>新建规则(&amp;N)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+N</source>
        <translation>Ctrl+Shift+N</translation>
    </message>
    <message>
        <source>&amp;Update Segment</source>
        <translation>更新分群(&amp;U)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Duplicate Segment…</source>
        <translation>复制分群(&amp;D)…</translation>
    </message>
    <message>
        <source>Re&amp;name Segment…</source>
        <translation>重命名分群(&amp;N)…</translation>
    </message>
    <message>
        <source>Edit Descrip&amp;tion…</source>
        <translation>编辑说明(&amp;T)…</translation>
    </message>
    <message>
        <source>Updated the segment “%1”; Edit &gt; Undo goes back</source>
        <translation>已更新分群“%1”；“编辑 &gt; 撤销”可恢复</translation>
    </message>
    <message>
        <source>Replace Segment</source>
        <translation>替换分群</translation>
    </message>
    <message>
        <source>A segment named “%1” exists. Replace its rule with this one?</source>
        <translation>已有名为“%1”的分群。要用当前规则替换它的规则吗？</translation>
    </message>
    <message>
        <source>Its colour, description and size history stay; Edit &gt; Undo puts its rule back.</source>
        <translation>它的颜色、说明和规模历史保持不变；“编辑 &gt; 撤销”可恢复原规则。</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Duplicate Segment</source>
        <translation>复制分群</translation>
    </message>
    <message>
        <source>Name of the copy:</source>
        <translation>副本名称：</translation>
    </message>
    <message>
        <source>Cannot Duplicate Segment</source>
        <translation>无法复制分群</translation>
    </message>
    <message>
        <source>A segment named “%1” exists; choose another name.</source>
        <translation>已有名为“%1”的分群，请换一个名称。</translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”; Edit &gt; Undo removes the copy</source>
        <translation>已将“%1”复制为“%2”；“编辑 &gt; 撤销”可删除副本</translation>
    </message>
    <message>
        <source>Segment Description</source>
        <translation>分群说明</translation>
    </message>
    <message>
        <source>What “%1” is for (shown in the list of saved segments):</source>
        <translation>“%1”的用途（显示在已保存分群列表中）：</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
    <message>
        <source>Workspace opened</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>Every change, oldest first. Click a step to go back to it; later steps stay until you change something.</source>
        <translation>所有更改，按先后顺序排列。点击某一步即可回到那一步；之后的步骤会保留，直到您做出新的更改。</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>Set the analysis date to %1</source>
        <translation>将分析日期设为 %1</translation>
    </message>
    <message>
        <source>Cannot Change the Analysis Date</source>
        <translation>无法更改分析日期</translation>
    </message>
    <message>
        <source>&amp;Who Joined and Left…</source>
        <translation>加入与离开(&amp;W)…</translation>
    </message>
    <message>
        <source>Choose a saved segment first</source>
        <translation>请先选择一个已保存的分群</translation>
    </message>
    <message>
        <source>&amp;Member Preview</source>
        <translation>成员预览(&amp;M)</translation>
    </message>
    <message>
        <source>Show or hide the first 20 members of the rule beside it (remembered)</source>
        <translation>在规则旁显示或隐藏其前 20 位成员（会记住此选择）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::MemberExportJob</name>
    <message>
        <source>Export Members</source>
        <translation>导出成员</translation>
    </message>
    <message>
        <source>Exporting members…</source>
        <translation>正在导出成员…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Cannot Export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Export Finished</source>
        <translation>导出完成</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::OverlapDialog</name>
    <message>
        <source>Overlap of Saved Segments</source>
        <translation>已保存分群的重叠</translation>
    </message>
    <message>
        <source>“%1”: %2 customers</source>
        <translation>“%1”：%2 位客户</translation>
    </message>
    <message>
        <source>only “%1”: %2 · both: %3 (%4 of “%1”) · only “%5”: %6</source>
        <translation>仅在“%1”：%2 · 两者都在：%3（占“%1”的 %4）· 仅在“%5”：%6</translation>
    </message>
    <message>
        <source>Each cell counts the customers in both the row&apos;s segment and the column&apos;s (columns are numbered as the rows); the shade is their share of the row&apos;s segment. The diagonal is each segment&apos;s size.</source>
        <translation>每个单元格是同时属于该行分群与该列分群的客户数（列的编号与行相同）；底色深浅表示他们在该行分群中所占的比例。对角线为各分群的人数。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::RecentWorkspacesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Workspace Not Found</source>
        <translation>找不到工作区</translation>
    </message>
    <message>
        <source>“%1” no longer exists; it was removed from the recent workspaces.</source>
        <translation>“%1”已不存在，已从最近打开的工作区中移除。</translation>
    </message>
    <message>
        <source>%1 (missing)</source>
        <translation>%1（不存在）</translation>
    </message>
    <message>
        <source>No Recent Workspaces</source>
        <translation>没有最近打开的工作区</translation>
    </message>
    <message>
        <source>Remove &amp;Missing Workspaces</source>
        <translation>移除不存在的工作区(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::RfmHeatmap</name>
    <message>
        <source>RFM grid</source>
        <translation>RFM 矩阵</translation>
    </message>
    <message>
        <source>Frequency score (F) →</source>
        <translation>购买频次得分 (F) →</translation>
    </message>
    <message>
        <source>Recency score (R) →</source>
        <translation>最近购买得分 (R) →</translation>
    </message>
    <message>
        <source>No customer has an R score yet: R and M rank the buyers, and that needs at least 5 buyers with a last order date, not all on the same day.</source>
        <translation>还没有客户有 R 分：R 和 M 在购买客户之间排名，需要至少 5 位有最近下单日期、且不全在同一天的购买客户。</translation>
    </message>
    <message>
        <source>R%1 F%2%3: %4 in this segment, %5 among all customers</source>
        <translation>R%1 F%2%3：本分群 %4 位，全部客户中 %5 位</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::RuleBuilder</name>
    <message>
        <source>Edit rule text</source>
        <translation>编辑规则文本</translation>
    </message>
    <message>
        <source>Apply template “%1”</source>
        <translation>应用模板“%1”</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Start from a ready segment of the marketing playbook</source>
        <translation>从营销手册中的现成分群开始</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — recommended action: %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — 建议行动：%2</translation>
    </message>
    <message>
        <source>Count after each step</source>
        <translation>显示每步剩余人数</translation>
    </message>
    <message>
        <source>Shows on each condition how many customers are left after it, reading the rule from the top</source>
        <translation>在每个条件旁显示：从上往下读规则，到这一条为止还剩多少位客户</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::RulePanel</name>
    <message>
        <source>Rule (all customers when empty)</source>
        <translation>筛选规则（为空时即全部客户）</translation>
    </message>
    <message>
        <source>Rule of segment “%1”</source>
        <translation>分群“%1”的规则</translation>
    </message>
    <message>
        <source>Save as Segment…</source>
        <translation>保存为分群…</translation>
    </message>
    <message>
        <source>For example: total_spend &gt;= 1000 and city in (&quot;上海&quot;, &quot;北京&quot;)</source>
        <translation>例如：total_spend &gt;= 1000 and city in (&quot;上海&quot;, &quot;北京&quot;)</translation>
    </message>
    <message>
        <source>Rule of segment “%1” (modified)</source>
        <translation>分群“%1”的规则（已修改）</translation>
    </message>
    <message>
        <source>The rule differs from the saved segment: Segment &gt; Update Segment saves it</source>
        <translation>规则与已保存的分群不同：“分群 &gt; 更新分群”可保存修改</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>新建规则</translation>
    </message>
    <message>
        <source>Open segment “%1”</source>
        <translation>打开分群“%1”</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::RuleSyntaxDialog</name>
    <message>
        <source>Rule Syntax</source>
        <translation>规则语法</translation>
    </message>
    <message>
        <source>The rule syntax help is missing from this build.</source>
        <translation>此版本缺少规则语法帮助。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::SegmentList</name>
    <message>
        <source>&amp;Rename Segment…</source>
        <translation>重命名分群(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Delete Segment</source>
        <translation>删除分群(&amp;D)</translation>
    </message>
    <message>
        <source>%1 customers at the previous analysis date, %2 now</source>
        <translation>上一个分析日期时 %1 位客户，现在 %2 位</translation>
    </message>
    <message>
        <source>&amp;Export to File…</source>
        <translation>导出到文件(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Who Joined and Left…</source>
        <translation>加入与离开(&amp;W)…</translation>
    </message>
    <message>
        <source>%1 customers at the previous analysis date, %2 now; click %3 to see who joined and who left</source>
        <translation>上一个分析日期时 %1 位客户，现在 %2 位；点击 %3 查看谁加入、谁离开</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PdfDocument</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Cannot write “%1”</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>Cannot replace “%1”</source>
        <translation>无法替换“%1”</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::SegmentReportWriter</name>
    <message>
        <source>Cannot write “%1”: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>Segment report</source>
        <translation>分群报告</translation>
    </message>
    <message>
        <source>Cannot write “%1”</source>
        <translation>无法写入“%1”</translation>
    </message>
    <message>
        <source>analysis date %1</source>
        <translation>分析日期 %1</translation>
    </message>
    <message>
        <source>made %1</source>
        <translation>生成于 %1</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>定义</translation>
    </message>
    <message>
        <source>All customers (no conditions)</source>
        <translation>全部客户（无条件）</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>规模</translation>
    </message>
    <message>
        <source>Cannot replace “%1”</source>
        <translation>无法替换“%1”</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::SegmentSizeChart</name>
    <message>
        <source>Saved segment sizes</source>
        <translation>已保存分群的规模</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::SettingsDialog</name>
    <message>
        <source>The high and mid tiers each need a share above 0 % of %1</source>
        <translation>高价值和中价值分层各自需要大于 0% 的%1占比</translation>
    </message>
    <message>
        <source>The shares of %1 add up to %2 %; they must add up to 100 %</source>
        <translation>%1的占比合计为 %2%，必须合计为 100%</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Analysis</source>
        <translation>分析</translation>
    </message>
    <message>
        <source>RFM Map</source>
        <translation>RFM 映射</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>“%1” is read-only: only the language can be changed.</source>
        <translation>“%1”是只读的：只能更改语言。</translation>
    </message>
    <message>
        <source>Analysis date</source>
        <translation>分析日期</translation>
    </message>
    <message>
        <source>Day after the latest order</source>
        <translation>最近订单的次日</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Lifecycle stages</source>
        <translation>生命周期阶段</translation>
    </message>
    <message>
        <source> order</source>
        <translation> 单</translation>
    </message>
    <message>
        <source> orders</source>
        <translation> 单</translation>
    </message>
    <message>
        <source> day</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>New: up to</source>
        <translation>新客户：最多</translation>
    </message>
    <message>
        <source>Growing: up to</source>
        <translation>成长客户：最多</translation>
    </message>
    <message>
        <source>Active: last order within</source>
        <translation>活跃：最近下单在</translation>
    </message>
    <message>
        <source>At risk: up to</source>
        <translation>流失预警：最多</translation>
    </message>
    <message>
        <source>Value tiers</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>Share of customers, by spend</source>
        <translation>按消费排序的客户占比</translation>
    </message>
    <message>
        <source>Share of revenue (ABC)</source>
        <translation>收入占比（ABC 分类）</translation>
    </message>
    <message>
        <source>Fixed spend thresholds</source>
        <translation>固定消费门槛</translation>
    </message>
    <message>
        <source>High value: the top</source>
        <translation>高价值：前</translation>
    </message>
    <message>
        <source>Mid value: the next</source>
        <translation>中价值：其后</translation>
    </message>
    <message>
        <source>Low value: the rest</source>
        <translation>低价值：其余</translation>
    </message>
    <message>
        <source>High value: first share of revenue</source>
        <translation>高价值：收入的前一部分</translation>
    </message>
    <message>
        <source>Mid value: next share</source>
        <translation>中价值：其后一部分</translation>
    </message>
    <message>
        <source>Low value: last share</source>
        <translation>低价值：最后一部分</translation>
    </message>
    <message>
        <source>High value: spent at least</source>
        <translation>高价值：消费至少</translation>
    </message>
    <message>
        <source>Mid value: spent at least</source>
        <translation>中价值：消费至少</translation>
    </message>
    <message>
        <source>Customers without a valid purchase form a tier of their own.</source>
        <translation>没有有效购买的客户单独成为一层。</translation>
    </message>
    <message>
        <source>The name of each combination of recency (R) and frequency (F) scores, from 1 (least recent, fewest orders) to 5. Double-click a cell to rename it.</source>
        <translation>最近购买（R）与购买频次（F）得分每种组合的名称，分值从 1（最久未购、订单最少）到 5。双击单元格可重命名。</translation>
    </message>
    <message>
        <source>F%1</source>
        <translation>F%1</translation>
    </message>
    <message>
        <source>R%1</source>
        <translation>R%1</translation>
    </message>
    <message>
        <source>Restore the Default Names</source>
        <translation>恢复默认名称</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Interface language:</source>
        <translation>界面语言：</translation>
    </message>
    <message>
        <source>The workspace has no orders</source>
        <translation>工作区中没有订单</translation>
    </message>
    <message>
        <source>Day after the latest order (%1)</source>
        <translation>最近订单的次日（%1）</translation>
    </message>
    <message>
        <source>At-risk days (%1) must be more than active days (%2): customers are at risk after the active period and dormant after the at-risk one</source>
        <translation>流失预警天数（%1）必须大于活跃天数（%2）：客户在活跃期之后进入流失预警，在流失预警期之后进入沉睡</translation>
    </message>
    <message>
        <source>Growing customers need more orders (%1) than new ones (%2)</source>
        <translation>成长客户的订单数（%1）必须多于新客户（%2）</translation>
    </message>
    <message>
        <source>customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>The high tier&apos;s minimum spend (%1) must be above the mid tier&apos;s (%2)</source>
        <translation>高价值层的最低消费（%1）必须高于中价值层（%2）</translation>
    </message>
    <message>
        <source>Every cell of the RFM map needs a name (R%1 F%2 is empty)</source>
        <translation>RFM 映射的每个单元格都需要名称（R%1 F%2 为空）</translation>
    </message>
    <message>
        <source>OK is disabled: %1</source>
        <translation>“确定”不可用：%1</translation>
    </message>
    <message>
        <source>No date is fixed: “days since” and “last N days” count from today.</source>
        <translation>未固定日期：“距今天数”和“最近 N 天”从今天算起。</translation>
    </message>
    <message>
        <source>“Days since” and “last N days” count from this date.</source>
        <translation>“距今天数”和“最近 N 天”从此日期算起。</translation>
    </message>
    <message>
        <source>%1. %2: %3</source>
        <translation>%1. %2：%3</translation>
    </message>
    <message>
        <source>Checked in this order, first match wins:</source>
        <translation>按此顺序检查，先符合者为准：</translation>
    </message>
    <message>
        <source>Recomputing the customer metrics…</source>
        <translation>正在重新计算客户指标…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancelled: the workspace was not changed.</source>
        <translation>已取消：工作区未作更改。</translation>
    </message>
    <message>
        <source>Cannot Change the Settings</source>
        <translation>无法更改设置</translation>
    </message>
    <message>
        <source>The new language applies as soon as you press OK.</source>
        <translation>按“确定”后立即使用新语言。</translation>
    </message>
    <message>
        <source>Predictions</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Predict P(alive), churn risk, expected orders and CLV with the metrics</source>
        <translation>随客户指标一起预测存活概率、流失风险、预计订单数和 CLV</translation>
    </message>
    <message>
        <source>Check the model: also fit on purchases up to</source>
        <translation>检验模型：另外只用此日期及之前的购买拟合</translation>
    </message>
    <message>
        <source>Predicted CLV covers:</source>
        <translation>预测 CLV 覆盖：</translation>
    </message>
    <message>
        <source>Monthly discount rate:</source>
        <translation>每月折现率：</translation>
    </message>
    <message>
        <source>The latest fit</source>
        <translation>最近一次拟合</translation>
    </message>
    <message>
        <source>Predictions need at least %1 customers with a purchase, %2 repeat buyers and %3 days of history.</source>
        <translation>预测至少需要 %1 位有购买的客户、%2 位复购客户和 %3 天的历史。</translation>
    </message>
    <message>
        <source>No predictions have been computed.</source>
        <translation>尚未计算预测。</translation>
    </message>
    <message>
        <source>%1 (± %2)</source>
        <translation>%1（± %2）</translation>
    </message>
    <message>
        <source>Fitted on %1 customers with a purchase by %2, %3 of them repeat buyers.</source>
        <translation>基于截至 %2 有购买的 %1 位客户拟合，其中 %3 位为复购客户。</translation>
    </message>
    <message>
        <source>Purchases (BG/NBD, weeks): r = %1, α = %2, a = %3, b = %4; log-likelihood %5</source>
        <translation>购买（BG/NBD，以周计）：r = %1，α = %2，a = %3，b = %4；对数似然 %5</translation>
    </message>
    <message>
        <source>Spend per purchase (Gamma-Gamma): p = %1, q = %2, γ = %3; log-likelihood %4</source>
        <translation>每次购买金额（Gamma-Gamma）：p = %1，q = %2，γ = %3；对数似然 %4</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>The model check&apos;s date (%1) must be before the analysis date (%2)</source>
        <translation>模型检验日期（%1）必须早于分析日期（%2）</translation>
    </message>
    <message>
        <source>No date is fixed: the newest order is more than %1 days old, so “days since” and “last N days” count from the day after it.</source>
        <translation>未固定日期：最新订单距今已超过 %1 天，因此“距今天数”和“最近 N 天”从其次日起算。</translation>
    </message>
    <message>
        <source>Count orders of zero amount (free samples, fully discounted) as purchases</source>
        <translation>把金额为零的订单（赠品、全额抵扣）算作购买</translation>
    </message>
    <message>
        <source>Frequency by orders: F1 below F2;</source>
        <translation>按订单数计频次：低于 F2 为 F1；</translation>
    </message>
    <message>
        <source>F%1 from </source>
        <translation>F%1 自 </translation>
    </message>
    <message>
        <source>%1 (from your region)</source>
        <translation>%1（按您的地区）</translation>
    </message>
    <message>
        <source>The symbol shown with amounts of money (dashboard, customer card, Customers view, report, Excel export). Amounts are not converted. Kept with this workspace.</source>
        <translation>金额显示时使用的货币符号（仪表盘、客户卡片、客户列表、报告、Excel 导出）。金额不做换算。随此工作区保存。</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>货币：</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::SizeHistoryChart</name>
    <message>
        <source>Segment size history</source>
        <translation>分群规模变化</translation>
    </message>
    <message>
        <source>Segment size by analysis date</source>
        <translation>各分析日期的分群规模</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::StartPage</name>
    <message>
        <source>Welcome to Segmenta</source>
        <translation>欢迎使用 Segmenta 客户分层</translation>
    </message>
    <message>
        <source>Turn your customer spreadsheets into segments you can act on.</source>
        <translation>把客户表格变成可以行动的客户分层。</translation>
    </message>
    <message>
        <source>Open the demo shop</source>
        <translation>打开演示店铺</translation>
    </message>
    <message>
        <source>A tea shop with 20,000 customers and their orders, to explore freely</source>
        <translation>一家拥有 20,000 位客户及其订单的茶叶店，可随意探索</translation>
    </message>
    <message>
        <source>Open a workspace</source>
        <translation>打开工作区</translation>
    </message>
    <message>
        <source>A .segmenta file you saved before</source>
        <translation>之前保存的 .segmenta 文件</translation>
    </message>
    <message>
        <source>Import a spreadsheet</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text exports from Taobao, JD, Shopify, WeChat shops or your CRM</source>
        <translation>Excel（.xlsx、.xls）、OpenDocument（.ods）、CSV，或来自淘宝、京东、Shopify、微信小店、CRM 的文本导出文件</translation>
    </message>
    <message>
        <source>Recent workspaces</source>
        <translation>最近的工作区</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::TierChart</name>
    <message>
        <source>Value tiers</source>
        <translation>价值分层</translation>
    </message>
    <message>
        <source>%1: %2 of customers, %3 of revenue</source>
        <translation>%1：占客户 %2，占收入 %3</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>收入</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>本分群</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Pareto curve</source>
        <translation>帕累托曲线</translation>
    </message>
    <message>
        <source>Share of revenue (up) made by the biggest spenders (across)</source>
        <translation>消费最高的客户（横轴）贡献的收入占比（纵轴）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::Tour</name>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Saved segments</source>
        <translation>已保存的分群</translation>
    </message>
    <message>
        <source>Your segments, with their size and colour. The demo shop comes with a playbook of ready-made ones: click one to see its rule and figures.</source>
        <translation>这里是您的分群及其规模和颜色。演示店铺自带一套现成的分群：点击一个即可查看它的规则和数据。</translation>
    </message>
    <message>
        <source>The rule editor</source>
        <translation>规则编辑器</translation>
    </message>
    <message>
        <source>Dashboard and customers</source>
        <translation>仪表盘和客户</translation>
    </message>
    <message>
        <source>Who matches the rule: lifecycle funnel, value tiers, RFM grid and segment sizes. The Customers tab lists them, and File &gt; Export Members writes them to Excel.</source>
        <translation>符合规则的客户：生命周期漏斗、价值分层、RFM 网格和分群规模。“客户”标签页列出他们，“文件 &gt; 导出成员”可将他们写入 Excel。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Click + Condition to describe the customers you want: pick a field (total spend, city, lifecycle stage…), how to compare and the values; each condition shows how many customers it keeps. Or type the rule below, such as total_spend &gt;= 1000. The figures update as you go; Ctrl+S saves the rule as a segment. Help &gt; Rule Syntax lists everything a rule can say.</source>
        <translation>点击“+ 条件”描述您想要的客户：选择字段（累计消费、城市、生命周期阶段……）、比较方式和取值；每个条件都会显示它保留了多少位客户。也可以在下方直接输入规则，例如 total_spend &gt;= 1000。数据随操作即时更新；Ctrl+S 将规则保存为分群。“帮助 &gt; 规则语法”列出了规则的全部写法。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ValueListPicker</name>
    <message>
        <source>Search values</source>
        <translation>搜索值</translation>
    </message>
    <message>
        <source>%1 (none)</source>
        <translation>%1（无）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::WorkspaceHistory</name>
    <message>
        <source>Save segment “%1”</source>
        <translation>保存分群“%1”</translation>
    </message>
    <message>
        <source>Rename segment “%1” to “%2”</source>
        <translation>将分群“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>Delete segment “%1”</source>
        <translation>删除分群“%1”</translation>
    </message>
    <message>
        <source>Import “%1”</source>
        <translation>导入“%1”</translation>
    </message>
    <message>
        <source>Importing “%1” again…</source>
        <translation>正在重新导入“%1”…</translation>
    </message>
    <message>
        <source>Removing the import of “%1”…</source>
        <translation>正在移除“%1”的导入…</translation>
    </message>
    <message>
        <source>Change the analysis settings</source>
        <translation>更改分析设置</translation>
    </message>
    <message>
        <source>Recomputing the customer metrics…</source>
        <translation>正在重新计算客户指标…</translation>
    </message>
    <message>
        <source>There is no segment number %1</source>
        <translation>没有编号为 %1 的分群</translation>
    </message>
    <message>
        <source>No workspace is open</source>
        <translation>没有打开的工作区</translation>
    </message>
    <message>
        <source>Cannot Undo or Redo</source>
        <translation>无法撤销或重做</translation>
    </message>
    <message>
        <source>Delete experiment “%1”</source>
        <translation>删除实验“%1”</translation>
    </message>
    <message>
        <source>There is no experiment named “%1”</source>
        <translation>没有名为“%1”的实验</translation>
    </message>
    <message>
        <source>Describe segment “%1”</source>
        <translation>编辑分群“%1”的说明</translation>
    </message>
</context>
<context>
    <name>segmenta::predict::BgNbdFitter</name>
    <message>
        <source>There are no customers to fit the purchase model on</source>
        <translation>没有可用于拟合购买模型的客户</translation>
    </message>
    <message>
        <source>The purchase model could not be fitted: the optimiser found no finite likelihood</source>
        <translation>无法拟合购买模型：优化器找不到有限的似然值</translation>
    </message>
    <message>
        <source>The purchase model could not be fitted: the data cannot pin its parameters down (one runs off to the edge of the range tried)</source>
        <translation>无法拟合购买模型：数据无法确定其参数（有参数跑到了尝试范围的边界）</translation>
    </message>
</context>
<context>
    <name>segmenta::predict::GammaGammaFitter</name>
    <message>
        <source>There are no repeat purchases with a positive amount to fit the spend model on</source>
        <translation>没有金额为正的复购可用于拟合消费金额模型</translation>
    </message>
    <message>
        <source>The spend model could not be fitted: the optimiser found no finite likelihood</source>
        <translation>无法拟合消费金额模型：优化器找不到有限的似然值</translation>
    </message>
    <message>
        <source>The spend model could not be fitted: the data cannot pin its parameters down (one runs off to the edge of the range tried)</source>
        <translation>无法拟合消费金额模型：数据无法确定其参数（有参数跑到了尝试范围的边界）</translation>
    </message>
</context>
<context>
    <name>segmenta::predict::CustomerPredictions</name>
    <message>
        <source>No predicted CLV: %1</source>
        <translation>无预测 CLV：%1</translation>
    </message>
    <message>
        <source>No predicted CLV: the spend per purchase varies so much between customers that its average is not finite (q = %1 is not above 1)</source>
        <translation>无预测 CLV：客户之间每次购买的金额差异过大，其平均值不是有限值（q = %1 不大于 1）</translation>
    </message>
    <message>
        <source>Too few customers to predict: %1 bought by %2; predictions need at least %3</source>
        <translation>客户太少，无法预测：截至 %2 有 %1 位客户购买过；预测至少需要 %3 位</translation>
    </message>
    <message>
        <source>Too few repeat buyers to predict: %1 customers bought on two days or more; predictions need at least %2</source>
        <translation>复购客户太少，无法预测：%1 位客户在两天或以上购买过；预测至少需要 %2 位</translation>
    </message>
    <message>
        <source>Too short a history to predict: %1 days from the first purchase to %2; predictions need at least %3</source>
        <translation>历史太短，无法预测：从首次购买到 %2 只有 %1 天；预测至少需要 %3 天</translation>
    </message>
    <message>
        <source>The calibration end and the analysis date must be valid dates</source>
        <translation>校准截止日期和分析日期必须是有效日期</translation>
    </message>
    <message>
        <source>The calibration end (%1) is after the analysis date (%2)</source>
        <translation>校准截止日期（%1）晚于分析日期（%2）</translation>
    </message>
    <message>
        <source>Could not read the orders of “%1”: %2</source>
        <translation>无法读取“%1”的订单：%2</translation>
    </message>
    <message>
        <source>The prediction horizon must be 1 to 3650 days, not %1</source>
        <translation>预测期限必须为 1 到 3650 天，而不是 %1</translation>
    </message>
    <message>
        <source>The monthly discount rate must be at least 0 % and below 100 %</source>
        <translation>每月折现率必须不低于 0% 且低于 100%</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PredictedChart</name>
    <message>
        <source>No predictions: %1</source>
        <translation>无预测：%1</translation>
    </message>
    <message>
        <source>they are turned off in Settings</source>
        <translation>预测已在设置中关闭</translation>
    </message>
    <message>
        <source>Predicted CLV, next %1 days: %2 · %3 per customer (all customers: %4 per customer)</source>
        <translation>未来 %1 天预测 CLV：%2 · 每位客户 %3（全部客户：每位 %4）</translation>
    </message>
    <message>
        <source>%1 of the segment&apos;s customers have a prediction</source>
        <translation>本分群中有 %1 位客户有预测</translation>
    </message>
    <message>
        <source>P(alive): segment (blue) against all customers (grey)</source>
        <translation>存活概率：本分群（蓝）与全部客户（灰）</translation>
    </message>
    <message>
        <source>Purchases per customer %1: actual (blue), predicted (red)</source>
        <translation>每位客户的购买次数（%1）：实际（蓝）、预测（红）</translation>
    </message>
    <message>
        <source>top: %1</source>
        <translation>顶端：%1</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::PurchaseEditor</name>
    <message>
        <source>at any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>in the last</source>
        <translation>在最近</translation>
    </message>
    <message>
        <source>before</source>
        <translation>早于</translation>
    </message>
    <message>
        <source>after</source>
        <translation>晚于</translation>
    </message>
    <message>
        <source>between</source>
        <translation>介于</translation>
    </message>
    <message>
        <source>more than … ago</source>
        <translation>早于…之前</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>周</translation>
    </message>
    <message>
        <source>months</source>
        <translation>个月</translation>
    </message>
    <message>
        <source>times</source>
        <translation>次</translation>
    </message>
    <message>
        <source>and</source>
        <translation>和</translation>
    </message>
    <message>
        <source>How many orders with a matching line</source>
        <translation>有匹配明细的订单数</translation>
    </message>
    <message>
        <source>The amount of the matching lines</source>
        <translation>匹配明细的金额合计</translation>
    </message>
    <message>
        <source>at least</source>
        <translation>至少</translation>
    </message>
    <message>
        <source>at most</source>
        <translation>至多</translation>
    </message>
    <message>
        <source>exactly</source>
        <translation>恰好</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source>≥</source>
        <translation>≥</translation>
    </message>
    <message>
        <source>&gt;</source>
        <translation>&gt;</translation>
    </message>
    <message>
        <source>≤</source>
        <translation>≤</translation>
    </message>
    <message>
        <source>&lt;</source>
        <translation>&lt;</translation>
    </message>
    <message>
        <source>=</source>
        <translation>=</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>When the orders were placed</source>
        <translation>下单的时间</translation>
    </message>
    <message>
        <source>No order has a date, so purchases cannot be limited to a period</source>
        <translation>没有任何订单带日期，因此无法按时间段筛选购买</translation>
    </message>
    <message>
        <source>Change how often</source>
        <translation>更改购买次数条件</translation>
    </message>
    <message>
        <source>Change comparison</source>
        <translation>更改比较方式</translation>
    </message>
    <message>
        <source>Change count</source>
        <translation>更改次数</translation>
    </message>
    <message>
        <source>Change amount</source>
        <translation>更改金额</translation>
    </message>
    <message>
        <source>Change period</source>
        <translation>更改时间段</translation>
    </message>
</context>
<context>
    <name>segmenta::segments::MembershipChanges</name>
    <message>
        <source>Cannot work out the members at %1: there is no room for a temporary copy of the workspace</source>
        <translation>无法算出 %1 时的成员：没有空间存放工作区的临时副本</translation>
    </message>
    <message>
        <source>The segment was deleted meanwhile</source>
        <translation>该分群已被删除</translation>
    </message>
    <message>
        <source>No size of “%1” was recorded before the analysis date %2, so there is nothing to compare with</source>
        <translation>分析日期 %2 之前没有记录过“%1”的人数，因此无从比较</translation>
    </message>
    <message>
        <source>“%1” cannot be evaluated: %2</source>
        <translation>无法计算“%1”：%2</translation>
    </message>
    <message>
        <source>Could not work out who joined and left: %1</source>
        <translation>无法算出加入和离开的客户：%1</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::KeyCustomerTable</name>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::MembershipDialog</name>
    <message>
        <source>Could not read the customers: %1</source>
        <translation>无法读取客户：%1</translation>
    </message>
    <message>
        <source>Who Joined and Left “%1”</source>
        <translation>“%1”的加入与离开</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Joined (%1)</source>
        <translation>加入（%1）</translation>
    </message>
    <message>
        <source>Left (%1)</source>
        <translation>离开（%1）</translation>
    </message>
    <message>
        <source>Working out who joined “%1” and who left it since the previous analysis date…</source>
        <translation>正在计算自上一个分析日期以来加入和离开“%1”的客户…</translation>
    </message>
    <message>
        <source>From %1 to %2 (the previous analysis date and this one), %3 customers joined and %4 left: %5 members then, %6 now.</source>
        <translation>从 %1 到 %2（上一个分析日期与当前分析日期），%3 位客户加入，%4 位离开：当时 %5 位成员，现在 %6 位。</translation>
    </message>
    <message>
        <source>The size recorded on %1 was %2: the orders or the settings have changed since.</source>
        <translation>%1 记录的人数为 %2：此后订单或设置有所变化。</translation>
    </message>
    <message>
        <source>The first %1 of each list are shown; Export writes them all.</source>
        <translation>每个名单只显示前 %1 位；导出会写入全部。</translation>
    </message>
    <message>
        <source>%1 - joined and left</source>
        <translation>%1 - 加入与离开</translation>
    </message>
    <message>
        <source>Export Who Joined and Left</source>
        <translation>导出加入与离开的客户</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV file (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>加入</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Who joined and who left between %1 and %2</source>
        <translation>%1 至 %2 之间加入和离开的客户</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::MemberPreview</name>
    <message>
        <source>The members could not be read: %1</source>
        <translation>无法读取成员：%1</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>No customer matches the rule</source>
        <translation>没有客户符合该规则</translation>
    </message>
    <message>
        <source>All %1 members</source>
        <translation>全部 %1 位成员</translation>
    </message>
    <message>
        <source>The first %1 of %2 members</source>
        <translation>%2 位成员中的前 %1 位</translation>
    </message>
    <message>
        <source>In the Customers view's order: by when each customer was added.</source>
        <translation>与客户列表的顺序相同：按客户加入工作区的先后。</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ColumnChooser</name>
    <message>
        <source>Columns of the Customers View</source>
        <translation>客户列表的列</translation>
    </message>
    <message>
        <source>Tick the columns to show. Columns that no customer has a value in are hidden until you tick them. The choice is kept with this workspace.</source>
        <translation>勾选要显示的列。所有客户都没有值的列会隐藏，勾选后才显示。所做选择随此工作区保存。</translation>
    </message>
    <message>
        <source>Search fields</source>
        <translation>搜索字段</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Show All</source>
        <translation>全部显示</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Customer fields</source>
        <translation>客户字段</translation>
    </message>
    <message>
        <source>Purchase metrics</source>
        <translation>购买指标</translation>
    </message>
    <message>
        <source>Lifecycle and value</source>
        <translation>生命周期与价值</translation>
    </message>
    <message>
        <source>RFM</source>
        <translation>RFM</translation>
    </message>
    <message>
        <source>%1, no values</source>
        <translation>%1，无值</translation>
    </message>
</context>
<context>
    <name>segmenta::import::ImportOutcome</name>
    <message>
        <source>repeated rows: the same as an earlier row in every column; counted once</source>
        <translation>重复的行：每一列都与前面某一行相同；只计一次</translation>
    </message>
</context>
<context>
    <name>segmenta::ui::ImportTarget</name>
    <message>
        <source>Where the rows go</source>
        <translation>导入到哪里</translation>
    </message>
    <message>
        <source>Into a &amp;new workspace:</source>
        <translation>导入到新的工作区(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>Segmenta keeps what it imports in a workspace: one file on this computer with the customers, their orders and your segments. The spreadsheet itself is not changed.</source>
        <translation>Segmenta 把导入的内容保存在工作区中：这台电脑上的一个文件，包含客户、订单和您的分群。电子表格本身不会被修改。</translation>
    </message>
    <message>
        <source>Into the &amp;open workspace “%1”: rows with a customer or order ID it holds update it</source>
        <translation>导入到已打开的工作区“%1”(&amp;O)：客户编号或订单编号已存在的行会更新原有数据</translation>
    </message>
    <message>
        <source>Into the open workspace (none is open)</source>
        <translation>导入到已打开的工作区（当前没有打开的工作区）</translation>
    </message>
    <message>
        <source>Name the new workspace's file.</source>
        <translation>请为新工作区文件命名。</translation>
    </message>
    <message>
        <source>“%1” exists already: choose another name, or open it and import into it.</source>
        <translation>“%1”已存在：请换一个名称，或打开它后再导入。</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>文件夹“%1”不存在。</translation>
    </message>
    <message>
        <source>New Workspace for the Import</source>
        <translation>用于导入的新工作区</translation>
    </message>
    <message>
        <source>Segmenta workspaces (*.segmenta)</source>
        <translation>Segmenta 工作区 (*.segmenta)</translation>
    </message>
</context>
</TS>
