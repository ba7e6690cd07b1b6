#include "data/reservationrepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i)
        marks << QStringLiteral("?");
    return marks.join(QLatin1String(", "));
}

QString joinNumbers(const QList<int> &numbers)
{
    QStringList parts;
    for (int n : numbers)
        parts << QString::number(n);
    return parts.join(u',');
}

} // namespace

qint64 ReservationRepository::insertHold(const Reservation &reservation, qint64 concertDateId,
                                         qint64 queueTokenId, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("INSERT INTO reservations (user_id, queue_token_id, concert_date_id, "
                       "seat_numbers, amount, status, held_until, created_at) "
                       "VALUES (?, ?, ?, ?, ?, 'HELD', ?, ?)"),
        {reservation.userId,
         queueTokenId > 0 ? QVariant(queueTokenId) : QVariant(QMetaType(QMetaType::LongLong)),
         concertDateId, joinNumbers(reservation.seatNumbers), reservation.amount,
         Database::toSqlTime(reservation.heldUntil), Database::toSqlTime(now)});
    return query.lastInsertId().toLongLong();
}

int ReservationRepository::takeSeats(qint64 concertDateId, const QList<int> &seatNumbers,
                                     qint64 reservationId, const QDateTime &heldUntil,
                                     const QDateTime &now, qint64 price)
{
    QVariantList values{reservationId, Database::toSqlTime(heldUntil), concertDateId};
    for (int n : seatNumbers)
        values << n;
    values << Database::toSqlTime(now) << concertDateId << price;
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE seats SET status = 'HELD', reservation_id = ?, held_until = ? "
                       "WHERE concert_date_id = ? AND seat_number IN (%1) "
                       "AND (status = 'AVAILABLE' OR (status = 'HELD' AND held_until <= ?)) "
                       "AND (SELECT price FROM concert_dates WHERE id = ?) = ? "
                       "ORDER BY seat_number")
            .arg(placeholders(seatNumbers.size())),
        values);
    return DbSession::rowsAffected(query);
}

void ReservationRepository::setAmount(qint64 reservationId, qint64 amount)
{
    m_session.run(QStringLiteral("UPDATE reservations SET amount = ? WHERE id = ?"),
                  {amount, reservationId});
}

int ReservationRepository::seatsOwned(const QString &userId, qint64 concertId, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT COUNT(*) FROM reservations r "
                       "JOIN concert_dates d ON d.id = r.concert_date_id "
                       "JOIN seats s ON s.reservation_id = r.id "
                       "WHERE r.user_id = ? AND d.concert_id = ? "
                       "AND (s.status = 'SOLD' OR (s.status = 'HELD' AND s.held_until > ?))"),
        {userId, concertId, Database::toSqlTime(now)});
    return query.next() ? query.value(0).toInt() : 0;
}

std::optional<ReservationRow> ReservationRepository::select(qint64 reservationId, bool forUpdate)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT r.id, r.user_id, d.concert_id, d.show_date, r.seat_numbers, r.amount, "
            "r.status, r.held_until, r.concert_date_id, r.queue_token_id "
            "FROM reservations r JOIN concert_dates d ON d.id = r.concert_date_id "
            "WHERE r.id = ?%1")
            .arg(forUpdate ? QStringLiteral(" FOR UPDATE") : QString()),
        {reservationId});
    if (!query.next())
        return std::nullopt;
    return readRow(query);
}

ReservationRow ReservationRepository::readRow(const QSqlQuery &query)
{
    ReservationRow row;
    Reservation &r = row.reservation;
    r.reservationId = query.value(0).toLongLong();
    r.userId = query.value(1).toString();
    r.concertId = query.value(2).toLongLong();
    r.date = query.value(3).toDate();
    for (const QString &n : query.value(4).toString().split(u',', Qt::SkipEmptyParts))
        r.seatNumbers.append(n.toInt());
    r.amount = query.value(5).toLongLong();
    r.status =
        reservationStatusFromName(query.value(6).toString()).value_or(ReservationStatus::Expired);
    r.heldUntil = Database::fromSqlTime(query.value(7));
    row.concertDateId = query.value(8).toLongLong();
    row.queueTokenId = query.value(9).toLongLong();
    return row;
}

std::optional<ReservationRow> ReservationRepository::find(qint64 reservationId)
{
    return select(reservationId, false);
}

std::optional<ReservationRow> ReservationRepository::lock(qint64 reservationId)
{
    return select(reservationId, true);
}

