#include "http/httpedge.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QPointer>
#include <QTcpSocket>

#include <exception>
#include <memory>

Q_LOGGING_CATEGORY(lcHttp, "concert.server.http")

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
    if (response.status == 204) { // No Content: no body, no Content-Type
        responder.write(QByteArray(), {}, QHttpServerResponder::StatusCode::NoContent);
        return;
    }
    responder.write(
        QJsonDocument(response.body).toJson(QJsonDocument::Compact),
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")}},
        QHttpServerResponder::StatusCode(response.status));
}

void HttpEdge::dispatch(QHttpServerResponder &&responder, std::function<ApiResponse()> job)
{
    auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
    QPointer<QTcpSocket> socket = shared->socket();
    ++m_inFlight;
    m_pool.start([this, shared, socket, job = std::move(job)]() {
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
            [this, shared, socket, response]() {
                if (socket && socket->state() == QAbstractSocket::ConnectedState)
                    write(*shared, response);
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
