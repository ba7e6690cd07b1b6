#pragma once

#include "payment.h"

#include <QByteArray>
#include <QList>

#include <optional>

class DbSession;

/**
 * @brief SQL of `payments`: one per reservation and one per (user, Idempotency-Key), both
 * unique keys. Every method throws DbFailure on a database error.
 */
class PaymentRepository
{
public:
    explicit PaymentRepository(DbSession &session)
        : m_session(session)
    { }

    /** @brief Records a completed payment; returns it with its id. */
    Payment insert(const Payment &payment, const QByteArray &idempotencyKey);
    /** @brief The user's payment made with @p idempotencyKey, if any. */
    std::optional<Payment> findByIdempotencyKey(const QString &userId,
                                                const QByteArray &idempotencyKey);

    /** @brief The payment of reservation @p reservationId, if it was paid. */
    std::optional<Payment> findByReservation(qint64 reservationId);
    /** @brief The user's newest @p limit payments, newest first. */
    QList<Payment> newestOf(const QString &userId, int limit);

private:
    DbSession &m_session;
};
