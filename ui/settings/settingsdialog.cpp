#include "settings/settingsdialog.h"
#include "busywork.h"

#include "common/datetext.h"
#include "common/money.h"

#include "settings/appsettings.h"

#include "common/progress.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace segmenta::ui {

namespace {

// A spin box for a count of orders or days, its unit after the number ("1 order", "4 orders").
QSpinBox *numberBox(QWidget *parent, const char *name, int minimum, int maximum, const QString &one,
                    const QString &many)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(QString::fromLatin1(name));
    box->setRange(minimum, maximum);
    box->setAccelerated(true);
    const auto unit = [box, one, many](int value) { box->setSuffix(value == 1 ? one : many); };
    QObject::connect(box, &QSpinBox::valueChanged, box, unit);
    unit(box->value());
    return box;
}

QSpinBox *percentBox(QWidget *parent, const QString &name)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(0, 100);
    box->setSuffix(QStringLiteral(" %"));
    return box;
}

// A light background per RFM segment name, the same for every cell with that name.
QColor segmentColor(const QString &name)
{
    return QColor::fromHsv(int(qHash(name, 7) % 360), 38, 250);
}

int percent(double share)
{
    return int(std::lround(share * 100));
}

// The three shares of a share method (high, mid, low) as the user typed them; the problem when they do not
// make up the whole.
QString shareProblem(const std::array<QSpinBox *, 3> &boxes, const QString &what)
{
    const int sum = boxes[0]->value() + boxes[1]->value() + boxes[2]->value();
    if (boxes[0]->value() <= 0 || boxes[1]->value() <= 0)
        return SettingsDialog::tr("The high and mid tiers each need a share above 0 % of %1").arg(what);
    if (sum != 100)
        return SettingsDialog::tr("The shares of %1 add up to %2 %; they must add up to 100 %").arg(what).arg(sum);
    return {};
}

} // namespace

SettingsDialog::SettingsDialog(store::Workspace *workspace, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_tabs(new QTabWidget(this)), m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    if (m_workspace) {
        m_workspacePath = m_workspace->path();
        m_initial = metrics::AnalysisChange::current(*m_workspace);
        m_initialPredictions = predict::PredictionSettings::load(*m_workspace);
    }
    m_tabs->addTab(createAnalysisPage(), tr("Analysis"));
    m_tabs->addTab(createRfmPage(), tr("RFM Map"));
    m_tabs->addTab(createLanguagePage(), tr("Language"));
    m_tabs->addTab(createPredictionsPage(), tr("Predictions"));
    if (!m_workspace || m_workspace->isReadOnly()) {
        m_tabs->setTabEnabled(0, false);
        m_tabs->setTabEnabled(1, false);
        m_tabs->setTabEnabled(3, false);
        m_tabs->setCurrentIndex(2);
    }

    m_problem->setObjectName(QStringLiteral("settingsProblem"));
    m_problem->setWordWrap(true);
    QPalette problemPalette = m_problem->palette();
    problemPalette.setColor(QPalette::WindowText, QColor(0xc0, 0x30, 0x30));
    m_problem->setPalette(problemPalette);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_problem, 1);
    bottom->addWidget(m_buttons);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addLayout(bottom);
    resize(760, 520);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    if (m_workspace) {
        showChange(m_initial);
        lookUpLatestOrder();
    }
    updateState();
    if (m_workspace && m_workspace->isReadOnly())
        m_problem->setText(tr("“%1” is read-only: only the language can be changed.").arg(m_workspace->displayName()));
}

SettingsDialog::~SettingsDialog()
{
    if (m_progress)
        m_progress->cancel(); // the worker rolls back; its result is dropped with this dialog
}

