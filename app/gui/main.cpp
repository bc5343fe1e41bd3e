#include "dashboard/dashboardcontroller.h"
#include "mainwindow.h"
#include "language.h"
#include "screenshot.h"
#include "segments/rulepanel.h"
#include "help/tour.h"
#include "settings/appsettings.h"

#include "segmenta/version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QPalette>
#include <QTimer>
#include <QWindow>

#include <cstdio>
#include <string_view>

namespace {

// Every option the app takes. --help and --version are answered before any window system is needed.
void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral("Segmenta"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption({QStringLiteral("demo"), QStringLiteral("Open the demo shop (created on first use).")});
    parser.addOption({QStringLiteral("language"), QStringLiteral("User interface language: en or zh_CN."),
                      QStringLiteral("LANG")});
    parser.addOption({QStringLiteral("dark"), QStringLiteral("Use a dark palette (the Fusion style), whatever the desktop's.")});
    parser.addOption({QStringLiteral("smoke-test"),
                      QStringLiteral("Show the main window, print \"main window shown\" and quit (package tests).")});
    parser.addOption({QStringLiteral("rule"), QStringLiteral("Start with this rule in the editor."), QStringLiteral("TEXT")});
    parser.addOption({QStringLiteral("screenshot"),
                      QStringLiteral("Save a PNG of the window once the figures are shown, then quit (documentation)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("show"),
                      QStringLiteral("With --screenshot: the screen to capture (customers, card, columns, export, experiments, buys, rfm (the RFM grid card), builder, changes (who joined and left a saved segment), preview (the member preview beside the rule), settings, about, tour, report (a PDF), import:FILE or import-columns:FILE; default the dashboard)."),
                      QStringLiteral("VIEW")});
    parser.addOption({QStringLiteral("size"), QStringLiteral("Window size, such as 1280x720 (screenshots at a given size)."),
                      QStringLiteral("WxH")});
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A .segmenta workspace to open, or a spreadsheet to import."));
}

// The names QCommandLineParser prints for --help and --version.
void nameApplication()
{
    QCoreApplication::setApplicationName(QStringLiteral("Segmenta"));
    QCoreApplication::setOrganizationName(QString::fromLatin1(segmenta::kOrganizationName));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(segmenta::kVersion));
}

// True when the arguments ask only for help or the version: those are printed without a display, so that
// `segmenta --version` works over ssh, in a package check or in a terminal without X.
bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (arg == "-h" || arg == "--help" || arg == "--help-all" || arg == "-?" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

void applyDarkPalette()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Base, QColor(0x1f, 0x1f, 0x1f));
    dark.setColor(QPalette::AlternateBase, QColor(0x33, 0x33, 0x33));
    dark.setColor(QPalette::Text, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ButtonText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    dark.setColor(QPalette::HighlightedText, Qt::white);
    dark.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3a, 0x3a));
    dark.setColor(QPalette::ToolTipText, QColor(0xe8, 0xe8, 0xe8));
    dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0x9a));
    dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    QApplication::setPalette(dark);
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksOnlyForText(argc, argv)) {
        // A core application needs no window system; process() prints the text and exits.
        QCoreApplication text(argc, argv);
        nameApplication();
        QCommandLineParser parser;
        addOptions(parser);
        parser.process(text);
        return 0;
    }
    QApplication app(argc, argv);
    nameApplication();

    QCommandLineParser parser;
    addOptions(parser);
    parser.process(app);

    // --language, else the language chosen in Settings, else the system's.
    const QString chosen = segmenta::ui::AppSettings::instance().language();
    const QLocale locale = parser.isSet(QStringLiteral("language")) ? QLocale(parser.value(QStringLiteral("language")))
                                                                     : segmenta::ui::localeForLanguage(chosen);
    segmenta::ui::setInterfaceLanguage(locale);
    // A language chosen in Settings applies at once.
    QObject::connect(&segmenta::ui::AppSettings::instance(), &segmenta::ui::AppSettings::languageChanged, &app,
                     [](const QString &language) { segmenta::ui::setInterfaceLanguage(segmenta::ui::localeForLanguage(language)); });
    if (parser.isSet(QStringLiteral("dark")))
        applyDarkPalette();

    // Screenshots and smoke tests show the app as it is, without the first-run tour over it.
    if (parser.isSet(QStringLiteral("screenshot")) || parser.isSet(QStringLiteral("smoke-test")))
        segmenta::ui::Tour::setFirstRunEnabled(false);
    segmenta::ui::MainWindow window;
    if (const QStringList size = parser.value(QStringLiteral("size")).split(u'x'); size.size() == 2 && size[0].toInt() > 0)
        window.resize(size[0].toInt(), size[1].toInt());
    window.show();
    if (parser.isSet(QStringLiteral("rule")))
        window.setStartRule(parser.value(QStringLiteral("rule")));
    if (parser.isSet(QStringLiteral("screenshot"))) {
        if (!segmenta::ui::captureScreen(window, parser.value(QStringLiteral("show")), parser.value(QStringLiteral("screenshot")))) {
            std::fputs("unknown --show view\n", stderr);
            return 2;
        }
    }
    if (!parser.positionalArguments().isEmpty()) {
        // "Open with Segmenta" on a workspace opens it; on a spreadsheet it starts the import wizard (asking
        // first where the new workspace goes when none is open), once the window is up.
        const QString path = parser.positionalArguments().constFirst();
        if (path.endsWith(QStringLiteral(".segmenta"), Qt::CaseInsensitive))
            window.openWorkspace(path);
        else
            QTimer::singleShot(0, &window, [&window, path] { window.importFile(path); });
    }
    else if (parser.isSet(QStringLiteral("demo")))
        window.openDemoShop();
    if (parser.isSet(QStringLiteral("smoke-test"))) {
        // Poll until the window system has exposed the window (a few event-loop turns), at most 30 s.
        auto *poll = new QTimer(&window);
        auto *waited = new QElapsedTimer;
        waited->start();
        QObject::connect(poll, &QTimer::timeout, &window, [&window, waited] {
            const bool shown = window.isVisible() && window.windowHandle() && window.windowHandle()->isExposed();
            if (shown || waited->elapsed() > 30000) {
                std::puts(shown ? "main window shown" : "main window NOT shown");
                delete waited;
                QApplication::exit(shown ? 0 : 1);
            }
        });
        poll->start(20);
    }
    return QApplication::exec();
}
