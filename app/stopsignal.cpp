// SPDX-License-Identifier: GPL-3.0-or-later
#include "stopsignal.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace cop {

namespace {
std::atomic<bool> g_stopRequested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "used from a signal handler");

extern "C" void onStopSignal(int)
{
    g_stopRequested.store(true);
}
} // namespace

void installStopSignalHandlers()
{
    std::signal(SIGINT, onStopSignal);
    std::signal(SIGTERM, onStopSignal);
}

bool stopRequested()
{
    return g_stopRequested.load();
}

void waitForStop(double durationS)
{
    // Beyond a year is "no limit" in practice, and keeps the deadline arithmetic in range.
    constexpr double kLongestS = 366.0 * 24 * 3600;
    if (!(durationS <= kLongestS))
        durationS = 0.0;
    const auto deadline = std::chrono::steady_clock::now()
                          + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(durationS));
    while (!stopRequested()) {
        if (durationS > 0.0 && std::chrono::steady_clock::now() >= deadline)
            return;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

} // namespace cop
