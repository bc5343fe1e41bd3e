#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace segmenta {
class Progress;
}

namespace segmenta::ui {

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
