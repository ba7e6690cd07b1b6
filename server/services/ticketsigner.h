#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

/**
 * @brief Makes and checks ticket codes (api-contract.md, "Reservations: release, history":
 * "an opaque signed string ... it cannot be forged or altered").
 *
 * A ticket code is `t1.<base64url(reservation id, 8 bytes big-endian)>.<base64url(the first 16
 * bytes of HMAC-SHA256)>`, 37 ASCII characters (short enough for a small QR code). The key is
 * 32 random bytes every instance reads from `server_secrets` (name `ticket-hmac`), stored like
 * the queue token key but separate from it, so that the two can be rotated independently.
 * Checking a code needs no database round trip; the comparison takes constant time.
 */
class TicketSigner
{
public:
    /** @brief @p key: at least 32 random bytes (TokenSigner::generateKey()). */
    explicit TicketSigner(const QByteArray &key = {});

    void setKey(const QByteArray &key) { m_key = key; }
    [[nodiscard]] bool hasKey() const { return !m_key.isEmpty(); }

    /** @brief The ticket code of reservation @p reservationId (1..2^63-1). */
    [[nodiscard]] QString sign(qint64 reservationId) const;
    /**
     * @brief The reservation id of a well-formed code with a valid signature; std::nullopt for
     * anything else (forged, altered, truncated, another spelling of the same bytes).
     */
    [[nodiscard]] std::optional<qint64> verify(QByteArrayView code) const;

private:
    QByteArray m_key;
};
