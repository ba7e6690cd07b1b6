#include "services/paymentservice.h"

#include "data/balancerepository.h"
#include "data/database.h"
#include "data/outboxrepository.h"
#include "data/paymentrepository.h"
#include "data/queuerepository.h"
#include "data/reservationrepository.h"
#include "services/accesscontrol.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/seatmapcache.h"
#include "services/ticketsigner.h"

PaymentService::PaymentService(Database &database, QueueService &queue, SeatMapCache *seatMaps)
    : m_database(database)
    , m_queue(queue)
    , m_seatMaps(seatMaps)
{ }

Result<std::optional<Payment>> PaymentService::replay(const TokenClaims &claims,
                                                      qint64 reservationId,
                                                      const QByteArray &idempotencyKey)
{
    return m_database.run<std::optional<Payment>>([&](DbSession &session) {
        std::optional<Payment> earlier =
            PaymentRepository(session).findByIdempotencyKey(claims.userId, idempotencyKey);
        if (earlier && earlier->reservationId != reservationId)
            earlier.reset();
        if (earlier)
            earlier = withTicket(*earlier);
        return Result<std::optional<Payment>>(earlier);
    });
}

Result<Payment> PaymentService::pay(const TokenClaims &claims, qint64 reservationId,
                                    const QByteArray &idempotencyKey)
{
    const QDateTime now = Clock::now();
    bool replayed = false;
    qint64 soldDateId = 0;
    QList<int> soldSeats;
    auto paid = m_database.transaction<Payment>([&](DbSession &session) -> Result<Payment> {
        replayed = false;
        ReservationRepository reservations(session);
        const std::optional<ReservationRow> row = reservations.lock(reservationId);
        if (!row)
            return ApiError{ErrorCode::NotFound,
                            QStringLiteral("no reservation %1").arg(reservationId)};
        const Reservation &reservation = row->reservation;
        // The token next (the lock order stays reservation, token, balance, seats).
        QueueRepository tokens(session);
        const std::optional<QueueTokenRow> token = tokens.lock(claims.tokenId);
        if (token) {
            if (auto wrong = m_queue.roomError(token->concertId, reservation.concertId, session))
                return *wrong;
        }
        if (reservation.userId != claims.userId)
            return ApiError{ErrorCode::Forbidden,
                            QStringLiteral("this reservation belongs to another user")};
        PaymentRepository payments(session);
        if (!idempotencyKey.isEmpty()) {
            // Read after the reservation lock: a concurrent request with the same key that
            // got here first has committed by now, and its payment is replayed.
            if (auto earlier = payments.findByIdempotencyKey(claims.userId, idempotencyKey)) {
                if (earlier->reservationId != reservationId)
                    return ApiError{
                        ErrorCode::InvalidArgument,
                        QStringLiteral("this Idempotency-Key was used to pay reservation %1")
                            .arg(earlier->reservationId)};
                replayed = true;
                return *earlier;
            }
        }
        if (reservation.status == ReservationStatus::Confirmed)
            return ApiError{ErrorCode::AlreadyPaid,
                            QStringLiteral("this reservation is already paid")};

        if (!token || token->status != TokenStatus::Active || token->expiresAt <= now)
            return ApiError{ErrorCode::TokenExpired,
                            QStringLiteral("the queue token has expired; take a new one")};
        if (reservation.status != ReservationStatus::Held || reservation.heldUntil <= now)
            return ApiError{ErrorCode::HoldExpired,
                            QStringLiteral("the hold ended at %1; choose seats again")
                                .arg(reservation.heldUntil.toString(Qt::ISODate))};

        BalanceRepository balances(session);
        const std::optional<qint64> remaining = balances.debit(claims.userId, reservation.amount);
        if (!remaining)
            return ApiError{
                ErrorCode::InsufficientBalance,
                QStringLiteral("the balance does not cover %1 KRW").arg(reservation.amount)};
        const int sold =
            reservations.sellSeats(row->concertDateId, reservation.seatNumbers, reservationId);
        if (sold != reservation.seatNumbers.size())
            return ApiError{
                ErrorCode::Internal,
                QStringLiteral("reservation %1 no longer holds its seats").arg(reservationId)};
        reservations.confirm(reservationId);
        soldDateId = row->concertDateId;
        soldSeats = reservation.seatNumbers;
        const Payment payment = payments.insert(
            Payment{0, reservationId, claims.userId, reservation.amount, *remaining, now},
            idempotencyKey);
        balances.recordPayment(claims.userId, reservation.amount, payment.paymentId, now);
        tokens.expire(claims.tokenId, TokenEndReason::Paid, now);
        OutboxRepository(session).append(OutboxEventType::PaymentCompleted,
                                         withTicket(payment).toJson(), now);
        return payment;
    });
    if (paid && !replayed) {
        m_queue.noteExpired(claims.tokenId, TokenEndReason::Paid);
        if (m_seatMaps)
            m_seatMaps->noteSold(soldDateId, soldSeats);
    }
    if (!paid)
        return paid;
    return withTicket(paid.value());
}

