#include "app/serverconfig.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

#include <functional>
#include <memory>
#include <optional>

namespace {

struct OptionSpec
{
    const char *name;
    const char *valueName; ///< nullptr for a flag
    const char *help;
};

constexpr OptionSpec kOptions[] = {
    {"bind", "ADDR", "Address to listen on (default 127.0.0.1)."},
    {"port", "N", "TCP port; 0 picks a free one (default 8080)."},
    {"db-host", "H", "MariaDB host (default 127.0.0.1)."},
    {"db-port", "N", "MariaDB TCP port (default 3306)."},
    {"db-socket", "PATH", "MariaDB Unix socket; wins over host and port."},
    {"db-name", "N", "Database name (default concert)."},
    {"db-user", "U", "Database user (default concert)."},
    {"db-password", "P", "Database password (default empty)."},
    {"admin-key", "K", "Key for /api/v1/admin/...; without it those routes answer 401."},
    {"queue-capacity", "N", "Most users ACTIVE at once (default 100)."},
    {"queue-tick-ms", "N", "How often the queue admits and sweeps, in ms (default 1000)."},
    {"active-ttl-seconds", "N", "How long an ACTIVE token lives (default 600)."},
    {"hold-ttl-seconds", "N", "How long a seat hold lives (default 300)."},
    {"demo-data", nullptr, "Create demo concerts if the catalogue is empty."},
    {"db-pool-size", "N", "Worker threads with one database connection each (default 8)."},
    {"keep-alive-seconds", "N", "Close connections idle this long (default 120)."},
    {"reuse-port", nullptr, "Let several instances listen on the same port (SO_REUSEPORT)."},
    {"charges", "open|key",
     "key: charges need an X-Api-Key of a TERMINAL, STAFF or ADMIN key (default open)."},
};

QString envName(const char *option)
{
    return QStringLiteral("CONCERT_") + QString::fromLatin1(option).toUpper().replace(u'-', u'_');
}

} // namespace

