#pragma once

#include <QFrame>

class QLabel;

namespace segmenta::ui {

// A titled frame around one chart on the dashboard. Its context menu copies the chart or saves it as PNG
// or SVG (the file name suggested from the title).
class ChartCard : public QFrame
{
    Q_OBJECT

public:
    ChartCard(QWidget *chart, QWidget *parent = nullptr);
    void setTitle(const QString &title);
    QWidget *chart() const { return m_chart; }

private:
    QLabel *m_title;
    QWidget *m_chart;
};

} // namespace segmenta::ui
