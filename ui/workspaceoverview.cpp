#include "workspaceoverview.h"

#include "store/workspace.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace segmenta::ui {

WorkspaceOverview::WorkspaceOverview(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_figures(new QLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_figures->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_figures);
    layout->addStretch();
}

void WorkspaceOverview::showWorkspace(store::Workspace &workspace)
{
    const QLocale locale;
    m_title->setText(workspace.displayName());
    auto &db = workspace.db();
    const qint64 customers = workspace.customerCount();
    const qint64 orders = workspace.orderCount();
    const double revenue = db.scalar("SELECT total(amount) FROM orders WHERE is_valid = 1").toDouble();
    const QString first = db.scalar("SELECT min(substr(order_date, 1, 10)) FROM orders").toString();
    const QString last = db.scalar("SELECT max(substr(order_date, 1, 10)) FROM orders").toString();
    const auto asDate = [&locale](const QString &iso) {
        const QDate date = QDate::fromString(iso, Qt::ISODate);
        return date.isValid() ? locale.toString(date, QLocale::ShortFormat) : QStringLiteral("–");
    };
    m_figures->setText(tr("<table cellspacing=6>"
                          "<tr><td>Customers</td><td align=right><b>%1</b></td></tr>"
                          "<tr><td>Orders</td><td align=right><b>%2</b></td></tr>"
                          "<tr><td>Revenue</td><td align=right><b>%3</b></td></tr>"
                          "<tr><td>Orders from</td><td align=right><b>%4 – %5</b></td></tr>"
                          "<tr><td>Analysis date</td><td align=right><b>%6</b></td></tr>"
                          "</table>")
                           .arg(locale.toString(customers), locale.toString(orders),
                                locale.toString(revenue, 'f', 2), asDate(first), asDate(last),
                                locale.toString(workspace.analysisDate(), QLocale::ShortFormat)));
}

} // namespace segmenta::ui
