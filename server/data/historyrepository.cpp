#include "data/historyrepository.h"

#include "data/database.h"

#include <QSqlQuery>

HistoryPage HistoryRepository::page(const QString &userId, qint64 offset, int limit)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT r.id, r.user_id, d.concert_id, d.show_date, r.seat_numbers, r.amount, "
            "r.status, r.held_until, p.id, COUNT(*) OVER () "
            "FROM reservations r FORCE INDEX (ix_reservations_user_created) "
            "JOIN concert_dates d ON d.id = r.concert_date_id "
            "LEFT JOIN payments p ON p.reservation_id = r.id "
            "WHERE r.user_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?"),
        {userId, limit, offset});
    HistoryPage result;
    while (query.next()) {
        HistoryRow row;
        Reservation &r = row.reservation;
        r.reservationId = query.value(0).toLongLong();
        r.userId = query.value(1).toString();
        r.concertId = query.value(2).toLongLong();
        r.date = query.value(3).toDate();
        for (const QString &n : query.value(4).toString().split(u',', Qt::SkipEmptyParts))
            r.seatNumbers.append(n.toInt());
        r.amount = query.value(5).toLongLong();
        row.storedStatus = query.value(6).toString();
        r.status = reservationStatusFromName(row.storedStatus).value_or(ReservationStatus::Expired);
        r.heldUntil = Database::fromSqlTime(query.value(7));
        if (!query.value(8).isNull())
            row.paymentId = query.value(8).toLongLong();
        result.total = query.value(9).toLongLong();
        result.rows.append(row);
    }
    if (result.rows.isEmpty() && offset > 0) {
        // Past the end: the window had no row to ride on.
        QSqlQuery &count = m_session.run(
            QStringLiteral("SELECT COUNT(*) FROM reservations WHERE user_id = ?"), {userId});
        result.total = count.next() ? count.value(0).toLongLong() : 0;
    }
    return result;
}
