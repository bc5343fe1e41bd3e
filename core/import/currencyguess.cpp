#include "import/currencyguess.h"

#include "import/roles.h"

#include <QHash>
#include <algorithm>

namespace segmenta::import::detail {

namespace {

QString normalisedHeader(const QString &header)
{
    QString key;
    for (const QChar c : header.trimmed().toLower()) {
        if (!c.isSpace() && c != u'_' && c != u'-' && c != u'.')
            key += c;
    }
    return key;
}

bool isCurrencyHeader(const QString &header)
{
    static const QStringList names =
        QString::fromUtf8("currency|currencycode|ordercurrency|currencyiso|paymentcurrency|"
                          "币种|货币|币别|结算币种|交易币种|货币类型|货币种类|支付币种")
            .split(u'|');
    return names.contains(normalisedHeader(header));
}

bool hasChineseCharacter(const QString &text)
{
    return std::any_of(text.begin(), text.end(),
                       [](QChar c) { return c.unicode() >= 0x4E00 && c.unicode() <= 0x9FFF; });
}

bool isMoneyRole(const QString &role)
{
    return role == QLatin1StringView(role::kAmount) || role == QLatin1StringView(role::kUnitPrice) ||
           role == QLatin1StringView(role::kTotalSpend);
}

// 1. A currency column whose first values agree.
std::optional<CurrencyGuess> fromCurrencyColumn(const std::vector<Column> &columns)
{
    for (const Column &column : columns) {
        if (column.skip || !isCurrencyHeader(column.field.name) || column.profile.samples.isEmpty())
            continue;
        const QString symbol = symbolForCurrencyName(column.profile.samples.first());
        const bool agree =
            std::all_of(column.profile.samples.begin(), column.profile.samples.end(),
                        [&symbol](const QString &value) { return symbolForCurrencyName(value) == symbol; });
        if (!symbol.isEmpty() && agree)
            return CurrencyGuess{
                symbol, QCoreApplication::translate("segmenta::import::Importer", "the column “%1” says %2")
                            .arg(column.field.name, column.profile.samples.first().trimmed())};
    }
    return std::nullopt;
}

// 2. The symbol written in a money column: the amount's first, then any other.
std::optional<CurrencyGuess> fromAmountSymbols(const std::vector<Column> &columns)
{
    const Column *found = nullptr;
    for (const Column &column : columns) {
        if (column.skip || column.profile.currencySymbol.isEmpty())
            continue;
        if (!found ||
            (column.field.role == QLatin1StringView(role::kAmount) && found->field.role != column.field.role))
            found = &column;
    }
    if (!found)
        return std::nullopt;
    return CurrencyGuess{
        found->profile.currencySymbol,
        QCoreApplication::translate("segmenta::import::Importer", "the amounts in “%1” are written with %2")
            .arg(found->field.name, found->profile.currencySymbol)};
}

// 3. Chinese headers on the money columns: the amount's first, then the unit price's or the total spend's.
std::optional<CurrencyGuess> fromChineseHeaders(const std::vector<Column> &columns)
{
    const Column *found = nullptr;
    for (const Column &column : columns) {
        if (column.skip || !isMoneyRole(column.field.role) || !hasChineseCharacter(column.field.name))
            continue;
        if (!found ||
            (column.field.role == QLatin1StringView(role::kAmount) && found->field.role != column.field.role))
            found = &column;
    }
    if (!found)
        return std::nullopt;
    return CurrencyGuess{QStringLiteral("¥"),
                         QCoreApplication::translate("segmenta::import::Importer",
                                                     "the amounts are under a Chinese header, “%1”")
                             .arg(found->field.name)};
}

} // namespace

QString symbolForCurrencyName(const QString &name)
{
    static const QHash<QString, QString> symbols = [] {
        const struct
        {
            const char *names; // '|'-separated: the ISO code and the Chinese names
            const char *symbol;
        } table[] = {
            {"CNY|RMB|人民币|元", "¥"},
            {"JPY|日元", "¥"},
            {"USD|美元", "$"},
            {"EUR|欧元", "€"},
            {"GBP|英镑", "£"},
            {"HKD|港币|港元", "HK$"},
            {"TWD|新台币", "NT$"},
            {"KRW|韩元", "₩"},
            {"INR", "₹"},
            {"AUD|澳元", "A$"},
            {"CAD|加元", "CA$"},
            {"SGD|新加坡元", "S$"},
            {"NZD", "NZ$"},
            {"RUB|卢布", "₽"},
        };
        QHash<QString, QString> map;
        for (const auto &entry : table) {
            for (const QString &n : QString::fromUtf8(entry.names).split(u'|'))
                map.insert(n, QString::fromUtf8(entry.symbol));
        }
        return map;
    }();
    const QString key = name.trimmed().toUpper();
    if (const auto it = symbols.constFind(key); it != symbols.constEnd())
        return it.value();
    const bool isoCode = key.size() == 3 &&
                         std::all_of(key.begin(), key.end(), [](QChar c) { return c >= u'A' && c <= u'Z'; });
    return isoCode ? key : QString();
}

std::optional<CurrencyGuess> guessCurrency(const std::vector<Column> &columns)
{
    if (auto guess = fromCurrencyColumn(columns))
        return guess;
    if (auto guess = fromAmountSymbols(columns))
        return guess;
    return fromChineseHeaders(columns);
}

} // namespace segmenta::import::detail
