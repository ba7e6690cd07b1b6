#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <vector>

/** @brief Latency samples in microseconds and their percentiles. Not thread safe. */
class LatencySamples
{
public:
    void add(qint64 micros) { m_samples.push_back(micros); }
    void merge(const LatencySamples &other);
    [[nodiscard]] qsizetype count() const { return qsizetype(m_samples.size()); }
    /** @brief The @p percent (0..100) percentile in milliseconds, nearest rank; 0 when empty. */
    [[nodiscard]] double percentileMs(double percent) const;
    /** @brief `{"count", "p50_ms", "p95_ms", "p99_ms", "max_ms"}`. */
    [[nodiscard]] QJsonObject toJson() const;

private:
    mutable std::vector<qint64> m_samples;
    mutable bool m_sorted = false;
};

/** @brief CPU time and memory of one process, read from /proc at one moment. */
struct ProcessSample
{
    qint64 pid = 0;
    double cpuSeconds = 0; ///< user + system time since the process started
    qint64 peakRssKiB = 0; ///< VmHWM: the largest resident set so far
    qint64 rssKiB = 0; ///< VmRSS now
    bool valid = false;

    /** @brief Reads /proc/@p pid; valid is false when the process is gone. */
    static ProcessSample read(qint64 pid);
};

/** @brief What a process used between two samples: CPU seconds, share of one core, peak RSS. */
QJsonObject processUsage(const QString &name, const ProcessSample &before,
                         const ProcessSample &after, double wallSeconds);

/** @brief The machine and the software versions a report is valid for (cores, CPU model, ...). */
QJsonObject machineInfo(const QString &concertServer);

/** @brief Runs @p program with @p arguments; its standard output (trimmed), empty on failure. */
QString commandOutput(const QString &program, const QStringList &arguments, int timeoutMs = 10000);

/** @brief A fresh random canonical (lower-case, no braces) UUID. */
QString freshUuid();
