#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

/** @brief What a queue token says about itself once its signature checks out. */
struct TokenClaims
{
    qint64 tokenId = 0; ///< the queue_tokens row, which is also the place in issue order
    QString userId; ///< canonical UUID
};

/**
 * @brief Makes and checks queue tokens: `v1.<base64url(id, user)>.<base64url(HMAC-SHA256)>`.
 *
 * A token cannot be forged without the 256-bit key every instance reads from the database
 * (`server_secrets`), and checking one needs no database round trip (api-contract.md, "Queue":
 * "401 TOKEN_INVALID for a token the server never issued").
 */
class TokenSigner
{
public:
    /** @brief @p key: at least 32 random bytes. */
    explicit TokenSigner(const QByteArray &key = {});

    void setKey(const QByteArray &key) { m_key = key; }
    [[nodiscard]] bool hasKey() const { return !m_key.isEmpty(); }

    /** @brief The token for row @p tokenId of user @p userId (canonical UUID). */
    [[nodiscard]] QString sign(qint64 tokenId, const QString &userId) const;
    /** @brief The claims of a well-formed token with a valid signature, else std::nullopt. */
    [[nodiscard]] std::optional<TokenClaims> verify(QByteArrayView token) const;

    /** @brief The token of an `Authorization: Bearer <token>` header value, else empty. */
    [[nodiscard]] static QByteArray bearerToken(const QByteArray &authorizationHeader);

    /** @brief 32 bytes from the system's cryptographic random source. */
    [[nodiscard]] static QByteArray generateKey();

private:
    QByteArray m_key;
};
