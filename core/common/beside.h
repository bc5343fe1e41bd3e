#pragma once

#include <atomic>
#include <functional>

namespace segmenta {

// Runs `side` on a thread of its own while this thread runs `main`, and returns when both have ended: two
// halves of a read through two connections, on two cores. When `main` throws, `stop` is raised (the side's
// loop checks it and ends early) and main's exception is rethrown once the side has ended; otherwise the side's
// exception, if it threw, is rethrown. The side's failure does not stop `main`: its own error would then be a
// cancellation instead of the side's reason.
void runBeside(const std::function<void()> &side, const std::function<void()> &main, std::atomic<bool> &stop);

} // namespace segmenta
