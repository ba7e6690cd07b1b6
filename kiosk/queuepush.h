#pragma once

#include "queuestatus.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QWebSocket>

/**
 * @brief One push stream of a queue token: `GET /api/v1/queue/stream` upgraded to a WebSocket
 * (api-contract.md, "Waiting rooms", push).
 *
 * open() connects to the server's base URL (http → ws, https → wss) and sends
 * `{"token": "<token>"}` as the first text message; every status object the server sends
 * arrives as statusReceived(). When the stream cannot be opened, drops, or the server closes it
 * (1000 after EXPIRED, 4401 for a token it never issued, 4400 for a bad first message),
 * ended() says so once; QueueSession then polls and decides whether to open it again.
 */
class QueuePush : public QObject
{
    Q_OBJECT

public:
    explicit QueuePush(QObject *parent = nullptr);
    ~QueuePush() override;

    /** @brief The stream's URL for a server at @p baseUrl (no /api/v1). */
    [[nodiscard]] static QUrl streamUrl(const QUrl &baseUrl);

    /**
     * @brief Opens a stream for @p token on the server at @p baseUrl, closing any open one.
     * @p connectTimeoutMs bounds the connection and the wait for the first status (>= 100).
     */
    void open(const QUrl &baseUrl, const QString &token, int connectTimeoutMs = 10000);
    /** @brief Closes the stream (1000) without emitting ended(). */
    void close();
    /** @brief True once the server's first status arrived and until the stream ends. */
    [[nodiscard]] bool live() const { return m_live; }
    /** @brief True from open() until the stream ends or close(). */
    [[nodiscard]] bool isOpen() const { return m_socket != nullptr; }

Q_SIGNALS:
    /**
     * @brief The server sent @p status (the body of `GET /queue/status`); @p paused is its
     * `paused` field when present (not in the contract, see QueueSession::paused).
     */
    void statusReceived(const QueueStatus &status, bool paused);
    /** @brief live() changed. */
    void liveChanged();
    /**
     * @brief The stream is over: @p closeCode is the server's close code (1000, 4400, 4401...)
     * or 0 when it failed to connect, timed out or dropped without one; @p wasLive tells
     * whether it had delivered a status.
     */
    void ended(int closeCode, bool wasLive);

private:
    void finish(int closeCode);
    void setLive(bool live);

    QPointer<QWebSocket> m_socket;
    QString m_token;
    bool m_live = false;
    quint64 m_generation = 0;
};
