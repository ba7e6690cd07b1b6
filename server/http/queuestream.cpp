#include "http/queuestream.h"

#include "http/httpedge.h"
#include "services/queueservice.h"

#include <QDateTime>
#include <QHttpServer>
#include <QJsonDocument>
#include <QPointer>
#include <QWebSocket>

namespace {

constexpr qint64 kMinIntervalMs = 1000; // at most one message a second after the first
constexpr auto kCloseUnknownToken = QWebSocketProtocol::CloseCode(4401);
constexpr auto kCloseBadMessage = QWebSocketProtocol::CloseCode(4400);

bool sameForClient(const QueueStatus &a, const QueueStatus &b)
{
    return a.status == b.status && a.position == b.position
        && a.estimatedWaitSeconds == b.estimatedWaitSeconds && a.soldOut == b.soldOut
        && a.saleOpensAt == b.saleOpensAt;
}

} // namespace

QueueStream::QueueStream(QueueService &queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
{
    m_pool.setMaxThreadCount(2);
    // tickFinished is emitted in the queue thread: queued to this (the server's) thread.
    connect(&m_queue, &QueueService::tickFinished, this, &QueueStream::onTick,
            Qt::QueuedConnection);
}

QueueStream::~QueueStream()
{
    m_pool.waitForDone();
}

void QueueStream::attach(QHttpServer &server)
{
    // The upgrade needs a matching route; it writes nothing (qt-notes.md).
    // For the metrics and the access log an upgrade counts as one answer, 101 Switching
    // Protocols, written by Qt's WebSocket server right after this route matched. A request
    // that is no upgrade gets an answer here (else its connection would wait for ever): 405
    // for another method, else 400.
    server.route<RouteRule>(
        QStringLiteral("/api/v1/queue/stream"),
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            const bool upgrade =
                HttpEdge::header(request, "Upgrade").compare("websocket", Qt::CaseInsensitive) == 0;
            if (upgrade && request.method() == QHttpServerRequest::Method::Get) {
                HttpEdge::notifyAnswered(101, 0, responder.socket());
                return;
            }
            if (!HttpEdge::admit(request, responder, QHttpServerRequest::Method::Get))
                return;
            HttpEdge::write(responder,
                            ApiResponse::error(ErrorCode::InvalidArgument,
                                               QStringLiteral("GET /api/v1/queue/stream needs a "
                                                              "WebSocket upgrade")));
        });
    connect(&server, &QAbstractHttpServer::newWebSocketConnection, this, [this, &server]() {
        while (server.hasPendingWebSocketConnections()) {
            std::unique_ptr<QWebSocket> socket = server.nextPendingWebSocketConnection();
            if (socket)
                accept(socket.release());
        }
    });
}

void QueueStream::accept(QWebSocket *socket)
{
    socket->setParent(this);
    m_clients.insert(socket, Client{});
    connect(socket, &QWebSocket::textMessageReceived, this,
            [this, socket](const QString &text) { firstMessage(socket, text); });
    connect(socket, &QWebSocket::binaryMessageReceived, this,
            [socket](const QByteArray &) { socket->close(kCloseBadMessage); });
    connect(socket, &QWebSocket::disconnected, this, [this, socket]() {
        m_clients.remove(socket);
        socket->deleteLater();
    });
}

void QueueStream::firstMessage(QWebSocket *socket, const QString &text)
{
    auto client = m_clients.find(socket);
    if (client == m_clients.end() || client->claims || client->closing)
        return; // only the first message means something
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text.toUtf8(), &error);
    const QJsonValue token = document.object().value(QLatin1String("token"));
    if (error.error != QJsonParseError::NoError || !document.isObject() || !token.isString()) {
        client->closing = true;
        socket->close(kCloseBadMessage, QStringLiteral("the first message is {\"token\": ...}"));
        return;
    }
    client->claims = m_queue.verify("Bearer " + token.toString().toUtf8());
    if (!client->claims) {
        client->closing = true;
        socket->close(kCloseUnknownToken, QStringLiteral("this server never issued that token"));
        return;
    }
    refresh(socket, true);
}

void QueueStream::refresh(QWebSocket *socket, bool force)
{
    const auto client = m_clients.constFind(socket);
    if (client == m_clients.cend() || !client->claims || client->closing)
        return;
    const TokenClaims claims = *client->claims;
    const QueueView::Lookup known = m_queue.lookup(claims); // counts as seen
    if (known.answer != QueueView::Answer::Unknown) {
        offer(socket, known.status, force);
        return;
    }
    QPointer<QWebSocket> guard(socket);
    m_pool.start([this, guard, claims, force]() {
        Result<QueueStatus> status = m_queue.statusFromDatabase(claims);
        QMetaObject::invokeMethod(this, [this, guard, status = std::move(status), force]() {
            if (!guard || !m_clients.contains(guard.data()))
                return;
            if (status)
                offer(guard.data(), status.value(), force);
            else if (status.error().code == ErrorCode::TokenInvalid)
                guard->close(kCloseUnknownToken, QStringLiteral("unknown token"));
        });
    });
}

void QueueStream::offer(QWebSocket *socket, const QueueStatus &status, bool force)
{
    auto client = m_clients.find(socket);
    if (client == m_clients.end() || client->closing)
        return;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    const bool changed = !client->last || !sameForClient(*client->last, status);
    const bool urgent = status.status != TokenStatus::Waiting;
    if (!force && (!changed || (!urgent && nowMs - client->lastSentMs < kMinIntervalMs)))
        return;
    socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(status.toJson()).toJson(QJsonDocument::Compact)));
    client->last = status;
    client->lastSentMs = nowMs;
    if (status.status == TokenStatus::Expired) {
        client->closing = true;
        socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("the token expired"));
    }
}

void QueueStream::onTick()
{
    const QList<QWebSocket *> sockets = m_clients.keys();
    for (QWebSocket *socket : sockets)
        refresh(socket, false);
}
