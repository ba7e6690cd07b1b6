// The kiosk UI driven like a customer (clicks and typing on the real QML items, offscreen)
// against FakeBackend, an in-memory imitation of the HTTP contract: every screen, the error
// paths and the idle timeout, fast and without MariaDB. tst_kioskendtoend does the same
// against the real concert-server.

#include "apiclient.h"
#include "checkout.h"
#include "fakebackend.h"
#include "kioskdriver.h"
#include "queuesession.h"
#include "seatmapmodel.h"
#include "wallet.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

namespace {

const QString kMember = QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c");

} // namespace

class TestKioskUi : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
            qputenv("XDG_RUNTIME_DIR", QDir::tempPath().toLocal8Bit());
    }

private:
    static void addSizes()
    {
        QTest::addColumn<QSize>("size");
        QTest::addRow("1280x800") << QSize(1280, 800);
        QTest::addRow("800x1280 portrait") << QSize(800, 1280);
    }

    static QString shots(const QString &scenario, const QSize &size)
    {
        return QStringLiteral(KIOSK_SCREENSHOT_ROOT "/kiosk-ui/%1x%2/%3")
            .arg(size.width())
            .arg(size.height())
            .arg(scenario);
    }

    /** Start screen → queue → seat map of the first date, as member kMember for concert 1. */
    static bool reachSeats(KioskDriver &kiosk)
    {
        return kiosk.waitFor([&]() { return kiosk.item(QStringLiteral("concert_1")); },
                             QStringLiteral("concert list"))
            && kiosk.type(QStringLiteral("memberIdField"), kMember)
            && kiosk.click(QStringLiteral("concert_1"))
            && kiosk.click(QStringLiteral("joinQueueButton"))
            && kiosk.waitForScreen(KioskController::SeatsScreen)
            && kiosk.waitFor(
                [&]() {
                    auto *seats =
                        qobject_cast<SeatMapModel *>(kiosk.object(QStringLiteral("seatMapModel")));
                    return seats && seats->count() == 50 && kiosk.item(QStringLiteral("seat_1"));
                },
                QStringLiteral("50 seats on the map"));
    }

    static QList<int> selection(KioskDriver &kiosk)
    {
        auto *seats = qobject_cast<SeatMapModel *>(kiosk.object(QStringLiteral("seatMapModel")));
        return seats ? seats->selectedSeats() : QList<int>{-1};
    }

