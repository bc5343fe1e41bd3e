#include "overlapdialog.h"

#include <QLabel>
#include <QLocale>
#include <QTableWidget>

namespace segmenta::ui {

OverlapDialog::OverlapDialog(const segments::OverlapMatrix &matrix, QWidget *parent)
    : CountTableDialog(int(matrix.size()), int(matrix.size()), parent)
{
    setWindowTitle(tr("Overlap of Saved Segments"));
    QTableWidget *grid = table();
    grid->setObjectName(QStringLiteral("overlapTable"));
    // Rows carry the names, columns their numbers: long names as column titles made the table wider than
    // any screen. The column titles' tooltips name the segments.
    for (size_t i = 0; i < matrix.size(); ++i) {
        const QString number = QString::number(i + 1);
        grid->setVerticalHeaderItem(int(i), new QTableWidgetItem(number + QStringLiteral("  ") + matrix.names[i]));
        auto *column = new QTableWidgetItem(number);
        column->setToolTip(matrix.names[i]);
        grid->setHorizontalHeaderItem(int(i), column);
    }
    const QLocale locale;
    for (size_t i = 0; i < matrix.size(); ++i) {
        const qint64 size = matrix.both[i][i];
        for (size_t j = 0; j < matrix.size(); ++j) {
            const qint64 both = matrix.both[i][j];
            const double share = size > 0 ? double(both) / double(size) : 0.0;
            QTableWidgetItem *item = countItem(both, i == j ? -1.0 : share);
            if (i == j) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
                item->setToolTip(tr("“%1”: %2 customers").arg(matrix.names[i], locale.toString(size)));
            } else {
                item->setToolTip(tr("only “%1”: %2 · both: %3 (%4 of “%1”) · only “%5”: %6")
                                     .arg(matrix.names[i], locale.toString(matrix.onlyFirst(i, j)), locale.toString(both),
                                          locale.toString(100.0 * share, 'f', 1) + QLatin1Char('%'), matrix.names[j],
                                          locale.toString(matrix.onlyFirst(j, i))));
            }
            grid->setItem(int(i), int(j), item);
        }
    }
    note()->setText(tr("Each cell counts the customers in both the row's segment and the column's (columns "
                       "are numbered as the rows); the shade is their share of the row's segment. The "
                       "diagonal is each segment's size."));
    fitTable(QSize(1100, 640));
}

} // namespace segmenta::ui
