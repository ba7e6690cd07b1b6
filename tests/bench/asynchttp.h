#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

class QTcpSocket;
class QTimer;

/** @brief One answer of HttpConnectionPool; status 0 means none arrived (see error). */
struct HttpResult
{
    int status = 0;
    QByteArray body;
    qint64 latencyUs = 0; ///< from writing the request to the last byte of the answer
    qint64 queuedUs = 0; ///< time the request waited in the pool for a free connection
    QString error;
};

/**
 * @brief An asynchronous HTTP/1.1 client for the load driver: at most @p connections
 * keep-alive connections to one host, one request at a time on each (no pipelining), requests
 * beyond that wait in a FIFO. Callbacks run on the thread that owns the pool.
 *
 * A request that gets no complete answer within @p timeoutMs fails with status 0 and its
 * connection is reopened. Answers must carry Content-Length (QtHttpServer's do).
 */
class HttpConnectionPool : public QObject
{
    Q_OBJECT
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    using Callback = std::function<void(const HttpResult &)>;

    HttpConnectionPool(const QString &host, quint16 port, int connections, int timeoutMs,
                       QObject *parent = nullptr);
    ~HttpConnectionPool() override;

    /** @brief Queues a request; @p done runs exactly once unless the pool is destroyed first. */
    void send(const QByteArray &method, const QByteArray &path, const QByteArray &body,
              const Headers &headers, Callback done);

    [[nodiscard]] int inFlight() const;
    [[nodiscard]] qsizetype queued() const { return qsizetype(m_queue.size()); }

private:
    struct Pending
    {
        QByteArray payload;
        Callback done;
        QElapsedTimer queuedAt;
    };
    struct Connection
    {
        QTcpSocket *socket = nullptr;
        QByteArray buffer;
        std::unique_ptr<Pending> current;
        QElapsedTimer sentAt;
        qint64 queuedUs = 0;
    };

    void pump();
    void startOn(Connection &connection);
    void readFrom(Connection &connection);
    void fail(Connection &connection, const QString &why);
    void finish(Connection &connection, HttpResult result);
    void checkTimeouts();

    QString m_host;
    quint16 m_port;
    int m_timeoutMs;
    std::vector<std::unique_ptr<Connection>> m_connections;
    std::deque<std::unique_ptr<Pending>> m_queue;
    QTimer *m_watchdog = nullptr;
};
