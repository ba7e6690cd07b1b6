// The value types of common/: their JSON is exactly the contract's (field names, status spellings,
// null where the contract says null), it survives a round trip through JSON text, and the
// request types refuse every body the contract calls malformed.

#include "balance.h"
#include "concert.h"
#include "payment.h"
#include "queuestatus.h"
#include "reservation.h"
#include "seat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class tst_ValueTypes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void statusNames();

    void queueTokenWaiting();
    void queueTokenActive();
    void queueStatusExpired();
    void queueStatusOfARoom();
    void queueStatusRejects_data();
    void queueStatusRejects();
    void concertPage();
    void concertDateList();
    void seatMap();
    void reservation();
    void balance();
    void payment();
    void concertDefinitionReference();

    void reservationRequest_data();
    void reservationRequest();
    void concertDefinition_data();
    void concertDefinition();
    void chargeRequest_data();
    void chargeRequest();
    void paymentRequest_data();
    void paymentRequest();
    void idempotencyKey_data();
    void idempotencyKey();
};

namespace {

const QString kUser = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
const QDateTime kTime(QDate(2027, 3, 1), QTime(10, 15, 30), Qt::UTC);

QJsonObject parse(const QByteArray &text)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad reference JSON: %s (%s)", text.constData(), qPrintable(error.errorString()));
    return document.object();
}

// The object as it arrives from the network: through JSON text and back.
QJsonObject throughText(const QJsonObject &object)
{
    return QJsonDocument::fromJson(QJsonDocument(object).toJson(QJsonDocument::Compact)).object();
}

QStringList sortedKeys(const QJsonObject &object)
{
    QStringList keys = object.keys();
    keys.sort();
    return keys;
}

QJsonObject validDefinition()
{
    return parse(R"({"title": "Spring Gala", "venue": "Olympic Hall",
                     "dates": [{"date": "2027-03-01", "price": 50000},
                               {"date": "2027-03-02", "price": 0}]})");
}

QJsonArray consecutiveDates(int count)
{
    QJsonArray dates;
    const QDate first(2027, 1, 1);
    for (int i = 0; i < count; ++i)
        dates.append(QJsonObject{{QStringLiteral("date"), first.addDays(i).toString(Qt::ISODate)},
                                 {QStringLiteral("price"), 1000}});
    return dates;
}

QJsonObject with(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

QJsonObject withFirstDate(const QString &key, const QJsonValue &value)
{
    QJsonObject definition = validDefinition();
    QJsonArray dates = definition.value(QLatin1String("dates")).toArray();
    dates.replace(0, with(dates.at(0).toObject(), key, value));
    definition.insert(QStringLiteral("dates"), dates);
    return definition;
}

} // namespace

void tst_ValueTypes::statusNames()
{
    QCOMPARE(tokenStatusName(TokenStatus::Waiting), QStringLiteral("WAITING"));
    QCOMPARE(tokenStatusName(TokenStatus::Active), QStringLiteral("ACTIVE"));
    QCOMPARE(tokenStatusName(TokenStatus::Expired), QStringLiteral("EXPIRED"));
    QCOMPARE(seatStatusName(SeatStatus::Available), QStringLiteral("AVAILABLE"));
    QCOMPARE(seatStatusName(SeatStatus::Held), QStringLiteral("HELD"));
    QCOMPARE(seatStatusName(SeatStatus::Sold), QStringLiteral("SOLD"));
    QCOMPARE(reservationStatusName(ReservationStatus::Held), QStringLiteral("HELD"));
    QCOMPARE(reservationStatusName(ReservationStatus::Confirmed), QStringLiteral("CONFIRMED"));
    QCOMPARE(reservationStatusName(ReservationStatus::Expired), QStringLiteral("EXPIRED"));

    for (auto s : {TokenStatus::Waiting, TokenStatus::Active, TokenStatus::Expired})
        QCOMPARE(tokenStatusFromName(tokenStatusName(s)), std::optional<TokenStatus>(s));
    for (auto s : {SeatStatus::Available, SeatStatus::Held, SeatStatus::Sold})
        QCOMPARE(seatStatusFromName(seatStatusName(s)), std::optional<SeatStatus>(s));
    for (auto s :
         {ReservationStatus::Held, ReservationStatus::Confirmed, ReservationStatus::Expired})
        QCOMPARE(reservationStatusFromName(reservationStatusName(s)),
                 std::optional<ReservationStatus>(s));

    QVERIFY(!tokenStatusFromName(u"waiting"));
    QVERIFY(!tokenStatusFromName(u""));
    QVERIFY(!seatStatusFromName(u"available"));
    QVERIFY(!reservationStatusFromName(u"PAID"));
}

