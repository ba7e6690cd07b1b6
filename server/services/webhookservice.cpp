#include "services/webhookservice.h"

#include "data/database.h"
#include "data/outboxrepository.h"
#include "data/webhookrepository.h"
#include "jsonfields.h"
#include "services/clock.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QUrl>

namespace {

constexpr int kMaxUrlLength = 2048;

QJsonObject webhookJson(const WebhookRow &row)
{
    return QJsonObject{{QStringLiteral("id"), row.id},
                       {QStringLiteral("url"), row.url},
                       {QStringLiteral("events"), QJsonArray::fromStringList(row.events)},
                       {QStringLiteral("createdAt"), JsonFields::formatTimestamp(row.createdAt)}};
}

QJsonObject page(const QJsonArray &items, int page, int size, qint64 total)
{
    return QJsonObject{{QStringLiteral("items"), items},
                       {QStringLiteral("page"), page},
                       {QStringLiteral("size"), size},
                       {QStringLiteral("total"), total}};
}

bool isWebhookUrl(const QString &text)
{
    if (text.isEmpty() || text.size() > kMaxUrlLength)
        return false;
    for (QChar c : text) {
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return false;
    }
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
        && !url.host().isEmpty();
}

} // namespace

std::optional<WebhookSubscription> WebhookSubscription::fromJson(const QJsonObject &json,
                                                                 QString *why)
{
    auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const QJsonValue url = json.value(QLatin1String("url"));
    if (!url.isString() || !isWebhookUrl(url.toString()))
        return fail(QStringLiteral("url must be an absolute http:// or https:// URL with a host, "
                                   "at most 2048 characters"));
    const QJsonValue events = json.value(QLatin1String("events"));
    if (!events.isArray() || events.toArray().isEmpty())
        return fail(QStringLiteral("events must be a non-empty array of event types (%1)")
                        .arg(outboxEventTypeNames().join(QLatin1String(", "))));
    WebhookSubscription result{url.toString(), {}};
    for (const QJsonValue &event : events.toArray()) {
        if (!event.isString() || !outboxEventTypeFromName(event.toString()))
            return fail(QStringLiteral("unknown event type in events; known: %1")
                            .arg(outboxEventTypeNames().join(QLatin1String(", "))));
        if (!result.events.contains(event.toString()))
            result.events << event.toString();
    }
    return result;
}

WebhookService::WebhookService(Database &database)
    : m_database(database)
{ }

QString WebhookService::newSecret()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()),
                                          key.size() / sizeof(quint32));
    return QStringLiteral("whsec_") + QString::fromLatin1(key.toBase64());
}

Result<JsonBody> WebhookService::create(const WebhookSubscription &subscription)
{
    WebhookRow row;
    row.url = subscription.url;
    row.events = subscription.events;
    row.secret = newSecret();
    row.createdAt = Clock::now();
    return m_database.run<JsonBody>([&](DbSession &session) {
        const WebhookRow stored = WebhookRepository(session).insert(row);
        QJsonObject json = webhookJson(stored);
        json.insert(QStringLiteral("secret"), stored.secret);
        return Result<JsonBody>(JsonBody{json});
    });
}

Result<JsonBody> WebhookService::list(int pageNumber, int size)
{
    return m_database.run<JsonBody>([&](DbSession &session) {
        WebhookRepository repository(session);
        QJsonArray items;
        for (const WebhookRow &row : repository.listLive(qint64(pageNumber - 1) * size, size))
            items.append(webhookJson(row));
        return Result<JsonBody>(JsonBody{page(items, pageNumber, size, repository.countLive())});
    });
}

Result<Done> WebhookService::remove(qint64 id)
{
    return m_database.run<Done>([&](DbSession &session) -> Result<Done> {
        if (!WebhookRepository(session).remove(id, Clock::now()))
            return ApiError{ErrorCode::NotFound, QStringLiteral("no webhook %1").arg(id)};
        return Done{};
    });
}

Result<JsonBody> WebhookService::deliveries(qint64 id, int pageNumber, int size)
{
    return m_database.run<JsonBody>([&](DbSession &session) -> Result<JsonBody> {
        WebhookRepository repository(session);
        if (!repository.findLive(id))
            return ApiError{ErrorCode::NotFound, QStringLiteral("no webhook %1").arg(id)};
        QJsonArray items;
        for (const WebhookAttemptRow &row :
             repository.attempts(id, qint64(pageNumber - 1) * size, size))
            items.append(QJsonObject{
                {QStringLiteral("eventId"), row.eventId},
                {QStringLiteral("type"), row.type},
                {QStringLiteral("attempt"), row.attempt},
                {QStringLiteral("at"), JsonFields::formatTimestamp(row.at)},
                {QStringLiteral("status"), row.status ? QJsonValue(*row.status) : QJsonValue()},
                {QStringLiteral("delivered"), row.delivered}});
        return JsonBody{page(items, pageNumber, size, repository.countAttempts(id))};
    });
}
