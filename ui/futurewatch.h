#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QObject>

#include <type_traits>
#include <utility>

namespace segmenta::ui {

// Calls `callback(result)` on `context`'s thread once `future` has finished, unless `context` is gone by then.
// QFuture::then(context, ...) cannot be used for this in Qt 6.4: it asserts when the context is destroyed
// before the worker ends (a window closed, or a workspace reopened, while a worker still runs). Here the
// watcher is a child of `context`, and goes with it.
template <typename T, typename Callback>
void whenFinished(QObject *context, QFuture<T> future, Callback &&callback)
{
    auto *watcher = new QFutureWatcher<T>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, callback = std::forward<Callback>(callback)]() mutable {
                         watcher->deleteLater();
                         if constexpr (std::is_void_v<T>)
                             callback();
                         else
                             callback(watcher->result());
                     });
    watcher->setFuture(std::move(future));
}

} // namespace segmenta::ui
