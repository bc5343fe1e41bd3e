#include "report/segmentreport.h"

#include "common/datetext.h"

#include "report/pdfdocument.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QWidget>

namespace segmenta::ui {

namespace {

int mm(double millimetres)
{
    return PdfDocument::mm(millimetres);
}

int drawParagraph(QPainter &painter, const QFont &font, const QString &text, int x, int y, int width, const QColor &colour)
{
    return PdfDocument::paragraph(painter, font, text, x, y, width, colour);
}

// Paints `widget` scaled into `target`, keeping its proportions; returns the height used.
int drawWidget(QPainter &painter, QWidget *widget, const QRect &target)
{
    const QSize size = widget->size();
    if (size.isEmpty())
        return 0;
    const double scale = std::min(double(target.width()) / size.width(), double(target.height()) / size.height());
    painter.save();
    painter.translate(target.topLeft());
    painter.scale(scale, scale);
    widget->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
    return int(size.height() * scale + 0.5);
}

} // namespace

QString SegmentReportWriter::write(const SegmentReport &report, const QString &path)
{
    const QString title = report.title.isEmpty() ? tr("Segment report") : report.title;
    return PdfDocument::write(path, title, [&](QPdfWriter &pdf, QPainter &painter) {
        const int width = pdf.width();
        const int height = pdf.height();
        const PdfDocument::Style style = PdfDocument::style();
        const QFont &titleFont = style.title;
        const QFont &textFont = style.text;
        const QFont &smallFont = style.small;
        const QFont &headingFont = style.heading;
        QFont ruleFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        ruleFont.setPointSizeF(9.5);
        const QColor &ink = style.ink;
        const QColor &grey = style.grey;

        int y = drawParagraph(painter, titleFont, title, 0, 0, width, ink);
        QStringList facts;
        if (!report.workspaceName.isEmpty())
            facts << report.workspaceName;
        if (report.analysisDate.isValid())
            facts << tr("analysis date %1").arg(dateText(report.analysisDate));
        facts << tr("made %1").arg(dateTimeText(QDateTime::currentDateTime()));
        y = drawParagraph(painter, smallFont, facts.join(QStringLiteral(" · ")), 0, y + mm(1), width, grey);

        if (!report.description.trimmed().isEmpty())
            y = drawParagraph(painter, textFont, report.description.trimmed(), 0, y + mm(3), width, ink);
        y = drawParagraph(painter, headingFont, tr("Definition"), 0, y + mm(5), width, ink);
        y = drawParagraph(painter, report.ruleText.trimmed().isEmpty() ? textFont : ruleFont,
                          report.ruleText.trimmed().isEmpty() ? tr("All customers (no conditions)") : report.ruleText.trimmed(), 0,
                          y + mm(1), width, ink);
        y = drawParagraph(painter, headingFont, tr("Size"), 0, y + mm(4), width, ink);
        y = drawParagraph(painter, textFont, report.headline.join(u'\n'), 0, y + mm(1), width, ink);

        // The charts: full-width ones alone, the others side by side, each with its title, at the height the
        // widget's proportions ask for at that width (at most a third of a page); a row that does not fit below
        // starts a new page, so no chart is squeezed until its numbers cannot be read.
        QList<QList<SegmentReport::Chart>> rows;
        for (const SegmentReport::Chart &chart : report.charts) {
            if (!chart.widget)
                continue;
            if (chart.fullWidth || rows.isEmpty() || rows.last().size() == 2 || rows.last().first().fullWidth)
                rows.append({chart});
            else
                rows.last().append(chart);
        }
        const int gap = mm(5);
        const int headingHeight = painter.boundingRect(QRect(0, 0, width, 1000), 0, QStringLiteral("Ag")).height() + mm(1);
        for (const auto &row : rows) {
            const int columnWidth = row.size() == 1 ? width : (width - gap) / 2;
            int rowHeight = 0;
            for (const auto &chart : row)
                rowHeight = std::max(rowHeight, int(double(chart.widget->height()) * columnWidth / std::max(1, chart.widget->width())));
            rowHeight = std::min(rowHeight, height / 3);
            if (y + gap + headingHeight + rowHeight > height) {
                pdf.newPage();
                y = -gap;
            }
            y += gap;
            int used = 0;
            for (int i = 0; i < row.size(); ++i) {
                const int x = i * (columnWidth + gap);
                drawParagraph(painter, headingFont, row[i].title, x, y, columnWidth, ink);
                used = std::max(used, drawWidget(painter, row[i].widget, QRect(x, y + headingHeight, columnWidth, rowHeight)));
            }
            y += headingHeight + used;
        }
        for (const ExperimentPage &experiment : report.experiments) {
            pdf.newPage();
            ExperimentReportWriter::drawPage(painter, QRect(0, 0, width, height), PdfDocument::kDpi, experiment);
        }
    });
}

} // namespace segmenta::ui
