#include "segments/nameprompt.h"

#include <QInputDialog>
#include <QLineEdit>

#include <algorithm>

namespace segmenta::ui {

QString askName(QWidget *parent, const QString &title, const QString &label, const QString &text, bool *ok)
{
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("namePrompt"));
    dialog.setWindowTitle(title);
    dialog.setLabelText(label);
    dialog.setTextValue(text);
    dialog.setInputMode(QInputDialog::TextInput);
    // The title bar also holds an icon and three buttons: about 160 pixels besides the title at the window
    // font's size (title bars use a font of about that size on Windows, KDE and GNOME alike).
    // The dialog's layout sets its size from its contents (SetMinAndMaxSize): the line edit carries the width.
    const int titleWidth = dialog.fontMetrics().horizontalAdvance(title) + 160;
    if (auto *edit = dialog.findChild<QLineEdit *>())
        edit->setMinimumWidth(std::max({titleWidth, 360, dialog.fontMetrics().horizontalAdvance(text) + 80}) - 40);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    if (ok)
        *ok = accepted;
    return accepted ? dialog.textValue().trimmed() : QString();
}

} // namespace segmenta::ui
