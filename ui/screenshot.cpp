#include "screenshot.h"

#include "builder/rulebuilder.h"
#include "customers/customercard.h"
#include "customers/customersmodel.h"
#include "customers/customersview.h"
#include "dashboard/dashboardcontroller.h"
#include "dashboard/dashboardpanel.h"
#include "dashboard/purchasemixcontroller.h"
#include "dashboard/lifecyclemovesdialog.h"
#include "experiments/experimentsdialog.h"
#include "export/exportdialog.h"
#include "help/helpdialogs.h"
#include "help/helpmenu.h"
#include "help/tour.h"
#include "charts/predictedchart.h"
#include "charts/rfmheatmap.h"
#include "settings/settingsdialog.h"
#include "import/importwizard.h"
#include "mainwindow.h"
#include "segments/memberpreview.h"
#include "segments/membershipdialog.h"
#include "segments/overlapdialog.h"
#include "segments/segmentlist.h"
#include "segments/rulepanel.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>

#include <memory>

#include <cstdio>

namespace segmenta::ui {

namespace {

// Whether the workspace is shown as it will stay: not read-only while its damage check runs, and not being
// reopened after it (a change asked for then is put off, and the screen would show the state before).
bool settled(const MainWindow &window)
{
    return !window.isCheckingWorkspace() && !window.isOpeningWorkspace();
}

// Whether nothing on the window still waits for figures: the dashboard's and its purchases card's.
bool quiet(const MainWindow &window)
{
    return settled(window) && !window.dashboard()->isBusy() && !window.controller()->purchaseMix()->isBusy();
}

// Grabs `widget` once it had time to lay out and paint and the window it belongs to has been quiet for one
// look (on a busy machine figures can still be on their way after 400 ms: the screen would say "Updating…"),
// or after 30 s whatever it shows; saves it and quits.
void grabLater(QWidget *widget, const QString &file)
{
    const MainWindow *window = nullptr;
    for (QWidget *w = widget; w && !window; w = w->parentWidget())
        window = qobject_cast<const MainWindow *>(w);
    auto *look = new QTimer(widget);
    auto started = std::make_shared<QElapsedTimer>();
    started->start();
    auto quietLooks = std::make_shared<int>(0);
    QObject::connect(look, &QTimer::timeout, widget, [widget, file, window, look, started, quietLooks] {
        *quietLooks = window && !quiet(*window) ? 0 : *quietLooks + 1;
        if (*quietLooks < 2 && started->elapsed() < 30000)
            return;
        look->stop();
        // Opaque, as on screen: translucent overlays (the tour's dimming) must not leave see-through pixels.
        const bool saved = widget->grab().toImage().convertToFormat(QImage::Format_RGB32).save(file, "PNG", 0); // 0: smallest file
        std::puts(saved ? "screenshot saved" : "screenshot NOT saved");
        QApplication::exit(saved ? 0 : 1);
    });
    QTimer::singleShot(300, look, [look] { look->start(100); }); // the first look after 400 ms
}

} // namespace

bool captureScreen(MainWindow &window, const QString &view, const QString &file)
{
    if (view.isEmpty() || view == u"dashboard") {
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            grabLater(&window, file);
        });
        return true;
    }
    if (view == u"customers" || view == u"card" || view == u"columns") {
        const bool card = view == u"card";
        const bool columns = view == u"columns"; // the Columns dialog over the Customers view
        QObject::connect(&window, &MainWindow::workspaceOpened, &window, [&window, file, card, columns] {
            window.showCustomers(true);
            CustomersView *customers = window.customersView();
            auto *once = new QObject(&window);
            QObject::connect(customers->model(), &CustomersModel::rowsFilled, once, [&window, customers, once, file, card, columns] {
                if (customers->model()->isLoading())
                    return; // rows of a rule that is being replaced
                delete once;
                if (columns) {
                    grabLater(customers->chooseColumns(), file);
                    return;
                }
                if (!card) {
                    grabLater(&window, file);
                    return;
                }
                auto *opened = qobject_cast<CustomerCard *>(customers->openCard(0));
                if (!opened) {
                    QApplication::exit(1);
                    return;
                }
                QObject::connect(opened, &CustomerCard::loaded, opened, [opened, file] { grabLater(opened, file); });
            });
        });
        return true;
    }
    if (view == u"export") {
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            window.exportMembers();
            auto *dialog = window.findChild<ExportDialog *>();
            if (!dialog) {
                QApplication::exit(1);
                return;
            }
            grabLater(dialog, file);
        });
        return true;
    }
    if (view == u"experiments") { // the Experiments dialog with the first experiment's result
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            window.showExperiments();
            auto *dialog = window.findChild<ExperimentsDialog *>();
            if (!dialog) {
                QApplication::exit(1);
                return;
            }
            if (dialog->result() || !dialog->hasExperiments()) { // measured, or nothing to measure
                grabLater(dialog, file);
                return;
            }
            QObject::connect(dialog, &ExperimentsDialog::resultShown, dialog, [dialog, file] { grabLater(dialog, file); },
                             Qt::SingleShotConnection);
        });
        return true;
    }
    if (view == u"overlap" || view == u"moves") {
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file, view] {
            if (!settled(window))
                return;
            delete once;
            QWidget *dialog = nullptr;
            if (view == u"overlap") {
                window.showSegmentOverlap();
                dialog = window.findChild<OverlapDialog *>();
            } else {
                window.showLifecycleMoves();
                dialog = window.findChild<LifecycleMovesDialog *>();
            }
            if (!dialog) {
                QApplication::exit(1);
                return;
            }
            grabLater(dialog, file);
        });
        return true;
    }
    if (view == u"preview") { // the window with the member preview beside the rule, however wide
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            // The rows are read once the preview shows (after this, whether it was shown already or not).
            auto *preview = window.findChild<MemberPreview *>();
            QObject::connect(preview, &MemberPreview::rowsShown, &window, [&window, file] { grabLater(&window, file); },
                             Qt::SingleShotConnection);
            auto *toggle = window.findChild<QAction *>(QStringLiteral("memberPreviewAction"));
            if (toggle && !toggle->isChecked())
                toggle->trigger();
        });
        return true;
    }
    if (view == u"changes") { // who joined and left the first saved segment with a trend
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            auto *list = window.findChild<SegmentList *>();
            int row = 0;
            while (list && row < list->count() && list->trendRect(row).isEmpty())
                ++row;
            window.showMembershipChanges(list && row < list->count() ? list->segmentId(row) : 0);
            auto *dialog = window.findChild<MembershipDialog *>();
            if (!dialog) {
                QApplication::exit(1);
                return;
            }
            QObject::connect(dialog, &MembershipDialog::ready, dialog, [dialog, file] { grabLater(dialog, file); });
        });
        return true;
    }
    if (view == u"settings" || view == u"predictions" || view == u"predicted" || view == u"rfm" || view == u"about" || view == u"tour") {
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file, view] {
            if (!settled(window))
                return;
            delete once;
            QWidget *shown = &window;
            if (view == u"settings" || view == u"predictions") {
                window.editSettings();
                auto *dialog = window.findChild<SettingsDialog *>();
                if (dialog && view == u"predictions")
                    dialog->showPage(3);
                shown = dialog;
            } else if (view == u"predicted") { // the dashboard's Predicted card alone
                auto *chart = window.findChild<PredictedChart *>();
                shown = chart ? chart->parentWidget() : nullptr;
            } else if (view == u"rfm") { // the dashboard's RFM grid card alone, at its size in the window
                auto *grid = window.findChild<RfmHeatmap *>();
                shown = grid ? grid->parentWidget() : nullptr;
            } else if (view == u"about") {
                window.findChild<HelpMenu *>()->showAbout();
                shown = window.findChild<AboutDialog *>();
            } else {
                Tour::start(&window)->next(); // the rule editor's step: the panel and the bubble beside it
            }
            if (!shown) {
                QApplication::exit(1);
                return;
            }
            grabLater(shown, file);
        });
        return true;
    }
    if (view == u"buys") { // the dashboard scrolled to "What this segment buys", once it shows the rule's figures
        QObject::connect(window.controller()->purchaseMix(), &PurchaseMixController::figuresShown, &window,
                         [&window, file] {
                             window.dashboard()->revealPurchaseMix();
                             grabLater(&window, file);
                         }, Qt::SingleShotConnection);
        return true;
    }
    if (view == u"builder") {
        // Once the conditions of the rule given with --rule show their counts.
        RuleBuilder *builder = window.rulePanel()->builder();
        auto *once = new QObject(&window);
        QObject::connect(builder, &RuleBuilder::impactsShown, once, [&window, builder, once, file] {
            if (builder->rule().root.children.empty())
                return;
            delete once;
            grabLater(&window, file);
        });
        return true;
    }
    if (view == u"report") { // the segment report as PDF (the --screenshot file)
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, file] {
            if (!settled(window))
                return;
            delete once;
            QTimer::singleShot(400, &window, [&window, file] {
                const QString error = window.saveReport(file);
                std::puts(error.isEmpty() ? "report saved" : qPrintable(error));
                QApplication::exit(error.isEmpty() ? 0 : 1);
            });
        });
        return true;
    }
    if (view.startsWith(u"segment-import:")) {
        // The window after FILE.segment.json was imported: the new segment listed and its rule in the editor.
        const QString path = view.section(u':', 1);
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, path, file] {
            if (!settled(window))
                return;
            delete once;
            if (!window.importSegmentFile(path)) {
                QApplication::exit(1);
                return;
            }
            auto *shown = new QObject(&window);
            QObject::connect(window.controller(), &DashboardController::figuresShown, shown, [&window, shown, file] {
                delete shown;
                grabLater(&window, file);
            });
        });
        return true;
    }
    if (view.startsWith(u"import:") || view.startsWith(u"import-columns:") || view.startsWith(u"import-run:")) {
        // import:FILE shows the wizard's first page for FILE, import-columns:FILE its columns page,
        // import-run:FILE the last page once the import finished (its summary).
        const bool columns = view.startsWith(u"import-columns:");
        const bool run = view.startsWith(u"import-run:");
        const QString path = view.section(u':', 1);
        auto *once = new QObject(&window);
        QObject::connect(window.controller(), &DashboardController::figuresShown, once, [&window, once, path, file, columns, run] {
            if (!settled(window))
                return;
            delete once;
            window.importFile(path);
            auto *wizard = window.findChild<ImportWizard *>();
            if (!wizard) {
                QApplication::exit(1);
                return;
            }
            auto *shown = new QObject(wizard);
            QObject::connect(wizard, &ImportWizard::previewChanged, shown, [wizard, shown, file, columns, run] {
                if (wizard->previewPending())
                    return;
                delete shown;
                if (run) {
                    QObject::connect(wizard, &ImportWizard::imported, wizard, [wizard, file] { grabLater(wizard, file); });
                    wizard->next();
                    wizard->next();
                    return;
                }
                if (columns)
                    wizard->next();
                grabLater(wizard, file);
            });
        });
        return true;
    }
    return false;
}

} // namespace segmenta::ui
