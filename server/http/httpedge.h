#pragma once

#include "apierror.h"
#include "services/result.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QThreadPool>

#include <memory>
#include <vector>

#include <atomic>
#include <functional>
#include <optional>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

/** @brief An answer before it is written: HTTP status and JSON body. */
struct ApiResponse
{
    int status = 200;
    QJsonObject body;
    QList<QPair<QByteArray, QByteArray>> headers; ///< extra headers, e.g. Retry-After

    /** @brief The contract's error body with the status the contract gives its code. */
    static ApiResponse error(const ApiError &error);
    static ApiResponse error(ErrorCode code, const QString &message);
    /** @brief @p status with @p result's value as JSON, or the error response. */
    template<typename T>
    static ApiResponse from(const Result<T> &result, int status = 200)
    {
        if (!result)
            return error(result.error());
        return ApiResponse{status, result.value().toJson()};
    }
};

/**
 * @brief Where requests meet the worker threads (qt-notes.md, "QtHttpServer 6.4.2").
 *
 * Handlers answer cheap requests at once on the server's thread. Work that needs the database
 * goes to dispatch(): the responder moves into a shared pointer, the job runs on a pool of
 * `--db-pool-size` threads (each with its own connection), and the answer is written back on
 * the server's thread only if the client is still connected. This avoids the QFuture handler
 * crash of QtHttpServer 6.4 when clients disconnect early.
 */
class HttpEdge : public QObject
{
    Q_OBJECT
public:
    /** @brief Request bodies above this many bytes get 413 PAYLOAD_TOO_LARGE. */
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    explicit HttpEdge(int poolSize, QObject *parent = nullptr);
    ~HttpEdge() override;

    /** @brief Writes @p response as JSON (`application/json; charset=utf-8`). */
    static void write(QHttpServerResponder &responder, const ApiResponse &response);
    /** @brief Runs @p job on the pool and writes its answer back on this thread. */
    void dispatch(QHttpServerResponder &&responder, std::function<ApiResponse()> job);

    /** @brief A request whose answer comes later (dispatchBatch()); take it with defer(). */
    struct Deferred
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket; ///< null once the client is gone
    };
    /** @brief Keeps @p responder (and a guard on its socket) for a later dispatchBatch(). */
    Deferred defer(QHttpServerResponder &&responder);
    /**
     * @brief Runs @p job once on the pool for several requests and writes its i-th answer to
     * @p requests[i] back on this thread (each only if that client is still connected).
     * @p job returns one answer per request, in order.
     */
    void dispatchBatch(std::vector<Deferred> requests,
                       std::function<std::vector<ApiResponse>()> job);

    /**
     * @brief The contract's checks every route does first, in its order: a method token the
     * server does not know is 501, a known method the route does not take is 405 (HEAD and
     * unknown tokens reach the routes as GET; the method the client sent comes from
     * EdgeSocket::info()), a body over 64 KiB is 413. Writes the error and returns false when
     * one applies.
     */
    static bool admit(const QHttpServerRequest &request, QHttpServerResponder &responder,
                      QHttpServerRequest::Methods allowed);
    /**
     * @brief What every route checks before its own work: admit() (501, 405, 413), then
     * `503 UNAVAILABLE` while @p ready is false (the schema is not ready yet). Writes the error
     * and returns false when one applies.
     */
    static bool admitWhenReady(const QHttpServerRequest &request, QHttpServerResponder &responder,
                               QHttpServerRequest::Methods allowed, bool ready);
    /** @brief `400 INVALID_ARGUMENT` with @p message (api-contract.md, "Conventions"). */
    [[nodiscard]] static ApiError invalid(const QString &message);
    /**
     * @brief An id from a path: an integer from 1 to 2^63-1 into @p id, else the 400
     * INVALID_ARGUMENT to answer, naming the field @p name (api-contract.md, "Conventions").
     */
    static std::optional<ApiError> idArg(const QString &text, qint64 *id, const QString &name);
    /**
     * @brief The client's address: the peer, or the last X-Forwarded-For hop when the peer is a
     * `--trusted-proxy` (api-contract.md, "Limits at the edge").
     */
    static QHostAddress clientAddress(const QHttpServerRequest &request,
                                      const QHttpServerResponder &responder);
    /**
     * @brief The body as a JSON object, or the reason it is not one (400): malformed JSON and
     * what JsonFields::strictJsonProblem() refuses.
     */
    static Result<QJsonObject> jsonBody(const QHttpServerRequest &request);
    /**
     * @brief A list route's `?page=&size=` (page >= 1, size 1..100; defaults 1 and 20) into
     * @p page and @p size; else the 400 INVALID_ARGUMENT to answer.
     */
    static std::optional<ApiError> pageArgs(const QHttpServerRequest &request, int *page,
                                            int *size);
    /** @brief A request header, compared case-insensitively; empty when absent. */
    static QByteArray header(const QHttpServerRequest &request, const QByteArray &name);
    static bool hasHeader(const QHttpServerRequest &request, const QByteArray &name);

    /** @brief Requests whose answers are still being worked on. */
    [[nodiscard]] int inFlight() const { return m_inFlight.load(); }

private:
    QThreadPool m_pool;
    std::atomic<int> m_inFlight{0};
};
