#include "counttabledialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

CountTableDialog::CountTableDialog(int rows, int columns, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(rows, columns, this)), m_note(new QLabel(this))
{
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
}

QTableWidgetItem *CountTableDialog::countItem(qint64 count, double share) const
{
    auto *item = new QTableWidgetItem(count ? QLocale().toString(count) : QStringLiteral("·"));
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (share >= 0 && count > 0) {
        QColor shade = palette().color(QPalette::Highlight);
        shade.setAlphaF(0.08 + 0.6 * std::min(share, 1.0));
        item->setBackground(shade);
    }
    return item;
}

void CountTableDialog::fitTable(QSize most, int minimumWidth)
{
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // equal rows, whatever the shading
    m_table->resizeColumnsToContents();
    int width = m_table->verticalHeader()->sizeHint().width() + 2 * m_table->frameWidth() + 4;
    for (int c = 0; c < m_table->columnCount(); ++c)
        width += m_table->columnWidth(c);
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() + 4;
    for (int r = 0; r < m_table->rowCount(); ++r)
        height += m_table->rowHeight(r);
    m_table->setMinimumSize(std::min(width, most.width()), std::min(height, most.height()));
    // A long note wraps at the table's width instead of widening the dialog.
    m_note->setMaximumWidth(std::max({480, m_table->minimumWidth(), minimumWidth - 24}));
    resize(std::max(sizeHint().width(), minimumWidth), sizeHint().height());
}

} // namespace segmenta::ui
