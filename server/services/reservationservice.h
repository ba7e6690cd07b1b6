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
struct Caller;

/**
 * @brief Seat holds (api-contract.md, "Reservations").
 *
 * A hold is all or nothing: one transaction extends the user's ACTIVE token to outlive the
 * hold, inserts the reservation and takes every seat with one conditional UPDATE that locks
 * the seat rows in ascending order; if fewer seats than asked were free, it rolls back and
 * answers 409 SEAT_UNAVAILABLE. A hold past heldUntil counts as free everywhere at once; the
 * admitter's sweep (releaseOverdueHolds) only writes down what time already decided.
 * Every method runs SQL: call it from a worker thread.
 */
class ReservationService
{
public:
    ReservationService(Database &database, CatalogService &catalog, QueueService &queue,
                       int holdTtlSeconds);

    /**
     * @brief Holds @p request's seats for the token's user for `--hold-ttl-seconds`.
     * Errors: NotFound (concert or date), SeatUnavailable (a seat is taken, or the date has
     * passed), TokenExpired (the token ran out meanwhile), Unavailable, Internal.
     */
    Result<Reservation> hold(const TokenClaims &claims, const ReservationRequest &request);
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

    /** @brief Signs the `ticketCode` of CONFIRMED reservations; without it they carry none. */
    void setTicketSigner(const TicketSigner *signer) { m_tickets = signer; }

    /** @brief The admitter's sweep of overdue holds (QueueService::setAdmitterTask). */
    static void releaseOverdueHolds(DbSession &session, const QDateTime &now);

private:
    Database &m_database;
    CatalogService &m_catalog;
    QueueService &m_queue;
    const int m_holdTtlSeconds;
    const TicketSigner *m_tickets = nullptr;
};
