#include "data/roomrepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

const QString kRoomColumns = QStringLiteral(
    "id, sale_opens_at, queue_capacity, admit_per_minute, queue_paused, queue_sold_out, "
    "drawn_at IS NOT NULL");

RoomRow roomFrom(const QSqlQuery &query, int first)
{
    RoomRow room;
    room.concertId = query.value(first).toLongLong();
    const QDateTime opens = Database::fromSqlTime(query.value(first + 1));
    if (opens.isValid())
        room.saleOpensAt = opens;
    if (!query.value(first + 2).isNull())
        room.capacity = query.value(first + 2).toInt();
    room.admitPerMinute = query.value(first + 3).toInt();
    room.paused = query.value(first + 4).toInt() != 0;
    room.soldOut = query.value(first + 5).toInt() != 0;
    room.drawn = query.value(first + 6).toInt() != 0;
    return room;
}

} // namespace

QHash<qint64, RoomRow> RoomRepository::rooms()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT %1 FROM concerts").arg(kRoomColumns));
    QHash<qint64, RoomRow> rooms;
    while (query.next()) {
        RoomRow room = roomFrom(query, 0);
        rooms.insert(room.concertId, room);
    }
    return rooms;
}

QHash<qint64, RoomRow> RoomRepository::roomsChangedSince(const QDateTime &since)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM concerts WHERE changed_at >= ?").arg(kRoomColumns),
        {Database::toSqlTime(since)});
    QHash<qint64, RoomRow> rooms;
    while (query.next()) {
        RoomRow room = roomFrom(query, 0);
        rooms.insert(room.concertId, room);
    }
    return rooms;
}

std::optional<RoomRow> RoomRepository::room(qint64 concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM concerts WHERE id = ?").arg(kRoomColumns), {concertId});
    if (!query.next())
        return std::nullopt;
    return roomFrom(query, 0);
}

std::optional<ConcertAdminRow> RoomRepository::concert(qint64 concertId, bool forUpdate)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT title, venue, %1 FROM concerts WHERE id = ?%2")
                          .arg(kRoomColumns, forUpdate ? QStringLiteral(" FOR UPDATE") : QString()),
                      {concertId});
    if (!query.next())
        return std::nullopt;
    ConcertAdminRow row;
    row.id = concertId;
    row.title = query.value(0).toString();
    row.venue = query.value(1).toString();
    row.room = roomFrom(query, 2);
    QSqlQuery &dates = m_session.run(
        QStringLiteral(
            "SELECT show_date, price FROM concert_dates WHERE concert_id = ? ORDER BY show_date"),
        {concertId});
    while (dates.next())
        row.dates.append(DatePrice{dates.value(0).toDate(), dates.value(1).toLongLong()});
    return row;
}

void RoomRepository::update(qint64 concertId, const ConcertPatch &patch)
{
    if (patch.title)
        m_session.run(QStringLiteral("UPDATE concerts SET title = ? WHERE id = ?"),
                      {*patch.title, concertId});
    if (patch.venue)
        m_session.run(QStringLiteral("UPDATE concerts SET venue = ? WHERE id = ?"),
                      {*patch.venue, concertId});
    if (patch.setSaleOpensAt)
        // A new opening time means a new draw at that time.
        m_session.run(
            QStringLiteral("UPDATE concerts SET sale_opens_at = ?, drawn_at = NULL WHERE id = ?"),
            {patch.saleOpensAt ? QVariant(Database::toSqlTime(*patch.saleOpensAt))
                               : QVariant(QMetaType::fromType<QString>()),
             concertId});
    if (patch.capacity)
        m_session.run(QStringLiteral("UPDATE concerts SET queue_capacity = ? WHERE id = ?"),
                      {*patch.capacity, concertId});
    if (patch.admitPerMinute)
        m_session.run(QStringLiteral("UPDATE concerts SET admit_per_minute = ? WHERE id = ?"),
                      {*patch.admitPerMinute, concertId});
    if (patch.paused)
        m_session.run(QStringLiteral("UPDATE concerts SET queue_paused = ? WHERE id = ?"),
                      {*patch.paused ? 1 : 0, concertId});
}

int RoomRepository::takenSeats(qint64 concertId, QDate date, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT d.id, (SELECT COUNT(*) FROM seats s WHERE s.concert_date_id = d.id "
                       "AND (s.status = 'SOLD' OR (s.status = 'HELD' AND s.held_until > ?))) "
                       "FROM concert_dates d WHERE d.concert_id = ? AND d.show_date = ? "
                       "FOR UPDATE"),
        {Database::toSqlTime(now), concertId, date});
    if (!query.next())
        return -1;
    return query.value(1).toInt();
}

void RoomRepository::setPrice(qint64 concertId, QDate date, qint64 price)
{
    m_session.run(
        QStringLiteral("UPDATE concert_dates SET price = ? WHERE concert_id = ? AND show_date = ?"),
        {price, concertId, date});
}

std::optional<qint64> RoomRepository::price(qint64 concertDateId)
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT price FROM concert_dates WHERE id = ?"),
                                     {concertDateId});
    if (!query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

bool RoomRepository::computeSoldOut(qint64 concertId)
{
    // Stops at the first seat not SOLD; a concert without seats is not sold out.
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT EXISTS (SELECT 1 FROM concert_dates d JOIN seats s ON s.concert_date_id = d.id "
            "WHERE d.concert_id = ?), "
            "EXISTS (SELECT 1 FROM concert_dates d JOIN seats s ON s.concert_date_id = d.id "
            "WHERE d.concert_id = ? AND s.status <> 'SOLD')"),
        {concertId, concertId});
    if (!query.next())
        return false;
    return query.value(0).toInt() == 1 && query.value(1).toInt() == 0;
}

void RoomRepository::setSoldOut(qint64 concertId, bool soldOut)
{
    m_session.run(QStringLiteral("UPDATE concerts SET queue_sold_out = ? WHERE id = ?"),
                  {soldOut ? 1 : 0, concertId});
}

void RoomRepository::markDrawn(qint64 concertId, const QDateTime &at)
{
    m_session.run(QStringLiteral("UPDATE concerts SET drawn_at = ? WHERE id = ?"),
                  {Database::toSqlTime(at), concertId});
}
