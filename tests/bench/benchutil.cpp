#include "benchutil.h"

#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSysInfo>
#include <QThread>
#include <QUuid>

#include <algorithm>
#include <cmath>

#include <unistd.h>

void LatencySamples::merge(const LatencySamples &other)
{
    m_samples.insert(m_samples.end(), other.m_samples.begin(), other.m_samples.end());
    m_sorted = false;
}

double LatencySamples::percentileMs(double percent) const
{
    if (m_samples.empty())
        return 0;
    if (!m_sorted) {
        std::sort(m_samples.begin(), m_samples.end());
        m_sorted = true;
    }
    const auto rank = size_t(std::ceil(percent / 100.0 * double(m_samples.size())));
    const size_t index = std::clamp<size_t>(rank, 1, m_samples.size()) - 1;
    return double(m_samples[index]) / 1000.0;
}

QJsonObject LatencySamples::toJson() const
{
    return {{QStringLiteral("count"), double(m_samples.size())},
            {QStringLiteral("p50_ms"), percentileMs(50)},
            {QStringLiteral("p95_ms"), percentileMs(95)},
            {QStringLiteral("p99_ms"), percentileMs(99)},
            {QStringLiteral("max_ms"), percentileMs(100)}};
}

ProcessSample ProcessSample::read(qint64 pid)
{
    ProcessSample sample;
    sample.pid = pid;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (pid <= 0 || !stat.open(QIODevice::ReadOnly))
        return sample;
    const QByteArray line = stat.readAll();
    // Fields after the command name, which is in parentheses and may contain spaces.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 15)
        return sample;
    const double ticks = double(sysconf(_SC_CLK_TCK));
    sample.cpuSeconds = (fields.at(11).toDouble() + fields.at(12).toDouble()) / ticks;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &row : status.readAll().split('\n')) {
            if (row.startsWith("VmHWM:"))
                sample.peakRssKiB = row.mid(6).trimmed().split(' ').value(0).toLongLong();
            else if (row.startsWith("VmRSS:"))
                sample.rssKiB = row.mid(6).trimmed().split(' ').value(0).toLongLong();
        }
    }
    sample.valid = true;
    return sample;
}

QJsonObject processUsage(const QString &name, const ProcessSample &before,
                         const ProcessSample &after, double wallSeconds)
{
    const double cpu = after.valid && before.valid ? after.cpuSeconds - before.cpuSeconds : 0;
    return {{QStringLiteral("process"), name},
            {QStringLiteral("pid"), double(after.pid)},
            {QStringLiteral("cpu_seconds"), std::round(cpu * 100) / 100},
            {QStringLiteral("cpu_percent_of_one_core"),
             wallSeconds > 0 ? std::round(cpu / wallSeconds * 1000) / 10 : 0.0},
            {QStringLiteral("peak_rss_mib"), std::round(double(after.peakRssKiB) / 102.4) / 10}};
}

QString commandOutput(const QString &program, const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(program, arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished(1000);
        return {};
    }
    return QString::fromLocal8Bit(process.readAll()).trimmed();
}

QJsonObject machineInfo(const QString &concertServer)
{
    QString cpuModel;
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (cpuinfo.open(QIODevice::ReadOnly)) {
        for (const QByteArray &row : cpuinfo.readAll().split('\n')) {
            if (row.startsWith("model name")) {
                cpuModel = QString::fromUtf8(row.mid(row.indexOf(':') + 1).trimmed());
                break;
            }
        }
    }
    qint64 memKiB = 0;
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (meminfo.open(QIODevice::ReadOnly))
        memKiB = meminfo.readLine().mid(9).trimmed().split(' ').value(0).toLongLong();
    const QString wrk = commandOutput(QStringLiteral("wrk"), {QStringLiteral("--version")})
                            .section(u'\n', 0, 0)
                            .section(QStringLiteral(" Copyright"), 0, 0);
    const QString mariadb =
        commandOutput(QStringLiteral("mariadbd"), {QStringLiteral("--version")});
    return {
        {QStringLiteral("cores"), QThread::idealThreadCount()},
        {QStringLiteral("cpu_model"), cpuModel},
        {QStringLiteral("memory_gib"), std::round(double(memKiB) / 1024 / 1024 * 10) / 10},
        {QStringLiteral("kernel"), QSysInfo::kernelVersion()},
        {QStringLiteral("os"), QSysInfo::prettyProductName()},
        {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
        {QStringLiteral("compiler"), QStringLiteral("GCC " __VERSION__)},
        {QStringLiteral("build_type"), QStringLiteral(CONCERT_BENCH_BUILD_TYPE)},
        {QStringLiteral("mariadb"), mariadb.section(QStringLiteral("Ver "), 1).simplified()},
        {QStringLiteral("wrk"), wrk.isEmpty() ? QStringLiteral("missing") : wrk},
        {QStringLiteral("concert_server"),
         commandOutput(concertServer, {QStringLiteral("--version")})},
        {QStringLiteral("source"),
         commandOutput(QStringLiteral("git"),
                       {QStringLiteral("-C"), QStringLiteral(CONCERT_BENCH_SOURCE_DIR),
                        QStringLiteral("describe"), QStringLiteral("--always"),
                        QStringLiteral("--dirty")})},
        {QStringLiteral("load_average_at_start"),
         commandOutput(QStringLiteral("cat"), {QStringLiteral("/proc/loadavg")})},
    };
}

QString freshUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}
