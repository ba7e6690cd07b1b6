#include "services/reservationservice.h"

#include "data/database.h"
#include "data/outboxrepository.h"
#include "data/queuerepository.h"
#include "data/reservationrepository.h"
#include "data/roomrepository.h"
#include "services/accesscontrol.h"
#include "services/catalogservice.h"
#include "services/clock.h"
#include "services/queueservice.h"
#include "services/ticketsigner.h"

ReservationService::ReservationService(Database &database, CatalogService &catalog,
                                       QueueService &queue, int holdTtlSeconds)
    : m_database(database)
    , m_catalog(catalog)
    , m_queue(queue)
    , m_holdTtlSeconds(holdTtlSeconds)
{ }

Result<Reservation> ReservationService::hold(const TokenClaims &claims,
                                             const ReservationRequest &request, bool applySeatCap)
{
    const Result<DateRef> date = m_catalog.findDate(request.concertId, request.date);
    if (!date)
        return date.error();
    const QDateTime now = Clock::now();
    if (request.date < now.date())
        return ApiError{
            ErrorCode::SeatUnavailable,
            QStringLiteral("the date %1 has passed").arg(request.date.toString(Qt::ISODate))};

    Reservation reservation;
    reservation.userId = claims.userId;
    reservation.concertId = request.concertId;
    reservation.date = request.date;
    reservation.seatNumbers = request.seatNumbers;
    reservation.status = ReservationStatus::Held;
    reservation.heldUntil = Clock::deadline(now, m_holdTtlSeconds);

    auto held = m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
        // The token first (the same lock order as payments: token, then seats).
        if (!QueueRepository(session).extendActive(claims.tokenId, reservation.heldUntil, now))
            return ApiError{ErrorCode::TokenExpired,
                            QStringLiteral("the queue token has expired; take a new one")};
        ReservationRepository repository(session);
        // The cap is counted under the token's row lock (taken just above), so two holds of
        // one token cannot both slip under it.
        if (applySeatCap && m_maxSeatsPerUser > 0) {
            const int owned = repository.seatsOwned(claims.userId, request.concertId, now);
            if (owned + reservation.seatNumbers.size() > m_maxSeatsPerUser)
                return ApiError{ErrorCode::SeatLimit,
                                QStringLiteral("a user may hold or own at most %1 seats of a "
                                               "concert; you have %2")
                                    .arg(m_maxSeatsPerUser)
                                    .arg(owned)};
        }
        Result<Reservation> created =
            insertAndTakeSeats(session, *date, reservation, claims.tokenId, now);
        if (!created)
            return created;
        OutboxRepository(session).append(OutboxEventType::ReservationHeld, created->toJson(), now);
        return created;
    });
    if (held) {
        m_queue.noteExtended(claims.tokenId, reservation.heldUntil);
        m_catalog.seatMaps().noteHeld(date->concertDateId, reservation.seatNumbers,
                                      reservation.heldUntil);
    }
    return held;
}

Result<Reservation> ReservationService::insertAndTakeSeats(DbSession &session, const DateRef &date,
                                                           Reservation reservation,
                                                           qint64 queueTokenId,
                                                           const QDateTime &now)
{
    ReservationRepository repository(session);
    const int seats = int(reservation.seatNumbers.size());
    reservation.amount = date.price * seats;
    reservation.reservationId =
        repository.insertHold(reservation, date.concertDateId, queueTokenId, now);
    int taken =
        repository.takeSeats(date.concertDateId, reservation.seatNumbers, reservation.reservationId,
                             reservation.heldUntil, now, date.price);
    if (taken != seats) {
        // A seat is gone, or the box office changed the price since this instance cached it
        // (on another instance, within a tick): then the stored price counts, at once.
        const std::optional<qint64> stored = RoomRepository(session).price(date.concertDateId);
        if (stored && *stored != date.price) {
            reservation.amount = *stored * seats;
            repository.setAmount(reservation.reservationId, reservation.amount);
            taken = repository.takeSeats(date.concertDateId, reservation.seatNumbers,
                                         reservation.reservationId, reservation.heldUntil, now,
                                         *stored);
        }
    }
    if (taken != seats)
        return ApiError{ErrorCode::SeatUnavailable,
                        QStringLiteral("at least one of the seats is no longer available")};
    return reservation;
}

Result<Reservation> ReservationService::get(const TokenClaims &claims, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    bool spent = false;
    auto row = m_database.run<std::optional<ReservationRow>>(
        [&](DbSession &session) -> Result<std::optional<ReservationRow>> {
            // The token is read from the database, not from this instance's picture: a token
            // spent on another instance is refused at once (api-contract.md, "A spent token").
            const std::optional<QueueTokenRow> token =
                QueueRepository(session).find(claims.tokenId);
            if (!token || token->status != TokenStatus::Active || token->expiresAt <= now) {
                spent = true;
                return ApiError{ErrorCode::TokenExpired,
                                QStringLiteral("the queue token has expired; take a new one")};
            }
            std::optional<ReservationRow> found =
                ReservationRepository(session).find(reservationId);
            if (found) {
                if (auto wrong =
                        m_queue.roomError(token->concertId, found->reservation.concertId, session))
                    return *wrong;
            }
            return found;
        });
    if (!row) {
        if (spent)
            m_queue.noteExpired(claims.tokenId);
        return row.error();
    }
    if (!row.value())
        return ApiError{ErrorCode::NotFound,
                        QStringLiteral("no reservation %1").arg(reservationId)};
    Reservation reservation = row.value()->reservation;
    if (reservation.userId != claims.userId)
        return ApiError{ErrorCode::Forbidden,
                        QStringLiteral("this reservation belongs to another user")};
    if (reservation.status == ReservationStatus::Held && reservation.heldUntil <= now)
        reservation.status = ReservationStatus::Expired;
    if (reservation.status == ReservationStatus::Confirmed && m_tickets && m_tickets->hasKey())
        reservation.ticketCode = m_tickets->sign(reservation.reservationId);
    return reservation;
}

