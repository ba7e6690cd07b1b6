// KioskController: the screen and the notice after every error code of the contract, and the
// customer's flow through the screens against FakeBackend (no QML).

#include "apiclient.h"
#include "checkout.h"
#include "fakebackend.h"
#include "jsonfields.h"
#include "kioskcontroller.h"
#include "kiosklanguage.h"
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
    // The English texts with their plural forms, as the kiosk shows them.
    void initTestCase() { KioskLanguage::setStartupCode(QStringLiteral("en")); }

    void everyErrorHasAWayForward_data()
    {
        QTest::addColumn<ErrorCode>("code");
        QTest::addColumn<Screen>("on");
        QTest::addColumn<Screen>("expected");
        QTest::addColumn<KioskError::NoticeKind>("kind");
        using K = KioskController;
        QTest::addRow("seat taken: back to the map") << ErrorCode::SeatUnavailable << K::SeatsScreen
                                                     << K::SeatsScreen << KioskError::WarningNotice;
        QTest::addRow("hold expired at checkout: back to the map")
            << ErrorCode::HoldExpired << K::CheckoutScreen << K::SeatsScreen
            << KioskError::WarningNotice;
        QTest::addRow("token expired on the map: back to the queue")
            << ErrorCode::TokenExpired << K::SeatsScreen << K::QueueScreen
            << KioskError::WarningNotice;
        QTest::addRow("token expired at checkout: back to the queue")
            << ErrorCode::TokenExpired << K::CheckoutScreen << K::QueueScreen
            << KioskError::WarningNotice;
        QTest::addRow("token invalid: back to the queue")
            << ErrorCode::TokenInvalid << K::SeatsScreen << K::QueueScreen
            << KioskError::WarningNotice;
        QTest::addRow("not admitted: back to the queue")
            << ErrorCode::NotAdmitted << K::SeatsScreen << K::QueueScreen << KioskError::InfoNotice;
        QTest::addRow("insufficient balance: stay and top up")
            << ErrorCode::InsufficientBalance << K::CheckoutScreen << K::CheckoutScreen
            << KioskError::WarningNotice;
        QTest::addRow("already paid: start over") << ErrorCode::AlreadyPaid << K::CheckoutScreen
                                                  << K::StartScreen << KioskError::InfoNotice;
        QTest::addRow("forbidden: back to the map") << ErrorCode::Forbidden << K::CheckoutScreen
                                                    << K::SeatsScreen << KioskError::ErrorNotice;
        QTest::addRow("reservation not found: back to the map")
            << ErrorCode::NotFound << K::CheckoutScreen << K::SeatsScreen
            << KioskError::ErrorNotice;
        QTest::addRow("concert not found: start over")
            << ErrorCode::NotFound << K::SeatsScreen << K::StartScreen << KioskError::ErrorNotice;
        QTest::addRow("invalid argument: stay") << ErrorCode::InvalidArgument << K::SeatsScreen
                                                << K::SeatsScreen << KioskError::ErrorNotice;
        QTest::addRow("admin key: stay") << ErrorCode::AdminKeyInvalid << K::SeatsScreen
                                         << K::SeatsScreen << KioskError::ErrorNotice;
        QTest::addRow("method not allowed: stay")
            << ErrorCode::MethodNotAllowed << K::CheckoutScreen << K::CheckoutScreen
            << KioskError::ErrorNotice;
        QTest::addRow("payload too large: stay") << ErrorCode::PayloadTooLarge << K::CheckoutScreen
                                                 << K::CheckoutScreen << KioskError::ErrorNotice;
        QTest::addRow("internal: stay")
            << ErrorCode::Internal << K::SeatsScreen << K::SeatsScreen << KioskError::ErrorNotice;
        QTest::addRow("database down: stay and retry")
            << ErrorCode::Unavailable << K::CheckoutScreen << K::CheckoutScreen
            << KioskError::RetryingNotice;
        QTest::addRow("unreachable on the start screen")
            << ErrorCode::Unavailable << K::StartScreen << K::StartScreen
            << KioskError::RetryingNotice;
        QTest::addRow("wrong concert: queue again for this concert")
            << ErrorCode::WrongConcert << K::SeatsScreen << K::QueueScreen
            << KioskError::WarningNotice;
        QTest::addRow("seat limit: stay on the map with the selection")
            << ErrorCode::SeatLimit << K::SeatsScreen << K::SeatsScreen
            << KioskError::WarningNotice;
        QTest::addRow("too many requests: stay, the queue retries")
            << ErrorCode::TooManyRequests << K::QueueScreen << K::QueueScreen
            << KioskError::WarningNotice;
        QTest::addRow("api key invalid on a top-up: stay, ask staff")
            << ErrorCode::ApiKeyInvalid << K::CheckoutScreen << K::CheckoutScreen
            << KioskError::ErrorNotice;
        QTest::addRow("conflict: stay") << ErrorCode::Conflict << K::CheckoutScreen
                                        << K::CheckoutScreen << KioskError::ErrorNotice;
        QTest::addRow("not implemented: stay") << ErrorCode::NotImplemented << K::SeatsScreen
                                               << K::SeatsScreen << KioskError::ErrorNotice;
        QTest::addRow("a late token error after leaving is ignored")
            << ErrorCode::TokenExpired << K::StartScreen << K::StartScreen
            << KioskError::WarningNotice;
    }
    void everyErrorHasAWayForward()
    {
        QFETCH(ErrorCode, code);
        QFETCH(Screen, on);
        QFETCH(Screen, expected);
        QFETCH(KioskError::NoticeKind, kind);
        QCOMPARE(KioskController::destinationFor(code, on), expected);
        QCOMPARE(KioskError::entry(code).kind, kind);
        QVERIFY(!KioskError::title(code).isEmpty());
        QVERIFY(!KioskError::text(code).isEmpty());
    }

    // One row per contract code: a code added to common/apierror.h without a row fails here.
    void everyContractCodeHasARowOfItsOwn()
    {
        const QMetaEnum codes = QMetaEnum::fromType<ErrorCode>();
        QVERIFY(codes.keyCount() >= 25);
        for (int i = 0; i < codes.keyCount(); ++i) {
            const auto code = ErrorCode(codes.value(i));
            QVERIFY2(KioskError::hasEntry(code), codes.key(i));
            QCOMPARE(KioskError::entry(code).code, code);
            QVERIFY2(!KioskError::title(code).isEmpty(), codes.key(i));
            QVERIFY2(!KioskError::text(code).isEmpty(), codes.key(i));
            QVERIFY2(!KioskError::text(code).contains(QLatin1String("%1")), codes.key(i));
        }
        QVERIFY(KioskError::text(ErrorCode::Internal).contains(QStringLiteral("INTERNAL")));
        QVERIFY(KioskError::text(ErrorCode::NotImplemented)
                    .contains(QStringLiteral("NOT_IMPLEMENTED")));
    }

    void seatLimitNamesTheCapWhenTheServerDoes()
    {
        QVERIFY(KioskController::seatLimitText(QStringLiteral("at most 8 seats per concert"))
                    .contains(QStringLiteral("at most 8 seats")));
        QVERIFY(KioskController::seatLimitText(QStringLiteral("at most 1 seat"))
                    .contains(QStringLiteral("at most 1 seat ")));
        QCOMPARE(KioskController::seatLimitText(QStringLiteral("limit reached")),
                 KioskError::text(ErrorCode::SeatLimit));
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
            QVERIFY(kiosk.controller.noticeCode() == ErrorCode::InvalidArgument);
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
        QTRY_VERIFY(controller.noticeCode() == ErrorCode::InsufficientBalance);
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
        QVERIFY(kiosk.controller.noticeCode() == ErrorCode::TokenExpired);
        QTRY_COMPARE_WITH_TIMEOUT(kiosk.controller.screen(), KioskController::SeatsScreen, 10000);
        QVERIFY(kiosk.queue.token() != first);
        QVERIFY(kiosk.controller.noticeCode() == ErrorCode::TokenExpired); // still explained
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
        QVERIFY(kiosk.controller.noticeCode() == ErrorCode::SeatUnavailable);
        kiosk.controller.reportSelectionLost({2});
        QVERIFY(kiosk.controller.noticeCode() == ErrorCode::SeatUnavailable);
        QVERIFY(kiosk.controller.noticeText().contains(QStringLiteral("Seat 2")));
    }

    void retryingNoticeStaysUntilTheServerIsBack()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        Kiosk kiosk(backend.baseUrl());
        backend.stub().stop();
        QVERIFY(kiosk.controller.begin(kUser, 1, {}, {}));
        QTRY_COMPARE(kiosk.controller.noticeKind(), KioskError::RetryingNotice);
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
        kiosk.controller.handleError(ErrorCode::SeatUnavailable, {});
        kiosk.controller.handleError(ErrorCode::TokenExpired, {});
        QCOMPARE(kiosk.controller.screen(), KioskController::StartScreen);
        QVERIFY(!kiosk.controller.hasNotice());
    }
};

QTEST_GUILESS_MAIN(TestKioskController)
#include "tst_kioskcontroller.moc"
