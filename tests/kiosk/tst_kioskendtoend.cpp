// The kiosk end to end: a private MariaDB, a real concert-server, and the real kiosk UI
// in-process and offscreen, driven like a customer (clicks, typing and keys on the QML items).
// Each scenario then checks the server's state over HTTP. The whole purchase runs once in
// English (1280×800) and once in Korean (1080×1920, with keyboard and scanner input); on every
// screen the window is also rendered at the other sizes (1280×800, 1920×1080, 1080×1920) and
// checked for clipped or overlapping text, items outside the window, interactive items without
// an accessible name or under 48 px. Screenshots go to
// <build>/screenshots/kiosk-e2e/<language>/<width>x<height>/.

#include "apiclient.h"
#include "apidriver.h"
#include "checkout.h"
#include "httpclient.h"
#include "kioskdriver.h"
#include "kiosklanguage.h"
#include "mariadbinstance.h"
#include "queuesession.h"
#include "seatmapmodel.h"
#include "serverprocess.h"
#include "wallet.h"

#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

namespace {

const QByteArray kAdminKey = "kiosk-e2e-admin-key";

} // namespace

class TestKioskEndToEnd : public QObject
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
    /** A fresh database and a server on it with the demo catalogue and a fast queue. */
    bool startServer(const QStringList &extra)
    {
        m_server.reset();
        if (!m_db->resetDatabase())
            return false;
        m_server = std::make_unique<ServerProcess>();
        const QStringList args = m_db->serverArguments()
            + QStringList{QStringLiteral("--demo-data"), QStringLiteral("--queue-tick-ms"),
                          QStringLiteral("200"), QStringLiteral("--admin-key"),
                          QString::fromLatin1(kAdminKey)}
            + extra;
        if (!m_server->start(args))
            return false;
        m_http = std::make_unique<HttpClient>(m_server->baseUrl());
        m_api = std::make_unique<ApiDriver>(*m_http);
        const QJsonArray concerts = m_http->get(QStringLiteral("/api/v1/concerts"))
                                        .json.value(QLatin1String("items"))
                                        .toArray();
        if (concerts.isEmpty())
            return false;
        m_concertId = concerts.first().toObject().value(QLatin1String("id")).toInteger();
        m_concertTitle = concerts.first().toObject().value(QLatin1String("title")).toString();
        return true;
    }

    static QString shots(const QSize &size, const QString &language = QStringLiteral("en"))
    {
        return QStringLiteral(KIOSK_SCREENSHOT_ROOT "/kiosk-e2e/%1/%2x%3")
            .arg(language)
            .arg(size.width())
            .arg(size.height());
    }

    static QList<QSize> allSizes()
    {
        return {QSize(1280, 800), QSize(1920, 1080), QSize(1080, 1920)};
    }

    /**
     * Renders the current screen at every size, checks its layout and accessibility, saves a
     * screenshot per size, and returns to @p walkSize. Empty on success, else what is wrong.
     */
    QString checkScreen(KioskDriver &kiosk, const QString &language, const QSize &walkSize,
                        const QString &name)
    {
        ++m_checkNumber;
        QStringList problems;
        for (const QSize &size : allSizes()) {
            if (!kiosk.resize(size))
                return kiosk.lastError();
            if (!kiosk.item(QStringLiteral("languageButton")))
                problems << QStringLiteral("%1 at %2x%3: no language button")
                                .arg(name)
                                .arg(size.width())
                                .arg(size.height());
            QStringList found = kiosk.layoutProblems();
            if (!found.isEmpty()) {
                // Qt Quick Layouts do not redo height-for-width (wrapped text) when a screen
                // that already exists is resized in place, which a kiosk never does; lay it
                // out once more and keep only what is still wrong.
                if (!kiosk.resize(size + QSize(0, 1)) || !kiosk.resize(size))
                    return kiosk.lastError();
                found = kiosk.layoutProblems();
            }
            for (const QString &problem : std::as_const(found))
                problems << QStringLiteral("%1 at %2x%3: %4")
                                .arg(name)
                                .arg(size.width())
                                .arg(size.height())
                                .arg(problem);
            const QString dir = shots(size, language);
            QDir().mkpath(dir);
            const QString path = QDir(dir).filePath(
                QStringLiteral("%1-%2.png").arg(m_checkNumber, 2, 10, QLatin1Char('0')).arg(name));
            if (!kiosk.window()->grabWindow().save(path))
                problems << QStringLiteral("could not save %1").arg(path);
        }
        if (!kiosk.resize(walkSize))
            return kiosk.lastError();
        return problems.join(QLatin1Char('\n'));
    }

    static SeatMapModel *seatMap(KioskDriver &kiosk)
    {
        return qobject_cast<SeatMapModel *>(kiosk.object(QStringLiteral("seatMapModel")));
    }

    bool seatsLoaded(KioskDriver &kiosk)
    {
        return kiosk.waitForScreen(KioskController::SeatsScreen, 20000)
            && kiosk.waitFor(
                [&]() {
                    SeatMapModel *seats = seatMap(kiosk);
                    return seats && seats->count() == 50 && kiosk.item(QStringLiteral("seat_50"));
                },
                QStringLiteral("50 seats on the map"));
    }

    /** Start screen → queue → seat map, as @p memberId typed in by the customer. */
    bool reachSeats(KioskDriver &kiosk, const QString &memberId)
    {
        return kiosk.waitFor(
                   [&]() { return kiosk.item(QStringLiteral("concert_%1").arg(m_concertId)); },
                   QStringLiteral("the concert list"))
            && kiosk.type(QStringLiteral("memberIdField"), memberId)
            && kiosk.click(QStringLiteral("concert_%1").arg(m_concertId))
            && kiosk.click(QStringLiteral("joinQueueButton")) && seatsLoaded(kiosk);
    }

    /** Seat statuses of @p date as the server reports them to @p token's user. */
    QHash<int, QString> serverSeats(const QString &token, const QString &date)
    {
        QHash<int, QString> result;
        const HttpReply reply = m_http->get(
            QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(m_concertId).arg(date),
            HttpClient::bearer(token));
        for (const QJsonValue &seat : reply.json.value(QLatin1String("seats")).toArray())
            result.insert(seat[QLatin1String("seatNumber")].toInt(),
                          seat[QLatin1String("status")].toString());
        return result;
    }

    QString serverQueueStatus(const QString &token)
    {
        return m_api->status(token).json.value(QLatin1String("status")).toString();
    }

    /** A token in the waiting room of @p concertId (api-contract.md, "Waiting rooms"). */
    QString roomToken(const QString &userId, qint64 concertId)
    {
        return m_http
            ->post(QStringLiteral("/api/v1/queue/tokens"),
                   QJsonObject{{QStringLiteral("userId"), userId},
                               {QStringLiteral("concertId"), concertId}})
            .json.value(QLatin1String("token"))
            .toString();
    }

    /**
     * Waits (running the kiosk's event loop, no sleeps) until @p condition holds, asking the
     * server every 50 ms; false after @p timeoutMs.
     */
    static bool eventually(const std::function<bool()> &condition, int timeoutMs = 15000)
    {
        const QDeadlineTimer deadline(timeoutMs);
        while (!deadline.hasExpired()) {
            if (condition())
                return true;
            QTest::qWait(50);
        }
        return condition();
    }

    /** The room's token of @p userId, ACTIVE (the kiosk's event loop keeps running). */
    QString admittedRoomToken(const QString &userId, qint64 concertId)
    {
        const QString token = roomToken(userId, concertId);
        if (token.isEmpty()
            || !eventually([&]() { return serverQueueStatus(token) == QLatin1String("ACTIVE"); }))
            return {};
        return token;
    }

    /** Start screen → queue screen for @p concertId, as @p memberId typed in. */
    bool joinQueue(KioskDriver &kiosk, const QString &memberId, qint64 concertId)
    {
        return kiosk.waitFor(
                   [&]() { return kiosk.item(QStringLiteral("concert_%1").arg(concertId)); },
                   QStringLiteral("the concert list"))
            && kiosk.type(QStringLiteral("memberIdField"), memberId)
            && kiosk.click(QStringLiteral("concert_%1").arg(concertId))
            && kiosk.click(QStringLiteral("joinQueueButton"))
            && kiosk.waitForScreen(KioskController::QueueScreen);
    }

    /** The first bookable date of the concert, read with @p token. */
    QString firstDate(const QString &token, qint64 concertId)
    {
        return m_http
            ->get(QStringLiteral("/api/v1/concerts/%1/dates").arg(concertId),
                  HttpClient::bearer(token))
            .json.value(QLatin1String("dates"))
            .toArray()
            .first()
            .toObject()
            .value(QLatin1String("date"))
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<MariaDbInstance>();
        QVERIFY2(m_db->start(), qPrintable(m_db->errorString()));
    }

    void cleanup()
    {
        m_api.reset();
        m_http.reset();
        // How the server shuts down is its own suites' business; here it only has to go.
        if (m_server && m_server->terminate() != 0)
            qWarning("concert-server did not exit cleanly on SIGTERM");
        m_server.reset();
    }

    void cleanupTestCase() { m_db.reset(); }

    // The whole flow, from the start screen through a real wait in the queue to a receipt, in
    // English by touch and in Korean by keyboard and scanner.
    void customerQueuesChoosesSeatsAndPays_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addRow("English, landscape 1280x800") << "en" << QSize(1280, 800);
        QTest::addRow("Korean, portrait 1080x1920") << "ko" << QSize(1080, 1920);
    }
    void customerQueuesChoosesSeatsAndPays()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        const bool korean = language == QLatin1String("ko");
        m_checkNumber = 0;
        // One customer at a time, so the kiosk's customer really waits behind someone.
        QVERIFY(startServer({QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
        // The kiosk queues in the concert's own room, so the customer ahead is in it too.
        const QString firstUser = ApiDriver::newUserId();
        const QString firstToken = admittedRoomToken(firstUser, m_concertId);
        QVERIFY(!firstToken.isEmpty());

        KioskLanguage::setStartupCode(language);
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size, language));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QCOMPARE(QLocale().language(), korean ? QLocale::Korean : QLocale::English);
        QVERIFY2(kiosk.waitFor(
                     [&]() { return kiosk.item(QStringLiteral("concert_%1").arg(m_concertId)); },
                     QStringLiteral("the concert list")),
                 qPrintable(kiosk.lastError()));
        QString problems = checkScreen(kiosk, language, size, QStringLiteral("start"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        QString userId;
        if (korean) {
            // A barcode scanner types the member number and Enter into the focused field; with
            // no concert chosen yet, Enter moves on to the concert list.
            userId = ApiDriver::newUserId();
            QVERIFY(kiosk.click(QStringLiteral("memberIdField")));
            kiosk.typeText(userId);
            kiosk.key(Qt::Key_Return);
            QVERIFY2(kiosk.waitFor(
                         [&]() {
                             return kiosk.focusedItemName()
                                 == QStringLiteral("concert_%1").arg(m_concertId);
                         },
                         QStringLiteral("focus on the first concert")),
                     qPrintable(kiosk.focusedItemName()));
            kiosk.key(Qt::Key_Return); // chooses it
            // Tab goes on in reading order: the other concerts, then the join button.
            QStringList order;
            for (int i = 0; i < 12 && kiosk.focusedItemName() != QLatin1String("joinQueueButton");
                 ++i) {
                kiosk.key(Qt::Key_Tab);
                order << kiosk.focusedItemName();
            }
            QCOMPARE(kiosk.focusedItemName(), QStringLiteral("joinQueueButton"));
            for (int i = 0; i + 1 < order.size(); ++i)
                QVERIFY2(order.at(i).startsWith(QLatin1String("concert_")),
                         qPrintable(order.join(QLatin1String(", "))));
            QVERIFY(kiosk.item(QStringLiteral("joinQueueButton"))
                        ->property("text")
                        .toString()
                        .contains(QStringLiteral("대기열")));
            problems = checkScreen(kiosk, language, size, QStringLiteral("start-scanned"));
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
            kiosk.key(Qt::Key_Space);
        } else {
            QVERIFY(kiosk.click(QStringLiteral("newCustomerButton")));
            QVERIFY(kiosk.click(QStringLiteral("concert_%1").arg(m_concertId)));
            userId = kiosk.item(QStringLiteral("memberIdField"))->property("text").toString();
            QVERIFY(QUuid::fromString(userId).version() == QUuid::Random);
            problems = checkScreen(kiosk, language, size, QStringLiteral("start-new-customer"));
            QVERIFY2(problems.isEmpty(), qPrintable(problems));
            QVERIFY(kiosk.click(QStringLiteral("joinQueueButton")));
        }

        QVERIFY2(kiosk.waitForScreen(KioskController::QueueScreen), qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.controller()->userId(), userId);
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         return kiosk.queue()->state() == QueueSession::Waiting
                             && kiosk.queue()->position() == 1;
                     },
                     QStringLiteral("place 1 in the queue")),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.item(QStringLiteral("queuePosition"))->property("text").toString(),
                 QStringLiteral("1"));
        problems = checkScreen(kiosk, language, size, QStringLiteral("queue"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        const QString kioskToken = kiosk.queue()->token();
        QCOMPARE(serverQueueStatus(kioskToken), QStringLiteral("WAITING"));

        // The customer ahead buys seat 10 of the first date; their payment ends their turn.
        const QString date = m_http
                                 ->get(QStringLiteral("/api/v1/concerts/%1/dates").arg(m_concertId),
                                       HttpClient::bearer(firstToken))
                                 .json.value(QLatin1String("dates"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QLatin1String("date"))
                                 .toString();
        QVERIFY(!date.isEmpty());
        QCOMPARE(m_api->charge(firstUser, 500000).status, 200);
        const HttpReply firstHold = m_api->hold(firstToken, m_concertId, date, {10});
        QCOMPARE(firstHold.status, 201);
        QCOMPARE(
            m_api->pay(firstToken, firstHold.json.value(QLatin1String("reservationId")).toInteger())
                .status,
            201);

        QVERIFY2(seatsLoaded(kiosk), qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.controller()->date(), date);
        QVERIFY(!kiosk.item(QStringLiteral("seat_10"))->isEnabled());
        QCOMPARE(kiosk.item(QStringLiteral("seat_10"))->property("stateName").toString(),
                 QStringLiteral("sold"));
        problems = checkScreen(kiosk, language, size, QStringLiteral("seats"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        QVERIFY(kiosk.click(QStringLiteral("seat_1")));
        QVERIFY(kiosk.click(QStringLiteral("seat_2")));
        QCOMPARE(seatMap(kiosk)->selectedSeats(), (QList<int>{1, 2}));

        // Switching language on the seat screen keeps the screen, the token and the selection.
        const QString holdText =
            kiosk.item(QStringLiteral("holdSeatsButton"))->property("text").toString();
        QVERIFY(kiosk.click(QStringLiteral("languageButton")));
        QVERIFY(kiosk.waitFor(
            [&]() {
                return kiosk.item(QStringLiteral("holdSeatsButton"))->property("text").toString()
                    != holdText;
            },
            QStringLiteral("the hold button in the other language")));
        QCOMPARE(QLocale().language(), korean ? QLocale::English : QLocale::Korean);
        QCOMPARE(kiosk.controller()->screen(), KioskController::SeatsScreen);
        QCOMPARE(kiosk.queue()->token(), kioskToken);
        QCOMPARE(seatMap(kiosk)->selectedSeats(), (QList<int>{1, 2}));
        problems = checkScreen(kiosk, korean ? QStringLiteral("en") : QStringLiteral("ko"), size,
                               QStringLiteral("seats-selected-switched"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY(kiosk.click(QStringLiteral("languageButton")));
        QVERIFY(kiosk.waitFor(
            [&]() {
                return kiosk.item(QStringLiteral("holdSeatsButton"))->property("text").toString()
                    == holdText;
            },
            QStringLiteral("the hold button back in the first language")));
        QCOMPARE(seatMap(kiosk)->selectedSeats(), (QList<int>{1, 2}));
        problems = checkScreen(kiosk, language, size, QStringLiteral("seats-selected"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));

        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.wallet()->known(); },
                              QStringLiteral("the balance")));
        const qint64 amount = kiosk.checkout()->amount();
        const qint64 reservationId = kiosk.checkout()->reservationId();
        QVERIFY(amount > 0);
        QVERIFY(kiosk.checkout()->secondsLeft() > 60);
        problems = checkScreen(kiosk, language, size, QStringLiteral("checkout"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // Switching language with seats held keeps the hold.
        QVERIFY(kiosk.click(QStringLiteral("languageButton")));
        QVERIFY(kiosk.waitFor(
            [&]() { return QLocale().language() == (korean ? QLocale::English : QLocale::Korean); },
            QStringLiteral("the other language")));
        QCOMPARE(kiosk.controller()->screen(), KioskController::CheckoutScreen);
        QCOMPARE(kiosk.checkout()->state(), Checkout::Held);
        QCOMPARE(kiosk.checkout()->reservationId(), reservationId);
        QCOMPARE(serverSeats(kioskToken, date).value(1), QStringLiteral("HELD"));
        QVERIFY(kiosk.click(QStringLiteral("languageButton")));
        QVERIFY(kiosk.waitFor(
            [&]() { return QLocale().language() == (korean ? QLocale::Korean : QLocale::English); },
            QStringLiteral("the first language again")));

        QVERIFY(kiosk.click(QStringLiteral("payButton")));
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         return kiosk.controller()->noticeCode() == ErrorCode::InsufficientBalance;
                     },
                     QStringLiteral("the INSUFFICIENT_BALANCE notice")),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.controller()->screen(), KioskController::CheckoutScreen);
        QCOMPARE(kiosk.controller()->noticeTitle(),
                 korean ? QStringLiteral("잔액이 부족합니다")
                        : QStringLiteral("Not enough balance"));
        problems =
            checkScreen(kiosk, language, size, QStringLiteral("checkout-insufficient-balance"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        QVERIFY(kiosk.click(QStringLiteral("charge_100000")));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.wallet()->balance() == 100000; },
                              QStringLiteral("a balance of 100,000")));
        const qint64 rest = amount - 100000 + 5000;
        QVERIFY(kiosk.type(QStringLiteral("customAmountField"), QString::number(rest)));
        if (korean)
            kiosk.key(Qt::Key_Return); // Enter in the amount field adds it
        else
            QVERIFY(kiosk.click(QStringLiteral("chargeCustomButton")));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.wallet()->balance() == amount + 5000; },
                              QStringLiteral("the balance to cover the seats")));
        QVERIFY(!kiosk.controller()->hasNotice());
        problems = checkScreen(kiosk, language, size, QStringLiteral("checkout-charged"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));
        QVERIFY(kiosk.click(QStringLiteral("payButton")));

        QVERIFY2(kiosk.waitForScreen(KioskController::ReceiptScreen),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.checkout()->seatNumbers(), (QList<int>{1, 2}));
        // The ticket as a QR code with its code under it: the server's ticketCode (as the box
        // office sees the customer's newest reservation).
        const QJsonObject booked = m_http
                                       ->get(QStringLiteral("/api/v1/admin/users/%1").arg(userId),
                                             {{QByteArrayLiteral("X-Admin-Key"), kAdminKey}})
                                       .json.value(QLatin1String("reservations"))
                                       .toArray()
                                       .first()
                                       .toObject();
        QCOMPARE(booked.value(QLatin1String("reservationId")).toInteger(), reservationId);
        const QString ticketCode = booked.value(QLatin1String("ticketCode")).toString();
        QVERIFY(!ticketCode.isEmpty());
        QVERIFY(kiosk.waitFor([&]() { return kiosk.item(QStringLiteral("ticketQrCode")); },
                              QStringLiteral("the ticket's QR code")));
        QQuickItem *qr = kiosk.item(QStringLiteral("ticketQrCode"));
        QCOMPARE(qr->property("text").toString(), ticketCode);
        QVERIFY(qr->property("moduleCount").toInt() >= 21);
        QVERIFY(qr->width() >= 100 && qr->height() >= 100);
        QImage qrImage;
        QVERIFY(
            QMetaObject::invokeMethod(qr, "image", Q_RETURN_ARG(QImage, qrImage), Q_ARG(int, 4)));
        QVERIFY(!qrImage.isNull());
        QVERIFY(qrImage.width() >= (21 + 8) * 4);
        int dark = 0;
        for (int y = 0; y < qrImage.height(); ++y)
            for (int x = 0; x < qrImage.width(); ++x)
                dark += qGray(qrImage.pixel(x, y)) < 128;
        QVERIFY(dark > qrImage.width() * qrImage.height() / 10); // a symbol, not a blank
        // What is on screen: the window's pixels where the code is drawn hold dark modules.
        const QImage shown = kiosk.window()->grabWindow().copy(
            qr->mapRectToScene(QRectF(0, 0, qr->width(), qr->height())).toRect());
        int shownDark = 0;
        for (int y = 0; y < shown.height(); ++y)
            for (int x = 0; x < shown.width(); ++x)
                shownDark += qGray(shown.pixel(x, y)) < 128;
        QVERIFY(shownDark > shown.width() * shown.height() / 10);
        QCOMPARE(kiosk.item(QStringLiteral("ticketCodeText"))->property("text").toString(),
                 ticketCode);
        problems = checkScreen(kiosk, language, size, QStringLiteral("receipt"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // What the server says now.
        QCOMPARE(m_api->balance(userId), 5000);
        QCOMPARE(serverQueueStatus(kioskToken), QStringLiteral("EXPIRED"));
        const QString checker = m_api->admittedToken(ApiDriver::newUserId());
        QVERIFY(!checker.isEmpty());
        const QHash<int, QString> seats = serverSeats(checker, date);
        QCOMPARE(seats.value(1), QStringLiteral("SOLD"));
        QCOMPARE(seats.value(2), QStringLiteral("SOLD"));
        QCOMPARE(seats.value(3), QStringLiteral("AVAILABLE"));

        QVERIFY(kiosk.click(QStringLiteral("receiptDoneButton")));
        QVERIFY(kiosk.waitForScreen(KioskController::StartScreen));
        QVERIFY(kiosk.waitFor(
            [&]() {
                QQuickItem *field = kiosk.item(QStringLiteral("memberIdField"));
                return field && field->property("text").toString().isEmpty();
            },
            QStringLiteral("a fresh start screen")));
        KioskLanguage::setStartupCode(QStringLiteral("en"));
    }

    // Someone else takes a selected seat before the customer holds it.
    void seatTakenMeanwhile()
    {
        const QSize size(1920, 1080);
        QVERIFY(startServer({}));
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setNextScreenshotNumber(11);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        const QString userId = ApiDriver::newUserId();
        QVERIFY2(reachSeats(kiosk, userId), qPrintable(kiosk.lastError()));
        // Only the refused hold may reveal the change, not a periodic reload in between.
        seatMap(kiosk)->setRefreshIntervalMs(3600 * 1000);

        QVERIFY(kiosk.click(QStringLiteral("seat_5")));
        QVERIFY(kiosk.click(QStringLiteral("seat_6")));
        kiosk.screenshot(QStringLiteral("seats-selected"));
        const QString date = kiosk.controller()->date();
        const QString otherToken = m_api->admittedToken(ApiDriver::newUserId());
        QVERIFY(!otherToken.isEmpty());
        QCOMPARE(m_api->hold(otherToken, m_concertId, date, {6}).status, 201);

        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(
            kiosk.waitFor(
                [&]() { return kiosk.controller()->noticeCode() == ErrorCode::SeatUnavailable; },
                QStringLiteral("the SEAT_UNAVAILABLE notice")),
            qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.controller()->screen(), KioskController::SeatsScreen);
        QVERIFY2(kiosk.waitFor([&]() { return seatMap(kiosk)->selectedSeats() == QList<int>{5}; },
                               QStringLiteral("seat 6 to leave the selection")),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.item(QStringLiteral("seat_6"))->property("stateName").toString(),
                 QStringLiteral("held"));
        QVERIFY(kiosk.item(QStringLiteral("noticeBanner")));
        kiosk.screenshot(QStringLiteral("seat-taken"));

        // The way forward: hold what is left.
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.checkout()->seatNumbers(), QList<int>{5});
        const QHash<int, QString> seats = serverSeats(otherToken, date);
        QCOMPARE(seats.value(5), QStringLiteral("HELD"));
        QCOMPARE(seats.value(6), QStringLiteral("HELD"));
    }

    // The customer does not pay in time: the hold ends and the map is offered again.
    void holdExpiresBeforePayment()
    {
        const QSize size(800, 1280); // the smallest portrait screen
        QVERIFY(startServer({QStringLiteral("--hold-ttl-seconds"), QStringLiteral("3")}));
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setNextScreenshotNumber(21);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk, ApiDriver::newUserId()), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.click(QStringLiteral("seat_20")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        const QString token = kiosk.queue()->token();
        const QString date = kiosk.checkout()->date();
        QVERIFY(kiosk.checkout()->secondsLeft() <= 3);
        kiosk.screenshot(QStringLiteral("checkout-countdown"));

        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen, 20000),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.controller()->noticeCode() == ErrorCode::HoldExpired);
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         QQuickItem *seat = kiosk.item(QStringLiteral("seat_20"));
                         return seat
                             && seat->property("stateName").toString()
                             == QLatin1String("available");
                     },
                     QStringLiteral("seat 20 free on the map")),
                 qPrintable(kiosk.lastError()));
        kiosk.screenshot(QStringLiteral("hold-expired"));
        QCOMPARE(serverSeats(token, date).value(20), QStringLiteral("AVAILABLE"));
    }

    // "Leave the queue" while waiting gives the place back: the token is EXPIRED (LEFT) on the
    // server at once and the customer behind moves up.
    void leavingTheQueueFreesThePlace()
    {
        const QSize size(1280, 800);
        QVERIFY(startServer({QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
        const QString ahead = admittedRoomToken(ApiDriver::newUserId(), m_concertId);
        QVERIFY(!ahead.isEmpty());
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setNextScreenshotNumber(31);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(joinQueue(kiosk, ApiDriver::newUserId(), m_concertId),
                 qPrintable(kiosk.lastError()));
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         return kiosk.queue()->state() == QueueSession::Waiting
                             && kiosk.queue()->position() == 1;
                     },
                     QStringLiteral("place 1")),
                 qPrintable(kiosk.lastError()));
        const QString kioskToken = kiosk.queue()->token();
        QCOMPARE(kiosk.queue()->roomConcertId(), m_concertId);
        QCOMPARE(m_api->status(kioskToken).json.value(QLatin1String("concertId")).toInteger(),
                 m_concertId);
        const QString behind = roomToken(ApiDriver::newUserId(), m_concertId);
        QVERIFY(eventually([&]() {
            return m_api->status(behind).json.value(QLatin1String("position")).toInt() == 2;
        }));

        QVERIFY(kiosk.click(QStringLiteral("leaveQueueButton")));
        QVERIFY(kiosk.waitForScreen(KioskController::StartScreen));
        QVERIFY2(eventually([&]() { return serverQueueStatus(kioskToken) == "EXPIRED"; }),
                 "the kiosk's place was not given back");
        QCOMPARE(m_api->status(kioskToken).json.value(QLatin1String("reason")).toString(),
                 QStringLiteral("LEFT"));
        QVERIFY(eventually([&]() {
            return m_api->status(behind).json.value(QLatin1String("position")).toInt() == 1;
        }));
    }

    // "Start over" and the idle timeout with an ACTIVE token give the place to the next in
    // line, and the seats held go back at once.
    void startOverAndIdleTimeoutFreeThePlace_data()
    {
        QTest::addColumn<bool>("idle");
        QTest::addRow("start over") << false;
        QTest::addRow("idle timeout") << true;
    }
    void startOverAndIdleTimeoutFreeThePlace()
    {
        QFETCH(bool, idle);
        const QSize size(1280, 800);
        QVERIFY(startServer({QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size), idle ? 4 : 120);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk, ApiDriver::newUserId()), qPrintable(kiosk.lastError()));
        const QString kioskToken = kiosk.queue()->token();
        const QString date = kiosk.controller()->date();
        QVERIFY(kiosk.click(QStringLiteral("seat_9")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(serverSeats(kioskToken, date).value(9), QStringLiteral("HELD"));
        // Someone waits behind the kiosk's customer (capacity 1).
        const QString next = roomToken(ApiDriver::newUserId(), m_concertId);
        QCOMPARE(serverQueueStatus(next), QStringLiteral("WAITING"));

        if (idle) {
            QVERIFY2(kiosk.waitForScreen(KioskController::StartScreen, 15000),
                     qPrintable(kiosk.lastError()));
        } else {
            QVERIFY(kiosk.click(QStringLiteral("startOverButton")));
            QVERIFY(kiosk.waitForScreen(KioskController::StartScreen));
        }
        QVERIFY2(eventually([&]() { return serverQueueStatus(kioskToken) == "EXPIRED"; }),
                 "the kiosk's place was not given back");
        QCOMPARE(m_api->status(kioskToken).json.value(QLatin1String("reason")).toString(),
                 QStringLiteral("LEFT"));
        QVERIFY2(eventually([&]() { return serverQueueStatus(next) == "ACTIVE"; }),
                 "the next in line was not admitted");
        QCOMPARE(serverSeats(next, date).value(9), QStringLiteral("AVAILABLE"));
    }

    // "Change seats" on the checkout gives the held seats back at once.
    void givingSeatsBackReleasesThem()
    {
        const QSize size(1920, 1080);
        QVERIFY(startServer({}));
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setNextScreenshotNumber(41);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk, ApiDriver::newUserId()), qPrintable(kiosk.lastError()));
        const QString token = kiosk.queue()->token();
        const QString date = kiosk.controller()->date();
        QVERIFY(kiosk.click(QStringLiteral("seat_7")));
        QVERIFY(kiosk.click(QStringLiteral("seat_8")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        const qint64 reservationId = kiosk.checkout()->reservationId();
        QCOMPARE(serverSeats(token, date).value(7), QStringLiteral("HELD"));
        kiosk.screenshot(QStringLiteral("checkout-change-seats"));

        QVERIFY(kiosk.click(QStringLiteral("changeSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen), qPrintable(kiosk.lastError()));
        QVERIFY2(eventually([&]() {
                     const QHash<int, QString> seats = serverSeats(token, date);
                     return seats.value(7) == QLatin1String("AVAILABLE")
                         && seats.value(8) == QLatin1String("AVAILABLE");
                 }),
                 "the held seats were not given back");
        const HttpReply reservation =
            m_http->get(QStringLiteral("/api/v1/reservations/%1").arg(reservationId),
                        HttpClient::bearer(token));
        QCOMPARE(reservation.json.value(QLatin1String("status")).toString(),
                 QStringLiteral("RELEASED"));
        QCOMPARE(serverQueueStatus(token), QStringLiteral("ACTIVE")); // still their turn
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         QQuickItem *seat = kiosk.item(QStringLiteral("seat_7"));
                         return seat
                             && seat->property("stateName").toString()
                             == QLatin1String("available");
                     },
                     QStringLiteral("seat 7 free on the map")),
                 qPrintable(kiosk.lastError()));
        // The customer can hold again at once.
        QVERIFY(kiosk.click(QStringLiteral("seat_8")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.checkout()->seatNumbers(), QList<int>{8});
    }

    // A sale with an opening time: the kiosk joins the concert's room before it opens and
    // shows the pre-queue (a countdown; the place is drawn at opening), then gets a place and
    // its turn once the sale opens.
    void prequeueBeforeTheSaleOpens_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        QTest::addRow("Korean, portrait 1080x1920") << "ko" << QSize(1080, 1920);
        QTest::addRow("Korean, landscape 1920x1080") << "ko" << QSize(1920, 1080);
    }
    void prequeueBeforeTheSaleOpens()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        QVERIFY(startServer({}));
        const HttpReply created = m_api->createConcert(
            kAdminKey, {QDate::currentDate().addDays(30).toString(Qt::ISODate)}, 70000,
            QStringLiteral("Opening Night"));
        QCOMPARE(created.status, 201);
        const qint64 concertId = created.json.value(QLatin1String("id")).toInteger();
        QDateTime now = QDateTime::currentDateTimeUtc();
        now.setTime(QTime(now.time().hour(), now.time().minute(), now.time().second()));
        const QDateTime opensAt = now.addSecs(25);
        const HttpReply patched = m_http->send(
            "PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concertId),
            QJsonDocument(
                QJsonObject{{QStringLiteral("saleOpensAt"), opensAt.toString(Qt::ISODate)}})
                .toJson(QJsonDocument::Compact),
            {{QByteArrayLiteral("X-Admin-Key"), kAdminKey},
             {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
        QCOMPARE(patched.status, 200);

        m_checkNumber = 50; // screenshots 51-...
        KioskLanguage::setStartupCode(language);
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size, language));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(joinQueue(kiosk, ApiDriver::newUserId(), concertId),
                 qPrintable(kiosk.lastError()));
        QVERIFY2(kiosk.waitFor(
                     [&]() {
                         return kiosk.queue()->prequeue() && kiosk.queue()->secondsUntilSale() > 8;
                     },
                     QStringLiteral("the pre-queue")),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.queue()->roomConcertId(), concertId);
        QCOMPARE(kiosk.queue()->saleOpensAt(), opensAt);
        QVERIFY(kiosk.queue()->secondsUntilSale() <= 25);
        QQuickItem *countdown = kiosk.item(QStringLiteral("saleOpensCountdown"));
        QVERIFY(countdown);
        QVERIFY2(countdown->property("text").toString().contains(QStringLiteral("0:")),
                 qPrintable(countdown->property("text").toString()));
        const QJsonObject status = m_api->status(kiosk.queue()->token()).json;
        QVERIFY(status.value(QLatin1String("position")).isNull());
        const QString problems = checkScreen(kiosk, language, size, QStringLiteral("prequeue"));
        QVERIFY2(problems.isEmpty(), qPrintable(problems));

        // At the opening the draw gives the kiosk's customer place 1 of 1: their turn.
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen, 30000),
                 qPrintable(kiosk.lastError()));
        QVERIFY(!kiosk.queue()->prequeue());
        QVERIFY(QDateTime::currentDateTimeUtc() >= opensAt.addMSecs(-1000));
        KioskLanguage::setStartupCode(QStringLiteral("en"));
    }

    // The push stream carries the status: with polling out of the picture (no poll after the
    // stream went live) the kiosk sees its place change and its turn come.
    void pushUpdatesArriveWithoutPolling()
    {
        const QSize size(1280, 800);
        QVERIFY(startServer({QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
        const QString firstUser = ApiDriver::newUserId();
        const QString first = admittedRoomToken(firstUser, m_concertId);
        QVERIFY(!first.isEmpty());
        const QString second = roomToken(ApiDriver::newUserId(), m_concertId);
        QCOMPARE(serverQueueStatus(second), QStringLiteral("WAITING"));
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(joinQueue(kiosk, ApiDriver::newUserId(), m_concertId),
                 qPrintable(kiosk.lastError()));
        QVERIFY2(kiosk.waitFor(
                     [&]() { return kiosk.queue()->pushLive() && kiosk.queue()->position() == 2; },
                     QStringLiteral("a live stream at place 2")),
                 qPrintable(kiosk.lastError()));
        const int polls = kiosk.queue()->statusPolls();
        const int pushed = kiosk.queue()->pushUpdates();

        // The one ahead leaves: place 1 arrives by push.
        QCOMPARE(m_http
                     ->send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                            HttpClient::bearer(second))
                     .status,
                 204);
        QVERIFY2(kiosk.waitFor([&]() { return kiosk.queue()->position() == 1; },
                               QStringLiteral("place 1 by push")),
                 qPrintable(kiosk.lastError()));
        // The active customer pays... here: leaves; the kiosk's turn arrives by push.
        QCOMPARE(m_http
                     ->send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                            HttpClient::bearer(first))
                     .status,
                 204);
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen, 15000),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(kiosk.queue()->statusPolls(), polls);
        QVERIFY(kiosk.queue()->pushUpdates() >= pushed + 2);
    }

    // With push switched off the kiosk still follows the queue, by polling.
    void pollingWhenPushIsOff()
    {
        const QSize size(1280, 800);
        QVERIFY(startServer({QStringLiteral("--queue-capacity"), QStringLiteral("1")}));
        const QString first = admittedRoomToken(ApiDriver::newUserId(), m_concertId);
        QVERIFY(!first.isEmpty());
        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setInitialProperty(QStringLiteral("pushEnabled"), false);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(joinQueue(kiosk, ApiDriver::newUserId(), m_concertId),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.waitFor([&]() { return kiosk.queue()->position() == 1; },
                              QStringLiteral("place 1")));
        QCOMPARE(m_http
                     ->send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), {},
                            HttpClient::bearer(first))
                     .status,
                 204);
        QVERIFY2(kiosk.waitForScreen(KioskController::SeatsScreen, 15000),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.queue()->statusPolls() > 0);
        QCOMPARE(kiosk.queue()->pushUpdates(), 0);
    }

    // A server that takes top-ups only with a key (--charges key): the kiosk's --api-key
    // (a TERMINAL key) makes its top-up count.
    void topUpWithAnApiKey()
    {
        const QSize size(1280, 800);
        QVERIFY(startServer({QStringLiteral("--charges"), QStringLiteral("key")}));
        const HttpReply key =
            m_http->post(QStringLiteral("/api/v1/admin/api-keys"),
                         QJsonObject{{QStringLiteral("name"), QStringLiteral("lobby-kiosk-1")},
                                     {QStringLiteral("role"), QStringLiteral("TERMINAL")}},
                         {{QByteArrayLiteral("X-Admin-Key"), kAdminKey}});
        QCOMPARE(key.status, 201);
        const QString terminalKey = key.json.value(QLatin1String("key")).toString();
        QVERIFY(!terminalKey.isEmpty());
        const QString userId = ApiDriver::newUserId();
        QCOMPARE(m_api->charge(userId, 1000).status, 401); // without a key: refused

        KioskDriver kiosk(m_server->baseUrl(), size, shots(size));
        kiosk.setInitialProperty(QStringLiteral("apiKey"), terminalKey);
        QVERIFY2(kiosk.load(), qPrintable(kiosk.lastError()));
        QVERIFY2(reachSeats(kiosk, userId), qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.click(QStringLiteral("seat_3")));
        QVERIFY(kiosk.click(QStringLiteral("holdSeatsButton")));
        QVERIFY2(kiosk.waitForScreen(KioskController::CheckoutScreen),
                 qPrintable(kiosk.lastError()));
        QVERIFY(kiosk.click(QStringLiteral("charge_100000")));
        QVERIFY2(kiosk.waitFor([&]() { return kiosk.wallet()->balance() == 100000; },
                               QStringLiteral("a balance of 100,000")),
                 qPrintable(kiosk.lastError()));
        QCOMPARE(m_api->balance(userId), 100000);
        QVERIFY(!kiosk.controller()->hasNotice());
    }

private:
    std::unique_ptr<MariaDbInstance> m_db;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ApiDriver> m_api;
    qint64 m_concertId = 0;
    QString m_concertTitle;
    int m_checkNumber = 0;
};

QTEST_MAIN(TestKioskEndToEnd)
#include "tst_kioskendtoend.moc"
