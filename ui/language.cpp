#include "language.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

#include <memory>

namespace segmenta::ui {

void setInterfaceLanguage(const QLocale &locale, const QString &ownDirectory)
{
    static std::unique_ptr<QTranslator> own;
    static std::unique_ptr<QTranslator> qt;
    for (auto *installed : {own.get(), qt.get()}) {
        if (installed)
            QCoreApplication::removeTranslator(installed);
    }
    own = std::make_unique<QTranslator>();
    qt = std::make_unique<QTranslator>();
    QLocale::setDefault(locale);
    if (own->load(locale, QStringLiteral("segmenta"), QStringLiteral("_"), ownDirectory))
        QCoreApplication::installTranslator(own.get());
    if (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt.get());
}

QLocale localeForLanguage(const QString &language)
{
    return language.isEmpty() ? QLocale::system() : QLocale(language);
}

} // namespace segmenta::ui
