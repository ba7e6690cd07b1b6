#pragma once

#include "http/edgesocket.h"

#include <QHash>
#include <QHostAddress>
#include <QTcpServer>

class QTimer;

/**
 * @brief The listening socket of concert-server (api-contract.md, "Limits at the edge").
 *
 * Each accepted connection becomes an EdgeSocket (framing limits, header deadline, ordered
 * pipelining, unsent-answer cap, idle close after `--keep-alive-seconds`). Beyond
 * `--max-connections` open connections in all, or `--max-connections-per-ip` from one peer
 * address, a new connection is closed at once, before any byte is read; so the process never
 * reaches its open-file limit (see raiseOpenFileLimit()) and its event loop never spins on a
 * listening socket it cannot accept from. Trusted proxies (`--trusted-proxy`) count only
 * towards the total: the clients behind them share their address.
 */
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    /** @brief @p maxConnections and @p maxConnectionsPerIp: 1..1,000,000. */
    HttpListener(const EdgeLimits &limits, int maxConnections, int maxConnectionsPerIp,
                 QObject *parent = nullptr);

    /**
     * @brief Raises this process's open-file limit to at least @p wanted descriptors (and at
     * least to the soft limit's current hard limit); returns the new soft limit, -1 on error.
     */
    static qint64 raiseOpenFileLimit(qint64 wanted = 0);

    /** @brief Connections open now. */
    [[nodiscard]] int openConnections() const { return m_open; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void release(const QHostAddress &address, bool perIp);

    EdgeLimits m_limits;
    QTimer *m_sweep = nullptr; ///< applies every connection's deadlines, 5 times a second
    const int m_maxConnections;
    const int m_maxConnectionsPerIp;
    int m_open = 0;
    QHash<QHostAddress, int> m_perIp;
};
