// SeatMapModel: seat states, the selection rules (AVAILABLE only, at most four), what a reload
// does to the selection, and loading from a server.

#include "apiclient.h"
#include "datelistmodel.h"
#include "fakebackend.h"
#include "jsonfields.h"
#include "seatmapmodel.h"

#include <QtTest>

namespace {

/** 50 seats at 50,000; the ones in @p held are HELD, in @p sold SOLD. */
QList<Seat> seats(const QList<int> &held = {}, const QList<int> &sold = {})
{
    QList<Seat> list;
    for (int number = 1; number <= kSeatsPerDate; ++number) {
        const SeatStatus status = held.contains(number) ? SeatStatus::Held
            : sold.contains(number)                     ? SeatStatus::Sold
                                                        : SeatStatus::Available;
        list << Seat{number, status, 50000};
    }
    return list;
}

QVariant role(const SeatMapModel &model, int seatNumber, int role)
{
    return model.data(model.index(seatNumber - 1), role);
}

} // namespace

class TestSeatMapModel : public QObject
{
    Q_OBJECT

    /** @brief Points @p client at @p backend with a fresh queue token of user @p userId. */
    bool signIn(FakeBackend &backend, ApiClient &client, const QString &userId)
    {
        client.setBaseUrl(backend.baseUrl());
        QString token;
        client.send(
            "POST", QStringLiteral("/api/v1/queue/tokens"),
            QJsonObject{{QStringLiteral("userId"), userId}}, this,
            [&](const QJsonObject &json) { token = json[QLatin1String("token")].toString(); });
        if (!QTest::qWaitFor([&]() { return !token.isEmpty(); }, 5000))
            return false;
        client.setToken(token);
        return true;
    }

private Q_SLOTS:
    void rolesDescribeEachSeat()
    {
        SeatMapModel model;
        model.setSeats(seats({7}, {8}));
        QCOMPARE(model.rowCount(), 50);
        QCOMPARE(model.availableCount(), 48);
        QCOMPARE(role(model, 7, SeatMapModel::StatusRole).toInt(), int(SeatMapModel::Held));
        QCOMPARE(role(model, 8, SeatMapModel::StatusNameRole).toString(), QStringLiteral("SOLD"));
        QCOMPARE(role(model, 9, SeatMapModel::StatusRole).toInt(), int(SeatMapModel::Available));
        QCOMPARE(role(model, 9, SeatMapModel::PriceRole).toLongLong(), 50000);
        QCOMPARE(role(model, 9, SeatMapModel::SeatNumberRole).toInt(), 9);
        QVERIFY(role(model, 9, SeatMapModel::SelectableRole).toBool());
        QVERIFY(!role(model, 7, SeatMapModel::SelectableRole).toBool());
        const QHash<int, QByteArray> names = model.roleNames();
        for (const QByteArray &name : {QByteArray("seatNumber"), QByteArray("status"),
                                       QByteArray("price"), QByteArray("selected")})
            QVERIFY2(names.values().contains(name), name.constData());
    }

    void selectionRules_data()
    {
        QTest::addColumn<QList<int>>("taps");
        QTest::addColumn<QList<int>>("expected");
        QTest::addColumn<int>("limitSignals");
        QTest::addRow("one seat") << QList<int>{3} << QList<int>{3} << 0;
        QTest::addRow("kept ascending") << QList<int>{9, 2, 5} << QList<int>{2, 5, 9} << 0;
        QTest::addRow("a second tap releases") << QList<int>{3, 3} << QList<int>{} << 0;
        QTest::addRow("four is the limit") << QList<int>{1, 2, 3, 4} << QList<int>{1, 2, 3, 4} << 0;
        QTest::addRow("a fifth seat is refused")
            << QList<int>{1, 2, 3, 4, 5} << QList<int>{1, 2, 3, 4} << 1;
        QTest::addRow("releasing one makes room")
            << QList<int>{1, 2, 3, 4, 5, 2, 5} << QList<int>{1, 3, 4, 5} << 1;
        QTest::addRow("a held seat is refused") << QList<int>{7} << QList<int>{} << 0;
        QTest::addRow("a sold seat is refused") << QList<int>{8} << QList<int>{} << 0;
        QTest::addRow("seat 51 does not exist") << QList<int>{51, 0} << QList<int>{} << 0;
    }
    void selectionRules()
    {
        QFETCH(QList<int>, taps);
        QFETCH(QList<int>, expected);
        QFETCH(int, limitSignals);
        SeatMapModel model;
        model.setSeats(seats({7}, {8}));
        QSignalSpy limit(&model, &SeatMapModel::selectionLimitReached);
        for (int seat : taps)
            model.toggle(seat);
        QCOMPARE(model.selectedSeats(), expected);
        QCOMPARE(model.selectedCount(), expected.size());
        QCOMPARE(model.selectedTotal(), 50000 * expected.size());
        QCOMPARE(limit.size(), limitSignals);
        for (int seat : expected)
            QVERIFY(role(model, seat, SeatMapModel::SelectedRole).toBool());
    }

