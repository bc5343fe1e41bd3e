#include "demo/demoshop.h"

#include "demo/random.h"
#include "metrics/customermetrics.h"
#include "segments/playbook.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCryptographicHash>
#include <QDateTime>

#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace segmenta::demo {

namespace {

using store::Statement;

struct City
{
    const char *city;
    const char *province;
    const char *country;
    double weight;
    bool chinese;
};

constexpr std::array<City, 22> kCities = {{
    {"上海", "上海", "中国", 14, true},        {"北京", "北京", "中国", 12, true},
    {"深圳", "广东", "中国", 9, true},         {"广州", "广东", "中国", 8, true},
    {"杭州", "浙江", "中国", 8, true},         {"成都", "四川", "中国", 6, true},
    {"南京", "江苏", "中国", 5, true},         {"苏州", "江苏", "中国", 5, true},
    {"武汉", "湖北", "中国", 5, true},         {"西安", "陕西", "中国", 4, true},
    {"重庆", "重庆", "中国", 4, true},         {"天津", "天津", "中国", 3, true},
    {"长沙", "湖南", "中国", 3, true},         {"厦门", "福建", "中国", 2, true},
    {"贵阳", "贵州", "中国", 2, true},         {"香港", "香港", "中国", 2, true},
    {"Singapore", "", "Singapore", 2, false}, {"Kuala Lumpur", "", "Malaysia", 1, false},
    {"Sydney", "NSW", "Australia", 1, false}, {"Vancouver", "BC", "Canada", 1, false},
    {"London", "England", "United Kingdom", 1, false},
    {"Los Angeles", "California", "United States", 1, false},
}};

struct Weighted
{
    const char *name;
    double weight;
};

constexpr std::array<Weighted, 6> kChannels = {{
    {"Taobao", 35}, {"JD", 20}, {"WeChat", 20}, {"Douyin", 10}, {"Shopify", 8}, {"Offline store", 7}}};

struct Product
{
    const char *name;
    const char *category;
    double price;
    double weight;
    const char *sku;
};

// What an order is for: its first line (the order's product and category, as before orders had lines).
constexpr std::array<Product, 12> kProducts = {{
    {"西湖龙井 Longjing 250g", "Green tea", 268, 14, "GT-LJ-250"},
    {"碧螺春 Biluochun 200g", "Green tea", 198, 8, "GT-BLC-200"},
    {"安溪铁观音 Tieguanyin 250g", "Oolong", 158, 12, "OL-TGY-250"},
    {"大红袍 Da Hong Pao 200g", "Oolong", 328, 7, "OL-DHP-200"},
    {"云南普洱 Pu-erh cake 357g", "Pu-erh", 218, 10, "PE-YN-357"},
    {"陈年普洱 Aged Pu-erh 357g", "Pu-erh", 880, 2, "PE-AGED-357"},
    {"福鼎白茶 White Peony 300g", "White tea", 238, 8, "WT-BMD-300"},
    {"正山小种 Lapsang 200g", "Black tea", 128, 9, "BT-ZSXZ-200"},
    {"紫砂壶 Yixing teapot", "Teaware", 460, 4, "TW-ZSH-01"},
    {"旅行茶具 Travel tea set", "Teaware", 189, 6, "TW-TRAVEL-01"},
    {"节日礼盒 Festival gift box", "Gift box", 598, 5, "GB-FEST-01"},
    {"品鉴装 Tasting sampler", "Sampler", 59, 15, "SP-TASTE-06"},
}};

// What is added to an order besides: more tea, smaller packs, teaware and snacks that go with it.
constexpr std::array<Product, 16> kAddOns = {{
    {"明前龙井 Pre-Qingming Longjing 100g", "Green tea", 168, 6, "GT-LJ-100"},
    {"黄山毛峰 Huangshan Maofeng 200g", "Green tea", 138, 5, "GT-HSMF-200"},
    {"凤凰单丛 Phoenix Dancong 150g", "Oolong", 218, 4, "OL-DC-150"},
    {"金骏眉 Jin Jun Mei 100g", "Black tea", 198, 5, "BT-JJM-100"},
    {"滇红 Dian Hong 250g", "Black tea", 98, 6, "BT-DH-250"},
    {"白毫银针 Silver Needle 100g", "White tea", 298, 3, "WT-BHYZ-100"},
    {"小青柑 Citrus Pu-erh 10 pcs", "Pu-erh", 88, 7, "PE-XQG-10"},
    {"茉莉花茶 Jasmine tea 100g", "Scented tea", 68, 9, "ST-MLH-100"},
    {"桂花乌龙 Osmanthus oolong 100g", "Scented tea", 78, 6, "ST-GHWL-100"},
    {"青瓷茶杯 Celadon cup", "Teaware", 45, 10, "TW-CUP-QC"},
    {"公道杯 Fairness pitcher", "Teaware", 68, 6, "TW-GDB-01"},
    {"盖碗 Gaiwan", "Teaware", 98, 6, "TW-GW-01"},
    {"竹茶盘 Bamboo tea tray", "Teaware", 158, 3, "TW-TRAY-01"},
    {"茶漏 Tea strainer", "Accessories", 29, 8, "AC-STRAIN-01"},
    {"锡罐 Tin caddy", "Accessories", 58, 5, "AC-CADDY-01"},
    {"绿豆糕 Mung bean cakes", "Snacks", 36, 7, "SN-LDG-12"},
}};

constexpr std::array<std::string_view, 40> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
    "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
    "邓", "曹", "彭", "曾", "萧", "田", "董", "潘", "袁", "蔡", "蒋", "欧阳"};
