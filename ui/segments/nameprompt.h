#pragma once

#include <QString>

class QWidget;

namespace segmenta::ui {

// Asks for a name (Save As, Duplicate, Rename) in a dialog wide enough for its whole title, which a window
// manager otherwise cuts to "Save … gment" on a narrow QInputDialog. Returns the trimmed text; `ok` says
// whether the user accepted. Modal, GUI thread.
QString askName(QWidget *parent, const QString &title, const QString &label, const QString &text, bool *ok);

} // namespace segmenta::ui
