#include "app/serverapp.h"

#include "app/accesslog.h"
#include "data/database.h"
#include "data/schemamigrator.h"
#include "data/secretrepository.h"
#include "http/adminroutes.h"
#include "http/apiroutes.h"
#include "http/httpedge.h"
#include "http/httplistener.h"
#include "http/opsroutes.h"
#include "http/queuestream.h"
#include "http/webhookroutes.h"
#include "metrics/metrics.h"
#include "services/accesscontrol.h"
#include "services/balanceservice.h"
#include "services/boxofficeservice.h"
#include "services/catalogservice.h"
#include "services/concertadminservice.h"
#include "services/healthservice.h"
#include "services/historyservice.h"
#include "services/paymentservice.h"
#include "services/queueservice.h"
#include "services/reservationservice.h"
#include "services/ticketsigner.h"
#include "services/tokensigner.h"
#include "services/webhookrelay.h"
#include "services/webhookservice.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHttpServer>
#include <QSysInfo>
#include <QTcpServer>
#include <QTimer>

#include <arpa/inet.h>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcServer, "concert.server")

namespace {

DatabaseSettings databaseSettings(const ServerConfig &config)
{
    return DatabaseSettings{config.dbHost, config.dbPort, config.dbSocket,
                            config.dbName, config.dbUser, config.dbPassword};
}

} // namespace

