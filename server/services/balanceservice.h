#pragma once

#include "balance.h"
#include "services/result.h"

#include <QByteArray>

class Database;

/**
 * @brief Balances (api-contract.md, "Balance"). A charge is one atomic upsert, so concurrent
 * charges are all applied. Every method runs SQL: call it from a worker thread.
 */
class BalanceService
{
public:
    explicit BalanceService(Database &database);

    /** @brief @p userId: canonical UUID. Errors: Unavailable, Internal. */
    Result<Balance> balance(const QString &userId);
    /**
     * @brief Adds @p amount (1..10,000,000 KRW). With an @p idempotencyKey (1..64 printable
     * ASCII characters, checked by the caller) a repeat by the same user with the same key and
     * amount returns the first answer and adds nothing, also when repeats arrive at once
     * (api-contract.md, "Balance: safe retries, who may charge").
     * Errors: Conflict (the key was used with another amount), Unavailable, Internal.
     */
    Result<Balance> charge(const QString &userId, qint64 amount,
                           const QByteArray &idempotencyKey = {});

private:
    Database &m_database;
};