QWidget *SettingsDialog::createAnalysisPage()
{
    auto *page = new QWidget(this);
    auto *dateGroup = new QGroupBox(tr("Analysis date"), page);
    m_date = new QDateEdit(dateGroup);
    m_date->setObjectName(QStringLiteral("analysisDate"));
    m_date->setCalendarPopup(true);
    m_date->setDateRange(QDate(1990, 1, 1), QDate(2100, 12, 31));
    // The locale's short format when it shows four-digit years (not the two-digit US one).
    m_date->setDisplayFormat(datePattern());
    m_date->setMinimumWidth(m_date->fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88")) + 48);
    m_latestOrder = new QPushButton(tr("Day after the latest order"), dateGroup);
    m_latestOrder->setObjectName(QStringLiteral("latestOrderButton"));
    m_latestOrder->setEnabled(false);
    m_today = new QPushButton(tr("Today"), dateGroup);
    m_today->setObjectName(QStringLiteral("todayButton"));
    m_dateNote = new QLabel(dateGroup);
    m_dateNote->setWordWrap(true);
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(m_date);
    dateRow->addWidget(m_latestOrder);
    dateRow->addWidget(m_today);
    dateRow->addStretch();
    auto *dateLayout = new QVBoxLayout(dateGroup);
    dateLayout->addLayout(dateRow);
    dateLayout->addWidget(m_dateNote);
    connect(m_today, &QPushButton::clicked, this, [this] { m_date->setDate(QDate::currentDate()); });
    connect(m_date, &QDateEdit::dateChanged, this, &SettingsDialog::updateState);

    auto *columns = new QHBoxLayout;
    columns->addWidget(createLifecycleGroup(), 1);
    columns->addWidget(createTierGroup(), 1);
    m_zeroAmountIsPurchase = new QCheckBox(tr("Count orders of zero amount (free samples, fully discounted) as purchases"), page);
    m_zeroAmountIsPurchase->setObjectName(QStringLiteral("zeroAmountIsPurchase"));
    connect(m_zeroAmountIsPurchase, &QCheckBox::toggled, this, &SettingsDialog::updateState);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(dateGroup);
    auto *purchaseRow = new QHBoxLayout;
    purchaseRow->addWidget(m_zeroAmountIsPurchase, 1);
    purchaseRow->addWidget(createCurrencyBox(page));
    layout->addLayout(purchaseRow);
    layout->addLayout(columns, 1);
    return page;
}

QWidget *SettingsDialog::createCurrencyBox(QWidget *page)
{
    auto *box = new QWidget(page);
    m_currency = new QComboBox(box);
    m_currency->setObjectName(QStringLiteral("currencySymbol"));
    m_currency->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_currency->addItem(tr("%1 (from your region)").arg(defaultCurrencySymbol()), QString());
    for (const char *symbol : {"¥", "$", "€", "£", "HK$", "NT$", "MOP$", "S$", "A$", "C$", "₩", "₹", "₫", "฿", "RM", "₱", "Rp", "CHF", "R$", "₽"}) {
        const QString text = QString::fromUtf8(symbol);
        m_currency->addItem(text, text);
    }
    const QString tip = tr("The symbol shown with amounts of money (dashboard, customer card, Customers view, report, "
                           "Excel export). Amounts are not converted. Kept with this workspace.");
    m_currency->setToolTip(tip);
    auto *label = new QLabel(tr("Currency:"), box);
    label->setBuddy(m_currency);
    label->setToolTip(tip);
    auto *row = new QHBoxLayout(box);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(label);
    row->addWidget(m_currency);
    connect(m_currency, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateState);
    return box;
}

QWidget *SettingsDialog::createLifecycleGroup()
{
    auto *group = new QGroupBox(tr("Lifecycle stages"), this);
    const QString order = tr(" order");
    const QString orders = tr(" orders");
    const QString day = tr(" day");
    const QString days = tr(" days");
    m_newMax = numberBox(group, "newMaxOrders", 1, 1000, order, orders);
    m_growingMax = numberBox(group, "growingMaxOrders", 1, 10000, order, orders);
    m_activeDays = numberBox(group, "activeDays", 1, 3650, day, days);
    m_atRiskDays = numberBox(group, "atRiskDays", 1, 36500, day, days);
    auto *form = new QFormLayout;
    form->addRow(tr("New: up to"), m_newMax);
    form->addRow(tr("Growing: up to"), m_growingMax);
    form->addRow(tr("Active: last order within"), m_activeDays);
    form->addRow(tr("At risk: up to"), m_atRiskDays);
    m_lifecycleRules = new QLabel(group);
    m_lifecycleRules->setObjectName(QStringLiteral("lifecycleRules"));
    m_lifecycleRules->setWordWrap(true);
    m_lifecycleRules->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(form);
    layout->addWidget(m_lifecycleRules);
    layout->addStretch();
    for (QSpinBox *box : {m_newMax, m_growingMax, m_activeDays, m_atRiskDays})
        connect(box, &QSpinBox::valueChanged, this, &SettingsDialog::updateState);
    return group;
}

QWidget *SettingsDialog::createTierGroup()
{
    auto *group = new QGroupBox(tr("Value tiers"), this);
    m_tierMethod = new QComboBox(group);
    m_tierMethod->setObjectName(QStringLiteral("tierMethod"));
    m_tierMethod->addItem(tr("Share of customers, by spend"), int(metrics::TierMethod::CustomerShare));
    m_tierMethod->addItem(tr("Share of revenue (ABC)"), int(metrics::TierMethod::RevenueShare));
    m_tierMethod->addItem(tr("Fixed spend thresholds"), int(metrics::TierMethod::SpendThresholds));
    m_tierPages = new QStackedWidget(group);

    const auto sharePage = [this](std::array<QSpinBox *, 3> &boxes, const QString &prefix,
                                  const std::array<QString, 3> &labels) {
        auto *page = new QWidget(m_tierPages);
        auto *form = new QFormLayout(page);
        form->setContentsMargins(0, 0, 0, 0);
        static const char *const names[] = {"High", "Mid", "Low"};
        for (size_t i = 0; i < boxes.size(); ++i) {
            boxes[i] = percentBox(page, prefix + QLatin1StringView(names[i]));
            form->addRow(labels[i], boxes[i]);
            connect(boxes[i], &QSpinBox::valueChanged, this, &SettingsDialog::updateState);
        }
        m_tierPages->addWidget(page);
    };
    sharePage(m_customerShares, QStringLiteral("customerShare"),
              {tr("High value: the top"), tr("Mid value: the next"), tr("Low value: the rest")});
    sharePage(m_revenueShares, QStringLiteral("revenueShare"),
              {tr("High value: first share of revenue"), tr("Mid value: next share"), tr("Low value: last share")});

    auto *spendPage = new QWidget(m_tierPages);
    auto *spendForm = new QFormLayout(spendPage);
    spendForm->setContentsMargins(0, 0, 0, 0);
    for (auto [box, name] : {std::pair{&m_highMinSpend, "highMinSpend"}, std::pair{&m_midMinSpend, "midMinSpend"}}) {
        *box = new QDoubleSpinBox(spendPage);
        (*box)->setObjectName(QString::fromLatin1(name));
        (*box)->setRange(0, 1e12);
        (*box)->setDecimals(2);
        (*box)->setGroupSeparatorShown(true);
        connect(*box, &QDoubleSpinBox::valueChanged, this, &SettingsDialog::updateState);
    }
    spendForm->addRow(tr("High value: spent at least"), m_highMinSpend);
    spendForm->addRow(tr("Mid value: spent at least"), m_midMinSpend);
    m_tierPages->addWidget(spendPage);

    auto *note = new QLabel(tr("Customers without a valid purchase form a tier of their own."), group);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(group);
    layout->addWidget(m_tierMethod);
    layout->addWidget(m_tierPages);
    layout->addWidget(note);
    layout->addStretch();
    connect(m_tierMethod, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_tierPages->setCurrentIndex(index);
        updateState();
    });
    return group;
}

