// For operators and integrators (api-contract.md; operations-contract.md "Additions"):
// `--version`, `GET /metrics` (every family, counters that move, route templates only),
// `--access-log` (the fields, one line per answer, no secret, `-` for standard output, reopened
// on SIGHUP) and `GET /api/v1/openapi.json`.
#include "e2efixture.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QWebSocket>

#include <algorithm>
#include <functional>

#include <csignal>

class tst_Observability : public QObject
{
    Q_OBJECT

private:
    E2eFixture m_fx;
    QTemporaryDir m_dir;
    std::unique_ptr<ServerProcess> m_server;
    QString m_logPath;
    HttpClient m_client;
    ApiDriver m_api{m_client};

    static constexpr const char *kSecretToken = "v1.not-a-real-token.sekrit-bearer-value";

    /** @brief The value of the series written exactly as @p series; -1 when absent. */
    double sample(const QString &series)
    {
        const HttpReply reply = m_client.get(QStringLiteral("/metrics"));
        for (const QByteArray &line : reply.body.split('\n')) {
            if (line.startsWith(series.toUtf8() + ' '))
                return line.mid(series.toUtf8().size() + 1).toDouble();
        }
        return -1;
    }

    /** @brief The access log's lines once it has at least @p count of them (5 s at most). */
    /**
     * @brief The log's lines once @p done accepts them, or as they are after 5 s (the writer
     * thread writes every 200 ms, so a line can lag its answer by that much).
     */
    static QList<QByteArray>
    logLinesWhen(const QString &path, const std::function<bool(const QList<QByteArray> &)> &done)
    {
        QList<QByteArray> lines;
        const QDeadlineTimer deadline(5000);
        do {
            QFile file(path);
            if (file.open(QIODevice::ReadOnly)) {
                lines = file.readAll().split('\n');
                lines.removeAll(QByteArray());
            }
            if (done(lines))
                break;
            QThread::msleep(50);
        } while (!deadline.hasExpired());
        return lines;
    }

