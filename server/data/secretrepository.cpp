#include "data/secretrepository.h"

#include "data/database.h"

#include <QSqlQuery>

QByteArray SecretRepository::ensureSecret(const QString &name, const QByteArray &candidate)
{
    m_session.run(QStringLiteral("INSERT IGNORE INTO server_secrets (name, secret) VALUES (?, ?)"),
                  {name, candidate});
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT secret FROM server_secrets WHERE name = ?"), {name});
    return query.next() ? query.value(0).toByteArray() : QByteArray();
}