void tst_ValueTypes::queueTokenWaiting()
{
    const QueueToken token{QStringLiteral("v1.abc.def"), kUser,
                           QueueStatus{TokenStatus::Waiting, 17, 42, std::nullopt}};
    const QJsonObject reference = parse(R"({"token": "v1.abc.def",
        "userId": "123e4567-e89b-12d3-a456-426614174000", "status": "WAITING", "position": 17,
        "estimatedWaitSeconds": 42, "expiresAt": null, "concertId": null})");
    QCOMPARE(token.toJson(), reference);
    // expiresAt is present as null while WAITING, not left out.
    QVERIFY(token.toJson().contains(QLatin1String("expiresAt")));
    QVERIFY(token.toJson().value(QLatin1String("expiresAt")).isNull());
    QCOMPARE(sortedKeys(token.toJson()),
             (QStringList{"concertId", "estimatedWaitSeconds", "expiresAt", "position", "status",
                          "token", "userId"}));

    const auto back = QueueToken::fromJson(throughText(token.toJson()));
    QVERIFY(back);
    QCOMPARE(back->token, token.token);
    QCOMPARE(back->userId, token.userId);
    QCOMPARE(back->queue, token.queue);
}

void tst_ValueTypes::queueTokenActive()
{
    const QueueToken token{QStringLiteral("v1.abc.def"), kUser,
                           QueueStatus{TokenStatus::Active, 0, 0, kTime}};
    const QJsonObject reference = parse(R"({"token": "v1.abc.def",
        "userId": "123e4567-e89b-12d3-a456-426614174000", "status": "ACTIVE", "position": 0,
        "estimatedWaitSeconds": 0, "expiresAt": "2027-03-01T10:15:30Z", "concertId": null})");
    QCOMPARE(token.toJson(), reference);

    const auto back = QueueToken::fromJson(throughText(reference));
    QVERIFY(back);
    QCOMPARE(back->queue, token.queue);
    QCOMPARE(back->queue.expiresAt->timeSpec(), Qt::UTC);

    // A client reading an upper-case userId gets the canonical form.
    const auto upper =
        QueueToken::fromJson(with(reference, QStringLiteral("userId"), kUser.toUpper()));
    QVERIFY(upper);
    QCOMPARE(upper->userId, kUser);
    QVERIFY(!QueueToken::fromJson(with(reference, QStringLiteral("token"), QString())));
    QVERIFY(!QueueToken::fromJson(with(reference, QStringLiteral("userId"), QStringLiteral("x"))));
}

void tst_ValueTypes::queueStatusExpired()
{
    const QueueStatus status{TokenStatus::Expired, 0, 0, std::nullopt};
    const QJsonObject reference = parse(
        R"({"status": "EXPIRED", "position": 0, "estimatedWaitSeconds": 0, "expiresAt": null,
            "concertId": null})");
    QCOMPARE(status.toJson(), reference);
    QCOMPARE(QueueStatus::fromJson(throughText(reference)), std::optional<QueueStatus>(status));
}

