#pragma once

#include "services/jsonbody.h"
#include "services/result.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

class Database;

/** @brief The body of `POST /api/v1/admin/webhooks`. */
struct WebhookSubscription
{
    QString url; ///< absolute http:// or https:// URL with a host, at most 2,048 characters
    QStringList events; ///< 1..5 distinct known event types (duplicates are folded)

    /** @brief std::nullopt and the reason in @p why for a bad URL or an unknown event type. */
    static std::optional<WebhookSubscription> fromJson(const QJsonObject &json,
                                                       QString *why = nullptr);
};

/**
 * @brief Webhook subscriptions and their delivery records (api-contract.md, "Events for third
 * parties (webhooks)"). Sending is WebhookRelay's. Every method runs SQL: call it from a worker
 * thread. Lists are `{"items", "page", "size", "total"}` with page >= 1 and size 1..100.
 */
class WebhookService
{
public:
    explicit WebhookService(Database &database);

    /** @brief `{"id", "url", "events", "createdAt", "secret"}`; the secret is shown only here. */
    Result<JsonBody> create(const WebhookSubscription &subscription);
    /** @brief Live webhooks by id, without secrets. Errors: Unavailable. */
    Result<JsonBody> list(int page, int size);
    /** @brief Deletes it: nothing more is sent to it. Errors: NotFound, Unavailable. */
    Result<Done> remove(qint64 id);
    /**
     * @brief Attempts made to webhook @p id, newest first: `{"eventId", "type", "attempt",
     * "at", "status" (null when the receiver did not answer), "delivered"}`.
     * Errors: NotFound (unknown or deleted webhook), Unavailable.
     */
    Result<JsonBody> deliveries(qint64 id, int page, int size);

    /** @brief "whsec_" + base64 of 32 bytes from the system's cryptographic random source. */
    static QString newSecret();

private:
    Database &m_database;
};
