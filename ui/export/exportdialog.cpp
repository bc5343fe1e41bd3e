#include "export/exportdialog.h"

#include "customers/customerquery.h"
#include "experiments/experimentstore.h"
#include "export/exportcolumnchoice.h"
#include "export/groupsplit.h"
#include "export/memberexporter.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDate>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace segmenta::ui {

namespace {

constexpr int kFieldRole = Qt::UserRole;

bool isCsv(const QString &path)
{
    return QFileInfo(path).suffix().compare(QStringLiteral("csv"), Qt::CaseInsensitive) == 0;
}

} // namespace

ExportDialog::ExportDialog(store::Workspace *workspace, const QString &segmentName, QWidget *parent)
    : QDialog(parent), m_workspace(workspace), m_segmentName(segmentName), m_path(new QLineEdit(this)),
      m_columns(new QListWidget(this)), m_up(new QPushButton(tr("Move &Up"), this)),
      m_down(new QPushButton(tr("Move &Down"), this)), m_encoding(new QComboBox(this)), m_delimiter(new QComboBox(this)),
      m_csvNote(new QLabel(this)), m_mask(new QCheckBox(tr("&Mask personal data (phone 138****5678, e-mail j***@example.com, name 张*)"), this)),
      m_split(new QGroupBox(tr("A/B &split"), this)), m_percents(new QLineEdit(QStringLiteral("10, 90"), this)),
      m_seed(new QSpinBox(this)), m_splitAs(new QComboBox(this)),
      m_experiment(new QCheckBox(tr("&Record as an experiment"), this)), m_experimentName(new QLineEdit(this)),
      m_control(new QComboBox(this)), m_exportButton(nullptr)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(segmentName.isEmpty() ? tr("Export Members") : tr("Export Members of “%1”").arg(segmentName));
    try {
        m_fields = store::loadFields(workspace->db(), QStringLiteral("customer"));
    } catch (const store::DatabaseError &) {
        m_fields.clear(); // the list stays empty; Export then says there is nothing to export
    }

    // File.
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setText(defaultPath());
    auto *browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setObjectName(QStringLiteral("exportBrowse"));
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browseButton);

    // Columns: the remembered (or default) choice first, checked and in its order; the other fields after.
    m_columns->setObjectName(QStringLiteral("exportColumns"));
    m_columns->setDragDropMode(QAbstractItemView::InternalMove);
    m_columns->setDefaultDropAction(Qt::MoveAction);
    m_columns->setSelectionMode(QAbstractItemView::SingleSelection);
    m_columns->setUniformItemSizes(true);
    QStringList chosen = ExportColumnChoice::remembered(*workspace, segmentName);
    if (chosen.isEmpty())
        chosen = exporting::ExportOptions::defaultColumns();
    const auto addItem = [this](const store::FieldInfo &field, bool checked) {
        auto *item = new QListWidgetItem(CustomerQuery::label(field), m_columns);
        item->setData(kFieldRole, field.name);
        item->setToolTip(tr("In rules: %1").arg(field.name));
        item->setFlags((item->flags() | Qt::ItemIsUserCheckable | Qt::ItemIsDragEnabled) & ~Qt::ItemIsDropEnabled);
        item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    };
    for (const QString &name : chosen) {
        const auto it = std::find_if(m_fields.begin(), m_fields.end(), [&](const store::FieldInfo &f) { return f.name == name; });
        if (it != m_fields.end())
            addItem(*it, true);
    }
    for (const auto &field : m_fields) {
        if (!chosen.contains(field.name))
            addItem(field, false);
    }
    m_up->setObjectName(QStringLiteral("exportColumnUp"));
    m_down->setObjectName(QStringLiteral("exportColumnDown"));
    auto *moveButtons = new QVBoxLayout;
    moveButtons->addWidget(m_up);
    moveButtons->addWidget(m_down);
    moveButtons->addStretch();
    auto *columnsBox = new QGroupBox(tr("Columns (checked ones are exported, in this order)"), this);
    auto *columnsLayout = new QHBoxLayout(columnsBox);
    columnsLayout->addWidget(m_columns, 1);
    columnsLayout->addLayout(moveButtons);

    // CSV.
    m_encoding->setObjectName(QStringLiteral("exportEncoding"));
    m_encoding->addItem(tr("UTF-8 with BOM (Excel shows Chinese correctly)"), int(exporting::ExportOptions::Utf8Bom));
    m_encoding->addItem(tr("UTF-8 without BOM"), int(exporting::ExportOptions::Utf8));
    m_encoding->addItem(tr("GB18030 (older Chinese Windows programs)"), int(exporting::ExportOptions::Gb18030));
    m_delimiter->setObjectName(QStringLiteral("exportDelimiter"));
    m_delimiter->addItem(tr("Comma ( , )"), QStringLiteral(","));
    m_delimiter->addItem(tr("Semicolon ( ; )"), QStringLiteral(";"));
    m_delimiter->addItem(tr("Tab"), QStringLiteral("\t"));
    m_delimiter->addItem(tr("Vertical bar ( | )"), QStringLiteral("|"));
    m_csvNote->setText(tr("Encoding and delimiter apply to CSV files only."));
    m_csvNote->setEnabled(false);
    auto *csvBox = new QGroupBox(tr("CSV"), this);
    auto *csvLayout = new QFormLayout(csvBox);
    csvLayout->addRow(tr("&Encoding:"), m_encoding);
    csvLayout->addRow(tr("&Delimiter:"), m_delimiter);
    csvLayout->addRow(m_csvNote);

    // Split.
    m_mask->setObjectName(QStringLiteral("exportMask"));
    m_split->setObjectName(QStringLiteral("exportSplit"));
    m_split->setCheckable(true);
    m_split->setChecked(false);
    m_percents->setObjectName(QStringLiteral("exportSplitPercents"));
    m_percents->setToolTip(tr("Whole percentages adding up to 100, one per group (A, B, …), e.g. 10, 90"));
    m_seed->setObjectName(QStringLiteral("exportSplitSeed"));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_seed->setValue(int(QDate::currentDate().toJulianDay() % 100000));
    m_seed->setToolTip(tr("The same seed gives the same groups every time"));
    m_splitAs->setObjectName(QStringLiteral("exportSplitAs"));
    m_splitAs->addItem(tr("A Group column"), false);
    m_splitAs->addItem(tr("One sheet (Excel) or file (CSV) per group"), true);
    auto *splitLayout = new QFormLayout(m_split);
    splitLayout->addRow(tr("&Percentages:"), m_percents);
    splitLayout->addRow(tr("S&eed:"), m_seed);
    splitLayout->addRow(tr("&Groups as:"), m_splitAs);
    m_experiment->setObjectName(QStringLiteral("exportExperiment"));
    m_experiment->setToolTip(tr("Keep who is in which group, to see later in Segment > Experiments which group bought more"));
    m_experimentName->setObjectName(QStringLiteral("exportExperimentName"));
    m_experimentName->setPlaceholderText(tr("e.g. Spring tea offer"));
    m_control->setObjectName(QStringLiteral("exportExperimentControl"));
    m_control->setToolTip(tr("The group the others are compared with, e.g. the one that gets nothing"));
    splitLayout->addRow(m_experiment);
    splitLayout->addRow(tr("Experiment &name:"), m_experimentName);
    splitLayout->addRow(tr("&Control group:"), m_control);
    updateControlChoices();

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_exportButton = buttons->button(QDialogButtonBox::Ok);
    m_exportButton->setText(tr("&Export"));
    m_exportButton->setObjectName(QStringLiteral("exportButton"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(browseButton, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_up, &QPushButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveSelected(1); });
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateEnabled);
    connect(m_columns, &QListWidget::currentRowChanged, this, &ExportDialog::updateEnabled);
    connect(m_experiment, &QCheckBox::toggled, this, &ExportDialog::updateEnabled);
    connect(m_percents, &QLineEdit::textChanged, this, &ExportDialog::updateControlChoices);

    auto *form = new QFormLayout;
    auto *fileLabel = new QLabel(tr("&File:"), this);
    fileLabel->setBuddy(m_path);
    form->addRow(fileLabel, fileRow);
    auto *right = new QVBoxLayout;
    right->addWidget(csvBox);
    right->addWidget(m_split);
    right->addStretch();
    auto *middle = new QHBoxLayout;
    middle->addWidget(columnsBox, 1);
    middle->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(middle, 1);
    layout->addWidget(m_mask);
    layout->addWidget(buttons);
    resize(880, 560);
    updateEnabled();
}