void tst_ValueTypes::queueStatusOfARoom()
{
    // Additions to v1, "Waiting rooms": concertId, reason while EXPIRED, soldOut when true,
    // and the pre-queue's null position and estimate with saleOpensAt.
    QueueStatus expired{TokenStatus::Expired, 0, 0, std::nullopt};
    expired.concertId = 3;
    expired.reason = QStringLiteral("LEFT");
    QCOMPARE(expired.toJson(),
             parse(R"({"status": "EXPIRED", "position": 0, "estimatedWaitSeconds": 0,
                       "expiresAt": null, "concertId": 3, "reason": "LEFT"})"));
    QCOMPARE(QueueStatus::fromJson(throughText(expired.toJson())),
             std::optional<QueueStatus>(expired));

    QueueStatus soldOut{TokenStatus::Waiting, 4, 9, std::nullopt};
    soldOut.concertId = 3;
    soldOut.soldOut = true;
    QCOMPARE(soldOut.toJson().value(QLatin1String("soldOut")), QJsonValue(true));
    soldOut.reason = QStringLiteral("LEFT"); // only written while EXPIRED
    QVERIFY(!soldOut.toJson().contains(QLatin1String("reason")));

    QueueStatus prequeue{TokenStatus::Waiting, 0, 0, std::nullopt};
    prequeue.concertId = 3;
    prequeue.saleOpensAt = kTime;
    QCOMPARE(prequeue.toJson(),
             parse(R"({"status": "WAITING", "position": null, "estimatedWaitSeconds": null,
                       "expiresAt": null, "concertId": 3,
                       "saleOpensAt": "2027-03-01T10:15:30Z"})"));
    QCOMPARE(QueueStatus::fromJson(throughText(prequeue.toJson())),
             std::optional<QueueStatus>(prequeue));
}

void tst_ValueTypes::queueStatusRejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addRow("lower-case status is rejected")
        << QByteArray(R"({"status": "waiting", "position": 1, "estimatedWaitSeconds": 0})");
    QTest::addRow("negative position is rejected")
        << QByteArray(R"({"status": "WAITING", "position": -1, "estimatedWaitSeconds": 0})");
    QTest::addRow("fractional wait is rejected")
        << QByteArray(R"({"status": "WAITING", "position": 1, "estimatedWaitSeconds": 1.5})");
    QTest::addRow("missing wait is rejected")
        << QByteArray(R"({"status": "WAITING", "position": 1})");
    QTest::addRow("expiresAt that is no timestamp is rejected")
        << QByteArray(R"({"status": "ACTIVE", "position": 0, "estimatedWaitSeconds": 0,
                          "expiresAt": "tomorrow"})");
}

void tst_ValueTypes::queueStatusRejects()
{
    QFETCH(QByteArray, json);
    QVERIFY(!QueueStatus::fromJson(parse(json)));
}

void tst_ValueTypes::concertPage()
{
    const ConcertPage page{
        {Concert{1, QStringLiteral("Spring Gala"), QStringLiteral("Olympic Hall")},
         Concert{3, QStringLiteral("Jazz Night"), QStringLiteral("Blue Note")}},
        2,
        20,
        22};
    const QJsonObject reference = parse(R"({"items": [
            {"id": 1, "title": "Spring Gala", "venue": "Olympic Hall"},
            {"id": 3, "title": "Jazz Night", "venue": "Blue Note"}],
        "page": 2, "size": 20, "total": 22})");
    QCOMPARE(page.toJson(), reference);

    const auto back = ConcertPage::fromJson(throughText(page.toJson()));
    QVERIFY(back);
    QCOMPARE(back->toJson(), reference);
    QCOMPARE(back->items.size(), 2);
    QCOMPARE(back->items.at(1).id, 3);
    QCOMPARE(back->items.at(1).venue, QStringLiteral("Blue Note"));
    QCOMPARE(back->total, 22);

    QVERIFY(!ConcertPage::fromJson(with(reference, QStringLiteral("size"), 101)));
    QVERIFY(!ConcertPage::fromJson(with(reference, QStringLiteral("size"), 0)));
    QVERIFY(!ConcertPage::fromJson(with(reference, QStringLiteral("page"), 0)));
}

