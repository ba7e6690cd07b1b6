// Scenario 10 of concert-bench (issue 8, README.md section Benchmark): many open push streams
// (`GET /api/v1/queue/stream`, WebSocket) and one admission tick: how long until every admitted
// client has its ACTIVE message, and what the open streams cost the server.
#include "benchrun.h"
#include "benchshared.h"
#include "benchutil.h"
#include "httpclient.h"
#include "mariadbinstance.h"
#include "serverprocess.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QTimer>
#include <QWebSocket>

#include <cmath>
#include <memory>
#include <vector>

namespace {

// One stream's client side.
struct Stream
{
    QWebSocket *socket = nullptr;
    QString token;
    bool connected = false;
    bool sawFirst = false; ///< the status sent at once after the first message
    QString firstStatus;
    qint64 activeAtMs = -1; ///< on the scenario clock
    int closeCode = 0; ///< 0: still open
};

} // namespace

void BenchRun::pushPhase()
{
    const int count = m_config.pushStreams;
    const int tick = m_config.pushTickMs;
    note(QStringLiteral("scenario 10: %1 push streams, one admission tick (tick %2 ms)")
             .arg(count)
             .arg(tick));
    const QString key = QStringLiteral("10_push");
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(key, scenario);
        check(QStringLiteral("scenario 10 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    QStringList serverArgs{QStringLiteral("--queue-capacity"),        QString::number(count),
                           QStringLiteral("--queue-tick-ms"),         QString::number(tick),
                           QStringLiteral("--active-ttl-seconds"),    QStringLiteral("86400"),
                           QStringLiteral("--queue-abandon-seconds"), QStringLiteral("86400")};
    // Every stream comes from 127.0.0.1: raise the edge's connection limits when it has them.
    const QString help = commandOutput(m_serverProgram, {QStringLiteral("--help")});
    if (help.contains(QLatin1String("--max-connections ")))
        serverArgs << QStringLiteral("--max-connections") << QString::number(count + 1000);
    if (help.contains(QLatin1String("--max-connections-per-ip")))
        serverArgs << QStringLiteral("--max-connections-per-ip") << QString::number(count + 1000);
    auto server = startServer(*db, serverArgs);
    if (!server)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    const qint64 pid = pidOf(*server);
    QString error;
    const auto dates = createDates(server->baseUrl(), 1, 50'000, &error);
    if (dates.isEmpty())
        return fail(QStringLiteral("creating the concert failed: ") + error);
    const qint64 concert = dates.first().first;
    HttpClient client(server->baseUrl());
    const HttpHeaders admin{{QByteArrayLiteral("X-Admin-Key"), kAdminKey.toUtf8()}};
    auto patchQueue = [&](bool paused) {
        return client.send(
            "PATCH", QStringLiteral("/api/v1/admin/concerts/%1").arg(concert),
            QJsonDocument(QJsonObject{{QStringLiteral("queue"),
                                       QJsonObject{{QStringLiteral("paused"), paused},
                                                   {QStringLiteral("capacity"), count}}}})
                .toJson(QJsonDocument::Compact),
            {{QByteArrayLiteral("X-Admin-Key"), kAdminKey.toUtf8()},
             {QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}});
    };
    const HttpReply paused = patchQueue(true);
    if (paused.status != 200)
        return fail(QStringLiteral("PATCH (paused) answered %1: %2")
                        .arg(paused.status)
                        .arg(QString::fromUtf8(paused.body.left(200))));

    // Tokens of the paused room, over HTTP in batches.
    std::vector<Stream> streams(static_cast<size_t>(count));
    QElapsedTimer issueClock;
    issueClock.start();
    for (int first = 0; first < count; first += 1000) {
        QList<HttpClient::Request> batch;
        for (int i = first; i < qMin(count, first + 1000); ++i)
            batch.append(
                {"POST",
                 QStringLiteral("/api/v1/queue/tokens"),
                 QJsonDocument(QJsonObject{{QStringLiteral("userId"), freshUuid()},
                                           {QStringLiteral("concertId"), double(concert)}})
                     .toJson(QJsonDocument::Compact),
                 {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")}},
                 {}});
        const QList<HttpReply> replies = client.sendConcurrently(batch, 64, 120'000);
        for (int i = 0; i < replies.size(); ++i) {
            if (replies[i].status != 201)
                return fail(QStringLiteral("POST /queue/tokens answered %1: %2")
                                .arg(replies[i].status)
                                .arg(QString::fromUtf8(replies[i].body.left(200))));
            streams[size_t(first + i)].token =
                replies[i].json.value(QLatin1String("token")).toString();
        }
    }
    scenario.insert(QStringLiteral("issue_seconds"), double(issueClock.elapsed()) / 1000.0);
    const ProcessSample beforeOpen = ProcessSample::read(pid);

    // Open every stream, at most 200 handshakes in flight.
    QElapsedTimer clock;
    clock.start();
    QEventLoop loop;
    int opened = 0; // handshakes started
    int firstMessages = 0;
    int activeCount = 0;
    int closedEarly = 0;
    qint64 unpausedAtMs = -1;
    QStringList oddities;
    QString url = server->baseUrl().toString();
    url.replace(QStringLiteral("http://"), QStringLiteral("ws://"));
    if (url.endsWith(u'/'))
        url.chop(1);
    const QUrl streamUrl(url + QStringLiteral("/api/v1/queue/stream"));
    std::function<void()> openMore;
    auto inFlight = [&]() {
        return opened - firstMessages - closedEarly;
    };
    openMore = [&]() {
        while (opened < count && inFlight() < 200) {
            Stream &s = streams[size_t(opened++)];
            s.socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, &loop);
            Stream *sp = &s;
            QObject::connect(s.socket, &QWebSocket::connected, &loop, [sp]() {
                sp->connected = true;
                sp->socket->sendTextMessage(QString::fromUtf8(
                    QJsonDocument(QJsonObject{{QStringLiteral("token"), sp->token}})
                        .toJson(QJsonDocument::Compact)));
            });
            QObject::connect(
                s.socket, &QWebSocket::textMessageReceived, &loop, [&, sp](const QString &text) {
                    const QString status = QJsonDocument::fromJson(text.toUtf8())
                                               .object()
                                               .value(QLatin1String("status"))
                                               .toString();
                    if (!sp->sawFirst) {
                        sp->sawFirst = true;
                        sp->firstStatus = status;
                        ++firstMessages;
                        openMore();
                    }
                    if (status == QLatin1String("ACTIVE") && sp->activeAtMs < 0) {
                        sp->activeAtMs = clock.elapsed();
                        if (unpausedAtMs < 0 && oddities.size() < 5)
                            oddities << QStringLiteral("ACTIVE before the room was unpaused");
                        if (++activeCount == count)
                            loop.quit();
                    }
                });
            QObject::connect(s.socket, &QWebSocket::disconnected, &loop, [&, sp]() {
                sp->closeCode = int(sp->socket->closeCode());
                if (sp->closeCode == 0)
                    sp->closeCode = -1;
                if (!sp->sawFirst) {
                    ++closedEarly;
                    openMore();
                }
                if (oddities.size() < 5)
                    oddities << QStringLiteral("a stream closed: code %1 %2")
                                    .arg(sp->closeCode)
                                    .arg(sp->socket->closeReason());
            });
            s.socket->open(streamUrl);
        }
        if (firstMessages + closedEarly == count && unpausedAtMs < 0)
            loop.quit();
    };
    QTimer deadline;
    deadline.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&loop]() { loop.quit(); });
    deadline.start(60'000 + count * 10);
    openMore();
    if (firstMessages + closedEarly < count)
        loop.exec();
    deadline.stop();
    const double openSeconds = double(clock.elapsed()) / 1000.0;
    const ProcessSample afterOpen = ProcessSample::read(pid);
    int waitingFirst = 0;
    for (const Stream &s : streams)
        waitingFirst += s.firstStatus == QLatin1String("WAITING") ? 1 : 0;
    note(QStringLiteral("  %1 streams open in %2 s (%3 first messages WAITING, %4 closed early)")
             .arg(firstMessages)
             .arg(openSeconds)
             .arg(waitingFirst)
             .arg(closedEarly));

    // Held open with nothing changing for a few ticks: what idle streams cost.
    QTimer hold;
    hold.setSingleShot(true);
    QObject::connect(&hold, &QTimer::timeout, &loop, [&loop]() { loop.quit(); });
    const int holdMs = qMax(3 * tick, 3000);
    hold.start(holdMs);
    loop.exec();
    const ProcessSample afterHold = ProcessSample::read(pid);

    // One admission tick: unpause; the next tick admits every stream's token (capacity = count).
    const ProcessSample beforeAdmit = ProcessSample::read(pid);
    unpausedAtMs = clock.elapsed();
    const HttpReply unpaused = patchQueue(false);
    if (activeCount < count) {
        deadline.start(30'000 + 10 * tick);
        loop.exec();
        deadline.stop();
    }
    const qint64 allActiveMs = clock.elapsed();
    const ProcessSample afterAdmit = ProcessSample::read(pid);
    LatencySamples toActive;
    for (const Stream &s : streams) {
        if (s.activeAtMs >= 0)
            toActive.add((s.activeAtMs - unpausedAtMs) * 1000);
    }
    for (Stream &s : streams) {
        if (s.socket) {
            s.socket->disconnect();
            s.socket->abort();
        }
    }
    for (Stream &s : streams)
        delete s.socket;

    const QJsonObject holdUsage = processUsage(QStringLiteral("concert-server, streams open, idle"),
                                               afterOpen, afterHold, double(holdMs) / 1000.0);
    const QJsonObject openUsage = processUsage(QStringLiteral("concert-server, opening streams"),
                                               beforeOpen, afterOpen, openSeconds);
    const QJsonObject admitUsage =
        processUsage(QStringLiteral("concert-server, admission and push"), beforeAdmit, afterAdmit,
                     double(allActiveMs - unpausedAtMs) / 1000.0);
    const double p50 = toActive.percentileMs(50);
    const double p99 = toActive.percentileMs(99);
    scenario.insert(QStringLiteral("streams"), count);
    scenario.insert(QStringLiteral("streams_first_message"), firstMessages);
    scenario.insert(QStringLiteral("streams_first_waiting"), waitingFirst);
    scenario.insert(QStringLiteral("streams_closed_early"), closedEarly);
    scenario.insert(QStringLiteral("streams_active"), activeCount);
    scenario.insert(QStringLiteral("open_seconds"), openSeconds);
    scenario.insert(QStringLiteral("unpause_status"), unpaused.status);
    scenario.insert(QStringLiteral("to_active_ms"), toActive.toJson());
    scenario.insert(
        QStringLiteral("rss_mib"),
        QJsonObject{{QStringLiteral("before_streams"), double(beforeOpen.rssKiB) / 1024.0},
                    {QStringLiteral("streams_open"), double(afterHold.rssKiB) / 1024.0},
                    {QStringLiteral("after_admission"), double(afterAdmit.rssKiB) / 1024.0}});
    scenario.insert(QStringLiteral("oddities"), QJsonArray::fromStringList(oddities));
    scenario.insert(QStringLiteral("usage"), QJsonArray{openUsage, holdUsage, admitUsage});

    check(QStringLiteral("scenario 10: every stream opened and got its WAITING status at once "
                         "(%1 of %2)")
              .arg(waitingFirst)
              .arg(count),
          waitingFirst == count);
    check(QStringLiteral("scenario 10: unpausing the room answered 200"), unpaused.status == 200);
    check(QStringLiteral("scenario 10: every stream got ACTIVE after one admission tick (%1 of %2)")
              .arg(activeCount)
              .arg(count),
          activeCount == count);
    addTarget(QStringLiteral("push, %1 streams: every client ACTIVE, p99 <= 2 ticks (%2 ms: up "
                             "to one tick until the admission, one more for the push)")
                  .arg(count)
                  .arg(2 * tick),
              QStringLiteral("%1 of %2 ACTIVE; p50 %3 ms, p99 %4 ms")
                  .arg(activeCount)
                  .arg(count)
                  .arg(p50, 0, 'f', 1)
                  .arg(p99, 0, 'f', 1),
              activeCount == count && p99 <= 2 * tick);

    scenario.insert(QStringLiteral("title"),
                    QStringLiteral("10. Push: open streams and one admission tick"));
    scenario.insert(
        QStringLiteral("description"),
        QStringLiteral("%1 tokens of one concert's paused room (issued over HTTP in %2 s), one "
                       "WebSocket each on `/api/v1/queue/stream` (QWebSocket in concert-bench, "
                       "first message `{\"token\": ...}`); then the room is unpaused with "
                       "capacity %1 and the next tick admits all. Time to ACTIVE counts from "
                       "just before the unpausing PATCH to each client's ACTIVE message. Server "
                       "`%3`.")
            .arg(count)
            .arg(scenario.value(QLatin1String("issue_seconds")).toDouble(), 0, 'f', 1)
            .arg(serverArgs.join(u' ')));
    scenario.insert(
        QStringLiteral("summary"),
        QJsonArray{
            QJsonArray{QStringLiteral("streams open / first status WAITING / closed early"),
                       QStringLiteral("%1 / %2 / %3 (opened in %4 s)")
                           .arg(firstMessages)
                           .arg(waitingFirst)
                           .arg(closedEarly)
                           .arg(openSeconds, 0, 'f', 1)},
            QJsonArray{QStringLiteral("clients ACTIVE after the unpause"),
                       QStringLiteral("%1 of %2").arg(activeCount).arg(count)},
            QJsonArray{QStringLiteral("time to ACTIVE: p50 / p99 / max"),
                       QStringLiteral("%1 / %2 / %3 ms (tick %4 ms)")
                           .arg(p50, 0, 'f', 1)
                           .arg(p99, 0, 'f', 1)
                           .arg(toActive.percentileMs(100), 0, 'f', 1)
                           .arg(tick)},
            QJsonArray{QStringLiteral("server RSS: before the streams / streams open / after "
                                      "the admission"),
                       QStringLiteral("%1 / %2 / %3 MiB")
                           .arg(double(beforeOpen.rssKiB) / 1024.0, 0, 'f', 1)
                           .arg(double(afterHold.rssKiB) / 1024.0, 0, 'f', 1)
                           .arg(double(afterAdmit.rssKiB) / 1024.0, 0, 'f', 1)},
            QJsonArray{
                QStringLiteral("server CPU: streams open and idle (%1 s) / admission and "
                               "push")
                    .arg(holdMs / 1000.0),
                QStringLiteral("%1% / %2% of a core")
                    .arg(holdUsage.value(QLatin1String("cpu_percent_of_one_core")).toDouble())
                    .arg(admitUsage.value(QLatin1String("cpu_percent_of_one_core")).toDouble())},
        });
    m_scenarios.insert(key, scenario);
    note(QStringLiteral("  %1/%2 ACTIVE; p50 %3 ms, p99 %4 ms; RSS %5 MiB with streams open")
             .arg(activeCount)
             .arg(count)
             .arg(p50)
             .arg(p99)
             .arg(double(afterHold.rssKiB) / 1024.0, 0, 'f', 1));
}
