#pragma once

#include <QString>
#include <QWidget>

#include <vector>

namespace segmenta::ui {

// Conversion per group of an experiment: one bar per group at its rate, with a whisker over its 95 %
// interval and the rate written above; the control group's bar is grey. Paints itself (no Qt Charts: error
// bars are not one of its series), so it renders the same on screen and into the PDF report. GUI thread.
class ConversionChart : public QWidget
{
    Q_OBJECT

public:
    struct Bar
    {
        QString label;  // "A (control)"
        bool control = false;
        bool empty = true; // no members: no bar, "no members" instead
        double rate = 0;
        double low = 0;
        double high = 0;
    };

    explicit ConversionChart(QWidget *parent = nullptr);
    void setBars(std::vector<Bar> bars);
    const std::vector<Bar> &bars() const { return m_bars; }
    QSize sizeHint() const override { return {460, 260}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    std::vector<Bar> m_bars;
};

} // namespace segmenta::ui
