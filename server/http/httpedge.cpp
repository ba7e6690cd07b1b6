#include "http/httpedge.h"

#include "http/edgesocket.h"
#include "jsonfields.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <chrono>
#include <exception>
#include <memory>

Q_LOGGING_CATEGORY(lcHttp, "concert.server.http")

namespace {

HttpEdge::AnswerObserver g_answerObserver;

qint64 monotonicNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// The method as the client sent it (HEAD and unknown tokens reach the routes as GET, see
// EdgeSocket); tokens outside the contract's list share "OTHER", so that made-up methods
// cannot create label values without end.
QByteArray methodLabel(const QHttpServerRequest &request, const QTcpSocket *socket)
{
    static const QByteArray known[] = {"GET",    "HEAD",    "POST",  "PUT",    "PATCH",
                                       "DELETE", "OPTIONS", "TRACE", "CONNECT"};
    const EdgeRequestInfo *edge = EdgeSocket::info(socket);
    if (!edge) {
        using M = QHttpServerRequest::Method;
        switch (request.method()) {
        case M::Get:
            return known[0];
        case M::Post:
            return known[2];
        case M::Put:
            return known[3];
        case M::Patch:
            return known[4];
        case M::Delete:
            return known[5];
        default:
            return QByteArrayLiteral("OTHER");
        }
    }
    for (const QByteArray &name : known) {
        if (edge->methodToken == name)
            return name; // shares the literal's data: no allocation per request
    }
    return QByteArrayLiteral("OTHER");
}

} // namespace

thread_local const HttpEdge::ExchangeScope::Exchange *HttpEdge::ExchangeScope::s_current = nullptr;

HttpEdge::ExchangeScope::ExchangeScope(const QHttpServerRequest &request, const QTcpSocket *socket,
                                       const QString &route)
    : ExchangeScope(Exchange{methodLabel(request, socket), route, monotonicNs()})
{ }

HttpEdge::ExchangeScope::ExchangeScope(const Exchange &exchange)
    : m_exchange(exchange)
    , m_previous(s_current)
{
    s_current = &m_exchange;
}

HttpEdge::ExchangeScope::~ExchangeScope()
{
    s_current = m_previous;
}

const HttpEdge::ExchangeScope::Exchange *HttpEdge::ExchangeScope::current()
{
    return s_current;
}

void HttpEdge::setAnswerObserver(AnswerObserver observer)
{
    g_answerObserver = std::move(observer);
}

void HttpEdge::notifyAnswered(int status, qint64 bytes, const QTcpSocket *socket, bool byEdge)
{
    if (!g_answerObserver)
        return;
    const ExchangeScope::Exchange *exchange = byEdge ? nullptr : ExchangeScope::current();
    const EdgeRequestInfo *edge = byEdge ? nullptr : EdgeSocket::info(socket);
    AnsweredRequest answered;
    answered.status = status;
    answered.bytes = bytes;
    answered.client = edge ? edge->client : socket ? socket->peerAddress() : QHostAddress();
    if (exchange && exchange->startedNs != 0) {
        answered.method = exchange->method;
        answered.route = exchange->route;
        answered.durationNs = monotonicNs() - exchange->startedNs;
        if (answered.method == "HEAD")
            answered.bytes = 0; // the edge sends a HEAD answer without its body
    } else {
        answered.method = QByteArrayLiteral("OTHER");
        answered.route = QStringLiteral("(edge)");
    }
    g_answerObserver(answered);
}

RouteRule::RouteRule(const QString &pathPattern, RouterHandler handler)
    : QHttpServerRouterRule(pathPattern,
                            [route = templateOf(pathPattern), handler = std::move(handler)](
                                const QRegularExpressionMatch &match,
                                const QHttpServerRequest &request, QTcpSocket *socket) {
                                const HttpEdge::ExchangeScope scope(request, socket, route);
                                handler(match, request, socket);
                            })
{ }

RouteRule::RouteRule(const QString &pathPattern, QHttpServerRequest::Methods methods,
                     RouterHandler handler)
    : QHttpServerRouterRule(pathPattern, methods,
                            [route = templateOf(pathPattern), handler = std::move(handler)](
                                const QRegularExpressionMatch &match,
                                const QHttpServerRequest &request, QTcpSocket *socket) {
                                const HttpEdge::ExchangeScope scope(request, socket, route);
                                handler(match, request, socket);
                            })
{ }

