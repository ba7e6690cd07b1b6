// Concurrency rules across two concert-server instances on one database (mission.md
// "Concurrency"): a seat is never given twice, money is never lost or taken twice.
#include "e2efixture.h"

#include <QJsonArray>
#include <QSet>

class tst_Concurrency : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
    HttpClient m_http;
    ApiDriver m_api{m_http};
    const QString m_db = QStringLiteral("race");

    QUrl instance(int i) const { return (i % 2 ? m_b : m_a)->baseUrl(); }

    /** @brief @p count users, each with an ACTIVE token (issued on alternating instances). */
    QList<std::pair<QString, QString>> admittedUsers(int count)
    {
        QList<HttpClient::Request> requests;
        QStringList users;
        for (int i = 0; i < count; ++i) {
            users << ApiDriver::newUserId();
            requests << ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                           QJsonObject{{QStringLiteral("userId"), users.last()}},
                                           {}, instance(i));
        }
        const QList<HttpReply> replies = m_http.sendConcurrently(requests, 100);
        QList<std::pair<QString, QString>> result;
        for (int i = 0; i < count; ++i)
            result.append(
                {users.at(i), replies.at(i).json.value(QLatin1String("token")).toString()});
        for (const auto &[user, token] : result) {
            if (token.isEmpty()
                || !m_api.waitForStatus(token, QStringLiteral("ACTIVE"), 30000, m_a->baseUrl()))
                return {};
        }
        return result;
    }

    qint64 newConcert(const QList<qint64> &prices, QStringList *dates)
    {
        QJsonArray list;
        for (int i = 0; i < prices.size(); ++i) {
            dates->append(E2eFixture::day(20 + i));
            list.append(QJsonObject{{QStringLiteral("date"), dates->last()},
                                    {QStringLiteral("price"), prices.at(i)}});
        }
        const HttpReply reply =
            m_http.post(QStringLiteral("/api/v1/admin/concerts"),
                        QJsonObject{{QStringLiteral("title"), QStringLiteral("Race")},
                                    {QStringLiteral("venue"), QStringLiteral("Hall")},
                                    {QStringLiteral("dates"), list}},
                        {{"X-Admin-Key", E2eFixture::kAdminKey}});
        return reply.json.value(QLatin1String("id")).toInteger();
    }

    /**
     * @brief Seats covered by two live reservations (HELD and not yet past held_until, or
     * CONFIRMED) at once: what the hold rule forbids and a broken hold could produce. (Two
     * seat rows cannot exist: the primary key forbids them, so that is not worth checking.)
     */
    qint64 seatsWithTwoLiveReservations()
    {
        return m_fx.scalarIn(
            m_db,
            QStringLiteral(
                "WITH claims AS (SELECT r.id, r.concert_date_id, j.seat FROM reservations r, "
                "JSON_TABLE(CONCAT('[', r.seat_numbers, ']'), '$[*]' COLUMNS (seat INT PATH '$')) "
                "j "
                "WHERE r.status = 'CONFIRMED' "
                "OR (r.status = 'HELD' AND r.held_until > UTC_TIMESTAMP(3))) "
                "SELECT COUNT(*) FROM (SELECT concert_date_id, seat FROM claims "
                "GROUP BY concert_date_id, seat HAVING COUNT(*) > 1) twice"));
    }

    /** @brief Live reservations (HELD and not expired, or CONFIRMED) of @p concert. */
    qint64 liveReservationSeats(qint64 concert)
    {
        return m_fx.scalarIn(
            m_db,
            QStringLiteral("SELECT COALESCE(SUM(JSON_LENGTH(CONCAT('[', r.seat_numbers, ']'))), 0) "
                           "FROM reservations r JOIN concert_dates d ON d.id = r.concert_date_id "
                           "WHERE d.concert_id = %1 AND (r.status = 'CONFIRMED' "
                           "OR (r.status = 'HELD' AND r.held_until > UTC_TIMESTAMP(3)))")
                .arg(concert));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(m_db));
        const QStringList options{
            QStringLiteral("--queue-capacity"), QStringLiteral("5000"),
            QStringLiteral("--queue-tick-ms"),  QStringLiteral("100"),
            QStringLiteral("--admin-key"),      QString::fromLatin1(E2eFixture::kAdminKey)};
        m_a = m_fx.startServer(m_db, options);
        m_b = m_fx.startServer(m_db, options);
        QVERIFY(m_a && m_b);
        m_http.setBaseUrl(m_a->baseUrl());
    }

    void twoHundredClientsRaceForTwoSeats_data()
    {
        QTest::addColumn<int>("clients");
        QTest::addRow("200 clients (issue 2)") << 200;
        QTest::addRow("1,000 clients (mission)") << 1000;
    }
    void twoHundredClientsRaceForTwoSeats()
    {
        QFETCH(int, clients);
        QStringList dates;
        const qint64 concert = newConcert({30000}, &dates);
        QVERIFY(concert > 0);
        const auto users = admittedUsers(clients);
        QCOMPARE(users.size(), clients);
        QList<HttpClient::Request> holds;
        for (int i = 0; i < users.size(); ++i)
            holds << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/reservations"),
                QJsonObject{{QStringLiteral("concertId"), concert},
                            {QStringLiteral("date"), dates.first()},
                            {QStringLiteral("seatNumbers"), QJsonArray{7, 8}}},
                HttpClient::bearer(users.at(i).second), instance(i));
        const QList<HttpReply> replies = m_http.sendConcurrently(holds, 1000);
        int won = 0;
        qint64 winner = 0;
        for (const HttpReply &reply : replies) {
            if (reply.status == 201) {
                ++won;
                winner = reply.json.value(QLatin1String("reservationId")).toInteger();
            } else {
                QCOMPARE(reply.status, 409);
                QCOMPARE(reply.errorCode(), QStringLiteral("SEAT_UNAVAILABLE"));
            }
        }
        QCOMPARE(won, 1);
        QCOMPARE(
            m_fx.scalarIn(
                m_db,
                QStringLiteral(
                    "SELECT COUNT(*) FROM seats s JOIN concert_dates d ON d.id = s.concert_date_id "
                    "WHERE d.concert_id = %1 AND s.seat_number IN (7, 8) "
                    "AND s.status = 'HELD' AND s.reservation_id = %2")
                    .arg(concert)
                    .arg(winner)),
            2);
        QCOMPARE(m_fx.scalarIn(m_db,
                               QStringLiteral("SELECT COUNT(*) FROM reservations r JOIN "
                                              "concert_dates d ON d.id = r.concert_date_id "
                                              "WHERE d.concert_id = %1")
                                   .arg(concert)),
                 1);
        QCOMPARE(seatsWithTwoLiveReservations(), 0);
    }

    void overlappingHoldsNeverShareASeat()
    {
        // 100 users ask at once for overlapping pairs of 10 seats: whatever wins, no seat is
        // held by two reservations and every 201 got exactly the seats it asked for.
        QStringList dates;
        const qint64 concert = newConcert({1000}, &dates);
        const auto users = admittedUsers(100);
        QCOMPARE(users.size(), 100);
        QList<HttpClient::Request> holds;
        for (int i = 0; i < users.size(); ++i) {
            const int first = 1 + i % 9;
            holds << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/reservations"),
                QJsonObject{{QStringLiteral("concertId"), concert},
                            {QStringLiteral("date"), dates.first()},
                            {QStringLiteral("seatNumbers"), QJsonArray{first, first + 1}}},
                HttpClient::bearer(users.at(i).second), instance(i));
        }
        QSet<int> taken;
        for (const HttpReply &reply : m_http.sendConcurrently(holds, 100)) {
            QVERIFY(reply.status == 201 || reply.status == 409);
            if (reply.status != 201)
                continue;
            for (const QJsonValue &seat :
                 reply.json.value(QLatin1String("seatNumbers")).toArray()) {
                QVERIFY2(!taken.contains(seat.toInt()), "a seat was held twice");
                taken.insert(seat.toInt());
            }
        }
        QVERIFY(!taken.isEmpty());
        QCOMPARE(
            m_fx.scalarIn(
                m_db,
                QStringLiteral(
                    "SELECT COUNT(*) FROM seats s JOIN concert_dates d ON d.id = s.concert_date_id "
                    "WHERE d.concert_id = %1 AND s.status = 'HELD'")
                    .arg(concert)),
            qint64(taken.size()));
        // The holds are still live (5 minutes): each seat is covered by exactly one of them.
        QCOMPARE(liveReservationSeats(concert), qint64(taken.size()));
        QCOMPARE(seatsWithTwoLiveReservations(), 0);
    }

    void threeHundredConcurrentChargesAreAllApplied()
    {
        const QString user = ApiDriver::newUserId();
        QCOMPARE(m_api.charge(user, 1000).status, 200);
        QList<HttpClient::Request> charges;
        for (int i = 0; i < 300; ++i)
            charges << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/users/%1/balance/charge").arg(user),
                QJsonObject{{QStringLiteral("amount"), 500}}, {}, instance(i));
        for (const HttpReply &reply : m_http.sendConcurrently(charges, 300))
            QCOMPARE(reply.status, 200);
        QCOMPARE(m_api.balance(user), 151000);
        QCOMPARE(m_fx.scalarIn(
                     m_db,
                     QStringLiteral("SELECT SUM(amount) FROM balance_ledger WHERE user_id = '%1'")
                         .arg(user)),
                 151000);
    }

    void theSameReservationPaidTenTimesIsChargedOnce_data()
    {
        QTest::addColumn<bool>("withKey");
        QTest::addRow("double clicks without a key") << false;
        QTest::addRow("retries with one Idempotency-Key") << true;
    }
    void theSameReservationPaidTenTimesIsChargedOnce()
    {
        QFETCH(bool, withKey);
        QStringList dates;
        const qint64 concert = newConcert({25000}, &dates);
        const auto users = admittedUsers(1);
        QCOMPARE(users.size(), 1);
        const auto &[user, token] = users.first();
        QCOMPARE(m_api.charge(user, 100000).status, 200);
        const HttpReply held = m_api.hold(token, concert, dates.first(), {3});
        QCOMPARE(held.status, 201);
        const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();
        QList<HttpClient::Request> payments;
        for (int i = 0; i < 10; ++i) {
            HttpHeaders headers = HttpClient::bearer(token);
            if (withKey)
                headers.append(
                    {QByteArrayLiteral("Idempotency-Key"), QByteArrayLiteral("pay-once")});
            payments << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/payments"),
                QJsonObject{{QStringLiteral("reservationId"), reservation}}, headers, instance(i));
        }
        int created = 0;
        QSet<QByteArray> bodies;
        for (const HttpReply &reply : m_http.sendConcurrently(payments, 10)) {
            if (reply.status == 201) {
                ++created;
                bodies.insert(reply.body);
            } else {
                QVERIFY2(!withKey, reply.body.constData());
                QVERIFY2(reply.errorCode() == QLatin1String("ALREADY_PAID")
                             || reply.errorCode() == QLatin1String("TOKEN_EXPIRED"),
                         reply.body.constData());
            }
        }
        if (withKey) {
            QCOMPARE(created, 10);
            QCOMPARE(bodies.size(), 1); // the very same body every time
        } else {
            QCOMPARE(created, 1);
        }
        QCOMPARE(m_api.balance(user), 75000);
        QCOMPARE(
            m_fx.scalarIn(m_db,
                          QStringLiteral("SELECT COUNT(*) FROM payments WHERE reservation_id = %1")
                              .arg(reservation)),
            1);
    }

    void aBalanceNeverGoesBelowZero()
    {
        // 5,000 KRW and three holds of 4,000, 2,000 and 3,500 paid at once: any one fits, no
        // two do, so exactly one succeeds.
        QStringList dates;
        const qint64 concert = newConcert({4000, 2000, 3500}, &dates);
        const auto users = admittedUsers(1);
        QCOMPARE(users.size(), 1);
        const auto &[user, token] = users.first();
        QCOMPARE(m_api.charge(user, 5000).status, 200);
        QList<qint64> reservations;
        for (const QString &date : dates) {
            const HttpReply held = m_api.hold(token, concert, date, {1});
            QCOMPARE(held.status, 201);
            reservations << held.json.value(QLatin1String("reservationId")).toInteger();
        }
        QList<HttpClient::Request> payments;
        for (int i = 0; i < reservations.size(); ++i)
            payments << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/payments"),
                QJsonObject{{QStringLiteral("reservationId"), reservations.at(i)}},
                HttpClient::bearer(token), instance(i));
        int paid = 0;
        qint64 spent = 0;
        for (const HttpReply &reply : m_http.sendConcurrently(payments, 3)) {
            if (reply.status == 201) {
                ++paid;
                spent = reply.json.value(QLatin1String("amount")).toInteger();
                QCOMPARE(reply.json.value(QLatin1String("balance")).toInteger(), 5000 - spent);
            } else {
                QVERIFY2(reply.errorCode() == QLatin1String("INSUFFICIENT_BALANCE")
                             || reply.errorCode() == QLatin1String("TOKEN_EXPIRED"),
                         reply.body.constData());
            }
        }
        QCOMPARE(paid, 1);
        QCOMPARE(m_api.balance(user), 5000 - spent);
        QVERIFY(m_api.balance(user) >= 0);
        QCOMPARE(
            m_fx.scalarIn(
                m_db,
                QStringLiteral("SELECT COUNT(*) FROM payments WHERE user_id = '%1'").arg(user)),
            1);
    }

    void moneyIsConserved()
    {
        // Its own money movements, so that it holds whatever ran before (or nothing): six users
        // charge twice on both instances at once, each holds one seat of 30,000 and pays for it
        // twice at once on both instances: four pay once, two have too little and pay nothing.
        QStringList dates;
        const qint64 concert = newConcert({30000}, &dates);
        QVERIFY(concert > 0);
        const auto users = admittedUsers(6);
        QCOMPARE(users.size(), 6);
        qint64 chargedHere = 0;
        QList<HttpClient::Request> charges;
        for (int i = 0; i < users.size(); ++i) {
            // Users 0 and 1 get 2 × 10,000 (short of 30,000), the others 2 × 20,000.
            const qint64 amount = i < 2 ? 10000 : 20000;
            for (int k = 0; k < 2; ++k) {
                charges << ApiDriver::request(
                    "POST",
                    QStringLiteral("/api/v1/users/%1/balance/charge").arg(users.at(i).first),
                    QJsonObject{{QStringLiteral("amount"), amount}}, {}, instance(i + k));
                chargedHere += amount;
            }
        }
        for (const HttpReply &reply : m_http.sendConcurrently(charges, charges.size()))
            QCOMPARE(reply.status, 200);

        QList<HttpClient::Request> payments;
        for (int i = 0; i < users.size(); ++i) {
            const HttpReply held =
                m_api.hold(users.at(i).second, concert, dates.first(), {i + 1}, instance(i));
            QCOMPARE(held.status, 201);
            const qint64 reservation = held.json.value(QLatin1String("reservationId")).toInteger();
            for (int k = 0; k < 2; ++k)
                payments << ApiDriver::request(
                    "POST", QStringLiteral("/api/v1/payments"),
                    QJsonObject{{QStringLiteral("reservationId"), reservation}},
                    HttpClient::bearer(users.at(i).second), instance(i + k));
        }
        qint64 paidHere = 0;
        for (const HttpReply &reply : m_http.sendConcurrently(payments, payments.size())) {
            if (reply.status == 201)
                paidHere += reply.json.value(QLatin1String("amount")).toInteger();
            else
                QVERIFY2(reply.status == 409 || reply.status == 401, reply.body.constData());
        }
        QCOMPARE(paidHere, 4 * 30000); // the four with 40,000 pay once each, the two others not

        // The movements of this test, user by user: charged = balance + paid.
        QString inList;
        for (const auto &user : users)
            inList += (inList.isEmpty() ? QStringLiteral("'") : QStringLiteral(",'")) + user.first
                + QStringLiteral("'");
        const qint64 balancesHere = m_fx.scalarIn(
            m_db, QStringLiteral("SELECT SUM(balance) FROM users WHERE id IN (%1)").arg(inList));
        QCOMPARE(balancesHere, chargedHere - paidHere);
        QCOMPARE(
            m_fx.scalarIn(m_db,
                          QStringLiteral("SELECT SUM(amount) FROM payments WHERE user_id IN (%1)")
                              .arg(inList)),
            paidHere);

        // Over every user of the database: everything charged equals every balance plus every
        // payment, and each user's ledger adds up to their balance.
        const qint64 charged = m_fx.scalarIn(
            m_db,
            QStringLiteral(
                "SELECT COALESCE(SUM(amount), 0) FROM balance_ledger WHERE kind = 'CHARGE'"));
        const qint64 balances =
            m_fx.scalarIn(m_db, QStringLiteral("SELECT COALESCE(SUM(balance), 0) FROM users"));
        const qint64 paid =
            m_fx.scalarIn(m_db, QStringLiteral("SELECT COALESCE(SUM(amount), 0) FROM payments"));
        QVERIFY(charged >= chargedHere);
        QCOMPARE(charged, balances + paid);
        QCOMPARE(m_fx.scalarIn(m_db,
                               QStringLiteral("SELECT COUNT(*) FROM users u LEFT JOIN (SELECT "
                                              "user_id, SUM(amount) total FROM balance_ledger "
                                              "GROUP BY user_id) l ON l.user_id = u.id "
                                              "WHERE COALESCE(l.total, 0) <> u.balance")),
                 0);
    }
};

QTEST_GUILESS_MAIN(tst_Concurrency)
#include "tst_concurrency.moc"
