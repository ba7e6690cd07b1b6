#pragma once

#include "apiclient.h"
#include "queuepush.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

struct QueueStatus;

/**
 * @brief One customer's place in the waiting queue (api-contract.md, "Queue" and "Additions to
 * v1", "Waiting rooms").
 *
 * join() asks for a queue token (`POST /api/v1/queue/tokens`, with `concertId` for that
 * concert's waiting room) and hands it to the ApiClient. While the token is WAITING the session
 * follows the push stream (`GET /api/v1/queue/stream`, QueuePush) when pushEnabled; without a
 * live stream (disabled, refused, dropped) it polls `GET /api/v1/queue/status`, more often the
 * closer the customer is to the front (pollIntervalFor()), and opens the stream again after 1,
 * 2, 4 ... at most 30 s. It emits admitted() once the token is ACTIVE. An EXPIRED status or a
 * TOKEN_INVALID answer makes it queue again by itself (rejoin()).
 *
 * Before a sale opens the token is in the room's pre-queue (prequeue, saleOpensAt,
 * secondsUntilSale, counted on the server's clock when its answers carry a `Date` header); a
 * room may also be soldOut (or paused, when the server says so). leave() gives the place back to
 * the server
 * (`DELETE /api/v1/queue/tokens/current`, in the background) so it blocks nobody.
 */
class QueueSession : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("apiclient.h")
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    /** @brief The customer's UUID (canonical form); empty before join(). */
    Q_PROPERTY(QString userId READ userId NOTIFY userIdChanged)
    /** @brief The queue token; empty until the server issued one. */
    Q_PROPERTY(QString token READ token NOTIFY tokenChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    /** @brief 1-based place among waiting customers (1 = next); 0 unless Waiting. */
    Q_PROPERTY(int position READ position NOTIFY positionChanged)
    /** @brief position - 1: how many customers will be admitted before this one. */
    Q_PROPERTY(int peopleAhead READ peopleAhead NOTIFY positionChanged)
    /** @brief The server's estimate in whole seconds; 0 unless Waiting. */
    Q_PROPERTY(
        int estimatedWaitSeconds READ estimatedWaitSeconds NOTIFY estimatedWaitSecondsChanged)
    /** @brief How far the customer moved from their first position to the front, 0.0..1.0. */
    Q_PROPERTY(double progress READ progress NOTIFY positionChanged)
    /** @brief When an Active token stops working (UTC); invalid otherwise. */
    Q_PROPERTY(QDateTime expiresAt READ expiresAt NOTIFY expiresAtChanged)
    /** @brief The current pause between status polls, in ms. */
    Q_PROPERTY(int pollIntervalMs READ pollIntervalMs NOTIFY pollIntervalMsChanged)
    /** @brief The concert whose waiting room the token is in; 0 = the house room. */
    Q_PROPERTY(qint64 roomConcertId READ roomConcertId NOTIFY roomChanged)
    /** @brief True while WAITING in a pre-queue: no place yet, drawn at saleOpensAt. */
    Q_PROPERTY(bool prequeue READ prequeue NOTIFY roomChanged)
    /** @brief When the sale opens (UTC) while in the pre-queue; invalid otherwise. */
    Q_PROPERTY(QDateTime saleOpensAt READ saleOpensAt NOTIFY roomChanged)
    /** @brief Whole seconds until saleOpensAt on the server's clock, rounded up; 0 after. */
    Q_PROPERTY(int secondsUntilSale READ secondsUntilSale NOTIFY secondsUntilSaleChanged)
    /** @brief The room's concert has no seat left (`soldOut` of the status); places are kept. */
    Q_PROPERTY(bool soldOut READ soldOut NOTIFY roomChanged)
    /**
     * @brief The room admits nobody for now: `"paused": true` in a status answer. The contract
     * names only `soldOut` there; a server that adds `paused` beside it gets the note shown.
     */
    Q_PROPERTY(bool paused READ paused NOTIFY roomChanged)
    /** @brief Follow the push stream while waiting (default true); false = polling only. */
    Q_PROPERTY(bool pushEnabled READ pushEnabled WRITE setPushEnabled NOTIFY pushEnabledChanged)
    /** @brief True while a push stream delivers the status (no polling then). */
    Q_PROPERTY(bool pushLive READ pushLive NOTIFY pushLiveChanged)
    /** @brief Status polls sent since this object was made (diagnostics, tests). */
    Q_PROPERTY(int statusPolls READ statusPolls NOTIFY statusPollsChanged)
    /** @brief Statuses received on push streams since this object was made. */
    Q_PROPERTY(int pushUpdates READ pushUpdates NOTIFY pushUpdatesChanged)

public:
    enum State {
        Idle, ///< no customer
        Joining, ///< asking for a token
        Waiting, ///< in the queue
        Active, ///< admitted: may browse seats, reserve and pay
    };
    Q_ENUM(State)

    explicit QueueSession(QObject *parent = nullptr);

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] QString userId() const { return m_userId; }
    [[nodiscard]] QString token() const { return m_token; }
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] int position() const { return m_position; }
    [[nodiscard]] int peopleAhead() const { return qMax(0, m_position - 1); }
    [[nodiscard]] int estimatedWaitSeconds() const { return m_estimatedWaitSeconds; }
    [[nodiscard]] double progress() const;
    [[nodiscard]] QDateTime expiresAt() const { return m_expiresAt; }
    [[nodiscard]] int pollIntervalMs() const { return m_pollTimer.interval(); }
    [[nodiscard]] bool prequeue() const { return m_saleOpensAt.isValid(); }
    [[nodiscard]] QDateTime saleOpensAt() const { return m_saleOpensAt; }
    [[nodiscard]] int secondsUntilSale() const { return m_secondsUntilSale; }
    [[nodiscard]] bool soldOut() const { return m_soldOut; }
    [[nodiscard]] bool paused() const { return m_paused; }
    [[nodiscard]] bool pushEnabled() const { return m_pushEnabled; }
    void setPushEnabled(bool enabled);
    [[nodiscard]] bool pushLive() const { return m_push.live(); }
    [[nodiscard]] int statusPolls() const { return m_statusPolls; }
    [[nodiscard]] int pushUpdates() const { return m_pushUpdates; }

    /**
     * @brief Poll interval for a customer at @p position: 1 s for the first five places, then
     * 0.2 s more per place, at most 15 s. In ms.
     */
    [[nodiscard]] static int pollIntervalFor(int position);

    /**
     * @brief Poll interval in the pre-queue, @p secondsUntilSale before the opening: 15 s while
     * more than a minute away, 5 s in the last minute, 1 s in the last 5 s and after. In ms.
     */
    [[nodiscard]] static int prequeuePollIntervalFor(int secondsUntilSale);

    /**
     * @brief Asks for a token for @p userId (a canonical UUID) in the waiting room of
     * @p concertId (0 = the house room) and follows it. Gives back any token held before.
     */
    Q_INVOKABLE void join(const QString &userId, qint64 concertId = 0);
    /** @brief Asks for a fresh token for the same customer (after TOKEN_EXPIRED and the like). */
    Q_INVOKABLE void rejoin();
    /** @brief Polls the status now, e.g. after NOT_ADMITTED, and keeps polling while waiting. */
    Q_INVOKABLE void checkStatus();
    /**
     * @brief The customer leaves: gives the place back to the server
     * (`DELETE /api/v1/queue/tokens/current` in the background, which also releases the seats
     * the token holds; a token still being issued is claimed and given back too), then forgets
     * the customer and the token. Nothing waits for the server.
     */
    Q_INVOKABLE void leave();
    /** @brief Forgets the customer and the token without telling the server (e.g. the token
     * was spent by a payment). */
    Q_INVOKABLE void forget();
    /**
     * @brief Gives the current token back and queues in the room of @p concertId instead (after
     * a 403 WRONG_CONCERT: the token was for another room).
     */
    void switchRoom(qint64 concertId);
    [[nodiscard]] qint64 roomConcertId() const { return m_roomConcertId; }

