#pragma once

#include "import/tableanalysis.h"

#include <QCoreApplication>
#include <QString>
#include <optional>
#include <vector>

namespace segmenta::import::detail {

// The currency an order or customer list is in, read from the file, so that a workspace whose user never set
// a currency shows the shop's (a Taobao file's yuan in an English window, not the window's $). Evidence, the
// first that speaks:
// 1. a currency column (Currency, Currency Code, 币种, 货币...) whose first values all name one currency
//    (CNY, USD, EUR, 人民币, 美元...);
// 2. the symbol the amounts are written with (¥1,234.50, 元, RMB, USD, $, €, £), in a money column;
// 3. Chinese headers on the amount, unit price or total spend column (实付金额, 单价, 累计消费...), as the
//    Taobao, JD and WeChat shop exports have: ¥.
// Nothing else is guessed: a file of plain numbers under English headers says nothing of its currency.
struct CurrencyGuess
{
    QString symbol; // how amounts are shown: ¥, $, €, £, HK$, or an ISO code such as SEK
    QString reason; // a clause for the import summary: "the column “币种” says CNY"
};

std::optional<CurrencyGuess> guessCurrency(const std::vector<Column> &columns);

// The symbol for a currency named by its ISO 4217 code or its Chinese name (CNY, usd, 人民币, 美元): the
// common ones by symbol, other three-letter codes as the code itself; empty when `name` names no currency.
QString symbolForCurrencyName(const QString &name);

} // namespace segmenta::import::detail
