// Wallet: which charges are sent, charging, and reading the balance.

#include "apiclient.h"
#include "fakebackend.h"
#include "wallet.h"

#include <QtTest>

namespace {

const QString kUser = QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c");

} // namespace

class TestWallet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chargeLimits_data()
    {
        QTest::addColumn<qint64>("amount");
        QTest::addColumn<bool>("valid");
        QTest::addRow("1 KRW is the least") << qint64(1) << true;
        QTest::addRow("10,000,000 KRW is the most") << qint64(10'000'000) << true;
        QTest::addRow("0 is refused") << qint64(0) << false;
        QTest::addRow("a negative amount is refused") << qint64(-5000) << false;
        QTest::addRow("10,000,001 is refused") << qint64(10'000'001) << false;
    }
    void chargeLimits()
    {
        QFETCH(qint64, amount);
        QFETCH(bool, valid);
        FakeBackend backend;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        Wallet wallet;
        wallet.setClient(&client);
        wallet.setUserId(kUser);
        QTRY_VERIFY(wallet.known());
        QCOMPARE(wallet.isValidCharge(amount), valid);
        QCOMPARE(wallet.charge(amount), valid);
        if (valid)
            QTRY_COMPARE(wallet.balance(), amount);
        else
            QVERIFY(backend.stub().requests("POST", QStringLiteral(".*/charge")).isEmpty());
    }

    void readsAndChargesTheBalance()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        backend.setBalance(kUser, 7000);
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        Wallet wallet;
        wallet.setClient(&client);
        QVERIFY(!wallet.known());
        QVERIFY(!wallet.charge(1000)); // no customer yet
        wallet.setUserId(kUser);
        QTRY_COMPARE(wallet.balance(), 7000);
        QSignalSpy charged(&wallet, &Wallet::charged);
        QVERIFY(wallet.charge(50000));
        QVERIFY(wallet.charging());
        QVERIFY(!wallet.charge(1000)); // one charge at a time
        QTRY_COMPARE(charged.size(), 1);
        QCOMPARE(charged.at(0).at(0).toLongLong(), 50000);
        QCOMPARE(wallet.balance(), 57000);
        QCOMPARE(backend.balance(kUser), 57000);
        QVERIFY(!wallet.charging());
    }

    void anotherCustomerStartsUnknown()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        backend.setBalance(kUser, 7000);
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        Wallet wallet;
        wallet.setClient(&client);
        wallet.setUserId(kUser);
        QTRY_VERIFY(wallet.known());
        wallet.setUserId({});
        QVERIFY(!wallet.known());
        QCOMPARE(wallet.balance(), 0);
    }

    // "Balance: safe retries": a top-up whose answer was lost is retried with the same
    // Idempotency-Key; a settled one is never reused.
    void retryAfterLostAnswerReusesTheKey()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        client.setTimeoutMs(1000);
        Wallet wallet;
        wallet.setClient(&client);
        wallet.setUserId(kUser);
        QTRY_VERIFY(wallet.known());
        const QString charges = QStringLiteral(".*/charge");
        backend.stub().dropNextAnswer("POST", charges);
        QVERIFY(wallet.charge(20000));
        QTRY_VERIFY_WITH_TIMEOUT(!wallet.charging(), 10000); // timed out: no answer
        QSignalSpy charged(&wallet, &Wallet::charged);
        QVERIFY(wallet.charge(20000)); // the customer presses again
        QTRY_COMPARE(charged.size(), 1);
        QVERIFY(wallet.charge(5000)); // a new top-up
        QTRY_COMPARE(charged.size(), 2);
        QVERIFY(wallet.charge(5000)); // and the same amount once more: settled, so a new key
        QTRY_COMPARE(charged.size(), 3);

        const QList<StubRequest> sent = backend.stub().requests("POST", charges);
        QCOMPARE(sent.size(), 4);
        const QByteArray first = sent.at(0).header("Idempotency-Key");
        QVERIFY(!first.isEmpty());
        QCOMPARE(sent.at(1).header("Idempotency-Key"), first);
        QVERIFY(sent.at(2).header("Idempotency-Key") != first);
        QVERIFY(!sent.at(2).header("Idempotency-Key").isEmpty());
        QVERIFY(sent.at(3).header("Idempotency-Key") != sent.at(2).header("Idempotency-Key"));
    }
};

QTEST_GUILESS_MAIN(TestWallet)
#include "tst_wallet.moc"
