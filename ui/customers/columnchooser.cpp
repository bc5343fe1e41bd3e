#include "customers/columnchooser.h"

#include "builder/fieldpicker.h"
#include "rules/ruleedit.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

constexpr int kNameRole = Qt::UserRole;

} // namespace

ColumnChooser::ColumnChooser(const std::vector<store::FieldInfo> &fields, const QSet<QString> &shown,
                             const QSet<QString> &emptyFields, QWidget *parent)
    : QDialog(parent), m_search(new QLineEdit(this)), m_tree(new QTreeWidget(this)), m_empty(emptyFields)
{
    setObjectName(QStringLiteral("columnChooser"));
    setWindowTitle(tr("Columns of the Customers View"));
    auto *intro = new QLabel(tr("Tick the columns to show. Columns that no customer has a value in are hidden "
                                "until you tick them. The choice is kept with this workspace."),
                             this);
    intro->setWordWrap(true);
    m_search->setObjectName(QStringLiteral("columnSearch"));
    m_search->setPlaceholderText(tr("Search fields"));
    m_search->setClearButtonEnabled(true);
    m_tree->setObjectName(QStringLiteral("columnTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Field"), tr("Type")});
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    fill(fields, shown);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *all = buttons->addButton(tr("Show All"), QDialogButtonBox::ResetRole);
    all->setObjectName(QStringLiteral("showAllColumns"));
    QPushButton *standard = buttons->addButton(tr("Default"), QDialogButtonBox::ResetRole);
    standard->setObjectName(QStringLiteral("defaultColumns"));
    connect(all, &QPushButton::clicked, this, [this] { tickAll(false); });
    connect(standard, &QPushButton::clicked, this, [this] { tickAll(true); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &ColumnChooser::filter);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_search);
    layout->addWidget(m_tree, 1);
    layout->addWidget(buttons);
    resize(fontMetrics().horizontalAdvance(u'M') * 46, fontMetrics().height() * 42);
}

void ColumnChooser::fill(const std::vector<store::FieldInfo> &fields, const QSet<QString> &shown)
{
    const std::pair<rules::FieldGroup, QString> groups[] = {
        {rules::FieldGroup::Customer, tr("Customer fields")},
        {rules::FieldGroup::Purchases, tr("Purchase metrics")},
        {rules::FieldGroup::LifecycleValue, tr("Lifecycle and value")},
        {rules::FieldGroup::Rfm, tr("RFM")},
    };
    for (const auto &[group, title] : groups) {
        auto *header = new QTreeWidgetItem(QStringList{title});
        header->setFlags(Qt::ItemIsEnabled);
        QFont bold = header->font(0);
        bold.setBold(true);
        header->setFont(0, bold);
        for (const store::FieldInfo &field : fields) {
            if (rules::fieldGroupOf(field) != group)
                continue;
            const QString label = FieldPicker::fieldLabel(field);
            const bool empty = m_empty.contains(field.name);
            const QString type = FieldPicker::typeLabel(field.type);
            const QString text = label == field.name ? label : label + QStringLiteral(" (") + field.name + u')';
            auto *item = new QTreeWidgetItem(header, QStringList{text, empty ? tr("%1, no values").arg(type) : type});
            item->setData(0, kNameRole, field.name);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            item->setCheckState(0, shown.contains(field.name) ? Qt::Checked : Qt::Unchecked);
            item->setForeground(1, QColor(0x6b, 0x6b, 0x6b));
        }
        if (header->childCount() > 0)
            m_tree->addTopLevelItem(header);
        else
            delete header;
    }
    m_tree->expandAll();
}

std::vector<QTreeWidgetItem *> ColumnChooser::fieldItems() const
{
    std::vector<QTreeWidgetItem *> items;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            items.push_back(group->child(i));
    }
    return items;
}

QSet<QString> ColumnChooser::shownFields() const
{
    QSet<QString> shown;
    for (QTreeWidgetItem *item : fieldItems()) {
        if (item->checkState(0) == Qt::Checked)
            shown.insert(item->data(0, kNameRole).toString());
    }
    return shown;
}

QTreeWidgetItem *ColumnChooser::itemOf(const QString &fieldName) const
{
    for (QTreeWidgetItem *item : fieldItems()) {
        if (item->data(0, kNameRole).toString() == fieldName)
            return item;
    }
    return nullptr;
}

void ColumnChooser::filter(const QString &text)
{
    const QString wanted = text.trimmed();
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem *group = m_tree->topLevelItem(g);
        int visible = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem *item = group->child(i);
            const bool match = wanted.isEmpty() || item->text(0).contains(wanted, Qt::CaseInsensitive);
            item->setHidden(!match);
            visible += match ? 1 : 0;
        }
        group->setHidden(visible == 0);
    }
}

void ColumnChooser::tickAll(bool onlyHeld)
{
    for (QTreeWidgetItem *item : fieldItems()) {
        const bool tick = !onlyHeld || !m_empty.contains(item->data(0, kNameRole).toString());
        item->setCheckState(0, tick ? Qt::Checked : Qt::Unchecked);
    }
}

} // namespace segmenta::ui
