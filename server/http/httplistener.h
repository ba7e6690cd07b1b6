#pragma once

#include <QTcpServer>

/**
 * @brief The listening socket of concert-server: a QTcpServer that closes connections idle for
 * longer than @p idleTimeoutMs (no bytes read or written), because QtHttpServer 6.4 keeps
 * keep-alive connections open forever (qt-notes.md) and idle clients would otherwise use up
 * file descriptors.
 */
class HttpListener : public QTcpServer
{
    Q_OBJECT
public:
    explicit HttpListener(int idleTimeoutMs, QObject *parent = nullptr);

    /** @brief Raises this process's open-file limit to the hard limit; returns the new limit. */
    static qint64 raiseOpenFileLimit();

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    const int m_idleTimeoutMs;
};
