#include "experiments/experimentsdialog.h"

#include "common/datetext.h"
#include "common/money.h"

#include "charts/conversionchart.h"
#include "experiments/experimentstore.h"
#include "busywork.h"
#include "futurewatch.h"
#include "history/workspacehistory.h"
#include "report/experimentreport.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

namespace {

using experiments::ExperimentResult;

QString percentText(const std::optional<double> &fraction)
{
    return fraction ? QLocale().toString(*fraction * 100, 'f', 1) + u'%' : QStringLiteral("–");
}

QString pointsText(double fraction)
{
    return (fraction > 0 ? QStringLiteral("+") : QString()) + QLocale().toString(fraction * 100, 'f', 1);
}

QString moneyOrDash(const std::optional<double> &value, const QString &currencySymbol)
{
    return value ? moneyText(*value, currencySymbol) : QStringLiteral("–");
}

QTableWidgetItem *cell(const QString &text, bool number = true)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(number ? Qt::AlignRight | Qt::AlignVCenter : Qt::AlignLeft | Qt::AlignVCenter);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

ExperimentsDialog::ExperimentsDialog(store::Workspace *workspace, WorkspaceHistory *history, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_history(history), m_list(new QListWidget(this)), m_heading(new QLabel(this)),
      m_window(new QSpinBox(this)), m_difference(new QDoubleSpinBox(this)), m_table(new QTableWidget(this)),
      m_chart(new ConversionChart(this)), m_sentence(new QLabel(this)), m_warning(new QLabel(this)),
      m_delete(new QPushButton(tr("&Delete"), this)), m_pdf(new QPushButton(tr("Save as &PDF…"), this))
{
    setObjectName(QStringLiteral("experimentsDialog"));
    setWindowTitle(tr("Experiments"));
    m_list->setObjectName(QStringLiteral("experimentList"));
    m_heading->setObjectName(QStringLiteral("experimentHeading"));
    m_heading->setWordWrap(true);
    m_heading->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_window->setObjectName(QStringLiteral("experimentWindow"));
    m_window->setRange(1, 3650);
    m_window->setValue(experiments::ExperimentMeasure::kDefaultWindowDays);
    m_window->setSuffix(tr(" days"));
    m_window->setToolTip(tr("Orders dated after the start day, up to and including this many days later, count"));
    m_difference->setObjectName(QStringLiteral("experimentDifference"));
    m_difference->setRange(0.1, 99);
    m_difference->setDecimals(1);
    m_difference->setValue(experiments::ExperimentMeasure::kDefaultMinimumDifference * 100);
    m_difference->setSuffix(tr(" points"));
    m_difference->setToolTip(tr("The smallest difference in conversion worth detecting; the groups are checked "
                                "against the size needed to detect it"));
    m_table->setObjectName(QStringLiteral("experimentTable"));
    m_table->setColumnCount(10);
    // Long headings on two lines: at the dialog's default width every column, the p-values last, stays in view.
    m_table->setHorizontalHeaderLabels({tr("Group"), tr("Members"), tr("Bought"), tr("Conversion"), tr("95% interval"),
                                        tr("Revenue"), tr("Revenue\nper member"), tr("Orders\nper member"),
                                        tr("vs control\n(95% CI)"), tr("p\n(conversion / revenue)")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // a handful of rows
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    m_sentence->setObjectName(QStringLiteral("experimentSentence"));
    m_sentence->setWordWrap(true);
    m_sentence->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bigger = m_sentence->font();
    bigger.setPointSizeF(bigger.pointSizeF() * 1.1);
    m_sentence->setFont(bigger);
    m_warning->setObjectName(QStringLiteral("experimentWarning"));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(QStringLiteral("color: #b35900;"));
    m_delete->setObjectName(QStringLiteral("experimentDelete"));
    m_pdf->setObjectName(QStringLiteral("experimentPdf"));

    auto *controls = new QHBoxLayout;
    auto *windowLabel = new QLabel(tr("&Window after the start:"), this);
    windowLabel->setBuddy(m_window);
    auto *differenceLabel = new QLabel(tr("D&ifference worth detecting:"), this);
    differenceLabel->setBuddy(m_difference);
    controls->addWidget(windowLabel);
    controls->addWidget(m_window);
    controls->addSpacing(16);
    controls->addWidget(differenceLabel);
    controls->addWidget(m_difference);
    controls->addStretch();
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_heading);
    rightLayout->addLayout(controls);
    rightLayout->addWidget(m_table);
    rightLayout->addWidget(m_sentence);
    rightLayout->addWidget(m_warning);
    rightLayout->addWidget(m_chart, 2);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(m_list);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({170, 900});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_delete, QDialogButtonBox::ActionRole);
    buttons->addButton(m_pdf, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_delete, &QPushButton::clicked, this, &ExperimentsDialog::deleteSelected);
    connect(m_pdf, &QPushButton::clicked, this, &ExperimentsDialog::savePdfWithDialog);
    connect(m_list, &QListWidget::currentRowChanged, this, &ExperimentsDialog::measureSelected);
    connect(m_window, &QSpinBox::valueChanged, this, &ExperimentsDialog::measureSelected);
    connect(m_difference, &QDoubleSpinBox::valueChanged, this, &ExperimentsDialog::measureSelected);
    if (m_history)
        connect(m_history, &WorkspaceHistory::experimentsChanged, this, &ExperimentsDialog::reload);

    m_content = splitter;
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("experimentsEmpty"));
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setFixedWidth(560); // short lines, in the middle of the dialog
    m_empty->setFont(bigger);
    m_empty->hide();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_empty, 1, Qt::AlignCenter);
    layout->addWidget(buttons);
    resize(1180, 720);
    reload();
}

