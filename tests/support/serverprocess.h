#pragma once

#include <QProcess>
#include <QStringList>
#include <QUrl>

#include <memory>

/**
 * @brief A real `concert-server` process started for a test.
 *
 * start() passes @p arguments (plus `--port 0` and `--bind 127.0.0.1` unless given, and the
 * per-address limits off: `--token-rate-per-ip 0`, `--max-seats-per-user 0`,
 * `--max-connections-per-ip 1000000` unless given) and waits
 * for the contract's `listening on http://ADDR:PORT` line, from which baseUrl() is read.
 * Standard error is forwarded to the test's output. The destructor kills the process.
 */
class ServerProcess
{
public:
    /** @brief @p program defaults to the concert-server built with the tests. */
    explicit ServerProcess(const QString &program = QString());
    ~ServerProcess();
    Q_DISABLE_COPY_MOVE(ServerProcess)

    /** @brief false when the process exited or printed no `listening on` line in @p timeoutMs. */
    bool start(const QStringList &arguments, int timeoutMs = 30000);
    /** @brief SIGTERM and wait; returns the exit code, or -1 on crash or time-out. */
    int terminate(int timeoutMs = 15000);
    /** @brief SIGKILL: the instance dies without any clean-up. */
    void kill();

    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    [[nodiscard]] int port() const { return m_baseUrl.port(); }
    /** @brief Everything the server printed on standard output so far. */
    [[nodiscard]] QByteArray standardOutput() const { return m_stdout; }
    [[nodiscard]] QProcess *process() const { return m_process.get(); }

    /** @brief Path of the concert-server binary built alongside the tests. */
    static QString defaultProgram();

private:
    QString m_program;
    std::unique_ptr<QProcess> m_process;
    QUrl m_baseUrl;
    QByteArray m_stdout;
};
