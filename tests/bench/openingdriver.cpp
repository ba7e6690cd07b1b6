#include "openingdriver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include <algorithm>

namespace {

QJsonObject parse(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

OpeningDriver::OpeningDriver(const OpeningSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_random(settings.seed)
{
    m_pool = new HttpConnectionPool(settings.baseUrl.host(), quint16(settings.baseUrl.port()),
                                    settings.connections, settings.requestTimeoutMs, this);
    m_users.resize(size_t(settings.users));
    for (int i = 0; i < settings.users; ++i) {
        m_users[size_t(i)].index = i;
        m_users[size_t(i)].userId = freshUuid();
    }
}

OpeningDriver::~OpeningDriver() = default;

QJsonObject OpeningDriver::run()
{
    m_clock.start();
    QTimer arrivals;
    arrivals.setTimerType(Qt::PreciseTimer);
    arrivals.setInterval(5);
    connect(&arrivals, &QTimer::timeout, this, [this, &arrivals]() {
        arriveDue();
        if (m_arrived == m_settings.users)
            arrivals.stop();
    });
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, this, [this]() {
        if (!m_over) {
            m_over = true;
            m_endReason = QStringLiteral("deadline");
            m_loop.quit();
        }
    });
    deadline.start(m_settings.deadlineMs);
    arrivals.start();
    arriveDue();
    m_loop.exec();
    arrivals.stop();
    return result();
}

qint64 OpeningDriver::arrivalMs(int index) const
{
    const int window = qMax(1, m_settings.arrivalWindowMs);
    if (m_settings.opensInMs < 0)
        return qint64(index) * window / m_settings.users;
    // Pre-queue users in [opens - preWindow, opens - 300 ms), the others in
    // [opens + 200 ms, opens + window): nobody arrives close to the opening itself.
    const int pre = m_settings.preUsers;
    if (index < pre) {
        const qint64 start = qMax<qint64>(0, m_settings.opensInMs - m_settings.preWindowMs);
        const qint64 span = qMax<qint64>(1, m_settings.opensInMs - 300 - start);
        return start + qint64(index) * span / qMax(1, pre);
    }
    const qint64 span = qMax(1, window - 200);
    return m_settings.opensInMs + 200
        + qint64(index - pre) * span / qMax(1, m_settings.users - pre);
}

void OpeningDriver::arriveDue()
{
    const qint64 now = m_clock.elapsed();
    while (m_arrived < m_settings.users && arrivalMs(m_arrived) <= now) {
        issueToken(m_users[size_t(m_arrived)]);
        ++m_arrived;
    }
}

void OpeningDriver::request(User &user, const QString &endpoint, const QByteArray &method,
                            const QByteArray &path, const QByteArray &body,
                            std::function<void(User &, const HttpResult &)> then)
{
    HttpConnectionPool::Headers headers;
    if (!user.bearer.isEmpty())
        headers.append({QByteArrayLiteral("Authorization"), user.bearer});
    if (endpoint == QLatin1String("POST /payments"))
        headers.append({QByteArrayLiteral("Idempotency-Key"), "bench-" + user.userId.toLatin1()});
    const int index = user.index;
    m_pool->send(method, path, body, headers, [this, index, endpoint, then](const HttpResult &r) {
        if (m_over)
            return;
        User &u = m_users[size_t(index)];
        m_statuses[endpoint][r.status] += 1;
        if (r.status == 0) {
            ++m_transportErrors;
            if (m_errorSamples.size() < 10)
                m_errorSamples << endpoint + QStringLiteral(": ") + r.error;
            finishUser(u, Outcome::Failed, endpoint + QStringLiteral(" got no answer"));
            return;
        }
        m_latency[endpoint].add(r.latencyUs);
        m_queueWait.add(r.queuedUs);
        if (r.status >= 500) {
            ++m_serverErrors;
            if (m_errorSamples.size() < 10)
                m_errorSamples << endpoint + QStringLiteral(": %1 ").arg(r.status)
                        + QString::fromUtf8(r.body.left(200));
            finishUser(u, Outcome::Failed, endpoint + QStringLiteral(" answered %1").arg(r.status));
            return;
        }
        then(u, r);
    });
}

void OpeningDriver::issueToken(User &user)
{
    user.phase = Phase::Queued;
    ++m_issuing;
    QJsonObject body{{QStringLiteral("userId"), user.userId}};
    if (m_settings.opensInMs >= 0)
        body.insert(QStringLiteral("concertId"), double(m_settings.concertId));
    request(user, QStringLiteral("POST /queue/tokens"), "POST", "/api/v1/queue/tokens", json(body),
            [this](User &u, const HttpResult &r) {
                const QJsonObject body = parse(r.body);
                if (r.status != 201 && r.status != 200) {
                    finishUser(u, Outcome::Failed, QStringLiteral("token: %1").arg(r.status));
                    return;
                }
                u.bearer = "Bearer " + body.value(QLatin1String("token")).toString().toLatin1();
                u.phase = Phase::Waiting;
                --m_issuing;
                if (body.value(QLatin1String("status")).toString() == QLatin1String("ACTIVE"))
                    admitted(u);
                else if (body.value(QLatin1String("position")).isNull())
                    pollAfterOpening(u);
                else
                    schedulePoll(u, body.value(QLatin1String("estimatedWaitSeconds")).toInteger());
                checkOver();
            });
}

void OpeningDriver::schedulePoll(User &user, qint64 estimatedWaitSeconds)
{
    const qint64 half = estimatedWaitSeconds * 500;
    const qint64 base = std::clamp<qint64>(half, m_settings.pollMinMs, m_settings.pollMaxMs);
    // ±20% jitter so that users who arrived together do not poll together.
    const qint64 delay = base * (80 + qint64(m_random.bounded(41))) / 100;
    const int index = user.index;
    QTimer::singleShot(int(delay), this, [this, index]() {
        if (!m_over)
            pollStatus(m_users[size_t(index)]);
    });
}

void OpeningDriver::pollAfterOpening(User &user)
{
    // In the pre-queue (position null): the next poll after the opening, spread over pollMaxMs
    // so that the whole pre-queue does not poll at the same moment.
    const qint64 untilOpening = qMax<qint64>(0, m_settings.opensInMs - m_clock.elapsed());
    const qint64 delay = qMax<qint64>(m_settings.pollMinMs, untilOpening)
        + qint64(m_random.bounded(quint32(qMax(1, m_settings.pollMaxMs))));
    const int index = user.index;
    QTimer::singleShot(int(delay), this, [this, index]() {
        if (!m_over)
            pollStatus(m_users[size_t(index)]);
    });
}

void OpeningDriver::pollStatus(User &user)
{
    request(user, QStringLiteral("GET /queue/status"), "GET", "/api/v1/queue/status", {},
            [this](User &u, const HttpResult &r) {
                const QJsonObject body = parse(r.body);
                const QString status = body.value(QLatin1String("status")).toString();
                if (r.status != 200) {
                    finishUser(u, Outcome::Failed, QStringLiteral("status: %1").arg(r.status));
                } else if (status == QLatin1String("ACTIVE")) {
                    admitted(u);
                } else if (status == QLatin1String("WAITING")
                           && body.value(QLatin1String("position")).isNull()) {
                    pollAfterOpening(u);
                } else if (status == QLatin1String("WAITING")) {
                    schedulePoll(u, body.value(QLatin1String("estimatedWaitSeconds")).toInteger());
                } else {
                    finishUser(u, Outcome::Failed, QStringLiteral("token expired while waiting"));
                }
            });
}

void OpeningDriver::admitted(User &user)
{
    if (m_firstAdmissionMs < 0)
        m_firstAdmissionMs = m_clock.elapsed();
    user.phase = Phase::Buying;
    ++m_buying;
    readDates(user);
}

void OpeningDriver::readDates(User &user)
{
    request(user, QStringLiteral("GET /concerts/{id}/dates"), "GET",
            "/api/v1/concerts/" + QByteArray::number(m_settings.concertId) + "/dates", {},
            [this](User &u, const HttpResult &r) {
                if (r.status != 200) {
                    finishUser(u, Outcome::Failed, QStringLiteral("dates: %1").arg(r.status));
                    return;
                }
                const QJsonArray dates = parse(r.body).value(QLatin1String("dates")).toArray();
                QStringList open;
                for (const QJsonValue &date : dates) {
                    if (date.toObject().value(QLatin1String("availableSeats")).toInt() > 0)
                        open << date.toObject().value(QLatin1String("date")).toString();
                }
                if (open.isEmpty()) {
                    finishUser(u, Outcome::SoldOut);
                    return;
                }
                u.date = open.at(int(m_random.bounded(quint32(open.size()))));
                readSeats(u);
            });
}

void OpeningDriver::readSeats(User &user)
{
    request(user, QStringLiteral("GET /concerts/{id}/dates/{date}/seats"), "GET",
            "/api/v1/concerts/" + QByteArray::number(m_settings.concertId) + "/dates/"
                + user.date.toLatin1() + "/seats",
            {}, [this](User &u, const HttpResult &r) {
                if (r.status != 200) {
                    finishUser(u, Outcome::Failed, QStringLiteral("seats: %1").arg(r.status));
                    return;
                }
                QList<int> free;
                for (const QJsonValue &seat :
                     parse(r.body).value(QLatin1String("seats")).toArray()) {
                    const QJsonObject s = seat.toObject();
                    if (s.value(QLatin1String("status")).toString() == QLatin1String("AVAILABLE"))
                        free << s.value(QLatin1String("seatNumber")).toInt();
                }
                if (free.isEmpty()) {
                    // The date sold out meanwhile: look at the dates again (it counts as a try).
                    if (++u.holdAttempts >= m_settings.maxHoldAttempts)
                        finishUser(u, Outcome::GaveUp);
                    else
                        readDates(u);
                    return;
                }
                const int want = qMin(int(free.size()), 1 + int(m_random.bounded(2)));
                QList<int> chosen;
                while (chosen.size() < want)
                    chosen << free.takeAt(int(m_random.bounded(quint32(free.size()))));
                std::sort(chosen.begin(), chosen.end());
                hold(u, chosen);
            });
}

void OpeningDriver::hold(User &user, const QList<int> &seats)
{
    QJsonArray numbers;
    for (int n : seats)
        numbers.append(n);
    const QByteArray body = json({{QStringLiteral("concertId"), double(m_settings.concertId)},
                                  {QStringLiteral("date"), user.date},
                                  {QStringLiteral("seatNumbers"), numbers}});
    const int count = int(seats.size());
    request(user, QStringLiteral("POST /reservations"), "POST", "/api/v1/reservations", body,
            [this, count](User &u, const HttpResult &r) {
                if (r.status == 201) {
                    const QJsonObject reservation = parse(r.body);
                    u.reservationId = reservation.value(QLatin1String("reservationId")).toInteger();
                    u.amount = reservation.value(QLatin1String("amount")).toInteger();
                    u.seats = count;
                    charge(u);
                } else if (r.status == 409) {
                    if (++u.holdAttempts >= m_settings.maxHoldAttempts)
                        finishUser(u, Outcome::GaveUp);
                    else
                        readSeats(u);
                } else {
                    finishUser(u, Outcome::Failed, QStringLiteral("hold: %1").arg(r.status));
                }
            });
}

void OpeningDriver::charge(User &user)
{
    request(user, QStringLiteral("POST /users/{id}/balance/charge"), "POST",
            "/api/v1/users/" + user.userId.toLatin1() + "/balance/charge",
            json({{QStringLiteral("amount"), double(user.amount)}}),
            [this](User &u, const HttpResult &r) {
                if (r.status != 200) {
                    finishUser(u, Outcome::Failed, QStringLiteral("charge: %1").arg(r.status));
                    return;
                }
                pay(u);
            });
}

void OpeningDriver::pay(User &user)
{
    request(user, QStringLiteral("POST /payments"), "POST", "/api/v1/payments",
            json({{QStringLiteral("reservationId"), double(user.reservationId)}}),
            [this](User &u, const HttpResult &r) {
                if (r.status != 201) {
                    finishUser(u, Outcome::Failed,
                               QStringLiteral("pay: %1 %2")
                                   .arg(r.status)
                                   .arg(QString::fromUtf8(r.body.left(120))));
                    return;
                }
                m_seatsPaid += u.seats;
                if (m_seatsPaid >= m_settings.seatsOnSale && m_soldOutAtMs < 0)
                    m_soldOutAtMs = m_clock.elapsed();
                finishUser(u, Outcome::Bought);
            });
}

void OpeningDriver::finishUser(User &user, Outcome outcome, const QString &failure)
{
    if (user.phase == Phase::Done)
        return;
    if (user.phase == Phase::Buying)
        --m_buying;
    if (user.phase == Phase::Queued)
        --m_issuing;
    user.phase = Phase::Done;
    user.outcome = outcome;
    user.failure = failure;
    ++m_done;
    if (!failure.isEmpty() && m_errorSamples.size() < 10)
        m_errorSamples << failure;
    checkOver();
}

void OpeningDriver::checkOver()
{
    if (m_over)
        return;
    if (m_done == m_settings.users) {
        m_endReason = QStringLiteral("every user finished");
    } else if (m_seatsPaid >= m_settings.seatsOnSale && m_buying == 0
               && m_arrived == m_settings.users && m_issuing == 0) {
        // Every user of the scenario has arrived and got its token answer: the joins after a
        // fast sell-out are part of the load the scenario measures (issue 8: "20,000 more in
        // the 10 s after").
        m_endReason = QStringLiteral("sold out, every user arrived, no admitted user still buying");
    } else {
        return;
    }
    m_over = true;
    m_loop.quit();
}

QJsonObject OpeningDriver::result() const
{
    QJsonObject outcomes;
    int counts[5] = {};
    int waiting = 0;
    int notArrived = 0;
    for (const User &user : m_users) {
        counts[int(user.outcome)] += 1;
        if (user.phase == Phase::Waiting || user.phase == Phase::Queued)
            ++waiting;
        if (user.phase == Phase::NotArrived)
            ++notArrived;
    }
    outcomes.insert(QStringLiteral("bought"), counts[int(Outcome::Bought)]);
    outcomes.insert(QStringLiteral("sold_out"), counts[int(Outcome::SoldOut)]);
    outcomes.insert(QStringLiteral("gave_up_after_409s"), counts[int(Outcome::GaveUp)]);
    outcomes.insert(QStringLiteral("failed"), counts[int(Outcome::Failed)]);
    outcomes.insert(QStringLiteral("still_waiting_at_end"), waiting);
    outcomes.insert(QStringLiteral("still_buying_at_end"), m_buying);
    outcomes.insert(QStringLiteral("never_arrived"), notArrived);

    QJsonObject endpoints;
    for (auto it = m_statuses.cbegin(); it != m_statuses.cend(); ++it) {
        QJsonObject entry = m_latency.value(it.key()).toJson();
        QJsonObject statuses;
        for (auto s = it->cbegin(); s != it->cend(); ++s)
            statuses.insert(s.key() == 0 ? QStringLiteral("no_answer") : QString::number(s.key()),
                            double(s.value()));
        entry.insert(QStringLiteral("statuses"), statuses);
        endpoints.insert(it.key(), entry);
    }
    return {
        {QStringLiteral("end_reason"), m_endReason},
        {QStringLiteral("elapsed_seconds"), double(m_clock.elapsed()) / 1000.0},
        {QStringLiteral("sold_out"), m_soldOutAtMs >= 0},
        {QStringLiteral("seconds_until_sold_out"),
         m_soldOutAtMs >= 0 ? QJsonValue(double(m_soldOutAtMs) / 1000.0) : QJsonValue()},
        {QStringLiteral("seconds_until_first_admission"),
         m_firstAdmissionMs >= 0 ? QJsonValue(double(m_firstAdmissionMs) / 1000.0) : QJsonValue()},
        {QStringLiteral("seats_paid_seen_by_driver"), m_seatsPaid},
        {QStringLiteral("sale_opens_after_seconds"),
         m_settings.opensInMs >= 0 ? QJsonValue(double(m_settings.opensInMs) / 1000.0)
                                   : QJsonValue()},
        {QStringLiteral("users"), m_settings.users},
        {QStringLiteral("arrived"), m_arrived},
        {QStringLiteral("outcomes"), outcomes},
        {QStringLiteral("server_errors_5xx"), double(m_serverErrors)},
        {QStringLiteral("transport_errors"), double(m_transportErrors)},
        {QStringLiteral("endpoints"), endpoints},
        {QStringLiteral("driver_queue_wait"), m_queueWait.toJson()},
        {QStringLiteral("error_samples"), QJsonArray::fromStringList(m_errorSamples)},
    };
}
