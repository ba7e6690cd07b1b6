#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

class DbSession;

/**
 * @brief The event types of api-contract.md, "Events for third parties (webhooks)".
 * A staff cancel of a HELD reservation is ReservationReleased; of a CONFIRMED one,
 * ReservationCancelled.
 */
enum class OutboxEventType {
    ReservationHeld, ///< "reservation.held": data is the reservation (HELD)
    ReservationReleased, ///< "reservation.released": data is the reservation (RELEASED)
    ReservationExpired, ///< "reservation.expired": data is the reservation (EXPIRED)
    PaymentCompleted, ///< "payment.completed": data is the 201 payment body
    ReservationCancelled, ///< "reservation.cancelled": data is the reservation (CANCELLED)
};

/** @brief The wire name of @p type, e.g. "payment.completed". */
[[nodiscard]] QString outboxEventTypeName(OutboxEventType type);
/** @brief The type whose wire name is @p name; std::nullopt for a name the contract lacks. */
[[nodiscard]] std::optional<OutboxEventType> outboxEventTypeFromName(QStringView name);
/** @brief Every wire name, in the contract's order. */
[[nodiscard]] QStringList outboxEventTypeNames();

/** @brief One delivery attempt to make: an event for one webhook, claimed by this instance. */
struct DueDelivery
{
    qint64 deliveryId = 0;
    qint64 webhookId = 0;
    QString url;
    QString secret; ///< "whsec_<base64>"
    QString eventId; ///< the body's "id" and the webhook-id header
    QString type;
    QByteArray body; ///< exactly the bytes every attempt sends
    int attemptsBefore = 0; ///< attempts already made; this one is attemptsBefore + 1
};

/**
 * @brief SQL of the transactional outbox (`outbox_events`) and of the relay's work queue
 * (`webhook_deliveries`, `webhook_attempts`). Every method throws DbFailure on a database error.
 *
 * append() is what a change calls **inside its own transaction** (Database::transaction), so
 * the event exists if and only if the change committed:
 * @code
 *   OutboxRepository(session).append(OutboxEventType::ReservationReleased,
 *                                    reservation.toJson(), now);
 * @endcode
 */
class OutboxRepository
{
public:
    explicit OutboxRepository(DbSession &session)
        : m_session(session)
    { }

    /**
     * @brief Writes one event, body `{"id": "<uuid>", "type", "createdAt", "data": @p data}`,
     * to the outbox in the caller's transaction (one INSERT, no lock on other rows).
     * @p now becomes createdAt (whole seconds, UTC). @return the event's id (a UUID).
     */
    QString append(OutboxEventType type, const QJsonObject &data, const QDateTime &now);

    /**
     * @brief Relay step 1, in a transaction: takes up to @p limit events nobody fanned out yet
     * (FOR UPDATE SKIP LOCKED, so instances never wait for each other), adds one PENDING
     * delivery per live webhook that asked for the event's type and existed when it was
     * written, due at once, and marks the events fanned out. @return events handled.
     */
    int fanOut(int limit, const QDateTime &now);

    /**
     * @brief Relay step 2, in a transaction: claims up to @p limit due PENDING deliveries of
     * live webhook @p webhookId (due, and unclaimed or with a lapsed lease), oldest first, with
     * FOR UPDATE SKIP LOCKED, and leases them to @p claimant until @p leaseUntil.
     */
    QList<DueDelivery> claimDue(qint64 webhookId, int limit, const QDateTime &now,
                                const QDateTime &leaseUntil, const QString &claimant);

    /**
     * @brief Relay step 3: writes the attempt down (@p status: the receiver's HTTP status,
     * std::nullopt when it did not answer) and settles the delivery: DELIVERED, FAILED
     * (@p nextAttemptAt invalid and not delivered) or PENDING again at @p nextAttemptAt, lease
     * cleared. The attempt is always written; the delivery is settled only while @p claimant
     * holds the lease. @return whether it held it.
     */
    bool recordAttempt(const DueDelivery &delivery, const QString &claimant, const QDateTime &at,
                       std::optional<int> status, bool delivered, const QDateTime &nextAttemptAt);

    /** @brief Ids of the webhooks not deleted, ascending. */
    QList<qint64> liveWebhookIds();

private:
    DbSession &m_session;
};
