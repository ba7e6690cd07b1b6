// Queue tokens (api-contract.md, "Queue"): what sign() makes, verify() accepts, and nothing a
// client could forge or garble (401 TOKEN_INVALID) gets through.

#include "services/tokensigner.h"

#include <QMessageAuthenticationCode>
#include <QTest>
#include <QUuid>
#include <QtEndian>

class tst_TokenSigner : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void tokenShape();
    void everyCharacterChangeIsRejected_data();
    void everyCharacterChangeIsRejected();
    void signatureLastCharacter();
    void paddedSignatureIsRejected();
    void otherKeyRejects();
    void forgeriesAreRejected();
    void validlySignedButImpossibleClaims_data();
    void validlySignedButImpossibleClaims();
    void malformedTokens_data();
    void malformedTokens();
    void bearerToken_data();
    void bearerToken();
    void generateKey();
};

namespace {

const QByteArray kKey =
    QByteArray::fromHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
const QString kUser = QStringLiteral("123e4567-e89b-12d3-a456-426614174000");
const QByteArray kAlphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

// A token with any payload, signed with @p key the way TokenSigner signs.
QByteArray handMade(const QByteArray &payload, const QByteArray &key = kKey)
{
    const QByteArray mac =
        QMessageAuthenticationCode::hash(payload, key, QCryptographicHash::Sha256);
    return "v1." + payload.toBase64(kBase64) + '.' + mac.toBase64(kBase64);
}

QByteArray payloadOf(qint64 id, const QString &user)
{
    QByteArray payload(8, '\0');
    qToBigEndian<qint64>(id, payload.data());
    return payload + QUuid::fromString(user).toRfc4122();
}

QByteArray sampleToken()
{
    return TokenSigner(kKey).sign(42, kUser).toLatin1();
}

} // namespace

void tst_TokenSigner::roundTrip_data()
{
    QTest::addColumn<qint64>("tokenId");
    QTest::addColumn<QString>("user");

    QTest::addRow("first token") << qint64(1) << kUser;
    QTest::addRow("token 42") << qint64(42) << kUser;
    QTest::addRow("largest id") << std::numeric_limits<qint64>::max() << kUser;
    QTest::addRow("upper-case user comes back canonical") << qint64(7) << kUser.toUpper();
    QTest::addRow("nil user") << qint64(7)
                              << QStringLiteral("00000000-0000-0000-0000-000000000000");
}

void tst_TokenSigner::roundTrip()
{
    QFETCH(qint64, tokenId);
    QFETCH(QString, user);

    const TokenSigner signer(kKey);
    QVERIFY(signer.hasKey());
    const QString token = signer.sign(tokenId, user);
    const auto claims = signer.verify(token.toLatin1());
    QVERIFY(claims);
    QCOMPARE(claims->tokenId, tokenId);
    QCOMPARE(claims->userId, user.toLower());

    // Another instance with the same key (the key lives in the database) accepts it too.
    QVERIFY(TokenSigner(kKey).verify(token.toLatin1()));
}

void tst_TokenSigner::tokenShape()
{
    const TokenSigner signer(kKey);
    const QString token = signer.sign(42, kUser);
    QVERIFY(token.startsWith(QLatin1String("v1.")));
    const QStringList parts = token.split(u'.');
    QCOMPARE(parts.size(), 3);
    QVERIFY(token.size() <= 200);
    // Safe in a header without quoting: base64url and dots only.
    for (QChar c : token.mid(3))
        QVERIFY2(c == u'.' || kAlphabet.contains(char(c.unicode())), qPrintable(token));

    // Deterministic for one key and claims; different for other claims.
    QCOMPARE(signer.sign(42, kUser), token);
    QVERIFY(signer.sign(43, kUser) != token);
    QVERIFY(signer.sign(42, QStringLiteral("123e4567-e89b-12d3-a456-426614174001")) != token);
}

void tst_TokenSigner::everyCharacterChangeIsRejected_data()
{
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to"); // exclusive

    const QByteArray token = sampleToken();
    const int firstDot = 2;
    const int secondDot = token.lastIndexOf('.');
    QTest::addRow("version prefix") << 0 << firstDot;
    QTest::addRow("first separator") << firstDot << firstDot + 1;
    QTest::addRow("claims") << firstDot + 1 << secondDot;
    QTest::addRow("second separator") << secondDot << secondDot + 1;
    // The last character carries two padding bits: signatureLastCharacter() covers it.
    QTest::addRow("signature but its last character") << secondDot + 1 << int(token.size()) - 1;
}

