#pragma once

#include <QByteArray>
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

    /** @brief Puts a cancelled payment's amount back on the balance and records a REFUND line. */
    qint64 refund(const QString &userId, qint64 amount, qint64 paymentId, const QDateTime &now);

    /** @brief A charge made with an Idempotency-Key: its amount and the balance it answered. */
    struct ChargeRequestRow
    {
        qint64 amount = 0;
        qint64 balanceAfter = 0;
    };
    /**
     * @brief Claims (@p userId, @p idempotencyKey) for a charge of @p amount: true for the first
     * claim. A concurrent claim of the same key waits for the first one's transaction (the
     * primary key's row lock) and then returns false.
     */
    bool claimChargeKey(const QString &userId, const QByteArray &idempotencyKey, qint64 amount,
                        const QDateTime &now);
    std::optional<ChargeRequestRow> chargeRequest(const QString &userId,
                                                  const QByteArray &idempotencyKey);
    /** @brief Stores the balance the claimed charge answered with. */
    void setChargeAnswer(const QString &userId, const QByteArray &idempotencyKey,
                         qint64 balanceAfter);

private:
    DbSession &m_session;
};
