#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

/**
 * @brief A private MariaDB server for one test process: its own data directory in a temporary
 * folder, its own Unix socket and a free TCP port on 127.0.0.1. Never the system's server.
 *
 * start() runs mariadb-install-db and mariadbd (about 1 s), creates the database and a user
 * `concert` with an empty password. The destructor stops the server and removes every file.
 */
class MariaDbInstance
{
public:
    MariaDbInstance();
    ~MariaDbInstance();
    Q_DISABLE_COPY_MOVE(MariaDbInstance)

    /** @brief Starts the server; false (and errorString()) when it did not come up in 30 s. */
    bool start(const QString &databaseName = QStringLiteral("concert"));
    /** @brief SIGKILL-free shutdown; waits up to 30 s. Safe to call twice. */
    void stop();
    /** @brief Stops mariadbd abruptly (SIGKILL) to simulate a database outage. */
    void kill();
    /** @brief Starts mariadbd again on the same data directory, port and socket. */
    bool restart();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QString socketPath() const
    {
        return m_dir.path() + QStringLiteral("/mysqld.sock");
    }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] QString databaseName() const { return m_databaseName; }
    [[nodiscard]] QString errorString() const { return m_error; }

    /** @brief concert-server options that reach this database over the socket. */
    [[nodiscard]] QStringList serverArguments() const;

    /**
     * @brief Runs @p sql with the mariadb client as root; returns its standard output
     * (tab-separated rows, no header) or a null QString on failure.
     */
    QString execute(const QString &sql) const;
    /** @brief execute() in database @p database instead of databaseName(). */
    QString executeIn(const QString &database, const QString &sql) const;
    /** @brief The first column of the first row of @p sql as an integer; -1 on failure. */
    qint64 scalar(const QString &sql) const;
    /** @brief Drops and recreates the database: a clean slate between test cases. */
    bool resetDatabase();

private:
    bool launch();

    QTemporaryDir m_dir;
    std::unique_ptr<QProcess> m_server;
    int m_port = 0;
    QString m_databaseName;
    QString m_error;
};
