#pragma once

#include <QGroupBox>

class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace segmenta::ui {

// The first choice of the import wizard, and what it means: the rows go into the workspace that is open
// (added to its customers and orders; the same customer or order ID updates them), or into a new workspace,
// a file of its own, by default in the user's Documents folder and named after the spreadsheet. Without an
// open workspace only a new one can be chosen. targetPath() is where the import writes; a new workspace's
// file is created when the import runs. problem() says why the choice cannot be used (the new file exists
// already, no name). GUI thread only.
class ImportTarget : public QGroupBox
{
    Q_OBJECT

public:
    ImportTarget(const QString &openWorkspacePath, const QString &spreadsheetPath, QWidget *parent = nullptr);

    QString targetPath() const;
    bool createsWorkspace() const;
    QString problem() const;
    // The new workspace's suggested file: Documents/<spreadsheet's name>.segmenta, numbered when taken.
    static QString suggestedPath(const QString &spreadsheetPath);

Q_SIGNALS:
    void changed();

private:
    void browse();
    void update();

    QString m_openPath;
    QLabel *m_intro;
    QRadioButton *m_current;
    QRadioButton *m_new;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_problem;
};

} // namespace segmenta::ui
