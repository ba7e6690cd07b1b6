#include "data/outboxrepository.h"

#include "data/database.h"
#include "jsonfields.h"

#include <QJsonDocument>
#include <QSqlQuery>
#include <QUuid>

namespace {

constexpr OutboxEventType kAllTypes[] = {
    OutboxEventType::ReservationHeld, OutboxEventType::ReservationReleased,
    OutboxEventType::ReservationExpired, OutboxEventType::PaymentCompleted,
    OutboxEventType::ReservationCancelled};

QString idList(const QList<qint64> &ids)
{
    QStringList parts;
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(u',');
}

} // namespace

QString outboxEventTypeName(OutboxEventType type)
{
    switch (type) {
    case OutboxEventType::ReservationHeld:
        return QStringLiteral("reservation.held");
    case OutboxEventType::ReservationReleased:
        return QStringLiteral("reservation.released");
    case OutboxEventType::ReservationExpired:
        return QStringLiteral("reservation.expired");
    case OutboxEventType::PaymentCompleted:
        return QStringLiteral("payment.completed");
    case OutboxEventType::ReservationCancelled:
        return QStringLiteral("reservation.cancelled");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<OutboxEventType> outboxEventTypeFromName(QStringView name)
{
    for (OutboxEventType type : kAllTypes) {
        if (name == outboxEventTypeName(type))
            return type;
    }
    return std::nullopt;
}

QStringList outboxEventTypeNames()
{
    QStringList names;
    for (OutboxEventType type : kAllTypes)
        names << outboxEventTypeName(type);
    return names;
}

QString OutboxRepository::append(OutboxEventType type, const QJsonObject &data,
                                 const QDateTime &now)
{
    const QString eventId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString typeName = outboxEventTypeName(type);
    const QJsonObject body{{QStringLiteral("id"), eventId},
                           {QStringLiteral("type"), typeName},
                           {QStringLiteral("createdAt"), JsonFields::formatTimestamp(now)},
                           {QStringLiteral("data"), data}};
    m_session.run(QStringLiteral("INSERT INTO outbox_events (event_id, type, body, created_at) "
                                 "VALUES (?, ?, ?, ?)"),
                  {eventId, typeName,
                   QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact)),
                   Database::toSqlTime(now)});
    return eventId;
}

int OutboxRepository::fanOut(int limit, const QDateTime &now)
{
    QSqlQuery &pending =
        m_session.run(QStringLiteral("SELECT id FROM outbox_events WHERE fanned_out = 0 "
                                     "ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED"),
                      {limit});
    QList<qint64> ids;
    while (pending.next())
        ids << pending.value(0).toLongLong();
    if (ids.isEmpty())
        return 0;
    // Set-based: one statement for the whole batch, however many events and webhooks; a
    // webhook receives the events created from its own creation on.
    const QString events = idList(ids);
    m_session.run(QStringLiteral("INSERT IGNORE INTO webhook_deliveries "
                                 "(webhook_id, outbox_event_id, next_attempt_at) "
                                 "SELECT w.id, e.id, ? FROM outbox_events e JOIN webhooks w "
                                 "ON w.deleted_at IS NULL AND FIND_IN_SET(e.type, w.events) > 0 "
                                 "AND w.created_at <= e.created_at WHERE e.id IN (%1)")
                      .arg(events),
                  {Database::toSqlTime(now)});
    m_session.run(
        QStringLiteral("UPDATE outbox_events SET fanned_out = 1 WHERE id IN (%1)").arg(events));
    return int(ids.size());
}

QList<DueDelivery> OutboxRepository::claimDue(qint64 webhookId, int limit, const QDateTime &now,
                                              const QDateTime &leaseUntil, const QString &claimant)
{
    const QString at = Database::toSqlTime(now);
    QSqlQuery &due =
        m_session.run(QStringLiteral("SELECT id FROM webhook_deliveries WHERE webhook_id = ? "
                                     "AND state = 'PENDING' AND next_attempt_at <= ? "
                                     "AND (claimed_until IS NULL OR claimed_until <= ?) "
                                     "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED"),
                      {webhookId, at, at, limit});
    QList<qint64> ids;
    while (due.next())
        ids << due.value(0).toLongLong();
    if (ids.isEmpty())
        return {};
    m_session.run(QStringLiteral("UPDATE webhook_deliveries SET claimed_until = ?, claimed_by = ? "
                                 "WHERE id IN (%1)")
                      .arg(idList(ids)),
                  {Database::toSqlTime(leaseUntil), claimant});
    QSqlQuery &rows = m_session.run(
        QStringLiteral("SELECT d.id, d.webhook_id, w.url, w.secret, e.event_id, e.type, e.body, "
                       "d.attempts FROM webhook_deliveries d "
                       "JOIN webhooks w ON w.id = d.webhook_id "
                       "JOIN outbox_events e ON e.id = d.outbox_event_id "
                       "WHERE d.id IN (%1) ORDER BY d.next_attempt_at")
            .arg(idList(ids)));
    QList<DueDelivery> claimed;
    while (rows.next()) {
        DueDelivery d;
        d.deliveryId = rows.value(0).toLongLong();
        d.webhookId = rows.value(1).toLongLong();
        d.url = rows.value(2).toString();
        d.secret = rows.value(3).toString();
        d.eventId = rows.value(4).toString();
        d.type = rows.value(5).toString();
        d.body = rows.value(6).toString().toUtf8();
        d.attemptsBefore = rows.value(7).toInt();
        claimed.append(d);
    }
    return claimed;
}

bool OutboxRepository::recordAttempt(const DueDelivery &delivery, const QString &claimant,
                                     const QDateTime &at, std::optional<int> status, bool delivered,
                                     const QDateTime &nextAttemptAt)
{
    const QString state = delivered ? QStringLiteral("DELIVERED")
        : nextAttemptAt.isValid()   ? QStringLiteral("PENDING")
                                    : QStringLiteral("FAILED");
    QSqlQuery &settle = m_session.run(
        QStringLiteral("UPDATE webhook_deliveries SET state = ?, attempts = attempts + 1, "
                       "next_attempt_at = COALESCE(?, next_attempt_at), claimed_until = NULL, "
                       "claimed_by = NULL WHERE id = ? AND claimed_by = ? AND state = 'PENDING'"),
        {state,
         nextAttemptAt.isValid() ? QVariant(Database::toSqlTime(nextAttemptAt))
                                 : QVariant(QMetaType(QMetaType::QString)),
         delivery.deliveryId, claimant});
    const bool held = DbSession::rowsAffected(settle) == 1;
    // Written even when the lease was lost meanwhile: every attempt that went out is recorded.
    m_session.run(QStringLiteral("INSERT INTO webhook_attempts (webhook_id, delivery_id, event_id, "
                                 "type, attempt, at, status, delivered) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
                  {delivery.webhookId, delivery.deliveryId, delivery.eventId, delivery.type,
                   delivery.attemptsBefore + 1, Database::toSqlTime(at),
                   status ? QVariant(*status) : QVariant(QMetaType(QMetaType::Int)),
                   delivered ? 1 : 0});
    return held;
}

QList<qint64> OutboxRepository::liveWebhookIds()
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id FROM webhooks WHERE deleted_at IS NULL ORDER BY id"));
    QList<qint64> ids;
    while (query.next())
        ids << query.value(0).toLongLong();
    return ids;
}
