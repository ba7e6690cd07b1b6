// Push at scale (issue 8, "Push": "2,000 concurrent streams on one instance stay correct"):
// 2,000 WebSocket clients of GET /api/v1/queue/stream (api-contract.md, "Waiting rooms": Push)
// on one real concert-server over loopback. Each gets its own status first; one admission tick
// makes exactly the admitted ones receive ACTIVE (the time from the admission to ACTIVE on the
// stream is measured and printed); the others follow their own new places; nobody ever receives
// another token's status. Every wait is bounded in time.
#include "e2efixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QWebSocket>

#include <algorithm>
#include <sys/resource.h>

class tst_PushStreams : public QObject
{
    Q_OBJECT

private:
    static constexpr int kStreams = 2000;
    static constexpr int kAdmitted = 500; // the room's capacity once it resumes
    static constexpr int kTickMs = 200;
    static constexpr int kOpenBatch = 250; // handshakes in flight at once

    struct Stream
    {
        QWebSocket *socket = nullptr;
        QString token;
        qint64 expectedPosition = 0; ///< the token's place before the admission
        QList<QJsonObject> messages;
        qint64 activeAtMs = 0; ///< when ACTIVE arrived, ms since the epoch
        bool connected = false;
    };

    E2eFixture m_fx;
    HttpClient m_http;
    ApiDriver m_api{m_http};
    std::unique_ptr<ServerProcess> m_server;
    std::vector<Stream> m_streams;

    static HttpHeaders admin() { return {{QByteArrayLiteral("X-Admin-Key"), "k"}}; }

    HttpReply patch(qint64 concertId, const QByteArray &body)
    {
        return m_http.send("PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concertId),
                           body, admin());
    }

    QUrl streamUrl() const
    {
        QUrl url = m_server->baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/queue/stream"));
        return url;
    }