    void fullSelectionMakesOtherSeatsUnselectable()
    {
        SeatMapModel model;
        model.setSeats(seats());
        for (int seat : {1, 2, 3, 4})
            QVERIFY(model.toggle(seat));
        QVERIFY(!role(model, 10, SeatMapModel::SelectableRole).toBool());
        QVERIFY(role(model, 1, SeatMapModel::SelectableRole).toBool());
        QVERIFY(model.toggle(1));
        QVERIFY(role(model, 10, SeatMapModel::SelectableRole).toBool());
    }

    void reloadDropsSeatsTakenMeanwhile()
    {
        SeatMapModel model;
        model.setSeats(seats());
        model.toggle(5);
        model.toggle(6);
        QSignalSpy lost(&model, &SeatMapModel::selectionLost);
        model.setSeats(seats({6}));
        QCOMPARE(model.selectedSeats(), QList<int>{5});
        QCOMPARE(lost.size(), 1);
        QCOMPARE(lost.at(0).at(0).value<QList<int>>(), QList<int>{6});
        model.setSeats(seats({6}));
        QCOMPARE(lost.size(), 1);
    }

    void otherDateStartsAfresh()
    {
        SeatMapModel model;
        model.setSeats(seats());
        model.toggle(5);
        QSignalSpy selection(&model, &SeatMapModel::selectionChanged);
        model.setDate(QStringLiteral("2027-03-02"));
        QCOMPARE(model.selectedCount(), 0);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(selection.size(), 1);
    }

    void loadsAndRefreshesFromTheServer()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        ApiClient client;
        QVERIFY(signIn(backend, client, QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c")));
        const QDate date = backend.dates(1).constFirst();
        backend.setSeatStatus(1, date, 3, QStringLiteral("SOLD"));

        SeatMapModel model;
        model.setRefreshIntervalMs(500);
        model.setClient(&client);
        model.setConcertId(1);
        model.setDate(JsonFields::formatDate(date));
        QTRY_COMPARE(model.rowCount(), 50);
        QVERIFY(model.loaded());
        QCOMPARE(role(model, 3, SeatMapModel::StatusRole).toInt(), int(SeatMapModel::Sold));
        QCOMPARE(role(model, 1, SeatMapModel::PriceRole).toLongLong(), backend.price(1, date));

        // Refreshes only while active.
        backend.setSeatStatus(1, date, 4, QStringLiteral("HELD"));
        model.setActive(true);
        QTRY_COMPARE(role(model, 4, SeatMapModel::StatusRole).toInt(), int(SeatMapModel::Held));
        model.setActive(false);
        const qsizetype loads = backend.stub().requests("GET", QStringLiteral(".*/seats")).size();
        backend.setSeatStatus(1, date, 5, QStringLiteral("HELD"));
        model.refresh();
        QTRY_COMPARE(role(model, 5, SeatMapModel::StatusRole).toInt(), int(SeatMapModel::Held));
        QVERIFY(backend.stub().requests("GET", QStringLiteral(".*/seats")).size() > loads);
    }

    void dateListReloadsOnlyWhileActiveAtItsPace()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        ApiClient client;
        QVERIFY(signIn(backend, client, QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0d")));

        DateListModel dates;
        dates.setRefreshIntervalMs(500);
        dates.setClient(&client);
        dates.setConcertId(1);
        QTRY_VERIFY(dates.loaded());
        const auto loads = [&]() {
            return backend.stub().requests("GET", QStringLiteral(".*/dates")).size();
        };
        const qsizetype before = loads();
        dates.setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(loads() >= before + 2, 3000);
        dates.setActive(false);
        const qsizetype stopped = loads();
        QTest::qWait(1200); // a quiet interval: nothing may be requested while inactive
        QCOMPARE(loads(), stopped);
        // The pace is the interval, not a busy loop: about two loads a second at 500 ms.
        QVERIFY2(stopped - before <= 8, qPrintable(QString::number(stopped - before)));
    }
};

QTEST_GUILESS_MAIN(TestSeatMapModel)
#include "tst_seatmapmodel.moc"
