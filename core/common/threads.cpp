#include "common/threads.h"

#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <latch>
#include <memory>
#include <mutex>
#include <vector>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace segmenta {

namespace {

// Every pool backgroundPool() made, for waitForBackgroundWork().
struct Pools
{
    std::mutex mutex;
    std::vector<QThreadPool *> all;
};

Pools &pools()
{
    static Pools *kept = new Pools; // never destroyed: a pool may be made or waited for while statics end
    return *kept;
}

} // namespace

QThreadPool *computeThreads()
{
    static QThreadPool *pool = backgroundPool(QThread::idealThreadCount());
    return pool;
}

QThreadPool *backgroundPool(int threads)
{
    auto *pool = new QThreadPool; // lives as long as the program, as the global pool does
    {
        const std::lock_guard lock(pools().mutex);
        pools().all.push_back(pool);
    }
    static const bool waitsAtTheEnd = [] {
        qAddPostRoutine(waitForBackgroundWork);
        return true;
    }();
    (void)waitsAtTheEnd;
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

void waitForBackgroundWork()
{
    std::vector<QThreadPool *> all;
    {
        const std::lock_guard lock(pools().mutex);
        all = pools().all;
    }
    // A task of one pool may start one on another (a load that runs its sums on computeThreads()): again
    // until none of them has work.
    do {
        for (QThreadPool *pool : all)
            pool->waitForDone();
    } while (std::any_of(all.begin(), all.end(), [](QThreadPool *pool) { return pool->activeThreadCount() > 0; }));
}

} // namespace segmenta
