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
    return synonyms().value(normalised(header));
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
