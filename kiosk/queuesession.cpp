#include "queuesession.h"

#include "apiclient.h"
#include "queuestatus.h"

#include <QJsonObject>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcQueue, "concert.kiosk.queue", QtInfoMsg)

namespace {

/**
 * A status answer with `paused`, which the contract does not name for status answers (only
 * `soldOut`); read when a server sends it beside `soldOut`, false otherwise.
 */
struct RoomStatus
{
    QueueStatus status;
    bool paused = false;
    static std::optional<RoomStatus> fromJson(const QJsonObject &json)
    {
        const std::optional<QueueStatus> status = QueueStatus::fromJson(json);
        if (!status)
            return std::nullopt;
        return RoomStatus{*status, json.value(QLatin1String("paused")).toBool(false)};
    }
};

struct RoomToken
{
    QueueToken token;
    bool paused = false;
    static std::optional<RoomToken> fromJson(const QJsonObject &json)
    {
        const std::optional<QueueToken> token = QueueToken::fromJson(json);
        if (!token)
            return std::nullopt;
        return RoomToken{*token, json.value(QLatin1String("paused")).toBool(false)};
    }
};

constexpr int kPushMaxBackoffMs = 30000;
constexpr int kPushSteadyMs = 10000; // a stream that lived this long was not flapping

} // namespace

QueueSession::QueueSession(QObject *parent)
    : QObject(parent)
{
    m_pollTimer.setSingleShot(true);
    m_pollTimer.setInterval(pollIntervalFor(1));
    connect(&m_pollTimer, &QTimer::timeout, this, &QueueSession::poll);
    m_joinRetryTimer.setSingleShot(true);
    connect(&m_joinRetryTimer, &QTimer::timeout, this, &QueueSession::requestToken);
    m_saleClock.setInterval(250);
    connect(&m_saleClock, &QTimer::timeout, this, &QueueSession::updateSaleClock);
    m_pushRetryTimer.setSingleShot(true);
    connect(&m_pushRetryTimer, &QTimer::timeout, this, &QueueSession::updatePush);
    connect(&m_push, &QueuePush::statusReceived, this, &QueueSession::pushStatus);
    connect(&m_push, &QueuePush::ended, this, &QueueSession::pushEnded);
    connect(&m_push, &QueuePush::liveChanged, this, [this]() {
        if (m_push.live()) {
            m_pushLiveSince = QDateTime::currentDateTimeUtc();
            m_pollTimer.stop(); // the stream tells us everything from now on
        }
        Q_EMIT pushLiveChanged();
    });
}

