#pragma once

#include <QObject>

class QSocketNotifier;

/**
 * @brief Turns SIGTERM and SIGINT (stop) and SIGHUP (reopen log files) into Qt signals on the
 * thread that created the watcher (the self-pipe pattern: the handler only writes one byte to a
 * socket pair).
 */
class UnixSignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    /** @brief @p signalNumber: SIGTERM or SIGINT. */
    void terminationRequested(int signalNumber);
    /** @brief SIGHUP: log files were rotated; reopen them (logrotate's postrotate). */
    void reopenRequested();

private:
    QSocketNotifier *m_notifier = nullptr;
};
