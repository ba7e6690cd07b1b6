#include "mariadbinstance.h"

#include "testports.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QStandardPaths>
#include <QThread>

namespace {

QString findProgram(const QString &name)
{
    QString path = QStandardPaths::findExecutable(name);
    if (path.isEmpty())
        path = QStandardPaths::findExecutable(
            name, {QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin")});
    return path;
}

} // namespace

MariaDbInstance::MariaDbInstance()
    : m_dir(QDir::tempPath() + QStringLiteral("/concert-mariadb-XXXXXX"))
{ }

MariaDbInstance::~MariaDbInstance()
{
    stop();
}

bool MariaDbInstance::start(const QString &databaseName)
{
    m_databaseName = databaseName;
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    QProcess install;
    install.setProcessChannelMode(QProcess::MergedChannels);
    install.start(findProgram(QStringLiteral("mariadb-install-db")),
                  {QStringLiteral("--no-defaults"), QStringLiteral("--user=root"),
                   QStringLiteral("--datadir=") + m_dir.path() + QStringLiteral("/data"),
                   QStringLiteral("--auth-root-authentication-method=normal"),
                   QStringLiteral("--skip-test-db")});
    if (!install.waitForFinished(120000) || install.exitCode() != 0) {
        m_error = QStringLiteral("mariadb-install-db failed: ")
            + QString::fromLocal8Bit(install.readAll());
        return false;
    }
    m_port = TestPorts::freeTcpPort();
    if (!launch())
        return false;
    const QString setup =
        QStringLiteral(
            "CREATE DATABASE IF NOT EXISTS `%1`; "
            "CREATE USER IF NOT EXISTS 'concert'@'localhost' IDENTIFIED BY ''; "
            "CREATE USER IF NOT EXISTS 'concert'@'127.0.0.1' IDENTIFIED BY ''; "
            "GRANT ALL ON *.* TO 'concert'@'localhost'; GRANT ALL ON *.* TO 'concert'@'127.0.0.1';")
            .arg(m_databaseName);
    if (executeIn(QStringLiteral("mysql"), setup).isNull()) {
        m_error = QStringLiteral("cannot create the database");
        return false;
    }
    return true;
}

bool MariaDbInstance::launch()
{
    m_server = std::make_unique<QProcess>();
    m_server->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server->setStandardOutputFile(QProcess::nullDevice());
    const QString base = m_dir.path();
    m_server->start(findProgram(QStringLiteral("mariadbd")),
                    {QStringLiteral("--no-defaults"), QStringLiteral("--user=root"),
                     QStringLiteral("--datadir=") + base + QStringLiteral("/data"),
                     QStringLiteral("--socket=") + socketPath(),
                     QStringLiteral("--port=%1").arg(m_port),
                     QStringLiteral("--bind-address=127.0.0.1"),
                     QStringLiteral("--pid-file=") + base + QStringLiteral("/mysqld.pid"),
                     QStringLiteral("--log-error=") + base + QStringLiteral("/mysqld.err"),
                     QStringLiteral("--skip-name-resolve"), QStringLiteral("--skip-log-bin"),
                     QStringLiteral("--innodb-buffer-pool-size=128M"),
                     QStringLiteral("--innodb-log-file-size=64M"),
                     QStringLiteral("--innodb-flush-log-at-trx-commit=2"),
                     QStringLiteral("--max-connections=1000")});
    if (!m_server->waitForStarted(10000)) {
        m_error = QStringLiteral("mariadbd did not start");
        return false;
    }
    const QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired()) {
        if (m_server->state() != QProcess::Running) {
            QFile log(base + QStringLiteral("/mysqld.err"));
            log.open(QIODevice::ReadOnly);
            m_error = QStringLiteral("mariadbd exited: ")
                + QString::fromLocal8Bit(log.readAll().right(2000));
            return false;
        }
        QProcess ping;
        ping.start(findProgram(QStringLiteral("mariadb-admin")),
                   {QStringLiteral("--no-defaults"), QStringLiteral("-uroot"),
                    QStringLiteral("--socket=") + socketPath(), QStringLiteral("ping")});
        if (ping.waitForFinished(5000) && ping.exitCode() == 0)
            return true;
        QThread::msleep(50); // polling interval while waiting for the server to answer
    }
    m_error = QStringLiteral("mariadbd did not answer within 30 s");
    return false;
}

void MariaDbInstance::stop()
{
    if (!m_server)
        return;
    if (m_server->state() == QProcess::Running) {
        m_server->terminate();
        if (!m_server->waitForFinished(30000)) {
            m_server->kill();
            m_server->waitForFinished(5000);
        }
    }
    m_server.reset();
}

void MariaDbInstance::kill()
{
    if (!m_server)
        return;
    m_server->kill();
    m_server->waitForFinished(10000);
    m_server.reset();
}

bool MariaDbInstance::restart()
{
    stop();
    return launch();
}

bool MariaDbInstance::isRunning() const
{
    return m_server && m_server->state() == QProcess::Running;
}

QStringList MariaDbInstance::serverArguments() const
{
    return {QStringLiteral("--db-socket"), socketPath(),
            QStringLiteral("--db-name"),   m_databaseName,
            QStringLiteral("--db-user"),   QStringLiteral("concert")};
}

QString MariaDbInstance::execute(const QString &sql) const
{
    return executeIn(m_databaseName, sql);
}

QString MariaDbInstance::executeIn(const QString &database, const QString &sql) const
{
    QProcess client;
    client.start(findProgram(QStringLiteral("mariadb")),
                 {QStringLiteral("--no-defaults"), QStringLiteral("-uroot"),
                  QStringLiteral("--socket=") + socketPath(), QStringLiteral("--batch"),
                  QStringLiteral("--skip-column-names"), QStringLiteral("--database=") + database,
                  QStringLiteral("-e"), sql});
    if (!client.waitForFinished(120000) || client.exitCode() != 0) {
        qWarning("mariadb client failed: %s", client.readAllStandardError().constData());
        return QString();
    }
    const QString output = QString::fromUtf8(client.readAllStandardOutput());
    return output.isNull() ? QString(QLatin1String("")) : output; // empty but not null: success
}

qint64 MariaDbInstance::scalar(const QString &sql) const
{
    const QString out = execute(sql);
    if (out.isNull())
        return -1;
    bool ok = false;
    const qint64 value = out.section(u'\n', 0, 0).section(u'\t', 0, 0).trimmed().toLongLong(&ok);
    return ok ? value : -1;
}

bool MariaDbInstance::resetDatabase()
{
    return !executeIn(QStringLiteral("mysql"),
                      QStringLiteral("DROP DATABASE IF EXISTS `%1`; CREATE DATABASE `%1`;")
                          .arg(m_databaseName))
                .isNull();
}