QString ExportDialog::defaultPath() const
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    QString base = m_segmentName.isEmpty() ? tr("customers") : m_segmentName;
    base.replace(QRegularExpression(QStringLiteral(R"([\\/:*?"<>|])")), QStringLiteral("_"));
    return QDir(folder).filePath(base + u'-' + QDate::currentDate().toString(Qt::ISODate) + QStringLiteral(".xlsx"));
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Members"), m_path->text(),
                                                      tr("Excel workbook (*.xlsx);;CSV file (*.csv)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite); // asked on Export
    if (!path.isEmpty())
        m_path->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::moveSelected(int by)
{
    const int row = m_columns->currentRow();
    const int to = row + by;
    if (row < 0 || to < 0 || to >= m_columns->count())
        return;
    QListWidgetItem *item = m_columns->takeItem(row);
    m_columns->insertItem(to, item);
    m_columns->setCurrentRow(to);
}

void ExportDialog::updateEnabled()
{
    const bool csv = isCsv(m_path->text());
    m_encoding->setEnabled(csv);
    m_delimiter->setEnabled(csv);
    m_csvNote->setVisible(!csv);
    m_experimentName->setEnabled(m_experiment->isChecked());
    m_control->setEnabled(m_experiment->isChecked());
    const int row = m_columns->currentRow();
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_columns->count());
}

void ExportDialog::updateControlChoices()
{
    // One choice per group the percentages name (A, B, ...), keeping the one chosen when it still exists.
    const int groups = int(m_percents->text().split(QRegularExpression(QStringLiteral("[^0-9]+")), Qt::SkipEmptyParts).size());
    const int chosen = std::max(0, m_control->currentIndex());
    m_control->clear();
    for (int g = 0; g < std::clamp(groups, 1, exporting::GroupSplit::kMaxGroups); ++g)
        m_control->addItem(QString(QChar(char16_t(u'A' + g))));
    m_control->setCurrentIndex(std::min(chosen, m_control->count() - 1));
}

QStringList ExportDialog::checkedColumns() const
{
    QStringList columns;
    for (int i = 0; i < m_columns->count(); ++i) {
        if (m_columns->item(i)->checkState() == Qt::Checked)
            columns << m_columns->item(i)->data(kFieldRole).toString();
    }
    return columns;
}

exporting::ExportOptions ExportDialog::options() const
{
    exporting::ExportOptions options;
    QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (!path.isEmpty() && suffix != u"xlsx" && suffix != u"csv")
        path += QStringLiteral(".xlsx");
    options.outPath = path;
    options.columns = checkedColumns();
    options.encoding = exporting::ExportOptions::Encoding(m_encoding->currentData().toInt());
    options.delimiter = char(m_delimiter->currentData().toString().at(0).toLatin1());
    options.mask = m_mask->isChecked();
    if (m_split->isChecked()) {
        const QStringList parts = m_percents->text().split(QRegularExpression(QStringLiteral("[^0-9]+")), Qt::SkipEmptyParts);
        for (const QString &part : parts)
            options.splitPercents << part.toInt();
        options.seed = quint64(m_seed->value());
        options.splitSheets = m_splitAs->currentData().toBool();
        if (m_experiment->isChecked()) {
            options.experimentName = m_experimentName->text().trimmed();
            options.experimentControl = std::max(0, m_control->currentIndex());
        }
    }
    options.segmentName = m_segmentName;
    return options;
}

void ExportDialog::accept()
{
    exporting::ExportOptions chosen = options();
    if (chosen.outPath.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Export"), tr("Choose the file to export to."));
        return;
    }
    if (chosen.columns.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot Export"), tr("Check at least one column to export."));
        return;
    }
    if (m_split->isChecked()) {
        if (const auto valid = exporting::GroupSplit::validate(chosen.splitPercents); !valid) {
            QMessageBox::warning(this, tr("Cannot Export"), valid.errorMessage());
            return;
        }
        if (m_experiment->isChecked()) {
            if (const auto free = experiments::ExperimentStore(m_workspace->db()).checkNewName(chosen.experimentName); !free) {
                QMessageBox::warning(this, tr("Cannot Export"), free.errorMessage());
                return;
            }
        }
    }
    QStringList existing;
    for (const QString &target : exporting::MemberExporter::targetPaths(chosen)) {
        if (QFileInfo::exists(target))
            existing << QDir::toNativeSeparators(target);
    }
    if (!existing.isEmpty()) {
        const auto answer = QMessageBox::question(
            this, tr("Replace Existing Files?"),
            tr("%n file(s) already exist:\n%1\n\nReplace them?", nullptr, int(existing.size())).arg(existing.join(u'\n')),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
        chosen.force = true;
    }
    ExportColumnChoice::remember(*m_workspace, m_segmentName, chosen.columns);
    QDialog::accept();
    Q_EMIT exportRequested(chosen);
}

} // namespace segmenta::ui
