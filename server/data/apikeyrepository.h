#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

class DbSession;

/** @brief One row of `api_keys`: never the key itself, only its SHA-256 hash and prefix. */
struct ApiKeyRow
{
    qint64 id = 0;
    QString name;
    QString role; ///< "ADMIN", "STAFF" or "TERMINAL"
    QString prefix; ///< the first characters of the key, to tell keys apart in lists
    QByteArray hash; ///< SHA-256 of the key, 32 bytes
    QDateTime createdAt;
    QDateTime revokedAt; ///< invalid while the key works
};

/**
 * @brief SQL of `api_keys` (migration 003). Every method throws DbFailure on a database error.
 */
class ApiKeyRepository
{
public:
    explicit ApiKeyRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Inserts a key; returns its id. */
    qint64 insert(const ApiKeyRow &row);
    /** @brief Every key, revoked ones included (the in-memory key table of each instance). */
    QList<ApiKeyRow> all();
    /** @brief The key with SHA-256 @p hash (an indexed lookup on the unique hash). */
    std::optional<ApiKeyRow> findByHash(const QByteArray &hash);
    std::optional<ApiKeyRow> find(qint64 id);
    /** @brief Page @p page (1-based) of @p size keys, newest first. */
    QList<ApiKeyRow> page(int page, int size);
    qint64 count();
    /** @brief Sets revoked_at unless it is set already; false when it was. */
    bool revoke(qint64 id, const QDateTime &now);

private:
    ApiKeyRow read(const class QSqlQuery &query) const;

    DbSession &m_session;
};
