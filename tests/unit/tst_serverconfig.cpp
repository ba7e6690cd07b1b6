// concert-server options (operations-contract.md): defaults, the three sources, their
// precedence (command line > environment > INI file > default) and the one-line errors that
// name the bad option. The exit status 2 itself is an end-to-end concern (tests/e2e).

#include "app/serverconfig.h"

#include <QTemporaryFile>
#include <QTest>

#include <memory>

class tst_ServerConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void commandLine_data();
    void commandLine();
    void environment_data();
    void environment();
    void iniFile_data();
    void iniFile();
    void precedence_data();
    void precedence();
    void configFileFromEnvironment();
    void flags_data();
    void flags();
    void demoDataSpellings_data();
    void demoDataSpellings();
    void badValues_data();
    void badValues();
    void iniValueWithComma();
    void help();
    void version();
};

namespace {

// Every option of the contract table and the value ServerConfig holds for it, as text.
QString fieldOf(const ServerConfig &config, const QString &option)
{
    if (option == QLatin1String("bind"))
        return config.bindAddress;
    if (option == QLatin1String("port"))
        return QString::number(config.port);
    if (option == QLatin1String("db-host"))
        return config.dbHost;
    if (option == QLatin1String("db-port"))
        return QString::number(config.dbPort);
    if (option == QLatin1String("db-socket"))
        return config.dbSocket;
    if (option == QLatin1String("db-name"))
        return config.dbName;
    if (option == QLatin1String("db-user"))
        return config.dbUser;
    if (option == QLatin1String("db-password"))
        return config.dbPassword;
    if (option == QLatin1String("admin-key"))
        return config.adminKey;
    if (option == QLatin1String("queue-capacity"))
        return QString::number(config.queueCapacity);
    if (option == QLatin1String("queue-tick-ms"))
        return QString::number(config.queueTickMs);
    if (option == QLatin1String("active-ttl-seconds"))
        return QString::number(config.activeTtlSeconds);
    if (option == QLatin1String("hold-ttl-seconds"))
        return QString::number(config.holdTtlSeconds);
    if (option == QLatin1String("demo-data"))
        return config.demoData ? QStringLiteral("true") : QStringLiteral("false");
    if (option == QLatin1String("db-pool-size"))
        return QString::number(config.dbPoolSize);
    if (option == QLatin1String("reuse-port"))
        return config.reusePort ? QStringLiteral("true") : QStringLiteral("false");
    if (option == QLatin1String("webhook-retry-scale"))
        return QString::number(config.webhookRetryScale);
    if (option == QLatin1String("max-seats-per-user"))
        return QString::number(config.maxSeatsPerUser);
    if (option == QLatin1String("token-rate-per-ip"))
        return QString::number(config.tokenRatePerIp);
    if (option == QLatin1String("header-timeout-seconds"))
        return QString::number(config.headerTimeoutSeconds);
    if (option == QLatin1String("max-connections"))
        return QString::number(config.maxConnections);
    if (option == QLatin1String("max-connections-per-ip"))
        return QString::number(config.maxConnectionsPerIp);
    if (option == QLatin1String("trusted-proxy")) {
        QStringList addresses;
        for (const QHostAddress &address : config.trustedProxies)
            addresses << address.toString();
        return addresses.join(u',');
    }
    qFatal("unknown option in a test row: %s", qPrintable(option));
    return {};
}

QString envName(const QString &option)
{
    return QStringLiteral("CONCERT_") + option.toUpper().replace(u'-', u'_');
}

// An INI file with @p content that lives as long as the returned object.
std::unique_ptr<QTemporaryFile> writeIni(const QByteArray &content)
{
    auto file = std::make_unique<QTemporaryFile>();
    if (!file->open())
        qFatal("cannot create a temporary INI file");
    file->write(content);
    file->flush();
    return file;
}

std::variant<ServerConfig, QString> load(QStringList arguments,
                                         const QProcessEnvironment &environment = {},
                                         QString *exitZeroText = nullptr)
{
    arguments.prepend(QStringLiteral("concert-server"));
    return ServerConfig::load(arguments, environment, exitZeroText);
}

// The error message of @p result, or "" for a configuration (for failure messages).
QString errorOf(const std::variant<ServerConfig, QString> &result)
{
    const QString *error = std::get_if<QString>(&result);
    return error ? *error : QString();
}

QProcessEnvironment environmentWith(const QString &name, const QString &value)
{
    QProcessEnvironment environment;
    environment.insert(name, value);
    return environment;
}

// Data shared by commandLine, environment and iniFile: one row per option.
void addOptionRows()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    const struct
    {
        const char *option;
        const char *value;
        const char *expected;
    } rows[] = {
        {"bind", "0.0.0.0", "0.0.0.0"},
        {"bind", "::1", "::1"},
        {"port", "9090", "9090"},
        {"port", "0", "0"},
        {"port", "65535", "65535"},
        {"db-host", "db.example.org", "db.example.org"},
        {"db-port", "3307", "3307"},
        {"db-socket", "/run/mysqld/mysqld.sock", "/run/mysqld/mysqld.sock"},
        {"db-name", "tickets", "tickets"},
        {"db-user", "box_office", "box_office"},
        {"db-password", "s3cret!", "s3cret!"},
        {"admin-key", "k-42", "k-42"},
        {"queue-capacity", "5", "5"},
        {"queue-capacity", "1000000", "1000000"},
        {"queue-tick-ms", "50", "50"},
        {"active-ttl-seconds", "30", "30"},
        {"hold-ttl-seconds", "10", "10"},
        {"db-pool-size", "2", "2"},
        {"webhook-retry-scale", "0.001", "0.001"},
        {"webhook-retry-scale", "0.0001", "0.0001"},
        {"webhook-retry-scale", "100", "100"},
        {"max-seats-per-user", "0", "0"},
        {"max-seats-per-user", "1000", "1000"},
        {"token-rate-per-ip", "0", "0"},
        {"token-rate-per-ip", "1000000", "1000000"},
        {"header-timeout-seconds", "1", "1"},
        {"header-timeout-seconds", "600", "600"},
        {"max-connections", "1", "1"},
        {"max-connections-per-ip", "1000000", "1000000"},
        {"trusted-proxy", "127.0.0.1", "127.0.0.1"},
        {"trusted-proxy", "10.0.0.1,::1", "10.0.0.1,::1"},
    };
    for (const auto &row : rows)
        QTest::addRow("%s %s", row.option, row.value)
            << QString::fromLatin1(row.option) << QString::fromLatin1(row.value)
            << QString::fromLatin1(row.expected);
}

} // namespace

