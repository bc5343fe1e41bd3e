#include "import/importwizard.h"
#include "busywork.h"
#include "futurewatch.h"

#include "import/importrunpage.h"
#include "import/importtarget.h"
#include "import/roles.h"
#include "store/workspace.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

namespace {

using store::FieldType;

// Rows read for a preview: enough to see the columns' types, quick even for a file of millions of rows.
constexpr qint64 kPreviewRows = 20000;

struct RoleLabel
{
    const char *role;
    const char *label;
};

// Every role a column can be given, in the order the mapping page lists them.
const RoleLabel kRoles[] = {
    {import::role::kCustomerId, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Customer ID")},
    {import::role::kName, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Name")},
    {import::role::kPhone, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Phone")},
    {import::role::kEmail, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "E-mail")},
    {import::role::kGender, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Gender")},
    {import::role::kBirthDate, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Birth date")},
    {import::role::kAge, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Age")},
    {import::role::kCountry, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Country")},
    {import::role::kProvince, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Province")},
    {import::role::kCity, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "City")},
    {import::role::kAddress, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Address")},
    {import::role::kSignupDate, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Signup date")},
    {import::role::kChannel, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Channel")},
    {import::role::kTags, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Tags")},
    {import::role::kOrderId, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Order ID")},
    {import::role::kOrderDate, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Order date")},
    {import::role::kAmount, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Order amount")},
    {import::role::kQuantity, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Quantity")},
    {import::role::kUnitPrice, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Unit price")},
    {import::role::kStatus, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Order status")},
    {import::role::kProduct, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Product")},
    {import::role::kCategory, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Product category")},
    {import::role::kSku, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "SKU")},
    {import::role::kTotalSpend, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Total spend (customer list)")},
    {import::role::kOrdersCount, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Number of orders (customer list)")},
    {import::role::kFirstOrderDate, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "First order date (customer list)")},
    {import::role::kLastOrderDate, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Last order date (customer list)")},
    {import::role::kCloseReason, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Close reason (refund or cancel)")},
    {import::role::kRecencyDays, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Days since last order (customer list)")},
    {import::role::kLastName, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Last name")},
    {import::role::kZip, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Postal code")},
    {import::role::kEmailConsent, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Accepts e-mail marketing")},
    {import::role::kSmsConsent, QT_TRANSLATE_NOOP("segmenta::ui::ImportWizard", "Accepts SMS marketing")},
};

// Whether the columns include a customer list's totals.
bool hasListTotals(const import::ImportPreview &preview)
{
    for (size_t i = 0; i < preview.fields.size(); ++i) {
        const QString &r = preview.fields[i].role;
        if (!preview.skipped[i] && (r == QLatin1StringView(import::role::kTotalSpend) || r == QLatin1StringView(import::role::kOrdersCount) ||
                                    r == QLatin1StringView(import::role::kFirstOrderDate) || r == QLatin1StringView(import::role::kLastOrderDate) ||
                                    r == QLatin1StringView(import::role::kRecencyDays)))
            return true;
    }
    return false;
}

const FieldType kTypes[] = {FieldType::Text,    FieldType::Category, FieldType::Identifier, FieldType::Integer,
                            FieldType::Decimal, FieldType::Money,    FieldType::Percent,    FieldType::Date,
                            FieldType::DateTime, FieldType::Boolean};

QString typeLabel(FieldType type)
{
    switch (type) {
    case FieldType::Integer:
        return ImportWizard::tr("Whole number");
    case FieldType::Decimal:
        return ImportWizard::tr("Number");
    case FieldType::Money:
        return ImportWizard::tr("Money");
    case FieldType::Percent:
        return ImportWizard::tr("Percent");
    case FieldType::Date:
        return ImportWizard::tr("Date");
    case FieldType::DateTime:
        return ImportWizard::tr("Date and time");
    case FieldType::Boolean:
        return ImportWizard::tr("Yes/no");
    case FieldType::Category:
        return ImportWizard::tr("Category");
    case FieldType::Identifier:
        return ImportWizard::tr("Identifier (text)");
    default:
        return ImportWizard::tr("Text");
    }
}

enum MappingColumn { ColImport, ColName, ColRole, ColType, ColSamples, ColNote, ColCount };

} // namespace

// --- ImportWizard ---

ImportWizard::ImportWizard(const QString &openWorkspacePath, const QString &filePath, QWidget *parent)
    : QWizard(parent), m_workspacePath(openWorkspacePath), m_createsWorkspace(openWorkspacePath.isEmpty()), m_filePath(filePath)
{
    setWindowTitle(tr("Import “%1”").arg(QFileInfo(filePath).fileName()));
    setOption(QWizard::NoCancelButtonOnLastPage, true);
    addPage(new ImportSourcePage(this));
    addPage(new ImportMappingPage(this));
    addPage(new ImportRunPage(this));
    resize(1060, 680);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &ImportWizard::startPreview);
    startPreview();
}

ImportWizard::~ImportWizard()
{
    if (auto *run = findChild<ImportRunPage *>())
        run->cancel();
}

void ImportWizard::setTarget(const QString &workspacePath, bool createsWorkspace)
{
    if (workspacePath == m_workspacePath && createsWorkspace == m_createsWorkspace)
        return;
    m_workspacePath = workspacePath;
    m_createsWorkspace = createsWorkspace;
    requestPreview(); // a mapping remembered by the open workspace applies only when importing into it
}

void ImportWizard::requestPreview()
{
    m_debounce.start();
    Q_EMIT previewRequested();
}

void ImportWizard::setColumnChoices(std::map<QString, import::ColumnChoice> choices)
{
    m_options.columns = std::move(choices);
    requestPreview();
}

void ImportWizard::startPreview()
{
    if (m_running) {
        m_queued = true;
        return;
    }
    m_running = true;
    m_queued = false;
    const quint64 generation = ++m_generation;
    whenFinished(this, QtConcurrent::run(workers(), [workspacePath = m_workspacePath, creates = m_createsWorkspace, filePath = m_filePath,
                                          options = m_options]() {
        std::unique_ptr<store::Workspace> workspace;
        if (!workspacePath.isEmpty() && !creates) {
            if (auto opened = store::Workspace::open(workspacePath, store::Workspace::Mode::ReadOnly))
                workspace = std::move(opened).value();
        }
        auto preview = import::Importer::preview(filePath, options, workspace.get(), kPreviewRows);
        if (!preview)
            return std::make_pair(std::optional<import::ImportPreview>(), preview.errorMessage());
        return std::make_pair(std::optional<import::ImportPreview>(std::move(preview).value()), QString());
    }), [this, generation](const std::pair<std::optional<import::ImportPreview>, QString> &result) {
        m_running = false;
        if (m_queued || generation != m_generation) {
            startPreview(); // the choices changed meanwhile: this preview is stale
            return;
        }
        m_preview = result.first;
        m_previewError = result.second;
        Q_EMIT previewChanged();
    });
}

void ImportWizard::setSummary(const import::ImportSummary &summary)
{
    m_summary = summary;
    Q_EMIT imported(summary.sourceId);
}

// --- ImportSourcePage ---

ImportSourcePage::ImportSourcePage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard),
      m_target(new ImportTarget(wizard->createsWorkspace() ? QString() : wizard->workspacePath(), wizard->filePath(), this)),
      m_file(new QLabel(this)), m_sheetLabel(new QLabel(tr("&Sheet:"), this)),
      m_sheet(new QComboBox(this)), m_encodingLabel(new QLabel(tr("&Encoding:"), this)), m_encoding(new QComboBox(this)),
      m_delimiterLabel(new QLabel(tr("&Delimiter:"), this)), m_delimiter(new QComboBox(this)), m_headerRow(new QSpinBox(this)),
      m_rows(new QTableWidget(this)), m_status(new QLabel(this))
{
    setTitle(tr("The workspace and the file"));
    setSubTitle(tr("Choose where the rows go. Then check that the text reads correctly and that the header row is the "
                   "one with the column names."));
    const QFileInfo info(wizard->filePath());
    m_file->setText(tr("%1 (%2)").arg(info.fileName(), QLocale().formattedDataSize(info.size())));
    m_file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_sheet->setObjectName(QStringLiteral("importSheet"));
    m_encoding->setObjectName(QStringLiteral("importEncoding"));
    m_delimiter->setObjectName(QStringLiteral("importDelimiter"));
    m_headerRow->setObjectName(QStringLiteral("importHeaderRow"));
    m_rows->setObjectName(QStringLiteral("importRows"));

    m_encoding->addItem(tr("Detected"), QString());
    for (const char *name : {"UTF-8", "GB18030", "Big5", "UTF-16LE", "UTF-16BE", "Shift_JIS", "windows-1252"})
        m_encoding->addItem(QString::fromLatin1(name), QString::fromLatin1(name));
    m_delimiter->addItem(tr("Detected"), 0);
    m_delimiter->addItem(tr("Comma ( , )"), int(','));
    m_delimiter->addItem(tr("Semicolon ( ; )"), int(';'));
    m_delimiter->addItem(tr("Tab"), int('\t'));
    m_delimiter->addItem(tr("Vertical bar ( | )"), int('|'));
    m_delimiter->addItem(tr("Spaces (runs of spaces and tabs)"), int(' '));
    m_headerRow->setRange(0, 50);
    m_headerRow->setMaximumWidth(260);
    for (QComboBox *combo : {m_sheet, m_encoding, m_delimiter})
        combo->setMaximumWidth(360);
    m_headerRow->setSpecialValueText(tr("Automatic"));
    m_headerRow->setToolTip(tr("The row that holds the column names; double-click a row below to choose it"));
    m_sheetLabel->setBuddy(m_sheet);
    m_encodingLabel->setBuddy(m_encoding);
    m_delimiterLabel->setBuddy(m_delimiter);

    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rows->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_rows->horizontalHeader()->setVisible(false);
    m_rows->setWordWrap(false);
    m_status->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("File:"), m_file);
    form->addRow(m_sheetLabel, m_sheet);
    form->addRow(m_encodingLabel, m_encoding);
    form->addRow(m_delimiterLabel, m_delimiter);
    form->addRow(tr("&Header row:"), m_headerRow);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_target);
    layout->addLayout(form);
    layout->addWidget(m_rows, 1);
    layout->addWidget(m_status);
    const auto targetChanged = [this] {
        m_wizard->setTarget(m_target->targetPath(), m_target->createsWorkspace());
        Q_EMIT completeChanged();
    };
    connect(m_target, &ImportTarget::changed, this, targetChanged);
    targetChanged();

    connect(m_sheet, &QComboBox::currentIndexChanged, this, &ImportSourcePage::optionsEdited);
    connect(m_encoding, &QComboBox::currentIndexChanged, this, &ImportSourcePage::optionsEdited);
    connect(m_delimiter, &QComboBox::currentIndexChanged, this, &ImportSourcePage::optionsEdited);
    connect(m_headerRow, &QSpinBox::valueChanged, this, &ImportSourcePage::optionsEdited);
    connect(m_rows, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        if (const auto &preview = m_wizard->preview(); preview && row < int(preview->topRowNumbers.size()))
            m_headerRow->setValue(int(preview->topRowNumbers[size_t(row)]));
    });
    connect(wizard, &ImportWizard::previewChanged, this, &ImportSourcePage::showPreview);
    connect(wizard, &ImportWizard::previewRequested, this, &ImportSourcePage::completeChanged);
    showPreview();
}

bool ImportSourcePage::isComplete() const
{
    return m_target->problem().isEmpty() && m_wizard->preview().has_value() && !m_wizard->previewPending();
}

void ImportSourcePage::optionsEdited()
{
    if (m_filling)
        return;
    import::ImportOptions &options = m_wizard->options();
    options.read.sheet = m_sheet->currentIndex() >= 0 ? m_sheet->currentData().toString() : QString();
    options.read.encoding = m_encoding->currentData().toString().toLatin1();
    options.read.delimiter = char(m_delimiter->currentData().toInt());
    options.headerRow = m_headerRow->value();
    options.columns.clear(); // other headers: the column choices start again (or come from a remembered mapping)
    m_wizard->requestPreview();
}

void ImportSourcePage::showPreview()
{
    Q_EMIT completeChanged();
    if (m_wizard->previewPending() && !m_wizard->preview()) {
        m_status->setText(tr("Reading the file…"));
        return;
    }
    const auto &preview = m_wizard->preview();
    if (!preview) {
        m_status->setText(QStringLiteral("<span style=\"color:#c0392b\">%1</span>").arg(m_wizard->previewError().toHtmlEscaped()));
        m_rows->clear();
        m_rows->setRowCount(0);
        return;
    }
    m_filling = true;
    const bool workbook = preview->encoding.isEmpty();
    m_sheet->setVisible(workbook);
    m_sheetLabel->setVisible(workbook);
    m_encoding->setVisible(!workbook);
    m_encodingLabel->setVisible(!workbook);
    m_delimiter->setVisible(!workbook);
    m_delimiterLabel->setVisible(!workbook);
    if (workbook && m_sheet->count() != preview->sheets.size()) {
        m_sheet->clear();
        for (const read::SheetInfo &sheet : preview->sheets)
            m_sheet->addItem(sheet.hidden ? tr("%1 (hidden)").arg(sheet.name) : sheet.name, sheet.name);
    }
    if (workbook)
        m_sheet->setCurrentIndex(m_sheet->findData(preview->sheet));
    m_encoding->setItemText(0, tr("Detected: %1").arg(preview->encoding));
    if (preview->delimiter) {
        const int at = m_delimiter->findData(int(preview->delimiter));
        m_delimiter->setItemText(0, tr("Detected: %1").arg(at > 0 ? m_delimiter->itemText(at) : QString()));
    }
    m_headerRow->setSpecialValueText(tr("Automatic (row %1)").arg(preview->headerRow));
    m_filling = false;

    int width = 0;
    for (const QStringList &row : preview->topRows)
        width = std::max(width, int(row.size()));
    m_rows->clear();
    m_rows->setRowCount(int(preview->topRows.size()));
    m_rows->setColumnCount(width);
    QFont bold = m_rows->font();
    bold.setBold(true);
    const QBrush headerBrush = palette().brush(QPalette::AlternateBase);
    for (int r = 0; r < int(preview->topRows.size()); ++r) {
        const bool header = preview->topRowNumbers[size_t(r)] == preview->headerRow;
        m_rows->setVerticalHeaderItem(r, new QTableWidgetItem(QString::number(preview->topRowNumbers[size_t(r)])));
        for (int c = 0; c < int(preview->topRows[size_t(r)].size()); ++c) {
            auto *item = new QTableWidgetItem(preview->topRows[size_t(r)][c]);
            if (header) {
                item->setFont(bold);
                item->setBackground(headerBrush);
            }
            m_rows->setItem(r, c, item);
        }
    }
    for (int c = 0; c < width; ++c) { // at most 50 rows: measuring them is cheap
        m_rows->resizeColumnToContents(c);
        m_rows->setColumnWidth(c, std::clamp(m_rows->columnWidth(c) + 12, 80, 220));
    }
    const QString rows = preview->wholeFile ? tr("%1 data rows below the header").arg(QLocale().toString(preview->rowsExamined))
                                            : tr("more than %1 data rows below the header").arg(QLocale().toString(preview->rowsExamined));
    m_status->setText(tr("Header on row %1 (shown in bold); %2.").arg(preview->headerRow).arg(rows));
}

// --- ImportMappingPage ---

ImportMappingPage::ImportMappingPage(ImportWizard *wizard)
    : QWizardPage(wizard), m_wizard(wizard), m_kind(new QComboBox(this)), m_banner(new QLabel(this)),
      m_columns(new QTableWidget(0, ColCount, this)), m_problem(new QLabel(this))
{
    setTitle(tr("The columns"));
    setSubTitle(tr("Say what each column holds. Segmenta guessed from the headers and the values; change what is wrong. "
                   "Your choices are remembered for files with the same headers."));
    m_kind->setObjectName(QStringLiteral("importKind"));
    m_columns->setObjectName(QStringLiteral("importColumns"));
    m_kind->addItem(tr("A customer list (one row per customer)"), int(import::ImportKind::Customers));
    m_kind->addItem(tr("An order list (one row per order or order line)"), int(import::ImportKind::Orders));
    m_columns->setHorizontalHeaderLabels({tr("Import"), tr("Column"), tr("Holds"), tr("Type"), tr("Sample values"), tr("Note")});
    m_columns->verticalHeader()->setVisible(false);
    m_columns->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_columns->verticalHeader()->setDefaultSectionSize(m_columns->verticalHeader()->defaultSectionSize() + 6);
    m_columns->horizontalHeader()->setStretchLastSection(true);
    m_columns->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_columns->setSelectionMode(QAbstractItemView::NoSelection);
    m_columns->setWordWrap(false);
    m_columns->setTextElideMode(Qt::ElideRight);
    m_banner->setWordWrap(true);
    m_banner->setObjectName(QStringLiteral("importBanner"));
    m_problem->setWordWrap(true);
    m_problem->setObjectName(QStringLiteral("importProblem"));

    auto *kindRow = new QHBoxLayout;
    auto *kindLabel = new QLabel(tr("&Kind of list:"), this);
    kindLabel->setBuddy(m_kind);
    kindRow->addWidget(kindLabel);
    kindRow->addWidget(m_kind);
    kindRow->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(kindRow);
    layout->addWidget(m_banner);
    layout->addWidget(m_columns, 1);
    layout->addWidget(m_problem);

    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        if (m_filling)
            return;
        m_wizard->options().kind = import::ImportKind(m_kind->currentData().toInt());
        m_wizard->requestPreview();
    });
    connect(m_columns, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (!m_filling && item->column() == ColImport)
            choicesEdited();
    });
    connect(wizard, &ImportWizard::previewChanged, this, &ImportMappingPage::showPreview);
    connect(wizard, &ImportWizard::previewRequested, this, &ImportMappingPage::completeChanged);
}

void ImportMappingPage::initializePage()
{
    showPreview();
}

bool ImportMappingPage::isComplete() const
{
    const auto &preview = m_wizard->preview();
    return preview && preview->problem.isEmpty() && !m_wizard->previewPending();
}

// A date column whose dates all read either way (03/04/2024) offers the two orders in its note cell.
void ImportMappingPage::showDayOrder(int row, const import::ImportedField &field)
{
    auto *order = qobject_cast<QComboBox *>(m_columns->cellWidget(row, ColNote));
    if (!field.dayOrderAmbiguous) {
        if (order)
            m_columns->removeCellWidget(row, ColNote);
        return;
    }
    if (!order) {
        order = new QComboBox;
        order->setObjectName(QStringLiteral("importDayOrder"));
        order->addItem(tr("Day/month/year (03/04 is 3 April)"), int(import::values::DayOrder::DayFirst));
        order->addItem(tr("Month/day/year (03/04 is 4 March)"), int(import::values::DayOrder::MonthFirst));
        order->setToolTip(tr("Every date in this column could be read either way; say which the file uses"));
        connect(order, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_filling)
                choicesEdited();
        });
        m_columns->setCellWidget(row, ColNote, order);
    }
    order->setCurrentIndex(field.monthFirst ? 1 : 0);
}

void ImportMappingPage::choicesEdited()
{
    std::map<QString, import::ColumnChoice> choices;
    for (int r = 0; r < m_columns->rowCount(); ++r) {
        import::ColumnChoice choice;
        if (auto *order = qobject_cast<QComboBox *>(m_columns->cellWidget(r, ColNote)))
            choice.dayOrder = import::values::DayOrder(order->currentData().toInt());
        choice.skip = m_columns->item(r, ColImport)->checkState() != Qt::Checked;
        choice.role = qobject_cast<QComboBox *>(m_columns->cellWidget(r, ColRole))->currentData().toString();
        const QVariant type = qobject_cast<QComboBox *>(m_columns->cellWidget(r, ColType))->currentData();
        if (type.isValid())
            choice.type = FieldType(type.toInt());
        choices.emplace(m_columns->item(r, ColName)->text(), choice);
    }
    m_wizard->setColumnChoices(std::move(choices));
}

void ImportMappingPage::showPreview()
{
    Q_EMIT completeChanged();
    const auto &preview = m_wizard->preview();
    if (!preview) {
        m_problem->setText(QStringLiteral("<span style=\"color:#c0392b\">%1</span>").arg(m_wizard->previewError().toHtmlEscaped()));
        return;
    }
    m_filling = true;
    m_kind->setCurrentIndex(m_kind->findData(int(preview->kind)));
    QStringList notes;
    if (preview->rememberedMapping)
        notes << tr("The choices you made for a file with the same headers were applied.");
    if (!preview->wholeFile)
        notes << tr("Types were read from the first %1 rows; the import checks every row and lists the values it cannot read.")
                     .arg(QLocale().toString(preview->rowsExamined));
    if (preview->kind == import::ImportKind::Customers && hasListTotals(*preview)) {
        notes << tr("List totals (total spend, number of orders, first and last order date, days since the last order) "
                    "are the purchase history of customers who have no orders in the workspace: they make them buyers "
                    "with a value tier, RFM scores and a lifecycle stage. Days since the last order are counted back "
                    "from the analysis date. Customers with orders keep the orders' figures.");
    }
    m_banner->setText(notes.join(u' '));
    m_banner->setVisible(!notes.isEmpty());

    const int count = int(preview->fields.size());
    bool sameColumns = m_columns->rowCount() == count;
    for (int r = 0; sameColumns && r < count; ++r)
        sameColumns = m_columns->item(r, ColName)->text() == preview->fields[size_t(r)].name;
    const auto &chosen = m_wizard->options().columns;
    if (!sameColumns) {
        m_columns->clearContents();
        m_columns->setRowCount(count);
        for (int r = 0; r < count; ++r) {
            auto *check = new QTableWidgetItem;
            check->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled);
            m_columns->setItem(r, ColImport, check);
            m_columns->setItem(r, ColName, new QTableWidgetItem(preview->fields[size_t(r)].name));
            auto *role = new QComboBox;
            role->addItem(tr("Nothing special"), QString());
            for (const RoleLabel &entry : kRoles)
                role->addItem(ImportWizard::tr(entry.label), QString::fromLatin1(entry.role));
            connect(role, &QComboBox::currentIndexChanged, this, [this] {
                if (!m_filling)
                    choicesEdited();
            });
            m_columns->setCellWidget(r, ColRole, role);
            auto *type = new QComboBox;
            type->addItem(QString(), QVariant());
            for (const FieldType t : kTypes)
                type->addItem(typeLabel(t), int(t));
            connect(type, &QComboBox::currentIndexChanged, this, [this] {
                if (!m_filling)
                    choicesEdited();
            });
            m_columns->setCellWidget(r, ColType, type);
            m_columns->setItem(r, ColSamples, new QTableWidgetItem);
            m_columns->setItem(r, ColNote, new QTableWidgetItem);
        }
    }
    for (int r = 0; r < count; ++r) {
        const import::ImportedField &field = preview->fields[size_t(r)];
        m_columns->item(r, ColImport)->setCheckState(preview->skipped[size_t(r)] ? Qt::Unchecked : Qt::Checked);
        auto *role = qobject_cast<QComboBox *>(m_columns->cellWidget(r, ColRole));
        role->setCurrentIndex(std::max(0, role->findData(field.role)));
        auto *type = qobject_cast<QComboBox *>(m_columns->cellWidget(r, ColType));
        const auto choice = chosen.find(field.name);
        const bool typeChosen = choice != chosen.end() && choice->second.type.has_value();
        type->setItemText(0, tr("Automatic: %1").arg(typeLabel(field.type)));
        type->setCurrentIndex(typeChosen ? type->findData(int(field.type)) : 0);
        role->setEnabled(!preview->skipped[size_t(r)]);
        type->setEnabled(!preview->skipped[size_t(r)]);
        m_columns->item(r, ColSamples)->setText(preview->fieldSamples[size_t(r)].mid(0, 4).join(QStringLiteral(" · ")));
        m_columns->item(r, ColSamples)->setToolTip(preview->fieldSamples[size_t(r)].join(u'\n'));
        // In an order list, the customer's own columns go to the customer.
        static const QStringList customerRoles = {
            QString::fromLatin1(import::role::kName),    QString::fromLatin1(import::role::kPhone),
            QString::fromLatin1(import::role::kEmail),   QString::fromLatin1(import::role::kGender),
            QString::fromLatin1(import::role::kCountry), QString::fromLatin1(import::role::kProvince),
            QString::fromLatin1(import::role::kCity),    QString::fromLatin1(import::role::kAddress),
            QString::fromLatin1(import::role::kBirthDate), QString::fromLatin1(import::role::kAge),
            QString::fromLatin1(import::role::kSignupDate), QString::fromLatin1(import::role::kTags)};
        const bool toCustomer = preview->kind == import::ImportKind::Orders && customerRoles.contains(field.role);
        const QString note = !field.note.isEmpty() ? field.note
                             : toCustomer          ? tr("A customer field: the newest order's value is kept")
                                                   : QString();
        m_columns->item(r, ColNote)->setText(note);
        m_columns->item(r, ColNote)->setToolTip(note);
        m_columns->item(r, ColNote)->setForeground(field.note.isEmpty() ? palette().text() : QBrush(QColor(0xb9, 0x77, 0x0e)));
        showDayOrder(r, field);
    }
    if (!sameColumns) {
        m_columns->resizeColumnToContents(ColImport);
        m_columns->resizeColumnToContents(ColName);
        m_columns->setColumnWidth(ColName, std::clamp(m_columns->columnWidth(ColName) + 16, 110, 200));
        m_columns->setColumnWidth(ColRole, 190);
        m_columns->setColumnWidth(ColType, 200);
        m_columns->setColumnWidth(ColSamples, 180);
    }
    m_filling = false;
    m_problem->setText(preview->problem.isEmpty()
                           ? QString()
                           : QStringLiteral("<span style=\"color:#c0392b\">%1</span>").arg(preview->problem.toHtmlEscaped()));
}

} // namespace segmenta::ui
