#pragma once

#include "reservation.h"
#include "services/result.h"
#include "services/tokensigner.h"

#include <QDateTime>

class CatalogService;
class Database;
class DbSession;
class QueueService;
class TicketSigner;
struct DateRef;
struct Caller;

/**
 * @brief Seat holds (api-contract.md, "Reservations").
 *
 * A hold is all or nothing: one transaction extends the user's ACTIVE token to outlive the
 * hold, inserts the reservation and takes every seat with one conditional UPDATE that locks
 * the seat rows in ascending order; if fewer seats than asked were free, it rolls back and
 * answers 409 SEAT_UNAVAILABLE; a hold that commits writes its `reservation.held` outbox event
 * in the same transaction. A hold past heldUntil counts as free everywhere at once; the
 * admitter's sweep (releaseOverdueHolds) only writes down what time already decided.
 * Every method runs SQL: call it from a worker thread.
 */
class ReservationService
{
public:
    ReservationService(Database &database, CatalogService &catalog, QueueService &queue,
                       int holdTtlSeconds);

    /**
     * @brief `--max-seats-per-user`: seats one user may hold (live) or own (SOLD) over all dates
     * of one concert, 0..1000; 0 = no cap (api-contract.md, "Limits at the edge").
     */
    void setMaxSeatsPerUser(int seats) { m_maxSeatsPerUser = seats; }

    /**
     * @brief Holds @p request's seats for the token's user for `--hold-ttl-seconds`.
     * Errors: NotFound (concert or date), SeatLimit (the user would pass
     * `--max-seats-per-user` for this concert; checked in the hold's transaction, before
     * seats are taken; not for @p applySeatCap false, i.e. counter sales), SeatUnavailable (a
     * seat is taken, or the date has passed), TokenExpired (the token ran out meanwhile),
     * Unavailable, Internal.
     */
    Result<Reservation> hold(const TokenClaims &claims, const ReservationRequest &request,
                             bool applySeatCap = true);
    /**
     * @brief The reservation, status as of now, with its `ticketCode` once CONFIRMED.
     * Errors: NotFound, Forbidden, Unavailable.
     */
    Result<Reservation> get(const TokenClaims &claims, qint64 reservationId);
    /**
     * @brief A counter sale's hold (api-contract.md, "Box office": `POST /admin/reservations`):
     * the same seat rules as hold() for user @p userId (canonical UUID), 1..10 seats, no queue
     * token; audited as `reservation.hold`. Errors: NotFound (concert or date), SeatUnavailable,
     * Unavailable, Internal.
     */
    Result<Reservation> holdAtCounter(const Caller &by, const QString &userId,
                                      const ReservationRequest &request);

    /**
     * @brief `DELETE /reservations/{id}` (api-contract.md, "Reservations: release"): a HELD
     * reservation becomes RELEASED and its seats AVAILABLE at once (with its
     * `reservation.released` outbox event); RELEASED, EXPIRED or CANCELLED ones are answered as
     * they are. The token is checked in the database.
     * Errors: TokenExpired, NotFound, WrongConcert, Forbidden, AlreadyPaid (CONFIRMED),
     * Unavailable.
     */
    Result<Reservation> release(const TokenClaims &claims, qint64 reservationId);

    /** @brief Signs the `ticketCode` of CONFIRMED reservations; without it they carry none. */
    void setTicketSigner(const TicketSigner *signer) { m_tickets = signer; }

    /**
     * @brief The admitter's sweep of overdue holds (QueueService::setAdmitterTask): each
     * becomes EXPIRED with its `reservation.expired` outbox event in one transaction, then
     * their seats AVAILABLE.
     */
    static void releaseOverdueHolds(DbSession &session, const QDateTime &now);

private:
    /**
     * @brief Inside a hold's transaction: inserts @p reservation (HELD, its user, seats and
     * `heldUntil`) on @p date and takes its seats, priced at the date's stored price — the
     * cached `date.price` on the common path (checked in the same statement that takes the
     * seats, no extra round trip), the stored one when the box office changed it since the
     * cache read it (api-contract.md, "Box office": a price change counts at once).
     * @p queueTokenId 0: a counter sale.
     * @return the reservation with its id and amount (KRW); SeatUnavailable when a seat is
     * not free.
     */
    static Result<Reservation> insertAndTakeSeats(DbSession &session, const DateRef &date,
                                                  Reservation reservation, qint64 queueTokenId,
                                                  const QDateTime &now);

    Database &m_database;
    CatalogService &m_catalog;
    QueueService &m_queue;
    const int m_holdTtlSeconds;
    int m_maxSeatsPerUser = 8;
    const TicketSigner *m_tickets = nullptr;
};
