#pragma once

#include "import/importer.h"

#include <QTimer>
#include <QWizard>
#include <QWizardPage>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace segmenta::ui {

// The import wizard: where the rows go (the open workspace or a new one, see ImportTarget) and the source
// (sheet, encoding, delimiter, header row, with the first rows shown) -> columns
// (kind of list; per column: import or not, role, type, sample values, what could not be read) -> run (progress,
// Cancel) -> summary with the rejected rows, which can be saved as CSV.
//
// Every choice re-reads the start of the file on a worker thread (import::Importer::preview), so a 1,000,000
// row file never blocks the window; stale previews are dropped. The import itself runs on a worker with its
// own workspace connection; Cancel leaves the workspace as it was. A mapping the user edits is remembered by
// the importer for files with the same headers, and applied (and said so) the next time. GUI thread only.
class ImportWizard : public QWizard
{
    Q_OBJECT

public:
    // `openWorkspacePath`: the workspace open in the window, offered as the target; empty when none is.
    ImportWizard(const QString &openWorkspacePath, const QString &filePath, QWidget *parent = nullptr);
    ~ImportWizard() override;

    const QString &filePath() const { return m_filePath; }
    // Where the import writes: the open workspace, or the new workspace's file (created when the import runs).
    const QString &workspacePath() const { return m_workspacePath; }
    bool createsWorkspace() const { return m_createsWorkspace; }
    void setTarget(const QString &workspacePath, bool createsWorkspace);
    // The latest preview, or nullopt while the first is read or when the file cannot be read.
    const std::optional<import::ImportPreview> &preview() const { return m_preview; }
    const QString &previewError() const { return m_previewError; }
    bool previewPending() const { return m_running || m_queued || m_debounce.isActive(); }

    // The choices as the pages set them.
    import::ImportOptions &options() { return m_options; }
    // Reads the start of the file again with the current options (debounced).
    void requestPreview();
    // Sets every column's choice from what the mapping page shows; `edited` says the user changed it.
    void setColumnChoices(std::map<QString, import::ColumnChoice> choices);

    // The import's result, once it has run.
    const std::optional<import::ImportSummary> &summary() const { return m_summary; }

Q_SIGNALS:
    void previewChanged();
    // A new preview was asked for: pages hold Next until it arrives.
    void previewRequested();
    // An import finished and was committed: the window reloads the workspace.
    void imported(qint64 sourceId);

private:
    friend class ImportRunPage;
    void startPreview();
    void setSummary(const import::ImportSummary &summary);

    QString m_workspacePath;
    bool m_createsWorkspace = false;
    QString m_filePath;
    import::ImportOptions m_options;
    std::optional<import::ImportPreview> m_preview;
    QString m_previewError;
    std::optional<import::ImportSummary> m_summary;
    QTimer m_debounce;
    bool m_running = false;
    bool m_queued = false;
    quint64 m_generation = 0;
};

class ImportTarget;

// Where the rows go; sheet, encoding, delimiter and header row, with the file's first rows.
class ImportSourcePage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportSourcePage(ImportWizard *wizard);
    bool isComplete() const override;

private:
    void showPreview();
    void optionsEdited();

    ImportWizard *m_wizard;
    ImportTarget *m_target;
    QLabel *m_file;
    QLabel *m_sheetLabel;
    QComboBox *m_sheet;
    QLabel *m_encodingLabel;
    QComboBox *m_encoding;
    QLabel *m_delimiterLabel;
    QComboBox *m_delimiter;
    QSpinBox *m_headerRow;
    QTableWidget *m_rows;
    QLabel *m_status;
    bool m_filling = false;
};

// The kind of list and each column's role, type and inclusion.
class ImportMappingPage : public QWizardPage
{
    Q_OBJECT

public:
    explicit ImportMappingPage(ImportWizard *wizard);
    void initializePage() override;
    bool isComplete() const override;

private:
    void showPreview();
    void showDayOrder(int row, const import::ImportedField &field);
    void choicesEdited();

    ImportWizard *m_wizard;
    QComboBox *m_kind;
    QLabel *m_banner;
    QTableWidget *m_columns;
    QLabel *m_problem;
    bool m_filling = false;
};

} // namespace segmenta::ui
