#pragma once

#include "apiclient.h"
#include "payment.h"
#include "reservation.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

/**
 * @brief One checkout: hold seats (`POST /api/v1/reservations`), count down to heldUntil, pay
 * (`POST /api/v1/payments`).
 *
 * Each hold gets its own Idempotency-Key, used for every pay() of that hold, so paying again
 * after a network failure can never charge twice. When the countdown reaches 0 the checkout asks
 * the server for the reservation (`GET /api/v1/reservations/{id}`) and emits holdExpired() once
 * the server says EXPIRED (the kiosk's clock and the server's may differ by a little).
 */
class Checkout : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_MOC_INCLUDE("apiclient.h")
    Q_PROPERTY(ApiClient *client READ client WRITE setClient NOTIFY clientChanged)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    /** @brief True while a hold or a payment is in flight. */
    Q_PROPERTY(bool busy READ busy NOTIFY stateChanged)
    Q_PROPERTY(qint64 reservationId READ reservationId NOTIFY reservationChanged)
    Q_PROPERTY(qint64 concertId READ concertId NOTIFY reservationChanged)
    /** @brief "YYYY-MM-DD" of the held seats. */
    Q_PROPERTY(QString date READ date NOTIFY reservationChanged)
    Q_PROPERTY(QList<int> seatNumbers READ seatNumbers NOTIFY reservationChanged)
    /** @brief What the seats cost in KRW. */
    Q_PROPERTY(qint64 amount READ amount NOTIFY reservationChanged)
    /** @brief End of the hold (UTC). */
    Q_PROPERTY(QDateTime heldUntil READ heldUntil NOTIFY reservationChanged)
    /** @brief Whole seconds until heldUntil, rounded down; 0 in the last second and after. */
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY secondsLeftChanged)
    /** @brief Length of the hold as first received, in seconds (for progress displays). */
    Q_PROPERTY(int holdSeconds READ holdSeconds NOTIFY reservationChanged)
    Q_PROPERTY(qint64 paymentId READ paymentId NOTIFY paymentChanged)
    Q_PROPERTY(QDateTime paidAt READ paidAt NOTIFY paymentChanged)
    /** @brief The balance left right after the payment, in KRW. */
    Q_PROPERTY(qint64 balanceAfterPayment READ balanceAfterPayment NOTIFY paymentChanged)
    /** @brief The ticket of the paid seats (`ticketCode` of the payment); empty before. */
    Q_PROPERTY(QString ticketCode READ ticketCode NOTIFY paymentChanged)

public:
    enum State {
        Idle, ///< nothing held
        Holding, ///< reservation request in flight
        Held, ///< seats held, may pay
        Paying, ///< payment request in flight
        Paid, ///< done; payment fields are set
        Expired, ///< the hold ended before a payment
    };
    Q_ENUM(State)

    explicit Checkout(QObject *parent = nullptr);

    [[nodiscard]] ApiClient *client() const { return m_client; }
    void setClient(ApiClient *client);
    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] bool busy() const { return m_state == Holding || m_state == Paying; }
    [[nodiscard]] qint64 reservationId() const { return m_reservation.reservationId; }
    [[nodiscard]] qint64 concertId() const { return m_reservation.concertId; }
    [[nodiscard]] QString date() const;
    [[nodiscard]] QList<int> seatNumbers() const { return m_reservation.seatNumbers; }
    [[nodiscard]] qint64 amount() const { return m_reservation.amount; }
    [[nodiscard]] QDateTime heldUntil() const { return m_reservation.heldUntil; }
    [[nodiscard]] int secondsLeft() const { return m_secondsLeft; }
    [[nodiscard]] int holdSeconds() const { return m_holdSeconds; }
    [[nodiscard]] qint64 paymentId() const { return m_payment.paymentId; }
    [[nodiscard]] QDateTime paidAt() const { return m_payment.paidAt; }
    [[nodiscard]] qint64 balanceAfterPayment() const { return m_payment.balance; }
    [[nodiscard]] QString ticketCode() const { return m_payment.ticketCode; }
    /** @brief The Idempotency-Key pay() sends for the current hold; empty when none. */
    [[nodiscard]] QByteArray idempotencyKey() const { return m_idempotencyKey; }

    /**
     * @brief Holds @p seatNumbers (1..4 seats) of @p concertId on @p date ("YYYY-MM-DD").
     * Returns false without a request for input the contract rejects or while busy.
     * held() follows on success; on failure the state goes back to Idle.
     */
    Q_INVOKABLE bool hold(qint64 concertId, const QString &date, const QList<int> &seatNumbers);
    /** @brief Pays the held seats; returns false unless Held. paid() follows on success. */
    Q_INVOKABLE bool pay();
    /** @brief Forgets the hold and the payment (the server lets an unpaid hold expire). */
    Q_INVOKABLE void reset();
    /**
     * @brief Gives a Held reservation back (`DELETE /api/v1/reservations/{id}` with the current
     * queue token, in the background; api-contract.md, "Reservations: release"), then reset().
     * Without a Held reservation it only resets.
     */
    Q_INVOKABLE void release();

    /** @brief Takes a reservation the server returned (what a successful hold does). */
    void setReservation(const Reservation &reservation);

Q_SIGNALS:
    void clientChanged();
    void stateChanged();
    void reservationChanged();
    void secondsLeftChanged();
    void paymentChanged();
    void held();
    void paid();
    /** @brief The server confirmed that the hold ended unpaid. */
    void holdExpired();

private:
    void setState(State state);
    void tick();
    void confirmExpiry();

    QPointer<ApiClient> m_client;
    State m_state = Idle;
    Reservation m_reservation;
    Payment m_payment;
    QByteArray m_idempotencyKey;
    int m_secondsLeft = 0;
    int m_holdSeconds = 0;
    bool m_confirmingExpiry = false;
    quint64 m_generation = 0;
    QTimer m_countdown;
    QTimer m_expiryRecheck;
};
