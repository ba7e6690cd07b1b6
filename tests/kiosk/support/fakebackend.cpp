#include "fakebackend.h"

#include "jsonfields.h"

#include <QJsonArray>

namespace {

const QList<std::tuple<qint64, QString, QString>> kConcerts{
    {1, QStringLiteral("Aurora Strings Live"), QStringLiteral("Seoul Arts Center")},
    {2, QStringLiteral("Midnight Jazz Session"), QStringLiteral("Blue Square Hall")},
};

QDate firstDate()
{
    return QDate::currentDate().addDays(30);
}

} // namespace

FakeBackend::FakeBackend()
{
    install();
}

QList<QDate> FakeBackend::dates(qint64 concertId) const
{
    if (concertId < 1 || concertId > kConcerts.size())
        return {};
    const QDate first = firstDate().addDays(concertId * 3);
    return {first, first.addDays(1), first.addDays(7)};
}

qint64 FakeBackend::price(qint64 concertId, QDate date) const
{
    return 50000 + 20000 * dates(concertId).indexOf(date);
}

QString FakeBackend::seatStatus(qint64 concertId, QDate date, int seat) const
{
    return m_seats.value({concertId, date, seat}, QStringLiteral("AVAILABLE"));
}

void FakeBackend::setSeatStatus(qint64 concertId, QDate date, int seat, const QString &status)
{
    if (status == QLatin1String("AVAILABLE"))
        m_seats.remove({concertId, date, seat});
    else
        m_seats.insert({concertId, date, seat}, status);
}

QString FakeBackend::tokenStatus(const QString &token) const
{
    return m_tokens.value(token).status;
}

void FakeBackend::expireToken(const QString &token)
{
    if (m_tokens.contains(token))
        m_tokens[token].status = QStringLiteral("EXPIRED");
}

void FakeBackend::expireReservation(qint64 reservationId)
{
    if (m_reservations.contains(reservationId))
        m_reservations[reservationId].heldUntil = QDateTime::currentDateTimeUtc().addSecs(-1);
    sweep();
}

void FakeBackend::sweep()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (Reservation &reservation : m_reservations) {
        if (reservation.status == QLatin1String("HELD") && reservation.heldUntil <= now) {
            reservation.status = QStringLiteral("EXPIRED");
            for (int seat : std::as_const(reservation.seats))
                setSeatStatus(reservation.concertId, reservation.date, seat,
                              QStringLiteral("AVAILABLE"));
        }
    }
}

QJsonObject FakeBackend::reservationJson(const Reservation &reservation) const
{
    QJsonArray seats;
    for (int seat : reservation.seats)
        seats.append(seat);
    return QJsonObject{
        {QStringLiteral("reservationId"), reservation.id},
        {QStringLiteral("userId"), reservation.userId},
        {QStringLiteral("concertId"), reservation.concertId},
        {QStringLiteral("date"), JsonFields::formatDate(reservation.date)},
        {QStringLiteral("seatNumbers"), seats},
        {QStringLiteral("amount"), reservation.amount},
        {QStringLiteral("status"), reservation.status},
        {QStringLiteral("heldUntil"), JsonFields::formatTimestamp(reservation.heldUntil)}};
}

StubResponse FakeBackend::checkToken(const StubRequest &request, Token **token)
{
    const QString bearer = request.bearer();
    if (!m_tokens.contains(bearer))
        return StubResponse::error(401, QStringLiteral("TOKEN_INVALID"));
    Token &found = m_tokens[bearer];
    if (found.status == QLatin1String("EXPIRED"))
        return StubResponse::error(401, QStringLiteral("TOKEN_EXPIRED"));
    if (found.status == QLatin1String("WAITING"))
        return StubResponse::error(403, QStringLiteral("NOT_ADMITTED"));
    *token = &found;
    return {};
}

