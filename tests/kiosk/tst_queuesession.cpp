// QueueSession: the poll interval, waiting until admitted, queueing again after the token
// ended, and asking again once the server is back.

#include "apiclient.h"
#include "fakebackend.h"
#include "queuesession.h"

#include <QtTest>

namespace {

const QString kUser = QStringLiteral("3f2b8c1e-0a4d-4e7b-9c21-5d6e7f8a9b0c");

} // namespace

class TestQueueSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pollIntervalGrowsWithDistanceToTheFront_data()
    {
        QTest::addColumn<int>("position");
        QTest::addColumn<int>("expectedMs");
        QTest::addRow("next in line polls every second") << 1 << 1000;
        QTest::addRow("fifth still every second") << 5 << 1000;
        QTest::addRow("sixth a little slower") << 6 << 1200;
        QTest::addRow("fiftieth every ten seconds") << 50 << 10000;
        QTest::addRow("far back at most every fifteen seconds") << 100000 << 15000;
    }
    void pollIntervalGrowsWithDistanceToTheFront()
    {
        QFETCH(int, position);
        QFETCH(int, expectedMs);
        QCOMPARE(QueueSession::pollIntervalFor(position), expectedMs);
        QVERIFY(QueueSession::pollIntervalFor(position + 1)
                >= QueueSession::pollIntervalFor(position));
    }

    void waitsThenIsAdmitted()
    {
        FakeBackend backend;
        backend.queueAhead = 3;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        QueueSession session;
        session.setClient(&client);
        QSignalSpy admitted(&session, &QueueSession::admitted);
        QList<int> positions;
        connect(&session, &QueueSession::positionChanged, this, [&]() {
            if (session.state() == QueueSession::Waiting && !positions.contains(session.position()))
                positions << session.position();
        });

        session.join(kUser);
        QCOMPARE(session.state(), QueueSession::Joining);
        QTRY_COMPARE(session.state(), QueueSession::Waiting);
        QCOMPARE(session.position(), 4);
        QCOMPARE(session.peopleAhead(), 3);
        QCOMPARE(session.estimatedWaitSeconds(), 80);
        QCOMPARE(client.token(), session.token());
        QTRY_COMPARE_WITH_TIMEOUT(admitted.size(), 1, 10000);
        QCOMPARE(session.state(), QueueSession::Active);
        QCOMPARE(session.position(), 0);
        QCOMPARE(session.progress(), 1.0);
        QVERIFY(session.expiresAt().isValid());
        QCOMPARE(positions, (QList<int>{4, 3, 2, 1}));
    }

    void progressMovesTowardTheFront()
    {
        FakeBackend backend;
        backend.queueAhead = 3;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        QueueSession session;
        session.setClient(&client);
        QList<double> progress;
        connect(&session, &QueueSession::positionChanged, this,
                [&]() { progress << session.progress(); });
        session.join(kUser);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), QueueSession::Active, 10000);
        for (qsizetype i = 1; i < progress.size(); ++i)
            QVERIFY(progress.at(i) >= progress.at(i - 1));
        QVERIFY(progress.first() < 0.5);
    }

    void expiredTokenQueuesAgain()
    {
        FakeBackend backend;
        backend.queueAhead = 2;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        QueueSession session;
        session.setClient(&client);
        session.join(kUser);
        QTRY_COMPARE(session.state(), QueueSession::Waiting);
        const QString first = session.token();
        backend.expireToken(first);
        QTRY_VERIFY(!session.token().isEmpty() && session.token() != first);
        QCOMPARE(session.userId(), kUser);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), QueueSession::Active, 10000);
    }

    void joinIsRetriedWhenTheServerIsBack()
    {
        FakeBackend backend;
        QVERIFY(backend.start());
        const QUrl url = backend.baseUrl();
        backend.stub().stop();
        ApiClient client;
        client.setBaseUrl(url);
        client.setRetryIntervalMs(100);
        QueueSession session;
        session.setClient(&client);
        session.join(kUser);
        QTRY_VERIFY(!client.reachable());
        QVERIFY(session.token().isEmpty());
        QVERIFY(backend.start());
        QTRY_COMPARE(session.state(), QueueSession::Active);
        QVERIFY(!session.token().isEmpty());
    }

    void leaveForgetsEverything()
    {
        FakeBackend backend;
        backend.queueAhead = 5;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        QueueSession session;
        session.setClient(&client);
        session.join(kUser);
        QTRY_COMPARE(session.state(), QueueSession::Waiting);
        const QString token = session.token();
        session.leave();
        QCOMPARE(session.state(), QueueSession::Idle);
        // The place is given back to the server, in the background, with the token just left.
        QTRY_COMPARE(backend.stub()
                         .requests("DELETE", QStringLiteral("/api/v1/queue/tokens/current"))
                         .size(),
                     1);
        QCOMPARE(backend.stub()
                     .requests("DELETE", QStringLiteral("/api/v1/queue/tokens/current"))
                     .constFirst()
                     .bearer(),
                 token);
        QVERIFY(session.token().isEmpty());
        QVERIFY(client.token().isEmpty());
        QVERIFY(session.userId().isEmpty());
        const qsizetype polls =
            backend.stub().requests("GET", QStringLiteral("/api/v1/queue/status")).size();
        QTest::qWait(QueueSession::pollIntervalFor(6) + 300); // a poll would have happened by now
        QCOMPARE(backend.stub().requests("GET", QStringLiteral("/api/v1/queue/status")).size(),
                 polls);
    }

    void forgetDoesNotTellTheServer()
    {
        FakeBackend backend;
        backend.queueAhead = 5;
        QVERIFY(backend.start());
        ApiClient client;
        client.setBaseUrl(backend.baseUrl());
        QueueSession session;
        session.setClient(&client);
        session.join(kUser, 2);
        QCOMPARE(session.roomConcertId(), qint64(2));
        QTRY_COMPARE(session.state(), QueueSession::Waiting);
        const QList<StubRequest> joins =
            backend.stub().requests("POST", QStringLiteral("/api/v1/queue/tokens"));
        QCOMPARE(joins.size(), 1);
        QCOMPARE(joins.constFirst().json.value(QLatin1String("concertId")).toInteger(), 2);
        session.forget(); // e.g. the payment spent the token
        QCOMPARE(session.state(), QueueSession::Idle);
        QTest::qWait(300);
        QVERIFY(backend.stub()
                    .requests("DELETE", QStringLiteral("/api/v1/queue/tokens/current"))
                    .isEmpty());
    }

    void prequeuePollsSlowlyUntilTheOpening_data()
    {
        QTest::addColumn<int>("seconds");
        QTest::addColumn<int>("expectedMs");
        QTest::addRow("an hour before: every 15 s") << 3600 << 15000;
        QTest::addRow("in the last minute: every 5 s") << 60 << 5000;
        QTest::addRow("in the last 5 s: every second") << 5 << 1000;
        QTest::addRow("opening now: every second") << 0 << 1000;
    }
    void prequeuePollsSlowlyUntilTheOpening()
    {
        QFETCH(int, seconds);
        QFETCH(int, expectedMs);
        QCOMPARE(QueueSession::prequeuePollIntervalFor(seconds), expectedMs);
    }
};

QTEST_GUILESS_MAIN(TestQueueSession)
#include "tst_queuesession.moc"
