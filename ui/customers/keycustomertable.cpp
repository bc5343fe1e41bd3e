#include "customers/keycustomertable.h"

#include "common/money.h"
#include "customers/customerquery.h"
#include "rules/rulecontext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QEvent>
#include <QHeaderView>

#include <algorithm>

namespace segmenta::ui {

namespace {

// The first two say who the customer is (one column); the others have a column each.
constexpr const char *kKeyFields[] = {"name", "customer_id", "total_spend", "orders_count", "last_order_date",
                                      "lifecycle_stage"};

bool namesTheCustomer(const store::FieldInfo &field)
{
    return field.name == u"name" || field.name == u"customer_id";
}

} // namespace

KeyCustomerTable::Rows KeyCustomerTable::read(store::Database &db, const rules::RuleContext &context,
                                              const std::vector<qint64> &ids, size_t most)
{
    Rows rows;
    for (const char *name : kKeyFields) {
        if (const store::FieldInfo *field = context.field(QString::fromLatin1(name)))
            rows.fields.push_back(*field);
    }
    const size_t count = std::min(most, ids.size());
    rows.ids.assign(ids.begin(), ids.begin() + qsizetype(count));
    rows.values = CustomerQuery::rows(db, rows.fields, rows.ids.data(), count);
    store::Statement currency(db, "SELECT value FROM settings WHERE key = ?1");
    currency.bind(1, QString::fromLatin1(store::Workspace::kCurrencySymbolKey));
    rows.currencySymbol = currency.step() ? currency.text(0) : QString();
    if (rows.currencySymbol.isEmpty())
        rows.currencySymbol = defaultCurrencySymbol();
    return rows;
}

KeyCustomerTable::KeyCustomerTable(QWidget *parent) : QTableWidget(parent)
{
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    horizontalHeader()->setStretchLastSection(true);
}

void KeyCustomerTable::showRows(const Rows &rows)
{
    m_rows = rows;
    clearContents();
    const auto shown = std::count_if(rows.fields.begin(), rows.fields.end(),
                                     [](const store::FieldInfo &f) { return !namesTheCustomer(f); });
    setColumnCount(int(shown) + 1);
    setRowCount(int(rows.values.size()));
    const QLocale locale;
    for (int r = 0; r < rowCount(); ++r) {
        const QVariantList &values = rows.values[size_t(r)];
        QString name;
        QString key;
        int column = 1;
        for (size_t f = 0; f < rows.fields.size() && f < size_t(values.size()); ++f) {
            const store::FieldInfo &field = rows.fields[f];
            const QString text = CustomerQuery::display(field, values[qsizetype(f)], rows.currencySymbol, locale);
            if (field.name == u"name") {
                name = text;
            } else if (field.name == u"customer_id") {
                key = text;
            } else {
                auto *item = new QTableWidgetItem(text);
                if (CustomerQuery::isRightAligned(field.type))
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                setItem(r, column++, item);
            }
        }
        auto *who = new QTableWidgetItem(name.trimmed().isEmpty() ? key : name);
        who->setToolTip(key);
        setItem(r, 0, who);
    }
    retranslate();
    resizeColumnsToContents(); // a few dozen rows at most
}

QString KeyCustomerTable::customerAt(int row) const
{
    const QTableWidgetItem *it = item(row, 0);
    return it ? it->text() : QString();
}

void KeyCustomerTable::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        showRows(Rows(m_rows)); // stage names and headers in the new language
    QTableWidget::changeEvent(event);
}

void KeyCustomerTable::retranslate()
{
    QStringList headers{tr("Customer")};
    for (const store::FieldInfo &field : m_rows.fields) {
        if (!namesTheCustomer(field))
            headers << CustomerQuery::label(field);
    }
    setHorizontalHeaderLabels(headers);
}

} // namespace segmenta::ui
