#pragma once

#include "export/exportoptions.h"
#include "store/field.h"

#include <QDialog>

#include <vector>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// Asks how to export the members of a segment (or of the rule being edited): the file (.xlsx or .csv), the
// columns (checkable, in the order listed; drag or Move Up / Move Down to reorder), CSV encoding and
// delimiter, masking of personal data, and an optional A/B split (percentages and seed, as a Group column or
// one sheet / file per group), which can be recorded as an A/B experiment with a name and a control group
// (Segment > Experiments measures it later).
//
// The column choice starts from what was last chosen for this segment (ExportColumnChoice) or the default
// columns. Export checks the options, asks before replacing existing files, remembers the columns and emits
// exportRequested() with complete options (force set when the user agreed to replace); it does not export.
// GUI thread; the workspace must outlive the dialog.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(store::Workspace *workspace, const QString &segmentName, QWidget *parent = nullptr);

    // The options the widgets describe now (columns as checked, in list order).
    exporting::ExportOptions options() const;
    QStringList checkedColumns() const;

    void accept() override;

Q_SIGNALS:
    void exportRequested(const segmenta::exporting::ExportOptions &options);

private:
    void browse();
    void moveSelected(int by);
    void updateEnabled();
    void updateControlChoices();
    QString defaultPath() const;

    store::Workspace *m_workspace;
    QString m_segmentName;
    std::vector<store::FieldInfo> m_fields;
    QLineEdit *m_path;
    QListWidget *m_columns;
    QPushButton *m_up;
    QPushButton *m_down;
    QComboBox *m_encoding;
    QComboBox *m_delimiter;
    QLabel *m_csvNote;
    QCheckBox *m_mask;
    QGroupBox *m_split;
    QLineEdit *m_percents;
    QSpinBox *m_seed;
    QComboBox *m_splitAs;
    QCheckBox *m_experiment;
    QLineEdit *m_experimentName;
    QComboBox *m_control;
    QPushButton *m_exportButton;
};

} // namespace segmenta::ui
