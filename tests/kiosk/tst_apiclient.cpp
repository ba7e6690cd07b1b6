// ApiClient against StubServer: parsing into the common value types, headers, every error code
// of the contract, transport failures, reconnection and cancellation.

#include "apiclient.h"
#include "balance.h"
#include "concert.h"
#include "stubserver.h"

#include <QtTest>

class TestApiClient : public QObject
{
    Q_OBJECT

private:
    StubServer m_stub;
    std::unique_ptr<ApiClient> m_client;

private Q_SLOTS:
    void init()
    {
        m_stub.clearRequests();
        QVERIFY(m_stub.start());
        m_client = std::make_unique<ApiClient>();
        m_client->setBaseUrl(m_stub.baseUrl());
        m_client->setRetryIntervalMs(100);
    }

    void cleanup()
    {
        m_client.reset();
        m_stub.stop();
    }

    void successIsParsedIntoTheValueType()
    {
        m_stub.on("GET", QStringLiteral("/api/v1/users/([0-9a-f-]+)/balance"),
                  StubResponse{200,
                               QJsonObject{{QStringLiteral("userId"),
                                            QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c")},
                                           {QStringLiteral("balance"), 150000}}});
        std::optional<Balance> received;
        m_client->getAs<Balance>(
            QStringLiteral("/api/v1/users/3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c/balance"), this,
            [&](const Balance &balance) { received = balance; });
        QTRY_VERIFY(received.has_value());
        QCOMPARE(received->balance, 150000);
        QCOMPARE(m_client->pendingRequests(), 0);
    }

    void bodyThatBreaksTheContractIsBadResponse()
    {
        m_stub.on(
            "GET", QStringLiteral("/api/v1/concerts"),
            StubResponse{200, QJsonObject{{QStringLiteral("items"), QStringLiteral("nope")}}});
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        bool succeeded = false;
        std::optional<ApiClient::Failure> failure;
        m_client->getAs<ConcertPage>(
            QStringLiteral("/api/v1/concerts"), this,
            [&](const ConcertPage &) { succeeded = true; },
            [&](const ApiClient::Failure &f) { failure = f; }, ApiClient::Auth::None);
        QTRY_VERIFY(failure.has_value());
        QVERIFY(!succeeded);
        QCOMPARE(failure->code, ErrorCode::Internal);
        QCOMPARE(failure->kind, ApiClient::Failure::Kind::BadAnswer);
        QCOMPARE(failure->name(), QStringLiteral("BAD_RESPONSE"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(0).value<ErrorCode>(), ErrorCode::Internal);
    }

    void headersCarryTokenAndIdempotencyKey_data()
    {
        QTest::addColumn<int>("auth");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("expectedAuthorization");
        QTest::addRow("bearer call sends the token")
            << int(ApiClient::Auth::Bearer) << QByteArray() << QByteArray("Bearer tok-1");
        QTest::addRow("public call sends no token")
            << int(ApiClient::Auth::None) << QByteArray() << QByteArray();
        QTest::addRow("payment sends its key")
            << int(ApiClient::Auth::Bearer) << QByteArray("key-123") << QByteArray("Bearer tok-1");
    }
    void headersCarryTokenAndIdempotencyKey()
    {
        QFETCH(int, auth);
        QFETCH(QByteArray, key);
        QFETCH(QByteArray, expectedAuthorization);
        m_stub.on("POST", QStringLiteral("/api/v1/payments"),
                  StubResponse{201, QJsonObject{{QStringLiteral("ok"), true}}});
        m_client->setToken(QStringLiteral("tok-1"));
        bool done = false;
        m_client->send(
            "POST", QStringLiteral("/api/v1/payments"),
            QJsonObject{{QStringLiteral("reservationId"), 12}}, this,
            [&](const QJsonObject &) { done = true; }, {}, ApiClient::Auth(auth), key);
        QTRY_VERIFY(done);
        const StubRequest request = m_stub.requests().constLast();
        QCOMPARE(request.header("authorization"), expectedAuthorization);
        QCOMPARE(request.header("idempotency-key"), key);
        QVERIFY(request.header("content-type").startsWith("application/json"));
        QCOMPARE(request.json.value(QStringLiteral("reservationId")).toInt(), 12);
    }

    void everyContractErrorIsMapped_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("wireCode");
        QTest::addColumn<ErrorCode>("expected");
        QTest::addRow("400 INVALID_ARGUMENT")
            << 400 << "INVALID_ARGUMENT" << ErrorCode::InvalidArgument;
        QTest::addRow("401 TOKEN_INVALID") << 401 << "TOKEN_INVALID" << ErrorCode::TokenInvalid;
        QTest::addRow("401 TOKEN_EXPIRED") << 401 << "TOKEN_EXPIRED" << ErrorCode::TokenExpired;
        QTest::addRow("401 ADMIN_KEY_INVALID")
            << 401 << "ADMIN_KEY_INVALID" << ErrorCode::AdminKeyInvalid;
        QTest::addRow("403 NOT_ADMITTED") << 403 << "NOT_ADMITTED" << ErrorCode::NotAdmitted;
        QTest::addRow("403 FORBIDDEN") << 403 << "FORBIDDEN" << ErrorCode::Forbidden;
        QTest::addRow("404 NOT_FOUND") << 404 << "NOT_FOUND" << ErrorCode::NotFound;
        QTest::addRow("405 METHOD_NOT_ALLOWED")
            << 405 << "METHOD_NOT_ALLOWED" << ErrorCode::MethodNotAllowed;
        QTest::addRow("409 SEAT_UNAVAILABLE")
            << 409 << "SEAT_UNAVAILABLE" << ErrorCode::SeatUnavailable;
        QTest::addRow("409 INSUFFICIENT_BALANCE")
            << 409 << "INSUFFICIENT_BALANCE" << ErrorCode::InsufficientBalance;
        QTest::addRow("409 ALREADY_PAID") << 409 << "ALREADY_PAID" << ErrorCode::AlreadyPaid;
        QTest::addRow("410 HOLD_EXPIRED") << 410 << "HOLD_EXPIRED" << ErrorCode::HoldExpired;
        QTest::addRow("413 PAYLOAD_TOO_LARGE")
            << 413 << "PAYLOAD_TOO_LARGE" << ErrorCode::PayloadTooLarge;
        QTest::addRow("500 INTERNAL") << 500 << "INTERNAL" << ErrorCode::Internal;
        QTest::addRow("503 UNAVAILABLE") << 503 << "UNAVAILABLE" << ErrorCode::Unavailable;
        QTest::addRow("401 API_KEY_INVALID")
            << 401 << "API_KEY_INVALID" << ErrorCode::ApiKeyInvalid;
        QTest::addRow("403 WRONG_CONCERT") << 403 << "WRONG_CONCERT" << ErrorCode::WrongConcert;
        QTest::addRow("409 SEAT_LIMIT") << 409 << "SEAT_LIMIT" << ErrorCode::SeatLimit;
        QTest::addRow("429 TOO_MANY_REQUESTS")
            << 429 << "TOO_MANY_REQUESTS" << ErrorCode::TooManyRequests;
        QTest::addRow("501 NOT_IMPLEMENTED")
            << 501 << "NOT_IMPLEMENTED" << ErrorCode::NotImplemented;
        QTest::addRow("an unknown code is a bad response (as INTERNAL)")
            << 409 << "SOMETHING_NEW" << ErrorCode::Internal;
    }
    void everyContractErrorIsMapped()
    {
        QFETCH(int, status);
        QFETCH(QString, wireCode);
        QFETCH(ErrorCode, expected);
        m_stub.on("GET", QStringLiteral("/api/v1/x"),
                  StubResponse::error(status, wireCode, QStringLiteral("told by the server")));
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        std::optional<ApiClient::Failure> failure;
        m_client->send("GET", QStringLiteral("/api/v1/x"), {}, this, {},
                       [&](const ApiClient::Failure &f) { failure = f; });
        QTRY_VERIFY(failure.has_value());
        QCOMPARE(failure->code, expected);
        QCOMPARE(failure->httpStatus, status);
        const bool known = wireCode != QLatin1String("SOMETHING_NEW");
        QCOMPARE(failure->kind,
                 known ? ApiClient::Failure::Kind::Answered : ApiClient::Failure::Kind::BadAnswer);
        if (known)
            QCOMPARE(failure->message, QStringLiteral("told by the server"));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(0).value<ErrorCode>(), expected);
        QCOMPARE(m_client->reachable(), expected != ErrorCode::Unavailable);
    }

