// The HTTP contract (api-contract.md), endpoint by endpoint and error code by error code,
// against a real concert-server on a private MariaDB.
#include "e2efixture.h"
#include "jsonfields.h"

#include <QJsonArray>
#include <QJsonDocument>

class tst_Api : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    std::unique_ptr<ServerProcess> m_server; // database "api", capacity 1000, admin key
    HttpClient m_http;
    ApiDriver m_api{m_http};
    qint64 m_concertId = 0;
    QString m_date; // a future date of m_concertId, price 40,000
    QString m_pastDate;

    QString admittedUser(QString *userId = nullptr)
    {
        const QString user = ApiDriver::newUserId();
        if (userId)
            *userId = user;
        return m_api.admittedToken(user);
    }
    HttpReply get(const QString &path, const QString &token = {})
    {
        return m_http.get(path, token.isEmpty() ? HttpHeaders{} : HttpClient::bearer(token));
    }
    HttpReply postRaw(const QString &path, const QByteArray &body, const QString &token = {})
    {
        return m_http.send("POST", path, body,
                           token.isEmpty() ? HttpHeaders{} : HttpClient::bearer(token));
    }
    QString seatStatus(const QString &token, const QString &date, int seat)
    {
        const QJsonArray seats =
            get(QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(m_concertId).arg(date),
                token)
                .json.value(QLatin1String("seats"))
                .toArray();
        return seats.at(seat - 1).toObject().value(QLatin1String("status")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(QStringLiteral("api")));
        m_server = m_fx.startServer(QStringLiteral("api"),
                                    {QStringLiteral("--queue-tick-ms"), QStringLiteral("50"),
                                     QStringLiteral("--queue-capacity"), QStringLiteral("1000"),
                                     QStringLiteral("--admin-key"),
                                     QString::fromLatin1(E2eFixture::kAdminKey)});
        QVERIFY(m_server);
        m_http.setBaseUrl(m_server->baseUrl());
        m_date = E2eFixture::day(30);
        m_pastDate = E2eFixture::day(-1);
        const HttpReply created = m_api.createConcert(
            E2eFixture::kAdminKey, {m_date, E2eFixture::day(31), m_pastDate}, 40000);
        QCOMPARE(created.status, 201);
        m_concertId = created.json.value(QLatin1String("id")).toInteger();
        QVERIFY(m_concertId > 0);
    }

    void health()
    {
        const HttpReply reply = get(QStringLiteral("/api/v1/health"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("ok"));
        QVERIFY(reply.headers.contains({QByteArrayLiteral("Content-Type"),
                                        QByteArrayLiteral("application/json; charset=utf-8")}));
    }

    void unknownRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addRow("root") << QByteArray("GET") << QStringLiteral("/");
        QTest::addRow("unknown v1 path") << QByteArray("GET") << QStringLiteral("/api/v1/nothing");
        QTest::addRow("v2 does not exist")
            << QByteArray("GET") << QStringLiteral("/api/v2/concerts");
        QTest::addRow("extra segment")
            << QByteArray("GET") << QStringLiteral("/api/v1/concerts/1/dates/x/seats/y");
        QTest::addRow("unknown POST") << QByteArray("POST") << QStringLiteral("/api/v1/refunds");
    }
    void unknownRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        const HttpReply reply = m_http.send(method, path);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_FOUND"));
        QVERIFY(!reply.json.value(QLatin1String("error"))
                     .toObject()
                     .value(QLatin1String("message"))
                     .toString()
                     .isEmpty());
    }

    void wrongMethods_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addRow("GET tokens") << QByteArray("GET") << QStringLiteral("/api/v1/queue/tokens");
        QTest::addRow("POST status")
            << QByteArray("POST") << QStringLiteral("/api/v1/queue/status");
        QTest::addRow("DELETE concerts")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/concerts");
        QTest::addRow("PUT dates")
            << QByteArray("PUT") << QStringLiteral("/api/v1/concerts/1/dates");
        QTest::addRow("POST seats")
            << QByteArray("POST") << QStringLiteral("/api/v1/concerts/1/dates/2027-03-01/seats");
        QTest::addRow("GET reservations")
            << QByteArray("GET") << QStringLiteral("/api/v1/reservations");
        QTest::addRow("PUT reservation")
            << QByteArray("PUT") << QStringLiteral("/api/v1/reservations/1");
        QTest::addRow("GET leaving the queue")
            << QByteArray("GET") << QStringLiteral("/api/v1/queue/tokens/current");
        QTest::addRow("DELETE admin concert")
            << QByteArray("DELETE") << QStringLiteral("/api/v1/admin/concerts/1");
        QTest::addRow("POST balance")
            << QByteArray("POST")
            << QStringLiteral("/api/v1/users/%1/balance").arg(ApiDriver::newUserId());
        QTest::addRow("GET charge")
            << QByteArray("GET")
            << QStringLiteral("/api/v1/users/%1/balance/charge").arg(ApiDriver::newUserId());
        QTest::addRow("PATCH payments")
            << QByteArray("PATCH") << QStringLiteral("/api/v1/payments");
        QTest::addRow("GET admin concerts")
            << QByteArray("GET") << QStringLiteral("/api/v1/admin/concerts");
        QTest::addRow("POST health") << QByteArray("POST") << QStringLiteral("/api/v1/health");
    }
    void wrongMethods()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        const HttpReply reply = m_http.send(method, path, "{}");
        QCOMPARE(reply.status, 405);
        QCOMPARE(reply.errorCode(), QStringLiteral("METHOD_NOT_ALLOWED"));
    }

    void payloadTooLarge()
    {
        const QByteArray big = "{\"userId\":\"" + QByteArray(70 * 1024, 'a') + "\"}";
        HttpReply reply = postRaw(QStringLiteral("/api/v1/queue/tokens"), big);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.errorCode(), QStringLiteral("PAYLOAD_TOO_LARGE"));
        // 413 comes before the token check.
        reply = postRaw(QStringLiteral("/api/v1/reservations"), big);
        QCOMPARE(reply.status, 413);
        // Exactly 64 KiB is still accepted as a size (and then judged as JSON).
        QByteArray limit = "{\"userId\":\"";
        limit += QByteArray(64 * 1024 - limit.size() - 2, 'a') + "\"}";
        QCOMPARE(limit.size(), 64 * 1024);
        reply = postRaw(QStringLiteral("/api/v1/queue/tokens"), limit);
        QCOMPARE(reply.status, 400);
    }

    void issueToken()
    {
        const QString user = ApiDriver::newUserId();
        const HttpReply first = m_api.issueToken(user);
        QCOMPARE(first.status, 201);
        QVERIFY(!first.json.value(QLatin1String("token")).toString().isEmpty());
        QCOMPARE(first.json.value(QLatin1String("userId")).toString(), user);
        const QString status = first.json.value(QLatin1String("status")).toString();
        QVERIFY(status == QLatin1String("WAITING") || status == QLatin1String("ACTIVE"));
        for (const char *field : {"position", "estimatedWaitSeconds", "expiresAt"})
            QVERIFY2(first.json.contains(QLatin1String(field)), field);
        if (status == QLatin1String("WAITING")) {
            QVERIFY(first.json.value(QLatin1String("position")).toInteger() >= 1);
            QVERIFY(first.json.value(QLatin1String("expiresAt")).isNull());
        }
        const HttpReply again = m_api.issueToken(user);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json.value(QLatin1String("token")),
                 first.json.value(QLatin1String("token")));

        // Upper-case hex is the same user, answered in canonical form.
        const HttpReply upper = m_api.issueToken(user.toUpper());
        QCOMPARE(upper.status, 200);
        QCOMPARE(upper.json.value(QLatin1String("userId")).toString(), user);
    }

    void issueTokenRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("malformed JSON") << QByteArray("{\"userId\": ");
        QTest::addRow("empty body") << QByteArray();
        QTest::addRow("array body") << QByteArray("[]");
        QTest::addRow("missing userId") << QByteArray("{}");
        QTest::addRow("userId is a number") << QByteArray("{\"userId\": 42}");
        QTest::addRow("userId is not a UUID") << QByteArray("{\"userId\": \"alice\"}");
        QTest::addRow("userId with braces")
            << QByteArray("{\"userId\": \"{3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f70}\"}");
        QTest::addRow("userId too short")
            << QByteArray("{\"userId\": \"3f2c1a9e-8b7d-4c6e-9f1a-2b3c4d5e6f7\"}");
    }
    void issueTokenRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        const qint64 before = m_fx.scalarIn(QStringLiteral("api"),
                                            QStringLiteral("SELECT COUNT(*) FROM queue_tokens"));
        const HttpReply reply = postRaw(QStringLiteral("/api/v1/queue/tokens"), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(m_fx.scalarIn(QStringLiteral("api"),
                               QStringLiteral("SELECT COUNT(*) FROM queue_tokens")),
                 before);
    }

    void statusRejectsBadTokens_data()
    {
        QTest::addColumn<HttpHeaders>("headers");
        QTest::addRow("no header") << HttpHeaders{};
        QTest::addRow("not bearer") << HttpHeaders{{"Authorization", "Basic dXNlcjpwdw=="}};
        QTest::addRow("garbage") << HttpHeaders{{"Authorization", "Bearer hello"}};
        QTest::addRow("forged signature") << HttpHeaders{
            {"Authorization",
             "Bearer "
             "v1.AAAAAAAAAAE_LBqei31Mbp8aKzxNXm9w.UOQMigclxzJObTGXsJoq4-WgqdHAfGa63VMp2oeqwbE"}};
    }
    void statusRejectsBadTokens()
    {
        QFETCH(HttpHeaders, headers);
        const HttpReply reply = m_http.get(QStringLiteral("/api/v1/queue/status"), headers);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_INVALID"));
    }

    void tamperedTokenIsInvalid()
    {
        const QString token =
            m_api.issueToken(ApiDriver::newUserId()).json.value(QLatin1String("token")).toString();
        QString tampered = token;
        const int at = tampered.size() / 2;
        tampered[at] = tampered.at(at) == u'A' ? u'B' : u'A';
        QCOMPARE(m_api.status(tampered).errorCode(), QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(m_api.status(token).status, 200);
    }

    void statusBecomesActive()
    {
        const QString token =
            m_api.issueToken(ApiDriver::newUserId()).json.value(QLatin1String("token")).toString();
        QVERIFY(m_api.waitForStatus(token, QStringLiteral("ACTIVE")));
        const HttpReply reply = m_api.status(token);
        QCOMPARE(reply.json.value(QLatin1String("position")).toInteger(), 0);
        QCOMPARE(reply.json.value(QLatin1String("estimatedWaitSeconds")).toInteger(), 0);
        const auto expiresAt =
            JsonFields::parseTimestamp(reply.json.value(QLatin1String("expiresAt")).toString());
        QVERIFY(expiresAt);
        const qint64 secondsLeft = QDateTime::currentDateTimeUtc().secsTo(*expiresAt);
        QVERIFY2(secondsLeft > 500 && secondsLeft <= 601, qPrintable(QString::number(secondsLeft)));
    }

    void listConcerts()
    {
        HttpReply reply = get(QStringLiteral("/api/v1/concerts"));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("page")).toInt(), 1);
        QCOMPARE(reply.json.value(QLatin1String("size")).toInt(), 20);
        const qint64 total = reply.json.value(QLatin1String("total")).toInteger();
        QVERIFY(total >= 1);
        const QJsonObject first =
            reply.json.value(QLatin1String("items")).toArray().first().toObject();
        for (const char *field : {"id", "title", "venue"})
            QVERIFY2(first.contains(QLatin1String(field)), field);
        // Pages do not overlap and stop at the total.
        QVERIFY(m_api
                    .createConcert(E2eFixture::kAdminKey, {E2eFixture::day(40)}, 1000,
                                   QStringLiteral("Second"))
                    .status
                == 201);
        const HttpReply page1 = get(QStringLiteral("/api/v1/concerts?page=1&size=1"));
        const HttpReply page2 = get(QStringLiteral("/api/v1/concerts?page=2&size=1"));
        QCOMPARE(page1.json.value(QLatin1String("items")).toArray().size(), 1);
        QVERIFY(page1.json.value(QLatin1String("items")).toArray().first()
                != page2.json.value(QLatin1String("items")).toArray().first());
        const HttpReply beyond = get(QStringLiteral("/api/v1/concerts?page=999&size=100"));
        QCOMPARE(beyond.status, 200);
        QVERIFY(beyond.json.value(QLatin1String("items")).toArray().isEmpty());
    }

    void listConcertsRejectsBadPaging_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addRow("size 0") << QStringLiteral("size=0");
        QTest::addRow("size 101") << QStringLiteral("size=101");
        QTest::addRow("size abc") << QStringLiteral("size=abc");
        QTest::addRow("page 0") << QStringLiteral("page=0");
        QTest::addRow("page -1") << QStringLiteral("page=-1");
        QTest::addRow("page 1.5") << QStringLiteral("page=1.5");
    }
    void listConcertsRejectsBadPaging()
    {
        QFETCH(QString, query);
        const HttpReply reply = get(QStringLiteral("/api/v1/concerts?") + query);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
    }

    void datesNeedAnActiveToken()
    {
        const HttpReply reply = get(QStringLiteral("/api/v1/concerts/%1/dates").arg(m_concertId));
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_INVALID"));
        // The token check comes before the malformed id.
        QCOMPARE(get(QStringLiteral("/api/v1/concerts/abc/dates")).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
    }

    void listDates()
    {
        const QString token = admittedUser();
        QVERIFY(!token.isEmpty());
        const HttpReply reply =
            get(QStringLiteral("/api/v1/concerts/%1/dates").arg(m_concertId), token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("concertId")).toInteger(), m_concertId);
        const QJsonArray dates = reply.json.value(QLatin1String("dates")).toArray();
        QStringList listed;
        for (const QJsonValue &d : dates) {
            listed << d.toObject().value(QLatin1String("date")).toString();
            QCOMPARE(d.toObject().value(QLatin1String("price")).toInteger(), 40000);
            QVERIFY(d.toObject().value(QLatin1String("availableSeats")).toInt() >= 1);
        }
        QVERIFY2(!listed.contains(m_pastDate), "a past date is listed");
        QStringList sorted = listed;
        sorted.sort();
        QCOMPARE(listed, sorted);
        QVERIFY(listed.contains(E2eFixture::day(31)));
    }

    void soldOutDateIsNotListed()
    {
        const HttpReply created = m_api.createConcert(
            E2eFixture::kAdminKey, {E2eFixture::day(50), E2eFixture::day(51)}, 0);
        const qint64 concert = created.json.value(QLatin1String("id")).toInteger();
        QString user;
        const QString token = admittedUser(&user);
        // Hold all 50 seats of the first date, 4 at a time.
        for (int seat = 1; seat <= 50; seat += 4) {
            QList<int> seats;
            for (int s = seat; s < seat + 4 && s <= 50; ++s)
                seats << s;
            QCOMPARE(m_api.hold(token, concert, E2eFixture::day(50), seats).status, 201);
        }
        const QJsonArray dates =
            get(QStringLiteral("/api/v1/concerts/%1/dates").arg(concert), token)
                .json.value(QLatin1String("dates"))
                .toArray();
        QCOMPARE(dates.size(), 1);
        QCOMPARE(dates.first().toObject().value(QLatin1String("date")).toString(),
                 E2eFixture::day(51));
        QCOMPARE(dates.first().toObject().value(QLatin1String("availableSeats")).toInt(), 50);
    }

    void catalogueRejectsBadIds_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addRow("concert id abc") << QStringLiteral("/api/v1/concerts/abc/dates") << 400;
        QTest::addRow("concert id 0") << QStringLiteral("/api/v1/concerts/0/dates") << 400;
        QTest::addRow("concert id -1") << QStringLiteral("/api/v1/concerts/-1/dates") << 400;
        QTest::addRow("concert id 2^63")
            << QStringLiteral("/api/v1/concerts/9223372036854775808/dates") << 400;
        QTest::addRow("unknown concert")
            << QStringLiteral("/api/v1/concerts/9223372036854775807/dates") << 404;
        QTest::addRow("bad date") << QStringLiteral("/api/v1/concerts/1/dates/2027-02-30/seats")
                                  << 400;
        QTest::addRow("date not a date")
            << QStringLiteral("/api/v1/concerts/1/dates/tomorrow/seats") << 400;
        QTest::addRow("unknown date")
            << QStringLiteral("/api/v1/concerts/1/dates/2099-01-01/seats") << 404;
        QTest::addRow("unknown concert seats")
            << QStringLiteral("/api/v1/concerts/99999/dates/2099-01-01/seats") << 404;
    }
    void catalogueRejectsBadIds()
    {
        QFETCH(QString, path);
        QFETCH(int, status);
        const QString token = admittedUser();
        const HttpReply reply = get(path, token);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(),
                 status == 400 ? QStringLiteral("INVALID_ARGUMENT") : QStringLiteral("NOT_FOUND"));
    }

    void seatMap()
    {
        const QString token = admittedUser();
        const HttpReply reply =
            get(QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(m_concertId).arg(m_date),
                token);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("date")).toString(), m_date);
        const QJsonArray seats = reply.json.value(QLatin1String("seats")).toArray();
        QCOMPARE(seats.size(), 50);
        for (int i = 0; i < 50; ++i) {
            const QJsonObject seat = seats.at(i).toObject();
            QCOMPARE(seat.value(QLatin1String("seatNumber")).toInt(), i + 1);
            QCOMPARE(seat.value(QLatin1String("price")).toInteger(), 40000);
            QVERIFY(QStringList({QStringLiteral("AVAILABLE"), QStringLiteral("HELD"),
                                 QStringLiteral("SOLD")})
                        .contains(seat.value(QLatin1String("status")).toString()));
        }
    }

    void holdSeats()
    {
        QString user;
        const QString token = admittedUser(&user);
        const HttpReply reply = m_api.hold(token, m_concertId, m_date, {12, 11});
        QCOMPARE(reply.status, 201);
        const QJsonObject r = reply.json;
        QVERIFY(r.value(QLatin1String("reservationId")).toInteger() > 0);
        QCOMPARE(r.value(QLatin1String("userId")).toString(), user);
        QCOMPARE(r.value(QLatin1String("concertId")).toInteger(), m_concertId);
        QCOMPARE(r.value(QLatin1String("date")).toString(), m_date);
        QCOMPARE(r.value(QLatin1String("seatNumbers")).toArray(), QJsonArray({11, 12}));
        QCOMPARE(r.value(QLatin1String("amount")).toInteger(), 80000);
        QCOMPARE(r.value(QLatin1String("status")).toString(), QStringLiteral("HELD"));
        const auto heldUntil =
            JsonFields::parseTimestamp(r.value(QLatin1String("heldUntil")).toString());
        QVERIFY(heldUntil);
        const qint64 seconds = QDateTime::currentDateTimeUtc().secsTo(*heldUntil);
        QVERIFY2(seconds >= 295 && seconds <= 301, qPrintable(QString::number(seconds)));
        QCOMPARE(seatStatus(token, m_date, 11), QStringLiteral("HELD"));
        QCOMPARE(seatStatus(token, m_date, 12), QStringLiteral("HELD"));

        // GET returns the same reservation to its user.
        const qint64 id = r.value(QLatin1String("reservationId")).toInteger();
        const HttpReply fetched = get(QStringLiteral("/api/v1/reservations/%1").arg(id), token);
        QCOMPARE(fetched.status, 200);
        QCOMPARE(fetched.json, r);
        // ... and 403 to anyone else, 404 for an unknown id.
        const QString other = admittedUser();
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/%1").arg(id), other).errorCode(),
                 QStringLiteral("FORBIDDEN"));
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/%1").arg(id), other).status, 403);
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/9223372036854775807"), token).status,
                 404);
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/x1"), token).status, 400);
    }

    void holdIsAllOrNothing()
    {
        const QString first = admittedUser();
        QCOMPARE(m_api.hold(first, m_concertId, m_date, {21}).status, 201);
        const QString second = admittedUser();
        const HttpReply reply = m_api.hold(second, m_concertId, m_date, {20, 21, 22});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("SEAT_UNAVAILABLE"));
        QCOMPARE(seatStatus(second, m_date, 20), QStringLiteral("AVAILABLE"));
        QCOMPARE(seatStatus(second, m_date, 22), QStringLiteral("AVAILABLE"));
        QCOMPARE(m_api.hold(second, m_concertId, m_date, {20, 22}).status, 201);
    }

    void holdOnPastDateIsRefused()
    {
        const QString token = admittedUser();
        const HttpReply reply = m_api.hold(token, m_concertId, m_pastDate, {1});
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("SEAT_UNAVAILABLE"));
    }

    void holdRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        const QByteArray date = E2eFixture::day(30).toLatin1();
        auto body = [&](const QByteArray &concert, const QByteArray &d, const QByteArray &seats) {
            return "{\"concertId\":" + concert + ",\"date\":\"" + d + "\",\"seatNumbers\":" + seats
                + "}";
        };
        QTest::addRow("malformed JSON") << QByteArray("{\"concertId\": 1,") << 400;
        QTest::addRow("no seats") << body("1", date, "[]") << 400;
        QTest::addRow("five seats") << body("1", date, "[1,2,3,4,5]") << 400;
        QTest::addRow("duplicate seat") << body("1", date, "[3,3]") << 400;
        QTest::addRow("seat 0") << body("1", date, "[0]") << 400;
        QTest::addRow("seat 51 is rejected") << body("1", date, "[51]") << 400;
        QTest::addRow("seat as string") << body("1", date, "[\"7\"]") << 400;
        QTest::addRow("seat 7.5") << body("1", date, "[7.5]") << 400;
        QTest::addRow("seats not an array") << body("1", date, "7") << 400;
        QTest::addRow("concertId 0") << body("0", date, "[1]") << 400;
        QTest::addRow("concertId string") << body("\"1\"", date, "[1]") << 400;
        QTest::addRow("bad date") << body("1", "2027-13-01", "[1]") << 400;
        QTest::addRow("date missing") << QByteArray("{\"concertId\":1,\"seatNumbers\":[1]}") << 400;
        QTest::addRow("unknown concert") << body("9223372036854775807", date, "[1]") << 404;
        QTest::addRow("unknown date") << body("1", "2099-12-31", "[1]") << 404;
    }
    void holdRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        const QString token = admittedUser();
        const qint64 before = m_fx.scalarIn(QStringLiteral("api"),
                                            QStringLiteral("SELECT COUNT(*) FROM reservations"));
        QByteArray b = body;
        b.replace("\"concertId\":1,", "\"concertId\":" + QByteArray::number(m_concertId) + ",");
        const HttpReply reply = postRaw(QStringLiteral("/api/v1/reservations"), b, token);
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(),
                 status == 400 ? QStringLiteral("INVALID_ARGUMENT") : QStringLiteral("NOT_FOUND"));
        QCOMPARE(m_fx.scalarIn(QStringLiteral("api"),
                               QStringLiteral("SELECT COUNT(*) FROM reservations")),
                 before);
    }

    void balanceAndCharge()
    {
        const QString user = ApiDriver::newUserId();
        HttpReply reply = get(QStringLiteral("/api/v1/users/%1/balance").arg(user));
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json,
                 QJsonObject({{QStringLiteral("userId"), user}, {QStringLiteral("balance"), 0}}));
        reply = m_api.charge(user, 50000);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("balance")).toInteger(), 50000);
        QCOMPARE(m_api.charge(user, 10'000'000).json.value(QLatin1String("balance")).toInteger(),
                 10'050'000);
        QCOMPARE(m_api.balance(user), 10'050'000);
    }

    void chargeRejectsBadInput_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("body");
        const QString user = ApiDriver::newUserId();
        QTest::addRow("amount 0") << user << QByteArray("{\"amount\":0}");
        QTest::addRow("amount negative") << user << QByteArray("{\"amount\":-500}");
        QTest::addRow("amount over 10,000,000") << user << QByteArray("{\"amount\":10000001}");
        QTest::addRow("amount with fraction") << user << QByteArray("{\"amount\":100.5}");
        QTest::addRow("amount as string") << user << QByteArray("{\"amount\":\"100\"}");
        QTest::addRow("amount missing") << user << QByteArray("{}");
        QTest::addRow("amount huge") << user << QByteArray("{\"amount\":1e300}");
        QTest::addRow("malformed JSON") << user << QByteArray("{amount: 5}");
        QTest::addRow("bad user id")
            << QStringLiteral("not-a-uuid") << QByteArray("{\"amount\":100}");
    }
    void chargeRejectsBadInput()
    {
        QFETCH(QString, user);
        QFETCH(QByteArray, body);
        const HttpReply reply =
            postRaw(QStringLiteral("/api/v1/users/%1/balance/charge").arg(user), body);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(get(QStringLiteral("/api/v1/users/%1/balance").arg(user))
                     .json.value(QLatin1String("balance"))
                     .toInteger(),
                 user == QLatin1String("not-a-uuid") ? 0 : 0);
        if (user == QLatin1String("not-a-uuid"))
            QCOMPARE(get(QStringLiteral("/api/v1/users/%1/balance").arg(user)).status, 400);
    }

    void payment()
    {
        QString user;
        const QString token = admittedUser(&user);
        const HttpReply held = m_api.hold(token, m_concertId, m_date, {31, 32});
        QCOMPARE(held.status, 201);
        const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();

        // Not enough money: 409 and nothing changes.
        QCOMPARE(m_api.charge(user, 50000).status, 200);
        HttpReply reply = m_api.pay(token, reservation);
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QCOMPARE(m_api.balance(user), 50000);
        QCOMPARE(seatStatus(token, m_date, 31), QStringLiteral("HELD"));
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/%1").arg(reservation), token)
                     .json.value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("HELD"));

        // Another user may not pay it.
        const QString other = admittedUser();
        reply = m_api.pay(other, reservation);
        QCOMPARE(reply.status, 403);
        QCOMPARE(reply.errorCode(), QStringLiteral("FORBIDDEN"));
        QCOMPARE(m_api.pay(token, 9223372036854775807LL).status, 404);

        QCOMPARE(m_api.charge(user, 40000).status, 200);
        reply = m_api.pay(token, reservation, "order-1");
        QCOMPARE(reply.status, 201);
        const QJsonObject paid = reply.json;
        QVERIFY(paid.value(QLatin1String("paymentId")).toInteger() > 0);
        QCOMPARE(paid.value(QLatin1String("reservationId")).toInteger(), reservation);
        QCOMPARE(paid.value(QLatin1String("userId")).toString(), user);
        QCOMPARE(paid.value(QLatin1String("amount")).toInteger(), 80000);
        QCOMPARE(paid.value(QLatin1String("status")).toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(paid.value(QLatin1String("balance")).toInteger(), 10000);
        QVERIFY(JsonFields::parseTimestamp(paid.value(QLatin1String("paidAt")).toString()));
        QCOMPARE(m_api.balance(user), 10000);

        // The token is spent: status EXPIRED, protected routes 401 TOKEN_EXPIRED.
        QCOMPARE(m_api.status(token).json.value(QLatin1String("status")).toString(),
                 QStringLiteral("EXPIRED"));
        reply = get(QStringLiteral("/api/v1/concerts/%1/dates").arg(m_concertId), token);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("TOKEN_EXPIRED"));

        // A replay with the same key returns the same body and takes nothing more.
        reply = m_api.pay(token, reservation, "order-1");
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json, paid);
        QCOMPARE(m_api.balance(user), 10000);
        // Without the key the spent token is refused.
        QCOMPARE(m_api.pay(token, reservation).errorCode(), QStringLiteral("TOKEN_EXPIRED"));

        // Seats are sold, the reservation confirmed.
        const QString viewer = admittedUser();
        QCOMPARE(seatStatus(viewer, m_date, 31), QStringLiteral("SOLD"));
        QCOMPARE(seatStatus(viewer, m_date, 32), QStringLiteral("SOLD"));
        QCOMPARE(m_api.hold(viewer, m_concertId, m_date, {31}).errorCode(),
                 QStringLiteral("SEAT_UNAVAILABLE"));

        // With a new token the user sees CONFIRMED, and paying again is 409 ALREADY_PAID.
        const QString again = m_api.admittedToken(user);
        QVERIFY(!again.isEmpty());
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/%1").arg(reservation), again)
                     .json.value(QLatin1String("status"))
                     .toString(),
                 QStringLiteral("CONFIRMED"));
        reply = m_api.pay(again, reservation);
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("ALREADY_PAID"));
        QCOMPARE(m_api.balance(user), 10000);
    }

    void paymentRejectsBadInput_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("key");
        QTest::addRow("malformed JSON") << QByteArray("{") << QByteArray();
        QTest::addRow("missing reservationId") << QByteArray("{}") << QByteArray();
        QTest::addRow("reservationId 0") << QByteArray("{\"reservationId\":0}") << QByteArray();
        QTest::addRow("reservationId string")
            << QByteArray("{\"reservationId\":\"5\"}") << QByteArray();
        QTest::addRow("key of 65 characters")
            << QByteArray("{\"reservationId\":5}") << QByteArray(65, 'k');
        QTest::addRow("key with a control character")
            << QByteArray("{\"reservationId\":5}") << QByteArray("ab\x01");
    }
    void paymentRejectsBadInput()
    {
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, key);
        const QString token = admittedUser();
        HttpHeaders headers = HttpClient::bearer(token);
        if (!key.isEmpty())
            headers.append({"Idempotency-Key", key});
        const HttpReply reply =
            m_http.send("POST", QStringLiteral("/api/v1/payments"), body, headers);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
    }

    void errorPrecedence()
    {
        // Token (401) before malformed input (400), for every protected route.
        QCOMPARE(postRaw(QStringLiteral("/api/v1/reservations"), "{").errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(postRaw(QStringLiteral("/api/v1/payments"), "{").errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        QCOMPARE(get(QStringLiteral("/api/v1/reservations/abc")).errorCode(),
                 QStringLiteral("TOKEN_INVALID"));
        // Method (405) before token (401).
        QCOMPARE(m_http.send("PUT", QStringLiteral("/api/v1/reservations")).status, 405);
        // Malformed input (400) before unknown entity (404).
        const QString token = admittedUser();
        QCOMPARE(
            postRaw(
                QStringLiteral("/api/v1/reservations"),
                "{\"concertId\":9223372036854775807,\"date\":\"2027-02-30\",\"seatNumbers\":[1]}",
                token)
                .status,
            400);
        // Unknown entity (404) before business rules: an unknown reservation of nobody.
        QCOMPARE(m_api.pay(token, 9223372036854775806LL).status, 404);
    }

    void adminCreatesConcerts()
    {
        const HttpReply created =
            m_api.createConcert(E2eFixture::kAdminKey, {E2eFixture::day(60), E2eFixture::day(61)},
                                77000, QStringLiteral("Admin made"));
        QCOMPARE(created.status, 201);
        QCOMPARE(created.json.value(QLatin1String("title")).toString(),
                 QStringLiteral("Admin made"));
        QCOMPARE(created.json.value(QLatin1String("venue")).toString(),
                 QStringLiteral("Test hall"));
        QCOMPARE(created.json.value(QLatin1String("dates")).toArray().size(), 2);
        QCOMPARE(created.json.value(QLatin1String("dates")).toArray().first().toObject(),
                 QJsonObject({{QStringLiteral("date"), E2eFixture::day(60)},
                              {QStringLiteral("price"), 77000}}));
        const qint64 id = created.json.value(QLatin1String("id")).toInteger();
        QCOMPARE(
            m_fx.scalarIn(
                QStringLiteral("api"),
                QStringLiteral(
                    "SELECT COUNT(*) FROM seats s JOIN concert_dates d ON d.id = s.concert_date_id "
                    "WHERE d.concert_id = %1 AND s.status = 'AVAILABLE'")
                    .arg(id)),
            100);
    }

    void adminNeedsTheKey_data()
    {
        QTest::addColumn<HttpHeaders>("headers");
        QTest::addRow("no key") << HttpHeaders{};
        QTest::addRow("wrong key") << HttpHeaders{{"X-Admin-Key", "guess"}};
        QTest::addRow("empty key") << HttpHeaders{{"X-Admin-Key", ""}};
    }
    void adminNeedsTheKey()
    {
        QFETCH(HttpHeaders, headers);
        const qint64 before =
            m_fx.scalarIn(QStringLiteral("api"), QStringLiteral("SELECT COUNT(*) FROM concerts"));
        const HttpReply reply = m_http.post(
            QStringLiteral("/api/v1/admin/concerts"),
            QJsonObject{{QStringLiteral("title"), QStringLiteral("x")},
                        {QStringLiteral("venue"), QStringLiteral("y")},
                        {QStringLiteral("dates"),
                         QJsonArray{QJsonObject{{QStringLiteral("date"), E2eFixture::day(70)},
                                                {QStringLiteral("price"), 1}}}}},
            headers);
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("ADMIN_KEY_INVALID"));
        QCOMPARE(
            m_fx.scalarIn(QStringLiteral("api"), QStringLiteral("SELECT COUNT(*) FROM concerts")),
            before);
    }

    void adminRejectsBadConcerts_data()
    {
        QTest::addColumn<QByteArray>("body");
        const QByteArray d = E2eFixture::day(80).toLatin1();
        QTest::addRow("no dates") << QByteArray("{\"title\":\"t\",\"venue\":\"v\",\"dates\":[]}");
        QTest::addRow("duplicate date")
            << QByteArray("{\"title\":\"t\",\"venue\":\"v\",\"dates\":[{\"date\":\"" + d
                          + "\",\"price\":1},{\"date\":\"" + d + "\",\"price\":2}]}");
        QTest::addRow("price negative") << QByteArray(
            "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[{\"date\":\"" + d + "\",\"price\":-1}]}");
        QTest::addRow("price over 10,000,000")
            << QByteArray("{\"title\":\"t\",\"venue\":\"v\",\"dates\":[{\"date\":\"" + d
                          + "\",\"price\":10000001}]}");
        QTest::addRow("missing title")
            << QByteArray("{\"venue\":\"v\",\"dates\":[{\"date\":\"" + d + "\",\"price\":1}]}");
        QTest::addRow("bad date") << QByteArray(
            "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[{\"date\":\"2027-02-29\",\"price\":1}]}");
        QByteArray many = "{\"title\":\"t\",\"venue\":\"v\",\"dates\":[";
        for (int i = 0; i < 367; ++i)
            many += (i ? "," : "") + QByteArray("{\"date\":\"")
                + QDate(2030, 1, 1).addDays(i).toString(Qt::ISODate).toLatin1() + "\",\"price\":1}";
        QTest::addRow("367 dates") << QByteArray(many + "]}");
    }
    void adminRejectsBadConcerts()
    {
        QFETCH(QByteArray, body);
        const HttpReply reply = m_http.send("POST", QStringLiteral("/api/v1/admin/concerts"), body,
                                            {{"X-Admin-Key", E2eFixture::kAdminKey}});
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
    }

    void adminOffWithoutKey()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("nokey")));
        auto server = m_fx.startServer(QStringLiteral("nokey"));
        QVERIFY(server);
        HttpClient client(server->baseUrl());
        const HttpReply reply = client.send("POST", QStringLiteral("/api/v1/admin/concerts"), "{}",
                                            {{"X-Admin-Key", ""}});
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("ADMIN_KEY_INVALID"));
    }
};

QTEST_GUILESS_MAIN(tst_Api)
#include "tst_api.moc"
