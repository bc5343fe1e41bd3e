#include "startpage.h"

#include <QCommandLinkButton>
#include <QLabel>
#include <QVBoxLayout>

namespace segmenta::ui {

StartPage::StartPage(QWidget *parent) : QWidget(parent)
{
    auto *title = new QLabel(tr("Welcome to Segmenta"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.8);
    titleFont.setBold(true);
    title->setFont(titleFont);
    auto *intro = new QLabel(tr("Turn your customer spreadsheets into segments you can act on."), this);
    intro->setWordWrap(true);

    auto *demo = new QCommandLinkButton(tr("Open the demo shop"),
                                        tr("A tea shop with 20,000 customers and their orders, to explore freely"),
                                        this);
    auto *import = new QCommandLinkButton(tr("Import a spreadsheet"),
                                          tr("CSV or text exports from Taobao, JD, Shopify, WeChat shops or your CRM"), this);
    auto *open = new QCommandLinkButton(tr("Open a workspace"), tr("A .segmenta file you saved before"), this);
    connect(demo, &QCommandLinkButton::clicked, this, &StartPage::openDemoRequested);
    connect(open, &QCommandLinkButton::clicked, this, &StartPage::openRequested);
    connect(import, &QCommandLinkButton::clicked, this, &StartPage::importRequested);

    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(intro);
    column->addSpacing(16);
    column->addWidget(demo);
    column->addWidget(import);
    column->addWidget(open);
    column->addStretch();

    auto *outer = new QHBoxLayout(this);
    outer->addStretch();
    outer->addLayout(column, 3);
    outer->addStretch();
}

} // namespace segmenta::ui
