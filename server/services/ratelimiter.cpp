#include "services/ratelimiter.h"

SlidingWindowLimiter::SlidingWindowLimiter(int limit, qint64 windowMs)
    : m_limit(qMax(1, limit))
    , m_windowMs(qMax<qint64>(1, windowMs))
{ }

qint64 SlidingWindowLimiter::tryAcquire(const QHostAddress &address, qint64 nowMs)
{
    if (nowMs - m_lastSweepMs >= m_windowMs) {
        m_lastSweepMs = nowMs;
        for (auto it = m_events.begin(); it != m_events.end();) {
            if (it->empty() || it->back() <= nowMs - m_windowMs)
                it = m_events.erase(it);
            else
                ++it;
        }
    }
    std::deque<qint64> &events = m_events[address];
    while (!events.empty() && events.front() <= nowMs - m_windowMs)
        events.pop_front();
    if (int(events.size()) >= m_limit)
        return events.front() + m_windowMs - nowMs;
    events.push_back(nowMs);
    return 0;
}
