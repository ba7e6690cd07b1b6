#pragma once

#include "app/serverconfig.h"

#include <QObject>

#include <memory>

class AccessControl;
class AccessLog;
class AdminRoutes;
class ApiRoutes;
class BalanceService;
class BoxOfficeService;
class TicketSigner;
class CatalogService;
class ConcertAdminService;
class Database;
class HealthService;
class HistoryService;
class HttpEdge;
class HttpListener;
class PaymentService;
class QHttpServer;
class QTcpServer;
class QTimer;
class QueueService;
class QueueStream;
class ReservationService;
class TokenSigner;
class WebhookRelay;
class WebhookRoutes;
class WebhookService;

/**
 * @brief One `concert-server` instance: owns the database access, the services, the queue
 * thread and the HTTP server, and runs their life cycle (operations-contract.md).
 *
 * start() prepares the database (migrations, shared token key, demo data) once, then listens
 * and prints `listening on http://ADDR:PORT`. If the database is away it listens anyway,
 * answers 503 UNAVAILABLE and retries every second until the database is back.
 * shutdown() stops accepting, lets requests in flight finish and stops the queue.
 */
class ServerApp : public QObject
{
    Q_OBJECT
public:
    explicit ServerApp(const ServerConfig &config, QObject *parent = nullptr);
    ~ServerApp() override;

    /** @brief false (with a message on stderr) when the port cannot be bound. */
    bool start();
    /** @brief Graceful stop: close the listener, drain in-flight requests, stop ticking. */
    void shutdown();
    /** @brief SIGHUP: reopen the access log file (after logrotate moved it). */
    void reopenLogs();

    [[nodiscard]] quint16 port() const;

private:
    bool prepareDatabase();
    bool listenSharingPort(const class QHostAddress &address);
    void scheduleRetry();
    /** @brief No request in flight and nothing left to send on any connection. */
    bool isQuiet() const;

    ServerConfig m_config;
    std::unique_ptr<Database> m_database;
    std::unique_ptr<TokenSigner> m_signer;
    std::unique_ptr<QueueService> m_queue;
    std::unique_ptr<CatalogService> m_catalog;
    std::unique_ptr<ReservationService> m_reservations;
    std::unique_ptr<BalanceService> m_balances;
    std::unique_ptr<PaymentService> m_payments;
    std::unique_ptr<HealthService> m_health;
    std::unique_ptr<WebhookService> m_webhooks;
    std::unique_ptr<HistoryService> m_history;
    std::unique_ptr<WebhookRelay> m_relay;
    std::unique_ptr<AccessControl> m_access;
    std::unique_ptr<TicketSigner> m_tickets;
    std::unique_ptr<BoxOfficeService> m_boxOffice;
    std::unique_ptr<ConcertAdminService> m_concertAdmin;
    std::unique_ptr<HttpEdge> m_edge;
    std::unique_ptr<ApiRoutes> m_routes;
    std::unique_ptr<WebhookRoutes> m_webhookRoutes;
    std::unique_ptr<AdminRoutes> m_adminRoutes;
    std::unique_ptr<QHttpServer> m_http;
    std::unique_ptr<QueueStream> m_stream;
    std::unique_ptr<AccessLog> m_accessLog;
    HttpListener *m_listener = nullptr;
    QTimer *m_retryTimer = nullptr;
};
