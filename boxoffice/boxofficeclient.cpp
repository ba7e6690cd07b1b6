#include "boxofficeclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUuid>

namespace {

BoxOfficeClient::Failure failureOf(QNetworkReply *reply, const QByteArray &body)
{
    BoxOfficeClient::Failure failure;
    failure.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (failure.httpStatus == 0) {
        failure.code = QStringLiteral("UNREACHABLE");
        failure.message = reply->errorString();
        return failure;
    }
    const QJsonObject error =
        QJsonDocument::fromJson(body).object().value(QLatin1String("error")).toObject();
    failure.code = error.value(QLatin1String("code")).toString();
    failure.message = error.value(QLatin1String("message")).toString();
    if (failure.code.isEmpty()) {
        failure.code = QStringLiteral("BAD_RESPONSE");
        failure.message = QStringLiteral("HTTP %1").arg(failure.httpStatus);
    }
    return failure;
}

QByteArray headerName(BoxOfficeClient::KeyHeader header)
{
    switch (header) {
    case BoxOfficeClient::KeyHeader::ApiKey:
        return "X-Api-Key";
    case BoxOfficeClient::KeyHeader::AdminKey:
        return "X-Admin-Key";
    case BoxOfficeClient::KeyHeader::None:
        break;
    }
    return {};
}

} // namespace

bool BoxOfficeClient::Failure::routeMissing() const
{
    // An unknown entity's message names it; an unknown route is the server's generic 404.
    return httpStatus == 404 && is(ErrorCode::NotFound)
        && message.contains(QLatin1String("route"), Qt::CaseInsensitive);
}

BoxOfficeClient::BoxOfficeClient(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    qRegisterMetaType<BoxOfficeClient::Failure>();
}