void tst_ServerConfig::defaults()
{
    const auto result = load({});
    QVERIFY(std::holds_alternative<ServerConfig>(result));
    const ServerConfig &config = std::get<ServerConfig>(result);
    // The operations contract table.
    QCOMPARE(config.bindAddress, QStringLiteral("127.0.0.1"));
    QCOMPARE(config.port, 8080);
    QCOMPARE(config.dbHost, QStringLiteral("127.0.0.1"));
    QCOMPARE(config.dbPort, 3306);
    QVERIFY(config.dbSocket.isEmpty());
    QCOMPARE(config.dbName, QStringLiteral("concert"));
    QCOMPARE(config.dbUser, QStringLiteral("concert"));
    QVERIFY(config.dbPassword.isEmpty());
    QVERIFY(config.adminKey.isEmpty());
    QCOMPARE(config.queueCapacity, 100);
    QCOMPARE(config.queueTickMs, 1000);
    QCOMPARE(config.activeTtlSeconds, 600);
    QCOMPARE(config.holdTtlSeconds, 300);
    QCOMPARE(config.demoData, false);
    QCOMPARE(config.dbPoolSize, 8);
    QCOMPARE(config.reusePort, false);
    QCOMPARE(config.webhookRetryScale, 1.0);
}

void tst_ServerConfig::commandLine_data()
{
    addOptionRows();
}

void tst_ServerConfig::commandLine()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    // Both spellings: "--name value" and "--name=value".
    for (const QStringList &arguments :
         {QStringList{QStringLiteral("--") + option, value},
          QStringList{QStringLiteral("--") + option + u'=' + value}}) {
        const auto result = load(arguments);
        QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
        QCOMPARE(fieldOf(std::get<ServerConfig>(result), option), expected);
    }
    // Nothing else changed.
    const auto result = load({QStringLiteral("--") + option, value});
    const ServerConfig defaults;
    const ServerConfig &config = std::get<ServerConfig>(result);
    for (const char *other : {"bind",
                              "port",
                              "db-host",
                              "db-port",
                              "db-socket",
                              "db-name",
                              "db-user",
                              "db-password",
                              "admin-key",
                              "queue-capacity",
                              "queue-tick-ms",
                              "active-ttl-seconds",
                              "hold-ttl-seconds",
                              "demo-data",
                              "db-pool-size",
                              "reuse-port",
                              "max-seats-per-user",
                              "token-rate-per-ip",
                              "header-timeout-seconds",
                              "max-connections",
                              "max-connections-per-ip",
                              "trusted-proxy"}) {
        if (option != QLatin1String(other))
            QCOMPARE(fieldOf(config, QLatin1String(other)),
                     fieldOf(defaults, QLatin1String(other)));
    }
}

