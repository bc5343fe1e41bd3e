#pragma once

#include "metrics/settingschange.h"
#include "predict/customerpredictions.h"

#include <QDialog>

#include <array>
#include <memory>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QProgressDialog;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QTableWidget;
class QTabWidget;

namespace segmenta {
class Progress;
}

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

// Edit > Settings: the workspace's analysis date, currency symbol, lifecycle thresholds, value tier method and cut-offs, RFM
// map and prediction settings with the latest fit's figures (stored in the workspace), and the interface language (stored per user, used from the next start).
//
// The form is read from `workspace` (the GUI thread's connection, which the dialog does not own; null when
// no workspace is open, and then only the language can be changed). Invalid input disables OK, and the label
// beside it and OK's tooltip say why. Accepting writes the change through metrics::AnalysisChanges on a
// worker thread with its own connection, with a progress dialog whose Cancel leaves the workspace exactly as
// it was (the dialog stays open); on success applied() is emitted and the dialog closes. GUI thread only.
class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SettingsDialog(store::Workspace *workspace, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    // What the form holds now.
    metrics::AnalysisChange change() const;
    // Why the form cannot be accepted, or empty.
    QString problem() const;
    bool isApplying() const { return m_progress != nullptr; }

    // The prediction settings the form holds now.
    predict::PredictionSettings predictionSettings() const;

    // Shows the given page: 0 analysis, 1 RFM map, 2 language, 3 predictions.
    void showPage(int page);

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    // The change was committed to the workspace at `path`; its metrics are current.
    void applied(const QString &path);
    // A change was started and ended without being applied (cancelled or failed): nothing was written.
    void notApplied(const QString &reason);

private:
    QWidget *createAnalysisPage();
    QWidget *createCurrencyBox(QWidget *page);
    QWidget *createLifecycleGroup();
    QWidget *createTierGroup();
    QWidget *createRfmPage();
    QWidget *createLanguagePage();
    QWidget *createPredictionsPage();
    QString predictionFitText() const;
    void showChange(const metrics::AnalysisChange &change);
    void showRfmMap(const metrics::RfmMap &map);
    void lookUpLatestOrder();
    void updateState();
    void startApplying(const metrics::AnalysisChange &change, const predict::PredictionSettings &predictions);
    void finishApplying(const QString &error);

    store::Workspace *m_workspace;
    QString m_workspacePath;
    metrics::AnalysisChange m_initial;
    QDate m_initialShownDate;

    QDateEdit *m_date = nullptr;
    QPushButton *m_latestOrder = nullptr;
    QPushButton *m_today = nullptr;
    QLabel *m_dateNote = nullptr;
    QSpinBox *m_newMax = nullptr;
    QSpinBox *m_growingMax = nullptr;
    QSpinBox *m_activeDays = nullptr;
    QSpinBox *m_atRiskDays = nullptr;
    QLabel *m_lifecycleRules = nullptr;
    QComboBox *m_tierMethod = nullptr;
    QStackedWidget *m_tierPages = nullptr;
    std::array<QSpinBox *, 3> m_customerShares{};
    std::array<QSpinBox *, 3> m_revenueShares{};
    QDoubleSpinBox *m_highMinSpend = nullptr;
    QDoubleSpinBox *m_midMinSpend = nullptr;
    QTableWidget *m_rfm = nullptr;
    std::array<QSpinBox *, 4> m_frequencyFrom{}; // the fewest orders for F2 to F5
    QCheckBox *m_zeroAmountIsPurchase = nullptr;
    QComboBox *m_currency = nullptr;
    QComboBox *m_language = nullptr;
    predict::PredictionSettings m_initialPredictions;
    QCheckBox *m_predictionsOn = nullptr;
    QSpinBox *m_horizonDays = nullptr;
    QDoubleSpinBox *m_monthlyDiscount = nullptr;
    QCheckBox *m_holdoutOn = nullptr;
    QDateEdit *m_calibrationEnd = nullptr;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;

    std::shared_ptr<Progress> m_progress; // set while a change is being applied
    QProgressDialog *m_progressDialog = nullptr;
};

} // namespace segmenta::ui
