#include "stubserver.h"

#include <QJsonDocument>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

QString StubRequest::bearer() const
{
    const QByteArray value = header("authorization");
    return value.startsWith("Bearer ") ? QString::fromUtf8(value.mid(7)) : QString();
}

StubResponse StubResponse::error(int status, const QString &code, const QString &message)
{
    StubResponse response;
    response.status = status;
    response.json =
        QJsonObject{{QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("code"), code},
                                 {QStringLiteral("message"), message.isEmpty() ? code : message}}}};
    return response;
}

StubServer::StubServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this]() {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { read(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool StubServer::start()
{
    if (!m_server.listen(QHostAddress::LocalHost, m_port))
        return false;
    m_port = m_server.serverPort();
    return true;
}

void StubServer::stop()
{
    m_server.close();
}

QUrl StubServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

void StubServer::on(const QByteArray &method, const QString &pathPattern, Handler handler)
{
    // Later routes win, so a test can override a default.
    m_routes.prepend(Route{method,
                           QRegularExpression(QRegularExpression::anchoredPattern(pathPattern)),
                           std::move(handler)});
}

void StubServer::on(const QByteArray &method, const QString &pathPattern,
                    const StubResponse &response)
{
    on(method, pathPattern, [response](const StubRequest &) { return response; });
}

void StubServer::dropNextAnswer(const QByteArray &method, const QString &pathPattern)
{
    m_drops.append({method, QRegularExpression(QRegularExpression::anchoredPattern(pathPattern))});
}

QList<StubRequest> StubServer::requests(const QByteArray &method, const QString &pathPattern) const
{
    const QRegularExpression pattern(QRegularExpression::anchoredPattern(pathPattern));
    QList<StubRequest> result;
    for (const StubRequest &request : m_requests) {
        if (request.method == method && pattern.match(request.path).hasMatch())
            result << request;
    }
    return result;
}

void StubServer::read(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    socket->setProperty("buffer", buffer);
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    StubRequest request;
    request.method = requestLine.value(0);
    const QByteArray target = requestLine.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = QString::fromUtf8(question < 0 ? target : target.left(question));
    request.query = question < 0 ? QString() : QString::fromUtf8(target.mid(question + 1));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(),
                                   line.mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() - headerEnd - 4 < length)
        return;
    request.body = buffer.mid(headerEnd + 4, length);
    const QJsonDocument document = QJsonDocument::fromJson(request.body);
    if (document.isObject())
        request.json = document.object();
    socket->setProperty("buffer", QByteArray());
    disconnect(socket, &QTcpSocket::readyRead, this, nullptr);
    answer(socket, request);
}

void StubServer::answer(QTcpSocket *socket, StubRequest request)
{
    StubResponse response = StubResponse::error(404, QStringLiteral("NOT_FOUND"));
    for (const Route &route : std::as_const(m_routes)) {
        if (route.method != request.method)
            continue;
        const QRegularExpressionMatch match = route.pattern.match(request.path);
        if (match.hasMatch()) {
            request.match = match;
            response = route.handler(request);
            break;
        }
    }
    for (qsizetype i = 0; i < m_drops.size(); ++i) {
        if (m_drops.at(i).first == request.method
            && m_drops.at(i).second.match(request.path).hasMatch()) {
            m_drops.removeAt(i);
            response.silent = true;
            break;
        }
    }
    m_requests << request;
    Q_EMIT requestReceived(request);

    QPointer<QTcpSocket> guard(socket);
    auto write = [guard, response]() {
        if (!guard)
            return;
        if (response.silent)
            return; // the connection stays open and mute until the client gives up
        const QByteArray body = QJsonDocument(response.json).toJson(QJsonDocument::Compact);
        QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + " Stub\r\n"
            + "Content-Type: application/json; charset=utf-8\r\n" + "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n" + "Connection: close\r\n\r\n";
        guard->write(head + body);
        guard->disconnectFromHost();
    };
    if (response.delayMs > 0)
        QTimer::singleShot(response.delayMs, this, write);
    else
        write();
}
