#include "help/helpdialogs.h"

#include "common/libraries.h"
#include "segmenta/version.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTableWidget>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

QString plainText(QString text)
{
    // "&Save as Segment…" -> "Save as Segment"; "&&" stays one "&".
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    while (text.endsWith(u'…') || text.endsWith(u'.'))
        text.chop(1);
    return text.trimmed();
}

void collect(const QMenu *menu, const QString &path, std::vector<ShortcutRow> &rows)
{
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->isSeparator())
            continue;
        if (const QMenu *sub = action->menu()) {
            collect(sub, path + QStringLiteral(" › ") + plainText(sub->title()), rows);
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList texts;
        for (const QKeySequence &key : keys) {
            if (!key.isEmpty())
                texts << key.toString(QKeySequence::NativeText);
        }
        if (!texts.isEmpty())
            rows.push_back({path, plainText(action->text()), texts.join(QStringLiteral(", "))});
    }
}

QDialogButtonBox *closeButtons(QDialog *dialog)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return buttons;
}

} // namespace

std::vector<ShortcutRow> shortcutRows(const QMainWindow &window)
{
    std::vector<ShortcutRow> rows;
    if (const QMenuBar *bar = window.menuBar()) {
        const QList<QAction *> menus = bar->actions();
        for (const QAction *entry : menus) {
            if (const QMenu *menu = entry->menu())
                collect(menu, plainText(menu->title()), rows);
        }
    }
    // Actions added to the window itself (shortcuts without a menu entry).
    const QList<QAction *> own = window.actions();
    for (const QAction *action : own) {
        QStringList texts;
        const QList<QKeySequence> keys = action->shortcuts();
        for (const QKeySequence &key : keys)
            texts << key.toString(QKeySequence::NativeText);
        if (!texts.isEmpty())
            rows.push_back({QString(), plainText(action->text()), texts.join(QStringLiteral(", "))});
    }
    return rows;
}

ShortcutsDialog::ShortcutsDialog(const QMainWindow &window, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));
    const std::vector<ShortcutRow> rows = shortcutRows(window);
    auto *table = new QTableWidget(int(rows.size()), 3, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Menu"), tr("Command"), tr("Shortcut")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->setAlternatingRowColors(true);
    for (int row = 0; row < int(rows.size()); ++row) {
        const ShortcutRow &entry = rows[size_t(row)];
        table->setItem(row, 0, new QTableWidgetItem(entry.menu));
        table->setItem(row, 1, new QTableWidgetItem(entry.command));
        table->setItem(row, 2, new QTableWidgetItem(entry.keys));
    }
    table->resizeColumnsToContents(); // a few dozen rows at most
    table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(closeButtons(this));
    resize(560, 420);
}

QString RuleSyntaxDialog::pagePath()
{
    const bool chinese = QLocale().language() == QLocale::Chinese;
    return chinese ? QStringLiteral(":/help/rule-syntax_zh_CN.html") : QStringLiteral(":/help/rule-syntax_en.html");
}

RuleSyntaxDialog::RuleSyntaxDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("ruleSyntaxDialog"));
    setWindowTitle(tr("Rule Syntax"));
    auto *browser = new QTextBrowser(this);
    browser->setObjectName(QStringLiteral("ruleSyntaxText"));
    browser->setOpenExternalLinks(true);
    QFile page(pagePath());
    if (page.open(QIODevice::ReadOnly))
        browser->setHtml(QString::fromUtf8(page.readAll()));
    else
        browser->setPlainText(tr("The rule syntax help is missing from this build."));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(browser);
    layout->addWidget(closeButtons(this));
    resize(720, 640);
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About Segmenta"));
    auto *title = new QLabel(tr("<h2>Segmenta %1</h2>").arg(QString::fromLatin1(kVersion)), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    auto *text = new QLabel(tr("Customer segmentation for shops whose customers live in spreadsheets. Your "
                               "customer data stays on this computer."),
                            this);
    text->setWordWrap(true);
    auto *used = new QLabel(tr("Segmenta is built on these libraries:"), this);
    const std::vector<ThirdPartyLibrary> libraries = thirdPartyLibraries();
    auto *table = new QTableWidget(int(libraries.size()), 3, this);
    table->setObjectName(QStringLiteral("librariesTable"));
    table->setHorizontalHeaderLabels({tr("Library"), tr("Version"), tr("Licence")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->verticalHeader()->hide();
    for (int row = 0; row < int(libraries.size()); ++row) {
        const ThirdPartyLibrary &library = libraries[size_t(row)];
        auto *name = new QTableWidgetItem(library.name);
        name->setToolTip(library.url);
        table->setItem(row, 0, name);
        table->setItem(row, 1, new QTableWidgetItem(library.version.isEmpty() ? tr("—") : library.version));
        table->setItem(row, 2, new QTableWidgetItem(library.licence));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addWidget(used);
    layout->addWidget(table, 1);
    layout->addWidget(closeButtons(this));
    resize(600, 460);
}

} // namespace segmenta::ui
