#include "data/catalogrepository.h"

#include "data/database.h"
#include "jsonfields.h"

#include <QSqlQuery>

ConcertPage CatalogRepository::listConcerts(int page, int size)
{
    ConcertPage result;
    result.page = page;
    result.size = size;
    QSqlQuery &count = m_session.run(QStringLiteral("SELECT COUNT(*) FROM concerts"));
    result.total = count.next() ? count.value(0).toLongLong() : 0;
    const qint64 offset = qint64(page - 1) * size;
    if (offset >= result.total)
        return result;
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, title, venue FROM concerts ORDER BY id LIMIT ? OFFSET ?"),
        {size, offset});
    while (query.next())
        result.items.append(Concert{query.value(0).toLongLong(), query.value(1).toString(),
                                    query.value(2).toString()});
    return result;
}

bool CatalogRepository::concertExists(qint64 concertId)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT 1 FROM concerts WHERE id = ?"), {concertId});
    return query.next();
}

qint64 CatalogRepository::concertCount()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT COUNT(*) FROM concerts"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

QList<ConcertDate> CatalogRepository::bookableDates(qint64 concertId, QDate today,
                                                    const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT d.show_date, d.price, COUNT(*) FROM concert_dates d "
                       "JOIN seats s ON s.concert_date_id = d.id "
                       " AND (s.status = 'AVAILABLE' OR (s.status = 'HELD' AND s.held_until <= ?)) "
                       "WHERE d.concert_id = ? AND d.show_date >= ? "
                       "GROUP BY d.id, d.show_date, d.price ORDER BY d.show_date"),
        {Database::toSqlTime(now), concertId, JsonFields::formatDate(today)});
    QList<ConcertDate> dates;
    while (query.next())
        dates.append(ConcertDate{query.value(0).toDate(), query.value(2).toInt(),
                                 query.value(1).toLongLong()});
    return dates;
}

std::optional<DateRef> CatalogRepository::findDate(qint64 concertId, QDate date)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT id, price FROM concert_dates WHERE concert_id = ? AND show_date = ?"),
        {concertId, JsonFields::formatDate(date)});
    if (!query.next())
        return std::nullopt;
    return DateRef{query.value(0).toLongLong(), concertId, date, query.value(1).toLongLong()};
}

QList<Seat> CatalogRepository::seatMap(qint64 concertDateId, qint64 price, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT seat_number, IF(status = 'HELD' AND held_until <= ?, 'AVAILABLE', status) "
            "FROM seats WHERE concert_date_id = ? ORDER BY seat_number"),
        {Database::toSqlTime(now), concertDateId});
    QList<Seat> seats;
    seats.reserve(kSeatsPerDate);
    while (query.next())
        seats.append(Seat{query.value(0).toInt(),
                          seatStatusFromName(query.value(1).toString()).value_or(SeatStatus::Sold),
                          price});
    return seats;
}

qint64 CatalogRepository::createConcert(const ConcertDefinition &definition)
{
    QSqlQuery &concert =
        m_session.run(QStringLiteral("INSERT INTO concerts (title, venue) VALUES (?, ?)"),
                      {definition.title, definition.venue});
    const qint64 concertId = concert.lastInsertId().toLongLong();
    for (const DatePrice &date : definition.dates) {
        QSqlQuery &insertDate = m_session.run(
            QStringLiteral(
                "INSERT INTO concert_dates (concert_id, show_date, price) VALUES (?, ?, ?)"),
            {concertId, JsonFields::formatDate(date.date), date.price});
        const qint64 dateId = insertDate.lastInsertId().toLongLong();
        // seq_1_to_50 comes from MariaDB's built-in Sequence engine.
        m_session.run(QStringLiteral("INSERT INTO seats (concert_date_id, seat_number) "
                                     "SELECT ?, seq FROM seq_1_to_50"),
                      {dateId});
    }
    return concertId;
}
