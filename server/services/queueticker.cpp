#include "services/queueticker.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "data/roomrepository.h"
#include "metrics/metrics.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/queueview.h"
#include "services/roomsview.h"

#include <QRandomGenerator>

#include <QTimer>
#include <algorithm>

namespace {

// Token inserts commit within milliseconds; re-reading ids issued in the last few seconds
// catches any that committed after a higher id was already seen.
constexpr qint64 kLookBackMs = 3'000;
// A full reload of the WAITING ids every so many ticks repairs anything the look-back missed.
constexpr quint64 kFullReloadEvery = 30;

} // namespace

QueueTicker::QueueTicker(Database &database, QueueView &view, RoomsView &rooms, SeenTokens &seen,
                         const Settings &settings, AdmitterTask admitterTask, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_view(view)
    , m_rooms(rooms)
    , m_seen(seen)
    , m_settings(settings)
    , m_admitterTask(std::move(admitterTask))
{ }

QueueTicker::~QueueTicker() = default;

void QueueTicker::begin()
{
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(m_settings.tickMs);
    connect(m_timer, &QTimer::timeout, this, &QueueTicker::tick);
    m_timer->start();
    tick();
}

void QueueTicker::end()
{
    if (m_timer)
        m_timer->stop();
    m_session.reset(); // closing the connection releases the admitter lock
}

void QueueTicker::tick()
{
    const std::optional<ApiError> failure =
        m_database.runDedicated(m_session, QStringLiteral("queue"), [this](DbSession &session) {
            QueueRepository repository(session);
            const QDateTime now = Clock::now();
            flushSeen(repository, now);
            if (holdAdmitterRole(repository)) {
                expire(session, repository, now);
                admit(session, repository, now);
            }
            refresh(session, repository, now);
        });
    if (failure && !m_session)
        m_admitter = false; // the lock went with the connection
    Q_EMIT tickFinished(m_admitter);
}

bool QueueTicker::holdAdmitterRole(QueueRepository &repository)
{
    const bool admitter = repository.holdAdmitterLock();
    if (admitter != m_admitter)
        qCInfo(lcQueue) << (admitter ? "this instance now admits from the queue"
                                     : "another instance admits from the queue");
    m_admitter = admitter;
    return admitter;
}

void QueueTicker::expire(DbSession &session, QueueRepository &repository, const QDateTime &now)
{
    repository.expireOverdue(now);
    const int abandoned = repository.abandonUnseen(now.addSecs(-m_settings.abandonSeconds), now);
    if (abandoned > 0) {
        qCInfo(lcQueue) << abandoned << "waiting tokens abandoned (not seen for"
                        << m_settings.abandonSeconds << "s)";
        const QHash<qint64, int> perRoom = repository.abandonedAt(now);
        for (auto it = perRoom.cbegin(); it != perRoom.cend(); ++it)
            gauges(it.key()).addAbandoned(it.value());
    }
    if (m_admitterTask)
        m_admitterTask(session, now);
}

void QueueTicker::admit(DbSession &session, QueueRepository &repository, const QDateTime &now)
{
    const QDateTime expiresAt = Clock::deadline(now, m_settings.activeTtlSeconds);
    // The house room: the server's options, never paused.
    const int free = m_settings.capacity - repository.countActive(std::nullopt);
    if (free > 0)
        gauges(0).addAdmitted(repository.admit(std::nullopt, free, now, expiresAt));

    const std::vector<qint64> waiting = repository.roomsWithWaiters();
    if (waiting.empty())
        return;
    RoomRepository rooms(session);
    for (const qint64 concertId : waiting) {
        const std::optional<RoomRow> room = rooms.room(concertId);
        if (!room)
            continue;
        if (room->saleOpensAt && *room->saleOpensAt > now)
            continue; // the pre-queue: nobody is admitted before the opening
        if (room->saleOpensAt && !room->drawn)
            draw(session, repository, concertId, now);
        else
            repository.releasePrequeue(concertId); // arrived during the draw, or sale cleared
        const bool soldOut = rooms.computeSoldOut(concertId);
        if (soldOut != room->soldOut)
            rooms.setSoldOut(concertId, soldOut);
        if (room->paused || soldOut)
            continue;
        int places = m_rooms.capacityOf(*room) - repository.countActive(concertId);
        if (room->admitPerMinute > 0)
            places =
                qMin(places,
                     room->admitPerMinute - repository.admittedSince(concertId, now.addSecs(-60)));
        if (places > 0)
            gauges(concertId).addAdmitted(repository.admit(concertId, places, now, expiresAt));
    }
}

void QueueTicker::draw(DbSession &session, QueueRepository &repository, qint64 concertId,
                       const QDateTime &now)
{
    session.begin();
    std::vector<qint64> order = repository.prequeued(concertId);
    // Fisher-Yates with a cryptographic source: every order equally likely.
    QRandomGenerator *random = QRandomGenerator::system();
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[size_t(random->bounded(quint64(i)))]);
    repository.setDrawnPlaces(order);
    RoomRepository(session).markDrawn(concertId, now);
    session.commit();
    qCInfo(lcQueue) << "sale of concert" << concertId << "opened:" << order.size()
                    << "pre-queue places drawn";
}

