// The box office's server side (api-contract.md "Additions to v1": "Keys, staff and audit",
// "Balance: safe retries, who may charge", "Box office", the ticketCode of "Reservations"),
// against real concert-server processes on a private MariaDB.
#include "e2efixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

class tst_BoxOffice : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    const QString m_db = QStringLiteral("box");
    static constexpr int kTickMs = 200;
    std::unique_ptr<ServerProcess> m_a; // --charges open
    std::unique_ptr<ServerProcess> m_b; // --charges open, a second instance on the same database
    std::unique_ptr<ServerProcess> m_keyed; // --charges key
    HttpClient m_http;
    ApiDriver m_api{m_http};

    struct Key
    {
        qint64 id = 0;
        QByteArray key;
    };
    Key m_adminKey, m_staffKey, m_terminalKey, m_revokedKey;

    static HttpHeaders bootstrap() { return {{"X-Admin-Key", E2eFixture::kAdminKey}}; }
    static HttpHeaders apiKey(const QByteArray &key) { return {{"X-Api-Key", key}}; }
    HttpHeaders staff() const { return apiKey(m_staffKey.key); }

    Key createKey(const QString &name, const QString &role, const QUrl &base = {})
    {
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        const HttpReply reply =
            client.post(QStringLiteral("/api/v1/admin/api-keys"),
                        QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("role"), role}},
                        bootstrap());
        if (reply.status != 201)
            return {};
        return Key{reply.json.value(QLatin1String("id")).toInteger(),
                   reply.json.value(QLatin1String("key")).toString().toLatin1()};
    }

    HttpReply revoke(qint64 id, const QUrl &base = {})
    {
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        return client.send("DELETE", QStringLiteral("/api/v1/admin/api-keys/%1").arg(id), {},
                           bootstrap());
    }

    qint64 scalar(const QString &sql) { return m_fx.scalarIn(m_db, sql); }

    HttpReply chargeWith(const QString &user, qint64 amount, const QByteArray &idempotencyKey,
                         const HttpHeaders &extra = {}, const QUrl &base = {})
    {
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        HttpHeaders headers = extra;
        if (!idempotencyKey.isNull())
            headers.append({"Idempotency-Key", idempotencyKey});
        return client.post(QStringLiteral("/api/v1/users/%1/balance/charge").arg(user),
                           QJsonObject{{QStringLiteral("amount"), amount}}, headers);
    }

    qint64 newConcert(const QStringList &dates, qint64 price)
    {
        return m_api.createConcert(E2eFixture::kAdminKey, dates, price, QStringLiteral("Box"))
            .json.value(QLatin1String("id"))
            .toInteger();
    }

    HttpReply counterHold(const QString &user, qint64 concert, const QString &date,
                          const QList<int> &seats, const HttpHeaders &headers,
                          const QUrl &base = {})
    {
        QJsonArray numbers;
        for (int n : seats)
            numbers.append(n);
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        return client.post(QStringLiteral("/api/v1/admin/reservations"),
                           QJsonObject{{QStringLiteral("userId"), user},
                                       {QStringLiteral("concertId"), concert},
                                       {QStringLiteral("date"), date},
                                       {QStringLiteral("seatNumbers"), numbers}},
                           headers);
    }

    HttpReply counterPay(qint64 reservationId, const QByteArray &idempotencyKey,
                         const QUrl &base = {})
    {
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        HttpHeaders headers = staff();
        if (!idempotencyKey.isEmpty())
            headers.append({"Idempotency-Key", idempotencyKey});
        return client.post(QStringLiteral("/api/v1/admin/payments"),
                           QJsonObject{{QStringLiteral("reservationId"), reservationId}}, headers);
    }

    HttpReply cancel(qint64 reservationId)
    {
        return m_http.send(
            "POST", QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(reservationId), "{}",
            staff());
    }

    HttpReply checkIn(const QString &code, const QUrl &base = {})
    {
        HttpClient client(base.isEmpty() ? m_a->baseUrl() : base);
        return client.post(QStringLiteral("/api/v1/admin/checkins"),
                           QJsonObject{{QStringLiteral("ticketCode"), code}}, staff());
    }

    /** @brief A paid counter sale: the 201 payment body (with its ticketCode). */
    QJsonObject soldTicket(const QString &user, qint64 concert, const QString &date,
                           const QList<int> &seats, qint64 price)
    {
        if (m_api.charge(user, price * seats.size()).status != 200)
            return {};
        const HttpReply held = counterHold(user, concert, date, seats, staff());
        if (held.status != 201)
            return {};
        const HttpReply paid =
            counterPay(held.json.value(QLatin1String("reservationId")).toInteger(), {});
        return paid.status == 201 ? paid.json : QJsonObject();
    }

    QString seatStatus(qint64 concert, const QString &date, int seat)
    {
        return m_fx.db()
            .executeIn(m_db,
                       QStringLiteral("SELECT s.status FROM seats s JOIN concert_dates d "
                                      "ON d.id = s.concert_date_id WHERE d.concert_id = %1 "
                                      "AND d.show_date = '%2' AND s.seat_number = %3")
                           .arg(concert)
                           .arg(date)
                           .arg(seat))
            .trimmed();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(m_db));
        const QStringList options{
            QStringLiteral("--queue-tick-ms"),  QString::number(kTickMs),
            QStringLiteral("--queue-capacity"), QStringLiteral("5000"),
            QStringLiteral("--admin-key"),      QString::fromLatin1(E2eFixture::kAdminKey)};
        m_a = m_fx.startServer(m_db, options);
        QVERIFY(m_a);
        m_b = m_fx.startServer(m_db, options);
        m_keyed = m_fx.startServer(m_db, options + QStringList{"--charges", "key"});
        QVERIFY(m_b && m_keyed);
        m_http.setBaseUrl(m_a->baseUrl());
        m_adminKey = createKey(QStringLiteral("office-admin"), QStringLiteral("ADMIN"));
        m_staffKey = createKey(QStringLiteral("desk-1"), QStringLiteral("STAFF"));
        m_terminalKey = createKey(QStringLiteral("lobby-kiosk-1"), QStringLiteral("TERMINAL"));
        m_revokedKey = createKey(QStringLiteral("old-desk"), QStringLiteral("STAFF"));
        QVERIFY(m_adminKey.id > 0 && m_staffKey.id > 0 && m_terminalKey.id > 0
                && m_revokedKey.id > 0);
        QCOMPARE(revoke(m_revokedKey.id).status, 204);
    }

    // --- keys ---------------------------------------------------------------------------

    void createdKeyIsShownOnceAndStoredHashed()
    {
        const HttpReply created =
            m_http.post(QStringLiteral("/api/v1/admin/api-keys"),
                        QJsonObject{{QStringLiteral("name"), QStringLiteral("office-2")},
                                    {QStringLiteral("role"), QStringLiteral("ADMIN")}},
                        apiKey(m_adminKey.key));
        QCOMPARE(created.status, 201);
        const QString key = created.json.value(QLatin1String("key")).toString();
        QVERIFY(key.size() >= 40);
        QCOMPARE(created.json.value(QLatin1String("name")).toString(), QStringLiteral("office-2"));
        QCOMPARE(created.json.value(QLatin1String("role")).toString(), QStringLiteral("ADMIN"));
        QVERIFY(created.json.value(QLatin1String("createdAt")).toString().endsWith(u'Z'));
        const qint64 id = created.json.value(QLatin1String("id")).toInteger();
        // The database has the hash and a short prefix, never the key.
        QCOMPARE(
            scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys WHERE id = %1 AND "
                                  "key_hash = UNHEX(SHA2('%2', 256)) AND "
                                  "LENGTH(key_prefix) < 16 AND '%2' LIKE CONCAT(key_prefix, '%')")
                       .arg(id)
                       .arg(key)),
            1);
        QCOMPARE(m_fx.db()
                     .executeIn(m_db, QStringLiteral("SELECT * FROM api_keys"))
                     .contains(key.toUtf8()),
                 false);
        // Lists never show keys.
        const HttpReply list =
            m_http.get(QStringLiteral("/api/v1/admin/api-keys?page=1&size=100"), bootstrap());
        QCOMPARE(list.status, 200);
        QVERIFY(!list.body.contains(key.toUtf8()));
        QCOMPARE(list.json.value(QLatin1String("page")).toInt(), 1);
        QCOMPARE(list.json.value(QLatin1String("size")).toInt(), 100);
        QVERIFY(list.json.value(QLatin1String("total")).toInteger() >= 5);
        bool found = false;
        for (const QJsonValue &item : list.json.value(QLatin1String("items")).toArray()) {
            QVERIFY(!item.toObject().contains(QLatin1String("key")));
            found = found || item.toObject().value(QLatin1String("id")).toInteger() == id;
        }
        QVERIFY(found);
        // The new key works at once, on this instance and on the other.
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/audit"), apiKey(key.toLatin1())).status,
                 200);
        HttpClient other(m_b->baseUrl());
        QCOMPARE(other.get(QStringLiteral("/api/v1/admin/audit"), apiKey(key.toLatin1())).status,
                 200);
    }

    void badKeyRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addRow("no name") << QByteArray(R"({"role":"STAFF"})");
        QTest::addRow("empty name") << QByteArray(R"({"name":"","role":"STAFF"})");
        QTest::addRow("unknown role") << QByteArray(R"({"name":"x","role":"ROOT"})");
        QTest::addRow("lower-case role") << QByteArray(R"({"name":"x","role":"staff"})");
        QTest::addRow("role not a string") << QByteArray(R"({"name":"x","role":1})");
        QTest::addRow("not JSON") << QByteArray("{");
    }
    void badKeyRequests()
    {
        QFETCH(QByteArray, body);
        const qint64 before = scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys"));
        const HttpReply reply =
            m_http.send("POST", QStringLiteral("/api/v1/admin/api-keys"), body, bootstrap());
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM api_keys")), before);
    }

    void revokingUnknownKeyIsNotFound()
    {
        HttpReply reply = revoke(987654321);
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_FOUND"));
        reply =
            m_http.send("DELETE", QStringLiteral("/api/v1/admin/api-keys/abc"), {}, bootstrap());
        QCOMPARE(reply.status, 400);
        // Revoking twice: 204 again, the key stays revoked.
        QCOMPARE(revoke(m_revokedKey.id).status, 204);
    }

    void revocationReachesTheOtherInstanceWithinATick()
    {
        const Key key = createKey(QStringLiteral("soon-gone"), QStringLiteral("ADMIN"));
        QVERIFY(key.id > 0);
        HttpClient other(m_b->baseUrl());
        const QString path = QStringLiteral("/api/v1/admin/audit?size=1");
        // B knows the key (it looked it up or refreshed its table).
        QCOMPARE(other.get(path, apiKey(key.key)).status, 200);
        QCOMPARE(revoke(key.id).status, 204);
        QElapsedTimer clock;
        clock.start();
        // On A (the instance that revoked) at once.
        QCOMPARE(m_http.get(path, apiKey(key.key)).errorCode(), QStringLiteral("API_KEY_INVALID"));
        // On B within one tick (plus the time one refresh query and one request take).
        HttpReply reply;
        while (clock.elapsed() < 5 * kTickMs) {
            reply = other.get(path, apiKey(key.key));
            if (reply.status == 401)
                break;
            QTest::qWait(10);
        }
        QCOMPARE(reply.status, 401);
        QCOMPARE(reply.errorCode(), QStringLiteral("API_KEY_INVALID"));
        QVERIFY2(clock.elapsed() <= 2 * kTickMs,
                 qPrintable(QStringLiteral("seen after %1 ms").arg(clock.elapsed())));
    }

    void auditListsWritesNewestFirst()
    {
        const Key key = createKey(QStringLiteral("audited"), QStringLiteral("TERMINAL"));
        QCOMPARE(revoke(key.id).status, 204);
        const HttpReply reply =
            m_http.get(QStringLiteral("/api/v1/admin/audit?page=1&size=2"), apiKey(m_adminKey.key));
        QCOMPARE(reply.status, 200);
        const QJsonArray items = reply.json.value(QLatin1String("items")).toArray();
        QCOMPARE(items.size(), 2);
        QCOMPARE(reply.json.value(QLatin1String("page")).toInt(), 1);
        QCOMPARE(reply.json.value(QLatin1String("size")).toInt(), 2);
        QVERIFY(reply.json.value(QLatin1String("total")).toInteger() >= 2);
        const QJsonObject newest = items.at(0).toObject();
        QCOMPARE(newest.value(QLatin1String("action")).toString(), QStringLiteral("key.revoke"));
        QCOMPARE(newest.value(QLatin1String("keyName")).toString(), QStringLiteral("bootstrap"));
        QCOMPARE(newest.value(QLatin1String("target")).toString(),
                 QStringLiteral("api-key/%1").arg(key.id));
        QVERIFY(newest.value(QLatin1String("at")).toString().endsWith(u'Z'));
        QVERIFY(newest.value(QLatin1String("detail")).isObject());
        QCOMPARE(items.at(1).toObject().value(QLatin1String("action")).toString(),
                 QStringLiteral("key.create"));
        // A write by a named key carries its name.
        QCOMPARE(m_http
                     .post(QStringLiteral("/api/v1/admin/concerts"),
                           QJsonObject{{QStringLiteral("title"), QStringLiteral("Audited")},
                                       {QStringLiteral("venue"), QStringLiteral("Hall")},
                                       {QStringLiteral("dates"),
                                        QJsonArray{QJsonObject{
                                            {QStringLiteral("date"), E2eFixture::day(90)},
                                            {QStringLiteral("price"), 1000}}}}},
                           apiKey(m_adminKey.key))
                     .status,
                 201);
        const QJsonObject last =
            m_http.get(QStringLiteral("/api/v1/admin/audit?size=1"), bootstrap())
                .json.value(QLatin1String("items"))
                .toArray()
                .at(0)
                .toObject();
        QCOMPARE(last.value(QLatin1String("action")).toString(), QStringLiteral("concert.create"));
        QCOMPARE(last.value(QLatin1String("keyName")).toString(), QStringLiteral("office-admin"));
        // Reading is not a write: no row.
        const qint64 rows = scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/api-keys"), bootstrap()).status, 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")), rows);
        // Bad paging.
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/audit?size=101"), bootstrap()).status,
                 400);
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/audit?page=0"), bootstrap()).status, 400);
    }

    // --- who may call what ---------------------------------------------------------------

    void roleMatrix_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<bool>("staffRoute");
        QTest::addColumn<int>("allowedStatus"); // what an allowed caller gets (no change made)
        struct Route
        {
            const char *name;
            QByteArray method;
            QString path;
            QByteArray body;
            bool staffRoute;
            int allowedStatus;
        };
        const QString user = ApiDriver::newUserId();
        const QList<Route> routes{
            {"POST concerts", "POST", "/api/v1/admin/concerts", "{}", false, 400},
            {"POST api-keys", "POST", "/api/v1/admin/api-keys", "{}", false, 400},
            {"GET api-keys", "GET", "/api/v1/admin/api-keys", {}, false, 200},
            {"DELETE api-keys", "DELETE", "/api/v1/admin/api-keys/987654321", {}, false, 404},
            {"GET audit", "GET", "/api/v1/admin/audit", {}, false, 200},
            {"POST dates", "POST", "/api/v1/admin/concerts/987654321/dates", "{}", false, 400},
            {"GET sales", "GET", "/api/v1/admin/concerts/987654321/sales", {}, true, 404},
            {"GET queue", "GET", "/api/v1/admin/queue", {}, true, 200},
            {"GET seats",
             "GET",
             "/api/v1/admin/concerts/987654321/dates/2027-01-01/seats",
             {},
             true,
             404},
            {"GET user", "GET", "/api/v1/admin/users/" + user, {}, true, 200},
            {"POST reservations", "POST", "/api/v1/admin/reservations", "{}", true, 400},
            {"POST payments", "POST", "/api/v1/admin/payments", "{}", true, 400},
            {"POST cancel", "POST", "/api/v1/admin/reservations/987654321/cancel", "{}", true, 404},
            {"POST checkins", "POST", "/api/v1/admin/checkins", "{}", true, 400},
        };
        for (const Route &route : routes)
            QTest::addRow("%s", route.name) << route.method << route.path << route.body
                                            << route.staffRoute << route.allowedStatus;
    }
    void roleMatrix()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(bool, staffRoute);
        QFETCH(int, allowedStatus);
        struct Caller
        {
            const char *name;
            HttpHeaders headers;
            int status;
            QString code;
        };
        const QList<Caller> callers{
            {"no key", {}, 401, "ADMIN_KEY_INVALID"},
            {"wrong X-Admin-Key", {{"X-Admin-Key", "guess"}}, 401, "ADMIN_KEY_INVALID"},
            {"wrong X-Api-Key", apiKey("ck_guess"), 401, "API_KEY_INVALID"},
            {"revoked key", apiKey(m_revokedKey.key), 401, "API_KEY_INVALID"},
            {"TERMINAL", apiKey(m_terminalKey.key), 403, "FORBIDDEN"},
            {"STAFF", apiKey(m_staffKey.key), staffRoute ? allowedStatus : 403,
             staffRoute ? QString() : QStringLiteral("FORBIDDEN")},
            {"ADMIN", apiKey(m_adminKey.key), allowedStatus, {}},
            {"bootstrap", bootstrap(), allowedStatus, {}},
        };
        const qint64 auditRows = scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log"));
        for (const Caller &caller : callers) {
            // Alternate instances: every instance applies the same rules.
            HttpClient client(qstrcmp(caller.name, "STAFF") == 0 ? m_b->baseUrl() : m_a->baseUrl());
            const HttpReply reply = client.send(method, path, body, caller.headers);
            QVERIFY2(reply.status == caller.status,
                     qPrintable(QStringLiteral("%1: %2 %3")
                                    .arg(caller.name)
                                    .arg(reply.status)
                                    .arg(QString::fromUtf8(reply.body))));
            if (!caller.code.isEmpty())
                QCOMPARE(reply.errorCode(), caller.code);
        }
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log")), auditRows);
    }

    void wrongMethodsAndUnknownRoutes_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("status");
        QTest::addRow("PUT api-keys") << QByteArray("PUT") << "/api/v1/admin/api-keys" << 405;
        QTest::addRow("GET one api-key") << QByteArray("GET") << "/api/v1/admin/api-keys/1" << 405;
        QTest::addRow("POST audit") << QByteArray("POST") << "/api/v1/admin/audit" << 405;
        QTest::addRow("GET dates") << QByteArray("GET") << "/api/v1/admin/concerts/1/dates" << 405;
        QTest::addRow("POST sales")
            << QByteArray("POST") << "/api/v1/admin/concerts/1/sales" << 405;
        QTest::addRow("DELETE queue") << QByteArray("DELETE") << "/api/v1/admin/queue" << 405;
        QTest::addRow("POST seats")
            << QByteArray("POST") << "/api/v1/admin/concerts/1/dates/2027-01-01/seats" << 405;
        QTest::addRow("POST user")
            << QByteArray("POST") << "/api/v1/admin/users/" + ApiDriver::newUserId() << 405;
        QTest::addRow("GET reservations")
            << QByteArray("GET") << "/api/v1/admin/reservations" << 405;
        QTest::addRow("GET cancel")
            << QByteArray("GET") << "/api/v1/admin/reservations/1/cancel" << 405;
        QTest::addRow("GET payments") << QByteArray("GET") << "/api/v1/admin/payments" << 405;
        QTest::addRow("GET checkins") << QByteArray("GET") << "/api/v1/admin/checkins" << 405;
        QTest::addRow("unknown admin route") << QByteArray("GET") << "/api/v1/admin/nothing" << 404;
    }
    void wrongMethodsAndUnknownRoutes()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(int, status);
        // 404 and 405 come before any key check.
        const HttpReply reply = m_http.send(method, path, "{}");
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(),
                 status == 405 ? QStringLiteral("METHOD_NOT_ALLOWED")
                               : QStringLiteral("NOT_FOUND"));
    }

    // --- concerts: dates, sales ----------------------------------------------------------

    void addDates()
    {
        const qint64 concert = newConcert({E2eFixture::day(100)}, 10000);
        QVERIFY(concert > 0);
        const QString path = QStringLiteral("/api/v1/admin/concerts/%1/dates").arg(concert);
        const QJsonObject body{
            {QStringLiteral("dates"),
             QJsonArray{QJsonObject{{QStringLiteral("date"), E2eFixture::day(99)},
                                    {QStringLiteral("price"), 20000}},
                        QJsonObject{{QStringLiteral("date"), E2eFixture::day(101)},
                                    {QStringLiteral("price"), 0}}}}};
        HttpReply reply = m_http.post(path, body, apiKey(m_adminKey.key));
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json.value(QLatin1String("id")).toInteger(), concert);
        const QJsonArray dates = reply.json.value(QLatin1String("dates")).toArray();
        QCOMPARE(dates.size(), 3);
        QCOMPARE(dates.at(0).toObject().value(QLatin1String("date")).toString(),
                 E2eFixture::day(99));
        QCOMPARE(dates.at(2).toObject().value(QLatin1String("price")).toInteger(), 0);
        // "the concert": the GET /admin/concerts/{id} body, field for field.
        QCOMPARE(reply.json,
                 m_http
                     .get(QStringLiteral("/api/v1/admin/concerts/%1").arg(concert),
                          apiKey(m_adminKey.key))
                     .json);
        QVERIFY(reply.json.contains(QLatin1String("queue")));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM seats s JOIN concert_dates d ON "
                                       "d.id = s.concert_date_id WHERE d.concert_id = %1 AND "
                                       "s.status = 'AVAILABLE'")
                            .arg(concert)),
                 150);
        // A date it has already, even next to a new one: 409, nothing added.
        reply = m_http.post(
            path,
            QJsonObject{{QStringLiteral("dates"),
                         QJsonArray{QJsonObject{{QStringLiteral("date"), E2eFixture::day(102)},
                                                {QStringLiteral("price"), 1}},
                                    QJsonObject{{QStringLiteral("date"), E2eFixture::day(100)},
                                                {QStringLiteral("price"), 1}}}}},
            bootstrap());
        QCOMPARE(reply.status, 409);
        QCOMPARE(reply.errorCode(), QStringLiteral("CONFLICT"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM concert_dates WHERE concert_id = %1")
                            .arg(concert)),
                 3);
        // Unknown concert, bad bodies.
        reply = m_http.post(QStringLiteral("/api/v1/admin/concerts/987654321/dates"), body,
                            bootstrap());
        QCOMPARE(reply.status, 404);
        QCOMPARE(reply.errorCode(), QStringLiteral("NOT_FOUND"));
        for (const QByteArray &bad :
             {QByteArray(R"({"dates":[]})"),
              QByteArray(R"({"dates":[{"date":"2027-02-30","price":1}]})"),
              QByteArray(R"({"dates":[{"date":"2031-01-01","price":-1}]})"), QByteArray("[]")}) {
            reply = m_http.send("POST", path, bad, bootstrap());
            QCOMPARE(reply.status, 400);
            QCOMPARE(reply.errorCode(), QStringLiteral("INVALID_ARGUMENT"));
        }
        // Audited.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = "
                                       "'concert.dates.add' AND target = 'concert/%1' AND "
                                       "key_name = 'office-admin'")
                            .arg(concert)),
                 1);
    }

    void salesCountSeatsAndNetRevenue()
    {
        const QString date = E2eFixture::day(110);
        const qint64 concert = newConcert({date, E2eFixture::day(111)}, 30000);
        const QString buyer = ApiDriver::newUserId();
        const QJsonObject paid = soldTicket(buyer, concert, date, {1, 2, 3}, 30000);
        QVERIFY(!paid.isEmpty());
        QCOMPARE(counterHold(ApiDriver::newUserId(), concert, date, {10}, staff()).status, 201);
        const QString path = QStringLiteral("/api/v1/admin/concerts/%1/sales").arg(concert);
        HttpReply reply = m_http.get(path, staff());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("concertId")).toInteger(), concert);
        QJsonObject first = reply.json.value(QLatin1String("dates")).toArray().at(0).toObject();
        QCOMPARE(first.value(QLatin1String("date")).toString(), date);
        QCOMPARE(first.value(QLatin1String("price")).toInteger(), 30000);
        QCOMPARE(first.value(QLatin1String("sold")).toInteger(), 3);
        QCOMPARE(first.value(QLatin1String("held")).toInteger(), 1);
        QCOMPARE(first.value(QLatin1String("available")).toInteger(), 46);
        QCOMPARE(first.value(QLatin1String("revenue")).toInteger(), 90000);
        QJsonObject totals = reply.json.value(QLatin1String("totals")).toObject();
        QCOMPARE(totals.value(QLatin1String("available")).toInteger(), 96);
        QCOMPARE(totals.value(QLatin1String("revenue")).toInteger(), 90000);
        // A cancelled sale no longer counts.
        QCOMPARE(cancel(paid.value(QLatin1String("reservationId")).toInteger()).status, 200);
        reply = m_http.get(path, staff());
        first = reply.json.value(QLatin1String("dates")).toArray().at(0).toObject();
        QCOMPARE(first.value(QLatin1String("sold")).toInteger(), 0);
        QCOMPARE(first.value(QLatin1String("revenue")).toInteger(), 0);
        QCOMPARE(first.value(QLatin1String("available")).toInteger(), 49);
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/concerts/x/sales"), staff()).status, 400);
    }

    void queueFiguresListEveryRoom()
    {
        // A concert whose room admits one at a time; three customers join it.
        const qint64 concert = newConcert({E2eFixture::day(115)}, 1000);
        QCOMPARE(m_http
                     .send("PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concert),
                           R"({"queue":{"capacity":1,"admitPerMinute":30}})", bootstrap())
                     .status,
                 200);
        QStringList tokens;
        for (int i = 0; i < 3; ++i)
            tokens << m_http
                          .post(QStringLiteral("/api/v1/queue/tokens"),
                                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                                            {QStringLiteral("concertId"), concert}})
                          .json.value(QLatin1String("token"))
                          .toString();
        QVERIFY(m_api.waitForStatus(tokens.first(), QStringLiteral("ACTIVE")));
        const QString house =
            m_api.issueToken(ApiDriver::newUserId()).json.value(QLatin1String("token")).toString();
        QVERIFY(m_api.waitForStatus(house, QStringLiteral("ACTIVE")));

        const QSet<QString> fields{"concertId",
                                   "waiting",
                                   "active",
                                   "capacity",
                                   "admitPerMinute",
                                   "paused",
                                   "soldOut",
                                   "admittedLastMinute",
                                   "abandonedLastMinute",
                                   "oldestWaitSeconds",
                                   "estimatedWaitSecondsAtBack"};
        const auto roomsOn = [&](ServerProcess &server) {
            HttpClient client(server.baseUrl());
            const HttpReply reply = client.get(QStringLiteral("/api/v1/admin/queue"), staff());
            return reply.status == 200 ? reply.json.value(QLatin1String("rooms")).toArray()
                                       : QJsonArray();
        };
        const auto roomOf = [](const QJsonArray &rooms, qint64 id) {
            for (const QJsonValue &room : rooms) {
                if (room.toObject().value(QLatin1String("concertId")).toInteger() == id)
                    return room.toObject();
            }
            return QJsonObject();
        };
        // The figures come from memory, at most a tick old, on every instance.
        for (ServerProcess *server : {m_a.get(), m_b.get()}) {
            QTRY_VERIFY_WITH_TIMEOUT(
                roomOf(roomsOn(*server), concert).value(QLatin1String("waiting")).toInteger() == 2
                    && roomOf(roomsOn(*server), concert)
                            .value(QLatin1String("oldestWaitSeconds"))
                            .toInteger()
                        >= 1,
                10000);
            const QJsonArray rooms = roomsOn(*server);
            // The house room first, then one room per concert, by id.
            QCOMPARE(rooms.size(), 1 + scalar(QStringLiteral("SELECT COUNT(*) FROM concerts")));
            const QJsonObject houseRoom = rooms.at(0).toObject();
            QVERIFY(houseRoom.value(QLatin1String("concertId")).isNull());
            QCOMPARE(houseRoom.value(QLatin1String("capacity")).toInteger(), 5000);
            QVERIFY(houseRoom.value(QLatin1String("active")).toInteger() >= 1);
            QVERIFY(houseRoom.value(QLatin1String("admittedLastMinute")).toInteger() >= 1);
            QCOMPARE(houseRoom.value(QLatin1String("paused")).toBool(true), false);
            QCOMPARE(houseRoom.value(QLatin1String("soldOut")).toBool(true), false);
            qint64 previous = 0;
            for (const QJsonValue &value : rooms) {
                const QJsonObject room = value.toObject();
                const QStringList keys = room.keys();
                QCOMPARE(QSet<QString>(keys.begin(), keys.end()), fields);
                if (room.value(QLatin1String("concertId")).isNull())
                    continue;
                const qint64 id = room.value(QLatin1String("concertId")).toInteger();
                QVERIFY(id > previous);
                previous = id;
            }
            const QJsonObject room = roomOf(rooms, concert);
            QCOMPARE(room.value(QLatin1String("active")).toInteger(), 1);
            QCOMPARE(room.value(QLatin1String("capacity")).toInteger(), 1);
            QCOMPARE(room.value(QLatin1String("admitPerMinute")).toInteger(), 30);
            QCOMPARE(room.value(QLatin1String("paused")).toBool(true), false);
            QCOMPARE(room.value(QLatin1String("soldOut")).toBool(true), false);
            QCOMPARE(room.value(QLatin1String("admittedLastMinute")).toInteger(), 1);
            QCOMPARE(room.value(QLatin1String("abandonedLastMinute")).toInteger(), 0);
            // The back of the line waits at least as long as the last customer in it is told.
            const qint64 atBack =
                room.value(QLatin1String("estimatedWaitSecondsAtBack")).toInteger();
            QVERIFY(atBack >= 1);
            QVERIFY(atBack >= m_api.status(tokens.last(), server->baseUrl())
                                  .json.value(QLatin1String("estimatedWaitSeconds"))
                                  .toInteger());
        }
        // A pause shows on the figures at once on the instance that made it, within a tick on
        // the other.
        QCOMPARE(m_http
                     .send("PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concert),
                           R"({"queue":{"paused":true}})", bootstrap())
                     .status,
                 200);
        QVERIFY(roomOf(roomsOn(*m_a), concert).value(QLatin1String("paused")).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(
            roomOf(roomsOn(*m_b), concert).value(QLatin1String("paused")).toBool(), 5000);
        // The customer leaves: the room's counts follow within a tick.
        QCOMPARE(m_http
                     .send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                           HttpClient::bearer(tokens.first()))
                     .status,
                 204);
        QTRY_COMPARE_WITH_TIMEOUT(
            roomOf(roomsOn(*m_b), concert).value(QLatin1String("active")).toInteger(), 0, 5000);
        QCOMPARE(roomOf(roomsOn(*m_b), concert).value(QLatin1String("waiting")).toInteger(), 2);
    }

    void staffSeatMapNeedsNoQueueToken()
    {
        // Our extension beyond the contract: the customer seat map's body for staff.
        const QString date = E2eFixture::day(118);
        const qint64 concert = newConcert({date}, 8000);
        const QString path =
            QStringLiteral("/api/v1/admin/concerts/%1/dates/%2/seats").arg(concert).arg(date);
        const auto statuses = [&](ServerProcess &server) {
            HttpClient client(server.baseUrl());
            const HttpReply reply = client.get(path, staff());
            QMap<int, QString> map;
            if (reply.status != 200)
                return map;
            for (const QJsonValue &seat : reply.json.value(QLatin1String("seats")).toArray())
                map.insert(seat[QLatin1String("seatNumber")].toInt(),
                           seat[QLatin1String("status")].toString());
            return map;
        };
        HttpReply reply = m_http.get(path, staff());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("concertId")).toInteger(), concert);
        QCOMPARE(reply.json.value(QLatin1String("date")).toString(), date);
        const QJsonArray seats = reply.json.value(QLatin1String("seats")).toArray();
        QCOMPARE(seats.size(), 50);
        for (int i = 0; i < 50; ++i) {
            const QJsonObject seat = seats.at(i).toObject();
            QCOMPARE(seat.value(QLatin1String("seatNumber")).toInt(), i + 1);
            QCOMPARE(seat.value(QLatin1String("status")).toString(), QStringLiteral("AVAILABLE"));
            QCOMPARE(seat.value(QLatin1String("price")).toInteger(), 8000);
        }
        (void)statuses(*m_b); // the other instance has the date in memory now too
        // The same body as the customer route.
        const QString token = m_api.admittedToken(ApiDriver::newUserId());
        QVERIFY(!token.isEmpty());
        QCOMPARE(
            m_http
                .get(QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(concert).arg(date),
                     HttpClient::bearer(token))
                .json,
            reply.json);
        // A counter hold and a sale show at once on this instance, within a tick on the other.
        const QString user = ApiDriver::newUserId();
        const QJsonObject sold = soldTicket(user, concert, date, {3}, 8000);
        QVERIFY(!sold.isEmpty());
        QCOMPARE(counterHold(user, concert, date, {4, 5}, staff()).status, 201);
        QMap<int, QString> here = statuses(*m_a);
        QCOMPARE(here.value(3), QStringLiteral("SOLD"));
        QCOMPARE(here.value(4), QStringLiteral("HELD"));
        QCOMPARE(here.value(5), QStringLiteral("HELD"));
        QCOMPARE(here.value(6), QStringLiteral("AVAILABLE"));
        QTRY_VERIFY_WITH_TIMEOUT(statuses(*m_b) == here, 5000);
        // Unknown concert or date: 404; malformed: 400.
        for (const auto &[bad, status] :
             {std::pair<QString, int>{QStringLiteral("/api/v1/admin/concerts/%1/dates/%2/seats")
                                          .arg(concert)
                                          .arg(E2eFixture::day(119)),
                                      404},
              {QStringLiteral("/api/v1/admin/concerts/987654321/dates/%1/seats").arg(date), 404},
              {QStringLiteral("/api/v1/admin/concerts/%1/dates/2027-02-30/seats").arg(concert),
               400},
              {QStringLiteral("/api/v1/admin/concerts/x/dates/%1/seats").arg(date), 400}}) {
            const HttpReply answer = m_http.get(bad, staff());
            QCOMPARE(answer.status, status);
            QCOMPARE(answer.errorCode(),
                     status == 404 ? QStringLiteral("NOT_FOUND")
                                   : QStringLiteral("INVALID_ARGUMENT"));
        }
    }

    // --- counter sale, customer lookup ---------------------------------------------------

    void counterSale()
    {
        const QString date = E2eFixture::day(120);
        const qint64 concert = newConcert({date}, 15000);
        const QString user = ApiDriver::newUserId();
        QCOMPARE(m_api.charge(user, 100000).status, 200);
        // Up to 10 seats, no queue token.
        HttpReply held = counterHold(user, concert, date, {1, 2, 3, 4, 5, 6}, staff());
        QCOMPARE(held.status, 201);
        QCOMPARE(held.json.value(QLatin1String("status")).toString(), QStringLiteral("HELD"));
        QCOMPARE(held.json.value(QLatin1String("amount")).toInteger(), 90000);
        QCOMPARE(held.json.value(QLatin1String("userId")).toString(), user);
        const qint64 id = held.json.value(QLatin1String("reservationId")).toInteger();
        // Same seat rules: a taken seat is 409 and nothing is held.
        HttpReply taken = counterHold(ApiDriver::newUserId(), concert, date, {6, 7}, staff());
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.errorCode(), QStringLiteral("SEAT_UNAVAILABLE"));
        QCOMPARE(seatStatus(concert, date, 7), QStringLiteral("AVAILABLE"));
        // Input and entities.
        QCOMPARE(
            counterHold(user, concert, date, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, staff()).status,
            400);
        QCOMPARE(counterHold(QStringLiteral("not-a-uuid"), concert, date, {20}, staff()).status,
                 400);
        QCOMPARE(counterHold(user, concert, date, {51}, staff()).status, 400);
        QCOMPARE(counterHold(user, 987654321, date, {20}, staff()).status, 404);
        QCOMPARE(counterHold(user, concert, E2eFixture::day(121), {20}, staff()).status, 404);
        QCOMPARE(counterHold(user, concert, E2eFixture::day(-1), {20}, staff()).status, 404);
        // Payment from the user's balance, 201 like /payments, with a ticket.
        const HttpReply paid = counterPay(id, "counter-1");
        QCOMPARE(paid.status, 201);
        QCOMPARE(paid.json.value(QLatin1String("status")).toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(paid.json.value(QLatin1String("balance")).toInteger(), 10000);
        QCOMPARE(paid.json.value(QLatin1String("userId")).toString(), user);
        QVERIFY(!paid.json.value(QLatin1String("ticketCode")).toString().isEmpty());
        // A repeat with the key: the same body, nothing more taken (also on the other instance).
        const HttpReply again = counterPay(id, "counter-1", m_b->baseUrl());
        QCOMPARE(again.status, 201);
        QCOMPARE(again.json, paid.json);
        QCOMPARE(m_api.balance(user), 10000);
        // Without the key: 409 ALREADY_PAID. Unknown: 404. Bad key: 400.
        QCOMPARE(counterPay(id, {}).errorCode(), QStringLiteral("ALREADY_PAID"));
        QCOMPARE(counterPay(987654321, {}).status, 404);
        QCOMPARE(counterPay(id, QByteArray(65, 'x')).status, 400);
        // Not enough money: 409, the hold stays.
        const HttpReply second = counterHold(user, concert, date, {30}, staff());
        QCOMPARE(second.status, 201);
        const qint64 secondId = second.json.value(QLatin1String("reservationId")).toInteger();
        QCOMPARE(counterPay(secondId, {}).errorCode(), QStringLiteral("INSUFFICIENT_BALANCE"));
        QCOMPARE(seatStatus(concert, date, 30), QStringLiteral("HELD"));
        // Released by staff: paying it is 410 HOLD_EXPIRED.
        QCOMPARE(cancel(secondId).status, 200);
        QCOMPARE(counterPay(secondId, {}).errorCode(), QStringLiteral("HOLD_EXPIRED"));
        // Audited with the staff key's name.
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE key_name = 'desk-1' "
                                       "AND ((action = 'reservation.hold' AND target = "
                                       "'reservation/%1') OR (action = 'payment.create' AND target "
                                       "= 'payment/%2'))")
                            .arg(id)
                            .arg(paid.json.value(QLatin1String("paymentId")).toInteger())),
                 2);

        // The customer lookup shows it all, newest first, the ticket on the CONFIRMED one.
        const HttpReply record =
            m_http.get(QStringLiteral("/api/v1/admin/users/%1").arg(user.toUpper()), staff());
        QCOMPARE(record.status, 200);
        QCOMPARE(record.json.value(QLatin1String("userId")).toString(), user);
        QCOMPARE(record.json.value(QLatin1String("balance")).toInteger(), 10000);
        const QJsonArray reservations = record.json.value(QLatin1String("reservations")).toArray();
        QCOMPARE(reservations.size(), 2);
        QCOMPARE(reservations.at(0).toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("RELEASED"));
        QCOMPARE(reservations.at(1).toObject().value(QLatin1String("ticketCode")).toString(),
                 paid.json.value(QLatin1String("ticketCode")).toString());
        QVERIFY(!reservations.at(0).toObject().contains(QLatin1String("ticketCode")));
        QCOMPARE(record.json.value(QLatin1String("payments")).toArray().size(), 1);
        QCOMPARE(m_http.get(QStringLiteral("/api/v1/admin/users/nobody"), staff()).status, 400);
        const HttpReply stranger = m_http.get(
            QStringLiteral("/api/v1/admin/users/%1").arg(ApiDriver::newUserId()), staff());
        QCOMPARE(stranger.status, 200);
        QCOMPARE(stranger.json.value(QLatin1String("balance")).toInteger(), 0);
        QCOMPARE(stranger.json.value(QLatin1String("reservations")).toArray().size(), 0);
    }

    void customerPaymentCarriesTheTicket()
    {
        const QString date = E2eFixture::day(125);
        const qint64 concert = newConcert({date}, 5000);
        const QString user = ApiDriver::newUserId();
        const QString token = m_api.admittedToken(user);
        QVERIFY(!token.isEmpty());
        QCOMPARE(m_api.charge(user, 5000).status, 200);
        const HttpReply held = m_api.hold(token, concert, date, {9});
        QCOMPARE(held.status, 201);
        QVERIFY(!held.json.contains(QLatin1String("ticketCode")));
        const qint64 id = held.json.value(QLatin1String("reservationId")).toInteger();
        const HttpReply paid = m_api.pay(token, id, "kiosk-order-1");
        QCOMPARE(paid.status, 201);
        const QString code = paid.json.value(QLatin1String("ticketCode")).toString();
        QVERIFY(code.size() > 20);
        // The replay carries the same ticket.
        QCOMPARE(m_api.pay(token, id, "kiosk-order-1").json, paid.json);
        // And the door accepts it.
        const HttpReply door = checkIn(code);
        QCOMPARE(door.status, 200);
        QCOMPARE(door.json.value(QLatin1String("reservationId")).toInteger(), id);
        QCOMPARE(door.json.value(QLatin1String("concertId")).toInteger(), concert);
        QCOMPARE(door.json.value(QLatin1String("date")).toString(), date);
        QCOMPARE(door.json.value(QLatin1String("seatNumbers")).toArray(), QJsonArray{9});
        QCOMPARE(door.json.value(QLatin1String("firstCheckIn")).toBool(), true);
        const HttpReply later = checkIn(code, m_b->baseUrl());
        QCOMPARE(later.status, 200);
        QCOMPARE(later.json.value(QLatin1String("firstCheckIn")).toBool(true), false);
        QCOMPARE(later.json.value(QLatin1String("checkedInAt")),
                 door.json.value(QLatin1String("checkedInAt")));
    }

    // --- cancel and refund ---------------------------------------------------------------

    void cancelReleasesHoldsAndRefundsSales()
    {
        const QString date = E2eFixture::day(130);
        const qint64 concert = newConcert({date}, 12000);
        const QString user = ApiDriver::newUserId();
        // HELD → RELEASED, the seats free at once.
        const HttpReply held = counterHold(user, concert, date, {4, 5}, staff());
        const qint64 heldId = held.json.value(QLatin1String("reservationId")).toInteger();
        HttpReply reply = cancel(heldId);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("RELEASED"));
        QCOMPARE(seatStatus(concert, date, 4), QStringLiteral("AVAILABLE"));
        QCOMPARE(cancel(heldId).body, reply.body);
        // CONFIRMED → CANCELLED: seats AVAILABLE, the money back, a REFUND line.
        const QJsonObject paid = soldTicket(user, concert, date, {7, 8}, 12000);
        QVERIFY(!paid.isEmpty());
        const qint64 id = paid.value(QLatin1String("reservationId")).toInteger();
        QCOMPARE(m_api.balance(user), 0);
        // An empty body is accepted as well as {}.
        reply = m_http.send("POST", QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(id),
                            {}, staff());
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json.value(QLatin1String("status")).toString(), QStringLiteral("CANCELLED"));
        QCOMPARE(reply.json.value(QLatin1String("amount")).toInteger(), 24000);
        QVERIFY(!reply.json.contains(QLatin1String("ticketCode")));
        QCOMPARE(m_api.balance(user), 24000);
        QCOMPARE(seatStatus(concert, date, 7), QStringLiteral("AVAILABLE"));
        QCOMPARE(scalar(QStringLiteral("SELECT SUM(amount) FROM balance_ledger WHERE user_id = "
                                       "'%1' AND kind = 'REFUND'")
                            .arg(user)),
                 24000);
        // A repeat: the same body, no second refund.
        QCOMPARE(cancel(id).body, reply.body);
        QCOMPARE(m_api.balance(user), 24000);
        // The ticket of a cancelled sale is refused at the door.
        const HttpReply door = checkIn(paid.value(QLatin1String("ticketCode")).toString());
        QCOMPARE(door.status, 409);
        QCOMPARE(door.errorCode(), QStringLiteral("TICKET_CANCELLED"));
        // The seats can be sold again.
        QCOMPARE(counterHold(ApiDriver::newUserId(), concert, date, {7, 8}, staff()).status, 201);
        // Errors.
        QCOMPARE(cancel(987654321).status, 404);
        QCOMPARE(m_http
                     .send("POST", QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(id),
                           "[", staff())
                     .status,
                 400);
        QCOMPARE(
            m_http
                .send("POST", QStringLiteral("/api/v1/admin/reservations/0/cancel"), "{}", staff())
                .status,
            400);
    }

    // --- tickets at the door -------------------------------------------------------------

    void forgedTicketsAreInvalid_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addRow("one character of the signature changed") << 0;
        QTest::addRow("another reservation id, same signature") << 1;
        QTest::addRow("truncated") << 2;
        QTest::addRow("garbage") << 3;
        QTest::addRow("empty") << 4;
        QTest::addRow("a queue token") << 5;
        QTest::addRow("padding added") << 6;
    }
    void forgedTicketsAreInvalid()
    {
        QFETCH(int, kind);
        const QString date = E2eFixture::day(140);
        static qint64 concert = 0;
        static QString code;
        if (!concert) {
            concert = newConcert({date}, 1000);
            code = soldTicket(ApiDriver::newUserId(), concert, date, {1}, 1000)
                       .value(QLatin1String("ticketCode"))
                       .toString();
        }
        QVERIFY(!code.isEmpty());
        const QStringList parts = code.split(u'.');
        QCOMPARE(parts.size(), 3);
        QString forged;
        switch (kind) {
        case 0: {
            QString mac = parts.at(2);
            mac[3] = mac.at(3) == u'A' ? u'B' : u'A';
            forged = parts.at(0) + u'.' + parts.at(1) + u'.' + mac;
            break;
        }
        case 1: {
            QByteArray payload =
                QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding);
            payload[7] = char(payload.at(7) + 1);
            forged = parts.at(0) + u'.'
                + QString::fromLatin1(payload.toBase64(QByteArray::Base64UrlEncoding
                                                       | QByteArray::OmitTrailingEquals))
                + u'.' + parts.at(2);
            break;
        }
        case 2:
            forged = code.left(code.size() - 2);
            break;
        case 3:
            forged = QStringLiteral("<script>alert(1)</script>");
            break;
        case 4:
            forged = QString();
            break;
        case 5:
            forged = m_api.issueToken(ApiDriver::newUserId())
                         .json.value(QLatin1String("token"))
                         .toString();
            break;
        case 6:
            forged = code + u'=';
            break;
        }
        const qint64 rows = scalar(QStringLiteral("SELECT COUNT(*) FROM ticket_checkins"));
        const HttpReply reply = checkIn(forged);
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.errorCode(), QStringLiteral("TICKET_INVALID"));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM ticket_checkins")), rows);
        // Not a string at all is a plain 400 INVALID_ARGUMENT.
        QCOMPARE(m_http
                     .send("POST", QStringLiteral("/api/v1/admin/checkins"), R"({"ticketCode":12})",
                           staff())
                     .errorCode(),
                 QStringLiteral("INVALID_ARGUMENT"));
    }

    void twentyScansOnTwoInstancesMakeOneFirstCheckIn()
    {
        const QString date = E2eFixture::day(150);
        const qint64 concert = newConcert({date}, 2000);
        const QString code = soldTicket(ApiDriver::newUserId(), concert, date, {11, 12}, 2000)
                                 .value(QLatin1String("ticketCode"))
                                 .toString();
        QVERIFY(!code.isEmpty());
        QList<HttpClient::Request> scans;
        for (int i = 0; i < 20; ++i)
            scans << ApiDriver::request("POST", QStringLiteral("/api/v1/admin/checkins"),
                                        QJsonObject{{QStringLiteral("ticketCode"), code}}, staff(),
                                        i % 2 ? m_b->baseUrl() : m_a->baseUrl());
        int first = 0;
        QSet<QString> times;
        for (const HttpReply &reply : m_http.sendConcurrently(scans, 20)) {
            QCOMPARE(reply.status, 200);
            first += reply.json.value(QLatin1String("firstCheckIn")).toBool() ? 1 : 0;
            times.insert(reply.json.value(QLatin1String("checkedInAt")).toString());
        }
        QCOMPARE(first, 1);
        QCOMPARE(times.size(), 1);
        QCOMPARE(checkIn(code).json.value(QLatin1String("firstCheckIn")).toBool(true), false);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM audit_log WHERE action = 'checkin' "
                                       "AND detail LIKE '%\"firstCheckIn\":true%' AND target = "
                                       "CONCAT('reservation/', (SELECT reservation_id FROM "
                                       "ticket_checkins ORDER BY checked_in_at DESC LIMIT 1))")),
                 1);
    }

    // --- races -----------------------------------------------------------------------------

    void counterSaleRacingTwoHundredKioskHoldsHasOneWinner()
    {
        const QString date = E2eFixture::day(160);
        const qint64 concert = newConcert({date}, 3000);
        QList<HttpClient::Request> tokens;
        QStringList users;
        for (int i = 0; i < 200; ++i) {
            users << ApiDriver::newUserId();
            tokens << ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                         QJsonObject{{QStringLiteral("userId"), users.last()}}, {},
                                         i % 2 ? m_b->baseUrl() : m_a->baseUrl());
        }
        QStringList issued;
        for (const HttpReply &reply : m_http.sendConcurrently(tokens, 100))
            issued << reply.json.value(QLatin1String("token")).toString();
        for (const QString &token : issued)
            QVERIFY(m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 30000));
        QList<HttpClient::Request> holds;
        const QString counterUser = ApiDriver::newUserId();
        for (int i = 0; i <= 200; ++i) {
            if (i == 100) { // the counter sale, in the middle of the crowd
                holds << ApiDriver::request(
                    "POST", QStringLiteral("/api/v1/admin/reservations"),
                    QJsonObject{{QStringLiteral("userId"), counterUser},
                                {QStringLiteral("concertId"), concert},
                                {QStringLiteral("date"), date},
                                {QStringLiteral("seatNumbers"), QJsonArray{25}}},
                    staff(), m_b->baseUrl());
                continue;
            }
            const int k = i < 100 ? i : i - 1;
            holds << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/reservations"),
                QJsonObject{{QStringLiteral("concertId"), concert},
                            {QStringLiteral("date"), date},
                            {QStringLiteral("seatNumbers"), QJsonArray{25}}},
                HttpClient::bearer(issued.at(k)), k % 2 ? m_b->baseUrl() : m_a->baseUrl());
        }
        int won = 0;
        for (const HttpReply &reply : m_http.sendConcurrently(holds, 201)) {
            if (reply.status == 201) {
                ++won;
            } else {
                QCOMPARE(reply.status, 409);
                QCOMPARE(reply.errorCode(), QStringLiteral("SEAT_UNAVAILABLE"));
            }
        }
        QCOMPARE(won, 1);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM reservations r JOIN concert_dates d "
                                       "ON d.id = r.concert_date_id WHERE d.concert_id = %1")
                            .arg(concert)),
                 1);
    }

    // --- charges ------------------------------------------------------------------------

    void chargeRepeatedWithOneKeyAddsOnce()
    {
        const QString user = ApiDriver::newUserId();
        const HttpReply first = chargeWith(user, 5000, "topup-1");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json.value(QLatin1String("balance")).toInteger(), 5000);
        QCOMPARE(chargeWith(user, 700, "topup-2").status, 200);
        // A repeat, later and on the other instance: the first body, verbatim, nothing added.
        const HttpReply again = chargeWith(user, 5000, "topup-1", {}, m_b->baseUrl());
        QCOMPARE(again.status, 200);
        QCOMPARE(again.body, first.body);
        QCOMPARE(m_api.balance(user), 5700);
        // The same key with another amount: 409 CONFLICT, nothing added.
        const HttpReply other = chargeWith(user, 5001, "topup-1");
        QCOMPARE(other.status, 409);
        QCOMPARE(other.errorCode(), QStringLiteral("CONFLICT"));
        QCOMPARE(m_api.balance(user), 5700);
        // The key belongs to the user: another user's same key is a charge of its own.
        const QString someoneElse = ApiDriver::newUserId();
        QCOMPARE(chargeWith(someoneElse, 5000, "topup-1")
                     .json.value(QLatin1String("balance"))
                     .toInteger(),
                 5000);
        // A bad key is 400 and adds nothing.
        QCOMPARE(chargeWith(user, 10, QByteArray(65, 'k')).status, 400);
        QCOMPARE(chargeWith(user, 10, QByteArray("")).status, 400);
        QCOMPARE(m_api.balance(user), 5700);
    }

    void concurrentRepeatsOfOneChargeAddOnce()
    {
        const QString user = ApiDriver::newUserId();
        QList<HttpClient::Request> requests;
        for (int i = 0; i < 40; ++i)
            requests << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/users/%1/balance/charge").arg(user),
                QJsonObject{{QStringLiteral("amount"), 30000}},
                {{"Idempotency-Key", "lost-answer"}}, i % 2 ? m_b->baseUrl() : m_a->baseUrl());
        const QList<HttpReply> replies = m_http.sendConcurrently(requests, 40);
        for (const HttpReply &reply : replies) {
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.body, replies.first().body);
        }
        QCOMPARE(m_api.balance(user), 30000);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM balance_ledger WHERE user_id = '%1'")
                            .arg(user)),
                 1);
    }

    void chargesWithKeyNeedATerminalKey_data()
    {
        QTest::addColumn<HttpHeaders>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addRow("no key") << HttpHeaders{} << 401 << "API_KEY_INVALID";
        QTest::addRow("wrong key")
            << HttpHeaders{{"X-Api-Key", "ck_guess"}} << 401 << "API_KEY_INVALID";
        QTest::addRow("empty key") << HttpHeaders{{"X-Api-Key", ""}} << 401 << "API_KEY_INVALID";
        QTest::addRow("wrong admin key alone")
            << HttpHeaders{{"X-Admin-Key", "guess"}} << 401 << "API_KEY_INVALID";
        QTest::addRow("revoked key")
            << HttpHeaders{{"X-Api-Key", "revoked"}} << 401 << "API_KEY_INVALID";
        QTest::addRow("TERMINAL") << HttpHeaders{{"X-Api-Key", "terminal"}} << 200 << "";
        QTest::addRow("STAFF") << HttpHeaders{{"X-Api-Key", "staff"}} << 200 << "";
        QTest::addRow("ADMIN") << HttpHeaders{{"X-Api-Key", "admin"}} << 200 << "";
    }
    void chargesWithKeyNeedATerminalKey()
    {
        QFETCH(HttpHeaders, headers);
        QFETCH(int, status);
        QFETCH(QString, code);
        for (auto &[name, value] : headers) {
            if (value == "revoked")
                value = m_revokedKey.key;
            else if (value == "terminal")
                value = m_terminalKey.key;
            else if (value == "staff")
                value = m_staffKey.key;
            else if (value == "admin")
                value = m_adminKey.key;
        }
        const QString user = ApiDriver::newUserId();
        const HttpReply reply = chargeWith(user, 1234, QByteArray(), headers, m_keyed->baseUrl());
        QCOMPARE(reply.status, status);
        QCOMPARE(reply.errorCode(), code);
        QCOMPARE(m_api.balance(user), status == 200 ? 1234 : 0);
        // --charges open (the default) needs no key, as in v1.
        QCOMPARE(chargeWith(ApiDriver::newUserId(), 1, QByteArray()).status, 200);
    }

    /** @brief Last: after everything above (charges, sales, refunds, repeats) money adds up. */
    void moneyIsConservedForEveryUser()
    {
        // A mixed run of its own on top: sales and cancels of several users at once.
        const QString date = E2eFixture::day(170);
        const qint64 concert = newConcert({date}, 7000);
        QList<qint64> paidIds;
        for (int i = 0; i < 6; ++i) {
            const QJsonObject paid =
                soldTicket(ApiDriver::newUserId(), concert, date, {2 * i + 1, 2 * i + 2}, 7000);
            QVERIFY(!paid.isEmpty());
            paidIds << paid.value(QLatin1String("reservationId")).toInteger();
        }
        QList<HttpClient::Request> cancels;
        for (int i = 0; i < 3; ++i)
            for (int repeat = 0; repeat < 4; ++repeat)
                cancels << ApiDriver::request(
                    "POST",
                    QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(paidIds.at(i)),
                    QJsonObject{}, staff(), repeat % 2 ? m_b->baseUrl() : m_a->baseUrl());
        for (const HttpReply &reply : m_http.sendConcurrently(cancels, 12))
            QCOMPARE(reply.status, 200);
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM balance_ledger WHERE kind = 'REFUND' "
                                       "AND payment_id IN (SELECT id FROM payments WHERE "
                                       "reservation_id IN (%1, %2, %3))")
                            .arg(paidIds.at(0))
                            .arg(paidIds.at(1))
                            .arg(paidIds.at(2))),
                 3);
        // charges = balances + payments - refunds, for every user, and the ledger is the balance.
        const QString perUser = QStringLiteral(
            "SELECT COUNT(*) FROM users u WHERE "
            "(SELECT COALESCE(SUM(amount), 0) FROM balance_ledger WHERE user_id = u.id AND kind = "
            "'CHARGE') <> u.balance + (SELECT COALESCE(SUM(amount), 0) FROM payments WHERE "
            "user_id = u.id) - (SELECT COALESCE(SUM(amount), 0) FROM balance_ledger WHERE user_id "
            "= u.id AND kind = 'REFUND') OR (SELECT COALESCE(SUM(amount), 0) FROM balance_ledger "
            "WHERE user_id = u.id) <> u.balance");
        QCOMPARE(scalar(perUser), 0);
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM users")) >= 10);
        QVERIFY(scalar(QStringLiteral("SELECT COUNT(*) FROM balance_ledger WHERE kind = 'REFUND'"))
                >= 4);
    }
};

QTEST_GUILESS_MAIN(tst_BoxOffice)
#include "tst_boxoffice.moc"
