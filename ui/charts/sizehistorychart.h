#pragma once

#include <QColor>
#include <QDate>
#include <QList>
#include <QString>
#include <QWidget>

class QChartView;

namespace segmenta::ui {

// How segment sizes changed across analysis dates and imports: one line per segment in its colour.
class SizeHistoryChart : public QWidget
{
    Q_OBJECT

public:
    struct Series
    {
        QString name;
        QColor color;
        QList<QPair<QDate, qint64>> points;
    };

    explicit SizeHistoryChart(QWidget *parent = nullptr);
    void setSeries(const QList<Series> &series);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();

    QChartView *m_view;
    QList<Series> m_series;
};

} // namespace segmenta::ui
