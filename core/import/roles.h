#pragma once

#include <QString>
#include <QStringList>

namespace segmenta::import {

// Semantic roles a column can play. Customer roles map to customers columns; order roles to orders
// columns; the aggregate roles feed customers.list_*.
namespace role {
inline constexpr char kCustomerId[] = "customer_id";
inline constexpr char kName[] = "name";
inline constexpr char kPhone[] = "phone";
inline constexpr char kEmail[] = "email";
inline constexpr char kGender[] = "gender";
inline constexpr char kBirthDate[] = "birth_date";
inline constexpr char kAge[] = "age";
inline constexpr char kCountry[] = "country";
inline constexpr char kProvince[] = "province";
inline constexpr char kCity[] = "city";
inline constexpr char kAddress[] = "address";
inline constexpr char kSignupDate[] = "signup_date";
inline constexpr char kChannel[] = "channel";
inline constexpr char kTags[] = "tags";
inline constexpr char kOrderId[] = "order_id";
inline constexpr char kOrderDate[] = "order_date";
inline constexpr char kAmount[] = "amount";
inline constexpr char kQuantity[] = "quantity";
inline constexpr char kUnitPrice[] = "unit_price";
inline constexpr char kStatus[] = "status";
inline constexpr char kProduct[] = "product";
inline constexpr char kCategory[] = "category";
inline constexpr char kSku[] = "sku"; // a line's stock-keeping unit (商家编码); kept with the order's lines
inline constexpr char kTotalSpend[] = "total_spend";
inline constexpr char kOrdersCount[] = "orders_count";
inline constexpr char kFirstOrderDate[] = "first_order_date";
inline constexpr char kLastOrderDate[] = "last_order_date";
inline constexpr char kCloseReason[] = "close_reason"; // why an order was closed (订单关闭原因): 退款 is a refund
// Customer lists (listcolumns.h): days since the last order, counted back from the analysis date into the
// last order date; a last name joined to the first name (the column with role name); a postal code; and
// marketing consent as yes/no fields.
inline constexpr char kRecencyDays[] = "recency_days";
inline constexpr char kLastName[] = "last_name";
inline constexpr char kZip[] = "zip";
inline constexpr char kEmailConsent[] = "email_consent";
inline constexpr char kSmsConsent[] = "sms_consent";
} // namespace role

// The role a header suggests, in English or Chinese (Taobao, JD, Shopify, WooCommerce and CRM exports), or
// an empty string. Header text is compared trimmed, case- and space-insensitively.
QString roleForHeader(const QString &header);
// Whether `name` is one of the roles above; allRoles() lists them for messages.
bool isRole(const QString &name);
QStringList allRoles();

} // namespace segmenta::import
