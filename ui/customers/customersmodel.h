#pragma once

#include "customers/customerquery.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QHash>
#include <QSet>
#include <QStringList>

#include <atomic>
#include <memory>
#include <vector>

class QThread;

namespace segmenta::store {
class Workspace;
}

namespace segmenta::ui {

class CustomerLoader;

// The customers of a workspace as a table: one row per customer (all of them, or the members of a rule,
// optionally narrowed by a quick search), one column per customer field (imported and derived, in the order
// of the fields table), sortable by any column.
//
// Built for a million rows: a background thread (with its own read-only SQLite connection) first lists the
// matching customer ids in the wanted order (so the row count is exact and the scroll bar true), then fills
// pages of kPageRows rows by primary key as the view asks for them. Until its page arrives a row shows
// placeholders; at most kMaxPages pages are kept. Every change of rule, search or order starts a new
// generation and results of older ones are dropped. data() never touches the database.
//
// Lives on the GUI thread. The workspace passed to setWorkspace() must outlive the model or be replaced
// first (only its path, fields, analysis date and currency are read, on the GUI thread). A rule that does not fit the
// fields empties the table and emits failed() with the reason.
class CustomersModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    static constexpr int kPageRows = 128;
    static constexpr int kMaxPages = 64;
    static constexpr int kCustomerIdRole = Qt::UserRole;     // customers.id of the row (known before its page)
    static constexpr int kStoredValueRole = Qt::UserRole + 1; // the value as stored (QVariant), null until loaded

    explicit CustomersModel(QObject *parent = nullptr);
    ~CustomersModel() override;

    void setWorkspace(store::Workspace *workspace);
    void setRule(const rules::Rule &rule);
    void setSearch(const QString &text);
    QString search() const { return m_filter.search; }
    const rules::Rule &rule() const { return m_filter.rule; }

    // True from a change of workspace, rule, search or order until its rows are counted.
    bool isLoading() const { return m_loading; }
    qint64 customerId(int row) const;
    const std::vector<store::FieldInfo> &fields() const { return m_fields; }
    int columnOf(const QString &fieldName) const; // -1 when there is no such field
    // The fields no customer of the workspace holds a value in (store::emptyCustomerFields), found on the
    // loader thread after setWorkspace(); empty and not known until emptyFieldsFound().
    const QStringList &emptyFields() const { return m_emptyFields; }
    bool emptyFieldsKnown() const { return m_emptyFieldsKnown; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

Q_SIGNALS:
    // The rows of the current rule, search and order are counted (the table was reset).
    void loaded(qint64 rows);
    // Rows first..last have their values now.
    void rowsFilled(int first, int last);
    void failed(const QString &message);
    // The workspace's empty fields are known (emptyFields()).
    void emptyFieldsFound(const QStringList &fieldNames);

private:
    friend class CustomerLoader; // delivers results through idsArrived(), pageArrived() and emptyFieldsArrived()

    struct Page
    {
        std::vector<QVariantList> rows;
        quint64 lastUse = 0;
    };

    void reload();
    void findEmptyFields();
    void emptyFieldsArrived(quint64 workspaceGeneration, const QStringList &empty);
    void idsArrived(quint64 generation, std::shared_ptr<const std::vector<qint64>> ids, const QString &error);
    void pageArrived(quint64 generation, int page, std::shared_ptr<std::vector<QVariantList>> rows);
    const QVariantList *rowValues(int row) const;

    std::vector<store::FieldInfo> m_fields;
    QString m_path;
    QDate m_asOf;
    QString m_currency; // the workspace's currency symbol, read in setWorkspace()
    CustomerFilter m_filter;
    std::shared_ptr<const std::vector<qint64>> m_ids;
    quint64 m_generation = 0;      // of the latest request
    quint64 m_shownGeneration = 0; // of the ids shown
    std::shared_ptr<std::atomic<quint64>> m_latest; // m_generation, for the loader to skip stale requests
    bool m_loading = false;
    QStringList m_emptyFields;
    bool m_emptyFieldsKnown = true;
    quint64 m_workspaceGeneration = 0; // of the latest setWorkspace(), for the empty fields
    // Filled lazily from data() (const); the cache is not part of the model's observable state.
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
    mutable quint64 m_useClock = 0;

    QThread *m_thread;
    CustomerLoader *m_loader;
};

} // namespace segmenta::ui
