#include "services/roomsview.h"

#include <QMutexLocker>

#include <algorithm>
#include <cmath>

namespace {

constexpr qint64 kRateWindowMs = 60'000;
constexpr qint64 kMinMeasuredBusyMs = 3'000;
constexpr qint64 kOverlayLifetimeMs = 10'000;
constexpr int kMaxKnownRooms = 100'000;

} // namespace

QJsonObject RoomFigures::toJson() const
{
    return QJsonObject{
        {QStringLiteral("concertId"), concertId ? QJsonValue(*concertId) : QJsonValue()},
        {QStringLiteral("waiting"), waiting},
        {QStringLiteral("active"), active},
        {QStringLiteral("capacity"), capacity},
        {QStringLiteral("admitPerMinute"), admitPerMinute},
        {QStringLiteral("paused"), paused},
        {QStringLiteral("soldOut"), soldOut},
        {QStringLiteral("admittedLastMinute"), admittedLastMinute},
        {QStringLiteral("abandonedLastMinute"), abandonedLastMinute},
        {QStringLiteral("oldestWaitSeconds"), oldestWaitSeconds},
        {QStringLiteral("estimatedWaitSecondsAtBack"), estimatedWaitSecondsAtBack}};
}

RoomsView::RoomsView(int defaultCapacity, int activeTtlSeconds, int tickMs)
    : m_defaultCapacity(defaultCapacity)
    , m_activeTtlSeconds(qMax(1, activeTtlSeconds))
    , m_tickMs(tickMs)
    , m_snapshot(std::make_shared<Snapshot>())
{ }

std::shared_ptr<const RoomsView::Snapshot> RoomsView::snapshot() const
{
    QMutexLocker locker(&m_mutex);
    return m_snapshot;
}

void RoomsView::apply(Refresh refresh)
{
    const std::shared_ptr<const Snapshot> previous = snapshot();
    auto next = std::make_shared<Snapshot>();
    next->rooms = std::move(refresh.rooms);
    next->activity = std::move(refresh.activity);
    next->houseOldestIssuedAt = refresh.houseOldestIssuedAt;
    QHash<qint64, qint64> admitted; // per room: ACTIVE now, not ACTIVE before
    if (!refresh.tokensChanged) {
        // Nothing moved: the same positions (QHash copies share their data).
        next->tokens = previous->tokens;
        next->states = previous->states;
        for (RoomState &state : next->states)
            state.rate = 0;
    }
    for (const RoomTokenRow &row : refresh.tokens) {
        RoomState &state = next->states[row.concertId];
        Entry entry{row.concertId, row.status, 0, row.prequeue};
        if (row.status == TokenStatus::Active) {
            ++state.active;
            const auto before = previous->tokens.constFind(row.id);
            if (before == previous->tokens.cend() || before->status != TokenStatus::Active)
                ++admitted[row.concertId];
        } else if (!row.prequeue) {
            entry.position = ++state.waiting;
            // A token taken before the sale opened waits for admission from the opening on.
            QDateTime from = row.issuedAt;
            const auto room = next->rooms.constFind(row.concertId);
            if (room != next->rooms.cend() && room->saleOpensAt && *room->saleOpensAt > from)
                from = *room->saleOpensAt;
            if (from.isValid() && (!state.oldestWaitFrom.isValid() || from < state.oldestWaitFrom))
                state.oldestWaitFrom = from;
        } else {
            ++state.prequeued;
        }
        next->tokens.insert(row.id, entry);
    }
    const qint64 nowMs = refresh.takenAt.toMSecsSinceEpoch();

    QMutexLocker locker(&m_mutex);
    for (auto it = previous->states.cbegin(); it != previous->states.cend(); ++it) {
        if (it->waiting > 0)
            m_samples[it.key()].push_back(
                RateSample{nowMs, admitted.value(it.key()), refresh.tickMs});
    }
    for (auto it = m_samples.begin(); it != m_samples.end();) {
        std::deque<RateSample> &samples = it.value();
        while (!samples.empty() && samples.front().atMs < nowMs - kRateWindowMs)
            samples.pop_front();
        qint64 count = 0;
        qint64 busyMs = 0;
        for (const RateSample &sample : samples) {
            count += sample.admitted;
            busyMs += sample.busyMs;
        }
        if (next->states.contains(it.key()) && busyMs >= kMinMeasuredBusyMs && count > 0)
            next->states[it.key()].rate = double(count) * 1000.0 / double(busyMs);
        it = samples.empty() ? m_samples.erase(it) : std::next(it);
    }
    for (auto it = m_issued.begin(); it != m_issued.end();) {
        const bool inSnapshot = next->tokens.contains(it.key());
        const bool old = it->second.msecsTo(refresh.takenAt) > kOverlayLifetimeMs;
        it = (inSnapshot || old) ? m_issued.erase(it) : std::next(it);
    }
    if (m_knownRooms.size() > kMaxKnownRooms)
        m_knownRooms.clear();
    m_snapshot = std::move(next);
}

