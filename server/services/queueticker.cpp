#include "services/queueticker.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/queueview.h"

#include <QTimer>

namespace {

// Token inserts commit within milliseconds; re-reading ids issued in the last few seconds
// catches any that committed after a higher id was already seen.
constexpr qint64 kLookBackMs = 3'000;
// A full reload of the WAITING ids every so many ticks repairs anything the look-back missed.
constexpr quint64 kFullReloadEvery = 30;

} // namespace

QueueTicker::QueueTicker(Database &database, QueueView &view, const Settings &settings,
                         AdmitterTask admitterTask, QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_view(view)
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
            if (holdAdmitterRole(repository)) {
                expire(session, repository, now);
                admit(repository, now);
            }
            refresh(repository, now);
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
    if (m_admitterTask)
        m_admitterTask(session, now);
}

void QueueTicker::admit(QueueRepository &repository, const QDateTime &now)
{
    const int free = m_settings.capacity - repository.countActive();
    if (free > 0)
        repository.admit(free, now, Clock::deadline(now, m_settings.activeTtlSeconds));
}

void QueueTicker::refresh(QueueRepository &repository, const QDateTime &now)
{
    const qint64 nowMs = now.toMSecsSinceEpoch();
    const bool full = m_ticks % kFullReloadEvery == 0;
    QueueRepository::Snapshot snapshot = repository.readSnapshot(full ? 0 : lookBackId(nowMs));
    QueueView::Refresh refresh;
    refresh.head = snapshot.head;
    refresh.maxId = snapshot.maxId;
    refresh.lastAdmittedId = snapshot.lastAdmittedId;
    refresh.complete = full;
    refresh.waiting = std::move(snapshot.waiting);
    refresh.active = std::move(snapshot.active);
    refresh.takenAt = now;
    refresh.tickMs = m_lastTickMs > 0 ? qBound(qint64(1), nowMs - m_lastTickMs, qint64(60'000))
                                      : m_settings.tickMs;
    m_lastTickMs = nowMs;
    m_maxIdHistory.emplace_back(nowMs, refresh.maxId);
    while (m_maxIdHistory.size() > 2 && m_maxIdHistory[1].first <= nowMs - kLookBackMs)
        m_maxIdHistory.pop_front();
    m_view.apply(std::move(refresh));
    ++m_ticks;
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
