#include "charttheme.h"

#include <QWidget>

namespace segmenta::ui {

void applyChartStyle(QChart *chart, const QWidget *host)
{
    const QPalette palette = host->palette();
    const bool dark = palette.color(QPalette::Window).lightnessF() < 0.5;
    chart->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
    chart->setBackgroundBrush(palette.brush(QPalette::Base));
    chart->setBackgroundRoundness(0);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setTitleFont(host->font());
    chart->legend()->setFont(host->font());
    chart->legend()->setLabelColor(palette.color(QPalette::Text));
}

} // namespace segmenta::ui
