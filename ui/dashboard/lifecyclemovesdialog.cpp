#include "lifecyclemovesdialog.h"

#include "metrics/analysissettings.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace segmenta::ui {

LifecycleMovesDialog::LifecycleMovesDialog(const metrics::LifecycleMoves &moves, QWidget *parent)
    : QDialog(parent), m_table(new QTableWidget(this))
{
    setWindowTitle(tr("Lifecycle Moves"));
    m_table->setObjectName(QStringLiteral("movesTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    const std::vector<QString> &stages = metrics::stageIds();
    // Rows: where customers were (first, those who were not in the workspace yet); columns: where they are.
    std::vector<QString> from{QString()};
    from.insert(from.end(), stages.begin(), stages.end());
    m_table->setRowCount(int(from.size()));
    m_table->setColumnCount(int(stages.size()));
    for (size_t r = 0; r < from.size(); ++r) {
        m_table->setVerticalHeaderItem(int(r), new QTableWidgetItem(from[r].isEmpty() ? tr("New to the workspace")
                                                                                      : metrics::stageDisplayName(from[r])));
    }
    for (size_t c = 0; c < stages.size(); ++c)
        m_table->setHorizontalHeaderItem(int(c), new QTableWidgetItem(metrics::stageDisplayName(stages[c])));
    const QLocale locale;
    const QColor highlight = palette().color(QPalette::Highlight);
    qint64 largest = 1;
    for (const auto &move : moves.moves) {
        if (move.from != move.to)
            largest = std::max(largest, move.customers);
    }
    for (size_t r = 0; r < from.size(); ++r) {
        for (size_t c = 0; c < stages.size(); ++c) {
            qint64 count = 0;
            for (const auto &move : moves.moves) {
                if (move.from == from[r] && move.to == stages[c])
                    count = move.customers;
            }
            auto *item = new QTableWidgetItem(count ? locale.toString(count) : QStringLiteral("·"));
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            if (from[r] == stages[c]) {
                item->setForeground(palette().color(QPalette::PlaceholderText)); // stayed
                item->setToolTip(tr("%1 customers stayed in this stage").arg(locale.toString(count)));
            } else if (count > 0) {
                QColor shade = highlight;
                shade.setAlphaF(0.1 + 0.6 * double(count) / double(largest));
                item->setBackground(shade);
            }
            m_table->setItem(int(r), int(c), item);
        }
    }
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed); // equal rows, whatever the shading
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth() + 2;
    for (int r = 0; r < m_table->rowCount(); ++r)
        height += m_table->rowHeight(r);
    m_table->setMinimumHeight(height);

    auto *summary = new QLabel(this);
    summary->setWordWrap(true);
    summary->setObjectName(QStringLiteral("movesSummary"));
    if (moves.moves.empty()) {
        summary->setText(tr("No moves recorded yet. They are recorded when the analysis date moves forward: after an "
                            "import with newer orders, on a new day, or in Tools > Settings."));
    } else {
        summary->setText(tr("From %1 to %2, %3 customers changed lifecycle stage. Rows: the stage before; columns: "
                            "the stage now.")
                             .arg(locale.toString(moves.previous, QLocale::ShortFormat),
                                  locale.toString(moves.asOf, QLocale::ShortFormat), locale.toString(moves.moved())));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(820, sizeHint().height());
}

} // namespace segmenta::ui
