#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

/** @brief The wrk settings every throughput figure and its ceiling share. */
struct WrkSettings
{
    int threads = 1;
    int connections = 64;
    int durationSeconds = 10;
    int warmupSeconds = 2; ///< an unmeasured run first, 0 for none
    int timeoutSeconds = 5;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief One wrk process: its target, Lua script (a file in the Lua directory) and arguments. */
struct WrkJob
{
    QUrl url;
    QString script; ///< e.g. "status.lua"
    QStringList scriptArguments;
    int connections = 0; ///< 0: WrkSettings::connections
};

/**
 * @brief Runs wrk (Debian's, from PATH) with the benchmark's Lua scripts in @p luaDir, whose
 * common.lua writes each process's summary as JSON. Several jobs run at once (one wrk process
 * each, e.g. one per server port) and their results are summed.
 */
class WrkRunner
{
public:
    WrkRunner(const QString &luaDir, const QString &workDir, const WrkSettings &settings);

    /** @brief Whether a wrk binary is on PATH. */
    static bool available();

    /**
     * @brief Runs @p jobs together for the settings' duration (after the warm-up, if any) and
     * returns `{"requests_per_second", "requests", "latency_ms": {"p50", "p90", "p99", "p999",
     * "max"}, "errors", "statuses", "exhausted", "processes": [...]}`; with several processes
     * req/s and counts are summed, p50 is their request-weighted mean and p90/p99/max their
     * worst. On failure the object has "error".
     */
    QJsonObject run(const QString &label, const QList<WrkJob> &jobs);

private:
    QJsonObject runOnce(const QString &label, const QList<WrkJob> &jobs, int seconds);

    QString m_luaDir;
    QString m_workDir;
    WrkSettings m_settings;
};
