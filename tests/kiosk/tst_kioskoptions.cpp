// concert-kiosk's options (operations-contract.md): parsing, and the real executable's answer
// to a bad option (one line on standard error, exit status 2).

#include "kioskoptions.h"

#include <QProcess>
#include <QtTest>

class TestKioskOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults()
    {
        QString error;
        const auto options = KioskOptions::parse({QStringLiteral("concert-kiosk")}, &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->server, QUrl(QStringLiteral("http://127.0.0.1:8080")));
        QCOMPARE(options->fullscreen, false);
        QCOMPARE(options->idleTimeoutSeconds, 120);
    }

    void parses_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("server");
        QTest::addColumn<bool>("fullscreen");
        QTest::addColumn<int>("idle");
        QTest::addRow("server") << QStringList{"--server", "http://10.0.0.5:9000"}
                                << "http://10.0.0.5:9000" << false << 120;
        QTest::addRow("server with =") << QStringList{"--server=https://tickets.example"}
                                       << "https://tickets.example" << false << 120;
        QTest::addRow("fullscreen")
            << QStringList{"--fullscreen"} << "http://127.0.0.1:8080" << true << 120;
        QTest::addRow("idle timeout") << QStringList{"--idle-timeout-seconds", "30"}
                                      << "http://127.0.0.1:8080" << false << 30;
        QTest::addRow("all of them")
            << QStringList{"--fullscreen", "--idle-timeout-seconds=5", "--server", "http://h:1"}
            << "http://h:1" << true << 5;
    }
    void parses()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, server);
        QFETCH(bool, fullscreen);
        QFETCH(int, idle);
        QString error;
        const auto options =
            KioskOptions::parse(QStringList{QStringLiteral("concert-kiosk")} + arguments, &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->server, QUrl(server));
        QCOMPARE(options->fullscreen, fullscreen);
        QCOMPARE(options->idleTimeoutSeconds, idle);
    }

    void parsesTheLanguage_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("language");
        QTest::addRow("not given: from the system") << QStringList{} << QString();
        QTest::addRow("korean") << QStringList{"--language", "ko"} << "ko";
        QTest::addRow("english") << QStringList{"--language=en"} << "en";
    }
    void parsesTheLanguage()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, language);
        QString error;
        const auto options =
            KioskOptions::parse(QStringList{QStringLiteral("concert-kiosk")} + arguments, &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->language, language);
    }

    void parsesTheApiKeyAndPush_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("apiKey");
        QTest::addColumn<bool>("push");
        QTest::addRow("neither: no key, push on") << QStringList{} << QString() << true;
        QTest::addRow("a terminal key")
            << QStringList{"--api-key", "ck_abc.DEF-123"} << "ck_abc.DEF-123" << true;
        QTest::addRow("polling only") << QStringList{"--no-push"} << QString() << false;
    }
    void parsesTheApiKeyAndPush()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, apiKey);
        QFETCH(bool, push);
        QString error;
        const auto options =
            KioskOptions::parse(QStringList{QStringLiteral("concert-kiosk")} + arguments, &error);
        QVERIFY2(options, qPrintable(error));
        QCOMPARE(options->apiKey, apiKey);
        QCOMPARE(options->push, push);
    }

    void rejects_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("named");
        QTest::addRow("unknown option") << QStringList{"--colour"} << "colour";
        QTest::addRow("server without a value") << QStringList{"--server"} << "server";
        QTest::addRow("server not a URL") << QStringList{"--server", "not a url"} << "--server";
        QTest::addRow("server without http") << QStringList{"--server", "ftp://h"} << "--server";
        QTest::addRow("idle not a number")
            << QStringList{"--idle-timeout-seconds", "soon"} << "--idle-timeout-seconds";
        QTest::addRow("idle zero")
            << QStringList{"--idle-timeout-seconds", "0"} << "--idle-timeout-seconds";
        QTest::addRow("idle negative")
            << QStringList{"--idle-timeout-seconds=-4"} << "--idle-timeout-seconds";
        QTest::addRow("stray argument") << QStringList{"extra"} << "extra";
        QTest::addRow("language not ko or en") << QStringList{"--language", "jp"} << "--language";
        QTest::addRow("language in capitals") << QStringList{"--language", "KO"} << "--language";
        QTest::addRow("api key with a space") << QStringList{"--api-key", "a b"} << "--api-key";
        QTest::addRow("api key empty") << QStringList{"--api-key", ""} << "--api-key";
    }
    void rejects()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, named);
        QString error;
        QVERIFY(
            !KioskOptions::parse(QStringList{QStringLiteral("concert-kiosk")} + arguments, &error));
        QVERIFY2(error.contains(named), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
    }

    void executableExitsWithStatusTwoOnABadOption_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addRow("unknown option") << QStringList{"--bogus"};
        QTest::addRow("bad idle timeout") << QStringList{"--idle-timeout-seconds", "x"};
        QTest::addRow("bad server") << QStringList{"--server", "nowhere"};
        QTest::addRow("bad language") << QStringList{"--language", "fr"};
    }
    void executableExitsWithStatusTwoOnABadOption()
    {
        QFETCH(QStringList, arguments);
        QProcess kiosk;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        kiosk.setProcessEnvironment(environment);
        kiosk.start(QStringLiteral(CONCERT_KIOSK_BINARY), arguments);
        QVERIFY(kiosk.waitForFinished(30000));
        QCOMPARE(kiosk.exitStatus(), QProcess::NormalExit);
        QCOMPARE(kiosk.exitCode(), 2);
        const QByteArray error = kiosk.readAllStandardError();
        QVERIFY2(error.startsWith("concert-kiosk: "), error.constData());
        QCOMPARE(error.count('\n'), 1);
    }

    void executablePrintsHelp()
    {
        QProcess kiosk;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        kiosk.setProcessEnvironment(environment);
        kiosk.start(QStringLiteral(CONCERT_KIOSK_BINARY), {QStringLiteral("--help")});
        QVERIFY(kiosk.waitForFinished(30000));
        QCOMPARE(kiosk.exitCode(), 0);
        const QByteArray help = kiosk.readAllStandardOutput();
        for (const char *option :
             {"--server", "--fullscreen", "--idle-timeout-seconds", "--language"})
            QVERIFY2(help.contains(option), option);
    }
};

QTEST_GUILESS_MAIN(TestKioskOptions)
#include "tst_kioskoptions.moc"
