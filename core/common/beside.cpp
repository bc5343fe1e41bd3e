#include "common/beside.h"

#include <exception>
#include <thread>

namespace segmenta {

void runBeside(const std::function<void()> &side, const std::function<void()> &main, std::atomic<bool> &stop)
{
    std::exception_ptr sideError;
    std::thread thread([&]() {
        try {
            side();
        } catch (...) {
            sideError = std::current_exception();
        }
    });
    try {
        main();
    } catch (...) {
        stop = true;
        thread.join();
        throw;
    }
    thread.join();
    if (sideError)
        std::rethrow_exception(sideError);
}

} // namespace segmenta