QWidget *SettingsDialog::createRfmPage()
{
    auto *page = new QWidget(this);
    auto *intro = new QLabel(tr("The name of each combination of recency (R) and frequency (F) scores, from 1 "
                                "(least recent, fewest orders) to 5. Double-click a cell to rename it."),
                             page);
    intro->setWordWrap(true);
    m_rfm = new QTableWidget(5, 5, page);
    m_rfm->setObjectName(QStringLiteral("rfmMap"));
    for (int f = 1; f <= 5; ++f)
        m_rfm->setHorizontalHeaderItem(f - 1, new QTableWidgetItem(tr("F%1").arg(f)));
    for (int r = 5; r >= 1; --r)
        m_rfm->setVerticalHeaderItem(5 - r, new QTableWidgetItem(tr("R%1").arg(r)));
    m_rfm->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_rfm->verticalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    // Cells show translated default names; the stored name (Qt::UserRole) changes only when the user edits.
    connect(m_rfm, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->text() != metrics::rfmDisplayName(item->data(Qt::UserRole).toString())) {
            const QSignalBlocker blocker(m_rfm);
            item->setData(Qt::UserRole, item->text().trimmed());
            item->setBackground(segmentColor(item->text().trimmed()));
        }
        updateState();
    });
    // F by order counts: the fewest orders that score F2 to F5.
    auto *bins = new QHBoxLayout;
    bins->addWidget(new QLabel(tr("Frequency by orders: F1 below F2;"), page));
    for (int i = 0; i < 4; ++i) {
        m_frequencyFrom[size_t(i)] = new QSpinBox(page);
        m_frequencyFrom[size_t(i)]->setObjectName(QStringLiteral("frequencyFrom%1").arg(i + 2));
        m_frequencyFrom[size_t(i)]->setRange(2, 1000);
        m_frequencyFrom[size_t(i)]->setPrefix(tr("F%1 from ").arg(i + 2));
        m_frequencyFrom[size_t(i)]->setSuffix(tr(" orders"));
        connect(m_frequencyFrom[size_t(i)], &QSpinBox::valueChanged, this, &SettingsDialog::updateState);
        bins->addWidget(m_frequencyFrom[size_t(i)]);
    }
    bins->addStretch();
    auto *restore = new QPushButton(tr("Restore the Default Names"), page);
    restore->setObjectName(QStringLiteral("restoreRfmMap"));
    connect(restore, &QPushButton::clicked, this, [this] { showRfmMap(metrics::RfmMap::defaultMap()); });
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(intro);
    layout->addWidget(m_rfm, 1);
    layout->addLayout(bins);
    layout->addWidget(restore, 0, Qt::AlignLeft);
    return page;
}

