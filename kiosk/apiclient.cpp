#include "apiclient.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

Q_LOGGING_CATEGORY(lcApi, "concert.kiosk.api", QtInfoMsg)

namespace {

const char kAbortedProperty[] = "concertKioskAborted";

} // namespace

QString ApiClient::Failure::name() const
{
    switch (kind) {
    case Kind::NoAnswer:
        return QStringLiteral("UNREACHABLE");
    case Kind::BadAnswer:
        return QStringLiteral("BAD_RESPONSE");
    case Kind::Cancelled:
        return QStringLiteral("CANCELLED");
    case Kind::Answered:
        break;
    }
    return errorCodeName(code);
}

ApiClient::ApiClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiClient::probeHealth);
}

ApiClient::~ApiClient()
{
    // Replies are children of the manager; make sure no handler runs while we are half gone.
    m_destroying = true;
    abortAll();
}

void ApiClient::setBaseUrl(const QUrl &baseUrl)
{
    if (m_baseUrl == baseUrl)
        return;
    m_baseUrl = baseUrl;
    Q_EMIT baseUrlChanged();
}

void ApiClient::setToken(const QString &token)
{
    if (m_token == token)
        return;
    m_token = token;
    Q_EMIT tokenChanged();
}

QDateTime ApiClient::serverNow() const
{
    return QDateTime::currentDateTimeUtc().addMSecs(m_clockOffsetMs);
}

void ApiClient::noteServerDate(const QNetworkReply *reply)
{
    // "Date: Wed, 02 Dec 2026 16:08:50 GMT" (RFC 9110); a reverse proxy adds it when the
    // server does not. Whole seconds: the answer left the server within the second named,
    // so half a second is the best guess.
    const QByteArray date = reply->rawHeader("Date");
    if (date.isEmpty())
        return;
    QDateTime server = QDateTime::fromString(QString::fromLatin1(date).trimmed(), Qt::RFC2822Date);
    if (!server.isValid())
        return;
    server = server.toUTC().addMSecs(500);
    const qint64 offset = QDateTime::currentDateTimeUtc().msecsTo(server);
    if (qAbs(offset - m_clockOffsetMs) > 1000) // within the header's resolution: keep it steady
        m_clockOffsetMs = offset;
}

void ApiClient::setApiKey(const QString &apiKey)
{
    if (m_apiKey == apiKey)
        return;
    m_apiKey = apiKey;
    Q_EMIT apiKeyChanged();
}

void ApiClient::setRetryIntervalMs(int intervalMs)
{
    intervalMs = qMax(100, intervalMs);
    if (m_retryIntervalMs == intervalMs)
        return;
    m_retryIntervalMs = intervalMs;
    Q_EMIT retryIntervalMsChanged();
}

void ApiClient::setTimeoutMs(int timeoutMs)
{
    timeoutMs = qMax(100, timeoutMs);
    if (m_timeoutMs == timeoutMs)
        return;
    m_timeoutMs = timeoutMs;
    Q_EMIT timeoutMsChanged();
}

void ApiClient::send(const QByteArray &method, const QString &path, const QJsonObject &body,
                     QObject *context, JsonHandler onSuccess, FailureHandler onFailure, Auth auth,
                     const QByteArray &idempotencyKey)
{
    QNetworkRequest request = newRequest(path, m_timeoutMs);
    if (auth == Auth::Bearer && !m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (auth == Auth::ApiKey && !m_apiKey.isEmpty())
        request.setRawHeader("X-Api-Key", m_apiKey.toUtf8());
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);

    QNetworkReply *reply = nullptr;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json; charset=utf-8"));
        reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    } else {
        reply = m_network->sendCustomRequest(request, method);
    }
    qCDebug(lcApi) << method << path;
    m_pending.insert(reply);
    Q_EMIT pendingRequestsChanged();
    const bool hasContext = context != nullptr;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, guard = QPointer<QObject>(context), onSuccess = std::move(onSuccess),
             onFailure = std::move(onFailure),
             hasContext]() { finished(reply, guard, onSuccess, onFailure, hasContext); });
}

QNetworkRequest ApiClient::newRequest(const QString &path, int timeoutMs) const
{
    QNetworkRequest request(QUrl(m_baseUrl.toString(QUrl::StripTrailingSlash) + path));
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept", "application/json");
    return request;
}

void ApiClient::sendInBackground(const QByteArray &method, const QString &path,
                                 const QString &token, const QJsonObject &body,
                                 JsonHandler onSuccess)
{
    ++m_background;
    Q_EMIT backgroundRequestsChanged();
    sendBackgroundTry(method, path, token, body, onSuccess, 0);
}

