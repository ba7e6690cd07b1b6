#include "services/balanceservice.h"

#include "data/balancerepository.h"
#include "data/database.h"
#include "services/clock.h"

BalanceService::BalanceService(Database &database)
    : m_database(database)
{ }

Result<Balance> BalanceService::balance(const QString &userId)
{
    return m_database.run<Balance>([&](DbSession &session) {
        return Result<Balance>(Balance{userId, BalanceRepository(session).balance(userId)});
    });
}

Result<Balance> BalanceService::charge(const QString &userId, qint64 amount,
                                       const QByteArray &idempotencyKey)
{
    const QDateTime now = Clock::now();
    return m_database.transaction<Balance>([&](DbSession &session) -> Result<Balance> {
        BalanceRepository balances(session);
        // The key's row is claimed first: a concurrent repeat waits on its lock until this
        // transaction ends, then finds the committed answer (READ COMMITTED) and replays it.
        if (!idempotencyKey.isEmpty()
            && !balances.claimChargeKey(userId, idempotencyKey, amount, now)) {
            const auto earlier = balances.chargeRequest(userId, idempotencyKey);
            if (!earlier)
                return ApiError{ErrorCode::Internal,
                                QStringLiteral("the charge of this Idempotency-Key vanished")};
            if (earlier->amount != amount)
                return ApiError{
                    ErrorCode::Conflict,
                    QStringLiteral("this Idempotency-Key was used for a charge of %1 KRW")
                        .arg(earlier->amount)};
            return Balance{userId, earlier->balanceAfter};
        }
        const qint64 balance = balances.charge(userId, amount, now);
        if (!idempotencyKey.isEmpty())
            balances.setChargeAnswer(userId, idempotencyKey, balance);
        return Balance{userId, balance};
    });
}
