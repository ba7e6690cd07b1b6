// The box office's concert routes (api-contract.md, "Box office"): GET and PATCH
// /api/v1/admin/concerts/{id}, and the one admin check every admin route goes through.
#include "http/apiroutes.h"

#include "jsonfields.h"
#include "services/concertadminservice.h"

#include <QCryptographicHash>

namespace {

bool sameSecret(const QByteArray &given, const QByteArray &expected)
{
    // Compare digests so that the time taken says nothing about the key.
    return QCryptographicHash::hash(given, QCryptographicHash::Sha256)
        == QCryptographicHash::hash(expected, QCryptographicHash::Sha256);
}

} // namespace

void ApiRoutes::registerConcertAdminRoutes(QHttpServer &server)
{
    server.route(
        QStringLiteral("/api/v1/admin/concerts/<arg>"),
        [this](const QString &id, const QHttpServerRequest &request,
               QHttpServerResponder &&responder) { getConcertAdmin(id, request, responder); });
}

bool ApiRoutes::adminAllowed(const QHttpServerRequest &request, QHttpServerResponder &responder,
                             bool staffMay)
{
    Q_UNUSED(staffMay) // API keys with roles (STAFF may call the routes marked (staff)) come later
    if (!m_adminKey.isEmpty() && sameSecret(HttpEdge::header(request, "X-Admin-Key"), m_adminKey))
        return true;
    HttpEdge::write(responder,
                    ApiResponse::error(ErrorCode::AdminKeyInvalid,
                                       m_adminKey.isEmpty()
                                           ? QStringLiteral("the admin API is off: the server "
                                                            "has no admin key")
                                           : QStringLiteral("X-Admin-Key is missing or wrong")));
    return false;
}

void ApiRoutes::getConcertAdmin(const QString &concertId, const QHttpServerRequest &request,
                                QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get | Method::Patch))
        return;
    const bool patching = request.method() == Method::Patch;
    if (!adminAllowed(request, responder, /*staffMay=*/!patching))
        return;
    const auto id = JsonFields::parseId(concertId);
    if (!id)
        return HttpEdge::write(
            responder,
            ApiResponse::error(ErrorCode::InvalidArgument,
                               QStringLiteral("concertId must be an integer from 1 "
                                              "to 9223372036854775807")));
    if (!patching) {
        m_edge.dispatch(std::move(responder), [this, id = *id]() {
            return ApiResponse::from(m_services.concertAdmin.get(id));
        });
        return;
    }
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body)
        return HttpEdge::write(responder, ApiResponse::error(body.error()));
    QString why;
    const std::optional<ConcertPatch> patch = ConcertAdminService::parsePatch(body.value(), &why);
    if (!patch)
        return HttpEdge::write(responder, ApiResponse::error(ErrorCode::InvalidArgument, why));
    m_edge.dispatch(std::move(responder), [this, id = *id, patch = *patch]() {
        return ApiResponse::from(m_services.concertAdmin.patch(id, patch));
    });
}