    void unreachableServerIsProbedUntilItAnswers()
    {
        m_stub.on("GET", QStringLiteral("/api/v1/health"),
                  StubResponse{200, QJsonObject{{QStringLiteral("status"), QStringLiteral("ok")}}});
        m_stub.stop();
        QSignalSpy reconnected(m_client.get(), &ApiClient::reconnected);
        std::optional<ApiClient::Failure> failure;
        m_client->send(
            "GET", QStringLiteral("/api/v1/concerts"), {}, this, {},
            [&](const ApiClient::Failure &f) { failure = f; }, ApiClient::Auth::None);
        QTRY_VERIFY(failure.has_value());
        QCOMPARE(failure->code, ErrorCode::Unavailable);
        QCOMPARE(failure->kind, ApiClient::Failure::Kind::NoAnswer);
        QCOMPARE(failure->httpStatus, 0);
        QVERIFY(!m_client->reachable());

        QVERIFY(m_stub.start());
        QTRY_COMPARE(reconnected.size(), 1);
        QVERIFY(m_client->reachable());
        QVERIFY(!m_stub.requests("GET", QStringLiteral("/api/v1/health")).isEmpty());
    }

    void slowAnswerTimesOutAsUnreachable()
    {
        StubResponse slow{200, QJsonObject{}};
        slow.delayMs = 3000;
        m_stub.on("GET", QStringLiteral("/api/v1/slow"), slow);
        m_client->setTimeoutMs(300);
        std::optional<ApiClient::Failure> failure;
        m_client->send("GET", QStringLiteral("/api/v1/slow"), {}, this, {},
                       [&](const ApiClient::Failure &f) { failure = f; });
        QTRY_VERIFY_WITH_TIMEOUT(failure.has_value(), 2000);
        QCOMPARE(failure->code, ErrorCode::Unavailable);
        QCOMPARE(failure->kind, ApiClient::Failure::Kind::NoAnswer);
    }

