#include "http/webhookroutes.h"

#include "jsonfields.h"
#include "services/historyservice.h"
#include "services/webhookservice.h"

#include <QCryptographicHash>
#include <QUrlQuery>

namespace {

ApiError invalid(const QString &message)
{
    return ApiError{ErrorCode::InvalidArgument, message};
}

/** @brief `page` (>= 1, default 1) and `size` (1..100, default 20) of a list route. */
std::optional<ApiError> readPaging(const QHttpServerRequest &request, int *page, int *size)
{
    const QUrlQuery query = request.query();
    auto number = [&](const QString &name, qint64 fallback, qint64 max) -> std::optional<qint64> {
        if (!query.hasQueryItem(name))
            return fallback;
        const auto value = JsonFields::parseId(query.queryItemValue(name));
        if (!value || *value > max)
            return std::nullopt;
        return value;
    };
    const auto p = number(QStringLiteral("page"), 1, 1'000'000'000);
    if (!p)
        return invalid(QStringLiteral("page must be an integer from 1"));
    const auto s = number(QStringLiteral("size"), 20, 100);
    if (!s)
        return invalid(QStringLiteral("size must be an integer from 1 to 100"));
    *page = int(*p);
    *size = int(*s);
    return std::nullopt;
}

} // namespace

WebhookRoutes::WebhookRoutes(HttpEdge &edge, WebhookService &webhooks, HistoryService &history,
                             const QString &adminKey)
    : m_edge(edge)
    , m_webhooks(webhooks)
    , m_history(history)
    , m_adminKey(adminKey.toUtf8())
{ }

void WebhookRoutes::registerRoutes(QHttpServer &server)
{
    using Request = const QHttpServerRequest &;
    using Responder = QHttpServerResponder &&;
    server.route(QStringLiteral("/api/v1/admin/webhooks"),
                 [this](Request q, Responder r) { webhooks(q, r); });
    server.route(QStringLiteral("/api/v1/admin/webhooks/<arg>"),
                 [this](const QString &id, Request q, Responder r) { deleteWebhook(id, q, r); });
    server.route(QStringLiteral("/api/v1/admin/webhooks/<arg>/deliveries"),
                 [this](const QString &id, Request q, Responder r) { deliveries(id, q, r); });
    server.route(QStringLiteral("/api/v1/users/<arg>/reservations"),
                 [this](const QString &user, Request q, Responder r) { history(user, q, r); });
}

bool WebhookRoutes::gate(const QHttpServerRequest &request, QHttpServerResponder &responder,
                         QHttpServerRequest::Methods allowed)
{
    if (!HttpEdge::admit(request, responder, allowed))
        return false;
    if (!m_ready) {
        HttpEdge::write(responder,
                        ApiResponse::error(ErrorCode::Unavailable,
                                           QStringLiteral("the database is not ready yet")));
        return false;
    }
    return true;
}

std::optional<ApiError> WebhookRoutes::adminError(const QHttpServerRequest &request) const
{
    // Compare digests so that the time taken says nothing about the key.
    const auto digest = [](const QByteArray &key) {
        return QCryptographicHash::hash(key, QCryptographicHash::Sha256);
    };
    if (m_adminKey.isEmpty())
        return ApiError{ErrorCode::AdminKeyInvalid,
                        QStringLiteral("the admin API is off: the server has no admin key")};
    if (digest(HttpEdge::header(request, "X-Admin-Key")) != digest(m_adminKey))
        return ApiError{ErrorCode::AdminKeyInvalid,
                        QStringLiteral("X-Admin-Key is missing or wrong")};
    return std::nullopt;
}

void WebhookRoutes::webhooks(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post | Method::Get))
        return;
    if (const auto denied = adminError(request))
        return HttpEdge::write(responder, ApiResponse::error(*denied));
    if (request.method() == Method::Get) {
        int page = 1;
        int size = 20;
        if (const auto error = readPaging(request, &page, &size))
            return HttpEdge::write(responder, ApiResponse::error(*error));
        m_edge.dispatch(std::move(responder), [this, page, size]() {
            return ApiResponse::from(m_webhooks.list(page, size));
        });
        return;
    }
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body)
        return HttpEdge::write(responder, ApiResponse::error(body.error()));
    QString why;
    const auto subscription = WebhookSubscription::fromJson(body.value(), &why);
    if (!subscription)
        return HttpEdge::write(responder, ApiResponse::error(invalid(why)));
    m_edge.dispatch(std::move(responder), [this, subscription = *subscription]() {
        return ApiResponse::from(m_webhooks.create(subscription), 201);
    });
}

void WebhookRoutes::deleteWebhook(const QString &id, const QHttpServerRequest &request,
                                  QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Delete))
        return;
    if (const auto denied = adminError(request))
        return HttpEdge::write(responder, ApiResponse::error(*denied));
    const auto webhookId = JsonFields::parseId(id);
    if (!webhookId)
        return HttpEdge::write(
            responder,
            ApiResponse::error(invalid(QStringLiteral(
                "the webhook id must be an integer from 1 to 9223372036854775807"))));
    m_edge.dispatch(std::move(responder), [this, webhookId = *webhookId]() {
        const Result<Done> removed = m_webhooks.remove(webhookId);
        if (!removed)
            return ApiResponse::error(removed.error());
        return ApiResponse{204, {}};
    });
}

void WebhookRoutes::deliveries(const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    if (const auto denied = adminError(request))
        return HttpEdge::write(responder, ApiResponse::error(*denied));
    const auto webhookId = JsonFields::parseId(id);
    if (!webhookId)
        return HttpEdge::write(
            responder,
            ApiResponse::error(invalid(QStringLiteral(
                "the webhook id must be an integer from 1 to 9223372036854775807"))));
    int page = 1;
    int size = 20;
    if (const auto error = readPaging(request, &page, &size))
        return HttpEdge::write(responder, ApiResponse::error(*error));
    m_edge.dispatch(std::move(responder), [this, id = *webhookId, page, size]() {
        return ApiResponse::from(m_webhooks.deliveries(id, page, size));
    });
}

void WebhookRoutes::history(const QString &userId, const QHttpServerRequest &request,
                            QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const auto user = JsonFields::canonicalUuid(userId);
    if (!user)
        return HttpEdge::write(
            responder, ApiResponse::error(invalid(QStringLiteral("userId must be a UUID"))));
    int page = 1;
    int size = 20;
    if (const auto error = readPaging(request, &page, &size))
        return HttpEdge::write(responder, ApiResponse::error(*error));
    m_edge.dispatch(std::move(responder), [this, user = *user, page, size]() {
        return ApiResponse::from(m_history.reservationsOf(user, page, size));
    });
}
