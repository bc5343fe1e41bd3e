#pragma once

#include "segments/overlapmatrix.h"

#include <QDialog>

class QTableWidget;

namespace segmenta::ui {

// The overlap of every pair of saved segments as a table: the cell in row A, column B counts the customers in
// both, shaded by the share of A they are; the diagonal holds each segment's size, and the tooltip gives
// A only / both / B only. Read-only; built from figures already computed (no evaluation). GUI thread.
class OverlapDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OverlapDialog(const segments::OverlapMatrix &matrix, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }

private:
    QTableWidget *m_table;
};

} // namespace segmenta::ui
