#pragma once

#include "stubserver.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QMap>

/**
 * @brief A small in-memory imitation of concert-server's HTTP contract on a StubServer, for the
 * kiosk's model and UI tests that must not need MariaDB. It follows api-contract.md for the
 * calls the kiosk makes; the end-to-end test runs against the real server instead.
 *
 * Two concerts (ids 1 and 2) with three dates each, 50 seats per date. New queue tokens start
 * WAITING at position queueAhead + 1 and move one place forward per status poll.
 */
class FakeBackend
{
public:
    struct Reservation
    {
        qint64 id = 0;
        QString userId;
        qint64 concertId = 0;
        QDate date;
        QList<int> seats;
        qint64 amount = 0;
        QString status; // HELD, CONFIRMED, EXPIRED
        QDateTime heldUntil;
    };

    FakeBackend();

    bool start() { return m_stub.start(); }
    [[nodiscard]] QUrl baseUrl() const { return m_stub.baseUrl(); }
    [[nodiscard]] StubServer &stub() { return m_stub; }

    /** @brief Places ahead of each new token in the queue (0 = admitted at once). */
    int queueAhead = 0;
    /** @brief Length of a hold in seconds. */
    int holdSeconds = 300;

    [[nodiscard]] QList<QDate> dates(qint64 concertId) const;
    [[nodiscard]] qint64 price(qint64 concertId, QDate date) const;
    /** @brief "AVAILABLE", "HELD" or "SOLD". */
    [[nodiscard]] QString seatStatus(qint64 concertId, QDate date, int seat) const;
    /** @brief Marks a seat HELD or SOLD by nobody in particular (someone else). */
    void setSeatStatus(qint64 concertId, QDate date, int seat, const QString &status);
    [[nodiscard]] qint64 balance(const QString &userId) const { return m_balances.value(userId); }
    void setBalance(const QString &userId, qint64 balance) { m_balances[userId] = balance; }
    [[nodiscard]] QString tokenStatus(const QString &token) const;
    /** @brief Ends a token (as the server does when its time is up). */
    void expireToken(const QString &token);
    /** @brief Ends a hold now (as if heldUntil had passed). */
    void expireReservation(qint64 reservationId);
    [[nodiscard]] QList<Reservation> reservations() const { return m_reservations.values(); }

private:
    struct Token
    {
        QString userId;
        QString status;
        int position = 0;
    };

    void install();
    [[nodiscard]] StubResponse checkToken(const StubRequest &request, Token **token);
    void sweep();
    [[nodiscard]] QJsonObject reservationJson(const Reservation &reservation) const;

    StubServer m_stub;
    QHash<QString, Token> m_tokens;
    QHash<QString, qint64> m_balances;
    QMap<std::tuple<qint64, QDate, int>, QString> m_seats; // absent = AVAILABLE
    QMap<qint64, Reservation> m_reservations;
    QHash<QString, QJsonObject> m_payments; // userId + key -> 201 body
    qint64 m_nextReservation = 1;
    qint64 m_nextPayment = 1;
    int m_nextToken = 1;
};
