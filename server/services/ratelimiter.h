#pragma once

#include <QHash>
#include <QHostAddress>

#include <deque>

/**
 * @brief A sliding-window counter per client address, in memory, for one instance
 * (api-contract.md, "Limits at the edge": `--token-rate-per-ip`). No database round trip.
 *
 * At most `limit` events per address in any window of `windowMs` milliseconds. Memory grows
 * with the events of the last window only: idle addresses are dropped once per window. Not
 * thread-safe: call it from one thread (the HTTP thread).
 */
class SlidingWindowLimiter
{
public:
    /** @param limit: events per window, >= 1; @param windowMs: window length in ms, >= 1. */
    SlidingWindowLimiter(int limit, qint64 windowMs);

    /**
     * @brief Counts one event of @p address at @p nowMs (a monotonic clock in ms) if the
     * window has room. @return 0 when counted, else the milliseconds until the oldest counted
     * event leaves the window (nothing is counted then).
     */
    qint64 tryAcquire(const QHostAddress &address, qint64 nowMs);

    /** @brief Addresses with events in the current window (for tests and metrics). */
    [[nodiscard]] qsizetype trackedAddresses() const { return m_events.size(); }

private:
    const int m_limit;
    const qint64 m_windowMs;
    qint64 m_lastSweepMs = 0;
    QHash<QHostAddress, std::deque<qint64>> m_events;
};
