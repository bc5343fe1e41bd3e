#include "mainwindow.h"

#include "startpage.h"
#include "workspaceoverview.h"

#include "demo/demoshop.h"
#include "metrics/customermetrics.h"
#include "store/workspace.h"

#include <QApplication>
#include <QDir>
#include <QFileDialog>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>

namespace segmenta::ui {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_pages(new QStackedWidget(this)), m_startPage(new StartPage(this)),
      m_overview(new WorkspaceOverview(this)), m_statusLabel(new QLabel(this))
{
    setWindowTitle(tr("Segmenta"));
    m_pages->addWidget(m_startPage);
    m_pages->addWidget(m_overview);
    setCentralWidget(m_pages);
    statusBar()->addPermanentWidget(m_statusLabel);
    createMenus();
    connect(m_startPage, &StartPage::openDemoRequested, this, &MainWindow::openDemoShop);
    connect(m_startPage, &StartPage::openRequested, this, &MainWindow::chooseWorkspace);
    resize(1200, 780);
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Workspace…"), QKeySequence::Open, this, &MainWindow::chooseWorkspace);
    file->addAction(tr("Open &Demo Shop"), this, &MainWindow::openDemoShop);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::closeAllWindows);
}

void MainWindow::chooseWorkspace()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Workspace"), QString(),
                                                      tr("Segmenta workspaces (*.segmenta)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

bool MainWindow::openWorkspace(const QString &path)
{
    auto opened = store::Workspace::open(path);
    if (!opened) {
        QMessageBox::warning(this, tr("Cannot Open Workspace"), opened.errorMessage());
        return false;
    }
    m_workspace = std::move(opened).value();
    try {
        m_overview->showWorkspace(*m_workspace);
    } catch (const store::DatabaseError &error) {
        QMessageBox::warning(this, tr("Cannot Read Workspace"), error.message());
    }
    m_pages->setCurrentWidget(m_overview);
    setWindowTitle(tr("%1 — Segmenta").arg(m_workspace->displayName()));
    showStatus();
    return true;
}

bool MainWindow::openDemoShop()
{
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("demo-shop.segmenta"));
    if (!QFileInfo::exists(path)) {
        auto created = store::Workspace::create(path);
        if (!created) {
            QMessageBox::warning(this, tr("Cannot Create Demo Shop"), created.errorMessage());
            return false;
        }
        auto summary = demo::DemoShop::generate(*created.value(), demo::DemoOptions{});
        if (summary) {
            if (const auto metrics = metrics::CustomerMetrics::ensureCurrent(*created.value()); !metrics)
                summary = metrics.error();
        }
        if (!summary) {
            created.value().reset();
            QFile::remove(path);
            QMessageBox::warning(this, tr("Cannot Create Demo Shop"), summary.errorMessage());
            return false;
        }
    }
    return openWorkspace(path);
}

void MainWindow::showStatus()
{
    if (!m_workspace) {
        m_statusLabel->clear();
        return;
    }
    const QLocale locale;
    m_statusLabel->setText(tr("%1 · analysis date %2 · %3 customers")
                               .arg(m_workspace->displayName(),
                                    locale.toString(m_workspace->analysisDate(), QLocale::ShortFormat),
                                    locale.toString(m_workspace->customerCount())));
}

} // namespace segmenta::ui
