// concert-boxoffice end to end: a private MariaDB, a real concert-server, and the real main
// window offscreen, driven like staff (typing, clicks, Ctrl+N). In order: sign in with the
// bootstrap key, a walk-in sale (new customer, cash top-up, seats on the kiosk's QML seat map,
// hold, payment, ticket code), the sale in Sales, a refund in Customers, a concert set up with a
// sale opening time, a pause of its queue, and a door check-in (green, then amber). Each step
// checks the server over HTTP. A step whose route the server lacks is skipped with the route's
// name. Every area is saved as PNG at 1280×800 and 1920×1080 in
// <build>/screenshots/boxoffice/<width>x<height>/NN-<area>[-<state>].png.

#include "apidriver.h"
#include "concertspage.h"
#include "customerspage.h"
#include "datepricetablemodel.h"
#include "doorpage.h"
#include "httpclient.h"
#include "mainwindow.h"
#include "mariadbinstance.h"
#include "queuepage.h"
#include "queueroomtablemodel.h"
#include "reservationtablemodel.h"
#include "salespage.h"
#include "salestablemodel.h"
#include "seatmapmodel.h"
#include "seatmapwidget.h"
#include "sellpage.h"
#include "serverprocess.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QQuickItem>
#include <QQuickWidget>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest>

#include <memory>

namespace {

const QString kAdminKey = QStringLiteral("boxoffice-e2e-admin-key");

} // namespace

class TestBoxOfficeEndToEnd : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR"))
            qputenv("XDG_RUNTIME_DIR", QDir::tempPath().toLocal8Bit());
        QStandardPaths::setTestModeEnabled(true); // QSettings away from the real ones
    }

