#include "services/queueview.h"

#include "services/clock.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 kRateWindowMs = 60'000;
constexpr qint64 kMinMeasuredBusyMs = 3'000;
constexpr int kMaxRememberedExpired = 1'000'000;
constexpr qint64 kOverlayLifetimeMs = 10'000;

} // namespace

QueueView::QueueView(int capacity, int activeTtlSeconds, int tickMs)
    : m_priorRate(double(qMax(1, capacity)) / double(qMax(1, activeTtlSeconds)))
    , m_capacity(capacity)
    , m_tickMs(tickMs)
    , m_snapshot(std::make_shared<Snapshot>(Snapshot{std::make_shared<QueueModel::WaitingIds>(),
                                                     std::make_shared<QueueModel::ActiveTokens>(),
                                                     0, 0, 0, 0}))
{ }

const QueueModel::ActiveToken *QueueView::activeToken(const Snapshot &snapshot, qint64 tokenId)
{
    const QueueModel::ActiveTokens &active = *snapshot.active;
    const auto found = std::lower_bound(
        active.begin(), active.end(), tokenId,
        [](const QueueModel::ActiveToken &token, qint64 id) { return token.id < id; });
    return found != active.end() && found->id == tokenId ? &*found : nullptr;
}

std::shared_ptr<const QueueView::Snapshot> QueueView::snapshot() const
{
    QMutexLocker locker(&m_mutex);
    return m_snapshot;
}

void QueueView::apply(Refresh refresh)
{
    const std::shared_ptr<const Snapshot> previous = snapshot();
    auto next = std::make_shared<Snapshot>();
    next->maxId = refresh.maxId;
    next->lastAdmittedId = refresh.lastAdmittedId;
    next->waiting = refresh.waiting ? std::move(refresh.waiting) : previous->waiting;
    next->active = refresh.active ? std::move(refresh.active) : previous->active;
    next->generation = previous->generation + 1;

    // Admissions since the previous refresh: the previous waiting ids before the new head
    // (admission is in id order), found by binary search.
    const std::vector<qint64> &before = *previous->waiting;
    const qint64 admitted = refresh.head == 0
        ? qint64(before.size())
        : qint64(std::lower_bound(before.begin(), before.end(), refresh.head) - before.begin());
    const qint64 nowMs = refresh.takenAt.toMSecsSinceEpoch();

    QMutexLocker locker(&m_mutex);
    if (!before.empty())
        m_samples.push_back(RateSample{nowMs, admitted, refresh.tickMs});
    while (!m_samples.empty() && m_samples.front().atMs < nowMs - kRateWindowMs)
        m_samples.pop_front();
    next->rate = rateLocked();

    for (auto it = m_issued.begin(); it != m_issued.end();) {
        const bool inSnapshot = it.key() <= next->maxId;
        const bool old = it.value().msecsTo(refresh.takenAt) > kOverlayLifetimeMs;
        it = (inSnapshot || old) ? m_issued.erase(it) : std::next(it);
    }
    for (auto it = m_extended.begin(); it != m_extended.end();) {
        const QueueModel::ActiveToken *active = activeToken(*next, it.key());
        const bool settled = !active || active->expiresAtMs >= it.value().toMSecsSinceEpoch();
        it = settled && it.value() < refresh.takenAt.addMSecs(-kOverlayLifetimeMs)
            ? m_extended.erase(it)
            : std::next(it);
    }
    if (m_expired.size() > kMaxRememberedExpired)
        m_expired.clear();
    m_snapshot = std::move(next);
}

double QueueView::rateLocked() const
{
    qint64 admitted = 0;
    qint64 busyMs = 0;
    for (const RateSample &sample : m_samples) {
        admitted += sample.admitted;
        busyMs += sample.busyMs;
    }
    if (busyMs < kMinMeasuredBusyMs || admitted == 0)
        return m_priorRate;
    return double(admitted) * 1000.0 / double(busyMs);
}