void tst_TokenSigner::everyCharacterChangeIsRejected()
{
    QFETCH(int, from);
    QFETCH(int, to);

    const TokenSigner signer(kKey);
    const QByteArray token = sampleToken();
    QVERIFY(signer.verify(token));
    const QByteArray replacements = kAlphabet + ".=+/ ";
    int tried = 0;
    for (int i = from; i < to; ++i) {
        for (char c : replacements) {
            if (c == token.at(i))
                continue;
            QByteArray changed = token;
            changed[i] = c;
            ++tried;
            QVERIFY2(!signer.verify(changed),
                     qPrintable(QStringLiteral("accepted with '%1' at %2: %3")
                                    .arg(QLatin1Char(c))
                                    .arg(i)
                                    .arg(QString::fromLatin1(changed))));
        }
    }
    QVERIFY(tried > 0);
}

void tst_TokenSigner::signatureLastCharacter()
{
    const TokenSigner signer(kKey);
    const QByteArray token = sampleToken();
    const int last = int(token.size()) - 1;
    const int original = int(kAlphabet.indexOf(token.at(last)));
    QVERIFY(original >= 0);

    // 32 bytes of HMAC take 43 base64 characters; the last holds 4 bits of the MAC and 2 bits
    // that the decoder ignores.
    int sameBitsAccepted = 0;
    for (int value = 0; value < 64; ++value) {
        if (value == original)
            continue;
        QByteArray changed = token;
        changed[last] = kAlphabet.at(value);
        const bool accepted = signer.verify(changed).has_value();
        if ((value >> 2) != (original >> 2))
            QVERIFY2(!accepted, changed.constData()); // a different MAC
        else if (accepted)
            ++sameBitsAccepted;
    }
    QCOMPARE(sameBitsAccepted, 0);
}

void tst_TokenSigner::paddedSignatureIsRejected()
{
    const TokenSigner signer(kKey);
    const QByteArray token = sampleToken();
    QVERIFY(!signer.verify(token + "=="));
    QVERIFY(!signer.verify(token + "A"));
    QVERIFY(!signer.verify(token + "."));
    QVERIFY(!signer.verify(token + "="));
}

void tst_TokenSigner::otherKeyRejects()
{
    const QByteArray token = sampleToken();
    QByteArray otherKey = kKey;
    otherKey[31] = char(otherKey.at(31) ^ 1);
    QVERIFY(!TokenSigner(otherKey).verify(token));
    QVERIFY(!TokenSigner(TokenSigner::generateKey()).verify(token));

    // Without a key nothing is valid, not even a token signed with the empty key.
    const TokenSigner keyless;
    QVERIFY(!keyless.hasKey());
    QVERIFY(!keyless.verify(token));
    QVERIFY(!keyless.verify(keyless.sign(42, kUser).toLatin1()));
}

void tst_TokenSigner::forgeriesAreRejected()
{
    const TokenSigner signer(kKey);
    const QByteArray token42 = signer.sign(42, kUser).toLatin1();
    const QByteArray token43 = signer.sign(43, kUser).toLatin1();

    // Claims of one token with the signature of another.
    const QByteArray claims43 = token43.mid(3, token43.lastIndexOf('.') - 3);
    const QByteArray mac42 = token42.mid(token42.lastIndexOf('.') + 1);
    QVERIFY(!signer.verify("v1." + claims43 + '.' + mac42));

    // Claims signed with a guessed key.
    QVERIFY(!signer.verify(handMade(payloadOf(1, kUser), QByteArray(32, '\0'))));
    QVERIFY(!signer.verify(handMade(payloadOf(1, kUser), QByteArray())));

    // The same claims, properly signed, are accepted: handMade() signs as TokenSigner does.
    QVERIFY(signer.verify(handMade(payloadOf(1, kUser))));
}

void tst_TokenSigner::validlySignedButImpossibleClaims_data()
{
    QTest::addColumn<QByteArray>("payload");

    QTest::addRow("token id 0") << payloadOf(0, kUser);
    QTest::addRow("negative token id") << payloadOf(-5, kUser);
    QTest::addRow("payload one byte short") << payloadOf(1, kUser).chopped(1);
    QTest::addRow("payload one byte long") << payloadOf(1, kUser) + 'x';
    QTest::addRow("empty payload") << QByteArray();
}