QWidget *SettingsDialog::createLanguagePage()
{
    auto *page = new QWidget(this);
    m_language = new QComboBox(page);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->addItem(tr("System default"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(AppSettings::instance().language())));
    auto *note = new QLabel(tr("The new language applies as soon as you press OK."), page);
    note->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Interface language:"), m_language);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addStretch();
    return page;
}

QWidget *SettingsDialog::createPredictionsPage()
{
    auto *page = new QWidget(this);
    const predict::PredictionSettings &s = m_initialPredictions;
    m_predictionsOn = new QCheckBox(tr("Predict P(alive), churn risk, expected orders and CLV with the metrics"), page);
    m_predictionsOn->setObjectName(QStringLiteral("predictionsOn"));
    m_predictionsOn->setChecked(s.enabled);
    m_horizonDays = new QSpinBox(page);
    m_horizonDays->setObjectName(QStringLiteral("horizonDays"));
    m_horizonDays->setRange(30, 3650);
    m_horizonDays->setSuffix(tr(" days"));
    m_horizonDays->setValue(s.horizonDays);
    m_monthlyDiscount = new QDoubleSpinBox(page);
    m_monthlyDiscount->setObjectName(QStringLiteral("monthlyDiscount"));
    m_monthlyDiscount->setRange(0, 20);
    m_monthlyDiscount->setDecimals(2);
    m_monthlyDiscount->setSingleStep(0.25);
    m_monthlyDiscount->setSuffix(QStringLiteral(" %"));
    m_monthlyDiscount->setValue(s.monthlyDiscount * 100);
    m_holdoutOn = new QCheckBox(tr("Check the model: also fit on purchases up to"), page);
    m_holdoutOn->setObjectName(QStringLiteral("holdoutOn"));
    m_calibrationEnd = new QDateEdit(page);
    m_calibrationEnd->setObjectName(QStringLiteral("calibrationEnd"));
    m_calibrationEnd->setCalendarPopup(true);
    m_calibrationEnd->setDisplayFormat(datePattern());
    m_holdoutOn->setChecked(s.calibrationEnd.isValid());
    m_calibrationEnd->setDate(s.calibrationEnd.isValid() ? s.calibrationEnd : QDate::currentDate().addDays(-180));
    m_calibrationEnd->setEnabled(s.calibrationEnd.isValid());
    connect(m_holdoutOn, &QCheckBox::toggled, m_calibrationEnd, &QWidget::setEnabled);
    connect(m_holdoutOn, &QCheckBox::toggled, this, &SettingsDialog::updateState);
    connect(m_calibrationEnd, &QDateEdit::dateChanged, this, &SettingsDialog::updateState);
    auto *holdout = new QHBoxLayout;
    holdout->addWidget(m_holdoutOn);
    holdout->addWidget(m_calibrationEnd);
    holdout->addStretch();
    auto *form = new QFormLayout;
    form->addRow(m_predictionsOn);
    form->addRow(tr("Predicted CLV covers:"), m_horizonDays);
    form->addRow(tr("Monthly discount rate:"), m_monthlyDiscount);
    form->addRow(holdout);
    auto *fit = new QLabel(predictionFitText(), page);
    fit->setObjectName(QStringLiteral("predictionFit"));
    fit->setWordWrap(true);
    fit->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *fitGroup = new QGroupBox(tr("The latest fit"), page);
    auto *fitLayout = new QVBoxLayout(fitGroup);
    fitLayout->addWidget(fit);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(fitGroup);
    layout->addStretch();
    return page;
}

