#pragma once

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <optional>

/**
 * @brief The namespace of ErrorCode, only so that Qt's meta-object system (Qt::Core, no QML)
 * knows its names: Q_ENUM_NS gives QMetaEnum, qDebug() names and, through the kiosk's
 * QML_FOREIGN_NAMESPACE declaration (kiosk/kioskerror.h), the enum in QML. Code uses the plain
 * name ErrorCode (see the using-declaration below).
 */
namespace ErrorCodes {
Q_NAMESPACE

/**
 * @brief Every error code of the HTTP contract (api-contract.md, "Conventions" and each endpoint).
 *
 * The wire name of each code is its upper-case spelling, e.g. ErrorCode::SeatUnavailable is
 * "SEAT_UNAVAILABLE". The order of the enumerators carries no meaning.
 */
enum class ErrorCode {
    InvalidArgument, ///< 400: malformed JSON, wrong type, missing or out-of-range field.
    TokenInvalid, ///< 401: missing, malformed, forged or unknown queue token.
    TokenExpired, ///< 401: the queue token was valid once.
    AdminKeyInvalid, ///< 401: missing or wrong X-Admin-Key, or no admin key configured.
    NotAdmitted, ///< 403: a valid queue token that is still WAITING.
    Forbidden, ///< 403: another user's reservation.
    NotFound, ///< 404: unknown route or entity.
    MethodNotAllowed, ///< 405: the route exists, the method does not.
    SeatUnavailable, ///< 409: at least one requested seat is not AVAILABLE.
    InsufficientBalance, ///< 409: the balance does not cover the payment.
    AlreadyPaid, ///< 409: the reservation is CONFIRMED already.
    HoldExpired, ///< 410: the hold ended before the payment.
    PayloadTooLarge, ///< 413: request body over 64 KiB.
    Internal, ///< 500: a bug or an unexpected database error; never caused by bad input.
    Unavailable, ///< 503: the database is unreachable; the client may retry.
    // Additions to v1 (December 2026)
    ApiKeyInvalid, ///< 401: a wrong or revoked X-Api-Key.
    WrongConcert, ///< 403: a queue token of another room, or a house token on a timed sale.
    Conflict, ///< 409: a change that conflicts with the current state (price of a sold date...).
    SeatLimit, ///< 409: the hold would take the user past --max-seats-per-user.
    TicketInvalid, ///< 400: a forged, altered or malformed ticket code.
    TicketCancelled, ///< 409: the ticket's reservation was cancelled.
    UriTooLong, ///< 414: a request line over 8,192 bytes.
    HeadersTooLarge, ///< 431: a header block over 16,384 bytes.
    TooManyRequests, ///< 429: a per-address rate was exceeded; Retry-After tells when to retry.
    NotImplemented, ///< 501: a method token the server does not know.
};
Q_ENUM_NS(ErrorCode)

} // namespace ErrorCodes

using ErrorCodes::ErrorCode;

/** @brief The contract's wire name of @p code, e.g. "SEAT_UNAVAILABLE". */
[[nodiscard]] QString errorCodeName(ErrorCode code);

/** @brief The code whose wire name is @p name; std::nullopt for a name the contract lacks. */
[[nodiscard]] std::optional<ErrorCode> errorCodeFromName(QStringView name);

/** @brief The HTTP status the contract gives @p code (400..503). */
[[nodiscard]] int httpStatusOf(ErrorCode code);

/**
 * @brief An error as the contract sends it:
 * `{"error": {"code": "SEAT_UNAVAILABLE", "message": "human readable text"}}`.
 */
struct ApiError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;

    [[nodiscard]] int httpStatus() const { return httpStatusOf(code); }
    [[nodiscard]] QJsonObject toJson() const;
    /** @return std::nullopt unless @p json has an "error" object with a known "code". */
    static std::optional<ApiError> fromJson(const QJsonObject &json);
};
