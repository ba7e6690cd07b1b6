#include "http/httplistener.h"

#include <QTimer>

#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

QHostAddress peerOf(qintptr fd)
{
    sockaddr_storage storage = {};
    socklen_t length = sizeof storage;
    if (::getpeername(int(fd), reinterpret_cast<sockaddr *>(&storage), &length) != 0)
        return {};
    QHostAddress address(reinterpret_cast<sockaddr *>(&storage));
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

HttpListener::HttpListener(const EdgeLimits &limits, int maxConnections, int maxConnectionsPerIp,
                           QObject *parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_maxConnections(maxConnections)
    , m_maxConnectionsPerIp(maxConnectionsPerIp)
    , m_sweep(new QTimer(this))
{
    // One timer for all deadlines: starting and stopping a timer per request and per read costs
    // more than looking at every connection a few times a second.
    m_sweep->setInterval(200);
    connect(m_sweep, &QTimer::timeout, this, [this]() {
        const qint64 now = EdgeSocket::now();
        const QList<EdgeSocket *> sockets = findChildren<EdgeSocket *>(Qt::FindDirectChildrenOnly);
        for (EdgeSocket *socket : sockets)
            socket->checkTimers(now);
    });
    m_sweep->start();
}

void HttpListener::incomingConnection(qintptr socketDescriptor)
{
    const QHostAddress peer = peerOf(socketDescriptor);
    bool trusted = false;
    for (const QHostAddress &proxy : m_limits.trustedProxies)
        trusted = trusted || proxy.isEqual(peer, QHostAddress::ConvertV4MappedToIPv4);
    int &fromPeer = m_perIp[peer];
    if (m_open >= m_maxConnections || (!trusted && fromPeer >= m_maxConnectionsPerIp)) {
        if (fromPeer == 0)
            m_perIp.remove(peer);
        ::close(int(socketDescriptor)); // at once: no byte read, no answer
        return;
    }
    auto *socket = new EdgeSocket(m_limits, this);
    if (!socket->adopt(socketDescriptor)) {
        delete socket;
        ::close(int(socketDescriptor));
        if (fromPeer == 0)
            m_perIp.remove(peer);
        return;
    }
    ++m_open;
    if (!trusted)
        ++fromPeer;
    else if (fromPeer == 0)
        m_perIp.remove(peer);
    // Counted until the descriptor is closed (disconnected), or the socket is gone.
    auto counted = std::make_shared<bool>(true);
    auto done = [this, peer, trusted, counted]() {
        if (!*counted)
            return;
        *counted = false;
        release(peer, !trusted);
    };
    connect(socket, &QAbstractSocket::disconnected, this, done);
    connect(socket, &QObject::destroyed, this, done);
    addPendingConnection(socket); // QTcpServer emits newConnection() once this returns
}

void HttpListener::release(const QHostAddress &address, bool perIp)
{
    --m_open;
    if (!perIp)
        return;
    auto it = m_perIp.find(address);
    if (it != m_perIp.end() && --it.value() <= 0)
        m_perIp.erase(it);
}

qint64 HttpListener::raiseOpenFileLimit(qint64 wanted)
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (wanted > 0 && rlim_t(wanted) > limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_max = rlim_t(wanted);
        raised.rlim_cur = rlim_t(wanted);
        if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) // needs CAP_SYS_RESOURCE
            limit = raised;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
    ::getrlimit(RLIMIT_NOFILE, &limit);
    return qint64(limit.rlim_cur);
}
