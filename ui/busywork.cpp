#include "busywork.h"

#include "common/progress.h"
#include "common/threads.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace segmenta::ui {

QThreadPool *workers()
{
    static QThreadPool *pool = backgroundPool(std::max(2, QThread::idealThreadCount()));
    return pool;
}

QString runWithBusyDialog(QWidget *parent, const QString &label, const std::function<QString()> &work)
{
    QProgressDialog busy(label, QString(), 0, 0, parent);
    busy.setWindowModality(Qt::WindowModal);
    busy.setMinimumDuration(300);
    busy.setCancelButton(nullptr);
    QFutureWatcher<QString> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<QString>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(workers(), work));
    if (!watcher.isFinished())
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    return watcher.result();
}

QString runWithProgressDialog(QWidget *parent, const QString &label, const std::function<QString(Progress &)> &work,
                              bool *canceled)
{
    QProgressDialog dialog(label, QProgressDialog::tr("Cancel"), 0, 1000, parent);
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(300);
    dialog.setAutoClose(false);
    dialog.setAutoReset(false);
    // The worker's reports reach the dialog as queued calls (dropped if the dialog is gone by then).
    Progress progress([&dialog](qint64 done, qint64 total) {
        const int permille = total > 0 ? int(std::min<qint64>(1000, done * 1000 / total)) : 0;
        QMetaObject::invokeMethod(&dialog, [&dialog, permille] { dialog.setValue(permille); }, Qt::QueuedConnection);
    });
    bool pressed = false;
    QObject::connect(&dialog, &QProgressDialog::canceled, &dialog, [&progress, &pressed] {
        pressed = true;
        progress.cancel();
    });
    QFutureWatcher<QString> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<QString>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(QtConcurrent::run(workers(), [&work, &progress] { return work(progress); }));
    if (!watcher.isFinished())
        loop.exec(); // user input too, for the Cancel button; the dialog is modal to the window
    if (canceled)
        *canceled = pressed;
    return watcher.result();
}

} // namespace segmenta::ui
