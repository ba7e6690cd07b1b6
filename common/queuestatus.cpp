#include "queuestatus.h"

#include "jsonfields.h"

QString tokenStatusName(TokenStatus status)
{
    switch (status) {
    case TokenStatus::Waiting:
        return QStringLiteral("WAITING");
    case TokenStatus::Active:
        return QStringLiteral("ACTIVE");
    case TokenStatus::Expired:
        return QStringLiteral("EXPIRED");
    }
    Q_UNREACHABLE();
    return {};
}

std::optional<TokenStatus> tokenStatusFromName(QStringView name)
{
    for (TokenStatus s : {TokenStatus::Waiting, TokenStatus::Active, TokenStatus::Expired}) {
        if (name == tokenStatusName(s))
            return s;
    }
    return std::nullopt;
}

QJsonObject QueueStatus::toJson() const
{
    QJsonObject json{
        {QStringLiteral("status"), tokenStatusName(status)},
        {QStringLiteral("position"), position},
        {QStringLiteral("estimatedWaitSeconds"), estimatedWaitSeconds},
        {QStringLiteral("expiresAt"), JsonFields::timestampOrNull(expiresAt)},
        {QStringLiteral("concertId"), concertId ? QJsonValue(*concertId) : QJsonValue()},
    };
    if (saleOpensAt) {
        json.insert(QStringLiteral("position"), QJsonValue());
        json.insert(QStringLiteral("estimatedWaitSeconds"), QJsonValue());
        json.insert(QStringLiteral("saleOpensAt"), JsonFields::timestampOrNull(saleOpensAt));
    }
    if (status == TokenStatus::Expired && !reason.isEmpty())
        json.insert(QStringLiteral("reason"), reason);
    if (soldOut)
        json.insert(QStringLiteral("soldOut"), true);
    return json;
}

std::optional<QueueStatus> QueueStatus::fromJson(const QJsonObject &json)
{
    const auto status = tokenStatusFromName(json.value(QLatin1String("status")).toString());
    std::optional<QDateTime> saleOpensAt;
    if (json.value(QLatin1String("saleOpensAt")).isString()) {
        saleOpensAt =
            JsonFields::parseTimestamp(json.value(QLatin1String("saleOpensAt")).toString());
        if (!saleOpensAt)
            return std::nullopt;
    }
    // In the pre-queue position and estimate are null.
    const bool prequeue = saleOpensAt && json.value(QLatin1String("position")).isNull();
    const auto position = prequeue
        ? std::optional<qint64>(0)
        : JsonFields::readInteger(json, QStringLiteral("position"), 0, JsonFields::kMaxId);
    const auto wait = prequeue
        ? std::optional<qint64>(0)
        : JsonFields::readInteger(json, QStringLiteral("estimatedWaitSeconds"), 0,
                                  JsonFields::kMaxId);
    if (!status || !position || !wait)
        return std::nullopt;
    QueueStatus result{*status, *position, *wait, std::nullopt};
    if (prequeue)
        result.saleOpensAt = saleOpensAt;
    const QJsonValue concert = json.value(QLatin1String("concertId"));
    if (concert.isDouble())
        result.concertId = concert.toInteger();
    result.reason = json.value(QLatin1String("reason")).toString();
    result.soldOut = json.value(QLatin1String("soldOut")).toBool(false);
    const QJsonValue expires = json.value(QLatin1String("expiresAt"));
    if (expires.isString()) {
        result.expiresAt = JsonFields::parseTimestamp(expires.toString());
        if (!result.expiresAt)
            return std::nullopt;
    }
    return result;
}

QJsonObject QueueToken::toJson() const
{
    QJsonObject json = queue.toJson();
    json.insert(QStringLiteral("token"), token);
    json.insert(QStringLiteral("userId"), userId);
    return json;
}

std::optional<QueueToken> QueueToken::fromJson(const QJsonObject &json)
{
    const auto queue = QueueStatus::fromJson(json);
    const auto userId = JsonFields::readUuid(json, QStringLiteral("userId"));
    const QString token = json.value(QLatin1String("token")).toString();
    if (!queue || !userId || token.isEmpty())
        return std::nullopt;
    return QueueToken{token, *userId, *queue};
}
