#pragma once

#include "wrkrunner.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <vector>

class BenchDb;
class MariaDbInstance;
class QProcess;
class ServerProcess;
struct SeededToken;

/**
 * @brief The sizes and settings of one benchmark run. forScale(1.0) is the full run of
 * issue 4; forScale(0.01) the bench-smoke test (every scenario at 1/100 of its size, wrk runs
 * of one second, no warm-up).
 */
struct BenchConfig
{
    double scale = 1.0;
    QString outDir; ///< report.md and report.json go here
    QString workDir; ///< raw files (wrk summaries, token files, Lua scripts, driver output)
    QString perfDir; ///< when set: `perf record` of the servers in the first measured round
    QStringList only; ///< scenario ids to run ("1" ... "11"); empty: all
    WrkSettings wrk;
    bool freshDatabasePerPhase = true; ///< else one MariaDB, its database reset per phase
    int rounds = 3; ///< paired ceiling/server rounds per ratio; the median round is reported
    int dbPoolSize = 8; ///< concert-server --db-pool-size, and the raw-SQL ceilings' threads
    int sqlDurationMs = 10'000;
    int queueDepth = 100'000; ///< scenario 1
    int holdTokens = 1'000; ///< ACTIVE tokens that scenario 3 spreads its holds over
    int holdDatesForServer = 9'000; ///< scenario 3(a) and 5, 50 seats each
    int holdDatesForCeiling = 3'000;
    int contentionHoldTtlSeconds = 2; ///< scenario 3(b): holds end and seats come back
    int openingUsers = 10'000; ///< scenario 4
    int openingWindowMs = 10'000;
    int openingDates = 20;
    int openingCapacity = 500;
    int openingActiveTtlSeconds = 60;
    int openingTickMs = 1'000;
    int openingConnections = 128;
    int openingDeadlineMs = 240'000;
    // Scenario 6: seat map of a hot date on instance A, holds and payments on instance B.
    int hotMapTickMs = 1'000; ///< --queue-tick-ms of both instances (the staleness bound)
    int hotMapTokens = 2'000; ///< ACTIVE tokens: readers, writers, one per payment
    int hotMapColdDates = 40; ///< dates whose seats the writer sells (50 each)
    int hotMapStalenessSamples = 60; ///< holds on B timed until A's map shows them, per round
    // Scenario 7: queue status with a million in line.
    int millionWaiting = 1'000'000;
    int millionActive = 100'000;
    int millionStatusTokens = 100'000; ///< tokens wrk draws from (a sample of the whole line)
    int idleSeconds = 30; ///< idle CPU measured over this long with no load
    // Scenario 8: token issue with many ACTIVE.
    int busyIssueActive = 100'000;
    // Scenario 10: push streams.
    int pushStreams = 10'000;
    int pushTickMs = 1'000;
    // Scenario 11: ticket opening with a pre-queue.
    int prequeueUsers = 10'000; ///< join in the window before saleOpensAt
    int prequeueWindowMs = 60'000;
    int postOpeningUsers = 20'000; ///< join in the window after it
    int postOpeningWindowMs = 10'000;

    static BenchConfig forScale(double scale);
    [[nodiscard]] QJsonObject toJson() const;
};

/**
 * @brief Runs the scenarios of issue 4 against real processes (a private MariaDB per phase,
 * concert-server, bench-minimal-server, wrk, the scenario 4 driver) and writes
 * report.json and report.md. Everything stays on 127.0.0.1 and every load has a time bound.
 */
class BenchRun
{
public:
    explicit BenchRun(const BenchConfig &config);
    ~BenchRun();

    /** @brief Runs the selected scenarios; returns 0 when every correctness check held. */
    int run();

private:
    bool wants(const QString &scenario) const;
    std::shared_ptr<MariaDbInstance> startDatabase();
    std::unique_ptr<ServerProcess> startServer(const MariaDbInstance &db, const QStringList &extra,
                                               int fixedPort = 0);
    std::unique_ptr<ServerProcess> startMinimalServer(int fixedPort = 0,
                                                      const QStringList &extra = {});
    QList<std::pair<qint64, QString>> createDates(const QUrl &server, int dates, qint64 price,
                                                  QString *error);
    bool waitForQueue(const QUrl &server, const QString &token, const QString &status,
                      const std::function<qint64()> &expectedPosition, int timeoutMs);
    std::unique_ptr<QProcess> startProfiler(const QString &label, const QList<qint64> &pids,
                                            const WrkSettings &wrk);
    void finishProfiler(QProcess *perf);
    void note(const QString &text);
    void check(const QString &what, bool ok);
    QJsonObject usage(const QString &name, qint64 pid, const std::function<void()> &work,
                      double *seconds = nullptr);

    void queueStatusPhase(); // scenarios 1 and 5 (first half)
    void tokenIssuePhase(); // scenario 2
    void holdsPhase(); // scenarios 3(a), 5 (second half), 3(b)
    void openingPhase(); // scenario 4
    /**
     * @brief Before the driver starts: may add to the scenario and to the driver's arguments
     * (a repeated option wins); an error text stops the scenario.
     */
    using OpeningHook = std::function<QString(const QUrl &server, qint64 concertId,
                                              QJsonObject &scenario, QStringList &driverArgs)>;
    /** @brief After the driver and the SQL checks: more checks and results. */
    using OpeningCheck =
        std::function<void(QJsonObject &scenario, BenchDb &sql, const QJsonObject &driverResult)>;
    /** @brief Scenario 4's ticket opening as scenario @p number, with optional hooks. */
    void runOpening(int number, const OpeningHook &before, const OpeningCheck &after);
    void hotSeatMapPhase(); // scenario 6 (issue 13)
    void millionQueuePhase(); // scenario 7 (issue 13)
    void busyIssuePhase(); // scenario 8 (issue 13)
    void webhookOpeningPhase(); // scenario 9 (issue 11)
    void pushPhase(); // scenario 10 (issue 8)
    void prequeueOpeningPhase(); // scenario 11 (issue 8)
    /** @brief ACTIVE tokens: seeded WAITING, then admitted by @p server (capacity must allow). */
    QList<SeededToken> seedActive(BenchDb &sql, const QUrl &server, int count, QString *error);
    /** @brief Appends a row to the Targets table: MET when @p met, else MISSED. */
    void addTarget(const QString &target, const QJsonValue &measured, bool met);

    BenchConfig m_config;
    std::shared_ptr<MariaDbInstance> m_sharedDb;
    QString m_luaDir;
    QString m_serverProgram;
    QString m_minimalProgram;
    bool m_serverHasReusePort = false;
    QJsonObject m_scenarios;
    QJsonArray m_targets;
    QJsonArray m_checks;
    QStringList m_notes;
    bool m_correct = true;
};
