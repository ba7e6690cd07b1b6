#include "services/queueticker.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "data/roomrepository.h"
#include "metrics/metrics.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/queueview.h"
#include "services/roomsview.h"

#include <QElapsedTimer>
#include <QRandomGenerator>

#include <QTimer>
#include <algorithm>

// The duration of every tick, off unless asked for (QT_LOGGING_RULES
// "concert.server.queue.tick.debug=true").
Q_LOGGING_CATEGORY(lcQueueTick, "concert.server.queue.tick", QtWarningMsg)

namespace {

// Token writes commit within milliseconds of their changed_at stamp; re-reading the rows
// stamped in the last few seconds catches any that committed after the previous read began.
constexpr qint64 kLookBackMs = 3'000;
// The concerts' room settings (a few rows) are read whole every so many ticks; the seen-token
// bookkeeping is trimmed as often.
constexpr quint64 kFullReloadEvery = 30;
// The safety net: each tick re-reads one id range of queue_tokens whole (primary key range),
// so that every row is checked again within about this many ticks whatever the change reads
// missed; at least kMinVerifyChunk ids per tick (small tables are checked every tick or two).
constexpr qint64 kVerifyCycleTicks = 600;
constexpr qint64 kMinVerifyChunk = 1'000;

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
    QElapsedTimer took;
    took.start();
    const std::optional<ApiError> failure =
        m_database.runDedicated(m_session, QStringLiteral("queue"), [this](DbSession &session) {
            QueueRepository repository(session);
            const QDateTime now = Clock::now();
            flushSeen(repository, now);
            if (holdAdmitterRole(repository)) {
                expire(session, repository, now);
                readChanges(session, repository);
                // The admitter's own admissions and draws show in the views this tick.
                if (admit(session, repository, now))
                    readChanges(session, repository);
            } else {
                readChanges(session, repository);
            }
            publish(now);
        });
    if (failure && !m_session)
        m_admitter = false; // the lock went with the connection
    qCDebug(lcQueueTick) << "tick took" << took.nsecsElapsed() / 1000 << "us";
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

bool QueueTicker::admit(DbSession &session, QueueRepository &repository, const QDateTime &now)
{
    const QDateTime expiresAt = Clock::deadline(now, m_settings.activeTtlSeconds);
    // Counts come from the model read just now: only this instance admits, so it can only
    // count a token ACTIVE that another instance ended meanwhile (admitting less, not more).
    bool changed = false;
    // The house room: the server's options, never paused.
    const int free = m_settings.capacity - m_model.activeIn(0);
    if (free > 0 && !m_model.houseWaiting()->empty()) {
        const int admitted = repository.admit(std::nullopt, free, now, expiresAt);
        gauges(0).addAdmitted(admitted);
        changed = admitted > 0;
    }

    const std::vector<qint64> waiting = m_model.roomsWithWaiters();
    if (waiting.empty())
        return changed;
    RoomRepository rooms(session);
    for (const qint64 concertId : waiting) {
        const std::optional<RoomRow> room = rooms.room(concertId);
        if (!room)
            continue;
        if (room->saleOpensAt && *room->saleOpensAt > now)
            continue; // the pre-queue: nobody is admitted before the opening
        if (room->saleOpensAt && !room->drawn) {
            draw(session, repository, concertId, now);
            changed = true;
        } else {
            repository.releasePrequeue(concertId); // arrived during the draw, or sale cleared
        }
        const bool soldOut = rooms.computeSoldOut(concertId);
        if (soldOut != room->soldOut)
            rooms.setSoldOut(concertId, soldOut);
        if (room->paused || soldOut)
            continue;
        int places = m_rooms.capacityOf(*room) - m_model.activeIn(concertId);
        if (room->admitPerMinute > 0)
            places =
                qMin(places,
                     room->admitPerMinute - repository.admittedSince(concertId, now.addSecs(-60)));
        if (places > 0) {
            const int admitted = repository.admit(concertId, places, now, expiresAt);
            gauges(concertId).addAdmitted(admitted);
            changed = changed || admitted > 0;
        }
    }
    return changed;
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
    // However long the draw took, every instance's next change read sees the drawn places.
    repository.touchDrawn(concertId);
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

void QueueTicker::readChanges(DbSession &session, QueueRepository &repository)
{
    // The safety net's id range of this read, wrapping around after the largest id.
    const qint64 chunk = qMax(kMinVerifyChunk, m_maxId / kVerifyCycleTicks);
    qint64 verifyAfter = m_verifyAfterId >= m_maxId ? 0 : m_verifyAfterId;
    const qint64 verifyUpTo = verifyAfter + chunk;
    std::optional<QDateTime> since;
    if (m_changesReadAt.isValid())
        since = m_changesReadAt.addMSecs(-kLookBackMs);
    const QueueRepository::Changes changes =
        repository.readChanges(since, verifyAfter, verifyUpTo, Clock::now().addSecs(-60));
    RoomRepository roomRepository(session);
    if (!since || m_ticks % kFullReloadEvery == 0) {
        m_roomRows = roomRepository.rooms();
    } else {
        const QHash<qint64, RoomRow> changedRooms = roomRepository.roomsChangedSince(*since);
        for (auto it = changedRooms.cbegin(); it != changedRooms.cend(); ++it)
            m_roomRows.insert(it.key(), it.value());
    }
    m_model.apply(changes, verifyAfter, verifyUpTo);
    m_verifyAfterId = verifyUpTo;
    m_changesReadAt = changes.readAt;
    m_head = changes.head;
    m_maxId = changes.maxId;
    m_lastAdmittedId = changes.lastAdmittedId;
    m_activity = changes.activity;
    m_houseOldestIssuedAt = changes.houseOldestIssuedAt;
}

void QueueTicker::publish(const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    QueueView::Refresh refresh;
    refresh.head = m_head;
    refresh.maxId = m_maxId;
    refresh.lastAdmittedId = m_lastAdmittedId;
    refresh.waiting = m_model.houseWaiting();
    refresh.active = m_model.active();
    refresh.takenAt = now;
    refresh.tickMs = m_lastTickMs > 0 ? qBound(qint64(1), nowMs - m_lastTickMs, qint64(60'000))
                                      : m_settings.tickMs;
    RoomsView::Refresh rooms;
    rooms.rooms = m_roomRows; // implicitly shared: no copy
    rooms.tokensChanged = m_model.takeRoomsChanged();
    if (rooms.tokensChanged)
        rooms.tokens = m_model.roomTokens();
    rooms.activity = m_activity;
    rooms.houseOldestIssuedAt = m_houseOldestIssuedAt;
    rooms.takenAt = now;
    rooms.tickMs = refresh.tickMs;
    m_lastTickMs = nowMs;
    m_view.apply(std::move(refresh));
    m_rooms.apply(std::move(rooms));
    publishGauges();
    ++m_ticks;
}

void QueueTicker::publishGauges()
{
    // concert_queue_waiting/active{room}: every concert's room (0 when it has no live token)
    // and the house room, from the model's per-room counts.
    for (auto it = m_roomRows.cbegin(); it != m_roomRows.cend(); ++it) {
        Metrics::QueueGauges &room = gauges(it.key());
        room.setWaiting(m_model.waitingIn(it.key()));
        room.setActive(m_model.activeIn(it.key()));
    }
    Metrics::QueueGauges &house = gauges(0);
    house.setWaiting(qint64(m_model.houseWaiting()->size()));
    house.setActive(m_model.activeIn(0));
}

Metrics::QueueGauges &QueueTicker::gauges(qint64 concertId)
{
    Metrics::QueueGauges *&known = m_gauges[concertId];
    if (!known)
        known = &Metrics::instance().queueGauges(concertId == 0 ? QStringLiteral("house")
                                                                : QString::number(concertId));
    return *known;
}