    void abortAllCancelsQuietly()
    {
        StubResponse slow{200, QJsonObject{}};
        slow.delayMs = 2000;
        m_stub.on("GET", QStringLiteral("/api/v1/slow"), slow);
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        bool succeeded = false;
        std::optional<ApiClient::Failure> failure;
        m_client->send(
            "GET", QStringLiteral("/api/v1/slow"), {}, this,
            [&](const QJsonObject &) { succeeded = true; },
            [&](const ApiClient::Failure &f) { failure = f; });
        QTRY_COMPARE(m_stub.requests().size(), 1);
        m_client->abortAll();
        QVERIFY(failure.has_value());
        QCOMPARE(failure->kind, ApiClient::Failure::Kind::Cancelled);
        QCOMPARE(m_client->pendingRequests(), 0);
        QVERIFY(!succeeded);
        QCOMPARE(errors.size(), 0);
    }

    void goneContextGetsNoCallback()
    {
        StubResponse slow{200, QJsonObject{}};
        slow.delayMs = 200;
        m_stub.on("GET", QStringLiteral("/api/v1/slow"), slow);
        bool called = false;
        auto context = std::make_unique<QObject>();
        m_client->send(
            "GET", QStringLiteral("/api/v1/slow"), {}, context.get(),
            [&](const QJsonObject &) { called = true; },
            [&](const ApiClient::Failure &) { called = true; });
        context.reset();
        QTRY_COMPARE(m_client->pendingRequests(), 0);
        QVERIFY(!called);
    }

    // A top-up carries the kiosk's key (X-Api-Key), and only when one is set; no token.
    void apiKeyGoesOnKeyedCallsOnly_data()
    {
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<QByteArray>("expected");
        QTest::addRow("with --api-key") << QStringLiteral("ck_term_1") << QByteArray("ck_term_1");
        QTest::addRow("without a key") << QString() << QByteArray();
    }
    void apiKeyGoesOnKeyedCallsOnly()
    {
        QFETCH(QString, apiKey);
        QFETCH(QByteArray, expected);
        m_stub.on("POST", QStringLiteral("/api/v1/users/.*/balance/charge"),
                  StubResponse{200, QJsonObject{{QStringLiteral("ok"), true}}});
        m_client->setToken(QStringLiteral("tok-1"));
        m_client->setApiKey(apiKey);
        bool done = false;
        m_client->send(
            "POST", QStringLiteral("/api/v1/users/u/balance/charge"),
            QJsonObject{{QStringLiteral("amount"), 1}}, this,
            [&](const QJsonObject &) { done = true; }, {}, ApiClient::Auth::ApiKey);
        QTRY_VERIFY(done);
        QCOMPARE(m_stub.requests().constLast().header("x-api-key"), expected);
        QCOMPARE(m_stub.requests().constLast().header("authorization"), QByteArray());
    }

    // A background request is sent again after a 503 or no answer, is not cancelled by
    // abortAll() and never raises a notice.
    void backgroundRequestRetriesQuietly()
    {
        int calls = 0;
        m_stub.on("DELETE", QStringLiteral("/api/v1/queue/tokens/current"),
                  [&](const StubRequest &) {
                      return ++calls == 1 ? StubResponse::error(503, QStringLiteral("UNAVAILABLE"))
                                          : StubResponse{200, {}};
                  });
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        m_client->sendInBackground("DELETE", QStringLiteral("/api/v1/queue/tokens/current"),
                                   QStringLiteral("tok-gone"));
        QCOMPARE(m_client->backgroundRequests(), 1);
        m_client->abortAll();
        QTRY_COMPARE_WITH_TIMEOUT(m_client->backgroundRequests(), 0, 5000);
        QCOMPARE(calls, 2);
        QCOMPARE(m_stub.requests().constLast().bearer(), QStringLiteral("tok-gone"));
        QVERIFY(errors.isEmpty());
        QVERIFY(m_client->reachable());
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "tst_apiclient.moc"