// The stored fit in words: parameters with standard errors, log-likelihoods, counts, or why there is none.
QString SettingsDialog::predictionFitText() const
{
    const QString thresholds = tr("Predictions need at least %1 customers with a purchase, %2 repeat buyers and %3 days "
                                  "of history.")
                                   .arg(predict::kMinimumBuyers)
                                   .arg(predict::kMinimumRepeatBuyers)
                                   .arg(predict::kMinimumHistoryDays);
    const auto report = m_workspace ? predict::CustomerPredictions::storedReport(*m_workspace) : std::nullopt;
    if (!report)
        return tr("No predictions have been computed.") + u'\n' + thresholds;
    const QLocale locale;
    const auto withError = [&](double value, const std::vector<double> &errors, size_t i) {
        return i < errors.size() ? tr("%1 (± %2)").arg(locale.toString(value, 'f', 3), locale.toString(errors[i], 'f', 3))
                                 : locale.toString(value, 'f', 3);
    };
    QStringList lines;
    lines << tr("Fitted on %1 customers with a purchase by %2, %3 of them repeat buyers.")
                 .arg(locale.toString(report->customers), dateText(report->calibrationEnd),
                      locale.toString(report->repeatBuyers));
    if (report->purchases) {
        const auto &p = report->purchases->parameters;
        const auto &e = report->purchases->standardErrors;
        lines << tr("Purchases (BG/NBD, weeks): r = %1, α = %2, a = %3, b = %4; log-likelihood %5")
                     .arg(withError(p.r, e, 0), withError(p.alpha, e, 1), withError(p.a, e, 2), withError(p.b, e, 3),
                          locale.toString(report->purchases->logLikelihood, 'f', 2));
    }
    if (report->spend) {
        const auto &g = report->spend->parameters;
        const auto &e = report->spend->standardErrors;
        lines << tr("Spend per purchase (Gamma-Gamma): p = %1, q = %2, γ = %3; log-likelihood %4")
                     .arg(withError(g.p, e, 0), withError(g.q, e, 1), withError(g.gamma, e, 2),
                          locale.toString(report->spend->logLikelihood, 'f', 2));
    }
    if (!report->warning.isEmpty())
        lines << tr("Warning: %1").arg(report->warning);
    lines << thresholds;
    return lines.join(u'\n');
}

predict::PredictionSettings SettingsDialog::predictionSettings() const
{
    predict::PredictionSettings s = m_initialPredictions;
    if (!m_predictionsOn)
        return s;
    s.enabled = m_predictionsOn->isChecked();
    s.horizonDays = m_horizonDays->value();
    s.monthlyDiscount = m_monthlyDiscount->value() / 100;
    s.calibrationEnd = m_holdoutOn->isChecked() ? m_calibrationEnd->date() : QDate();
    return s;
}

