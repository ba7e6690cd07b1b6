#pragma once

#include "balance.h"
#include "services/result.h"

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
    /** @brief Adds @p amount (1..10,000,000 KRW). Errors: Unavailable, Internal. */
    Result<Balance> charge(const QString &userId, qint64 amount);

private:
    Database &m_database;
};
