#include "data/queuerepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

QueueTokenRow rowFrom(const QSqlQuery &query)
{
    QueueTokenRow row{query.value(0).toLongLong(), query.value(1).toString(),
                      tokenStatusFromName(query.value(2).toString()).value_or(TokenStatus::Expired),
                      Database::fromSqlTime(query.value(3))};
    if (!query.value(4).isNull())
        row.concertId = query.value(4).toLongLong();
    row.reason = query.value(5).toString();
    row.prequeue = query.value(6).toInt() != 0;
    return row;
}

const QString kColumns =
    QStringLiteral("id, user_id, status, expires_at, concert_id, reason, prequeue");

QVariant roomOf(std::optional<qint64> concertId)
{
    return concertId.value_or(0);
}

QVariant nullable(std::optional<qint64> value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

} // namespace

std::optional<QueueTokenRow> QueueRepository::insertWaiting(const QString &userId,
                                                            std::optional<qint64> concertId,
                                                            const QDateTime &now, bool prequeue,
                                                            const QDateTime &seenFrom)
{
    try {
        QSqlQuery &insert = m_session.run(
            QStringLiteral("INSERT INTO queue_tokens (user_id, status, issued_at, concert_id, "
                           "prequeue, last_seen_at) VALUES (?, 'WAITING', ?, ?, ?, ?)"),
            {userId, Database::toSqlTime(now), nullable(concertId), prequeue ? 1 : 0,
             Database::toSqlTime(seenFrom)});
        QueueTokenRow row{insert.lastInsertId().toLongLong(), userId, TokenStatus::Waiting, {}};
        row.concertId = concertId;
        row.prequeue = prequeue;
        return row;
    } catch (const DbFailure &failure) {
        if (failure.nativeCode == MariaDbError::DuplicateKey)
            return std::nullopt;
        throw;
    }
}

void QueueRepository::expireOverdueOf(const QString &userId, std::optional<qint64> concertId,
                                      const QDateTime &now)
{
    m_session.run(QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED', reason = "
                                 "'TIMED_OUT', ended_at = ? WHERE live_user_id = ? AND room_id = ? "
                                 "AND status = 'ACTIVE' AND expires_at <= ?"),
                  {Database::toSqlTime(now), userId, roomOf(concertId), Database::toSqlTime(now)});
}

std::optional<QueueTokenRow> QueueRepository::findLive(const QString &userId,
                                                       std::optional<qint64> concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM queue_tokens WHERE live_user_id = ? AND room_id = ?")
            .arg(kColumns),
        {userId, roomOf(concertId)});
    if (!query.next())
        return std::nullopt;
    return rowFrom(query);
}

std::optional<QueueTokenRow> QueueRepository::find(qint64 tokenId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM queue_tokens WHERE id = ?").arg(kColumns), {tokenId});
    if (!query.next())
        return std::nullopt;
    return rowFrom(query);
}

std::optional<QueueTokenRow> QueueRepository::lock(qint64 tokenId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM queue_tokens WHERE id = ? FOR UPDATE").arg(kColumns),
        {tokenId});
    if (!query.next())
        return std::nullopt;
    return rowFrom(query);
}

bool QueueRepository::extendActive(qint64 tokenId, const QDateTime &until, const QDateTime &now)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("UPDATE queue_tokens SET expires_at = GREATEST(expires_at, ?) "
                                     "WHERE id = ? AND status = 'ACTIVE' AND expires_at > ?"),
                      {Database::toSqlTime(until), tokenId, Database::toSqlTime(now)});
    return DbSession::rowsAffected(query) == 1;
}

bool QueueRepository::expire(qint64 tokenId, const QString &reason, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED', reason = ?, ended_at = ? "
                       "WHERE id = ? AND status <> 'EXPIRED'"),
        {reason, Database::toSqlTime(now), tokenId});
    return DbSession::rowsAffected(query) == 1;
}

