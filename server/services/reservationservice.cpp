#include "services/reservationservice.h"

#include "data/database.h"
#include "data/queuerepository.h"
#include "data/reservationrepository.h"
#include "data/roomrepository.h"
#include "services/catalogservice.h"
#include "services/clock.h"
#include "services/queueservice.h"

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
        // The price as stored now: the box office may have changed it (PATCH) since the date
        // was cached.
        created.amount = RoomRepository(session).price(date->concertDateId).value_or(date->price)
            * reservation.seatNumbers.size();
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
    return reservation;
}

Result<Reservation> ReservationService::release(const TokenClaims &claims, qint64 reservationId)
{
    const QDateTime now = Clock::now();
    bool spent = false;
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
                break;
            case ReservationStatus::Expired:
            case ReservationStatus::Released:
                break;
            }
            return reservation;
        });
    if (!released && spent)
        m_queue.noteExpired(claims.tokenId);
    return released;
}

void ReservationService::releaseOverdueHolds(DbSession &session, const QDateTime &now)
{
    ReservationRepository(session).releaseOverdueHolds(now);
}
