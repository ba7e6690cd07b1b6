#pragma once

#include "services/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>
#include <optional>

class Database;
class DbSession;
class QThread;
class QTimer;

/** @brief What an API key may do (api-contract.md, "Keys, staff and audit"). */
enum class KeyRole { Admin, Staff, Terminal };

/** @brief "ADMIN", "STAFF" or "TERMINAL". */
[[nodiscard]] QString keyRoleName(KeyRole role);
[[nodiscard]] std::optional<KeyRole> keyRoleFromName(QStringView name);

/** @brief Who sent a request that passed authorization: a key and its role. */
struct Caller
{
    qint64 keyId = 0; ///< 0 for the bootstrap key (--admin-key)
    QString keyName; ///< "bootstrap" for --admin-key: the audit's keyName
    KeyRole role = KeyRole::Admin;
};

/** @brief What a route asks of its caller. */
enum class Permission {
    Admin, ///< admin routes not marked (staff): ADMIN keys and --admin-key
    Staff, ///< routes marked (staff): STAFF and ADMIN keys and --admin-key
    Charge, ///< charges under `--charges key`: TERMINAL, STAFF, ADMIN keys and --admin-key
};

/** @brief The credential headers of a request, as sent (present or not, and their values). */
struct Credentials
{
    bool hasAdminKey = false; ///< an `X-Admin-Key` header was sent (even empty)
    QByteArray adminKey;
    bool hasApiKey = false; ///< an `X-Api-Key` header was sent (even empty)
    QByteArray apiKey;
};

/** @brief An API key as the admin API shows it; key is set only in the 201 of its creation. */
struct ApiKeyInfo
{
    qint64 id = 0;
    QString name;
    KeyRole role = KeyRole::Terminal;
    QString prefix;
    QDateTime createdAt;
    QDateTime revokedAt; ///< invalid while the key works
    QString key; ///< the whole key: only right after creation, never stored

    /** @brief `{"id","name","role","prefix","createdAt","revokedAt"}` (+ `"key"` when set). */
    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief An audit row as `GET /api/v1/admin/audit` shows it. */
struct AuditEntry
{
    QDateTime at;
    QString keyName;
    QString action;
    QString target;
    QJsonObject detail;

    [[nodiscard]] QJsonObject toJson() const;
};

/** @brief `{"items": [...], "page", "size", "total"}`, the shape of every admin list. */
template<typename T>
struct ListPage
{
    QList<T> items;
    int page = 1;
    int size = 20;
    qint64 total = 0;

    [[nodiscard]] QJsonObject toJson() const
    {
        QJsonArray array;
        for (const T &item : items)
            array.append(item.toJson());
        return QJsonObject{{QStringLiteral("items"), array},
                           {QStringLiteral("page"), page},
                           {QStringLiteral("size"), size},
                           {QStringLiteral("total"), total}};
    }
};

/**
 * @brief The one place that decides who may call what (api-contract.md, "Keys, staff and
 * audit"; "Balance: safe retries, who may charge"), and the keys and audit trail behind it.
 *
 * **Rules.** A valid `X-Admin-Key` (the configured --admin-key, the "bootstrap" key) may do
 * everything. Otherwise, when `X-Api-Key` is sent, it decides: wrong or revoked → 401
 * API_KEY_INVALID, a role that may not → 403 FORBIDDEN. With neither a valid `X-Admin-Key` nor
 * an `X-Api-Key`: 401 ADMIN_KEY_INVALID on admin routes, 401 API_KEY_INVALID on charges.
 *
 * **Keys.** A key is `ck_` + 43 base64url characters (32 bytes from the system's cryptographic
 * random source); the database keeps only its SHA-256 hash and an 11-character prefix. Every
 * instance keeps an in-memory table (hash → id, name, role, revoked) re-read from the database
 * every @p refreshMs (the queue tick) on a thread and connection of its own, so a request with
 * a known key costs no database round trip and a key revoked on any instance stops working on
 * every instance within one tick. A key not in the table (made on another instance since the
 * last refresh, or simply wrong) is looked up once by its hash (a unique index). Presented keys
 * are hashed and the digests compared in constant time.
 *
 * **Audit.** record() and the services' own transactions (AuditRepository) write one row per
 * admin or staff write.
 */
class AccessControl
{
public:
    AccessControl(Database &database, const QString &bootstrapKey, int refreshMs);
    ~AccessControl();
    Q_DISABLE_COPY_MOVE(AccessControl)

    /** @brief Starts refreshing the key table every refreshMs (first refresh at once). */
    void start();
    /** @brief Stops refreshing and joins the refresh thread. */
    void stop();
    /** @brief Re-reads the key table now (on the calling thread's connection). */
    Result<Done> refresh();

