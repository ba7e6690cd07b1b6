#include "app/accesslog.h"

#include "http/httpedge.h"

#include <QDateTime>
#include <QFile>
#include <QLoggingCategory>

#include <fcntl.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcAccessLog, "concert.server.accesslog")

namespace {

constexpr qsizetype kWakeAtBytes = 256 * 1024;
constexpr int kFlushEveryMs = 200;

QString clientText(const QHostAddress &address)
{
    // An IPv4 peer of a dual-stack socket reads ::ffff:1.2.3.4; write 1.2.3.4.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4).toString() : address.toString();
}

} // namespace

AccessLog::AccessLog(const QString &path, const QString &instance)
    : m_path(path)
    , m_instance(jsonString(instance))
    , m_stdout(path == QLatin1String("-"))
{ }

AccessLog::~AccessLog()
{
    if (m_thread.joinable()) {
        {
            QMutexLocker lock(&m_mutex);
            m_stop = true;
            m_wake.wakeAll();
        }
        m_thread.join();
    }
    if (m_fd >= 0 && !m_stdout)
        ::close(m_fd);
}

bool AccessLog::open()
{
    if (!openFile())
        return false;
    m_thread = std::thread([this]() { run(); });
    return true;
}

bool AccessLog::openFile()
{
    if (m_stdout) {
        m_fd = STDOUT_FILENO;
        return true;
    }
    const int fd = ::open(QFile::encodeName(m_path).constData(),
                          O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0) {
        m_error = QString::fromLocal8Bit(::strerror(errno));
        return false;
    }
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
    return true;
}

QByteArray AccessLog::jsonString(const QString &text)
{
    QByteArray out;
    out.reserve(text.size() + 2);
    out += '"';
    for (const char c : text.toUtf8()) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        default:
            if (uchar(c) < 0x20)
                out += "\\u00" + QByteArray::number(uchar(c), 16).rightJustified(2, '0');
            else
                out += c;
        }
    }
    out += '"';
    return out;
}

void AccessLog::append(const AnsweredRequest &answered)
{
    QByteArray line;
    line.reserve(200);
    line += "{\"time\":\"";
    line += QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toLatin1();
    line += "\",\"instance\":";
    line += m_instance;
    line += ",\"method\":";
    line += jsonString(QString::fromLatin1(answered.method));
    line += ",\"route\":";
    line += jsonString(answered.route);
    line += ",\"status\":";
    line += QByteArray::number(answered.status);
    line += ",\"durationMs\":";
    line += QByteArray::number(double(answered.durationNs) / 1e6, 'f', 3);
    line += ",\"bytes\":";
    line += QByteArray::number(answered.bytes);
    line += ",\"client\":";
    line += jsonString(clientText(answered.client));
    line += "}\n";
    QMutexLocker lock(&m_mutex);
    m_buffer += line;
    if (m_buffer.size() >= kWakeAtBytes)
        m_wake.wakeOne();
}

void AccessLog::flush()
{
    if (!m_thread.joinable())
        return;
    QMutexLocker lock(&m_mutex);
    const quint64 wanted = ++m_appendedChunks;
    m_wake.wakeOne();
    while (m_writtenChunks < wanted && !m_stop)
        m_flushed.wait(&m_mutex, 1000);
}

void AccessLog::writeOut(const QByteArray &chunk)
{
    if (m_reopen.exchange(false) && !m_stdout && !openFile())
        qCWarning(lcAccessLog).noquote()
            << "cannot reopen" << m_path << ":" << m_error << "- writing to the old file";
    qsizetype done = 0;
    while (done < chunk.size()) {
        const ssize_t n = ::write(m_fd, chunk.constData() + done, size_t(chunk.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            qCWarning(lcAccessLog) << "write failed:" << ::strerror(errno);
            return;
        }
        done += n;
    }
}

void AccessLog::run()
{
    QMutexLocker lock(&m_mutex);
    for (;;) {
        if (!m_stop && m_buffer.size() < kWakeAtBytes && m_writtenChunks == m_appendedChunks)
            m_wake.wait(&m_mutex, kFlushEveryMs);
        const QByteArray chunk = std::exchange(m_buffer, QByteArray());
        const quint64 asked = m_appendedChunks;
        const bool stop = m_stop;
        lock.unlock();
        if (!chunk.isEmpty() || m_reopen)
            writeOut(chunk);
        lock.relock();
        m_writtenChunks = asked;
        m_flushed.wakeAll();
        if (stop && m_buffer.isEmpty())
            return;
    }
}
