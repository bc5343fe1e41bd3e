#pragma once

#include <QString>

#include <functional>

class QThreadPool;
class QWidget;

namespace segmenta {
class Progress;
}

namespace segmenta::ui {

// The threads the window's work runs on (loading figures, counting, imports, exports): every QtConcurrent::run
// of the window names this pool. Not QThreadPool::globalInstance(), because Qt (6.4) cuts large fills and image
// conversions of the GUI thread's painting into pieces that it runs on the global pool and waits for: with its
// threads busy loading a million customers, each repaint waited seconds for them (the window froze 6.4 s while
// a 1 M-customer workspace opened). As many threads as the global pool has, below the GUI thread's priority
// (segmenta::backgroundPool).
QThreadPool *workers();

// Runs `work` on a worker thread while a window-modal busy dialog over `parent` shows `label` (after 300 ms,
// so quick work shows nothing), and returns what `work` returns: an error message, or an empty string. The GUI
// thread keeps painting meanwhile (a local event loop that leaves out user input). For steps that must finish
// before the caller goes on but may take seconds: reopening a workspace whose metrics are out of date, undoing
// an import. GUI thread only.
QString runWithBusyDialog(QWidget *parent, const QString &label, const std::function<QString()> &work);

// The same for work that reports progress and can stop: the dialog shows a bar and a Cancel button, which
// cancels `work`'s Progress (the work then stops at its next check and leaves everything as before). Returns
// what `work` returns; `*canceled` (when given) says whether the user pressed Cancel. GUI thread only.
QString runWithProgressDialog(QWidget *parent, const QString &label, const std::function<QString(Progress &)> &work,
                              bool *canceled = nullptr);

} // namespace segmenta::ui
