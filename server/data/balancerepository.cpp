#include "data/balancerepository.h"

#include "data/database.h"

#include <QSqlQuery>

qint64 BalanceRepository::balance(const QString &userId)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT balance FROM users WHERE id = ?"), {userId});
    return query.next() ? query.value(0).toLongLong() : 0;
}

qint64 BalanceRepository::charge(const QString &userId, qint64 amount, const QDateTime &now)
{
    m_session.run(QStringLiteral("INSERT INTO users (id, balance) VALUES (?, ?) "
                                 "ON DUPLICATE KEY UPDATE balance = balance + VALUES(balance)"),
                  {userId, amount});
    m_session.run(QStringLiteral("INSERT INTO balance_ledger (user_id, kind, amount, created_at) "
                                 "VALUES (?, 'CHARGE', ?, ?)"),
                  {userId, amount, Database::toSqlTime(now)});
    // Within this transaction the row is locked by the upsert: this is our own new balance.
    return balance(userId);
}

std::optional<qint64> BalanceRepository::debit(const QString &userId, qint64 amount)
{
    if (amount == 0)
        m_session.run(QStringLiteral("INSERT IGNORE INTO users (id) VALUES (?)"), {userId});
    QSqlQuery &query = m_session.run(
        QStringLiteral("UPDATE users SET balance = balance - ? WHERE id = ? AND balance >= ?"),
        {amount, userId, amount});
    if (DbSession::rowsAffected(query) != 1)
        return std::nullopt;
    return balance(userId);
}

void BalanceRepository::recordPayment(const QString &userId, qint64 amount, qint64 paymentId,
                                      const QDateTime &now)
{
    m_session.run(QStringLiteral("INSERT INTO balance_ledger (user_id, kind, amount, payment_id, "
                                 "created_at) VALUES (?, 'PAYMENT', ?, ?, ?)"),
                  {userId, -amount, paymentId, Database::toSqlTime(now)});
}

qint64 BalanceRepository::refund(const QString &userId, qint64 amount, qint64 paymentId,
                                 const QDateTime &now)
{
    m_session.run(QStringLiteral("INSERT INTO users (id, balance) VALUES (?, ?) "
                                 "ON DUPLICATE KEY UPDATE balance = balance + VALUES(balance)"),
                  {userId, amount});
    m_session.run(QStringLiteral("INSERT INTO balance_ledger (user_id, kind, amount, payment_id, "
                                 "created_at) VALUES (?, 'REFUND', ?, ?, ?)"),
                  {userId, amount, paymentId, Database::toSqlTime(now)});
    return balance(userId);
}

bool BalanceRepository::claimChargeKey(const QString &userId, const QByteArray &idempotencyKey,
                                       qint64 amount, const QDateTime &now)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("INSERT IGNORE INTO charge_requests (user_id, idempotency_key, amount, "
                       "balance_after, created_at) VALUES (?, ?, ?, 0, ?)"),
        {userId, QString::fromLatin1(idempotencyKey), amount, Database::toSqlTime(now)});
    return DbSession::rowsAffected(query) == 1;
}

std::optional<BalanceRepository::ChargeRequestRow>
BalanceRepository::chargeRequest(const QString &userId, const QByteArray &idempotencyKey)
{
    QSqlQuery &query =
        m_session.run(QStringLiteral("SELECT amount, balance_after FROM charge_requests "
                                     "WHERE user_id = ? AND idempotency_key = ?"),
                      {userId, QString::fromLatin1(idempotencyKey)});
    if (!query.next())
        return std::nullopt;
    return ChargeRequestRow{query.value(0).toLongLong(), query.value(1).toLongLong()};
}

void BalanceRepository::setChargeAnswer(const QString &userId, const QByteArray &idempotencyKey,
                                        qint64 balanceAfter)
{
    m_session.run(QStringLiteral("UPDATE charge_requests SET balance_after = ? "
                                 "WHERE user_id = ? AND idempotency_key = ?"),
                  {balanceAfter, userId, QString::fromLatin1(idempotencyKey)});
}
