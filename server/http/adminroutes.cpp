#include "http/adminroutes.h"

#include "http/accessgate.h"
#include "jsonfields.h"
#include "metrics/metrics.h"
#include "payment.h"
#include "services/accesscontrol.h"
#include "services/boxofficeservice.h"
#include "services/catalogservice.h"
#include "services/concertadminservice.h"
#include "services/paymentservice.h"
#include "services/reservationservice.h"
#include "services/ticketsigner.h"

#include <QJsonArray>

#include <QUrlQuery>

AdminRoutes::AdminRoutes(HttpEdge &edge, const Services &services)
    : m_edge(edge)
    , m_services(services)
{ }

void AdminRoutes::registerRoutes(QHttpServer &server)
{
    using Request = const QHttpServerRequest &;
    using Responder = QHttpServerResponder &&;
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/api-keys"),
                            [this](Request q, Responder r) { apiKeys(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/api-keys/<arg>"),
        [this](const QString &id, Request q, Responder r) { revokeKey(id, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/audit"),
                            [this](Request q, Responder r) { audit(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/concerts/<arg>/dates"),
        [this](const QString &id, Request q, Responder r) { addDates(id, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/concerts/<arg>/sales"),
                            [this](const QString &id, Request q, Responder r) { sales(id, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/concerts/<arg>/dates/<arg>/seats"),
                            [this](const QString &id, const QString &date, Request q, Responder r) {
                                seatMap(id, date, q, r);
                            });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/queue"),
                            [this](Request q, Responder r) { queue(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/users/<arg>"),
        [this](const QString &user, Request q, Responder r) { customer(user, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/reservations"),
                            [this](Request q, Responder r) { counterHold(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/admin/reservations/<arg>/cancel"),
        [this](const QString &id, Request q, Responder r) { cancel(id, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/payments"),
                            [this](Request q, Responder r) { counterPay(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/checkins"),
                            [this](Request q, Responder r) { checkIn(q, r); });
}

void AdminRoutes::apiKeys(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get | Method::Post))
        return;
    AccessControl &access = m_services.access;
    if (request.method() == Method::Get) {
        int page = 1, size = 20;
        const auto error = HttpEdge::pageArgs(request, &page, &size);
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
            error = HttpEdge::invalid(why);
        else if (!roleValue.isString() || !readRole)
            error = HttpEdge::invalid(QStringLiteral("role must be one of ADMIN, STAFF, TERMINAL"));
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
    const auto error = HttpEdge::idArg(keyId, &id, QStringLiteral("the key id"));
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
    const auto error = HttpEdge::pageArgs(request, &page, &size);
    AccessControl &access = m_services.access;
    AccessGate::withCaller(m_edge, access, request, responder, Permission::Admin, error,
                           [&access, page, size](const Caller &) {
                               return ApiResponse::from(access.audit(page, size));
                           });
}

void AdminRoutes::addDates(const QString &concertId, const QHttpServerRequest &request,
                           QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    qint64 id = 0;
    std::optional<ApiError> error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    QList<DatePrice> dates;
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!error && !body) {
        error = body.error();
    } else if (!error) {
        // The dates follow the rules of POST /admin/concerts: read them with its reader.
        QString why;
        const auto definition = ConcertDefinition::fromJson(
            QJsonObject{{QStringLiteral("title"), QStringLiteral("-")},
                        {QStringLiteral("venue"), QStringLiteral("-")},
                        {QStringLiteral("dates"), body->value(QLatin1String("dates"))}},
            &why);
        if (!definition)
            error = HttpEdge::invalid(why);
        else
            dates = definition->dates;
    }
    BoxOfficeService &boxOffice = m_services.boxOffice;
    CatalogService &catalog = m_services.catalog;
    ConcertAdminService &concerts = m_services.concertAdmin;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Admin, error,
                           [&boxOffice, &catalog, &concerts, id, dates](const Caller &caller) {
                               const auto added = boxOffice.addDates(caller, id, dates);
                               if (!added)
                                   return ApiResponse::from(added, 201);
                               catalog.seatMaps().forgetConcert(id);
                               // "201 the concert": the box-office shape of GET
                               // /admin/concerts/{id}, a superset of POST /admin/concerts' body, so
                               // readers of either find their fields.
                               const auto concert = concerts.get(id);
                               return concert ? ApiResponse::from(concert, 201)
                                              : ApiResponse::from(added, 201);
                           });
}

void AdminRoutes::sales(const QString &concertId, const QHttpServerRequest &request,
                        QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    qint64 id = 0;
    const auto error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    BoxOfficeService &boxOffice = m_services.boxOffice;
    AccessGate::withCaller(
        m_edge, m_services.access, request, responder, Permission::Staff, error,
        [&boxOffice, id](const Caller &) { return ApiResponse::from(boxOffice.sales(id)); });
}

void AdminRoutes::queue(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    BoxOfficeService &boxOffice = m_services.boxOffice;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff,
                           std::nullopt, [&boxOffice](const Caller &) {
                               return ApiResponse{200, boxOffice.queueFigures().toJson()};
                           });
}

void AdminRoutes::seatMap(const QString &concertId, const QString &date,
                          const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    qint64 id = 0;
    std::optional<ApiError> error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    const std::optional<QDate> day = JsonFields::parseDate(date);
    if (!error && !day)
        error = HttpEdge::invalid(QStringLiteral("date must be a date written YYYY-MM-DD"));
    CatalogService &catalog = m_services.catalog;
    AccessGate::withCaller(
        m_edge, m_services.access, request, responder, Permission::Staff, error,
        [&catalog, id, day](const Caller &) -> std::optional<ApiResponse> {
            if (const auto map = catalog.seatMapFromMemory(id, *day))
                return ApiResponse{200, map->toJson()};
            return std::nullopt;
        },
        [&catalog, id, day](const Caller &) {
            return ApiResponse::from(catalog.seatMap(id, *day));
        });
}

void AdminRoutes::customer(const QString &userId, const QHttpServerRequest &request,
                           QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const auto user = JsonFields::canonicalUuid(userId);
    std::optional<ApiError> error;
    if (!user)
        error = HttpEdge::invalid(QStringLiteral("userId must be a UUID"));
    BoxOfficeService &boxOffice = m_services.boxOffice;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff, error,
                           [&boxOffice, user](const Caller &) {
                               return ApiResponse::from(boxOffice.customer(*user));
                           });
}

void AdminRoutes::counterHold(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    std::optional<ReservationRequest> input;
    std::optional<QString> user;
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body) {
        error = body.error();
    } else {
        QString why;
        user = JsonFields::readUuid(body.value(), QStringLiteral("userId"), &why);
        if (user)
            input = ReservationRequest::fromJson(body.value(), &why, kMaxSeatsPerCounterSale);
        if (!user || !input)
            error = HttpEdge::invalid(why);
    }
    ReservationService &reservations = m_services.reservations;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff, error,
                           [&reservations, user, input](const Caller &caller) {
                               const Result<Reservation> held =
                                   reservations.holdAtCounter(caller, *user, *input);
                               Metrics::instance().countHold(metricResult(held, "held"));
                               return ApiResponse::from(held, 201);
                           });
}

void AdminRoutes::counterPay(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    const std::optional<PaymentRequest> input = HttpEdge::bodyAs<PaymentRequest>(request, error);
    const QByteArray key = HttpEdge::header(request, "Idempotency-Key");
    if (!error && HttpEdge::hasHeader(request, "Idempotency-Key") && !isValidIdempotencyKey(key))
        error = HttpEdge::invalid(
            QStringLiteral("Idempotency-Key must be 1 to 64 printable ASCII characters"));
    PaymentService &payments = m_services.payments;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff, error,
                           [&payments, input, key](const Caller &caller) {
                               const Result<Payment> paid =
                                   payments.payAtCounter(caller, input->reservationId, key);
                               Metrics::instance().countPayment(metricResult(paid, "completed"));
                               return ApiResponse::from(paid, 201);
                           });
}

void AdminRoutes::cancel(const QString &reservationId, const QHttpServerRequest &request,
                         QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    qint64 id = 0;
    std::optional<ApiError> error =
        HttpEdge::idArg(reservationId, &id, QStringLiteral("reservationId"));
    if (!error && !request.body().trimmed().isEmpty()) {
        const Result<QJsonObject> body = HttpEdge::jsonBody(request);
        if (!body)
            error = body.error();
    }
    BoxOfficeService &boxOffice = m_services.boxOffice;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff, error,
                           [&boxOffice, id](const Caller &caller) {
                               return ApiResponse::from(boxOffice.cancel(caller, id));
                           });
}

void AdminRoutes::checkIn(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    qint64 reservationId = 0;
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body) {
        error = body.error();
    } else {
        const QJsonValue code = body->value(QLatin1String("ticketCode"));
        if (!code.isString()) {
            error = HttpEdge::invalid(QStringLiteral("ticketCode must be a string"));
        } else {
            // The signature is checked here, in memory: a forgery never reaches the database.
            const auto id = m_services.tickets.verify(code.toString().toUtf8());
            if (!id)
                error = ApiError{ErrorCode::TicketInvalid,
                                 QStringLiteral("this ticket code is forged, altered or "
                                                "malformed")};
            else
                reservationId = *id;
        }
    }
    BoxOfficeService &boxOffice = m_services.boxOffice;
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Staff, error,
                           [&boxOffice, reservationId](const Caller &caller) {
                               return ApiResponse::from(boxOffice.checkIn(caller, reservationId));
                           });
}
