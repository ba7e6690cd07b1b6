#pragma once

#include "apierror.h"
#include "services/result.h"

#include <QHostAddress>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QHttpServerRouterRule>
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
    /// The body already written as JSON (a cached seat map); when not empty it is sent as is
    /// and `body` is ignored.
    QByteArray json;

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
 * @brief The `result` label of concert_holds_total / concert_payments_total for @p result:
 * @p ok when it succeeded, else its error code in lower case (`seat_unavailable`).
 */
template<typename T>
QString metricResult(const Result<T> &result, const char *ok)
{
    return result ? QString::fromLatin1(ok) : errorCodeName(result.error().code).toLower();
}

/**
 * @brief What the answer observer learns of each answered request (metrics, access log).
 * Never a path, query, header or body: nothing secret.
 */
struct AnsweredRequest
{
    QByteArray method; ///< "GET", "POST", ... as the client sent it; "OTHER" for unknown tokens
    QString route; ///< route template (`/api/v1/reservations/{id}`); `(unmatched)`, `(edge)`
    int status = 0; ///< HTTP status written
    qint64 durationNs = 0; ///< from routing the request to writing its answer, in ns
    qint64 bytes = 0; ///< body bytes written
    QHostAddress client; ///< the client's address (HttpEdge::clientAddress())
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
    /** @brief Writes @p body (not JSON-encoded here) with @p contentType and @p status. */
    static void writeBody(QHttpServerResponder &responder, int status, const QByteArray &body,
                          const QByteArray &contentType);
    /** @brief Called on the server's thread once for every answer written (set before serving). */
    using AnswerObserver = std::function<void(const AnsweredRequest &)>;
    static void setAnswerObserver(AnswerObserver observer);
    /**
     * @brief Tells the observer of an answer: @p status with @p bytes of body for the request
     * routed now on this thread (write() calls it; so does the WebSocket upgrade for its 101).
     * @p byEdge: an answer EdgeSocket wrote itself before routing (414, 431, 413, 400 framing),
     * counted with route `(edge)`.
     */
    static void notifyAnswered(int status, qint64 bytes, const QTcpSocket *socket,
                               bool byEdge = false);

    /**
     * @brief Marks the request being routed on this thread until destroyed: its method, the
     * route template and the time it started, for the answer observer. RouteRule opens one
     * for every matched route; dispatch() carries it to the worker's answer.
     */
    class ExchangeScope
    {
    public:
        ExchangeScope(const QHttpServerRequest &request, const QTcpSocket *socket,
                      const QString &route);
        ~ExchangeScope();
        Q_DISABLE_COPY_MOVE(ExchangeScope)

    private:
        friend class HttpEdge;
        struct Exchange
        {
            QByteArray method;
            QString route;
            qint64 startedNs = 0;
        };
        explicit ExchangeScope(const Exchange &exchange);
        static const Exchange *current();
        static thread_local const Exchange *s_current;
        Exchange m_exchange;
        const Exchange *m_previous;
    };

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
     * @brief The body read as a request value `T` through `T::fromJson(object, &why)`: the
     * value, or std::nullopt with @p error set to jsonBody()'s 400 or `400 INVALID_ARGUMENT`
     * with the reason. When @p error is already set (an earlier check failed) it reads nothing.
     */
    template<typename T>
    static std::optional<T> bodyAs(const QHttpServerRequest &request,
                                   std::optional<ApiError> &error)
    {
        if (error)
            return std::nullopt;
        const Result<QJsonObject> body = jsonBody(request);
        if (!body) {
            error = body.error();
            return std::nullopt;
        }
        QString why;
        std::optional<T> value = T::fromJson(body.value(), &why);
        if (!value)
            error = invalid(why);
        return value;
    }
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

/**
 * @brief A route of the table that knows its template: `server.route<RouteRule>(path, ...)`.
 * It opens an HttpEdge::ExchangeScope around the handler, with the path pattern written as a
 * template (`<arg>` becomes `{date}` after `dates/`, `{userId}` after `users/`, else `{id}`).
 * Every route file registers through it, so that metrics and the access log never see a raw
 * path (api-contract.md, "For operators and integrators").
 */
class RouteRule : public QHttpServerRouterRule
{
public:
    RouteRule(const QString &pathPattern, RouterHandler handler);
    RouteRule(const QString &pathPattern, QHttpServerRequest::Methods methods,
              RouterHandler handler);

    /** @brief `/api/v1/concerts/<arg>/dates` → `/api/v1/concerts/{id}/dates`. */
    static QString templateOf(const QString &pathPattern);
};
