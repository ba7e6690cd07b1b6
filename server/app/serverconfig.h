#pragma once

#include <QHostAddress>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <variant>

/**
 * @brief Every option of `concert-server` (operations-contract.md, "concert-server options").
 *
 * Each option comes from, in falling priority: the command line, the environment
 * (`CONCERT_` + upper-case name with `_` for `-`), the INI file named by `--config` (same names
 * without `--`), the default. Durations are in the unit their name gives.
 */
struct ServerConfig
{
    QString bindAddress = QStringLiteral("127.0.0.1");
    int port = 8080; ///< 0..65535; 0 lets the OS pick
    QString dbHost = QStringLiteral("127.0.0.1");
    int dbPort = 3306;
    QString dbSocket; ///< wins over dbHost/dbPort when set
    QString dbName = QStringLiteral("concert");
    QString dbUser = QStringLiteral("concert");
    QString dbPassword;
    QString adminKey; ///< empty: every admin route answers 401 ADMIN_KEY_INVALID
    int queueCapacity = 100; ///< most ACTIVE tokens at once, 1..1,000,000
    int queueTickMs = 1000; ///< admission and sweep period, 10..60,000 ms
    int activeTtlSeconds = 600; ///< life of an ACTIVE token, 1..604,800 s
    int holdTtlSeconds = 300; ///< life of a seat hold, 1..86,400 s
    bool demoData = false;
    int dbPoolSize = 8; ///< worker threads, each with one database connection, 1..64
    int keepAliveSeconds = 120; ///< idle connections are closed after this long, 1..3600 s
    bool reusePort =
        false; ///< SO_REUSEPORT: several instances share one port (Linux spreads connections)
    double webhookRetryScale = 1.0; ///< multiplies the webhook retry schedule, 0.0001..100
    // Limits at the edge (api-contract.md, "Limits at the edge"; operations-contract.md).
    int maxSeatsPerUser = 8; ///< seats HELD or SOLD per user and concert, 0..1000; 0 = no cap
    int tokenRatePerIp = 120; ///< token issues per client address per sliding 60 s; 0 = off
    int headerTimeoutSeconds = 10; ///< a request's headers complete within this, 1..600 s
    int maxConnections = 10000; ///< open connections in all, 1..1,000,000
    int maxConnectionsPerIp = 256; ///< open connections from one address, 1..1,000,000
    QList<QHostAddress> trustedProxies; ///< peers whose X-Forwarded-For names the client
    bool chargesNeedKey = false; ///< `--charges key`: charges need a TERMINAL/STAFF/ADMIN X-Api-Key
    int queueAbandonSeconds = 120; ///< a WAITING token unseen this long is ABANDONED, 10..86,400 s
    QString accessLog; ///< `--access-log`: a file, `-` for standard output; empty: off

    /**
     * @brief Reads the options. On a bad option or value returns a one-line message naming
     * the option (the caller prints it and exits with status 2); on `--help`/`--version`
     * returns the text to print with exit status 0 in @p exitZeroText.
     */
    static std::variant<ServerConfig, QString> load(const QStringList &arguments,
                                                    const QProcessEnvironment &environment,
                                                    QString *exitZeroText = nullptr);
};