constexpr std::array<std::string_view, 40> kGivenNames = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟",
    "涛", "明", "超", "秀英", "霞", "平", "刚", "婷", "雪", "浩", "宇", "欣怡", "子轩", "梓涵",
    "一诺", "思远", "佳怡", "雨桐", "晨", "晓东", "建华", "文博", "诗琪", "俊杰", "嘉欣", "天佑"};
constexpr std::array<std::string_view, 24> kEnglishFirst = {
    "Emma",  "Olivia", "Liam",   "Noah",  "Ava",     "Sophia", "James", "Lucas",
    "Mia",   "Amelia", "Ethan",  "Grace", "Chloe",   "Daniel", "Ryan",  "Sarah",
    "Kevin", "Jessica", "David", "Michelle", "Oliver", "Hannah", "Jack", "Isabella"};
constexpr std::array<std::string_view, 16> kEnglishLast = {
    "Smith", "Johnson", "Lee", "Wong", "Chen", "Tan", "Brown", "Taylor",
    "Wilson", "Martin", "Nguyen", "Kim", "Garcia", "Lim", "Clark", "O'Brien"};
constexpr std::array<std::string_view, 5> kChineseMail = {"qq.com", "163.com", "126.com", "sina.com", "foxmail.com"};
constexpr std::array<std::string_view, 4> kEnglishMail = {"gmail.com", "outlook.com", "yahoo.com", "icloud.com"};
constexpr std::array<std::string_view, 5> kTags = {"VIP", "wholesale", "gift buyer", "newsletter", "tea club"};

template <typename Table>
double totalWeight(const Table &table)
{
    double total = 0;
    for (const auto &row : table)
        total += row.weight;
    return total;
}

template <typename Table>
std::string_view pickFrom(Random &random, const Table &table)
{
    return table[static_cast<std::size_t>(random.between(0, static_cast<std::int64_t>(table.size()) - 1))];
}

void appendDate(std::string &out, qint64 julianDay)
{
    int y = 0, m = 0, d = 0;
    QDate::fromJulianDay(julianDay).getDate(&y, &m, &d);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, m, d);
    out += buffer;
}

std::string isoDate(qint64 julianDay)
{
    std::string out;
    appendDate(out, julianDay);
    return out;
}

