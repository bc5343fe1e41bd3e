#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>
#include <mutex>
#include <stdexcept>

namespace segmenta {

// Thrown by long operations when the user cancelled; the operation's transaction rolls back on the way out,
// so the workspace is exactly as before.
class Canceled : public std::runtime_error
{
public:
    Canceled() : std::runtime_error("canceled") {}
};

// Progress and cancellation for long core operations (import, demo generation, metrics, export).
// The worker thread calls advance()/checkCanceled(); any thread may call cancel(). The callback runs on the
// worker thread: the GUI side forwards it with a queued signal and never blocks the worker.
class Progress
{
public:
    using Callback = std::function<void(qint64 done, qint64 total)>;

    Progress() = default;
    explicit Progress(Callback callback) : m_callback(std::move(callback)) {}

    void setTotal(qint64 total) { m_total.store(total, std::memory_order_relaxed); report(); }
    qint64 total() const { return m_total.load(std::memory_order_relaxed); }
    void setDone(qint64 done)
    {
        m_done.store(done, std::memory_order_relaxed);
        report();
    }
    qint64 done() const { return m_done.load(std::memory_order_relaxed); }

    void cancel()
    {
        m_canceled.store(true, std::memory_order_relaxed);
        const std::lock_guard lock(m_hookMutex);
        if (m_cancelHook)
            m_cancelHook();
    }
    // While set, cancel() also calls `hook`, on the cancelling thread: for work that can only be stopped from
    // outside, such as one long SQLite statement (Database::interrupt). Called at once when already cancelled.
    // The worker clears it (an empty function) before what the hook reaches is gone.
    void setCancelHook(std::function<void()> hook)
    {
        const std::lock_guard lock(m_hookMutex);
        m_cancelHook = std::move(hook);
        if (m_cancelHook && isCanceled())
            m_cancelHook();
    }
    bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }
    // Throws Canceled when cancel() was called.
    void checkCanceled() const
    {
        if (isCanceled())
            throw Canceled();
    }

private:
    void report()
    {
        if (m_callback)
            m_callback(done(), total());
    }

    Callback m_callback;
    std::atomic<qint64> m_total{0};
    std::atomic<qint64> m_done{0};
    std::atomic<bool> m_canceled{false};
    std::mutex m_hookMutex;
    std::function<void()> m_cancelHook;
};

} // namespace segmenta
