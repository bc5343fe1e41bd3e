#include "chartexport.h"

#include "common/datetext.h"
#include "store/filecheck.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontMetrics>
#include <QImage>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPointer>
#include <QSvgGenerator>
#include <QWidget>

namespace segmenta::ui::chartexport {

namespace {

constexpr int kCaptionMargin = 8;

QFont titleFont(const QWidget *chart)
{
    QFont font = chart->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    return font;
}

// The height of the band above the chart; 0 without a caption.
int captionHeight(const QWidget *chart, const Caption &caption)
{
    const QStringList lines = captionLines(caption);
    if (lines.isEmpty())
        return 0;
    int height = 2 * kCaptionMargin;
    for (qsizetype i = 0; i < lines.size(); ++i)
        height += QFontMetrics(i == 0 && !caption.title.isEmpty() ? titleFont(chart) : chart->font()).height();
    return height;
}

// Paints the caption band and the chart below it onto a painter whose device is the chart's width wide.
void paintCaptioned(QPainter &painter, QWidget *chart, const Caption &caption)
{
    const int band = captionHeight(chart, caption);
    if (band > 0) {
        painter.fillRect(QRect(0, 0, chart->width(), band), chart->palette().color(QPalette::Window));
        painter.setPen(chart->palette().color(QPalette::WindowText));
        const QStringList lines = captionLines(caption);
        int y = kCaptionMargin;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QFont font = i == 0 && !caption.title.isEmpty() ? titleFont(chart) : chart->font();
            painter.setFont(font);
            const QFontMetrics metrics(font);
            painter.drawText(QRect(kCaptionMargin, y, chart->width() - 2 * kCaptionMargin, metrics.height()),
                             Qt::AlignLeft | Qt::AlignVCenter, metrics.elidedText(lines[i], Qt::ElideRight, chart->width() - 2 * kCaptionMargin));
            y += metrics.height();
        }
    }
    painter.save();
    painter.translate(0, band);
    chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
    painter.restore();
}

QImage captionedImage(QWidget *chart, const Caption &caption)
{
    const qreal ratio = chart->devicePixelRatioF();
    const QSize size(chart->width(), chart->height() + captionHeight(chart, caption));
    QImage image((QSizeF(size) * ratio).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(ratio);
    image.fill(chart->palette().color(QPalette::Window));
    QPainter painter(&image);
    paintCaptioned(painter, chart, caption);
    return image;
}

QString cannotWrite(const QString &path)
{
    return QApplication::translate("ChartExport", "Cannot write “%1”").arg(path);
}

} // namespace

QStringList captionLines(const Caption &caption)
{
    QStringList lines;
    if (!caption.title.isEmpty())
        lines << caption.title;
    QStringList facts;
    if (!caption.segment.isEmpty())
        facts << QApplication::translate("ChartExport", "Segment: %1").arg(caption.segment);
    if (caption.analysisDate.isValid())
        facts << QApplication::translate("ChartExport", "analysis date %1").arg(dateText(caption.analysisDate));
    if (!facts.isEmpty())
        lines << facts.join(QStringLiteral(" · "));
    return lines;
}

void copyToClipboard(QWidget *chart, const Caption &caption)
{
    QApplication::clipboard()->setImage(captionedImage(chart, caption));
}

QString saveToFile(QWidget *chart, const QString &path, const Caption &caption)
{
    if (const auto safe = store::FileCheck::checkOutput(path); !safe)
        return safe.errorMessage();
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QSize size(chart->width(), chart->height() + captionHeight(chart, caption));
    if (suffix == u"svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(), size));
        generator.setTitle(!caption.title.isEmpty() ? caption.title
                                                    : chart->windowTitle().isEmpty() ? chart->accessibleName() : chart->windowTitle());
        generator.setDescription(captionLines(caption).join(u'\n'));
        QPainter painter;
        if (!painter.begin(&generator))
            return cannotWrite(path);
        paintCaptioned(painter, chart, caption);
        painter.end();
        return {};
    }
    if (suffix == u"pdf") {
        // One page the size of the chart, drawn as vectors: text stays text and scales without blur.
        QPdfWriter pdf(path);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(size.width() * 72.0 / 96, size.height() * 72.0 / 96), QPageSize::Point));
        pdf.setPageMargins(QMarginsF());
        pdf.setCreator(QStringLiteral("Segmenta"));
        pdf.setTitle(caption.title);
        QPainter painter;
        if (!painter.begin(&pdf))
            return cannotWrite(path);
        const double scale = std::min(double(pdf.width()) / std::max(1, size.width()), double(pdf.height()) / std::max(1, size.height()));
        painter.scale(scale, scale);
        paintCaptioned(painter, chart, caption);
        return painter.end() ? QString() : cannotWrite(path);
    }
    if (!captionedImage(chart, caption).save(path, "PNG"))
        return cannotWrite(path);
    return {};
}

void saveWithDialog(QWidget *chart, const QString &suggestedName, const Caption &caption)
{
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(
        chart, QApplication::translate("ChartExport", "Save Chart"), suggestedName + QStringLiteral(".png"),
        QApplication::translate("ChartExport", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const QString error = saveToFile(chart, path, caption);
    if (!error.isEmpty())
        QMessageBox::warning(chart, QApplication::translate("ChartExport", "Save Chart"), error);
}

namespace {

// Names the two context-menu actions, again whenever the chart's language changes.
class MenuTexts : public QObject
{
public:
    // Owned by `copy`: when the chart's actions are replaced (a new title), this goes with them.
    MenuTexts(QWidget *chart, QAction *copy, QAction *save) : QObject(copy), m_copy(copy), m_save(save)
    {
        chart->installEventFilter(this);
        retranslate();
    }
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::LanguageChange)
            retranslate();
        return QObject::eventFilter(watched, event);
    }

private:
    void retranslate()
    {
        if (m_copy)
            m_copy->setText(QApplication::translate("ChartExport", "Copy Chart"));
        if (m_save)
            m_save->setText(QApplication::translate("ChartExport", "Save Chart as PNG, SVG or PDF…"));
    }
    QPointer<QAction> m_copy;
    QPointer<QAction> m_save;
};

} // namespace

void installContextMenu(QWidget *chart, const QString &suggestedName, std::function<Caption()> caption)
{
    chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    const auto captionNow = [caption] { return caption ? caption() : Caption{}; };
    auto *copy = new QAction(chart);
    QObject::connect(copy, &QAction::triggered, chart, [chart, captionNow] { copyToClipboard(chart, captionNow()); });
    auto *save = new QAction(chart);
    QObject::connect(save, &QAction::triggered, chart,
                     [chart, suggestedName, captionNow] { saveWithDialog(chart, suggestedName, captionNow()); });
    chart->addAction(copy);
    chart->addAction(save);
    new MenuTexts(chart, copy, save);
}

} // namespace segmenta::ui::chartexport
