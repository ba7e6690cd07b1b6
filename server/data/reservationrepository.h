#pragma once

#include "reservation.h"

#include <QDateTime>
#include <QList>

#include <optional>

class DbSession;

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
     * only those AVAILABLE or held past their expiry at @p now. Rows are locked in ascending
     * seat order (primary key scan). @return how many seats were taken.
     */
    int takeSeats(qint64 concertDateId, const QList<int> &seatNumbers, qint64 reservationId,
                  const QDateTime &heldUntil, const QDateTime &now);
    std::optional<ReservationRow> find(qint64 reservationId);
    /** @brief The row, locked (FOR UPDATE) until the transaction ends. */
    std::optional<ReservationRow> lock(qint64 reservationId);
    /** @brief The reservation's HELD seats become SOLD (locked in ascending order); returns how
     * many. */
    int sellSeats(qint64 concertDateId, const QList<int> &seatNumbers, qint64 reservationId);
    void confirm(qint64 reservationId);
    /**
     * @brief Persists what time already decided: HELD reservations past heldUntil become
     * EXPIRED and their seats AVAILABLE. Each statement commits by itself. Returns seats freed.
     */
    int releaseOverdueHolds(const QDateTime &now);
    /**
     * @brief The reservation's seats in @p status ("HELD" or "SOLD") become AVAILABLE (seat rows
     * locked in ascending order); returns how many.
     */
    int freeSeats(qint64 concertDateId, qint64 reservationId, const QString &status);
    /** @brief Sets the stored status (e.g. "RELEASED", "CANCELLED"). */
    void setStatus(qint64 reservationId, ReservationStatus status);

private:
    std::optional<ReservationRow> select(qint64 reservationId, bool forUpdate);

    DbSession &m_session;
};
