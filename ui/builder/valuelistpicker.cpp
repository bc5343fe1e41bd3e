#include "valuelistpicker.h"

#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

constexpr int kValueRole = Qt::UserRole + 1;

} // namespace

ValueListPicker::ValueListPicker(QWidget *parent)
    : QFrame(parent, Qt::Popup), m_search(new QLineEdit(this)), m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("valuePicker"));
    setFrameShape(QFrame::StyledPanel);
    m_search->setObjectName(QStringLiteral("valueSearch"));
    m_search->setPlaceholderText(tr("Search values"));
    m_search->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("valueList"));
    m_list->setUniformItemSizes(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_search);
    layout->addWidget(m_list);
    resize(300, 340);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        bool current = false;
        for (int i = 0; i < m_list->count(); ++i) {
            QListWidgetItem *item = m_list->item(i);
            const bool shown = item->text().contains(text, Qt::CaseInsensitive);
            item->setHidden(!shown);
            if (shown && !current) {
                m_list->setCurrentItem(item);
                current = true;
            }
        }
    });
    // Enter in the search box checks or unchecks the first value shown.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (QListWidgetItem *item = m_list->currentItem(); item && !item->isHidden())
            item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
    connect(m_list, &QListWidget::itemChanged, this, [this] { Q_EMIT valuesChanged(checkedValues()); });
}

void ValueListPicker::setValues(const std::vector<rules::ValueCount> &values, const QStringList &checked,
                                const std::function<QString(const QString &)> &display)
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const auto add = [&](const QString &value, const QString &text) {
        auto *item = new QListWidgetItem(text, m_list);
        item->setData(kValueRole, value);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(checked.contains(value) ? Qt::Checked : Qt::Unchecked);
    };
    for (const QString &value : checked) {
        const bool known = std::any_of(values.begin(), values.end(), [&](const rules::ValueCount &v) { return v.value == value; });
        if (!known)
            add(value, tr("%1 (none)").arg(display(value)));
    }
    for (const rules::ValueCount &v : values)
        add(v.value, tr("%1 (%2)").arg(display(v.value), QLocale().toString(v.count)));
}

void ValueListPicker::popup(const QPoint &at)
{
    m_search->clear();
    move(at);
    show();
    m_search->setFocus();
}

QStringList ValueListPicker::checkedValues() const
{
    QStringList values;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->checkState() == Qt::Checked)
            values.append(m_list->item(i)->data(kValueRole).toString());
    }
    return values;
}

} // namespace segmenta::ui
