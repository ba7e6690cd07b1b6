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
        // changed_at keeps its value: a sighting is not a change of place or status.
        m_session.run(QStringLiteral("UPDATE queue_tokens SET changed_at = changed_at, "
                                     "last_seen_at = GREATEST(COALESCE(last_seen_at, ?), ?) "
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

namespace {

QueueRepository::TokenChange changeFrom(const QSqlQuery &query)
{
    // kChangeColumns: integers only (no time or text parsing per row)
    QueueRepository::TokenChange row;
    row.id = query.value(0).toLongLong();
    row.roomId = query.value(1).toLongLong();
    switch (query.value(2).toInt()) { // the ENUM's index
    case 1:
        row.status = TokenStatus::Waiting;
        break;
    case 2:
        row.status = TokenStatus::Active;
        break;
    default:
        row.status = TokenStatus::Expired;
        break;
    }
    row.prequeue = query.value(3).toInt() != 0;
    row.drawn = !query.value(4).isNull();
    row.drawPlace = row.drawn ? query.value(4).toLongLong() : 0;
    if (row.status == TokenStatus::Active)
        row.expiresAtMs = query.value(5).toLongLong();
    row.issuedAtMs = query.value(6).toLongLong();
    return row;
}

// The sessions run with time_zone '+00:00': UNIX_TIMESTAMP reads the stored UTC time.
const QString kChangeColumns =
    QStringLiteral("id, room_id, status + 0, prequeue, draw_place, "
                   "CAST(ROUND(UNIX_TIMESTAMP(expires_at) * 1000) AS SIGNED), "
                   "CAST(ROUND(UNIX_TIMESTAMP(issued_at) * 1000) AS SIGNED)");

} // namespace

QueueRepository::Changes QueueRepository::readChanges(const std::optional<QDateTime> &changedSince,
                                                      qint64 verifyAfterId, qint64 verifyUpToId,
                                                      const QDateTime &activitySince)
{
    m_session.execDirect(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    m_session.execDirect(QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"));
    Changes changes;
    // Index dives on (room_id, status, id) and the primary key; no scan.
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT NOW(3), (SELECT MIN(id) FROM queue_tokens WHERE room_id = 0 AND status = "
        "'WAITING'), (SELECT MAX(id) FROM queue_tokens), "
        "GREATEST(COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND status = "
        "'ACTIVE'), 0), COALESCE((SELECT MAX(id) FROM queue_tokens WHERE room_id = 0 AND "
        "status = 'EXPIRED'), 0))"));
    if (query.next()) {
        changes.readAt = Database::fromSqlTime(query.value(0));
        changes.head = query.value(1).toLongLong();
        changes.maxId = query.value(2).toLongLong();
        changes.lastAdmittedId = query.value(3).toLongLong();
    }
    if (changedSince) {
        QSqlQuery &changed = m_session.run(
            QStringLiteral("SELECT %1 FROM queue_tokens WHERE changed_at >= ?").arg(kChangeColumns),
            {Database::toSqlTime(*changedSince)});
        while (changed.next())
            changes.rows.push_back(changeFrom(changed));
    } else {
        // Every live token, in primary key ranges so that no result set grows with the line.
        changes.complete = true;
        constexpr qint64 kRange = 100'000;
        for (qint64 from = 0; from < changes.maxId; from += kRange) {
            QSqlQuery &live =
                m_session.run(QStringLiteral("SELECT %1 FROM queue_tokens WHERE id > ? AND id <= ? "
                                             "AND status IN ('WAITING', 'ACTIVE')")
                                  .arg(kChangeColumns),
                              {from, from + kRange});
            while (live.next())
                changes.rows.push_back(changeFrom(live));
        }
    }
    if (verifyUpToId > verifyAfterId) {
        QSqlQuery &range =
            m_session.run(QStringLiteral("SELECT %1 FROM queue_tokens WHERE id > ? AND id <= ?")
                              .arg(kChangeColumns),
                          {verifyAfterId, verifyUpToId});
        while (range.next())
            changes.verified.push_back(changeFrom(range));
    }
    // The box office's figures: index dives and one minute of covering index ranges.
    QSqlQuery &oldest = m_session.run(
        QStringLiteral("SELECT issued_at FROM queue_tokens WHERE room_id = 0 AND status = "
                       "'WAITING' ORDER BY id LIMIT 1"));
    if (oldest.next())
        changes.houseOldestIssuedAt = Database::fromSqlTime(oldest.value(0));
    const QVariant since = Database::toSqlTime(activitySince);
    QSqlQuery &admitted = m_session.run(
        QStringLiteral("SELECT room_id, COUNT(*) FROM queue_tokens WHERE admitted_at >= ? "
                       "GROUP BY room_id"),
        {since});
    while (admitted.next())
        changes.activity[admitted.value(0).toLongLong()].admittedLastMinute =
            admitted.value(1).toLongLong();
    QSqlQuery &abandoned = m_session.run(
        QStringLiteral("SELECT room_id, COUNT(*) FROM queue_tokens WHERE reason = 'ABANDONED' "
                       "AND ended_at >= ? GROUP BY room_id"),
        {since});
    while (abandoned.next())
        changes.activity[abandoned.value(0).toLongLong()].abandonedLastMinute =
            abandoned.value(1).toLongLong();
    m_session.commit();
    return changes;
}

void QueueRepository::touchDrawn(qint64 concertId)
{
    m_session.run(QStringLiteral("UPDATE queue_tokens SET changed_at = NOW(3) WHERE room_id = ? "
                                 "AND status = 'WAITING' AND draw_place IS NOT NULL"),
                  {concertId});
}

QHash<QString, qint64>
QueueRepository::insertWaitingBatch(const std::vector<IssueRequest> &requests,
                                    std::optional<qint64> concertId, const QDateTime &now)
{
    QHash<QString, qint64> inserted;
    if (requests.empty())
        return inserted;
    QString rows;
    QVariantList values;
    values.reserve(qsizetype(requests.size()) * 5);
    const QString issuedAt = Database::toSqlTime(now);
    for (const IssueRequest &request : requests) {
        rows += rows.isEmpty() ? QStringLiteral("(?, 'WAITING', ?, ?, ?, ?)")
                               : QStringLiteral(",(?, 'WAITING', ?, ?, ?, ?)");
        values << request.userId << issuedAt << nullable(concertId) << (request.prequeue ? 1 : 0)
               << Database::toSqlTime(request.seenFrom);
    }
    // A user with a live token in the room is skipped by the unique (live_user_id, room_id)
    // key. The statement's rows get consecutive ascending ids in the order written (a "simple
    // insert" under innodb_autoinc_lock_mode 0 or 1, MariaDB's default 1; the caller checks).
    QSqlQuery &insert = m_session.run(
        QStringLiteral("INSERT IGNORE INTO queue_tokens (user_id, status, issued_at, concert_id, "
                       "prequeue, last_seen_at) VALUES %1")
            .arg(rows),
        values);
    const int count = DbSession::rowsAffected(insert);
    if (count <= 0)
        return inserted;
    const qint64 first = insert.lastInsertId().toLongLong();
    if (count == int(requests.size())) {
        // Every row was inserted: they hold the statement's ids first, first + 1, ... in the
        // order written, and no read-back is needed (the common case: new users).
        for (size_t i = 0; i < requests.size(); ++i)
            inserted.insert(requests[i].userId, first + qint64(i));
        return inserted;
    }
    // Our rows: in the statement's id range, ours by user and issue time.
    QString marks;
    QVariantList keys{first, first + qint64(requests.size()), roomOf(concertId), issuedAt};
    for (const IssueRequest &request : requests) {
        marks += marks.isEmpty() ? QStringLiteral("?") : QStringLiteral(",?");
        keys << request.userId;
    }
    QSqlQuery &mine = m_session.run(
        QStringLiteral("SELECT id, user_id FROM queue_tokens WHERE id >= ? AND id < ? AND "
                       "room_id = ? AND issued_at = ? AND status = 'WAITING' AND user_id IN (%1)")
            .arg(marks),
        keys);
    while (mine.next())
        inserted.insert(mine.value(1).toString(), mine.value(0).toLongLong());
    return inserted;
}

bool QueueRepository::consecutiveInsertIds()
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT @@innodb_autoinc_lock_mode, @@auto_increment_increment"));
    return query.next() && query.value(0).toInt() <= 1 && query.value(1).toInt() == 1;
}