void QueueRepository::noteSeen(const QList<qint64> &tokenIds, const QDateTime &at)
{
    constexpr qsizetype kChunk = 500;
    for (qsizetype from = 0; from < tokenIds.size(); from += kChunk) {
        const QList<qint64> chunk = tokenIds.mid(from, kChunk);
        QString marks = QStringLiteral("?");
        marks += QStringLiteral(",?").repeated(chunk.size() - 1);
        QVariantList values{Database::toSqlTime(at), Database::toSqlTime(at)};
        for (qint64 id : chunk)
            values << id;
        m_session.run(QStringLiteral("UPDATE queue_tokens SET last_seen_at = "
                                     "GREATEST(COALESCE(last_seen_at, ?), ?) "
                                     "WHERE status = 'WAITING' AND id IN (%1)")
                          .arg(marks),
                      values);
    }
}

bool QueueRepository::holdAdmitterLock()
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT IF(IS_USED_LOCK('concert.queue.admitter') <=> CONNECTION_ID(), 1, "
                       "GET_LOCK('concert.queue.admitter', 0))"));
    return query.next() && query.value(0).toInt() == 1;
}

int QueueRepository::expireOverdue(const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED', reason = 'TIMED_OUT', "
                       "ended_at = ? WHERE status = 'ACTIVE' AND expires_at <= ?"),
        {Database::toSqlTime(now), Database::toSqlTime(now)});
    return DbSession::rowsAffected(query);
}

int QueueRepository::abandonUnseen(const QDateTime &unseenSince, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED', reason = 'ABANDONED', "
                       "ended_at = ? WHERE status = 'WAITING' AND last_seen_at < ?"),
        {Database::toSqlTime(now), Database::toSqlTime(unseenSince)});
    return DbSession::rowsAffected(query);
}

QHash<qint64, int> QueueRepository::abandonedAt(const QDateTime &endedAt)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT room_id, COUNT(*) FROM queue_tokens WHERE ended_at = ? "
                       "AND status = 'EXPIRED' AND reason = 'ABANDONED' GROUP BY room_id"),
        {Database::toSqlTime(endedAt)});
    QHash<qint64, int> counts;
    while (query.next())
        counts.insert(query.value(0).toLongLong(), query.value(1).toInt());
    return counts;
}

std::vector<qint64> QueueRepository::roomsWithWaiters()
{
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT DISTINCT room_id FROM queue_tokens WHERE status = 'WAITING' AND room_id > 0"));
    std::vector<qint64> rooms;
    while (query.next())
        rooms.push_back(query.value(0).toLongLong());
    return rooms;
}

int QueueRepository::countActive(std::optional<qint64> concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE room_id = ? AND status = 'ACTIVE'"),
        {roomOf(concertId)});
    return query.next() ? query.value(0).toInt() : 0;
}

int QueueRepository::admittedSince(qint64 concertId, const QDateTime &since)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE room_id = ? AND admitted_at > ?"),
        {concertId, Database::toSqlTime(since)});
    return query.next() ? query.value(0).toInt() : 0;
}

int QueueRepository::admit(std::optional<qint64> concertId, int count, const QDateTime &now,
                           const QDateTime &expiresAt)
{
    int admitted = 0;
    if (concertId) {
        // Drawn places first (the pre-queue of a sale that opened), in drawn order.
        QSqlQuery &drawn = m_session.run(
            QStringLiteral("UPDATE queue_tokens SET status = 'ACTIVE', admitted_at = ?, "
                           "expires_at = ? WHERE room_id = ? AND status = 'WAITING' "
                           "AND draw_place IS NOT NULL ORDER BY draw_place LIMIT ?"),
            {Database::toSqlTime(now), Database::toSqlTime(expiresAt), *concertId, count});
        admitted = DbSession::rowsAffected(drawn);
        if (admitted >= count)
            return admitted;
    }
    // A locking scan of (room_id, status, id) in id order: it waits for a token insert still
    // in flight below the last admitted id instead of skipping it, so admission never
    // overtakes.
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'ACTIVE', admitted_at = ?, expires_at = ? "
                       "WHERE room_id = ? AND status = 'WAITING' AND prequeue = 0 "
                       "AND draw_place IS NULL ORDER BY id LIMIT ?"),
        {Database::toSqlTime(now), Database::toSqlTime(expiresAt), roomOf(concertId),
         count - admitted});
    return admitted + DbSession::rowsAffected(query);
}

std::vector<qint64> QueueRepository::prequeued(qint64 concertId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id FROM queue_tokens WHERE room_id = ? AND status = 'WAITING' "
                       "AND prequeue = 1 ORDER BY id"),
        {concertId});
    std::vector<qint64> ids;
    while (query.next())
        ids.push_back(query.value(0).toLongLong());
    return ids;
}

