#include "services/tokensigner.h"

#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QUuid>
#include <QtEndian>

namespace {

constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
constexpr int kPayloadSize = 8 + 16; // token id (big-endian) + user UUID bytes

} // namespace

TokenSigner::TokenSigner(const QByteArray &key)
    : m_key(key)
{ }

QString TokenSigner::sign(qint64 tokenId, const QString &userId) const
{
    QByteArray payload(kPayloadSize, Qt::Uninitialized);
    qToBigEndian<qint64>(tokenId, payload.data());
    const QByteArray uuid = QUuid::fromString(userId).toRfc4122();
    std::copy(uuid.begin(), uuid.end(), payload.begin() + 8);
    const QByteArray mac =
        QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256);
    return QStringLiteral("v1.") + QString::fromLatin1(payload.toBase64(kBase64)) + u'.'
        + QString::fromLatin1(mac.toBase64(kBase64));
}

std::optional<TokenClaims> TokenSigner::verify(QByteArrayView token) const
{
    if (m_key.isEmpty() || token.size() > 200 || !token.startsWith("v1."))
        return std::nullopt;
    const QByteArrayView rest = token.sliced(3);
    const qsizetype dot = rest.indexOf('.');
    if (dot <= 0)
        return std::nullopt;
    const auto decodedPayload = QByteArray::fromBase64Encoding(
        rest.first(dot).toByteArray(), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    const auto decodedMac = QByteArray::fromBase64Encoding(
        rest.sliced(dot + 1).toByteArray(), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!decodedPayload || !decodedMac)
        return std::nullopt;
    const QByteArray *payload = &decodedPayload.decoded;
    const QByteArray *mac = &decodedMac.decoded;
    if (payload->size() != kPayloadSize || mac->size() != 32)
        return std::nullopt;
    const QByteArray expected =
        QMessageAuthenticationCode::hash(*payload, m_key, QCryptographicHash::Sha256);
    // Constant-time comparison: no early exit that would leak how much of a forgery matched.
    unsigned char difference = 0;
    for (int i = 0; i < 32; ++i)
        difference |= static_cast<unsigned char>(expected.at(i) ^ mac->at(i));
    if (difference != 0)
        return std::nullopt;
    // Only the one spelling sign() writes: no padding, no stray bits in the last characters.
    if (payload->toBase64(kBase64) != rest.first(dot)
        || mac->toBase64(kBase64) != rest.sliced(dot + 1))
        return std::nullopt;
    const qint64 id = qFromBigEndian<qint64>(payload->constData());
    if (id <= 0)
        return std::nullopt;
    const QUuid uuid = QUuid::fromRfc4122(QByteArrayView(*payload).sliced(8));
    return TokenClaims{id, uuid.toString(QUuid::WithoutBraces)};
}

QByteArray TokenSigner::bearerToken(const QByteArray &authorizationHeader)
{
    const QByteArray value = authorizationHeader.trimmed();
    if (value.size() < 8 || value.left(7).toLower() != "bearer ")
        return {};
    return value.mid(7).trimmed();
}

QByteArray TokenSigner::generateKey()
{
    QByteArray key(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(key.data()), 8);
    return key;
}
