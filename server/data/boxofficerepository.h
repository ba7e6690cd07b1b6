#pragma once

#include "concert.h"
#include "reservation.h"

#include <QDate>
#include <QDateTime>
#include <QList>

#include <optional>

class DbSession;

/** @brief Seat counts of one date at one moment (holds past their expiry count as available). */
struct DateSalesRow
{
    QDate date;
    qint64 price = 0;
    qint64 available = 0;
    qint64 held = 0;
    qint64 sold = 0;
};

/**
 * @brief SQL the box office needs beyond the customer's tables: new dates, sales counts, a
 * customer's newest reservations, check-ins, queue figures. Throws DbFailure on errors.
 */
class BoxOfficeRepository
{
public:
    explicit BoxOfficeRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Title and venue of the concert; std::nullopt when there is none. */
    std::optional<ConcertDefinition> concert(qint64 concertId);
    /** @brief The concert's dates and prices, ascending; the row of `concerts` locked. */
    QList<DatePrice> datesLocked(qint64 concertId);
    /** @brief Inserts a date and its 50 AVAILABLE seats. Throws 1062 for an existing date. */
    void insertDate(qint64 concertId, const DatePrice &date);
    /** @brief Per date, ascending: available / held / sold at @p now. */
    QList<DateSalesRow> sales(qint64 concertId, const QDateTime &now);
    /** @brief The user's newest @p limit reservations (status as stored), newest first. */
    QList<Reservation> newestReservations(const QString &userId, int limit);
    /**
     * @brief Records the ticket's first check-in unless one exists (the primary key decides,
     * also between instances). @return true when this call made the first one.
     */
    bool insertFirstCheckIn(qint64 reservationId, const QDateTime &at, const QString &keyName);
    /** @brief When the ticket was first checked in (invalid if never). */
    QDateTime firstCheckIn(qint64 reservationId);

private:
    DbSession &m_session;
};
