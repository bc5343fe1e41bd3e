#pragma once

#include <QString>

class QWidget;

namespace segmenta::ui {

// Copies, saves and renders any chart widget (Qt Charts views and the hand-painted ones alike): PNG at the
// screen's device pixel ratio, SVG through QSvgGenerator, PDF through QPdfWriter. GUI thread only.
namespace chartexport {

void copyToClipboard(QWidget *chart);
// Writes PNG, SVG or PDF by the file's extension; returns an empty string or the error message.
QString saveToFile(QWidget *chart, const QString &path);
// Asks for a file name and saves; shows a message on failure.
void saveWithDialog(QWidget *chart, const QString &suggestedName);
// Adds "Copy" and "Save as PNG, SVG or PDF…" to the chart's context menu.
void installContextMenu(QWidget *chart, const QString &suggestedName);

} // namespace chartexport
} // namespace segmenta::ui
