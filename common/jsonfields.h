#pragma once

#include <QByteArrayView>
#include <QDate>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <limits>
#include <optional>

/**
 * @brief Strict readers and writers for the scalar formats of the HTTP contract
 * (api-contract.md, "Conventions"). Every reader returns std::nullopt for input the contract
 * calls malformed and, when @p why is given, stores a one-line reason naming the field.
 */
namespace JsonFields {

/** @brief Largest id the contract accepts: 2^63-1. */
inline constexpr qint64 kMaxId = std::numeric_limits<qint64>::max();

/** @brief ISO-8601 UTC with a Z suffix and whole seconds, e.g. "2027-03-01T10:15:30Z". */
[[nodiscard]] QString formatTimestamp(const QDateTime &utc);
/** @brief Parses what formatTimestamp() writes (fractions of a second allowed); UTC result. */
[[nodiscard]] std::optional<QDateTime> parseTimestamp(QStringView text);

/** @brief "YYYY-MM-DD". */
[[nodiscard]] QString formatDate(QDate date);
/** @brief Exactly "YYYY-MM-DD" naming a real calendar day (no 2027-02-30). */
[[nodiscard]] std::optional<QDate> parseDate(QStringView text);

/**
 * @brief The canonical (lower-case, 8-4-4-4-12 hex digits) form of an RFC 4122 UUID string.
 * Upper-case hex is accepted and lower-cased; braces, URNs and other spellings are not.
 */
[[nodiscard]] std::optional<QString> canonicalUuid(QStringView text);

/** @brief A decimal id from a URL path: digits only, 1 .. 2^63-1. */
[[nodiscard]] std::optional<qint64> parseId(QStringView text);

/**
 * @brief The integer at @p key of @p object, within [@p min, @p max].
 * A missing key, a non-number, a number with a fraction and a number out of range are all
 * rejected with a reason in @p why.
 */
[[nodiscard]] std::optional<qint64> readInteger(const QJsonObject &object, const QString &key,
                                                qint64 min, qint64 max, QString *why = nullptr);
/** @brief The same check for a bare JSON value; @p name is used in the reason. */
[[nodiscard]] std::optional<qint64> integerValue(const QJsonValue &value, const QString &name,
                                                 qint64 min, qint64 max, QString *why = nullptr);

/** @brief The string at @p key, 1..@p maxLength characters after trimming. */
[[nodiscard]] std::optional<QString> readString(const QJsonObject &object, const QString &key,
                                                int maxLength, QString *why = nullptr);

/** @brief The date ("YYYY-MM-DD") at @p key. */
[[nodiscard]] std::optional<QDate> readDate(const QJsonObject &object, const QString &key,
                                            QString *why = nullptr);

/** @brief The UUID at @p key, canonicalised. */
[[nodiscard]] std::optional<QString> readUuid(const QJsonObject &object, const QString &key,
                                              QString *why = nullptr);

/**
 * @brief Checks a request body for what QJsonDocument accepts but the contract refuses
 * (api-contract.md, "Limits at the edge", JSON): a number with a fraction or an exponent
 * (`1e1`, `1.0`, `1.`; every number of the contract is an integer), a key repeated in one
 * object, a string with an unpaired surrogate, a control character U+0000..U+001F (raw or
 * escaped) or invalid UTF-8, and any other malformed JSON. @return std::nullopt when the
 * body is acceptable, else a one-line reason for 400 INVALID_ARGUMENT.
 */
[[nodiscard]] std::optional<QString> strictJsonProblem(QByteArrayView body);

/** @brief A timestamp or JSON null (std::nullopt inside) at @p key. */
[[nodiscard]] QJsonValue timestampOrNull(const std::optional<QDateTime> &utc);

} // namespace JsonFields