Q_SIGNALS:
    void clientChanged();
    void userIdChanged();
    void tokenChanged();
    void stateChanged();
    void positionChanged();
    void estimatedWaitSecondsChanged();
    void expiresAtChanged();
    void pollIntervalMsChanged();
    void roomChanged();
    void secondsUntilSaleChanged();
    void pushEnabledChanged();
    void pushLiveChanged();
    void statusPollsChanged();
    void pushUpdatesChanged();
    /** @brief The token became ACTIVE. */
    void admitted();

private:
    void requestToken();
    void poll();
    void apply(const QueueStatus &status, bool paused);
    void setState(State state);
    void setToken(const QString &token);
    void setPosition(int position);
    void schedulePoll();
    void giveBack();
    void setRoomFacts(const QueueStatus &status, bool paused);
    void updateSaleClock();
    void updatePush();
    void pushEnded(int closeCode, bool wasLive);
    void pushStatus(const QueueStatus &status, bool paused);

    QPointer<ApiClient> m_client;
    QString m_userId;
    QString m_token;
    State m_state = Idle;
    int m_position = 0;
    int m_startPosition = 0;
    int m_estimatedWaitSeconds = 0;
    QDateTime m_expiresAt;
    bool m_requestInFlight = false;
    bool m_joinFailed = false;
    quint64 m_generation = 0; // answers for an older join() are ignored
    qint64 m_roomConcertId = 0;
    QTimer m_pollTimer;
    QTimer m_joinRetryTimer; // after 429 TOO_MANY_REQUESTS: ask again after Retry-After
    QDateTime m_saleOpensAt;
    int m_secondsUntilSale = 0;
    bool m_soldOut = false;
    bool m_paused = false;
    QTimer m_saleClock; // counts secondsUntilSale down while in the pre-queue
    bool m_pushEnabled = true;
    QueuePush m_push;
    QTimer m_pushRetryTimer;
    int m_pushBackoffMs = 1000;
    QDateTime m_pushLiveSince;
    QString m_pushToken; // the token the stream (or its retry) is for
    int m_statusPolls = 0;
    int m_pushUpdates = 0;
};