ServerApp::ServerApp(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_database(std::make_unique<Database>(databaseSettings(config)))
    , m_signer(std::make_unique<TokenSigner>())
{
    m_queue = std::make_unique<QueueService>(
        *m_database, *m_signer,
        QueueService::Settings{config.queueCapacity, config.queueTickMs, config.activeTtlSeconds,
                               config.queueAbandonSeconds});
    m_queue->setAdmitterTask(&ReservationService::releaseOverdueHolds);
    m_catalog = std::make_unique<CatalogService>(*m_database);
    m_reservations = std::make_unique<ReservationService>(*m_database, *m_catalog, *m_queue,
                                                          config.holdTtlSeconds);
    m_balances = std::make_unique<BalanceService>(*m_database);
    m_payments = std::make_unique<PaymentService>(*m_database, *m_queue, &m_catalog->seatMaps());
    m_health = std::make_unique<HealthService>(*m_database);
    // After every queue tick, on the queue thread: what other instances changed in the seat
    // maps this instance serves from memory ("Seat maps and dates across instances").
    connect(
        m_queue.get(), &QueueService::tickFinished, m_queue.get(),
        [catalog = m_catalog.get()]() { catalog->seatMaps().refresh(); }, Qt::DirectConnection);
    m_access = std::make_unique<AccessControl>(*m_database, config.adminKey, config.queueTickMs);
    m_tickets = std::make_unique<TicketSigner>();
    m_reservations->setTicketSigner(m_tickets.get());
    m_payments->setTicketSigner(m_tickets.get());
    m_boxOffice = std::make_unique<BoxOfficeService>(*m_database, *m_queue, *m_tickets);
    m_boxOffice->setSeatMaps(&m_catalog->seatMaps());
    m_queue->setSeatMaps(&m_catalog->seatMaps());
    m_concertAdmin = std::make_unique<ConcertAdminService>(*m_database, *m_queue, *m_catalog);
    m_edge = std::make_unique<HttpEdge>(config.dbPoolSize);
    const Services services{*m_health,   *m_queue,  *m_catalog,   *m_reservations, *m_balances,
                            *m_payments, *m_access, *m_boxOffice, *m_tickets,      *m_concertAdmin};
    m_routes = std::make_unique<ApiRoutes>(*m_edge, services);
    m_routes->setChargesNeedKey(config.chargesNeedKey);
    m_adminRoutes = std::make_unique<AdminRoutes>(*m_edge, services);
    m_webhooks = std::make_unique<WebhookService>(*m_database);
    m_history = std::make_unique<HistoryService>(*m_database, *m_tickets);
    WebhookRelay::Settings relay;
    relay.retryScale = config.webhookRetryScale;
    m_relay = std::make_unique<WebhookRelay>(*m_database, relay);
    m_webhookRoutes = std::make_unique<WebhookRoutes>(*m_edge, *m_webhooks, *m_history, *m_access);
    m_reservations->setMaxSeatsPerUser(config.maxSeatsPerUser);
    m_routes->setTokenRatePerIp(config.tokenRatePerIp);
    m_http = std::make_unique<QHttpServer>();
    m_routes->registerRoutes(*m_http);
    m_adminRoutes->registerRoutes(*m_http);
    m_webhookRoutes->registerRoutes(*m_http);
    m_stream = std::make_unique<QueueStream>(*m_queue);
    m_stream->attach(*m_http);
    OpsRoutes::registerRoutes(*m_http);
    if (!config.accessLog.isEmpty())
        m_accessLog = std::make_unique<AccessLog>(config.accessLog, QString());
    // One call per answered request, on the server's thread (HttpEdge::write): the metrics
    // count it, the access log queues one line for its writer thread.
    HttpEdge::setAnswerObserver([log = m_accessLog.get()](const AnsweredRequest &answered) {
        Metrics::instance().countRequest(answered.method, answered.route, answered.status,
                                         answered.durationNs);
        if (log)
            log->append(answered);
    });
    if (config.adminKey.isEmpty())
        qCInfo(lcServer) << "no --admin-key: the admin API answers 401 ADMIN_KEY_INVALID";
}

ServerApp::~ServerApp()
{
    m_relay->stop();
    m_queue->stop();
    m_access->stop();
    m_edge.reset(); // joins the worker threads, which close their connections as they finish
    HttpEdge::setAnswerObserver({});
    m_accessLog.reset(); // writes what is left
    Database::closeThreadSessions(); // the connection prepareDatabase() used on this thread
}

quint16 ServerApp::port() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

bool ServerApp::prepareDatabase()
{
    DbSession *session = m_database->threadSession();
    if (!session)
        return false;
    const Result<Done> migrated = SchemaMigrator::migrate(*session);
    if (!migrated)
        return false;
    // One token key for every instance: the first to start creates it, the rest read it.
    const Result<QByteArray> key = m_database->run<QByteArray>([](DbSession &session) {
        return Result<QByteArray>(SecretRepository(session).ensureSecret(
            QStringLiteral("queue-token-hmac"), TokenSigner::generateKey()));
    });
    if (!key || key->size() < 32)
        return false;
    m_signer->setKey(key.value());
    // The ticket key, the same way (its own row, so the two keys can be rotated apart).
    const Result<QByteArray> ticketKey = m_database->run<QByteArray>([](DbSession &session) {
        return Result<QByteArray>(SecretRepository(session).ensureSecret(
            QStringLiteral("ticket-hmac"), TokenSigner::generateKey()));
    });
    if (!ticketKey || ticketKey->size() < 32)
        return false;
    m_tickets->setKey(ticketKey.value());
    if (m_config.demoData) {
        const Result<Done> demo = m_catalog->ensureDemoData();
        if (!demo)
            return false;
    }
    m_routes->setReady(true);
    m_webhookRoutes->setReady(true);
    m_adminRoutes->setReady(true);
    m_queue->start();
    m_access->start();
    m_relay->start();
    qCInfo(lcServer) << "database ready";
    return true;
}

void ServerApp::scheduleRetry()
{
    if (!m_retryTimer) {
        m_retryTimer = new QTimer(this);
        m_retryTimer->setInterval(1000);
        connect(m_retryTimer, &QTimer::timeout, this, [this]() {
            if (prepareDatabase())
                m_retryTimer->stop();
        });
    }
    m_retryTimer->start();
}

bool ServerApp::start()
{
    // The port first: if it cannot be had, nothing else is touched.
    // Room for every allowed connection plus the database's and the process's own files, so
    // that accept() never fails for want of a descriptor (the event loop would spin on it).
    const qint64 files = HttpListener::raiseOpenFileLimit(qint64(m_config.maxConnections) + 1024);
    int maxConnections = m_config.maxConnections;
    if (files > 0 && files - 512 < maxConnections) {
        maxConnections = int(qMax<qint64>(1, files - 512));
        qCWarning(lcServer) << "open-file limit" << files << "allows only" << maxConnections
                            << "connections; --max-connections lowered to that";
    }
    EdgeLimits limits;
    limits.headerTimeoutMs = m_config.headerTimeoutSeconds * 1000;
    limits.idleTimeoutMs = m_config.keepAliveSeconds * 1000;
    limits.trustedProxies = m_config.trustedProxies;
    m_listener = new HttpListener(limits, maxConnections, m_config.maxConnectionsPerIp, this);
    m_listener->setListenBacklogSize(1024); // sales open with bursts of connections
    const QHostAddress address = m_config.bindAddress == QLatin1String("localhost")
        ? QHostAddress(QHostAddress::LocalHost)
        : QHostAddress(m_config.bindAddress);
    const bool listening = m_config.reusePort ? listenSharingPort(address)
                                              : m_listener->listen(address, quint16(m_config.port));
    if (!listening) {
        std::fprintf(stderr, "concert-server: --port: cannot listen on %s:%d: %s\n",
                     qPrintable(m_config.bindAddress), m_config.port,
                     qPrintable(m_listener->errorString()));
        return false;
    }
    if (m_accessLog) {
        m_accessLog->setInstance(QSysInfo::machineHostName() + u':'
                                 + QString::number(m_listener->serverPort()));
        if (!m_accessLog->open()) {
            std::fprintf(stderr, "concert-server: --access-log: cannot open '%s': %s\n",
                         qPrintable(m_config.accessLog), qPrintable(m_accessLog->errorString()));
            return false;
        }
    }
    // Connections that arrive meanwhile wait in the listen backlog.
    if (!prepareDatabase())
        scheduleRetry();
    m_http->bind(m_listener);
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(address.toString())
        : address.toString();
    std::printf("listening on http://%s:%d\n", qPrintable(host), int(m_listener->serverPort()));
    std::fflush(stdout);
    return true;
}

bool ServerApp::listenSharingPort(const QHostAddress &address)
{
    // QTcpServer cannot set SO_REUSEPORT itself: make the socket, then hand it over
    // (qt-notes.md, "Several processes can share one port").
    const bool v6 = address.protocol() == QAbstractSocket::IPv6Protocol;
    const int fd = ::socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_storage storage = {};
    socklen_t length = 0;
    if (v6) {
        auto *in6 = reinterpret_cast<sockaddr_in6 *>(&storage);
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons(quint16(m_config.port));
        const Q_IPV6ADDR raw = address.toIPv6Address();
        std::memcpy(&in6->sin6_addr, &raw, sizeof raw);
        length = sizeof(sockaddr_in6);
    } else {
        auto *in4 = reinterpret_cast<sockaddr_in *>(&storage);
        in4->sin_family = AF_INET;
        in4->sin_port = htons(quint16(m_config.port));
        in4->sin_addr.s_addr = htonl(address.toIPv4Address());
        length = sizeof(sockaddr_in);
    }
    if (::bind(fd, reinterpret_cast<sockaddr *>(&storage), length) != 0
        || ::listen(fd, 1024) != 0) {
        ::close(fd);
        return false;
    }
    return m_listener->setSocketDescriptor(fd);
}

void ServerApp::shutdown()
{
    qCInfo(lcServer) << "stopping: no new connections, finishing requests in flight";
    if (m_retryTimer)
        m_retryTimer->stop();
    if (m_listener)
        m_listener->close();
    // Keep the event loop turning until every request already received has been answered and
    // every answer has left our buffers (QTcpSocket writes from the event loop), at most 15 s.
    const QDeadlineTimer deadline(15000);
    do {
        QEventLoop loop;
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    } while (!deadline.hasExpired() && !isQuiet());
    m_relay->stop();
    m_queue->stop();
    m_access->stop();
    if (m_accessLog)
        m_accessLog->flush();
}

void ServerApp::reopenLogs()
{
    if (m_accessLog)
        m_accessLog->reopen();
}

bool ServerApp::isQuiet() const
{
    if (m_edge->inFlight() > 0)
        return false;
    const QList<QTcpSocket *> sockets =
        m_listener ? m_listener->findChildren<QTcpSocket *>() : QList<QTcpSocket *>();
    for (const QTcpSocket *socket : sockets) {
        if (socket->state() == QAbstractSocket::ConnectedState
            && (socket->bytesToWrite() > 0 || socket->bytesAvailable() > 0))
            return false;
    }
    return true;
}
