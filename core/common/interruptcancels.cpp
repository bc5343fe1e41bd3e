#include "common/interruptcancels.h"

#include "common/progress.h"

#ifdef Q_OS_UNIX
#include <atomic>
#include <cerrno>
#include <csignal>
#include <thread>

#include <fcntl.h>
#include <unistd.h>
#endif

namespace segmenta {

#ifdef Q_OS_UNIX

namespace {

// The handler may only do async-signal-safe things: it writes one byte into a pipe, which a thread of ours
// reads and then cancels the work in an ordinary context (Progress::cancel takes a lock).
std::atomic<int> s_wakeFd{-1};
std::atomic<bool> s_signalled{false};

extern "C" void onInterrupt(int)
{
    if (s_signalled.exchange(true))
        _exit(130);
    const int fd = s_wakeFd.load();
    if (fd >= 0) {
        const char byte = 's';
        [[maybe_unused]] const ssize_t written = write(fd, &byte, 1);
    }
}

} // namespace

struct InterruptCancels::Private
{
    int pipe[2] = {-1, -1};
    std::thread reader;
    struct sigaction previousInt = {};
    struct sigaction previousTerm = {};
};

InterruptCancels::InterruptCancels(Progress &progress) : d(std::make_unique<Private>())
{
    if (::pipe(d->pipe) != 0)
        return;
    s_signalled = false;
    s_wakeFd = d->pipe[1];
    // Reads one byte: a signal's (cancel) or the destructor's (s_signalled still false: stop).
    d->reader = std::thread([fd = d->pipe[0], &progress] {
        char byte = 0;
        while (read(fd, &byte, 1) < 0 && errno == EINTR) {
        }
        if (s_signalled.load())
            progress.cancel();
    });
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, &d->previousInt);
    sigaction(SIGTERM, &action, &d->previousTerm);
}

InterruptCancels::~InterruptCancels()
{
    if (d->pipe[0] < 0)
        return;
    sigaction(SIGINT, &d->previousInt, nullptr);
    sigaction(SIGTERM, &d->previousTerm, nullptr);
    s_wakeFd = -1;
    const char byte = 'x';
    [[maybe_unused]] const ssize_t written = write(d->pipe[1], &byte, 1);
    d->reader.join();
    close(d->pipe[0]);
    close(d->pipe[1]);
}

#else

struct InterruptCancels::Private
{
};

InterruptCancels::InterruptCancels(Progress &) : d(std::make_unique<Private>()) {}
InterruptCancels::~InterruptCancels() = default;

#endif

} // namespace segmenta
