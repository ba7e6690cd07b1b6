#include "http/webhookroutes.h"

#include "http/accessgate.h"
#include "jsonfields.h"
#include "services/historyservice.h"
#include "services/webhookservice.h"

#include <QCryptographicHash>
#include <QUrlQuery>

WebhookRoutes::WebhookRoutes(HttpEdge &edge, WebhookService &webhooks, HistoryService &history,
                             AccessControl &access)
    : m_edge(edge)
    , m_webhooks(webhooks)
    , m_history(history)
    , m_access(access)
{ }

void WebhookRoutes::registerRoutes(QHttpServer &server)
{
    using Request = const QHttpServerRequest &;
    using Responder = QHttpServerResponder &&;
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/webhooks"),
                            [this](Request q, Responder r) { webhooks(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/webhooks/<arg>"),
        [this](const QString &id, Request q, Responder r) { deleteWebhook(id, q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/webhooks/<arg>/deliveries"),
        [this](const QString &id, Request q, Responder r) { deliveries(id, q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/users/<arg>/reservations"),
        [this](const QString &user, Request q, Responder r) { history(user, q, r); });
}

void WebhookRoutes::webhooks(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post | Method::Get))
        return;
    if (request.method() == Method::Get) {
        int page = 1;
        int size = 20;
        const std::optional<ApiError> error = HttpEdge::pageArgs(request, &page, &size);
        AccessGate::withCaller(m_edge, m_access, request, responder, Permission::Admin, error,
                               [this, page, size](const Caller &) {
                                   return ApiResponse::from(m_webhooks.list(page, size));
                               });
        return;
    }
    std::optional<ApiError> error;
    const std::optional<WebhookSubscription> subscription =
        HttpEdge::bodyAs<WebhookSubscription>(request, error);
    AccessGate::withCaller(
        m_edge, m_access, request, responder, Permission::Admin, error,
        [this, subscription](const Caller &caller) {
            const auto created = m_webhooks.create(*subscription);
            if (created)
                m_access.record(
                    caller, QStringLiteral("webhook.create"),
                    QStringLiteral("webhook/%1").arg(created.value().json.value(u"id").toInteger()),
                    QJsonObject{{QStringLiteral("url"), subscription->url}});
            return ApiResponse::from(created, 201);
        });
}

void WebhookRoutes::deleteWebhook(const QString &id, const QHttpServerRequest &request,
                                  QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Delete))
        return;
    const auto webhookId = JsonFields::parseId(id);
    std::optional<ApiError> error;
    if (!webhookId)
        error = HttpEdge::invalid(
            QStringLiteral("the webhook id must be an integer from 1 to 9223372036854775807"));
    AccessGate::withCaller(m_edge, m_access, request, responder, Permission::Admin, error,
                           [this, webhookId](const Caller &caller) {
                               const Result<Done> removed = m_webhooks.remove(*webhookId);
                               if (!removed)
                                   return ApiResponse::error(removed.error());
                               m_access.record(caller, QStringLiteral("webhook.delete"),
                                               QStringLiteral("webhook/%1").arg(*webhookId));
                               return ApiResponse{204, {}};
                           });
}

void WebhookRoutes::deliveries(const QString &id, const QHttpServerRequest &request,
                               QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const auto webhookId = JsonFields::parseId(id);
    int page = 1;
    int size = 20;
    std::optional<ApiError> error;
    if (!webhookId)
        error = HttpEdge::invalid(
            QStringLiteral("the webhook id must be an integer from 1 to 9223372036854775807"));
    else
        error = HttpEdge::pageArgs(request, &page, &size);
    AccessGate::withCaller(m_edge, m_access, request, responder, Permission::Admin, error,
                           [this, webhookId, page, size](const Caller &) {
                               return ApiResponse::from(
                                   m_webhooks.deliveries(*webhookId, page, size));
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
            responder,
            ApiResponse::error(HttpEdge::invalid(QStringLiteral("userId must be a UUID"))));
    int page = 1;
    int size = 20;
    if (const auto error = HttpEdge::pageArgs(request, &page, &size))
        return HttpEdge::write(responder, ApiResponse::error(*error));
    m_edge.dispatch(std::move(responder), [this, user = *user, page, size]() {
        return ApiResponse::from(m_history.reservationsOf(user, page, size));
    });
}
