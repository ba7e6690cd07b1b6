#include "services/reservationservice.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "data/reservationrepository.h"
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
    reservation.userId = claims.userId;
    reservation.concertId = request.concertId;
    reservation.date = request.date;
    reservation.seatNumbers = request.seatNumbers;
    reservation.amount = date->price * request.seatNumbers.size();
    reservation.status = ReservationStatus::Held;
    reservation.heldUntil = Clock::deadline(now, m_holdTtlSeconds);

    auto held = m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
        // The token first (the same lock order as payments: token, then seats).
        if (!QueueRepository(session).extendActive(claims.tokenId, reservation.heldUntil, now))
            return ApiError{ErrorCode::TokenExpired,
                            QStringLiteral("the queue token has expired; take a new one")};
        ReservationRepository repository(session);
        Reservation created = reservation;
        created.reservationId =
            repository.insertHold(reservation, date->concertDateId, claims.tokenId, now);
        const int taken = repository.takeSeats(date->concertDateId, reservation.seatNumbers,
                                               created.reservationId, reservation.heldUntil, now);
        if (taken != reservation.seatNumbers.size())
            return ApiError{ErrorCode::SeatUnavailable,
                            QStringLiteral("at least one of the seats is no longer available")};
        return created;
    });
    if (held)
        m_queue.noteExtended(claims.tokenId, reservation.heldUntil);
    return held;
}

Result<Reservation> ReservationService::get(const TokenClaims &claims, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    auto row = m_database.run<std::optional<ReservationRow>>([&](DbSession &session) {
        return Result<std::optional<ReservationRow>>(
            ReservationRepository(session).find(reservationId));
    });
    if (!row)
        return row.error();
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
    reservation.amount = date->price * request.seatNumbers.size();
    reservation.status = ReservationStatus::Held;
    reservation.heldUntil = Clock::deadline(now, m_holdTtlSeconds);
    return m_database.transaction<Reservation>([&](DbSession &session) -> Result<Reservation> {
        ReservationRepository repository(session);
        Reservation created = reservation;
        created.reservationId = repository.insertHold(reservation, date->concertDateId, 0, now);
        const int taken = repository.takeSeats(date->concertDateId, reservation.seatNumbers,
                                               created.reservationId, reservation.heldUntil, now);
        if (taken != reservation.seatNumbers.size())
            return ApiError{ErrorCode::SeatUnavailable,
                            QStringLiteral("at least one of the seats is no longer available")};
        QJsonArray seats;
        for (int n : reservation.seatNumbers)
            seats.append(n);
        AccessControl::record(
            session, by, QStringLiteral("reservation.hold"),
            QStringLiteral("reservation/%1").arg(created.reservationId),
            QJsonObject{{QStringLiteral("userId"), userId},
                        {QStringLiteral("concertId"), request.concertId},
                        {QStringLiteral("date"), request.date.toString(Qt::ISODate)},
                        {QStringLiteral("seatNumbers"), seats}});
        return created;
    });
}

void ReservationService::releaseOverdueHolds(DbSession &session, const QDateTime &now)
{
    ReservationRepository(session).releaseOverdueHolds(now);
}
