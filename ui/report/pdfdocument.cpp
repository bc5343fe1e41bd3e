#include "report/pdfdocument.h"

#include "store/filecheck.h"

#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryFile>

namespace segmenta::ui {

namespace {

constexpr double kMarginMm = 14;

} // namespace

PdfDocument::Style PdfDocument::style()
{
    Style s;
    s.title = QGuiApplication::font();
    s.title.setPointSizeF(18);
    s.title.setBold(true);
    s.text = QGuiApplication::font();
    s.text.setPointSizeF(10);
    s.small = s.text;
    s.small.setPointSizeF(8.5);
    s.heading = s.text;
    s.heading.setBold(true);
    return s;
}

int PdfDocument::paragraph(QPainter &painter, const QFont &font, const QString &text, int x, int y, int width,
                           const QColor &colour)
{
    painter.setFont(font);
    painter.setPen(colour);
    const QRect bounds = painter.boundingRect(QRect(x, y, width, 100000), Qt::TextWordWrap, text);
    painter.drawText(QRect(x, y, width, bounds.height()), Qt::TextWordWrap, text);
    return y + bounds.height();
}

QString PdfDocument::write(const QString &path, const QString &title,
                           const std::function<void(QPdfWriter &pdf, QPainter &painter)> &draw)
{
    if (const auto safe = store::FileCheck::checkOutput(path); !safe)
        return safe.errorMessage();
    QTemporaryFile temporary(QFileInfo(path).absoluteDir().filePath(QStringLiteral(".segmenta-pdf-XXXXXX.pdf")));
    if (!temporary.open())
        return tr("Cannot write “%1”: %2").arg(path, temporary.errorString());
    temporary.close();
    {
        QPdfWriter pdf(temporary.fileName());
        pdf.setResolution(kDpi);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        pdf.setPageMargins(QMarginsF(kMarginMm, kMarginMm, kMarginMm, kMarginMm), QPageLayout::Millimeter);
        pdf.setTitle(title);
        pdf.setCreator(QStringLiteral("Segmenta"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return tr("Cannot write “%1”").arg(path);
        draw(pdf, painter);
        if (!painter.end())
            return tr("Cannot write “%1”").arg(path);
    }
    if (QFile::exists(path) && !QFile::remove(path))
        return tr("Cannot replace “%1”").arg(path);
    if (!QFile::rename(temporary.fileName(), path))
        return tr("Cannot write “%1”").arg(path);
    temporary.setAutoRemove(false);
    return {};
}

} // namespace segmenta::ui
