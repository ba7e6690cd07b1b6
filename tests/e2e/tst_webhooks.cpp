// Events for other systems (api-contract.md "Events for third parties (webhooks)") and each
// customer's history ("Reservations: release, history"), against real servers, a private
// MariaDB and real HTTP receivers in this process (QTcpServer on free loopback ports).
#include "e2efixture.h"

#include "jsonfields.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QMessageAuthenticationCode>
#include <QPointer>
#include <QSet>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <algorithm>

namespace {

/** @brief One request a receiver got. */
struct Received
{
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased
    QByteArray body;
    QJsonObject json;
    qint64 atMs = 0; ///< arrival, ms since the epoch

    QByteArray header(const char *name) const { return headers.value(QByteArray(name)); }
    QString eventId() const { return QString::fromLatin1(header("webhook-id")); }
    QString type() const { return json.value(QLatin1String("type")).toString(); }
    QJsonObject data() const { return json.value(QLatin1String("data")).toObject(); }
};

/**
 * @brief A webhook receiver: answers each request with the next status of its script (200
 * once the script is used up), or never answers at all (silent). HTTP/1.1 keep-alive.
 */
class Receiver : public QObject
{
public:
    explicit Receiver(bool silent = false)
        : m_silent(silent)
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { read(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                ++m_connections;
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QString url() const
    {
        return QStringLiteral("http://127.0.0.1:%1/hooks/in").arg(m_server.serverPort());
    }
    QList<int> script; ///< statuses to answer, in order
    QList<Received> received;
    int connections() const { return m_connections; }

    int countOf(const QString &type) const
    {
        return int(std::count_if(received.cbegin(), received.cend(),
                                 [&](const Received &r) { return r.type() == type; }));
    }
    QList<Received> withId(const QString &id) const
    {
        QList<Received> out;
        for (const Received &r : received)
            if (r.eventId() == id)
                out << r;
        return out;
    }

private:
    void read(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        for (;;) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Received r;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            r.method = requestLine.value(0);
            r.path = requestLine.value(1);
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                if (colon > 0)
                    r.headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                                     lines.at(i).mid(colon + 1).trimmed());
            }
            const qint64 length = r.headers.value("content-length").toLongLong();
            if (buffer.size() < end + 4 + length)
                return;
            r.body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            r.json = QJsonDocument::fromJson(r.body).object();
            r.atMs = QDateTime::currentMSecsSinceEpoch();
            received.append(r);
            if (m_silent)
                continue;
            const int status = script.isEmpty() ? 200 : script.takeFirst();
            socket->write(QByteArrayLiteral("HTTP/1.1 ") + QByteArray::number(status)
                          + QByteArrayLiteral(" X\r\nContent-Length: 0\r\n\r\n"));
        }
    }

    QTcpServer m_server;
    bool m_silent = false;
    int m_connections = 0;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

/** @brief The receiver's side of Standard Webhooks, written from the contract's words. */
bool signatureHolds(const Received &r, const QString &secret)
{
    const QByteArray key = QByteArray::fromBase64(secret.mid(6).toLatin1());
    const QByteArray content =
        r.header("webhook-id") + '.' + r.header("webhook-timestamp") + '.' + r.body;
    const QByteArray expected = "v1,"
        + QMessageAuthenticationCode::hash(content, key, QCryptographicHash::Sha256).toBase64();
    return r.header("webhook-signature").split(' ').contains(expected);
}

qint64 percentile(QList<qint64> values, double p)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return 0;
    return values.at(qMin(values.size() - 1, qsizetype(p * values.size())));
}

const QByteArray kAdmin = E2eFixture::kAdminKey;

} // namespace

