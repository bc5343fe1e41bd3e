// The interface in both languages: the same window built under the English and the Chinese translation
// (as a start in each language does) shows different text for every menu, menu entry and panel title, so no
// visible string of the main window is left untranslated, and Qt's own buttons come in Chinese too.
#include "charts/funnelwidget.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "language.h"
#include "mainwindow.h"
#include "segments/rulepanel.h"

#include "demo/demoshop.h"
#include "store/workspace.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace segmenta;

namespace {

// Every menu title and entry of the window, in order, with their sub-menus; separators left out.
QStringList menuTexts(const ui::MainWindow &window)
{
    QStringList texts;
    std::function<void(const QList<QAction *> &)> walk = [&](const QList<QAction *> &actions) {
        for (QAction *action : actions) {
            if (action->isSeparator() || action->text().isEmpty())
                continue;
            texts << action->text();
            if (action->menu())
                walk(action->menu()->actions());
        }
    };
    walk(window.menuBar()->actions());
    return texts;
}

} // namespace

class TestLanguage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMenuTextIsTranslated();
    void switchingLanguageAppliesAtOnce();
};

void TestLanguage::everyMenuTextIsTranslated()
{
    QStringList english;
    {
        ui::MainWindow window;
        english = menuTexts(window);
    }
    QVERIFY(english.contains(QStringLiteral("&File")));

    QTranslator own, qt;
    QVERIFY2(own.load(QStringLiteral("segmenta_zh_CN"), QStringLiteral(SEGMENTA_QM_DIR)), SEGMENTA_QM_DIR);
    QVERIFY(QApplication::installTranslator(&own));
    const bool qtLoaded = qt.load(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral("qt"), QStringLiteral("_"),
                                  QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    QVERIFY2(qtLoaded, "Qt's own Chinese translations (qt6-translations-l10n) are missing");
    QApplication::installTranslator(&qt);
    QStringList chinese;
    QString cancelButton;
    {
        ui::MainWindow window;
        chinese = menuTexts(window);
        QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
        cancelButton = box.button(QDialogButtonBox::Cancel)->text();
    }
    QApplication::removeTranslator(&qt);
    QApplication::removeTranslator(&own);

    QCOMPARE(chinese.size(), english.size());
    QStringList untranslated;
    for (qsizetype i = 0; i < english.size(); ++i) {
        // Entries that are names or data, the same in both languages.
        const bool name = english[i] == u"About &Qt" || !english[i].contains(QRegularExpression(QStringLiteral("[A-Za-z]{2}")));
        if (chinese[i] == english[i] && !name)
            untranslated << english[i];
    }
    QVERIFY2(untranslated.isEmpty(), qPrintable(untranslated.join(QStringLiteral(", "))));
    QVERIFY(chinese.contains(QStringLiteral("文件(&F)")));
    QCOMPARE(cancelButton, QStringLiteral("取消")); // Qt's own buttons, from Qt's translations
}

// Settings > Language applies at once: the open window's menus, panels, charts and figures change language.
void TestLanguage::switchingLanguageAppliesAtOnce()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("shop.segmenta"));
    QVERIFY(demo::DemoShop::createWorkspace(path, {{600}, false}).ok());
    ui::MainWindow window;
    window.show();
    QSignalSpy shown(window.controller(), &ui::DashboardController::figuresShown);
    QVERIFY(window.openWorkspace(path));
    QVERIFY(shown.count() > 0 || shown.wait(30000));
    QCOMPARE(window.dashboard()->funnel()->steps().at(0).label, QStringLiteral("Customers"));
    auto *tabs = window.findChild<QTabWidget *>();
    QVERIFY(tabs);
    auto *search = window.findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    QVERIFY(search);
    const QString englishSearch = search->placeholderText();

    shown.clear();
    ui::setInterfaceLanguage(QLocale(QLocale::Chinese, QLocale::China), QStringLiteral(SEGMENTA_QM_DIR));
    QTRY_VERIFY_WITH_TIMEOUT(menuTexts(window).contains(QStringLiteral("文件(&F)")), 10000);
    QVERIFY(shown.count() > 0 || shown.wait(30000)); // the figures again, with translated labels
    QCOMPARE(window.dashboard()->funnel()->steps().at(0).label, QStringLiteral("客户"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("仪表盘"));
    QVERIFY(search->placeholderText() != englishSearch);

    shown.clear();
    ui::setInterfaceLanguage(QLocale(QLocale::English, QLocale::UnitedStates), QStringLiteral(SEGMENTA_QM_DIR));
    QTRY_VERIFY_WITH_TIMEOUT(menuTexts(window).contains(QStringLiteral("&File")), 10000);
    QVERIFY(shown.count() > 0 || shown.wait(30000));
    QCOMPARE(window.dashboard()->funnel()->steps().at(0).label, QStringLiteral("Customers"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("Dashboard"));
    QCOMPARE(search->placeholderText(), englishSearch);
}

QTEST_MAIN(TestLanguage)
#include "tst_language.moc"
