#pragma once

#include "counttabledialog.h"
#include "segments/overlapmatrix.h"

namespace segmenta::ui {

// The overlap of every pair of saved segments: the cell in row A, column B counts the customers in both,
// shaded by the share of A they are; the diagonal holds each segment's size, and the tooltip gives A only /
// both / B only. Built from figures already computed (no evaluation). GUI thread.
class OverlapDialog : public CountTableDialog
{
    Q_OBJECT

public:
    explicit OverlapDialog(const segments::OverlapMatrix &matrix, QWidget *parent = nullptr);
};

} // namespace segmenta::ui
