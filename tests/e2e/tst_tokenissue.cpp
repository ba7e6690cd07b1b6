// Coalesced token issue across two concert-server instances on one database (issue 13, "Token
// issue past the single-INSERT ceiling"): requests gathered into multi-row INSERTs still get
// one place each, in issue order, one live place per user, and each its own answer.
#include "e2efixture.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QSet>

class tst_TokenIssue : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    std::unique_ptr<ServerProcess> m_a;
    std::unique_ptr<ServerProcess> m_b;
    HttpClient m_http;
    ApiDriver m_api{m_http};
    const QString m_db = QStringLiteral("issue");

    QUrl instance(int i) const { return (i % 2 ? m_b : m_a)->baseUrl(); }

    static HttpClient::Request tokenRequest(const QString &user, const QUrl &base)
    {
        return ApiDriver::request("POST", QStringLiteral("/api/v1/queue/tokens"),
                                  QJsonObject{{QStringLiteral("userId"), user}}, {}, base);
    }

    /** @brief user id -> token id of every token in the database (all statuses). */
    QHash<QString, QList<qint64>> tokensByUser()
    {
        const QString rows = m_fx.db().executeIn(
            m_db, QStringLiteral("SELECT user_id, id FROM queue_tokens ORDER BY id"));
        QHash<QString, QList<qint64>> byUser;
        for (const QString &line : rows.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QStringList cells = line.split(QLatin1Char('\t'));
            if (cells.size() == 2)
                byUser[cells.at(0)].append(cells.at(1).toLongLong());
        }
        return byUser;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(m_db));
        // One place ACTIVE, so that everyone else keeps a stable place in line.
        const QStringList options{
            QStringLiteral("--queue-capacity"),    QStringLiteral("1"),
            QStringLiteral("--queue-tick-ms"),     QStringLiteral("100"),
            QStringLiteral("--token-rate-per-ip"), QStringLiteral("0"),
            QStringLiteral("--admin-key"),         QString::fromLatin1(E2eFixture::kAdminKey)};
        m_a = m_fx.startServer(m_db, options);
        m_b = m_fx.startServer(m_db, options);
        QVERIFY(m_a && m_b);
        m_http.setBaseUrl(m_a->baseUrl());
    }

    void aThousandUsersAtOnceGetAThousandPlacesInIssueOrder()
    {
        constexpr int kUsers = 1000;
        constexpr int kRepeats = 10;
        QStringList users;
        QList<HttpClient::Request> requests;
        const QString repeated = ApiDriver::newUserId();
        for (int i = 0; i < kUsers; ++i) {
            users << ApiDriver::newUserId();
            requests << tokenRequest(users.last(), instance(i));
            if (i % (kUsers / kRepeats) == 0) // the same user, spread over the burst
                requests << tokenRequest(repeated, instance(i + 1));
        }
        QCOMPARE(requests.size(), kUsers + kRepeats);
        const QList<HttpReply> replies = m_http.sendConcurrently(requests, 512);

        // Each request its own answer: 201 for every new user, one 201 and nine 200 for the
        // repeated one, all ten with the same token.
        int created = 0;
        int repeatedCreated = 0;
        QSet<QString> repeatedTokens;
        QSet<QString> tokens;
        for (int r = 0; r < replies.size(); ++r) {
            const HttpReply &reply = replies.at(r);
            const QString user =
                QString::fromUtf8(requests.at(r).body).contains(repeated) ? repeated : QString();
            QVERIFY2(reply.status == 201 || reply.status == 200,
                     qPrintable(QString::number(reply.status)));
            const QString token = reply.json.value(QLatin1String("token")).toString();
            QVERIFY(!token.isEmpty());
            if (!user.isEmpty()) {
                repeatedTokens.insert(token);
                repeatedCreated += reply.status == 201 ? 1 : 0;
            } else {
                QCOMPARE(reply.status, 201);
                ++created;
                tokens.insert(token);
            }
        }
        QCOMPARE(created, kUsers);
        QCOMPARE(tokens.size(), kUsers);
        QCOMPARE(repeatedCreated, 1);
        QCOMPARE(repeatedTokens.size(), 1);

        // In SQL: one token per user, 1,001 distinct ids.
        const QHash<QString, QList<qint64>> byUser = tokensByUser();
        QCOMPARE(byUser.size(), kUsers + 1);
        QList<qint64> ids;
        for (auto it = byUser.cbegin(); it != byUser.cend(); ++it) {
            QVERIFY2(it->size() == 1, qPrintable(it.key()));
            ids << it->first();
        }
        QCOMPARE(m_fx.scalarIn(m_db,
                               QStringLiteral("SELECT COUNT(DISTINCT id) FROM queue_tokens "
                                              "WHERE status <> 'EXPIRED'")),
                 qint64(kUsers + 1));
        QCOMPARE(m_fx.scalarIn(m_db,
                               QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE "
                                              "user_id = '%1'")
                                   .arg(repeated)),
                 qint64(1));

        // Gathered: the burst went to the database in far fewer statements than requests
        // (a batch's rows share their issue time).
        const qint64 issueTimes = m_fx.scalarIn(
            m_db, QStringLiteral("SELECT COUNT(DISTINCT issued_at) FROM queue_tokens"));
        qInfo("%d token requests issued at %lld distinct times", int(requests.size()), issueTimes);
        QVERIFY2(issueTimes < kUsers * 3 / 4, qPrintable(QString::number(issueTimes)));

        // The one ACTIVE place goes to the first id; wait until both instances see it.
        std::sort(ids.begin(), ids.end());
        QTRY_VERIFY_WITH_TIMEOUT(m_fx.scalarIn(m_db,
                                               QStringLiteral("SELECT COUNT(*) FROM "
                                                              "queue_tokens WHERE status "
                                                              "= 'ACTIVE'"))
                                     == 1,
                                 10000);
        QCOMPARE(m_fx.scalarIn(m_db,
                               QStringLiteral("SELECT id FROM queue_tokens WHERE status = "
                                              "'ACTIVE'")),
                 ids.first());

        // Status answers from both instances: places 1..1000 in id order, none twice.
        QHash<QString, QString> tokenOf; // user -> token
        QList<HttpClient::Request> polls;
        QList<QString> pollUsers;
        for (int r = 0; r < replies.size(); ++r) {
            const QJsonObject json = replies.at(r).json;
            const QString user = json.value(QLatin1String("userId")).toString();
            if (tokenOf.contains(user))
                continue;
            tokenOf.insert(user, json.value(QLatin1String("token")).toString());
            pollUsers << user;
            polls << ApiDriver::request("GET", QStringLiteral("/api/v1/queue/status"), {},
                                        HttpClient::bearer(tokenOf.value(user)),
                                        instance(int(polls.size())));
        }
        QCOMPARE(polls.size(), kUsers + 1);
        QMap<qint64, qint64> positionById;
        const QDeadlineTimer deadline(30000);
        bool settled = false;
        while (!settled && !deadline.hasExpired()) {
            const QList<HttpReply> statuses = m_http.sendConcurrently(polls, 256);
            positionById.clear();
            settled = true;
            for (int p = 0; p < statuses.size(); ++p) {
                const QJsonObject json = statuses.at(p).json;
                const QString status = json.value(QLatin1String("status")).toString();
                const qint64 id = byUser.value(pollUsers.at(p)).first();
                if (status == QLatin1String("ACTIVE")) {
                    if (id != ids.first())
                        settled = false;
                    continue;
                }
                positionById.insert(id, json.value(QLatin1String("position")).toInteger());
            }
            // Settled: places 1..n without a gap, increasing with the id.
            qint64 expected = 1;
            for (const qint64 position : std::as_const(positionById))
                settled = settled && position == expected++;
            if (!settled)
                QTest::qWait(200);
        }
        QVERIFY2(settled, "status answers never showed places 1..1000 in id order");
        QCOMPARE(positionById.size(), kUsers);
    }

    void requestsOneAfterAnotherGetIncreasingPlaces()
    {
        // Arrival order decides on each instance, and the database's id order across them.
        qint64 lastId = 0;
        qint64 lastPosition = 0;
        for (int i = 0; i < 20; ++i) {
            const QString user = ApiDriver::newUserId();
            const QList<HttpReply> replies =
                m_http.sendConcurrently({tokenRequest(user, instance(i))}, 1);
            QCOMPARE(replies.first().status, 201);
            const qint64 id = m_fx.scalarIn(
                m_db, QStringLiteral("SELECT id FROM queue_tokens WHERE user_id = '%1'").arg(user));
            const qint64 position =
                replies.first().json.value(QLatin1String("position")).toInteger();
            QVERIFY(id > lastId);
            QVERIFY2(position > lastPosition, qPrintable(QString::number(position)));
            lastId = id;
            lastPosition = position;
        }
    }

    void aNewUsersRequestIsNotHeldUpWhenIdle()
    {
        // The gathering window is a millisecond: a lone request answers at once.
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < 20; ++i) {
            const HttpReply reply =
                m_http.post(QStringLiteral("/api/v1/queue/tokens"),
                            {{QStringLiteral("userId"), ApiDriver::newUserId()}});
            QCOMPARE(reply.status, 201);
        }
        QVERIFY2(timer.elapsed() < 20 * 250, qPrintable(QString::number(timer.elapsed())));
    }

    void cleanupTestCase()
    {
        m_a.reset();
        m_b.reset();
    }
};

QTEST_GUILESS_MAIN(tst_TokenIssue)
#include "tst_tokenissue.moc"
