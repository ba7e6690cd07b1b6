#include "payment.h"

#include "jsonfields.h"

using namespace JsonFields;

QJsonObject Payment::toJson() const
{
    QJsonObject json{{QStringLiteral("paymentId"), paymentId},
                     {QStringLiteral("reservationId"), reservationId},
                     {QStringLiteral("userId"), userId},
                     {QStringLiteral("amount"), amount},
                     {QStringLiteral("status"), QStringLiteral("COMPLETED")},
                     {QStringLiteral("balance"), balance},
                     {QStringLiteral("paidAt"), formatTimestamp(paidAt)}};
    if (!ticketCode.isEmpty())
        json.insert(QStringLiteral("ticketCode"), ticketCode);
    return json;
}

std::optional<Payment> Payment::fromJson(const QJsonObject &json)
{
    const auto paymentId = readInteger(json, QStringLiteral("paymentId"), 1, kMaxId);
    const auto reservationId = readInteger(json, QStringLiteral("reservationId"), 1, kMaxId);
    const auto userId = readUuid(json, QStringLiteral("userId"));
    const auto amount = readInteger(json, QStringLiteral("amount"), 0, kMaxId);
    const auto balance = readInteger(json, QStringLiteral("balance"), 0, kMaxId);
    const auto paidAt = parseTimestamp(json.value(QLatin1String("paidAt")).toString());
    if (!paymentId || !reservationId || !userId || !amount || !balance || !paidAt)
        return std::nullopt;
    return Payment{*paymentId,
                   *reservationId,
                   *userId,
                   *amount,
                   *balance,
                   *paidAt,
                   json.value(QLatin1String("ticketCode")).toString()};
}

QJsonObject PaymentRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("reservationId"), reservationId}};
}

std::optional<PaymentRequest> PaymentRequest::fromJson(const QJsonObject &json, QString *why)
{
    const auto id = readInteger(json, QStringLiteral("reservationId"), 1, kMaxId, why);
    if (!id)
        return std::nullopt;
    return PaymentRequest{*id};
}

bool isValidIdempotencyKey(const QByteArray &key)
{
    if (key.isEmpty() || key.size() > 64)
        return false;
    for (char c : key) {
        if (c < 0x20 || c > 0x7e)
            return false;
    }
    return true;
}
