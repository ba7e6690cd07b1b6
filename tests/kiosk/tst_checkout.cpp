// Checkout: which holds are sent at all, the countdown, paying with one Idempotency-Key per
// hold (also across a network failure), and the ways a hold ends.

#include "apiclient.h"
#include "checkout.h"
#include "fakebackend.h"
#include "jsonfields.h"

#include <QtTest>

namespace {

const QString kUser = QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c");

} // namespace

class TestCheckout : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<FakeBackend> m_backend;
    std::unique_ptr<ApiClient> m_client;
    QString m_date;

    /** An ACTIVE token for kUser on the client. */
    bool admit()
    {
        QString token;
        m_client->send(
            "POST", QStringLiteral("/api/v1/queue/tokens"),
            QJsonObject{{QStringLiteral("userId"), kUser}}, this,
            [&](const QJsonObject &json) { token = json[QLatin1String("token")].toString(); });
        if (!QTest::qWaitFor([&]() { return !token.isEmpty(); }, 5000))
            return false;
        m_client->setToken(token);
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_backend = std::make_unique<FakeBackend>();
        QVERIFY(m_backend->start());
        m_client = std::make_unique<ApiClient>();
        m_client->setBaseUrl(m_backend->baseUrl());
        m_client->setRetryIntervalMs(100);
        m_date = JsonFields::formatDate(m_backend->dates(1).constFirst());
        QVERIFY(admit());
    }

    void cleanup()
    {
        m_client.reset();
        m_backend.reset();
    }

    void holdsOnlyWhatTheContractAllows_data()
    {
        QTest::addColumn<qint64>("concertId");
        QTest::addColumn<QString>("date");
        QTest::addColumn<QList<int>>("seats");
        QTest::addColumn<bool>("sent");
        QTest::addRow("one seat") << qint64(1) << QString() << QList<int>{3} << true;
        QTest::addRow("four seats") << qint64(1) << QString() << QList<int>{1, 2, 3, 4} << true;
        QTest::addRow("no seat is refused") << qint64(1) << QString() << QList<int>{} << false;
        QTest::addRow("five seats are refused")
            << qint64(1) << QString() << QList<int>{1, 2, 3, 4, 5} << false;
        QTest::addRow("a seat twice is refused")
            << qint64(1) << QString() << QList<int>{3, 3} << false;
        QTest::addRow("seat 51 is refused") << qint64(1) << QString() << QList<int>{51} << false;
        QTest::addRow("a bad date is refused")
            << qint64(1) << QStringLiteral("2027-02-30") << QList<int>{1} << false;
        QTest::addRow("concert 0 is refused") << qint64(0) << QString() << QList<int>{1} << false;
    }
    void holdsOnlyWhatTheContractAllows()
    {
        QFETCH(qint64, concertId);
        QFETCH(QString, date);
        QFETCH(QList<int>, seats);
        QFETCH(bool, sent);
        Checkout checkout;
        checkout.setClient(m_client.get());
        QCOMPARE(checkout.hold(concertId, date.isEmpty() ? m_date : date, seats), sent);
        QCOMPARE(checkout.state(), sent ? Checkout::Holding : Checkout::Idle);
        if (sent)
            QTRY_COMPARE(checkout.state(), Checkout::Held);
    }

    void holdCountsDownThenPaysWithOneKey()
    {
        Checkout checkout;
        checkout.setClient(m_client.get());
        QSignalSpy held(&checkout, &Checkout::held);
        QSignalSpy paid(&checkout, &Checkout::paid);
        QVERIFY(checkout.hold(1, m_date, {8, 7}));
        QTRY_COMPARE(held.size(), 1);
        QCOMPARE(checkout.seatNumbers(), (QList<int>{7, 8}));
        QCOMPARE(checkout.amount(), 2 * m_backend->price(1, m_backend->dates(1).constFirst()));
        QCOMPARE(checkout.date(), m_date);
        QVERIFY(checkout.secondsLeft() >= 295 && checkout.secondsLeft() <= 300);
        QVERIFY(qAbs(checkout.holdSeconds() - checkout.secondsLeft()) <= 1);
        QVERIFY(!checkout.idempotencyKey().isEmpty());
        QVERIFY(!checkout.hold(1, m_date, {9})); // one hold at a time

        QVERIFY(checkout.pay()); // balance 0
        QVERIFY(checkout.busy());
        QTRY_COMPARE(checkout.state(), Checkout::Held);
        QCOMPARE(paid.size(), 0);

        m_backend->setBalance(kUser, 1'000'000);
        QVERIFY(checkout.pay());
        QTRY_COMPARE(paid.size(), 1);
        QCOMPARE(checkout.state(), Checkout::Paid);
        QVERIFY(checkout.paymentId() > 0);
        QCOMPARE(checkout.balanceAfterPayment(), 1'000'000 - checkout.amount());
        QVERIFY(checkout.paidAt().isValid());
        const QList<StubRequest> payments =
            m_backend->stub().requests("POST", QStringLiteral("/api/v1/payments"));
        QCOMPARE(payments.size(), 2);
        QCOMPARE(payments.at(0).header("idempotency-key"), checkout.idempotencyKey());
        QCOMPARE(payments.at(1).header("idempotency-key"), checkout.idempotencyKey());
    }

    void paymentAfterANetworkFailureIsNotChargedTwice()
    {
        m_backend->setBalance(kUser, 1'000'000);
        Checkout checkout;
        checkout.setClient(m_client.get());
        QVERIFY(checkout.hold(1, m_date, {11}));
        QTRY_COMPARE(checkout.state(), Checkout::Held);
        // The payment goes through but its answer is lost on the way back.
        m_backend->stub().dropNextAnswer("POST", QStringLiteral("/api/v1/payments"));
        m_client->setTimeoutMs(500);
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        QVERIFY(checkout.pay());
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(0).value<ErrorCode>(), ErrorCode::Unavailable);
        QCOMPARE(checkout.state(), Checkout::Held);
        QCOMPARE(m_backend->balance(kUser), 1'000'000 - checkout.amount());

        // Paying again replays the same payment: the same key, nothing charged twice.
        QVERIFY(checkout.pay());
        QTRY_COMPARE(checkout.state(), Checkout::Paid);
        QCOMPARE(m_backend->balance(kUser), 1'000'000 - checkout.amount());
        QCOMPARE(checkout.balanceAfterPayment(), 1'000'000 - checkout.amount());
        const QList<StubRequest> payments =
            m_backend->stub().requests("POST", QStringLiteral("/api/v1/payments"));
        QCOMPARE(payments.size(), 2);
        QCOMPARE(payments.at(0).header("idempotency-key"),
                 payments.at(1).header("idempotency-key"));
    }

    void expiryIsConfirmedWithTheServer()
    {
        m_backend->holdSeconds = 1;
        Checkout checkout;
        checkout.setClient(m_client.get());
        QSignalSpy expired(&checkout, &Checkout::holdExpired);
        QVERIFY(checkout.hold(1, m_date, {12}));
        QTRY_COMPARE(checkout.state(), Checkout::Held);
        QTRY_COMPARE_WITH_TIMEOUT(expired.size(), 1, 5000);
        QCOMPARE(checkout.state(), Checkout::Expired);
        QCOMPARE(checkout.secondsLeft(), 0);
        QVERIFY(!m_backend->stub()
                     .requests("GET", QStringLiteral("/api/v1/reservations/\\d+"))
                     .isEmpty());
    }

    void payingAnEndedHoldIsHoldExpired()
    {
        m_backend->setBalance(kUser, 1'000'000);
        Checkout checkout;
        checkout.setClient(m_client.get());
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        QVERIFY(checkout.hold(1, m_date, {13}));
        QTRY_COMPARE(checkout.state(), Checkout::Held);
        m_backend->expireReservation(checkout.reservationId());
        QVERIFY(checkout.pay());
        QTRY_COMPARE(checkout.state(), Checkout::Expired);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(0).value<ErrorCode>(), ErrorCode::HoldExpired);
        QCOMPARE(m_backend->balance(kUser), 1'000'000);
    }

    void seatTakenByAnotherLeavesNothingHeld()
    {
        m_backend->setSeatStatus(1, m_backend->dates(1).constFirst(), 15, QStringLiteral("HELD"));
        Checkout checkout;
        checkout.setClient(m_client.get());
        QSignalSpy errors(m_client.get(), &ApiClient::errorOccurred);
        QVERIFY(checkout.hold(1, m_date, {14, 15}));
        QTRY_COMPARE(errors.size(), 1);
        QCOMPARE(errors.at(0).at(0).value<ErrorCode>(), ErrorCode::SeatUnavailable);
        QCOMPARE(checkout.state(), Checkout::Idle);
        QCOMPARE(checkout.reservationId(), 0);
    }

    void resetForgetsTheHold()
    {
        Checkout checkout;
        checkout.setClient(m_client.get());
        QVERIFY(checkout.hold(1, m_date, {16}));
        QTRY_COMPARE(checkout.state(), Checkout::Held);
        checkout.reset();
        QCOMPARE(checkout.state(), Checkout::Idle);
        QVERIFY(checkout.seatNumbers().isEmpty());
        QVERIFY(checkout.idempotencyKey().isEmpty());
        QVERIFY(!checkout.pay());
    }

    // "Change seats": the hold is given back to the server (in the background, with the
    // customer's token) and the checkout is empty at once.
    void releaseGivesTheHoldBack()
    {
        Checkout checkout;
        checkout.setClient(m_client.get());
        QSignalSpy held(&checkout, &Checkout::held);
        QVERIFY(checkout.hold(1, m_date, {4, 5}));
        QTRY_COMPARE(held.size(), 1);
        const qint64 reservationId = checkout.reservationId();
        checkout.release();
        QCOMPARE(checkout.state(), Checkout::Idle);
        QCOMPARE(checkout.reservationId(), 0);
        const QString path = QStringLiteral("/api/v1/reservations/%1").arg(reservationId);
        QTRY_COMPARE(m_backend->stub().requests("DELETE", path).size(), 1);
        QCOMPARE(m_backend->stub().requests("DELETE", path).constFirst().bearer(),
                 m_client->token());
        // Nothing held: nothing to give back.
        checkout.release();
        QTest::qWait(200);
        QCOMPARE(
            m_backend->stub().requests("DELETE", QStringLiteral("/api/v1/reservations/.*")).size(),
            1);
    }
};

QTEST_GUILESS_MAIN(TestCheckout)
#include "tst_checkout.moc"