void QueueSession::setPushEnabled(bool enabled)
{
    if (m_pushEnabled == enabled)
        return;
    m_pushEnabled = enabled;
    Q_EMIT pushEnabledChanged();
    updatePush();
    if (!enabled && m_state == Waiting && !m_pollTimer.isActive())
        schedulePoll();
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

int QueueSession::prequeuePollIntervalFor(int secondsUntilSale)
{
    if (secondsUntilSale <= 5)
        return 1000;
    if (secondsUntilSale <= 60)
        return 5000;
    return 15000;
}

void QueueSession::join(const QString &userId, qint64 concertId)
{
    leave();
    if (m_roomConcertId != qMax<qint64>(0, concertId)) {
        m_roomConcertId = qMax<qint64>(0, concertId);
        Q_EMIT roomChanged();
    }
    m_userId = userId;
    Q_EMIT userIdChanged();
    requestToken();
}

void QueueSession::switchRoom(qint64 concertId)
{
    if (m_userId.isEmpty())
        return;
    giveBack();
    m_roomConcertId = qMax<qint64>(0, concertId);
    Q_EMIT roomChanged();
    rejoin();
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

void QueueSession::giveBack()
{
    if (!m_client || m_userId.isEmpty())
        return;
    if (!m_token.isEmpty()) {
        qCInfo(lcQueue) << "giving the queue place back";
        m_client->sendInBackground("DELETE", QStringLiteral("/api/v1/queue/tokens/current"),
                                   m_token);
    } else if (m_requestInFlight && m_state == Joining) {
        // The token may be issued by now even though its answer will be ignored: ask for it
        // again (the same live token comes back, 200) and give that back.
        QJsonObject body{{QStringLiteral("userId"), m_userId}};
        if (m_roomConcertId > 0)
            body.insert(QStringLiteral("concertId"), m_roomConcertId);
        QPointer<ApiClient> client = m_client;
        qCInfo(lcQueue) << "claiming the token still being issued to give it back";
        m_client->sendInBackground(
            "POST", QStringLiteral("/api/v1/queue/tokens"), {}, body,
            [client](const QJsonObject &json) {
                const QString token = json.value(QLatin1String("token")).toString();
                if (client && !token.isEmpty())
                    client->sendInBackground("DELETE",
                                             QStringLiteral("/api/v1/queue/tokens/current"), token);
            });
    }
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
    giveBack();
    forget();
}

void QueueSession::forget()
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
    setRoomFacts(QueueStatus{}, false);
    setState(Idle);
    updatePush();
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
    m_client->postAs<RoomToken>(
        QStringLiteral("/api/v1/queue/tokens"), body, this,
        [this, generation](const RoomToken &answer) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            setToken(answer.token.token);
            apply(answer.token.queue, answer.paused);
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
    ++m_statusPolls;
    Q_EMIT statusPollsChanged();
    m_client->getAs<RoomStatus>(
        QStringLiteral("/api/v1/queue/status"), this,
        [this, generation](const RoomStatus &answer) {
            if (generation != m_generation)
                return;
            m_requestInFlight = false;
            apply(answer.status, answer.paused);
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

void QueueSession::apply(const QueueStatus &status, bool paused)
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
    setRoomFacts(status, paused);
    switch (status.status) {
    case TokenStatus::Waiting:
        if (position > m_startPosition)
            m_startPosition = position;
        setPosition(position);
        setState(Waiting);
        updatePush();
        schedulePoll();
        break;
    case TokenStatus::Active: {
        m_pollTimer.stop();
        const bool wasActive = m_state == Active;
        setState(Active);
        setPosition(0);
        updatePush(); // no stream needed once admitted
        if (!wasActive)
            Q_EMIT admitted();
        break;
    }
    case TokenStatus::Expired:
        rejoin();
        break;
    }
}

void QueueSession::setRoomFacts(const QueueStatus &status, bool paused)
{
    const bool waiting = status.status == TokenStatus::Waiting;
    const QDateTime saleOpensAt =
        waiting && status.saleOpensAt ? status.saleOpensAt->toUTC() : QDateTime();
    if (m_saleOpensAt == saleOpensAt && m_soldOut == status.soldOut && m_paused == paused)
        return;
    m_saleOpensAt = saleOpensAt;
    m_soldOut = status.soldOut;
    m_paused = paused;
    if (m_saleOpensAt.isValid())
        m_saleClock.start();
    else
        m_saleClock.stop();
    updateSaleClock();
    Q_EMIT roomChanged();
}

void QueueSession::updateSaleClock()
{
    int seconds = 0;
    if (m_saleOpensAt.isValid()) {
        const QDateTime now = m_client ? m_client->serverNow() : QDateTime::currentDateTimeUtc();
        const qint64 ms = now.msecsTo(m_saleOpensAt);
        seconds = ms > 0 ? int(qMin<qint64>((ms + 999) / 1000, 366LL * 86400)) : 0;
    }
    if (m_secondsUntilSale == seconds)
        return;
    m_secondsUntilSale = seconds;
    Q_EMIT secondsUntilSaleChanged();
}

void QueueSession::updatePush()
{
    const bool wanted = m_pushEnabled && m_client && !m_token.isEmpty() && m_state == Waiting;
    if (!wanted) {
        m_pushRetryTimer.stop();
        m_pushToken.clear();
        if (m_push.isOpen())
            m_push.close();
        m_pushBackoffMs = 1000;
        return;
    }
    if (m_pushToken != m_token) {
        // A new token: a fresh stream at once, whatever happened to the old one.
        m_pushRetryTimer.stop();
        m_pushBackoffMs = 1000;
        m_pushToken = m_token;
        m_push.open(m_client->baseUrl(), m_token, qMax(1000, m_client->timeoutMs()));
        return;
    }
    if (!m_push.isOpen() && !m_pushRetryTimer.isActive())
        m_push.open(m_client->baseUrl(), m_token, qMax(1000, m_client->timeoutMs()));
}

void QueueSession::pushStatus(const QueueStatus &status, bool paused)
{
    if (m_pushToken != m_token || m_token.isEmpty())
        return;
    ++m_pushUpdates;
    Q_EMIT pushUpdatesChanged();
    apply(status, paused);
}

void QueueSession::pushEnded(int closeCode, bool wasLive)
{
    const bool steady =
        wasLive && m_pushLiveSince.msecsTo(QDateTime::currentDateTimeUtc()) >= kPushSteadyMs;
    qCInfo(lcQueue) << "push stream ended, close code" << closeCode;
    if (m_state != Waiting || m_token.isEmpty())
        return;
    // The server closes 1000 after EXPIRED and 4401/4400 for a token it does not take: a poll
    // learns what to do (queue again); the same token's stream is not opened again.
    const bool final = closeCode == 1000 || closeCode == 4400 || closeCode == 4401;
    if (wasLive || final) {
        m_pollTimer.stop();
        poll();
    } else if (!m_pollTimer.isActive() && !m_requestInFlight) {
        schedulePoll();
    }
    if (final)
        return;
    if (steady)
        m_pushBackoffMs = 1000;
    m_pushRetryTimer.start(m_pushBackoffMs);
    m_pushBackoffMs = qMin(kPushMaxBackoffMs, m_pushBackoffMs * 2);
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
    if (token.isEmpty())
        updatePush();
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
    if (m_push.live())
        return; // the stream brings every change
    const int interval =
        prequeue() ? prequeuePollIntervalFor(m_secondsUntilSale) : pollIntervalFor(m_position);
    if (m_pollTimer.interval() != interval) {
        m_pollTimer.setInterval(interval);
        Q_EMIT pollIntervalMsChanged();
    }
    m_pollTimer.start();
}