void tst_ServerConfig::environment_data()
{
    addOptionRows();
}

void tst_ServerConfig::environment()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const auto result = load({}, environmentWith(envName(option), value));
    QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
    QCOMPARE(fieldOf(std::get<ServerConfig>(result), option), expected);

    // Other spellings of the variable are not read.
    const auto lower = load({}, environmentWith(envName(option).toLower(), value));
    QCOMPARE(fieldOf(std::get<ServerConfig>(lower), option), fieldOf(ServerConfig{}, option));
    const auto bare = load({}, environmentWith(option, value));
    QCOMPARE(fieldOf(std::get<ServerConfig>(bare), option), fieldOf(ServerConfig{}, option));
}

void tst_ServerConfig::iniFile_data()
{
    addOptionRows();
}

void tst_ServerConfig::iniFile()
{
    QFETCH(QString, option);
    QFETCH(QString, value);
    QFETCH(QString, expected);

    const auto file = writeIni((option + u'=' + value + u'\n').toUtf8());
    const auto result = load({QStringLiteral("--config"), file->fileName()});
    QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
    QCOMPARE(fieldOf(std::get<ServerConfig>(result), option), expected);
}

void tst_ServerConfig::precedence_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("fromCommandLine"); // null: not given there
    QTest::addColumn<QString>("fromEnvironment");
    QTest::addColumn<QString>("fromFile");
    QTest::addColumn<QString>("expected");

    const QString none;
    const QString port = QStringLiteral("port");
    QTest::addRow("command line beats environment and file")
        << port << QStringLiteral("1111") << QStringLiteral("2222") << QStringLiteral("3333")
        << QStringLiteral("1111");
    QTest::addRow("command line beats file") << port << QStringLiteral("1111") << none
                                             << QStringLiteral("3333") << QStringLiteral("1111");
    QTest::addRow("environment beats file") << port << none << QStringLiteral("2222")
                                            << QStringLiteral("3333") << QStringLiteral("2222");
    QTest::addRow("file beats default")
        << port << none << none << QStringLiteral("3333") << QStringLiteral("3333");
    QTest::addRow("default when given nowhere")
        << port << none << none << none << QStringLiteral("8080");

    const QString password = QStringLiteral("db-password");
    QTest::addRow("password: command line beats environment and file")
        << password << QStringLiteral("cli") << QStringLiteral("env") << QStringLiteral("file")
        << QStringLiteral("cli");
    QTest::addRow("password: environment beats file")
        << password << none << QStringLiteral("env") << QStringLiteral("file")
        << QStringLiteral("env");
    QTest::addRow("password: empty environment value beats file")
        << password << none << QStringLiteral("") << QStringLiteral("file") << QString("");
    QTest::addRow("password: file beats default")
        << password << none << none << QStringLiteral("file") << QStringLiteral("file");

    const QString socket = QStringLiteral("db-socket");
    QTest::addRow("socket: environment beats file")
        << socket << none << QStringLiteral("/env.sock")
        << QStringLiteral("/run/mysqld/mysqld.sock") << QStringLiteral("/env.sock");
    QTest::addRow("socket: file beats default")
        << socket << none << none << QStringLiteral("/run/mysqld/mysqld.sock")
        << QStringLiteral("/run/mysqld/mysqld.sock");

    const QString demo = QStringLiteral("demo-data");
    QTest::addRow("demo data: file turns it on")
        << demo << none << none << QStringLiteral("true") << QStringLiteral("true");
    QTest::addRow("demo data: environment off beats file on")
        << demo << none << QStringLiteral("false") << QStringLiteral("true")
        << QStringLiteral("false");
}