Payment PaymentService::withTicket(Payment payment) const
{
    if (m_tickets && m_tickets->hasKey())
        payment.ticketCode = m_tickets->sign(payment.reservationId);
    return payment;
}

Result<Payment> PaymentService::payAtCounter(const Caller &by, qint64 reservationId,
                                             const QByteArray &idempotencyKey)
{
    const QDateTime now = Clock::now();
    qint64 soldDateId = 0;
    QList<int> soldSeats;
    auto paid = m_database.transaction<Payment>([&](DbSession &session) -> Result<Payment> {
        ReservationRepository reservations(session);
        const std::optional<ReservationRow> row = reservations.lock(reservationId);
        if (!row)
            return ApiError{ErrorCode::NotFound,
                            QStringLiteral("no reservation %1").arg(reservationId)};
        const Reservation &reservation = row->reservation;
        PaymentRepository payments(session);
        if (!idempotencyKey.isEmpty()) {
            if (auto earlier = payments.findByIdempotencyKey(reservation.userId, idempotencyKey)) {
                if (earlier->reservationId != reservationId)
                    return ApiError{
                        ErrorCode::InvalidArgument,
                        QStringLiteral("this Idempotency-Key was used to pay reservation %1")
                            .arg(earlier->reservationId)};
                return *earlier;
            }
        }
        if (reservation.status == ReservationStatus::Confirmed)
            return ApiError{ErrorCode::AlreadyPaid,
                            QStringLiteral("this reservation is already paid")};
        if (reservation.status != ReservationStatus::Held || reservation.heldUntil <= now)
            return ApiError{ErrorCode::HoldExpired,
                            QStringLiteral("the hold has ended; choose seats again")};
        BalanceRepository balances(session);
        const std::optional<qint64> remaining =
            balances.debit(reservation.userId, reservation.amount);
        if (!remaining)
            return ApiError{
                ErrorCode::InsufficientBalance,
                QStringLiteral("the balance does not cover %1 KRW").arg(reservation.amount)};
        const int sold =
            reservations.sellSeats(row->concertDateId, reservation.seatNumbers, reservationId);
        if (sold != reservation.seatNumbers.size())
            return ApiError{
                ErrorCode::Internal,
                QStringLiteral("reservation %1 no longer holds its seats").arg(reservationId)};
        reservations.confirm(reservationId);
        const Payment payment = payments.insert(
            Payment{0, reservationId, reservation.userId, reservation.amount, *remaining, now},
            idempotencyKey);
        balances.recordPayment(reservation.userId, reservation.amount, payment.paymentId, now);
        AccessControl::record(session, by, QStringLiteral("payment.create"),
                              QStringLiteral("payment/%1").arg(payment.paymentId),
                              QJsonObject{{QStringLiteral("reservationId"), reservationId},
                                          {QStringLiteral("userId"), reservation.userId},
                                          {QStringLiteral("amount"), reservation.amount}});
        OutboxRepository(session).append(OutboxEventType::PaymentCompleted,
                                         withTicket(payment).toJson(), now);
        soldDateId = row->concertDateId;
        soldSeats = reservation.seatNumbers;
        return payment;
    });
    if (!paid)
        return paid;
    if (m_seatMaps && soldDateId > 0)
        m_seatMaps->noteSold(soldDateId, soldSeats);
    return withTicket(paid.value());
}