std::optional<QueueStatus> RoomsView::lookupWaiting(qint64 tokenId) const
{
    std::shared_ptr<const Snapshot> current;
    std::optional<std::pair<std::optional<qint64>, QDateTime>> issued;
    {
        QMutexLocker locker(&m_mutex);
        current = m_snapshot;
        const auto it = m_issued.constFind(tokenId);
        if (it != m_issued.cend())
            issued = *it;
    }
    const auto found = current->tokens.constFind(tokenId);
    QueueStatus status{TokenStatus::Waiting, 0, 0, std::nullopt};
    qint64 concertId = 0;
    if (found != current->tokens.cend()) {
        if (found->status != TokenStatus::Waiting)
            return std::nullopt;
        concertId = found->concertId;
        status.position = found->position;
    } else if (issued && issued->first) {
        concertId = *issued->first;
        // Issued before the sale opens: a pre-queue token (no place until the draw), as
        // QueueService::issueToken() decided it; answering a provisional place here would
        // contradict the join answer until the next refresh.
        const auto room = current->rooms.constFind(concertId);
        const bool prequeue = room != current->rooms.cend() && room->saleOpensAt && !room->drawn
            && issued->second < *room->saleOpensAt;
        status.position = prequeue ? 0 : provisionalPosition(concertId, tokenId);
    } else {
        return std::nullopt;
    }
    const auto room = current->rooms.constFind(concertId);
    const bool prequeue = status.position == 0;
    if (prequeue && room != current->rooms.cend() && room->saleOpensAt) {
        status.saleOpensAt = room->saleOpensAt;
    } else if (prequeue) {
        status.position = provisionalPosition(concertId, tokenId); // drawn at the next tick
    }
    if (!status.saleOpensAt)
        status.estimatedWaitSeconds = estimatedWaitSeconds(*current, concertId, status.position);
    status.concertId = concertId;
    status.soldOut = room != current->rooms.cend() && room->soldOut;
    return status;
}

std::optional<std::optional<qint64>> RoomsView::roomOf(qint64 tokenId) const
{
    QMutexLocker locker(&m_mutex);
    const auto found = m_snapshot->tokens.constFind(tokenId);
    if (found != m_snapshot->tokens.cend())
        return std::optional<qint64>(found->concertId);
    const auto issued = m_issued.constFind(tokenId);
    if (issued != m_issued.cend())
        return issued->first;
    const auto known = m_knownRooms.constFind(tokenId);
    if (known != m_knownRooms.cend())
        return *known;
    return std::nullopt;
}

std::optional<RoomRow> RoomsView::room(qint64 concertId) const
{
    const std::shared_ptr<const Snapshot> current = snapshot();
    const auto it = current->rooms.constFind(concertId);
    if (it == current->rooms.cend())
        return std::nullopt;
    return *it;
}

int RoomsView::capacityOf(const RoomRow &room) const
{
    return room.capacity.value_or(m_defaultCapacity);
}

qint64 RoomsView::provisionalPosition(qint64 concertId, qint64 tokenId) const
{
    Q_UNUSED(tokenId)
    const std::shared_ptr<const Snapshot> current = snapshot();
    qint64 issuedSince = 0;
    {
        QMutexLocker locker(&m_mutex);
        for (auto it = m_issued.cbegin(); it != m_issued.cend(); ++it) {
            if (it->first == concertId && it.key() < tokenId)
                ++issuedSince;
        }
    }
    return current->states.value(concertId).waiting + issuedSince + 1;
}