void tst_ServerConfig::precedence()
{
    QFETCH(QString, option);
    QFETCH(QString, fromCommandLine);
    QFETCH(QString, fromEnvironment);
    QFETCH(QString, fromFile);
    QFETCH(QString, expected);

    QStringList arguments;
    if (!fromCommandLine.isNull())
        arguments << QStringLiteral("--") + option << fromCommandLine;
    QProcessEnvironment environment;
    if (!fromEnvironment.isNull())
        environment.insert(envName(option), fromEnvironment);
    std::unique_ptr<QTemporaryFile> file;
    if (!fromFile.isNull()) {
        file = writeIni((option + u'=' + fromFile + u'\n').toUtf8());
        arguments << QStringLiteral("--config") << file->fileName();
    }

    const auto result = load(arguments, environment);
    QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
    QCOMPARE(fieldOf(std::get<ServerConfig>(result), option), expected);
}

void tst_ServerConfig::configFileFromEnvironment()
{
    const auto fromEnv = writeIni("port=4444\n");
    const auto fromArgs = writeIni("port=5555\n");

    // CONCERT_CONFIG names the file when --config is not given ...
    auto result = load({}, environmentWith(QStringLiteral("CONCERT_CONFIG"), fromEnv->fileName()));
    QVERIFY(std::holds_alternative<ServerConfig>(result));
    QCOMPARE(std::get<ServerConfig>(result).port, 4444);

    // ... and --config on the command line beats it.
    result = load({QStringLiteral("--config"), fromArgs->fileName()},
                  environmentWith(QStringLiteral("CONCERT_CONFIG"), fromEnv->fileName()));
    QVERIFY(std::holds_alternative<ServerConfig>(result));
    QCOMPARE(std::get<ServerConfig>(result).port, 5555);

    // Several options in one file, with the contract's example line.
    const auto full = writeIni("db-socket=/run/mysqld/mysqld.sock\n"
                               "db-name=tickets\n"
                               "queue-capacity=7\n"
                               "demo-data=true\n");
    result = load({QStringLiteral("--config"), full->fileName()});
    QVERIFY(std::holds_alternative<ServerConfig>(result));
    const ServerConfig &config = std::get<ServerConfig>(result);
    QCOMPARE(config.dbSocket, QStringLiteral("/run/mysqld/mysqld.sock"));
    QCOMPARE(config.dbName, QStringLiteral("tickets"));
    QCOMPARE(config.queueCapacity, 7);
    QCOMPARE(config.demoData, true);
    QCOMPARE(config.port, 8080);
}

void tst_ServerConfig::flags_data()
{
    QTest::addColumn<QString>("option");
    QTest::addColumn<QString>("source");
    for (const char *flag : {"demo-data", "reuse-port"}) {
        for (const char *source : {"command line", "environment", "file"})
            QTest::addRow("--%s from the %s", flag, source)
                << QString::fromLatin1(flag) << QString::fromLatin1(source);
    }
}

void tst_ServerConfig::flags()
{
    QFETCH(QString, option);
    QFETCH(QString, source);

    QStringList arguments;
    QProcessEnvironment environment;
    std::unique_ptr<QTemporaryFile> file;
    if (source == QLatin1String("command line")) {
        arguments << QStringLiteral("--") + option;
    } else if (source == QLatin1String("environment")) {
        environment.insert(envName(option), QStringLiteral("true"));
    } else {
        file = writeIni((option + QStringLiteral("=true\n")).toUtf8());
        arguments << QStringLiteral("--config") << file->fileName();
    }
    QCOMPARE(fieldOf(ServerConfig{}, option), QStringLiteral("false")); // off by default
    const auto result = load(arguments, environment);
    QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
    QCOMPARE(fieldOf(std::get<ServerConfig>(result), option), QStringLiteral("true"));
}

void tst_ServerConfig::demoDataSpellings_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("on");
    for (const char *on : {"1", "true", "TRUE", "yes", "on"})
        QTest::addRow("'%s' turns demo data on", on) << QString::fromLatin1(on) << true;
    for (const char *off : {"0", "false", "no", "off", ""})
        QTest::addRow("'%s' turns demo data off", off) << QString::fromLatin1(off) << false;
}

void tst_ServerConfig::demoDataSpellings()
{
    QFETCH(QString, value);
    QFETCH(bool, on);
    const auto result = load({}, environmentWith(QStringLiteral("CONCERT_DEMO_DATA"), value));
    QVERIFY2(std::holds_alternative<ServerConfig>(result), qPrintable(errorOf(result)));
    QCOMPARE(std::get<ServerConfig>(result).demoData, on);
}

