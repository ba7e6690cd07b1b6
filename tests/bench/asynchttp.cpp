#include "asynchttp.h"

#include <QTcpSocket>
#include <QTimer>

HttpConnectionPool::HttpConnectionPool(const QString &host, quint16 port, int connections,
                                       int timeoutMs, QObject *parent)
    : QObject(parent)
    , m_host(host)
    , m_port(port)
    , m_timeoutMs(timeoutMs)
{
    for (int i = 0; i < connections; ++i) {
        auto connection = std::make_unique<Connection>();
        Connection *c = connection.get();
        c->socket = new QTcpSocket(this);
        c->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(c->socket, &QTcpSocket::connected, this, [this, c]() {
            if (c->current)
                startOn(*c);
            else
                pump();
        });
        connect(c->socket, &QTcpSocket::readyRead, this, [this, c]() { readFrom(*c); });
        connect(c->socket, &QTcpSocket::disconnected, this, [this, c]() {
            if (c->current)
                fail(*c, QStringLiteral("connection closed before the answer"));
        });
        connect(c->socket, &QTcpSocket::errorOccurred, this,
                [this, c](QAbstractSocket::SocketError) {
                    if (c->current && c->socket->state() == QAbstractSocket::UnconnectedState)
                        fail(*c, c->socket->errorString());
                });
        m_connections.push_back(std::move(connection));
    }
    m_watchdog = new QTimer(this);
    m_watchdog->setInterval(250);
    connect(m_watchdog, &QTimer::timeout, this, &HttpConnectionPool::checkTimeouts);
    m_watchdog->start();
}

HttpConnectionPool::~HttpConnectionPool()
{
    for (const auto &connection : m_connections)
        connection->socket->disconnect(this);
}

int HttpConnectionPool::inFlight() const
{
    int count = 0;
    for (const auto &connection : m_connections)
        count += connection->current ? 1 : 0;
    return count;
}

void HttpConnectionPool::send(const QByteArray &method, const QByteArray &path,
                              const QByteArray &body, const Headers &headers, Callback done)
{
    QByteArray payload = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_host.toLatin1() + ':'
        + QByteArray::number(m_port) + "\r\n";
    if (!body.isEmpty())
        payload += "Content-Type: application/json\r\n";
    payload += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto &[name, value] : headers)
        payload += name + ": " + value + "\r\n";
    payload += "\r\n" + body;
    auto pending = std::make_unique<Pending>();
    pending->payload = std::move(payload);
    pending->done = std::move(done);
    pending->queuedAt.start();
    m_queue.push_back(std::move(pending));
    pump();
}

void HttpConnectionPool::pump()
{
    for (const auto &connection : m_connections) {
        if (m_queue.empty())
            return;
        Connection &c = *connection;
        if (c.current)
            continue;
        const auto state = c.socket->state();
        if (state == QAbstractSocket::ConnectedState) {
            c.current = std::move(m_queue.front());
            m_queue.pop_front();
            startOn(c);
        } else if (state == QAbstractSocket::UnconnectedState) {
            // Claim the request now; it is written once the connection is up.
            c.current = std::move(m_queue.front());
            m_queue.pop_front();
            c.buffer.clear();
            c.socket->connectToHost(m_host, m_port);
        }
    }
}

void HttpConnectionPool::startOn(Connection &c)
{
    c.buffer.clear();
    c.queuedUs = c.current->queuedAt.nsecsElapsed() / 1000;
    c.sentAt.start();
    c.socket->write(c.current->payload);
}

void HttpConnectionPool::readFrom(Connection &c)
{
    c.buffer += c.socket->readAll();
    if (!c.current)
        return;
    const qsizetype headerEnd = c.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QByteArray head = c.buffer.left(headerEnd);
    qint64 length = -1;
    for (const QByteArray &line : head.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (trimmed.size() > 15
            && trimmed.left(15).compare("content-length:", Qt::CaseInsensitive) == 0)
            length = trimmed.mid(15).trimmed().toLongLong();
    }
    if (length < 0) {
        fail(c, QStringLiteral("answer without Content-Length"));
        return;
    }
    if (c.buffer.size() - (headerEnd + 4) < length)
        return;
    HttpResult result;
    result.status = head.mid(head.indexOf(' ') + 1, 3).toInt();
    result.body = c.buffer.mid(headerEnd + 4, length);
    c.buffer.remove(0, headerEnd + 4 + length);
    finish(c, std::move(result));
}

void HttpConnectionPool::fail(Connection &c, const QString &why)
{
    HttpResult result;
    result.error = why;
    // Aborting emits disconnected(): hide the request from that handler meanwhile.
    std::unique_ptr<Pending> pending = std::move(c.current);
    c.socket->abort();
    c.current = std::move(pending);
    finish(c, std::move(result));
}

void HttpConnectionPool::finish(Connection &c, HttpResult result)
{
    std::unique_ptr<Pending> pending = std::move(c.current);
    if (!pending)
        return;
    result.latencyUs = c.sentAt.isValid() ? c.sentAt.nsecsElapsed() / 1000 : 0;
    result.queuedUs = c.queuedUs;
    c.sentAt.invalidate();
    pending->done(result);
    pump();
}

void HttpConnectionPool::checkTimeouts()
{
    for (const auto &connection : m_connections) {
        Connection &c = *connection;
        if (c.current && c.current->queuedAt.elapsed() > m_timeoutMs
            && (!c.sentAt.isValid() || c.sentAt.elapsed() > m_timeoutMs))
            fail(c, QStringLiteral("no answer within %1 ms").arg(m_timeoutMs));
    }
}
