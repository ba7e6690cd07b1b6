#include "serverprocess.h"

#include <QFileInfo>

#include <QDeadlineTimer>
#include <QRegularExpression>

ServerProcess::ServerProcess(const QString &program)
    : m_program(program.isEmpty() ? defaultProgram() : program)
{ }

ServerProcess::~ServerProcess()
{
    kill();
}

QString ServerProcess::defaultProgram()
{
    return QStringLiteral(CONCERT_SERVER_BINARY);
}

bool ServerProcess::start(const QStringList &arguments, int timeoutMs)
{
    QStringList args = arguments;
    if (!args.contains(QStringLiteral("--port")))
        args << QStringLiteral("--port") << QStringLiteral("0");
    if (!args.contains(QStringLiteral("--bind")))
        args << QStringLiteral("--bind") << QStringLiteral("127.0.0.1");
    // Every test client shares 127.0.0.1: the per-address abuse limits of "Limits at the edge"
    // are off unless a suite asks for them (tests/edge does).
    const std::pair<const char *, const char *> offUnlessGiven[] = {
        {"--token-rate-per-ip", "0"},
        {"--max-seats-per-user", "0"},
        {"--max-connections-per-ip", "1000000"},
    };
    // Only concert-server knows them (the benchmark's minimal server does not).
    const bool concertServer = QFileInfo(m_program).fileName() == QLatin1String("concert-server");
    for (const auto &[option, value] : offUnlessGiven) {
        if (concertServer && !args.contains(QLatin1String(option)))
            args << QLatin1String(option) << QLatin1String(value);
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_process->start(m_program, args);
    if (!m_process->waitForStarted(10000))
        return false;
    static const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    const QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->state() != QProcess::Running)
            return false;
        m_process->waitForReadyRead(
            int(qMax<qint64>(1, qMin<qint64>(200, deadline.remainingTime()))));
        m_stdout += m_process->readAllStandardOutput();
        const auto match = listening.match(QString::fromUtf8(m_stdout));
        if (match.hasMatch()) {
            m_baseUrl = QUrl(match.captured(1));
            return true;
        }
    }
    return false;
}

int ServerProcess::terminate(int timeoutMs)
{
    if (!m_process || m_process->state() != QProcess::Running)
        return -1;
    m_process->terminate();
    if (!m_process->waitForFinished(timeoutMs))
        return -1;
    m_stdout += m_process->readAllStandardOutput();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ServerProcess::kill()
{
    if (!m_process)
        return;
    if (m_process->state() == QProcess::Running) {
        m_process->kill();
        m_process->waitForFinished(10000);
    }
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() == QProcess::Running;
}