class tst_Webhooks : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    HttpClient m_http;
    ApiDriver m_api{m_http};
    std::unique_ptr<ServerProcess> m_server;
    const QString m_db = QStringLiteral("events");
    qint64 m_concert = 0;
    QStringList m_dates;
    int m_nextSeat = 0;

    static QStringList options(int holdTtlSeconds)
    {
        return {QStringLiteral("--admin-key"),           QString::fromLatin1(kAdmin),
                QStringLiteral("--queue-capacity"),      QStringLiteral("5000"),
                QStringLiteral("--queue-tick-ms"),       QStringLiteral("100"),
                QStringLiteral("--hold-ttl-seconds"),    QString::number(holdTtlSeconds),
                QStringLiteral("--webhook-retry-scale"), QStringLiteral("0.001")};
    }

    HttpReply createWebhook(const QString &url, const QStringList &events, const QUrl &base = {})
    {
        const QJsonObject body{{QStringLiteral("url"), url},
                               {QStringLiteral("events"), QJsonArray::fromStringList(events)}};
        if (base.isEmpty())
            return m_http.post(QStringLiteral("/api/v1/admin/webhooks"), body,
                               {{"X-Admin-Key", kAdmin}});
        HttpClient other(base);
        return other.post(QStringLiteral("/api/v1/admin/webhooks"), body,
                          {{"X-Admin-Key", kAdmin}});
    }

    /** @brief The next free seat of the suite's concert: (date, seat number). */
    std::pair<QString, int> nextSeat()
    {
        const int n = m_nextSeat++;
        return {m_dates.at(n / 50), n % 50 + 1};
    }

    HttpReply holdNext(const QString &token, const QUrl &base = {})
    {
        const auto [date, seat] = nextSeat();
        return m_api.hold(token, m_concert, date, {seat}, base);
    }

    qint64 outboxCount()
    {
        return m_fx.scalarIn(m_db, QStringLiteral("SELECT COUNT(*) FROM outbox_events"));
    }

    qint64 newConcert(int dates, QStringList *out, HttpClient &http)
    {
        ApiDriver api(http);
        QStringList days;
        for (int i = 0; i < dates; ++i)
            days << E2eFixture::day(30 + i);
        const HttpReply reply = api.createConcert(kAdmin, days, 10000);
        *out = days;
        return reply.json.value(QLatin1String("id")).toInteger();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(m_db));
        m_server = m_fx.startServer(m_db, options(2));
        QVERIFY(m_server);
        m_http.setBaseUrl(m_server->baseUrl());
        m_concert = newConcert(8, &m_dates, m_http);
        QVERIFY(m_concert > 0);
    }

    void adminApiChecksItsInput()
    {
        const QString path = QStringLiteral("/api/v1/admin/webhooks");
        const QJsonObject good{{QStringLiteral("url"), QStringLiteral("https://example.test/in")},
                               {QStringLiteral("events"), QJsonArray{"payment.completed"}}};
        QCOMPARE(m_http.post(path, good).errorCode(), QStringLiteral("ADMIN_KEY_INVALID"));
        QCOMPARE(m_http.post(path, good, {{"X-Admin-Key", "wrong"}}).status, 401);
        for (const QString &url :
             {QStringLiteral("ftp://example.test/x"), QStringLiteral("not a url"),
              QStringLiteral("http://"), QStringLiteral("/relative")}) {
            QJsonObject body = good;
            body[QStringLiteral("url")] = url;
            const HttpReply reply = m_http.post(path, body, {{"X-Admin-Key", kAdmin}});
            QVERIFY2(reply.status == 400, qPrintable(url));
            QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
        }
        for (const QJsonValue &events :
             {QJsonValue(QJsonArray{"payment.done"}), QJsonValue(QJsonArray{}),
              QJsonValue(QJsonArray{1}), QJsonValue(QStringLiteral("payment.completed"))}) {
            QJsonObject body = good;
            body[QStringLiteral("events")] = events;
            QCOMPARE(m_http.post(path, body, {{"X-Admin-Key", kAdmin}}).status, 400);
        }
        const qint64 before = m_fx.scalarIn(m_db, QStringLiteral("SELECT COUNT(*) FROM webhooks"));
        QCOMPARE(before, 0);

        const HttpReply created = m_http.post(path, good, {{"X-Admin-Key", kAdmin}});
        QCOMPARE(created.status, 201);
        const qint64 id = created.json.value(QLatin1String("id")).toInteger();
        QVERIFY(id > 0);
        const QString secret = created.json.value(QLatin1String("secret")).toString();
        QVERIFY(secret.startsWith(QLatin1String("whsec_")));
        QCOMPARE(QByteArray::fromBase64(secret.mid(6).toLatin1()).size(), 32);
        QCOMPARE(created.json.value(QLatin1String("events")).toArray(),
                 QJsonArray{"payment.completed"});

        const HttpReply list = m_http.get(path, {{"X-Admin-Key", kAdmin}});
        QCOMPARE(list.status, 200);
        QCOMPARE(list.json.value(QLatin1String("total")).toInteger(), 1);
        QVERIFY(!list.body.contains("whsec_"));
        QCOMPARE(m_http.get(path + QStringLiteral("?size=0"), {{"X-Admin-Key", kAdmin}}).status,
                 400);

        const QString one = path + QStringLiteral("/%1").arg(id);
        QCOMPARE(m_http.get(one + QStringLiteral("/deliveries"), {{"X-Admin-Key", kAdmin}}).status,
                 200);
        QCOMPARE(m_http.get(one + QStringLiteral("/deliveries")).status, 401);
        QCOMPARE(m_http.send("GET", one, {}, {{"X-Admin-Key", kAdmin}}).status, 405);
        QCOMPARE(m_http.send("DELETE", path + QStringLiteral("/abc"), {}, {{"X-Admin-Key", kAdmin}})
                     .status,
                 400);
        QCOMPARE(m_http.send("DELETE", one).status, 401);
        const HttpReply deleted = m_http.send("DELETE", one, {}, {{"X-Admin-Key", kAdmin}});
        QCOMPARE(deleted.status, 204);
        QVERIFY(deleted.body.isEmpty());
        QCOMPARE(m_http.send("DELETE", one, {}, {{"X-Admin-Key", kAdmin}}).status, 404);
        QCOMPARE(m_http.get(one + QStringLiteral("/deliveries"), {{"X-Admin-Key", kAdmin}}).status,
                 404);
        QCOMPARE(m_http.get(path, {{"X-Admin-Key", kAdmin}})
                     .json.value(QLatin1String("total"))
                     .toInteger(),
                 0);
    }

    void everyEventTypeArrivesSigned()
    {
        Receiver receiver;
        const HttpReply hook = createWebhook(
            receiver.url(),
            {QStringLiteral("reservation.held"), QStringLiteral("reservation.expired"),
             QStringLiteral("payment.completed"), QStringLiteral("reservation.released"),
             QStringLiteral("reservation.cancelled")});
        QCOMPARE(hook.status, 201);
        const QString secret = hook.json.value(QLatin1String("secret")).toString();
        const qint64 outboxBefore = outboxCount();

        // A hold, then its payment.
        const QString buyer = ApiDriver::newUserId();
        const QString buyerToken = m_api.admittedToken(buyer);
        QVERIFY(!buyerToken.isEmpty());
        QCOMPARE(m_api.charge(buyer, 100000).status, 200);
        const auto [date, seat] = nextSeat();
        const HttpReply held = m_api.hold(buyerToken, m_concert, date, {seat});
        QCOMPARE(held.status, 201);
        const qint64 paidReservation = held.json.value(QLatin1String("reservationId")).toInteger();
        const HttpReply paid = m_api.pay(buyerToken, paidReservation);
        QCOMPARE(paid.status, 201);

        // A hold left to expire (hold TTL 2 s).
        const QString idler = ApiDriver::newUserId();
        const QString idlerToken = m_api.admittedToken(idler);
        const HttpReply idle = holdNext(idlerToken);
        QCOMPARE(idle.status, 201);
        const qint64 idleReservation = idle.json.value(QLatin1String("reservationId")).toInteger();

        // A hold that rolls back: the seat is sold. It must leave no event behind.
        const QString loser = ApiDriver::newUserId();
        const QString loserToken = m_api.admittedToken(loser);
        const qint64 outboxBeforeConflict = outboxCount();
        const HttpReply conflict = m_api.hold(loserToken, m_concert, date, {seat});
        QCOMPARE(conflict.status, 409);
        QCOMPARE(outboxCount(), outboxBeforeConflict);

        QTRY_VERIFY_WITH_TIMEOUT(receiver.countOf(QStringLiteral("reservation.expired")) >= 1,
                                 15000);
        QTRY_COMPARE_WITH_TIMEOUT(qint64(receiver.received.size()), outboxCount() - outboxBefore,
                                  5000);
        QCOMPARE(receiver.received.size(), 4); // held ×2, payment, expired

        QSet<QString> ids;
        const qint64 nowS = QDateTime::currentSecsSinceEpoch();
        for (const Received &r : std::as_const(receiver.received)) {
            QCOMPARE(r.method, QByteArray("POST"));
            QCOMPARE(r.path, QByteArray("/hooks/in"));
            QVERIFY(r.header("content-type").startsWith("application/json"));
            QVERIFY2(signatureHolds(r, secret), r.body.constData());
            QCOMPARE(r.eventId(), r.json.value(QLatin1String("id")).toString());
            QVERIFY(!QUuid::fromString(r.eventId()).isNull());
            QVERIFY(qAbs(r.header("webhook-timestamp").toLongLong() - nowS) < 60);
            QVERIFY(
                JsonFields::parseTimestamp(r.json.value(QLatin1String("createdAt")).toString()));
            QVERIFY(r.data().value(QLatin1String("userId")).toString() != loser);
            ids.insert(r.eventId());
        }
        QCOMPARE(ids.size(), 4);
        QCOMPARE(receiver.countOf(QStringLiteral("reservation.held")), 2);
        QCOMPARE(receiver.countOf(QStringLiteral("payment.completed")), 1);
        for (const Received &r : std::as_const(receiver.received)) {
            if (r.type() == QLatin1String("payment.completed")) {
                QCOMPARE(r.data(), paid.json);
            } else if (r.type() == QLatin1String("reservation.expired")) {
                QCOMPARE(r.data().value(QLatin1String("reservationId")).toInteger(),
                         idleReservation);
                QCOMPARE(r.data().value(QLatin1String("status")).toString(),
                         QStringLiteral("EXPIRED"));
            } else if (r.data().value(QLatin1String("reservationId")).toInteger()
                       == paidReservation) {
                QCOMPARE(r.data(), held.json);
            }
        }
        // A forged body fails the check a receiver makes.
        Received forged = receiver.received.first();
        forged.body.replace("HELD", "SOLD");
        forged.body.replace("COMPLETED", "REFUNDED");
        forged.body.replace("EXPIRED", "CONFIRMED");
        QVERIFY(!signatureHolds(forged, secret));
        QCOMPARE(m_http
                     .send("DELETE",
                           QStringLiteral("/api/v1/admin/webhooks/%1")
                               .arg(hook.json.value(QLatin1String("id")).toInteger()),
                           {}, {{"X-Admin-Key", kAdmin}})
                     .status,
                 204);
    }

    void retriesFollowTheScaledSchedule()
    {
        Receiver receiver;
        receiver.script = {500, 500, 500};
        const HttpReply hook = createWebhook(receiver.url(), {QStringLiteral("reservation.held")});
        QCOMPARE(hook.status, 201);
        const qint64 hookId = hook.json.value(QLatin1String("id")).toInteger();
        const QString token = m_api.admittedToken(ApiDriver::newUserId());
        QCOMPARE(holdNext(token).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(receiver.received.size(), 4, 15000);
        const QString id = receiver.received.first().eventId();
        for (const Received &r : std::as_const(receiver.received)) {
            QCOMPARE(r.eventId(), id);
            QCOMPARE(r.body, receiver.received.first().body); // every retry sends the same body
        }
        // 5 s, 5 min, 30 min × 0.001 = 5 ms, 300 ms, 1.8 s (plus at most a poll of slack)
        const qint64 expected[] = {5, 300, 1800};
        for (int i = 0; i < 3; ++i) {
            const qint64 gap = receiver.received.at(i + 1).atMs - receiver.received.at(i).atMs;
            qInfo("gap before attempt %d: %lld ms (schedule %lld ms)", i + 2, gap, expected[i]);
            QVERIFY2(gap >= expected[i] - 2, qPrintable(QString::number(gap)));
            QVERIFY2(gap <= expected[i] + 500, qPrintable(QString::number(gap)));
        }
        HttpReply deliveries;
        QTRY_VERIFY_WITH_TIMEOUT(
            (deliveries = m_http.get(
                 QStringLiteral("/api/v1/admin/webhooks/%1/deliveries?size=10").arg(hookId),
                 {{"X-Admin-Key", kAdmin}}))
                    .json.value(QLatin1String("total"))
                    .toInteger()
                == 4,
            5000);
        const QJsonArray items = deliveries.json.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 4);
        for (int i = 0; i < 4; ++i) {
            const QJsonObject item = items.at(i).toObject();
            QCOMPARE(item.value(QLatin1String("attempt")).toInt(), 4 - i); // newest first
            QCOMPARE(item.value(QLatin1String("eventId")).toString(), id);
            QCOMPARE(item.value(QLatin1String("type")).toString(),
                     QStringLiteral("reservation.held"));
            QCOMPARE(item.value(QLatin1String("status")).toInt(), i == 0 ? 200 : 500);
            QCOMPARE(item.value(QLatin1String("delivered")).toBool(), i == 0);
            QVERIFY(JsonFields::parseTimestamp(item.value(QLatin1String("at")).toString()));
        }
        const HttpReply second = m_http.get(
            QStringLiteral("/api/v1/admin/webhooks/%1/deliveries?page=2&size=3").arg(hookId),
            {{"X-Admin-Key", kAdmin}});
        QCOMPARE(second.json.value(QLatin1String("items")).toArray().size(), 1);
        QCOMPARE(m_http
                     .send("DELETE", QStringLiteral("/api/v1/admin/webhooks/%1").arg(hookId), {},
                           {{"X-Admin-Key", kAdmin}})
                     .status,
                 204);
    }

    void deletedWebhookGetsNothingMore()
    {
        Receiver gone;
        Receiver kept;
        const HttpReply a = createWebhook(gone.url(), {QStringLiteral("reservation.held")});
        const HttpReply b = createWebhook(kept.url(), {QStringLiteral("reservation.held")});
        QCOMPARE(a.status, 201);
        QCOMPARE(b.status, 201);
        const QString token = m_api.admittedToken(ApiDriver::newUserId());
        QCOMPARE(holdNext(token).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(gone.received.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(kept.received.size(), 1, 5000);
        QCOMPARE(m_http
                     .send("DELETE",
                           QStringLiteral("/api/v1/admin/webhooks/%1")
                               .arg(a.json.value(QLatin1String("id")).toInteger()),
                           {}, {{"X-Admin-Key", kAdmin}})
                     .status,
                 204);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(holdNext(token).status, 201);
        QTRY_COMPARE_WITH_TIMEOUT(kept.received.size(), 4, 5000);
        QCOMPARE(gone.received.size(), 1);
        QCOMPARE(m_http
                     .send("DELETE",
                           QStringLiteral("/api/v1/admin/webhooks/%1")
                               .arg(b.json.value(QLatin1String("id")).toInteger()),
                           {}, {{"X-Admin-Key", kAdmin}})
                     .status,
                 204);
    }

    void leavingTheQueueReleasesHoldsWithAnEvent()
    {
        // api-contract.md "Waiting rooms" (Leaving) and "Reservations: release": leaving
        // releases the user's HELD reservations; each release is a reservation.released event.
        Receiver receiver;
        const HttpReply hook = createWebhook(
            receiver.url(),
            {QStringLiteral("reservation.released"), QStringLiteral("reservation.expired")});
        QCOMPARE(hook.status, 201);
        const QString watcher = m_api.admittedToken(ApiDriver::newUserId());
        const QString leaver = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!watcher.isEmpty() && !leaver.isEmpty());
        const auto seatStatus = [&](const QString &date, int seat) {
            const HttpReply map = m_http.get(
                QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(m_concert).arg(date),
                HttpClient::bearer(watcher));
            return map.json.value(QLatin1String("seats"))
                .toArray()
                .at(seat - 1)[QLatin1String("status")]
                .toString();
        };
        // Two holds (two reservations); this instance's seat maps have both dates in memory.
        QList<std::pair<QString, int>> seats{nextSeat(), nextSeat()};
        QSet<qint64> reservations;
        for (const auto &[date, seat] : seats) {
            QCOMPARE(seatStatus(date, seat), QStringLiteral("AVAILABLE"));
            const HttpReply held = m_api.hold(leaver, m_concert, date, {seat});
            QCOMPARE(held.status, 201);
            reservations.insert(held.json.value(QLatin1String("reservationId")).toInteger());
            QCOMPARE(seatStatus(date, seat), QStringLiteral("HELD"));
        }
        // Leave (well within the 2 s hold): the seats are AVAILABLE on this instance at once.
        QCOMPARE(m_http
                     .send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                           HttpClient::bearer(leaver))
                     .status,
                 204);
        for (const auto &[date, seat] : seats)
            QCOMPARE(seatStatus(date, seat), QStringLiteral("AVAILABLE"));
        // One reservation.released per reservation, with the RELEASED reservation as data.
        QTRY_COMPARE_WITH_TIMEOUT(receiver.countOf(QStringLiteral("reservation.released")), 2,
                                  10000);
        QSet<qint64> released;
        for (const Received &r : std::as_const(receiver.received)) {
            // Holds of earlier test functions may expire now: only ours count here.
            if (!reservations.contains(r.data().value(QLatin1String("reservationId")).toInteger()))
                continue;
            QCOMPARE(r.type(), QStringLiteral("reservation.released"));
            QCOMPARE(r.data().value(QLatin1String("status")).toString(),
                     QStringLiteral("RELEASED"));
            released.insert(r.data().value(QLatin1String("reservationId")).toInteger());
        }
        QCOMPARE(released, reservations);
        // They are RELEASED in the database, so the hold sweep never reports them as expired.
        for (const qint64 id : reservations)
            QCOMPARE(m_fx.db()
                         .executeIn(m_db,
                                    QStringLiteral("SELECT status FROM reservations WHERE "
                                                   "id = %1")
                                        .arg(id))
                         .trimmed(),
                     QStringLiteral("RELEASED"));
        // Leaving again changes nothing and sends nothing.
        QCOMPARE(m_http
                     .send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                           HttpClient::bearer(leaver))
                     .status,
                 204);
        QCOMPARE(m_http
                     .send("DELETE",
                           QStringLiteral("/api/v1/admin/webhooks/%1")
                               .arg(hook.json.value(QLatin1String("id")).toInteger()),
                           {}, {{"X-Admin-Key", kAdmin}})
                     .status,
                 204);
        qsizetype ours = 0;
        for (const Received &r : std::as_const(receiver.received))
            ours +=
                reservations.contains(r.data().value(QLatin1String("reservationId")).toInteger());
        QCOMPARE(ours, 2);
    }

    void deadReceiverDelaysNobodyElse()
    {
        constexpr int kHolds = 80;
        const QString token = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!token.isEmpty());
        auto load = [&](QList<qint64> *latencies) {
            for (int i = 0; i < kHolds; ++i) {
                QElapsedTimer timer;
                timer.start();
                const HttpReply reply = holdNext(token);
                latencies->append(timer.nsecsElapsed() / 1000);
                if (reply.status != 201)
                    return false;
            }
            return true;
        };
        QList<qint64> without;
        QVERIFY(load(&without));

        Receiver dead(true);
        Receiver healthy;
        QCOMPARE(createWebhook(dead.url(), {QStringLiteral("reservation.held")}).status, 201);
        const HttpReply hook = createWebhook(healthy.url(), {QStringLiteral("reservation.held")});
        QCOMPARE(hook.status, 201);
        QList<qint64> with;
        const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(load(&with));
        const qint64 endMs = QDateTime::currentMSecsSinceEpoch();
        QTRY_COMPARE_WITH_TIMEOUT(healthy.received.size(), kHolds, 10000);
        const qint64 lastArrival = healthy.received.last().atMs;
        const qint64 p99Without = percentile(without, 0.99);
        const qint64 p99With = percentile(with, 0.99);
        qInfo("holds p50/p99 without a dead receiver: %lld/%lld us; with one: %lld/%lld us; "
              "healthy receiver got all %d events %lld ms after the last hold (load took %lld ms); "
              "the dead one has %lld requests open (at most 6 at once)",
              percentile(without, 0.5), p99Without, percentile(with, 0.5), p99With, kHolds,
              lastArrival - endMs, endMs - startMs, qint64(dead.received.size()));
        QVERIFY(lastArrival - endMs < 2000);
        QVERIFY2(p99With < 3 * p99Without + 50'000, "holds slowed by a dead receiver");
        // Per-webhook concurrency: the dead receiver holds at most 6 attempts at once, all
        // still waiting for their 15 s limit.
        QVERIFY(dead.received.size() >= 1);
        QVERIFY(dead.received.size() <= 6);
        const QJsonArray hooks =
            m_http.get(QStringLiteral("/api/v1/admin/webhooks"), {{"X-Admin-Key", kAdmin}})
                .json.value(QLatin1String("items"))
                .toArray();
        for (const QJsonValue &h : hooks)
            QCOMPARE(m_http
                         .send("DELETE",
                               QStringLiteral("/api/v1/admin/webhooks/%1")
                                   .arg(h.toObject().value(QLatin1String("id")).toInteger()),
                               {}, {{"X-Admin-Key", kAdmin}})
                         .status,
                     204);
    }

    void historyPagesNewestFirst()
    {
        const QString user = ApiDriver::newUserId();
        const QString token = m_api.admittedToken(user);
        QCOMPARE(m_api.charge(user, 100000).status, 200);
        const HttpReply first = holdNext(token); // will expire
        QCOMPARE(first.status, 201);
        const qint64 expiring = first.json.value(QLatin1String("reservationId")).toInteger();
        const QString path = QStringLiteral("/api/v1/users/%1/reservations").arg(user);
        QTRY_VERIFY_WITH_TIMEOUT(
            m_fx.scalarIn(
                m_db,
                QStringLiteral(
                    "SELECT COUNT(*) FROM reservations WHERE id = %1 AND status = 'EXPIRED'")
                    .arg(expiring))
                == 1,
            10000);
        const HttpReply second = holdNext(token);
        QCOMPARE(second.status, 201);
        const qint64 paidId = second.json.value(QLatin1String("reservationId")).toInteger();
        const HttpReply payment = m_api.pay(token, paidId);
        QCOMPARE(payment.status, 201);
        const QString token2 = m_api.admittedToken(user);
        const HttpReply third = holdNext(token2);
        QCOMPARE(third.status, 201);
        const qint64 heldId = third.json.value(QLatin1String("reservationId")).toInteger();

        const HttpReply all = m_http.get(path);
        QCOMPARE(all.status, 200);
        QCOMPARE(all.json.value(QLatin1String("total")).toInteger(), 3);
        QCOMPARE(all.json.value(QLatin1String("page")).toInteger(), 1);
        QCOMPARE(all.json.value(QLatin1String("size")).toInteger(), 20);
        const QJsonArray items = all.json.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("reservationId")).toInteger(), heldId);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("HELD"));
        QVERIFY(!items.at(0).toObject().contains(QLatin1String("paymentId")));
        QCOMPARE(items.at(0).toObject().value(QLatin1String("heldUntil")),
                 third.json.value(QLatin1String("heldUntil")));
        QCOMPARE(items.at(1).toObject().value(QLatin1String("reservationId")).toInteger(), paidId);
        QCOMPARE(items.at(1).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("CONFIRMED"));
        QCOMPARE(items.at(1).toObject().value(QLatin1String("paymentId")),
                 payment.json.value(QLatin1String("paymentId")));
        // "Reservations": a CONFIRMED reservation carries the payment's ticketCode; others none.
        QVERIFY(!payment.json.value(QLatin1String("ticketCode")).toString().isEmpty());
        QCOMPARE(items.at(1).toObject().value(QLatin1String("ticketCode")),
                 payment.json.value(QLatin1String("ticketCode")));
        QVERIFY(!items.at(0).toObject().contains(QLatin1String("ticketCode")));
        QVERIFY(!items.at(2).toObject().contains(QLatin1String("ticketCode")));
        QCOMPARE(items.at(2).toObject().value(QLatin1String("reservationId")).toInteger(),
                 expiring);
        QCOMPARE(items.at(2).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("EXPIRED"));
        QCOMPARE(items.at(2).toObject().value(QLatin1String("seatNumbers")),
                 first.json.value(QLatin1String("seatNumbers")));
        QCOMPARE(items.at(2).toObject().value(QLatin1String("concertId")).toInteger(), m_concert);

        // Paging: 2 + 1, then past the end.
        const HttpReply p1 = m_http.get(path + QStringLiteral("?page=1&size=2"));
        const HttpReply p2 = m_http.get(path + QStringLiteral("?page=2&size=2"));
        const HttpReply p3 = m_http.get(path + QStringLiteral("?page=3&size=2"));
        QCOMPARE(p1.json.value(QLatin1String("items")).toArray().size(), 2);
        QCOMPARE(p2.json.value(QLatin1String("items")).toArray().size(), 1);
        QCOMPARE(p2.json.value(QLatin1String("items"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QLatin1String("reservationId"))
                     .toInteger(),
                 expiring);
        QCOMPARE(p3.status, 200);
        QCOMPARE(p3.json.value(QLatin1String("items")).toArray().size(), 0);
        QCOMPARE(p3.json.value(QLatin1String("total")).toInteger(), 3);

        // A hold left alone past heldUntil reads EXPIRED even before the sweep writes it.
        QTRY_VERIFY_WITH_TIMEOUT(m_http.get(path + QStringLiteral("?size=1"))
                                         .json.value(QLatin1String("items"))
                                         .toArray()
                                         .at(0)
                                         .toObject()
                                         .value(QLatin1String("status"))
                                         .toString()
                                     == QLatin1String("EXPIRED"),
                                 10000);

        const HttpReply unknown =
            m_http.get(QStringLiteral("/api/v1/users/%1/reservations").arg(ApiDriver::newUserId()));
        QCOMPARE(unknown.status, 200);
        QCOMPARE(unknown.json.value(QLatin1String("items")).toArray().size(), 0);
        QCOMPARE(unknown.json.value(QLatin1String("total")).toInteger(), 0);
        QCOMPARE(m_http.get(path + QStringLiteral("?size=0")).status, 400);
        QCOMPARE(m_http.get(path + QStringLiteral("?size=101")).status, 400);
        QCOMPARE(m_http.get(path + QStringLiteral("?page=0")).status, 400);
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/users/not-a-uuid/reservations")).status, 400);
        QCOMPARE(m_http.send("POST", path, "{}").status, 405);
        // The plan of the page query uses the index (one range scan per page).
        const QString plan = m_fx.db().executeIn(
            m_db,
            QStringLiteral("EXPLAIN SELECT r.id FROM reservations r FORCE INDEX "
                           "(ix_reservations_user_created) "
                           "WHERE r.user_id = '%1' ORDER BY r.created_at DESC, r.id DESC LIMIT 2")
                .arg(user));
        QVERIFY2(plan.contains(QLatin1String("ix_reservations_user_created")), qPrintable(plan));
    }

    void killDuringPaymentStormLosesNoEvent()
    {
        constexpr int kPayments = 100;
        // The queue's admitter lock is per MariaDB server: the suite's first server gives way.
        QCOMPARE(m_server->terminate(), 0);
        const QString db = QStringLiteral("storm");
        QVERIFY(m_fx.createDatabase(db));
        auto a = m_fx.startServer(db, options(300));
        auto b = m_fx.startServer(db, options(300));
        QVERIFY(a && b);
        HttpClient http(a->baseUrl());
        ApiDriver api(http);
        QStringList dates;
        const qint64 concert = newConcert(2, &dates, http);
        QVERIFY(concert > 0);
        Receiver receiver;
        QCOMPARE(createWebhook(receiver.url(), {QStringLiteral("payment.completed")}, a->baseUrl())
                     .status,
                 201);

        // 100 admitted, charged users with one held seat each.
        QList<HttpClient::Request> requests;
        QStringList users;
        for (int i = 0; i < kPayments; ++i) {
            users << ApiDriver::newUserId();
            requests << ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                           QJsonObject{{QStringLiteral("userId"), users.last()}});
        }
        QStringList tokens;
        for (const HttpReply &reply : http.sendConcurrently(requests, 50))
            tokens << reply.json.value(QLatin1String("token")).toString();
        requests.clear();
        for (int i = 0; i < kPayments; ++i) {
            QVERIFY(api.waitForStatus(tokens.at(i), QStringLiteral("ACTIVE")));
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/users/%1/balance/charge").arg(users.at(i)),
                QJsonObject{{QStringLiteral("amount"), 10000}});
        }
        for (const HttpReply &reply : http.sendConcurrently(requests, 50))
            QCOMPARE(reply.status, 200);
        requests.clear();
        for (int i = 0; i < kPayments; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/reservations"),
                QJsonObject{{QStringLiteral("concertId"), concert},
                            {QStringLiteral("date"), dates.at(i / 50)},
                            {QStringLiteral("seatNumbers"), QJsonArray{i % 50 + 1}}},
                HttpClient::bearer(tokens.at(i)));
        QList<qint64> reservations;
        for (const HttpReply &reply : http.sendConcurrently(requests, 50)) {
            QCOMPARE(reply.status, 201);
            reservations << reply.json.value(QLatin1String("reservationId")).toInteger();
        }

        // The storm: payments over both instances; A is killed once deliveries are flowing.
        requests.clear();
        for (int i = 0; i < kPayments; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/payments"),
                QJsonObject{{QStringLiteral("reservationId"), reservations.at(i)}},
                HttpClient::bearer(tokens.at(i))
                    + HttpHeaders{{"Idempotency-Key", "storm-" + QByteArray::number(i)}},
                (i % 2 ? b : a)->baseUrl());
        QTimer killer;
        int receivedAtKill = -1;
        killer.setInterval(2);
        connect(&killer, &QTimer::timeout, this, [&]() {
            if (receiver.received.size() >= 10 && a->isRunning()) {
                receivedAtKill = int(receiver.received.size());
                a->kill();
                killer.stop();
            }
        });
        killer.start();
        const QList<HttpReply> replies = http.sendConcurrently(requests, 16);
        killer.stop();
        if (a->isRunning()) {
            receivedAtKill = int(receiver.received.size());
            a->kill(); // the storm outran the deliveries: kill A now, with deliveries still due
        }
        int answered = 0;
        QList<HttpClient::Request> again;
        for (int i = 0; i < kPayments; ++i) {
            if (replies.at(i).status == 201) {
                ++answered;
            } else {
                again << requests.at(i);
                again.last().base = b->baseUrl();
            }
        }
        a = m_fx.startServer(db, options(300));
        QVERIFY(a);
        // The payments A never answered are retried on B with their Idempotency-Key: those A
        // committed before it died are replayed, the rest are made now.
        for (const HttpReply &reply : http.sendConcurrently(again, 16))
            QCOMPARE(reply.status, 201);

        const QString paymentIds =
            m_fx.db().executeIn(db, QStringLiteral("SELECT id FROM payments ORDER BY id"));
        QSet<qint64> paid;
        for (const QString &line : paymentIds.split(u'\n', Qt::SkipEmptyParts))
            paid.insert(line.trimmed().toLongLong());
        QCOMPARE(paid.size(), kPayments);
        auto deliveredPayments = [&]() {
            QSet<qint64> seen;
            for (const Received &r : std::as_const(receiver.received))
                seen.insert(r.data().value(QLatin1String("paymentId")).toInteger());
            return seen;
        };
        QTRY_VERIFY_WITH_TIMEOUT(deliveredPayments().contains(paid), 45000);
        QSet<QString> ids;
        for (const Received &r : std::as_const(receiver.received))
            ids.insert(r.eventId());
        QCOMPARE(qsizetype(ids.size()), paid.size()); // one event per payment, no more
        // No attempt was made twice at once: two instances claiming one delivery together would
        // both write the same attempt number.
        QCOMPARE(m_fx.scalarIn(db,
                               QStringLiteral("SELECT COUNT(*) FROM (SELECT delivery_id, "
                                              "attempt FROM webhook_attempts GROUP BY "
                                              "delivery_id, attempt HAVING COUNT(*) > 1) t")),
                 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx.scalarIn(db,
                          QStringLiteral("SELECT COUNT(*) FROM webhook_deliveries "
                                         "WHERE state = 'DELIVERED'")),
            qint64(kPayments), 30000);
        qInfo("storm: %d payments answered 201 in the storm (the rest retried on B), %lld "
              "committed, A killed after %d deliveries; "
              "receiver got %lld requests for %lld events: %lld duplicates",
              answered, qint64(paid.size()), receivedAtKill, qint64(receiver.received.size()),
              qint64(ids.size()), qint64(receiver.received.size() - ids.size()));
    }
};

QTEST_GUILESS_MAIN(tst_Webhooks)
#include "tst_webhooks.moc"