private:
    HttpHeaders admin() const { return {{"X-Admin-Key", kAdminKey.toUtf8()}}; }

    /** Whether the server has @p method @p path (a 404 "no such route" means it does not). */
    bool hasRoute(const QByteArray &method, const QString &path, const QByteArray &body = {})
    {
        const HttpReply reply = m_http->send(method, path, body, admin());
        return !(reply.status == 404
                 && reply.json.value(QLatin1String("error"))
                        .toObject()
                        .value(QLatin1String("message"))
                        .toString()
                        .contains(QLatin1String("route")));
    }

    template<typename T>
    T *find(const QString &name)
    {
        T *child = m_window->findChild<T *>(name);
        if (!child)
            qWarning("no %s named %s", T::staticMetaObject.className(), qPrintable(name));
        return child;
    }

    bool click(const QString &name)
    {
        auto *button = find<QPushButton>(name);
        if (!button || !button->isEnabled() || !button->isVisible()) {
            qWarning("cannot click %s", qPrintable(name));
            return false;
        }
        QTest::mouseClick(button, Qt::LeftButton);
        return true;
    }

    bool type(const QString &name, const QString &text)
    {
        auto *field = find<QLineEdit>(name);
        if (!field)
            return false;
        field->setFocus();
        field->selectAll();
        QTest::keyClick(field, Qt::Key_Backspace);
        QTest::keyClicks(field, text);
        return field->text() == text;
    }

    /** Waits until no request is in flight (the shown area has what it loaded). */
    bool settle(int timeoutMs = 15000)
    {
        const bool idle =
            QTest::qWaitFor([&]() { return m_client->pendingRequests() == 0; }, timeoutMs);
        QTest::qWait(50); // one more turn of the event loop for the views to lay out
        return idle;
    }

    /** Saves the window at both sizes as NN-@p name.png and returns to 1280×800. */
    void shoot(const QString &name)
    {
        ++m_shot;
        for (const QSize size : {QSize(1920, 1080), QSize(1280, 800)}) {
            m_window->resize(size);
            QCoreApplication::processEvents();
            QTest::qWait(30);
            const QString dir = QStringLiteral(BOXOFFICE_SCREENSHOT_ROOT "/%1x%2")
                                    .arg(size.width())
                                    .arg(size.height());
            QDir().mkpath(dir);
            const QString file = QStringLiteral("%1/%2-%3.png")
                                     .arg(dir)
                                     .arg(m_shot, 2, 10, QLatin1Char('0'))
                                     .arg(name);
            const QPixmap pixmap = m_window->grab();
            QCOMPARE(pixmap.size(), size);
            QVERIFY2(pixmap.save(file), qPrintable(file));
        }
    }

    /** The item named @p name in the seat map's scene (delegates are visual children only). */
    static QQuickItem *quickItem(QQuickItem *item, const QString &name)
    {
        if (!item || item->objectName() == name)
            return item;
        for (QQuickItem *child : item->childItems()) {
            if (QQuickItem *found = quickItem(child, name))
                return found;
        }
        return nullptr;
    }

    /** Clicks seat @p number on the QML seat map inside the QQuickWidget. */
    bool clickSeat(int number)
    {
        QQuickWidget *quick = m_sell->seatMap()->quickWidget();
        QQuickItem *root = quick->rootObject();
        QQuickItem *seat = quickItem(root, QStringLiteral("seat_%1").arg(number));
        if (!seat) {
            qWarning("seat_%d is not on the map", number);
            return false;
        }
        const QPointF centre = seat->mapToScene(QPointF(seat->width() / 2, seat->height() / 2));
        QTest::mouseClick(quick, Qt::LeftButton, {}, centre.toPoint());
        return QTest::qWaitFor(
            [&]() { return m_sell->seatMap()->model()->selectedSeats().contains(number); }, 3000);
    }

    qint64 serverBalance(const QString &userId)
    {
        return m_http->get(QStringLiteral("/api/v1/users/%1/balance").arg(userId))
            .json.value(QLatin1String("balance"))
            .toInteger();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_db = std::make_unique<MariaDbInstance>();
        QVERIFY2(m_db->start(), qPrintable(m_db->errorString()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(
            m_db->serverArguments()
            + QStringList{QStringLiteral("--demo-data"), QStringLiteral("--admin-key"), kAdminKey,
                          QStringLiteral("--queue-tick-ms"), QStringLiteral("200")}));
        m_http = std::make_unique<HttpClient>(m_server->baseUrl());
        m_api = std::make_unique<ApiDriver>(*m_http);
        const QJsonArray concerts = m_http->get(QStringLiteral("/api/v1/concerts"))
                                        .json.value(QLatin1String("items"))
                                        .toArray();
        QVERIFY(!concerts.isEmpty());
        m_concertId = concerts.first().toObject().value(QLatin1String("id")).toInteger();

        m_client = std::make_unique<BoxOfficeClient>();
        m_window = std::make_unique<MainWindow>(m_client.get());
        m_window->resize(1280, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
        m_sell = m_window->page<SellPage>(Area::Sell);
        QVERIFY(m_sell);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        m_client.reset();
        m_api.reset();
        m_http.reset();
        m_server.reset();
        m_db.reset();
    }

    void signInWithTheBootstrapKey()
    {
        shoot(QStringLiteral("signed-out"));
        QVERIFY(!m_window->areaListed(Area::Sell));
        QVERIFY(!m_window->showArea(Area::Sell));

        QVERIFY(type(QStringLiteral("serverField"), m_server->baseUrl().toString()));
        QVERIFY(type(QStringLiteral("keyField"), QStringLiteral("wrong-key")));
        QVERIFY(click(QStringLiteral("signInButton")));
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(QStringLiteral("roleLabel"))
                                     ->text()
                                     .contains(QStringLiteral("not accepted")),
                                 10000);
        QCOMPARE(m_client->role(), StaffRole::None);

        QVERIFY(type(QStringLiteral("keyField"), kAdminKey));
        QTest::keyClick(find<QLineEdit>(QStringLiteral("keyField")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_client->role(), StaffRole::Admin, 10000);
        for (Area area : allAreas())
            QVERIFY(m_window->areaListed(area));
        QVERIFY(
            find<QLabel>(QStringLiteral("roleLabel"))->text().contains(QStringLiteral("ADMIN")));
        QCOMPARE(m_window->currentArea(), Area::Sell);

        // Ctrl+2 … Ctrl+1: the keyboard moves between the areas.
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Customers);
        QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Door);
        QTest::keyClick(m_window.get(), Qt::Key_1, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Sell);
        QVERIFY(settle());
    }

    void walkInSale()
    {
        QVERIFY2(hasRoute("POST", QStringLiteral("/api/v1/admin/reservations"), "{}"),
                 "the server lacks POST /api/v1/admin/reservations (counter sale)");
        QVERIFY(m_window->showArea(Area::Sell));
        QVERIFY(click(QStringLiteral("sellNewCustomerButton")));
        m_customer = m_sell->customerId();
        QVERIFY(!QUuid(m_customer).isNull());
        QCOMPARE(find<QLineEdit>(QStringLiteral("sellMemberField"))->text(), m_customer);

        find<QSpinBox>(QStringLiteral("sellCashAmount"))->setValue(300000);
        QVERIFY(click(QStringLiteral("sellTopUpButton")));
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(QStringLiteral("sellCustomerLabel"))
                                     ->text()
                                     .contains(QStringLiteral("₩300,000")),
                                 10000);
        QCOMPARE(serverBalance(m_customer), 300000);

        // The concert and its date.
        auto *concerts = find<QComboBox>(QStringLiteral("sellConcertCombo"));
        QTRY_VERIFY_WITH_TIMEOUT(concerts->findData(m_concertId) >= 0, 10000);
        concerts->setCurrentIndex(concerts->findData(m_concertId));
        auto *dates = find<QComboBox>(QStringLiteral("sellDateCombo"));
        if (hasRoute("GET", QStringLiteral("/api/v1/admin/concerts/%1").arg(m_concertId))
            || hasRoute("GET",
                        QStringLiteral("/api/v1/admin/concerts/%1/sales").arg(m_concertId))) {
            QTRY_VERIFY_WITH_TIMEOUT(dates->count() > 0, 10000);
            m_date = dates->itemData(0).toString();
        } else {
            // Without a staff list of dates staff type the date; find one as a customer would.
            const QString token = m_api->admittedToken(ApiDriver::newUserId());
            QVERIFY(!token.isEmpty());
            m_date = m_http
                         ->get(QStringLiteral("/api/v1/concerts/%1/dates").arg(m_concertId),
                               HttpClient::bearer(token))
                         .json.value(QLatin1String("dates"))
                         .toArray()
                         .first()[QLatin1String("date")]
                         .toString();
            dates->setEditText(m_date);
        }
        QVERIFY(!m_date.isEmpty());
        QVERIFY(click(QStringLiteral("sellShowSeatsButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_sell->seatMap()->model()->count(), 50, 10000);
        QVERIFY(settle());
        QTRY_VERIFY_WITH_TIMEOUT(
            quickItem(m_sell->seatMap()->quickWidget()->rootObject(), QStringLiteral("seat_50")),
            10000);
        QVERIFY(clickSeat(21));
        QVERIFY(clickSeat(22));
        QCOMPARE(m_sell->seatMap()->model()->selectedSeats(), (QList<int>{21, 22}));
        shoot(QStringLiteral("sell-seats-selected"));

        QVERIFY(click(QStringLiteral("sellHoldButton")));
        QTRY_COMPARE_WITH_TIMEOUT(m_sell->reservation().value(QLatin1String("status")).toString(),
                                  QStringLiteral("HELD"), 10000);
        const qint64 reservationId =
            m_sell->reservation().value(QLatin1String("reservationId")).toInteger();
        QVERIFY(reservationId > 0);
        QCOMPARE(m_sell->reservation().value(QLatin1String("userId")).toString(), m_customer);
        const qint64 amount = m_sell->reservation().value(QLatin1String("amount")).toInteger();
        QVERIFY(amount > 0 && amount <= 300000);
        QVERIFY(settle());
        if (m_sell->seatMap()->statusesKnown())
            QTRY_COMPARE_WITH_TIMEOUT(
                m_sell->seatMap()
                    ->model()
                    ->data(m_sell->seatMap()->model()->index(20), SeatMapModel::StatusRole)
                    .toInt(),
                int(SeatMapModel::Held), 10000);
        shoot(QStringLiteral("sell-held"));

        QVERIFY2(hasRoute("POST", QStringLiteral("/api/v1/admin/payments"), "{}"),
                 "the server lacks POST /api/v1/admin/payments (counter payment)");
        QVERIFY(click(QStringLiteral("sellPayButton")));
        auto *ticket = find<QPlainTextEdit>(QStringLiteral("sellTicketCode"));
        QTRY_VERIFY_WITH_TIMEOUT(!ticket->toPlainText().isEmpty(), 10000);
        m_ticketCode = ticket->toPlainText();
        m_soldReservation = reservationId;
        m_soldAmount = amount;
        QCOMPARE(serverBalance(m_customer), 300000 - amount);
        QVERIFY(settle());
        shoot(QStringLiteral("sell-paid"));
    }

    void salesShowTheSale()
    {
        QVERIFY2(m_soldReservation != 0, "no sale was made (see walkInSale)");
        QVERIFY2(
            hasRoute("GET", QStringLiteral("/api/v1/admin/concerts/%1/sales").arg(m_concertId)),
            "the server lacks GET /api/v1/admin/concerts/{id}/sales");
        QTest::keyClick(m_window.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Sales);
        auto *sales = m_window->page<SalesPage>(Area::Sales);
        QTRY_VERIFY_WITH_TIMEOUT(find<QComboBox>(QStringLiteral("salesConcertCombo"))->count() > 0,
                                 10000);
        sales->showConcert(m_concertId);
        QTRY_VERIFY_WITH_TIMEOUT(
            sales->sales()->totals().value(QLatin1String("sold")).toInteger() >= 2, 10000);
        int row = -1;
        for (int r = 0; r < sales->sales()->rowCount(); ++r) {
            if (sales->sales()->rowObject(r).value(QLatin1String("date")).toString() == m_date)
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(sales->sales()->rowObject(row).value(QLatin1String("sold")).toInteger(), 2);
        QCOMPARE(sales->sales()->rowObject(row).value(QLatin1String("revenue")).toInteger(),
                 m_soldAmount);
        QVERIFY(settle());
        shoot(QStringLiteral("sales"));
    }

    void doorCheckIn()
    {
        QVERIFY2(!m_ticketCode.isEmpty(), "no ticket was sold (see walkInSale)");
        QVERIFY2(hasRoute("POST", QStringLiteral("/api/v1/admin/checkins"), "{}"),
                 "the server lacks POST /api/v1/admin/checkins");
        QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Door);
        auto *door = m_window->page<DoorPage>(Area::Door);
        QSignalSpy shown(door, &DoorPage::verdictShown);

        QVERIFY(type(QStringLiteral("doorCodeField"), m_ticketCode));
        QTest::keyClick(find<QLineEdit>(QStringLiteral("doorCodeField")), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        QCOMPARE(door->lastVerdict().kind, DoorVerdict::Kind::FirstEntry);
        QCOMPARE(door->lastVerdict().light, DoorVerdict::Light::Green);
        QVERIFY(find<QLineEdit>(QStringLiteral("doorCodeField"))->text().isEmpty());
        shoot(QStringLiteral("door-first-entry"));

        QVERIFY(type(QStringLiteral("doorCodeField"), m_ticketCode));
        QVERIFY(click(QStringLiteral("doorCheckButton")));
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 2, 10000);
        QCOMPARE(door->lastVerdict().kind, DoorVerdict::Kind::AlreadyIn);
        QCOMPARE(door->lastVerdict().light, DoorVerdict::Light::Amber);
        shoot(QStringLiteral("door-already-in"));

        QString forged = m_ticketCode;
        forged[forged.size() - 1] =
            forged.endsWith(QLatin1Char('A')) ? QLatin1Char('B') : QLatin1Char('A');
        door->check(forged);
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 3, 10000);
        QCOMPARE(door->lastVerdict().kind, DoorVerdict::Kind::Forged);
        QCOMPARE(door->lastVerdict().light, DoorVerdict::Light::Red);
        shoot(QStringLiteral("door-forged"));
    }

    void refundAtTheCounter()
    {
        QVERIFY2(m_soldReservation != 0, "no sale was made (see walkInSale)");
        QVERIFY2(hasRoute("GET", QStringLiteral("/api/v1/admin/users/%1").arg(m_customer)),
                 "the server lacks GET /api/v1/admin/users/{userId}");
        QVERIFY2(
            hasRoute("POST", QStringLiteral("/api/v1/admin/reservations/%1/cancel").arg(999999999)),
            "the server lacks POST /api/v1/admin/reservations/{id}/cancel");
        QTest::keyClick(m_window.get(), Qt::Key_2, Qt::ControlModifier);
        auto *customers = m_window->page<CustomersPage>(Area::Customers);
        QVERIFY(type(QStringLiteral("customersMemberField"), m_customer));
        QVERIFY(click(QStringLiteral("customersLookUpButton")));
        QTRY_COMPARE_WITH_TIMEOUT(customers->reservations()->rowCount(), 1, 10000);
        QCOMPARE(customers->reservations()->rowObject(0).value(QLatin1String("status")).toString(),
                 QStringLiteral("CONFIRMED"));
        QVERIFY(settle());
        shoot(QStringLiteral("customers"));

        customers->reservationView()->selectRow(0);
        QVERIFY(click(QStringLiteral("customersCancelButton")));
        QTRY_COMPARE_WITH_TIMEOUT(
            customers->reservations()->rowObject(0).value(QLatin1String("status")).toString(),
            QStringLiteral("CANCELLED"), 10000);
        QCOMPARE(serverBalance(m_customer), 300000);
        QVERIFY(find<QLabel>(QStringLiteral("customersStatus"))
                    ->text()
                    .contains(QStringLiteral("refunded")));
        QVERIFY(settle());
        shoot(QStringLiteral("customers-refunded"));

        // The door now turns the refunded ticket away.
        if (!m_ticketCode.isEmpty()
            && hasRoute("POST", QStringLiteral("/api/v1/admin/checkins"), "{}")) {
            QTest::keyClick(m_window.get(), Qt::Key_6, Qt::ControlModifier);
            auto *door = m_window->page<DoorPage>(Area::Door);
            QSignalSpy shown(door, &DoorPage::verdictShown);
            door->check(m_ticketCode);
            QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
            QCOMPARE(door->lastVerdict().kind, DoorVerdict::Kind::Cancelled);
            shoot(QStringLiteral("door-cancelled"));
        }
    }

    void concertSetUpWithASaleOpeningTime()
    {
        QTest::keyClick(m_window.get(), Qt::Key_3, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Concerts);
        auto *concerts = m_window->page<ConcertsPage>(Area::Concerts);
        QVERIFY(click(QStringLiteral("concertsNewButton")));
        QVERIFY(type(QStringLiteral("concertsTitle"), QStringLiteral("Box Office Premiere")));
        QVERIFY(type(QStringLiteral("concertsVenue"), QStringLiteral("Studio 3")));
        find<QDateEdit>(QStringLiteral("concertsNewDate"))->setDate(QDate(2031, 9, 1));
        find<QSpinBox>(QStringLiteral("concertsNewPrice"))->setValue(88000);
        QVERIFY(click(QStringLiteral("concertsAddDateButton")));
        QVERIFY(click(QStringLiteral("concertsAddDateButton"))); // the next day, same price
        QCOMPARE(concerts->dates()->rowCount(), 2);
        find<QCheckBox>(QStringLiteral("concertsSaleOpens"))->setChecked(true);
        const QDateTime opens = QDateTime::currentDateTimeUtc().addDays(2);
        find<QDateTimeEdit>(QStringLiteral("concertsSaleOpensAt"))
            ->setDateTime(opens.toLocalTime());
        find<QSpinBox>(QStringLiteral("concertsCapacity"))->setValue(25);
        find<QSpinBox>(QStringLiteral("concertsAdmitPerMinute"))->setValue(60);
        shoot(QStringLiteral("concerts-new"));

        const bool canPatch = hasRoute("PATCH", QStringLiteral("/api/v1/admin/concerts/1"), "{}");
        QVERIFY(click(QStringLiteral("concertsCreateButton")));
        QTRY_VERIFY_WITH_TIMEOUT(concerts->concertId() > 0, 10000);
        m_newConcert = concerts->concertId();
        const HttpReply listed = m_http->get(QStringLiteral("/api/v1/concerts?page=1&size=100"));
        bool found = false;
        for (const QJsonValue &item : listed.json.value(QLatin1String("items")).toArray())
            found = found || item[QLatin1String("id")].toInteger() == m_newConcert;
        QVERIFY(found);
        QVERIFY(settle());
        QVERIFY2(canPatch, "the server lacks PATCH /api/v1/admin/concerts/{id}");
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(QStringLiteral("concertsStatus"))
                                     ->text()
                                     .contains(QStringLiteral("created")),
                                 10000);
        const HttpReply detail =
            m_http->get(QStringLiteral("/api/v1/admin/concerts/%1").arg(m_newConcert), admin());
        QCOMPARE(detail.status, 200);
        QCOMPARE(
            QDateTime::fromString(detail.json.value(QLatin1String("saleOpensAt")).toString(),
                                  Qt::ISODate),
            QDateTime(opens.date(), QTime(opens.time().hour(), opens.time().minute()), Qt::UTC));
        const QJsonObject queue = detail.json.value(QLatin1String("queue")).toObject();
        QCOMPARE(queue.value(QLatin1String("capacity")).toInteger(), 25);
        QCOMPARE(queue.value(QLatin1String("admitPerMinute")).toInteger(), 60);
        QCOMPARE(detail.json.value(QLatin1String("dates")).toArray().size(), 2);

        // A third date, added later.
        find<QDateEdit>(QStringLiteral("concertsNewDate"))->setDate(QDate(2031, 9, 10));
        QVERIFY(click(QStringLiteral("concertsAddDateButton")));
        if (hasRoute("POST", QStringLiteral("/api/v1/admin/concerts/%1/dates").arg(m_newConcert),
                     "{}")) {
            QVERIFY(click(QStringLiteral("concertsAddDatesButton")));
            QTRY_COMPARE_WITH_TIMEOUT(
                m_http->get(QStringLiteral("/api/v1/admin/concerts/%1").arg(m_newConcert), admin())
                    .json.value(QLatin1String("dates"))
                    .toArray()
                    .size(),
                3, 10000);
        }
        QVERIFY(settle());
        shoot(QStringLiteral("concerts-saved"));
    }

    void pauseTheNewConcertsQueue()
    {
        QVERIFY2(m_newConcert != 0, "no concert was set up (see concertSetUpWithASaleOpeningTime)");
        QVERIFY2(hasRoute("GET", QStringLiteral("/api/v1/admin/queue")),
                 "the server lacks GET /api/v1/admin/queue");
        QVERIFY2(hasRoute("PATCH", QStringLiteral("/api/v1/admin/concerts/1"), "{}"),
                 "the server lacks PATCH /api/v1/admin/concerts/{id}");
        QTest::keyClick(m_window.get(), Qt::Key_5, Qt::ControlModifier);
        QCOMPARE(m_window->currentArea(), Area::Queue);
        auto *queue = m_window->page<QueuePage>(Area::Queue);
        queue->setRefreshIntervalMs(500);
        // A concert's room may appear only once someone queues for it: join as a customer.
        m_api->issueToken(ApiDriver::newUserId());
        m_http->post(QStringLiteral("/api/v1/queue/tokens"),
                     QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                                 {QStringLiteral("concertId"), m_newConcert}});
        const auto serverListsRoom = [&]() {
            const QJsonArray rooms = m_http->get(QStringLiteral("/api/v1/admin/queue"), admin())
                                         .json.value(QLatin1String("rooms"))
                                         .toArray();
            for (const QJsonValue &room : rooms) {
                if (room.toObject().value(QLatin1String("concertId")).toInteger() == m_newConcert)
                    return true;
            }
            return false;
        };
        // Every concert's room is listed, whether or not anyone queued for it yet.
        QTRY_VERIFY_WITH_TIMEOUT(serverListsRoom(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(queue->rooms()->rowOfConcert(m_newConcert) >= 0, 15000);
        queue->selectConcert(m_newConcert);
        QVERIFY(click(QStringLiteral("queuePauseButton")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_http->get(QStringLiteral("/api/v1/admin/concerts/%1").arg(m_newConcert), admin())
                .json.value(QLatin1String("queue"))
                .toObject()
                .value(QLatin1String("paused"))
                .toBool(),
            10000);
        const int row = queue->rooms()->rowOfConcert(m_newConcert);
        QTRY_VERIFY_WITH_TIMEOUT(queue->rooms()
                                     ->rowObject(queue->rooms()->rowOfConcert(m_newConcert))
                                     .value(QLatin1String("paused"))
                                     .toBool(),
                                 10000);
        Q_UNUSED(row);
        QVERIFY(find<QPushButton>(QStringLiteral("queueResumeButton"))->isEnabled());
        QVERIFY(settle());
        shoot(QStringLiteral("queue-paused"));
    }

    void everyAreaOnScreen()
    {
        // Whatever the steps above could do, a picture of every area the ADMIN key opens.
        for (Area area : allAreas()) {
            QVERIFY(m_window->showArea(area));
            QVERIFY(settle());
            shoot(MainWindow::areaKey(area));
        }
    }

private:
    std::unique_ptr<MariaDbInstance> m_db;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<HttpClient> m_http;
    std::unique_ptr<ApiDriver> m_api;
    std::unique_ptr<BoxOfficeClient> m_client;
    std::unique_ptr<MainWindow> m_window;
    SellPage *m_sell = nullptr;
    qint64 m_concertId = 0;
    qint64 m_newConcert = 0;
    QString m_customer;
    QString m_date;
    QString m_ticketCode;
    qint64 m_soldReservation = 0;
    qint64 m_soldAmount = 0;
    int m_shot = 0;
};

QTEST_MAIN(TestBoxOfficeEndToEnd)
#include "tst_boxofficeendtoend.moc"
