#include "services/queueservice.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "services/clock.h"

#include <QTimer>

Q_LOGGING_CATEGORY(lcQueue, "concert.server.queue")

namespace {

// Token inserts commit within milliseconds; re-reading ids issued in the last few seconds
// catches any that committed after a higher id was already seen.
constexpr qint64 kLookBackMs = 3'000;
// A full reload of the WAITING ids every so many ticks repairs anything the look-back missed.
constexpr quint64 kFullReloadEvery = 30;

} // namespace

QueueService::QueueService(Database &database, const TokenSigner &signer, const Settings &settings,
                           QObject *parent)
    : QObject(parent)
    , m_database(database)
    , m_signer(signer)
    , m_settings(settings)
    , m_view(settings.capacity, settings.activeTtlSeconds, settings.tickMs)
{
    m_thread.setObjectName(QStringLiteral("queue"));
}

QueueService::~QueueService()
{
    stop();
}

void QueueService::setAdmitterTask(std::function<void(DbSession &, const QDateTime &)> task)
{
    m_admitterTask = std::move(task);
}

void QueueService::start()
{
    if (m_ticker)
        return;
    m_ticker = new QueueTicker(*this);
    m_ticker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_ticker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_ticker, &QueueTicker::begin, Qt::QueuedConnection);
}

