// The box office's pure logic: the table models (what a cell shows for a contract body), the
// door's verdicts, what each role may open, the formats and the options. No server needed.

#include "apikeytablemodel.h"
#include "audittablemodel.h"
#include "boxofficeformat.h"
#include "boxofficeoptions.h"
#include "datepricetablemodel.h"
#include "doorverdict.h"
#include "queueroomtablemodel.h"
#include "reservationtablemodel.h"
#include "salestablemodel.h"
#include "staffrole.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

namespace {

QJsonObject object(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonArray array(const char *json)
{
    return QJsonDocument::fromJson(json).array();
}

} // namespace

class TestBoxOfficeModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reservationRows()
    {
        ReservationTableModel model;
        model.setRows(array(R"([{"reservationId": 12, "userId": "u", "concertId": 3,
            "date": "2027-03-01", "seatNumbers": [7, 8], "amount": 100000,
            "status": "CONFIRMED", "heldUntil": "2027-01-01T00:00:00Z",
            "ticketCode": "T1.abc", "paymentId": 5}, 17])"));
        QCOMPARE(model.rowCount(), 1); // a non-object is skipped
        QCOMPARE(model.columnCount(), 8);
        QCOMPARE(model.text(0, 0), QStringLiteral("12"));
        QCOMPARE(model.text(0, 3), QStringLiteral("7, 8"));
        QCOMPARE(model.text(0, 4), QStringLiteral("₩100,000"));
        QCOMPARE(model.text(0, 5), QStringLiteral("CONFIRMED"));
        QCOMPARE(model.text(0, 6), QStringLiteral("T1.abc"));
        QCOMPARE(model.text(0, 7), QStringLiteral("5"));
        QCOMPARE(model.data(model.index(0, 4), Qt::UserRole).toLongLong(), 100000);
        QCOMPARE(model.rowObject(0).value(QLatin1String("reservationId")).toInteger(), 12);
        QVERIFY(model.rowObject(1).isEmpty());
        QCOMPARE(model.headerData(4, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Amount"));
    }

    void heldReservationHasNoTicketOrPayment()
    {
        ReservationTableModel model;
        model.setRows(array(R"([{"reservationId": 1, "seatNumbers": [1], "amount": 0,
            "status": "HELD"}])"));
        QCOMPARE(model.text(0, 6), QString());
        QCOMPARE(model.text(0, 7), QString());
        QCOMPARE(model.text(0, 4), QStringLiteral("₩0"));
    }

