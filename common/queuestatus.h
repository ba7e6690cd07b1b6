#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <optional>

/** @brief Life cycle of a queue token (api-contract.md, "Queue"). */
enum class TokenStatus { Waiting, Active, Expired };

/** @brief "WAITING", "ACTIVE" or "EXPIRED". */
[[nodiscard]] QString tokenStatusName(TokenStatus status);
[[nodiscard]] std::optional<TokenStatus> tokenStatusFromName(QStringView name);

/**
 * @brief A token's place in the queue: the body of `GET /api/v1/queue/status`.
 *
 * position is 1-based among WAITING tokens of the token's room (1 = admitted next), 0 unless
 * WAITING. estimatedWaitSeconds is >= 0, 0 unless WAITING. expiresAt is set only while ACTIVE.
 * Additions to v1 ("Waiting rooms"): concertId (null: the house room), reason while EXPIRED
 * ("PAID", "TIMED_OUT", "LEFT", "ABANDONED"; empty when unknown), soldOut (written only when
 * true), and saleOpensAt while the token is in a pre-queue: position and estimatedWaitSeconds
 * are then written as null.
 */
struct QueueStatus
{
    TokenStatus status = TokenStatus::Waiting;
    qint64 position = 0;
    qint64 estimatedWaitSeconds = 0;
    std::optional<QDateTime> expiresAt;
    std::optional<qint64> concertId;
    QString reason;
    bool soldOut = false;
    std::optional<QDateTime> saleOpensAt; ///< set only while in the pre-queue

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<QueueStatus> fromJson(const QJsonObject &json);
    friend bool operator==(const QueueStatus &, const QueueStatus &) = default;
};

/** @brief The body of `POST /api/v1/queue/tokens`: the token, its user and its QueueStatus. */
struct QueueToken
{
    QString token;
    QString userId;
    QueueStatus queue;

    [[nodiscard]] QJsonObject toJson() const;
    static std::optional<QueueToken> fromJson(const QJsonObject &json);
};
