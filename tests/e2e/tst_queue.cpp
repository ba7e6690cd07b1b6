// The fair queue across two concert-server instances on one database (api-contract.md
// "Queue"; mission.md "Fair queue"): one place per user, issue-order admission, capacity,
// identical positions on every instance, and admission that survives the admitter's death.
#include "e2efixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QSet>

class tst_Queue : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    HttpClient m_http;
    ApiDriver m_api{m_http};

    static QStringList queueOptions(int capacity, int activeTtl, int tickMs = 100)
    {
        return {QStringLiteral("--queue-capacity"),     QString::number(capacity),
                QStringLiteral("--active-ttl-seconds"), QString::number(activeTtl),
                QStringLiteral("--queue-tick-ms"),      QString::number(tickMs)};
    }
    static QString tokenOf(const HttpReply &reply)
    {
        return reply.json.value(QLatin1String("token")).toString();
    }

    /** @brief Issues one token per user, in order, alternating between @p servers. */
    QStringList issueAlternately(int count, const QList<ServerProcess *> &servers,
                                 QStringList *users = nullptr)
    {
        QStringList tokens;
        for (int i = 0; i < count; ++i) {
            const QString user = ApiDriver::newUserId();
            const HttpReply reply =
                m_api.issueToken(user, servers.at(i % servers.size())->baseUrl());
            if (reply.status != 201)
                return {};
            tokens << tokenOf(reply);
            if (users)
                *users << user;
        }
        return tokens;
    }

    QList<qint64> positionsOn(ServerProcess *server, const QStringList &tokens)
    {
        QList<HttpClient::Request> requests;
        for (const QString &token : tokens)
            requests << ApiDriver::request("GET", QStringLiteral("/api/v1/queue/status"), {},
                                           HttpClient::bearer(token), server->baseUrl());
        QList<qint64> positions;
        for (const HttpReply &reply : m_http.sendConcurrently(requests, 64))
            positions << (reply.json.value(QLatin1String("status")).toString()
                                  == QLatin1String("WAITING")
                              ? reply.json.value(QLatin1String("position")).toInteger()
                              : -1);
        return positions;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_fx.startDatabase()); }

    void oneUserAskingTenTimesAtOnceGetsOnePlace()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("sameuser")));
        auto a = m_fx.startServer(QStringLiteral("sameuser"), queueOptions(100, 600));
        auto b = m_fx.startServer(QStringLiteral("sameuser"), queueOptions(100, 600));
        QVERIFY(a && b);
        const QString user = ApiDriver::newUserId();
        QList<HttpClient::Request> requests;
        for (int i = 0; i < 10; ++i)
            requests << ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                           QJsonObject{{QStringLiteral("userId"), user}}, {},
                                           (i % 2 ? b : a)->baseUrl());
        const QList<HttpReply> replies = m_http.sendConcurrently(requests);
        int created = 0;
        QSet<QString> tokens;
        for (const HttpReply &reply : replies) {
            QVERIFY2(reply.status == 201 || reply.status == 200, reply.body.constData());
            created += reply.status == 201;
            tokens.insert(tokenOf(reply));
        }
        QCOMPARE(created, 1);
        QCOMPARE(tokens.size(), 1);
        QCOMPARE(
            m_fx.scalarIn(
                QStringLiteral("sameuser"),
                QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE user_id = '%1'").arg(user)),
            1);
    }

    void positionsAreDistinctAndTheSameOnBothInstances()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("positions")));
        auto a = m_fx.startServer(QStringLiteral("positions"), queueOptions(5, 600));
        auto b = m_fx.startServer(QStringLiteral("positions"), queueOptions(5, 600));
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        // Five users fill the capacity; everyone after them waits.
        const QStringList blockers = issueAlternately(5, {a.get(), b.get()});
        for (const QString &token : blockers)
            QVERIFY(m_api.waitForStatus(token, QStringLiteral("ACTIVE")));

        // Ten users at once: ten distinct positions in the answers.
        QList<HttpClient::Request> burst;
        for (int i = 0; i < 10; ++i)
            burst << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/queue/tokens"),
                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()}}, {},
                (i % 2 ? b : a)->baseUrl());
        QSet<qint64> burstPositions;
        QStringList burstTokens;
        for (const HttpReply &reply : m_http.sendConcurrently(burst)) {
            QCOMPARE(reply.status, 201);
            QCOMPARE(reply.json.value(QLatin1String("status")).toString(),
                     QStringLiteral("WAITING"));
            burstPositions.insert(reply.json.value(QLatin1String("position")).toInteger());
            burstTokens << tokenOf(reply);
        }
        QCOMPARE(burstPositions.size(), 10);

        // Forty more, issued alternately on the two instances.
        const QStringList tokens = issueAlternately(40, {a.get(), b.get()});
        QCOMPARE(tokens.size(), 40);
        const QStringList all = burstTokens + tokens;
        QList<qint64> expected;
        for (int i = 11; i <= 50; ++i)
            expected << i;
        // Once both have refreshed, both report the same positions: 1..10 for the burst (in
        // issue order, whatever it was), then 11..50 in the order the forty were issued.
        QTRY_COMPARE_WITH_TIMEOUT(positionsOn(a.get(), tokens), expected, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(positionsOn(b.get(), tokens), expected, 10000);
        QList<qint64> burstOnA = positionsOn(a.get(), burstTokens);
        std::sort(burstOnA.begin(), burstOnA.end());
        QCOMPARE(burstOnA, QList<qint64>({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
        QCOMPARE(positionsOn(b.get(), burstTokens), positionsOn(a.get(), burstTokens));

        // The estimated wait never decreases as the position grows.
        QList<std::pair<qint64, qint64>> byPosition;
        for (const QString &token : all) {
            const HttpReply status = m_api.status(token, a->baseUrl());
            byPosition.append(
                {status.json.value(QLatin1String("position")).toInteger(),
                 status.json.value(QLatin1String("estimatedWaitSeconds")).toInteger()});
        }
        std::sort(byPosition.begin(), byPosition.end());
        for (int i = 1; i < byPosition.size(); ++i)
            QVERIFY2(byPosition[i].second >= byPosition[i - 1].second, "estimated wait went down");

        // A waiting token may not use protected routes, and 403 comes before a bad body.
        HttpReply reply = m_http.get(QStringLiteral("/api/v1/concerts/1/dates"),
                                     HttpClient::bearer(tokens.last()));
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_ADMITTED"));
        reply = m_http.send("POST", QStringLiteral("/api/v1/reservations"), "{",
                            HttpClient::bearer(tokens.last()));
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_ADMITTED"));
        reply = m_http.send("POST", QStringLiteral("/api/v1/payments"), "{\"reservationId\":1}",
                            HttpClient::bearer(tokens.first()));
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_ADMITTED"));
        // Nobody beyond the capacity was admitted.
        QCOMPARE(m_fx.scalarIn(
                     QStringLiteral("positions"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE status = 'ACTIVE'")),
                 5);
    }

    void admissionFollowsIssueOrderWithinCapacity()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("order")));
        // Tokens live one second, so the queue moves five places a second.
        auto a = m_fx.startServer(QStringLiteral("order"), queueOptions(5, 1));
        auto b = m_fx.startServer(QStringLiteral("order"), queueOptions(5, 1));
        QVERIFY(a && b);
        const QStringList tokens = issueAlternately(40, {a.get(), b.get()});
        QCOMPARE(tokens.size(), 40);
        QTRY_COMPARE_WITH_TIMEOUT(
            m_fx.scalarIn(
                QStringLiteral("order"),
                QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NOT NULL")),
            40, 60000);
        // Strict issue order: no token was admitted after a token issued later.
        QCOMPARE(
            m_fx.scalarIn(QStringLiteral("order"),
                          QStringLiteral("SELECT COUNT(*) FROM queue_tokens x JOIN queue_tokens y "
                                         "ON x.id < y.id AND x.admitted_at > y.admitted_at")),
            0);
        // Never more than the capacity ACTIVE at once.
        QCOMPARE(
            m_fx.scalarIn(
                QStringLiteral("order"),
                QStringLiteral(
                    "SELECT COALESCE(MAX(c), 0) FROM (SELECT COUNT(*) AS c FROM queue_tokens t "
                    "JOIN queue_tokens u ON u.admitted_at <= t.admitted_at AND t.admitted_at < "
                    "u.expires_at "
                    "GROUP BY t.id) overlaps")),
            5);
        // And the tokens themselves say EXPIRED once their second has passed.
        QTRY_COMPARE_WITH_TIMEOUT(m_api.status(tokens.first(), a->baseUrl())
                                      .json.value(QLatin1String("status"))
                                      .toString(),
                                  QStringLiteral("EXPIRED"), 10000);
        m_http.setBaseUrl(b->baseUrl());
        const HttpReply reply = m_http.get(QStringLiteral("/api/v1/concerts/1/dates"),
                                           HttpClient::bearer(tokens.first()));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));
    }

    void admissionSurvivesTheAdmitterDying()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("failover")));
        auto a = m_fx.startServer(QStringLiteral("failover"), queueOptions(2, 1));
        QVERIFY(a);
        // a admits first, so it holds the admitter lock before b exists.
        const QString first = tokenOf(m_api.issueToken(ApiDriver::newUserId(), a->baseUrl()));
        QVERIFY(m_api.waitForStatus(first, QStringLiteral("ACTIVE"), 10000, a->baseUrl()));
        auto b = m_fx.startServer(QStringLiteral("failover"), queueOptions(2, 1));
        QVERIFY(b);
        const QStringList waiting = issueAlternately(6, {a.get(), b.get()});
        a->kill();
        // b takes over within a couple of ticks and keeps admitting, in order.
        const QStringList after = issueAlternately(4, {b.get()});
        for (const QString &token : waiting + after)
            QVERIFY(
                m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 20000, b->baseUrl())
                || m_api.status(token, b->baseUrl()).json.value(QLatin1String("status")).toString()
                    == QLatin1String("EXPIRED"));
        QCOMPARE(m_fx.scalarIn(
                     QStringLiteral("failover"),
                     QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE admitted_at IS NULL")),
                 0);
        QCOMPARE(
            m_fx.scalarIn(QStringLiteral("failover"),
                          QStringLiteral("SELECT COUNT(*) FROM queue_tokens x JOIN queue_tokens y "
                                         "ON x.id < y.id AND x.admitted_at > y.admitted_at")),
            0);
    }

    void aTokenAdmittedOnOneInstanceWorksOnTheOtherAtOnce()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("stale")));
        // Long ticks: b's picture of the queue lags a's admission by up to two seconds.
        auto a = m_fx.startServer(QStringLiteral("stale"), queueOptions(10, 600, 2000));
        QVERIFY(a);
        auto b = m_fx.startServer(QStringLiteral("stale"), queueOptions(10, 600, 2000));
        QVERIFY(b);
        for (int i = 0; i < 3; ++i) {
            const QString token = tokenOf(m_api.issueToken(ApiDriver::newUserId(), a->baseUrl()));
            QVERIFY(m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 10000, a->baseUrl()));
            m_http.setBaseUrl(b->baseUrl());
            const HttpReply reply =
                m_http.get(QStringLiteral("/api/v1/concerts/1/dates"), HttpClient::bearer(token));
            QCOMPARE(reply.errorCode(),
                     QStringLiteral("NOT_FOUND")); // admitted: past the token check
        }
    }

    void heldSeatsKeepTheTokenAlive()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("keepalive")));
        auto server = m_fx.startServer(
            QStringLiteral("keepalive"),
            queueOptions(10, 2)
                + QStringList{QStringLiteral("--hold-ttl-seconds"), QStringLiteral("5"),
                              QStringLiteral("--admin-key"), QStringLiteral("k")});
        QVERIFY(server);
        m_http.setBaseUrl(server->baseUrl());
        const qint64 concert = m_api.createConcert("k", {E2eFixture::day(10)}, 1000)
                                   .json.value(QLatin1String("id"))
                                   .toInteger();
        const QString token = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!token.isEmpty());
        const HttpReply held = m_api.hold(token, concert, E2eFixture::day(10), {1});
        QCOMPARE(held.status, 201);
        // The token would have expired after 2 s; the hold keeps it until heldUntil.
        const QString heldUntil = held.json.value(QLatin1String("heldUntil")).toString();
        QCOMPARE(m_api.status(token).json.value(QLatin1String("expiresAt")).toString(), heldUntil);
        const QDateTime until = QDateTime::fromString(heldUntil, Qt::ISODate);
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > until.addSecs(-2), 10000);
        QCOMPARE(m_http
                     .get(QStringLiteral("/api/v1/reservations/%1")
                              .arg(held.json.value(QLatin1String("reservationId")).toInteger()),
                          HttpClient::bearer(token))
                     .status,
                 200);
        // After the hold ends, the hold is EXPIRED, the seat free and the token spent.
        QTRY_COMPARE_WITH_TIMEOUT(
            m_api.status(token).json.value(QLatin1String("status")).toString(),
            QStringLiteral("EXPIRED"), 10000);
        const QString other = m_api.admittedToken(ApiDriver::newUserId());
        QCOMPARE(m_api.hold(other, concert, E2eFixture::day(10), {1}).status, 201);
    }

    // api-contract.md, "A spent token" and "Seat maps and dates across instances": a token paid
    // on b is refused on a at once by the routes that change something and by the reservation
    // read; a's dates and seat maps may serve it for at most one tick.
    void aTokenSpentOnOneInstanceIsRefusedOnTheOther()
    {
        constexpr int kTickMs = 500;
        QVERIFY(m_fx.createDatabase(QStringLiteral("spent")));
        const QStringList options = queueOptions(10, 600, kTickMs)
            + QStringList{QStringLiteral("--admin-key"), QStringLiteral("k")};
        auto a = m_fx.startServer(QStringLiteral("spent"), options);
        auto b = m_fx.startServer(QStringLiteral("spent"), options);
        QVERIFY(a && b);
        m_http.setBaseUrl(a->baseUrl());
        const QString date = E2eFixture::day(10);
        const qint64 concert =
            m_api.createConcert("k", {date}, 1000).json.value(QLatin1String("id")).toInteger();
        const QString user = ApiDriver::newUserId();
        QCOMPARE(m_api.charge(user, 10'000).status, 200);

        for (int round = 0; round < 4; ++round) {
            const QString token = m_api.admittedToken(user);
            QVERIFY(!token.isEmpty());
            // a has seen the token ACTIVE (its picture serves dates from memory).
            QTRY_COMPARE_WITH_TIMEOUT(
                m_http
                    .get(QStringLiteral("/api/v1/concerts/%1/dates").arg(concert),
                         HttpClient::bearer(token))
                    .status,
                200, 5000);
            const HttpReply held = m_api.hold(token, concert, date, {1 + 2 * round}, a->baseUrl());
            QCOMPARE(held.status, 201);
            const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();
            QCOMPARE(m_api.pay(token, reservation, {}, b->baseUrl()).status, 201);
            QElapsedTimer sincePaid;
            sincePaid.start();

            // At once on a: a hold, and (in the even rounds before anything else) the
            // reservation read, which also tells a's picture; the odd rounds read it only after
            // measuring how long a's picture alone serves dates and seat maps.
            HttpReply reply = m_api.hold(token, concert, date, {2 + 2 * round}, a->baseUrl());
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));
            const QString reservationPath =
                QStringLiteral("/api/v1/reservations/%1").arg(reservation);
            if (round % 2 == 0) {
                reply = m_http.get(reservationPath, HttpClient::bearer(token));
                QCOMPARE(reply.status, 401);
                QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));
            }

            // Within one tick on a: dates and seat maps (measured until both refuse).
            const QString seatsPath =
                QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(concert).arg(date);
            const QString datesPath = QStringLiteral("/api/v1/concerts/%1/dates").arg(concert);
            qint64 refusedAfterMs = -1;
            while (sincePaid.elapsed() < 5 * kTickMs) {
                const HttpReply dates = m_http.get(datesPath, HttpClient::bearer(token));
                const HttpReply seats = m_http.get(seatsPath, HttpClient::bearer(token));
                QVERIFY(dates.status == 200 || dates.errorCode() == QLatin1String("TOKEN_EXPIRED"));
                QVERIFY(seats.status == 200 || seats.errorCode() == QLatin1String("TOKEN_EXPIRED"));
                if (dates.status == 401 && seats.status == 401) {
                    refusedAfterMs = sincePaid.elapsed();
                    break;
                }
                QThread::msleep(5);
            }
            qInfo("round %d: dates and seat maps on the other instance refused the spent token "
                  "%lld ms after the payment answer (tick %d ms)",
                  round, refusedAfterMs, kTickMs);
            QVERIFY(refusedAfterMs >= 0);
            QVERIFY2(refusedAfterMs <= kTickMs + 100, "served a spent token for more than a tick");
            // Once refused, refused for good.
            QCOMPARE(m_http.get(datesPath, HttpClient::bearer(token)).status, 401);
            reply = m_http.get(reservationPath, HttpClient::bearer(token));
            QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));
        }
    }
};

QTEST_GUILESS_MAIN(tst_Queue)
#include "tst_queue.moc"
