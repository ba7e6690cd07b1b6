#include "http/edgesocket.h"

#include "http/httpedge.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <cstring>
#include <sys/socket.h>

namespace {

constexpr qsizetype kReadCap = 128 * 1024; // framed-but-waiting bytes before reading pauses
constexpr qsizetype kMaxChunkLine = 1024;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

QHttpServerRequest::Method knownMethod(QByteArrayView token)
{
    using M = QHttpServerRequest::Method;
    static const struct
    {
        const char *name;
        M method;
    } known[] = {{"GET", M::Get},         {"HEAD", M::Head},   {"POST", M::Post},
                 {"PUT", M::Put},         {"PATCH", M::Patch}, {"DELETE", M::Delete},
                 {"OPTIONS", M::Options}, {"TRACE", M::Trace}, {"CONNECT", M::Connect}};
    for (const auto &entry : known) {
        if (token == entry.name)
            return entry.method;
    }
    return M::Unknown;
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

QList<QByteArrayView> commaList(QByteArrayView value)
{
    QList<QByteArrayView> parts;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i == value.size() || value[i] == ',') {
            parts.append(trimmed(value.sliced(start, i - start)));
            start = i + 1;
        }
    }
    return parts;
}

const char *reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return "Bad Request";
    case 413:
        return "Payload Too Large";
    case 414:
        return "URI Too Long";
    case 431:
        return "Request Header Fields Too Large";
    default:
        return "Error";
    }
}

} // namespace

EdgeSocket::EdgeSocket(const EdgeLimits &limits, QObject *parent)
    : QTcpSocket(parent)
    , m_limits(limits)
{
    connect(this, &QTcpSocket::bytesWritten, this, &EdgeSocket::onBytesWritten);
}

EdgeSocket::~EdgeSocket() = default;

bool EdgeSocket::adopt(qintptr fd)
{
    if (!setSocketDescriptor(fd))
        return false;
    // Qt stops reading the network once this much waits unread (the TCP window then holds
    // the client back); onReadyRead() takes everything out before QtHttpServer looks.
    setReadBufferSize(kReadCap);
    // Connected before QtHttpServer's own slot, so it runs first on every readyRead().
    connect(this, &QTcpSocket::readyRead, this, &EdgeSocket::onReadyRead);
    m_lastActivityMs = now();
    return true;
}

const EdgeRequestInfo *EdgeSocket::info(const QObject *socket)
{
    const auto *edge = qobject_cast<const EdgeSocket *>(socket);
    return edge ? &edge->m_current : nullptr;
}

QByteArrayView EdgeSocket::pending() const
{
    return QByteArrayView(m_raw).sliced(m_rawPos);
}

bool EdgeSocket::congested() const
{
    return bytesToWrite() > EdgeLimits::kMaxUnsentBytes;
}

qint64 EdgeSocket::writeData(const char *data, qint64 size)
{
    if (m_passthrough || m_phase != Phase::InFlight)
        return QTcpSocket::writeData(data, size);
    // One answer is collected and written with one system call; its end (by Content-Length)
    // is what lets the next pipelined request through.
    m_out.append(data, size);
    if (m_outHeadEnd < 0) {
        const qsizetype end = m_out.indexOf("\r\n\r\n");
        if (end < 0)
            return size;
        m_outHeadEnd = end + 4;
        m_outLength = 0;
        const QByteArray head = m_out.left(end).toLower();
        const qsizetype at = head.indexOf("\r\ncontent-length:");
        if (at >= 0) {
            const qsizetype from = at + int(std::strlen("\r\ncontent-length:"));
            qsizetype to = head.indexOf("\r\n", from);
            if (to < 0)
                to = head.size();
            m_outLength = head.mid(from, to - from).trimmed().toLongLong();
        }
    }
    if (m_out.size() >= m_outHeadEnd + m_outLength)
        flushAnswer(m_current.method == QHttpServerRequest::Method::Head ? m_outHeadEnd
                                                                         : m_out.size());
    return size;
}

void EdgeSocket::flushAnswer(qsizetype length)
{
    QTcpSocket::writeData(m_out.constData(), length);
    m_out.clear();
    m_outHeadEnd = -1;
    m_outLength = -1;
    answerWritten();
}

void EdgeSocket::answerWritten()
{
    m_phase = Phase::Head;
    m_lastActivityMs = now();
    // The next pipelined request, if one is waiting; else the next readyRead() brings it.
    if (!congested() && (!pending().isEmpty() || bytesAvailable() > 0))
        QMetaObject::invokeMethod(this, &EdgeSocket::pump, Qt::QueuedConnection);
    // else onBytesWritten() resumes once the client has read enough
}

