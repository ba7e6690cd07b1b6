// concert-bench: the benchmark of issue 4 (README.md, section Benchmark).
//   concert-bench [--scale F] [--out DIR] [--only 1,...,11]     run scenarios, write the report
//   concert-bench opening-driver --url URL ...                  scenario 4's load driver (internal)
//   concert-bench render DIR                                   DIR/report.md from DIR/report.json
#include "benchrun.h"
#include "openingdriver.h"
#include "report.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>

#include <cmath>
#include <cstdio>

#include <sys/resource.h>

namespace {

int runDriver(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QStringList names{QStringLiteral("url"),          QStringLiteral("concert-id"),
                            QStringLiteral("users"),        QStringLiteral("window-ms"),
                            QStringLiteral("seats"),        QStringLiteral("connections"),
                            QStringLiteral("deadline-ms"),  QStringLiteral("out"),
                            QStringLiteral("opens-at-ms"),  QStringLiteral("pre-users"),
                            QStringLiteral("pre-window-ms")};
    for (const QString &name : names)
        parser.addOption({name, name, QStringLiteral("VALUE")});
    if (!parser.parse(arguments.mid(1))) {
        std::fprintf(stderr, "opening-driver: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    OpeningSettings settings;
    settings.baseUrl = QUrl(parser.value(QStringLiteral("url")));
    settings.concertId = parser.value(QStringLiteral("concert-id")).toLongLong();
    settings.users = parser.value(QStringLiteral("users")).toInt();
    settings.arrivalWindowMs = parser.value(QStringLiteral("window-ms")).toInt();
    settings.seatsOnSale = parser.value(QStringLiteral("seats")).toInt();
    settings.connections = parser.value(QStringLiteral("connections")).toInt();
    settings.deadlineMs = parser.value(QStringLiteral("deadline-ms")).toInt();
    settings.seed = quint32(QDateTime::currentMSecsSinceEpoch());
    if (parser.isSet(QStringLiteral("opens-at-ms"))) {
        // The sale's opening as Unix ms; the driver's clock starts now.
        settings.opensInMs = qMax<qint64>(0,
                                          parser.value(QStringLiteral("opens-at-ms")).toLongLong()
                                              - QDateTime::currentMSecsSinceEpoch());
        settings.preUsers = parser.value(QStringLiteral("pre-users")).toInt();
        settings.preWindowMs = parser.value(QStringLiteral("pre-window-ms")).toInt();
    }
    if (settings.baseUrl.host() != QLatin1String("127.0.0.1") || settings.users <= 0
        || settings.connections <= 0 || settings.deadlineMs <= 0) {
        std::fprintf(stderr,
                     "opening-driver: needs --url http://127.0.0.1:PORT, --users, "
                     "--connections and --deadline-ms\n");
        return 2;
    }
    OpeningDriver driver(settings);
    QJsonObject result = driver.run();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double cpu = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    result.insert(
        QStringLiteral("driver_usage"),
        QJsonObject{
            {QStringLiteral("process"), QStringLiteral("concert-bench opening-driver")},
            {QStringLiteral("cpu_seconds"), std::round(cpu * 100) / 100},
            {QStringLiteral("peak_rss_mib"), std::round(double(usage.ru_maxrss) / 102.4) / 10}});
    QFile out(parser.value(QStringLiteral("out")));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 1;
    out.write(QJsonDocument(result).toJson(QJsonDocument::Indented));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // Scenario 10 opens thousands of sockets here and in the servers (which inherit the limit).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    if (arguments.value(1) == QLatin1String("opening-driver"))
        return runDriver(arguments);
    if (arguments.value(1) == QLatin1String("render")) {
        // concert-bench render DIR: report.md again from DIR/report.json (after a layout change).
        const QDir dir(arguments.value(2, QStringLiteral("bench-results")));
        QFile json(dir.filePath(QStringLiteral("report.json")));
        QFile markdown(dir.filePath(QStringLiteral("report.md")));
        if (!json.open(QIODevice::ReadOnly)
            || !markdown.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 1;
        markdown.write(renderMarkdown(QJsonDocument::fromJson(json.readAll()).object()).toUtf8());
        return 0;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Benchmark of concert-server (issue 4): starts a private MariaDB, the servers and wrk, "
        "runs every scenario and writes report.md and report.json."));
    parser.addHelpOption();
    const QCommandLineOption scale(QStringLiteral("scale"),
                                   QStringLiteral("Size of the run: 1 = full, 0.01 = smoke."),
                                   QStringLiteral("F"), QStringLiteral("1"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Report directory."),
                                 QStringLiteral("DIR"), QStringLiteral("bench-results"));
    const QCommandLineOption only(
        QStringLiteral("only"),
        QStringLiteral("Scenarios to run, e.g. 1,4 or 6,7,8 (1 ... 11; default: all)."),
        QStringLiteral("LIST"));
    const QCommandLineOption duration(QStringLiteral("wrk-duration"),
                                      QStringLiteral("Seconds per measured wrk run."),
                                      QStringLiteral("S"));
    const QCommandLineOption perf(QStringLiteral("perf"),
                                  QStringLiteral("Record the servers (and mariadbd) with perf "
                                                 "during the first measured round into DIR."),
                                  QStringLiteral("DIR"));
    const QCommandLineOption pool(QStringLiteral("db-pool-size"),
                                  QStringLiteral("concert-server --db-pool-size and the raw-SQL "
                                                 "ceilings' connections (default 8)."),
                                  QStringLiteral("N"));
    parser.addOptions({scale, out, only, duration, perf, pool});
    parser.process(app);

    BenchConfig config = BenchConfig::forScale(parser.value(scale).toDouble());
    config.outDir = QDir(parser.value(out)).absolutePath();
    config.workDir = QDir(config.outDir).filePath(QStringLiteral("raw"));
    if (parser.isSet(only))
        config.only = parser.value(only).split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(pool))
        config.dbPoolSize = qBound(1, parser.value(pool).toInt(), 64);
    if (parser.isSet(perf))
        config.perfDir = QDir(parser.value(perf)).absolutePath();
    if (parser.isSet(duration))
        config.wrk.durationSeconds = qMax(1, parser.value(duration).toInt());
    BenchRun run(config);
    return run.run();
}
