// concert-boxoffice: parses the options, loads the translation and shows the main window.
#include "boxofficeclient.h"
#include "boxofficeoptions.h"
#include "mainwindow.h"

#include <QApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("concert"));
    QApplication::setApplicationName(QStringLiteral("concert-boxoffice"));
    QApplication::setApplicationDisplayName(QStringLiteral("Concert Box Office"));
    QApplication::setApplicationVersion(QStringLiteral(CONCERT_BOXOFFICE_VERSION));

    QString error;
    const std::optional<BoxOfficeOptions> options =
        BoxOfficeOptions::parse(app.arguments(), &error);
    if (!options) {
        std::fprintf(stderr, "concert-boxoffice: %s\n", qPrintable(error));
        return 2;
    }
    if (options->helpRequested) {
        std::fputs(qPrintable(options->helpText), stdout);
        return 0;
    }

    const QLocale locale = options->language.isEmpty() ? QLocale() : QLocale(options->language);
    QLocale::setDefault(locale);
    QTranslator qtTranslator;
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(locale, QStringLiteral("boxoffice"), QStringLiteral("_"),
                        QStringLiteral(":/i18n")))
        QApplication::installTranslator(&translator);

    BoxOfficeClient client;
    MainWindow window(&client);
    if (!options->server.isEmpty())
        window.setServer(options->server);
    if (!options->apiKey.isEmpty())
        window.setKey(options->apiKey);
    window.resize(1280, 800);
    window.show();
    if (!options->apiKey.isEmpty())
        window.signIn();
    return app.exec();
}
