#include "fieldpicker.h"

#include "rules/ruleedit.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

constexpr int kNameRole = Qt::UserRole + 1;
constexpr int kPurchaseRole = Qt::UserRole + 2; // the "Purchased…" entry

} // namespace

FieldPicker::FieldPicker(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_search(new QLineEdit(this)), m_tree(new QTreeView(this)),
      m_model(new QStandardItemModel(this)), m_filter(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("fieldPicker"));
    setFrameShape(QFrame::StyledPanel);
    m_search->setObjectName(QStringLiteral("fieldSearch"));
    m_search->setPlaceholderText(tr("Search fields"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_filter->setSourceModel(m_model);
    m_filter->setRecursiveFilteringEnabled(true);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_filter->setFilterKeyColumn(-1);
    m_tree->setObjectName(QStringLiteral("fieldTree"));
    m_tree->setModel(m_filter);
    m_tree->setHeaderHidden(true);
    m_tree->setRootIsDecorated(false);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setUniformRowHeights(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_tree);
    resize(420, 380);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text);
        m_tree->expandAll();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &FieldPicker::pickFirst);
    connect(m_tree, &QTreeView::activated, this, &FieldPicker::pick);
    connect(m_tree, &QTreeView::clicked, this, &FieldPicker::pick);
}

QString FieldPicker::typeLabel(store::FieldType type)
{
    switch (type) {
    case store::FieldType::Integer:
        return tr("whole number");
    case store::FieldType::Decimal:
        return tr("number");
    case store::FieldType::Money:
        return tr("money");
    case store::FieldType::Percent:
        return tr("percent");
    case store::FieldType::Date:
        return tr("date");
    case store::FieldType::DateTime:
        return tr("date and time");
    case store::FieldType::Boolean:
        return tr("yes / no");
    case store::FieldType::Category:
        return tr("category");
    case store::FieldType::Text:
        return tr("text");
    case store::FieldType::Identifier:
        return tr("identifier");
    case store::FieldType::Lifecycle:
        return tr("lifecycle stage");
    case store::FieldType::ValueTier:
        return tr("value tier");
    case store::FieldType::RfmSegment:
        return tr("RFM segment");
    }
    return {};
}

QString FieldPicker::fieldLabel(const store::FieldInfo &field)
{
    const QByteArray label = field.label.toUtf8();
    return field.origin == store::FieldOrigin::Imported ? field.label
                                                        : QCoreApplication::translate("Field", label.constData());
}

// A field's row: its label (and name), its type; greyed with a tooltip when no customer has a value in it.
QList<QStandardItem *> FieldPicker::fieldRow(const store::FieldInfo &field, bool withoutValues)
{
    const QString label = fieldLabel(field);
    auto *item = new QStandardItem(label == field.name ? label : label + QStringLiteral(" (") + field.name + u')');
    item->setData(field.name, kNameRole);
    auto *type = new QStandardItem(withoutValues ? tr("%1, no values").arg(typeLabel(field.type)) : typeLabel(field.type));
    type->setData(field.name, kNameRole);
    type->setForeground(QColor(0x6b, 0x6b, 0x6b));
    if (withoutValues) {
        item->setForeground(QColor(0x8a, 0x8a, 0x8a));
        const QString tip = tr("No customer in this workspace has a value in this field.");
        item->setToolTip(tip);
        type->setToolTip(tip);
    }
    return {item, type};
}

void FieldPicker::setFields(const std::vector<store::FieldInfo> &fields, bool offerPurchase, const QStringList &withoutValues)
{
    m_model->clear();
    m_model->setColumnCount(2);
    const std::pair<rules::FieldGroup, QString> groups[] = {
        {rules::FieldGroup::Customer, tr("Customer fields")},
        {rules::FieldGroup::Purchases, tr("Purchase metrics")},
        {rules::FieldGroup::LifecycleValue, tr("Lifecycle and value")},
        {rules::FieldGroup::Rfm, tr("RFM")},
        {rules::FieldGroup::OrderLine, tr("Order line")},
        {rules::FieldGroup::Order, tr("Order")},
    };
    for (const auto &[group, title] : groups) {
        auto *header = new QStandardItem(title);
        header->setSelectable(false);
        QFont bold = header->font();
        bold.setBold(true);
        header->setFont(bold);
        auto *headerType = new QStandardItem;
        headerType->setSelectable(false);
        if (offerPurchase && group == rules::FieldGroup::Purchases) {
            auto *item = new QStandardItem(tr("Purchased…"));
            item->setData(true, kPurchaseRole);
            item->setToolTip(tr("What customers bought, how often, how much and when"));
            auto *type = new QStandardItem(tr("orders"));
            type->setData(true, kPurchaseRole);
            type->setForeground(QColor(0x6b, 0x6b, 0x6b));
            header->appendRow({item, type});
        }
        for (const bool empty : {false, true}) { // the fields without values last
            for (const store::FieldInfo &field : fields) {
                if (rules::fieldGroupOf(field) != group || withoutValues.contains(field.name) != empty)
                    continue;
                header->appendRow(fieldRow(field, empty));
            }
        }
        if (header->rowCount() > 0) {
            m_model->appendRow({header, headerType});
        } else {
            delete header;
            delete headerType;
        }
    }
    m_tree->expandAll();
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
}

void FieldPicker::popup(const QPoint &at)
{
    m_search->clear();
    move(at);
    show();
    m_tree->expandAll();
    m_search->setFocus();
}

bool FieldPicker::eventFilter(QObject *watched, QEvent *event)
{
    // Up and Down in the search box move through the list, as in a completer.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Down || key == Qt::Key_Up) {
            m_tree->setFocus();
            QCoreApplication::sendEvent(m_tree, event);
            return true;
        }
    }
    return QFrame::eventFilter(watched, event);
}

void FieldPicker::pick(const QModelIndex &index)
{
    if (index.data(kPurchaseRole).toBool()) {
        hide();
        Q_EMIT purchaseChosen();
        return;
    }
    const QString name = index.data(kNameRole).toString();
    if (name.isEmpty())
        return;
    hide();
    Q_EMIT fieldChosen(name);
}

void FieldPicker::pickFirst()
{
    const QModelIndex current = m_tree->currentIndex();
    if (current.isValid() && (!current.data(kNameRole).toString().isEmpty() || current.data(kPurchaseRole).toBool())) {
        pick(current);
        return;
    }
    for (int g = 0; g < m_filter->rowCount(); ++g) {
        const QModelIndex group = m_filter->index(g, 0);
        if (m_filter->rowCount(group) > 0) {
            pick(m_filter->index(0, 0, group));
            return;
        }
    }
}

} // namespace segmenta::ui
