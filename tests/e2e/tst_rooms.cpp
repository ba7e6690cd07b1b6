// Waiting rooms, leaving and releasing (api-contract.md, "Additions to v1": "Waiting rooms: one
// per concert sale", "Box office" GET/PATCH of a concert, "Reservations: release") against real
// concert-server processes, two where order or sharing across instances matters.
#include "e2efixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QWebSocket>

#include <algorithm>
#include <cmath>

class tst_Rooms : public QObject
{
    Q_OBJECT

private:
    static constexpr int kTickMs = 200;

    E2eFixture m_fx;
    HttpClient m_http;
    ApiDriver m_api{m_http};

    static QStringList options(int capacity = 100, int activeTtl = 600,
                               const QStringList &extra = {})
    {
        return QStringList{QStringLiteral("--queue-capacity"),     QString::number(capacity),
                           QStringLiteral("--active-ttl-seconds"), QString::number(activeTtl),
                           QStringLiteral("--queue-tick-ms"),      QString::number(kTickMs),
                           QStringLiteral("--admin-key"),          QStringLiteral("k")}
        + extra;
    }
    static QString tokenOf(const HttpReply &reply)
    {
        return reply.json.value(QLatin1String("token")).toString();
    }
    static QString statusOf(const HttpReply &reply)
    {
        return reply.json.value(QLatin1String("status")).toString();
    }
    static HttpHeaders admin() { return {{QByteArrayLiteral("X-Admin-Key"), "k"}}; }

