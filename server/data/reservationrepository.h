#pragma once

#include "reservation.h"

#include <QDateTime>
#include <QList>

#include <optional>

class DbSession;
class QSqlQuery;

/** @brief One row of `reservations`, with the concert and date it is for. */
struct ReservationRow
{
    Reservation reservation; ///< status as stored (a HELD row may be past heldUntil)
    qint64 concertDateId = 0;
    qint64 queueTokenId = 0;
};

/**
 * @brief SQL of holds: `reservations` and the seat rows they hold or bought.
 * Every method throws DbFailure on a database error (caught by Database).
 */
class ReservationRepository
{
public:
    explicit ReservationRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Inserts a HELD reservation; returns its id. @p queueTokenId 0: a counter sale. */
    qint64 insertHold(const Reservation &reservation, qint64 concertDateId, qint64 queueTokenId,
                      const QDateTime &now);
    /**
     * @brief Marks @p seatNumbers (ascending) HELD by @p reservationId until @p heldUntil, but
     * only those AVAILABLE or held past their expiry at @p now, and only while the date's
     * stored price is @p price (KRW; a shared lock on the date row, so a price change waits
     * for the hold and then finds its seat HELD). Rows are locked in ascending seat order
     * (primary key scan). @return how many seats were taken: 0 also when the price differs.
     */
    int takeSeats(qint64 concertDateId, const QList<int> &seatNumbers, qint64 reservationId,
                  const QDateTime &heldUntil, const QDateTime &now, qint64 price);
    /** @brief Sets the amount (KRW) of a reservation inserted in this transaction. */
    void setAmount(qint64 reservationId, qint64 amount);
    /**
     * @brief Seats of concert @p concertId (all its dates) that @p userId holds (a hold live at
     * @p now) or bought (SOLD): what `--max-seats-per-user` counts (api-contract.md, "Limits at
     * the edge").
     */
    int seatsOwned(const QString &userId, qint64 concertId, const QDateTime &now);
    std::optional<ReservationRow> find(qint64 reservationId);
    /** @brief The row, locked (FOR UPDATE) until the transaction ends. */
    std::optional<ReservationRow> lock(qint64 reservationId);
    /** @brief The reservation's HELD seats become SOLD (locked in ascending order); returns how
     * many. */
    int sellSeats(qint64 concertDateId, const QList<int> &seatNumbers, qint64 reservationId);
    void confirm(qint64 reservationId);
    /**
     * @brief Persists what time already decided: seats HELD past their held_until become
     * AVAILABLE (the reservations were expired by expireOverdueHolds() first). Returns seats freed.
     */
    int releaseOverdueHolds(const QDateTime &now);
    /**
     * @brief In the caller's transaction: up to @p limit HELD reservations past heldUntil at
     * @p now, locked (FOR UPDATE SKIP LOCKED: one a payment holds is left for later), become
     * EXPIRED. @return them, status EXPIRED (for the outbox's reservation.expired events).
     */
    QList<Reservation> expireOverdueHolds(const QDateTime &now, int limit);
    /**
     * @brief The reservation's seats in @p status ("HELD" or "SOLD") become AVAILABLE (seat rows
     * locked in ascending order); returns how many.
     */
    int freeSeats(qint64 concertDateId, qint64 reservationId, const QString &status);
    /** @brief Sets the stored status (e.g. "RELEASED", "CANCELLED"). */
    void setStatus(qint64 reservationId, ReservationStatus status);

    /**
     * @brief Releases a HELD reservation (api-contract.md, "Reservations: release"): it becomes
     * RELEASED and the seats it holds AVAILABLE.
     */
    void release(qint64 reservationId);
    /**
     * @brief The HELD reservations made with the queue token (leaving the queue), locked
     * (FOR UPDATE) until the transaction ends, by id; rows past heldUntil included (status as
     * stored).
     */
    QList<ReservationRow> lockHeldOfToken(qint64 queueTokenId);

private:
    std::optional<ReservationRow> select(qint64 reservationId, bool forUpdate);
    static ReservationRow readRow(const QSqlQuery &query);

    DbSession &m_session;
};
