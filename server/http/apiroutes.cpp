#include "http/apiroutes.h"

#include "http/accessgate.h"
#include "jsonfields.h"
#include "metrics/metrics.h"
#include "payment.h"
#include "services/balanceservice.h"
#include "services/catalogservice.h"
#include "services/healthservice.h"
#include "services/paymentservice.h"
#include "services/queueservice.h"
#include "services/reservationservice.h"

#include <QUrlQuery>

ApiRoutes::ApiRoutes(HttpEdge &edge, const Services &services)
    : m_edge(edge)
    , m_services(services)
    , m_tokenBatcher(std::make_unique<TokenBatcher>(edge, services.queue))
{
    m_monotonic.start();
}

void ApiRoutes::setTokenRatePerIp(int perMinute)
{
    m_tokenRate =
        perMinute > 0 ? std::make_unique<SlidingWindowLimiter>(perMinute, 60'000) : nullptr;
}

void ApiRoutes::registerRoutes(QHttpServer &server)
{
    using Request = const QHttpServerRequest &;
    using Responder = QHttpServerResponder &&;
    server.route<RouteRule>(QStringLiteral("/api/v1/queue/tokens"),
                            [this](Request q, Responder r) { issueToken(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/queue/tokens/current"),
                            [this](Request q, Responder r) { leaveQueue(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/queue/status"),
                            [this](Request q, Responder r) { queueStatus(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/concerts"),
                            [this](Request q, Responder r) { listConcerts(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/concerts/<arg>/dates"),
        [this](const QString &id, Request q, Responder r) { listDates(id, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/concerts/<arg>/dates/<arg>/seats"),
                            [this](const QString &id, const QString &date, Request q, Responder r) {
                                seatMap(id, date, q, r);
                            });
    server.route<RouteRule>(QStringLiteral("/api/v1/reservations"),
                            [this](Request q, Responder r) { createReservation(q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/reservations/<arg>"),
        [this](const QString &id, Request q, Responder r) { getReservation(id, q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/users/<arg>/balance"),
        [this](const QString &user, Request q, Responder r) { getBalance(user, q, r); });
    server.route<RouteRule>(
        QStringLiteral("/api/v1/users/<arg>/balance/charge"),
        [this](const QString &user, Request q, Responder r) { chargeBalance(user, q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/payments"),
                            [this](Request q, Responder r) { pay(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/admin/concerts"),
                            [this](Request q, Responder r) { createConcert(q, r); });
    server.route<RouteRule>(QStringLiteral("/api/v1/health"),
                            [this](Request q, Responder r) { health(q, r); });
    registerConcertAdminRoutes(server);
    server.setMissingHandler([](const QHttpServerRequest &request,
                                QHttpServerResponder &&responder) {
        // No template for an unknown path: one label value for all of them.
        const HttpEdge::ExchangeScope scope(request, responder.socket(),
                                            QStringLiteral("(unmatched)"));
        HttpEdge::write(responder,
                        ApiResponse::error(ErrorCode::NotFound, QStringLiteral("no such route")));
    });
}

std::optional<TokenClaims> ApiRoutes::verifiedToken(const QHttpServerRequest &request,
                                                    QHttpServerResponder &responder)
{
    std::optional<TokenClaims> claims =
        m_services.queue.verify(HttpEdge::header(request, "Authorization"));
    if (!claims)
        HttpEdge::write(
            responder,
            ApiResponse::error(ErrorCode::TokenInvalid,
                               QStringLiteral("a queue token this server issued is "
                                              "required (Authorization: Bearer <token>)")));
    return claims;
}

void ApiRoutes::withActiveToken(const QHttpServerRequest &request, QHttpServerResponder &responder,
                                std::optional<ApiError> inputError, Work work,
                                const MemoryWork &fromMemory)
{
    const std::optional<TokenClaims> claims = verifiedToken(request, responder);
    if (!claims)
        return;
    // Memory answers ACTIVE and EXPIRED (both settled here); WAITING may be a tick old when
    // another instance admitted the token meanwhile, so that one is checked in the database.
    const QueueView::Lookup known = m_services.queue.lookup(*claims);
    switch (known.answer) {
    case QueueView::Answer::Expired:
        HttpEdge::write(responder,
                        ApiResponse::error(ErrorCode::TokenExpired,
                                           QStringLiteral("the queue token has expired; "
                                                          "take a new one")));
        return;
    case QueueView::Answer::Active:
        if (inputError) {
            HttpEdge::write(responder, ApiResponse::error(*inputError));
            return;
        }
        if (fromMemory) {
            // Seat maps and dates in memory: no database round trip, no thread hop.
            if (const std::optional<ApiResponse> answer = fromMemory(*claims)) {
                HttpEdge::write(responder, *answer);
                return;
            }
        }
        m_edge.dispatch(std::move(responder), [work, claims = *claims]() { return work(claims); });
        return;
    case QueueView::Answer::Waiting:
    case QueueView::Answer::Unknown:
        break;
    }
    m_edge.dispatch(std::move(responder), [this, work, inputError, claims = *claims]() {
        const Result<Done> active = m_services.queue.requireActive(claims);
        if (!active)
            return ApiResponse::error(active.error());
        if (inputError)
            return ApiResponse::error(*inputError);
        return work(claims);
    });
}

void ApiRoutes::issueToken(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    // Abuse limit per client address, in memory (no database round trip); a valid key is
    // exempt, a wrong one refused (api-contract.md, "Limits at the edge").
    if (HttpEdge::hasHeader(request, "X-Api-Key")) {
        // From memory on this thread, no database round trip (AccessControl::isKnownKey).
        if (!m_services.access.isKnownKey(AccessGate::credentialsOf(request)))
            return HttpEdge::write(
                responder,
                ApiResponse::error(ErrorCode::ApiKeyInvalid, QStringLiteral("X-Api-Key is wrong")));
    } else if (m_tokenRate) {
        const qint64 waitMs = m_tokenRate->tryAcquire(HttpEdge::clientAddress(request, responder),
                                                      m_monotonic.elapsed());
        if (waitMs > 0) {
            ApiResponse tooMany = ApiResponse::error(
                ErrorCode::TooManyRequests,
                QStringLiteral("too many queue tokens from this address; retry later"));
            tooMany.headers.append(
                {QByteArrayLiteral("Retry-After"), QByteArray::number((waitMs + 999) / 1000)});
            return HttpEdge::write(responder, tooMany);
        }
    }
    const Result<QJsonObject> body = HttpEdge::jsonBody(request);
    if (!body)
        return HttpEdge::write(responder, ApiResponse::error(body.error()));
    QString why;
    const auto userId = JsonFields::readUuid(body.value(), QStringLiteral("userId"), &why);
    if (!userId)
        return HttpEdge::write(responder, ApiResponse::error(HttpEdge::invalid(why)));
    // Optional: the concert whose waiting room to join; absent or null is the house room.
    std::optional<qint64> concertId;
    const QJsonValue concert = body.value().value(QLatin1String("concertId"));
    if (!concert.isUndefined() && !concert.isNull()) {
        concertId = JsonFields::integerValue(concert, QStringLiteral("concertId"), 1,
                                             JsonFields::kMaxId, &why);
        if (!concertId)
            return HttpEdge::write(responder, ApiResponse::error(HttpEdge::invalid(why)));
    }
    // Gathered with the requests of the next millisecond into one INSERT per room.
    m_tokenBatcher->submit(std::move(responder), *userId, concertId);
}

void ApiRoutes::queueStatus(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const std::optional<TokenClaims> claims = verifiedToken(request, responder);
    if (!claims)
        return;
    // The hot path: answered from this instance's queue view, no database round trip.
    const QueueView::Lookup known = m_services.queue.lookup(*claims);
    if (known.answer != QueueView::Answer::Unknown)
        return HttpEdge::write(responder, ApiResponse{200, known.status.toJson()});
    m_edge.dispatch(std::move(responder), [this, claims = *claims]() {
        return ApiResponse::from(m_services.queue.statusFromDatabase(claims));
    });
}

void ApiRoutes::listConcerts(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const QUrlQuery query = request.query();
    auto number = [&](const QString &name, qint64 fallback, qint64 max) -> std::optional<qint64> {
        if (!query.hasQueryItem(name))
            return fallback;
        const auto value = JsonFields::parseId(query.queryItemValue(name));
        if (!value || *value > max)
            return std::nullopt;
        return value;
    };
    const auto page = number(QStringLiteral("page"), 1, 1'000'000'000);
    if (!page)
        return HttpEdge::write(responder,
                               ApiResponse::error(HttpEdge::invalid(
                                   QStringLiteral("page must be an integer from 1"))));
    const auto size = number(QStringLiteral("size"), 20, 100);
    if (!size)
        return HttpEdge::write(responder,
                               ApiResponse::error(HttpEdge::invalid(
                                   QStringLiteral("size must be an integer from 1 to 100"))));
    m_edge.dispatch(std::move(responder), [this, page = int(*page), size = int(*size)]() {
        return ApiResponse::from(m_services.catalog.listConcerts(page, size));
    });
}

void ApiRoutes::listDates(const QString &concertId, const QHttpServerRequest &request,
                          QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    qint64 id = 0;
    const auto error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    withActiveToken(
        request, responder, error,
        [this, id](const TokenClaims &claims) {
            if (const auto wrong = m_services.queue.roomError(claims, id))
                return ApiResponse::error(*wrong);
            return ApiResponse::from(m_services.catalog.listDates(id));
        },
        [this, id](const TokenClaims &claims) -> std::optional<ApiResponse> {
            const auto room = m_services.queue.roomErrorFromMemory(claims, id);
            if (!room)
                return std::nullopt;
            if (*room)
                return ApiResponse::error(**room);
            if (auto dates = m_services.catalog.datesFromMemory(id))
                return ApiResponse{200, dates->toJson()};
            return std::nullopt;
        });
}

void ApiRoutes::seatMap(const QString &concertId, const QString &date,
                        const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    qint64 id = 0;
    std::optional<ApiError> error = HttpEdge::idArg(concertId, &id, QStringLiteral("concertId"));
    const auto day = JsonFields::parseDate(date);
    if (!error && !day)
        error = HttpEdge::invalid(QStringLiteral("date must be a date written YYYY-MM-DD"));
    withActiveToken(
        request, responder, error,
        [this, id, day](const TokenClaims &claims) {
            if (const auto wrong = m_services.queue.roomError(claims, id))
                return ApiResponse::error(*wrong);
            return ApiResponse::from(m_services.catalog.seatMap(id, *day));
        },
        [this, id, day](const TokenClaims &claims) -> std::optional<ApiResponse> {
            const auto room = m_services.queue.roomErrorFromMemory(claims, id);
            if (!room)
                return std::nullopt;
            if (*room)
                return ApiResponse::error(**room);
            if (auto json = m_services.catalog.seatMapJsonFromMemory(id, *day))
                return ApiResponse{200, {}, {}, *json};
            return std::nullopt;
        });
}

void ApiRoutes::createReservation(const QHttpServerRequest &request,
                                  QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    const std::optional<ReservationRequest> input =
        HttpEdge::bodyAs<ReservationRequest>(request, error);
    withActiveToken(request, responder, error, [this, input](const TokenClaims &claims) {
        if (const auto wrong = m_services.queue.roomError(claims, input->concertId))
            return ApiResponse::error(*wrong);
        const Result<Reservation> held = m_services.reservations.hold(claims, *input);
        Metrics::instance().countHold(metricResult(held, "held"));
        return ApiResponse::from(held, 201);
    });
}

void ApiRoutes::getReservation(const QString &reservationId, const QHttpServerRequest &request,
                               QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get | Method::Delete))
        return;
    qint64 id = 0;
    const auto error = HttpEdge::idArg(reservationId, &id, QStringLiteral("reservationId"));
    if (request.method() == Method::Delete) {
        // api-contract.md, "Reservations: release".
        withActiveToken(request, responder, error, [this, id](const TokenClaims &claims) {
            return ApiResponse::from(m_services.reservations.release(claims, id));
        });
        return;
    }
    withActiveToken(request, responder, error, [this, id](const TokenClaims &claims) {
        return ApiResponse::from(m_services.reservations.get(claims, id));
    });
}

void ApiRoutes::leaveQueue(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Delete))
        return;
    const std::optional<TokenClaims> claims = verifiedToken(request, responder);
    if (!claims)
        return;
    m_edge.dispatch(std::move(responder), [this, claims = *claims]() {
        const Result<Done> left = m_services.queue.leave(claims);
        if (!left)
            return ApiResponse::error(left.error());
        return ApiResponse{204, {}};
    });
}

void ApiRoutes::getBalance(const QString &userId, const QHttpServerRequest &request,
                           QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Get))
        return;
    const auto user = JsonFields::canonicalUuid(userId);
    if (!user)
        return HttpEdge::write(
            responder,
            ApiResponse::error(HttpEdge::invalid(QStringLiteral("userId must be a UUID"))));
    m_edge.dispatch(std::move(responder), [this, user = *user]() {
        return ApiResponse::from(m_services.balances.balance(user));
    });
}

void ApiRoutes::chargeBalance(const QString &userId, const QHttpServerRequest &request,
                              QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    const auto user = JsonFields::canonicalUuid(userId);
    if (!user)
        error = HttpEdge::invalid(QStringLiteral("userId must be a UUID"));
    const std::optional<ChargeRequest> charge = HttpEdge::bodyAs<ChargeRequest>(request, error);
    const QByteArray key = HttpEdge::header(request, "Idempotency-Key");
    if (!error && HttpEdge::hasHeader(request, "Idempotency-Key") && !isValidIdempotencyKey(key))
        error = HttpEdge::invalid(
            QStringLiteral("Idempotency-Key must be 1 to 64 printable ASCII characters"));
    auto work = [this, user, charge, key](const Caller &) {
        return ApiResponse::from(m_services.balances.charge(*user, charge->amount, key));
    };
    if (m_chargesNeedKey)
        return AccessGate::withCaller(m_edge, m_services.access, request, responder,
                                      Permission::Charge, error, work);
    if (error)
        return HttpEdge::write(responder, ApiResponse::error(*error));
    m_edge.dispatch(std::move(responder), [work]() { return work(Caller{}); });
}

void ApiRoutes::pay(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    const std::optional<TokenClaims> claims = verifiedToken(request, responder);
    if (!claims)
        return;
    std::optional<ApiError> error;
    const bool hasKey = HttpEdge::hasHeader(request, "Idempotency-Key");
    const QByteArray key = HttpEdge::header(request, "Idempotency-Key");
    const std::optional<PaymentRequest> input = HttpEdge::bodyAs<PaymentRequest>(request, error);
    if (!error && hasKey && !isValidIdempotencyKey(key))
        error = HttpEdge::invalid(
            QStringLiteral("Idempotency-Key must be 1 to 64 printable ASCII characters"));

    // A replay of a completed payment answers even after that payment expired the token
    // (api-contract.md, "Payments"), so it is looked up before the token's state.
    m_edge.dispatch(std::move(responder), [this, claims = *claims, error, input, key]() {
        if (!error && !key.isEmpty()) {
            const auto earlier = m_services.payments.replay(claims, input->reservationId, key);
            if (!earlier)
                return ApiResponse::error(earlier.error());
            if (earlier.value()) {
                Metrics::instance().countPayment(QStringLiteral("replayed"));
                return ApiResponse{201, earlier.value()->toJson()};
            }
        }
        const Result<Done> active = m_services.queue.requireActive(claims);
        if (!active)
            return ApiResponse::error(active.error());
        if (error)
            return ApiResponse::error(*error);
        const Result<Payment> paid = m_services.payments.pay(claims, input->reservationId, key);
        Metrics::instance().countPayment(metricResult(paid, "completed"));
        return ApiResponse::from(paid, 201);
    });
}

void ApiRoutes::createConcert(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!gate(request, responder, Method::Post))
        return;
    std::optional<ApiError> error;
    const std::optional<ConcertDefinition> definition =
        HttpEdge::bodyAs<ConcertDefinition>(request, error);
    AccessGate::withCaller(m_edge, m_services.access, request, responder, Permission::Admin, error,
                           [this, definition](const Caller &caller) {
                               return ApiResponse::from(
                                   m_services.catalog.createConcert(*definition, &caller), 201);
                           });
}

void ApiRoutes::health(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    if (!HttpEdge::admit(request, responder, Method::Get))
        return;
    m_edge.dispatch(std::move(responder), [this]() {
        const bool ready = m_ready;
        if (!ready || !m_services.health.check())
            return ApiResponse::error(ErrorCode::Unavailable,
                                      QStringLiteral("the database does not answer"));
        return ApiResponse{200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}};
    });
}
