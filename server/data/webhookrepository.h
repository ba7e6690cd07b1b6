#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class DbSession;

/** @brief One row of `webhooks`. */
struct WebhookRow
{
    qint64 id = 0;
    QString url;
    QStringList events; ///< event type names
    QString secret; ///< "whsec_<base64>"
    QDateTime createdAt;
};

/** @brief One row of `webhook_attempts`. */
struct WebhookAttemptRow
{
    QString eventId;
    QString type;
    int attempt = 0; ///< 1-based
    QDateTime at;
    std::optional<int> status; ///< the receiver's HTTP status; none when it did not answer
    bool delivered = false;
};

/**
 * @brief SQL of webhook subscriptions and of the attempts made to them (admin API).
 * Every method throws DbFailure on a database error.
 */
class WebhookRepository
{
public:
    explicit WebhookRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Inserts a webhook; returns it with its id. */
    WebhookRow insert(const WebhookRow &webhook);
    /** @brief The webhook unless it does not exist or was deleted. */
    std::optional<WebhookRow> findLive(qint64 id);
    /** @brief Live webhooks by id, @p offset rows skipped, at most @p limit. */
    QList<WebhookRow> listLive(qint64 offset, int limit);
    qint64 countLive();
    /** @brief Marks the webhook deleted; false when it was not live. */
    bool remove(qint64 id, const QDateTime &now);
    /** @brief Attempts to webhook @p id, newest first. */
    QList<WebhookAttemptRow> attempts(qint64 webhookId, qint64 offset, int limit);
    qint64 countAttempts(qint64 webhookId);

private:
    DbSession &m_session;
};
