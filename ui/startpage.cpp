#include "startpage.h"

#include <QCommandLinkButton>
#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace segmenta::ui {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_intro(new QLabel(this)), m_demo(new QCommandLinkButton(this)),
      m_import(new QCommandLinkButton(this)), m_open(new QCommandLinkButton(this))
{
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_intro->setWordWrap(true);
    connect(m_demo, &QCommandLinkButton::clicked, this, &StartPage::openDemoRequested);
    connect(m_open, &QCommandLinkButton::clicked, this, &StartPage::openRequested);
    connect(m_import, &QCommandLinkButton::clicked, this, &StartPage::importRequested);

    auto *column = new QVBoxLayout;
    column->addWidget(m_title);
    column->addWidget(m_intro);
    column->addSpacing(16);
    column->addWidget(m_demo);
    column->addWidget(m_import);
    column->addWidget(m_open);
    column->addStretch();

    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addLayout(column, 3);
    outer->addStretch();
    retranslate();
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
    m_import->setDescription(tr("CSV or text exports from Taobao, JD, Shopify, WeChat shops or your CRM"));
    m_open->setText(tr("Open a workspace"));
    m_open->setDescription(tr("A .segmenta file you saved before"));
}

} // namespace segmenta::ui
