#include "boxofficeoptions.h"

#include <QCommandLineParser>

std::optional<BoxOfficeOptions> BoxOfficeOptions::parse(const QStringList &arguments,
                                                        QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Concert box office: counter sales, "
                                                    "customers, concerts, sales, queue, door"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption server(QStringLiteral("server"),
                                    QStringLiteral("Base URL of concert-server."),
                                    QStringLiteral("URL"));
    const QCommandLineOption apiKey(QStringLiteral("api-key"),
                                    QStringLiteral("Staff key (ADMIN, STAFF or TERMINAL)."),
                                    QStringLiteral("K"));
    const QCommandLineOption language(QStringLiteral("language"),
                                      QStringLiteral("Language of the program: ko or en."),
                                      QStringLiteral("ko|en"));
    parser.addOption(help);
    parser.addOption(server);
    parser.addOption(apiKey);
    parser.addOption(language);
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return std::nullopt;
    }
    if (!parser.positionalArguments().isEmpty()) {
        *error =
            QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().first());
        return std::nullopt;
    }
    BoxOfficeOptions options;
    if (parser.isSet(help)) {
        options.helpRequested = true;
        options.helpText = parser.helpText();
        return options;
    }
    if (parser.isSet(server)) {
        const QUrl url(parser.value(server), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
            *error = QStringLiteral("--server: not an http(s) URL: %1").arg(parser.value(server));
            return std::nullopt;
        }
        options.server = url;
    }
    if (parser.isSet(apiKey)) {
        options.apiKey = parser.value(apiKey);
        if (options.apiKey.isEmpty()) {
            *error = QStringLiteral("--api-key: empty key");
            return std::nullopt;
        }
    }
    if (parser.isSet(language)) {
        options.language = parser.value(language);
        if (options.language != QLatin1String("ko") && options.language != QLatin1String("en")) {
            *error = QStringLiteral("--language: must be ko or en, not %1").arg(options.language);
            return std::nullopt;
        }
    }
    return options;
}
