#include "services/ticketsigner.h"

#include <QMessageAuthenticationCode>
#include <QtEndian>

namespace {

constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr int kMacBytes = 16; // HMAC-SHA256 truncated to 128 bits (RFC 2104 section 5)
const QByteArray kPrefix = QByteArrayLiteral("t1.");

QByteArray macOf(const QByteArray &payload, const QByteArray &key)
{
    // "ticket" keeps a ticket's MAC from ever equalling any other MAC made with this key.
    return QMessageAuthenticationCode::hash("ticket." + payload, key, QCryptographicHash::Sha256)
        .left(kMacBytes);
}

} // namespace

TicketSigner::TicketSigner(const QByteArray &key)
    : m_key(key)
{ }

QString TicketSigner::sign(qint64 reservationId) const
{
    QByteArray payload(8, Qt::Uninitialized);
    qToBigEndian<qint64>(reservationId, payload.data());
    return QString::fromLatin1(kPrefix + payload.toBase64(kBase64) + '.'
                               + macOf(payload, m_key).toBase64(kBase64));
}

std::optional<qint64> TicketSigner::verify(QByteArrayView code) const
{
    if (m_key.isEmpty() || code.size() > 64 || !code.startsWith(kPrefix))
        return std::nullopt;
    const QByteArrayView rest = code.sliced(kPrefix.size());
    const qsizetype dot = rest.indexOf('.');
    if (dot <= 0)
        return std::nullopt;
    const QByteArray payloadText = rest.first(dot).toByteArray();
    const QByteArray macText = rest.sliced(dot + 1).toByteArray();
    const auto payload = QByteArray::fromBase64Encoding(
        payloadText, kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    const auto mac =
        QByteArray::fromBase64Encoding(macText, kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!payload || !mac || payload.decoded.size() != 8 || mac.decoded.size() != kMacBytes)
        return std::nullopt;
    const QByteArray expected = macOf(payload.decoded, m_key);
    unsigned char difference = 0; // constant time: no early exit on the first wrong byte
    for (int i = 0; i < kMacBytes; ++i)
        difference |= static_cast<unsigned char>(expected.at(i) ^ mac.decoded.at(i));
    if (difference != 0)
        return std::nullopt;
    // Only the one spelling sign() writes (no stray bits in the last base64 character).
    if (payload.decoded.toBase64(kBase64) != payloadText
        || mac.decoded.toBase64(kBase64) != macText)
        return std::nullopt;
    const qint64 id = qFromBigEndian<qint64>(payload.decoded.constData());
    if (id <= 0)
        return std::nullopt;
    return id;
}
