// The box office's concert routes (api-contract.md, "Box office"): GET and PATCH
// /api/v1/admin/concerts/{id}, behind AccessGate (GET: staff; PATCH: admin, audited).
#include "http/apiroutes.h"

#include "http/accessgate.h"
#include "services/accesscontrol.h"
#include "services/catalogservice.h"

#include "jsonfields.h"
#include "services/concertadminservice.h"

void ApiRoutes::registerConcertAdminRoutes(QHttpServer &server)
{
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/concerts/<arg>"),
        [this](const QString &id, const QHttpServerRequest &request,
               QHttpServerResponder &&responder) { getConcertAdmin(id, request, responder); });
}

void ApiRoutes::getConcertAdmin(const QString &concertId, const QHttpServerRequest &request,
                                QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get | Method::Patch))
        return;
    const bool patching = request.method() == Method::Patch;
    qint64 id = 0;
    std::optional<ApiError> error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    if (!patching) {
        // GET is marked (staff) in the contract ("Box office").
        AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff,
                               error, [this, id](const Caller &) {
                                   return ApiResponse::from(m_services.concertAdmin.get(id));
                               });
        return;
    }
    std::optional<ConcertPatch> patch;
    if (!error) {
        const Result<QJsonObject> body = HttpEdge::jsonBody(request);
        if (!body) {
            error = body.error();
        } else {
            QString why;
            patch = ConcertAdminService::parsePatch(body.value(), &why);
            if (!patch)
                error = HttpEdge::invalid(why);
        }
    }
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Admin, error,
                           [this, id, patch](const Caller &caller) {
                               auto patched = m_services.concertAdmin.patch(id, *patch);
                               if (patched) {
                                   m_services.catalog.seatMaps().forgetConcert(id);
                                   m_services.access.record(caller,
                                                            QStringLiteral("concert.update"),
                                                            QStringLiteral("concert/%1").arg(id));
                               }
                               return ApiResponse::from(patched);
                           });
}
