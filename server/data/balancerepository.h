#pragma once

#include <QDateTime>
#include <QString>

#include <optional>

class DbSession;

/**
 * @brief SQL of money: `users.balance` (never below 0, a CHECK constraint) and the
 * `balance_ledger` of every movement. Every method throws DbFailure on a database error.
 */
class BalanceRepository
{
public:
    explicit BalanceRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief The balance in KRW; 0 for a user never seen. */
    qint64 balance(const QString &userId);
    /** @brief Adds @p amount atomically (creating the user) and records it; returns the new
     * balance. */
    qint64 charge(const QString &userId, qint64 amount, const QDateTime &now);
    /**
     * @brief Takes @p amount only if the balance covers it (one conditional UPDATE, so
     * concurrent debits can never overdraw). @return the remaining balance, or std::nullopt
     * when it does not cover @p amount.
     */
    std::optional<qint64> debit(const QString &userId, qint64 amount);
    /** @brief Records a payment's debit in the ledger. */
    void recordPayment(const QString &userId, qint64 amount, qint64 paymentId,
                       const QDateTime &now);

private:
    DbSession &m_session;
};