BoxOfficeClient::~BoxOfficeClient()
{
    const QSet<QNetworkReply *> pending = m_pending;
    m_pending.clear();
    for (QNetworkReply *reply : pending) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void BoxOfficeClient::setBaseUrl(const QUrl &baseUrl)
{
    if (m_baseUrl == baseUrl)
        return;
    m_baseUrl = baseUrl;
    setRole(StaffRole::None, KeyHeader::None);
    Q_EMIT baseUrlChanged();
}

void BoxOfficeClient::setApiKey(const QString &key)
{
    if (m_apiKey == key)
        return;
    m_apiKey = key;
    setRole(StaffRole::None, KeyHeader::None);
}

QByteArray BoxOfficeClient::newIdempotencyKey()
{
    return "boxoffice-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

void BoxOfficeClient::setRole(StaffRole role, KeyHeader header)
{
    m_keyHeader = header;
    if (m_role == role)
        return;
    m_role = role;
    Q_EMIT roleChanged(role);
}

void BoxOfficeClient::signIn()
{
    const quint64 generation = ++m_signInGeneration;
    setRole(StaffRole::None, KeyHeader::None);
    if (m_apiKey.isEmpty()) {
        failSignIn({0, QStringLiteral("API_KEY_INVALID"), tr("No key given.")});
        return;
    }
    const QString keys = QStringLiteral("/api/v1/admin/api-keys?page=1&size=1");
    auto current = [this, generation]() {
        return generation == m_signInGeneration;
    };

    auto asBootstrap = [this, keys, current]() {
        probe("GET", keys, {}, KeyHeader::AdminKey, [this, current](int status, const Failure &f) {
            if (!current())
                return;
            if (status == 200)
                return finishSignIn(StaffRole::Admin, KeyHeader::AdminKey);
            if (status != 404)
                return failSignIn(f);
            // A server without the key routes: an empty concert is refused after the key check.
            probe("POST", QStringLiteral("/api/v1/admin/concerts"), "{}", KeyHeader::AdminKey,
                  [this, current](int status, const Failure &f) {
                      if (!current())
                          return;
                      if (status == 400)
                          return finishSignIn(StaffRole::Admin, KeyHeader::AdminKey);
                      failSignIn(f);
                  });
        });
    };

    probe("GET", keys, {}, KeyHeader::ApiKey,
          [this, current, asBootstrap](int status, const Failure &f) {
              if (!current())
                  return;
              if (status == 200)
                  return finishSignIn(StaffRole::Admin, KeyHeader::ApiKey);
              if (status == 0)
                  return failSignIn(f);
              if (status != 403)
                  return asBootstrap();
              probeStaff({QStringLiteral("/api/v1/admin/queue"),
                          QStringLiteral("/api/v1/admin/concerts/1")},
                         current);
          });
}

void BoxOfficeClient::probeStaff(QStringList paths, const std::function<bool()> &current)
{
    if (paths.isEmpty()) // no (staff) route on this server: the key can do what TERMINAL can
        return finishSignIn(StaffRole::Terminal, KeyHeader::ApiKey);
    const QString path = paths.takeFirst();
    probe("GET", path, {}, KeyHeader::ApiKey, [this, paths, current](int status, const Failure &f) {
        if (!current())
            return;
        if (status == 0)
            return failSignIn(f);
        if (status == 403)
            return finishSignIn(StaffRole::Terminal, KeyHeader::ApiKey);
        if (status == 404 && f.routeMissing())
            return probeStaff(paths, current);
        finishSignIn(StaffRole::Staff, KeyHeader::ApiKey); // 200, or an unknown concert
    });
}

void BoxOfficeClient::finishSignIn(StaffRole role, KeyHeader header)
{
    setRole(role, header);
    Q_EMIT signedIn(role);
}

void BoxOfficeClient::failSignIn(const Failure &failure)
{
    setRole(StaffRole::None, KeyHeader::None);
    Q_EMIT signInFailed(failure);
}

void BoxOfficeClient::probe(const QByteArray &method, const QString &path, const QByteArray &body,
                            KeyHeader header, std::function<void(int, const Failure &)> done)
{
    send(
        method, path, body, header, this, [done](const QJsonObject &) { done(200, {}); },
        [done](const Failure &failure) { done(failure.httpStatus, failure); });
}

void BoxOfficeClient::get(const QString &path, QObject *context, JsonHandler onSuccess,
                          FailureHandler onFailure)
{
    send("GET", path, {}, m_keyHeader, context, std::move(onSuccess), std::move(onFailure));
}

void BoxOfficeClient::post(const QString &path, const QJsonObject &body, QObject *context,
                           JsonHandler onSuccess, FailureHandler onFailure,
                           const QByteArray &idempotencyKey)
{
    send("POST", path, QJsonDocument(body).toJson(QJsonDocument::Compact), m_keyHeader, context,
         std::move(onSuccess), std::move(onFailure), idempotencyKey);
}

void BoxOfficeClient::patch(const QString &path, const QJsonObject &body, QObject *context,
                            JsonHandler onSuccess, FailureHandler onFailure)
{
    send("PATCH", path, QJsonDocument(body).toJson(QJsonDocument::Compact), m_keyHeader, context,
         std::move(onSuccess), std::move(onFailure));
}

void BoxOfficeClient::remove(const QString &path, QObject *context, JsonHandler onSuccess,
                             FailureHandler onFailure)
{
    send("DELETE", path, {}, m_keyHeader, context, std::move(onSuccess), std::move(onFailure));
}

void BoxOfficeClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                           KeyHeader header, QObject *context, JsonHandler onSuccess,
                           FailureHandler onFailure, const QByteArray &idempotencyKey)
{
    QUrl url = m_baseUrl;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0)
                + path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json; charset=utf-8"));
    if (header != KeyHeader::None && !m_apiKey.isEmpty())
        request.setRawHeader(headerName(header), m_apiKey.toUtf8());
    if (!idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", idempotencyKey);

    QNetworkReply *reply = m_network->sendCustomRequest(request, method, body);
    m_pending.insert(reply);
    QPointer<QObject> guard(context);
    const bool hasContext = context != nullptr;
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, guard, hasContext, onSuccess = std::move(onSuccess),
         onFailure = std::move(onFailure)]() {
            if (!m_pending.remove(reply))
                return;
            reply->deleteLater();
            const QByteArray answer = reply->readAll();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const bool alive = !hasContext || guard;
            if (status >= 200 && status < 300) {
                QJsonParseError error;
                const QJsonDocument document = QJsonDocument::fromJson(answer, &error);
                if (status == 204 || answer.isEmpty() || document.isObject()) {
                    if (alive && onSuccess)
                        onSuccess(document.object());
                    return;
                }
                const Failure failure{status, QStringLiteral("BAD_RESPONSE"), error.errorString()};
                Q_EMIT requestFailed(failure);
                if (alive && onFailure)
                    onFailure(failure);
                return;
            }
            const Failure failure = failureOf(reply, answer);
            Q_EMIT requestFailed(failure);
            if (alive && onFailure)
                onFailure(failure);
        });
}
