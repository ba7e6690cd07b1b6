// concert-kiosk: parses the options and shows the kiosk window (Concert.Kiosk.Ui/Main.qml).
#include "kioskengine.h"
#include "kiosklanguage.h"
#include "kioskoptions.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(ConcertKioskPlugin)
Q_IMPORT_QML_PLUGIN(ConcertKioskUiPlugin)

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("concert-kiosk"));
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Concert Kiosk"));
    QGuiApplication::setApplicationVersion(QStringLiteral(CONCERT_KIOSK_VERSION));

    QString error;
    const std::optional<KioskOptions> options = KioskOptions::parse(app.arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "concert-kiosk: %s\n", qPrintable(error));
        return 2;
    }
    if (options->helpRequested) {
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    }

    KioskLanguage::setStartupCode(options->language.isEmpty() ? KioskLanguage::systemDefault()
                                                              : options->language);
    QQmlApplicationEngine engine;
    KioskEngine::prepare(&engine);
    engine.setInitialProperties({
        {QStringLiteral("serverUrl"), options->server},
        {QStringLiteral("fullscreen"), options->fullscreen},
        {QStringLiteral("idleTimeoutSeconds"), options->idleTimeoutSeconds},
        {QStringLiteral("apiKey"), options->apiKey},
        {QStringLiteral("pushEnabled"), options->push},
    });
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreated, &app,
        [](QObject *object, const QUrl &) {
            if (!object)
                QCoreApplication::exit(1);
        },
        Qt::QueuedConnection);
    engine.load(KioskEngine::mainUrl());
    return app.exec();
}
