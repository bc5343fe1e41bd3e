#include "mainwindow.h"

#include "segmenta/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace {

// Installs Segmenta's and Qt's own translations for `locale` (Qt's dialogs and buttons too).
void installTranslations(QApplication &app, const QLocale &locale)
{
    auto *own = new QTranslator(&app);
    if (own->load(locale, QStringLiteral("segmenta"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qt"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Segmenta"));
    QApplication::setOrganizationName(QString::fromLatin1(segmenta::kOrganizationName));
    QApplication::setApplicationVersion(QString::fromLatin1(segmenta::kVersion));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Segmenta"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Open the demo shop (created on first use).")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("User interface language: en or zh_CN."),
                      QStringLiteral("LANG")});
    parser.addPositionalArgument(QStringLiteral("workspace"), QStringLiteral("A .segmenta workspace to open."));
    parser.process(app);

    const QLocale locale = parser.isSet(QStringLiteral("language"))
                               ? QLocale(parser.value(QStringLiteral("language")))
                               : QLocale::system();
    QLocale::setDefault(locale);
    installTranslations(app, locale);

    segmenta::ui::MainWindow window;
    window.show();
    if (!parser.positionalArguments().isEmpty())
        window.openWorkspace(parser.positionalArguments().constFirst());
    else if (parser.isSet(QStringLiteral("demo")))
        window.openDemoShop();
    return QApplication::exec();
}
