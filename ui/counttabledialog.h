#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;
class QTableWidgetItem;

namespace segmenta::ui {

// A read-only table of customer counts under a line of explanation, with a Close button: the frame the
// segment overlap and the lifecycle moves are shown in. Cells are made with countItem() and shaded by a share
// between 0 and 1; fitTable() asks for the room the rows and columns need. GUI thread.
class CountTableDialog : public QDialog
{
    Q_OBJECT

public:
    QTableWidget *table() const { return m_table; }

protected:
    CountTableDialog(int rows, int columns, QWidget *parent);

    QLabel *note() const { return m_note; }
    // A right-aligned count ("·" for none), shaded from faint (share 0) to strong (share 1) unless share < 0.
    QTableWidgetItem *countItem(qint64 count, double share) const;
    // The whole table in view, as far as `most` allows; the dialog at least `minimumWidth` wide.
    void fitTable(QSize most, int minimumWidth = 0);

private:
    QTableWidget *m_table;
    QLabel *m_note;
};

} // namespace segmenta::ui
