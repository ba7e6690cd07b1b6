#include "queuesession.h"

#include "apiclient.h"
#include "queuestatus.h"

#include <QJsonObject>

QueueSession::QueueSession(QObject *parent)
    : QObject(parent)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(pollIntervalFor(1));
    connect(&m_pollTimer, &QTimer::timeout, this, &QueueSession::poll);
    m_joinRetryTimer.setSingleShot(true);
    connect(&m_joinRetryTimer, &QTimer::timeout, this, &QueueSession::requestToken);
}

void QueueSession::setClient(ApiClient *client)
{
    if (m_client == client)
        return;
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client) {
        connect(m_client, &ApiClient::reconnected, this, [this]() {
            if (m_joinFailed)
                requestToken();
        });
    }
    Q_EMIT clientChanged();
}

double QueueSession::progress() const
{
    if (m_state == Active)
        return 1.0;
    if (m_state != Waiting || m_startPosition <= 0)
        return 0.0;
    return qBound(0.0, double(m_startPosition - m_position + 1) / double(m_startPosition + 1), 1.0);
}

int QueueSession::pollIntervalFor(int position)
{
    constexpr int kNearFront = 5;
    constexpr int kBaseMs = 1000;
    constexpr int kPerPlaceMs = 200;
    constexpr int kMaxMs = 15000;
    if (position <= kNearFront)
        return kBaseMs;
    return qMin(kMaxMs, kBaseMs + (position - kNearFront) * kPerPlaceMs);
}

void QueueSession::join(const QString &userId)
{
    leave();
    m_roomConcertId = 0;
    m_userId = userId;
    Q_EMIT userIdChanged();
    requestToken();
}

void QueueSession::rejoin()
{
    if (m_userId.isEmpty())
        return;
    m_pollTimer.stop();
    setToken({});
    m_startPosition = 0;
    requestToken();
}

void QueueSession::checkStatus()
{
    if (m_token.isEmpty())
        return;
    if (m_state == Active)
        setState(Waiting);
    m_pollTimer.stop();
    poll();
}

void QueueSession::leave()
{
    ++m_generation;
    m_pollTimer.stop();
    m_joinRetryTimer.stop();
    m_requestInFlight = false;
    m_joinFailed = false;
    m_startPosition = 0;
    setToken({});
    setPosition(0);
    if (m_estimatedWaitSeconds != 0) {
        m_estimatedWaitSeconds = 0;
        Q_EMIT estimatedWaitSecondsChanged();
    }
    if (m_expiresAt.isValid()) {
        m_expiresAt = {};
        Q_EMIT expiresAtChanged();
    }
    if (!m_userId.isEmpty()) {
        m_userId.clear();
        Q_EMIT userIdChanged();
    }
    setState(Idle);
}

void QueueSession::requestToken()
{
    if (!m_client || m_userId.isEmpty())
        return;
    setState(Joining);
    m_joinFailed = false;
    const quint64 generation = ++m_generation;
    m_requestInFlight = true;
    QJsonObject body{{QStringLiteral("userId"), m_userId}};
    if (m_roomConcertId > 0)
        body.insert(QStringLiteral("concertId"), m_roomConcertId);
    m_client->postAs<QueueToken>(
        QStringLiteral("/api/v1/queue/tokens"), body, this,
        [this, generation](const QueueToken &token) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            setToken(token.token);
            apply(token.queue);
        },
        [this, generation](const ApiClient::Failure &failure) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            if (failure.code == ErrorCode::TooManyRequests) {
                // Rate-limited per address: wait as long as the server asked (1..60 s).
                m_joinRetryTimer.start(1000 * qBound(1, failure.retryAfterSeconds, 60));
                return;
            }
            m_joinFailed = true; // tried again on ApiClient::reconnected
        },
        ApiClient::Auth::None);
}

void QueueSession::poll()
{
    if (!m_client || m_token.isEmpty() || m_requestInFlight)
        return;
    const quint64 generation = m_generation;
    m_requestInFlight = true;
    m_client->getAs<QueueStatus>(
        QStringLiteral("/api/v1/queue/status"), this,
        [this, generation](const QueueStatus &status) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            apply(status);
        },
        [this, generation](const ApiClient::Failure &failure) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            if (failure.code == ErrorCode::TokenInvalid || failure.code == ErrorCode::TokenExpired)
                rejoin();
            else
                schedulePoll(); // unreachable and the like: keep trying at the same pace
        });
}

void QueueSession::apply(const QueueStatus &status)
{
    const int position = int(qMin<qint64>(status.position, std::numeric_limits<int>::max()));
    const int wait =
        int(qMin<qint64>(status.estimatedWaitSeconds, std::numeric_limits<int>::max()));
    if (m_estimatedWaitSeconds != wait) {
        m_estimatedWaitSeconds = wait;
        Q_EMIT estimatedWaitSecondsChanged();
    }
    const QDateTime expiresAt = status.expiresAt.value_or(QDateTime());
    if (m_expiresAt != expiresAt) {
        m_expiresAt = expiresAt;
        Q_EMIT expiresAtChanged();
    }
    switch (status.status) {
    case TokenStatus::Waiting:
        if (position > m_startPosition)
            m_startPosition = position;
        setPosition(position);
        setState(Waiting);
        schedulePoll();
        break;
    case TokenStatus::Active:
        m_pollTimer.stop();
        setState(Active);
        setPosition(0);
        Q_EMIT admitted();
        break;
    case TokenStatus::Expired:
        rejoin();
        break;
    }
}

void QueueSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
    Q_EMIT positionChanged(); // progress depends on the state
}

void QueueSession::setToken(const QString &token)
{
    if (m_token != token) {
        m_token = token;
        Q_EMIT tokenChanged();
    }
    if (m_client)
        m_client->setToken(token);
}

void QueueSession::setPosition(int position)
{
    if (m_position == position)
        return;
    m_position = position;
    Q_EMIT positionChanged();
}

void QueueSession::schedulePoll()
{
    const int interval = pollIntervalFor(m_position);
    if (m_pollTimer.interval() != interval) {
        m_pollTimer.setInterval(interval);
        Q_EMIT pollIntervalMsChanged();
    }
    m_pollTimer.start();
}