void EdgeSocket::onBytesWritten()
{
    m_lastActivityMs = now();
    if (m_phase == Phase::Closing) {
        if (bytesToWrite() == 0)
            ::shutdown(int(socketDescriptor()), SHUT_WR);
        return;
    }
    if (m_phase == Phase::Head && !congested() && !m_passthrough
        && (!pending().isEmpty() || bytesAvailable() > 0))
        pump();
}

void EdgeSocket::onReadyRead()
{
    if (m_emitting || m_passthrough)
        return;
    m_inReadyRead = true;
    pump();
    m_inReadyRead = false;
}

bool EdgeSocket::pull()
{
    // Takes what Qt has read from the network out of its buffer, so that QtHttpServer never
    // sees a byte the edge has not framed. Returns false when the connection is gone.
    if (state() != QAbstractSocket::ConnectedState || !isOpen())
        return false;
    if (isTransactionStarted())
        rollbackTransaction(); // our own hiding (below), or QtHttpServer's look at nothing
    if (m_rawPos > 0 && m_rawPos == m_raw.size()) {
        m_raw.clear();
        m_rawPos = 0;
    } else if (m_rawPos > 64 * 1024) {
        m_raw.remove(0, m_rawPos);
        m_rawPos = 0;
    }
    char buffer[16384];
    if (m_phase == Phase::Closing) {
        qint64 n = 0;
        while ((n = read(buffer, sizeof buffer)) > 0) {
            if ((m_drained += n) > EdgeLimits::kMaxUnsentBytes)
                return false; // a client still sending after the answer: enough drained
        }
        return n == 0;
    }
    while (!congested() && pending().size() < kReadCap) {
        const qint64 n = read(buffer, sizeof buffer); // asks Qt for more once its buffer is empty
        if (n < 0)
            return false;
        if (n == 0)
            return true;
        m_lastActivityMs = now();
        m_raw.append(buffer, qsizetype(n));
    }
    // Held back (answers unread by the client, or enough unframed bytes): what Qt has buffered
    // stays there, hidden behind a transaction, so QtHttpServer's look finds nothing; once
    // Qt's buffer is full it stops reading and the client's TCP window closes.
    if (bytesAvailable() > 0) {
        startTransaction();
        for (qint64 left = bytesAvailable(); left > 0; left = bytesAvailable())
            read(buffer, qMin<qint64>(left, qint64(sizeof buffer)));
    }
    return true;
}

void EdgeSocket::pump()
{
    if (m_passthrough || state() != QAbstractSocket::ConnectedState)
        return;
    if (m_phase == Phase::Closing) {
        if (!pull())
            abort();
        return;
    }
    // Always pull, even while an answer is being worked on: QtHttpServer's slot runs right
    // after this one and must find Qt's buffer empty.
    if (!pull() || m_phase == Phase::InFlight || congested())
        return;
    switch (m_phase) {
    case Phase::Head:
        parseHead();
        break;
    case Phase::Body:
        parseBody();
        break;
    case Phase::Chunked:
        parseChunked();
        break;
    case Phase::InFlight:
    case Phase::Closing:
        return;
    }
}