    /** @brief The outcome of decide(): Unknown means "ask authorize() on a worker thread". */
    struct Decision
    {
        enum class Verdict { Allowed, Denied, Unknown } verdict = Verdict::Unknown;
        Caller caller; ///< when Allowed
        ApiError error; ///< when Denied: AdminKeyInvalid, ApiKeyInvalid or Forbidden
    };
    /**
     * @brief Decides from memory alone (no database round trip; safe on the HTTP thread).
     * Unknown only when an `X-Api-Key` is not in the key table yet.
     */
    [[nodiscard]] Decision decide(const Credentials &credentials, Permission permission) const;
    /**
     * @brief decide(), then, for a key not in the table, one indexed lookup by its hash.
     * Errors: AdminKeyInvalid, ApiKeyInvalid, Forbidden (see the class rules), Unavailable.
     * May run SQL: call it from a worker thread.
     */
    Result<Caller> authorize(const Credentials &credentials, Permission permission);
    /**
     * @brief The hook for other routes (e.g. the token-rate exemption at the edge): the caller
     * of a valid key of any role, from memory; std::nullopt for a wrong or revoked key and for
     * one not in the table yet (then use authorize() with Permission::Charge on a worker).
     */
    [[nodiscard]] std::optional<Caller> knownKey(const QByteArray &apiKey) const;
    /**
     * @brief Whether the request's `X-Api-Key` (@p credentials) is a valid key of any role: a
     * TERMINAL, STAFF or ADMIN key in the in-memory table, or the bootstrap `--admin-key` sent
     * as `X-Api-Key` (digests compared in constant time). What exempts token issue from
     * `--token-rate-per-ip` (api-contract.md, "Limits at the edge"). From memory only, never
     * blocks: a key not in the table yet counts as unknown. false without an `X-Api-Key`.
     */
    [[nodiscard]] bool isKnownKey(const Credentials &credentials) const;

    /**
     * @brief Makes a key (POST /admin/api-keys): @p name 1..100 characters. The 201 body is the
     * only place the key appears. Audited as `key.create`. Errors: Unavailable, Internal.
     */
    Result<ApiKeyInfo> createKey(const Caller &by, const QString &name, KeyRole role);
    /** @brief Keys, newest first, without keys. page >= 1, size 1..100. Errors: Unavailable. */
    Result<ListPage<ApiKeyInfo>> listKeys(int page, int size);
    /**
     * @brief Revokes key @p id at once on this instance, within a tick on the others; revoking
     * a revoked key again succeeds and changes nothing. Audited as `key.revoke`.
     * Errors: NotFound (no such key), Unavailable, Internal.
     */
    Result<Done> revokeKey(const Caller &by, qint64 id);

    /** @brief The audit trail, newest first. page >= 1, size 1..100. Errors: Unavailable. */
    Result<ListPage<AuditEntry>> audit(int page, int size);
    /**
     * @brief Writes one audit row in its own statement, for writes that have no transaction
     * of their own to put it in. The write it records has already happened, so a failure
     * (database unavailable) does not undo or fail it: it is logged as a warning (category
     * `concert.server.audit`) naming the row that is missing.
     */
    void record(const Caller &by, const QString &action, const QString &target,
                const QJsonObject &detail = {});
    /** @brief Writes one audit row inside the caller's transaction on @p session. */
    static void record(DbSession &session, const Caller &by, const QString &action,
                       const QString &target, const QJsonObject &detail = {});

    /** @brief A new key: `ck_` + 43 base64url characters. */
    [[nodiscard]] static QString generateKey();
    /** @brief SHA-256 of @p key, the only form in which keys are stored and compared. */
    [[nodiscard]] static QByteArray hashKey(const QByteArray &key);

private:
    struct KeyEntry
    {
        qint64 id = 0;
        QString name;
        KeyRole role = KeyRole::Terminal;
        bool revoked = false;
    };
    using KeyTable = QHash<QByteArray, KeyEntry>;

    std::shared_ptr<const KeyTable> table() const;
    void remember(const QByteArray &hash, const KeyEntry &entry);
    Decision judgeKey(const KeyEntry *entry, Permission permission) const;

    Database &m_database;
    const QByteArray m_bootstrapHash; ///< empty when no --admin-key is configured
    const int m_refreshMs;
    mutable QMutex m_mutex;
    std::shared_ptr<const KeyTable> m_table;
    QThread *m_thread = nullptr;
    QTimer *m_timer = nullptr;
};
