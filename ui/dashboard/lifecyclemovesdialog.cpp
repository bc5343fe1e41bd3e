#include "lifecyclemovesdialog.h"

#include "common/datetext.h"

#include "metrics/analysissettings.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>

#include <algorithm>

namespace segmenta::ui {

namespace {

// The stages the table shows: every one, but "recency unknown" (customer lists without dates) only when a
// move involves it.
std::vector<QString> shownStages(const metrics::LifecycleMoves &moves)
{
    std::vector<QString> stages;
    for (const QString &id : metrics::stageIds()) {
        const bool listOnly = id == QLatin1StringView(metrics::stage::kRecencyUnknown);
        if (!listOnly || std::any_of(moves.moves.begin(), moves.moves.end(),
                                     [&id](const auto &move) { return move.from == id || move.to == id; }))
            stages.push_back(id);
    }
    return stages;
}

} // namespace

LifecycleMovesDialog::LifecycleMovesDialog(const metrics::LifecycleMoves &moves, QWidget *parent)
    : CountTableDialog(int(shownStages(moves).size()) + 1, int(shownStages(moves).size()), parent)
{
    setWindowTitle(tr("Lifecycle Moves"));
    QTableWidget *grid = table();
    grid->setObjectName(QStringLiteral("movesTable"));
    const std::vector<QString> stages = shownStages(moves);
    // Rows: where customers were (first, those who were not in the workspace yet); columns: where they are.
    std::vector<QString> from{QString()};
    from.insert(from.end(), stages.begin(), stages.end());
    for (size_t r = 0; r < from.size(); ++r) {
        grid->setVerticalHeaderItem(int(r), new QTableWidgetItem(from[r].isEmpty() ? tr("New to the workspace")
                                                                                    : metrics::stageDisplayName(from[r])));
    }
    for (size_t c = 0; c < stages.size(); ++c)
        grid->setHorizontalHeaderItem(int(c), new QTableWidgetItem(metrics::stageDisplayName(stages[c])));
    const QLocale locale;
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
            const bool stayed = from[r] == stages[c];
            QTableWidgetItem *item = countItem(count, stayed ? -1.0 : double(count) / double(largest));
            if (stayed) {
                item->setForeground(palette().color(QPalette::PlaceholderText));
                item->setToolTip(tr("%1 customers stayed in this stage").arg(locale.toString(count)));
            }
            grid->setItem(int(r), int(c), item);
        }
    }
    note()->setObjectName(QStringLiteral("movesSummary"));
    if (moves.moves.empty()) {
        note()->setText(tr("No moves recorded yet. They are recorded when the analysis date moves forward: after an "
                           "import with newer orders, on a new day, or in Tools > Settings."));
    } else {
        note()->setText(tr("From %1 to %2, %3 customers changed lifecycle stage. Rows: the stage before; columns: "
                           "the stage now.")
                            .arg(dateText(moves.previous), dateText(moves.asOf), locale.toString(moves.moved())));
    }
    fitTable(QSize(1100, 640), 820);
    grid->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch); // the columns share what room there is
}

} // namespace segmenta::ui
