#include "data/paymentrepository.h"

#include "data/database.h"

#include <QSqlQuery>

Payment PaymentRepository::insert(const Payment &payment, const QByteArray &idempotencyKey)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("INSERT INTO payments (reservation_id, user_id, amount, balance_after, "
                       "idempotency_key, paid_at) VALUES (?, ?, ?, ?, ?, ?)"),
        {payment.reservationId, payment.userId, payment.amount, payment.balance,
         idempotencyKey.isEmpty() ? QVariant(QMetaType(QMetaType::QString))
                                  : QVariant(QString::fromLatin1(idempotencyKey)),
         Database::toSqlTime(payment.paidAt)});
    Payment stored = payment;
    stored.paymentId = query.lastInsertId().toLongLong();
    return stored;
}

std::optional<Payment> PaymentRepository::findByIdempotencyKey(const QString &userId,
                                                               const QByteArray &idempotencyKey)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, reservation_id, user_id, amount, balance_after, paid_at "
                       "FROM payments WHERE user_id = ? AND idempotency_key = ?"),
        {userId, QString::fromLatin1(idempotencyKey)});
    if (!query.next())
        return std::nullopt;
    return Payment{query.value(0).toLongLong(), query.value(1).toLongLong(),
                   query.value(2).toString(),   query.value(3).toLongLong(),
                   query.value(4).toLongLong(), Database::fromSqlTime(query.value(5))};
}

std::optional<Payment> PaymentRepository::findByReservation(qint64 reservationId)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, reservation_id, user_id, amount, balance_after, paid_at "
                       "FROM payments WHERE reservation_id = ?"),
        {reservationId});
    if (!query.next())
        return std::nullopt;
    return Payment{query.value(0).toLongLong(), query.value(1).toLongLong(),
                   query.value(2).toString(),   query.value(3).toLongLong(),
                   query.value(4).toLongLong(), Database::fromSqlTime(query.value(5))};
}

QList<Payment> PaymentRepository::newestOf(const QString &userId, int limit)
{
    QSqlQuery &query = m_session.run(
        QStringLiteral("SELECT id, reservation_id, user_id, amount, balance_after, paid_at "
                       "FROM payments WHERE user_id = ? ORDER BY paid_at DESC, id DESC LIMIT ?"),
        {userId, limit});
    QList<Payment> payments;
    while (query.next())
        payments.append(Payment{query.value(0).toLongLong(), query.value(1).toLongLong(),
                                query.value(2).toString(), query.value(3).toLongLong(),
                                query.value(4).toLongLong(),
                                Database::fromSqlTime(query.value(5))});
    return payments;
}
