// concert-server: options, objects, routes. The rules live in the services.
#include "app/serverapp.h"
#include "app/serverconfig.h"
#include "app/unixsignalwatcher.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    // The plain Unix event loop serves about 13% more small requests than glib's (qt-notes.md);
    // an operator can still choose with QT_NO_GLIB=0.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("concert-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CONCERT_VERSION));

    QString exitZeroText;
    const auto loaded = ServerConfig::load(QCoreApplication::arguments(),
                                           QProcessEnvironment::systemEnvironment(), &exitZeroText);
    if (const QString *error = std::get_if<QString>(&loaded)) {
        if (!exitZeroText.isEmpty()) {
            std::fputs(qPrintable(exitZeroText), stdout);
            return 0;
        }
        std::fprintf(stderr, "concert-server: %s\n", qPrintable(*error));
        return 2;
    }

    ServerApp server(std::get<ServerConfig>(loaded));
    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &server, [&server]() {
        server.shutdown();
        QCoreApplication::exit(0);
    });
    QObject::connect(&watcher, &UnixSignalWatcher::reopenRequested, &server,
                     &ServerApp::reopenLogs);
    if (!server.start())
        return 2; // the port named by --port/--bind cannot be used

    return QCoreApplication::exec();
}