void QueueTicker::flushSeen(QueueRepository &repository, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const qint64 rewriteAfterMs = qint64(m_settings.abandonSeconds) * 1000 / 4;
    QList<qint64> due;
    for (const qint64 id : m_seen.take()) {
        const auto written = m_seenWrittenMs.constFind(id);
        if (written != m_seenWrittenMs.cend() && nowMs - *written < rewriteAfterMs)
            continue;
        due << id;
        m_seenWrittenMs.insert(id, nowMs);
    }
    if (!due.isEmpty())
        repository.noteSeen(due, now);
    if (m_ticks % kFullReloadEvery == 0) {
        for (auto it = m_seenWrittenMs.begin(); it != m_seenWrittenMs.end();)
            it = nowMs - *it >= rewriteAfterMs ? m_seenWrittenMs.erase(it) : std::next(it);
    }
}

void QueueTicker::refresh(DbSession &session, QueueRepository &repository, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const bool full = m_ticks % kFullReloadEvery == 0;
    RoomsView::Refresh rooms;
    rooms.rooms = RoomRepository(session).rooms();
    QueueRepository::Snapshot snapshot = repository.readSnapshot(
        full ? 0 : lookBackId(nowMs), now.addMSecs(-kLookBackMs - m_settings.tickMs));
    QueueView::Refresh refresh;
    refresh.head = snapshot.head;
    refresh.maxId = snapshot.maxId;
    refresh.lastAdmittedId = snapshot.lastAdmittedId;
    refresh.complete = full;
    refresh.waiting = std::move(snapshot.waiting);
    refresh.active = std::move(snapshot.active);
    refresh.ended = std::move(snapshot.ended);
    refresh.takenAt = now;
    refresh.tickMs = m_lastTickMs > 0 ? qBound(qint64(1), nowMs - m_lastTickMs, qint64(60'000))
                                      : m_settings.tickMs;
    // concert_queue_waiting/active{room}: every concert's room, 0 when it has no live token.
    QHash<qint64, std::pair<qint64, qint64>> counts; // concert id -> (waiting, active)
    for (auto it = rooms.rooms.cbegin(); it != rooms.rooms.cend(); ++it)
        counts.insert(it.key(), {0, 0});
    for (const RoomTokenRow &token : snapshot.roomTokens) {
        auto &count = counts[token.concertId];
        if (token.status == TokenStatus::Waiting)
            ++count.first;
        else if (token.status == TokenStatus::Active)
            ++count.second;
    }
    rooms.tokens = std::move(snapshot.roomTokens);
    rooms.takenAt = now;
    rooms.tickMs = refresh.tickMs;
    m_lastTickMs = nowMs;
    m_maxIdHistory.emplace_back(nowMs, refresh.maxId);
    while (m_maxIdHistory.size() > 2 && m_maxIdHistory[1].first <= nowMs - kLookBackMs)
        m_maxIdHistory.pop_front();
    m_view.apply(std::move(refresh));
    m_rooms.apply(std::move(rooms));
    qint64 activeInRooms = 0; // the view's ACTIVE tokens are those of every room
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        Metrics::QueueGauges &room = gauges(it.key());
        room.setWaiting(it->first);
        room.setActive(it->second);
        activeInRooms += it->second;
    }
    Metrics::QueueGauges &house = gauges(0);
    house.setWaiting(m_view.waitingCount());
    house.setActive(qMax<qint64>(0, m_view.activeCount() - activeInRooms));
    ++m_ticks;
}

Metrics::QueueGauges &QueueTicker::gauges(qint64 concertId)
{
    Metrics::QueueGauges *&known = m_gauges[concertId];
    if (!known)
        known = &Metrics::instance().queueGauges(concertId == 0 ? QStringLiteral("house")
                                                                : QString::number(concertId));
    return *known;
}

qint64 QueueTicker::lookBackId(qint64 nowMs) const
{
    qint64 id = 0;
    for (const auto &[atMs, maxId] : m_maxIdHistory) {
        if (atMs <= nowMs - kLookBackMs)
            id = maxId;
    }
    return id;
}
