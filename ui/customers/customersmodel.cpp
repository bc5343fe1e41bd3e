#include "customers/customersmodel.h"

#include "store/database.h"
#include "store/emptyfields.h"
#include "store/workspace.h"

#include <QThread>

#include <algorithm>

namespace segmenta::ui {

// Runs the model's queries on its own thread with its own read-only connection, one at a time, in the
// order asked. Results go back to the model with queued calls; the model stops this thread before it dies.
class CustomerLoader : public QObject
{
public:
    explicit CustomerLoader(std::shared_ptr<std::atomic<quint64>> latest) : m_latest(std::move(latest)) {}

    void listIds(CustomersModel *model, const QString &path, const QDate &asOf, const CustomerFilter &filter,
                 quint64 generation)
    {
        if (m_latest->load() != generation)
            return; // a newer rule, search or order is queued behind this one
        std::shared_ptr<const std::vector<qint64>> ids;
        QString error;
        try {
            store::Database &db = connection(path);
            const auto context = rules::RuleContext::forDatabase(db, asOf);
            auto listed = CustomerQuery::ids(db, context, filter);
            if (listed)
                ids = std::make_shared<const std::vector<qint64>>(std::move(listed).value());
            else
                error = listed.errorMessage();
        } catch (const store::DatabaseError &e) {
            error = e.message();
        }
        QMetaObject::invokeMethod(model, [model, generation, ids, error] { model->idsArrived(generation, ids, error); },
                                  Qt::QueuedConnection);
    }

    void fillPage(CustomersModel *model, const QString &path, const std::vector<store::FieldInfo> &fields,
                  const std::shared_ptr<const std::vector<qint64>> &ids, int page, quint64 generation)
    {
        auto rows = std::make_shared<std::vector<QVariantList>>();
        try {
            const size_t first = size_t(page) * CustomersModel::kPageRows;
            const size_t count = std::min<size_t>(CustomersModel::kPageRows, ids->size() - std::min(first, ids->size()));
            *rows = CustomerQuery::rows(connection(path), fields, ids->data() + first, count);
        } catch (const store::DatabaseError &) {
            rows.reset(); // the page stays a placeholder; the model asks again when it is shown next
        }
        QMetaObject::invokeMethod(model, [model, generation, page, rows] { model->pageArrived(generation, page, rows); },
                                  Qt::QueuedConnection);
    }

    void findEmptyFields(CustomersModel *model, const QString &path, const std::vector<store::FieldInfo> &fields,
                         quint64 workspaceGeneration)
    {
        QStringList empty;
        try {
            empty = store::emptyCustomerFields(connection(path), fields);
        } catch (const store::DatabaseError &) {
            empty.clear(); // nothing is hidden for being empty; every column shows
        }
        QMetaObject::invokeMethod(
            model, [model, workspaceGeneration, empty] { model->emptyFieldsArrived(workspaceGeneration, empty); },
            Qt::QueuedConnection);
    }

private:
    store::Database &connection(const QString &path)
    {
        if (!m_db.isOpen() || m_path != path) {
            m_db = store::Database::open(path, store::Database::Access::ReadOnly);
            m_path = path;
        }
        return m_db;
    }

