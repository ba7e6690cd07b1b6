#include "app/serverconfig.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QSettings>

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
    {"webhook-retry-scale", "X", "Multiplies the webhook retry schedule, 0.0001..100 (default 1)."},
    {"max-seats-per-user", "N",
     "Seats one user may hold or own per concert, 0..1000; 0 = no cap (default 8)."},
    {"token-rate-per-ip", "N",
     "Token issues per client address per sliding 60 s, 0..1000000; 0 = off (default 120)."},
    {"header-timeout-seconds", "N", "Time to complete a request's headers, 1..600 (default 10)."},
    {"max-connections", "N", "Open connections in all, 1..1000000 (default 10000)."},
    {"max-connections-per-ip", "N",
     "Open connections from one client address, 1..1000000 (default 256)."},
    {"trusted-proxy", "ADDR[,ADDR...]",
     "Peers whose X-Forwarded-For names the client address (default none)."},
    {"charges", "open|key",
     "key: charges need an X-Api-Key of a TERMINAL, STAFF or ADMIN key (default open)."},
    {"queue-abandon-seconds", "N",
     "A waiting token not seen this long is abandoned, 10..86400 (default 120)."},
    {"access-log", "PATH",
     "One JSON line per answered request to PATH; - is standard output (default off)."},
};

QString envName(const char *option)
{
    return QStringLiteral("CONCERT_") + QString::fromLatin1(option).toUpper().replace(u'-', u'_');
}

// The options that are not values: --help, --version, --config.
struct CommandLineOptions
{
    QCommandLineOption help;
    QCommandLineOption version;
    QCommandLineOption config;
};

// The command line: --help, --version, --config, then every option of kOptions (in the order
// --help prints them).
CommandLineOptions addOptions(QCommandLineParser &parser)
{
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
    return CommandLineOptions{helpOption, versionOption, configOption};
}

/**
 * Parses @p arguments. Returns what load() returns when it must stop here: an error message,
 * or an empty string with @p exitZeroText set for --help and --version.
 */
std::optional<QString> parseCommandLine(QCommandLineParser &parser,
                                        const CommandLineOptions &options,
                                        const QStringList &arguments, QString *exitZeroText)
{
    if (!parser.parse(arguments))
        return parser.errorText();
    if (parser.isSet(options.help)) {
        if (exitZeroText)
            *exitZeroText = parser.helpText();
        return QString();
    }
    if (parser.isSet(options.version)) {
        if (exitZeroText)
            *exitZeroText = QStringLiteral("concert-server " CONCERT_VERSION "\n");
        return QString();
    }
    if (!parser.positionalArguments().isEmpty())
        return QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first());
    return std::nullopt;
}

// The INI file named by --config (or CONCERT_CONFIG): readable, valid, only known names.
std::variant<std::unique_ptr<QSettings>, QString> openConfigFile(const QString &configPath)
{
    if (configPath.isEmpty())
        return std::unique_ptr<QSettings>();
    if (!QFileInfo(configPath).isReadable())
        return QStringLiteral("--config: cannot read '%1'").arg(configPath);
    auto file = std::make_unique<QSettings>(configPath, QSettings::IniFormat);
    if (file->status() != QSettings::NoError)
        return QStringLiteral("--config: '%1' is not a valid INI file").arg(configPath);
    QStringList known;
    for (const OptionSpec &spec : kOptions)
        known << QString::fromLatin1(spec.name);
    for (const QString &key : file->allKeys()) {
        if (!known.contains(key))
            return QStringLiteral("--config: unknown option '%1' in '%2'").arg(key, configPath);
    }
    return file;
}

// Where a value comes from: command line beats environment beats file; none means the default.
class OptionSources
{
public:
    OptionSources(const QCommandLineParser &parser, const QProcessEnvironment &environment,
                  const QSettings *file)
        : m_parser(parser)
        , m_environment(environment)
        , m_file(file)
    { }

    std::optional<QString> value(const char *name) const
    {
        if (auto text = fromCommandLine(name))
            return text;
        if (auto text = fromEnvironment(name))
            return text;
        return fromFile(name);
    }

    bool flagOnCommandLine(const char *name) const
    {
        return m_parser.isSet(QString::fromLatin1(name));
    }

private:
    std::optional<QString> fromCommandLine(const char *name) const
    {
        const QString option = QString::fromLatin1(name);
        if (m_parser.isSet(option))
            return m_parser.value(option);
        return std::nullopt;
    }

    std::optional<QString> fromEnvironment(const char *name) const
    {
        if (m_environment.contains(envName(name)))
            return m_environment.value(envName(name));
        return std::nullopt;
    }

    std::optional<QString> fromFile(const char *name) const
    {
        const QString option = QString::fromLatin1(name);
        if (!m_file || !m_file->contains(option))
            return std::nullopt;
        // QSettings reads an unquoted "a,b" as a list: put the commas back.
        const QVariant value = m_file->value(option);
        if (value.typeId() == QMetaType::QStringList)
            return value.toStringList().join(u',');
        return value.toString();
    }

    const QCommandLineParser &m_parser;
    const QProcessEnvironment &m_environment;
    const QSettings *m_file;
};

// Validation: each value checked against its type and range; the first error wins and the
// target keeps its default when the option is given nowhere.
class OptionReader
{
public:
    explicit OptionReader(const OptionSources &sources)
        : m_sources(sources)
    { }

    [[nodiscard]] const QString &error() const { return m_error; }
    void fail(const QString &message)
    {
        if (m_error.isEmpty())
            m_error = message;
    }

