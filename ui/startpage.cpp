#include "startpage.h"

#include "settings/appsettings.h"

#include <QCommandLinkButton>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace segmenta::ui {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_intro(new QLabel(this)), m_demo(new QCommandLinkButton(this)),
      m_import(new QCommandLinkButton(this)), m_open(new QCommandLinkButton(this)), m_recentTitle(new QLabel(this)),
      m_recent(new QVBoxLayout)
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro->setWordWrap(true);
    m_demo->setObjectName(QStringLiteral("startDemo"));
    m_import->setObjectName(QStringLiteral("startImport"));
    m_open->setObjectName(QStringLiteral("startOpen"));
    m_recentTitle->setObjectName(QStringLiteral("startRecentTitle"));
    QFont sectionFont = m_recentTitle->font();
    sectionFont.setBold(true);
    m_recentTitle->setFont(sectionFont);
    m_recent->setSpacing(0);
    connect(m_demo, &QCommandLinkButton::clicked, this, &StartPage::openDemoRequested);
    connect(m_open, &QCommandLinkButton::clicked, this, &StartPage::openRequested);
    connect(m_import, &QCommandLinkButton::clicked, this, &StartPage::importRequested);
    connect(&AppSettings::instance(), &AppSettings::recentWorkspacesChanged, this, &StartPage::showRecent);

    auto *column = new QVBoxLayout;
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addSpacing(16);
    column->addWidget(m_demo);
    column->addWidget(m_import);
    column->addWidget(m_open);
    column->addSpacing(16);
    column->addWidget(m_recentTitle);
    column->addLayout(m_recent);
    column->addStretch();

    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addLayout(column, 3);
    outer->addStretch();
    retranslate();
}

void StartPage::showRecent()
{
    while (QLayoutItem *item = m_recent->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    int shown = 0;
    for (const QString &path : AppSettings::instance().recentWorkspaces()) {
        const QFileInfo info(path);
        if (!info.exists())
            continue; // File > Open Recent lists it greyed, with a way to remove it
        auto *button = new QCommandLinkButton(info.completeBaseName(), QDir::toNativeSeparators(info.absolutePath()), this);
        button->setObjectName(QStringLiteral("startRecent%1").arg(shown++));
        button->setToolTip(QDir::toNativeSeparators(path));
        connect(button, &QCommandLinkButton::clicked, this, [this, path] { Q_EMIT recentRequested(path); });
        m_recent->addWidget(button);
        if (shown == 5)
            break;
    }
    m_recentTitle->setVisible(shown > 0);
}

void StartPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void StartPage::retranslate()
{
    m_title->setText(tr("Welcome to Segmenta"));
    m_intro->setText(tr("Turn your customer spreadsheets into segments you can act on."));
    m_demo->setText(tr("Open the demo shop"));
    m_demo->setDescription(tr("A tea shop with 20,000 customers and their orders, to explore freely"));
    m_import->setText(tr("Import a spreadsheet"));
    m_import->setDescription(tr("Excel (.xlsx, .xls), OpenDocument (.ods), CSV or text exports from Taobao, JD, Shopify, "
                                "WeChat shops or your CRM"));
    m_open->setText(tr("Open a workspace"));
    m_open->setDescription(tr("A .segmenta file you saved before"));
    m_recentTitle->setText(tr("Recent workspaces"));
    showRecent();
}

} // namespace segmenta::ui
