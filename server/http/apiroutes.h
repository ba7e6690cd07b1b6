#pragma once

#include "http/httpedge.h"
#include "services/tokensigner.h"

#include <QHttpServer>

#include <atomic>
#include <functional>

class AccessControl;
class BalanceService;
class BoxOfficeService;
class TicketSigner;
class CatalogService;
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
    AccessControl &access; ///< keys, roles and audit ("Keys, staff and audit")
    BoxOfficeService &boxOffice; ///< the box office's rules ("Box office")
    const TicketSigner &tickets; ///< ticket codes ("Reservations: release, history")
};

/**
 * @brief The route table of api-contract.md (v1). Each route checks, in the contract's order,
 * method (405), body size (413), token or admin key (401/403), input (400), then hands the
 * request to a service; unknown paths answer 404 NOT_FOUND.
 */
class ApiRoutes
{
public:
    ApiRoutes(HttpEdge &edge, const Services &services);

    /** @brief Registers every route of the contract and the 404 handler on @p server. */
    void registerRoutes(QHttpServer &server);

    /** @brief Until the schema is ready every route answers 503 UNAVAILABLE. */
    void setReady(bool ready) { m_ready = ready; }
    /** @brief `--charges key`: charges need an X-Api-Key of a TERMINAL, STAFF or ADMIN key. */
    void setChargesNeedKey(bool needKey) { m_chargesNeedKey = needKey; }

private:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;
    using Work = std::function<ApiResponse(const TokenClaims &)>;

    bool gate(const QHttpServerRequest &request, QHttpServerResponder &responder, Method allowed);
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
    void getBalance(const QString &userId, const QHttpServerRequest &request,
                    QHttpServerResponder &responder);
    void chargeBalance(const QString &userId, const QHttpServerRequest &request,
                       QHttpServerResponder &responder);
    void pay(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void createConcert(const QHttpServerRequest &request, QHttpServerResponder &responder);
    void health(const QHttpServerRequest &request, QHttpServerResponder &responder);

    HttpEdge &m_edge;
    Services m_services;
    std::atomic<bool> m_ready{false};
    bool m_chargesNeedKey = false;
};