int ReservationRepository::sellSeats(qint64 concertDateId, const QList<int> &seatNumbers,
                                     qint64 reservationId)
{
    QVariantList values{concertDateId};
    for (int n : seatNumbers)
        values << n;
    values << reservationId;
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE seats SET status = 'SOLD', held_until = NULL "
                       "WHERE concert_date_id = ? AND seat_number IN (%1) AND reservation_id = ? "
                       "AND status = 'HELD' ORDER BY seat_number")
            .arg(placeholders(seatNumbers.size())),
        values);
    return DbSession::rowsAffected(query);
}

void ReservationRepository::confirm(qint64 reservationId)
{
    m_session.run(QStringLiteral("UPDATE reservations SET status = 'CONFIRMED' WHERE id = ?"),
                  {reservationId});
}

int ReservationRepository::releaseOverdueHolds(const QDateTime &now)
{
    // The reservations themselves became EXPIRED in expireOverdueHolds(), with their events.
    const QString at = Database::toSqlTime(now);
    QSqlQuery &seats = m_session.run(
        QStringLiteral(
            "UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL "
            "WHERE status = 'HELD' AND held_until <= ?"),
        {at});
    return DbSession::rowsAffected(seats);
}

QList<Reservation> ReservationRepository::expireOverdueHolds(const QDateTime &now, int limit)
{
    // Only the reservation rows are locked: a lock on concert_dates would hold up new holds.
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, user_id, concert_date_id, seat_numbers, amount, held_until "
                       "FROM reservations WHERE status = 'HELD' AND held_until <= ? "
                       "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"),
        {Database::toSqlTime(now), limit});
    QList<Reservation> expired;
    QList<qint64> dateIds;
    QStringList ids;
    while (query.next()) {
        Reservation r;
        r.reservationId = query.value(0).toLongLong();
        r.userId = query.value(1).toString();
        dateIds << query.value(2).toLongLong();
        for (const QString &n : query.value(3).toString().split(u',', Qt::SkipEmptyParts))
            r.seatNumbers.append(n.toInt());
        r.amount = query.value(4).toLongLong();
        r.status = ReservationStatus::Expired;
        r.heldUntil = Database::fromSqlTime(query.value(5));
        expired.append(r);
        ids << QString::number(r.reservationId);
    }
    if (ids.isEmpty())
        return expired;
    m_session.run(QStringLiteral("UPDATE reservations SET status = 'EXPIRED' WHERE id IN (%1)")
                      .arg(ids.join(u',')));
    QStringList dateList;
    for (qint64 id : dateIds)
        dateList << QString::number(id);
    QSqlQuery &dates = m_session.run(
        QStringLiteral("SELECT id, concert_id, show_date FROM concert_dates WHERE id IN (%1)")
            .arg(dateList.join(u',')));
    QHash<qint64, QPair<qint64, QDate>> byId;
    while (dates.next())
        byId.insert(dates.value(0).toLongLong(),
                    {dates.value(1).toLongLong(), dates.value(2).toDate()});
    for (qsizetype i = 0; i < expired.size(); ++i) {
        const auto date = byId.value(dateIds.at(i));
        expired[i].concertId = date.first;
        expired[i].date = date.second;
    }
    return expired;
}

int ReservationRepository::freeSeats(qint64 concertDateId, qint64 reservationId,
                                     const QString &status)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, held_until = NULL "
            "WHERE concert_date_id = ? AND reservation_id = ? AND status = ? "
            "ORDER BY seat_number"),
        {concertDateId, reservationId, status});
    return DbSession::rowsAffected(query);
}

void ReservationRepository::setStatus(qint64 reservationId, ReservationStatus status)
{
    m_session.run(QStringLiteral("UPDATE reservations SET status = ? WHERE id = ?"),
                  {reservationStatusName(status), reservationId});
}
void ReservationRepository::release(qint64 reservationId)
{
    m_session.run(QStringLiteral("UPDATE seats SET status = 'AVAILABLE', reservation_id = NULL, "
                                 "held_until = NULL WHERE reservation_id = ? AND status = 'HELD'"),
                  {reservationId});
    m_session.run(QStringLiteral("UPDATE reservations SET status = 'RELEASED' WHERE id = ? "
                                 "AND status = 'HELD'"),
                  {reservationId});
}

QList<ReservationRow> ReservationRepository::lockHeldOfToken(qint64 queueTokenId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT r.id, r.user_id, d.concert_id, d.show_date, r.seat_numbers, r.amount, "
            "r.status, r.held_until, r.concert_date_id, r.queue_token_id "
            "FROM reservations r JOIN concert_dates d ON d.id = r.concert_date_id "
            "WHERE r.queue_token_id = ? AND r.status = 'HELD' ORDER BY r.id FOR UPDATE"),
        {queueTokenId});
    QList<ReservationRow> rows;
    while (query.next())
        rows.append(readRow(query));
    return rows;
}
