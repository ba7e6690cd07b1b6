#pragma once

#include "concert.h"
#include "seat.h"

#include <QDate>
#include <QDateTime>

#include <optional>

class DbSession;

/** @brief A date of a concert as the reservation rules need it. */
struct DateRef
{
    qint64 concertDateId = 0;
    qint64 concertId = 0;
    QDate date;
    qint64 price = 0; ///< KRW per seat
};

/**
 * @brief SQL of the catalogue: `concerts` and `concert_dates` (seat maps: SeatMapRepository).
 * Every method throws DbFailure on a database error (caught by Database).
 */
class CatalogRepository
{
public:
    explicit CatalogRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Page @p page (1-based) of @p size concerts by id, and the total count. */
    ConcertPage listConcerts(int page, int size);
    bool concertExists(qint64 concertId);
    qint64 concertCount();
    std::optional<DateRef> findDate(qint64 concertId, QDate date);
    /** @brief Inserts the concert, its dates and 50 AVAILABLE seats per date; returns its id. */
    qint64 createConcert(const ConcertDefinition &definition);

private:
    DbSession &m_session;
};
