#pragma once

class QThreadPool;

namespace segmenta {

// The threads core's parallel computations (the prediction fits' chunked sums, the per-customer outlooks) run
// on. Not QThreadPool::globalInstance(): a window's painting cuts large fills into pieces that Qt runs on the
// global pool and waits for, so the global pool is kept free for it while a recompute runs on a worker. As
// many threads as the machine has cores.
QThreadPool *computeThreads();

} // namespace segmenta