void tst_ServerConfig::badValues_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("environmentName"); // empty: no environment
    QTest::addColumn<QString>("environmentValue");
    QTest::addColumn<QByteArray>("file"); // empty: no INI file
    QTest::addColumn<QString>("named"); // the message must contain this

    const QString noEnv;
    const QByteArray noFile;
    const auto cli = [&](const char *name, QStringList arguments, const char *named) {
        QTest::addRow("%s", name) << arguments << noEnv << noEnv << noFile
                                  << QString::fromLatin1(named);
    };
    cli("port 70000 is rejected", {"--port", "70000"}, "--port");
    cli("port -1 is rejected", {"--port=-1"}, "--port");
    cli("port abc is rejected", {"--port", "abc"}, "--port");
    cli("port 80.5 is rejected", {"--port", "80.5"}, "--port");
    cli("db-port 0 is rejected", {"--db-port", "0"}, "--db-port");
    cli("queue-capacity 0 is rejected", {"--queue-capacity", "0"}, "--queue-capacity");
    cli("queue-capacity abc is rejected", {"--queue-capacity", "abc"}, "--queue-capacity");
    cli("queue-capacity 1000001 is rejected", {"--queue-capacity", "1000001"}, "--queue-capacity");
    cli("queue-tick-ms 5 is rejected", {"--queue-tick-ms", "5"}, "--queue-tick-ms");
    cli("active-ttl-seconds 0 is rejected", {"--active-ttl-seconds", "0"}, "--active-ttl-seconds");
    cli("hold-ttl-seconds 86401 is rejected", {"--hold-ttl-seconds", "86401"},
        "--hold-ttl-seconds");
    cli("db-pool-size 65 is rejected", {"--db-pool-size", "65"}, "--db-pool-size");
    cli("webhook-retry-scale 0 is rejected", {"--webhook-retry-scale", "0"},
        "--webhook-retry-scale");
    cli("webhook-retry-scale 0.00001 is rejected", {"--webhook-retry-scale", "0.00001"},
        "--webhook-retry-scale");
    cli("webhook-retry-scale 101 is rejected", {"--webhook-retry-scale", "101"},
        "--webhook-retry-scale");
    cli("webhook-retry-scale abc is rejected", {"--webhook-retry-scale", "abc"},
        "--webhook-retry-scale");
    cli("bind to a host name is rejected", {"--bind", "example.org"}, "--bind");
    cli("max-seats-per-user 1001 is rejected", {"--max-seats-per-user", "1001"},
        "--max-seats-per-user");
    cli("token-rate-per-ip -1 is rejected", {"--token-rate-per-ip=-1"}, "--token-rate-per-ip");
    cli("token-rate-per-ip 1000001 is rejected", {"--token-rate-per-ip", "1000001"},
        "--token-rate-per-ip");
    cli("header-timeout-seconds 0 is rejected", {"--header-timeout-seconds", "0"},
        "--header-timeout-seconds");
    cli("header-timeout-seconds 601 is rejected", {"--header-timeout-seconds", "601"},
        "--header-timeout-seconds");
    cli("max-connections 0 is rejected", {"--max-connections", "0"}, "--max-connections");
    cli("max-connections-per-ip 1000001 is rejected", {"--max-connections-per-ip", "1000001"},
        "--max-connections-per-ip");
    cli("trusted-proxy to a host name is rejected", {"--trusted-proxy", "proxy.example.org"},
        "--trusted-proxy");
    cli("empty db-name is rejected", {"--db-name="}, "--db-name");
    cli("empty db-host is rejected", {"--db-host="}, "--db-host");
    cli("unknown option --nope is rejected", {"--nope"}, "nope");
    cli("missing value after --port is rejected", {"--port"}, "--port");
    cli("stray argument is rejected", {"stray"}, "stray");
    cli("unreadable --config is rejected", {"--config", "/nonexistent/concert.ini"}, "--config");

    QTest::addRow("port 70000 from the environment is rejected")
        << QStringList{} << QStringLiteral("CONCERT_PORT") << QStringLiteral("70000") << noFile
        << QStringLiteral("--port");
    QTest::addRow("demo-data maybe from the environment is rejected")
        << QStringList{} << QStringLiteral("CONCERT_DEMO_DATA") << QStringLiteral("maybe") << noFile
        << QStringLiteral("--demo-data");
    QTest::addRow("reuse-port maybe from the environment is rejected")
        << QStringList{} << QStringLiteral("CONCERT_REUSE_PORT") << QStringLiteral("maybe")
        << noFile << QStringLiteral("--reuse-port");
    QTest::addRow("unreadable CONCERT_CONFIG is rejected")
        << QStringList{} << QStringLiteral("CONCERT_CONFIG")
        << QStringLiteral("/nonexistent/concert.ini") << noFile << QStringLiteral("--config");
    QTest::addRow("queue-capacity abc from the file is rejected")
        << QStringList{} << noEnv << noEnv << QByteArray("queue-capacity=abc\n")
        << QStringLiteral("--queue-capacity");
    QTest::addRow("unknown option in the file is rejected")
        << QStringList{} << noEnv << noEnv << QByteArray("nope=1\n") << QStringLiteral("nope");
    QTest::addRow("option in an INI section is rejected")
        << QStringList{} << noEnv << noEnv << QByteArray("[server]\nport=1\n")
        << QStringLiteral("port");
    QTest::addRow("a bad value is reported even when a later option is fine")
        << QStringList{"--port", "x", "--db-port", "3306"} << noEnv << noEnv << noFile
        << QStringLiteral("--port");
}

