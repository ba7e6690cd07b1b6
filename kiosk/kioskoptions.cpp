#include "kioskoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>

std::optional<KioskOptions> KioskOptions::parse(const QStringList &arguments, QString *error)
{
    auto fail = [error](const QString &message) -> std::optional<KioskOptions> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    KioskOptions options;
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "KioskOptions", "Ticket kiosk and box-office client for concert-server."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QCoreApplication::translate("KioskOptions", "Show this help."));
    const QCommandLineOption server(
        QStringLiteral("server"),
        QCoreApplication::translate("KioskOptions", "Base URL of concert-server (default %1).")
            .arg(options.server.toString()),
        QStringLiteral("URL"));
    const QCommandLineOption fullscreen(
        QStringLiteral("fullscreen"),
        QCoreApplication::translate("KioskOptions", "Kiosk mode: full screen, no window frame."));
    const QCommandLineOption idle(
        QStringLiteral("idle-timeout-seconds"),
        QCoreApplication::translate("KioskOptions",
                                    "Back to the start screen after N seconds without input "
                                    "(1..86400, default %1).")
            .arg(options.idleTimeoutSeconds),
        QStringLiteral("N"));
    const QCommandLineOption language(
        QStringLiteral("language"),
        QCoreApplication::translate("KioskOptions",
                                    "Language of the screens: ko or en (default: Korean when the "
                                    "system locale is Korean, else English)."),
        QStringLiteral("ko|en"));
    parser.addOptions({help, server, fullscreen, idle, language});
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);

    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument '%1'")
                        .arg(parser.positionalArguments().constFirst()));
    if (parser.isSet(help)) {
        options.helpRequested = true;
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(server)) {
        const QString text = parser.value(server);
        const QUrl url(text, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            || url.hasQuery() || url.hasFragment())
            return fail(QStringLiteral("--server: '%1' is not an http:// or https:// URL with a "
                                       "host")
                            .arg(text));
        options.server = url;
    }
    options.fullscreen = parser.isSet(fullscreen);
    if (parser.isSet(idle)) {
        bool ok = false;
        const QString text = parser.value(idle);
        const int seconds = text.toInt(&ok);
        if (!ok || seconds < 1 || seconds > 86400)
            return fail(QStringLiteral("--idle-timeout-seconds: '%1' is not a whole number of "
                                       "seconds from 1 to 86400")
                            .arg(text));
        options.idleTimeoutSeconds = seconds;
    }
    if (parser.isSet(language)) {
        const QString text = parser.value(language);
        if (text != QLatin1String("ko") && text != QLatin1String("en"))
            return fail(QStringLiteral("--language: '%1' is not ko or en").arg(text));
        options.language = text;
    }
    return options;
}