    void readInt(const char *name, int min, int max, int &target)
    {
        const auto text = m_sources.value(name);
        if (!text || !m_error.isEmpty())
            return;
        bool ok = false;
        const qint64 value = text->trimmed().toLongLong(&ok);
        if (!ok || value < min || value > max)
            m_error = QStringLiteral("--%1: '%2' is not a whole number from %3 to %4")
                          .arg(QString::fromLatin1(name), *text)
                          .arg(min)
                          .arg(max);
        else
            target = int(value);
    }

    void readDouble(const char *name, double min, double max, double &target)
    {
        const auto text = m_sources.value(name);
        if (!text || !m_error.isEmpty())
            return;
        bool ok = false;
        const double value = text->trimmed().toDouble(&ok);
        if (!ok || !(value >= min && value <= max))
            m_error = QStringLiteral("--%1: '%2' is not a number from %3 to %4")
                          .arg(QString::fromLatin1(name), *text)
                          .arg(min)
                          .arg(max);
        else
            target = value;
    }

    void readString(const char *name, QString &target, bool allowEmpty)
    {
        const auto text = m_sources.value(name);
        if (!text || !m_error.isEmpty())
            return;
        if (!allowEmpty && text->isEmpty())
            m_error = QStringLiteral("--%1: must not be empty").arg(QString::fromLatin1(name));
        else
            target = *text;
    }

    void readFlag(const char *name, bool &target)
    {
        if (!m_error.isEmpty())
            return;
        if (m_sources.flagOnCommandLine(name)) {
            target = true;
            return;
        }
        const auto text = m_sources.value(name);
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
            m_error = QStringLiteral("--%1: '%2' is not one of true/false")
                          .arg(QString::fromLatin1(name), *text);
    }

private:
    const OptionSources &m_sources;
    QString m_error;
};

// Every option's type and range, read over the defaults in @p config.
void readOptions(OptionReader &reader, ServerConfig &config)
{
    reader.readString("bind", config.bindAddress, false);
    if (reader.error().isEmpty() && config.bindAddress != QLatin1String("localhost")
        && QHostAddress(config.bindAddress).isNull())
        reader.fail(QStringLiteral("--bind: '%1' is not an IP address").arg(config.bindAddress));
    reader.readInt("port", 0, 65535, config.port);
    reader.readString("db-host", config.dbHost, false);
    reader.readInt("db-port", 1, 65535, config.dbPort);
    reader.readString("db-socket", config.dbSocket, true);
    reader.readString("db-name", config.dbName, false);
    reader.readString("db-user", config.dbUser, false);
    reader.readString("db-password", config.dbPassword, true);
    reader.readString("admin-key", config.adminKey, true);
    reader.readInt("queue-capacity", 1, 1'000'000, config.queueCapacity);
    reader.readInt("queue-tick-ms", 10, 60'000, config.queueTickMs);
    reader.readInt("active-ttl-seconds", 1, 604'800, config.activeTtlSeconds);
    reader.readInt("hold-ttl-seconds", 1, 86'400, config.holdTtlSeconds);
    reader.readInt("db-pool-size", 1, 64, config.dbPoolSize);
    reader.readInt("keep-alive-seconds", 1, 3600, config.keepAliveSeconds);
    reader.readFlag("demo-data", config.demoData);
    reader.readFlag("reuse-port", config.reusePort);
    reader.readDouble("webhook-retry-scale", 0.0001, 100, config.webhookRetryScale);
    reader.readInt("max-seats-per-user", 0, 1000, config.maxSeatsPerUser);
    reader.readInt("token-rate-per-ip", 0, 1'000'000, config.tokenRatePerIp);
    reader.readInt("header-timeout-seconds", 1, 600, config.headerTimeoutSeconds);
    reader.readInt("max-connections", 1, 1'000'000, config.maxConnections);
    reader.readInt("max-connections-per-ip", 1, 1'000'000, config.maxConnectionsPerIp);
    QString proxies;
    reader.readString("trusted-proxy", proxies, true);
    for (const QString &part : proxies.split(u',', Qt::SkipEmptyParts)) {
        const QHostAddress address(part.trimmed());
        if (address.isNull()) {
            reader.fail(
                QStringLiteral("--trusted-proxy: '%1' is not an IP address").arg(part.trimmed()));
            break;
        }
        config.trustedProxies.append(address);
    }
    reader.readInt("queue-abandon-seconds", 10, 86'400, config.queueAbandonSeconds);
    QString charges;
    reader.readString("charges", charges, false);
    if (!charges.isEmpty()) {
        const QString v = charges.trimmed().toLower();
        if (v == QLatin1String("open") || v == QLatin1String("key"))
            config.chargesNeedKey = v == QLatin1String("key");
        else
            reader.fail(QStringLiteral("--charges: '%1' is not one of open/key").arg(charges));
    }
    reader.readString("access-log", config.accessLog, false);
}

} // namespace

std::variant<ServerConfig, QString> ServerConfig::load(const QStringList &arguments,
                                                       const QProcessEnvironment &environment,
                                                       QString *exitZeroText)
{
    QCommandLineParser parser;
    const CommandLineOptions options = addOptions(parser);
    if (const std::optional<QString> stop =
            parseCommandLine(parser, options, arguments, exitZeroText))
        return *stop;

    auto opened = openConfigFile(parser.isSet(options.config)
                                     ? parser.value(options.config)
                                     : environment.value(QStringLiteral("CONCERT_CONFIG")));
    if (const QString *error = std::get_if<QString>(&opened))
        return *error;
    const std::unique_ptr<QSettings> file = std::move(std::get<0>(opened));

    const OptionSources sources(parser, environment, file.get());
    OptionReader reader(sources);
    ServerConfig config; // the defaults
    readOptions(reader, config);
    if (!reader.error().isEmpty())
        return reader.error();
    return config;
}
