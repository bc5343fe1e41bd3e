#include "customers/customersview.h"

#include "customers/columnchooser.h"
#include "customers/customercard.h"
#include "customers/customersmodel.h"
#include "common/datetext.h"
#include "store/workspace.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace segmenta::ui {

CustomersView::CustomersView(QWidget *parent)
    : QWidget(parent), m_model(new CustomersModel(this)), m_search(new QLineEdit(this)), m_count(new QLabel(this)),
      m_export(new QPushButton(this)), m_columns(new QPushButton(this)), m_table(new QTableView(this))
{
    setObjectName(QStringLiteral("customersView"));
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(280);
    m_export->setObjectName(QStringLiteral("exportMembersButton"));
    m_columns->setObjectName(QStringLiteral("customerColumnsButton"));
    m_table->setObjectName(QStringLiteral("customersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setCornerButtonEnabled(false);
    // Fixed heights: the view never asks a row how tall it is, so a million rows cost nothing to lay out.
    QHeaderView *rows = m_table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();
    QHeaderView *columns = m_table->horizontalHeader();
    columns->setSectionsMovable(true);
    columns->setHighlightSections(false);
    columns->setSortIndicator(-1, Qt::AscendingOrder);
    m_table->setSortingEnabled(true);

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(&m_searchDelay, &QTimer::timeout, this, [this] { m_model->setSearch(m_search->text()); });
    connect(m_model, &CustomersModel::loaded, this, &CustomersView::showCount);
    connect(m_model, &CustomersModel::failed, this, [this](const QString &message) { m_count->setText(message); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->isLoading())
            m_count->setText(tr("Loading…"));
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) { openCard(index.row()); });
    connect(m_export, &QPushButton::clicked, this, &CustomersView::exportClicked);
    connect(m_columns, &QPushButton::clicked, this, &CustomersView::chooseColumns);
    connect(m_model, &CustomersModel::emptyFieldsFound, this, &CustomersView::applyColumnChoice);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CustomersView::retranslate);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *exportSelected = new QAction(tr("Export Selected Customers…"), m_table);
    connect(exportSelected, &QAction::triggered, this, [this] {
        if (const auto ids = selectedCustomerIds(); !ids.empty())
            Q_EMIT exportSelectedRequested(ids);
    });
    m_table->addAction(exportSelected);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search);
    bar->addWidget(m_count, 1);
    bar->addWidget(m_columns);
    bar->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(bar);
    layout->addWidget(m_table, 1);
    retranslate();
}

void CustomersView::setWorkspace(store::Workspace *workspace)
{
    m_workspace = workspace;
    m_rule = {};
    m_ruleApplied = true;
    m_count->setText(workspace ? tr("Loading…") : QString());
    m_columnChoice = workspace ? CustomerColumnChoice::remembered(*workspace) : CustomerColumnChoice{};
    m_model->setWorkspace(workspace);
    setColumnWidths();
    applyColumnChoice();
}

void CustomersView::applyColumnChoice()
{
    // Until the empty fields are known every column shows; the empty ones are hidden when they are.
    const QStringList &empty = m_model->emptyFields();
    const auto &fields = m_model->fields();
    for (size_t i = 0; i < fields.size(); ++i)
        m_table->setColumnHidden(int(i), !m_columnChoice.isShown(fields[i].name, empty.contains(fields[i].name)));
}

bool CustomersView::isColumnShown(const QString &fieldName) const
{
    const int column = m_model->columnOf(fieldName);
    return column >= 0 && !m_table->isColumnHidden(column);
}

QDialog *CustomersView::chooseColumns()
{
    QSet<QString> shown;
    QStringList all;
    for (const store::FieldInfo &field : m_model->fields()) {
        all << field.name;
        if (isColumnShown(field.name))
            shown.insert(field.name);
    }
    const QSet<QString> empty(m_model->emptyFields().cbegin(), m_model->emptyFields().cend());
    auto *chooser = new ColumnChooser(m_model->fields(), shown, empty, this);
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    connect(chooser, &QDialog::accepted, this, [this, chooser, all, empty] {
        m_columnChoice = CustomerColumnChoice::forShown(all, chooser->shownFields(), empty);
        if (m_workspace)
            m_columnChoice.remember(*m_workspace);
        applyColumnChoice();
    });
    chooser->open();
    return chooser;
}

void CustomersView::setRule(const rules::Rule &rule)
{
    m_rule = rule;
    m_ruleApplied = false;
    if (isVisible())
        applyRule();
}

