#pragma once

#include "apierror.h"
#include "staffrole.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

/**
 * @brief The box office's HTTP client for concert-server (api-contract.md: "Administration",
 * "Additions to v1": "Balance", "Keys, staff and audit", "Box office").
 *
 * Holds the server's base URL and the staff key. signIn() learns which header the key works
 * in and what role it has, by probing read-only routes (no write, no audit row):
 * 1. `GET /api/v1/admin/api-keys` with `X-Api-Key`: 200 → ADMIN; 403 → STAFF or TERMINAL,
 *    told apart by `GET /api/v1/admin/queue` (or, on a server without it,
 *    `GET /api/v1/admin/concerts/1`): 403 → TERMINAL, else STAFF; a server with neither route
 *    offers STAFF nothing beyond TERMINAL, so the key counts as TERMINAL there;
 * 2. otherwise the same GET with `X-Admin-Key` (the server's configured bootstrap key): 200 →
 *    ADMIN; on a server without the key routes (404) `POST /api/v1/admin/concerts` with `{}`
 *    tells a valid key (400) from a wrong one (401), creating nothing.
 * Every later call carries the key in the header that worked.
 *
 * Calls are asynchronous: a context object, a success handler (the answer's JSON object; `{}`
 * for a 204) and an optional failure handler. Neither runs once the context is gone. Every
 * failure is also announced by requestFailed().
 */
class BoxOfficeClient : public QObject
{
    Q_OBJECT

public:
    /** @brief Why a call failed. code is the contract's wire name ("SEAT_UNAVAILABLE"). */
    struct Failure
    {
        int httpStatus = 0; ///< 0 when no HTTP answer arrived (server unreachable, time-out)
        QString code; ///< e.g. "NOT_FOUND"; "UNREACHABLE" without an answer; "BAD_RESPONSE"
        QString message; ///< the server's message or a transport description

        /** @brief Whether this is the contract's error @p error. */
        [[nodiscard]] bool is(ErrorCode error) const { return code == errorCodeName(error); }
        /** @brief A 404 for a route the server does not have (not an unknown entity). */
        [[nodiscard]] bool routeMissing() const;
    };
    using JsonHandler = std::function<void(const QJsonObject &)>;
    using FailureHandler = std::function<void(const Failure &)>;

    /** @brief Which header carries the key. */
    enum class KeyHeader { None, ApiKey, AdminKey };

    explicit BoxOfficeClient(QObject *parent = nullptr);
    ~BoxOfficeClient() override;

    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }
    /** @brief Base URL of concert-server, e.g. http://127.0.0.1:8080 (without /api/v1). */
    void setBaseUrl(const QUrl &baseUrl);
    [[nodiscard]] QString apiKey() const { return m_apiKey; }
    /** @brief Sets the key; the role is None until signIn() succeeds. */
    void setApiKey(const QString &key);
    [[nodiscard]] StaffRole role() const { return m_role; }
    [[nodiscard]] KeyHeader keyHeader() const { return m_keyHeader; }
    /** @brief A request without an answer after this many ms fails as UNREACHABLE (>= 100). */
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = qMax(100, timeoutMs); }
    [[nodiscard]] int pendingRequests() const { return int(m_pending.size()); }

    /**
     * @brief Probes the key (see the class comment). Emits signedIn() with the role, or
     * signInFailed() with API_KEY_INVALID / ADMIN_KEY_INVALID (a wrong key) or UNREACHABLE.
     */
    void signIn();

    /** @brief GET @p path (from /api/v1/..., query included). */
    void get(const QString &path, QObject *context, JsonHandler onSuccess,
             FailureHandler onFailure = {});
    /** @brief POST @p body as JSON; @p idempotencyKey, when not empty, as Idempotency-Key. */
    void post(const QString &path, const QJsonObject &body, QObject *context, JsonHandler onSuccess,
              FailureHandler onFailure = {}, const QByteArray &idempotencyKey = {});
    /** @brief PATCH @p body as JSON. */
    void patch(const QString &path, const QJsonObject &body, QObject *context,
               JsonHandler onSuccess, FailureHandler onFailure = {});
    /** @brief DELETE @p path; a 204 calls @p onSuccess with `{}`. */
    void remove(const QString &path, QObject *context, JsonHandler onSuccess,
                FailureHandler onFailure = {});

    /** @brief A fresh Idempotency-Key: "boxoffice-" and a random UUID (46 characters). */
    [[nodiscard]] static QByteArray newIdempotencyKey();

Q_SIGNALS:
    void baseUrlChanged();
    void roleChanged(StaffRole role);
    /** @brief signIn() finished: the key works, with @p role. */
    void signedIn(StaffRole role);
    /** @brief signIn() found the key wrong or the server unreachable. */
    void signInFailed(const BoxOfficeClient::Failure &failure);
    /** @brief Any call failed (also those with a failure handler). */
    void requestFailed(const BoxOfficeClient::Failure &failure);

private:
    void send(const QByteArray &method, const QString &path, const QByteArray &body,
              KeyHeader header, QObject *context, JsonHandler onSuccess, FailureHandler onFailure,
              const QByteArray &idempotencyKey = {});
    void probe(const QByteArray &method, const QString &path, const QByteArray &body,
               KeyHeader header, std::function<void(int status, const Failure &)> done);
    /** Tells STAFF from TERMINAL with the first of @p paths (staff GETs) the server has. */
    void probeStaff(QStringList paths, const std::function<bool()> &current);
    void setRole(StaffRole role, KeyHeader header);
    void finishSignIn(StaffRole role, KeyHeader header);
    void failSignIn(const Failure &failure);

    QNetworkAccessManager *m_network = nullptr;
    QUrl m_baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080"));
    QString m_apiKey;
    StaffRole m_role = StaffRole::None;
    KeyHeader m_keyHeader = KeyHeader::None;
    int m_timeoutMs = 10000;
    quint64 m_signInGeneration = 0;
    QSet<QNetworkReply *> m_pending;
};

Q_DECLARE_METATYPE(BoxOfficeClient::Failure)