std::string isoDateTime(qint64 julianDay, int secondsOfDay)
{
    std::string out;
    appendDate(out, julianDay);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d", secondsOfDay / 3600, secondsOfDay / 60 % 60,
                  secondsOfDay % 60);
    out += buffer;
    return out;
}

std::string zeroPadded(char prefix, qint64 number, int width)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%c%0*lld", prefix, width, static_cast<long long>(number));
    return buffer;
}

// Behaviour types: how many orders a customer means to place and how far apart.
struct BuyerType
{
    double weight;
    int minOrders;
    int maxOrders;
    double meanGapDays;
    double meanLifetimeDays; // how long before the customer drifts away
    double spendFactor;
};

constexpr std::array<BuyerType, 5> kBuyerTypes = {{
    {12, 0, 0, 0, 0, 1.0},        // prospects: signed up, never bought
    {43, 1, 1, 0, 0, 1.0},        // one-time buyers
    {25, 2, 6, 100, 1000, 1.0},   // occasional
    {12, 5, 20, 40, 1400, 1.15},  // regular
    {8, 20, 160, 12, 2200, 1.35}, // loyal, heavy-tailed
}};

// An order's lines: the order's product first, then 0-3 more (about 0.6 on average: 55% of orders have one
// line, 32% two, 10% three, 3% four), drawn from `random`, a stream of their own so that the customers and
// orders are the same as before orders had lines. The order's amount is kept and shared out among its lines in
// proportion to list price x quantity, in whole cents, the first line taking what is left, so the lines add up
// to it exactly. Gives the order's quantity (all lines').
struct OrderLine
{
    const Product *product;
    qint64 quantity;
    qint64 cents;
};

qint64 shareIntoLines(Random &random, const Product &first, int firstQuantity, double amount, double addOnWeight,
                      double productWeight, std::vector<OrderLine> &lines)
{
    lines.clear();
    lines.push_back({&first, firstQuantity, 0});
    const double draw = random.uniform();
    const int more = draw < 0.55 ? 0 : draw < 0.87 ? 1 : draw < 0.97 ? 2 : 3;
    double weight = first.price * firstQuantity;
    for (int i = 0; i < more; ++i) {
        const Product &product = random.chance(0.6) ? kAddOns[random.pick(kAddOns, addOnWeight)]
                                                    : kProducts[random.pick(kProducts, productWeight)];
        const qint64 quantity = 1 + static_cast<qint64>(random.exponential(0.4));
        lines.push_back({&product, quantity, 0});
        weight += product.price * double(quantity);
    }
    const qint64 cents = std::llround(amount * 100);
    qint64 shared = 0;
    for (size_t i = 1; i < lines.size(); ++i) {
        lines[i].cents = std::max<qint64>(1, std::llround(double(cents) * lines[i].product->price * double(lines[i].quantity) / weight));
        shared += lines[i].cents;
    }
    if (shared >= cents) { // (too small an order to share: one line)
        lines.resize(1);
        shared = 0;
    }
    lines[0].cents = cents - shared;
    qint64 quantity = 0;
    for (const OrderLine &line : lines)
        quantity += line.quantity;
    return quantity;
}

} // namespace

