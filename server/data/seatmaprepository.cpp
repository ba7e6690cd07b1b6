#include "data/seatmaprepository.h"

#include "data/database.h"

#include <QSqlQuery>

QList<DateRef> SeatMapRepository::datesOfConcert(qint64 concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, show_date, price FROM concert_dates WHERE concert_id = ? "
                       "ORDER BY show_date"),
        {concertId});
    QList<DateRef> dates;
    while (query.next())
        dates.append(DateRef{query.value(0).toLongLong(), concertId, query.value(1).toDate(),
                             query.value(2).toLongLong()});
    return dates;
}

QList<SeatRow> SeatMapRepository::seats(qint64 concertDateId)
{
    return readRows(QStringLiteral("SELECT concert_date_id, seat_number, status, held_until "
                                   "FROM seats WHERE concert_date_id = ?"),
                    {concertDateId});
}

QList<SeatRow> SeatMapRepository::changedSince(const QDateTime &since, qint64 firstDateId,
                                               qint64 lastDateId)
{
    return readRows(
        QStringLiteral("SELECT concert_date_id, seat_number, status, held_until FROM seats "
                       "WHERE updated_at >= ? AND concert_date_id BETWEEN ? AND ?"),
        {Database::toSqlTime(since), firstDateId, lastDateId});
}

QList<SeatRow> SeatMapRepository::readRows(const QString &sql, const QVariantList &values)
{
    QSqlQuery &query = m_session.run(sql, values);
    QList<SeatRow> rows;
    while (query.next())
        rows.append(
            SeatRow{query.value(0).toLongLong(), query.value(1).toInt(),
                    seatStatusFromName(query.value(2).toString()).value_or(SeatStatus::Sold),
                    Database::fromSqlTime(query.value(3))});
    return rows;
}
