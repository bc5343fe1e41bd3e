#include "import/importtarget.h"

#include "store/workspace.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>

namespace segmenta::ui {

ImportTarget::ImportTarget(const QString &openWorkspacePath, const QString &spreadsheetPath, QWidget *parent)
    : QGroupBox(tr("Where the rows go"), parent), m_openPath(openWorkspacePath), m_intro(new QLabel(this)),
      m_current(new QRadioButton(this)), m_new(new QRadioButton(tr("Into a &new workspace:"), this)),
      m_path(new QLineEdit(QDir::toNativeSeparators(suggestedPath(spreadsheetPath)), this)),
      m_browse(new QPushButton(tr("&Browse…"), this)), m_problem(new QLabel(this))
{
    setObjectName(QStringLiteral("importTarget"));
    m_current->setObjectName(QStringLiteral("importIntoOpen"));
    m_new->setObjectName(QStringLiteral("importIntoNew"));
    m_path->setObjectName(QStringLiteral("importNewPath"));
    m_intro->setWordWrap(true);
    m_intro->setText(tr("Segmenta keeps what it imports in a workspace: one file on this computer with the customers, "
                        "their orders and your segments. The spreadsheet itself is not changed."));
    const bool open = !openWorkspacePath.isEmpty();
    m_current->setText(open ? tr("Into the &open workspace “%1”: rows with a customer or order ID it holds update it")
                                  .arg(QFileInfo(openWorkspacePath).completeBaseName())
                            : tr("Into the open workspace (none is open)"));
    m_current->setEnabled(open);
    (open ? m_current : m_new)->setChecked(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problem->setWordWrap(true);

    auto *grid = new QGridLayout(this);
    grid->addWidget(m_intro, 0, 0, 1, 3);
    grid->addWidget(m_current, 1, 0, 1, 3);
    grid->addWidget(m_new, 2, 0);
    grid->addWidget(m_path, 2, 1);
    grid->addWidget(m_browse, 2, 2);
    grid->addWidget(m_problem, 3, 0, 1, 3);
    grid->setColumnStretch(1, 1);

    connect(m_current, &QRadioButton::toggled, this, &ImportTarget::update);
    connect(m_path, &QLineEdit::textChanged, this, &ImportTarget::update);
    connect(m_browse, &QPushButton::clicked, this, &ImportTarget::browse);
    update();
}

QString ImportTarget::suggestedPath(const QString &spreadsheetPath)
{
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QDir(folder).exists())
        folder = QDir::homePath(); // (a system without a Documents folder)
    const QString base = QFileInfo(spreadsheetPath).completeBaseName();
    const QDir dir(folder);
    QString path = dir.filePath(base + u'.' + QLatin1StringView(store::Workspace::kFileSuffix));
    for (int n = 2; QFileInfo::exists(path); ++n)
        path = dir.filePath(QStringLiteral("%1 %2.%3").arg(base).arg(n).arg(QLatin1StringView(store::Workspace::kFileSuffix)));
    return path;
}

bool ImportTarget::createsWorkspace() const
{
    return m_new->isChecked();
}

QString ImportTarget::targetPath() const
{
    if (!createsWorkspace())
        return m_openPath;
    QString path = QDir::fromNativeSeparators(m_path->text().trimmed());
    if (!path.isEmpty() && !path.endsWith(u'.' + QLatin1StringView(store::Workspace::kFileSuffix), Qt::CaseInsensitive))
        path += u'.' + QLatin1StringView(store::Workspace::kFileSuffix);
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

QString ImportTarget::problem() const
{
    if (!createsWorkspace())
        return {};
    const QString path = targetPath();
    if (path.isEmpty())
        return tr("Name the new workspace's file.");
    if (QFileInfo::exists(path))
        return tr("“%1” exists already: choose another name, or open it and import into it.").arg(QDir::toNativeSeparators(path));
    if (!QFileInfo(path).dir().exists())
        return tr("The folder “%1” does not exist.").arg(QDir::toNativeSeparators(QFileInfo(path).absolutePath()));
    return {};
}

void ImportTarget::browse()
{
    const QString chosen = QFileDialog::getSaveFileName(this, tr("New Workspace for the Import"), targetPath(),
                                                        tr("Segmenta workspaces (*.segmenta)"), nullptr,
                                                        QFileDialog::DontConfirmOverwrite);
    if (chosen.isEmpty())
        return;
    m_path->setText(QDir::toNativeSeparators(chosen));
    m_new->setChecked(true);
}

void ImportTarget::update()
{
    m_path->setEnabled(createsWorkspace());
    m_browse->setEnabled(createsWorkspace());
    m_problem->setText(problem());
    m_problem->setVisible(!m_problem->text().isEmpty());
    Q_EMIT changed();
}

} // namespace segmenta::ui
