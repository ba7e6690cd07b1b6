#include "wrkrunner.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>

#include <cmath>

#include <memory>
#include <vector>

QJsonObject WrkSettings::toJson() const
{
    return {{QStringLiteral("threads"), threads},
            {QStringLiteral("connections"), connections},
            {QStringLiteral("duration_seconds"), durationSeconds},
            {QStringLiteral("warmup_seconds"), warmupSeconds},
            {QStringLiteral("timeout_seconds"), timeoutSeconds}};
}

WrkRunner::WrkRunner(const QString &luaDir, const QString &workDir, const WrkSettings &settings)
    : m_luaDir(luaDir)
    , m_workDir(workDir)
    , m_settings(settings)
{ }

bool WrkRunner::available()
{
    return !QStandardPaths::findExecutable(QStringLiteral("wrk")).isEmpty();
}

QJsonObject WrkRunner::run(const QString &label, const QList<WrkJob> &jobs)
{
    if (m_settings.warmupSeconds > 0)
        runOnce(label + QStringLiteral("-warmup"), jobs, m_settings.warmupSeconds);
    return runOnce(label, jobs, m_settings.durationSeconds);
}

QJsonObject WrkRunner::runOnce(const QString &label, const QList<WrkJob> &jobs, int seconds)
{
    std::vector<std::unique_ptr<QProcess>> processes;
    QStringList outputs;
    QStringList commands;
    for (int i = 0; i < jobs.size(); ++i) {
        const WrkJob &job = jobs.at(i);
        const QString out =
            QDir(m_workDir).filePath(QStringLiteral("wrk-%1-%2.json").arg(label).arg(i));
        QFile::remove(out);
        outputs << out;
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BENCH_LUA_DIR"), m_luaDir);
        env.insert(QStringLiteral("BENCH_WRK_OUT"), out);
        env.insert(QStringLiteral("BENCH_SALT"),
                   QString::number(QRandomGenerator::global()->bounded(1, 1'000'000'000)));
        process->setProcessEnvironment(env);
        process->setProcessChannelMode(QProcess::MergedChannels);
        const int connections = job.connections > 0 ? job.connections : m_settings.connections;
        QStringList args{QStringLiteral("-t%1").arg(m_settings.threads),
                         QStringLiteral("-c%1").arg(connections),
                         QStringLiteral("-d%1s").arg(seconds),
                         QStringLiteral("--timeout"),
                         QStringLiteral("%1s").arg(m_settings.timeoutSeconds),
                         QStringLiteral("-s"),
                         QDir(m_luaDir).filePath(job.script),
                         job.url.toString(),
                         QStringLiteral("--")};
        args << job.scriptArguments;
        commands << QStringLiteral("wrk ") + args.join(u' ');
        process->start(QStringLiteral("wrk"), args);
        processes.push_back(std::move(process));
    }
    QJsonObject merged{{QStringLiteral("label"), label}};
    QJsonArray perProcess;
    double rps = 0, requests = 0, weightedP50 = 0, p90 = 0, p99 = 0, p999 = 0, maxMs = 0;
    double errConnect = 0, errRead = 0, errWrite = 0, errStatus = 0, errTimeout = 0;
    bool exhausted = false;
    QJsonObject statuses;
    QStringList failures;
    for (size_t i = 0; i < processes.size(); ++i) {
        QProcess &process = *processes[i];
        // wrk stops by itself after -d; the margin covers start-up and the Lua summary.
        if (!process.waitForFinished((seconds + 60) * 1000)) {
            process.kill();
            process.waitForFinished(5000);
            failures << QStringLiteral("wrk did not finish in time");
            continue;
        }
        const QString console = QString::fromLocal8Bit(process.readAll());
        QFile file(outputs.at(int(i)));
        if (process.exitCode() != 0 || !file.open(QIODevice::ReadOnly)) {
            failures << QStringLiteral("wrk failed (exit %1): %2")
                            .arg(process.exitCode())
                            .arg(console.right(500));
            continue;
        }
        const QJsonObject one = QJsonDocument::fromJson(file.readAll()).object();
        const double n = one.value(QLatin1String("requests")).toDouble();
        const double us = one.value(QLatin1String("duration_us")).toDouble();
        const QJsonObject lat = one.value(QLatin1String("latency_us")).toObject();
        const QJsonObject err = one.value(QLatin1String("errors")).toObject();
        rps += us > 0 ? n * 1e6 / us : 0;
        requests += n;
        weightedP50 += n * lat.value(QLatin1String("p50")).toDouble() / 1000;
        p90 = qMax(p90, lat.value(QLatin1String("p90")).toDouble() / 1000);
        p99 = qMax(p99, lat.value(QLatin1String("p99")).toDouble() / 1000);
        p999 = qMax(p999, lat.value(QLatin1String("p999")).toDouble() / 1000);
        maxMs = qMax(maxMs, lat.value(QLatin1String("max")).toDouble() / 1000);
        errConnect += err.value(QLatin1String("connect")).toDouble();
        errRead += err.value(QLatin1String("read")).toDouble();
        errWrite += err.value(QLatin1String("write")).toDouble();
        errStatus += err.value(QLatin1String("status")).toDouble();
        errTimeout += err.value(QLatin1String("timeout")).toDouble();
        exhausted = exhausted || one.value(QLatin1String("exhausted")).toBool();
        const QJsonObject counted = one.value(QLatin1String("statuses")).toObject();
        for (auto it = counted.begin(); it != counted.end(); ++it)
            statuses.insert(it.key(), statuses.value(it.key()).toDouble() + it.value().toDouble());
        QJsonObject entry = one;
        entry.insert(QStringLiteral("command"), commands.at(int(i)));
        perProcess.append(entry);
    }
    if (!failures.isEmpty()) {
        merged.insert(QStringLiteral("error"), failures.join(QStringLiteral("; ")));
        return merged;
    }
    auto round2 = [](double v) {
        return std::round(v * 100) / 100;
    };
    merged.insert(QStringLiteral("requests_per_second"), std::round(rps));
    merged.insert(QStringLiteral("requests"), requests);
    merged.insert(
        QStringLiteral("latency_ms"),
        QJsonObject{{QStringLiteral("p50"), round2(requests > 0 ? weightedP50 / requests : 0)},
                    {QStringLiteral("p90"), round2(p90)},
                    {QStringLiteral("p99"), round2(p99)},
                    {QStringLiteral("p999"), round2(p999)},
                    {QStringLiteral("max"), round2(maxMs)}});
    merged.insert(QStringLiteral("errors"),
                  QJsonObject{{QStringLiteral("connect"), errConnect},
                              {QStringLiteral("read"), errRead},
                              {QStringLiteral("write"), errWrite},
                              {QStringLiteral("status_4xx_5xx"), errStatus},
                              {QStringLiteral("timeout"), errTimeout}});
    merged.insert(QStringLiteral("statuses"), statuses);
    merged.insert(QStringLiteral("exhausted"), exhausted);
    merged.insert(QStringLiteral("processes"), perProcess);
    return merged;
}