    void salesAndTotals()
    {
        SalesTableModel model;
        QVERIFY(model.totalsText().isEmpty());
        model.setSales(object(R"({"concertId": 1, "dates": [
            {"date": "2027-03-01", "price": 50000, "available": 40, "held": 2, "sold": 8,
             "revenue": 400000},
            {"date": "2027-03-02", "price": 60000, "available": 50, "held": 0, "sold": 0,
             "revenue": 0}],
            "totals": {"available": 90, "held": 2, "sold": 8, "revenue": 400000}})"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.text(0, 0), QStringLiteral("2027-03-01"));
        QCOMPARE(model.text(0, 4), QStringLiteral("8"));
        QCOMPARE(model.text(0, 5), QStringLiteral("₩400,000"));
        QCOMPARE(model.totals().value(QLatin1String("sold")).toInteger(), 8);
        QVERIFY(model.totalsText().contains(QStringLiteral("Sold 8")));
        QVERIFY(model.totalsText().contains(QStringLiteral("₩400,000")));
        QCOMPARE(model.data(model.index(0, 2), Qt::TextAlignmentRole).toInt(),
                 int(Qt::AlignRight | Qt::AlignVCenter));
    }

    void queueRooms()
    {
        QueueRoomTableModel model;
        model.setRows(array(R"([
            {"concertId": null, "waiting": 3, "active": 100, "capacity": 100,
             "admitPerMinute": 0, "paused": false, "soldOut": false, "admittedLastMinute": 7,
             "abandonedLastMinute": 1, "oldestWaitSeconds": 42,
             "estimatedWaitSecondsAtBack": 185},
            {"concertId": 4, "waiting": 0, "active": 0, "capacity": 10, "admitPerMinute": 30,
             "paused": true, "soldOut": true, "admittedLastMinute": 0,
             "abandonedLastMinute": 0, "oldestWaitSeconds": 0,
             "estimatedWaitSecondsAtBack": 3725}])"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.text(0, 0), QStringLiteral("House"));
        QCOMPARE(model.text(1, 0), QStringLiteral("Concert 4"));
        QCOMPARE(model.text(0, 1), QStringLiteral("3"));
        QCOMPARE(model.text(1, 5), QStringLiteral("yes"));
        QCOMPARE(model.text(0, 5), QStringLiteral("no"));
        QCOMPARE(model.text(1, 6), QStringLiteral("yes"));
        QCOMPARE(model.text(0, 9), QStringLiteral("42 s"));
        QCOMPARE(model.text(0, 10), QStringLiteral("3 min 05 s"));
        QCOMPARE(model.text(1, 10), QStringLiteral("1 h 02 min"));
        QCOMPARE(model.concertIdAt(0), 0);
        QCOMPARE(model.concertIdAt(1), 4);
        QCOMPARE(model.rowOfConcert(4), 1);
        QCOMPARE(model.rowOfConcert(0), 0);
        QCOMPARE(model.rowOfConcert(9), -1);
    }

    void keysNeverShowAKey()
    {
        ApiKeyTableModel model;
        model.setRows(array(R"([{"id": 2, "name": "desk-1", "role": "STAFF",
            "createdAt": "2026-12-02T10:00:00Z", "key": "secret"}])"));
        for (int column = 0; column < model.columnCount(); ++column)
            QVERIFY(!model.text(0, column).contains(QStringLiteral("secret")));
        QCOMPARE(model.text(0, 1), QStringLiteral("desk-1"));
        QCOMPARE(model.text(0, 2), QStringLiteral("STAFF"));
        QVERIFY(model.text(0, 4).startsWith(QStringLiteral("2026-12-02")));
    }

    void auditDetailAsText()
    {
        AuditTableModel model;
        model.setRows(array(R"([
            {"at": "2026-12-02T10:00:00Z", "keyName": "bootstrap", "action": "concert.create",
             "target": "concert/4", "detail": {"title": "Gala"}},
            {"at": "2026-12-02T10:01:00Z", "keyName": "desk-1", "action": "checkin",
             "target": "reservation/9", "detail": "first"}])"));
        QCOMPARE(model.text(0, 1), QStringLiteral("bootstrap"));
        QCOMPARE(model.text(0, 2), QStringLiteral("concert.create"));
        QCOMPARE(model.text(0, 4), QStringLiteral(R"({"title":"Gala"})"));
        QCOMPARE(model.text(1, 4), QStringLiteral("first"));
    }

    void datePricesTrackNewAndChanged()
    {
        DatePriceTableModel model;
        model.setSaved(array(R"([{"date": "2027-03-02", "price": 60000},
                                 {"date": "2027-03-01", "price": 50000}])"));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0, 0), Qt::DisplayRole).toString(),
                 QStringLiteral("2027-03-01")); // ascending
        QVERIFY(model.newDates().isEmpty());
        QVERIFY(model.changedPrices().isEmpty());

        QVERIFY(model.addDate(QDate(2027, 3, 5), 70000));
        QVERIFY(!model.addDate(QDate(2027, 3, 1), 1)); // a date it has
        QVERIFY(!model.addDate(QDate(2027, 3, 9), 10'000'001)); // price out of range
        QVERIFY(!model.addDate(QDate(), 1));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.newDates(), array(R"([{"date": "2027-03-05", "price": 70000}])"));

        QVERIFY(model.flags(model.index(1, 1)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(model.index(1, 1), -1, Qt::EditRole));
        QVERIFY(model.setData(model.index(1, 1), 65000, Qt::EditRole));
        QCOMPARE(model.changedPrices(), array(R"([{"date": "2027-03-02", "price": 65000}])"));
        QCOMPARE(model.data(model.index(1, 2), Qt::DisplayRole).toString(),
                 QStringLiteral("changed"));
        QCOMPARE(model.data(model.index(2, 2), Qt::DisplayRole).toString(), QStringLiteral("new"));
        QCOMPARE(model.allDates().size(), 3);

        QVERIFY(!model.removeNewDate(0)); // saved dates stay
        QVERIFY(model.removeNewDate(2));
        QVERIFY(model.newDates().isEmpty());
    }

    void doorVerdicts_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QJsonObject>("answer");
        QTest::addColumn<int>("light");
        QTest::addColumn<int>("kind");
        const QJsonObject first = object(R"({"reservationId": 9, "concertId": 1,
            "date": "2027-03-01", "seatNumbers": [7, 8], "firstCheckIn": true,
            "checkedInAt": "2027-03-01T18:00:00Z"})");
        QJsonObject again = first;
        again.insert(QStringLiteral("firstCheckIn"), false);
        QTest::addRow("first scan is green")
            << 200 << QString() << first << int(DoorVerdict::Light::Green)
            << int(DoorVerdict::Kind::FirstEntry);
        QTest::addRow("second scan is amber")
            << 200 << QString() << again << int(DoorVerdict::Light::Amber)
            << int(DoorVerdict::Kind::AlreadyIn);
        QTest::addRow("cancelled ticket is red")
            << 409 << QStringLiteral("TICKET_CANCELLED") << QJsonObject()
            << int(DoorVerdict::Light::Red) << int(DoorVerdict::Kind::Cancelled);
        QTest::addRow("forged code is red")
            << 400 << QStringLiteral("TICKET_INVALID") << QJsonObject()
            << int(DoorVerdict::Light::Red) << int(DoorVerdict::Kind::Forged);
        QTest::addRow("no answer is red")
            << 0 << QStringLiteral("UNREACHABLE") << QJsonObject() << int(DoorVerdict::Light::Red)
            << int(DoorVerdict::Kind::Failed);
    }

    void doorVerdicts()
    {
        QFETCH(int, status);
        QFETCH(QString, code);
        QFETCH(QJsonObject, answer);
        QFETCH(int, light);
        QFETCH(int, kind);
        const DoorVerdict verdict = status == 200
            ? DoorVerdict::fromCheckIn(answer)
            : DoorVerdict::fromFailure({status, code, QStringLiteral("msg")});
        QCOMPARE(int(verdict.light), light);
        QCOMPARE(int(verdict.kind), kind);
        QVERIFY(!verdict.headline.isEmpty());
        if (status == 200)
            QVERIFY2(verdict.detail.contains(QStringLiteral("7, 8")), qPrintable(verdict.detail));
    }

    void rolesOpenAreas_data()
    {
        QTest::addColumn<int>("role");
        QTest::addColumn<QList<int>>("areas");
        QTest::addRow("signed out sees nothing") << int(StaffRole::None) << QList<int>{};
        QTest::addRow("terminal only tops up")
            << int(StaffRole::Terminal) << QList<int>{int(Area::Sell)};
        QTest::addRow("staff sells, looks up, watches, checks in")
            << int(StaffRole::Staff)
            << QList<int>{int(Area::Sell), int(Area::Customers), int(Area::Sales), int(Area::Queue),
                          int(Area::Door)};
        QList<int> every;
        for (Area area : allAreas())
            every.append(int(area));
        QTest::addRow("admin sees every area") << int(StaffRole::Admin) << every;
    }

    void rolesOpenAreas()
    {
        QFETCH(int, role);
        QFETCH(QList<int>, areas);
        QList<int> open;
        for (Area area : allAreas()) {
            if (roleMayOpen(StaffRole(role), area))
                open.append(int(area));
        }
        QCOMPARE(open, areas);
    }

    void formats()
    {
        QCOMPARE(BoxOfficeFormat::money(0), QStringLiteral("₩0"));
        QCOMPARE(BoxOfficeFormat::money(999), QStringLiteral("₩999"));
        QCOMPARE(BoxOfficeFormat::money(1000), QStringLiteral("₩1,000"));
        QCOMPARE(BoxOfficeFormat::money(10'000'000), QStringLiteral("₩10,000,000"));
        QCOMPARE(BoxOfficeFormat::money(-50'000), QStringLiteral("-₩50,000"));
        QCOMPARE(BoxOfficeFormat::duration(-1), QStringLiteral("—"));
        QCOMPARE(BoxOfficeFormat::duration(0), QStringLiteral("0 s"));
        QCOMPARE(BoxOfficeFormat::timestamp(QString()), QString());
        QCOMPARE(BoxOfficeFormat::timestamp(QStringLiteral("garbage")), QStringLiteral("garbage"));
        const QDateTime utc(QDate(2027, 3, 1), QTime(10, 15, 30), Qt::UTC);
        QCOMPARE(BoxOfficeFormat::timestamp(QStringLiteral("2027-03-01T10:15:30Z")),
                 utc.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    }

    void options_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("mentions");
        QTest::addRow("no options") << QStringList{} << true << QString();
        QTest::addRow("all three") << QStringList{QStringLiteral("--server"),
                                                  QStringLiteral("https://tickets.example:8443"),
                                                  QStringLiteral("--api-key"),
                                                  QStringLiteral("k"),
                                                  QStringLiteral("--language"),
                                                  QStringLiteral("ko")}
                                   << true << QString();
        QTest::addRow("ftp server is refused")
            << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://x")} << false
            << QStringLiteral("--server");
        QTest::addRow("french is refused")
            << QStringList{QStringLiteral("--language"), QStringLiteral("fr")} << false
            << QStringLiteral("--language");
        QTest::addRow("unknown option is refused")
            << QStringList{QStringLiteral("--fullscreen")} << false << QStringLiteral("fullscreen");
        QTest::addRow("empty key is refused") << QStringList{QStringLiteral("--api-key"), QString()}
                                              << false << QStringLiteral("--api-key");
    }

    void options()
    {
        QFETCH(QStringList, arguments);
        QFETCH(bool, valid);
        QFETCH(QString, mentions);
        QString error;
        const std::optional<BoxOfficeOptions> options = BoxOfficeOptions::parse(
            QStringList{QStringLiteral("concert-boxoffice")} + arguments, &error);
        QCOMPARE(options.has_value(), valid);
        if (!valid)
            QVERIFY2(error.contains(mentions), qPrintable(error));
        else if (arguments.size() == 6) {
            QCOMPARE(options->server, QUrl(QStringLiteral("https://tickets.example:8443")));
            QCOMPARE(options->apiKey, QStringLiteral("k"));
            QCOMPARE(options->language, QStringLiteral("ko"));
        }
    }
};

QTEST_GUILESS_MAIN(TestBoxOfficeModels)
#include "tst_boxofficemodels.moc"
