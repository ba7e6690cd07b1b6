// Scenarios 6, 7 and 8 of concert-bench (issue 13, README.md section Benchmark): the hot paths
// of an opening day: a hot date's seat map read on one instance while another writes, queue
// status with a million in line, token issue with many already ACTIVE.
#include "benchrun.h"
#include "benchshared.h"
#include "benchutil.h"
#include "httpclient.h"
#include "mariadbinstance.h"
#include "serverprocess.h"
#include "sqlbench.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QThread>

#include <atomic>
#include <cmath>
#include <mutex>

namespace {

// Answers seen by the scenario 6 writer and probe, per endpoint and status.
struct CallLog
{
    std::mutex lock;
    QMap<QString, QMap<int, qint64>> statuses;
    qint64 unexpected = 0; ///< a 5xx, no answer, or a status the step does not allow
    QStringList samples;

    void add(const QString &endpoint, int status, bool expected, const QByteArray &body = {})
    {
        std::lock_guard guard(lock);
        statuses[endpoint][status] += 1;
        if (!expected) {
            ++unexpected;
            if (samples.size() < 10)
                samples << QStringLiteral("%1: %2 %3")
                               .arg(endpoint)
                               .arg(status)
                               .arg(QString::fromUtf8(body.left(160)));
        }
    }

    QJsonObject toJson()
    {
        std::lock_guard guard(lock);
        QJsonObject out;
        for (auto it = statuses.cbegin(); it != statuses.cend(); ++it) {
            QJsonObject counts;
            for (auto s = it->cbegin(); s != it->cend(); ++s)
                counts.insert(s.key() == 0 ? QStringLiteral("no_answer") : QString::number(s.key()),
                              double(s.value()));
            out.insert(it.key(), counts);
        }
        return {{QStringLiteral("statuses"), out},
                {QStringLiteral("unexpected"), double(unexpected)},
                {QStringLiteral("samples"), QJsonArray::fromStringList(samples)}};
    }
};

QString seatsPath(qint64 concert, const QString &date)
{
    return QStringLiteral("/api/v1/concerts/%1/dates/%2/seats").arg(concert).arg(date);
}

// The status of seat @p seat in a seat map answer, empty when absent.
QString seatStatus(const QJsonObject &map, int seat)
{
    for (const QJsonValue &v : map.value(QLatin1String("seats")).toArray()) {
        const QJsonObject s = v.toObject();
        if (s.value(QLatin1String("seatNumber")).toInt() == seat)
            return s.value(QLatin1String("status")).toString();
    }
    return {};
}

QJsonObject holdBody(qint64 concert, const QString &date, int seat)
{
    return {{QStringLiteral("concertId"), double(concert)},
            {QStringLiteral("date"), date},
            {QStringLiteral("seatNumbers"), QJsonArray{seat}}};
}

QJsonObject percentiles(LatencySamples &samples)
{
    return samples.toJson();
}

} // namespace

void BenchRun::addTarget(const QString &target, const QJsonValue &measured, bool met)
{
    m_targets.append(QJsonObject{{QStringLiteral("target"), target},
                                 {QStringLiteral("measured"), measured},
                                 {QStringLiteral("met"), met}});
}

