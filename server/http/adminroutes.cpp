#include "http/adminroutes.h"

#include "http/accessgate.h"
#include "jsonfields.h"
#include "services/accesscontrol.h"

#include <QUrlQuery>

namespace {

ApiError invalid(const QString &message)
{
    return ApiError{ErrorCode::InvalidArgument, message};
}

/** @brief `?page=&size=` (page >= 1, size 1..100; defaults 1 and 20), else the 400 to answer. */
std::optional<ApiError> pageArgs(const QHttpServerRequest &request, int *page, int *size)
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
        return invalid(QStringLiteral("page must be an integer from 1"));
    const auto s = number(QStringLiteral("size"), 20, 100);
    if (!s)
        return invalid(QStringLiteral("size must be an integer from 1 to 100"));
    *page = int(*p);
    *size = int(*s);
    return std::nullopt;
}

std::optional<ApiError> idArg(const QString &text, qint64 *id, const QString &name)
{
    const auto parsed = JsonFields::parseId(text);
    if (!parsed)
        return invalid(
            QStringLiteral("%1 must be an integer from 1 to 9223372036854775807").arg(name));
    *id = *parsed;
    return std::nullopt;
}

} // namespace

AdminRoutes::AdminRoutes(HttpEdge &edge, const Services &services)
    : m_edge(edge)
    , m_services(services)
{ }

void AdminRoutes::registerRoutes(QHttpServer &server)
{
    using Request = const QHttpServerRequest &;
    using Responder = QHttpServerResponder &&;
    server.route(QStringLiteral("/api/v1/admin/api-keys"),
                 [this](Request q, Responder r) { apiKeys(q, r); });
    server.route(QStringLiteral("/api/v1/admin/api-keys/<arg>"),
                 [this](const QString &id, Request q, Responder r) { revokeKey(id, q, r); });
    server.route(QStringLiteral("/api/v1/admin/audit"),
                 [this](Request q, Responder r) { audit(q, r); });
}

bool AdminRoutes::gate(const QHttpServerRequest &request, QHttpServerResponder &responder,
                       QHttpServerRequest::Methods allowed)
{
    if (!HttpEdge::admit(request, responder, allowed))
        return false;
    if (!m_ready) {
        HttpEdge::write(responder,
                        ApiResponse::error(ErrorCode::Unavailable,
                                           QStringLiteral("the database is not ready yet")));
        return false;
    }
    return true;
}

void AdminRoutes::apiKeys(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get | Method::Post))
        return;
    AccessControl &access = m_services.access;
    if (request.method() == Method::Get) {
        int page = 1, size = 20;
        const auto error = pageArgs(request, &page, &size);
        return AccessGate::withCaller(m_edge, access, request, responder, Permission::Admin, error,
                                      [&access, page, size](const Caller &) {
                                          return ApiResponse::from(access.listKeys(page, size));
                                      });
    }
    std::optional<ApiError> error;
    QString name;
    KeyRole role = KeyRole::Terminal;
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body) {
        error = body.error();
    } else {
        QString why;
        const auto readName =
            JsonFields::readString(body.value(), QStringLiteral("name"), 100, &why);
        const QJsonValue roleValue = body->value(QLatin1String("role"));
        const auto readRole = keyRoleFromName(roleValue.toString());
        if (!readName)
            error = invalid(why);
        else if (!roleValue.isString() || !readRole)
            error = invalid(QStringLiteral("role must be one of ADMIN, STAFF, TERMINAL"));
        else {
            name = *readName;
            role = *readRole;
        }
    }
    AccessGate::withCaller(m_edge, access, request, responder, Permission::Admin, error,
                           [&access, name, role](const Caller &caller) {
                               return ApiResponse::from(access.createKey(caller, name, role), 201);
                           });
}

void AdminRoutes::revokeKey(const QString &keyId, const QHttpServerRequest &request,
                            QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Delete))
        return;
    qint64 id = 0;
    const auto error = idArg(keyId, &id, QStringLiteral("the key id"));
    AccessControl &access = m_services.access;
    AccessGate::withCaller(m_edge, access, request, responder, Permission::Admin, error,
                           [&access, id](const Caller &caller) {
                               const Result<Done> revoked = access.revokeKey(caller, id);
                               if (!revoked)
                                   return ApiResponse::error(revoked.error());
                               return ApiResponse{204, {}};
                           });
}

void AdminRoutes::audit(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    int page = 1, size = 20;
    const auto error = pageArgs(request, &page, &size);
    AccessControl &access = m_services.access;
    AccessGate::withCaller(m_edge, access, request, responder, Permission::Admin, error,
                           [&access, page, size](const Caller &) {
                               return ApiResponse::from(access.audit(page, size));
                           });
}