void ExperimentsDialog::setWorkspace(store::Workspace *workspace)
{
    m_workspace = workspace;
    reload();
}

void ExperimentsDialog::reload()
{
    const QString current = selected() ? selected()->name : QString();
    const auto all = experiments::ExperimentStore(m_workspace->db()).list();
    m_experiments = all ? all.value() : std::vector<experiments::Experiment>();
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    int row = 0;
    for (size_t i = 0; i < m_experiments.size(); ++i) {
        const auto &e = m_experiments[i];
        auto *item = new QListWidgetItem(tr("%1\nstarted %2").arg(e.name, dateText(e.start)), m_list);
        item->setToolTip(e.ruleText);
        if (e.name == current)
            row = int(i);
    }
    m_empty->hide();
    m_content->show();
    if (!all) {
        showMessage(all.errorMessage());
        return;
    }
    if (m_experiments.empty()) {
        showNoExperiments();
        return;
    }
    m_list->setCurrentRow(row);
    measureSelected();
}

const experiments::Experiment *ExperimentsDialog::selected() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_experiments.size()) ? &m_experiments[size_t(row)] : nullptr;
}

void ExperimentsDialog::measureSelected()
{
    const experiments::Experiment *experiment = selected();
    m_delete->setEnabled(experiment != nullptr);
    if (!experiment)
        return;
    const quint64 request = ++m_request;
    const experiments::Experiment chosen = *experiment;
    const int window = m_window->value();
    const double difference = m_difference->value() / 100;
    const QString path = m_workspace->path();
    m_heading->setText(tr("<b>%1</b> — started %2, group %3 is the control. Rule: %4")
                           .arg(chosen.name.toHtmlEscaped(), dateText(chosen.start),
                                chosen.groups.empty() ? QString() : chosen.groups[size_t(chosen.controlIndex())].name,
                                chosen.ruleText.toHtmlEscaped()));
    using Outcome = std::pair<QString, std::optional<ExperimentResult>>;
    whenFinished(this, QtConcurrent::run(workers(), [path, chosen, window, difference]() -> Outcome {
        try {
            store::Database db = store::Database::open(path, store::Database::Access::ReadOnly);
            auto result = experiments::ExperimentMeasure::measure(db, chosen, window, difference);
            if (!result)
                return {result.errorMessage(), std::nullopt};
            return {QString(), std::move(result).value()};
        } catch (const store::DatabaseError &error) {
            return {ExperimentsDialog::tr("Cannot read the workspace: %1").arg(error.message()), std::nullopt};
        }
    }), [this, request](const Outcome &outcome) {
        if (request != m_request)
            return; // a newer request replaced this one
        if (outcome.second)
            showResult(*outcome.second);
        else
            showMessage(outcome.first);
    });
}

void ExperimentsDialog::showResult(const ExperimentResult &result)
{
    m_result = result;
    const QString currency = m_workspace ? m_workspace->currencySymbol() : defaultCurrencySymbol();
    m_table->setRowCount(int(result.groups.size()));
    for (int row = 0; row < int(result.groups.size()); ++row) {
        const auto &group = result.groups[size_t(row)];
        const auto interval = group.conversionInterval();
        m_table->setItem(row, 0, cell(group.control ? tr("%1 (control)").arg(group.name) : group.name, false));
        m_table->setItem(row, 1, cell(QLocale().toString(group.members)));
        m_table->setItem(row, 2, cell(QLocale().toString(group.converted)));
        m_table->setItem(row, 3, cell(percentText(group.conversionRate())));
        m_table->setItem(row, 4, cell(interval ? tr("%1 to %2").arg(percentText(interval->low), percentText(interval->high))
                                               : QStringLiteral("–")));
        m_table->setItem(row, 5, cell(moneyOrDash(group.revenue, currency)));
        m_table->setItem(row, 6, cell(moneyOrDash(group.revenuePerMember(), currency)));
        m_table->setItem(row, 7, cell(group.ordersPerMember() ? QLocale().toString(*group.ordersPerMember(), 'f', 3)
                                                              : QStringLiteral("–")));
        m_table->setItem(row, 8, cell(group.control ? tr("control") : QStringLiteral("–")));
        m_table->setItem(row, 9, cell(group.control ? QString() : QStringLiteral("–")));
    }
    QStringList sentences;
    for (const auto &comparison : result.comparisons) {
        if (const auto &c = comparison.conversion) {
            m_table->setItem(comparison.group, 8,
                             cell(tr("%1 points (%2 to %3)").arg(pointsText(c->difference), pointsText(c->ciLow), pointsText(c->ciHigh))));
            m_table->setItem(comparison.group, 9,
                             cell(tr("%1 / %2").arg(c->pValue ? ExperimentResult::formatP(*c->pValue) : QStringLiteral("–"),
                                                     comparison.revenue ? ExperimentResult::formatP(comparison.revenue->pValue)
                                                                        : QStringLiteral("–"))));
        }
        sentences << tr("%1.", "a sentence ends").arg(result.sentence(comparison));
    }
    m_chart->setBars(barsFor(result));
    m_sentence->setText(sentences.join(u'\n'));
    QStringList warnings;
    for (const QString &note : {result.powerWarning(), result.windowNote()}) {
        if (!note.isEmpty())
            warnings << tr("%1.", "a sentence ends").arg(note);
    }
    m_warning->setText(warnings.join(u'\n'));
    m_warning->setVisible(!warnings.isEmpty());
    m_pdf->setEnabled(true);
    Q_EMIT resultShown();
}

