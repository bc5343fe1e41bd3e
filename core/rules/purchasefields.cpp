#include "rules/purchasefields.h"

#include <QCoreApplication>

#include <algorithm>

namespace segmenta::rules {

std::vector<store::FieldInfo> builtinPurchaseFields()
{
    using store::FieldType;
    static const struct
    {
        const char *entity;
        const char *name;
        const char *label;
        FieldType type;
    } builtins[] = {
        {"line", "product", QT_TRANSLATE_NOOP("Field", "Product"), FieldType::Text},
        {"line", "sku", QT_TRANSLATE_NOOP("Field", "SKU"), FieldType::Identifier},
        {"line", "category", QT_TRANSLATE_NOOP("Field", "Category"), FieldType::Category},
        {"line", "quantity", QT_TRANSLATE_NOOP("Field", "Quantity"), FieldType::Decimal},
        {"line", "unit_price", QT_TRANSLATE_NOOP("Field", "Unit price"), FieldType::Money},
        {"line", "amount", QT_TRANSLATE_NOOP("Field", "Amount"), FieldType::Money},
        {"order", "channel", QT_TRANSLATE_NOOP("Field", "Channel"), FieldType::Category},
        {"order", "status", QT_TRANSLATE_NOOP("Field", "Status"), FieldType::Category},
        {"order", "order_date", QT_TRANSLATE_NOOP("Field", "Order date"), FieldType::DateTime},
    };
    std::vector<store::FieldInfo> fields;
    int position = 0;
    for (const auto &b : builtins) {
        store::FieldInfo field;
        field.entity = QString::fromLatin1(b.entity);
        field.name = QString::fromLatin1(b.name);
        field.label = QString::fromUtf8(b.label);
        field.table = field.entity == u"line" ? QStringLiteral("order_lines") : QStringLiteral("orders");
        field.column = field.name;
        field.type = b.type;
        field.role = field.name;
        field.origin = store::FieldOrigin::Builtin;
        field.position = position++;
        fields.push_back(std::move(field));
    }
    return fields;
}

std::vector<store::FieldInfo> purchaseFields(store::Database &db)
{
    std::vector<store::FieldInfo> fields = builtinPurchaseFields();
    for (store::FieldInfo &field : store::loadFields(db, QStringLiteral("order"))) {
        if (field.origin != store::FieldOrigin::Imported || field.table != u"orders")
            continue;
        if (std::any_of(fields.begin(), fields.end(), [&](const store::FieldInfo &f) { return f.name == field.name; }))
            continue;
        fields.push_back(std::move(field));
    }
    return fields;
}

} // namespace segmenta::rules