void SettingsDialog::showChange(const metrics::AnalysisChange &change)
{
    m_initialShownDate = change.analysisDate.isValid() ? change.analysisDate
                         : m_workspace                ? m_workspace->analysisDate()
                                                      : QDate::currentDate();
    m_date->setDate(m_initialShownDate);
    const auto &lifecycle = change.settings.lifecycle;
    m_newMax->setValue(lifecycle.newMaxOrders);
    m_growingMax->setValue(lifecycle.growingMaxOrders);
    m_activeDays->setValue(lifecycle.activeDays);
    m_atRiskDays->setValue(lifecycle.atRiskDays);
    const auto &tiers = change.settings.tiers;
    m_tierMethod->setCurrentIndex(m_tierMethod->findData(int(tiers.method)));
    m_customerShares[0]->setValue(percent(tiers.highCustomerShare));
    m_customerShares[1]->setValue(percent(tiers.midCustomerShare));
    m_customerShares[2]->setValue(100 - percent(tiers.highCustomerShare) - percent(tiers.midCustomerShare));
    m_revenueShares[0]->setValue(percent(tiers.highRevenueShare));
    m_revenueShares[1]->setValue(percent(tiers.midRevenueShare));
    m_revenueShares[2]->setValue(100 - percent(tiers.highRevenueShare) - percent(tiers.midRevenueShare));
    m_highMinSpend->setValue(tiers.highMinSpend);
    m_midMinSpend->setValue(tiers.midMinSpend);
    showRfmMap(change.settings.rfm);
    for (size_t i = 0; i < 4; ++i)
        m_frequencyFrom[i]->setValue(change.settings.rfm.frequencyFrom[i]);
    m_zeroAmountIsPurchase->setChecked(change.settings.purchase.zeroAmountIsPurchase);
    if (m_currency->findData(change.currencySymbol) < 0)
        m_currency->addItem(change.currencySymbol, change.currencySymbol);
    m_currency->setCurrentIndex(m_currency->findData(change.currencySymbol));
}

void SettingsDialog::showRfmMap(const metrics::RfmMap &map)
{
    const QSignalBlocker blocker(m_rfm);
    for (int r = 5; r >= 1; --r) {
        for (int f = 1; f <= 5; ++f) {
            auto *item = new QTableWidgetItem(metrics::rfmDisplayName(map.name(r, f)));
            item->setData(Qt::UserRole, map.name(r, f));
            item->setTextAlignment(Qt::AlignCenter);
            item->setBackground(segmentColor(map.name(r, f)));
            item->setForeground(QColor(Qt::black));
            m_rfm->setItem(5 - r, f - 1, item);
        }
    }
    updateState();
}

void SettingsDialog::lookUpLatestOrder()
{
    // A scan of the orders: on a worker with its own read-only connection, never on the GUI thread.
    // A watcher owned by the dialog, not then(this, …): the dialog may close before the scan ends, and its
    // result must then simply be dropped.
    const QString path = m_workspacePath;
    auto *watcher = new QFutureWatcher<QDate>(this);
    connect(watcher, &QFutureWatcher<QDate>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QDate date = watcher->result();
        if (!date.isValid()) {
            m_latestOrder->setToolTip(tr("The workspace has no orders"));
            return;
        }
        m_latestOrder->setEnabled(true);
        m_latestOrder->setText(tr("Day after the latest order (%1)").arg(dateText(date)));
        connect(m_latestOrder, &QPushButton::clicked, this, [this, date] { m_date->setDate(date); });
    });
    watcher->setFuture(QtConcurrent::run(workers(), [path]() -> QDate {
        auto workspace = store::Workspace::open(path, store::Workspace::Mode::ReadOnly);
        if (!workspace)
            return {};
        try {
            return workspace.value()->suggestedAnalysisDate();
        } catch (const store::DatabaseError &) {
            return {};
        }
    }));
}

metrics::AnalysisChange SettingsDialog::change() const
{
    metrics::AnalysisChange change = m_initial;
    if (!m_workspace || m_workspace->isReadOnly())
        return change;
    // An unchanged date keeps a workspace without a fixed date following the calendar.
    change.analysisDate = m_date->date() == m_initialShownDate ? m_initial.analysisDate : m_date->date();
    auto &lifecycle = change.settings.lifecycle;
    lifecycle.newMaxOrders = m_newMax->value();
    lifecycle.growingMaxOrders = m_growingMax->value();
    lifecycle.activeDays = m_activeDays->value();
    lifecycle.atRiskDays = m_atRiskDays->value();
    auto &tiers = change.settings.tiers;
    tiers.method = metrics::TierMethod(m_tierMethod->currentData().toInt());
    // Unchanged percentages keep the stored fractions exactly.
    const auto share = [](const QSpinBox *box, double stored) {
        return box->value() == percent(stored) ? stored : box->value() / 100.0;
    };
    tiers.highCustomerShare = share(m_customerShares[0], m_initial.settings.tiers.highCustomerShare);
    tiers.midCustomerShare = share(m_customerShares[1], m_initial.settings.tiers.midCustomerShare);
    tiers.highRevenueShare = share(m_revenueShares[0], m_initial.settings.tiers.highRevenueShare);
    tiers.midRevenueShare = share(m_revenueShares[1], m_initial.settings.tiers.midRevenueShare);
    tiers.highMinSpend = m_highMinSpend->value();
    tiers.midMinSpend = m_midMinSpend->value();
    for (int r = 1; r <= 5; ++r) {
        for (int f = 1; f <= 5; ++f) {
            if (const QTableWidgetItem *item = m_rfm->item(5 - r, f - 1))
                change.settings.rfm.names[size_t(r - 1)][size_t(f - 1)] = item->data(Qt::UserRole).toString();
        }
    }
    for (size_t i = 0; i < 4; ++i)
        change.settings.rfm.frequencyFrom[i] = m_frequencyFrom[i]->value();
    change.settings.purchase.zeroAmountIsPurchase = m_zeroAmountIsPurchase->isChecked();
    change.currencySymbol = m_currency->currentData().toString();
    return change;
}

