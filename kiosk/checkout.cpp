#include "checkout.h"

#include "apiclient.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QUuid>

Checkout::Checkout(QObject *parent)
    : QObject(parent)
{
    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &Checkout::tick);
    m_expiryRecheck.setSingleShot(true);
    m_expiryRecheck.setInterval(1000);
    connect(&m_expiryRecheck, &QTimer::timeout, this, &Checkout::confirmExpiry);
}

void Checkout::setClient(ApiClient *client)
{
    if (m_client == client)
        return;
    m_client = client;
    Q_EMIT clientChanged();
}

QString Checkout::date() const
{
    return m_reservation.date.isValid() ? JsonFields::formatDate(m_reservation.date) : QString();
}

bool Checkout::hold(qint64 concertId, const QString &date, const QList<int> &seatNumbers)
{
    if (!m_client || busy() || m_state == Held)
        return false;
    QJsonArray seats;
    for (int seat : seatNumbers)
        seats.append(seat);
    const std::optional<ReservationRequest> request =
        ReservationRequest::fromJson(QJsonObject{{QStringLiteral("concertId"), concertId},
                                                 {QStringLiteral("date"), date},
                                                 {QStringLiteral("seatNumbers"), seats}});
    if (!request || concertId < 1)
        return false;
    reset();
    setState(Holding);
    const quint64 generation = m_generation;
    m_client->postAs<Reservation>(
        QStringLiteral("/api/v1/reservations"), request->toJson(), this,
        [this, generation](const Reservation &reservation) {
            if (generation != m_generation)
                return;
            setReservation(reservation);
            Q_EMIT held();
        },
        [this, generation](const ApiClient::Failure &) {
            if (generation == m_generation)
                setState(Idle);
        });
    return true;
}

bool Checkout::pay()
{
    if (!m_client || m_state != Held)
        return false;
    setState(Paying);
    const quint64 generation = m_generation;
    m_client->postAs<Payment>(
        QStringLiteral("/api/v1/payments"), PaymentRequest{m_reservation.reservationId}.toJson(),
        this,
        [this, generation](const Payment &payment) {
            if (generation != m_generation)
                return;
            m_payment = payment;
            m_countdown.stop();
            m_expiryRecheck.stop();
            Q_EMIT paymentChanged();
            setState(Paid);
            Q_EMIT paid();
        },
        [this, generation](const ApiClient::Failure &failure) {
            if (generation != m_generation)
                return;
            switch (failure.code) {
            case ErrorCode::HoldExpired:
                m_countdown.stop();
                setState(Expired);
                break;
            case ErrorCode::AlreadyPaid:
            case ErrorCode::Forbidden:
            case ErrorCode::NotFound:
                m_countdown.stop();
                setState(Idle);
                break;
            default: // e.g. INSUFFICIENT_BALANCE or unreachable: the hold stands, pay again
                setState(Held);
                if (m_secondsLeft == 0)
                    confirmExpiry();
                break;
            }
        },
        ApiClient::Auth::Bearer, m_idempotencyKey);
    return true;
}

void Checkout::reset()
{
    ++m_generation;
    m_countdown.stop();
    m_expiryRecheck.stop();
    m_confirmingExpiry = false;
    m_idempotencyKey.clear();
    const bool hadReservation = m_reservation.reservationId != 0;
    const bool hadPayment = m_payment.paymentId != 0;
    m_reservation = {};
    m_payment = {};
    m_holdSeconds = 0;
    if (hadReservation)
        Q_EMIT reservationChanged();
    if (hadPayment)
        Q_EMIT paymentChanged();
    if (m_secondsLeft != 0) {
        m_secondsLeft = 0;
        Q_EMIT secondsLeftChanged();
    }
    setState(Idle);
}

void Checkout::release()
{
    if (m_client && m_state == Held && m_reservation.reservationId > 0)
        m_client->sendInBackground(
            "DELETE", QStringLiteral("/api/v1/reservations/%1").arg(m_reservation.reservationId),
            m_client->token());
    reset();
}

void Checkout::setReservation(const Reservation &reservation)
{
    m_reservation = reservation;
    // One key per hold: every pay() of this hold is the same payment to the server.
    m_idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1();
    const qint64 msLeft = QDateTime::currentDateTimeUtc().msecsTo(reservation.heldUntil);
    m_holdSeconds = int(qMax<qint64>(0, msLeft / 1000));
    Q_EMIT reservationChanged();
    setState(Held);
    tick();
    m_countdown.start();
}

void Checkout::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void Checkout::tick()
{
    if (!m_reservation.heldUntil.isValid())
        return;
    // Whole seconds left, rounded down: heldUntil has whole seconds, so a 300 s hold reads
    // "5:00", not "5:01".
    const qint64 msLeft = QDateTime::currentDateTimeUtc().msecsTo(m_reservation.heldUntil);
    const int secondsLeft = int(qMax<qint64>(0, msLeft / 1000));
    if (secondsLeft != m_secondsLeft) {
        m_secondsLeft = secondsLeft;
        Q_EMIT secondsLeftChanged();
    }
    if (secondsLeft == 0 && msLeft <= 0) {
        m_countdown.stop();
        if (m_state == Held)
            confirmExpiry();
    }
}

void Checkout::confirmExpiry()
{
    if (!m_client || m_state != Held || m_confirmingExpiry)
        return;
    m_confirmingExpiry = true;
    const quint64 generation = m_generation;
    m_client->getAs<Reservation>(
        QStringLiteral("/api/v1/reservations/%1").arg(m_reservation.reservationId), this,
        [this, generation](const Reservation &reservation) {
            if (generation != m_generation)
                return;
            m_confirmingExpiry = false;
            if (m_state != Held)
                return;
            if (reservation.status == ReservationStatus::Held) {
                m_expiryRecheck.start(); // our clock is ahead of the server's
                return;
            }
            if (reservation.status == ReservationStatus::Confirmed) {
                pay(); // an earlier answer got lost: the same key replays the same payment
                return;
            }
            setState(Expired);
            Q_EMIT holdExpired();
        },
        [this, generation](const ApiClient::Failure &failure) {
            if (generation != m_generation)
                return;
            m_confirmingExpiry = false;
            if (KioskError::isTransient(failure.code))
                m_expiryRecheck.start();
        });
}
