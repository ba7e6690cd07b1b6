#include "http/httpedge.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>
#include <QTcpSocket>

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

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get:
        return QByteArrayLiteral("GET");
    case M::Put:
        return QByteArrayLiteral("PUT");
    case M::Delete:
        return QByteArrayLiteral("DELETE");
    case M::Post:
        return QByteArrayLiteral("POST");
    case M::Head:
        return QByteArrayLiteral("HEAD");
    case M::Options:
        return QByteArrayLiteral("OPTIONS");
    case M::Patch:
        return QByteArrayLiteral("PATCH");
    case M::Connect:
        return QByteArrayLiteral("CONNECT");
    case M::Trace:
        return QByteArrayLiteral("TRACE");
    default:
        return QByteArrayLiteral("OTHER");
    }
}

} // namespace

thread_local const HttpEdge::ExchangeScope::Exchange *HttpEdge::ExchangeScope::s_current = nullptr;

HttpEdge::ExchangeScope::ExchangeScope(const QHttpServerRequest &request, const QString &route)
    : ExchangeScope(Exchange{methodName(request.method()), route, monotonicNs()})
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

RouteRule::RouteRule(const QString &pathPattern, RouterHandler handler)
    : QHttpServerRouterRule(pathPattern,
                            [route = templateOf(pathPattern), handler = std::move(handler)](
                                const QRegularExpressionMatch &match,
                                const QHttpServerRequest &request, QTcpSocket *socket) {
                                HttpEdge::ExchangeScope scope(request, route);
                                handler(match, request, socket);
                            })
{ }

RouteRule::RouteRule(const QString &pathPattern, QHttpServerRequest::Methods methods,
                     RouterHandler handler)
    : QHttpServerRouterRule(pathPattern, methods,
                            [route = templateOf(pathPattern), handler = std::move(handler)](
                                const QRegularExpressionMatch &match,
                                const QHttpServerRequest &request, QTcpSocket *socket) {
                                HttpEdge::ExchangeScope scope(request, route);
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
    writeBody(responder, response.status,
              QJsonDocument(response.body).toJson(QJsonDocument::Compact),
              QByteArrayLiteral("application/json; charset=utf-8"));
}

void HttpEdge::writeBody(QHttpServerResponder &responder, int status, const QByteArray &body,
                         const QByteArray &contentType)
{
    responder.write(body, {{QByteArrayLiteral("Content-Type"), contentType}},
                    QHttpServerResponder::StatusCode(status));
    // The one place that hears of every answer (metrics, access log).
    const ExchangeScope::Exchange *exchange = ExchangeScope::current();
    if (g_answerObserver && exchange && exchange->startedNs != 0) {
        const QTcpSocket *socket = responder.socket();
        g_answerObserver(AnsweredRequest{exchange->method, exchange->route, status,
                                         monotonicNs() - exchange->startedNs, body.size(),
                                         socket ? socket->peerAddress() : QHostAddress()});
    }
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

bool HttpEdge::admit(const QHttpServerRequest &request, QHttpServerResponder &responder,
                     QHttpServerRequest::Methods allowed)
{
    if (!allowed.testFlag(request.method())) {
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

Result<QJsonObject> HttpEdge::jsonBody(const QHttpServerRequest &request)
{
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
