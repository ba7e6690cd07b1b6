#pragma once

#include "http/httpedge.h"
#include "services/tokensigner.h"

#include <QHttpServer>

#include <atomic>
#include <functional>

class BalanceService;
class CatalogService;
class ConcertAdminService;
class Database;
class PaymentService;
class QueueService;
class ReservationService;

/** @brief The services the routes hand requests to. */
struct Services
{
    Database &database;
    QueueService &queue;
    CatalogService &catalog;
    ReservationService &reservations;
    BalanceService &balances;
    PaymentService &payments;
    ConcertAdminService &concertAdmin;
};

/**
 * @brief The route table of api-contract.md (v1). Each route checks, in the contract's order,
 * method (405), body size (413), token or admin key (401/403), input (400), then hands the
 * request to a service; unknown paths answer 404 NOT_FOUND.
 */
class ApiRoutes
{
public:
    /** @param adminKey: empty disables the admin API (every call answers 401). */
    ApiRoutes(HttpEdge &edge, const Services &services, const QString &adminKey);

    /** @brief Registers every route of the contract and the 404 handler on @p server. */
    void registerRoutes(QHttpServer &server);

    /** @brief Until the schema is ready every route answers 503 UNAVAILABLE. */
    void setReady(bool ready) { m_ready = ready; }

private:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;
    using Work = std::function<ApiResponse(const TokenClaims &)>;

    bool gate(const QHttpServerRequest &request, QHttpServerResponder &responder,
              QHttpServerRequest::Methods allowed);
    /** @brief The bearer token's claims, or std::nullopt after answering 401 TOKEN_INVALID. */
    std::optional<TokenClaims> verifiedToken(const QHttpServerRequest &request,
                                             QHttpServerResponder &responder);
    /**
     * @brief A route that needs an ACTIVE token: answers 401/403 from memory when it can,
     * else checks the token in the database on the pool; then @p inputError (400) if set,
     * then @p work on the pool.
     */
    void withActiveToken(const QHttpServerRequest &request, QHttpServerResponder &responder,
                         std::optional<ApiError> inputError, Work work);

    void issueToken(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void queueStatus(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void listConcerts(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void listDates(const QString &concertId, const QHttpServerRequest &request,
                   QHttpServerResponder &responder);
    void seatMap(const QString &concertId, const QString &date, const QHttpServerRequest &request,
                 QHttpServerResponder &responder);
    void createReservation(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void getReservation(const QString &reservationId, const QHttpServerRequest &request,
                        QHttpServerResponder &responder);
    /** @brief `DELETE /queue/tokens/current` (api-contract.md, "Waiting rooms": leaving). */
    void leaveQueue(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void getBalance(const QString &userId, const QHttpServerRequest &request,
                    QHttpServerResponder &responder);
    void chargeBalance(const QString &userId, const QHttpServerRequest &request,
                       QHttpServerResponder &responder);
    void pay(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void createConcert(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void health(const QHttpServerRequest &request, QHttpServerResponder &responder);
    /** @brief The box office's concert routes (concertadminroutes.cpp). */
    void registerConcertAdminRoutes(QHttpServer &server);
    /**
     * @brief The admin check of `/api/v1/admin/...` routes: writes 401 ADMIN_KEY_INVALID and
     * returns false unless `X-Admin-Key` matches the configured key. @p staffMay: the route is
     * marked (staff) in the contract (for API-key roles).
     */
    bool adminAllowed(const QHttpServerRequest &request, QHttpServerResponder &responder,
                      bool staffMay);
    void getConcertAdmin(const QString &concertId, const QHttpServerRequest &request,
                         QHttpServerResponder &responder);

    HttpEdge &m_edge;
    Services m_services;
    const QByteArray m_adminKey;
    std::atomic<bool> m_ready{false};
};
