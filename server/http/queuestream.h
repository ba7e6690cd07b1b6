#pragma once

#include "queuestatus.h"
#include "services/tokensigner.h"

#include <QHash>
#include <QObject>
#include <QThreadPool>

#include <optional>

class QHttpServer;
class QWebSocket;
class QueueService;

/**
 * @brief `GET /api/v1/queue/stream` (api-contract.md, "Waiting rooms": push): a WebSocket on
 * the API's port that sends a token's status object as `GET /queue/status` would answer it.
 *
 * The client's first text message is `{"token": "<token>"}`; the status is sent at once, then
 * after every tick in which status, position, estimatedWaitSeconds or soldOut changed, at most
 * once a second, except that ACTIVE and EXPIRED are sent on the tick that shows them. A token
 * this server never issued closes the stream with 4401, a first message that is not that JSON
 * with 4400; once the token is EXPIRED the stream sends that status and closes with 1000.
 * An open stream counts as seeing its token (abandonment). Lives in the server's thread.
 */
class QueueStream : public QObject
{
    Q_OBJECT
public:
    explicit QueueStream(QueueService &queue, QObject *parent = nullptr);
    ~QueueStream() override;

    /** @brief Registers the upgrade route on @p server and takes its WebSocket connections. */
    void attach(QHttpServer &server);
    /** @brief Open streams (tests, metrics). */
    [[nodiscard]] int streamCount() const { return int(m_clients.size()); }

private:
    struct Client
    {
        std::optional<TokenClaims> claims;
        std::optional<QueueStatus> last; ///< the last status sent
        qint64 lastSentMs = 0;
        bool closing = false;
    };

    void accept(QWebSocket *socket);
    void firstMessage(QWebSocket *socket, const QString &text);
    /** @brief Sends @p status when it changed and the rate allows (or @p force). */
    void offer(QWebSocket *socket, const QueueStatus &status, bool force);
    /** @brief Looks the token up in memory, or in the database on a worker thread. */
    void refresh(QWebSocket *socket, bool force);
    void onTick();

    QueueService &m_queue;
    QHash<QWebSocket *, Client> m_clients;
    QThreadPool m_pool;
};
