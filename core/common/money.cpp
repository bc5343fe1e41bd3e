#include "common/money.h"

namespace segmenta {

QString defaultCurrencySymbol(const QLocale &locale)
{
    // The C locale has no currency ("¤" or nothing): amounts are then written without a symbol.
    const QString symbol = locale.currencySymbol(QLocale::CurrencySymbol);
    return symbol == u"¤" ? QString() : symbol;
}

QString moneyText(double amount, const QString &symbol, const QLocale &locale, int decimals)
{
    if (symbol.isEmpty())
        return locale.toString(amount, 'f', decimals); // toCurrencyString() would put the locale's symbol in
    // A refund reads "-$5.00", as in the locale's standard format, not the accountants' "($5.00)" Qt gives.
    if (amount < 0)
        return locale.negativeSign() + locale.toCurrencyString(-amount, symbol, decimals);
    return locale.toCurrencyString(amount, symbol, decimals);
}

QString xlsxMoneyFormat(const QString &symbol)
{
    QString quoted = symbol;
    quoted.remove(u'"');
    if (quoted.isEmpty())
        return QStringLiteral("#,##0.00");
    return u'"' + quoted + QStringLiteral("\"#,##0.00");
}

} // namespace segmenta