Result<Reservation> ReservationService::holdAtCounter(const Caller &by, const QString &userId,
                                                      const ReservationRequest &request)
{
    const Result<DateRef> date = m_catalog.findDate(request.concertId, request.date);
    if (!date)
        return date.error();
    const QDateTime now = Clock::now();
    if (request.date < now.date())
        return ApiError{
            ErrorCode::SeatUnavailable,
            QStringLiteral("the date %1 has passed").arg(request.date.toString(Qt::ISODate))};
    Reservation reservation;
    reservation.userId = userId;
    reservation.concertId = request.concertId;
    reservation.date = request.date;
    reservation.seatNumbers = request.seatNumbers;
    reservation.status = ReservationStatus::Held;
    reservation.heldUntil = Clock::deadline(now, m_holdTtlSeconds);
    auto held = m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
        Result<Reservation> created = insertAndTakeSeats(session, *date, reservation, 0, now);
        if (!created)
            return created;
        QJsonArray seats;
        for (int n : reservation.seatNumbers)
            seats.append(n);
        AccessControl::record(
            session, by, QStringLiteral("reservation.hold"),
            QStringLiteral("reservation/%1").arg(created->reservationId),
            QJsonObject{{QStringLiteral("userId"), userId},
                        {QStringLiteral("concertId"), request.concertId},
                        {QStringLiteral("date"), request.date.toString(Qt::ISODate)},
                        {QStringLiteral("seatNumbers"), seats}});
        OutboxRepository(session).append(OutboxEventType::ReservationHeld, created->toJson(), now);
        return created;
    });
    if (held)
        m_catalog.seatMaps().noteHeld(date->concertDateId, reservation.seatNumbers,
                                      reservation.heldUntil);
    return held;
}

Result<Reservation> ReservationService::release(const TokenClaims &claims, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    bool spent = false;
    qint64 freedDateId = 0;
    auto released =
        m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
            // The token in the database: one spent on another instance is refused at once.
            const std::optional<QueueTokenRow> token =
                QueueRepository(session).find(claims.tokenId);
            if (!token || token->status != TokenStatus::Active || token->expiresAt <= now) {
                spent = true;
                return ApiError{ErrorCode::TokenExpired,
                                QStringLiteral("the queue token has expired; take a new one")};
            }
            ReservationRepository repository(session);
            const std::optional<ReservationRow> row = repository.lock(reservationId);
            if (!row)
                return ApiError{ErrorCode::NotFound,
                                QStringLiteral("no reservation %1").arg(reservationId)};
            Reservation reservation = row->reservation;
            if (auto wrong = m_queue.roomError(token->concertId, reservation.concertId, session))
                return *wrong;
            if (reservation.userId != claims.userId)
                return ApiError{ErrorCode::Forbidden,
                                QStringLiteral("this reservation belongs to another user")};
            switch (reservation.status) {
            case ReservationStatus::Confirmed:
                return ApiError{ErrorCode::AlreadyPaid,
                                QStringLiteral("this reservation is paid; it cannot be released")};
            case ReservationStatus::Held:
                if (reservation.heldUntil <= now) {
                    reservation.status = ReservationStatus::Expired; // time already decided
                    break;
                }
                repository.release(reservationId);
                reservation.status = ReservationStatus::Released;
                OutboxRepository(session).append(OutboxEventType::ReservationReleased,
                                                 reservation.toJson(), now);
                freedDateId = row->concertDateId;
                break;
            case ReservationStatus::Expired:
            case ReservationStatus::Released:
            case ReservationStatus::Cancelled:
                break;
            }
            return reservation;
        });
    if (!released && spent)
        m_queue.noteExpired(claims.tokenId);
    if (released && freedDateId > 0)
        m_catalog.seatMaps().noteReleased(freedDateId, released.value().seatNumbers);
    return released;
}

void ReservationService::releaseOverdueHolds(DbSession &session, const QDateTime &now)
{
    // Each overdue hold becomes EXPIRED together with its reservation.expired event, in one
    // transaction per batch; rows a payment has locked are skipped (next tick sees them).
    constexpr int kBatch = 500;
    ReservationRepository repository(session);
    for (int batch = 0; batch < 20; ++batch) {
        session.begin();
        const QList<Reservation> expired = repository.expireOverdueHolds(now, kBatch);
        OutboxRepository outbox(session);
        for (const Reservation &reservation : expired)
            outbox.append(OutboxEventType::ReservationExpired, reservation.toJson(), now);
        session.commit();
        if (expired.size() < kBatch)
            break;
    }
    repository.releaseOverdueHolds(now);
}
