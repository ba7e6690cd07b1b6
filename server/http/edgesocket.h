#pragma once

#include "apierror.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QList>
#include <QTcpSocket>

/** @brief The limits of api-contract.md, "Limits at the edge", one connection sees. */
struct EdgeLimits
{
    static constexpr qsizetype kMaxRequestLine = 8192; ///< bytes, without CRLF → 414
    static constexpr qsizetype kMaxHeaderBlock = 16384; ///< header lines with CRLFs → 431
    static constexpr qsizetype kMaxBody = 65536; ///< declared or de-chunked body bytes → 413
    static constexpr qint64 kMaxUnsentBytes = 1024 * 1024; ///< answers not yet taken by the client
    static constexpr qint64 kMinBodyBytesPerSecond = 1024; ///< slower bodies are dropped
    static constexpr int kLingerMs = 2000; ///< input drained after a closing error answer

    int headerTimeoutMs = 10000; ///< `--header-timeout-seconds`, from a request's first byte
    int idleTimeoutMs = 120000; ///< `--keep-alive-seconds`: nothing read or written this long
    QList<QHostAddress> trustedProxies; ///< `--trusted-proxy`: peers whose X-Forwarded-For counts
};

/** @brief What the edge learnt about the request QtHttpServer is handling on a connection. */
struct EdgeRequestInfo
{
    QByteArray methodToken; ///< as the client sent it, e.g. "PROPFIND", "get", "HEAD"
    QHttpServerRequest::Method method = QHttpServerRequest::Method::Unknown; ///< Unknown: 501
    QHostAddress client; ///< peer, or the last X-Forwarded-For hop behind a trusted proxy
};

/**
 * @brief One client connection, guarded before QtHttpServer 6.4's parser sees a byte
 * (api-contract.md, "Limits at the edge"; qt-notes.md, "Learned 2026-12-02").
 *
 * Its own readyRead() slot, connected before QtHttpServer's, takes every byte out of Qt's read
 * buffer (capped, so that Qt stops reading a client nobody serves), frames each request
 * (request line ≤ 8,192 bytes → else 414, header block ≤ 16,384 → else 431, declared body
 * ≤ 65,536 → else 413 before the body is read, no Content-Length with Transfer-Encoding, no
 * differing Content-Lengths, no Transfer-Encoding but `chunked` → else 400 and close), and
 * puts exactly one complete, normalised request at a time back into the buffer (ungetChar())
 * for QtHttpServer to parse:
 * a chunked body arrives there de-chunked with a Content-Length; HEAD, OPTIONS, TRACE, CONNECT
 * and unknown method tokens arrive as GET (QtHttpServer 6.4 would not route them; the route
 * answers 405 or 501 from info()), and a HEAD answer leaves without its body. Bytes it may not
 * take yet stay in Qt's buffer behind a transaction, invisible to QtHttpServer.
 * The next pipelined request is handed over only once the answer to the previous one was
 * written, so answers leave in request order whatever thread computed them.
 *
 * Deadlines: a request's headers must be complete `headerTimeoutMs` after its first byte, its
 * body must then arrive at kMinBodyBytesPerSecond; a connection with nothing read or written
 * for `idleTimeoutMs` is closed. While more than kMaxUnsentBytes of answers wait for the client
 * to read, nothing more is read (the kernel's TCP window holds the client back).
 */
class EdgeSocket : public QTcpSocket
{
    Q_OBJECT
public:
    explicit EdgeSocket(const EdgeLimits &limits, QObject *parent = nullptr);
    ~EdgeSocket() override;

    /** @brief Takes over the accepted descriptor @p fd; false if Qt refuses it. */
    bool adopt(qintptr fd);

    /**
     * @brief Applies the deadlines at @p nowMs (now()): closes the connection when its
     * header/body deadline has passed, or nothing was read or written for `idleTimeoutMs`.
     * HttpListener calls it for every connection a few times a second (one timer for all).
     */
    void checkTimers(qint64 nowMs);
    /** @brief A monotonic clock in ms, never 0. */
    static qint64 now();

    /** @brief The request being answered on @p socket, or nullptr if it is not an EdgeSocket. */
    static const EdgeRequestInfo *info(const QObject *socket);

protected:
    qint64 writeData(const char *data, qint64 size) override;

private:
    enum class Phase { Head, Body, Chunked, InFlight, Closing };
    enum class Step { NeedMore, Released, Stopped };

    void onReadyRead();
    void pump();
    bool pull();
    Step parseHead();
    Step parseBody();
    Step parseChunked();
    void release();
    void refuse(ErrorCode code, const QString &message);
    void answerWritten();
    void onBytesWritten();
    void onDeadline();
    void flushAnswer(qsizetype length);
    [[nodiscard]] bool congested() const;
    QByteArrayView pending() const;

    const EdgeLimits m_limits;
    qint64 m_deadlineMs = 0; ///< now() when the header/body/linger deadline passes; 0: none
    qint64 m_lastActivityMs = 0; ///< now() of the last byte read or written; -1: no idle limit
    Phase m_phase = Phase::Head;
    bool m_inReadyRead = false;
    bool m_emitting = false;
    bool m_passthrough = false; ///< after a WebSocket upgrade: plain socket
    qint64 m_drained = 0; ///< bytes dropped during a lingering close

    QByteArray m_raw; ///< bytes from the network not yet framed
    qsizetype m_rawPos = 0;
    QByteArray m_ready; ///< the one request QtHttpServer may read

    // The request being framed.
    QByteArray m_head; ///< normalised request line and headers, without the final CRLF
    bool m_rewrite = false;
    qsizetype m_rawHeadLength = 0;
    qint64 m_bodyLength = 0;
    QByteArray m_body;
    qint64 m_chunkLeft = -1; ///< -1: expecting a chunk-size line; -2: trailers
    bool m_upgrade = false;
    EdgeRequestInfo m_next;
    EdgeRequestInfo m_current;

    // The answer being written.
    QByteArray m_out;
    qint64 m_outHeadEnd = -1;
    qint64 m_outLength = -1;
};
