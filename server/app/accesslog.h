#pragma once

#include <QByteArray>
#include <QMutex>
#include <QString>
#include <QWaitCondition>

#include <atomic>
#include <thread>

struct AnsweredRequest;

/**
 * @brief `--access-log PATH`: one JSON object per answered request and line
 * (api-contract.md, "For operators and integrators"):
 * `{"time","instance","method","route","status","durationMs","bytes","client"}`.
 *
 * append() runs on the server's thread and only formats the line into a memory buffer (a short
 * mutex, no I/O); a writer thread of its own writes the buffer out every 200 ms, or sooner when
 * it passes 256 KiB. reopen() (SIGHUP, after logrotate moved the file) makes the writer open
 * the path again before its next write. The line holds no path, query, header or body, so no
 * token, key or other secret can appear in it.
 */
class AccessLog
{
public:
    /**
     * @param path: a file (appended to, created 0640 if missing) or `-` for standard output.
     * @param instance: what names this instance in each line (`host:port`).
     */
    AccessLog(const QString &path, const QString &instance);
    /** @brief Writes what is buffered and joins the writer thread. */
    ~AccessLog();
    Q_DISABLE_COPY_MOVE(AccessLog)

    /** @brief false (with errorString()) when the file cannot be opened for appending. */
    bool open();
    [[nodiscard]] QString errorString() const { return m_error; }

    /** @brief The instance name written into every line from now on. Call before serving. */
    void setInstance(const QString &instance) { m_instance = jsonString(instance); }

    /** @brief Adds the line for @p answered to the buffer. Thread-safe. */
    void append(const AnsweredRequest &answered);
    /** @brief Reopens the file before the next write (no effect for standard output). */
    void reopen() { m_reopen = true; }
    /** @brief Writes everything buffered now and returns when it is written. */
    void flush();

    /** @brief @p text as a JSON string literal, quotes included. */
    static QByteArray jsonString(const QString &text);

private:
    void run();
    bool openFile();
    void writeOut(const QByteArray &chunk);

    const QString m_path;
    QByteArray m_instance;
    QString m_error;
    int m_fd = -1;
    bool m_stdout = false;

    QMutex m_mutex;
    QWaitCondition m_wake;
    QWaitCondition m_flushed;
    QByteArray m_buffer;
    quint64 m_appendedChunks = 0; ///< guarded by m_mutex: bumped when a flush is asked
    quint64 m_writtenChunks = 0;
    bool m_stop = false;
    std::atomic<bool> m_reopen{false};
    std::thread m_thread;
};
