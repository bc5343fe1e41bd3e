#pragma once

#include "metrics/customermetrics.h"

#include <QDialog>

class QTableWidget;

namespace segmenta::ui {

// How many customers went from each lifecycle stage (rows) to each other one (columns) when the analysis date
// last moved forward; the diagonal holds those who stayed. Read-only. GUI thread.
class LifecycleMovesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit LifecycleMovesDialog(const metrics::LifecycleMoves &moves, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace segmenta::ui
