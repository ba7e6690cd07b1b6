// bench-minimal-server: the throughput ceiling of scenario 1 (README.md, section Benchmark).
// The least a QtHttpServer 6.4 program can do per request: match a route and write a fixed JSON
// body the size of a queue status answer, the way concert-server writes its answers. Whatever
// concert-server reaches next to this is what its own work (token check, queue lookup, JSON)
// costs on this machine, measured in the same run.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHostAddress>
#include <QHttpServer>
#include <QHttpServerResponder>
#include <QTcpServer>

#include <cstdio>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// The size of a queue status answer; --body-file replaces it (scenario 6: a real seat map).
QByteArray g_body = QByteArrayLiteral(
    R"({"estimatedWaitSeconds":512,"expiresAt":null,"position":51234,"status":"WAITING"})");

void answer(const QHttpServerRequest &, QHttpServerResponder &&responder)
{
    responder.write(
        g_body,
        {{QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json; charset=utf-8")}},
        QHttpServerResponder::StatusCode::Ok);
}

// SO_REUSEPORT listener (qt-notes.md): several processes share one port.
QTcpServer *reusePortListener(quint16 port, QObject *parent)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return nullptr;
    const int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::listen(fd, 1024) != 0) {
        ::close(fd);
        return nullptr;
    }
    auto *server = new QTcpServer(parent);
    if (!server->setSocketDescriptor(fd)) {
        delete server;
        ::close(fd);
        return nullptr;
    }
    return server;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Fixed-JSON QtHttpServer: benchmark ceiling."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("port"), QStringLiteral("TCP port; 0 picks one."),
                      QStringLiteral("N"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("bind"), QStringLiteral("Ignored: always 127.0.0.1."),
                      QStringLiteral("ADDR"), QStringLiteral("127.0.0.1")});
    parser.addOption(
        {QStringLiteral("reuse-port"), QStringLiteral("Share the port (SO_REUSEPORT).")});
    parser.addOption({QStringLiteral("body-file"),
                      QStringLiteral("Answer this file's bytes instead of a queue status body."),
                      QStringLiteral("PATH")});
    parser.process(app);
    if (parser.isSet(QStringLiteral("body-file"))) {
        QFile file(parser.value(QStringLiteral("body-file")));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "bench-minimal-server: cannot read the body file\n");
            return 1;
        }
        g_body = file.readAll();
    }

    QHttpServer http;
    http.route(QStringLiteral("/api/v1/queue/status"),
               [](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                   answer(request, std::move(responder));
               });
    http.setMissingHandler(&answer);

    const auto port = quint16(parser.value(QStringLiteral("port")).toUInt());
    QTcpServer *listener = nullptr;
    if (parser.isSet(QStringLiteral("reuse-port"))) {
        listener = reusePortListener(port, &app);
    } else {
        listener = new QTcpServer(&app);
        if (!listener->listen(QHostAddress::LocalHost, port)) {
            delete listener;
            listener = nullptr;
        }
    }
    if (!listener) {
        std::fprintf(stderr, "bench-minimal-server: cannot listen on port %u\n", unsigned(port));
        return 1;
    }
    http.bind(listener);
    std::printf("listening on http://127.0.0.1:%u\n", unsigned(listener->serverPort()));
    std::fflush(stdout);
    return QCoreApplication::exec();
}