EdgeSocket::Step EdgeSocket::parseHead()
{
    // Blank lines before a request line are ignored (RFC 9112, 2.2).
    while (m_rawPos < m_raw.size() && (m_raw[m_rawPos] == '\r' || m_raw[m_rawPos] == '\n'))
        ++m_rawPos;
    const qsizetype base = m_rawPos;
    const qsizetype available = m_raw.size() - base;
    if (available == 0)
        return Step::NeedMore;
    if (m_deadlineMs == 0)
        m_deadlineMs = now() + m_limits.headerTimeoutMs;

    const qsizetype lineEnd = m_raw.indexOf('\n', base);
    if (lineEnd < 0) {
        if (available > EdgeLimits::kMaxRequestLine + 1)
            refuse(ErrorCode::UriTooLong, QStringLiteral("the request line is over 8,192 bytes"));
        return Step::NeedMore;
    }
    QByteArrayView requestLine = QByteArrayView(m_raw).sliced(base, lineEnd - base);
    if (requestLine.endsWith('\r'))
        requestLine.chop(1);
    if (requestLine.size() > EdgeLimits::kMaxRequestLine) {
        refuse(ErrorCode::UriTooLong, QStringLiteral("the request line is over 8,192 bytes"));
        return Step::Stopped;
    }

    QList<QByteArrayView> lines;
    qsizetype pos = lineEnd + 1;
    qsizetype headerBytes = 0;
    for (;;) {
        const qsizetype end = m_raw.indexOf('\n', pos);
        if (end < 0) {
            if (headerBytes + (m_raw.size() - pos) > EdgeLimits::kMaxHeaderBlock) {
                refuse(ErrorCode::HeadersTooLarge,
                       QStringLiteral("the header block is over 16,384 bytes"));
                return Step::Stopped;
            }
            return Step::NeedMore;
        }
        QByteArrayView line = QByteArrayView(m_raw).sliced(pos, end - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty()) {
            pos = end + 1;
            break;
        }
        headerBytes += end + 1 - pos;
        if (headerBytes > EdgeLimits::kMaxHeaderBlock) {
            refuse(ErrorCode::HeadersTooLarge,
                   QStringLiteral("the header block is over 16,384 bytes"));
            return Step::Stopped;
        }
        lines.append(line);
        pos = end + 1;
    }

    // Request line: method SP target SP version, nothing else.
    const QList<QByteArrayView> parts = [&] {
        QList<QByteArrayView> out;
        qsizetype start = 0;
        for (qsizetype i = 0; i <= requestLine.size(); ++i) {
            if (i == requestLine.size() || requestLine[i] == ' ') {
                out.append(requestLine.sliced(start, i - start));
                start = i + 1;
            }
        }
        return out;
    }();
    auto bad = [this](const QString &why) {
        refuse(ErrorCode::InvalidArgument, why);
        return Step::Stopped;
    };
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || (parts[2] != "HTTP/1.1" && parts[2] != "HTTP/1.0"))
        return bad(QStringLiteral("malformed request line"));
    for (char c : parts[1]) {
        if (uchar(c) <= 0x20 || uchar(c) == 0x7f)
            return bad(QStringLiteral("malformed request target"));
    }

    m_next = EdgeRequestInfo{};
    m_next.methodToken = parts[0].toByteArray();
    m_next.method = knownMethod(parts[0]);
    m_next.client = peerAddress();
    // QtHttpServer 6.4 routes only some methods to a route: the others reach it as GET and the
    // route answers from info() (405 or 501); a HEAD answer leaves without its body.
    using M = QHttpServerRequest::Method;
    const bool methodRewritten = m_next.method != M::Get && m_next.method != M::Post
        && m_next.method != M::Put && m_next.method != M::Patch && m_next.method != M::Delete;

    QList<QByteArrayView> contentLengths;
    QList<QByteArrayView> transferEncodings;
    QByteArrayView forwardedFor;
    bool expectContinue = false;
    bool hasExpect = false;
    m_upgrade = false;
    for (QByteArrayView line : lines) {
        if (line.front() == ' ' || line.front() == '\t')
            return bad(QStringLiteral("obsolete header line folding"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return bad(QStringLiteral("malformed header line"));
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        for (char c : value) {
            if ((uchar(c) < 0x20 && c != '\t') || uchar(c) == 0x7f)
                return bad(QStringLiteral("a control character in a header value"));
        }
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            contentLengths += commaList(value);
        else if (name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0)
            transferEncodings += commaList(value);
        else if (name.compare("Expect", Qt::CaseInsensitive) == 0) {
            hasExpect = true;
            expectContinue = value.compare("100-continue", Qt::CaseInsensitive) == 0;
        } else if (name.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0)
            forwardedFor = value; // the last header line holds the last hop
        else if (name.compare("Upgrade", Qt::CaseInsensitive) == 0)
            m_upgrade = value.compare("websocket", Qt::CaseInsensitive) == 0;
    }

    // Framing (api-contract.md, "Limits at the edge"): one unambiguous body length or none.
    if (!contentLengths.isEmpty() && !transferEncodings.isEmpty())
        return bad(QStringLiteral("both Content-Length and Transfer-Encoding"));
    m_bodyLength = 0;
    for (QByteArrayView length : contentLengths) {
        if (length.isEmpty() || length.size() > 18)
            return bad(QStringLiteral("malformed Content-Length"));
        for (char c : length) {
            if (c < '0' || c > '9')
                return bad(QStringLiteral("malformed Content-Length"));
        }
        if (length != contentLengths.first())
            return bad(QStringLiteral("differing Content-Length values"));
        m_bodyLength = length.toByteArray().toLongLong();
    }
    const bool chunked = !transferEncodings.isEmpty();
    if (chunked
        && (transferEncodings.size() != 1
            || transferEncodings.first().compare("chunked", Qt::CaseInsensitive) != 0))
        return bad(QStringLiteral("a Transfer-Encoding other than chunked"));
    if (m_bodyLength > EdgeLimits::kMaxBody) {
        refuse(ErrorCode::PayloadTooLarge, QStringLiteral("the body is larger than 64 KiB"));
        return Step::Stopped;
    }

    if (!forwardedFor.isEmpty()) {
        for (const QHostAddress &proxy : m_limits.trustedProxies) {
            if (proxy.isEqual(m_next.client, QHostAddress::ConvertV4MappedToIPv4)) {
                const QList<QByteArrayView> hops = commaList(forwardedFor);
                const QHostAddress last(QString::fromLatin1(hops.last()));
                if (!last.isNull())
                    m_next.client = last;
                break;
            }
        }
    }

    // What QtHttpServer will read: the bytes as sent, or a normalised head when the method,
    // the chunked body or Expect would otherwise reach its parser.
    m_rewrite = methodRewritten || chunked || hasExpect;
    if (m_rewrite) {
        m_head.clear();
        m_head.append(methodRewritten ? QByteArrayView("GET") : parts[0]);
        m_head.append(' ').append(parts[1]).append(' ').append(parts[2]).append("\r\n");
        for (QByteArrayView line : lines) {
            const QByteArrayView name = line.first(line.indexOf(':'));
            if (name.compare("Content-Length", Qt::CaseInsensitive) == 0
                || name.compare("Transfer-Encoding", Qt::CaseInsensitive) == 0
                || name.compare("Expect", Qt::CaseInsensitive) == 0)
                continue;
            m_head.append(line).append("\r\n");
        }
    } else {
        m_head = m_raw.mid(base, pos - base);
    }
    m_rawPos = pos;
    m_body.clear();

    if (chunked || m_bodyLength > 0) {
        if (expectContinue)
            QTcpSocket::writeData("HTTP/1.1 100 Continue\r\n\r\n", 25);
        const qint64 bodyBytes = chunked ? EdgeLimits::kMaxBody : m_bodyLength;
        m_deadlineMs = now()
            + (m_limits.headerTimeoutMs
               + int(bodyBytes * 1000 / EdgeLimits::kMinBodyBytesPerSecond));
        m_phase = chunked ? Phase::Chunked : Phase::Body;
        m_chunkLeft = -1;
        return chunked ? parseChunked() : parseBody();
    }
    release();
    return Step::Released;
}

EdgeSocket::Step EdgeSocket::parseBody()
{
    const qint64 need = m_bodyLength - m_body.size();
    const qsizetype take = qsizetype(qMin<qint64>(need, pending().size()));
    m_body.append(pending().first(take));
    m_rawPos += take;
    if (m_body.size() < m_bodyLength)
        return Step::NeedMore;
    release();
    return Step::Released;
}

EdgeSocket::Step EdgeSocket::parseChunked()
{
    auto bad = [this](ErrorCode code, const QString &why) {
        refuse(code, why);
        return Step::Stopped;
    };
    for (;;) {
        if (m_chunkLeft == -1 || m_chunkLeft == -2) { // a size line, or a trailer line
            const qsizetype end = m_raw.indexOf('\n', m_rawPos);
            const qsizetype limit = m_chunkLeft == -1 ? kMaxChunkLine : EdgeLimits::kMaxHeaderBlock;
            if (end < 0)
                return pending().size() > limit
                    ? bad(ErrorCode::InvalidArgument, QStringLiteral("malformed chunked body"))
                    : Step::NeedMore;
            QByteArrayView line = QByteArrayView(m_raw).sliced(m_rawPos, end - m_rawPos);
            if (line.endsWith('\r'))
                line.chop(1);
            m_rawPos = end + 1;
            if (m_chunkLeft == -2) {
                if (line.isEmpty()) {
                    m_bodyLength = m_body.size();
                    release();
                    return Step::Released;
                }
                continue; // trailer fields are dropped
            }
            const qsizetype semicolon = line.indexOf(';');
            const QByteArrayView digits = trimmed(semicolon < 0 ? line : line.first(semicolon));
            if (digits.isEmpty() || digits.size() > 8)
                return bad(ErrorCode::InvalidArgument, QStringLiteral("malformed chunk size"));
            bool ok = false;
            const qint64 size = digits.toByteArray().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return bad(ErrorCode::InvalidArgument, QStringLiteral("malformed chunk size"));
            if (m_body.size() + size > EdgeLimits::kMaxBody)
                return bad(ErrorCode::PayloadTooLarge,
                           QStringLiteral("the body is larger than 64 KiB"));
            m_chunkLeft = size == 0 ? -2 : size;
            continue;
        }
        if (m_chunkLeft > 0) {
            const qsizetype take = qsizetype(qMin<qint64>(m_chunkLeft, pending().size()));
            m_body.append(pending().first(take));
            m_rawPos += take;
            m_chunkLeft -= take;
            if (m_chunkLeft > 0)
                return Step::NeedMore;
            m_chunkLeft = -3;
        }
        // -3: the CRLF after a chunk's data
        const QByteArrayView rest = pending();
        if (rest.startsWith("\r\n") || rest.startsWith('\n')) {
            m_rawPos += rest.startsWith('\n') ? 1 : 2;
            m_chunkLeft = -1;
            continue;
        }
        if (rest.isEmpty() || rest == "\r")
            return Step::NeedMore;
        return bad(ErrorCode::InvalidArgument, QStringLiteral("malformed chunked body"));
    }
}

void EdgeSocket::release()
{
    if (m_rewrite) {
        m_ready = m_head;
        if (m_bodyLength > 0)
            m_ready.append("Content-Length: ")
                .append(QByteArray::number(m_bodyLength))
                .append("\r\n");
        m_ready.append("\r\n");
    } else {
        m_ready = m_head;
    }
    m_ready.append(m_body);
    m_head.clear();
    m_body.clear();
    m_current = m_next;
    m_deadlineMs = 0;
    m_phase = Phase::InFlight;
    if (m_upgrade) {
        // QtHttpServer hands the socket to its WebSocket server, which reads it directly:
        // what the client sent after the upgrade request goes back to Qt's buffer too.
        m_ready.append(pending());
        m_raw.clear();
        m_rawPos = 0;
        m_passthrough = true;
        m_lastActivityMs = -1; // the WebSocket keeps itself alive
    }
    // Back into Qt's read buffer, in front of anything held back there, last byte first.
    if (isTransactionStarted())
        rollbackTransaction();
    for (qsizetype i = m_ready.size() - 1; i >= 0; --i)
        ungetChar(m_ready.at(i));
    m_ready.clear();
    if (!m_inReadyRead) {
        m_emitting = true;
        Q_EMIT readyRead(); // QtHttpServer's slot reads the request now
        m_emitting = false;
    }
    // else: QtHttpServer's slot runs right after this one, in the same emission
}

void EdgeSocket::refuse(ErrorCode code, const QString &message)
{
    const ApiError error{code, message};
    const QByteArray body = QJsonDocument(error.toJson()).toJson(QJsonDocument::Compact);
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(error.httpStatus()) + ' '
        + reasonPhrase(error.httpStatus())
        + "\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    m_phase = Phase::Closing;
    m_raw.clear();
    m_rawPos = 0;
    m_head.clear();
    m_body.clear();
    QTcpSocket::writeData(answer.constData(), answer.size());
    HttpEdge::notifyAnswered(error.httpStatus(), body.size(), this, true);
    flush();
    // Lingering close: stop sending, drop what the client still sends for a moment, so that
    // the answer is not lost to a reset while its request is still arriving.
    if (bytesToWrite() == 0)
        ::shutdown(int(socketDescriptor()), SHUT_WR);
    m_deadlineMs = now() + EdgeLimits::kLingerMs;
    QMetaObject::invokeMethod(this, &EdgeSocket::pump, Qt::QueuedConnection);
}

qint64 EdgeSocket::now()
{
    static const QElapsedTimer clock = [] {
        QElapsedTimer started;
        started.start();
        return started;
    }();
    return clock.elapsed() + 1; // never 0: 0 means "no deadline"
}

void EdgeSocket::checkTimers(qint64 nowMs)
{
    if (m_passthrough || state() != QAbstractSocket::ConnectedState)
        return;
    if (m_deadlineMs != 0 && nowMs >= m_deadlineMs)
        return onDeadline();
    if (m_lastActivityMs >= 0 && nowMs - m_lastActivityMs >= m_limits.idleTimeoutMs) {
        if (m_phase == Phase::InFlight && !congested())
            m_lastActivityMs = nowMs; // the answer is being worked on; not the client's fault
        else
            abort();
    }
}

void EdgeSocket::onDeadline()
{
    // Headers not complete in time, a body slower than the minimum rate, or the end of a
    // lingering close: the connection goes at once.
    abort();
}
