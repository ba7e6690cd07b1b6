// What one instance changes, the other sees within a tick, now that each tick reads only the
// token rows changed since the last one (issue 13, "Per-tick work proportional to change";
// api-contract.md "A spent token", "Seat maps and dates across instances"). Every step runs
// after a quiet spell longer than the change read's look-back, so that only the indexed
// change read can tell the other instance.
#include "e2efixture.h"

#include <QElapsedTimer>
#include <QJsonArray>

class tst_TickChanges : public QObject
{
    Q_OBJECT

private:
    static constexpr int kTickMs = 250;
    static constexpr int kMarginMs = 250; ///< the tick's own work and a loaded 2-core machine
    static constexpr int kQuietMs = 3'500; ///< longer than the ticker's 3 s look-back

    E2eFixture m_fx;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
    HttpClient m_http;
    ApiDriver m_api{m_http};
    const QString m_db = QStringLiteral("tickchanges");

    HttpReply send(const QByteArray &method, const QString &path, const QString &token,
                   const QUrl &base, const QJsonObject &body = {})
    {
        return m_http
            .sendConcurrently(
                {ApiDriver::request(method, path, body, HttpClient::bearer(token), base)}, 1)
            .value(0);
    }

    qint64 position(const QString &token, const QUrl &base)
    {
        const HttpReply reply = m_api.status(token, base);
        if (reply.json.value(QLatin1String("status")).toString() != QLatin1String("WAITING"))
            return -1;
        return reply.json.value(QLatin1String("position")).toInteger();
    }

    /** @brief Polls @p seen (bounded, 5 s) and returns the ms it took, or -1. */
    template<typename Seen>
    qint64 msUntil(Seen seen)
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5000) {
            if (seen())
                return timer.elapsed();
            QTest::qWait(5);
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(m_db));
        const QStringList options{
            QStringLiteral("--queue-capacity"), QStringLiteral("2"),
            QStringLiteral("--queue-tick-ms"),  QString::number(kTickMs),
            QStringLiteral("--admin-key"),      QString::fromLatin1(E2eFixture::kAdminKey)};
        m_a = m_fx.startServer(m_db, options);
        m_b = m_fx.startServer(m_db, options);
        QVERIFY(m_a && m_b);
        m_http.setBaseUrl(m_a->baseUrl());
    }

    void changesOnBShowOnAWithinOneTick()
    {
        const HttpReply concert =
            m_api.createConcert(E2eFixture::kAdminKey, {E2eFixture::day(30)}, 10000);
        const qint64 concertId = concert.json.value(QLatin1String("id")).toInteger();
        QVERIFY(concertId > 0);
        const QString seats = QStringLiteral("/api/v1/concerts/%1/dates/%2/seats")
                                  .arg(concertId)
                                  .arg(E2eFixture::day(30));

        // Two ACTIVE (the capacity), three WAITING, issued one after another on A.
        QStringList tokens;
        for (int i = 0; i < 5; ++i) {
            const HttpReply issued = m_api.issueToken(ApiDriver::newUserId(), m_a->baseUrl());
            QCOMPARE(issued.status, 201);
            tokens << issued.json.value(QLatin1String("token")).toString();
            if (i < 2)
                QVERIFY(m_api.waitForStatus(tokens.last(), QStringLiteral("ACTIVE"), 10000,
                                            m_a->baseUrl()));
        }
        QTRY_COMPARE_WITH_TIMEOUT(position(tokens.at(4), m_a->baseUrl()), qint64(3), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(position(tokens.at(4), m_b->baseUrl()), qint64(3), 5000);
        QCOMPARE(send("GET", seats, tokens.at(0), m_a->baseUrl()).status, 200);

        // A waiting token leaves on B: A's places move up within a tick.
        QTest::qWait(kQuietMs);
        QCOMPARE(send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), tokens.at(2),
                      m_b->baseUrl())
                     .status,
                 204);
        const qint64 leftMs = msUntil([&] { return position(tokens.at(4), m_a->baseUrl()) == 2; });
        qInfo("a leave on B moved A's places after %lld ms (tick %d ms)", leftMs, kTickMs);
        QVERIFY2(leftMs >= 0 && leftMs <= kTickMs + kMarginMs, qPrintable(QString::number(leftMs)));

        // An ACTIVE token is spent on B: A's seat map refuses it within a tick.
        QTest::qWait(kQuietMs);
        QCOMPARE(send("DELETE", QStringLiteral("/api/v1/queue/tokens/current"), tokens.at(0),
                      m_b->baseUrl())
                     .status,
                 204);
        const qint64 spentMs = msUntil([&] {
            const HttpReply reply = send("GET", seats, tokens.at(0), m_a->baseUrl());
            return reply.status == 401 && reply.errorCode() == QLatin1String("TOKEN_EXPIRED");
        });
        qInfo("a token spent on B was refused by A's seat map after %lld ms", spentMs);
        QVERIFY2(spentMs >= 0 && spentMs <= kTickMs + kMarginMs,
                 qPrintable(QString::number(spentMs)));

        // Its place goes to the next in line: both instances show the admission within the
        // admitter's next tick and their own next refresh.
        const qint64 admittedMs = msUntil([&] {
            return m_api.status(tokens.at(3), m_a->baseUrl())
                       .json.value(QLatin1String("status"))
                       .toString()
                == QLatin1String("ACTIVE")
                && m_api.status(tokens.at(3), m_b->baseUrl())
                       .json.value(QLatin1String("status"))
                       .toString()
                == QLatin1String("ACTIVE");
        });
        qInfo("the freed place was admitted on both instances after %lld ms", admittedMs);
        QVERIFY2(admittedMs >= 0 && admittedMs <= 2 * kTickMs + kMarginMs,
                 qPrintable(QString::number(admittedMs)));
        QCOMPARE(position(tokens.at(4), m_a->baseUrl()), qint64(1));
        QCOMPARE(position(tokens.at(4), m_b->baseUrl()), qint64(1));
    }

    void cleanupTestCase()
    {
        m_a.reset();
        m_b.reset();
    }
};

QTEST_GUILESS_MAIN(tst_TickChanges)
#include "tst_tickchanges.moc"