QList<SeededToken> BenchRun::seedActive(BenchDb &sql, const QUrl &server, int count, QString *error)
{
    const QList<SeededToken> tokens = seedTokens(sql, count, error);
    if (tokens.isEmpty() || !error->isEmpty())
        return {};
    // The server admits them on its next ticks (its capacity must allow them all).
    if (!waitForQueue(server, tokens.last().token, QStringLiteral("ACTIVE"), {},
                      60'000 + count / 10)) {
        *error = QStringLiteral("the seeded tokens never became ACTIVE");
        return {};
    }
    return tokens;
}

void BenchRun::hotSeatMapPhase()
{
    const int tick = m_config.hotMapTickMs;
    note(QStringLiteral("scenario 6: seat map of a hot date on instance A, holds and payments on "
                        "instance B, tick %1 ms")
             .arg(tick));
    const QString key = QStringLiteral("6_hot_seat_map");
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(key, scenario);
        check(QStringLiteral("scenario 6 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{
        QStringLiteral("--queue-capacity"),        QStringLiteral("1000000"),
        QStringLiteral("--active-ttl-seconds"),    QStringLiteral("86400"),
        QStringLiteral("--hold-ttl-seconds"),      QStringLiteral("3600"),
        QStringLiteral("--queue-abandon-seconds"), QStringLiteral("86400"),
        QStringLiteral("--queue-tick-ms"),         QString::number(tick)};
    auto serverA = startServer(*db, serverArgs);
    auto serverB = serverA ? startServer(*db, serverArgs) : nullptr;
    if (!serverA || !serverB)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    BenchDb sql(db->socketPath(), db->databaseName());
    QString error;
    const QList<SeededToken> tokens =
        seedActive(sql, serverA->baseUrl(), m_config.hotMapTokens, &error);
    if (tokens.isEmpty())
        return fail(QStringLiteral("seeding failed: ") + error);
    if (!waitForQueue(serverB->baseUrl(), tokens.last().token, QStringLiteral("ACTIVE"), {},
                      60'000))
        return fail(QStringLiteral("instance B never saw the tokens ACTIVE"));
    const auto dates =
        createDates(serverA->baseUrl(), 1 + m_config.hotMapColdDates, 50'000, &error);
    if (dates.isEmpty())
        return fail(QStringLiteral("creating the dates failed: ") + error);
    const auto hot = dates.first();
    const QList<std::pair<qint64, QString>> cold = dates.mid(1);

    // Tokens: a tenth read the map (wrk), one is the staleness probe's, the others hold and
    // release on B, and each payment spends one of its own (a paid token is EXPIRED).
    const int readers = qMax(10, int(tokens.size()) / 10);
    const QList<SeededToken> readerTokens = tokens.mid(0, readers);
    const SeededToken probeToken = tokens.at(readers);
    const QList<SeededToken> holdTokens = tokens.mid(readers + 1, 50);
    const QList<SeededToken> payTokens = tokens.mid(readers + 51);
    const QString tokenFile = QDir(m_config.workDir).filePath(QStringLiteral("tokens-seatmap.txt"));
    writeTokenFile(tokenFile, readerTokens);
    const QString path = seatsPath(hot.first, hot.second);
    HttpClient client(serverA->baseUrl());
    const HttpReply sample = client.get(path, HttpClient::bearer(readerTokens.first().token));
    if (sample.status != 200)
        return fail(QStringLiteral("GET %1 answered %2").arg(path).arg(sample.status));
    const QString bodyFile = QDir(m_config.workDir).filePath(QStringLiteral("seatmap-body.json"));
    {
        QFile file(bodyFile);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return fail(QStringLiteral("cannot write ") + bodyFile);
        file.write(sample.body);
    }
    scenario.insert(QStringLiteral("seat_map_bytes"), double(sample.body.size()));

    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    CallLog writerLog;
    CallLog probeLog;
    LatencySamples holdStaleness;
    qint64 staleTimeouts = 0;
    int nextPayment = 0; // payTokens used, and cold seats sold, across rounds
    qint64 writerCycles = 0;
    QList<QJsonObject> rounds;
    bool allAnswered = true;
    const QUrl urlA = serverA->baseUrl();
    const QUrl urlB = serverB->baseUrl();
    const qint64 runMs =
        qint64(m_config.wrk.warmupSeconds + m_config.wrk.durationSeconds) * 1000 + 30'000;

    for (int round = 1; round <= m_config.rounds; ++round) {
        note(QStringLiteral("  round %1/%2: bench-minimal-server (same body), then concert-server "
                            "A with the writer and the staleness probe on B")
                 .arg(round)
                 .arg(m_config.rounds));
        QJsonObject ceiling;
        {
            auto minimal = startMinimalServer(0, {QStringLiteral("--body-file"), bodyFile});
            if (!minimal)
                return fail(QStringLiteral("bench-minimal-server did not start"));
            const ProcessSample before = ProcessSample::read(pidOf(*minimal));
            QElapsedTimer clock;
            clock.start();
            ceiling = wrk.run(QStringLiteral("seatmap-ceiling-r%1").arg(round),
                              {WrkJob{minimal->baseUrl(),
                                      QStringLiteral("seatmap.lua"),
                                      {path, tokenFile, seedText()},
                                      0}});
            ceiling.insert(QStringLiteral("process_usage"),
                           QJsonArray{processUsage(QStringLiteral("bench-minimal-server"), before,
                                                   ProcessSample::read(pidOf(*minimal)),
                                                   double(clock.elapsed()) / 1000.0)});
        }

        std::atomic<bool> stop{false};
        // The writer on B: holds a seat of the hot date and releases it; every fifth cycle it
        // holds a seat of a cold date, charges the user and pays (spending that token).
        QThread *writer = QThread::create([&]() {
            HttpClient b(urlB);
            QRandomGenerator random(quint32(round) * 7919u);
            const QDeadlineTimer deadline(runMs);
            for (qint64 cycle = 0; !stop.load() && !deadline.hasExpired() && cycle < 1'000'000;
                 ++cycle) {
                ++writerCycles;
                const qint64 coldSeats = qint64(cold.size()) * 50;
                if (cycle % 5 == 4 && nextPayment < payTokens.size() && nextPayment < coldSeats) {
                    const SeededToken &token = payTokens.at(nextPayment);
                    const auto &date = cold.at(nextPayment % cold.size());
                    const int seat = nextPayment / int(cold.size()) + 1;
                    ++nextPayment;
                    const HttpHeaders bearer = HttpClient::bearer(token.token);
                    const HttpReply held = b.post(QStringLiteral("/api/v1/reservations"),
                                                  holdBody(date.first, date.second, seat), bearer);
                    writerLog.add(QStringLiteral("POST /reservations (cold)"), held.status,
                                  held.status == 201, held.body);
                    if (held.status != 201)
                        continue;
                    const qint64 amount = held.json.value(QLatin1String("amount")).toInteger();
                    const HttpReply charged =
                        b.post(QStringLiteral("/api/v1/users/%1/balance/charge").arg(token.userId),
                               {{QStringLiteral("amount"), double(amount)}});
                    writerLog.add(QStringLiteral("POST /balance/charge"), charged.status,
                                  charged.status == 200, charged.body);
                    HttpHeaders payHeaders = bearer;
                    payHeaders.append(
                        {QByteArrayLiteral("Idempotency-Key"), "bench-" + token.userId.toLatin1()});
                    const HttpReply paid = b.post(
                        QStringLiteral("/api/v1/payments"),
                        {{QStringLiteral("reservationId"),
                          double(held.json.value(QLatin1String("reservationId")).toInteger())}},
                        payHeaders);
                    writerLog.add(QStringLiteral("POST /payments"), paid.status, paid.status == 201,
                                  paid.body);
                    continue;
                }
                const SeededToken &token = holdTokens.at(int(cycle % holdTokens.size()));
                const HttpHeaders bearer = HttpClient::bearer(token.token);
                const int seat = 1 + int(random.bounded(40)); // 41..50 are the probe's
                const HttpReply held = b.post(QStringLiteral("/api/v1/reservations"),
                                              holdBody(hot.first, hot.second, seat), bearer);
                writerLog.add(QStringLiteral("POST /reservations (hot)"), held.status,
                              held.status == 201 || held.status == 409, held.body);
                if (held.status != 201)
                    continue;
                const HttpReply released =
                    b.send("DELETE",
                           QStringLiteral("/api/v1/reservations/%1")
                               .arg(held.json.value(QLatin1String("reservationId")).toInteger()),
                           {}, bearer);
                writerLog.add(QStringLiteral("DELETE /reservations/{id}"), released.status,
                              released.status == 200, released.body);
            }
        });
        // The staleness probe: holds one of seats 41..50 on B, then reads A's map until it
        // shows the seat HELD (the time from B's 201 to that is one sample), releases it on B
        // and reads A's map until it shows it AVAILABLE again. Each wait is bounded by 10 ticks.
        QThread *probe = QThread::create([&]() {
            HttpClient a(urlA);
            HttpClient b(urlB);
            QRandomGenerator random(quint32(round) * 104729u);
            const HttpHeaders bearer = HttpClient::bearer(probeToken.token);
            auto waitFor = [&](int seat, const QString &status, LatencySamples &into) {
                QElapsedTimer since;
                since.start();
                while (since.elapsed() < qint64(tick) * 10) {
                    const HttpReply map = a.get(path, bearer, 5000);
                    probeLog.add(QStringLiteral("GET seat map on A"), map.status, map.status == 200,
                                 map.body);
                    if (map.status == 200 && seatStatus(map.json, seat) == status) {
                        into.add(since.nsecsElapsed() / 1000);
                        return true;
                    }
                    QThread::msleep(2); // a bounded poll, not a race hidden by a sleep
                }
                return false;
            };
            const QDeadlineTimer deadline(runMs);
            for (int n = 0; n < m_config.hotMapStalenessSamples && !(stop.load() && n >= 5)
                 && !deadline.hasExpired();
                 ++n) {
                const int seat = 41 + n % 10;
                // Start at a random phase of B's and A's ticks.
                QThread::msleep(quint32(random.bounded(qMax(1, tick / 4))));
                const HttpReply held = b.post(QStringLiteral("/api/v1/reservations"),
                                              holdBody(hot.first, hot.second, seat), bearer);
                probeLog.add(QStringLiteral("POST /reservations (probe)"), held.status,
                             held.status == 201, held.body);
                if (held.status != 201)
                    continue;
                if (!waitFor(seat, QStringLiteral("HELD"), holdStaleness))
                    ++staleTimeouts;
                const HttpReply released =
                    b.send("DELETE",
                           QStringLiteral("/api/v1/reservations/%1")
                               .arg(held.json.value(QLatin1String("reservationId")).toInteger()),
                           {}, bearer);
                probeLog.add(QStringLiteral("DELETE /reservations/{id} (probe)"), released.status,
                             released.status == 200, released.body);
                // The release is not timed: the next hold takes another of the ten seats, so
                // that samples come as fast as the holds show (B decides holds in SQL anyway).
            }
        });

        const ProcessSample aBefore = ProcessSample::read(pidOf(*serverA));
        const ProcessSample bBefore = ProcessSample::read(pidOf(*serverB));
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        writer->start();
        probe->start();
        QJsonObject measured = wrk.run(QStringLiteral("seatmap-server-r%1").arg(round),
                                       {WrkJob{serverA->baseUrl(),
                                               QStringLiteral("seatmap.lua"),
                                               {path, tokenFile, seedText()},
                                               0}});
        const double seconds = double(clock.elapsed()) / 1000.0;
        const ProcessSample aAfter = ProcessSample::read(pidOf(*serverA));
        const ProcessSample bAfter = ProcessSample::read(pidOf(*serverB));
        const ProcessSample dbAfter = ProcessSample::read(mariadbPid(*db));
        // The writer stops with wrk; the probe after at least 5 samples (bounded in time).
        stop = true;
        probe->wait(runMs + 60'000);
        writer->wait(60'000);
        delete probe;
        delete writer;
        measured.insert(
            QStringLiteral("process_usage"),
            QJsonArray{
                processUsage(QStringLiteral("concert-server A (read)"), aBefore, aAfter, seconds),
                processUsage(QStringLiteral("concert-server B (write)"), bBefore, bAfter, seconds),
                processUsage(QStringLiteral("mariadbd"), dbBefore, dbAfter, seconds)});
        const QJsonObject errors = measured.value(QLatin1String("errors")).toObject();
        allAnswered = allAnswered && !measured.contains(QLatin1String("error"))
            && errors.value(QLatin1String("status_4xx_5xx")).toDouble() == 0
            && errors.value(QLatin1String("timeout")).toDouble() == 0
            && measured.value(QLatin1String("requests")).toDouble() > 0;
        rounds << pairedRound(
            measured, measured.value(QLatin1String("requests_per_second")).toDouble(), ceiling,
            ceiling.value(QLatin1String("requests_per_second")).toDouble());
    }

    const QJsonObject chosen = medianRound(rounds);
    const QJsonObject measured = chosen.value(QLatin1String("server")).toObject();
    const QJsonObject ceiling = chosen.value(QLatin1String("ceiling")).toObject();
    const double rps = measured.value(QLatin1String("requests_per_second")).toDouble();
    const double ceilingRps = ceiling.value(QLatin1String("requests_per_second")).toDouble();
    const double p99 = wrkPercentile(measured, "p99");
    const double staleP50 = holdStaleness.percentileMs(50);
    const double staleP99 = holdStaleness.percentileMs(99);
    scenario.insert(QStringLiteral("server"), measured);
    scenario.insert(QStringLiteral("ceiling"), ceiling);
    scenario.insert(QStringLiteral("ratio_to_ceiling"), ratio(rps, ceilingRps));
    scenario.insert(QStringLiteral("rounds"), chosen.value(QLatin1String("rounds")));
    scenario.insert(QStringLiteral("staleness_hold_ms"), percentiles(holdStaleness));
    scenario.insert(QStringLiteral("staleness_timeouts"), double(staleTimeouts));
    scenario.insert(QStringLiteral("writer"), writerLog.toJson());
    scenario.insert(QStringLiteral("writer_cycles"), double(writerCycles));
    scenario.insert(QStringLiteral("writer_payments"), double(nextPayment));
    scenario.insert(QStringLiteral("probe"), probeLog.toJson());
    const QJsonObject invariants = invariantChecks(sql);
    scenario.insert(QStringLiteral("invariants"), invariants);
    scenario.insert(QStringLiteral("queue_tick_ms"), tick);

    check(QStringLiteral("scenario 6: every seat map answer on A was 200 and arrived"),
          allAnswered);
    check(QStringLiteral("scenario 6: the writer on B got only expected answers (hold 201/409, "
                         "release 200, charge 200, pay 201)"),
          writerCycles > 0 && writerLog.unexpected == 0);
    check(QStringLiteral("scenario 6: every probe hold on B showed on A's map within 10 ticks"),
          holdStaleness.count() > 0 && staleTimeouts == 0 && probeLog.unexpected == 0);
    check(QStringLiteral("scenario 6: no seat sold twice or double held, money adds up (SQL)"),
          invariants.value(QLatin1String("seats_sold_twice")).toDouble() == 0
              && invariants.value(QLatin1String("seats_double_held_unreleased")).toDouble() == 0
              && invariants.value(QLatin1String("sold_seats_without_confirmed_reservation"))
                      .toDouble()
                  == 0
              && invariants.value(QLatin1String("money_mismatch")).toDouble() == 0
              && invariants.value(QLatin1String("payments_not_matching_reservation")).toDouble()
                  == 0);
    addTarget(QStringLiteral("seat map of a hot date (writes on another instance): >= 50% of the "
                             "minimal-server ceiling"),
              ratio(rps, ceilingRps), ratio(rps, ceilingRps) >= 0.5);
    addTarget(QStringLiteral("seat map of a hot date: p99 < 20 ms"), p99, p99 > 0 && p99 < 20);
    addTarget(QStringLiteral("seat map staleness (hold on B until A's map shows it): p99 <= one "
                             "tick (%1 ms)")
                  .arg(tick),
              QStringLiteral("p50 %1 ms, p99 %2 ms (%3 samples, %4 timed out)")
                  .arg(staleP50, 0, 'f', 1)
                  .arg(staleP99, 0, 'f', 1)
                  .arg(holdStaleness.count())
                  .arg(staleTimeouts),
              holdStaleness.count() > 0 && staleTimeouts == 0 && staleP99 <= tick);
    const QJsonObject writerStatuses =
        writerLog.toJson().value(QLatin1String("statuses")).toObject();
    QStringList writerParts;
    for (auto it = writerStatuses.begin(); it != writerStatuses.end(); ++it)
        writerParts << it.key() + QStringLiteral(" ")
                + QString::fromUtf8(
                           QJsonDocument(it.value().toObject()).toJson(QJsonDocument::Compact));
    scenario.insert(QStringLiteral("title"),
                    QStringLiteral("6. Seat map of a hot date while another instance writes"));
    scenario.insert(
        QStringLiteral("description"),
        QStringLiteral("wrk reads one date's seat map (%1 bytes) on instance A with %2 ACTIVE "
                       "tokens (`seatmap.lua`); meanwhile a writer on instance B holds and "
                       "releases seats of that date and every fifth cycle holds, charges and pays "
                       "a seat of another date, and a probe times each hold on B until A's map "
                       "shows it (at a random phase of the tick; during the wrk run, at least 5 "
                       "samples). Ceiling: `bench-minimal-server` answering the same body. Both "
                       "instances `%3`.")
            .arg(sample.body.size())
            .arg(readers)
            .arg(serverArgs.join(u' ')));
    scenario.insert(
        QStringLiteral("summary"),
        QJsonArray{
            QJsonArray{QStringLiteral("concert-server A req/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(rps))
                           .arg(wrkPercentile(measured, "p50"), 0, 'f', 2)
                           .arg(p99, 0, 'f', 2)},
            QJsonArray{QStringLiteral("ceiling req/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(ceilingRps))
                           .arg(wrkPercentile(ceiling, "p50"), 0, 'f', 2)
                           .arg(wrkPercentile(ceiling, "p99"), 0, 'f', 2)},
            QJsonArray{QStringLiteral("**ratio**"),
                       QStringLiteral("**%1%**").arg(ratio(rps, ceilingRps) * 100, 0, 'f', 1)},
            QJsonArray{QStringLiteral("staleness, hold on B → HELD on A: p50 / p99 / max"),
                       QStringLiteral("%1 / %2 / %3 ms (%4 samples, tick %5 ms)")
                           .arg(staleP50, 0, 'f', 1)
                           .arg(staleP99, 0, 'f', 1)
                           .arg(holdStaleness.percentileMs(100), 0, 'f', 1)
                           .arg(holdStaleness.count())
                           .arg(tick)},
            QJsonArray{QStringLiteral("writer on B (all rounds)"),
                       QStringLiteral("%1 cycles, %2 payments; %3")
                           .arg(writerCycles)
                           .arg(nextPayment)
                           .arg(writerParts.join(QStringLiteral("; ")))},
            QJsonArray{QStringLiteral("seats sold twice / double held, released holds left out "
                                      "(SQL; a release keeps no end time)"),
                       QStringLiteral("%1 / %2")
                           .arg(invariants.value(QLatin1String("seats_sold_twice")).toDouble())
                           .arg(invariants.value(QLatin1String("seats_double_held_unreleased"))
                                    .toDouble())},
        });
    scenario.insert(QStringLiteral("usage"), measured.value(QLatin1String("process_usage")));
    m_scenarios.insert(key, scenario);
    note(QStringLiteral("  %1 req/s (ceiling %2, ratio %3), p99 %4 ms; staleness p50 %5 ms, p99 "
                        "%6 ms (%7 samples); writer %8 cycles, %9 payments")
             .arg(rps)
             .arg(ceilingRps)
             .arg(ratio(rps, ceilingRps))
             .arg(p99)
             .arg(staleP50)
             .arg(staleP99)
             .arg(holdStaleness.count())
             .arg(writerCycles)
             .arg(nextPayment));
}

void BenchRun::millionQueuePhase()
{
    const int waitingCount = m_config.millionWaiting;
    const int activeCount = m_config.millionActive;
    note(QStringLiteral("scenario 7: queue status with %1 WAITING and %2 ACTIVE")
             .arg(waitingCount)
             .arg(activeCount));
    const QString key = QStringLiteral("7_million_queue");
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(key, scenario);
        check(QStringLiteral("scenario 7 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    // Capacity = the ACTIVE count: the seeded ACTIVE fill it and everyone after them waits.
    const QStringList serverArgs{
        QStringLiteral("--queue-capacity"),        QString::number(activeCount),
        QStringLiteral("--active-ttl-seconds"),    QStringLiteral("86400"),
        QStringLiteral("--queue-abandon-seconds"), QStringLiteral("86400")};
    auto server = startServer(*db, serverArgs);
    if (!server)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    const qint64 pid = pidOf(*server);
    const ProcessSample empty = ProcessSample::read(pid);
    BenchDb sql(db->socketPath(), db->databaseName());
    QString error;
    QElapsedTimer seedClock;
    seedClock.start();
    const int total = waitingCount + activeCount;
    const int keepEvery = qMax(1, total / qMax(1, m_config.millionStatusTokens));
    // Seeded WAITING and admitted by the server's ticks (capacity = activeCount).
    const QList<SeededToken> active = seedTokens(sql, activeCount, &error, keepEvery);
    if (active.isEmpty() || !error.isEmpty())
        return fail(QStringLiteral("seeding the ACTIVE tokens failed: ") + error);
    if (!waitForQueue(server->baseUrl(), active.last().token, QStringLiteral("ACTIVE"), {},
                      120'000 + activeCount))
        return fail(QStringLiteral("the seeded tokens never became ACTIVE"));
    const ProcessSample withActive = ProcessSample::read(pid);
    const QList<SeededToken> waiting = seedTokens(sql, waitingCount, &error, keepEvery);
    if (waiting.isEmpty() || !error.isEmpty())
        return fail(QStringLiteral("seeding the WAITING tokens failed: ") + error);
    if (!waitForQueue(
            server->baseUrl(), waiting.last().token, QStringLiteral("WAITING"),
            [waitingCount]() { return qint64(waitingCount); }, 120'000 + total / 10))
        return fail(QStringLiteral("the server's queue view never showed the whole line"));
    const double seedSeconds = double(seedClock.elapsed()) / 1000.0;
    const ProcessSample loaded = ProcessSample::read(pid);
    const QString tokenFile = QDir(m_config.workDir).filePath(QStringLiteral("tokens-million.txt"));
    writeTokenFile(tokenFile, active + waiting);
    scenario.insert(QStringLiteral("seed_seconds"), seedSeconds);
    scenario.insert(QStringLiteral("status_tokens_sampled"),
                    double(active.size() + waiting.size()));

    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    QList<QJsonObject> rounds;
    bool allAnswered = true;
    for (int round = 1; round <= m_config.rounds; ++round) {
        note(QStringLiteral("  round %1/%2: bench-minimal-server, then concert-server")
                 .arg(round)
                 .arg(m_config.rounds));
        QJsonObject ceiling;
        {
            auto minimal = startMinimalServer();
            if (!minimal)
                return fail(QStringLiteral("bench-minimal-server did not start"));
            ceiling = wrk.run(
                QStringLiteral("million-ceiling-r%1").arg(round),
                {WrkJob{
                    minimal->baseUrl(), QStringLiteral("status.lua"), {tokenFile, seedText()}, 0}});
        }
        const ProcessSample before = ProcessSample::read(pid);
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        QJsonObject measured = wrk.run(
            QStringLiteral("million-server-r%1").arg(round),
            {WrkJob{server->baseUrl(), QStringLiteral("status.lua"), {tokenFile, seedText()}, 0}});
        const double seconds = double(clock.elapsed()) / 1000.0;
        measured.insert(QStringLiteral("process_usage"),
                        QJsonArray{processUsage(QStringLiteral("concert-server"), before,
                                                ProcessSample::read(pid), seconds),
                                   processUsage(QStringLiteral("mariadbd"), dbBefore,
                                                ProcessSample::read(mariadbPid(*db)), seconds)});
        const QJsonObject errors = measured.value(QLatin1String("errors")).toObject();
        allAnswered = allAnswered && !measured.contains(QLatin1String("error"))
            && errors.value(QLatin1String("status_4xx_5xx")).toDouble() == 0
            && errors.value(QLatin1String("timeout")).toDouble() == 0
            && measured.value(QLatin1String("requests")).toDouble() > 0;
        rounds << pairedRound(
            measured, measured.value(QLatin1String("requests_per_second")).toDouble(), ceiling,
            ceiling.value(QLatin1String("requests_per_second")).toDouble());
    }

    // Idle: no request at all for idleSeconds; the server's own ticks are all that runs.
    note(QStringLiteral("  idle CPU over %1 s").arg(m_config.idleSeconds));
    const ProcessSample idleBefore = ProcessSample::read(pid);
    const ProcessSample dbIdleBefore = ProcessSample::read(mariadbPid(*db));
    QElapsedTimer idleClock;
    idleClock.start();
    QThread::msleep(quint32(m_config.idleSeconds) * 1000); // the measurement window itself
    const double idleWall = double(idleClock.elapsed()) / 1000.0;
    const ProcessSample idleAfter = ProcessSample::read(pid);
    const QJsonObject idleUsage =
        processUsage(QStringLiteral("concert-server (idle)"), idleBefore, idleAfter, idleWall);
    const QJsonObject dbIdleUsage = processUsage(QStringLiteral("mariadbd (idle)"), dbIdleBefore,
                                                 ProcessSample::read(mariadbPid(*db)), idleWall);
    const double idlePercent = idleAfter.valid && idleBefore.valid
        ? (idleAfter.cpuSeconds - idleBefore.cpuSeconds) / idleWall * 100
        : -1;
    // Still the same line after everything (nobody admitted, nobody lost).
    const bool lineKept = waitForQueue(
        server->baseUrl(), waiting.last().token, QStringLiteral("WAITING"),
        [waitingCount]() { return qint64(waitingCount); }, 10'000);

    const QJsonObject chosen = medianRound(rounds);
    const QJsonObject measured = chosen.value(QLatin1String("server")).toObject();
    const QJsonObject ceiling = chosen.value(QLatin1String("ceiling")).toObject();
    const double rps = measured.value(QLatin1String("requests_per_second")).toDouble();
    const double ceilingRps = ceiling.value(QLatin1String("requests_per_second")).toDouble();
    const double p99 = wrkPercentile(measured, "p99");
    const double bytesPerWaiting =
        waitingCount > 0 ? double(loaded.rssKiB - withActive.rssKiB) * 1024.0 / waitingCount : 0;
    const double bytesPerActive =
        activeCount > 0 ? double(withActive.rssKiB - empty.rssKiB) * 1024.0 / activeCount : 0;
    scenario.insert(QStringLiteral("server"), measured);
    scenario.insert(QStringLiteral("ceiling"), ceiling);
    scenario.insert(QStringLiteral("ratio_to_ceiling"), ratio(rps, ceilingRps));
    scenario.insert(QStringLiteral("rounds"), chosen.value(QLatin1String("rounds")));
    scenario.insert(QStringLiteral("rss_mib"),
                    QJsonObject{{QStringLiteral("empty"), double(empty.rssKiB) / 1024.0},
                                {QStringLiteral("with_active"), double(withActive.rssKiB) / 1024.0},
                                {QStringLiteral("with_whole_line"), double(loaded.rssKiB) / 1024.0},
                                {QStringLiteral("after_idle"), double(idleAfter.rssKiB) / 1024.0},
                                {QStringLiteral("peak"), double(idleAfter.peakRssKiB) / 1024.0}});
    scenario.insert(QStringLiteral("rss_bytes_per_waiting_token"), std::round(bytesPerWaiting));
    scenario.insert(QStringLiteral("rss_bytes_per_active_token"), std::round(bytesPerActive));
    scenario.insert(QStringLiteral("idle"), QJsonArray{idleUsage, dbIdleUsage});
    scenario.insert(QStringLiteral("idle_cpu_percent_of_one_core"),
                    std::round(idlePercent * 100) / 100);

    check(QStringLiteral("scenario 7: every status answer was 200 and arrived"), allAnswered);
    check(QStringLiteral("scenario 7: the line was intact after the run (last token WAITING at "
                         "position %1)")
              .arg(waitingCount),
          lineKept);
    addTarget(QStringLiteral("queue status, %1 WAITING + %2 ACTIVE: >= 50% of the minimal-server "
                             "ceiling")
                  .arg(waitingCount)
                  .arg(activeCount),
              ratio(rps, ceilingRps), ratio(rps, ceilingRps) >= 0.5);
    addTarget(QStringLiteral("queue status, %1 WAITING + %2 ACTIVE: p99 < 20 ms")
                  .arg(waitingCount)
                  .arg(activeCount),
              p99, p99 > 0 && p99 < 20);
    addTarget(QStringLiteral("idle server with that line: < 5% of a core over %1 s")
                  .arg(m_config.idleSeconds),
              QStringLiteral("%1% of a core").arg(idlePercent, 0, 'f', 2),
              idlePercent >= 0 && idlePercent < 5);

    scenario.insert(QStringLiteral("title"),
                    QStringLiteral("7. Queue status with a million in line"));
    scenario.insert(
        QStringLiteral("description"),
        QStringLiteral("%1 tokens seeded in SQL (%2 admitted ACTIVE by the server first, then %3 "
                       "WAITING; %4 s including the wait for the server's view); wrk polls a "
                       "sample of %5 tokens spread over the whole line (`status.lua`). Ceiling: "
                       "`bench-minimal-server`. Server `%6`.")
            .arg(total)
            .arg(activeCount)
            .arg(waitingCount)
            .arg(seedSeconds, 0, 'f', 1)
            .arg(active.size() + waiting.size())
            .arg(serverArgs.join(u' ')));
    scenario.insert(
        QStringLiteral("summary"),
        QJsonArray{
            QJsonArray{QStringLiteral("concert-server req/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(rps))
                           .arg(wrkPercentile(measured, "p50"), 0, 'f', 2)
                           .arg(p99, 0, 'f', 2)},
            QJsonArray{QStringLiteral("ceiling req/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(ceilingRps))
                           .arg(wrkPercentile(ceiling, "p50"), 0, 'f', 2)
                           .arg(wrkPercentile(ceiling, "p99"), 0, 'f', 2)},
            QJsonArray{QStringLiteral("**ratio**"),
                       QStringLiteral("**%1%**").arg(ratio(rps, ceilingRps) * 100, 0, 'f', 1)},
            QJsonArray{QStringLiteral("server RSS: empty / with ACTIVE / with the whole line / "
                                      "after the runs"),
                       QStringLiteral("%1 / %2 / %3 / %4 MiB")
                           .arg(double(empty.rssKiB) / 1024.0, 0, 'f', 1)
                           .arg(double(withActive.rssKiB) / 1024.0, 0, 'f', 1)
                           .arg(double(loaded.rssKiB) / 1024.0, 0, 'f', 1)
                           .arg(double(idleAfter.rssKiB) / 1024.0, 0, 'f', 1)},
            QJsonArray{QStringLiteral("RSS growth per WAITING token / per ACTIVE token"),
                       QStringLiteral("%1 / %2 bytes")
                           .arg(std::round(bytesPerWaiting))
                           .arg(std::round(bytesPerActive))},
            QJsonArray{
                QStringLiteral("idle CPU over %1 s: concert-server / mariadbd")
                    .arg(m_config.idleSeconds),
                QStringLiteral("%1% / %2% of a core")
                    .arg(idlePercent, 0, 'f', 2)
                    .arg(dbIdleUsage.value(QLatin1String("cpu_percent_of_one_core")).toDouble())},
        });
    scenario.insert(QStringLiteral("usage"), measured.value(QLatin1String("process_usage")));
    m_scenarios.insert(key, scenario);
    note(QStringLiteral("  %1 req/s (ceiling %2, ratio %3), p99 %4 ms; RSS %5 MiB; idle %6% of a "
                        "core")
             .arg(rps)
             .arg(ceilingRps)
             .arg(ratio(rps, ceilingRps))
             .arg(p99)
             .arg(double(loaded.rssKiB) / 1024.0, 0, 'f', 1)
             .arg(idlePercent, 0, 'f', 2));
}

void BenchRun::busyIssuePhase()
{
    const int activeCount = m_config.busyIssueActive;
    note(QStringLiteral("scenario 8: token issue for new users with %1 ACTIVE").arg(activeCount));
    const QString key = QStringLiteral("8_busy_token_issue");
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(key, scenario);
        check(QStringLiteral("scenario 8 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{
        QStringLiteral("--queue-capacity"),        QString::number(activeCount),
        QStringLiteral("--active-ttl-seconds"),    QStringLiteral("86400"),
        QStringLiteral("--queue-abandon-seconds"), QStringLiteral("86400")};
    auto server = startServer(*db, serverArgs);
    if (!server)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    BenchDb sql(db->socketPath(), db->databaseName());
    QString error;
    const QList<SeededToken> active = seedActive(sql, server->baseUrl(), activeCount, &error);
    if (active.isEmpty())
        return fail(QStringLiteral("seeding failed: ") + error);
    const qint64 seededMaxId =
        sql.scalar(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM queue_tokens")).value_or(0);

    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    QList<QJsonObject> rounds;
    bool all201 = true;
    bool ceilingClean = true;
    double answered201 = 0;
    double ceilingInserts = 0;
    for (int round = 1; round <= m_config.rounds; ++round) {
        note(QStringLiteral("  round %1/%2: single-row INSERT ceiling (%3 connections), then "
                            "concert-server")
                 .arg(round)
                 .arg(m_config.rounds)
                 .arg(m_config.dbPoolSize));
        const QJsonObject ceiling = tokenIssueCeiling(db->socketPath(), db->databaseName(),
                                                      m_config.dbPoolSize, m_config.sqlDurationMs);
        ceilingClean = ceilingClean && ceiling.value(QLatin1String("failures")).toDouble() == 0
            && ceiling.value(QLatin1String("operations")).toDouble() > 0;
        ceilingInserts += ceiling.value(QLatin1String("operations")).toDouble();
        const ProcessSample before = ProcessSample::read(pidOf(*server));
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        QJsonObject measured =
            wrk.run(QStringLiteral("busy-issue-server-r%1").arg(round),
                    {WrkJob{server->baseUrl(), QStringLiteral("issue.lua"), {seedText()}, 0}});
        const double seconds = double(clock.elapsed()) / 1000.0;
        measured.insert(QStringLiteral("process_usage"),
                        QJsonArray{processUsage(QStringLiteral("concert-server"), before,
                                                ProcessSample::read(pidOf(*server)), seconds),
                                   processUsage(QStringLiteral("mariadbd"), dbBefore,
                                                ProcessSample::read(mariadbPid(*db)), seconds)});
        const double requests = measured.value(QLatin1String("requests")).toDouble();
        all201 = all201 && !measured.contains(QLatin1String("error")) && requests > 0
            && statusCount(measured, QStringLiteral("201")) == requests;
        answered201 += statusCount(measured, QStringLiteral("201"));
        rounds << pairedRound(measured,
                              measured.value(QLatin1String("requests_per_second")).toDouble(),
                              ceiling, ceiling.value(QLatin1String("ops_per_second")).toDouble());
    }
    const QJsonObject chosen = medianRound(rounds);
    const QJsonObject measured = chosen.value(QLatin1String("server")).toObject();
    const QJsonObject ceiling = chosen.value(QLatin1String("ceiling")).toObject();
    const double rps = measured.value(QLatin1String("requests_per_second")).toDouble();
    const double ceilingOps = ceiling.value(QLatin1String("ops_per_second")).toDouble();

    // Afterwards, in SQL: one live place per user and room; admissions in issue order; every
    // token row after the seed is a ceiling INSERT or an answered (or in-flight) request.
    const qint64 liveDuplicates =
        sql.scalar(QStringLiteral("SELECT COUNT(*) FROM (SELECT live_user_id, room_id FROM "
                                  "queue_tokens WHERE live_user_id IS NOT NULL GROUP BY "
                                  "live_user_id, room_id HAVING COUNT(*) > 1) x"))
            .value_or(-1);
    const qint64 newRows = sql.scalar(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE "
                                                     "id > %1")
                                          .arg(seededMaxId))
                               .value_or(-1);
    const QJsonObject invariants = invariantChecks(sql);
    // Strict issue order as the server shows it: a sample of WAITING tokens (evenly over the
    // line, in id order) must report position = their rank by id among the WAITING.
    const auto waitingRows =
        sql.rows(QStringLiteral("SELECT id, user_id, rn FROM (SELECT id, user_id, ROW_NUMBER() "
                                "OVER (ORDER BY id) AS rn FROM queue_tokens WHERE status = "
                                "'WAITING' AND room_id = 0) w"))
            .value_or(QList<QStringList>{});
    struct Probe
    {
        QString token;
        qint64 rank = 0;
        qint64 id = 0;
    };
    QList<Probe> probes;
    const int step = qMax(1, int(waitingRows.size()) / 20);
    for (int i = 0; i < waitingRows.size(); i += step)
        probes << Probe{
            signToken(sql, waitingRows[i].value(0).toLongLong(), waitingRows[i].value(1)),
            waitingRows[i].value(2).toLongLong(), waitingRows[i].value(0).toLongLong()};
    if (!waitingRows.isEmpty())
        probes << Probe{
            signToken(sql, waitingRows.last().value(0).toLongLong(), waitingRows.last().value(1)),
            waitingRows.last().value(2).toLongLong(), waitingRows.last().value(0).toLongLong()};
    HttpClient client(server->baseUrl());
    int positionsRight = 0;
    QStringList wrongPositions;
    const QDeadlineTimer deadline(15'000); // the view catches up within a few ticks
    do {
        positionsRight = 0;
        wrongPositions.clear();
        for (const Probe &probe : probes) {
            const HttpReply reply =
                client.get(QStringLiteral("/api/v1/queue/status"), HttpClient::bearer(probe.token));
            const qint64 position = reply.json.value(QLatin1String("position")).toInteger();
            if (reply.status == 200 && position == probe.rank)
                ++positionsRight;
            else if (wrongPositions.size() < 5)
                wrongPositions << QStringLiteral("token %1: %2 position %3, rank %4")
                                      .arg(probe.id)
                                      .arg(reply.status)
                                      .arg(position)
                                      .arg(probe.rank);
        }
        if (positionsRight == probes.size())
            break;
        QThread::msleep(200); // polling the next tick, bounded by the deadline
    } while (!deadline.hasExpired());

    scenario.insert(QStringLiteral("server"), measured);
    scenario.insert(QStringLiteral("ceiling_sql"), ceiling);
    scenario.insert(QStringLiteral("ratio_to_ceiling"), ratio(rps, ceilingOps));
    scenario.insert(QStringLiteral("rounds"), chosen.value(QLatin1String("rounds")));
    scenario.insert(QStringLiteral("live_place_duplicates"), double(liveDuplicates));
    scenario.insert(QStringLiteral("new_token_rows"), double(newRows));
    scenario.insert(QStringLiteral("ceiling_inserts"), ceilingInserts);
    scenario.insert(QStringLiteral("answered_201"), answered201);
    scenario.insert(QStringLiteral("invariants"), invariants);
    scenario.insert(QStringLiteral("positions_checked"), double(probes.size()));
    scenario.insert(QStringLiteral("positions_right"), double(positionsRight));
    scenario.insert(QStringLiteral("wrong_positions"), QJsonArray::fromStringList(wrongPositions));

    check(QStringLiteral("scenario 8: every token request answered 201 (a new user each time)"),
          all201);
    check(QStringLiteral("scenario 8: the SQL ceiling had no failures"), ceilingClean);
    check(QStringLiteral("scenario 8: one live place per user and room (SQL)"),
          liveDuplicates == 0);
    check(QStringLiteral("scenario 8: a token row for every 201 (rows %1 >= %2 answered + %3 "
                         "ceiling INSERTs)")
              .arg(newRows)
              .arg(answered201)
              .arg(ceilingInserts),
          double(newRows) >= answered201 + ceilingInserts);
    check(QStringLiteral("scenario 8: admissions in issue order (SQL)"),
          invariants.value(QLatin1String("admission_order_inversions")).toDouble() == 0);
    check(QStringLiteral("scenario 8: strict issue order: %1 sampled WAITING tokens report their "
                         "rank by id as position")
              .arg(probes.size()),
          !probes.isEmpty() && positionsRight == probes.size());
    addTarget(QStringLiteral("token issue with %1 ACTIVE: >= 1.5x the single-row INSERT ceiling")
                  .arg(activeCount),
              ratio(rps, ceilingOps), ratio(rps, ceilingOps) >= 1.5);

    scenario.insert(QStringLiteral("title"),
                    QStringLiteral("8. Token issue for new users with many ACTIVE"));
    scenario.insert(
        QStringLiteral("description"),
        QStringLiteral("%1 tokens seeded in SQL and admitted ACTIVE by the server (capacity = "
                       "that many, so every new token waits); then `POST /api/v1/queue/tokens` "
                       "with a fresh UUID per request (`issue.lua`). Ceiling: %2 on %3 "
                       "connections, no HTTP. Server `%4`.")
            .arg(activeCount)
            .arg(ceiling.value(QLatin1String("statements")).toString())
            .arg(m_config.dbPoolSize)
            .arg(serverArgs.join(u' ')));
    scenario.insert(
        QStringLiteral("summary"),
        QJsonArray{
            QJsonArray{QStringLiteral("concert-server tokens/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(rps))
                           .arg(wrkPercentile(measured, "p50"), 0, 'f', 2)
                           .arg(wrkPercentile(measured, "p99"), 0, 'f', 2)},
            QJsonArray{QStringLiteral("single-row INSERT ceiling ops/s, p50 / p99"),
                       QStringLiteral("%1, %2 / %3 ms")
                           .arg(std::round(ceilingOps))
                           .arg(ceiling.value(QLatin1String("latency"))
                                    .toObject()
                                    .value(QLatin1String("p50_ms"))
                                    .toDouble(),
                                0, 'f', 2)
                           .arg(ceiling.value(QLatin1String("latency"))
                                    .toObject()
                                    .value(QLatin1String("p99_ms"))
                                    .toDouble(),
                                0, 'f', 2)},
            QJsonArray{QStringLiteral("**ratio** (target >= 150%)"),
                       QStringLiteral("**%1%**").arg(ratio(rps, ceilingOps) * 100, 0, 'f', 1)},
            QJsonArray{QStringLiteral("users with two live places (SQL)"),
                       QString::number(liveDuplicates)},
            QJsonArray{QStringLiteral("sampled WAITING tokens whose position = rank by id"),
                       QStringLiteral("%1 of %2").arg(positionsRight).arg(probes.size())},
            QJsonArray{QStringLiteral("token rows after the seed / 201 answers + ceiling INSERTs"),
                       QStringLiteral("%1 / %2").arg(newRows).arg(answered201 + ceilingInserts)},
        });
    scenario.insert(QStringLiteral("usage"), measured.value(QLatin1String("process_usage")));
    m_scenarios.insert(key, scenario);
    note(QStringLiteral("  %1 tokens/s (INSERT ceiling %2, ratio %3); positions right %4/%5")
             .arg(rps)
             .arg(std::round(ceilingOps))
             .arg(ratio(rps, ceilingOps))
             .arg(positionsRight)
             .arg(probes.size()));
}
