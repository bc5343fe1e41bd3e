#include "common/threads.h"

#include <QThread>
#include <QThreadPool>

namespace segmenta {

QThreadPool *computeThreads()
{
    static QThreadPool *pool = [] {
        auto *threads = new QThreadPool; // lives as long as the program, as the global pool does
        threads->setMaxThreadCount(QThread::idealThreadCount());
        return threads;
    }();
    return pool;
}

} // namespace segmenta
