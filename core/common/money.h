#pragma once

#include <QLocale>
#include <QString>

namespace segmenta {

// The one way amounts of money are written for the user, in every window, report and export: the locale's
// grouping and decimal separator, two decimals, and the workspace's currency symbol where the locale puts
// it ("$1,234.50" in English, "¥1,234.50" in Chinese, "1.234,50 €" in German), a minus sign before negative
// amounts ("-$5.00"). Amounts are stored as plain
// numbers in the shop's one currency; the symbol is only how they are shown (nothing is converted). An empty
// symbol writes the number alone. Plain functions; any thread.
//
// The symbol is a workspace setting (store::Workspace::currencySymbol()), because the amounts are the
// shop's; a workspace without one uses the symbol of the user's locale (defaultCurrencySymbol()).
QString defaultCurrencySymbol(const QLocale &locale = QLocale());
QString moneyText(double amount, const QString &symbol, const QLocale &locale = QLocale(), int decimals = 2);
// An Excel number format showing the symbol before the amount with thousands grouped and two decimals
// ("\"€\"#,##0.00"), or "#,##0.00" for an empty symbol. Quotes in the symbol are dropped.
QString xlsxMoneyFormat(const QString &symbol);

} // namespace segmenta
