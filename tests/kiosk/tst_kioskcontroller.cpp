// KioskController: the screen and the notice after every error code of the contract, and the
// customer's flow through the screens against FakeBackend (no QML).

#include "apiclient.h"
#include "checkout.h"
#include "fakebackend.h"
#include "jsonfields.h"
#include "kioskcontroller.h"
#include "queuesession.h"
#include "wallet.h"

#include <QtTest>

namespace {

const QString kUser = QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c");

/** The session objects as Main.qml declares and wires them. */
struct Kiosk
{
    ApiClient client;
    QueueSession queue;
    Wallet wallet;
    Checkout checkout;
    KioskController controller;

    explicit Kiosk(const QUrl &url)
    {
        client.setBaseUrl(url);
        client.setRetryIntervalMs(100);
        queue.setClient(&client);
        wallet.setClient(&client);
        checkout.setClient(&client);
        controller.setClient(&client);
        controller.setQueue(&queue);
        controller.setWallet(&wallet);
        controller.setCheckout(&checkout);
    }
};

} // namespace

using Screen = KioskController::Screen;

class TestKioskController : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyErrorHasAWayForward_data()
    {
        QTest::addColumn<KioskError::Code>("code");
        QTest::addColumn<Screen>("on");
        QTest::addColumn<Screen>("expected");
        QTest::addColumn<KioskController::NoticeKind>("kind");
        using K = KioskController;
        QTest::addRow("seat taken: back to the map")
            << KioskError::SeatUnavailable << K::SeatsScreen << K::SeatsScreen << K::WarningNotice;
        QTest::addRow("hold expired at checkout: back to the map")
            << KioskError::HoldExpired << K::CheckoutScreen << K::SeatsScreen << K::WarningNotice;
        QTest::addRow("token expired on the map: back to the queue")
            << KioskError::TokenExpired << K::SeatsScreen << K::QueueScreen << K::WarningNotice;
        QTest::addRow("token expired at checkout: back to the queue")
            << KioskError::TokenExpired << K::CheckoutScreen << K::QueueScreen << K::WarningNotice;
        QTest::addRow("token invalid: back to the queue")
            << KioskError::TokenInvalid << K::SeatsScreen << K::QueueScreen << K::WarningNotice;
        QTest::addRow("not admitted: back to the queue")
            << KioskError::NotAdmitted << K::SeatsScreen << K::QueueScreen << K::InfoNotice;
        QTest::addRow("insufficient balance: stay and top up")
            << KioskError::InsufficientBalance << K::CheckoutScreen << K::CheckoutScreen
            << K::WarningNotice;
        QTest::addRow("already paid: start over")
            << KioskError::AlreadyPaid << K::CheckoutScreen << K::StartScreen << K::InfoNotice;
        QTest::addRow("forbidden: back to the map")
            << KioskError::Forbidden << K::CheckoutScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("reservation not found: back to the map")
            << KioskError::NotFound << K::CheckoutScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("concert not found: start over")
            << KioskError::NotFound << K::SeatsScreen << K::StartScreen << K::ErrorNotice;
        QTest::addRow("invalid argument: stay")
            << KioskError::InvalidArgument << K::SeatsScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("admin key: stay")
            << KioskError::AdminKeyInvalid << K::SeatsScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("method not allowed: stay")
            << KioskError::MethodNotAllowed << K::CheckoutScreen << K::CheckoutScreen
            << K::ErrorNotice;
        QTest::addRow("payload too large: stay") << KioskError::PayloadTooLarge << K::CheckoutScreen
                                                 << K::CheckoutScreen << K::ErrorNotice;
        QTest::addRow("internal: stay")
            << KioskError::Internal << K::SeatsScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("bad response: stay")
            << KioskError::BadResponse << K::SeatsScreen << K::SeatsScreen << K::ErrorNotice;
        QTest::addRow("database down: stay and retry")
            << KioskError::Unavailable << K::CheckoutScreen << K::CheckoutScreen
            << K::RetryingNotice;
        QTest::addRow("server unreachable: stay and retry")
            << KioskError::Unreachable << K::QueueScreen << K::QueueScreen << K::RetryingNotice;
        QTest::addRow("unreachable on the start screen")
            << KioskError::Unreachable << K::StartScreen << K::StartScreen << K::RetryingNotice;
        QTest::addRow("a late token error after leaving is ignored")
            << KioskError::TokenExpired << K::StartScreen << K::StartScreen << K::WarningNotice;
    }
    void everyErrorHasAWayForward()
    {
        QFETCH(KioskError::Code, code);
        QFETCH(Screen, on);
        QFETCH(Screen, expected);
        QFETCH(KioskController::NoticeKind, kind);
        QCOMPARE(KioskController::destinationFor(code, on), expected);
        QCOMPARE(KioskController::noticeKindFor(code), kind);
        QVERIFY(!KioskController::titleFor(code).isEmpty());
        QVERIFY(!KioskController::textFor(code).isEmpty());
    }

    void everyCodeHasItsOwnHeadline()
    {
        QSet<QString> generic;
        const QMetaEnum codes = QMetaEnum::fromType<KioskError::Code>();
        for (int i = 0; i < codes.keyCount(); ++i) {
            const auto code = KioskError::Code(codes.value(i));
            if (code == KioskError::None)
                continue;
            QVERIFY2(!KioskController::titleFor(code).isEmpty(), codes.key(i));
            QVERIFY2(!KioskController::textFor(code).isEmpty(), codes.key(i));
            QVERIFY2(KioskError::name(code) != QLatin1String("UNKNOWN"), codes.key(i));
        }
        QVERIFY(
            KioskController::textFor(KioskError::Internal).contains(QStringLiteral("INTERNAL")));
    }

    void memberNumbers_data()
    {
        QTest::addColumn<QString>("memberId");
        QTest::addColumn<bool>("valid");
        QTest::addRow("canonical UUID") << kUser << true;
        QTest::addRow("upper case") << kUser.toUpper() << true;
        QTest::addRow("with spaces around") << QStringLiteral("  %1 ").arg(kUser) << true;
        QTest::addRow("braces") << QStringLiteral("{%1}").arg(kUser) << false;
        QTest::addRow("too short") << QStringLiteral("3f2b8c1e-0a4d") << false;
        QTest::addRow("empty") << QString() << false;
    }
    void memberNumbers()
    {
        QFETCH(QString, memberId);
        QFETCH(bool, valid);
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        QCOMPARE(kiosk.controller.isValidMemberId(memberId), valid);
        QCOMPARE(kiosk.controller.begin(memberId, 1, QStringLiteral("A"), QStringLiteral("B")),
                 valid);
        QCOMPARE(kiosk.controller.screen(),
                 valid ? KioskController::QueueScreen : KioskController::StartScreen);
        if (valid)
            QCOMPARE(kiosk.controller.userId(), kUser);
        else
            QCOMPARE(kiosk.controller.noticeCode(), KioskError::InvalidArgument);
    }

    void newMemberNumbersAreRandomUuids()
    {
        KioskController controller;
        const QString first = controller.newMemberId();
        QCOMPARE(QUuid::fromString(first).version(), QUuid::Random);
        QVERIFY(controller.isValidMemberId(first));
        QVERIFY(first != controller.newMemberId());
    }

    void customerFlowThroughTheScreens()
    {
        FakeBackend backend;
        backend.queueAhead = 1;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        KioskController &controller = kiosk.controller;
        QVERIFY(controller.idleTimeoutApplies());
        QVERIFY(controller.begin(kUser, 1, QStringLiteral("Aurora"), QStringLiteral("Hall")));
        QCOMPARE(controller.screen(), KioskController::QueueScreen);
        QTRY_COMPARE(kiosk.queue.state(), QueueSession::Waiting);
        QVERIFY(!controller.idleTimeoutApplies()); // waiting needs no input
        QTRY_COMPARE_WITH_TIMEOUT(controller.screen(), KioskController::SeatsScreen, 10000);
        QVERIFY(controller.idleTimeoutApplies());

        controller.setDate(JsonFields::formatDate(backend.dates(1).constFirst()));
        QVERIFY(controller.holdSeats({4, 5}));
        QTRY_COMPARE(controller.screen(), KioskController::CheckoutScreen);
        QTRY_VERIFY(kiosk.wallet.known());
        QVERIFY(controller.pay());
        QTRY_COMPARE(controller.noticeCode(), KioskError::InsufficientBalance);
        QVERIFY(controller.noticeText().contains(QStringLiteral("₩")));
        QCOMPARE(controller.screen(), KioskController::CheckoutScreen);

        QVERIFY(kiosk.wallet.charge(kiosk.checkout.amount()));
        QTRY_COMPARE(kiosk.wallet.balance(), kiosk.checkout.amount());
        QVERIFY(controller.pay());
        QVERIFY(!controller.hasNotice());
        QTRY_COMPARE(controller.screen(), KioskController::ReceiptScreen);
        QCOMPARE(kiosk.wallet.balance(), 0);
        QVERIFY(kiosk.client.token().isEmpty()); // the payment ended the token

        QSignalSpy reset(&controller, &KioskController::sessionReset);
        controller.startOver();
        QCOMPARE(controller.screen(), KioskController::StartScreen);
        QCOMPARE(reset.size(), 1);
        QVERIFY(controller.userId().isEmpty());
        QCOMPARE(controller.concertId(), 0);
        QCOMPARE(kiosk.checkout.state(), Checkout::Idle);
    }

    void expiredTokenOnTheMapQueuesAgain()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        QVERIFY(kiosk.controller.begin(kUser, 1, {}, {}));
        QTRY_COMPARE(kiosk.controller.screen(), KioskController::SeatsScreen);
        const QString first = kiosk.queue.token();
        backend.expireToken(first);
        backend.queueAhead = 1;
        kiosk.controller.setDate(JsonFields::formatDate(backend.dates(1).constFirst()));
        QVERIFY(kiosk.controller.holdSeats({1}));
        QTRY_COMPARE(kiosk.controller.screen(), KioskController::QueueScreen);
        QCOMPARE(kiosk.controller.noticeCode(), KioskError::TokenExpired);
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.controller.screen(), KioskController::SeatsScreen, 10000);
        QVERIFY(kiosk.queue.token() != first);
        QCOMPARE(kiosk.controller.noticeCode(), KioskError::TokenExpired); // still explained
    }

    void seatTakenRefreshesTheMap()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        QVERIFY(kiosk.controller.begin(kUser, 1, {}, {}));
        QTRY_COMPARE(kiosk.controller.screen(), KioskController::SeatsScreen);
        backend.setSeatStatus(1, backend.dates(1).constFirst(), 2, QStringLiteral("HELD"));
        QSignalSpy invalidated(&kiosk.controller, &KioskController::seatsInvalidated);
        kiosk.controller.setDate(JsonFields::formatDate(backend.dates(1).constFirst()));
        QVERIFY(kiosk.controller.holdSeats({1, 2}));
        QTRY_COMPARE(invalidated.size(), 1);
        QCOMPARE(kiosk.controller.screen(), KioskController::SeatsScreen);
        QCOMPARE(kiosk.controller.noticeCode(), KioskError::SeatUnavailable);
        kiosk.controller.reportSelectionLost({2});
        QCOMPARE(kiosk.controller.noticeCode(), KioskError::SeatUnavailable);
        QVERIFY(kiosk.controller.noticeText().contains(QStringLiteral("Seat 2")));
    }

    void retryingNoticeStaysUntilTheServerIsBack()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        backend.stub().stop();
        QVERIFY(kiosk.controller.begin(kUser, 1, {}, {}));
        QTRY_COMPARE(kiosk.controller.noticeKind(), KioskController::RetryingNotice);
        kiosk.controller.dismissNotice();
        QVERIFY(kiosk.controller.hasNotice()); // cannot be dismissed while unreachable
        QVERIFY(backend.start());
        QTRY_VERIFY(!kiosk.controller.hasNotice());
        QTRY_COMPARE(kiosk.controller.screen(), KioskController::SeatsScreen);
    }

    void lateAnswersAfterStartingOverAreIgnored()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        QVERIFY(kiosk.controller.begin(kUser, 1, {}, {}));
        QTRY_COMPARE(kiosk.controller.screen(), KioskController::SeatsScreen);
        kiosk.controller.startOver();
        kiosk.controller.handleError(KioskError::SeatUnavailable, {});
        kiosk.controller.handleError(KioskError::TokenExpired, {});
        QCOMPARE(kiosk.controller.screen(), KioskController::StartScreen);
        QVERIFY(!kiosk.controller.hasNotice());
    }
};

QTEST_GUILESS_MAIN(TestKioskController)
#include "tst_kioskcontroller.moc"
