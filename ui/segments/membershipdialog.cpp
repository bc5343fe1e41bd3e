#include "segments/membershipdialog.h"
#include "busywork.h"

#include "futurewatch.h"

#include "common/datetext.h"
#include "common/progress.h"
#include "export/memberexportjob.h"
#include "rules/rulecontext.h"
#include "store/database.h"
#include "store/workspace.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace segmenta::ui {

MembershipDialog::MembershipDialog(const QString &workspacePath, qint64 segmentId, const QString &segmentName,
                                   const QString &ruleText, QWidget *parent)
    : QDialog(parent), m_path(workspacePath), m_segmentId(segmentId), m_segmentName(segmentName), m_ruleText(ruleText),
      m_progress(std::make_shared<Progress>()), m_summary(new QLabel), m_joinedTitle(new QLabel),
      m_leftTitle(new QLabel), m_joined(new KeyCustomerTable), m_left(new KeyCustomerTable), m_export(new QPushButton)
{
    setObjectName(QStringLiteral("membershipDialog"));
    m_joined->setObjectName(QStringLiteral("joinedTable"));
    m_left->setObjectName(QStringLiteral("leftTable"));
    m_export->setObjectName(QStringLiteral("exportChanges"));
    m_summary->setWordWrap(true);
    m_export->setEnabled(false);
    auto *lists = new QHBoxLayout;
    lists->addWidget(listBox(m_joined, m_joinedTitle));
    lists->addWidget(listBox(m_left, m_leftTitle));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_export, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_export, &QPushButton::clicked, this, &MembershipDialog::chooseExportFile);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addLayout(lists, 1);
    layout->addWidget(buttons);
    resize(1000, 560);
    retranslate();
    start();
}

MembershipDialog::~MembershipDialog()
{
    m_progress->cancel(); // a worker still running stops; its result finds no one to show it
}

QWidget *MembershipDialog::listBox(KeyCustomerTable *table, QLabel *title)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);
    layout->addWidget(table, 1);
    return box;
}

MembershipDialog::Outcome MembershipDialog::work(const QString &workspacePath, qint64 segmentId, Progress *progress)
{
    Outcome outcome;
    // Read-write: the metrics may need bringing up to date for the analysis date first.
    auto workspace = store::Workspace::open(workspacePath);
    if (!workspace) {
        outcome.error = workspace.errorMessage();
        return outcome;
    }
    auto change = segments::MembershipChanges::since(*workspace.value(), segmentId, progress);
    if (!change) {
        outcome.error = change.errorMessage();
        return outcome;
    }
    outcome.change = std::move(change).value();
    try {
        store::Database &db = workspace.value()->db();
        const auto context = rules::RuleContext::forDatabase(db, outcome.change.currentDate);
        outcome.joined = KeyCustomerTable::read(db, context, outcome.change.joined, kShown);
        outcome.left = KeyCustomerTable::read(db, context, outcome.change.left, kShown);
    } catch (const store::DatabaseError &error) {
        outcome.error = tr("Could not read the customers: %1").arg(error.message());
    }
    return outcome;
}

void MembershipDialog::start()
{
    const QString path = m_path;
    const qint64 id = m_segmentId;
    const auto progress = m_progress;
    whenFinished(this, QtConcurrent::run(workers(), [path, id, progress] { return work(path, id, progress.get()); }),
                 [this](const Outcome &outcome) { showOutcome(outcome); });
}

void MembershipDialog::showOutcome(const Outcome &outcome)
{
    m_done = true;
    m_error = outcome.error;
    m_change = outcome.change;
    m_joined->showRows(outcome.joined);
    m_left->showRows(outcome.left);
    m_export->setEnabled(m_error.isEmpty() && (!m_change.joined.empty() || !m_change.left.empty()));
    retranslate();
    Q_EMIT ready();
}

void MembershipDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void MembershipDialog::retranslate()
{
    setWindowTitle(tr("Who Joined and Left “%1”").arg(m_segmentName));
    m_export->setText(tr("&Export…"));
    const QLocale locale;
    m_joinedTitle->setText(tr("Joined (%1)").arg(locale.toString(qint64(m_change.joined.size()))));
    m_leftTitle->setText(tr("Left (%1)").arg(locale.toString(qint64(m_change.left.size()))));
    if (!m_done) {
        m_summary->setText(tr("Working out who joined “%1” and who left it since the previous analysis date…").arg(m_segmentName));
        return;
    }
    if (!m_error.isEmpty()) {
        m_summary->setText(m_error);
        return;
    }
    QString text = tr("From %1 to %2 (the previous analysis date and this one), %3 customers joined and %4 left: "
                      "%5 members then, %6 now.")
                       .arg(dateText(m_change.previousDate), dateText(m_change.currentDate),
                            locale.toString(qint64(m_change.joined.size())), locale.toString(qint64(m_change.left.size())),
                            locale.toString(m_change.before), locale.toString(m_change.now));
    if (m_change.before != m_change.recordedBefore)
        text += QStringLiteral(" ") + tr("The size recorded on %1 was %2: the orders or the settings have changed since.")
                           .arg(dateText(m_change.previousDate), locale.toString(m_change.recordedBefore));
    if (m_change.joined.size() > kShown || m_change.left.size() > kShown)
        text += QStringLiteral(" ") + tr("The first %1 of each list are shown; Export writes them all.").arg(locale.toString(qint64(kShown)));
    m_summary->setText(text);
}

void MembershipDialog::chooseExportFile()
{
    const QString suggested = QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                                  .filePath(tr("%1 - joined and left").arg(m_segmentName) + QStringLiteral(".xlsx"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Who Joined and Left"), suggested,
                                                      tr("Excel workbook (*.xlsx);;CSV file (*.csv)"));
    if (!path.isEmpty())
        exportTo(path);
}

void MembershipDialog::exportTo(const QString &path)
{
    exporting::ExportOptions options;
    options.outPath = path;
    options.force = true; // the file dialog asked before replacing
    options.namedLists = {{tr("Joined"), m_change.joined}, {tr("Left"), m_change.left}};
    options.listsHeader = tr("Change");
    options.segmentName = m_segmentName;
    options.ruleText = m_ruleText;
    options.segmentDescription = tr("Who joined and who left between %1 and %2")
                                     .arg(dateText(m_change.previousDate), dateText(m_change.currentDate));
    options.asOf = m_change.currentDate;
    MemberExportJob::start(this, m_path, rules::Rule(), options);
}

} // namespace segmenta::ui
