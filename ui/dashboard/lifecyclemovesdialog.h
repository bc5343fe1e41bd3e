#pragma once

#include "counttabledialog.h"
#include "metrics/customermetrics.h"

namespace segmenta::ui {

// How many customers went from each lifecycle stage (rows) to each other one (columns) when the analysis date
// last moved forward; the diagonal holds those who stayed. GUI thread.
class LifecycleMovesDialog : public CountTableDialog
{
    Q_OBJECT

public:
    explicit LifecycleMovesDialog(const metrics::LifecycleMoves &moves, QWidget *parent = nullptr);
};

} // namespace segmenta::ui