    std::shared_ptr<std::atomic<quint64>> m_latest;
    store::Database m_db;
    QString m_path;
};

CustomersModel::CustomersModel(QObject *parent)
    : QAbstractTableModel(parent), m_latest(std::make_shared<std::atomic<quint64>>(0)), m_thread(new QThread(this)),
      m_loader(new CustomerLoader(m_latest))
{
    m_thread->setObjectName(QStringLiteral("CustomerLoader"));
    m_loader->moveToThread(m_thread);
    m_thread->start();
}

CustomersModel::~CustomersModel()
{
    m_thread->quit();
    m_thread->wait();
    delete m_loader;
}

void CustomersModel::setWorkspace(store::Workspace *workspace)
{
    beginResetModel();
    m_fields.clear();
    m_ids.reset();
    m_pages.clear();
    m_requested.clear();
    m_path.clear();
    if (workspace) {
        try {
            m_fields = store::loadFields(workspace->db(), QStringLiteral("customer"));
            m_path = workspace->path();
            m_asOf = workspace->analysisDate();
            m_currency = workspace->currencySymbol();
        } catch (const store::DatabaseError &error) {
            m_fields.clear();
            Q_EMIT failed(error.message());
        }
    }
    if (!m_filter.sortField.isEmpty() && columnOf(m_filter.sortField) < 0)
        m_filter.sortField.clear();
    endResetModel();
    findEmptyFields();
    reload();
}

void CustomersModel::findEmptyFields()
{
    ++m_workspaceGeneration;
    m_emptyFields.clear();
    m_emptyFieldsKnown = m_path.isEmpty();
    if (m_emptyFieldsKnown)
        return;
    QMetaObject::invokeMethod(
        m_loader,
        [loader = m_loader, model = this, path = m_path, fields = m_fields, generation = m_workspaceGeneration] {
            loader->findEmptyFields(model, path, fields, generation);
        },
        Qt::QueuedConnection);
}

void CustomersModel::emptyFieldsArrived(quint64 workspaceGeneration, const QStringList &empty)
{
    if (workspaceGeneration != m_workspaceGeneration)
        return; // for a workspace replaced since
    m_emptyFields = empty;
    m_emptyFieldsKnown = true;
    Q_EMIT emptyFieldsFound(empty);
}

void CustomersModel::setRule(const rules::Rule &rule)
{
    if (rule == m_filter.rule && m_shownGeneration == m_generation && m_ids)
        return;
    m_filter.rule = rule;
    reload();
}

void CustomersModel::setSearch(const QString &text)
{
    if (text == m_filter.search)
        return;
    m_filter.search = text;
    reload();
}

void CustomersModel::sort(int column, Qt::SortOrder order)
{
    const QString field = column >= 0 && column < columnCount() ? m_fields[size_t(column)].name : QString();
    if (field == m_filter.sortField && order == m_filter.order)
        return;
    m_filter.sortField = field;
    m_filter.order = order;
    reload();
}

void CustomersModel::reload()
{
    ++m_generation;
    m_latest->store(m_generation);
    if (m_path.isEmpty()) {
        m_loading = false;
        return;
    }
    m_loading = true;
    const quint64 generation = m_generation;
    QMetaObject::invokeMethod(
        m_loader,
        [loader = m_loader, model = this, path = m_path, asOf = m_asOf, filter = m_filter, generation] {
            loader->listIds(model, path, asOf, filter, generation);
        },
        Qt::QueuedConnection);
}

void CustomersModel::idsArrived(quint64 generation, std::shared_ptr<const std::vector<qint64>> ids, const QString &error)
{
    if (generation != m_generation)
        return; // replaced by a newer request
    m_loading = false;
    beginResetModel();
    m_ids = error.isEmpty() ? std::move(ids) : nullptr;
    m_shownGeneration = generation;
    m_pages.clear();
    m_requested.clear();
    endResetModel();
    if (error.isEmpty())
        Q_EMIT loaded(qint64(m_ids->size()));
    else
        Q_EMIT failed(error);
}

void CustomersModel::pageArrived(quint64 generation, int page, std::shared_ptr<std::vector<QVariantList>> rows)
{
    if (generation != m_shownGeneration)
        return;
    m_requested.remove(page);
    if (!rows)
        return;
    while (!m_pages.isEmpty() && m_pages.size() >= kMaxPages) {
        auto oldest = m_pages.cbegin();
        for (auto it = m_pages.cbegin(); it != m_pages.cend(); ++it) {
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        }
        m_pages.remove(oldest.key());
    }
    const int first = page * kPageRows;
    const int last = first + int(rows->size()) - 1;
    m_pages.insert(page, Page{std::move(*rows), ++m_useClock});
    if (last >= first && columnCount() > 0) {
        Q_EMIT dataChanged(index(first, 0), index(last, columnCount() - 1));
        Q_EMIT rowsFilled(first, last);
    }
}

const QVariantList *CustomersModel::rowValues(int row) const
{
    const int page = row / kPageRows;
    auto it = m_pages.find(page);
    if (it != m_pages.end()) {
        it->lastUse = ++m_useClock;
        const auto &rows = it->rows;
        const size_t offset = size_t(row % kPageRows);
        return offset < rows.size() ? &rows[offset] : nullptr;
    }
    if (!m_requested.contains(page)) {
        m_requested.insert(page);
        QMetaObject::invokeMethod(
            m_loader,
            [loader = m_loader, model = const_cast<CustomersModel *>(this), path = m_path, fields = m_fields, ids = m_ids,
             page, generation = m_shownGeneration] { loader->fillPage(model, path, fields, ids, page, generation); },
            Qt::QueuedConnection);
    }
    return nullptr;
}

qint64 CustomersModel::customerId(int row) const
{
    return m_ids && row >= 0 && size_t(row) < m_ids->size() ? (*m_ids)[size_t(row)] : 0;
}

int CustomersModel::columnOf(const QString &fieldName) const
{
    for (size_t i = 0; i < m_fields.size(); ++i) {
        if (m_fields[i].name == fieldName)
            return int(i);
    }
    return -1;
}

int CustomersModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_ids)
        return 0;
    return int(std::min<size_t>(m_ids->size(), size_t(std::numeric_limits<int>::max())));
}

int CustomersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant CustomersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const store::FieldInfo &field = m_fields[size_t(index.column())];
    switch (role) {
    case kCustomerIdRole:
        return customerId(index.row());
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(
            (CustomerQuery::isRightAligned(field.type) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
    case kStoredValueRole: {
        const QVariantList *values = rowValues(index.row());
        if (!values || values->size() <= index.column())
            return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
        const QVariant &value = values->at(index.column());
        if (role == kStoredValueRole)
            return value;
        return CustomerQuery::display(field, value, m_currency);
    }
    default:
        return {};
    }
}

QVariant CustomersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return QLocale().toString(section + 1);
        return {};
    }
    if (section < 0 || section >= columnCount())
        return {};
    const store::FieldInfo &field = m_fields[size_t(section)];
    if (role == Qt::DisplayRole)
        return CustomerQuery::label(field);
    if (role == Qt::ToolTipRole)
        return tr("%1 (in rules: %2)").arg(CustomerQuery::label(field), field.name);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(
            (CustomerQuery::isRightAligned(field.type) ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter));
    return {};
}

} // namespace segmenta::ui
