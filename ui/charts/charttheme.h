#pragma once

#include <QtCharts/QChart>

class QWidget;

namespace segmenta::ui {

// Gives a Qt Charts chart the look of the surrounding palette (light or dark), the widget's font, no
// animation (figures replace each other at once while the user edits) and tight margins.
void applyChartStyle(QChart *chart, const QWidget *host);

} // namespace segmenta::ui
