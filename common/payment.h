#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

/**
 * @brief A completed payment: the 201 body of `POST /api/v1/payments`. amount is what was taken
 * and balance what remained right after, both in KRW. status is always "COMPLETED".
 */
struct Payment
{
    qint64 paymentId = 0;
    qint64 reservationId = 0;
    QString userId;
    qint64 amount = 0;
    qint64 balance = 0;
    QDateTime paidAt;
    /** @brief The signed ticket of the paid reservation ("Additions to v1"); sent when set. */
    QString ticketCode;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Payment> fromJson(const QJsonObject &json);
};

/** @brief The body of `POST /api/v1/payments`: a reservation id 1..2^63-1. */
struct PaymentRequest
{
    qint64 reservationId = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<PaymentRequest> fromJson(const QJsonObject &json, QString *why = nullptr);
};

/** @brief An Idempotency-Key header is 1..64 printable ASCII characters (0x20..0x7E). */
[[nodiscard]] bool isValidIdempotencyKey(const QByteArray &key);
