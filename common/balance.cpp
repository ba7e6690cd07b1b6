#include "balance.h"

#include "jsonfields.h"

using namespace JsonFields;

QJsonObject Balance::toJson() const
{
    return QJsonObject{{QStringLiteral("userId"), userId}, {QStringLiteral("balance"), balance}};
}

std::optional<Balance> Balance::fromJson(const QJsonObject &json)
{
    const auto userId = readUuid(json, QStringLiteral("userId"));
    const auto balance = readInteger(json, QStringLiteral("balance"), 0, kMaxId);
    if (!userId || !balance)
        return std::nullopt;
    return Balance{*userId, *balance};
}

QJsonObject ChargeRequest::toJson() const
{
    return QJsonObject{{QStringLiteral("amount"), amount}};
}

std::optional<ChargeRequest> ChargeRequest::fromJson(const QJsonObject &json, QString *why)
{
    const auto amount = readInteger(json, QStringLiteral("amount"), 1, kMaxChargeAmount, why);
    if (!amount)
        return std::nullopt;
    return ChargeRequest{*amount};
}
