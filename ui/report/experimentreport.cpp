#include "report/experimentreport.h"

#include "common/money.h"

#include "common/datetext.h"

#include "report/pdfdocument.h"

#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QWidget>

namespace segmenta::ui {

namespace {

QString percentText(const std::optional<double> &fraction)
{
    return fraction ? QLocale().toString(*fraction * 100, 'f', 1) + u'%' : QStringLiteral("–");
}

QString pointsText(double fraction)
{
    return (fraction > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(fraction * 100, 'f', 1);
}

} // namespace

void ExperimentReportWriter::drawPage(QPainter &painter, const QRect &area, int dpi, const ExperimentPage &page)
{
    const auto mm = [dpi](double millimetres) { return PdfDocument::mm(millimetres, dpi); };
    const auto paragraph = &PdfDocument::paragraph;
    const experiments::ExperimentResult &r = page.result;
    const QLocale locale;
    const PdfDocument::Style style = PdfDocument::style();
    const QFont &titleFont = style.title;
    const QFont &textFont = style.text;
    const QFont &smallFont = style.small;
    const QFont &headingFont = style.heading;
    const QColor &ink = style.ink;
    const QColor &grey = style.grey;
    const int x = area.left();
    const int width = area.width();

    int y = paragraph(painter, titleFont, tr("Experiment “%1”").arg(r.name), x, area.top(), width, ink);
    y = paragraph(painter, smallFont,
                  tr("started %1 · orders dated %2 to %3 (%n day(s)) · made %4", nullptr, r.windowDays)
                      .arg(dateText(r.start), dateText(r.start.addDays(1)), dateText(r.end),
                           dateTimeText(QDateTime::currentDateTime())),
                  x, y + mm(1), width, grey);
    if (!page.ruleText.isEmpty())
        y = paragraph(painter, smallFont, tr("Rule: %1").arg(page.ruleText), x, y + mm(1), width, grey);

    // The table: one row per group.
    y = paragraph(painter, headingFont, tr("Groups"), x, y + mm(5), width, ink);
    const QStringList headers = {tr("Group"), tr("Members"), tr("Bought"), tr("Conversion (95% interval)"),
                                 tr("Revenue"), tr("Revenue per member"), tr("Orders per member")};
    const double shares[] = {0.13, 0.11, 0.09, 0.29, 0.14, 0.12, 0.12}; // the conversion with its interval is the widest
    const auto row = [&](const QStringList &cells, const QFont &font) {
        painter.setFont(font);
        painter.setPen(ink);
        // A cell wider than its column wraps (headings such as "Revenue per member"); the row is as tall as
        // its tallest cell.
        const auto flags = [](int column) { return (column == 0 ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignBottom | Qt::TextWordWrap; };
        int height = painter.fontMetrics().height();
        for (int i = 0; i < int(cells.size()); ++i)
            height = std::max(height, painter.boundingRect(QRect(0, 0, int(width * shares[i]) - mm(1), 100000), flags(i), cells[i]).height());
        height += mm(1.5);
        int left = x;
        for (int i = 0; i < int(cells.size()); ++i) {
            const int w = int(width * shares[i]);
            painter.drawText(QRect(left, y, w - mm(1), height - mm(0.75)), flags(i), cells[i]);
            left += w;
        }
        y += height;
    };
    y += mm(1);
    row(headers, headingFont);
    for (const auto &group : r.groups) {
        const auto interval = group.conversionInterval();
        row({group.control ? tr("%1 (control)").arg(group.name) : group.name, locale.toString(group.members),
             locale.toString(group.converted),
             interval ? tr("%1 (%2 to %3)").arg(percentText(group.conversionRate()), percentText(interval->low), percentText(interval->high))
                      : QStringLiteral("–"),
             moneyText(group.revenue, page.currencySymbol, locale),
             group.revenuePerMember() ? moneyText(*group.revenuePerMember(), page.currencySymbol, locale) : QStringLiteral("–"),
             group.ordersPerMember() ? locale.toString(*group.ordersPerMember(), 'f', 3) : QStringLiteral("–")},
            textFont);
    }

    // Each group against the control, then the plain sentences and warnings.
    y = paragraph(painter, headingFont, tr("Against the control"), x, y + mm(5), width, ink);
    for (const auto &comparison : r.comparisons) {
        const QString name = r.groups[size_t(comparison.group)].name;
        const QString control = r.groups[size_t(comparison.control)].name;
        QString line;
        if (const auto &c = comparison.conversion) {
            line = tr("%1 vs %2: difference %3 points (95% CI %4 to %5), lift %6, %7; revenue per member %8")
                       .arg(name, control, pointsText(c->difference), pointsText(c->ciLow), pointsText(c->ciHigh),
                            c->lift ? pointsText(*c->lift) + u'%' : QStringLiteral("–"),
                            c->pValue ? experiments::ExperimentResult::pStatement(*c->pValue) : QStringLiteral("p –"),
                            comparison.revenue ? experiments::ExperimentResult::pStatement(comparison.revenue->pValue)
                                               : QStringLiteral("p –"));
            y = paragraph(painter, smallFont, line, x, y + mm(1), width, grey);
        }
        y = paragraph(painter, textFont, tr("%1.", "a sentence ends").arg(r.sentence(comparison)), x, y + mm(1), width, ink);
    }
    for (const QString &note : {r.powerWarning(), r.windowNote()}) {
        if (!note.isEmpty())
            y = paragraph(painter, textFont, tr("%1.", "a sentence ends").arg(note), x, y + mm(2), width, QColor(0xb3, 0x59, 0x00));
    }

    // The chart, as wide as the page and as tall as its proportions ask (at most what is left).
    if (page.chart && !page.chart->size().isEmpty()) {
        y += mm(5);
        const QSize size = page.chart->size();
        const double scale = std::min(double(width) / size.width(), double(area.bottom() - y) / size.height());
        if (scale > 0) {
            painter.save();
            painter.translate(x, y);
            painter.scale(scale, scale);
            page.chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
            painter.restore();
        }
    }
}

QString ExperimentReportWriter::write(const ExperimentPage &page, const QString &path)
{
    return PdfDocument::write(path, tr("Experiment “%1”").arg(page.result.name), [&](QPdfWriter &pdf, QPainter &painter) {
        drawPage(painter, QRect(0, 0, pdf.width(), pdf.height()), PdfDocument::kDpi, page);
    });
}

} // namespace segmenta::ui
