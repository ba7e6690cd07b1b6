#include "queuepush.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTimer>
#include <QWebSocket>

Q_LOGGING_CATEGORY(lcPush, "concert.kiosk.push", QtInfoMsg)

QueuePush::QueuePush(QObject *parent)
    : QObject(parent)
{ }

QueuePush::~QueuePush()
{
    close();
}

QUrl QueuePush::streamUrl(const QUrl &baseUrl)
{
    QUrl url(baseUrl.toString(QUrl::StripTrailingSlash) + QStringLiteral("/api/v1/queue/stream"));
    url.setScheme(baseUrl.scheme() == QLatin1String("https") ? QStringLiteral("wss")
                                                             : QStringLiteral("ws"));
    return url;
}

void QueuePush::open(const QUrl &baseUrl, const QString &token, int connectTimeoutMs)
{
    close();
    m_token = token;
    const quint64 generation = ++m_generation;
    auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket = socket;
    connect(socket, &QWebSocket::connected, this, [this, socket]() {
        if (socket == m_socket)
            socket->sendTextMessage(
                QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("token"), m_token}})
                                      .toJson(QJsonDocument::Compact)));
    });
    connect(socket, &QWebSocket::textMessageReceived, this, [this, socket](const QString &message) {
        if (socket != m_socket)
            return;
        const QJsonObject json = QJsonDocument::fromJson(message.toUtf8()).object();
        const std::optional<QueueStatus> status = QueueStatus::fromJson(json);
        if (!status) {
            qCInfo(lcPush) << "not a status:" << message.left(200);
            return;
        }
        setLive(true);
        Q_EMIT statusReceived(*status, json.value(QLatin1String("paused")).toBool(false));
    });
    connect(socket, &QWebSocket::disconnected, this, [this, socket]() {
        if (socket != m_socket)
            return;
        const int code = int(socket->closeCode());
        finish(code == QWebSocketProtocol::CloseCodeNormal || code >= 4000 ? code : 0);
    });
    // Qt 6.4 has no errorOccurred on QWebSocket (qt-notes.md).
    connect(socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            [this, socket](QAbstractSocket::SocketError error) {
                if (socket != m_socket)
                    return;
                qCInfo(lcPush) << "stream error" << error << socket->errorString();
                finish(0);
            });
    // A server that accepts the connection but never answers must not leave the kiosk without
    // updates: without a first status in time the stream counts as failed.
    QTimer::singleShot(qMax(100, connectTimeoutMs), this, [this, generation]() {
        if (generation == m_generation && m_socket && !m_live) {
            qCInfo(lcPush) << "no status on the stream in time";
            finish(0);
        }
    });
    qCDebug(lcPush) << "opening" << streamUrl(baseUrl);
    socket->open(streamUrl(baseUrl));
}

void QueuePush::close()
{
    ++m_generation;
    if (QWebSocket *socket = m_socket) {
        m_socket = nullptr;
        socket->disconnect(this);
        socket->close();
        socket->deleteLater();
    }
    setLive(false);
}

void QueuePush::finish(int closeCode)
{
    const bool wasLive = m_live;
    close();
    Q_EMIT ended(closeCode, wasLive);
}

void QueuePush::setLive(bool live)
{
    if (m_live == live)
        return;
    m_live = live;
    Q_EMIT liveChanged();
}
