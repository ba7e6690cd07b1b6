#pragma once

#include "http/httpedge.h"

#include <QHttpServer>

#include <atomic>
#include <optional>

class AccessControl;
class HistoryService;
class WebhookService;

/**
 * @brief The routes of issue 11 (api-contract.md "Additions to v1"): the webhook admin API
 * (`/api/v1/admin/webhooks...`, "Events for third parties (webhooks)") and a customer's history
 * (`GET /api/v1/users/{userId}/reservations`, "Reservations: release, history"). Each route
 * checks method (405), body size (413), admin rights (401/403), input (400), then hands the
 * request to a service on the worker pool.
 */
class WebhookRoutes
{
public:
    /** @param access: who may call the webhook admin routes (ADMIN only), and the audit. */
    WebhookRoutes(HttpEdge &edge, WebhookService &webhooks, HistoryService &history,
                  AccessControl &access);

    /** @brief Registers the routes on @p server (after ApiRoutes::registerRoutes). */
    void registerRoutes(QHttpServer &server);
    /** @brief Until the schema is ready every route answers 503 UNAVAILABLE. */
    void setReady(bool ready) { m_ready = ready; }

private:
    using Method = QHttpServerRequest::Method;

    /** @brief HttpEdge::admitWhenReady() with this table's readiness. */
    bool gate(const QHttpServerRequest &request, QHttpServerResponder &responder,
              QHttpServerRequest::Methods allowed)
    {
        return HttpEdge::admitWhenReady(request, responder, allowed, m_ready);
    }
    void webhooks(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void deleteWebhook(const QString &id, const QHttpServerRequest &request,
                       QHttpServerResponder &responder);
    void deliveries(const QString &id, const QHttpServerRequest &request,
                    QHttpServerResponder &responder);
    void history(const QString &userId, const QHttpServerRequest &request,
                 QHttpServerResponder &responder);

    HttpEdge &m_edge;
    WebhookService &m_webhooks;
    HistoryService &m_history;
    AccessControl &m_access;
    std::atomic<bool> m_ready{false};
};
