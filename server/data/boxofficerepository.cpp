#include "data/boxofficerepository.h"

#include "data/database.h"
#include "jsonfields.h"

#include <QSqlQuery>

std::optional<ConcertDefinition> BoxOfficeRepository::concert(qint64 concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, title, venue FROM concerts WHERE id = ?"), {concertId});
    if (!query.next())
        return std::nullopt;
    return ConcertDefinition{
        query.value(0).toLongLong(), query.value(1).toString(), query.value(2).toString(), {}};
}

QList<DatePrice> BoxOfficeRepository::datesLocked(qint64 concertId)
{
    // The concert row first: two staff adding dates to one concert at once take turns.
    m_session.run(QStringLiteral("SELECT id FROM concerts WHERE id = ? FOR UPDATE"), {concertId});
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT show_date, price FROM concert_dates WHERE concert_id = ? ORDER BY show_date"),
        {concertId});
    QList<DatePrice> dates;
    while (query.next())
        dates.append(DatePrice{query.value(0).toDate(), query.value(1).toLongLong()});
    return dates;
}

void BoxOfficeRepository::insertDate(qint64 concertId, const DatePrice &date)
{
    QSqlQuery &insert = m_session.run(
        QStringLiteral("INSERT INTO concert_dates (concert_id, show_date, price) VALUES (?, ?, ?)"),
        {concertId, JsonFields::formatDate(date.date), date.price});
    const qint64 dateId = insert.lastInsertId().toLongLong();
    // seq_1_to_50 comes from MariaDB's built-in Sequence engine (as CatalogRepository).
    m_session.run(QStringLiteral("INSERT INTO seats (concert_date_id, seat_number) "
                                 "SELECT ?, seq FROM seq_1_to_50"),
                  {dateId});
}

QList<DateSalesRow> BoxOfficeRepository::sales(qint64 concertId, const QDateTime &now)
{
    const QString at = Database::toSqlTime(now);
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT d.show_date, d.price, "
            " SUM(s.status = 'AVAILABLE' OR (s.status = 'HELD' AND s.held_until <= ?)), "
            " SUM(s.status = 'HELD' AND s.held_until > ?), SUM(s.status = 'SOLD') "
            "FROM concert_dates d JOIN seats s ON s.concert_date_id = d.id "
            "WHERE d.concert_id = ? GROUP BY d.id, d.show_date, d.price ORDER BY d.show_date"),
        {at, at, concertId});
    QList<DateSalesRow> rows;
    while (query.next())
        rows.append(DateSalesRow{query.value(0).toDate(), query.value(1).toLongLong(),
                                 query.value(2).toLongLong(), query.value(3).toLongLong(),
                                 query.value(4).toLongLong()});
    return rows;
}

QList<Reservation> BoxOfficeRepository::newestReservations(const QString &userId, int limit)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT r.id, r.user_id, d.concert_id, d.show_date, r.seat_numbers, "
                       "r.amount, r.status, r.held_until "
                       "FROM reservations r JOIN concert_dates d ON d.id = r.concert_date_id "
                       "WHERE r.user_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?"),
        {userId, limit});
    QList<Reservation> list;
    while (query.next()) {
        Reservation r;
        r.reservationId = query.value(0).toLongLong();
        r.userId = query.value(1).toString();
        r.concertId = query.value(2).toLongLong();
        r.date = query.value(3).toDate();
        for (const QString &n : query.value(4).toString().split(u',', Qt::SkipEmptyParts))
            r.seatNumbers.append(n.toInt());
        r.amount = query.value(5).toLongLong();
        r.status = reservationStatusFromName(query.value(6).toString())
                       .value_or(ReservationStatus::Expired);
        r.heldUntil = Database::fromSqlTime(query.value(7));
        list.append(r);
    }
    return list;
}

bool BoxOfficeRepository::insertFirstCheckIn(qint64 reservationId, const QDateTime &at,
                                             const QString &keyName)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("INSERT IGNORE INTO ticket_checkins (reservation_id, checked_in_at, "
                       "key_name) VALUES (?, ?, ?)"),
        {reservationId, Database::toSqlTime(at), keyName});
    return DbSession::rowsAffected(query) == 1;
}

QDateTime BoxOfficeRepository::firstCheckIn(qint64 reservationId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT checked_in_at FROM ticket_checkins WHERE reservation_id = ?"),
        {reservationId});
    return query.next() ? Database::fromSqlTime(query.value(0)) : QDateTime();
}
