#include "import/roles.h"

#include <QHash>

namespace segmenta::import {

namespace {

QString normalised(const QString &header)
{
    QString key;
    for (const QChar c : header.trimmed().toLower()) {
        if (!c.isSpace() && c != u'_' && c != u'-' && c != u'.' && c != u'(' && c != u')' && c != u'（' && c != u'）')
            key += c;
    }
    return key;
}

const QHash<QString, QString> &synonyms()
{
    static const QHash<QString, QString> table = [] {
        const struct
        {
            const char *role;
            const char *headers; // '|'-separated, already normalised
        } entries[] = {
            {role::kCustomerId, "customerid|customer|customerno|customernumber|clientid|memberid|userid|buyerid|客户编号|客户id|客户号|会员id|会员编号|会员号|买家会员名|买家id|用户id|用户名|会员名"},
            {role::kName, "name|customername|fullname|客户姓名|姓名|客户名称|收货人姓名|收货人|联系人|买家昵称"},
            {role::kPhone, "phone|mobile|tel|telephone|phonenumber|mobilephone|cellphone|手机|手机号|手机号码|电话|联系电话|联系手机|收货人手机"},
            {role::kEmail, "email|e-mail|emailaddress|mail|邮箱|电子邮件|电子邮箱"},
            {role::kGender, "gender|sex|性别"},
            {role::kBirthDate, "birthday|birthdate|dateofbirth|dob|生日|出生日期"},
            {role::kAge, "age|年龄"},
            {role::kCountry, "country|国家|国家地区"},
            {role::kProvince, "province|state|region|省|省份|所在省份"},
            {role::kCity, "city|town|城市|市|所在城市"},
            {role::kAddress, "address|shippingaddress|收货地址|地址|详细地址"},
            {role::kSignupDate, "signupdate|registrationdate|registered|createdat|joined|注册时间|注册日期|入会时间|开卡时间"},
            {role::kChannel, "channel|source|acquisitionchannel|渠道|来源|来源渠道|店铺"},
            {role::kTags, "tags|tag|labels|标签|客户标签"},
            {role::kOrderId, "orderid|orderno|ordernumber|order|invoice|invoiceno|订单编号|订单号|主订单编号|子订单编号|订单id"},
            {role::kOrderDate, "orderdate|orderedat|date|createdate|paidat|paiddate|invoicedate|下单时间|订单创建时间|订单付款时间|付款时间|成交时间|下单日期|订单日期"},
            {role::kAmount, "amount|total|ordertotal|totalprice|grandtotal|paidamount|买家实际支付金额|实付金额|实收款|订单金额|总金额|应付金额|支付金额|金额"},
            {role::kQuantity, "quantity|qty|数量|购买数量|宝贝总数量|商品数量"},
            {role::kUnitPrice, "unitprice|price|单价|价格|商品单价"},
            {role::kStatus, "status|orderstatus|financialstatus|订单状态|状态|交易状态"},
            {role::kProduct, "product|item|productname|itemname|description|lineitemname|商品|宝贝标题|商品名称|商品标题"},
            {role::kCategory, "category|productcategory|producttype|类目|品类|商品类目|商品分类"},
            {role::kTotalSpend, "totalspend|totalspent|lifetimevalue|ltv|totalsales|累计消费|累计消费金额|消费总额|总消费"},
            {role::kOrdersCount, "orderscount|ordercount|numberoforders|totalorders|购买次数|订单数|累计订单数|交易次数"},
            {role::kFirstOrderDate, "firstorderdate|firstpurchase|firstpurchasedate|首次购买时间|首单时间"},
            {role::kLastOrderDate, "lastorderdate|lastpurchase|lastpurchasedate|lastorder|最近购买时间|最后下单时间|最近下单时间|上次购买时间"},
        };
        // Shop exports seen since (issue 18): amounts under other names, why an order was closed.
        const struct
        {
            const char *role;
            const char *headers;
        } more[] = {
            {role::kAmount, "dollarvalue|value|revenue|sales|实付|实付款|成交金额"},
            {role::kCloseReason, "订单关闭原因|关闭原因|closereason|cancelreason|cancellationreason"},
            // Issue 20: a line's SKU (Shopify's Lineitem sku and Variant SKU, Taobao's 商家编码, JD's 商品编号).
            {role::kSku, "sku|variantsku|lineitemsku|productsku|itemsku|商家编码|商品编码|货号|sku编码|商品编号|商家sku"},
        };
        QHash<QString, QString> map;
        for (const auto &entry : more) {
            for (const QString &header : QString::fromUtf8(entry.headers).split(u'|'))
                map.insert(header, QString::fromLatin1(entry.role));
        }
        for (const auto &entry : entries) {
            for (const QString &header : QString::fromUtf8(entry.headers).split(u'|'))
                map.insert(header, QString::fromLatin1(entry.role));
        }
        return map;
    }();
    return table;
}

// Headers of customer lists: Segmenta's own member export (its English and Chinese field labels), Shopify,
// HubSpot and Mailchimp contact exports, and lists kept by hand. Consulted after synonyms().
const QHash<QString, QString> &customerListSynonyms()
{
    static const QHash<QString, QString> table = [] {
        const struct
        {
            const char *role;
            const char *headers; // '|'-separated, already normalised
        } entries[] = {
            {role::kCustomerId, "recordid|contactid|客户编码|会员卡号"},
            {role::kName, "firstname|givenname|名字|名"},
            {role::kLastName, "lastname|surname|familyname|姓氏|姓"},
            {role::kPhone, "phonenumber|mobilephonenumber"},
            {role::kCity, "defaultaddresscity|billingcity|shippingcity"},
            {role::kProvince, "defaultaddressprovincecode|defaultaddressprovince|provincecode|state/region|statecode|stateprovince"},
            {role::kCountry, "defaultaddresscountrycode|defaultaddresscountry|countrycode|country/region|cc"},
            {role::kAddress, "defaultaddressaddress1|address1|streetaddress"},
            {role::kZip, "zip|zipcode|postalcode|postcode|defaultaddresszip|邮编|邮政编码"},
            {role::kEmailConsent, "acceptsemailmarketing|acceptsmarketing|emailmarketingconsent|emailoptin|同意邮件营销"},
            {role::kSmsConsent, "acceptssmsmarketing|smsmarketingconsent|smsoptin|同意短信营销"},
            {role::kOrdersCount, "orders|totalorders|ordercount|numberoforders|orderscount|订单数|订单数量|购买次数|消费次数|消费频率|购买频次|累计购买次数"},
            {role::kTotalSpend, "totalspent|totalspend|amountspent|lifetimevalue|totalrevenue|累计消费|累计消费金额|消费金额|总消费|总消费金额|累计金额"},
            {role::kLastOrderDate, "lastorderdate|lastpurchase|lastpurchasedate|lastorderat|最近购买日期|最近购买时间|最后消费时间|最近消费时间|最近下单日期|最后购买时间|上次消费时间"},
            {role::kFirstOrderDate, "firstorderdate|firstpurchase|firstorderat|首次购买|首次购买日期|首次消费时间|首单日期"},
            {role::kRecencyDays, "recency|recencydays|dayssincelastorder|dayssincelastpurchase|最近消费时间间隔|距上次下单天数|距上次消费天数|最近一次消费距今天数"},
        };
        QHash<QString, QString> map;
        for (const auto &entry : entries) {
            for (const QString &header : QString::fromUtf8(entry.headers).split(u'|'))
                map.insert(header, QString::fromLatin1(entry.role));
        }
        return map;
    }();
    return table;
}

} // namespace

QString roleForHeader(const QString &header)
{
    const QString key = normalised(header);
    if (const auto it = synonyms().constFind(key); it != synonyms().constEnd())
        return it.value();
    return customerListSynonyms().value(key);
}

QStringList allRoles()
{
    static const QStringList roles = [] {
        QStringList list = synonyms().values();
        list.removeDuplicates();
        list.sort();
        return list;
    }();
    return roles;
}

bool isRole(const QString &name)
{
    return allRoles().contains(name);
}

} // namespace segmenta::import
