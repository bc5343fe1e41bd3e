#include "overlapdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace segmenta::ui {

OverlapDialog::OverlapDialog(const segments::OverlapMatrix &matrix, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(int(matrix.size()), int(matrix.size()), this))
{
    setWindowTitle(tr("Overlap of Saved Segments"));
    m_table->setObjectName(QStringLiteral("overlapTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QStringList names;
    for (const QString &name : matrix.names)
        names << name;
    m_table->setHorizontalHeaderLabels(names);
    m_table->setVerticalHeaderLabels(names);
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

    auto *note = new QLabel(tr("Each cell counts the customers in both the row's and the column's segment; the "
                               "shade is their share of the row's segment. The diagonal is each segment's size."),
                            this);
    note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(900, 520);
}

} // namespace segmenta::ui
