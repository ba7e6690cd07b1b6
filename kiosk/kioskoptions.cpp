#include "kioskoptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QRegularExpression>

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
    const QCommandLineOption apiKey(
        QStringLiteral("api-key"),
        QCoreApplication::translate("KioskOptions",
                                    "A TERMINAL key, sent as X-Api-Key with top-ups (for servers "
                                    "started with --charges key)."),
        QStringLiteral("K"));
    const QCommandLineOption noPush(
        QStringLiteral("no-push"),
        QCoreApplication::translate("KioskOptions",
                                    "Follow the queue by polling only, without the push stream."));
    parser.addOptions({help, server, fullscreen, idle, language, apiKey, noPush});
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
    if (parser.isSet(apiKey)) {
        const QString text = parser.value(apiKey);
        // A header value: printable ASCII without spaces, as keys are made.
        static const QRegularExpression printable(QStringLiteral("^[\\x21-\\x7e]{1,256}$"));
        if (!printable.match(text).hasMatch())
            return fail(QStringLiteral("--api-key: the key must be 1 to 256 printable ASCII "
                                       "characters without spaces"));
        options.apiKey = text;
    }
    options.push = !parser.isSet(noPush);
    return options;
}
