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
    return QJsonObject{
        {QStringLiteral("status"), tokenStatusName(status)},
        {QStringLiteral("position"), position},
        {QStringLiteral("estimatedWaitSeconds"), estimatedWaitSeconds},
        {QStringLiteral("expiresAt"), JsonFields::timestampOrNull(expiresAt)},
    };
}

std::optional<QueueStatus> QueueStatus::fromJson(const QJsonObject &json)
{
    const auto status = tokenStatusFromName(json.value(QLatin1String("status")).toString());
    const auto position =
        JsonFields::readInteger(json, QStringLiteral("position"), 0, JsonFields::kMaxId);
    const auto wait = JsonFields::readInteger(json, QStringLiteral("estimatedWaitSeconds"), 0,
                                              JsonFields::kMaxId);
    if (!status || !position || !wait)
        return std::nullopt;
    QueueStatus result{*status, *position, *wait, std::nullopt};
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
