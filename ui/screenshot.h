#pragma once

#include <QString>

namespace segmenta::ui {

class MainWindow;

// Saves a PNG of one screen of the application once it shows real data, then quits the application with
// 0 (saved) or 1 (not saved); for the documentation's screenshots (segmenta --screenshot FILE --show VIEW).
// Views: "" or "dashboard" (the window with the rule's figures), "customers" (the Customers tab with its first rows), "card" (the card of the first customer listed),
// "export" (the export dialog for the rule in the editor), "builder" (the window once the rule builder shows
// the counts of the rule's conditions), "settings" (the settings dialog),
// "buys" (the dashboard scrolled to "What this segment buys"), "experiments" (Segment > Experiments with the first experiment's result), "about" (the About box), "tour" (the
// main window with the first-run tour at its second step). Call before the workspace is opened. GUI thread.
// Returns false for an unknown view.
bool captureScreen(MainWindow &window, const QString &view, const QString &file);

} // namespace segmenta::ui