void CustomersView::applyRule()
{
    if (m_ruleApplied)
        return;
    m_ruleApplied = true;
    m_model->setRule(m_rule);
    if (m_model->isLoading())
        m_count->setText(tr("Loading…"));
}

void CustomersView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    applyRule();
}

QWidget *CustomersView::openCard(int row)
{
    const qint64 id = m_model->customerId(row);
    if (!m_workspace || id == 0)
        return nullptr;
    auto *card = new CustomerCard(m_workspace, id, this);
    card->setAttribute(Qt::WA_DeleteOnClose);
    card->show();
    return card;
}

void CustomersView::showCount()
{
    const int rows = m_model->rowCount();
    m_count->setText(m_model->rule().root.children.empty() && m_model->search().trimmed().isEmpty()
                         ? tr("%Ln customers", nullptr, rows)
                         : tr("%Ln customers match", nullptr, rows));
}

void CustomersView::setColumnWidths()
{
    // Widths by type from the font, never by measuring the rows.
    const int em = fontMetrics().horizontalAdvance(u'M');
    const auto &fields = m_model->fields();
    QHeaderView *header = m_table->horizontalHeader();
    for (size_t i = 0; i < fields.size(); ++i) {
        int width = em * 8;
        switch (fields[i].type) {
        case store::FieldType::Text:
            width = fields[i].role == u"email" ? em * 17 : em * 9;
            break;
        case store::FieldType::Identifier:
            width = fields[i].role == u"phone" ? em * 11 : em * 9;
            break;
        case store::FieldType::RfmSegment:
            width = em * 11;
            break;
        case store::FieldType::Date:
        case store::FieldType::DateTime:
            width = dateColumnWidth(fields[i].type);
            break;
        default:
            break;
        }
        const int title = header->fontMetrics().horizontalAdvance(m_model->headerData(int(i), Qt::Horizontal).toString()) + em * 2;
        m_table->setColumnWidth(int(i), std::max(width, std::min(title, em * 14)));
    }
    // What a marketer looks at first comes first: who, then stage, tier, RFM and spend; the rest after, in the
    // fields' order. Only the visual order changes (the user may drag columns); the model keeps the fields'.
    static const char *const leading[] = {"customer_id", "name", "phone", "lifecycle_stage", "value_tier", "rfm_segment",
                                          "orders_count", "total_spend", "last_order_date", "city"};
    int visual = 0;
    for (const char *name : leading) {
        const int logical = m_model->columnOf(QString::fromLatin1(name));
        if (logical >= 0)
            header->moveSection(header->visualIndex(logical), visual++);
    }
}

int CustomersView::dateColumnWidth(store::FieldType type) const
{
    // The widest date of the locale's format: every month (names differ in width), two-digit days, and for
    // date-times an afternoon time with two-digit hours. A date is never cut.
    const QFontMetrics metrics = m_table->fontMetrics();
    const QLocale locale;
    int widest = 0;
    for (int month = 1; month <= 12; ++month) {
        const QDate date(2026, month, 28);
        const QString text = type == store::FieldType::DateTime ? dateTimeText(QDateTime(date, QTime(23, 58, 58)), locale)
                                                                : dateText(date, locale);
        widest = std::max(widest, metrics.horizontalAdvance(text));
    }
    const int padding = 2 * m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + metrics.horizontalAdvance(u'M');
    return widest + padding;
}

void CustomersView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void CustomersView::retranslate()
{
    m_columns->setText(tr("Columns…"));
    m_columns->setToolTip(tr("Choose the columns of the table"));
    m_search->setPlaceholderText(tr("Search name, phone, e-mail or customer ID"));
    const qsizetype selected = m_table->selectionModel() ? m_table->selectionModel()->selectedRows().size() : 0;
    if (selected > 0) {
        m_export->setText(tr("Export %n Selected…", nullptr, int(selected)));
        m_export->setToolTip(tr("Export the selected customers to Excel or CSV"));
    } else {
        m_export->setText(tr("Export Members…"));
        m_export->setToolTip(tr("Export the members of the rule to Excel or CSV"));
    }
}

std::vector<qint64> CustomersView::selectedCustomerIds() const
{
    std::vector<qint64> ids;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    ids.reserve(size_t(rows.size()));
    for (const QModelIndex &row : rows)
        ids.push_back(m_model->customerId(row.row()));
    return ids;
}

void CustomersView::exportClicked()
{
    if (const auto ids = selectedCustomerIds(); !ids.empty())
        Q_EMIT exportSelectedRequested(ids);
    else
        Q_EMIT exportRequested();
}

} // namespace segmenta::ui
