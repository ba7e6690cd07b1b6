#include "data/apikeyrepository.h"

#include "data/database.h"

#include <QSqlQuery>

namespace {

const QString kColumns =
    QStringLiteral("id, name, role, key_prefix, key_hash, created_at, revoked_at");

} // namespace

ApiKeyRow ApiKeyRepository::read(const QSqlQuery &query) const
{
    return ApiKeyRow{query.value(0).toLongLong(),
                     query.value(1).toString(),
                     query.value(2).toString(),
                     query.value(3).toString(),
                     query.value(4).toByteArray(),
                     Database::fromSqlTime(query.value(5)),
                     Database::fromSqlTime(query.value(6))};
}

qint64 ApiKeyRepository::insert(const ApiKeyRow &row)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("INSERT INTO api_keys (name, role, key_prefix, key_hash, created_at) "
                       "VALUES (?, ?, ?, ?, ?)"),
        {row.name, row.role, row.prefix, row.hash, Database::toSqlTime(row.createdAt)});
    return query.lastInsertId().toLongLong();
}

QList<ApiKeyRow> ApiKeyRepository::all()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT %1 FROM api_keys").arg(kColumns));
    QList<ApiKeyRow> rows;
    while (query.next())
        rows.append(read(query));
    return rows;
}

std::optional<ApiKeyRow> ApiKeyRepository::findByHash(const QByteArray &hash)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM api_keys WHERE key_hash = ?").arg(kColumns), {hash});
    if (!query.next())
        return std::nullopt;
    return read(query);
}

std::optional<ApiKeyRow> ApiKeyRepository::find(qint64 id)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT %1 FROM api_keys WHERE id = ?").arg(kColumns), {id});
    if (!query.next())
        return std::nullopt;
    return read(query);
}

QList<ApiKeyRow> ApiKeyRepository::page(int page, int size)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT %1 FROM api_keys ORDER BY id DESC LIMIT ? OFFSET ?").arg(kColumns),
        {size, qint64(page - 1) * size});
    QList<ApiKeyRow> rows;
    while (query.next())
        rows.append(read(query));
    return rows;
}

qint64 ApiKeyRepository::count()
{
    QSqlQuery &query = m_session.run(QStringLiteral("SELECT COUNT(*) FROM api_keys"));
    return query.next() ? query.value(0).toLongLong() : 0;
}

bool ApiKeyRepository::revoke(qint64 id, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL"),
        {Database::toSqlTime(now), id});
    return DbSession::rowsAffected(query) == 1;
}
