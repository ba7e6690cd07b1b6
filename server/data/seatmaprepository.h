#pragma once

#include "data/catalogrepository.h"
#include "seat.h"

#include <QDateTime>
#include <QList>

class DbSession;

/** @brief One row of `seats` as the in-memory seat maps keep it. */
struct SeatRow
{
    qint64 concertDateId = 0;
    int seatNumber = 0; ///< 1..50
    SeatStatus status = SeatStatus::Available; ///< as stored: a HELD row may be past heldUntil
    QDateTime heldUntil; ///< UTC; invalid unless HELD
};

/**
 * @brief SQL behind the in-memory seat maps (SeatMapCache): the dates of a concert, the seats of
 * a date, and the seats changed since a moment (index `ix_seats_updated_at`, migration 006).
 * Every method throws DbFailure on a database error (caught by Database).
 */
class SeatMapRepository
{
public:
    explicit SeatMapRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Every date of @p concertId (past ones too), ascending by date; empty if none. */
    QList<DateRef> datesOfConcert(qint64 concertId);
    /** @brief The 50 rows of a date (primary-key range). */
    QList<SeatRow> seats(qint64 concertDateId);
    /**
     * @brief Rows whose `updated_at` is at or after @p since (UTC), of the dates with ids
     * @p firstDateId..@p lastDateId (the range the caller keeps; others are not sent).
     */
    QList<SeatRow> changedSince(const QDateTime &since, qint64 firstDateId, qint64 lastDateId);

private:
    QList<SeatRow> readRows(const QString &sql, const QVariantList &values);

    DbSession &m_session;
};