Result<DemoSummary> DemoShop::generate(store::Workspace &workspace, const DemoOptions &options, Progress *progress)
{
    if (options.customers < 1 || options.customers > 50'000'000)
        return Error{tr("The demo shop needs between 1 and 50,000,000 customers, not %1").arg(options.customers)};
    if (!options.lastDay.isValid())
        return Error{tr("The demo shop needs a valid last day")};

    store::Database &db = workspace.db();
    DemoSummary summary;
    try {
        if (workspace.customerCount() > 0)
            return Error{tr("The demo shop can only be generated into an empty workspace")};

        db.exec("PRAGMA cache_size = -65536");
        store::Transaction transaction(db);

        const QString sourceHash = QString::fromLatin1(
            QCryptographicHash::hash(QStringLiteral("demo:%1:%2:%3")
                                         .arg(options.seed)
                                         .arg(options.customers)
                                         .arg(options.lastDay.toString(Qt::ISODate))
                                         .toUtf8(),
                                     QCryptographicHash::Sha256)
                .toHex());
        Statement insertSource(db, "INSERT INTO sources(file_name, file_hash, imported_at, kind, mapping_json) "
                                   "VALUES (?1, ?2, ?3, 'demo', '{}')");
        insertSource.bind(1, tr("Demo tea shop (seed %1)").arg(options.seed))
            .bind(2, sourceHash)
            .bind(3, QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
        insertSource.run();
        const qint64 sourceId = db.lastInsertRowId();

        Statement insertCustomer(db,
                                 "INSERT INTO customers(id, customer_key, name, phone, email, gender, birth_date, "
                                 "age, country, province, city, signup_date, channel, tags, source_id) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        Statement insertOrder(db, "INSERT INTO orders(order_key, customer_id, order_date, amount, quantity, "
                                  "unit_price, status, is_valid, is_refund, product, category, channel, source_id) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
        Statement insertLine(db, "INSERT INTO order_lines(order_id, line_no, product, sku, category, quantity, unit_price, "
                                 "amount) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        Random lineRandom(options.seed ^ 0x6C696E6573ULL); // ("lines"): see shareIntoLines
        const double addOnWeight = totalWeight(kAddOns);
        std::vector<OrderLine> lines;
        qint64 lineCount = 0;

        Random random(options.seed);
        const double cityWeight = totalWeight(kCities);
        const double channelWeight = totalWeight(kChannels);
        const double productWeight = totalWeight(kProducts);
        const double typeWeight = totalWeight(kBuyerTypes);
        const qint64 firstDay = QDate(2019, 1, 1).toJulianDay();
        const qint64 lastDay = options.lastDay.toJulianDay();
        const qint64 span = lastDay - firstDay;
        const int referenceYear = options.lastDay.year();
        qint64 orderNumber = 0;
        qint64 firstOrder = lastDay + 1;
        qint64 lastOrder = firstDay - 1;
        std::string name;
        std::string email;
        std::string tags;

        if (progress)
            progress->setTotal(options.customers);
        for (qint64 id = 1; id <= options.customers; ++id) {
            const City &city = kCities[random.pick(kCities, cityWeight)];
            const bool chineseName = city.chinese ? random.chance(0.93) : random.chance(0.15);
            const bool female = random.chance(0.58);
            name.clear();
            email.clear();
            if (chineseName) {
                name += pickFrom(random, kSurnames);
                name += pickFrom(random, kGivenNames);
            } else {
                name += pickFrom(random, kEnglishFirst);
                name += ' ';
                name += pickFrom(random, kEnglishLast);
            }
            const bool hasEmail = random.chance(chineseName ? 0.3 : 0.85);
            if (hasEmail) {
                if (chineseName) {
                    email += std::to_string(random.between(100000, 3999999999LL));
                    email += '@';
                    email += pickFrom(random, kChineseMail);
                } else {
                    email += pickFrom(random, kEnglishFirst);
                    email += '.';
                    email += std::to_string(random.between(1, 9999));
                    email += '@';
                    email += pickFrom(random, kEnglishMail);
                    std::transform(email.begin(), email.end(), email.begin(),
                                   [](char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
                }
            }
            const bool hasPhone = random.chance(city.chinese ? 0.96 : 0.6);
            std::string phone;
            if (hasPhone) {
                static constexpr std::array<std::string_view, 8> kPrefixes = {"138", "139", "135", "186",
                                                                              "188", "151", "177", "199"};
                phone = city.chinese ? std::string(pickFrom(random, kPrefixes)) : std::string("+65 ");
                phone += zeroPadded('0', random.between(0, 99999999), 8).substr(1);
            }
            // Age 18 to 75, most between 25 and 45; one in eight never told us.
            const bool hasBirthDate = random.chance(0.88);
            const int age = std::clamp(static_cast<int>(34 + 10 * random.normal()), 18, 75);
            const qint64 birthDay = QDate(referenceYear - age, 1, 1).toJulianDay() - random.between(0, 364);
            // Signups grow over the years: more recent dates are likelier.
            const qint64 signupDay = firstDay + static_cast<qint64>(std::sqrt(random.uniform()) * double(span));
            const Weighted &channel =
                city.chinese ? kChannels[random.pick(kChannels, channelWeight)]
                             : (random.chance(0.8) ? kChannels[4] : kChannels[2]);
            tags.clear();
            if (random.chance(0.2))
                tags = pickFrom(random, kTags);

            insertCustomer.bind(1, id)
                .bindUtf8(2, zeroPadded('C', id, 7))
                .bindUtf8(3, name)
                .bind(6, QString::fromLatin1(female ? "F" : "M"))
                .bindUtf8(9, city.country)
                .bindUtf8(11, city.city)
                .bindUtf8(12, isoDate(signupDay))
                .bindUtf8(13, channel.name)
                .bind(15, sourceId);
            hasPhone ? insertCustomer.bindUtf8(4, phone) : insertCustomer.bindNull(4);
            hasEmail ? insertCustomer.bindUtf8(5, email) : insertCustomer.bindNull(5);
            if (hasBirthDate)
                insertCustomer.bindUtf8(7, isoDate(birthDay)).bind(8, age);
            else
                insertCustomer.bindNull(7).bindNull(8);
            *city.province ? insertCustomer.bindUtf8(10, city.province) : insertCustomer.bindNull(10);
            tags.empty() ? insertCustomer.bindNull(14) : insertCustomer.bindUtf8(14, tags);
            insertCustomer.run();

            // Orders: a buyer type, a spending level, and a life with the shop that may end early.
            const BuyerType &type = kBuyerTypes[random.pick(kBuyerTypes, typeWeight)];
            int wanted = static_cast<int>(random.between(type.minOrders, type.maxOrders));
            if (&type == &kBuyerTypes[4])
                wanted = std::min(type.maxOrders, type.minOrders + static_cast<int>(random.exponential(40)));
            const double spendLevel = random.logNormal(150.0 * type.spendFactor, 0.55);
            const qint64 leavesOn =
                type.meanLifetimeDays > 0 ? signupDay + static_cast<qint64>(random.exponential(type.meanLifetimeDays))
                                          : lastDay;
            qint64 day = signupDay + static_cast<qint64>(random.exponential(6));
            for (int n = 0; n < wanted && day <= lastDay && (n == 0 || day <= leavesOn); ++n) {
                const Product &product = kProducts[random.pick(kProducts, productWeight)];
                const int quantity = 1 + static_cast<int>(random.exponential(0.6));
                const double amount = std::max(
                    9.9, std::round(product.price * quantity * random.logNormal(spendLevel / 150.0, 0.25) * 100) / 100);
                const double statusDraw = random.uniform();
                const bool refunded = statusDraw < 0.045;
                const bool cancelled = !refunded && statusDraw < 0.07;
                const int secondsOfDay = static_cast<int>(std::clamp(14.0 + 4.5 * random.normal(), 0.0, 23.99) * 3600);
                ++orderNumber;
                const qint64 orderQuantity =
                    shareIntoLines(lineRandom, product, quantity, amount, addOnWeight, productWeight, lines);
                const auto unitPrice = [](const OrderLine &line) {
                    return std::round(double(line.cents) / double(line.quantity)) / 100;
                };
                insertOrder.bindUtf8(1, zeroPadded('T', 100000000 + orderNumber, 10))
                    .bind(2, id)
                    .bindUtf8(3, isoDateTime(day, secondsOfDay))
                    .bind(4, amount)
                    .bind(5, orderQuantity)
                    .bind(6, unitPrice(lines.front()))
                    .bind(7, QString::fromLatin1(refunded ? "refunded" : (cancelled ? "cancelled" : "completed")))
                    .bind(8, (refunded || cancelled) ? 0 : 1)
                    .bind(9, refunded ? 1 : 0)
                    .bindUtf8(10, product.name)
                    .bindUtf8(11, product.category)
                    .bindUtf8(12, channel.name)
                    .bind(13, sourceId);
                insertOrder.run();
                const qint64 orderId = db.lastInsertRowId();
                for (size_t lineIndex = 0; lineIndex < lines.size(); ++lineIndex) {
                    const OrderLine &line = lines[lineIndex];
                    insertLine.bind(1, orderId)
                        .bind(2, qint64(lineIndex + 1))
                        .bindUtf8(3, line.product->name)
                        .bindUtf8(4, line.product->sku)
                        .bindUtf8(5, line.product->category)
                        .bind(6, line.quantity)
                        .bind(7, unitPrice(line))
                        .bind(8, double(line.cents) / 100);
                    insertLine.run();
                }
                lineCount += qint64(lines.size());
                firstOrder = std::min(firstOrder, day);
                lastOrder = std::max(lastOrder, day);
                day += 1 + static_cast<qint64>(random.exponential(type.meanGapDays));
            }

            if (progress && id % 4096 == 0) {
                progress->checkCanceled();
                progress->setDone(id);
            }
        }

        Statement updateSource(db, "UPDATE sources SET rows_read = ?1, inserted = ?1 WHERE id = ?2");
        updateSource.bind(1, options.customers + orderNumber).bind(2, sourceId);
        updateSource.run();
        store::Workspace::recordPurchasesChanged(db);
        workspace.setAnalysisDate(options.lastDay.addDays(1));
        transaction.commit();
        if (progress)
            progress->setDone(options.customers);

        summary.customers = options.customers;
        summary.orders = orderNumber;
        summary.lines = lineCount;
        if (orderNumber > 0) {
            summary.firstOrderDay = QDate::fromJulianDay(firstOrder);
            summary.lastOrderDay = QDate::fromJulianDay(lastOrder);
        }
    } catch (const store::DatabaseError &error) {
        return Error{tr("Could not write the demo shop into “%1”: %2").arg(workspace.displayName(), error.message())};
    } catch (const Canceled &) {
        return Error{tr("Demo generation was cancelled; the workspace is unchanged")};
    }
    return summary;
}

Result<DemoSummary> DemoShop::setUp(store::Workspace &workspace, const DemoSetupOptions &options, Progress *progress)
{
    auto summary = generate(workspace, options.shop, progress);
    if (!summary)
        return summary;
    const auto settings = metrics::AnalysisSettings::load(workspace);
    const QDate analysisDate = workspace.analysisDate();
    if (auto added = segments::Playbook::addAll(workspace); !added)
        return added.error();
    if (options.history) {
        // Quarter ends before the analysis date, oldest first.
        for (int quartersBack = 3; quartersBack >= 1; --quartersBack) {
            const QDate date = analysisDate.addMonths(-3 * quartersBack);
            if (auto computed = metrics::CustomerMetrics::recompute(workspace, settings, date); !computed)
                return computed.error();
            if (auto recorded = segments::Playbook::recordSizes(workspace, date); !recorded)
                return recorded.error();
        }
    }
    if (auto computed = metrics::CustomerMetrics::recompute(workspace, settings, analysisDate); !computed)
        return computed.error();
    if (options.history) {
        if (auto recorded = segments::Playbook::recordSizes(workspace, analysisDate); !recorded)
            return recorded.error();
    }
    return summary;
}

Result<std::unique_ptr<store::Workspace>> DemoShop::createWorkspace(const QString &path, const DemoSetupOptions &options)
{
    auto created = store::Workspace::create(path);
    if (!created)
        return created.error();
    std::unique_ptr<store::Workspace> workspace = std::move(created).value();
    if (const auto setUpDone = setUp(*workspace, options); !setUpDone)
        return setUpDone.error();
    return workspace;
}

} // namespace segmenta::demo