QString RouteRule::templateOf(const QString &pathPattern)
{
    QStringList segments = pathPattern.split(u'/');
    for (qsizetype i = 0; i < segments.size(); ++i) {
        if (segments[i] != QLatin1String("<arg>"))
            continue;
        const QString before = i > 0 ? segments[i - 1] : QString();
        segments[i] = before == QLatin1String("dates") ? QStringLiteral("{date}")
            : before == QLatin1String("users")         ? QStringLiteral("{userId}")
                                                       : QStringLiteral("{id}");
    }
    return segments.join(u'/');
}

ApiResponse ApiResponse::error(const ApiError &error)
{
    if (error.code == ErrorCode::Internal)
        qCWarning(lcHttp).noquote() << "internal error:" << error.message;
    return ApiResponse{error.httpStatus(), error.toJson()};
}

ApiResponse ApiResponse::error(ErrorCode code, const QString &message)
{
    return error(ApiError{code, message});
}

HttpEdge::HttpEdge(int poolSize, QObject *parent)
    : QObject(parent)
{
    m_pool.setMaxThreadCount(poolSize);
    m_pool.setExpiryTimeout(-1); // threads, and so their database connections, live on
}

HttpEdge::~HttpEdge()
{
    m_pool.waitForDone();
}

void HttpEdge::write(QHttpServerResponder &responder, const ApiResponse &response)
{
    if (response.status == 204 && response.headers.isEmpty()) { // No Content: no body
        responder.write(QHttpServerResponder::StatusCode::NoContent);
        notifyAnswered(204, 0, responder.socket());
        return;
    }
    QByteArray body;
    if (response.status != 204) {
        body = response.json.isEmpty() ? QJsonDocument(response.body).toJson(QJsonDocument::Compact)
                                       : response.json;
    }
    if (response.headers.isEmpty()) {
        responder.write(body,
                        {{QByteArrayLiteral("Content-Type"),
                          QByteArrayLiteral("application/json; charset=utf-8")}},
                        QHttpServerResponder::StatusCode(response.status));
        notifyAnswered(response.status, body.size(), responder.socket());
        return;
    }
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.status));
    if (response.status != 204)
        responder.writeHeader(QByteArrayLiteral("Content-Type"),
                              QByteArrayLiteral("application/json; charset=utf-8"));
    responder.writeHeader(QByteArrayLiteral("Content-Length"), QByteArray::number(body.size()));
    for (const auto &[name, value] : response.headers)
        responder.writeHeader(name, value);
    responder.writeBody(body);
    notifyAnswered(response.status, body.size(), responder.socket());
}

void HttpEdge::writeBody(QHttpServerResponder &responder, int status, const QByteArray &body,
                         const QByteArray &contentType)
{
    responder.write(body, {{QByteArrayLiteral("Content-Type"), contentType}},
                    QHttpServerResponder::StatusCode(status));
    notifyAnswered(status, body.size(), responder.socket());
}

void HttpEdge::dispatch(QHttpServerResponder &&responder, std::function<ApiResponse()> job)
{
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = shared->socket();
    const ExchangeScope::Exchange *current = ExchangeScope::current();
    ExchangeScope::Exchange exchange = current ? *current : ExchangeScope::Exchange{};
    ++m_inFlight;
    m_pool.start([this, shared, socket, exchange, job = std::move(job)]() {
        ApiResponse response;
        try {
            response = job();
        } catch (const std::exception &e) {
            response = ApiResponse::error(ErrorCode::Internal, QString::fromUtf8(e.what()));
        } catch (...) {
            response =
                ApiResponse::error(ErrorCode::Internal, QStringLiteral("unexpected failure"));
        }
        QMetaObject::invokeMethod(
            this,
            [this, shared, socket, exchange, response]() {
                if (socket && socket->state() == QAbstractSocket::ConnectedState) {
                    const ExchangeScope scope(exchange); // the answer's request, for the observer
                    write(*shared, response);
                }
                --m_inFlight;
            },
            Qt::QueuedConnection);
    });
}

HttpEdge::Deferred HttpEdge::defer(QHttpServerResponder &&responder)
{
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = shared->socket();
    ++m_inFlight;
    return Deferred{std::move(shared), socket};
}