    static QList<QByteArray> logLines(const QString &path, int count)
    {
        return logLinesWhen(
            path, [count](const QList<QByteArray> &lines) { return lines.size() >= count; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_fx.startDatabase());
        QVERIFY(m_fx.createDatabase(QStringLiteral("obs")));
        m_logPath = m_dir.filePath(QStringLiteral("access.log"));
        m_server = m_fx.startServer(QStringLiteral("obs"),
                                    {QStringLiteral("--admin-key"),
                                     QString::fromLatin1(E2eFixture::kAdminKey),
                                     QStringLiteral("--queue-tick-ms"), QStringLiteral("100"),
                                     QStringLiteral("--access-log"), m_logPath});
        QVERIFY(m_server);
        m_client.setBaseUrl(m_server->baseUrl());
    }

    void versionPrintsNameAndVersion()
    {
        QProcess process;
        process.start(ServerProcess::defaultProgram(), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        QVERIFY2(QRegularExpression(QStringLiteral("^concert-server \\d+\\.\\d+\\.\\d+\\n$"))
                     .match(out)
                     .hasMatch(),
                 qPrintable(out));
    }

    void metricsShowEveryFamily()
    {
        // A family shows once it has a series: the request counters after a first answer.
        QCOMPARE(m_client.get(QStringLiteral("/api/v1/health")).status, 200);
        const HttpReply reply = m_client.get(QStringLiteral("/metrics"));
        QCOMPARE(reply.status, 200);
        bool textPlain = false;
        for (const auto &[name, value] : reply.headers)
            textPlain |= name.toLower() == "content-type" && value.startsWith("text/plain");
        QVERIFY(textPlain);
        for (const char *family :
             {"concert_http_requests_total", "concert_http_request_duration_seconds",
              "concert_queue_waiting", "concert_queue_active", "concert_queue_admitted_total",
              "concert_queue_abandoned_total", "concert_holds_total", "concert_payments_total",
              "concert_db_errors_total", "concert_webhook_deliveries_total",
              "process_cpu_seconds_total", "process_resident_memory_bytes",
              "process_start_time_seconds", "process_open_fds"}) {
            QVERIFY2(reply.body.contains(QByteArray("# TYPE ") + family + ' '), family);
        }
        QVERIFY(reply.body.contains("concert_queue_waiting{room=\"house\"}"));
        QVERIFY(sample(QStringLiteral("process_open_fds")) > 0);
        QVERIFY(sample(QStringLiteral("process_resident_memory_bytes")) > 1e6);
        const double started = sample(QStringLiteral("process_start_time_seconds"));
        QVERIFY(qAbs(started - QDateTime::currentSecsSinceEpoch()) < 3600);
    }

    void metricsCountByRouteTemplate()
    {
        const QString series = QStringLiteral(
            "concert_http_requests_total{method=\"GET\",route=\"/api/v1/reservations/{id}\","
            "status=\"401\"}");
        const double before = qMax(0.0, sample(series));
        for (const char *id : {"77", "78", "79"})
            QCOMPARE(m_client
                         .get(QStringLiteral("/api/v1/reservations/%1").arg(id),
                              HttpClient::bearer(QString::fromLatin1(kSecretToken)))
                         .status,
                     401);
        QCOMPARE(sample(series), before + 3);
        const HttpReply metrics = m_client.get(QStringLiteral("/metrics"));
        QVERIFY(!metrics.body.contains("/reservations/77"));
        QVERIFY(metrics.body.contains(
            "concert_http_request_duration_seconds_bucket{route=\"/api/v1/reservations/{id}\","
            "le=\"+Inf\"}"));
        // An unknown path is counted without its raw path.
        QCOMPARE(m_client.get(QStringLiteral("/no/such/secret-path")).status, 404);
        const HttpReply after = m_client.get(QStringLiteral("/metrics"));
        QVERIFY(!after.body.contains("secret-path"));
        QVERIFY(after.body.contains("route=\"(unmatched)\",status=\"404\""));
        QCOMPARE(m_client.send("POST", QStringLiteral("/metrics")).status, 405);
    }

    void metricsCountHoldsPaymentsAndQueue()
    {
        const double admitted =
            sample(QStringLiteral("concert_queue_admitted_total{room=\"house\"}"));
        const double held = sample(QStringLiteral("concert_holds_total{result=\"held\"}"));
        const double completed =
            sample(QStringLiteral("concert_payments_total{result=\"completed\"}"));
        const HttpReply concert =
            m_api.createConcert(E2eFixture::kAdminKey, {E2eFixture::day(20)}, 1000);
        QCOMPARE(concert.status, 201);
        const qint64 concertId = concert.json.value(QLatin1String("id")).toInteger();
        const QString user = ApiDriver::newUserId();
        const QString token = m_api.admittedToken(user);
        QVERIFY(!token.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            sample(QStringLiteral("concert_queue_admitted_total{room=\"house\"}")) >= admitted + 1,
            5000);
        QTRY_VERIFY_WITH_TIMEOUT(
            sample(QStringLiteral("concert_queue_active{room=\"house\"}")) >= 1, 5000);
        const HttpReply hold = m_api.hold(token, concertId, E2eFixture::day(20), {3});
        QCOMPARE(hold.status, 201);
        QCOMPARE(m_api.hold(token, concertId, E2eFixture::day(20), {3}).status, 409);
        QCOMPARE(sample(QStringLiteral("concert_holds_total{result=\"held\"}")), held + 1);
        QVERIFY(sample(QStringLiteral("concert_holds_total{result=\"seat_unavailable\"}")) >= 1);
        QCOMPARE(m_api.charge(user, 5000).status, 200);
        QCOMPARE(
            m_api.pay(token, hold.json.value(QLatin1String("reservationId")).toInteger()).status,
            201);
        QCOMPARE(sample(QStringLiteral("concert_payments_total{result=\"completed\"}")),
                 completed + 1);
    }

    void metricsNameTemplatesOfEveryRouteFile()
    {
        // Admin, webhook and history routes count under their templates, never the raw path.
        const HttpHeaders admin{{"X-Admin-Key", E2eFixture::kAdminKey}};
        QCOMPARE(m_client.send("DELETE", QStringLiteral("/api/v1/admin/api-keys/987654"), {}, admin)
                     .status,
                 404);
        QCOMPARE(
            m_client.get(QStringLiteral("/api/v1/admin/webhooks/987654/deliveries"), admin).status,
            404);
        const QString user = ApiDriver::newUserId();
        QCOMPARE(m_client.get(QStringLiteral("/api/v1/users/%1/reservations").arg(user)).status,
                 200);
        QCOMPARE(m_client.get(QStringLiteral("/api/v1/admin/queue"), admin).status, 200);
        const QByteArray body = m_client.get(QStringLiteral("/metrics")).body;
        QVERIFY(!body.contains("987654"));
        QVERIFY(!body.contains(user.toUtf8()));
        for (const char *series :
             {"method=\"DELETE\",route=\"/api/v1/admin/api-keys/{id}\",status=\"404\"",
              "method=\"GET\",route=\"/api/v1/admin/webhooks/{id}/deliveries\",status=\"404\"",
              "method=\"GET\",route=\"/api/v1/users/{userId}/reservations\",status=\"200\"",
              "method=\"GET\",route=\"/api/v1/admin/queue\",status=\"200\""})
            QVERIFY2(body.contains(series), series);
    }

    void metricsCountStreamUpgradeAndEdgeRefusals()
    {
        const QString upgraded = QStringLiteral(
            "concert_http_requests_total{method=\"GET\",route=\"/api/v1/queue/stream\","
            "status=\"101\"}");
        const double before = qMax(0.0, sample(upgraded));
        QUrl url = m_server->baseUrl();
        url.setScheme(QStringLiteral("ws"));
        url.setPath(QStringLiteral("/api/v1/queue/stream"));
        QWebSocket socket;
        QSignalSpy connected(&socket, &QWebSocket::connected);
        socket.open(url);
        QTRY_VERIFY_WITH_TIMEOUT(connected.count() == 1, 5000);
        QCOMPARE(sample(upgraded), before + 1);
        socket.close();

        // A request line over 8,192 bytes: answered 414 by the edge before any route.
        const QString refused = QStringLiteral(
            "concert_http_requests_total{method=\"OTHER\",route=\"(edge)\",status=\"414\"}");
        const double refusedBefore = qMax(0.0, sample(refused));
        QTcpSocket raw;
        raw.connectToHost(m_server->baseUrl().host(), quint16(m_server->baseUrl().port()));
        QVERIFY(raw.waitForConnected(5000));
        raw.write("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n");
        QByteArray answer;
        const QDeadlineTimer deadline(5000);
        while (!answer.contains("\r\n\r\n") && !deadline.hasExpired() && raw.waitForReadyRead(100))
            answer += raw.readAll();
        QVERIFY2(answer.startsWith("HTTP/1.1 414"), answer.constData());
        QCOMPARE(sample(refused), refusedBefore + 1);
    }

    void edgeRefusalsThroughTheClient()
    {
        // The edge's own answers, sent through HttpClient so that the OpenAPI check
        // (tests/openapi, CONCERT_HTTP_RECORD) sees their codes: 414, 431, 501.
        const HttpReply longLine =
            m_client.get(QStringLiteral("/api/v1/concerts?pad=") + QString(9000, u'a'));
        QCOMPARE(longLine.status, 414);
        QCOMPARE(longLine.errorCode(), QStringLiteral("URI_TOO_LONG"));
        const HttpReply bigHeaders = m_client.get(QStringLiteral("/api/v1/concerts"),
                                                  {{"X-Padding", QByteArray(17000, 'b')}});
        QCOMPARE(bigHeaders.status, 431);
        QCOMPARE(bigHeaders.errorCode(), QStringLiteral("HEADERS_TOO_LARGE"));
        const HttpReply unknownMethod =
            m_client.send("PROPFIND", QStringLiteral("/api/v1/concerts"));
        QCOMPARE(unknownMethod.status, 501);
        QCOMPARE(unknownMethod.errorCode(), QStringLiteral("NOT_IMPLEMENTED"));
    }

    void metricsShowConcertRooms()
    {
        const HttpReply concert =
            m_api.createConcert(E2eFixture::kAdminKey, {E2eFixture::day(21)}, 1000);
        QCOMPARE(concert.status, 201);
        const qint64 concertId = concert.json.value(QLatin1String("id")).toInteger();
        const QString room = QStringLiteral("{room=\"%1\"}").arg(concertId);
        const HttpReply token =
            m_client.post(QStringLiteral("/api/v1/queue/tokens"),
                          QJsonObject{{QStringLiteral("userId"), ApiDriver::newUserId()},
                                      {QStringLiteral("concertId"), concertId}});
        QCOMPARE(token.status, 201);
        // Admitted within a few ticks: the room's admitted counter and ACTIVE gauge show it.
        QTRY_VERIFY_WITH_TIMEOUT(sample(QStringLiteral("concert_queue_admitted_total") + room) >= 1,
                                 5000);
        QTRY_VERIFY_WITH_TIMEOUT(sample(QStringLiteral("concert_queue_active") + room) == 1, 5000);
        QCOMPARE(sample(QStringLiteral("concert_queue_waiting") + room), 0.0);
        QCOMPARE(sample(QStringLiteral("concert_queue_abandoned_total") + room), 0.0);
    }

    void accessLogHasOneLinePerAnswerAndNoSecret()
    {
        QCOMPARE(m_client
                     .get(QStringLiteral("/api/v1/reservations/4242"),
                          HttpClient::bearer(QString::fromLatin1(kSecretToken)))
                     .status,
                 401);
        QCOMPARE(m_client.get(QStringLiteral("/api/v1/health")).status, 200);
        // Earlier tests' lines are already there: wait for this one's 401, not for a count.
        const QList<QByteArray> lines = logLinesWhen(m_logPath, [](const QList<QByteArray> &lines) {
            return std::any_of(lines.cbegin(), lines.cend(), [](const QByteArray &line) {
                const QJsonObject entry = QJsonDocument::fromJson(line).object();
                return entry.value(QLatin1String("route")).toString()
                    == QLatin1String("/api/v1/reservations/{id}")
                    && entry.value(QLatin1String("status")).toInt() == 401;
            });
        });
        QVERIFY(lines.size() >= 2);
        const QByteArray all = lines.join('\n');
        QVERIFY(!all.contains("sekrit"));
        QVERIFY(!all.contains(E2eFixture::kAdminKey));
        QVERIFY(!all.contains("4242"));
        bool sawTemplate = false;
        const QStringList fields = {"bytes",  "client", "durationMs", "instance",
                                    "method", "route",  "status",     "time"};
        for (const QByteArray &line : lines) {
            QJsonParseError error;
            const QJsonObject entry = QJsonDocument::fromJson(line, &error).object();
            QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
            QStringList keys = entry.keys();
            keys.sort();
            QCOMPARE(keys, fields);
            QVERIFY(entry.value(QLatin1String("status")).isDouble());
            QVERIFY(entry.value(QLatin1String("durationMs")).toDouble() >= 0);
            QVERIFY(entry.value(QLatin1String("bytes")).isDouble());
            QCOMPARE(entry.value(QLatin1String("client")).toString(), QStringLiteral("127.0.0.1"));
            QVERIFY(QDateTime::fromString(entry.value(QLatin1String("time")).toString(),
                                          Qt::ISODateWithMs)
                        .isValid());
            QVERIFY(entry.value(QLatin1String("time")).toString().endsWith(u'Z'));
            QVERIFY(!entry.value(QLatin1String("instance")).toString().isEmpty());
            if (entry.value(QLatin1String("route")).toString()
                    == QLatin1String("/api/v1/reservations/{id}")
                && entry.value(QLatin1String("status")).toInt() == 401
                && entry.value(QLatin1String("method")).toString() == QLatin1String("GET"))
                sawTemplate = true;
        }
        QVERIFY(sawTemplate);
    }

    void accessLogReopensOnSighup()
    {
        QCOMPARE(m_client.get(QStringLiteral("/api/v1/health")).status, 200);
        QVERIFY(!logLines(m_logPath, 1).isEmpty());
        const QString rotated = m_logPath + QStringLiteral(".1");
        QVERIFY(QFile::rename(m_logPath, rotated));
        QCOMPARE(::kill(pid_t(m_server->process()->processId()), SIGHUP), 0);
        // Until the writer has reopened, lines may still go to the moved file: poll.
        QTRY_VERIFY_WITH_TIMEOUT((m_client.get(QStringLiteral("/api/v1/health")).status == 200
                                  && QFile::exists(m_logPath) && !logLines(m_logPath, 1).isEmpty()),
                                 5000);
        QVERIFY(m_server->isRunning());
    }

    void accessLogToStandardOutput()
    {
        QVERIFY(m_fx.createDatabase(QStringLiteral("obs_stdout")));
        auto server = m_fx.startServer(QStringLiteral("obs_stdout"),
                                       {QStringLiteral("--access-log"), QStringLiteral("-")});
        QVERIFY(server);
        HttpClient client(server->baseUrl());
        QCOMPARE(client.get(QStringLiteral("/api/v1/concerts")).status, 200);
        // SIGTERM writes out what is buffered before exiting.
        QCOMPARE(server->terminate(), 0);
        const QByteArray out = server->standardOutput();
        QVERIFY2(out.contains("\"method\":\"GET\",\"route\":\"/api/v1/concerts\",\"status\":200"),
                 out.constData());
    }

    void openApiDocumentIsServed()
    {
        const HttpReply reply = m_client.get(QStringLiteral("/api/v1/openapi.json"));
        QCOMPARE(reply.status, 200);
        QVERIFY(reply.json.value(QLatin1String("openapi")).toString().startsWith(u"3.1"));
        QVERIFY(reply.json.value(QLatin1String("paths"))
                    .toObject()
                    .contains(QLatin1String("/api/v1/reservations/{id}")));
        QCOMPARE(m_client.send("DELETE", QStringLiteral("/api/v1/openapi.json")).status, 405);
    }

    void shortTimesGiveHoldExpiredAndNotAdmitted()
    {
        // The error codes that need a full room, a short hold and a low token rate, so that the
        // recorded exchanges (tests/openapi) carry every code the server uses.
        // A MariaDB of its own: the admitter lock is per MariaDB server, and the main instance
        // of this suite holds it.
        E2eFixture fx;
        QVERIFY(fx.startDatabase());
        QVERIFY(fx.createDatabase(QStringLiteral("obs_short")));
        auto server = fx.startServer(QStringLiteral("obs_short"),
                                     {QStringLiteral("--admin-key"),
                                      QString::fromLatin1(E2eFixture::kAdminKey),
                                      QStringLiteral("--queue-capacity"), QStringLiteral("1"),
                                      QStringLiteral("--queue-tick-ms"), QStringLiteral("100"),
                                      QStringLiteral("--hold-ttl-seconds"), QStringLiteral("1"),
                                      QStringLiteral("--token-rate-per-ip"), QStringLiteral("2")});
        QVERIFY(server);
        HttpClient client(server->baseUrl());
        ApiDriver api(client);
        const HttpReply concert =
            api.createConcert(E2eFixture::kAdminKey, {E2eFixture::day(9)}, 1000);
        QCOMPARE(concert.status, 201);
        const qint64 concertId = concert.json.value(QLatin1String("id")).toInteger();
        const QString first = ApiDriver::newUserId();
        const QString token = api.admittedToken(first);
        QVERIFY(!token.isEmpty());
        const QString waiting =
            api.issueToken(ApiDriver::newUserId()).json.value(QLatin1String("token")).toString();
        const HttpReply refused =
            client.get(QStringLiteral("/api/v1/concerts/%1/dates").arg(concertId),
                       HttpClient::bearer(waiting));
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), QStringLiteral("NOT_ADMITTED"));
        const HttpReply hold = api.hold(token, concertId, E2eFixture::day(9), {1});
        QCOMPARE(hold.status, 201);
        QCOMPARE(api.charge(first, 1000).status, 200);
        const qint64 reservationId = hold.json.value(QLatin1String("reservationId")).toInteger();
        const QDateTime heldUntil = QDateTime::fromString(
            hold.json.value(QLatin1String("heldUntil")).toString(), Qt::ISODate);
        // Wait for the hold's end by the clock, then pay: 410 HOLD_EXPIRED.
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > heldUntil.addMSecs(200), 5000);
        const HttpReply late = api.pay(token, reservationId);
        QCOMPARE(late.status, 410);
        QCOMPARE(late.errorCode(), QStringLiteral("HOLD_EXPIRED"));
        // Two tokens were issued from this address: a third within 60 s is refused.
        const HttpReply limited = api.issueToken(ApiDriver::newUserId());
        QCOMPARE(limited.status, 429);
        QCOMPARE(limited.errorCode(), QStringLiteral("TOO_MANY_REQUESTS"));
        QCOMPARE(server->terminate(), 0);
    }

    void probeEveryDocumentedOperation()
    {
        // One request per operation of the document, without credentials or a valid body: with
        // CONCERT_HTTP_RECORD set, tests/openapi/check_exchanges.py learns from these answers
        // which operations this server has (404 "no such route" or 405 = not here).
        const HttpReply reply = m_client.get(QStringLiteral("/api/v1/openapi.json"));
        const QJsonObject paths = reply.json.value(QLatin1String("paths")).toObject();
        QVERIFY(paths.size() >= 30);
        for (auto path = paths.begin(); path != paths.end(); ++path) {
            QString concrete = path.key();
            concrete.replace(QLatin1String("{id}"), QLatin1String("1"))
                .replace(QLatin1String("{date}"), E2eFixture::day(5))
                .replace(QLatin1String("{userId}"), ApiDriver::newUserId());
            const QJsonObject operations = path.value().toObject();
            for (auto op = operations.begin(); op != operations.end(); ++op) {
                const QByteArray method = op.key().toUpper().toLatin1();
                const HttpReply answer = m_client.send(
                    method, concrete,
                    method == "POST" || method == "PATCH" ? QByteArray("{}") : QByteArray());
                QVERIFY2(answer.status >= 200 && answer.status < 500,
                         qPrintable(QStringLiteral("%1 %2 -> %3")
                                        .arg(QString::fromLatin1(method), concrete)
                                        .arg(answer.status)));
            }
        }
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->terminate(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_Observability)
#include "tst_observability.moc"
