#include "overlapdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

OverlapDialog::OverlapDialog(const segments::OverlapMatrix &matrix, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(int(matrix.size()), int(matrix.size()), this))
{
    setWindowTitle(tr("Overlap of Saved Segments"));
    m_table->setObjectName(QStringLiteral("overlapTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Rows carry the names, columns their numbers: long names as column titles made the table wider than
    // any screen. The column titles' tooltips name the segments.
    for (size_t i = 0; i < matrix.size(); ++i) {
        const QString number = QString::number(i + 1);
        m_table->setVerticalHeaderItem(int(i), new QTableWidgetItem(number + QStringLiteral("  ") + matrix.names[i]));
        auto *column = new QTableWidgetItem(number);
        column->setToolTip(matrix.names[i]);
        m_table->setHorizontalHeaderItem(int(i), column);
    }
    const QLocale locale;
    const QColor highlight = palette().color(QPalette::Highlight);
    for (size_t i = 0; i < matrix.size(); ++i) {
        const qint64 size = matrix.both[i][i];
        for (size_t j = 0; j < matrix.size(); ++j) {
            const qint64 both = matrix.both[i][j];
            auto *item = new QTableWidgetItem(locale.toString(both));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            const double share = size > 0 ? double(both) / double(size) : 0.0;
            if (i == j) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setToolTip(tr("“%1”: %2 customers").arg(matrix.names[i], locale.toString(size)));
            } else {
                QColor shade = highlight;
                shade.setAlphaF(0.08 + 0.6 * share);
                item->setBackground(shade);
                item->setToolTip(tr("only “%1”: %2 · both: %3 (%4 of “%1”) · only “%5”: %6")
                                     .arg(matrix.names[i], locale.toString(matrix.onlyFirst(i, j)), locale.toString(both),
                                          locale.toString(100.0 * share, 'f', 1) + QLatin1Char('%'), matrix.names[j],
                                          locale.toString(matrix.onlyFirst(j, i))));
            }
            m_table->setItem(int(i), int(j), item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    // The whole table in view when the screen allows: headers plus every column and row.
    int width = m_table->verticalHeader()->sizeHint().width() + 2 * m_table->frameWidth() + 4;
    for (int c = 0; c < m_table->columnCount(); ++c)
        width += m_table->columnWidth(c);
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() + 4;
    for (int r = 0; r < m_table->rowCount(); ++r)
        height += m_table->rowHeight(r);
    m_table->setMinimumSize(std::min(width, 1100), std::min(height, 640));

    auto *note = new QLabel(tr("Each cell counts the customers in both the row's segment and the column's (columns "
                               "are numbered as the rows); the shade is their share of the row's segment. The "
                               "diagonal is each segment's size."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    note->setMaximumWidth(std::max(480, m_table->minimumWidth()));
}

} // namespace segmenta::ui