QString SettingsDialog::problem() const
{
    if (!m_workspace || m_workspace->isReadOnly())
        return {};
    if (m_atRiskDays->value() <= m_activeDays->value())
        return tr("At-risk days (%1) must be more than active days (%2): customers are at risk after the active "
                  "period and dormant after the at-risk one")
            .arg(m_atRiskDays->value())
            .arg(m_activeDays->value());
    if (m_growingMax->value() <= m_newMax->value())
        return tr("Growing customers need more orders (%1) than new ones (%2)")
            .arg(m_growingMax->value())
            .arg(m_newMax->value());
    if (m_holdoutOn && m_holdoutOn->isChecked() && m_calibrationEnd->date() >= m_date->date())
        return tr("The model check's date (%1) must be before the analysis date (%2)")
            .arg(dateText(m_calibrationEnd->date()), dateText(m_date->date()));
    switch (metrics::TierMethod(m_tierMethod->currentData().toInt())) {
    case metrics::TierMethod::CustomerShare:
        if (QString problem = shareProblem(m_customerShares, tr("customers")); !problem.isEmpty())
            return problem;
        break;
    case metrics::TierMethod::RevenueShare:
        if (QString problem = shareProblem(m_revenueShares, tr("revenue")); !problem.isEmpty())
            return problem;
        break;
    case metrics::TierMethod::SpendThresholds:
        if (m_highMinSpend->value() <= m_midMinSpend->value())
            return tr("The high tier's minimum spend (%1) must be above the mid tier's (%2)")
                .arg(QLocale().toString(m_highMinSpend->value(), 'f', 2), QLocale().toString(m_midMinSpend->value(), 'f', 2));
        break;
    }
    for (int r = 5; r >= 1; --r) {
        for (int f = 1; f <= 5; ++f) {
            const QTableWidgetItem *item = m_rfm->item(5 - r, f - 1);
            if (!item || item->data(Qt::UserRole).toString().trimmed().isEmpty())
                return tr("Every cell of the RFM map needs a name (R%1 F%2 is empty)").arg(r).arg(f);
        }
    }
    // Whatever the form cannot see, the core's own validation states.
    const metrics::AnalysisChange current = change();
    if (auto valid = current.settings.validate(); !valid)
        return valid.errorMessage();
    return {};
}

void SettingsDialog::updateState()
{
    if (!m_buttons)
        return;
    const QString why = isApplying() ? QString() : problem();
    QPushButton *ok = m_buttons->button(QDialogButtonBox::Ok);
    ok->setEnabled(why.isEmpty() && !isApplying());
    ok->setToolTip(why.isEmpty() ? QString() : tr("OK is disabled: %1").arg(why));
    m_problem->setText(why);
    if (!m_workspace)
        return;
    const bool automatic = !m_initial.analysisDate.isValid() && m_date->date() == m_initialShownDate;
    m_dateNote->setText(automatic && m_workspace->analysisDateFollowsData()
                            ? tr("No date is fixed: the newest order is more than %1 days old, so “days since” and "
                                 "“last N days” count from the day after it.").arg(store::Workspace::kStaleDataDays)
                        : automatic ? tr("No date is fixed: “days since” and “last N days” count from today.")
                                    : tr("“Days since” and “last N days” count from this date."));
    if (m_atRiskDays->value() > m_activeDays->value() && m_growingMax->value() > m_newMax->value()) {
        QStringList lines;
        int number = 0;
        for (const auto &rule : change().settings.lifecycle.rules())
            lines << tr("%1. %2: %3").arg(++number).arg(metrics::stageDisplayName(rule.stage), rule.ruleText);
        m_lifecycleRules->setText(tr("Checked in this order, first match wins:") + u'\n' + lines.join(u'\n'));
    }
}