qint64 RoomsView::estimatedWaitSeconds(qint64 concertId, qint64 position) const
{
    return estimatedWaitSeconds(*snapshot(), concertId, position);
}

qint64 RoomsView::estimatedWaitSeconds(const Snapshot &current, qint64 concertId,
                                       qint64 position) const
{
    if (position <= 0)
        return 0;
    const RoomRow room = current.rooms.value(concertId);
    const int capacity = capacityOf(room);
    const RoomState state = current.states.value(concertId);
    double rate = state.rate > 0 ? state.rate : double(qMax(1, capacity)) / m_activeTtlSeconds;
    if (room.admitPerMinute > 0)
        rate = qMin(rate, double(room.admitPerMinute) / 60.0);
    const qint64 free = qMax<qint64>(0, capacity - state.active);
    const double beyondFree = double(qMax<qint64>(0, position - free));
    return qint64(std::ceil(double(m_tickMs) / 1000.0 + beyondFree / rate));
}

void RoomsView::decorate(QueueStatus &status, std::optional<qint64> concertId) const
{
    status.concertId = concertId;
    if (concertId) {
        const std::optional<RoomRow> settings = room(*concertId);
        status.soldOut = settings && settings->soldOut;
    }
}

QList<RoomFigures> RoomsView::concertRoomFigures(const QDateTime &now) const
{
    const std::shared_ptr<const Snapshot> current = snapshot();
    QList<qint64> ids = current->rooms.keys();
    std::sort(ids.begin(), ids.end());
    QList<RoomFigures> figures;
    figures.reserve(ids.size());
    for (const qint64 id : ids) {
        const RoomRow &room = *current->rooms.constFind(id);
        const RoomState state = current->states.value(id);
        const RoomActivity activity = current->activity.value(id);
        RoomFigures f;
        f.concertId = id;
        f.waiting = state.waiting + state.prequeued;
        f.active = state.active;
        f.capacity = capacityOf(room);
        f.admitPerMinute = room.admitPerMinute;
        f.paused = room.paused;
        f.soldOut = room.soldOut;
        f.admittedLastMinute = activity.admittedLastMinute;
        f.abandonedLastMinute = activity.abandonedLastMinute;
        f.oldestWaitSeconds =
            state.oldestWaitFrom.isValid() ? qMax<qint64>(0, state.oldestWaitFrom.secsTo(now)) : 0;
        if (f.waiting > 0) {
            f.estimatedWaitSecondsAtBack = estimatedWaitSeconds(*current, id, f.waiting);
            if (room.saleOpensAt && *room.saleOpensAt > now)
                f.estimatedWaitSecondsAtBack +=
                    qint64(std::ceil(double(now.msecsTo(*room.saleOpensAt)) / 1000.0));
        }
        figures.append(f);
    }
    return figures;
}

RoomFigures RoomsView::houseActivity(const QDateTime &now) const
{
    const std::shared_ptr<const Snapshot> current = snapshot();
    const RoomActivity activity = current->activity.value(0);
    RoomFigures f;
    f.admittedLastMinute = activity.admittedLastMinute;
    f.abandonedLastMinute = activity.abandonedLastMinute;
    f.oldestWaitSeconds = current->houseOldestIssuedAt.isValid()
        ? qMax<qint64>(0, current->houseOldestIssuedAt.secsTo(now))
        : 0;
    return f;
}

void RoomsView::noteIssued(qint64 tokenId, std::optional<qint64> concertId, const QDateTime &at)
{
    QMutexLocker locker(&m_mutex);
    if (!m_snapshot->tokens.contains(tokenId))
        m_issued.insert(tokenId, {concertId, at});
}

void RoomsView::noteRoom(qint64 tokenId, std::optional<qint64> concertId)
{
    QMutexLocker locker(&m_mutex);
    m_knownRooms.insert(tokenId, concertId);
}

void RoomsView::noteSettings(const RoomRow &room)
{
    QMutexLocker locker(&m_mutex);
    auto next = std::make_shared<Snapshot>(*m_snapshot);
    next->rooms.insert(room.concertId, room);
    m_snapshot = std::move(next);
}