    HttpReply join(const QString &user, qint64 concertId, const QUrl &base = {})
    {
        return m_http
            .sendConcurrently(
                {ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                    QJsonObject{{QStringLiteral("userId"), user},
                                                {QStringLiteral("concertId"), concertId}},
                                    {}, base)},
                1)
            .value(0);
    }
    HttpReply patch(qint64 concertId, const QJsonObject &body)
    {
        return m_http.send("PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concertId),
                           QJsonDocument(body).toJson(QJsonDocument::Compact), admin());
    }
    HttpReply leave(const QString &token, const QUrl &base = {})
    {
        return m_http
            .sendConcurrently(
                {ApiDriver::request("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                                    HttpClient::bearer(token), base)},
                1)
            .value(0);
    }
    HttpReply release(const QString &token, qint64 reservationId)
    {
        return m_http.send("DELETE", QStringLiteral("/api/v1/reservations/%1").arg(reservationId),
                           {}, HttpClient::bearer(token));
    }
    qint64 newConcert(const QStringList &dates, qint64 price = 1000)
    {
        return m_api.createConcert("k", dates, price).json.value(QLatin1String("id")).toInteger();
    }
    /** @brief A user admitted to concert @p concertId's room; empty on failure. */
    QString admittedTo(qint64 concertId, const QString &user = ApiDriver::newUserId())
    {
        const QString token = tokenOf(join(user, concertId));
        if (token.isEmpty() || !m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 10000))
            return {};
        return token;
    }
    qint64 sql(const QString &database, const QString &query)
    {
        return m_fx.scalarIn(database, query);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.startDatabase()); }

    void aRoomTokenAdmitsOnlyToItsConcert()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("wrongconcert")));
        auto server = m_fx.startServer(QStringLiteral("wrongconcert"), options());
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 first = newConcert({date});
        const qint64 second = newConcert({date});

        // Unknown concert: 404; a bad concertId: 400; null is the house room.
        QCOMPARE(join(ApiDriver::newUserId(), 999'999).status, 404);
        HttpReply reply =
            m_http.post(QStringLiteral("/api/v1/queue/tokens"),
                        QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                                    {QStringLiteral("concertId"), QStringLiteral("1")}});
        QCOMPARE(reply.status, 400);
        reply = m_http.post(QStringLiteral("/api/v1/queue/tokens"),
                            QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                                        {QStringLiteral("concertId"), QJsonValue()}});
        QCOMPARE(reply.status, 201);
        QVERIFY(reply.json.contains(QLatin1String("concertId")));
        QVERIFY(reply.json.value(QLatin1String("concertId")).isNull());

        // One live token per user per room: the same user joins two rooms and the house.
        const QString user = ApiDriver::newUserId();
        const HttpReply inFirst = join(user, first);
        QCOMPARE(inFirst.status, 201);
        QCOMPARE(inFirst.json.value(QLatin1String("concertId")).toInteger(), first);
        QCOMPARE(join(user, first).status, 200);
        QCOMPARE(tokenOf(join(user, first)), tokenOf(inFirst));
        QCOMPARE(join(user, second).status, 201);
        QCOMPARE(m_api.issueToken(user).status, 201);

        const QString token = tokenOf(inFirst);
        QVERIFY(m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 10000));
        QCOMPARE(m_api.status(token).json.value(QLatin1String("concertId")).toInteger(), first);
        const QString datesOf = QStringLiteral("/api/v1/concerts/%1/dates");
        QCOMPARE(m_http.get(datesOf.arg(first), HttpClient::bearer(token)).status, 200);
        reply = m_http.get(datesOf.arg(second), HttpClient::bearer(token));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        reply =
            m_http.get(QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(second).arg(date),
                       HttpClient::bearer(token));
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        // 404 comes before WRONG_CONCERT.
        QCOMPARE(m_http.get(datesOf.arg(999'999), HttpClient::bearer(token)).status, 404);
        reply = m_api.hold(token, second, date, {1});
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        QCOMPARE(sql(QStringLiteral("wrongconcert"),
                     QStringLiteral("SELECT COUNT(*) FROM reservations")),
                 0);

        // Another user's reservation of the second concert: WRONG_CONCERT before FORBIDDEN.
        const QString other = admittedTo(second);
        QVERIFY(!other.isEmpty());
        const HttpReply held = m_api.hold(other, second, date, {5});
        QCOMPARE(held.status, 201);
        const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();
        reply = m_http.get(QStringLiteral("/api/v1/reservations/%1").arg(reservation),
                           HttpClient::bearer(token));
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        reply = m_api.pay(token, reservation);
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        const QString sameRoom = admittedTo(second);
        reply = m_http.get(QStringLiteral("/api/v1/reservations/%1").arg(reservation),
                           HttpClient::bearer(sameRoom));
        QCOMPARE(reply.errorCode(), QStringLiteral("FORBIDDEN"));

        // A house token admits to both, until a concert gets a saleOpensAt.
        const QString house = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!house.isEmpty());
        QCOMPARE(m_http.get(datesOf.arg(second), HttpClient::bearer(house)).status, 200);
        QCOMPARE(
            patch(second,
                  QJsonObject{{QStringLiteral("saleOpensAt"),
                               QDateTime::currentDateTimeUtc().addSecs(-60).toString(Qt::ISODate)}})
                .status,
            200);
        reply = m_http.get(datesOf.arg(second), HttpClient::bearer(house));
        QCOMPARE(reply.errorCode(), QStringLiteral("WRONG_CONCERT"));
        QCOMPARE(m_http.get(datesOf.arg(first), HttpClient::bearer(house)).status, 200);
        QCOMPARE(m_http.get(datesOf.arg(second), HttpClient::bearer(other)).status, 200);
    }

    void theBoxOfficeReadsAndChangesAConcert()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("boxoffice")));
        auto server = m_fx.startServer(QStringLiteral("boxoffice"), options(37));
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const QString d1 = E2eFixture::day(10);
        const QString d2 = E2eFixture::day(11);
        const qint64 concert = newConcert({d1, d2}, 5000);
        const QString path = QStringLiteral("/api/v1/admin/concerts/%1").arg(concert);

        QCOMPARE(m_http.get(path).status, 401);
        QCOMPARE(m_http.get(path).errorCode(), QStringLiteral("ADMIN_KEY_INVALID"));
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/concerts/999999"), admin()).status, 404);
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/concerts/x"), admin()).status, 400);
        HttpReply reply = m_http.get(path, admin());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("id")).toInteger(), concert);
        QVERIFY(reply.json.value(QLatin1String("saleOpensAt")).isNull());
        QCOMPARE(reply.json.value(QLatin1String("queue")).toObject(),
                 (QJsonObject{{QStringLiteral("capacity"), 37},
                              {QStringLiteral("admitPerMinute"), 0},
                              {QStringLiteral("paused"), false}}));
        QCOMPARE(reply.json.value(QLatin1String("dates")).toArray().size(), 2);

        const QString opens = QStringLiteral("2030-01-01T10:00:00Z");
        reply = patch(concert,
                      QJsonObject{{QStringLiteral("title"), QStringLiteral("New title")},
                                  {QStringLiteral("saleOpensAt"), opens},
                                  {QStringLiteral("queue"),
                                   QJsonObject{{QStringLiteral("admitPerMinute"), 60}}},
                                  {QStringLiteral("dates"),
                                   QJsonArray{QJsonObject{{QStringLiteral("date"), d2},
                                                          {QStringLiteral("price"), 7000}}}}});
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("title")).toString(), QStringLiteral("New title"));
        QCOMPARE(reply.json.value(QLatin1String("venue")).toString(), QStringLiteral("Test hall"));
        QCOMPARE(reply.json.value(QLatin1String("saleOpensAt")).toString(), opens);
        QCOMPARE(reply.json.value(QLatin1String("queue")).toObject(),
                 (QJsonObject{{QStringLiteral("capacity"), 37},
                              {QStringLiteral("admitPerMinute"), 60},
                              {QStringLiteral("paused"), false}}));
        QCOMPARE(reply.json.value(QLatin1String("dates"))
                     .toArray()
                     .at(1)
                     .toObject()
                     .value(QLatin1String("price")),
                 QJsonValue(7000));
        QCOMPARE(m_http.get(path, admin()).json, reply.json);
        // null clears saleOpensAt.
        reply = patch(concert, QJsonObject{{QStringLiteral("saleOpensAt"), QJsonValue()}});
        QVERIFY(reply.json.value(QLatin1String("saleOpensAt")).isNull());

        // Bad input: 400, nothing changed.
        for (const QJsonObject &bad :
             {QJsonObject{{QStringLiteral("queue"), QJsonObject{{QStringLiteral("capacity"), 0}}}},
              QJsonObject{{QStringLiteral("queue"),
                           QJsonObject{{QStringLiteral("paused"), QStringLiteral("yes")}}}},
              QJsonObject{{QStringLiteral("saleOpensAt"), QStringLiteral("tomorrow")}},
              QJsonObject{{QStringLiteral("title"), QString()}},
              QJsonObject{{QStringLiteral("dates"),
                           QJsonArray{QJsonObject{{QStringLiteral("date"), d1},
                                                  {QStringLiteral("price"), -1}}}}}}) {
            QCOMPARE(patch(concert, bad).status, 400);
        }
        QCOMPARE(patch(999'999, QJsonObject{{QStringLiteral("title"), QStringLiteral("x")}}).status,
                 404);

        // A price change of a date with a seat held: 409 CONFLICT, nothing changed (not even the
        // title in the same request); an unknown date: 404.
        const QString token = admittedTo(concert);
        QVERIFY(!token.isEmpty());
        QCOMPARE(m_api.hold(token, concert, d1, {3}).status, 201);
        const QJsonObject before = m_http.get(path, admin()).json;
        reply = patch(concert,
                      QJsonObject{{QStringLiteral("title"), QStringLiteral("Changed")},
                                  {QStringLiteral("dates"),
                                   QJsonArray{QJsonObject{{QStringLiteral("date"), d1},
                                                          {QStringLiteral("price"), 1}}}}});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("CONFLICT"));
        QCOMPARE(m_http.get(path, admin()).json, before);
        reply =
            patch(concert,
                  QJsonObject{{QStringLiteral("dates"),
                               QJsonArray{QJsonObject{{QStringLiteral("date"), E2eFixture::day(50)},
                                                      {QStringLiteral("price"), 1}}}}});
        QCOMPARE(reply.status, 404);
        // The new price of d2 is what a hold costs, at once.
        reply = m_api.hold(token, concert, d2, {1, 2});
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json.value(QLatin1String("amount")).toInteger(), 14'000);
    }

    void aPriceChangedOnAnotherInstanceCountsAtOnce()
    {
        // B admits (started first, short tick); A refreshes its caches once a minute, so the
        // price A cached is the old one when the hold reaches it.
        QVERIFY(m_fx.createDatabase(QStringLiteral("price")));
        auto b = m_fx.startServer(QStringLiteral("price"), options());
        QVERIFY(b);
        m_http.setBaseUrl(b->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 concert = newConcert({date}, 5000);
        QStringList slow = options();
        slow[slow.indexOf(QStringLiteral("--queue-tick-ms")) + 1] = QStringLiteral("60000");
        auto a = m_fx.startServer(QStringLiteral("price"), slow);
        QVERIFY(a);
        const QString user = ApiDriver::newUserId();
        const QString token = admittedTo(concert, user);
        QVERIFY(!token.isEmpty());
        auto on = [&](const char *method, const QString &path, const QJsonObject &body = {}) {
            return m_http
                .sendConcurrently({ApiDriver::request(method, path, body, HttpClient::bearer(token),
                                                      a->baseUrl())},
                                  1)
                .value(0);
        };
        const QString datesPath = QStringLiteral("/api/v1/concerts/%1/dates").arg(concert);
        auto priceOnA = [&]() {
            return on("GET", datesPath)
                .json.value(QLatin1String("dates"))
                .toArray()
                .at(0)
                .toObject()
                .value(QLatin1String("price"));
        };
        // A reads the date (and caches it) before the price changes on B.
        QCOMPARE(priceOnA(), QJsonValue(5000));
        QCOMPARE(on("GET", QStringLiteral("%1/%2/seats").arg(datesPath, date)).status, 200);
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("dates"),
                                    QJsonArray{QJsonObject{{QStringLiteral("date"), date},
                                                           {QStringLiteral("price"), 7000}}}}})
                     .status,
                 200);
        // Precondition: A still lists the old price (within its tick, as the contract allows).
        QCOMPARE(priceOnA(), QJsonValue(5000));
        // The hold on A costs the stored price, and so does the payment.
        const HttpReply held = m_api.hold(token, concert, date, {1, 2}, a->baseUrl());
        QCOMPARE(held.status, 201);
        QCOMPARE(held.json.value(QLatin1String("amount")).toInteger(), 14'000);
        const qint64 reservationId = held.json.value(QLatin1String("reservationId")).toInteger();
        QCOMPARE(on("GET", QStringLiteral("/api/v1/reservations/%1").arg(reservationId))
                     .json.value(QLatin1String("amount"))
                     .toInteger(),
                 14'000);
        QCOMPARE(m_api.charge(user, 20'000, a->baseUrl()).status, 200);
        QCOMPARE(m_api.pay(token, reservationId, {}, a->baseUrl()).status, 201);
        QCOMPARE(m_api.balance(user), 6'000);
        QCOMPARE(
            sql(QStringLiteral("price"),
                QStringLiteral("SELECT amount FROM reservations WHERE id = %1").arg(reservationId)),
            14'000);
    }

    void pauseKeepsPlacesAndResumeAdmitsInOrder()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("pause")));
        auto a = m_fx.startServer(QStringLiteral("pause"), options(2));
        auto b = m_fx.startServer(QStringLiteral("pause"), options(2));
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        const qint64 concert = newConcert({E2eFixture::day(10)});
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("queue"),
                                    QJsonObject{{QStringLiteral("paused"), true}}}})
                     .status,
                 200);
        QStringList tokens;
        for (int i = 0; i < 6; ++i)
            tokens << tokenOf(join(ApiDriver::newUserId(), concert, (i % 2 ? b : a)->baseUrl()));
        QCOMPARE(tokens.size(), 6);
        // Several ticks: nobody admitted, places 1..6 in issue order on both instances.
        QThread::msleep(5 * kTickMs); // the time under test: nothing may happen in it
        for (ServerProcess *server : {a.get(), b.get()}) {
            for (int i = 0; i < tokens.size(); ++i) {
                QTRY_COMPARE_WITH_TIMEOUT(m_api.status(tokens[i], server->baseUrl())
                                              .json.value(QLatin1String("position"))
                                              .toInteger(),
                                          i + 1, 5000);
                QCOMPARE(statusOf(m_api.status(tokens[i], server->baseUrl())),
                         QStringLiteral("WAITING"));
            }
        }
        QCOMPARE(sql(QStringLiteral("pause"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT "
                                    "NULL")),
                 0);
        // Resume: the first two (capacity 2), in order; the rest keep their places.
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("queue"),
                                    QJsonObject{{QStringLiteral("paused"), false}}}})
                     .status,
                 200);
        QVERIFY(m_api.waitForStatus(tokens[0], QStringLiteral("ACTIVE"), 5000));
        QVERIFY(m_api.waitForStatus(tokens[1], QStringLiteral("ACTIVE"), 5000));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_api.status(tokens[2]).json.value(QLatin1String("position")).toInteger(), 1, 5000);
        QCOMPARE(statusOf(m_api.status(tokens[5])), QStringLiteral("WAITING"));
        QCOMPARE(m_api.status(tokens[5]).json.value(QLatin1String("position")).toInteger(), 4);
    }

    void admitPerMinuteCapsAdmissionsInTheWindow()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("rate")));
        auto server = m_fx.startServer(QStringLiteral("rate"), options(1000));
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const qint64 concert = newConcert({E2eFixture::day(10)});
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("queue"),
                                    QJsonObject{{QStringLiteral("admitPerMinute"), 60},
                                                {QStringLiteral("capacity"), 100000}}}})
                     .status,
                 200);
        QList<HttpClient::Request> requests;
        for (int i = 0; i < 90; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/queue/tokens"),
                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                            {QStringLiteral("concertId"), concert}});
        for (const HttpReply &reply : m_http.sendConcurrently(requests, 16))
            QCOMPARE(reply.status, 201);
        const QString admitted =
            QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT NULL");
        QTRY_COMPARE_WITH_TIMEOUT(sql(QStringLiteral("rate"), admitted), 60, 10000);
        // For the next seconds (well inside the 60 s window) nobody more.
        QElapsedTimer held;
        held.start();
        while (held.elapsed() < 10 * kTickMs) {
            QCOMPARE(sql(QStringLiteral("rate"), admitted), 60);
            QThread::msleep(kTickMs);
        }
        // The first 60 in issue order.
        QCOMPARE(sql(QStringLiteral("rate"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens x JOIN queue_tokens y ON "
                                    "x.id < y.id WHERE x.admitted_at IS NULL AND y.admitted_at IS "
                                    "NOT NULL")),
                 0);
    }

    void leavingFreesThePlaceAndTheSeats()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("leave")));
        auto a = m_fx.startServer(QStringLiteral("leave"), options(1));
        auto b = m_fx.startServer(QStringLiteral("leave"), options(1));
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 concert = newConcert({date});
        for (int round = 0; round < 3; ++round) {
            const QString first = admittedTo(concert);
            QVERIFY(!first.isEmpty());
            const QString next = tokenOf(join(ApiDriver::newUserId(), concert, b->baseUrl()));
            const HttpReply held = m_api.hold(first, concert, date, {1, 2});
            QCOMPARE(held.status, 201);
            QCOMPARE(statusOf(m_api.status(next, a->baseUrl())), QStringLiteral("WAITING"));

            QCOMPARE(leave(first, b->baseUrl()).status, 204);
            QElapsedTimer sinceLeft;
            sinceLeft.start();
            // At once, in the database and for changes on the other instance.
            QCOMPARE(sql(QStringLiteral("leave"),
                         QStringLiteral("SELECT COUNT(*) FROM seats WHERE status <> 'AVAILABLE'")),
                     0);
            QCOMPARE(sql(QStringLiteral("leave"),
                         QStringLiteral("SELECT COUNT(*) FROM reservations WHERE status = "
                                        "'RELEASED' AND id = %1")
                             .arg(held.json.value(QLatin1String("reservationId")).toInteger())),
                     1);
            HttpReply reply = m_api.hold(first, concert, date, {3}, a->baseUrl());
            QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));
            // The next in line is ACTIVE within one tick (measured on the other instance).
            qint64 activeAfterMs = -1;
            while (sinceLeft.elapsed() < 10 * kTickMs) {
                if (statusOf(m_api.status(next, a->baseUrl())) == QLatin1String("ACTIVE")) {
                    activeAfterMs = sinceLeft.elapsed();
                    break;
                }
                QThread::msleep(5);
            }
            qInfo("round %d: next in line ACTIVE %lld ms after the leave (tick %d ms)", round,
                  activeAfterMs, kTickMs);
            QVERIFY(activeAfterMs >= 0);
            // One tick to admit, plus up to one tick until the other instance's refresh.
            QVERIFY2(activeAfterMs <= 2 * kTickMs + 100, "the next in line waited too long");
            reply = m_api.status(first, b->baseUrl());
            QCOMPARE(statusOf(reply), QStringLiteral("EXPIRED"));
            QCOMPARE(reply.json.value(QLatin1String("reason")).toString(), QStringLiteral("LEFT"));
            QCOMPARE(leave(first, a->baseUrl()).status, 204); // again: 204
            QTRY_COMPARE_WITH_TIMEOUT(
                m_api.status(first, a->baseUrl()).json.value(QLatin1String("reason")).toString(),
                QStringLiteral("LEFT"), 5000);
            // The seats are the next one's to take.
            QCOMPARE(m_api.hold(next, concert, date, {1, 2}, a->baseUrl()).status, 201);
            QCOMPARE(leave(next).status, 204);
        }
        QCOMPARE(leave(QStringLiteral("v1.forged.token")).status, 401);
    }

    void aReservationIsReleasedByItsUser()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("release")));
        auto server = m_fx.startServer(QStringLiteral("release"), options());
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 concert = newConcert({date});
        const QString user = ApiDriver::newUserId();
        QCOMPARE(m_api.charge(user, 100'000).status, 200);
        const QString token = admittedTo(concert, user);
        QVERIFY(!token.isEmpty());
        HttpReply held = m_api.hold(token, concert, date, {7, 8});
        QCOMPARE(held.status, 201);
        const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();

        HttpReply reply = release(token, reservation);
        QCOMPARE(reply.status, 200);
        QCOMPARE(statusOf(reply), QStringLiteral("RELEASED"));
        QCOMPARE(reply.json.value(QLatin1String("seatNumbers")).toArray().size(), 2);
        QCOMPARE(sql(QStringLiteral("release"),
                     QStringLiteral("SELECT COUNT(*) FROM seats WHERE status <> 'AVAILABLE'")),
                 0);
        reply = release(token, reservation);
        QCOMPARE(reply.status, 200);
        QCOMPARE(statusOf(reply), QStringLiteral("RELEASED"));
        QCOMPARE(statusOf(m_http.get(QStringLiteral("/api/v1/reservations/%1").arg(reservation),
                                     HttpClient::bearer(token))),
                 QStringLiteral("RELEASED"));
        reply = m_api.pay(token, reservation);
        QCOMPARE(reply.status, 410);
        QCOMPARE(reply.errorCode(), QStringLiteral("HOLD_EXPIRED"));
        QCOMPARE(m_api.balance(user), 100'000);

        // Someone else's: 403; unknown: 404; bad id: 400; a paid one: 409 ALREADY_PAID.
        const QString other = admittedTo(concert);
        reply = release(other, reservation);
        QCOMPARE(reply.errorCode(), QStringLiteral("FORBIDDEN"));
        QCOMPARE(release(token, 999'999).status, 404);
        QCOMPARE(release(token, 0).status, 400);
        held = m_api.hold(token, concert, date, {7});
        QCOMPARE(held.status, 201);
        const qint64 paid = held.json.value(QLatin1String("reservationId")).toInteger();
        const QString buyer = ApiDriver::newUserId();
        QCOMPARE(m_api.charge(buyer, 100'000).status, 200);
        const QString buyerToken = admittedTo(concert, buyer);
        held = m_api.hold(buyerToken, concert, date, {9});
        const qint64 bought = held.json.value(QLatin1String("reservationId")).toInteger();
        QCOMPARE(m_api.pay(buyerToken, bought).status, 201);
        const QString again = admittedTo(concert, buyer);
        reply = release(again, bought);
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("ALREADY_PAID"));
        QCOMPARE(release(token, paid).status, 200);
    }

    void aSoldOutRoomAdmitsNobodyUntilASeatComesBack()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("soldout")));
        auto server = m_fx.startServer(QStringLiteral("soldout"), options(100, 600));
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 concert = newConcert({date}, 1);
        // 48 seats sold by 12 buyers, the last 2 only held: not sold out.
        for (int buyer = 0; buyer < 13; ++buyer) {
            const QString user = ApiDriver::newUserId();
            QCOMPARE(m_api.charge(user, 100).status, 200);
            const QString token = admittedTo(concert, user);
            QVERIFY(!token.isEmpty());
            QList<int> seats;
            for (int n = 1 + 4 * buyer; n <= qMin(50, 4 + 4 * buyer); ++n)
                seats << n;
            const HttpReply held = m_api.hold(token, concert, date, seats);
            QCOMPARE(held.status, 201);
            if (buyer == 12) {
                // Holds alone never make a room sold out: the next user is admitted.
                const QString waiter = admittedTo(concert);
                QVERIFY(!waiter.isEmpty());
                QVERIFY(!m_api.status(waiter).json.value(QLatin1String("soldOut")).toBool());
            }
            QCOMPARE(m_api.pay(token, held.json.value(QLatin1String("reservationId")).toInteger())
                         .status,
                     201);
        }
        // Every seat SOLD: a new token waits, soldOut true, for several ticks.
        const QString late = tokenOf(join(ApiDriver::newUserId(), concert));
        QTRY_VERIFY_WITH_TIMEOUT(m_api.status(late).json.value(QLatin1String("soldOut")).toBool(),
                                 5000);
        QThread::msleep(5 * kTickMs); // the time under test: nobody may be admitted in it
        HttpReply reply = m_api.status(late);
        QCOMPARE(statusOf(reply), QStringLiteral("WAITING"));
        QCOMPARE(reply.json.value(QLatin1String("position")).toInteger(), 1);
        QVERIFY(reply.json.value(QLatin1String("soldOut")).toBool());
        // A sale is cancelled (the box office's cancel route is another change; its effect on
        // the seat row is written here): the room reopens, in order.
        QVERIFY(!m_fx.db()
                     .executeIn(QStringLiteral("soldout"),
                                QStringLiteral("UPDATE seats SET status = 'AVAILABLE', "
                                               "reservation_id = NULL WHERE seat_number = 50"))
                     .isNull());
        QVERIFY(m_api.waitForStatus(late, QStringLiteral("ACTIVE"), 5000));
        QVERIFY(!m_api.status(late).json.value(QLatin1String("soldOut")).toBool());
    }

    void abandonedWaitersAreSkipped()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("abandon")));
        const QStringList opts =
            options(1, 600, {QStringLiteral("--queue-abandon-seconds"), QStringLiteral("10")});
        auto a = m_fx.startServer(QStringLiteral("abandon"), opts);
        auto b = m_fx.startServer(QStringLiteral("abandon"), opts);
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        const QString blocker = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!blocker.isEmpty());
        // 50 waiters join and never come back; one more joins behind them and keeps polling.
        QList<HttpClient::Request> requests;
        for (int i = 0; i < 50; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/queue/tokens"),
                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()}}, {},
                (i % 2 ? b : a)->baseUrl());
        QStringList gone;
        for (const HttpReply &reply : m_http.sendConcurrently(requests, 16))
            gone << tokenOf(reply);
        const QString patient = tokenOf(m_api.issueToken(ApiDriver::newUserId(), b->baseUrl()));
        QTRY_COMPARE_WITH_TIMEOUT(
            m_api.status(patient, b->baseUrl()).json.value(QLatin1String("position")),
            QJsonValue(51), 5000);
        // The patient one polls (half on each instance) while the others stay away.
        QElapsedTimer waited;
        waited.start();
        const QString abandoned =
            QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE reason = 'ABANDONED'");
        while (sql(QStringLiteral("abandon"), abandoned) < 50 && waited.elapsed() < 30'000) {
            QCOMPARE(
                statusOf(m_api.status(patient, (waited.elapsed() / 1000 % 2 ? a : b)->baseUrl())),
                QStringLiteral("WAITING"));
            QThread::msleep(100);
        }
        QCOMPARE(sql(QStringLiteral("abandon"), abandoned), 50);
        QVERIFY2(waited.elapsed() >= 9'000, "abandoned before --queue-abandon-seconds");
        // The box office's queue figures count them within a tick (house room, listed first).
        QTRY_COMPARE_WITH_TIMEOUT(m_http.get(QStringLiteral("/api/v1/admin/queue"), admin())
                                      .json.value(QLatin1String("rooms"))
                                      .toArray()
                                      .at(0)
                                      .toObject()
                                      .value(QLatin1String("abandonedLastMinute"))
                                      .toInteger(),
                                  50, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_api.status(patient, a->baseUrl()).json.value(QLatin1String("position")),
            QJsonValue(1), 5000);
        for (const QString &token : gone.mid(0, 5)) {
            const HttpReply reply = m_api.status(token, a->baseUrl());
            QCOMPARE(statusOf(reply), QStringLiteral("EXPIRED"));
            QCOMPARE(reply.json.value(QLatin1String("reason")).toString(),
                     QStringLiteral("ABANDONED"));
        }
        // The blocker leaves: the patient one is next, nobody waits for the abandoned.
        QCOMPARE(leave(blocker).status, 204);
        QVERIFY(m_api.waitForStatus(patient, QStringLiteral("ACTIVE"), 2000, b->baseUrl()));
        QCOMPARE(sql(QStringLiteral("abandon"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE reason = "
                                    "'ABANDONED' AND admitted_at IS NOT NULL")),
                 0);
    }

    void thePushStreamFollowsTheToken()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("push")));
        auto a = m_fx.startServer(QStringLiteral("push"), options(1));
        auto b = m_fx.startServer(QStringLiteral("push"), options(1));
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        auto streamUrl = [](ServerProcess *server) {
            QUrl url = server->baseUrl();
            url.setScheme(QStringLiteral("ws"));
            url.setPath(QStringLiteral("/api/v1/queue/stream"));
            return url;
        };
        // A forged token: 4401; a first message that is not {"token": ...}: 4400.
        for (const auto &[message, code] :
             {std::pair<QString, int>{QStringLiteral("{\"token\":\"v1.forged.x\"}"), 4401},
              std::pair<QString, int>{QStringLiteral("hello"), 4400}}) {
            QWebSocket socket;
            QSignalSpy connected(&socket, &QWebSocket::connected);
            QSignalSpy closed(&socket, &QWebSocket::disconnected);
            socket.open(streamUrl(a.get()));
            QVERIFY(connected.wait(5000));
            socket.sendTextMessage(message);
            QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 5000);
            QCOMPARE(int(socket.closeCode()), code);
        }

        const QString blocker = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!blocker.isEmpty());
        {
            const QString waiter = tokenOf(m_api.issueToken(ApiDriver::newUserId()));
            QWebSocket socket;
            QList<QJsonObject> messages;
            QList<QDateTime> receivedAt;
            connect(&socket, &QWebSocket::textMessageReceived, this, [&](const QString &text) {
                messages << QJsonDocument::fromJson(text.toUtf8()).object();
                receivedAt << QDateTime::currentDateTimeUtc();
            });
            QSignalSpy connected(&socket, &QWebSocket::connected);
            QSignalSpy closed(&socket, &QWebSocket::disconnected);
            socket.open(streamUrl(b.get()));
            QVERIFY(connected.wait(5000));
            socket.sendTextMessage(QStringLiteral("{\"token\":\"%1\"}").arg(waiter));
            QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
            QCOMPARE(messages.first().value(QLatin1String("status")).toString(),
                     QStringLiteral("WAITING"));
            QVERIFY(messages.first().value(QLatin1String("position")).toInteger() >= 1);

            // The place frees on the other instance; the stream shows ACTIVE within a tick of
            // the admission the database recorded.
            QCOMPARE(leave(blocker, a->baseUrl()).status, 204);
            QTRY_VERIFY_WITH_TIMEOUT(
                !messages.isEmpty()
                    && messages.last().value(QLatin1String("status")).toString()
                        == QLatin1String("ACTIVE"),
                5000);
            const QString admittedAt =
                m_fx.db()
                    .executeIn(QStringLiteral("push"),
                               QStringLiteral("SELECT DATE_FORMAT(admitted_at, "
                                              "'%Y-%m-%dT%H:%i:%s.%f') FROM queue_tokens "
                                              "WHERE status = 'ACTIVE'"))
                    .trimmed();
            QDateTime admitted = QDateTime::fromString(admittedAt.left(23), Qt::ISODateWithMs);
            admitted.setTimeSpec(Qt::UTC);
            const qint64 lagMs = admitted.msecsTo(receivedAt.last());
            qInfo("ACTIVE pushed %lld ms after the admission (tick %d ms)", lagMs, kTickMs);
            QVERIFY(admitted.isValid());
            QVERIFY2(lagMs <= kTickMs + 100, "ACTIVE pushed later than a tick after admission");

            // Leaving: EXPIRED is sent, then close 1000.
            QCOMPARE(leave(waiter, a->baseUrl()).status, 204);
            QTRY_COMPARE_WITH_TIMEOUT(closed.size(), 1, 5000);
            QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
            QCOMPARE(messages.last().value(QLatin1String("status")).toString(),
                     QStringLiteral("EXPIRED"));
            QCOMPARE(messages.last().value(QLatin1String("reason")).toString(),
                     QStringLiteral("LEFT"));
        }
    }

    void thePrequeueIsDrawnOnceForEveryInstance()
    {
        constexpr int kUsers = 1000;
        QVERIFY(m_fx.createDatabase(QStringLiteral("draw")));
        auto a = m_fx.startServer(QStringLiteral("draw"), options(1));
        auto b = m_fx.startServer(QStringLiteral("draw"), options(1));
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        const qint64 concert = newConcert({E2eFixture::day(10)});
        const QDateTime opens = QDateTime::currentDateTimeUtc().addSecs(20);
        // Paused: the drawn places stay as drawn while they are compared.
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("saleOpensAt"), opens.toString(Qt::ISODate)},
                                   {QStringLiteral("queue"),
                                    QJsonObject{{QStringLiteral("paused"), true}}}})
                     .status,
                 200);
        QList<HttpClient::Request> requests;
        for (int i = 0; i < kUsers; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/queue/tokens"),
                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                            {QStringLiteral("concertId"), concert}},
                {}, (i % 2 ? b : a)->baseUrl());
        QStringList tokens; // in join order
        for (int from = 0; from < kUsers; from += 50) {
            for (const HttpReply &reply : m_http.sendConcurrently(requests.mid(from, 50), 8)) {
                QCOMPARE(reply.status, 201);
                QVERIFY(reply.json.value(QLatin1String("position")).isNull());
                QVERIFY(reply.json.value(QLatin1String("estimatedWaitSeconds")).isNull());
                QCOMPARE(reply.json.value(QLatin1String("saleOpensAt")).toString(),
                         opens.toString(Qt::ISODate));
                tokens << tokenOf(reply);
            }
        }
        QVERIFY2(QDateTime::currentDateTimeUtc() < opens, "joining took past the opening");
        HttpReply reply = m_api.status(tokens.first(), b->baseUrl());
        QVERIFY(reply.json.value(QLatin1String("position")).isNull());
        QCOMPARE(statusOf(reply), QStringLiteral("WAITING"));

        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > opens, 30000);
        // Within a tick of the opening (plus the requests' own time) both instances report
        // the drawn places.
        auto placesOn = [&](ServerProcess *server) {
            QList<HttpClient::Request> polls;
            for (const QString &token : tokens)
                polls << ApiDriver::request("GET", QStringLiteral("/api/v1/queue/status"), {},
                                            HttpClient::bearer(token), server->baseUrl());
            QList<qint64> places;
            for (const HttpReply &status : m_http.sendConcurrently(polls, 32))
                places << (status.json.value(QLatin1String("position")).isNull()
                               ? -1
                               : status.json.value(QLatin1String("position")).toInteger());
            return places;
        };
        QList<qint64> onA;
        QTRY_VERIFY_WITH_TIMEOUT(!(onA = placesOn(a.get())).contains(-1), 5000);
        const QList<qint64> onB = placesOn(b.get());
        QCOMPARE(onB, onA);
        QList<qint64> sorted = onA;
        std::sort(sorted.begin(), sorted.end());
        for (int i = 0; i < kUsers; ++i)
            QCOMPARE(sorted[i], i + 1);
        // Spearman's rank correlation between join order and drawn place.
        double sumSquares = 0;
        for (int i = 0; i < kUsers; ++i)
            sumSquares += std::pow(double(onA[i] - (i + 1)), 2);
        const double n = kUsers;
        const double rho = 1.0 - 6.0 * sumSquares / (n * (n * n - 1.0));
        qInfo("Spearman correlation between join order and drawn place: %.4f", rho);
        QVERIFY(std::abs(rho) <= 0.1);
        // A user joining after the opening is behind all of them, in issue order.
        const HttpReply joined = join(ApiDriver::newUserId(), concert, b->baseUrl());
        QCOMPARE(joined.status, 201);
        QCOMPARE(joined.json.value(QLatin1String("position")), QJsonValue(kUsers + 1));
        const QString late = tokenOf(joined);
        HttpReply lateOnA;
        QTRY_VERIFY2_WITH_TIMEOUT(
            (lateOnA = m_api.status(late, a->baseUrl())).json.value(QLatin1String("position"))
                == QJsonValue(kUsers + 1),
            qPrintable(QStringLiteral("instance A answers %1 %2")
                           .arg(lateOnA.status)
                           .arg(QString::fromUtf8(lateOnA.body))),
            5000);
        QCOMPARE(m_api.status(late, b->baseUrl()).json.value(QLatin1String("position")),
                 QJsonValue(kUsers + 1));
        // The draw is stored once: resuming admits the first drawn place first.
        QCOMPARE(patch(concert,
                       QJsonObject{{QStringLiteral("queue"),
                                    QJsonObject{{QStringLiteral("paused"), false}}}})
                     .status,
                 200);
        const int first = int(onA.indexOf(1));
        QVERIFY(m_api.waitForStatus(tokens[first], QStringLiteral("ACTIVE"), 5000));
        QCOMPARE(sql(QStringLiteral("draw"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT "
                                    "NULL")),
                 1);
    }
};

QTEST_GUILESS_MAIN(tst_Rooms)
#include "tst_rooms.moc"
