#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QString>

#include <functional>

class QPainter;
class QPdfWriter;

namespace segmenta::ui {

// What every PDF Segmenta writes shares: A4 at 300 dpi with 14 mm margins, the same fonts and inks, wrapped
// paragraphs, and a file that appears only when complete. GUI thread only (the drawing paints widgets).
class PdfDocument
{
    Q_DECLARE_TR_FUNCTIONS(segmenta::ui::PdfDocument)

public:
    static constexpr int kDpi = 300;

    struct Style
    {
        QFont title;   // 18 pt bold
        QFont text;    // 10 pt
        QFont small;   // 8.5 pt
        QFont heading; // 10 pt bold
        QColor ink{0x22, 0x22, 0x22};
        QColor grey{0x66, 0x66, 0x66};
    };
    static Style style();

    // Millimetres in device pixels at `dpi`.
    static int mm(double millimetres, int dpi = kDpi) { return int(millimetres / 25.4 * dpi + 0.5); }
    // Draws `text` wrapped in `width` from (x, y) on; returns the y below it.
    static int paragraph(QPainter &painter, const QFont &font, const QString &text, int x, int y, int width,
                         const QColor &colour);

    // Writes the document titled `title` to `path`: refuses a target that must not be written over (a
    // workspace, see store::FileCheck), lets `draw` paint the pages (it may start new ones with
    // QPdfWriter::newPage) into a file beside the target, and puts that file in place only when it is
    // complete, so a failure never leaves half a document. Returns an empty string or the message to show.
    static QString write(const QString &path, const QString &title,
                         const std::function<void(QPdfWriter &pdf, QPainter &painter)> &draw);
};

} // namespace segmenta::ui
