#include "http/opsroutes.h"

#include "http/httpedge.h"
#include "metrics/metrics.h"

#include <QFile>
#include <QHttpServer>

namespace {

QByteArray openApiDocument()
{
    // Read once: the document is compiled into the binary and never changes while it runs.
    static const QByteArray document = [] {
        QFile file(QStringLiteral(":/openapi.json"));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    return document;
}

} // namespace

void OpsRoutes::registerRoutes(QHttpServer &server)
{
    server.route<RouteRule>(
        QStringLiteral("/metrics"),
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (!HttpEdge::admit(request, responder, QHttpServerRequest::Method::Get))
                return;
            HttpEdge::writeBody(responder, 200, Metrics::instance().render(),
                                QByteArrayLiteral("text/plain; version=0.0.4; charset=utf-8"));
        });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/openapi.json"),
        [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            if (!HttpEdge::admit(request, responder, QHttpServerRequest::Method::Get))
                return;
            const QByteArray document = openApiDocument();
            if (document.isEmpty())
                return HttpEdge::write(
                    responder,
                    ApiResponse::error(ErrorCode::Internal, QStringLiteral("no OpenAPI document")));
            HttpEdge::writeBody(responder, 200, document,
                                QByteArrayLiteral("application/json; charset=utf-8"));
        });
}
