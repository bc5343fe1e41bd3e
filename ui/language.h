#pragma once

#include <QLocale>
#include <QString>

namespace segmenta::ui {

// Switches the interface language at once: Segmenta's own translation (from `ownDirectory`, by default the
// one embedded at :/i18n/) and Qt's (its dialogs and buttons), replacing those installed before; also the
// default locale, so numbers and dates follow. Every window retranslates on the LanguageChange event this
// sends. English needs no translation file. GUI thread only.
void setInterfaceLanguage(const QLocale &locale, const QString &ownDirectory = QStringLiteral(":/i18n"));

// The locale for a stored language choice ("en", "zh_CN", or empty for the system's).
QLocale localeForLanguage(const QString &language);

} // namespace segmenta::ui
