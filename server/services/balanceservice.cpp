#include "services/balanceservice.h"

#include "data/balancerepository.h"
#include "services/clock.h"
#include "data/database.h"

BalanceService::BalanceService(Database &database)
    : m_database(database)
{ }

Result<Balance> BalanceService::balance(const QString &userId)
{
    return m_database.run<Balance>([&](DbSession &session) {
        return Result<Balance>(Balance{userId, BalanceRepository(session).balance(userId)});
    });
}

Result<Balance> BalanceService::charge(const QString &userId, qint64 amount)
{
    const QDateTime now = Clock::now();
    return m_database.transaction<Balance>([&](DbSession &session) {
        return Result<Balance>(
            Balance{userId, BalanceRepository(session).charge(userId, amount, now)});
    });
}