std::vector<ConversionChart::Bar> ExperimentsDialog::barsFor(const ExperimentResult &result)
{
    std::vector<ConversionChart::Bar> bars;
    for (const auto &group : result.groups) {
        const auto interval = group.conversionInterval();
        ConversionChart::Bar bar;
        bar.label = group.control ? tr("%1 (control)").arg(group.name) : group.name;
        bar.control = group.control;
        bar.empty = group.members == 0;
        bar.rate = group.conversionRate().value_or(0);
        bar.low = interval ? interval->low : 0;
        bar.high = interval ? interval->high : 0;
        bars.push_back(bar);
    }
    return bars;
}

std::vector<ExperimentResult> ExperimentsDialog::measureForRule(QWidget *parent, const QString &path,
                                                                const QString &ruleText, QString *error)
{
    std::vector<ExperimentResult> results;
    const QString rule = ruleText.simplified();
    *error = runWithBusyDialog(parent, tr("Measuring the experiments…"), [&]() -> QString {
        try {
            store::Database db = store::Database::open(path, store::Database::Access::ReadOnly);
            const auto all = experiments::ExperimentStore(db).list();
            if (!all)
                return all.errorMessage();
            for (const auto &experiment : all.value()) {
                if (experiment.ruleText.simplified() != rule)
                    continue;
                auto result = experiments::ExperimentMeasure::measure(db, experiment);
                if (!result)
                    return result.errorMessage();
                results.push_back(std::move(result).value());
            }
            return {};
        } catch (const store::DatabaseError &e) {
            return tr("Cannot read the workspace: %1").arg(e.message());
        }
    });
    if (!error->isEmpty())
        results.clear();
    return results;
}

void ExperimentsDialog::showMessage(const QString &message)
{
    m_result.reset();
    m_table->setRowCount(0);
    m_chart->setBars({});
    m_sentence->setText(message);
    m_warning->hide();
    m_pdf->setEnabled(false);
    m_delete->setEnabled(selected() != nullptr);
    Q_EMIT resultShown();
}

// In place of an empty list, table and chart: what an experiment is and the steps to record one.
void ExperimentsDialog::showNoExperiments()
{
    showMessage(QString());
    m_content->hide();
    m_empty->setText(tr("<h3>No experiments yet</h3>"
                        "<p>An experiment tests an offer on part of a segment before everyone gets it. In File &gt; "
                        "Export Members, split the members into groups (for example 10, 90), check “Record as an "
                        "experiment” and send the offer to one group only.</p>"
                        "<p>After the campaign, come back here: Segmenta compares how many in each group bought, "
                        "and whether the difference is more than chance.</p>"));
    m_empty->show();
}

void ExperimentsDialog::deleteSelected()
{
    const experiments::Experiment *experiment = selected();
    if (!experiment || !m_history)
        return;
    const QString error = m_history->deleteExperiment(experiment->name);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Delete the Experiment"), error);
}

QString ExperimentsDialog::savePdf(const QString &path)
{
    if (!m_result)
        return tr("There is no result to save");
    const experiments::Experiment *experiment = selected();
    return ExperimentReportWriter::write(
        {*m_result, experiment ? experiment->ruleText : QString(), m_chart,
         m_workspace ? m_workspace->currencySymbol() : defaultCurrencySymbol()}, path);
}

void ExperimentsDialog::savePdfWithDialog()
{
    if (!m_result)
        return;
    QString name = m_result->name;
    name.replace(QRegularExpression(QStringLiteral(R"([\\/:*?"<>|])")), QStringLiteral("_"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Experiment Result"), name + QStringLiteral(".pdf"),
                                                      tr("PDF files (*.pdf)"));
    if (path.isEmpty())
        return;
    const QString error = savePdf(path);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Cannot Save the Result"), error);
}

} // namespace segmenta::ui
