#include "data/queuerepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

QueueTokenRow rowFrom(const QSqlQuery &query)
{
    return QueueTokenRow{
        query.value(0).toLongLong(), query.value(1).toString(),
        tokenStatusFromName(query.value(2).toString()).value_or(TokenStatus::Expired),
        Database::fromSqlTime(query.value(3))};
}

const QString kColumns = QStringLiteral("id, user_id, status, expires_at");

} // namespace

std::optional<QueueTokenRow> QueueRepository::insertWaiting(const QString &userId,
                                                            const QDateTime &now)
{
    try {
        QSqlQuery &insert = m_session.run(
            QStringLiteral(
                "INSERT INTO queue_tokens (user_id, status, issued_at) VALUES (?, 'WAITING', ?)"),
            {userId, Database::toSqlTime(now)});
        return QueueTokenRow{insert.lastInsertId().toLongLong(), userId, TokenStatus::Waiting, {}};
    } catch (const DbFailure &failure) {
        if (failure.nativeCode == MariaDbError::DuplicateKey)
            return std::nullopt;
        throw;
    }
}

void QueueRepository::expireOverdueOf(const QString &userId, const QDateTime &now)
{
    m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED' WHERE live_user_id = ? "
                       "AND status = 'ACTIVE' AND expires_at <= ?"),
        {userId, Database::toSqlTime(now)});
}

std::optional<QueueTokenRow> QueueRepository::findLive(const QString &userId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM queue_tokens WHERE live_user_id = ?").arg(kColumns),
        {userId});
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

void QueueRepository::expire(qint64 tokenId)
{
    m_session.run(QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED' WHERE id = ?"),
                  {tokenId});
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
        QStringLiteral("UPDATE queue_tokens SET status = 'EXPIRED' WHERE status = 'ACTIVE' "
                       "AND expires_at <= ?"),
        {Database::toSqlTime(now)});
    return DbSession::rowsAffected(query);
}

int QueueRepository::countActive()
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE status = 'ACTIVE'"));
    return query.next() ? query.value(0).toInt() : 0;
}

int QueueRepository::admit(int count, const QDateTime &now, const QDateTime &expiresAt)
{
    // A locking scan of (status, id) in id order: it waits for a token insert still in flight
    // below the last admitted id instead of skipping it, so admission never overtakes.
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE queue_tokens SET status = 'ACTIVE', admitted_at = ?, expires_at = ? "
                       "WHERE status = 'WAITING' ORDER BY id LIMIT ?"),
        {Database::toSqlTime(now), Database::toSqlTime(expiresAt), count});
    return DbSession::rowsAffected(query);
}

qint64 QueueRepository::lastAdmittedId()
{
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT GREATEST(COALESCE((SELECT MAX(id) FROM queue_tokens WHERE status = 'ACTIVE'), 0), "
        "COALESCE((SELECT MAX(id) FROM queue_tokens WHERE status = 'EXPIRED'), 0))"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

QueueRepository::Snapshot QueueRepository::readSnapshot(qint64 waitingAfterId)
{
    m_session.execDirect(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    m_session.execDirect(QStringLiteral("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY"));
    Snapshot snapshot;
    // Four index dives on (status, id) and the primary key; no scan.
    QSqlQuery &query = m_session.run(QStringLiteral(
        "SELECT (SELECT MIN(id) FROM queue_tokens WHERE status = 'WAITING'), "
        "(SELECT MAX(id) FROM queue_tokens), "
        "GREATEST(COALESCE((SELECT MAX(id) FROM queue_tokens WHERE status = 'ACTIVE'), 0), "
        "COALESCE((SELECT MAX(id) FROM queue_tokens WHERE status = 'EXPIRED'), 0))"));
    if (query.next()) {
        snapshot.head = query.value(0).toLongLong();
        snapshot.maxId = query.value(1).toLongLong();
        snapshot.lastAdmittedId = query.value(2).toLongLong();
    }
    snapshot.waiting = waitingIdsAfter(waitingAfterId);
    snapshot.active = activeTokens();
    m_session.commit();
    return snapshot;
}

std::vector<qint64> QueueRepository::waitingIdsAfter(qint64 afterId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "SELECT id FROM queue_tokens WHERE status = 'WAITING' AND id > ? ORDER BY id"),
        {afterId});
    std::vector<qint64> ids;
    while (query.next())
        ids.push_back(query.value(0).toLongLong());
    return ids;
}

QHash<qint64, QDateTime> QueueRepository::activeTokens()
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, expires_at FROM queue_tokens WHERE status = 'ACTIVE'"));
    QHash<qint64, QDateTime> tokens;
    while (query.next())
        tokens.insert(query.value(0).toLongLong(), Database::fromSqlTime(query.value(1)));
    return tokens;
}