void FakeBackend::install()
{
    auto statusJson = [](const Token &token) {
        const bool active = token.status == QLatin1String("ACTIVE");
        return QJsonObject{{QStringLiteral("status"), token.status},
                           {QStringLiteral("position"),
                            token.status == QLatin1String("WAITING") ? token.position : 0},
                           {QStringLiteral("estimatedWaitSeconds"),
                            token.status == QLatin1String("WAITING") ? token.position * 20 : 0},
                           {QStringLiteral("expiresAt"),
                            active ? QJsonValue(JsonFields::formatTimestamp(
                                QDateTime::currentDateTimeUtc().addSecs(600)))
                                   : QJsonValue(QJsonValue::Null)}};
    };

    m_stub.on("GET", QStringLiteral("/api/v1/health"),
              StubResponse{200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}});

    m_stub.on("POST", QStringLiteral("/api/v1/queue/tokens"),
              [this, statusJson](const StubRequest &request) {
                  const auto userId = JsonFields::readUuid(request.json, QStringLiteral("userId"));
                  if (!userId)
                      return StubResponse::error(400, QStringLiteral("INVALID_ARGUMENT"));
                  for (auto it = m_tokens.cbegin(); it != m_tokens.cend(); ++it) {
                      if (it->userId == *userId && it->status != QLatin1String("EXPIRED")) {
                          QJsonObject body = statusJson(*it);
                          body.insert(QStringLiteral("token"), it.key());
                          body.insert(QStringLiteral("userId"), *userId);
                          return StubResponse{200, body};
                      }
                  }
                  const QString token = QStringLiteral("token-%1").arg(m_nextToken++);
                  Token entry{*userId,
                              queueAhead > 0 ? QStringLiteral("WAITING") : QStringLiteral("ACTIVE"),
                              queueAhead + 1};
                  m_tokens.insert(token, entry);
                  QJsonObject body = statusJson(entry);
                  body.insert(QStringLiteral("token"), token);
                  body.insert(QStringLiteral("userId"), *userId);
                  return StubResponse{201, body};
              });

    m_stub.on("GET", QStringLiteral("/api/v1/queue/status"),
              [this, statusJson](const StubRequest &request) {
                  const QString bearer = request.bearer();
                  if (!m_tokens.contains(bearer))
                      return StubResponse::error(401, QStringLiteral("TOKEN_INVALID"));
                  Token &token = m_tokens[bearer];
                  const QJsonObject body = statusJson(token);
                  if (token.status == QLatin1String("WAITING") && --token.position <= 0)
                      token.status = QStringLiteral("ACTIVE"); // admitted before the next poll
                  return StubResponse{200, body};
              });

    m_stub.on("GET", QStringLiteral("/api/v1/concerts"), [](const StubRequest &) {
        QJsonArray items;
        for (const auto &[id, title, venue] : kConcerts)
            items.append(QJsonObject{{QStringLiteral("id"), id},
                                     {QStringLiteral("title"), title},
                                     {QStringLiteral("venue"), venue}});
        return StubResponse{200,
                            QJsonObject{{QStringLiteral("items"), items},
                                        {QStringLiteral("page"), 1},
                                        {QStringLiteral("size"), 100},
                                        {QStringLiteral("total"), items.size()}}};
    });

    m_stub.on(
        "GET", QStringLiteral("/api/v1/concerts/(\\d+)/dates"), [this](const StubRequest &request) {
            Token *token = nullptr;
            if (StubResponse denied = checkToken(request, &token); !token)
                return denied;
            sweep();
            const qint64 concertId = request.match.captured(1).toLongLong();
            if (dates(concertId).isEmpty())
                return StubResponse::error(404, QStringLiteral("NOT_FOUND"));
            QJsonArray list;
            for (const QDate &date : dates(concertId)) {
                int available = 0;
                for (int seat = 1; seat <= 50; ++seat)
                    available += seatStatus(concertId, date, seat) == QLatin1String("AVAILABLE");
                if (available > 0)
                    list.append(QJsonObject{{QStringLiteral("date"), JsonFields::formatDate(date)},
                                            {QStringLiteral("availableSeats"), available},
                                            {QStringLiteral("price"), price(concertId, date)}});
            }
            return StubResponse{200,
                                QJsonObject{{QStringLiteral("concertId"), concertId},
                                            {QStringLiteral("dates"), list}}};
        });

    m_stub.on(
        "GET", QStringLiteral("/api/v1/concerts/(\\d+)/dates/([0-9-]+)/seats"),
        [this](const StubRequest &request) {
            Token *token = nullptr;
            if (StubResponse denied = checkToken(request, &token); !token)
                return denied;
            sweep();
            const qint64 concertId = request.match.captured(1).toLongLong();
            const auto date = JsonFields::parseDate(request.match.captured(2));
            if (!date)
                return StubResponse::error(400, QStringLiteral("INVALID_ARGUMENT"));
            if (!dates(concertId).contains(*date))
                return StubResponse::error(404, QStringLiteral("NOT_FOUND"));
            QJsonArray seats;
            for (int seat = 1; seat <= 50; ++seat)
                seats.append(
                    QJsonObject{{QStringLiteral("seatNumber"), seat},
                                {QStringLiteral("status"), seatStatus(concertId, *date, seat)},
                                {QStringLiteral("price"), price(concertId, *date)}});
            return StubResponse{200,
                                QJsonObject{{QStringLiteral("concertId"), concertId},
                                            {QStringLiteral("date"), JsonFields::formatDate(*date)},
                                            {QStringLiteral("seats"), seats}}};
        });

    m_stub.on("POST", QStringLiteral("/api/v1/reservations"), [this](const StubRequest &request) {
        Token *token = nullptr;
        if (StubResponse denied = checkToken(request, &token); !token)
            return denied;
        sweep();
        const qint64 concertId = request.json.value(QStringLiteral("concertId")).toInteger();
        const auto date =
            JsonFields::parseDate(request.json.value(QStringLiteral("date")).toString());
        QList<int> seats;
        for (const QJsonValue &seat : request.json.value(QStringLiteral("seatNumbers")).toArray())
            seats << seat.toInt();
        if (!date || seats.isEmpty() || seats.size() > 4)
            return StubResponse::error(400, QStringLiteral("INVALID_ARGUMENT"));
        if (!dates(concertId).contains(*date))
            return StubResponse::error(404, QStringLiteral("NOT_FOUND"));
        for (int seat : seats) {
            if (seatStatus(concertId, *date, seat) != QLatin1String("AVAILABLE"))
                return StubResponse::error(409, QStringLiteral("SEAT_UNAVAILABLE"),
                                           QStringLiteral("seat %1 is not available").arg(seat));
        }
        for (int seat : seats)
            setSeatStatus(concertId, *date, seat, QStringLiteral("HELD"));
        Reservation reservation{m_nextReservation++,
                                token->userId,
                                concertId,
                                *date,
                                seats,
                                price(concertId, *date) * seats.size(),
                                QStringLiteral("HELD"),
                                QDateTime::currentDateTimeUtc().addSecs(holdSeconds)};
        m_reservations.insert(reservation.id, reservation);
        return StubResponse{201, reservationJson(reservation)};
    });

    m_stub.on("GET", QStringLiteral("/api/v1/reservations/(\\d+)"),
              [this](const StubRequest &request) {
                  Token *token = nullptr;
                  if (StubResponse denied = checkToken(request, &token); !token)
                      return denied;
                  sweep();
                  const qint64 id = request.match.captured(1).toLongLong();
                  if (!m_reservations.contains(id))
                      return StubResponse::error(404, QStringLiteral("NOT_FOUND"));
                  if (m_reservations.value(id).userId != token->userId)
                      return StubResponse::error(403, QStringLiteral("FORBIDDEN"));
                  return StubResponse{200, reservationJson(m_reservations.value(id))};
              });

    m_stub.on("GET", QStringLiteral("/api/v1/users/([0-9a-f-]+)/balance"),
              [this](const StubRequest &request) {
                  const QString userId = request.match.captured(1);
                  return StubResponse{200,
                                      QJsonObject{{QStringLiteral("userId"), userId},
                                                  {QStringLiteral("balance"), balance(userId)}}};
              });

    m_stub.on("POST", QStringLiteral("/api/v1/users/([0-9a-f-]+)/balance/charge"),
              [this](const StubRequest &request) {
                  const QString userId = request.match.captured(1);
                  const qint64 amount = request.json.value(QStringLiteral("amount")).toInteger();
                  if (amount < 1 || amount > 10'000'000)
                      return StubResponse::error(400, QStringLiteral("INVALID_ARGUMENT"));
                  m_balances[userId] += amount;
                  return StubResponse{200,
                                      QJsonObject{{QStringLiteral("userId"), userId},
                                                  {QStringLiteral("balance"), balance(userId)}}};
              });

    m_stub.on("POST", QStringLiteral("/api/v1/payments"), [this](const StubRequest &request) {
        const QString bearer = request.bearer();
        const QString key = QString::fromLatin1(request.header("idempotency-key"));
        if (m_tokens.contains(bearer) && !key.isEmpty()
            && m_payments.contains(m_tokens.value(bearer).userId + key))
            return StubResponse{201, m_payments.value(m_tokens.value(bearer).userId + key)};
        Token *token = nullptr;
        if (StubResponse denied = checkToken(request, &token); !token)
            return denied;
        sweep();
        const qint64 id = request.json.value(QStringLiteral("reservationId")).toInteger();
        if (!m_reservations.contains(id))
            return StubResponse::error(404, QStringLiteral("NOT_FOUND"));
        Reservation &reservation = m_reservations[id];
        if (reservation.userId != token->userId)
            return StubResponse::error(403, QStringLiteral("FORBIDDEN"));
        if (reservation.status == QLatin1String("CONFIRMED"))
            return StubResponse::error(409, QStringLiteral("ALREADY_PAID"));
        if (reservation.status == QLatin1String("EXPIRED"))
            return StubResponse::error(410, QStringLiteral("HOLD_EXPIRED"));
        if (balance(token->userId) < reservation.amount)
            return StubResponse::error(409, QStringLiteral("INSUFFICIENT_BALANCE"));
        m_balances[token->userId] -= reservation.amount;
        reservation.status = QStringLiteral("CONFIRMED");
        for (int seat : std::as_const(reservation.seats))
            setSeatStatus(reservation.concertId, reservation.date, seat, QStringLiteral("SOLD"));
        token->status = QStringLiteral("EXPIRED");
        const QJsonObject body{{QStringLiteral("paymentId"), m_nextPayment++},
                               {QStringLiteral("reservationId"), id},
                               {QStringLiteral("userId"), reservation.userId},
                               {QStringLiteral("amount"), reservation.amount},
                               {QStringLiteral("status"), QStringLiteral("COMPLETED")},
                               {QStringLiteral("balance"), balance(reservation.userId)},
                               {QStringLiteral("paidAt"),
                                JsonFields::formatTimestamp(QDateTime::currentDateTimeUtc())}};
        if (!key.isEmpty())
            m_payments.insert(reservation.userId + key, body);
        return StubResponse{201, body};
    });
}
