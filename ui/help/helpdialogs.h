#pragma once

#include <QDialog>
#include <QString>

#include <vector>

class QMainWindow;

namespace segmenta::ui {

// One row of the keyboard shortcuts table: where the command is, what it is called, its keys.
struct ShortcutRow
{
    QString menu;    // "File", "View"… without mnemonics
    QString command; // the action's text without mnemonics and trailing dots
    QString keys;    // the shortcuts in the platform's native text, separated by ", "
};

// Every action of `window` that has a shortcut, in menu order (menus, submenus, then actions added to the
// window itself), read from the live QActions so the table is never stale. GUI thread.
std::vector<ShortcutRow> shortcutRows(const QMainWindow &window);

// Help > Keyboard Shortcuts: a read-only table of shortcutRows().
class ShortcutsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ShortcutsDialog(const QMainWindow &window, QWidget *parent = nullptr);
};

// Help > Rule Syntax: the rule language's reference, an HTML page embedded as a Qt resource
// (:/help/rule-syntax_en.html, :/help/rule-syntax_zh_CN.html), in the interface language.
class RuleSyntaxDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RuleSyntaxDialog(QWidget *parent = nullptr);
    // The resource holding the page for the current default QLocale.
    static QString pagePath();
};

// Help > About Segmenta: version, what it is, and the libraries it uses with their versions and licences.
class AboutDialog : public QDialog
{
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace segmenta::ui
