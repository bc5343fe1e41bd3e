#pragma once

class QThreadPool;

namespace segmenta {

// The threads core's parallel computations (the prediction fits' chunked sums, the per-customer outlooks) run
// on. Not QThreadPool::globalInstance(): a window's painting cuts large fills into pieces that Qt runs on the
// global pool and waits for, so the global pool is kept free for it while a recompute runs on a worker. As
// many threads as the machine has cores, made by backgroundPool().
QThreadPool *computeThreads();

// A new pool of `threads` threads that run below the priority of the thread that made it, so that a window's
// GUI thread, when it wakes to repaint or to take a click, gets a core at once rather than waiting its turn
// behind a computation (on two cores, with both busy loading a million customers, the GUI thread waited up to
// 30 ms for a core before it could handle the figures that had arrived). The work itself is not slowed when
// nothing else wants the cores.
//
// Linux gives each thread its own nice value, which a new thread inherits from the thread that starts it, and
// Qt's thread priorities change nothing for ordinary threads there. So the pool's threads are all started at
// once, each lowers its own priority (nice 5: a third of the share of the GUI thread's when they compete), and
// they never expire, so no thread of the pool ever runs at the old priority. Threads the pool's work starts
// (a second reader beside the main one) inherit the lowered priority. Elsewhere Qt's LowPriority does the same.
// The pool lives as long as the program.
QThreadPool *backgroundPool(int threads);

// Waits until no pool backgroundPool() made has work left. Called when the application object is destroyed (a
// post routine added with the first pool), so that no task still runs while the program's statics are
// destroyed. Found by a UI test that ended while its dashboard's figures were still loading on a worker: the
// load read the currency symbol from a locale already destroyed (a segfault, which under the sanitizers hung the
// process while it reported it); quitting the window during a load could do the same. Tasks are not cancelled:
// the wait lasts as long as the longest task still running.
void waitForBackgroundWork();

// The nice value the threads of backgroundPool() run at, above the one of the thread that made the pool.
inline constexpr int kBackgroundNice = 5;

} // namespace segmenta
