#include "common/threads.h"

#include <QThread>
#include <QThreadPool>

#include <latch>
#include <memory>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace segmenta {

QThreadPool *computeThreads()
{
    static QThreadPool *pool = backgroundPool(QThread::idealThreadCount());
    return pool;
}

QThreadPool *backgroundPool(int threads)
{
    auto *pool = new QThreadPool; // lives as long as the program, as the global pool does
    pool->setMaxThreadCount(threads);
#ifdef Q_OS_LINUX
    pool->setExpiryTimeout(-1);
    const int nice = getpriority(PRIO_PROCESS, id_t(gettid())) + kBackgroundNice;
    // Every task waits until all have started, so each runs on a thread of its own and all threads exist.
    auto started = std::make_shared<std::latch>(threads);
    for (int i = 0; i < threads; ++i) {
        pool->start([started, nice] {
            (void)setpriority(PRIO_PROCESS, id_t(gettid()), nice); // at worst the thread keeps its priority
            started->arrive_and_wait();
        });
    }
#else
    pool->setThreadPriority(QThread::LowPriority);
#endif
    return pool;
}

} // namespace segmenta