void ApiClient::sendBackgroundTry(const QByteArray &method, const QString &path,
                                  const QString &token, const QJsonObject &body,
                                  const JsonHandler &onSuccess, int attempt)
{
    constexpr int kTries = 6;
    QNetworkRequest request = newRequest(path, m_timeoutMs);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *reply = nullptr;
    if (method == "POST") {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json; charset=utf-8"));
        reply = m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact));
    } else {
        reply = m_network->sendCustomRequest(request, method);
    }
    qCDebug(lcApi) << "background" << method << path << "try" << attempt + 1;
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, method, path, token, body, onSuccess, attempt]() {
                reply->deleteLater();
                const QVariant statusAttribute =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
                const int status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
                const bool again = status == 0 || status == 503;
                if (again && attempt + 1 < kTries && !m_destroying) {
                    QTimer::singleShot(1000 << attempt, this,
                                       [this, method, path, token, body, onSuccess, attempt]() {
                                           sendBackgroundTry(method, path, token, body, onSuccess,
                                                             attempt + 1);
                                       });
                    return;
                }
                if (status >= 200 && status < 300) {
                    if (onSuccess)
                        onSuccess(QJsonDocument::fromJson(reply->readAll()).object());
                } else {
                    qCInfo(lcApi) << "background" << method << path << "ended with status" << status
                                  << reply->errorString();
                }
                --m_background;
                Q_EMIT backgroundRequestsChanged();
            });
}

void ApiClient::finished(QNetworkReply *reply, const QPointer<QObject> &context,
                         const JsonHandler &onSuccess, const FailureHandler &onFailure,
                         bool hasContext)
{
    reply->deleteLater();
    if (m_pending.remove(reply))
        Q_EMIT pendingRequestsChanged();
    if (hasContext && !context)
        return;
    if (reply->property(kAbortedProperty).toBool()) {
        // Cancelled by abortAll(): let the caller clear its busy state, tell nobody else.
        if (onFailure && !m_destroying)
            onFailure(
                {ErrorCode::Internal, QStringLiteral("cancelled"), 0, Failure::Kind::Cancelled});
        return;
    }

    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (!statusAttribute.isValid()) {
        qCInfo(lcApi) << "no answer from" << reply->url().toString() << reply->errorString();
        fail({ErrorCode::Unavailable, reply->errorString(), 0, Failure::Kind::NoAnswer}, onFailure);
        return;
    }
    const int status = statusAttribute.toInt();
    noteServerDate(reply);
    const QByteArray raw = reply->readAll();
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(raw, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && document.isObject();

    if (status >= 200 && status < 300) {
        setReachable(true);
        if (!isObject) {
            fail({ErrorCode::Internal, QStringLiteral("answer is not a JSON object"), status,
                  Failure::Kind::BadAnswer},
                 onFailure);
            return;
        }
        if (onSuccess)
            onSuccess(document.object());
        return;
    }

    Failure failure{ErrorCode::Internal, QStringLiteral("HTTP status %1").arg(status), status,
                    Failure::Kind::BadAnswer};
    if (const std::optional<ApiError> error =
            isObject ? ApiError::fromJson(document.object()) : std::nullopt) {
        failure.code = error->code;
        failure.message = error->message;
        failure.kind = Failure::Kind::Answered;
    } else if (status == 503) {
        failure.code = ErrorCode::Unavailable;
    }
    failure.retryAfterSeconds = qMax(0, reply->rawHeader("Retry-After").trimmed().toInt());
    if (failure.code != ErrorCode::Unavailable)
        setReachable(true);
    qCInfo(lcApi) << reply->url().path() << "failed:" << status << failure.name()
                  << failure.message;
    fail(failure, onFailure);
}

void ApiClient::fail(const Failure &failure, const FailureHandler &onFailure)
{
    if (KioskError::isTransient(failure.code))
        setReachable(false);
    if (onFailure)
        onFailure(failure);
    Q_EMIT errorOccurred(failure.code, failure.message);
}

void ApiClient::setReachable(bool reachable)
{
    if (m_reachable == reachable)
        return;
    m_reachable = reachable;
    if (reachable) {
        m_retryTimer.stop();
    } else {
        m_retryTimer.start(m_retryIntervalMs);
    }
    Q_EMIT reachableChanged();
    if (reachable)
        Q_EMIT reconnected();
}

void ApiClient::probeHealth()
{
    if (m_reachable || m_probe)
        return;
    const QNetworkRequest request = newRequest(QStringLiteral("/api/v1/health"),
                                               qMin(m_timeoutMs, qMax(1000, m_retryIntervalMs)));
    m_probe = m_network->get(request);
    connect(m_probe, &QNetworkReply::finished, this, [this, probe = m_probe.data()]() {
        probe->deleteLater();
        if (probe->property(kAbortedProperty).toBool())
            return;
        const int status = probe->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        m_probe = nullptr;
        if (status == 200)
            setReachable(true);
        else if (!m_reachable)
            m_retryTimer.start(m_retryIntervalMs);
    });
}

void ApiClient::abortAll()
{
    const QSet<QNetworkReply *> pending = m_pending;
    for (QNetworkReply *reply : pending) {
        reply->setProperty(kAbortedProperty, true);
        reply->abort();
    }
    if (!m_pending.isEmpty()) {
        m_pending.clear();
        Q_EMIT pendingRequestsChanged();
    }
}
