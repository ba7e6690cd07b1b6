#pragma once

#include "http/httpedge.h"
#include "http/tokenbatcher.h"
#include "services/ratelimiter.h"
#include "services/tokensigner.h"

#include <QElapsedTimer>

#include <QHttpServer>

#include <atomic>
#include <functional>
#include <memory>

class AccessControl;
class BalanceService;
class BoxOfficeService;
class TicketSigner;
class CatalogService;
class HealthService;
class ConcertAdminService;
class Database;
class PaymentService;
class QueueService;
class ReservationService;

/** @brief The services the routes hand requests to. */
struct Services
{
    HealthService &health;
    QueueService &queue;
    CatalogService &catalog;
    ReservationService &reservations;
    BalanceService &balances;
    PaymentService &payments;
    AccessControl &access; ///< keys, roles and audit ("Keys, staff and audit")
    BoxOfficeService &boxOffice; ///< the box office's rules ("Box office")
    const TicketSigner &tickets; ///< ticket codes ("Reservations: release, history")
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
    ApiRoutes(HttpEdge &edge, const Services &services);

    /** @brief Registers every route of the contract and the 404 handler on @p server. */
    void registerRoutes(QHttpServer &server);

    /**
     * @brief `--token-rate-per-ip`: token issues per client address per sliding 60 s on this
     * instance (0 = off); beyond it 429 TOO_MANY_REQUESTS with Retry-After. A valid X-Api-Key
     * is exempt; a wrong one is 401 API_KEY_INVALID (api-contract.md, "Limits at the edge").
     */
    void setTokenRatePerIp(int perMinute);

    /** @brief Until the schema is ready every route answers 503 UNAVAILABLE. */
    void setReady(bool ready) { m_ready = ready; }
    /** @brief `--charges key`: charges need an X-Api-Key of a TERMINAL, STAFF or ADMIN key. */
    void setChargesNeedKey(bool needKey) { m_chargesNeedKey = needKey; }

private:
    using Method = QHttpServerRequest::Method;
    using Handler = std::function<void(const QHttpServerRequest &, QHttpServerResponder &)>;
    using Work = std::function<ApiResponse(const TokenClaims &)>;
    /** @brief An answer from memory on the HTTP thread, or std::nullopt to run Work instead. */
    using MemoryWork = std::function<std::optional<ApiResponse>(const TokenClaims &)>;

    /** @brief HttpEdge::admitWhenReady() with this table's readiness. */
    bool gate(const QHttpServerRequest &request, QHttpServerResponder &responder,
              QHttpServerRequest::Methods allowed)
    {
        return HttpEdge::admitWhenReady(request, responder, allowed, m_ready);
    }
    /** @brief The bearer token's claims, or std::nullopt after answering 401 TOKEN_INVALID. */
    std::optional<TokenClaims> verifiedToken(const QHttpServerRequest &request,
                                             QHttpServerResponder &responder);
    /**
     * @brief A route that needs an ACTIVE token: answers 401/403 from memory when it can,
     * else checks the token in the database on the pool; then @p inputError (400) if set,
     * then @p fromMemory on this thread when set and it answers, else @p work on the pool.
     */
    void withActiveToken(const QHttpServerRequest &request, QHttpServerResponder &responder,
                         std::optional<ApiError> inputError, Work work,
                         const MemoryWork &fromMemory = {});

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
    void getConcertAdmin(const QString &concertId, const QHttpServerRequest &request,
                         QHttpServerResponder &responder);

    HttpEdge &m_edge;
    Services m_services;
    /** @brief Token requests gathered into multi-row INSERTs (issue 13). */
    std::unique_ptr<TokenBatcher> m_tokenBatcher;
    std::atomic<bool> m_ready{false};
    std::unique_ptr<SlidingWindowLimiter> m_tokenRate;
    QElapsedTimer m_monotonic;
    bool m_chargesNeedKey = false;
};
