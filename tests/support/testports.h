#pragma once

#include <QTcpServer>

namespace TestPorts {

/** @brief A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
inline int freeTcpPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace TestPorts