void tst_TokenSigner::validlySignedButImpossibleClaims()
{
    QFETCH(QByteArray, payload);
    QVERIFY(!TokenSigner(kKey).verify(handMade(payload)));
}

void tst_TokenSigner::malformedTokens_data()
{
    QTest::addColumn<QByteArray>("token");

    const QByteArray token = sampleToken();
    const int secondDot = int(token.lastIndexOf('.'));
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("prefix only") << QByteArray("v1.");
    QTest::addRow("dots only") << QByteArray("v1..");
    QTest::addRow("other version") << "v2" + token.mid(2);
    QTest::addRow("upper-case version") << "V1" + token.mid(2);
    QTest::addRow("no version") << token.mid(3);
    QTest::addRow("claims without signature") << token.left(secondDot);
    QTest::addRow("claims and a separator without signature") << token.left(secondDot + 1);
    QTest::addRow("extra part") << token + ".AAAA";
    QTest::addRow("leading space") << ' ' + token;
    QTest::addRow("trailing space") << token + ' ';
    QTest::addRow("trailing newline") << token + '\n';
    QTest::addRow("standard base64 alphabet instead of base64url") << [] {
        // A valid token that uses '-' or '_', spelt with '+' and '/'.
        const TokenSigner signer(kKey);
        for (qint64 id = 1;; ++id) {
            QByteArray valid = signer.sign(id, kUser).toLatin1();
            if (valid.contains('-') || valid.contains('_'))
                return valid.replace('-', '+').replace('_', '/');
        }
    }();
    QTest::addRow("over 200 characters") << token + QByteArray(200, 'A');
    QTest::addRow("JWT-looking") << QByteArray("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln");
    QTest::addRow("bearer header instead of token") << "Bearer " + token;
}

void tst_TokenSigner::malformedTokens()
{
    QFETCH(QByteArray, token);
    QVERIFY(!TokenSigner(kKey).verify(token));
}

void tst_TokenSigner::bearerToken_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QByteArray>("token"); // empty: no token

    QTest::addRow("Bearer x") << QByteArray("Bearer v1.a.b") << QByteArray("v1.a.b");
    QTest::addRow("bearer x (lower-case scheme)")
        << QByteArray("bearer v1.a.b") << QByteArray("v1.a.b");
    QTest::addRow("BEARER x (upper-case scheme)")
        << QByteArray("BEARER v1.a.b") << QByteArray("v1.a.b");
    QTest::addRow("surrounding spaces are ignored")
        << QByteArray("  Bearer v1.a.b  ") << QByteArray("v1.a.b");
    QTest::addRow("several spaces after the scheme")
        << QByteArray("Bearer    v1.a.b") << QByteArray("v1.a.b");
    QTest::addRow("Basic x is no bearer token") << QByteArray("Basic dXNlcjpwYXNz") << QByteArray();
    QTest::addRow("empty header") << QByteArray() << QByteArray();
    QTest::addRow("scheme alone") << QByteArray("Bearer") << QByteArray();
    QTest::addRow("scheme and space alone") << QByteArray("Bearer ") << QByteArray();
    QTest::addRow("no space after the scheme") << QByteArray("Bearerv1.a.b") << QByteArray();
    QTest::addRow("token without a scheme") << QByteArray("v1.a.b") << QByteArray();
    QTest::addRow("other scheme named Token") << QByteArray("Token v1.a.b") << QByteArray();
}

void tst_TokenSigner::bearerToken()
{
    QFETCH(QByteArray, header);
    QFETCH(QByteArray, token);
    QCOMPARE(TokenSigner::bearerToken(header), token);
}

void tst_TokenSigner::generateKey()
{
    const QByteArray a = TokenSigner::generateKey();
    const QByteArray b = TokenSigner::generateKey();
    QCOMPARE(a.size(), 32);
    QCOMPARE(b.size(), 32);
    QVERIFY(a != b);
    QVERIFY(a != QByteArray(32, '\0'));

    // A key made here signs tokens that only it accepts.
    const QString token = TokenSigner(a).sign(5, kUser);
    QVERIFY(TokenSigner(a).verify(token.toLatin1()));
    QVERIFY(!TokenSigner(b).verify(token.toLatin1()));
}

QTEST_GUILESS_MAIN(tst_TokenSigner)
#include "tst_tokensigner.moc"
