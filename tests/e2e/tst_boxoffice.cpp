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
};

QTEST_GUILESS_MAIN(tst_BoxOffice)
#include "tst_boxoffice.moc"
