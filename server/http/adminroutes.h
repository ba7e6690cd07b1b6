#pragma once

#include "http/apiroutes.h"

#include <QHttpServer>

#include <atomic>

/**
 * @brief The admin and box-office routes of api-contract.md "Additions to v1": keys and audit,
 * new dates, sales, queue figures, customer lookup, counter sale, cancel with refund, check-in.
 * Every route goes through AccessGate (401/403), then checks its input (400), then hands the
 * work to a service on the worker pool.
 */
class AdminRoutes
{
public:
    AdminRoutes(HttpEdge &edge, const Services &services);

    /** @brief Registers the routes on @p server (before ApiRoutes' 404 handler matters). */
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

    void apiKeys(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void revokeKey(const QString &keyId, const QHttpServerRequest &request,
                   QHttpServerResponder &responder);
    void audit(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void addDates(const QString &concertId, const QHttpServerRequest &request,
                  QHttpServerResponder &responder);
    void sales(const QString &concertId, const QHttpServerRequest &request,
               QHttpServerResponder &responder);
    void queue(const QHttpServerRequest &request, QHttpServerResponder &responder);
    /**
     * @brief `GET /api/v1/admin/concerts/{id}/dates/{date}/seats` (staff): our extension beyond
     * the contract, for the box office's Sell area. The customer seat map's body ("Catalogue"),
     * without a queue token, from the SeatMapCache (HTTP thread once the date is loaded);
     * unknown concert or date → 404 NOT_FOUND.
     */
    void seatMap(const QString &concertId, const QString &date, const QHttpServerRequest &request,
                 QHttpServerResponder &responder);
    void customer(const QString &userId, const QHttpServerRequest &request,
                  QHttpServerResponder &responder);
    void counterHold(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void counterPay(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void cancel(const QString &reservationId, const QHttpServerRequest &request,
                QHttpServerResponder &responder);
    void checkIn(const QHttpServerRequest &request, QHttpServerResponder &responder);

    HttpEdge &m_edge;
    Services m_services;
    std::atomic<bool> m_ready{false};
};
