#pragma once

#include "apierror.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

/**
 * @brief What can go wrong between the kiosk and concert-server, as QML sees it.
 *
 * Every ErrorCode of the HTTP contract (common/apierror.h) has a value here with the same name,
 * plus two that only a client can observe: Unreachable (no HTTP answer at all: connection
 * refused, DNS failure, time-out) and BadResponse (an answer that does not follow the contract).
 */
namespace KioskError {
Q_NAMESPACE
QML_ELEMENT

enum Code {
    None,
    InvalidArgument,
    TokenInvalid,
    TokenExpired,
    AdminKeyInvalid,
    NotAdmitted,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    SeatUnavailable,
    InsufficientBalance,
    AlreadyPaid,
    HoldExpired,
    PayloadTooLarge,
    Internal,
    Unavailable,
    Unreachable, ///< No HTTP answer: the server is down, unreachable or too slow.
    BadResponse, ///< An answer whose status or body the contract does not allow.
};
Q_ENUM_NS(Code)

/** @brief The kiosk code for a contract error code; a one-to-one mapping. */
[[nodiscard]] Code fromErrorCode(ErrorCode code);

/** @brief A stable name for logs and tests: the contract's wire name, or "UNREACHABLE" etc. */
[[nodiscard]] QString name(Code code);

/** @brief True for the codes after which the same request may simply be sent again later. */
[[nodiscard]] bool isTransient(Code code);

} // namespace KioskError
