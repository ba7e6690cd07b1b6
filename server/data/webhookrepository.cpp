#include "data/webhookrepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

WebhookRow rowFrom(const QSqlQuery &query)
{
    WebhookRow row;
    row.id = query.value(0).toLongLong();
    row.url = query.value(1).toString();
    row.events = query.value(2).toString().split(u',', Qt::SkipEmptyParts);
    row.secret = query.value(3).toString();
    row.createdAt = Database::fromSqlTime(query.value(4));
    return row;
}

} // namespace

WebhookRow WebhookRepository::insert(const WebhookRow &webhook)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral(
            "INSERT INTO webhooks (url, events, secret, created_at) VALUES (?, ?, ?, ?)"),
        {webhook.url, webhook.events.join(u','), webhook.secret,
         Database::toSqlTime(webhook.createdAt)});
    WebhookRow stored = webhook;
    stored.id = query.lastInsertId().toLongLong();
    return stored;
}

std::optional<WebhookRow> WebhookRepository::findLive(qint64 id)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT id, url, events, secret, created_at FROM webhooks "
                                     "WHERE id = ? AND deleted_at IS NULL"),
                      {id});
    if (!query.next())
        return std::nullopt;
    return rowFrom(query);
}

QList<WebhookRow> WebhookRepository::listLive(qint64 offset, int limit)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT id, url, events, secret, created_at FROM webhooks "
                                     "WHERE deleted_at IS NULL ORDER BY id LIMIT ? OFFSET ?"),
                      {limit, offset});
    QList<WebhookRow> rows;
    while (query.next())
        rows.append(rowFrom(query));
    return rows;
}

qint64 WebhookRepository::countLive()
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT COUNT(*) FROM webhooks WHERE deleted_at IS NULL"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

bool WebhookRepository::remove(qint64 id, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE webhooks SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"),
        {Database::toSqlTime(now), id});
    return DbSession::rowsAffected(query) == 1;
}

QList<WebhookAttemptRow> WebhookRepository::attempts(qint64 webhookId, qint64 offset, int limit)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT event_id, type, attempt, at, status, delivered "
                                     "FROM webhook_attempts WHERE webhook_id = ? "
                                     "ORDER BY id DESC LIMIT ? OFFSET ?"),
                      {webhookId, limit, offset});
    QList<WebhookAttemptRow> rows;
    while (query.next()) {
        WebhookAttemptRow row;
        row.eventId = query.value(0).toString();
        row.type = query.value(1).toString();
        row.attempt = query.value(2).toInt();
        row.at = Database::fromSqlTime(query.value(3));
        if (!query.value(4).isNull())
            row.status = query.value(4).toInt();
        row.delivered = query.value(5).toInt() != 0;
        rows.append(row);
    }
    return rows;
}

qint64 WebhookRepository::countAttempts(qint64 webhookId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT COUNT(*) FROM webhook_attempts WHERE webhook_id = ?"), {webhookId});
    return query.next() ? query.value(0).toLongLong() : 0;
}