QueueView::Lookup QueueView::lookup(qint64 tokenId, const QDateTime &now) const
{
    std::shared_ptr<const Snapshot> current;
    std::optional<QDateTime> extended;
    bool issuedHere = false;
    {
        QMutexLocker locker(&m_mutex);
        const auto expired = m_expired.constFind(tokenId);
        if (expired != m_expired.cend()) {
            QueueStatus status{TokenStatus::Expired, 0, 0, std::nullopt};
            status.reason = *expired;
            return Lookup{Answer::Expired, status};
        }
        current = m_snapshot;
        const auto ext = m_extended.constFind(tokenId);
        if (ext != m_extended.cend())
            extended = *ext;
        issuedHere = m_issued.contains(tokenId);
    }

    const auto &waiting = *current->waiting;
    const auto it = std::lower_bound(waiting.begin(), waiting.end(), tokenId);
    if (it != waiting.end() && *it == tokenId) {
        const qint64 position = qint64(it - waiting.begin()) + 1;
        return Lookup{Answer::Waiting,
                      QueueStatus{TokenStatus::Waiting, position,
                                  estimatedWaitSeconds(*current, position), std::nullopt}};
    }
    if (const QueueModel::ActiveToken *active = activeToken(*current, tokenId)) {
        QDateTime expiresAt = QDateTime::fromMSecsSinceEpoch(active->expiresAtMs, Qt::UTC);
        if (extended && *extended > expiresAt)
            expiresAt = *extended;
        if (expiresAt > now)
            return Lookup{Answer::Active, QueueStatus{TokenStatus::Active, 0, 0, expiresAt}};
        return Lookup{}; // past its expiry here; another instance may have extended it
    }
    if (issuedHere) {
        const qint64 position = provisionalPosition(tokenId);
        return Lookup{Answer::Waiting,
                      QueueStatus{TokenStatus::Waiting, position,
                                  estimatedWaitSeconds(*current, position), std::nullopt}};
    }
    return Lookup{};
}

void QueueView::noteIssued(qint64 tokenId, const QDateTime &issuedAt)
{
    QMutexLocker locker(&m_mutex);
    if (tokenId > m_snapshot->maxId)
        m_issued.insert(tokenId, issuedAt);
}

void QueueView::noteExpired(qint64 tokenId, const QString &reason)
{
    QMutexLocker locker(&m_mutex);
    m_expired.insert(tokenId, reason);
    m_issued.remove(tokenId);
    m_extended.remove(tokenId);
}

void QueueView::noteExtended(qint64 tokenId, const QDateTime &expiresAt)
{
    QMutexLocker locker(&m_mutex);
    QDateTime &slot = m_extended[tokenId];
    if (!slot.isValid() || expiresAt > slot)
        slot = expiresAt;
}

qint64 QueueView::provisionalPosition(qint64 tokenId) const
{
    // Every id up to the frontier has been admitted (admission is in id order), and every
    // instance reads the same frontier between two admissions.
    return qMax<qint64>(1, tokenId - snapshot()->lastAdmittedId);
}

qint64 QueueView::estimatedWaitSeconds(qint64 position) const
{
    return estimatedWaitSeconds(*snapshot(), position);
}

qint64 QueueView::estimatedWaitSeconds(const Snapshot &current, qint64 position) const
{
    if (position <= 0)
        return 0;
    const double rate = current.rate > 0 ? current.rate : m_priorRate;
    const qint64 free = qMax<qint64>(0, m_capacity - qint64(current.active->size()));
    const double beyondFree = double(qMax<qint64>(0, position - free));
    return qint64(std::ceil(double(m_tickMs) / 1000.0 + beyondFree / rate));
}

double QueueView::admissionRate() const
{
    const double rate = snapshot()->rate;
    return rate > 0 ? rate : m_priorRate;
}

qint64 QueueView::waitingCount() const
{
    return qint64(snapshot()->waiting->size());
}

int QueueView::activeCount() const
{
    return int(snapshot()->active->size());
}

quint64 QueueView::generation() const
{
    return snapshot()->generation;
}