void SettingsDialog::showPage(int page)
{
    m_tabs->setCurrentIndex(page);
}

void SettingsDialog::accept()
{
    // Enter while a cell of the RFM map is being renamed ends the renaming (the focus moving away commits it)
    // rather than accepting the dialog without the new name.
    if (m_rfm && m_rfm->indexWidget(m_rfm->currentIndex())) { // an open cell editor
        m_rfm->setFocus();
        return;
    }
    if (isApplying() || !problem().isEmpty())
        return;
    AppSettings::instance().setLanguage(m_language->currentData().toString());
    const metrics::AnalysisChange wanted = change();
    const predict::PredictionSettings predictions = predictionSettings();
    const bool samePredictions = predictions.enabled == m_initialPredictions.enabled &&
                                 predictions.horizonDays == m_initialPredictions.horizonDays &&
                                 predictions.monthlyDiscount == m_initialPredictions.monthlyDiscount &&
                                 predictions.calibrationEnd == m_initialPredictions.calibrationEnd;
    if (!m_workspace || (wanted == m_initial && samePredictions)) {
        QDialog::accept();
        return;
    }
    startApplying(wanted, predictions);
}

void SettingsDialog::reject()
{
    if (isApplying()) {
        m_progress->cancel(); // finishApplying() reports when the worker has rolled back
        return;
    }
    QDialog::reject();
}

void SettingsDialog::startApplying(const metrics::AnalysisChange &change, const predict::PredictionSettings &predictions)
{
    m_progressDialog = new QProgressDialog(tr("Recomputing the customer metrics…"), tr("Cancel"), 0, 100, this);
    m_progressDialog->setObjectName(QStringLiteral("settingsProgress"));
    m_progressDialog->setWindowModality(Qt::WindowModal);
    m_progressDialog->setMinimumDuration(300);
    m_progressDialog->setAutoClose(false);
    m_progressDialog->setAutoReset(false);
    QPointer<QProgressDialog> dialog = m_progressDialog;
    m_progress = std::make_shared<Progress>([dialog](qint64 done, qint64 total) {
        const int value = total > 0 ? int(done * 100 / total) : 0;
        QMetaObject::invokeMethod(
            qApp, [dialog, value] {
                if (dialog)
                    dialog->setValue(value);
            },
            Qt::QueuedConnection);
    });
    connect(m_progressDialog, &QProgressDialog::canceled, this, [progress = m_progress] { progress->cancel(); });
    updateState();
    // Closing the dialog meanwhile cancels (see the destructor) and drops the result with the watcher.
    const QString path = m_workspacePath;
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        finishApplying(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(workers(), [path, change, predictions, progress = m_progress]() -> QString {
        auto workspace = store::Workspace::open(path);
        if (!workspace)
            return workspace.errorMessage();
        // The prediction settings and the recompute that uses them commit together or not at all.
        try {
            store::Transaction transaction(workspace.value()->db());
            predictions.save(*workspace.value());
            const auto applied = metrics::AnalysisChanges::apply(*workspace.value(), change, progress.get());
            if (!applied)
                return applied.errorMessage();
            transaction.commit();
        } catch (const store::DatabaseError &error) {
            return error.message();
        }
        return QString();
    }));
}

void SettingsDialog::finishApplying(const QString &error)
{
    const bool canceled = m_progress->isCanceled();
    m_progress.reset();
    m_progressDialog->deleteLater();
    m_progressDialog = nullptr;
    updateState();
    if (error.isEmpty()) {
        Q_EMIT applied(m_workspacePath);
        QDialog::accept();
        return;
    }
    if (canceled) {
        m_problem->setText(tr("Cancelled: the workspace was not changed."));
    } else {
        QMessageBox::warning(this, tr("Cannot Change the Settings"), error);
    }
    Q_EMIT notApplied(error);
}

} // namespace segmenta::ui