void QueueRepository::setDrawnPlaces(const std::vector<qint64> &drawnOrder)
{
    // Places -n..-1: before every id-ordered token; 500 rows per statement.
    const qint64 n = qint64(drawnOrder.size());
    constexpr size_t kChunk = 500;
    for (size_t from = 0; from < drawnOrder.size(); from += kChunk) {
        const size_t to = std::min(drawnOrder.size(), from + kChunk);
        QString cases;
        QString marks;
        QVariantList values;
        for (size_t i = from; i < to; ++i) {
            cases += QStringLiteral(" WHEN ? THEN ?");
            values << drawnOrder[i] << qint64(i) - n;
        }
        for (size_t i = from; i < to; ++i) {
            marks += i == from ? QStringLiteral("?") : QStringLiteral(",?");
            values << drawnOrder[i];
        }
        m_session.run(QStringLiteral("UPDATE queue_tokens SET prequeue = 0, draw_place = CASE id%1 "
                                     "END WHERE id IN (%2)")
                          .arg(cases, marks),
                      values);
    }
}

void QueueRepository::releasePrequeue(qint64 concertId)
{
    m_session.run(QStringLiteral("UPDATE queue_tokens SET prequeue = 0 WHERE room_id = ? "
                                 "AND status = 'WAITING' AND prequeue = 1"),
                  {concertId});
}

qint64 QueueRepository::lastAdmittedId()
{
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND status "
        "= 'ACTIVE'), 0), COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND "
        "status = 'EXPIRED'), 0))"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

QueueRepository::Snapshot QueueRepository::readSnapshot(qint64 waitingAfterId,
                                                        const QDateTime &endedSince)
{
    m_session.execDirect(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    m_session.execDirect(QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"));
    Snapshot snapshot;
    // Index dives on (room_id, status, id) and the primary key; no scan.
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT (SELECT MIN(id) FROM queue_tokens WHERE room_id = 0 AND status = 'WAITING'), "
        "(SELECT MAX(id) FROM queue_tokens), "
        "GREATEST(COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND status = "
        "'ACTIVE'), 0), COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND "
        "status = 'EXPIRED'), 0))"));
    if (query.next()) {
        snapshot.head = query.value(0).toLongLong();
        snapshot.maxId = query.value(1).toLongLong();
        snapshot.lastAdmittedId = query.value(2).toLongLong();
    }
    QSqlQuery &waiting = m_session.run(
        QStringLiteral("SELECT id FROM queue_tokens WHERE room_id = 0 AND status = 'WAITING' "
                       "AND id > ? ORDER BY id"),
        {waitingAfterId});
    while (waiting.next())
        snapshot.waiting.push_back(waiting.value(0).toLongLong());
    QSqlQuery &ended =
        m_session.run(QStringLiteral("SELECT id FROM queue_tokens WHERE ended_at >= ? ORDER BY id"),
                      {Database::toSqlTime(endedSince)});
    while (ended.next())
        snapshot.ended.push_back(ended.value(0).toLongLong());
    QSqlQuery &active = m_session.run(
        QStringLiteral("SELECT id, expires_at FROM queue_tokens WHERE status = 'ACTIVE'"));
    while (active.next())
        snapshot.active.insert(active.value(0).toLongLong(),
                               Database::fromSqlTime(active.value(1)));
    QSqlQuery &rooms = m_session.run(
        QStringLiteral("SELECT id, room_id, status, prequeue, expires_at FROM queue_tokens "
                       "WHERE status IN ('WAITING', 'ACTIVE') AND room_id > 0 "
                       "ORDER BY room_id, prequeue, draw_place IS NULL, draw_place, id"));
    while (rooms.next()) {
        RoomTokenRow row;
        row.id = rooms.value(0).toLongLong();
        row.concertId = rooms.value(1).toLongLong();
        row.status = tokenStatusFromName(rooms.value(2).toString()).value_or(TokenStatus::Waiting);
        row.prequeue = rooms.value(3).toInt() != 0;
        row.expiresAt = Database::fromSqlTime(rooms.value(4));
        snapshot.roomTokens.push_back(row);
    }
    m_session.commit();
    return snapshot;
}