void HttpEdge::dispatchBatch(std::vector<Deferred> requests,
                             std::function<std::vector<ApiResponse>()> job)
{
    m_pool.start([this, requests = std::move(requests), job = std::move(job)]() {
        std::vector<ApiResponse> responses;
        try {
            responses = job();
        } catch (const std::exception &e) {
            responses.clear();
            responses.resize(requests.size(),
                             ApiResponse::error(ErrorCode::Internal, QString::fromUtf8(e.what())));
        } catch (...) {
            responses.clear();
            responses.resize(
                requests.size(),
                ApiResponse::error(ErrorCode::Internal, QStringLiteral("unexpected failure")));
        }
        if (responses.size() < requests.size())
            responses.resize(requests.size(),
                             ApiResponse::error(ErrorCode::Internal, QStringLiteral("no answer")));
        QMetaObject::invokeMethod(
            this,
            [this, requests, responses]() {
                for (size_t i = 0; i < requests.size(); ++i) {
                    const Deferred &request = requests[i];
                    if (request.socket
                        && request.socket->state() == QAbstractSocket::ConnectedState)
                        write(*request.responder, responses[i]);
                    --m_inFlight;
                }
            },
            Qt::QueuedConnection);
    });
}

bool HttpEdge::admit(const QHttpServerRequest &request, QHttpServerResponder &responder,
                     QHttpServerRequest::Methods allowed)
{
    const EdgeRequestInfo *edge = EdgeSocket::info(responder.socket());
    if (edge && edge->method == QHttpServerRequest::Method::Unknown) {
        write(responder,
              ApiResponse::error(ErrorCode::NotImplemented,
                                 QStringLiteral("the server does not implement that method")));
        return false;
    }
    if (!allowed.testFlag(edge ? edge->method : request.method())) {
        write(responder,
              ApiResponse::error(ErrorCode::MethodNotAllowed,
                                 QStringLiteral("this route does not take that method")));
        return false;
    }
    if (request.body().size() > kMaxBodyBytes) {
        write(responder,
              ApiResponse::error(ErrorCode::PayloadTooLarge,
                                 QStringLiteral("the body is larger than 64 KiB")));
        return false;
    }
    return true;
}

QHostAddress HttpEdge::clientAddress(const QHttpServerRequest &request,
                                     const QHttpServerResponder &responder)
{
    const EdgeRequestInfo *edge = EdgeSocket::info(responder.socket());
    return edge ? edge->client : request.remoteAddress();
}

Result<QJsonObject> HttpEdge::jsonBody(const QHttpServerRequest &request)
{
    if (const auto problem = JsonFields::strictJsonProblem(request.body()))
        return ApiError{ErrorCode::InvalidArgument, *problem};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ApiError{
            ErrorCode::InvalidArgument,
            QStringLiteral("the body is not valid JSON: %1").arg(parseError.errorString())};
    if (!document.isObject())
        return ApiError{ErrorCode::InvalidArgument,
                        QStringLiteral("the body must be a JSON object")};
    return document.object();
}

QByteArray HttpEdge::header(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &[key, value] : request.headers()) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpEdge::hasHeader(const QHttpServerRequest &request, const QByteArray &name)
{
    for (const auto &pair : request.headers()) {
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool HttpEdge::admitWhenReady(const QHttpServerRequest &request, QHttpServerResponder &responder,
                              QHttpServerRequest::Methods allowed, bool ready)
{
    if (!admit(request, responder, allowed))
        return false;
    if (!ready) {
        write(responder,
              ApiResponse::error(ErrorCode::Unavailable,
                                 QStringLiteral("the database is not ready yet")));
        return false;
    }
    return true;
}

ApiError HttpEdge::invalid(const QString &message)
{
    return ApiError{ErrorCode::InvalidArgument, message};
}

std::optional<ApiError> HttpEdge::idArg(const QString &text, qint64 *id, const QString &name)
{
    const auto parsed = JsonFields::parseId(text);
    if (!parsed)
        return invalid(
            QStringLiteral("%1 must be an integer from 1 to 9223372036854775807").arg(name));
    *id = *parsed;
    return std::nullopt;
}

std::optional<ApiError> HttpEdge::pageArgs(const QHttpServerRequest &request, int *page, int *size)
{
    const QUrlQuery query = request.query();
    auto number = [&](const QString &name, qint64 fallback, qint64 max) -> std::optional<qint64> {
        if (!query.hasQueryItem(name))
            return fallback;
        const auto value = JsonFields::parseId(query.queryItemValue(name));
        if (!value || *value > max)
            return std::nullopt;
        return value;
    };
    const auto p = number(QStringLiteral("page"), 1, 1'000'000'000);
    if (!p)
        return ApiError{ErrorCode::InvalidArgument,
                        QStringLiteral("page must be an integer from 1")};
    const auto s = number(QStringLiteral("size"), 20, 100);
    if (!s)
        return ApiError{ErrorCode::InvalidArgument,
                        QStringLiteral("size must be an integer from 1 to 100")};
    *page = int(*p);
    *size = int(*s);
    return std::nullopt;
}