    static QString statusOf(const QJsonObject &message)
    {
        return message.value(QLatin1String("status")).toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Each stream is one descriptor here and one in the server: raise the soft limit.
        rlimit files{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &files) == 0);
        if (files.rlim_cur < files.rlim_max) {
            files.rlim_cur = files.rlim_max;
            QVERIFY(::setrlimit(RLIMIT_NOFILE, &files) == 0);
        }
        QVERIFY2(files.rlim_cur >= rlim_t(kStreams + 512), "open-file limit too low");
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(QStringLiteral("push")));
        // Every stream comes from 127.0.0.1: lift the per-address connection limit and the
        // per-address token rate, which would otherwise stop a single test client.
        m_server = m_fx.startServer(QStringLiteral("push"),
                                    {QStringLiteral("--queue-tick-ms"), QString::number(kTickMs),
                                     QStringLiteral("--queue-capacity"), QString::number(kAdmitted),
                                     QStringLiteral("--admin-key"), QStringLiteral("k"),
                                     QStringLiteral("--max-connections-per-ip"),
                                     QString::number(kStreams + 500),
                                     QStringLiteral("--token-rate-per-ip"), QStringLiteral("0")});
        QVERIFY(m_server);
        m_http.setBaseUrl(m_server->baseUrl());
    }

    void twoThousandStreamsStayCorrect()
    {
        // A concert whose room is paused: 2,000 customers join and keep their places.
        const qint64 concert = m_api.createConcert("k", {E2eFixture::day(40)}, 1000)
                                   .json.value(QLatin1String("id"))
                                   .toInteger();
        QVERIFY(concert > 0);
        QCOMPARE(patch(concert, R"({"queue":{"paused":true}})").status, 200);
        QList<HttpClient::Request> joins;
        for (int i = 0; i < kStreams; ++i)
            joins << ApiDriver::request(
                "POST", QStringLiteral("/api/v1/queue/tokens"),
                QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                            {QStringLiteral("concertId"), concert}});
        const QList<HttpReply> joined = m_http.sendConcurrently(joins, 16);
        QCOMPARE(joined.size(), kStreams);
        m_streams.resize(kStreams);
        for (int i = 0; i < kStreams; ++i) {
            QCOMPARE(joined.at(i).status, 201);
            m_streams[i].token = joined.at(i).json.value(QLatin1String("token")).toString();
        }
        // Once a tick has read them all, every place is settled (the room is paused).
        const auto waitingInRoom = [&]() {
            const QJsonArray rooms = m_http.get(QStringLiteral("/api/v1/admin/queue"), admin())
                                         .json.value(QLatin1String("rooms"))
                                         .toArray();
            for (const QJsonValue &room : rooms) {
                if (room[QLatin1String("concertId")].toInteger() == concert)
                    return room[QLatin1String("waiting")].toInteger();
            }
            return qint64(-1);
        };
        QTRY_COMPARE_WITH_TIMEOUT(waitingInRoom(), qint64(kStreams), 10000);
        QList<HttpClient::Request> polls;
        for (const Stream &stream : m_streams)
            polls << ApiDriver::request("GET", QStringLiteral("/api/v1/queue/status"), {},
                                        HttpClient::bearer(stream.token));
        const QList<HttpReply> places = m_http.sendConcurrently(polls, 16);
        QSet<qint64> seen;
        for (int i = 0; i < kStreams; ++i) {
            m_streams[i].expectedPosition =
                places.at(i).json.value(QLatin1String("position")).toInteger();
            seen.insert(m_streams[i].expectedPosition);
        }
        QCOMPARE(seen.size(), kStreams);
        QCOMPARE(*std::min_element(seen.cbegin(), seen.cend()), 1);
        QCOMPARE(*std::max_element(seen.cbegin(), seen.cend()), qint64(kStreams));

        // 2,000 streams, opened in batches; each sends its token once connected.
        QElapsedTimer opening;
        opening.start();
        int connected = 0;
        for (int i = 0; i < kStreams; ++i) {
            auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
            m_streams[i].socket = socket;
            connect(socket, &QWebSocket::connected, this, [this, i, &connected]() {
                m_streams[i].connected = true;
                ++connected;
                m_streams[i].socket->sendTextMessage(
                    QStringLiteral("{\"token\":\"%1\"}").arg(m_streams[i].token));
            });
            connect(socket, &QWebSocket::textMessageReceived, this, [this, i](const QString &text) {
                const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
                if (statusOf(message) == QLatin1String("ACTIVE") && m_streams[i].activeAtMs == 0)
                    m_streams[i].activeAtMs = QDateTime::currentMSecsSinceEpoch();
                m_streams[i].messages << message;
            });
            socket->open(streamUrl());
            if ((i + 1) % kOpenBatch == 0)
                QTRY_VERIFY_WITH_TIMEOUT(connected == i + 1, 20000);
        }
        QTRY_COMPARE_WITH_TIMEOUT(connected, kStreams, 20000);
        const auto everyoneHeardOnce = [this]() {
            return std::all_of(m_streams.cbegin(), m_streams.cend(),
                               [](const Stream &s) { return !s.messages.isEmpty(); });
        };
        QTRY_VERIFY_WITH_TIMEOUT(everyoneHeardOnce(), 30000);
        qInfo("%d streams open and answered in %lld ms", kStreams, qint64(opening.elapsed()));
        // Each stream's first message is its own token's status.
        for (const Stream &stream : m_streams) {
            const QJsonObject first = stream.messages.first();
            QCOMPARE(statusOf(first), QStringLiteral("WAITING"));
            QCOMPARE(first.value(QLatin1String("position")).toInteger(), stream.expectedPosition);
            QCOMPARE(first.value(QLatin1String("concertId")).toInteger(), concert);
        }

        // Resume: the next tick admits the first 500 at once.
        QCOMPARE(patch(concert, R"({"queue":{"paused":false}})").status, 200);
        const auto admittedAll = [this]() {
            return std::all_of(m_streams.cbegin(), m_streams.cend(), [](const Stream &s) {
                return s.expectedPosition > kAdmitted || s.activeAtMs > 0;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(admittedAll(), 20000);
        // The others follow their own new places (at most one message a second).
        const auto othersMoved = [this]() {
            return std::all_of(m_streams.cbegin(), m_streams.cend(), [](const Stream &s) {
                return s.expectedPosition <= kAdmitted
                    || s.messages.last().value(QLatin1String("position")).toInteger()
                    == s.expectedPosition - kAdmitted;
            });
        };
        QTRY_VERIFY_WITH_TIMEOUT(othersMoved(), 20000);

        // The admission as the database recorded it: one UPDATE, one admitted_at.
        const QString admittedAt =
            m_fx.db()
                .executeIn(QStringLiteral("push"),
                           QStringLiteral("SELECT DATE_FORMAT(MIN(admitted_at), "
                                          "'%Y-%m-%dT%H:%i:%s.%f'), COUNT(*) FROM queue_tokens "
                                          "WHERE room_id = %1 AND status = 'ACTIVE'")
                               .arg(concert))
                .trimmed();
        QCOMPARE(admittedAt.section(QLatin1Char('\t'), 1).toInt(), kAdmitted);
        QDateTime admitted = QDateTime::fromString(
            admittedAt.section(QLatin1Char('\t'), 0).left(23), Qt::ISODateWithMs);
        admitted.setTimeSpec(Qt::UTC);
        QVERIFY(admitted.isValid());

        QList<qint64> lags;
        for (const Stream &stream : m_streams) {
            bool sawActive = false;
            for (const QJsonObject &message : stream.messages) {
                const QString status = statusOf(message);
                if (status == QLatin1String("ACTIVE")) {
                    sawActive = true;
                    QCOMPARE(message.value(QLatin1String("position")).toInteger(), 0);
                    QVERIFY(!message.value(QLatin1String("expiresAt")).toString().isEmpty());
                    continue;
                }
                // Nobody receives another's status: a WAITING message shows this token's
                // place before or after the admission, nothing else.
                QCOMPARE(status, QStringLiteral("WAITING"));
                QVERIFY(!sawActive);
                const qint64 position = message.value(QLatin1String("position")).toInteger();
                QVERIFY2(position == stream.expectedPosition
                             || position == stream.expectedPosition - kAdmitted,
                         qPrintable(QStringLiteral("position %1 on the stream of place %2")
                                        .arg(position)
                                        .arg(stream.expectedPosition)));
                QCOMPARE(message.value(QLatin1String("concertId")).toInteger(), concert);
            }
            QCOMPARE(sawActive, stream.expectedPosition <= kAdmitted);
            if (sawActive)
                lags << stream.activeAtMs - admitted.toMSecsSinceEpoch();
            QCOMPARE(stream.socket->state(), QAbstractSocket::ConnectedState);
        }
        QCOMPARE(lags.size(), kAdmitted);
        std::sort(lags.begin(), lags.end());
        const auto at = [&](double q) {
            return lags.at(qMin(int(q * lags.size()), lags.size() - 1));
        };
        qInfo("admission tick -> ACTIVE on the stream, %d of %d streams: p50 %lld ms, p99 %lld ms, "
              "max %lld ms (tick %d ms)",
              kAdmitted, kStreams, at(0.5), at(0.99), lags.last(), kTickMs);
        // Pushed on the tick that admitted them (the contract's "within one tick"), with room for
        // 2,000 streams sharing two busy cores with the server and MariaDB.
        QVERIFY2(lags.first() >= 0, "ACTIVE before the admission was recorded");
        QVERIFY2(at(0.5) <= 3 * kTickMs, "half of the streams saw ACTIVE later than 3 ticks");
        QVERIFY2(lags.last() <= 5000, "a stream saw ACTIVE more than 5 s after its admission");

        for (Stream &stream : m_streams)
            stream.socket->abort();
    }
};

QTEST_GUILESS_MAIN(tst_PushStreams)
#include "tst_pushstreams.moc"