private Q_SLOTS:
    void customerBuysTwoSeats_data() { addSizes(); }
    void customerBuysTwoSeats()
    {
        QFETCH(QSize, size);
        FakeBackend backend;
        backend.queueAhead = 3;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), size, shots(QStringLiteral("flow"), size));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));

        QVERIFY2(kiosk.waitFor([&]() { return kiosk.item(QStringLiteral("concert_2")); },
                               QStringLiteral("concerts")),
                 qPrintable(kiosk.lastError()));
        kiosk.screenshot(QStringLiteral("start"));
        QVERIFY(kiosk.click(QStringLiteral("newCustomerButton")));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.item(QStringLiteral("newMemberHint")); },
                              QStringLiteral("new member hint")));
        const QString memberId =
            kiosk.item(QStringLiteral("memberIdField"))->property("text").toString();
        QVERIFY(QUuid::fromString(memberId).version() == QUuid::Random);
        QVERIFY(kiosk.click(QStringLiteral("concert_1")));
        kiosk.screenshot(QStringLiteral("start-filled"));
        QVERIFY(kiosk.click(QStringLiteral("joinQueueButton")));

        QVERIFY2(kiosk.waitForScreen(KioskController::QueueScreen), qPrintable(kiosk.lastError()));
        QVERIFY2(kiosk.waitFor([&]() { return kiosk.queue()->position() >= 2; },
                               QStringLiteral("a waiting position")),
                 qPrintable(kiosk.lastError()));
        kiosk.screenshot(QStringLiteral("queue"));
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen), qPrintable(kiosk.lastError()));

        const QDate date = backend.dates(1).constFirst();
        backend.setSeatStatus(1, date, 10, QStringLiteral("SOLD"));
        backend.setSeatStatus(1, date, 11, QStringLiteral("HELD"));
        auto *seats = qobject_cast<SeatMapModel *>(kiosk.object(QStringLiteral("seatMapModel")));
        QVERIFY(seats);
        seats->refresh();
        QVERIFY2(kiosk.waitFor([&]() { return seats->availableCount() == 48; },
                               QStringLiteral("seats 10 and 11 taken")),
                 qPrintable(kiosk.lastError()));
        kiosk.screenshot(QStringLiteral("seats"));

        QVERIFY(kiosk.click(QStringLiteral("seat_23")));
        QVERIFY(kiosk.click(QStringLiteral("seat_24")));
        QVERIFY(!kiosk.item(QStringLiteral("seat_10"))->isEnabled()); // sold
        QVERIFY(!kiosk.item(QStringLiteral("seat_11"))->isEnabled()); // held
        QCOMPARE(selection(kiosk), (QList<int>{23, 24}));
        kiosk.screenshot(QStringLiteral("seats-selected"));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));

        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QVERIFY(
            kiosk.waitFor([&]() { return kiosk.wallet()->known(); }, QStringLiteral("balance")));
        QCOMPARE(kiosk.checkout()->amount(), 100000);
        kiosk.screenshot(QStringLiteral("checkout"));

        QVERIFY(kiosk.click(QStringLiteral("payButton")));
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         return kiosk.controller()->noticeCode() == ErrorCode::InsufficientBalance;
                     },
                     QStringLiteral("INSUFFICIENT_BALANCE notice")),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.item(QStringLiteral("noticeBanner")));
        kiosk.screenshot(QStringLiteral("checkout-insufficient"));

        QVERIFY(kiosk.click(QStringLiteral("charge_50000")));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.wallet()->balance() == 50000; },
                              QStringLiteral("balance 50,000")));
        QVERIFY(kiosk.type(QStringLiteral("customAmountField"), QStringLiteral("70000")));
        QVERIFY(kiosk.click(QStringLiteral("chargeCustomButton")));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.wallet()->balance() == 120000; },
                              QStringLiteral("balance 120,000")));
        QVERIFY(!kiosk.controller()->hasNotice()); // the top-up answered "not enough balance"
        kiosk.screenshot(QStringLiteral("checkout-charged"));
        QVERIFY(kiosk.click(QStringLiteral("payButton")));

        QVERIFY2(kiosk.waitForScreen(KioskController::ReceiptScreen),
                 qPrintable(kiosk.lastError()));
        kiosk.screenshot(QStringLiteral("receipt"));
        QCOMPARE(backend.balance(memberId), 20000);
        QCOMPARE(backend.seatStatus(1, date, 23), QStringLiteral("SOLD"));
        QCOMPARE(backend.seatStatus(1, date, 24), QStringLiteral("SOLD"));
        QCOMPARE(backend.tokenStatus(QStringLiteral("token-1")), QStringLiteral("EXPIRED"));
        // The payment carried the hold's Idempotency-Key, both times Pay was pressed.
        const QList<StubRequest> payments =
            backend.stub().requests("POST", QStringLiteral("/api/v1/payments"));
        QCOMPARE(payments.size(), 2);
        QVERIFY(!payments.at(0).header("idempotency-key").isEmpty());
        QCOMPARE(payments.at(0).header("idempotency-key"),
                 payments.at(1).header("idempotency-key"));

        QVERIFY(kiosk.click(QStringLiteral("receiptDoneButton")));
        QVERIFY(kiosk.waitForScreen(KioskController::StartScreen));
        QVERIFY(kiosk.waitFor(
            [&]() {
                auto *field = kiosk.item(QStringLiteral("memberIdField"));
                return field && field->property("text").toString().isEmpty();
            },
            QStringLiteral("an empty start screen")));
    }

    void seatTakenMeanwhileSendsBackToTheMap_data() { addSizes(); }
    void seatTakenMeanwhileSendsBackToTheMap()
    {
        QFETCH(QSize, size);
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), size, shots(QStringLiteral("seat-taken"), size));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        auto *seats = qobject_cast<SeatMapModel *>(kiosk.object(QStringLiteral("seatMapModel")));
        seats->setRefreshIntervalMs(3600 * 1000); // only the 409 may reveal the change

        QVERIFY(kiosk.click(QStringLiteral("seat_5")));
        QVERIFY(kiosk.click(QStringLiteral("seat_6")));
        backend.setSeatStatus(1, backend.dates(1).constFirst(), 6, QStringLiteral("HELD"));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));

        QVERIFY2(
            kiosk.waitFor(
                [&]() { return kiosk.controller()->noticeCode() == ErrorCode::SeatUnavailable; },
                QStringLiteral("SEAT_UNAVAILABLE notice")),
            qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.controller()->screen(), KioskController::SeatsScreen);
        QVERIFY2(kiosk.waitFor([&]() { return selection(kiosk) == QList<int>{5}; },
                               QStringLiteral("seat 6 out of the selection")),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.controller()->noticeText().contains(QStringLiteral("Seat 6")));
        QCOMPARE(kiosk.item(QStringLiteral("seat_6"))->property("stateName").toString(),
                 QStringLiteral("held"));
        kiosk.screenshot(QStringLiteral("seat-taken"));

        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.checkout()->seatNumbers(), QList<int>{5});
        QVERIFY(!kiosk.controller()->hasNotice());
    }

    void expiredHoldSendsBackToTheMap_data() { addSizes(); }
    void expiredHoldSendsBackToTheMap()
    {
        QFETCH(QSize, size);
        FakeBackend backend;
        backend.holdSeconds = 2;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), size, shots(QStringLiteral("hold-expired"), size));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.click(QStringLiteral("seat_42")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.checkout()->secondsLeft() <= 2);
        kiosk.screenshot(QStringLiteral("checkout-countdown"));

        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen, 10000),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.controller()->noticeCode() == ErrorCode::HoldExpired);
        QVERIFY(kiosk.waitFor(
            [&]() {
                auto *seat = kiosk.item(QStringLiteral("seat_42"));
                return seat && seat->property("stateName").toString() == QLatin1String("available");
            },
            QStringLiteral("seat 42 free again")));
        kiosk.screenshot(QStringLiteral("hold-expired"));
    }

    void expiredTokenSendsBackToTheQueue()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), QSize(1280, 800),
                          shots(QStringLiteral("token-expired"), QSize(1280, 800)));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        const QString oldToken = kiosk.queue()->token();
        backend.expireToken(oldToken);
        backend.queueAhead = 2;
        QVERIFY(kiosk.click(QStringLiteral("seat_1")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::QueueScreen), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.controller()->noticeCode() == ErrorCode::TokenExpired);
        kiosk.screenshot(QStringLiteral("token-expired"));
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.queue()->token() != oldToken);
    }

    void unreachableServerShowsARetryingNotice()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), QSize(1280, 800),
                          shots(QStringLiteral("unreachable"), QSize(1280, 800)));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        kiosk.client()->setRetryIntervalMs(200);
        backend.stub().stop();
        QVERIFY(kiosk.click(QStringLiteral("seat_7")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(
            kiosk.waitFor(
                [&]() { return kiosk.controller()->noticeKind() == KioskError::RetryingNotice; },
                QStringLiteral("a retrying notice")),
            qPrintable(kiosk.lastError()));
        QVERIFY(!kiosk.client()->reachable());
        QVERIFY(kiosk.item(QStringLiteral("retryingIndicator")));
        QVERIFY(!kiosk.item(QStringLiteral("bannerDismissButton")));
        kiosk.screenshot(QStringLiteral("unreachable"));

        QVERIFY(backend.start());
        QVERIFY2(kiosk.waitFor([&]() { return !kiosk.controller()->hasNotice(); },
                               QStringLiteral("the notice to go away")),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.client()->reachable());
        QCOMPARE(selection(kiosk), QList<int>{7});
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
    }

    void selectionStopsAtFourSeats()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), QSize(1280, 800));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        for (int seat : {1, 2, 3, 4, 5})
            QVERIFY(kiosk.click(QStringLiteral("seat_%1").arg(seat)));
        QCOMPARE(selection(kiosk), (QList<int>{1, 2, 3, 4}));
        QVERIFY(kiosk.item(QStringLiteral("selectionLimitHint"))
                    ->property("text")
                    .toString()
                    .contains(QStringLiteral("up to 4")));
        QVERIFY(kiosk.click(QStringLiteral("seat_2")));
        QVERIFY(kiosk.click(QStringLiteral("seat_5")));
        QCOMPARE(selection(kiosk), (QList<int>{1, 3, 4, 5}));
    }

    void idleTimeoutReturnsToTheStart()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), QSize(1280, 800), {}, 2);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.click(QStringLiteral("seat_9")));
        QVERIFY2(kiosk.waitForScreen(KioskController::StartScreen, 6000),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.controller()->userId().isEmpty());
        QVERIFY(kiosk.queue()->token().isEmpty());
    }

    void invalidMemberNumberIsExplained()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        KioskDriver kiosk(backend.baseUrl(), QSize(1280, 800));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.type(QStringLiteral("memberIdField"), QStringLiteral("12345")));
        QVERIFY(kiosk.click(QStringLiteral("concert_1")));
        QVERIFY(!kiosk.item(QStringLiteral("joinQueueButton"))->isEnabled());
        QVERIFY(!kiosk.controller()->begin(QStringLiteral("12345"), 1, {}, {}));
        QVERIFY(kiosk.controller()->noticeCode() == ErrorCode::InvalidArgument);
        QCOMPARE(kiosk.controller()->screen(), KioskController::StartScreen);
    }
};

QTEST_MAIN(TestKioskUi)
#include "tst_kioskui.moc"
