#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

/** @brief Largest single charge, in KRW (api-contract.md, "Balance"). */
inline constexpr qint64 kMaxChargeAmount = 10'000'000;

/** @brief A user's balance in KRW (>= 0): the body of both balance endpoints. */
struct Balance
{
    QString userId;
    qint64 balance = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<Balance> fromJson(const QJsonObject &json);
};

/** @brief The body of `POST /api/v1/users/{userId}/balance/charge`: amount 1..10,000,000 KRW. */
struct ChargeRequest
{
    qint64 amount = 0;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<ChargeRequest> fromJson(const QJsonObject &json, QString *why = nullptr);
};