void tst_ValueTypes::concertDateList()
{
    const ConcertDateList list{
        7, {ConcertDate{QDate(2027, 3, 1), 37, 50'000}, ConcertDate{QDate(2027, 3, 2), 50, 0}}};
    const QJsonObject reference = parse(R"({"concertId": 7, "dates": [
        {"date": "2027-03-01", "availableSeats": 37, "price": 50000},
        {"date": "2027-03-02", "availableSeats": 50, "price": 0}]})");
    QCOMPARE(list.toJson(), reference);

    const auto back = ConcertDateList::fromJson(throughText(reference));
    QVERIFY(back);
    QCOMPARE(back->toJson(), reference);
    QCOMPARE(back->dates.at(0).date, QDate(2027, 3, 1));
    QCOMPARE(back->dates.at(0).availableSeats, 37);
    QCOMPARE(back->dates.at(0).price, 50'000);
}

void tst_ValueTypes::seatMap()
{
    SeatMap map{1, QDate(2027, 3, 1), {}};
    for (int number = 1; number <= kSeatsPerDate; ++number) {
        const SeatStatus status = number == 7 ? SeatStatus::Held
            : number == 8                     ? SeatStatus::Sold
                                              : SeatStatus::Available;
        map.seats.append(Seat{number, status, 50'000});
    }
    const QJsonObject json = map.toJson();
    QCOMPARE(sortedKeys(json), (QStringList{"concertId", "date", "seats"}));
    QCOMPARE(json.value(QLatin1String("date")).toString(), QStringLiteral("2027-03-01"));
    const QJsonArray seats = json.value(QLatin1String("seats")).toArray();
    QCOMPARE(seats.size(), 50);
    QCOMPARE(seats.at(6).toObject(),
             parse(R"({"seatNumber": 7, "status": "HELD", "price": 50000})"));
    QCOMPARE(seats.at(7).toObject(),
             parse(R"({"seatNumber": 8, "status": "SOLD", "price": 50000})"));
    QCOMPARE(seats.at(49).toObject(),
             parse(R"({"seatNumber": 50, "status": "AVAILABLE", "price": 50000})"));

    const auto back = SeatMap::fromJson(throughText(json));
    QVERIFY(back);
    QCOMPARE(back->concertId, 1);
    QCOMPARE(back->date, map.date);
    QCOMPARE(back->seats, map.seats);

    QVERIFY(!Seat::fromJson(parse(R"({"seatNumber": 51, "status": "HELD", "price": 1})")));
    QVERIFY(!Seat::fromJson(parse(R"({"seatNumber": 0, "status": "HELD", "price": 1})")));
    QVERIFY(!Seat::fromJson(parse(R"({"seatNumber": 1, "status": "held", "price": 1})")));
}

void tst_ValueTypes::reservation()
{
    const Reservation reservation{
        12, kUser, 1, QDate(2027, 3, 1), {7, 8}, 100'000, ReservationStatus::Held, kTime};
    const QJsonObject reference = parse(R"({"reservationId": 12,
        "userId": "123e4567-e89b-12d3-a456-426614174000", "concertId": 1, "date": "2027-03-01",
        "seatNumbers": [7, 8], "amount": 100000, "status": "HELD",
        "heldUntil": "2027-03-01T10:15:30Z"})");
    QCOMPARE(reservation.toJson(), reference);

    for (auto status :
         {ReservationStatus::Held, ReservationStatus::Confirmed, ReservationStatus::Expired}) {
        Reservation copy = reservation;
        copy.status = status;
        const auto back = Reservation::fromJson(throughText(copy.toJson()));
        QVERIFY(back);
        QCOMPARE(back->status, status);
        QCOMPARE(back->toJson(), copy.toJson());
        QCOMPARE(back->seatNumbers, (QList<int>{7, 8}));
        QCOMPARE(back->heldUntil, kTime);
    }
}

void tst_ValueTypes::balance()
{
    const Balance balance{kUser, 150'000};
    const QJsonObject reference =
        parse(R"({"userId": "123e4567-e89b-12d3-a456-426614174000", "balance": 150000})");
    QCOMPARE(balance.toJson(), reference);
    const auto back = Balance::fromJson(throughText(reference));
    QVERIFY(back);
    QCOMPARE(back->userId, kUser);
    QCOMPARE(back->balance, 150'000);
    QVERIFY(!Balance::fromJson(with(reference, QStringLiteral("balance"), -1)));

    QCOMPARE(ChargeRequest{50'000}.toJson(), parse(R"({"amount": 50000})"));
}

void tst_ValueTypes::payment()
{
    const Payment payment{5, 12, kUser, 100'000, 100'000, kTime};
    const QJsonObject reference = parse(R"({"paymentId": 5, "reservationId": 12,
        "userId": "123e4567-e89b-12d3-a456-426614174000", "amount": 100000,
        "status": "COMPLETED", "balance": 100000, "paidAt": "2027-03-01T10:15:30Z"})");
    QCOMPARE(payment.toJson(), reference);

    const auto back = Payment::fromJson(throughText(reference));
    QVERIFY(back);
    QCOMPARE(back->toJson(), reference);
    QCOMPARE(back->paidAt, kTime);

    QCOMPARE(PaymentRequest{12}.toJson(), parse(R"({"reservationId": 12})"));
}

void tst_ValueTypes::concertDefinitionReference()
{
    ConcertDefinition definition{
        0,
        QStringLiteral("Spring Gala"),
        QStringLiteral("Olympic Hall"),
        {DatePrice{QDate(2027, 3, 1), 50'000}, DatePrice{QDate(2027, 3, 2), 0}}};
    // The request has no id.
    QCOMPARE(definition.toJson(), validDefinition());

    // The 201 answer has one.
    definition.id = 4;
    const QJsonObject answer = parse(R"({"id": 4, "title": "Spring Gala", "venue": "Olympic Hall",
        "dates": [{"date": "2027-03-01", "price": 50000}, {"date": "2027-03-02", "price": 0}]})");
    QCOMPARE(definition.toJson(), answer);

    const auto back = ConcertDefinition::fromJson(throughText(answer));
    QVERIFY(back);
    QCOMPARE(back->id, 4);
    QCOMPARE(back->title, definition.title);
    QCOMPARE(back->venue, definition.venue);
    QCOMPARE(back->dates, definition.dates);
}

// --- request validation ------------------------------------------------------------------

void tst_ValueTypes::reservationRequest_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QList<int>>("seats"); // empty: rejected
    QTest::addColumn<QString>("why"); // the reason mentions this when rejected

    const auto body = [](const char *seats) {
        return QByteArray(R"({"concertId": 1, "date": "2027-03-01", "seatNumbers": )") + seats
            + '}';
    };
    QTest::addRow("two seats are accepted") << body("[7, 8]") << QList<int>{7, 8} << QString();
    QTest::addRow("one seat is accepted") << body("[1]") << QList<int>{1} << QString();
    QTest::addRow("four seats are accepted")
        << body("[1, 2, 3, 4]") << QList<int>{1, 2, 3, 4} << QString();
    QTest::addRow("seat 50 is accepted") << body("[50]") << QList<int>{50} << QString();
    QTest::addRow("seats come back sorted ascending")
        << body("[9, 2, 50, 7]") << QList<int>{2, 7, 9, 50} << QString();
    QTest::addRow("no seats are rejected")
        << body("[]") << QList<int>{} << QStringLiteral("seatNumbers");
    QTest::addRow("five seats are rejected")
        << body("[1, 2, 3, 4, 5]") << QList<int>{} << QStringLiteral("seatNumbers");
    QTest::addRow("duplicate seat is rejected")
        << body("[7, 7]") << QList<int>{} << QStringLiteral("7");
    QTest::addRow("seat 0 is rejected")
        << body("[0]") << QList<int>{} << QStringLiteral("between 1 and 50");
    QTest::addRow("seat 51 is rejected")
        << body("[51]") << QList<int>{} << QStringLiteral("between 1 and 50");
    QTest::addRow("seat -1 is rejected")
        << body("[-1]") << QList<int>{} << QStringLiteral("between 1 and 50");
    QTest::addRow("seat as string \"7\" is rejected")
        << body(R"(["7"])") << QList<int>{} << QStringLiteral("integer");
    QTest::addRow("seat 7.5 is rejected")
        << body("[7.5]") << QList<int>{} << QStringLiteral("integer");
    QTest::addRow("seat null is rejected")
        << body("[null]") << QList<int>{} << QStringLiteral("integer");
    QTest::addRow("seatNumbers as a number is rejected")
        << body("7") << QList<int>{} << QStringLiteral("seatNumbers");
    QTest::addRow("missing seatNumbers is rejected")
        << QByteArray(R"({"concertId": 1, "date": "2027-03-01"})") << QList<int>{}
        << QStringLiteral("seatNumbers");
    QTest::addRow("concertId 0 is rejected")
        << QByteArray(R"({"concertId": 0, "date": "2027-03-01", "seatNumbers": [1]})")
        << QList<int>{} << QStringLiteral("concertId");
    QTest::addRow("concertId as string is rejected")
        << QByteArray(R"({"concertId": "1", "date": "2027-03-01", "seatNumbers": [1]})")
        << QList<int>{} << QStringLiteral("concertId");
    QTest::addRow("missing concertId is rejected")
        << QByteArray(R"({"date": "2027-03-01", "seatNumbers": [1]})") << QList<int>{}
        << QStringLiteral("concertId");
    QTest::addRow("30 February is rejected")
        << QByteArray(R"({"concertId": 1, "date": "2027-02-30", "seatNumbers": [1]})")
        << QList<int>{} << QStringLiteral("date");
    QTest::addRow("missing date is rejected")
        << QByteArray(R"({"concertId": 1, "seatNumbers": [1]})") << QList<int>{}
        << QStringLiteral("date");
}

void tst_ValueTypes::reservationRequest()
{
    QFETCH(QByteArray, json);
    QFETCH(QList<int>, seats);
    QFETCH(QString, why);

    QString reason;
    const auto request = ReservationRequest::fromJson(parse(json), &reason);
    if (seats.isEmpty()) {
        QVERIFY(!request);
        QVERIFY2(reason.contains(why), qPrintable(reason));
        return;
    }
    QVERIFY2(request, qPrintable(reason));
    QCOMPARE(request->concertId, 1);
    QCOMPARE(request->date, QDate(2027, 3, 1));
    QCOMPARE(request->seatNumbers, seats);

    // What a client sends is what the server reads.
    const auto back = ReservationRequest::fromJson(throughText(request->toJson()));
    QVERIFY(back);
    QCOMPARE(back->toJson(), request->toJson());
}

void tst_ValueTypes::concertDefinition_data()
{
    QTest::addColumn<QJsonObject>("json");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("why"); // the reason mentions this when rejected

    const QJsonObject valid = validDefinition();
    const QString title = QStringLiteral("title");
    const QString venue = QStringLiteral("venue");
    const QString dates = QStringLiteral("dates");
    const QString price = QStringLiteral("price");

    QTest::addRow("two dates are accepted") << valid << true << QString();
    QTest::addRow("one date is accepted")
        << with(valid, dates, consecutiveDates(1)) << true << QString();
    QTest::addRow("366 dates are accepted")
        << with(valid, dates, consecutiveDates(366)) << true << QString();
    QTest::addRow("price 0 is accepted") << withFirstDate(price, 0) << true << QString();
    QTest::addRow("price 10,000,000 is accepted")
        << withFirstDate(price, 10'000'000) << true << QString();
    QTest::addRow("title of 200 characters is accepted")
        << with(valid, title, QString(200, u'x')) << true << QString();
    QTest::addRow("no dates are rejected") << with(valid, dates, QJsonArray()) << false << dates;
    QTest::addRow("367 dates are rejected")
        << with(valid, dates, consecutiveDates(367)) << false << dates;
    QTest::addRow("dates as an object are rejected")
        << with(valid, dates, QJsonObject{{QStringLiteral("date"), QStringLiteral("2027-03-01")}})
        << false << dates;
    QTest::addRow("missing dates are rejected")
        << with(valid, dates, QJsonValue::Undefined) << false << dates;
    QTest::addRow("date entry that is a string is rejected")
        << with(valid, dates, QJsonArray{QStringLiteral("2027-03-01")}) << false << dates;
    QTest::addRow("duplicate date is rejected")
        << with(valid, dates,
                QJsonArray{QJsonObject{{"date", "2027-03-01"}, {"price", 1}},
                           QJsonObject{{"date", "2027-03-01"}, {"price", 2}}})
        << false << QStringLiteral("2027-03-01");
    QTest::addRow("30 February is rejected")
        << withFirstDate(QStringLiteral("date"), QStringLiteral("2027-02-30")) << false
        << QStringLiteral("date");
    QTest::addRow("missing date of an entry is rejected")
        << withFirstDate(QStringLiteral("date"), QJsonValue::Undefined) << false
        << QStringLiteral("date");
    QTest::addRow("price -1 is rejected") << withFirstDate(price, -1) << false << price;
    QTest::addRow("price 10,000,001 is rejected")
        << withFirstDate(price, 10'000'001) << false << price;
    QTest::addRow("price 1.5 is rejected") << withFirstDate(price, 1.5) << false << price;
    QTest::addRow("price as string is rejected")
        << withFirstDate(price, QStringLiteral("5000")) << false << price;
    QTest::addRow("missing price is rejected")
        << withFirstDate(price, QJsonValue::Undefined) << false << price;
    QTest::addRow("missing title is rejected")
        << with(valid, title, QJsonValue::Undefined) << false << title;
    QTest::addRow("empty title is rejected") << with(valid, title, QString()) << false << title;
    QTest::addRow("blank title is rejected")
        << with(valid, title, QStringLiteral("   ")) << false << title;
    QTest::addRow("title of 201 characters is rejected")
        << with(valid, title, QString(201, u'x')) << false << title;
    QTest::addRow("numeric title is rejected") << with(valid, title, 5) << false << title;
    QTest::addRow("missing venue is rejected")
        << with(valid, venue, QJsonValue::Undefined) << false << venue;
    QTest::addRow("venue of 201 characters is rejected")
        << with(valid, venue, QString(201, u'x')) << false << venue;
}

void tst_ValueTypes::concertDefinition()
{
    QFETCH(QJsonObject, json);
    QFETCH(bool, accepted);
    QFETCH(QString, why);

    QString reason;
    const auto definition = ConcertDefinition::fromJson(json, &reason);
    if (!accepted) {
        QVERIFY(!definition);
        QVERIFY2(reason.contains(why), qPrintable(reason));
        return;
    }
    QVERIFY2(definition, qPrintable(reason));
    const QJsonArray dates = json.value(QLatin1String("dates")).toArray();
    QCOMPARE(definition->dates.size(), dates.size());
    QCOMPARE(definition->title, json.value(QLatin1String("title")).toString().trimmed());
    // Dates keep their order and their own price.
    for (qsizetype i = 0; i < dates.size(); ++i) {
        QCOMPARE(definition->dates.at(i).toJson(), dates.at(i).toObject());
    }
}

void tst_ValueTypes::chargeRequest_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("amount"); // 0: rejected

    QTest::addRow("1 KRW is accepted") << QByteArray(R"({"amount": 1})") << 1LL;
    QTest::addRow("50,000 KRW is accepted") << QByteArray(R"({"amount": 50000})") << 50'000LL;
    QTest::addRow("10,000,000 KRW is accepted")
        << QByteArray(R"({"amount": 10000000})") << 10'000'000LL;
    QTest::addRow("0 KRW is rejected") << QByteArray(R"({"amount": 0})") << 0LL;
    QTest::addRow("negative amount is rejected") << QByteArray(R"({"amount": -5})") << 0LL;
    QTest::addRow("10,000,001 KRW is rejected") << QByteArray(R"({"amount": 10000001})") << 0LL;
    QTest::addRow("fractional amount is rejected") << QByteArray(R"({"amount": 1.5})") << 0LL;
    QTest::addRow("amount as string is rejected") << QByteArray(R"({"amount": "100"})") << 0LL;
    QTest::addRow("missing amount is rejected") << QByteArray(R"({"value": 100})") << 0LL;
}

void tst_ValueTypes::chargeRequest()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, amount);

    QString why;
    const auto request = ChargeRequest::fromJson(parse(json), &why);
    if (amount == 0) {
        QVERIFY(!request);
        QVERIFY2(why.contains(QLatin1String("amount")), qPrintable(why));
    } else {
        QVERIFY2(request, qPrintable(why));
        QCOMPARE(request->amount, amount);
    }
}

void tst_ValueTypes::paymentRequest_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("reservationId"); // 0: rejected

    QTest::addRow("id 12 is accepted") << QByteArray(R"({"reservationId": 12})") << 12LL;
    QTest::addRow("id 2^63-1 is accepted")
        << QByteArray(R"({"reservationId": 9223372036854775807})")
        << std::numeric_limits<qint64>::max();
    QTest::addRow("id 0 is rejected") << QByteArray(R"({"reservationId": 0})") << 0LL;
    QTest::addRow("id -1 is rejected") << QByteArray(R"({"reservationId": -1})") << 0LL;
    QTest::addRow("id 2^63 is rejected")
        << QByteArray(R"({"reservationId": 9223372036854775808})") << 0LL;
    QTest::addRow("id as string is rejected") << QByteArray(R"({"reservationId": "12"})") << 0LL;
    QTest::addRow("fractional id is rejected") << QByteArray(R"({"reservationId": 1.5})") << 0LL;
    QTest::addRow("missing id is rejected") << QByteArray("{}") << 0LL;
}

void tst_ValueTypes::paymentRequest()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, reservationId);

    QString why;
    const auto request = PaymentRequest::fromJson(parse(json), &why);
    if (reservationId == 0) {
        QVERIFY(!request);
        QVERIFY2(why.contains(QLatin1String("reservationId")), qPrintable(why));
    } else {
        QVERIFY2(request, qPrintable(why));
        QCOMPARE(request->reservationId, reservationId);
    }
}

void tst_ValueTypes::idempotencyKey_data()
{
    QTest::addColumn<QByteArray>("key");
    QTest::addColumn<bool>("valid");

    QTest::addRow("one letter is valid") << QByteArray("a") << true;
    QTest::addRow("UUID is valid") << kUser.toLatin1() << true;
    QTest::addRow("64 characters are valid") << QByteArray(64, 'k') << true;
    QTest::addRow("space and tilde are valid") << QByteArray(" ~") << true;
    QTest::addRow("every printable ASCII character is valid") << [] {
        QByteArray all;
        for (char c = 0x20; c < 0x60; ++c) // 64 of the 95, to stay within the length limit
            all.append(c);
        return all;
    }() << true;
    QTest::addRow("empty key is invalid") << QByteArray() << false;
    QTest::addRow("65 characters are invalid") << QByteArray(65, 'k') << false;
    QTest::addRow("tab is invalid") << QByteArray("a\tb") << false;
    QTest::addRow("newline is invalid") << QByteArray("a\nb") << false;
    QTest::addRow("NUL is invalid") << QByteArray("a\0b", 3) << false;
    QTest::addRow("DEL is invalid") << QByteArray("a\x7f") << false;
    QTest::addRow("UTF-8 letter is invalid") << QByteArray("caf\xc3\xa9") << false;
}

void tst_ValueTypes::idempotencyKey()
{
    QFETCH(QByteArray, key);
    QFETCH(bool, valid);
    QCOMPARE(isValidIdempotencyKey(key), valid);
}

QTEST_GUILESS_MAIN(tst_ValueTypes)
#include "tst_valuetypes.moc"