std::variant<ServerConfig, QString> ServerConfig::load(const QStringList &arguments,
                                                       const QProcessEnvironment &environment,
                                                       QString *exitZeroText)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Concert reservation server with a fair waiting queue."));
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption versionOption = parser.addVersionOption();
    const QCommandLineOption configOption(QStringLiteral("config"),
                                          QStringLiteral("INI file with the same option names."),
                                          QStringLiteral("FILE"));
    parser.addOption(configOption);
    for (const OptionSpec &spec : kOptions) {
        if (spec.valueName)
            parser.addOption(QCommandLineOption(QString::fromLatin1(spec.name),
                                                QString::fromLatin1(spec.help),
                                                QString::fromLatin1(spec.valueName)));
        else
            parser.addOption(
                QCommandLineOption(QString::fromLatin1(spec.name), QString::fromLatin1(spec.help)));
    }
    if (!parser.parse(arguments))
        return parser.errorText();
    if (parser.isSet(helpOption)) {
        if (exitZeroText)
            *exitZeroText = parser.helpText();
        return QString();
    }
    if (parser.isSet(versionOption)) {
        if (exitZeroText)
            *exitZeroText = QStringLiteral("concert-server 0.1.0\n");
        return QString();
    }
    if (!parser.positionalArguments().isEmpty())
        return QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());

    std::unique_ptr<QSettings> file;
    const QString configPath = parser.isSet(configOption)
        ? parser.value(configOption)
        : environment.value(QStringLiteral("CONCERT_CONFIG"));
    if (!configPath.isEmpty()) {
        if (!QFileInfo(configPath).isReadable())
            return QStringLiteral("--config: cannot read '%1'").arg(configPath);
        file = std::make_unique<QSettings>(configPath, QSettings::IniFormat);
        if (file->status() != QSettings::NoError)
            return QStringLiteral("--config: '%1' is not a valid INI file").arg(configPath);
        const QStringList known = [] {
            QStringList names;
            for (const OptionSpec &spec : kOptions)
                names << QString::fromLatin1(spec.name);
            return names;
        }();
        for (const QString &key : file->allKeys()) {
            if (!known.contains(key))
                return QStringLiteral("--config: unknown option '%1' in '%2'").arg(key, configPath);
        }
    }

    // Command line beats environment beats file beats default.
    auto lookup = [&](const char *name) -> std::optional<QString> {
        const QString option = QString::fromLatin1(name);
        if (parser.isSet(option))
            return parser.value(option);
        if (environment.contains(envName(name)))
            return environment.value(envName(name));
        if (file && file->contains(option)) {
            // QSettings reads an unquoted "a,b" as a list: put the commas back.
            const QVariant value = file->value(option);
            if (value.typeId() == QMetaType::QStringList)
                return value.toStringList().join(u',');
            return value.toString();
        }
        return std::nullopt;
    };

    ServerConfig config;
    QString error;
    auto readInt = [&](const char *name, int min, int max, int &target) {
        const auto text = lookup(name);
        if (!text || !error.isEmpty())
            return;
        bool ok = false;
        const qint64 value = text->trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max)
            error = QStringLiteral("--%1: '%2' is not a whole number from %3 to %4")
                        .arg(QString::fromLatin1(name), *text)
                        .arg(min)
                        .arg(max);
        else
            target = int(value);
    };
    auto readString = [&](const char *name, QString &target, bool allowEmpty) {
        const auto text = lookup(name);
        if (!text || !error.isEmpty())
            return;
        if (!allowEmpty && text->isEmpty())
            error = QStringLiteral("--%1: must not be empty").arg(QString::fromLatin1(name));
        else
            target = *text;
    };

    readString("bind", config.bindAddress, false);
    if (error.isEmpty() && config.bindAddress != QLatin1String("localhost")
        && QHostAddress(config.bindAddress).isNull())
        error = QStringLiteral("--bind: '%1' is not an IP address").arg(config.bindAddress);
    readInt("port", 0, 65535, config.port);
    readString("db-host", config.dbHost, false);
    readInt("db-port", 1, 65535, config.dbPort);
    readString("db-socket", config.dbSocket, true);
    readString("db-name", config.dbName, false);
    readString("db-user", config.dbUser, false);
    readString("db-password", config.dbPassword, true);
    readString("admin-key", config.adminKey, true);
    readInt("queue-capacity", 1, 1'000'000, config.queueCapacity);
    readInt("queue-tick-ms", 10, 60'000, config.queueTickMs);
    readInt("active-ttl-seconds", 1, 604'800, config.activeTtlSeconds);
    readInt("hold-ttl-seconds", 1, 86'400, config.holdTtlSeconds);
    readInt("db-pool-size", 1, 64, config.dbPoolSize);
    readInt("keep-alive-seconds", 1, 3600, config.keepAliveSeconds);
    auto readFlag = [&](const char *name, bool &target) {
        if (!error.isEmpty())
            return;
        if (parser.isSet(QString::fromLatin1(name))) {
            target = true;
            return;
        }
        const auto text = lookup(name);
        if (!text)
            return;
        const QString v = text->trimmed().toLower();
        if (v == QLatin1String("1") || v == QLatin1String("true") || v == QLatin1String("yes")
            || v == QLatin1String("on"))
            target = true;
        else if (v == QLatin1String("0") || v == QLatin1String("false") || v == QLatin1String("no")
                 || v == QLatin1String("off") || v.isEmpty())
            target = false;
        else
            error = QStringLiteral("--%1: '%2' is not one of true/false")
                        .arg(QString::fromLatin1(name), *text);
    };
    readFlag("demo-data", config.demoData);
    readFlag("reuse-port", config.reusePort);
    if (const auto charges = lookup("charges"); charges && error.isEmpty()) {
        const QString v = charges->trimmed().toLower();
        if (v == QLatin1String("open") || v == QLatin1String("key"))
            config.chargesNeedKey = v == QLatin1String("key");
        else
            error = QStringLiteral("--charges: '%1' is not one of open/key").arg(*charges);
    }
    if (!error.isEmpty())
        return error;
    return config;
}
