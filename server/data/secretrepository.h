#pragma once

#include <QByteArray>
#include <QString>

class DbSession;

/**
 * @brief SQL of `server_secrets`: secrets every instance shares (the queue token signing key).
 * Every method throws DbFailure on a database error (caught by Database).
 */
class SecretRepository
{
public:
    explicit SecretRepository(DbSession &session)
        : m_session(session)
    { }

    /**
     * @brief The secret named @p name; stores @p candidate first when there is none yet, so that
     * of instances starting at once the first one's candidate wins and all read the same.
     * Returns an empty array only if the row cannot be read back.
     */
    QByteArray ensureSecret(const QString &name, const QByteArray &candidate);

private:
    DbSession &m_session;
};
