#pragma once

// Small helpers shared by the scenario files of concert-bench (benchrun.cpp, hotpaths.cpp,
// openings.cpp, pushbench.cpp). Internal to the benchmark.

#include "mariadbinstance.h"
#include "serverprocess.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <cmath>

inline const QString kAdminKey = QStringLiteral("bench-admin-key");

/** @brief The pid of a private MariaDB (from its pid file), 0 when unknown. */
inline qint64 mariadbPid(const MariaDbInstance &db)
{
    QFile file(QFileInfo(db.socketPath()).absolutePath() + QStringLiteral("/mysqld.pid"));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    return file.readAll().trimmed().toLongLong();
}

/** @brief The pid of a started server process, 0 when it is not running. */
inline qint64 pidOf(const ServerProcess &server)
{
    return server.process() ? server.process()->processId() : 0;
}

/** @brief value / ceiling rounded to 3 decimals; 0 when the ceiling is 0. */
inline double ratio(double value, double ceiling)
{
    return ceiling > 0 ? std::round(value / ceiling * 1000) / 1000 : 0;
}

/** @brief A random seed for a wrk script, as text. */
inline QString seedText()
{
    return QString::number(QRandomGenerator::global()->bounded(1, 1'000'000'000));
}

/** @brief Writes @p lines, one per line, to @p path. */
inline bool writeLines(const QString &path, const QStringList &lines)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(lines.join(u'\n').toUtf8() + '\n');
    return true;
}

/** @brief How many answers of HTTP status @p status a wrk summary counted. */
inline double statusCount(const QJsonObject &wrk, const QString &status)
{
    return wrk.value(QLatin1String("statuses")).toObject().value(status).toDouble();
}

/** @brief One paired round: a measurement, its ceiling measured just before, and their ratio. */
inline QJsonObject pairedRound(const QJsonObject &server, double serverRate,
                               const QJsonObject &ceiling, double ceilingRate)
{
    return {{QStringLiteral("server"), server},
            {QStringLiteral("ceiling"), ceiling},
            {QStringLiteral("server_rate"), serverRate},
            {QStringLiteral("ceiling_rate"), ceilingRate},
            {QStringLiteral("ratio_to_ceiling"), ratio(serverRate, ceilingRate)}};
}

/**
 * @brief The round with the median ratio (every figure from the same round); all rounds stay
 * listed under "rounds".
 */
inline QJsonObject medianRound(const QList<QJsonObject> &rounds)
{
    if (rounds.isEmpty())
        return {};
    QList<QJsonObject> sorted = rounds;
    std::sort(sorted.begin(), sorted.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return a.value(QLatin1String("ratio_to_ceiling")).toDouble()
            < b.value(QLatin1String("ratio_to_ceiling")).toDouble();
    });
    QJsonObject chosen = sorted.at((sorted.size() - 1) / 2);
    QJsonArray all;
    for (const QJsonObject &round : rounds)
        all.append(QJsonObject{
            {QStringLiteral("server_rate"), round.value(QLatin1String("server_rate"))},
            {QStringLiteral("ceiling_rate"), round.value(QLatin1String("ceiling_rate"))},
            {QStringLiteral("ratio_to_ceiling"), round.value(QLatin1String("ratio_to_ceiling"))}});
    chosen.insert(QStringLiteral("rounds"), all);
    return chosen;
}

/** @brief p50/p99 of a wrk summary's latency, in ms. */
inline double wrkPercentile(const QJsonObject &wrk, const char *key)
{
    return wrk.value(QLatin1String("latency_ms")).toObject().value(QLatin1String(key)).toDouble();
}