void QueueService::stop()
{
    if (!m_ticker)
        return;
    QMetaObject::invokeMethod(m_ticker, &QueueTicker::end, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
    m_ticker = nullptr;
}

Result<QueueService::Issued> QueueService::issueToken(const QString &userId)
{
    const QDateTime now = Clock::now();
    struct Settled
    {
        QueueTokenRow row;
        bool created = false;
        qint64 lastAdmittedId = 0;
    };
    auto settled = m_database.run<Settled>([&](DbSession &session) -> Result<Settled> {
        QueueRepository repository(session);
        // The unique live_user_id key decides races between requests of one user: the first
        // insert wins, the others find its row. Only when the user has a live row is it looked
        // at: an ACTIVE one past its expiry is expired, then the insert is tried again.
        for (int attempt = 0; attempt < 5; ++attempt) {
            if (auto inserted = repository.insertWaiting(userId, now))
                return Settled{*inserted, true, repository.lastAdmittedId()};
            auto live = repository.findLive(userId);
            if (live && live->status == TokenStatus::Active && live->expiresAt <= now) {
                repository.expireOverdueOf(userId, now);
                continue;
            }
            if (live)
                return Settled{*live, false};
        }
        return ApiError{ErrorCode::Internal,
                        QStringLiteral("could not settle the user's queue place")};
    });
    if (!settled)
        return settled.error();
    const QueueTokenRow &token = settled->row;
    const bool created = settled->created;
    if (created)
        m_view.noteIssued(token.id);

    Issued issued;
    issued.created = created;
    issued.token.token = m_signer.sign(token.id, userId);
    issued.token.userId = userId;
    if (token.status == TokenStatus::Active && token.expiresAt > now) {
        issued.token.queue = QueueStatus{TokenStatus::Active, 0, 0, token.expiresAt};
    } else if (const QueueView::Lookup known = m_view.lookup(token.id, now);
               !created && known.answer == QueueView::Answer::Waiting) {
        issued.token.queue = known.status;
    } else {
        // A new token: its distance from the admission frontier as the database has it now,
        // which grows with the id on every instance, so users who ask at the same moment get
        // distinct positions wherever they ask.
        const qint64 position = created ? qMax<qint64>(1, token.id - settled->lastAdmittedId)
                                        : m_view.provisionalPosition(token.id);
        issued.token.queue = QueueStatus{TokenStatus::Waiting, position,
                                         m_view.estimatedWaitSeconds(position), std::nullopt};
    }
    return issued;
}

std::optional<TokenClaims> QueueService::verify(const QByteArray &authorizationHeader) const
{
    const QByteArray token = TokenSigner::bearerToken(authorizationHeader);
    if (token.isEmpty())
        return std::nullopt;
    return m_signer.verify(token);
}

QueueView::Lookup QueueService::lookup(const TokenClaims &claims) const
{
    return m_view.lookup(claims.tokenId, Clock::now());
}

Result<QueueStatus> QueueService::statusFromDatabase(const TokenClaims &claims)
{
    const QDateTime now = Clock::now();
    auto row = m_database.run<std::optional<QueueTokenRow>>([&](DbSession &session) {
        return Result<std::optional<QueueTokenRow>>(QueueRepository(session).find(claims.tokenId));
    });
    if (!row)
        return row.error();
    const std::optional<QueueTokenRow> &token = row.value();
    if (!token || token->userId != claims.userId)
        return ApiError{ErrorCode::TokenInvalid,
                        QStringLiteral("this queue token was never issued")};
    if (token->status == TokenStatus::Expired
        || (token->status == TokenStatus::Active && token->expiresAt <= now)) {
        if (token->status == TokenStatus::Expired)
            m_view.noteExpired(token->id);
        return QueueStatus{TokenStatus::Expired, 0, 0, std::nullopt};
    }
    if (token->status == TokenStatus::Active)
        return QueueStatus{TokenStatus::Active, 0, 0, token->expiresAt};
    // WAITING but not in this instance's picture yet (issued since its last refresh).
    const qint64 position = m_view.provisionalPosition(token->id);
    return QueueStatus{TokenStatus::Waiting, position, m_view.estimatedWaitSeconds(position),
                       std::nullopt};
}

Result<Done> QueueService::requireActive(const TokenClaims &claims)
{
    QueueView::Lookup known = lookup(claims);
    QueueStatus status = known.status;
    // Only ACTIVE and EXPIRED are settled in memory; WAITING may have been admitted since.
    if (known.answer == QueueView::Answer::Unknown || known.answer == QueueView::Answer::Waiting) {
        auto fromDb = statusFromDatabase(claims);
        if (!fromDb)
            return fromDb.error();
        status = fromDb.value();
    }
    switch (status.status) {
    case TokenStatus::Active:
        return Done{};
    case TokenStatus::Waiting:
        return ApiError{
            ErrorCode::NotAdmitted,
            QStringLiteral("the queue token is still waiting (position %1)").arg(status.position)};
    case TokenStatus::Expired:
        break;
    }
    return ApiError{ErrorCode::TokenExpired,
                    QStringLiteral("the queue token has expired; take a new one")};
}

QueueTicker::QueueTicker(QueueService &service)
    : m_service(service)
{ }

QueueTicker::~QueueTicker() = default;

void QueueTicker::begin()
{
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(m_service.m_settings.tickMs);
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

qint64 QueueTicker::lookBackId(qint64 nowMs) const
{
    qint64 id = 0;
    for (const auto &[atMs, maxId] : m_maxIdHistory) {
        if (atMs <= nowMs - kLookBackMs)
            id = maxId;
    }
    return id;
}

void QueueTicker::tick()
{
    Database &database = m_service.m_database;
    if (!m_session || !m_session->isOpen()) {
        if (!database.mayAttemptConnection()) {
            Q_EMIT m_service.tickFinished(false);
            return;
        }
        m_session = database.openDedicatedSession(QStringLiteral("queue"));
        m_admitter = false;
        if (!m_session) {
            Q_EMIT m_service.tickFinished(false);
            return;
        }
    }
    const QueueService::Settings &settings = m_service.m_settings;
    try {
        QueueRepository repository(*m_session);
        const QDateTime now = Clock::now();
        const bool admitter = repository.holdAdmitterLock();
        if (admitter != m_admitter)
            qCInfo(lcQueue) << (admitter ? "this instance now admits from the queue"
                                         : "another instance admits from the queue");
        m_admitter = admitter;
        if (admitter) {
            repository.expireOverdue(now);
            if (m_service.m_admitterTask)
                m_service.m_admitterTask(*m_session, now);
            const int free = settings.capacity - repository.countActive();
            if (free > 0)
                m_houseMetrics.addAdmitted(
                    repository.admit(free, now, Clock::deadline(now, settings.activeTtlSeconds)));
        }

        const qint64 nowMs = now.toMSecsSinceEpoch();
        const bool full = m_ticks % kFullReloadEvery == 0;
        QueueView::Refresh refresh;
        m_session->execDirect(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
        m_session->execDirect(
            QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"));
        const QueueRepository::Extent extent = repository.extent();
        refresh.head = extent.head;
        refresh.maxId = extent.maxId;
        refresh.lastAdmittedId = extent.lastAdmittedId;
        refresh.complete = full;
        refresh.waiting = repository.waitingIdsAfter(full ? 0 : lookBackId(nowMs));
        refresh.active = repository.activeTokens();
        m_session->commit();
        refresh.takenAt = now;
        refresh.tickMs = m_lastTickMs > 0 ? qBound(qint64(1), nowMs - m_lastTickMs, qint64(60'000))
                                          : settings.tickMs;
        m_lastTickMs = nowMs;
        m_maxIdHistory.emplace_back(nowMs, refresh.maxId);
        while (m_maxIdHistory.size() > 2 && m_maxIdHistory[1].first <= nowMs - kLookBackMs)
            m_maxIdHistory.pop_front();
        m_service.m_view.apply(std::move(refresh));
        m_houseMetrics.setWaiting(m_service.m_view.waitingCount());
        m_houseMetrics.setActive(m_service.m_view.activeCount());
        ++m_ticks;
        database.reportConnectionResult(true, {});
    } catch (const DbFailure &failure) {
        m_session->rollback();
        if (failure.connectionLost) {
            database.reportConnectionResult(false, failure.message);
            m_session.reset();
            m_admitter = false;
        } else {
            qCWarning(lcQueue).noquote() << "queue tick failed:" << failure.message;
        }
    }
    Q_EMIT m_service.tickFinished(m_admitter);
}
