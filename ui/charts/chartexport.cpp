#include "chartexport.h"

#include "store/filecheck.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPointer>
#include <QSvgGenerator>
#include <QWidget>

namespace segmenta::ui::chartexport {

void copyToClipboard(QWidget *chart)
{
    QApplication::clipboard()->setPixmap(chart->grab());
}

QString saveToFile(QWidget *chart, const QString &path)
{
    if (const auto safe = store::FileCheck::checkOutput(path); !safe)
        return safe.errorMessage();
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"svg") {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(chart->size());
        generator.setViewBox(chart->rect());
        generator.setTitle(chart->windowTitle().isEmpty() ? chart->accessibleName() : chart->windowTitle());
        QPainter painter;
        if (!painter.begin(&generator))
            return QApplication::translate("ChartExport", "Cannot write “%1”").arg(path);
        chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        painter.end();
        return {};
    }
    if (suffix == u"pdf") {
        // One page the size of the chart, drawn as vectors: text stays text and scales without blur.
        QPdfWriter pdf(path);
        pdf.setResolution(96);
        pdf.setPageSize(QPageSize(QSizeF(chart->width() * 72.0 / 96, chart->height() * 72.0 / 96), QPageSize::Point));
        pdf.setPageMargins(QMarginsF());
        pdf.setCreator(QStringLiteral("Segmenta"));
        QPainter painter;
        if (!painter.begin(&pdf))
            return QApplication::translate("ChartExport", "Cannot write “%1”").arg(path);
        const double scale = std::min(double(pdf.width()) / std::max(1, chart->width()), double(pdf.height()) / std::max(1, chart->height()));
        painter.scale(scale, scale);
        chart->render(&painter, QPoint(), QRegion(), QWidget::DrawChildren);
        return painter.end() ? QString() : QApplication::translate("ChartExport", "Cannot write “%1”").arg(path);
    }
    if (!chart->grab().save(path, "PNG"))
        return QApplication::translate("ChartExport", "Cannot write “%1”").arg(path);
    return {};
}

void saveWithDialog(QWidget *chart, const QString &suggestedName)
{
    QString selectedFilter;
    const QString path = QFileDialog::getSaveFileName(
        chart, QApplication::translate("ChartExport", "Save Chart"), suggestedName + QStringLiteral(".png"),
        QApplication::translate("ChartExport", "PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"), &selectedFilter);
    if (path.isEmpty())
        return;
    const QString error = saveToFile(chart, path);
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

void installContextMenu(QWidget *chart, const QString &suggestedName)
{
    chart->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *copy = new QAction(chart);
    QObject::connect(copy, &QAction::triggered, chart, [chart] { copyToClipboard(chart); });
    auto *save = new QAction(chart);
    QObject::connect(save, &QAction::triggered, chart, [chart, suggestedName] { saveWithDialog(chart, suggestedName); });
    chart->addAction(copy);
    chart->addAction(save);
    new MenuTexts(chart, copy, save);
}

} // namespace segmenta::ui::chartexport
