#pragma once

#include "charts/chartexport.h"

#include <QFrame>

#include <functional>

class QLabel;

namespace segmenta::ui {

// A titled frame around one chart on the dashboard. Its context menu copies the chart or saves it as PNG
// or SVG (the file name suggested from the title), with a caption naming the title, the segment and the
// analysis date that the caption source gives at the time.
class ChartCard : public QFrame
{
    Q_OBJECT

public:
    ChartCard(QWidget *chart, QWidget *parent = nullptr);
    void setTitle(const QString &title);
    QWidget *chart() const { return m_chart; }
    void setCaptionSource(std::function<chartexport::Caption()> source);
    // The caption a copy or a saved file of the chart carries now.
    chartexport::Caption caption() const;

private:
    QLabel *m_title;
    QWidget *m_chart;
    std::function<chartexport::Caption()> m_captionSource;
};

} // namespace segmenta::ui
