#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace segmenta::ui {

// Runs `work` on a worker thread while a window-modal busy dialog over `parent` shows `label` (after 300 ms,
// so quick work shows nothing), and returns what `work` returns: an error message, or an empty string. The GUI
// thread keeps painting meanwhile (a local event loop that leaves out user input). For steps that must finish
// before the caller goes on but may take seconds: reopening a workspace whose metrics are out of date, undoing
// an import. GUI thread only.
QString runWithBusyDialog(QWidget *parent, const QString &label, const std::function<QString()> &work);

} // namespace segmenta::ui
