#include "benchrun.h"

#include "benchshared.h"
#include "benchutil.h"
#include "httpclient.h"
#include "mariadbinstance.h"
#include "report.h"
#include "serverprocess.h"
#include "sqlbench.h"
#include "testports.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <cstdio>

BenchConfig BenchConfig::forScale(double scale)
{
    BenchConfig c;
    c.scale = scale;
    if (scale >= 1.0)
        return c;
    auto scaled = [scale](int full, int least) {
        return qMax(least, int(std::lround(full * scale)));
    };
    c.wrk.durationSeconds = qMax(1, int(std::lround(10 * scale * 10)));
    c.wrk.warmupSeconds = 0;
    c.rounds = 1;
    c.freshDatabasePerPhase = false;
    c.wrk.connections = scaled(64, 16);
    c.sqlDurationMs = scaled(10'000, 1'000);
    c.queueDepth = scaled(100'000, 1'000);
    c.holdTokens = scaled(1'000, 50);
    c.holdDatesForServer = scaled(9'000, 600);
    c.holdDatesForCeiling = scaled(3'000, 300);
    c.openingUsers = scaled(10'000, 100);
    c.openingWindowMs = scaled(10'000, 500);
    c.openingDates = scaled(20, 1);
    c.openingCapacity = scaled(500, 10);
    c.openingActiveTtlSeconds = 20;
    c.openingTickMs = 200;
    c.openingConnections = scaled(128, 16);
    c.openingDeadlineMs = 45'000;
    c.hotMapTokens = scaled(2'000, 200);
    c.hotMapColdDates = scaled(40, 4);
    c.hotMapStalenessSamples = scaled(60, 15);
    c.millionWaiting = scaled(1'000'000, 5'000);
    c.millionActive = scaled(100'000, 500);
    c.millionStatusTokens = scaled(100'000, 1'000);
    c.idleSeconds = scaled(30, 5);
    c.busyIssueActive = scaled(100'000, 500);
    c.pushStreams = scaled(10'000, 100);
    c.pushTickMs = 500;
    c.prequeueUsers = scaled(10'000, 100);
    c.prequeueWindowMs = scaled(60'000, 3'000);
    c.postOpeningUsers = scaled(20'000, 200);
    c.postOpeningWindowMs = scaled(10'000, 1'000);
    return c;
}

QJsonObject BenchConfig::toJson() const
{
    return {{QStringLiteral("scale"), scale},
            {QStringLiteral("rounds"), rounds},
            {QStringLiteral("fresh_database_per_phase"), freshDatabasePerPhase},
            {QStringLiteral("wrk"), wrk.toJson()},
            {QStringLiteral("db_pool_size"), dbPoolSize},
            {QStringLiteral("sql_ceiling_seconds"), sqlDurationMs / 1000.0},
            {QStringLiteral("queue_depth"), queueDepth},
            {QStringLiteral("hold_tokens"), holdTokens},
            {QStringLiteral("hold_dates_server"), holdDatesForServer},
            {QStringLiteral("hold_dates_ceiling"), holdDatesForCeiling},
            {QStringLiteral("contention_hold_ttl_seconds"), contentionHoldTtlSeconds},
            {QStringLiteral("opening_users"), openingUsers},
            {QStringLiteral("opening_arrival_window_seconds"), openingWindowMs / 1000.0},
            {QStringLiteral("opening_dates"), openingDates},
            {QStringLiteral("opening_seats"), openingDates * 50},
            {QStringLiteral("opening_queue_capacity"), openingCapacity},
            {QStringLiteral("opening_active_ttl_seconds"), openingActiveTtlSeconds},
            {QStringLiteral("opening_queue_tick_ms"), openingTickMs},
            {QStringLiteral("opening_driver_connections"), openingConnections},
            {QStringLiteral("opening_deadline_seconds"), openingDeadlineMs / 1000.0},
            {QStringLiteral("hot_map_tick_ms"), hotMapTickMs},
            {QStringLiteral("hot_map_tokens"), hotMapTokens},
            {QStringLiteral("hot_map_cold_dates"), hotMapColdDates},
            {QStringLiteral("hot_map_staleness_samples"), hotMapStalenessSamples},
            {QStringLiteral("million_waiting"), millionWaiting},
            {QStringLiteral("million_active"), millionActive},
            {QStringLiteral("million_status_tokens"), millionStatusTokens},
            {QStringLiteral("idle_seconds"), idleSeconds},
            {QStringLiteral("busy_issue_active"), busyIssueActive},
            {QStringLiteral("push_streams"), pushStreams},
            {QStringLiteral("push_tick_ms"), pushTickMs},
            {QStringLiteral("prequeue_users"), prequeueUsers},
            {QStringLiteral("prequeue_window_seconds"), prequeueWindowMs / 1000.0},
            {QStringLiteral("post_opening_users"), postOpeningUsers},
            {QStringLiteral("post_opening_window_seconds"), postOpeningWindowMs / 1000.0}};
}

BenchRun::BenchRun(const BenchConfig &config)
    : m_config(config)
    , m_serverProgram(qEnvironmentVariableIsEmpty("CONCERT_BENCH_SERVER")
                          ? QStringLiteral(CONCERT_SERVER_BINARY)
                          : qEnvironmentVariable("CONCERT_BENCH_SERVER"))
    , m_minimalProgram(QStringLiteral(BENCH_MINIMAL_SERVER_BINARY))
{ }

BenchRun::~BenchRun() = default;

void BenchRun::note(const QString &text)
{
    std::printf("[bench %s] %s\n", qPrintable(QTime::currentTime().toString(Qt::ISODate)),
                qPrintable(text));
    std::fflush(stdout);
}

void BenchRun::check(const QString &what, bool ok)
{
    m_checks.append(QJsonObject{{QStringLiteral("check"), what}, {QStringLiteral("ok"), ok}});
    if (!ok) {
        m_correct = false;
        note(QStringLiteral("CHECK FAILED: ") + what);
    }
}

bool BenchRun::wants(const QString &scenario) const
{
    return m_config.only.isEmpty() || m_config.only.contains(scenario);
}

std::shared_ptr<MariaDbInstance> BenchRun::startDatabase()
{
    if (!m_config.freshDatabasePerPhase && m_sharedDb) {
        if (m_sharedDb->resetDatabase())
            return m_sharedDb;
        note(QStringLiteral("cannot reset the database; starting a new MariaDB"));
    }
    auto db = std::make_shared<MariaDbInstance>();
    if (!db->start()) {
        note(QStringLiteral("MariaDB did not start: ") + db->errorString());
        return nullptr;
    }
    if (!m_config.freshDatabasePerPhase)
        m_sharedDb = db;
    return db;
}

std::unique_ptr<ServerProcess> BenchRun::startServer(const MariaDbInstance &db,
                                                     const QStringList &extra, int fixedPort)
{
    QStringList args = db.serverArguments();
    args << QStringLiteral("--admin-key") << kAdminKey << QStringLiteral("--db-pool-size")
         << QString::number(m_config.dbPoolSize) << extra;
    if (fixedPort > 0)
        args << QStringLiteral("--reuse-port") << QStringLiteral("--port")
             << QString::number(fixedPort);
    auto server = std::make_unique<ServerProcess>(m_serverProgram);
    if (!server->start(args)) {
        note(QStringLiteral("concert-server did not start: ") + args.join(u' '));
        return nullptr;
    }
    return server;
}

std::unique_ptr<ServerProcess> BenchRun::startMinimalServer(int fixedPort, const QStringList &extra)
{
    QStringList args = extra;
    if (fixedPort > 0)
        args << QStringLiteral("--reuse-port") << QStringLiteral("--port")
             << QString::number(fixedPort);
    auto server = std::make_unique<ServerProcess>(m_minimalProgram);
    if (!server->start(args)) {
        note(QStringLiteral("bench-minimal-server did not start"));
        return nullptr;
    }
    return server;
}

QList<std::pair<qint64, QString>> BenchRun::createDates(const QUrl &server, int dates, qint64 price,
                                                        QString *error)
{
    // At most 366 dates per concert (api-contract.md), all in the future.
    QList<std::pair<qint64, QString>> created;
    HttpClient client(server);
    const QDate first = QDate::currentDate().addDays(2);
    int made = 0;
    for (int concert = 0; made < dates; ++concert) {
        const int count = qMin(360, dates - made);
        QJsonArray list;
        for (int i = 0; i < count; ++i)
            list.append(
                QJsonObject{{QStringLiteral("date"), first.addDays(i).toString(Qt::ISODate)},
                            {QStringLiteral("price"), double(price)}});
        const HttpReply reply = client.post(
            QStringLiteral("/api/v1/admin/concerts"),
            {{QStringLiteral("title"), QStringLiteral("Bench concert %1").arg(concert + 1)},
             {QStringLiteral("venue"), QStringLiteral("Loopback Hall")},
             {QStringLiteral("dates"), list}},
            {{QByteArrayLiteral("X-Admin-Key"), kAdminKey.toUtf8()}}, 120'000);
        if (reply.status != 201) {
            *error = QStringLiteral("POST /api/v1/admin/concerts answered %1: %2")
                         .arg(reply.status)
                         .arg(QString::fromUtf8(reply.body.left(300)));
            return {};
        }
        const qint64 id = reply.json.value(QLatin1String("id")).toInteger();
        for (int i = 0; i < count; ++i)
            created.append({id, first.addDays(i).toString(Qt::ISODate)});
        made += count;
    }
    return created;
}

bool BenchRun::waitForQueue(const QUrl &server, const QString &token, const QString &status,
                            const std::function<qint64()> &expectedPosition, int timeoutMs)
{
    HttpClient client(server);
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const HttpReply reply =
            client.get(QStringLiteral("/api/v1/queue/status"), HttpClient::bearer(token), 5000);
        if (reply.status == 200 && reply.json.value(QLatin1String("status")).toString() == status
            && (!expectedPosition
                || reply.json.value(QLatin1String("position")).toInteger() == expectedPosition()))
            return true;
        QThread::msleep(100); // polling for the next queue tick, bounded by the deadline
    }
    return false;
}

std::unique_ptr<QProcess> BenchRun::startProfiler(const QString &label, const QList<qint64> &pids,
                                                  const WrkSettings &wrk)
{
    if (m_config.perfDir.isEmpty() || !label.endsWith(QLatin1String("-r1")))
        return nullptr;
    QStringList pidList;
    for (qint64 pid : pids)
        pidList << QString::number(pid);
    const QString data = QDir(m_config.perfDir).filePath(label + QStringLiteral(".perf.data"));
    auto perf = std::make_unique<QProcess>();
    perf->setProcessChannelMode(QProcess::MergedChannels);
    perf->setStandardOutputFile(data + QStringLiteral(".log"));
    // DWARF unwinding: Debian's Qt and a -O2 build have no frame pointers.
    perf->start(QStringLiteral("perf"),
                {QStringLiteral("record"), QStringLiteral("-F"), QStringLiteral("199"),
                 QStringLiteral("--call-graph"), QStringLiteral("dwarf,8192"), QStringLiteral("-p"),
                 pidList.join(u','), QStringLiteral("-o"), data, QStringLiteral("--"),
                 QStringLiteral("sleep"),
                 QString::number(wrk.warmupSeconds + wrk.durationSeconds)});
    if (!perf->waitForStarted(5000)) {
        note(QStringLiteral("perf did not start (apt-get install linux-perf)"));
        return nullptr;
    }
    note(QStringLiteral("  perf record → ") + data);
    return perf;
}

void BenchRun::finishProfiler(QProcess *perf)
{
    if (perf && !perf->waitForFinished(120'000))
        perf->kill();
}

int BenchRun::run()
{
    QElapsedTimer total;
    total.start();
    QDir().mkpath(m_config.workDir);
    QDir().mkpath(m_config.outDir);
    if (!m_config.perfDir.isEmpty())
        QDir().mkpath(m_config.perfDir);
    m_luaDir = QDir(m_config.workDir).filePath(QStringLiteral("lua"));
    QDir().mkpath(m_luaDir);
    for (const QString &name : QDir(QStringLiteral(":/bench/lua")).entryList()) {
        QFile::remove(QDir(m_luaDir).filePath(name));
        QFile::copy(QStringLiteral(":/bench/lua/") + name, QDir(m_luaDir).filePath(name));
    }
    // The servers' info lines would drown the progress lines; warnings still show.
    qputenv("QT_LOGGING_RULES", "concert.*.info=false");

    const QJsonObject machine = machineInfo(m_serverProgram);
    m_serverHasReusePort = commandOutput(m_serverProgram, {QStringLiteral("--help")})
                               .contains(QLatin1String("--reuse-port"));
    note(QStringLiteral("machine: %1 cores, %2; Qt %3; MariaDB %4; %5; build %6")
             .arg(machine.value(QLatin1String("cores")).toInt())
             .arg(machine.value(QLatin1String("cpu_model")).toString(),
                  machine.value(QLatin1String("qt")).toString(),
                  machine.value(QLatin1String("mariadb")).toString(),
                  machine.value(QLatin1String("wrk")).toString(),
                  machine.value(QLatin1String("build_type")).toString()));
    note(QStringLiteral("settings: ")
         + QString::fromUtf8(QJsonDocument(m_config.toJson()).toJson(QJsonDocument::Compact)));
    if (!m_serverHasReusePort)
        m_notes << QStringLiteral("concert-server has no --reuse-port option: two processes listen "
                                  "on two ports and one wrk per port runs, results summed.");

    const bool needWrk = wants(QStringLiteral("1")) || wants(QStringLiteral("2"))
        || wants(QStringLiteral("3")) || wants(QStringLiteral("5")) || wants(QStringLiteral("6"))
        || wants(QStringLiteral("7")) || wants(QStringLiteral("8"));
    if (needWrk && !WrkRunner::available()) {
        note(QStringLiteral("wrk is not installed (apt-get install wrk): cannot run."));
        return 77;
    }

    if (wants(QStringLiteral("1")) || wants(QStringLiteral("5")))
        queueStatusPhase();
    if (wants(QStringLiteral("2")))
        tokenIssuePhase();
    if (wants(QStringLiteral("3")) || wants(QStringLiteral("5")))
        holdsPhase();
    if (wants(QStringLiteral("4")))
        openingPhase();
    if (wants(QStringLiteral("6")))
        hotSeatMapPhase();
    if (wants(QStringLiteral("7")))
        millionQueuePhase();
    if (wants(QStringLiteral("8")))
        busyIssuePhase();
    if (wants(QStringLiteral("9")))
        webhookOpeningPhase();
    if (wants(QStringLiteral("10")))
        pushPhase();
    if (wants(QStringLiteral("11")))
        prequeueOpeningPhase();

    QJsonObject report{
        {QStringLiteral("generated_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {QStringLiteral("machine"), machine},
        {QStringLiteral("settings"), m_config.toJson()},
        {QStringLiteral("scenarios"), m_scenarios},
        {QStringLiteral("targets"), m_targets},
        {QStringLiteral("checks"), m_checks},
        {QStringLiteral("notes"), QJsonArray::fromStringList(m_notes)},
        {QStringLiteral("correct"), m_correct},
        {QStringLiteral("run_seconds"), std::round(double(total.elapsed()) / 100) / 10},
    };
    QFile json(QDir(m_config.outDir).filePath(QStringLiteral("report.json")));
    QFile markdown(QDir(m_config.outDir).filePath(QStringLiteral("report.md")));
    if (!json.open(QIODevice::WriteOnly | QIODevice::Truncate)
        || !markdown.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        note(QStringLiteral("cannot write the report into ") + m_config.outDir);
        return 1;
    }
    json.write(QJsonDocument(report).toJson(QJsonDocument::Indented));
    markdown.write(renderMarkdown(report).toUtf8());
    note(QStringLiteral("report: %1 (%2 s)")
             .arg(QFileInfo(markdown).absoluteFilePath())
             .arg(report.value(QLatin1String("run_seconds")).toDouble()));
    note(m_correct ? QStringLiteral("every correctness check held")
                   : QStringLiteral("SOME CORRECTNESS CHECKS FAILED (see the report)"));
    return m_correct ? 0 : 1;
}

void BenchRun::queueStatusPhase()
{
    const int depth = m_config.queueDepth;
    note(QStringLiteral("scenario 1: queue status polling, %1 WAITING tokens").arg(depth));
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(QStringLiteral("1_queue_status"), scenario);
        check(QStringLiteral("scenario 1 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{QStringLiteral("--queue-capacity"), QStringLiteral("10"),
                                 QStringLiteral("--active-ttl-seconds"), QStringLiteral("86400")};
    const int sharedPort = m_serverHasReusePort ? TestPorts::freeTcpPort() : 0;
    std::vector<std::unique_ptr<ServerProcess>> servers;
    servers.push_back(startServer(*db, serverArgs, sharedPort));
    if (!servers.back())
        return fail(QStringLiteral("concert-server did not start"));
    BenchDb sql(db->socketPath(), db->databaseName());
    QString error;
    QElapsedTimer seedClock;
    seedClock.start();
    const QList<SeededToken> tokens = seedTokens(sql, depth, &error);
    if (tokens.isEmpty() || !error.isEmpty())
        return fail(QStringLiteral("seeding failed: ") + error);
    const QString tokenFile = QDir(m_config.workDir).filePath(QStringLiteral("tokens-queue.txt"));
    writeTokenFile(tokenFile, tokens);
    scenario.insert(QStringLiteral("seed_seconds"), double(seedClock.elapsed()) / 1000.0);
    auto waiting = [&sql]() {
        return sql
            .scalar(QStringLiteral("SELECT COUNT(*) FROM queue_tokens WHERE status = 'WAITING'"))
            .value_or(-1);
    };
    if (!waitForQueue(servers[0]->baseUrl(), tokens.last().token, QStringLiteral("WAITING"),
                      waiting, 60'000))
        return fail(QStringLiteral("the server's queue view never showed the seeded queue"));
    scenario.insert(QStringLiteral("waiting_tokens"), double(waiting()));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));

    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    const QString seed = seedText();
    auto jobsFor = [&](const std::vector<std::unique_ptr<ServerProcess>> &targets) {
        QList<WrkJob> jobs;
        if (sharedPort > 0 || targets.size() == 1) {
            jobs.append(WrkJob{
                targets.front()->baseUrl(), QStringLiteral("status.lua"), {tokenFile, seed}, 0});
        } else {
            for (const auto &target : targets)
                jobs.append(WrkJob{target->baseUrl(),
                                   QStringLiteral("status.lua"),
                                   {tokenFile, seed},
                                   m_config.wrk.connections / int(targets.size())});
        }
        return jobs;
    };
    auto measure = [&](const QString &label,
                       const std::vector<std::unique_ptr<ServerProcess>> &targets, bool withDb) {
        std::vector<ProcessSample> before;
        for (const auto &target : targets)
            before.push_back(ProcessSample::read(pidOf(*target)));
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        QList<qint64> pids;
        for (const auto &target : targets)
            pids << pidOf(*target);
        const auto perf = withDb ? startProfiler(label, pids, m_config.wrk) : nullptr;
        QJsonObject result = wrk.run(label, jobsFor(targets));
        finishProfiler(perf.get());
        const double seconds = double(clock.elapsed()) / 1000.0;
        QJsonArray processes;
        for (size_t i = 0; i < targets.size(); ++i)
            processes.append(processUsage((withDb ? QStringLiteral("concert-server-%1")
                                                  : QStringLiteral("bench-minimal-server-%1"))
                                              .arg(i + 1),
                                          before[i], ProcessSample::read(pidOf(*targets[i])),
                                          seconds));
        if (withDb)
            processes.append(processUsage(QStringLiteral("mariadbd"), dbBefore,
                                          ProcessSample::read(mariadbPid(*db)), seconds));
        result.insert(QStringLiteral("process_usage"), processes);
        return result;
    };

    for (int processes = 1; processes <= 2; ++processes) {
        const bool scaleOut = processes == 2;
        if (scaleOut && !wants(QStringLiteral("5")))
            break;
        if (!scaleOut && !wants(QStringLiteral("1")))
            continue;
        if (scaleOut) {
            servers.push_back(startServer(*db, serverArgs, sharedPort));
            if (!servers.back())
                return fail(QStringLiteral("second concert-server did not start"));
            if (!waitForQueue(servers.back()->baseUrl(), tokens.last().token,
                              QStringLiteral("WAITING"), waiting, 60'000))
                return fail(QStringLiteral("the second server's queue view never caught up"));
        }
        // Paired rounds: the ceiling and the server back to back, so both meet the same noise.
        QList<QJsonObject> rounds;
        bool allAnswered = true;
        for (int round = 1; round <= m_config.rounds; ++round) {
            note(QStringLiteral("  round %1/%2: bench-minimal-server x%3, then concert-server x%3")
                     .arg(round)
                     .arg(m_config.rounds)
                     .arg(processes));
            std::vector<std::unique_ptr<ServerProcess>> ceilings;
            const int ceilingPort = sharedPort > 0 ? TestPorts::freeTcpPort() : 0;
            for (int i = 0; i < processes; ++i) {
                ceilings.push_back(startMinimalServer(ceilingPort));
                if (!ceilings.back())
                    return fail(QStringLiteral("bench-minimal-server did not start"));
            }
            const QJsonObject ceiling =
                measure(QStringLiteral("status-ceiling-x%1-r%2").arg(processes).arg(round),
                        ceilings, false);
            ceilings.clear();
            const QJsonObject measured = measure(
                QStringLiteral("status-server-x%1-r%2").arg(processes).arg(round), servers, true);
            const QJsonObject errors = measured.value(QLatin1String("errors")).toObject();
            allAnswered = allAnswered && !measured.contains(QLatin1String("error"))
                && errors.value(QLatin1String("status_4xx_5xx")).toDouble() == 0
                && errors.value(QLatin1String("timeout")).toDouble() == 0;
            rounds << pairedRound(
                measured, measured.value(QLatin1String("requests_per_second")).toDouble(), ceiling,
                ceiling.value(QLatin1String("requests_per_second")).toDouble());
        }
        QJsonObject part = medianRound(rounds);
        part.insert(QStringLiteral("processes"), processes);
        const QJsonObject measured = part.value(QLatin1String("server")).toObject();
        const double rps = measured.value(QLatin1String("requests_per_second")).toDouble();
        const double ceilingRps = part.value(QLatin1String("ceiling"))
                                      .toObject()
                                      .value(QLatin1String("requests_per_second"))
                                      .toDouble();
        const double p99 = measured.value(QLatin1String("latency_ms"))
                               .toObject()
                               .value(QLatin1String("p99"))
                               .toDouble();
        check(QStringLiteral("scenario 1 (x%1): every status answer was 200 and arrived")
                  .arg(processes),
              allAnswered);
        if (!scaleOut) {
            scenario.insert(QStringLiteral("one_process"), part);
            m_targets.append(QJsonObject{
                {QStringLiteral("target"),
                 QStringLiteral("queue status at depth: >= 50% of the minimal-server ceiling")},
                {QStringLiteral("measured"), ratio(rps, ceilingRps)},
                {QStringLiteral("met"), ratio(rps, ceilingRps) >= 0.5}});
            m_targets.append(QJsonObject{
                {QStringLiteral("target"), QStringLiteral("queue status at depth: p99 < 20 ms")},
                {QStringLiteral("measured"), p99},
                {QStringLiteral("met"), p99 > 0 && p99 < 20}});
        } else {
            QJsonObject five = m_scenarios.value(QLatin1String("5_scale_out")).toObject();
            five.insert(QStringLiteral("queue_status_two_processes"), part);
            m_scenarios.insert(QStringLiteral("5_scale_out"), five);
        }
        note(QStringLiteral("  x%1: %2 req/s (ceiling %3, ratio %4), p99 %5 ms")
                 .arg(processes)
                 .arg(rps)
                 .arg(ceilingRps)
                 .arg(ratio(rps, ceilingRps))
                 .arg(p99));
    }
    m_scenarios.insert(QStringLiteral("1_queue_status"), scenario);
}

void BenchRun::tokenIssuePhase()
{
    note(QStringLiteral("scenario 2: token issue for new users"));
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(QStringLiteral("2_token_issue"), scenario);
        check(QStringLiteral("scenario 2 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{QStringLiteral("--queue-capacity"), QStringLiteral("10"),
                                 QStringLiteral("--active-ttl-seconds"), QStringLiteral("86400")};
    auto server = startServer(*db, serverArgs);
    if (!server)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    QList<QJsonObject> rounds;
    bool all201 = true;
    bool ceilingClean = true;
    for (int round = 1; round <= m_config.rounds; ++round) {
        note(QStringLiteral("  round %1/%2: raw-SQL ceiling (%3 connections), then concert-server")
                 .arg(round)
                 .arg(m_config.rounds)
                 .arg(m_config.dbPoolSize));
        const QJsonObject ceiling = tokenIssueCeiling(db->socketPath(), db->databaseName(),
                                                      m_config.dbPoolSize, m_config.sqlDurationMs);
        ceilingClean = ceilingClean && ceiling.value(QLatin1String("failures")).toDouble() == 0
            && ceiling.value(QLatin1String("operations")).toDouble() > 0;
        const ProcessSample serverBefore = ProcessSample::read(pidOf(*server));
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        const auto perf = startProfiler(QStringLiteral("issue-server-r%1").arg(round),
                                        {pidOf(*server), mariadbPid(*db)}, m_config.wrk);
        QJsonObject measured =
            wrk.run(QStringLiteral("issue-server-r%1").arg(round),
                    {WrkJob{server->baseUrl(), QStringLiteral("issue.lua"), {seedText()}, 0}});
        finishProfiler(perf.get());
        const double seconds = double(clock.elapsed()) / 1000.0;
        measured.insert(QStringLiteral("process_usage"),
                        QJsonArray{processUsage(QStringLiteral("concert-server"), serverBefore,
                                                ProcessSample::read(pidOf(*server)), seconds),
                                   processUsage(QStringLiteral("mariadbd"), dbBefore,
                                                ProcessSample::read(mariadbPid(*db)), seconds)});
        const double requests = measured.value(QLatin1String("requests")).toDouble();
        all201 = all201 && !measured.contains(QLatin1String("error")) && requests > 0
            && statusCount(measured, QStringLiteral("201")) == requests;
        rounds << pairedRound(measured,
                              measured.value(QLatin1String("requests_per_second")).toDouble(),
                              ceiling, ceiling.value(QLatin1String("ops_per_second")).toDouble());
    }
    const QJsonObject chosen = medianRound(rounds);
    const QJsonObject measured = chosen.value(QLatin1String("server")).toObject();
    const QJsonObject ceiling = chosen.value(QLatin1String("ceiling")).toObject();
    const double rps = measured.value(QLatin1String("requests_per_second")).toDouble();
    const double ceilingRps = ceiling.value(QLatin1String("ops_per_second")).toDouble();
    scenario.insert(QStringLiteral("server"), measured);
    scenario.insert(QStringLiteral("ceiling_sql"), ceiling);
    scenario.insert(QStringLiteral("ratio_to_ceiling"), ratio(rps, ceilingRps));
    scenario.insert(QStringLiteral("rounds"), chosen.value(QLatin1String("rounds")));
    check(QStringLiteral("scenario 2: every token request answered 201 (a new user each time)"),
          all201);
    check(QStringLiteral("scenario 2: the SQL ceiling had no failures"), ceilingClean);
    BenchDb sql(db->socketPath(), db->databaseName());
    scenario.insert(
        QStringLiteral("tokens_in_database"),
        double(sql.scalar(QStringLiteral("SELECT COUNT(*) FROM queue_tokens")).value_or(-1)));
    m_scenarios.insert(QStringLiteral("2_token_issue"), scenario);
    note(QStringLiteral("  %1 tokens/s (SQL ceiling %2, ratio %3), p99 %4 ms")
             .arg(rps)
             .arg(std::round(ceilingRps))
             .arg(ratio(rps, ceilingRps))
             .arg(measured.value(QLatin1String("latency_ms"))
                      .toObject()
                      .value(QLatin1String("p99"))
                      .toDouble()));
}

void BenchRun::holdsPhase()
{
    note(QStringLiteral("scenario 3: seat holds"));
    QJsonObject scenarioA;
    QJsonObject scenarioB;
    auto fail = [&](const QString &why) {
        scenarioA.insert(QStringLiteral("error"), why);
        m_scenarios.insert(QStringLiteral("3a_holds"), scenarioA);
        check(QStringLiteral("scenario 3 ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{QStringLiteral("--queue-capacity"),     QStringLiteral("1000000"),
                                 QStringLiteral("--active-ttl-seconds"), QStringLiteral("86400"),
                                 QStringLiteral("--hold-ttl-seconds"),   QStringLiteral("3600")};
    const int sharedPort = m_serverHasReusePort ? TestPorts::freeTcpPort() : 0;
    std::vector<std::unique_ptr<ServerProcess>> servers;
    servers.push_back(startServer(*db, serverArgs, sharedPort));
    if (!servers.back())
        return fail(QStringLiteral("concert-server did not start"));
    scenarioA.insert(QStringLiteral("server_options"), serverArgs.join(u' '));

    // ACTIVE tokens: seeded WAITING, admitted by the server's next tick (capacity is large).
    BenchDb sql(db->socketPath(), db->databaseName());
    QString error;
    const QList<SeededToken> tokens = seedTokens(sql, m_config.holdTokens, &error);
    if (tokens.isEmpty() || !error.isEmpty())
        return fail(QStringLiteral("seeding failed: ") + error);
    const QString tokenFile = QDir(m_config.workDir).filePath(QStringLiteral("tokens-active.txt"));
    writeTokenFile(tokenFile, tokens);
    if (!waitForQueue(servers[0]->baseUrl(), tokens.last().token, QStringLiteral("ACTIVE"), {},
                      60'000))
        return fail(QStringLiteral("the seeded tokens never became ACTIVE"));

    QElapsedTimer datesClock;
    datesClock.start();
    const auto serverDates =
        createDates(servers[0]->baseUrl(), m_config.holdDatesForServer, 50'000, &error);
    const auto ceilingDates =
        createDates(servers[0]->baseUrl(), m_config.holdDatesForCeiling, 50'000, &error);
    if (serverDates.isEmpty() || ceilingDates.isEmpty())
        return fail(QStringLiteral("creating dates failed: ") + error);
    scenarioA.insert(QStringLiteral("dates_created"),
                     double(serverDates.size() + ceilingDates.size()));
    scenarioA.insert(QStringLiteral("dates_seconds"), double(datesClock.elapsed()) / 1000.0);
    QStringList dateLines;
    for (const auto &[concert, date] : serverDates)
        dateLines << QStringLiteral("%1 %2").arg(concert).arg(date);
    const QString datesFile = QDir(m_config.workDir).filePath(QStringLiteral("dates-holds.txt"));
    writeLines(datesFile, dateLines);
    QSet<qint64> ceilingConcerts;
    for (const auto &entry : ceilingDates)
        ceilingConcerts.insert(entry.first);
    QStringList concertIds;
    for (qint64 id : ceilingConcerts)
        concertIds << QString::number(id);
    QList<qint64> ceilingDateIds;
    for (const QStringList &row : sql.rows(QStringLiteral("SELECT id FROM concert_dates WHERE "
                                                          "concert_id IN (%1) ORDER BY id")
                                               .arg(concertIds.join(u',')))
                                      .value_or(QList<QStringList>{}))
        ceilingDateIds << row.value(0).toLongLong();

    const bool basic = wants(QStringLiteral("3"));
    const bool scaleOut = wants(QStringLiteral("5"));
    const qint64 seatsForServer = qint64(serverDates.size()) * 50;
    // One range of seats per measured run: each round measures x1, and x2 for scenario 5.
    const qint64 perRun = seatsForServer / (m_config.rounds * (scaleOut ? 2 : 1));
    WrkRunner wrk(m_luaDir, m_config.workDir, m_config.wrk);
    // One measured wrk run after the warm-up; the warm-up uses its own seats too.
    WrkSettings noWarmup = m_config.wrk;
    noWarmup.warmupSeconds = 0;
    WrkRunner wrkMeasured(m_luaDir, m_config.workDir, noWarmup);
    qint64 nextSeat = 0;
    qint64 nextRange = 0;
    auto holdJobs = [&](const std::vector<std::unique_ptr<ServerProcess>> &targets, qint64 range) {
        QList<WrkJob> jobs;
        const int parts = sharedPort > 0 ? 1 : int(targets.size());
        for (int i = 0; i < parts; ++i) {
            jobs.append(WrkJob{
                targets[size_t(i)]->baseUrl(),
                QStringLiteral("hold.lua"),
                {datesFile, tokenFile, QString::number(nextSeat), QString::number(range / parts)},
                m_config.wrk.connections / parts});
            nextSeat += range / parts;
        }
        return jobs;
    };
    auto measure = [&](const QString &label,
                       const std::vector<std::unique_ptr<ServerProcess>> &targets, qint64 range) {
        if (m_config.wrk.warmupSeconds > 0) {
            WrkSettings warm = m_config.wrk;
            warm.durationSeconds = warm.warmupSeconds;
            warm.warmupSeconds = 0;
            WrkRunner(m_luaDir, m_config.workDir, warm)
                .run(label + QStringLiteral("-warmup"), holdJobs(targets, range / 6));
            range -= range / 6;
        }
        std::vector<ProcessSample> before;
        for (const auto &target : targets)
            before.push_back(ProcessSample::read(pidOf(*target)));
        const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
        QElapsedTimer clock;
        clock.start();
        QList<qint64> pids{mariadbPid(*db)};
        for (const auto &target : targets)
            pids << pidOf(*target);
        const auto perf = startProfiler(label, pids, noWarmup);
        QJsonObject result = wrkMeasured.run(label, holdJobs(targets, range));
        finishProfiler(perf.get());
        const double seconds = double(clock.elapsed()) / 1000.0;
        QJsonArray processes;
        for (size_t i = 0; i < targets.size(); ++i)
            processes.append(processUsage(QStringLiteral("concert-server-%1").arg(i + 1), before[i],
                                          ProcessSample::read(pidOf(*targets[i])), seconds));
        processes.append(processUsage(QStringLiteral("mariadbd"), dbBefore,
                                      ProcessSample::read(mariadbPid(*db)), seconds));
        result.insert(QStringLiteral("process_usage"), processes);
        const double requests = result.value(QLatin1String("requests")).toDouble();
        const double held = statusCount(result, QStringLiteral("201"));
        result.insert(QStringLiteral("holds_per_second"),
                      requests > 0
                          ? std::round(result.value(QLatin1String("requests_per_second")).toDouble()
                                       * held / requests)
                          : 0.0);
        return result;
    };
    double oneProcessHolds = 0;

    QList<QJsonObject> rounds;
    QList<QJsonObject> scaleRounds;
    bool all201 = true;
    bool all201x2 = true;
    bool ceilingClean = true;
    bool exhausted = false;
    const qint64 ceilingSeats = qint64(ceilingDateIds.size()) * 50 / m_config.rounds;
    for (int round = 1; round <= m_config.rounds; ++round) {
        note(QStringLiteral(
                 "  3(a) round %1/%2: %3concert-server x1%4 (distinct seats over %5 dates)")
                 .arg(round)
                 .arg(m_config.rounds)
                 .arg(basic ? QStringLiteral("raw-SQL ceiling (%1 connections), ")
                                  .arg(m_config.dbPoolSize)
                            : QString())
                 .arg(scaleOut ? QStringLiteral(", concert-server x2") : QString())
                 .arg(serverDates.size()));
        QJsonObject ceiling;
        if (basic) {
            ceiling = holdCeiling(db->socketPath(), db->databaseName(), m_config.dbPoolSize,
                                  m_config.sqlDurationMs, ceilingDateIds,
                                  ceilingSeats * (round - 1), ceilingSeats, tokens, 3600);
            ceilingClean = ceilingClean && ceiling.value(QLatin1String("failures")).toDouble() == 0;
        }
        nextSeat = perRun * nextRange++;
        const QJsonObject measured =
            measure(QStringLiteral("holds-server-x1-r%1").arg(round), servers, perRun);
        const double requests = measured.value(QLatin1String("requests")).toDouble();
        all201 = all201 && !measured.contains(QLatin1String("error")) && requests > 0
            && statusCount(measured, QStringLiteral("201")) == requests;
        exhausted = exhausted || measured.value(QLatin1String("exhausted")).toBool();
        const double x1 = measured.value(QLatin1String("holds_per_second")).toDouble();
        if (basic)
            rounds << pairedRound(measured, x1, ceiling,
                                  ceiling.value(QLatin1String("ops_per_second")).toDouble());
        if (scaleOut) {
            // The second process joins for this measurement only, so that every round
            // compares one and two processes back to back.
            servers.push_back(startServer(*db, serverArgs, sharedPort));
            if (!servers.back())
                return fail(QStringLiteral("second concert-server did not start"));
            if (!waitForQueue(servers.back()->baseUrl(), tokens.last().token,
                              QStringLiteral("ACTIVE"), {}, 60'000))
                return fail(QStringLiteral("the second server never saw the tokens ACTIVE"));
            nextSeat = perRun * nextRange++;
            const QJsonObject two =
                measure(QStringLiteral("holds-server-x2-r%1").arg(round), servers, perRun);
            const double twoRequests = two.value(QLatin1String("requests")).toDouble();
            all201x2 = all201x2 && !two.contains(QLatin1String("error")) && twoRequests > 0
                && statusCount(two, QStringLiteral("201")) == twoRequests;
            exhausted = exhausted || two.value(QLatin1String("exhausted")).toBool();
            scaleRounds << pairedRound(two, two.value(QLatin1String("holds_per_second")).toDouble(),
                                       measured, x1);
            servers.back()->terminate();
            servers.pop_back();
        }
    }
    if (exhausted)
        m_notes << QStringLiteral(
            "scenario 3(a) ran out of prepared seats: raise the number of dates");
    if (basic) {
        const QJsonObject chosen = medianRound(rounds);
        const QJsonObject measured = chosen.value(QLatin1String("server")).toObject();
        const QJsonObject ceiling = chosen.value(QLatin1String("ceiling")).toObject();
        oneProcessHolds = measured.value(QLatin1String("holds_per_second")).toDouble();
        const double ceilingOps = ceiling.value(QLatin1String("ops_per_second")).toDouble();
        scenarioA.insert(QStringLiteral("server"), measured);
        scenarioA.insert(QStringLiteral("ceiling_sql"), ceiling);
        scenarioA.insert(QStringLiteral("ratio_to_ceiling"), ratio(oneProcessHolds, ceilingOps));
        scenarioA.insert(QStringLiteral("rounds"), chosen.value(QLatin1String("rounds")));
        check(QStringLiteral("scenario 3(a): every hold of a free seat answered 201"), all201);
        check(QStringLiteral("scenario 3(a): the SQL ceiling had no failures"), ceilingClean);
        m_targets.append(QJsonObject{
            {QStringLiteral("target"),
             QStringLiteral("seat holds without contention: >= 50% of the raw-SQL ceiling")},
            {QStringLiteral("measured"), ratio(oneProcessHolds, ceilingOps)},
            {QStringLiteral("met"), ratio(oneProcessHolds, ceilingOps) >= 0.5}});
        note(QStringLiteral("  3(a): %1 holds/s (SQL ceiling %2, ratio %3), p99 %4 ms")
                 .arg(oneProcessHolds)
                 .arg(std::round(ceilingOps))
                 .arg(ratio(oneProcessHolds, ceilingOps))
                 .arg(measured.value(QLatin1String("latency_ms"))
                          .toObject()
                          .value(QLatin1String("p99"))
                          .toDouble()));
    }
    if (scaleOut) {
        // Paired as (x2 against the x1 just before it); the median round is reported.
        const QJsonObject chosen = medianRound(scaleRounds);
        const QJsonObject two = chosen.value(QLatin1String("server")).toObject();
        const QJsonObject one = chosen.value(QLatin1String("ceiling")).toObject();
        check(QStringLiteral("scenario 5: every hold of a free seat answered 201 (two processes)"),
              all201x2);
        QJsonObject five = m_scenarios.value(QLatin1String("5_scale_out")).toObject();
        five.insert(QStringLiteral("holds_two_processes"), two);
        five.insert(QStringLiteral("holds_one_process"), one);
        five.insert(QStringLiteral("holds_two_over_one"),
                    chosen.value(QLatin1String("ratio_to_ceiling")));
        five.insert(QStringLiteral("holds_rounds"), chosen.value(QLatin1String("rounds")));
        m_scenarios.insert(QStringLiteral("5_scale_out"), five);
        note(QStringLiteral("  3(a) x2: %1 holds/s against %2 with one process (x%3)")
                 .arg(two.value(QLatin1String("holds_per_second")).toDouble())
                 .arg(one.value(QLatin1String("holds_per_second")).toDouble())
                 .arg(chosen.value(QLatin1String("ratio_to_ceiling")).toDouble()));
    }

    if (wants(QStringLiteral("3"))) {
        // 3(b): one date, its 50 seats, every client at once; holds end after a few seconds
        // so that seats keep coming back and the contention lasts the whole run.
        servers.clear();
        QStringList contentionArgs = serverArgs;
        contentionArgs.last() = QString::number(m_config.contentionHoldTtlSeconds);
        servers.push_back(startServer(*db, contentionArgs));
        if (!servers.back())
            return fail(QStringLiteral("concert-server did not restart"));
        if (!waitForQueue(servers[0]->baseUrl(), tokens.last().token, QStringLiteral("ACTIVE"), {},
                          60'000))
            return fail(QStringLiteral("the restarted server never saw the tokens ACTIVE"));
        const auto date = createDates(servers[0]->baseUrl(), 1, 50'000, &error);
        if (date.isEmpty())
            return fail(QStringLiteral("creating the contended date failed: ") + error);
        note(
            QStringLiteral("  3(b) %1 clients on the same 50 seats").arg(m_config.wrk.connections));
        const ProcessSample serverBefore = ProcessSample::read(pidOf(*servers[0]));
        QElapsedTimer clock;
        clock.start();
        QJsonObject measured =
            wrk.run(QStringLiteral("contention"),
                    {WrkJob{servers[0]->baseUrl(),
                            QStringLiteral("contention.lua"),
                            {QString::number(date[0].first), date[0].second, tokenFile, seedText()},
                            0}});
        measured.insert(QStringLiteral("process_usage"),
                        QJsonArray{processUsage(QStringLiteral("concert-server"), serverBefore,
                                                ProcessSample::read(pidOf(*servers[0])),
                                                double(clock.elapsed()) / 1000.0)});
        const double requests = measured.value(QLatin1String("requests")).toDouble();
        const double held = statusCount(measured, QStringLiteral("201"));
        const double refused = statusCount(measured, QStringLiteral("409"));
        scenarioB.insert(QStringLiteral("server"), measured);
        scenarioB.insert(QStringLiteral("server_options"), contentionArgs.join(u' '));
        scenarioB.insert(QStringLiteral("held_201"), held);
        scenarioB.insert(QStringLiteral("refused_409"), refused);
        scenarioB.insert(QStringLiteral("other_statuses"), requests - held - refused);
        check(QStringLiteral("scenario 3(b): every answer was 201 or 409"),
              !measured.contains(QLatin1String("error")) && requests > 0
                  && held + refused == requests);
        note(QStringLiteral("  3(b): %1 req/s, %2 x 201, %3 x 409")
                 .arg(measured.value(QLatin1String("requests_per_second")).toDouble())
                 .arg(held)
                 .arg(refused));
    }

    const QJsonObject invariants = invariantChecks(sql);
    scenarioB.insert(QStringLiteral("invariants"), invariants);
    check(QStringLiteral("scenario 3: no seat held or sold by more than one reservation (SQL)"),
          invariants.value(QLatin1String("seats_double_held")).toDouble() == 0
              && invariants.value(QLatin1String("seats_sold_twice")).toDouble() == 0);
    if (wants(QStringLiteral("3"))) {
        m_scenarios.insert(QStringLiteral("3a_holds"), scenarioA);
        m_scenarios.insert(QStringLiteral("3b_contention"), scenarioB);
    }
    if (wants(QStringLiteral("5"))) {
        QJsonObject five = m_scenarios.value(QLatin1String("5_scale_out")).toObject();
        five.insert(QStringLiteral("reuse_port"), sharedPort > 0);
        m_scenarios.insert(QStringLiteral("5_scale_out"), five);
    }
}

void BenchRun::openingPhase()
{
    runOpening(4, {}, {});
}

void BenchRun::runOpening(int number, const OpeningHook &before, const OpeningCheck &after)
{
    const QString key = number == 4 ? QStringLiteral("4_opening")
        : number == 9               ? QStringLiteral("9_opening_webhook")
                                    : QStringLiteral("11_prequeue_opening");
    // Scenario 11's pre-queue is admitted in drawn order, not issue order: its own checks.
    const bool drawn = number == 11;
    const QString label = QStringLiteral("scenario %1").arg(number);
    note(QStringLiteral("%5: ticket opening, %1 users in %2 s, %3 seats, capacity %4")
             .arg(m_config.openingUsers)
             .arg(m_config.openingWindowMs / 1000.0)
             .arg(m_config.openingDates * 50)
             .arg(m_config.openingCapacity)
             .arg(label));
    QJsonObject scenario;
    auto fail = [&](const QString &why) {
        scenario.insert(QStringLiteral("error"), why);
        m_scenarios.insert(key, scenario);
        check(label + QStringLiteral(" ran: ") + why, false);
    };
    auto db = startDatabase();
    if (!db)
        return fail(QStringLiteral("MariaDB did not start"));
    const QStringList serverArgs{
        QStringLiteral("--queue-capacity"),     QString::number(m_config.openingCapacity),
        QStringLiteral("--active-ttl-seconds"), QString::number(m_config.openingActiveTtlSeconds),
        QStringLiteral("--queue-tick-ms"),      QString::number(m_config.openingTickMs)};
    auto server = startServer(*db, serverArgs);
    if (!server)
        return fail(QStringLiteral("concert-server did not start"));
    scenario.insert(QStringLiteral("server_options"), serverArgs.join(u' '));
    QString error;
    const auto dates = createDates(server->baseUrl(), m_config.openingDates, 50'000, &error);
    if (dates.isEmpty())
        return fail(QStringLiteral("creating the dates failed: ") + error);
    const int seats = int(dates.size()) * 50;

    BenchDb sql(db->socketPath(), db->databaseName());
    QStringList extraDriverArgs;
    if (before) {
        const QString why = before(server->baseUrl(), dates[0].first, scenario, extraDriverArgs);
        if (!why.isEmpty())
            return fail(why);
    }
    const QString out =
        QDir(m_config.workDir).filePath(QStringLiteral("opening-driver-%1.json").arg(number));
    QFile::remove(out);
    QProcess driver;
    driver.setProcessChannelMode(QProcess::ForwardedChannels);
    QStringList driverArgs{QStringLiteral("opening-driver"),
                           QStringLiteral("--url"),
                           server->baseUrl().toString(),
                           QStringLiteral("--concert-id"),
                           QString::number(dates[0].first),
                           QStringLiteral("--users"),
                           QString::number(m_config.openingUsers),
                           QStringLiteral("--window-ms"),
                           QString::number(m_config.openingWindowMs),
                           QStringLiteral("--seats"),
                           QString::number(seats),
                           QStringLiteral("--connections"),
                           QString::number(m_config.openingConnections),
                           QStringLiteral("--deadline-ms"),
                           QString::number(m_config.openingDeadlineMs),
                           QStringLiteral("--out"),
                           out};
    driverArgs << extraDriverArgs;
    const int driverDeadlineMs = extraDriverArgs.contains(QLatin1String("--deadline-ms"))
        ? extraDriverArgs.at(extraDriverArgs.lastIndexOf(QStringLiteral("--deadline-ms")) + 1)
              .toInt()
        : m_config.openingDeadlineMs;
    const ProcessSample serverBefore = ProcessSample::read(pidOf(*server));
    const ProcessSample dbBefore = ProcessSample::read(mariadbPid(*db));
    QElapsedTimer clock;
    clock.start();
    driver.start(QCoreApplication::applicationFilePath(), driverArgs);
    if (!driver.waitForFinished(driverDeadlineMs + 60'000)) {
        driver.kill();
        driver.waitForFinished(5000);
        return fail(QStringLiteral("the driver did not stop by itself"));
    }
    const double seconds = double(clock.elapsed()) / 1000.0;
    QFile file(out);
    if (driver.exitCode() != 0 || !file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("the driver failed (exit %1)").arg(driver.exitCode()));
    const QJsonObject result = QJsonDocument::fromJson(file.readAll()).object();
    QJsonObject driverUsage = result.value(QLatin1String("driver_usage")).toObject();
    driverUsage.insert(
        QStringLiteral("cpu_percent_of_one_core"),
        std::round(driverUsage.value(QLatin1String("cpu_seconds")).toDouble() / seconds * 1000)
            / 10);
    scenario.insert(QStringLiteral("driver"), result);
    scenario.insert(QStringLiteral("process_usage"),
                    QJsonArray{processUsage(QStringLiteral("concert-server"), serverBefore,
                                            ProcessSample::read(pidOf(*server)), seconds),
                               processUsage(QStringLiteral("mariadbd"), dbBefore,
                                            ProcessSample::read(mariadbPid(*db)), seconds),
                               driverUsage});
    const QJsonObject invariants = invariantChecks(sql);
    scenario.insert(QStringLiteral("invariants"), invariants);
    scenario.insert(QStringLiteral("seats_on_sale"), seats);
    m_scenarios.insert(key, scenario);

    const double sold = invariants.value(QLatin1String("seats_sold")).toDouble();
    const double fiveXx = result.value(QLatin1String("server_errors_5xx")).toDouble();
    check(label + QStringLiteral(": every seat sold (%1 of %2)").arg(sold).arg(seats),
          sold == seats);
    check(label + QStringLiteral(": zero seats sold twice or double held"),
          invariants.value(QLatin1String("seats_sold_twice")).toDouble() == 0
              && invariants.value(QLatin1String("seats_double_held")).toDouble() == 0
              && invariants.value(QLatin1String("sold_seats_without_confirmed_reservation"))
                      .toDouble()
                  == 0);
    check(
        label + QStringLiteral(": zero money lost or doubled (charges = balances + payments)"),
        invariants.value(QLatin1String("money_mismatch")).toDouble() == 0
            && invariants.value(QLatin1String("ledger_mismatch_users")).toDouble() == 0
            && invariants.value(QLatin1String("payments_not_matching_reservation")).toDouble() == 0
            && invariants.value(QLatin1String("confirmed_reservations_without_payment")).toDouble()
                == 0);
    if (!drawn)
        check(label + QStringLiteral(": zero admissions out of issue order"),
              invariants.value(QLatin1String("admission_order_inversions")).toDouble() == 0);
    check(label + QStringLiteral(": zero 5xx answers"), fiveXx == 0);
    check(label + QStringLiteral(": every request got an answer"),
          result.value(QLatin1String("transport_errors")).toDouble() == 0);
    check(label + QStringLiteral(": the driver's paid seats match the database"),
          result.value(QLatin1String("seats_paid_seen_by_driver")).toDouble() == sold);
    if (!drawn)
        m_targets.append(QJsonObject{
            {QStringLiteral("target"),
             QStringLiteral(
                 "ticket opening%1: all seats sold, 0 double sales, 0 lost money, 0 order "
                 "inversions, 0 5xx")
                 .arg(number == 4 ? QString() : QStringLiteral(" with one webhook subscribed"))},
            {QStringLiteral("measured"),
             QStringLiteral(
                 "%1/%2 sold in %3 s; double %4; money mismatch %5; inversions %6; 5xx %7")
                 .arg(sold)
                 .arg(seats)
                 .arg(result.value(QLatin1String("seconds_until_sold_out")).toDouble())
                 .arg(invariants.value(QLatin1String("seats_sold_twice")).toDouble()
                      + invariants.value(QLatin1String("seats_double_held")).toDouble())
                 .arg(invariants.value(QLatin1String("money_mismatch")).toDouble())
                 .arg(invariants.value(QLatin1String("admission_order_inversions")).toDouble())
                 .arg(fiveXx)},
            {QStringLiteral("met"),
             sold == seats && fiveXx == 0
                 && invariants.value(QLatin1String("seats_sold_twice")).toDouble() == 0
                 && invariants.value(QLatin1String("seats_double_held")).toDouble() == 0
                 && invariants.value(QLatin1String("money_mismatch")).toDouble() == 0
                 && invariants.value(QLatin1String("admission_order_inversions")).toDouble()
                     == 0}});
    note(QStringLiteral("  sold %1/%2 in %3 s (%4)")
             .arg(sold)
             .arg(seats)
             .arg(result.value(QLatin1String("seconds_until_sold_out")).toDouble())
             .arg(result.value(QLatin1String("end_reason")).toString()));
    if (after) {
        after(scenario, sql, result);
        m_scenarios.insert(key, scenario);
    }
}