void tst_ServerConfig::badValues()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, environmentName);
    QFETCH(QString, environmentValue);
    QFETCH(QByteArray, file);
    QFETCH(QString, named);

    QProcessEnvironment environment;
    if (!environmentName.isEmpty())
        environment.insert(environmentName, environmentValue);
    std::unique_ptr<QTemporaryFile> ini;
    if (!file.isEmpty()) {
        ini = writeIni(file);
        arguments << QStringLiteral("--config") << ini->fileName();
    }

    QString exitZeroText;
    const auto result = load(arguments, environment, &exitZeroText);
    QVERIFY2(std::holds_alternative<QString>(result), "a bad option was accepted");
    const QString message = std::get<QString>(result);
    QVERIFY2(message.contains(named), qPrintable(message));
    QVERIFY2(!message.trimmed().contains(u'\n'), qPrintable(message)); // one line
    QVERIFY(exitZeroText.isEmpty()); // not the --help path
}

void tst_ServerConfig::iniValueWithComma()
{
    // An unquoted comma makes QSettings read the value as a string list; toString() of a
    // two-element list is "", so the password is silently lost (serverconfig.cpp, lookup()).
    const auto file = writeIni("db-password=pa,ss\nadmin-key=k1,k2\n");
    const auto result = load({QStringLiteral("--config"), file->fileName()});
    QVERIFY(std::holds_alternative<ServerConfig>(result));
    const ServerConfig &config = std::get<ServerConfig>(result);
    QCOMPARE(config.dbPassword, QStringLiteral("pa,ss"));
    QCOMPARE(config.adminKey, QStringLiteral("k1,k2"));

    // Quoted, the value survives.
    const auto quoted = writeIni("db-password=\"pa,ss\"\n");
    const auto quotedResult = load({QStringLiteral("--config"), quoted->fileName()});
    QVERIFY(std::holds_alternative<ServerConfig>(quotedResult));
    QCOMPARE(std::get<ServerConfig>(quotedResult).dbPassword, QStringLiteral("pa,ss"));
}

void tst_ServerConfig::help()
{
    for (const char *flag : {"--help", "-h"}) {
        QString text;
        const auto result = load({QString::fromLatin1(flag)}, {}, &text);
        // The exit-0 path: no configuration, no error message, the text to print.
        QVERIFY(std::holds_alternative<QString>(result));
        QVERIFY(std::get<QString>(result).isEmpty());
        for (const char *option :
             {"--config", "--bind", "--port", "--db-host", "--db-port", "--db-socket", "--db-name",
              "--db-user", "--db-password", "--admin-key", "--queue-capacity", "--queue-tick-ms",
              "--active-ttl-seconds", "--hold-ttl-seconds", "--demo-data"})
            QVERIFY2(text.contains(QLatin1String(option)), option);
    }
    // --help wins over a bad value elsewhere on the line.
    QString text;
    const auto result =
        load({QStringLiteral("--port"), QStringLiteral("x"), QStringLiteral("--help")}, {}, &text);
    QVERIFY(std::holds_alternative<QString>(result));
    QVERIFY(std::get<QString>(result).isEmpty());
    QVERIFY(text.contains(QLatin1String("--port")));
}

void tst_ServerConfig::version()
{
    QString text;
    const auto result = load({QStringLiteral("--version")}, {}, &text);
    QVERIFY(std::holds_alternative<QString>(result));
    QVERIFY(std::get<QString>(result).isEmpty());
    QVERIFY2(text.contains(QLatin1String("concert-server")), qPrintable(text));
}

QTEST_GUILESS_MAIN(tst_ServerConfig)
#include "tst_serverconfig.moc"
