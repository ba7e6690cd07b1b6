#include "httpclient.h"

#include <QBuffer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace {

qsizetype headerEnd(const QByteArray &raw)
{
    const qsizetype end = raw.indexOf("\r\n\r\n");
    return end < 0 ? -1 : end + 4;
}

bool isComplete(const QByteArray &raw)
{
    const qsizetype end = headerEnd(raw);
    if (end < 0)
        return false;
    const QByteArray head = raw.left(end).toLower();
    const qsizetype at = head.indexOf("content-length:");
    if (at < 0)
        return false; // read until the server closes
    const qsizetype lineEnd = head.indexOf("\r\n", at);
    const qint64 length = head.mid(at + 15, lineEnd - at - 15).trimmed().toLongLong();
    return raw.size() - end >= length;
}

HttpReply parseResponse(const QByteArray &raw)
{
    HttpReply result;
    const qsizetype end = headerEnd(raw);
    if (end < 0)
        return result;
    const QList<QByteArray> lines = raw.left(end - 4).split('\n');
    const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
    result.status = statusLine.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            result.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    result.body = raw.mid(end);
    const QJsonDocument doc = QJsonDocument::fromJson(result.body);
    if (doc.isObject())
        result.json = doc.object();
    return result;
}

/**
 * With CONCERT_HTTP_RECORD=FILE every exchange is appended to FILE as one JSON line
 * {"method","path","query","status","contentType","body"}: tests/openapi/check_exchanges.py
 * checks them against resources/openapi.json.
 */
void record(const HttpClient::Request &request, const QUrl &url, const HttpReply &reply)
{
    static const QString path = qEnvironmentVariable("CONCERT_HTTP_RECORD");
    if (path.isEmpty())
        return;
    QByteArray contentType;
    for (const auto &[name, value] : reply.headers) {
        if (name.compare("Content-Type", Qt::CaseInsensitive) == 0)
            contentType = value;
    }
    const QJsonObject line{{QStringLiteral("method"), QString::fromLatin1(request.method)},
                           {QStringLiteral("path"), url.path()},
                           {QStringLiteral("query"), url.query()},
                           {QStringLiteral("status"), reply.status},
                           {QStringLiteral("contentType"), QString::fromLatin1(contentType)},
                           {QStringLiteral("body"), QString::fromUtf8(reply.body)}};
    QFile file(path);
    if (file.open(QIODevice::Append))
        file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}

} // namespace

QString HttpReply::errorCode() const
{
    return json.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

HttpClient::HttpClient(const QUrl &baseUrl)
    : m_baseUrl(baseUrl)
{ }

QUrl HttpClient::resolve(const QUrl &base, const QString &path) const
{
    QUrl root = base.isEmpty() ? m_baseUrl : base;
    return QUrl(root.toString(QUrl::StripTrailingSlash) + path);
}

HttpReply HttpClient::get(const QString &path, const HttpHeaders &headers, int timeoutMs)
{
    return send("GET", path, {}, headers, timeoutMs);
}

HttpReply HttpClient::post(const QString &path, const QJsonObject &body, const HttpHeaders &headers,
                           int timeoutMs)
{
    return send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers,
                timeoutMs);
}

HttpReply HttpClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           const HttpHeaders &headers, int timeoutMs)
{
    const QList<HttpReply> replies =
        sendConcurrently({Request{method, path, body, headers, {}}}, 1, timeoutMs);
    return replies.value(0);
}

QList<HttpReply> HttpClient::sendConcurrently(const QList<Request> &requests, int maxParallel,
                                              int timeoutMs)
{
    // Raw sockets, one connection per request: QNetworkAccessManager would queue all but six
    // requests per host, and concurrency tests need every request in flight at once.
    QList<HttpReply> replies(requests.size());
    QEventLoop loop;
    int next = 0;
    int finished = 0;
    int inFlight = 0;
    std::function<void()> launchMore;
    auto finish = [&](int index, QTcpSocket *socket, const QByteArray &raw) {
        if (replies[index].status == 0 && !raw.isEmpty())
            replies[index] = parseResponse(raw);
        socket->deleteLater();
        --inFlight;
        if (++finished == requests.size())
            loop.quit();
        else
            launchMore();
    };
    launchMore = [&]() {
        while (inFlight < maxParallel && next < requests.size()) {
            const int index = next++;
            const Request &r = requests.at(index);
            const QUrl url = resolve(r.base, r.path);
            auto *socket = new QTcpSocket;
            auto raw = std::make_shared<QByteArray>();
            auto done = std::make_shared<bool>(false);
            ++inFlight;
            QByteArray head = r.method + ' ' + url.path(QUrl::FullyEncoded).toUtf8();
            if (url.hasQuery())
                head += '?' + url.query(QUrl::FullyEncoded).toUtf8();
            head += " HTTP/1.1\r\nHost: " + url.host().toUtf8() + ':'
                + QByteArray::number(url.port()) + "\r\nConnection: close\r\n";
            if (!r.body.isEmpty() || r.method == "POST")
                head += "Content-Type: application/json\r\n";
            head += "Content-Length: " + QByteArray::number(r.body.size()) + "\r\n";
            for (const auto &header : r.headers)
                head += header.first + ": " + header.second + "\r\n";
            head += "\r\n";
            const QByteArray payload = head + r.body;
            QObject::connect(socket, &QTcpSocket::connected, socket,
                             [socket, payload]() { socket->write(payload); });
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [=, &replies]() {
                *raw += socket->readAll();
                if (!*done && isComplete(*raw)) {
                    *done = true;
                    replies[index] = parseResponse(*raw);
                    socket->disconnectFromHost();
                }
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [=]() {
                if (*done == false) {
                    *done = true;
                    *raw += socket->readAll();
                }
                if (!socket->property("finished").toBool()) {
                    socket->setProperty("finished", true);
                    finish(index, socket, *raw);
                }
            });
            QObject::connect(socket, &QTcpSocket::errorOccurred, socket,
                             [=](QAbstractSocket::SocketError) {
                                 if (socket->state() == QAbstractSocket::UnconnectedState
                                     && !socket->property("finished").toBool()) {
                                     socket->setProperty("finished", true);
                                     finish(index, socket, *raw);
                                 }
                             });
            socket->connectToHost(url.host(), quint16(url.port()));
        }
    };
    launchMore();
    if (finished < requests.size()) {
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    for (qsizetype i = 0; i < requests.size(); ++i)
        record(requests.at(i), resolve(requests.at(i).base, requests.at(i).path), replies.at(i));
    return replies;
}

HttpHeaders HttpClient::bearer(const QString &token)
{
    return {{QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token.toUtf8()}};
}
