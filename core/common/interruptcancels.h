#pragma once

#include <memory>

namespace segmenta {

class Progress;

// For as long as it lives, Ctrl+C (SIGINT) and SIGTERM cancel `progress` instead of killing the process, so that
// a command-line run stops at the work's next check and cleans up after itself (a copy's temporary file, an
// import's transaction) rather than leaving that to chance. A second signal while the first is being handled
// ends the process at once (exit status 130), as a user pressing Ctrl+C twice expects. The previous handlers
// come back when it is destroyed. One at a time, on the main thread; POSIX only (elsewhere it does nothing).
class InterruptCancels
{
public:
    explicit InterruptCancels(Progress &progress);
    ~InterruptCancels();
    InterruptCancels(const InterruptCancels &) = delete;
    InterruptCancels &operator=(const InterruptCancels &) = delete;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace segmenta
