#pragma once

#include "apiclient.h"
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

struct QueueStatus;

/**
 * @brief One customer's place in the waiting queue (api-contract.md, "Queue").
 *
 * join() asks for a queue token (`POST /api/v1/queue/tokens`) and hands it to the ApiClient;
 * while the token is WAITING the session polls `GET /api/v1/queue/status`, more often the closer
 * the customer is to the front (pollIntervalFor()). It emits admitted() once the token is ACTIVE.
 * An EXPIRED status or a TOKEN_INVALID answer makes it queue again by itself (rejoin()).
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

    /**
     * @brief Poll interval for a customer at @p position: 1 s for the first five places, then
     * 0.2 s more per place, at most 15 s. In ms.
     */
    [[nodiscard]] static int pollIntervalFor(int position);

    /** @brief Asks for a token for @p userId (a canonical UUID) and starts polling. */
    Q_INVOKABLE void join(const QString &userId);
    /** @brief Asks for a fresh token for the same customer (after TOKEN_EXPIRED and the like). */
    Q_INVOKABLE void rejoin();
    /** @brief Polls the status now, e.g. after NOT_ADMITTED, and keeps polling while waiting. */
    Q_INVOKABLE void checkStatus();
    /** @brief Forgets the customer and the token; stops polling. */
    Q_INVOKABLE void leave();

    /**
     * @brief The concert whose waiting room the next token is asked for ("concertId" in
     * `POST /queue/tokens`, contract "Waiting rooms"); 0 (the default) = the house room, as in
     * v1. Set after a 403 WRONG_CONCERT; join() resets it to the house room.
     */
    void setRoomConcertId(qint64 concertId) { m_roomConcertId = concertId; }
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
    /** @brief The token became ACTIVE. */
    void admitted();

private:
    void requestToken();
    void poll();
    void apply(const QueueStatus &status);
    void setState(State state);
    void setToken(const QString &token);
    void setPosition(int position);
    void schedulePoll();

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
};
