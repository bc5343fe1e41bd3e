#pragma once

#include <QDate>
#include <QString>

#include <functional>

class QWidget;

namespace segmenta::ui {

// Copies, saves and renders any chart widget (Qt Charts views and the hand-painted ones alike): PNG at the
// screen's device pixel ratio, SVG through QSvgGenerator, PDF through QPdfWriter. GUI thread only.
namespace chartexport {

// What a saved or copied chart says about itself in a band above it, so that the image still tells what it
// shows once it is pasted into a slide: the chart's title, the segment (or rule) and the analysis date.
// An empty caption adds no band.
struct Caption
{
    QString title;
    QString segment;
    QDate analysisDate;
    bool isEmpty() const { return title.isEmpty() && segment.isEmpty() && !analysisDate.isValid(); }
};

// The caption's lines, as drawn: the title, then "Segment: … · analysis date …".
QStringList captionLines(const Caption &caption);
void copyToClipboard(QWidget *chart, const Caption &caption = {});
// Writes PNG, SVG or PDF by the file's extension; returns an empty string or the error message.
QString saveToFile(QWidget *chart, const QString &path, const Caption &caption = {});
// Asks for a file name and saves; shows a message on failure.
void saveWithDialog(QWidget *chart, const QString &suggestedName, const Caption &caption = {});
// Adds "Copy" and "Save as PNG, SVG or PDF…" to the chart's context menu; `caption` is asked for at the time
// of the copy or save, so that it names the segment and date shown then.
void installContextMenu(QWidget *chart, const QString &suggestedName, std::function<Caption()> caption = {});

} // namespace chartexport
} // namespace segmenta::ui
